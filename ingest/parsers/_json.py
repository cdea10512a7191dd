"""JSON job-board responses: loading, recognising each board's shape, and reading values."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ingest.errors import ParseError
from ingest.parsers import ParseResult
from ingest.records import RawEntry

# How many postings are looked at to recognise a board: enough to outvote one odd item.
_SAMPLE = 5


def load_json(content: bytes) -> Any:
    """Decode JSON (UTF-8/16/32, with or without a BOM); raise ParseError saying where it breaks."""
    try:
        # json.loads on bytes detects UTF-16/32 and a UTF-8 BOM by itself.
        return json.loads(content)
    except UnicodeDecodeError as exc:
        raise ParseError(f"not valid JSON: the file is not UTF-8 text (bad byte at position {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    except RecursionError as exc:
        raise ParseError("not valid JSON for this site: it is nested too deeply to read") from exc


def text(value: Any) -> str | None:
    """Return a value as stripped text, or None when it is missing, empty or not a scalar."""
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return None
    result = str(value).strip()
    return result or None


def dig(data: Any, *path: str | int) -> Any:
    """Return data[path[0]][path[1]]…, or None as soon as a step is missing."""
    for step in path:
        if isinstance(step, int):
            data = data[step] if isinstance(data, list) and -len(data) <= step < len(data) else None
        else:
            data = data.get(step) if isinstance(data, dict) else None
        if data is None:
            return None
    return data


def obj(value: Any) -> dict[str, Any]:
    """Return value when it is an object, else an empty one."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """Return value as a list: a list as is, None as [], anything else wrapped."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def dicts(value: Any) -> Iterator[dict[str, Any]]:
    """Yield the objects in a list (or the one object), skipping anything else."""
    return (item for item in as_list(value) if isinstance(item, dict))


def texts(values: Iterable[Any]) -> tuple[str, ...]:
    """Return the non-empty texts among values, in order, without repeats."""
    return tuple(dict.fromkeys(t for t in (text(v) for v in values) if t))


def label(value: Any) -> str | None:
    """Return a label from a plain value or an object with a name/label/text."""
    if isinstance(value, dict):
        return text(value.get("label")) or text(value.get("name")) or text(value.get("text"))
    return text(value)


# --- Recognising a board by its keys ---------------------------------------------------

def _keys(items: Iterable[Any]) -> set[str]:
    found: set[str] = set()
    for item in list(dicts(list(items)))[:_SAMPLE]:
        found.update(item)
    return found


# Keys only one board's postings carry; the board with the most matches wins.
_JOBS_BOARD_KEYS: dict[str, frozenset[str]] = {
    "greenhouse": frozenset({"absolute_url", "internal_job_id", "first_published", "updated_at", "metadata",
                             "requisition_id", "data_compliance"}),
    "ashby": frozenset({"jobUrl", "descriptionHtml", "descriptionPlain", "isListed", "publishedAt",
                        "workplaceType", "secondaryLocations", "shouldDisplayCompensationOnJobPostings"}),
    "workable": frozenset({"shortcode", "shortlink", "published_on", "telecommuting", "application_url",
                           "employment_type", "full_title"}),
}


def _jobs_board(data: dict[str, Any]) -> str:
    """Return which board wrote a ``{"jobs": [...]}`` response (Greenhouse when unsure)."""
    keys = _keys(data["jobs"])
    scores = {board: len(keys & marks) for board, marks in _JOBS_BOARD_KEYS.items()}
    if "apiVersion" in data:
        scores["ashby"] += 2  # Ashby's posting API answers {"apiVersion": "1", "jobs": [...]}
    best = max(scores, key=lambda board: scores[board])
    # Greenhouse stays the answer for a bare {"jobs": [...]}: it was this site's first board.
    return best if scores[best] > scores["greenhouse"] else "greenhouse"


def _is_lever(items: list[Any]) -> bool:
    keys = _keys(items)
    return "text" in keys and bool(keys & {"hostedUrl", "applyUrl", "categories", "lists", "descriptionPlain"})


def _is_lever_grouped(items: list[Any]) -> bool:
    # Lever's ?group=team answer: [{"title": "Team", "postings": [...]}].
    return all(isinstance(item, dict) and isinstance(item.get("postings"), list) for item in items[:_SAMPLE])


def _is_internship_list(items: list[Any]) -> bool:
    keys = _keys(items)
    return ("title" in keys and bool(keys & {"company_name", "name"}) and bool(keys & {"url", "site_link"})
            and bool(keys & {"is_closed", "active", "is_visible", "date_posted", "terms", "season"}))


