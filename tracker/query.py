"""One search, as a value: parsed from a URL, turned back into one, described in words.

The search page, the API and the feeds all read a ListingQuery, so the filter logic
exists once; each filter is declared in tracker/filter_registry.py.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from dataclasses import dataclass, fields, replace
from dataclasses import field as dataclass_field
from typing import Any, ClassVar

from tracker import filter_registry as registry
from tracker import geo
from tracker.filter_registry import (GRADES, MAX_AGE_ASKED, MIN_AGE_ASKED, SEASON_SLUGS, SEASONS,  # noqa: F401
                                     BY_FIELD, CHOICE_FILTERS, FILTERS, NUMBER_FILTERS)
from tracker.i18n import gettext, ngettext, or_list
from tracker.i18n import number as format_number
from tracker.numbers import whole_number
from tracker.reading import Reading, read_into
from tracker.result_words import MODE_WORDS, PAY_WORDS, SEASON_WORDS, kind_noun, quality_words
from tracker.taxonomy import Term

SORTS = tuple(term.slug for term in registry.SORTS)
MAX_WORDS = 16
MAX_PAGE = 99_999


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
class Problem:
    """A URL value that was ignored: which parameter, and what to do instead."""

    parameter: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ListingQuery:
    text: str = ""
    kinds: tuple[str, ...] = ()
    pathways: tuple[str, ...] = ()
    age: int | None = None
    grades: tuple[int, ...] = ()  # school grades: any of them
    pay: tuple[str, ...] = ()
    min_hourly: int | None = None
    work_modes: tuple[str, ...] = ()
    seasons: tuple[str, ...] = ()
    access: tuple[str, ...] = ()  # getting there: "bus", "transport"
    max_hours: int | None = None
    deadline_within: int | None = None
    posted_within: int | None = None
    near: str | None = None
    miles: int | None = None
    sort: str = "relevance"
    page: int = 1
    # Show the listings that do not state an age (or grade) instead of those that do.
    unstated: bool = False
    # Read filter words typed in the text into filters (tracker/reading.py); read=0 turns it off.
    read: bool = True
    # What was read on the way in, for the page and the API to say; not part of the search
    # itself (its URL has the filters and no longer the words), so not compared.
    readings: tuple[Reading, ...] = dataclass_field(default=(), compare=False)

    # The options each filter offers (declared in tracker/filter_registry.py).
    DEADLINE_WINDOWS: ClassVar[tuple[int, ...]] = BY_FIELD["deadline_within"].options
    POSTED_WINDOWS: ClassVar[tuple[int, ...]] = BY_FIELD["posted_within"].options
    HOUR_LIMITS: ClassVar[tuple[int, ...]] = BY_FIELD["max_hours"].options
    HOURLY_FLOORS: ClassVar[tuple[int, ...]] = BY_FIELD["min_hourly"].options
    DISTANCES: ClassVar[tuple[int, ...]] = BY_FIELD["near"].options
    DEFAULT_MILES: ClassVar[int] = registry.DEFAULT_MILES
    # URL parameter for each field: the filters' own, and the words, sort and paging.
    PARAMS: ClassVar[dict[str, str]] = {
        "text": "q", **{f.field: f.param for f in FILTERS}, "miles": "miles",
        "sort": "sort", "page": "page", "unstated": "unstated", "read": "read",
    }
    CHOICES: ClassVar[Mapping[str, frozenset[str]]] = {f.field: f.slugs for f in CHOICE_FILTERS}

    @classmethod
    def from_args(cls, mapping: Any, max_text_length: int = 200) -> tuple[ListingQuery, list[Problem]]:
        """Read a query from URL arguments; return it with a Problem for each value ignored."""
        args = Args(mapping)
        problems: list[Problem] = []
        words = args.get("q").split()
        if len(words) > MAX_WORDS:
            # Each word is a term per text field (and synonyms add more): cap the work.
            words = words[:MAX_WORDS]
            problems.append(Problem("q", gettext("We searched for the first %(count)s words only.", count=MAX_WORDS)))
        text = " ".join(words)
        if len(text) > max_text_length:
            text = text[:max_text_length].rsplit(" ", 1)[0] or text[:max_text_length]
            problems.append(Problem("q", gettext("Your search was shortened to its first %(count)s characters.", count=max_text_length)))

        chosen: dict[str, tuple[str, ...]] = {}
        for f in CHOICE_FILTERS:
            values = list(dict.fromkeys(args.getlist(f.param)))
            unknown = [v for v in values if v not in f.slugs]
            if unknown:
                problems.append(Problem(f.param, f.refused(", ".join(u[:30] for u in unknown))))
            chosen[f.field] = tuple(v for v in values if v in f.slugs)

        numbers: dict[str, Any] = {}
        for f in NUMBER_FILTERS:
            if f.repeatable:
                numbers[f.field] = cls._numbers(f, args.getlist(f.param), problems)
                continue
            raw = args.get(f.param)
            value = whole_number(raw, f.low if f.low is not None else 0, f.high if f.high is not None else 10**5)
            if raw and (value is None or not f.accepts(value)):
                problems.append(Problem(f.param, f.refused(raw)))
            numbers[f.field] = value if raw and value is not None and f.accepts(value) else None

        near = args.get("near")[:10] or None
        if near is not None and geo.zip_point(near) is None:
            problems.append(Problem("near", BY_FIELD["near"].refused(near)))
            near = None

        filters: dict[str, Any] = {**chosen, **numbers, "near": near}
        reading_on = args.get("read").lower() not in ("0", "false", "no", "off")
        text, readings = read_into(text, filters) if reading_on else (text, ())
        near = filters.pop("near")
        miles = whole_number(args.get("miles"), 0, 10**5)
        if args.get("miles") and (miles is None or miles not in cls.DISTANCES):
            problems.append(Problem("miles", gettext("Ignored the distance: choose 5, 10, 25 or 50 miles.")))
        if miles not in cls.DISTANCES:
            miles = None
        if near is not None and miles is None:
            miles = cls.DEFAULT_MILES

        sort = args.get("sort") or "relevance"
        if sort not in SORTS or (sort == registry.NEAREST and near is None):
            problems.append(Problem("sort", gettext("Ignored the sort: sorted by best match.") if sort != registry.NEAREST
                                    else gettext("To sort by distance, enter your ZIP code.")))
            sort = "relevance"

        page = whole_number(args.get("page"), 1, MAX_PAGE)
        if args.get("page") and page is None:
            problems.append(Problem("page", gettext("Ignored the page number: showing the first page.")))
        page = page or 1

        unstated = args.get("unstated") in ("1", "true", "yes")
        eligibility_given = filters["age"] is not None or bool(filters["grades"])
        query = cls(text=text, near=near, miles=miles, sort=sort, page=page, unstated=unstated and eligibility_given,
                    read=reading_on, readings=readings, **filters)
        return query, problems

    @staticmethod
    def _numbers(f: registry.Filter, raws: list[str], problems: list[Problem]) -> tuple[int, ...]:
        """Read a repeatable number filter: the values it takes, in order, each once."""
        taken: list[int] = []
        for raw in raws:
            value = whole_number(raw, f.low if f.low is not None else 0, f.high if f.high is not None else 10**5)
            if value is None or not f.accepts(value):
                problems.append(Problem(f.param, f.refused(raw)))
            elif value not in taken:
                taken.append(value)
        return tuple(sorted(taken))

    def to_args(self, **changes: Any) -> dict[str, Any]:
        """Return URL arguments for this query with ``changes`` applied; defaults are left out."""
        if "near" in changes or not changes.keys() <= _FIELD_NAMES:
            return replace(self, **changes).to_args()  # near decides whether miles is written
        # A results page links to itself some fifty times with a change or two (page, sort,
        # one filter): each field's argument is worked out once, and only the changes again.
        args: dict[str, Any] = {}
        for name, param, value in self._url_values:
            if name in changes:
                value = _url_value(name, changes[name], self.near)
            if value is not None:
                args[param] = list(value) if isinstance(value, tuple) else value
        return args

    @cached_property
    def _url_values(self) -> tuple[tuple[str, str, Any], ...]:
        """(field, URL parameter, value as written or None for left out) of each field the URL holds, in order."""
        return tuple((name, self.PARAMS[name], _url_value(name, getattr(self, name), self.near))
                     for name in _FIELD_NAMES_IN_ORDER if name in self.PARAMS)

    def toggled(self, name: str, value: Any) -> dict[str, Any]:
        """Return URL arguments with ``value`` added to or removed from a multi-choice filter."""
        current: tuple[Any, ...] = getattr(self, name)
        new = tuple(v for v in current if v != value) if value in current else current + (value,)
        return self.to_args(**{name: new, "page": 1})

    def unread(self, reading: Reading) -> dict[str, Any]:
        """Return URL arguments that search the words of ``reading`` as typed (in quotes) instead."""
        query = self
        if reading.field is not None and reading.added:
            current = getattr(self, reading.field)
            if isinstance(current, tuple) and len(current) > 1:
                kept: dict[str, Any] = {reading.field: tuple(v for v in current if v != reading.value)}
                query = replace(self, **kept)
            else:
                query = self.without(reading.field)
        return query.to_args(text=f'{self.text} "{reading.words}"'.strip(), page=1)

    def without(self, name: str) -> ListingQuery:
        """Return this query with one filter (a field name) cleared."""
        blank: Any = () if isinstance(getattr(self, name), tuple) else None
        changes: dict[str, Any] = {name: blank, "page": 1}
        if name == "near":
            changes["miles"] = None
            if self.sort == "nearest":
                changes["sort"] = "relevance"
        if name in ("age", "grades") and (self.age is None or not self.grades):
            changes["unstated"] = False
        return replace(self, **changes)

    @property
    def active_filters(self) -> tuple[str, ...]:
        """Return the field names of the filters in force (not text, sort or page)."""
        return tuple(f.field for f in FILTERS if getattr(self, f.field) not in ((), None))

    @property
    def sorts_offered(self) -> tuple[Term, ...]:
        """Return the sorts this search can use (nearest needs a ZIP code), with their words."""
        return tuple(t for t in registry.SORTS if t.slug != registry.NEAREST or self.near is not None)

    @property
    def is_filtered(self) -> bool:
        return bool(self.active_filters)

    @property
    def eligibility_given(self) -> bool:
        return self.age is not None or bool(self.grades)

    def describe(self, total: int) -> str:
        """Say in words what the results are, e.g. '34 paid internships for age 16 within 10 miles of 35203'.

        Each piece is a translatable phrase and the pieces' order is itself translatable
        (Spanish puts "paid" after the noun); phrases avoid words that must agree with it.
        """
        if len(self.kinds) == 1:
            noun = kind_noun(self.kinds[0], total)
        elif self.kinds:
            noun = or_list([kind_noun(k, 2) for k in self.kinds])
        else:
            noun = ngettext("opportunity", "opportunities", total)
        qualities = []
        if self.pay:
            qualities.append(or_list([quality_words(PAY_WORDS, p) for p in self.pay]))
        if self.work_modes:
            qualities.append(or_list([quality_words(MODE_WORDS, m) for m in self.work_modes]))
        if self.seasons:
            qualities.append(or_list([quality_words(SEASON_WORDS, s) for s in self.seasons]))
        if qualities:
            # Translators: "34 | paid remote | internships": the count, what kind of (qualities), the noun.
            head = gettext("%(count)s %(qualities)s %(noun)s", count=format_number(total), qualities=" ".join(qualities), noun=noun)
        else:
            head = gettext("%(count)s %(noun)s", count=format_number(total), noun=noun)
        in_force = [f for f in FILTERS if getattr(self, f.field) not in ((), None)]
        # Where (pathways) and the words first, then who can apply, then the numbers.
        parts = [head] + [f.phrase(self) for f in in_force if f.is_choice and f.phrase is not None]
        if self.text:
            parts.append(gettext("matching “%(text)s”", text=self.text))
        parts += self._eligibility_words()
        parts += [(f.phrase or f.words)(self) for f in in_force if not f.is_choice and f.mask != "eligibility"]
        return " ".join(parts)

    def _eligibility_words(self) -> list[str]:
        if self.unstated:
            return [gettext("that do not state an age") if not self.grades
                    else gettext("that do not state an age or grade") if self.age is not None
                    else gettext("that do not state a grade")]
        parts = []
        if self.age is not None:
            parts.append(gettext("for age %(age)s", age=self.age))
        if len(self.grades) == 1:
            parts.append(gettext("or grade %(grade)s", grade=self.grades[0]) if self.age is not None
                         else gettext("for grade %(grade)s", grade=self.grades[0]))
        elif self.grades:
            grades = or_list([str(g) for g in self.grades])
            parts.append(gettext("or grades %(grades)s", grades=grades) if self.age is not None
                         else gettext("for grades %(grades)s", grades=grades))
        return parts


_FIELD_NAMES_IN_ORDER = tuple(f.name for f in fields(ListingQuery))
_FIELD_NAMES = frozenset(_FIELD_NAMES_IN_ORDER)


def _url_value(name: str, value: Any, near: str | None) -> Any:
    """How field ``name`` is written in a URL (a tuple for a repeated parameter), or None when left out."""
    if name == "read":
        return None if value else 0  # reading the words is the default
    if value in ((), None, "", False) or (name == "sort" and value == "relevance") or (name == "page" and value == 1):
        return None
    if name == "miles" and near is None:
        return None
    return 1 if value is True else value
