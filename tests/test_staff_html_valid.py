"""Every staff page (and its forms with errors and a check result), in English and Spanish,
is valid HTML by html-validate's recommended rules, as the public pages are."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from bench.page_weight import LANGUAGES
from tests.conftest import ROOT, copy_of_demo
from tests.staff_helpers import csrf_token, log_in
from tests.staff_pages import ADMIN_EMAIL, EXPECTED_STATUS, PUBLIC_PAGES, staff_page_paths
from tests.test_html_valid import html_validate
from tracker.extensions import db


def with_lang(path: str, lang: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


@pytest.fixture(scope="module")
def staff_pages(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("staff-html")
    app = copy_of_demo(demo_template, folder, SOURCES_ALLOW_PRIVATE_HOSTS=True)
    paths = staff_page_paths(app)
    out = folder / "pages"
    out.mkdir()
    admin = app.test_client()
    assert log_in(admin, ADMIN_EMAIL).status_code == 302
    saved = []
    for lang in LANGUAGES:
        for name, path in paths.items():
            client = app.test_client() if name in PUBLIC_PAGES else admin
            response = client.get(with_lang(path, lang))
            assert response.status_code == EXPECTED_STATUS.get(name, 200), (name, response.status_code)
            saved.append(_save(out, f"{name}-{lang}", response.get_data()))
        # Forms as they come back with errors, and a dry run's preview.
        token = csrf_token(admin.get(with_lang(paths["source-new"], lang)).get_data(as_text=True))
        bad = admin.post(with_lang(paths["source-new"], lang), data={"csrf_token": token, "name": "", "url": "ftp://x",
                                                                     "zip": "1", "format": "auto", "save": "Save"})
        assert bad.status_code == 400
        saved.append(_save(out, f"source-errors-{lang}", bad.get_data()))
        checked = admin.post(with_lang(paths["source"] + "/check", lang), data={"csrf_token": token})
        assert "Check result" in checked.get_data(as_text=True) or lang != "en"
        saved.append(_save(out, f"source-check-{lang}", checked.get_data()))
        anonymous = app.test_client()
        login_token = csrf_token(anonymous.get(with_lang("/staff/login", lang)).get_data(as_text=True))
        failed = anonymous.post(with_lang("/staff/login", lang), data={"csrf_token": login_token, "email": "x",
                                                                       "password": ""})
        saved.append(_save(out, f"login-errors-{lang}", failed.get_data()))
        hidden_badly = admin.post(with_lang(paths["report"] + "/hide", lang), data={"csrf_token": token, "reason": ""})
        assert hidden_badly.status_code == 400
        saved.append(_save(out, f"report-hide-errors-{lang}", hidden_badly.get_data()))
        # The public report form sent back with errors (no reason, too much text).
        report_form = paths["report"].replace("/staff/reports/", "/listings/") + "/report"
        report_token = csrf_token(anonymous.get(with_lang(report_form, lang)).get_data(as_text=True))
        unsent = anonymous.post(with_lang(report_form, lang), data={"csrf_token": report_token, "details": "x" * 1001})
        assert unsent.status_code == 400
        saved.append(_save(out, f"report-form-errors-{lang}", unsent.get_data()))
    with app.app_context():
        db.engine.dispose()
    return saved


def _save(folder: Path, name: str, body: bytes) -> Path:
    target = folder / f"{name}.html"
    target.write_bytes(body)
    return target


def test_every_staff_page_is_valid_html(staff_pages: list[Path]) -> None:
    command = html_validate()
    report = staff_pages[0].parent / "report.json"
    result = subprocess.run([*command, "--config", str(ROOT / ".htmlvalidate.json"), "--formatter", f"json={report}",
                             *map(str, staff_pages)], cwd=ROOT, capture_output=True, text=True, timeout=180, check=False)
    reports = json.loads(report.read_text(encoding="utf-8")) if report.exists() else []
    errors = [(Path(r["filePath"]).name, m["ruleId"], m["line"], m["message"])
              for r in reports for m in r["messages"] if m["severity"] >= 2]
    assert errors == [], "\n".join(map(str, errors))
    assert result.returncode == 0, result.stderr