def _is_smartrecruiters(items: list[Any]) -> bool:
    keys = _keys(items)
    return "name" in keys and bool(keys & {"refNumber", "releasedDate", "typeOfEmployment", "jobAdId", "ref"})


def _is_workable_results(items: list[Any]) -> bool:
    keys = _keys(items)
    return "shortcode" in keys and "title" in keys


def _has_type(data: Any, names: frozenset[str]) -> bool:
    nodes = as_list(data.get("@graph")) if isinstance(data, dict) and "@graph" in data else as_list(data)
    for node in dicts(nodes):
        types = {str(t).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for t in as_list(node.get("@type"))}
        if types & names:
            return True
    return False


JSONLD_TYPES = frozenset({"JobPosting", "EducationalOccupationalProgram"})

# Ordered: the first shape that fits names the format. Each test looks only at keys.
_SHAPES: tuple[tuple[str, Callable[[Any], bool]], ...] = (
    ("workday", lambda d: isinstance(d, dict) and isinstance(d.get("jobPostings"), list)),
    ("usajobs", lambda d: isinstance(d, dict) and isinstance(dig(d, "SearchResult", "SearchResultItems"), list)),
    ("jsonfeed", lambda d: isinstance(d, dict) and "jsonfeed.org/version" in str(d.get("version", ""))),
    ("jsonld", lambda d: (isinstance(d, (dict, list)) and _has_type(d, JSONLD_TYPES))),
    ("smartrecruiters", lambda d: isinstance(d, dict) and isinstance(d.get("content"), list)
     and (_is_smartrecruiters(d["content"]) or {"totalFound", "offset"} <= set(d))),
    ("smartrecruiters", lambda d: isinstance(d, dict) and "jobAd" in d and "name" in d),
    ("workable", lambda d: isinstance(d, dict) and isinstance(d.get("results"), list)
     and _is_workable_results(d["results"])),
    ("lever", lambda d: isinstance(d, list) and (not d or _is_lever(d) or _is_lever_grouped(d))),
    ("lever", lambda d: isinstance(d, dict) and _is_lever([d])),
    ("lever", lambda d: isinstance(d, dict) and isinstance(d.get("data"), list) and _is_lever(d["data"])),
    ("internship_list", lambda d: isinstance(d, list) and _is_internship_list(d)),
    ("internship_list", lambda d: isinstance(d, dict) and isinstance(d.get("listings"), list)
     and _is_internship_list(d["listings"])),
)


def json_format(data: Any) -> str:
    """Return the format name a decoded JSON document's shape belongs to; raise ParseError if none."""
    if isinstance(data, dict) and isinstance(data.get("jobs"), list):
        return _jobs_board(data)
    for name, fits in _SHAPES:
        if fits(data):
            return name
    raise ParseError(f"JSON has no 'jobs' list or other list of postings this site reads (found {describe(data)})")


def describe(data: Any) -> str:
    """Return a short description of a JSON value's shape, for error messages."""
    if isinstance(data, dict):
        keys = list(data)
        shown = ", ".join(keys[:8]) + (", …" if len(keys) > 8 else "")
        return f"an object with keys: {shown}" if keys else "an empty object"
    if isinstance(data, list):
        inner = next(dicts(data), None)
        if inner is not None:
            return f"a list of {len(data)} items whose first has keys: {', '.join(list(inner)[:8])}"
        return f"a list of {len(data)} items, none an object"
    return f"a single {type(data).__name__} value"


def require_list(data: Any, key: str, what: str) -> list[Any]:
    """Return data[key] when it is a list; raise a ParseError naming the expected shape otherwise."""
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list):
        raise ParseError(f"expected {what} with a '{key}' list, found {describe(data)}")
    return value


def board_entries(postings: list[Any], entry: Callable[[dict[str, Any]], RawEntry], *, noun: str = "posting",
                  title: str = "title", missing: str = "title",
                  skip: Callable[[dict[str, Any]], str | None] | None = None) -> ParseResult:
    """Read a board's postings with ``entry``; one with no ``title`` (or that ``skip`` gives a reason for) becomes a warning.

    ``noun`` and ``missing`` word the warning as the board does: "job 3 has no title".
    """
    entries, warnings = [], []
    if not postings:
        warnings.append("the response lists no postings")
    for number, posting in enumerate(postings, 1):
        if not isinstance(posting, dict) or not text(posting.get(title)):
            warnings.append(f"{noun} {number} has no {missing}; skipped")
        elif skip is not None and (reason := skip(posting)):
            warnings.append(f"{noun} {number} {reason}; skipped")
        else:
            entries.append(entry(posting))
    return ParseResult(entries=tuple(entries), warnings=tuple(warnings))
