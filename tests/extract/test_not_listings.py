"""Inputs that are not opportunities are refused with one line; events need their source to ask for them."""
from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from ingest.errors import ParseError
from ingest.parsers import parse, refuse_unless_meant
from ingest.parsers.hsds import hsds_table
from tests.conftest import FIXTURES, ROOT
from tests.test_ingest_pipeline import ingest
from tracker.extensions import db
from tracker.models import Listing, Source

BENCH_FILES = ROOT / "bench" / "extraction_set" / "files"


def _calendar(*events: str, name: str = "Calendar") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nUID:{n}@x.example\r\nDTSTAMP:20260101T000000Z\r\n"
                   f"DTSTART:20270105T150000Z\r\n{event}END:VEVENT\r\n" for n, event in enumerate(events))
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:{name}\r\n{body}END:VCALENDAR\r\n".encode()


WEEKLY = "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR\r\n"


@pytest.mark.parametrize(("content", "reason"), [
    (_calendar(f"SUMMARY:Period 1 - Algebra II\r\nLOCATION:Room 204\r\n{WEEKLY}",
               f"SUMMARY:Period 2 - English\r\nLOCATION:Room 112\r\n{WEEKLY}"), "class timetable"),
    (_calendar(f"SUMMARY:BIO 101\r\n{WEEKLY}", f"SUMMARY:CHEM 210\r\n{WEEKLY}", "SUMMARY:Field trip\r\n"),
     "class timetable"),
    (_calendar(f"SUMMARY:Chemistry\r\nCATEGORIES:Class\r\n{WEEKLY}", name="Grade 11 timetable"), "class timetable"),
])
def test_a_class_timetable_is_refused(content: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse(content, "auto")


@pytest.mark.parametrize(("content", "events_only"), [
    (_calendar("SUMMARY:Neighborhood clean-up day\r\n", "SUMMARY:Spring festival\r\n"), True),
    (_calendar("SUMMARY:Association meeting\r\nDESCRIPTION:Agenda: parking.\r\n"), True),
    (_calendar("SUMMARY:Spring festival\r\n", "SUMMARY:Resume lab\r\nDESCRIPTION:Register at the desk.\r\n"), False),
    (_calendar("SUMMARY:Open house\r\nURL:https://x.example/rsvp\r\n"), False),
    (_calendar("SUMMARY:Summer job fair\r\n"), False),
    (_calendar(f"SUMMARY:Teen coding club\r\n{WEEKLY}"), True),  # weekly, but no class period: an event
])
def test_events_with_no_way_in_are_marked(content: bytes, events_only: bool) -> None:
    parsed = parse(content, "auto")
    assert (parsed.events_only is not None) == events_only
    if events_only:
        with pytest.raises(ParseError, match='set kind = "workshop"'):
            refuse_unless_meant(parsed, None)
    else:
        refuse_unless_meant(parsed, None)
    refuse_unless_meant(parsed, "workshop")  # a source meant as events keeps them


def test_workshop_calendars_with_registration_are_still_read() -> None:
    parsed = parse((FIXTURES / "feeds" / "ical" / "teen_workshops.ics").read_bytes(), "auto")
    assert parsed.entries and parsed.events_only is None


def test_refusals_reach_the_source_health_and_events_need_the_source_to_ask(app, tmp_path: Path) -> None:
    for name in ("class_timetable.ics", "community_events.ics"):
        (tmp_path / name).write_bytes((BENCH_FILES / name).read_bytes())
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nname = "Timetable"\nformat = "ical"\nlocation = "class_timetable.ics"\n\n'
        '[[source]]\nname = "Events"\nformat = "ical"\nlocation = "community_events.ics"\n\n'
        '[[source]]\nname = "Events as workshops"\nformat = "ical"\nlocation = "community_events.ics"\n'
        '[source.defaults]\nkind = "workshop"\n')
    reports = {r.name: r for r in ingest(app, tmp_path / "sources.toml")}
    assert reports["Timetable"].failed and "class timetable" in (reports["Timetable"].error or "")
    assert reports["Events"].failed and 'kind = "workshop"' in (reports["Events"].error or "")
    assert reports["Events as workshops"].new == 4
    with app.app_context():
        health = {s.name: s.last_error for s in db.session.scalars(sa.select(Source))}
        assert "class timetable" in (health["Timetable"] or "") and health["Events as workshops"] is None
        kinds = set(db.session.scalars(sa.select(Listing.kind)))
        assert kinds == {"workshop"}


@pytest.mark.parametrize(("header", "table"), [
    ("organization_name,organization_uuid,location_name,location_uuid,location_address", "locations"),
    ("service_name,service_uuid,organization_name,description", "services"),
    ("id,organization_id,program_id,name,alternate_name,description,application_process,fees_description", "services"),
    ("title,organization,city,deadline", None),  # a partner sheet is read
])
def test_human_services_directories_are_recognised(header: str, table: str | None) -> None:
    assert hsds_table(header.split(",")) == table
