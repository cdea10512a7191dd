"""Partner submissions for tests: a valid form, sending it through the real pages, reading the mails."""
from __future__ import annotations

import re
from email.message import EmailMessage
from typing import Any

from flask import Flask

from tests.staff_helpers import csrf_token

LINK = re.compile(r"https?://\S+/submit/(confirm|manage|still-open)/([A-Za-z0-9_\-]+)")


def valid_form(**overrides: Any) -> dict[str, Any]:
    """A complete, valid submission as a browser posts it."""
    data: dict[str, Any] = {
        "organisation": "Magic City Bakery", "contact_email": "jobs@bakery.example.org", "supervisor": "Ana Ruiz",
        "title": "Summer bakery assistant", "kind": "job", "pathways": ["hospitality"],
        "description": "Bake bread and serve customers.\n\nYou learn food safety.",
        "min_age": "16", "max_age": "", "min_grade": "", "max_grade": "",
        "pay_type": "paid", "pay_amount": "12.50", "pay_period": "hour",
        "hours_per_week": "20", "schedule_text": "Weekdays 3–6 pm", "season": "summer", "start_date": "", "end_date": "",
        "work_mode": "onsite", "address": "1 Main St", "city": "", "zip": "35203", "nearest_bus": "Route 44",
        "deadline": "", "apply_url": "https://bakery.example.org/apply", "apply_instructions": "",
        "no_fees": "y", "minimum_wage": "y", "suitable_duties": "y", "named_supervisor": "y", "child_labor": "have",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def send_submission(client: Any, **overrides: Any) -> Any:
    """Post a valid form straight to "send" (as the preview's button does); return the response."""
    token = csrf_token(client.get("/submit").get_data(as_text=True))
    return client.post("/submit/send", data={"csrf_token": token, **valid_form(**overrides)})


def link_in(message: EmailMessage, kind: str) -> str:
    """Return the path of the ``kind`` link (confirm, manage, still-open) in a mail."""
    body = message.get_content()
    for match in LINK.finditer(body):
        if match.group(1) == kind:
            return f"/submit/{kind}/{match.group(2)}"
    raise AssertionError(f"no {kind} link in: {body}")


def press(client: Any, path: str) -> Any:
    """Open ``path`` and press its form's button (with the page's CSRF token)."""
    page = client.get(path)
    assert page.status_code == 200, (path, page.status_code)
    return client.post(path, data={"csrf_token": csrf_token(page.get_data(as_text=True))})


def confirmed_submission(app: Flask, client: Any, mailbox: Any, **overrides: Any) -> str:
    """Send and confirm a submission; return the path of its management link."""
    assert send_submission(client, **overrides).status_code == 303
    press(client, link_in(mailbox.messages[-1], "confirm"))
    return link_in(mailbox.messages[-1], "manage")
