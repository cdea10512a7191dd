"""The commands staff run: ingest run / sources / check, and reindex."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, build_app, make_config

DEMO = ROOT / "ingest" / "demo"


@pytest.fixture
def mixed_sources(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "two_jobs.rss", tmp_path / "jobs.rss")
    shutil.copy(FIXTURES / "broken.rss", tmp_path / "broken.rss")
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\nname = "Good"\nlocation = "jobs.rss"\n\n'
                    '[[source]]\nname = "Bad"\nlocation = "broken.rss"\n')
    return path


def test_ingest_run_prints_a_summary_and_fails_when_a_source_fails(tmp_path, mixed_sources) -> None:
    app = build_app(make_config(tmp_path, SOURCES_FILE=str(mixed_sources)))
    result = app.test_cli_runner().invoke(args=["ingest", "run"])
    assert result.exit_code == 1
    assert "Good" in result.output and "ok" in result.output
    assert "FAILED Bad: not a readable RSS or Atom feed" in result.output


def test_ingest_run_one_source(tmp_path, mixed_sources) -> None:
    app = build_app(make_config(tmp_path, SOURCES_FILE=str(mixed_sources)))
    result = app.test_cli_runner().invoke(args=["ingest", "run", "--source", "Good"])
    assert result.exit_code == 0, result.output
    assert "Bad" not in result.output
    missing = app.test_cli_runner().invoke(args=["ingest", "run", "--source", "Nope"])
    assert missing.exit_code != 0 and "no source named 'Nope'" in missing.output


def test_ingest_sources_shows_health(tmp_path, mixed_sources) -> None:
    app = build_app(make_config(tmp_path, SOURCES_FILE=str(mixed_sources)))
    runner = app.test_cli_runner()
    runner.invoke(args=["ingest", "run"])
    output = runner.invoke(args=["ingest", "sources"]).output
    good = next(line for line in output.splitlines() if line.startswith("Good"))
    bad = next(line for line in output.splitlines() if line.startswith("Bad"))
    assert re.split(r"\s{2,}", good)[4] == "2" and "never" not in good
    assert "never" in bad and "not a readable RSS" in bad


@pytest.mark.parametrize("name", ["city_youth_jobs.rss", "training_collaborative.atom",
                                  "health_careers_board.json", "partner_opportunities.csv"])
def test_ingest_check_prints_listings_for_each_demo_format(runner, name) -> None:
    result = runner.invoke(args=["ingest", "check", str(DEMO / name)])
    assert result.exit_code == 0, result.output
    assert "listings from" in result.output and result.output.count("\n- ") >= 20


@pytest.mark.parametrize("content, message", [
    (b"<rss><channel><title>x", "not a readable RSS or Atom feed"),
    (b"{\"jobs\": 5}", "no 'jobs' list"),
    (b"{not json", "not valid JSON"),
    (b"", "empty"),
    (b"just words\nno structure", "could not tell the format"),
    (b"name_of_thing,other\n1,2\n", "no 'title' column"),
])
def test_ingest_check_gives_a_one_line_error(runner, tmp_path, content, message) -> None:
    path = tmp_path / "input"
    path.write_bytes(content)
    result = runner.invoke(args=["ingest", "check", str(path)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_ingest_check_missing_file(runner, tmp_path) -> None:
    result = runner.invoke(args=["ingest", "check", str(tmp_path / "nope.xml")])
    assert result.exit_code == 1 and "file not found" in result.output


def test_reindex_rebuilds_from_the_database(demo_app) -> None:
    result = demo_app.test_cli_runner().invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Indexed ") and int(result.output.split()[1]) >= 120


def test_a_second_ingest_exits_with_a_clear_message_while_one_runs(app, runner) -> None:
    from tracker import locks

    with app.app_context():
        with locks.exclusive(locks.lock_path()):
            result = runner.invoke(args=["ingest", "run"])
            reindex = runner.invoke(args=["reindex"])
    assert result.exit_code == 1 and "another ingest or reindex is running (pid" in result.output
    assert reindex.exit_code == 1 and "another ingest or reindex is running" in reindex.output


def test_a_second_ingest_can_wait_for_the_first(app, runner) -> None:
    import threading

    from tracker import locks

    acquired, released = threading.Event(), threading.Event()

    def hold() -> None:
        with app.app_context(), locks.exclusive(locks.lock_path()):
            acquired.set()
            released.wait(0.5)

    holder = threading.Thread(target=hold)
    holder.start()
    assert acquired.wait(5)
    try:
        result = runner.invoke(args=["ingest", "run", "--wait", "10"])
    finally:
        released.set()
        holder.join()
    assert result.exit_code == 0, result.output


def test_ingest_check_shows_reposts_merged_and_takes_a_source_kind(runner) -> None:
    files = ROOT / "bench" / "extraction_set" / "files"
    result = runner.invoke(args=["ingest", "check", str(files / "greenhouse_reposts.json")])
    assert result.exit_code == 0, result.output
    assert "2 listings from 3 entries." in result.output
    assert "also posted as 5002 at https://boards.greenhouse.io/southernrx/jobs/5002" in result.output
    refused = runner.invoke(args=["ingest", "check", str(files / "community_events.ics")])
    assert refused.exit_code == 1 and 'set kind = "workshop"' in refused.output
    events = runner.invoke(args=["ingest", "check", str(files / "community_events.ics"), "--kind", "workshop"])
    assert events.exit_code == 0 and "4 listings from 4 entries." in events.output
