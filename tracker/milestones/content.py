"""The milestone content file: what each milestone and grade means, in English and Spanish.

Program staff edit ``tracker/content/milestones.toml``; this module reads it into frozen
values and refuses a file with a missing translation or a broken reference, so a typo is
caught when the app starts rather than on a family's phone.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from tracker import taxonomy
from tracker.query import MAX_AGE_ASKED, MIN_AGE_ASKED

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
UNITS = ("percent", "count", "score")  # score: points from 0 to 100, such as a report-card score
DIRECTIONS = ("higher", "lower", "none")
PLACE_ROLES = ("local", "program", "state", "nation")
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "content" / "milestones.toml"


class ContentError(ValueError):
    """The content file is unreadable or incomplete; the message names the entry."""


@dataclass(frozen=True)
class Text:
    """One piece of text in every language the site speaks."""

    en: str
    es: str

    def get(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


@dataclass(frozen=True)
class TrackerLink:
    """A search in the tracker (kinds and an age), or a page of the grade-by-grade guide."""

    label: Text
    kinds: tuple[str, ...] = ()
    age: int | None = None
    grade: str | None = None


@dataclass(frozen=True)
class Indicator:
    slug: str
    label: Text
    unit: str
    # "higher" or "lower" is better; "none" for counts that are context, not a target.
    direction: str


@dataclass(frozen=True)
class Goal:
    indicator: str
    value: int
    label: Text
    source: str


@dataclass(frozen=True)
class Milestone:
    slug: str
    order: int
    stage: Text
    title: Text
    meaning: Text
    why_it_matters: Text
    measure: Text
    at_home: tuple[Text, ...]
    link: TrackerLink
    indicators: tuple[Indicator, ...]
    goal: Goal | None = None
    # The grades it speaks to: the grade picker puts these milestones first.
    grades: tuple[str, ...] = ()

    def speaks_to(self, grade: str) -> bool:
        return grade in self.grades

    def indicator(self, slug: str) -> Indicator | None:
        return next((i for i in self.indicators if i.slug == slug), None)


@dataclass(frozen=True)
class Place:
    slug: str
    role: str
    name: Text
    short: Text
    about: Text | None = None


@dataclass(frozen=True)
class Grade:
    slug: str
    name: Text
    typical_age: int
    builds_toward: str
    expected: Text
    at_home: tuple[Text, ...]
    opportunities: Text
    tracker: TrackerLink | None = None


@dataclass(frozen=True)
class Content:
    milestones: tuple[Milestone, ...]
    places: tuple[Place, ...]
    grades: tuple[Grade, ...]
    ui: Mapping[str, Text]
    # Spanish names for the tracker's kinds and pathways (English comes from taxonomy).
    spanish_terms: Mapping[str, str]

    def milestone(self, slug: str) -> Milestone | None:
        return next((m for m in self.milestones if m.slug == slug), None)

    def place(self, slug: str) -> Place | None:
        return next((p for p in self.places if p.slug == slug), None)

    def grade(self, slug: str) -> Grade | None:
        return next((g for g in self.grades if g.slug == slug), None)

    def text(self, key: str, lang: str) -> str:
        """Return the interface text ``key`` in ``lang``."""
        return self.ui[key].get(lang)

    def term(self, vocabulary: tuple[taxonomy.Term, ...], slug: str, lang: str) -> str:
        """Return a kind's or pathway's name in ``lang``."""
        english = taxonomy.label(vocabulary, slug)
        return self.spanish_terms.get(slug, english) if lang == "es" else english


def load_content(path: Path | str = DEFAULT_PATH) -> Content:
    """Read and check the content file; raise ContentError naming what is wrong."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ContentError(f"cannot read {path}: {exc.strerror}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path} is not valid TOML: {exc}") from exc
    return parse_content(raw)


