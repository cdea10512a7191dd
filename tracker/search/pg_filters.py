"""The values every filter reads, as SQL over a listings row: documents.document_for's twin for PostgreSQL.

pg_arrays.py reads them into the arrays masks.py filters and counts, as the Whoosh
backend reads them from its documents (tests/test_search_postgres.py holds both to
the same values).
"""
from __future__ import annotations

import sqlalchemy as sa

from tracker.models import Listing
from tracker.search.documents import AGE_CEILING, AGE_FLOOR, NOT_STATED, PERIOD_HOURS

Condition = sa.ColumnElement[bool]
L = Listing

# The row's values as the Whoosh documents hold them (documents.document_for).
AGE_STATED: Condition = sa.or_(L.min_age.is_not(None), L.max_age.is_not(None))
GRADE_STATED: Condition = sa.or_(L.min_grade.is_not(None), L.max_grade.is_not(None))
MIN_AGE, MAX_AGE = sa.func.coalesce(L.min_age, AGE_FLOOR), sa.func.coalesce(L.max_age, AGE_CEILING)
MIN_GRADE, MAX_GRADE = sa.func.coalesce(L.min_grade, AGE_FLOOR), sa.func.coalesce(L.max_grade, AGE_CEILING)
HOURS = sa.func.coalesce(L.hours_per_week, NOT_STATED)
POSTED = sa.func.coalesce(L.posted_at, L.first_seen_at)
WORK_MODE = sa.func.coalesce(L.work_mode, "unknown")
SEASON = sa.func.replace(sa.func.coalesce(L.season, "none"), " ", "-")
# The pathways list as its JSON text: '"stem"' in it is a pathway named (slugs hold no
# quotes), as the search column's names function reads it; parsing JSON on every row cost more.
PATHWAYS_TEXT = sa.cast(L.pathways, sa.Text)
_AMOUNT = sa.func.coalesce(L.pay_max, L.pay_min)
# documents.hourly_cents: a stipend for a whole program (or no amount) is not an hourly rate.
HOURLY = sa.case(
    (L.pay_status == "unpaid", 0),
    (sa.and_(L.pay_status == "paid", _AMOUNT.is_not(None), L.pay_period.in_(list(PERIOD_HOURS))),
     sa.func.round(_AMOUNT * 100 / sa.case(*((L.pay_period == p, h) for p, h in PERIOD_HOURS.items())))),
    else_=NOT_STATED)
BUS: Condition = sa.func.coalesce(sa.func.json_array_length(L.transit_routes), 0) > 0
TRANSPORT: Condition = L.transport_provided.is_(True)
