"""Within one source: the same role posted twice is one listing; look-alikes stay apart."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ingest.dedupe import dedupe_within_source
from ingest.records import NormalizedListing

BASE = NormalizedListing(
    external_id="1", title="Summer Lifeguard", organisation="Homewood Parks", description="<p>Guard the pool.</p>",
    kind="job", pathways=("hospitality",), apply_url="https://example.org/jobs/1", city="Homewood", state="AL",
    zip="35209", deadline=date(2027, 5, 1))


@pytest.mark.parametrize(("second", "merged"), [
    # The same role under another id and link: one listing.
    (replace(BASE, external_id="2", apply_url="https://example.org/jobs/2"), True),
    (replace(BASE, external_id="2", title="summer lifeguard"), True),  # case only
    (replace(BASE, external_id="2", title="Summer Lifeguard (Part-time)"), False),  # another opening
    (replace(BASE, external_id="2", schedule_text="Part Time 40 hours"), False),
    # Look-alikes: same title, another place or closing date, or other words.
    (replace(BASE, external_id="2", city="Hoover", zip="35244"), False),
    (replace(BASE, external_id="2", deadline=date(2027, 6, 1)), False),
    (replace(BASE, external_id="2", description="<p>Guard the lake beach.</p>"), False),
    (replace(BASE, external_id="2", organisation="Metro Aquatics"), False),
    # Two roles sharing one URL (a board linking every job to its careers page): apart.
    (replace(BASE, external_id="2", title="Swim Instructor", apply_url=BASE.apply_url), False),
])
def test_dedupe_within_source(second: NormalizedListing, merged: bool) -> None:
    kept, dropped = dedupe_within_source([BASE, second])
    assert (len(kept), dropped) == ((1, 1) if merged else (2, 0))
    if merged:
        assert kept[0].external_id == "1" and kept[0].merged_ids == ("2",)
        assert kept[0].alternate_urls == ((second.apply_url,) if second.apply_url != BASE.apply_url else ())


def test_one_id_for_two_roles_is_made_unique_and_one_id_for_one_role_is_one_listing() -> None:
    # Without ids of their own, entries take their link as id: six roles, one careers page.
    shared = "https://example.org/join-us"
    first = replace(BASE, external_id=shared, apply_url=shared)
    other_role = replace(first, title="Security Officer", city="Riverside", zip=None)
    kept, dropped = dedupe_within_source([first, other_role, replace(first)])
    assert dropped == 1  # the exact same posting twice
    assert [k.title for k in kept] == ["Summer Lifeguard", "Security Officer"]
    assert kept[0].external_id == shared and kept[1].external_id.startswith(shared + "#")
    # Stable across runs, so the second role keeps its listing.
    assert dedupe_within_source([first, other_role])[0][1].external_id == kept[1].external_id