def parse_content(raw: Mapping[str, Any]) -> Content:
    """Build Content from the parsed TOML mapping; raise ContentError on any gap."""
    places = tuple(_place(p, f"place[{i}]") for i, p in enumerate(_list(raw, "place", "file")))
    milestones = tuple(sorted((_milestone(m, f"milestone[{i}]") for i, m in enumerate(_list(raw, "milestone", "file"))),
                              key=lambda m: m.order))
    grades = tuple(_grade(g, f"grade[{i}]") for i, g in enumerate(_list(raw, "grade", "file")))
    ui = {key: _text(value, f"ui.{key}") for key, value in _table(raw, "ui", "file").items()}
    terms = _table(raw, "spanish_terms", "file")
    content = Content(milestones=milestones, places=places, grades=grades, ui=ui,
                      spanish_terms={str(k): str(v) for k, v in terms.items()})
    _check_references(content)
    return content


def _check_references(content: Content) -> None:
    for kind, items in (("milestone", content.milestones), ("place", content.places), ("grade", content.grades)):
        slugs = [item.slug for item in items]
        duplicates = sorted({s for s in slugs if slugs.count(s) > 1})
        if duplicates:
            raise ContentError(f"{kind} slug used twice: {', '.join(duplicates)}")
    indicator_slugs = [i.slug for m in content.milestones for i in m.indicators]
    duplicates = sorted({s for s in indicator_slugs if indicator_slugs.count(s) > 1})
    if duplicates:
        raise ContentError(f"indicator slug used twice: {', '.join(duplicates)}")
    grade_slugs = {g.slug for g in content.grades}
    for milestone in content.milestones:
        if milestone.link.grade is not None and milestone.link.grade not in grade_slugs:
            raise ContentError(f"milestone {milestone.slug}: link.grade {milestone.link.grade!r} is not a grade")
        unknown = [g for g in milestone.grades if g not in grade_slugs]
        if unknown:
            raise ContentError(f"milestone {milestone.slug}: grades {', '.join(unknown)} are not grades")
        if milestone.goal is not None and milestone.indicator(milestone.goal.indicator) is None:
            raise ContentError(f"milestone {milestone.slug}: goal.indicator {milestone.goal.indicator!r} is not one of its indicators")
    for grade in content.grades:
        if content.milestone(grade.builds_toward) is None:
            raise ContentError(f"grade {grade.slug}: builds_toward {grade.builds_toward!r} is not a milestone")
    unknown = sorted(set(content.spanish_terms) - taxonomy.KIND_SLUGS - taxonomy.PATHWAY_SLUGS)
    if unknown:
        raise ContentError(f"spanish_terms: not a kind or pathway: {', '.join(unknown)}")


def _milestone(raw: Mapping[str, Any], where: str) -> Milestone:
    slug = _str(raw, "slug", where)
    where = f"milestone {slug}"
    indicators = tuple(_indicator(i, f"{where} indicator[{n}]") for n, i in enumerate(_list(raw, "indicator", where)))
    goal_raw = raw.get("goal")
    goal = None
    if goal_raw is not None:
        goal = Goal(indicator=_str(goal_raw, "indicator", f"{where} goal"), value=_int(goal_raw, "value", f"{where} goal"),
                    label=_text(goal_raw.get("label"), f"{where} goal.label"), source=_str(goal_raw, "source", f"{where} goal"))
    return Milestone(
        slug=slug, order=_int(raw, "order", where), stage=_text(raw.get("stage"), f"{where}.stage"),
        title=_text(raw.get("title"), f"{where}.title"), meaning=_text(raw.get("meaning"), f"{where}.meaning"),
        why_it_matters=_text(raw.get("why_it_matters"), f"{where}.why_it_matters"),
        measure=_text(raw.get("measure"), f"{where}.measure"),
        at_home=_texts(raw, "at_home", where), link=_link(raw.get("link"), f"{where}.link"),
        indicators=indicators, goal=goal, grades=_strings(raw, "grades", where),
    )


def _indicator(raw: Mapping[str, Any], where: str) -> Indicator:
    slug = _str(raw, "slug", where)
    unit = _choice(raw, "unit", UNITS, f"indicator {slug}")
    direction = _choice(raw, "direction", DIRECTIONS, f"indicator {slug}")
    return Indicator(slug=slug, label=_text(raw.get("label"), f"indicator {slug}.label"), unit=unit, direction=direction)


