"""One search, as a value: parsed from a URL, turned back into one, described in words.

The search page, and later the API and feeds, all read a ListingQuery, so the filter
logic exists once.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, ClassVar, Iterable, Mapping

from tracker import taxonomy

SORTS = ("relevance", "deadline", "newest")
MIN_AGE_ASKED, MAX_AGE_ASKED = 12, 99


class Args:
    """The bits of a request's query string this module reads (a werkzeug MultiDict fits)."""

    def __init__(self, mapping: Any) -> None:
        self._mapping = mapping

    def get(self, key: str) -> str:
        value = self._mapping.get(key)
        return str(value).strip() if value is not None else ""

    def getlist(self, key: str) -> list[str]:
        if hasattr(self._mapping, "getlist"):
            values = self._mapping.getlist(key)
        else:
            value = self._mapping.get(key)
            values = value if isinstance(value, list) else [] if value is None else [value]
        return [str(v).strip() for v in values if v is not None and str(v).strip()]


@dataclass(frozen=True)
class ListingQuery:
    text: str = ""
    kinds: tuple[str, ...] = ()
    pathways: tuple[str, ...] = ()
    age: int | None = None
    pay: tuple[str, ...] = ()
    work_modes: tuple[str, ...] = ()
    deadline_within: int | None = None
    sort: str = "relevance"
    page: int = 1

    DEADLINE_WINDOWS: ClassVar[tuple[int, ...]] = (7, 30)
    # URL parameter for each field; short because people share and print these links.
    PARAMS: ClassVar[dict[str, str]] = {
        "text": "q", "kinds": "kind", "pathways": "pathway", "age": "age", "pay": "pay",
        "work_modes": "mode", "deadline_within": "deadline", "sort": "sort", "page": "page",
    }
    CHOICES: ClassVar[Mapping[str, frozenset[str]]] = {
        "kinds": taxonomy.KIND_SLUGS,
        "pathways": taxonomy.PATHWAY_SLUGS,
        "pay": taxonomy.PAY_STATUS_SLUGS,
        "work_modes": taxonomy.WORK_MODE_SLUGS,
    }

    @classmethod
    def from_args(cls, mapping: Any, max_text_length: int = 200) -> tuple[ListingQuery, list[str]]:
        """Read a query from URL arguments; return it with a message for each value ignored."""
        args = Args(mapping)
        problems: list[str] = []
        text = " ".join(args.get("q").split())
        if len(text) > max_text_length:
            text = text[:max_text_length].rsplit(" ", 1)[0] or text[:max_text_length]
            problems.append(f"Your search was shortened to its first {max_text_length} characters.")

        chosen: dict[str, tuple[str, ...]] = {}
        for name, allowed in cls.CHOICES.items():
            param = cls.PARAMS[name]
            values = _unique(args.getlist(param))
            unknown = [v for v in values if v not in allowed]
            if unknown:
                problems.append(f"Ignored {param}={', '.join(unknown)}: not a known choice.")
            chosen[name] = tuple(v for v in values if v in allowed)

        age = _whole_number(args.get("age"))
        if args.get("age") and (age is None or not MIN_AGE_ASKED <= age <= MAX_AGE_ASKED):
            problems.append(f"Ignored age “{args.get('age')[:20]}”: enter an age from {MIN_AGE_ASKED} to {MAX_AGE_ASKED}.")
            age = None

        deadline = _whole_number(args.get("deadline"))
        if args.get("deadline") and deadline not in cls.DEADLINE_WINDOWS:
            problems.append("Ignored the deadline filter: choose this week or this month.")
            deadline = None

        sort = args.get("sort") or "relevance"
        if sort not in SORTS:
            problems.append(f"Ignored sort “{sort[:20]}”: sorted by relevance.")
            sort = "relevance"

        page = _whole_number(args.get("page"))
        if args.get("page") and (page is None or page < 1):
            problems.append("Ignored the page number: showing the first page.")
        page = page if page and page >= 1 else 1

        query = cls(text=text, age=age, deadline_within=deadline, sort=sort, page=page, **chosen)
        return query, problems

    def to_args(self, **changes: Any) -> dict[str, Any]:
        """Return URL arguments for this query with ``changes`` applied; defaults are left out."""
        query = replace(self, **changes) if changes else self
        args: dict[str, Any] = {}
        for f in fields(query):
            value = getattr(query, f.name)
            if value in ((), None, "") or (f.name == "sort" and value == "relevance") or (f.name == "page" and value == 1):
                continue
            args[self.PARAMS[f.name]] = list(value) if isinstance(value, tuple) else value
        return args

    def toggled(self, name: str, value: str) -> dict[str, Any]:
        """Return URL arguments with ``value`` added to or removed from a multi-choice filter."""
        current: tuple[str, ...] = getattr(self, name)
        new = tuple(v for v in current if v != value) if value in current else current + (value,)
        return self.to_args(**{name: new, "page": 1})

    @property
    def is_filtered(self) -> bool:
        return bool(self.kinds or self.pathways or self.age is not None or self.pay
                    or self.work_modes or self.deadline_within is not None)

    def describe(self, total: int) -> str:
        """Say in words what the results are, e.g. '12 paid internships for age 16'."""
        kinds = " or ".join(taxonomy.label(taxonomy.KINDS, k).lower() for k in self.kinds)
        noun = f"{kinds} opportunities" if kinds and len(self.kinds) > 1 else (_plural(kinds, total) if kinds else _plural("opportunity", total))
        parts = [f"{total:,}"]
        if self.pay:
            parts.append(" or ".join(taxonomy.label(taxonomy.PAY_STATUSES, p).lower() for p in self.pay))
        if self.work_modes:
            parts.append(" or ".join(taxonomy.label(taxonomy.WORK_MODES, m).lower() for m in self.work_modes))
        parts.append(noun)
        if self.pathways:
            parts.append("in " + " or ".join(taxonomy.label(taxonomy.PATHWAYS, p) for p in self.pathways))
        if self.text:
            parts.append(f"matching “{self.text}”")
        if self.age is not None:
            parts.append(f"open to age {self.age}")
        if self.deadline_within is not None:
            parts.append("closing this week" if self.deadline_within == 7 else "closing within 30 days")
        return " ".join(parts)


def _plural(noun: str, count: int) -> str:
    if count == 1:
        return noun
    if noun.endswith("y") and not noun.endswith(("ay", "ey", "oy")):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "sh", "ch")):
        return noun + "es"
    return noun + "s"


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _whole_number(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 6 else None
