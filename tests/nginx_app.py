"""The app as gunicorn serves it for tests/test_nginx_cache.py, plus a page like the staff pages."""
from __future__ import annotations

import uuid

from wsgi import app


@app.get("/staff-like")
def staff_like() -> tuple[str, int, dict[str, str]]:
    # Staff pages answer `Cache-Control: no-store`; each answer here is unique, so a
    # cached copy would show.
    return f"staff page {uuid.uuid4()}", 200, {"Cache-Control": "no-store"}
