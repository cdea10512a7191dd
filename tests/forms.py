"""Post forms as a browser does: with the CSRF token of a page the site served."""
from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient

TOKEN = re.compile(r'<input type="hidden" name="csrf_token" value="([^"]+)">')


def csrf_token(client: FlaskClient, page: str = "/s/new") -> str:
    """Return the CSRF token a form on ``page`` carries (it lives in ``client``'s session)."""
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    match = TOKEN.search(response.get_data(as_text=True))
    assert match, f"no form with a CSRF token on {page}"
    return match.group(1)


def post_form(client: FlaskClient, path: str, data: Any, page: str = "/s/new", **kwargs: Any) -> Any:
    """POST ``data`` to ``path`` with the token of the form on ``page``, as its submit button would."""
    token = csrf_token(client, page)
    if hasattr(data, "add"):  # a MultiDict: keep repeated fields
        data = data.copy()
        data.add("csrf_token", token)
    else:
        data = {**data, "csrf_token": token}
    return client.post(path, data=data, **kwargs)
