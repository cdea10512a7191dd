"""The milestone content file: complete in English and Spanish, references that resolve."""
from __future__ import annotations

import tomllib
from dataclasses import fields

import pytest

from tracker.milestones.content import DEFAULT_PATH, ContentError, Text, load_content, parse_content

MILESTONES = ("kindergarten-readiness", "early-grade-reading", "middle-grade-math", "high-school-graduation",
              "postsecondary-enrollment", "postsecondary-completion", "employment", "chronic-absence",
              "work-based-learning", "school-report-card")
GRADES = ("prek", "k", *map(str, range(1, 13)), "after")


@pytest.fixture
def raw() -> dict:
    return tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


def test_the_shipped_content_has_every_milestone_and_grade() -> None:
    content = load_content()
    assert tuple(m.slug for m in content.milestones) == MILESTONES
    assert tuple(g.slug for g in content.grades) == GRADES
    wbl = content.milestone("work-based-learning")
    assert wbl.goal is not None and wbl.goal.value == 30
    # The district's internship goal and the shadowing/internship/apprenticeship ladder by grade.
    assert content.grade("8").tracker.kinds == ("summer-program",)
    assert "job-shadowing" in content.grade("10").tracker.kinds
    assert "internship" in content.grade("11").tracker.kinds and "internship" in content.grade("12").tracker.kinds
    assert {"apprenticeship", "training"} <= set(content.grade("after").tracker.kinds)


def all_texts(value) -> list[Text]:
    if isinstance(value, Text):
        return [value]
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in all_texts(item)]
    if hasattr(value, "__dataclass_fields__"):
        return [t for f in fields(value) for t in all_texts(getattr(value, f.name))]
    return []


def test_every_text_is_in_both_languages_and_really_translated() -> None:
    content = load_content()
    texts = all_texts(list(content.milestones) + list(content.grades) + list(content.places)) + list(content.ui.values())
    assert len(texts) > 250
    for text in texts:
        assert text.en.strip() and text.es.strip()
    # Proper names may be the same in both; sentences must not be copies of the English.
    sentences = [t for t in texts if len(t.en.split()) > 6]
    assert all(t.en != t.es for t in sentences), [t.en for t in sentences if t.en == t.es]


def test_a_missing_spanish_text_is_refused_with_where_it_is(raw) -> None:
    del raw["milestone"][2]["meaning"]["es"]
    with pytest.raises(ContentError, match=r"milestone middle-grade-math.meaning: no text in es"):
        parse_content(raw)


@pytest.mark.parametrize("change, message", [
    (lambda raw: raw["grade"][0].update(builds_toward="nope"), "grade prek: builds_toward 'nope' is not a milestone"),
    (lambda raw: raw["grade"][9].update(tracker={"kinds": ["party"], "label": {"en": "x", "es": "y"}}), "unknown kind party"),
    (lambda raw: raw["milestone"][0]["link"].update(grade="13"), "link.grade '13' is not a grade"),
    (lambda raw: raw["milestone"][8]["goal"].update(indicator="nope"), "goal.indicator 'nope'"),
    (lambda raw: raw["milestone"][1]["indicator"][0].update(direction="up"), "direction must be one of"),
    (lambda raw: raw["milestone"].append(dict(raw["milestone"][0])), "milestone slug used twice: kindergarten-readiness"),
    (lambda raw: raw["spanish_terms"].update(party="Fiesta"), "not a kind or pathway: party"),
])
def test_broken_references_are_refused(raw, change, message) -> None:
    change(raw)
    with pytest.raises(ContentError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        parse_content(raw)


def test_an_unreadable_file_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "m.toml"
    path.write_text("[[milestone]\n")
    with pytest.raises(ContentError, match="not valid TOML"):
        load_content(path)
    with pytest.raises(ContentError, match="cannot read"):
        load_content(tmp_path / "missing.toml")
