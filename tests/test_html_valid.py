"""Every page template, in English and Spanish, is valid HTML by html-validate's recommended rules.

html-validate comes from npm (package.json, package-lock.json; `make install` runs
`npm ci`). Without it the test skips on a laptop and fails in CI (CI or REQUIRE_BROWSER set).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bench.page_weight import EXPECTED_STATUS, LANGUAGES, page_paths, prepare_site
from tests.conftest import ROOT, copy_of_demo
from tracker.extensions import db

HTML_VALIDATE = ROOT / "node_modules" / ".bin" / "html-validate"


def html_validate() -> list[str]:
    node = shutil.which("node")
    if node and HTML_VALIDATE.exists():
        return [str(HTML_VALIDATE)]
    reason = "html-validate is not installed (make install runs `npm ci`; it needs Node.js 20+)"
    if os.environ.get("CI") or os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"CI must validate the pages, but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def saved_pages(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Render every page in every language and save it as a file."""
    folder = tmp_path_factory.mktemp("html-validate")
    app = copy_of_demo(demo_template, folder)
    prepare_site(app)
    out = folder / "pages"
    out.mkdir()
    saved = []
    for name, path in page_paths(app).items():
        for lang in LANGUAGES:
            response = app.test_client().get(f"{path}{'&' if '?' in path else '?'}lang={lang}")
            assert response.status_code == EXPECTED_STATUS.get(name, 200), path
            target = out / f"{name}-{lang}.html"
            target.write_bytes(response.get_data())
            saved.append(target)
    with app.app_context():
        db.engine.dispose()
    return saved


def test_every_page_is_valid_html(saved_pages: list[Path]) -> None:
    command = html_validate()
    # The report goes to a file: node may exit before a large report drains through a pipe.
    report = saved_pages[0].parent / "report.json"
    result = subprocess.run([*command, "--config", str(ROOT / ".htmlvalidate.json"), "--formatter", f"json={report}", *map(str, saved_pages)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    reports = json.loads(report.read_text(encoding="utf-8")) if report.exists() else []
    errors = [(Path(r["filePath"]).name, m["ruleId"], m["line"], m["message"])
              for r in reports for m in r["messages"] if m["severity"] >= 2]
    assert errors == [], "\n".join(map(str, errors))
    assert result.returncode == 0, result.stderr
    # At least the 34 pages there were when this was written: a page may be added without
    # touching this line, but not lost from the list unnoticed.
    assert len(saved_pages) >= 34 * len(LANGUAGES)
