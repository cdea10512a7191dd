"""Reading and replacing the stored indicator figures (the IndicatorValue table)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, cast

import sqlalchemy as sa

from tracker.extensions import db
from tracker.milestones.indicators import IndicatorRecord
from tracker.models import IndicatorValue

_FIELDS = ("milestone", "indicator", "place", "year", "sort_year", "value", "unit", "source", "source_url",
           "note", "note_es")


@dataclass(frozen=True)
class Replaced:
    removed: int
    added: int


def stored_count() -> int:
    """Return how many figures are stored."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(IndicatorValue)) or 0


def all_records() -> list[IndicatorRecord]:
    """Return every stored figure, as the plain records the dashboard works on."""
    rows = db.session.scalars(sa.select(IndicatorValue).order_by(IndicatorValue.id))
    return [IndicatorRecord(**{name: getattr(row, name) for name in _FIELDS}) for row in rows]


def replace_all(records: Iterable[IndicatorRecord]) -> Replaced:
    """Swap the stored figures for ``records`` in one transaction; on any error keep the old ones."""
    try:
        deleted = cast("sa.CursorResult[Any]", db.session.execute(sa.delete(IndicatorValue)))
        removed = deleted.rowcount or 0
        rows = [IndicatorValue(**{name: getattr(record, name) for name in _FIELDS}) for record in records]
        db.session.add_all(rows)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return Replaced(removed=removed, added=len(rows))
