"""The audit log: every change staff (or a command) make, with the values before and after.

``record`` adds an entry to the caller's transaction, so the change and its entry are
committed together or not at all::

    before = audit.snapshot(listing, ["kind", "deadline"])
    listing.kind = "job"
    audit.record(current_user, "listing.correct", listing, before, audit.snapshot(listing, ["kind", "deadline"]))
    db.session.commit()
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import utcnow
from tracker.staff.models import AuditEntry, StaffUser

# Who made a change when no staff account did (the `flask staff …` commands, scheduled jobs).
COMMAND_LINE = "command line"


def record(actor: StaffUser | None, action: str, target: Any,
           before: Mapping[str, Any] | None = None, after: Mapping[str, Any] | None = None,
           by: str | None = None) -> AuditEntry:
    """Add an entry saying ``actor`` did ``action`` to ``target``; the caller commits.

    ``by`` names an actor without a staff account (a partner, by their contact address).
    """
    target_id = getattr(target, "id", None)
    entry = AuditEntry(
        at=utcnow(),
        actor_id=actor.id if actor is not None else None,
        actor_label=str(actor) if actor is not None else (by or COMMAND_LINE),
        action=action,
        target_type=getattr(target, "__tablename__", type(target).__name__),
        target_id=None if target_id is None else str(target_id),
        target_label=str(target)[:400],
        before=_plain(before),
        after=_plain(after),
    )
    db.session.add(entry)
    return entry


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    """Return ``obj``'s ``fields`` as a dict, for ``before``/``after``."""
    return {name: getattr(obj, name) for name in fields}


def changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return only the keys whose values differ, before and after."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def entries(page: int = 1, per_page: int = 50, target: Any = None) -> tuple[list[AuditEntry], int]:
    """Return one page of entries, newest first (only ``target``'s when given), and the total."""
    statement = sa.select(AuditEntry)
    if target is not None:
        statement = statement.where(AuditEntry.target_type == target.__tablename__,
                                    AuditEntry.target_id == str(target.id))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(statement.subquery())) or 0
    rows = db.session.scalars(statement.order_by(AuditEntry.id.desc()).offset((page - 1) * per_page).limit(per_page))
    return list(rows), total


def _plain(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Return ``values`` with dates, money and sets as JSON can hold them."""
    if values is None:
        return None
    return {str(key): _plain_value(value) for key, value in values.items()}


def _plain_value(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain_value(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, Mapping):
        return {str(k): _plain_value(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