def _place(raw: Mapping[str, Any], where: str) -> Place:
    slug = _str(raw, "slug", where)
    where = f"place {slug}"
    about = raw.get("about")
    return Place(slug=slug, role=_choice(raw, "role", PLACE_ROLES, where), name=_text(raw.get("name"), f"{where}.name"),
                 short=_text(raw.get("short", raw.get("name")), f"{where}.short"),
                 about=_text(about, f"{where}.about") if about is not None else None)


def _grade(raw: Mapping[str, Any], where: str) -> Grade:
    slug = _str(raw, "slug", where)
    where = f"grade {slug}"
    tracker = raw.get("tracker")
    return Grade(
        slug=slug, name=_text(raw.get("name"), f"{where}.name"), typical_age=_int(raw, "typical_age", where),
        builds_toward=_str(raw, "builds_toward", where), expected=_text(raw.get("expected"), f"{where}.expected"),
        at_home=_texts(raw, "at_home", where), opportunities=_text(raw.get("opportunities"), f"{where}.opportunities"),
        tracker=_link(tracker, f"{where}.tracker") if tracker is not None else None,
    )


def _link(raw: Any, where: str) -> TrackerLink:
    if not isinstance(raw, Mapping):
        raise ContentError(f"{where}: missing (a table with label and kinds/age, or grade)")
    kinds = tuple(raw.get("kinds", ()))
    unknown = [k for k in kinds if k not in taxonomy.KIND_SLUGS]
    if unknown:
        raise ContentError(f"{where}: unknown kind {', '.join(unknown)}")
    age = raw.get("age")
    if age is not None and (not isinstance(age, int) or not MIN_AGE_ASKED <= age <= MAX_AGE_ASKED):
        raise ContentError(f"{where}: age must be a whole number from {MIN_AGE_ASKED} to {MAX_AGE_ASKED}")
    grade = raw.get("grade")
    if grade is not None and (kinds or age is not None):
        raise ContentError(f"{where}: give either a grade or a tracker search (kinds, age), not both")
    return TrackerLink(label=_text(raw.get("label"), f"{where}.label"), kinds=kinds, age=age,
                       grade=str(grade) if grade is not None else None)


def _text(raw: Any, where: str) -> Text:
    if not isinstance(raw, Mapping):
        raise ContentError(f"{where}: missing (write {{en = \"…\", es = \"…\"}})")
    missing = [lang for lang in LANGUAGES if not isinstance(raw.get(lang), str) or not raw[lang].strip()]
    if missing:
        raise ContentError(f"{where}: no text in {', '.join(missing)}")
    return Text(en=" ".join(raw["en"].split()), es=" ".join(raw["es"].split()))


def _texts(raw: Mapping[str, Any], key: str, where: str) -> tuple[Text, ...]:
    items = _list(raw, key, where)
    if not items:
        raise ContentError(f"{where}: {key} is empty")
    return tuple(_text(item, f"{where}.{key}[{n}]") for n, item in enumerate(items))


def _strings(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ContentError(f"{where}: {key} must be a list of slugs")
    return tuple(value)


def _list(raw: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = raw.get(key)
    if not isinstance(value, list):
        raise ContentError(f"{where}: {key} is missing or not a list")
    return value


def _table(raw: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = raw.get(key)
    if not isinstance(value, Mapping):
        raise ContentError(f"{where}: [{key}] is missing")
    return value


def _str(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: {key} is missing")
    return value.strip()


def _int(raw: Mapping[str, Any], key: str, where: str) -> int:
    value = raw.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ContentError(f"{where}: {key} must be a whole number")
    return value


def _choice(raw: Mapping[str, Any], key: str, choices: tuple[str, ...], where: str) -> str:
    value = raw.get(key)
    if value not in choices:
        raise ContentError(f"{where}: {key} must be one of {', '.join(choices)}")
    return str(value)
