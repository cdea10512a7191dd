"""`ingest check` over every shared real-world feed: listings, or one clear error line, never a crash.

The shared fixtures (../shared/fixtures/feeds beside the repository, read-only) hold real
files of every format, some broken on purpose and some without a licence that would let
them be copied here, so they are read in place.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Beside the main checkout; a worktree sits one level deeper.
SHARED_FEEDS = next((base / "shared" / "fixtures" / "feeds" for base in (ROOT.parent, ROOT.parent.parent)
                     if (base / "shared" / "fixtures" / "feeds").is_dir()), ROOT.parent / "shared" / "fixtures" / "feeds")
NOTES = {"SOURCE.txt", "LICENSE-NOTE.txt"}  # attribution notes, not inputs


def _inputs() -> list[Path]:
    if not SHARED_FEEDS.is_dir():
        return []
    return sorted(p for p in SHARED_FEEDS.rglob("*") if p.is_file() and p.name not in NOTES)


def test_shared_fixtures_are_present() -> None:
    if SHARED_FEEDS.is_dir():
        assert _inputs(), f"{SHARED_FEEDS} holds no fixture files"
        return
    message = f"shared fixtures not found at {SHARED_FEEDS}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI lays them beside the repository)")
    pytest.skip(message + "; CI runs these tests")


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: str(p.relative_to(SHARED_FEEDS)))
def test_ingest_check_gives_listings_or_one_clear_error(runner, path: Path) -> None:
    result = runner.invoke(args=["ingest", "check", str(path)])
    output = result.output
    assert "Traceback" not in output
    # The command's last-resort handler names the exception type: a parser bug, not a clear error.
    assert f"could not read {path.resolve()}: " not in output, output
    if result.exit_code == 0:
        listings = [line for line in output.splitlines() if line.startswith("- ")]
        assert listings, output
        assert f"{len(listings)} listings from" in output
    else:
        assert result.exit_code == 1, output
        errors = [line for line in output.splitlines() if line.startswith("error:")]
        assert len(errors) == 1, output
        assert len(errors[0].removeprefix("error:").strip()) > 10, output
