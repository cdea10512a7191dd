"""The indicator file: the seed loads; every kind of bad file is refused with its line and
reason, and the figures already loaded stay."""
from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from tests.conftest import ROOT
from tracker.extensions import db
from tracker.milestones import store
from tracker.milestones.content import load_content
from tracker.milestones.indicators import IndicatorRecord, parse_indicator_csv, parse_year
from tracker.models import IndicatorValue

SEED = ROOT / "tracker" / "content" / "indicators.csv"
SEED_ROWS = sum(1 for line in SEED.read_text(encoding="utf-8").splitlines()[1:] if line.strip())
HEADER = "milestone,indicator,place,year,value,unit,source,source_url"
GOOD = "chronic-absence,chronic-absence-rate,birmingham-city-schools,2024–25,14,percent,Report card,"
OTHER = "high-school-graduation,four-year-graduation-rate,birmingham-city-schools,2024,81,percent,Birmingham Watch,"


@pytest.fixture(scope="module")
def content():
    return load_content()


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_the_seed_file_is_valid_and_complete(content) -> None:
    parsed = parse_indicator_csv(SEED.read_bytes(), content)
    assert parsed.problems == []
    assert len(parsed.records) == SEED_ROWS > 90
    assert {r.milestone for r in parsed.records} == {m.slug for m in content.milestones}
    college = sorted((r.sort_year, r.value) for r in parsed.records
                     if r.indicator == "immediate-college-going" and r.place == "breakthrough-birmingham")
    assert college == [(2019, Decimal("64")), (2020, Decimal("80")), (2023, Decimal("76"))]
    # Several years for both Birmingham and Alabama, so the cards can show trends side by side.
    for indicator in ("four-year-graduation-rate", "college-career-ready-rate", "chronic-absence-rate",
                      "grade3-on-grade-level", "grade2-on-grade-level", "district-report-card-score"):
        for place in ("birmingham-city-schools", "alabama"):
            assert len({r.sort_year for r in parsed.records if (r.indicator, r.place) == (indicator, place)}) >= 2, (indicator, place)


def test_every_seed_figure_names_its_source_and_where_to_read_it(content) -> None:
    parsed = parse_indicator_csv(SEED.read_bytes(), content)
    for record in parsed.records:
        assert record.source.strip()
        # The facts file gives no address for the Breakthrough Birmingham article alone.
        assert record.source_url or record.source == "Breakthrough Birmingham, “near-peer” article", record


@pytest.mark.parametrize("text, expected", [
    ("2024", ("2024", 2024)),
    ("2021–22", ("2021–22", 2021)),
    ("2021-22", ("2021–22", 2021)),
    ("2021-2022", ("2021–22", 2021)),
    ("1999–00", ("1999–00", 1999)),
    ("class of 2023", ("class of 2023", 2023)),
    ("Class of  2023", ("class of 2023", 2023)),
    ("2021–23", None),
    ("2021-2023", None),
    ("next year", None),
    ("24", None),
    ("3024", None),
])
def test_years_people_write(text, expected) -> None:
    assert parse_year(text) == expected


BAD_FILES = [
    ("missing column", csv_bytes("milestone,indicator,place,year,value,unit,source", GOOD.rsplit(",", 1)[0]),
     1, "missing column “source_url”"),
    ("unknown column", csv_bytes(HEADER + ",valeu", GOOD + ",1"), 1, "unknown column “valeu”"),
    ("column twice", csv_bytes(HEADER + ",source", GOOD + ",x"), 1, "column “source” appears twice"),
    ("not a number", csv_bytes(HEADER, GOOD, OTHER.replace(",81,", ",n/a,")), 3, "value “n/a” is not a number"),
    ("percent sign", csv_bytes(HEADER, GOOD.replace(",14,", ",14%,")), 2, "without the % sign"),
    ("unknown milestone", csv_bytes(HEADER, GOOD, GOOD.replace("chronic-absence,", "chronic-absense,", 1)),
     3, "unknown milestone “chronic-absense”"),
    ("unknown indicator", csv_bytes(HEADER, GOOD.replace("chronic-absence-rate", "absence-rate")),
     2, "unknown indicator “absence-rate” for milestone chronic-absence"),
    ("unknown place", csv_bytes(HEADER, GOOD.replace("birmingham-city-schools", "bcs")), 2, "unknown place “bcs”"),
    ("duplicate row", csv_bytes(HEADER, GOOD, OTHER, GOOD), 4, "duplicate of line 2"),
    ("same year written two ways", csv_bytes(HEADER, GOOD, GOOD.replace("2024–25", "2024").replace(",14,", ",15,")),
     3, "duplicate of line 2"),
    ("not a year", csv_bytes(HEADER, GOOD.replace("2024–25", "last year")), 2, "year “last year” is not a year"),
    ("wrong unit", csv_bytes(HEADER, GOOD.replace(",percent,", ",count,")), 2,
     "does not match indicator chronic-absence-rate, which is measured in percent"),
    ("too precise", csv_bytes(HEADER, GOOD.replace(",14,", ",14.1234,")), 2, "more than 3 decimal places"),
    ("percent over 100", csv_bytes(HEADER, GOOD.replace(",14,", ",140,")), 2, "not a percentage from 0 to 100"),
    ("count not whole", csv_bytes(HEADER, "work-based-learning,promise-interns-placed,birmingham-promise,class of 2023,50.5,count,News,"),
     2, "not a whole count"),
    ("empty field", csv_bytes(HEADER, GOOD.replace("Report card", "")), 2, "source is empty"),
    ("stray comma", csv_bytes(HEADER, GOOD + ",extra"), 2, "has 9 fields but the header has 8"),
    ("bad address", csv_bytes(HEADER, GOOD + "www.example.org"), 2, "is not a web address"),
    ("empty file", b"", 1, "the file is empty"),
    ("header only", csv_bytes(HEADER), 2, "no figures"),
    ("not UTF-8", csv_bytes(HEADER, GOOD).replace("–".encode(), b"") + "café,x\n".encode("latin-1"), 3, "not UTF-8 text"),
    ("line numbers count lines inside quotes",
     csv_bytes(HEADER + ",note", GOOD + ',"two\nlines"', OTHER.replace(",81,", ",lots,") + ","), 4, "value “lots” is not a number"),
]


@pytest.mark.parametrize("name, data, line, reason", BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_each_kind_of_bad_file_is_refused_with_its_line_and_reason(content, name, data, line, reason) -> None:
    parsed = parse_indicator_csv(data, content)
    assert not parsed.ok
    assert parsed.records == []  # never half a file
    assert any(p.line == line and reason in p.reason for p in parsed.problems), [str(p) for p in parsed.problems]


def test_every_problem_in_a_file_is_reported_at_once(content) -> None:
    parsed = parse_indicator_csv(csv_bytes(HEADER, GOOD.replace(",14,", ",x,"), OTHER.replace("2024", "soon")), content)
    assert [str(p).split(":")[0] for p in parsed.problems] == ["line 2", "line 3"]


def test_headers_are_forgiving_about_case_and_spaces(content) -> None:
    parsed = parse_indicator_csv(csv_bytes(HEADER.replace("source_url", "Source URL").upper(), GOOD), content)
    assert parsed.ok and len(parsed.records) == 1


# --- the command ------------------------------------------------------------------------

def count_rows(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(IndicatorValue))


def test_load_accepts_the_seed_and_prints_a_summary(app, runner) -> None:
    result = runner.invoke(args=["milestones", "load", str(SEED)])
    assert result.exit_code == 0, result.output
    assert f"Loaded {SEED_ROWS} figures for 16 indicators of 10 milestones" in result.output
    assert count_rows(app) == SEED_ROWS
    again = runner.invoke(args=["milestones", "load", str(SEED)])
    assert again.exit_code == 0 and f"(replacing {SEED_ROWS})" in again.output
    assert count_rows(app) == SEED_ROWS


@pytest.mark.parametrize("name, data, line, reason", BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_load_refuses_a_bad_file_and_keeps_the_old_figures(app, runner, tmp_path, name, data, line, reason) -> None:
    assert runner.invoke(args=["milestones", "load", str(SEED)]).exit_code == 0
    with app.app_context():
        before = sorted(map(repr, store.all_records()))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(data)
    result = runner.invoke(args=["milestones", "load", str(bad)])
    assert result.exit_code == 1
    assert f"line {line}: " in result.output and reason in result.output
    assert f"nothing was changed ({SEED_ROWS} figures still loaded)" in result.output
    assert "Traceback" not in result.output
    with app.app_context():
        assert sorted(map(repr, store.all_records())) == before


def test_load_if_empty_loads_only_into_an_empty_table(app, runner, tmp_path) -> None:
    first = runner.invoke(args=["milestones", "load", "--if-empty", str(SEED)])
    assert first.exit_code == 0 and f"Loaded {SEED_ROWS} figures" in first.output
    other = tmp_path / "other.csv"
    other.write_bytes(csv_bytes(HEADER, GOOD))
    second = runner.invoke(args=["milestones", "load", "--if-empty", str(other)])
    assert second.exit_code == 0 and f"{SEED_ROWS} indicator figures are already loaded" in second.output
    assert count_rows(app) == SEED_ROWS


def test_load_a_missing_file(runner, tmp_path) -> None:
    result = runner.invoke(args=["milestones", "load", str(tmp_path / "nope.csv")])
    assert result.exit_code == 1 and "cannot read it" in result.output


def test_a_failed_replacement_keeps_the_old_figures(app, runner) -> None:
    assert runner.invoke(args=["milestones", "load", str(SEED)]).exit_code == 0
    record = IndicatorRecord("chronic-absence", "chronic-absence-rate", "birmingham-city-schools", "2024–25", 2024,
                             Decimal("14"), "percent", "x")
    with app.app_context():
        with pytest.raises(sa.exc.IntegrityError):
            store.replace_all([record, record])  # the database refuses the second: all is rolled back
        assert store.stored_count() == SEED_ROWS


def test_load_on_postgresql(pg_app, tmp_path) -> None:
    runner = pg_app.test_cli_runner()
    result = runner.invoke(args=["milestones", "load", str(SEED)])
    assert result.exit_code == 0, result.output
    with pg_app.app_context():
        assert db.engine.dialect.name == "postgresql"
        records = store.all_records()
        assert len(records) == SEED_ROWS
        persisted = next(r for r in records if r.indicator == "continued-to-second-year")
        assert persisted.value == Decimal("90.5") and persisted.year == "class of 2019"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(HEADER, GOOD, GOOD))
    refused = runner.invoke(args=["milestones", "load", str(bad)])
    assert refused.exit_code == 1 and "line 3: duplicate of line 2" in refused.output
    with pg_app.app_context():
        assert store.stored_count() == SEED_ROWS
        record = records[0]
        with pytest.raises(sa.exc.IntegrityError):
            store.replace_all([record, record])
        assert store.stored_count() == SEED_ROWS
    page = pg_app.test_client().get("/milestones")
    assert page.status_code == 200 and "81%" in page.get_data(as_text=True)
