"""PostgreSQL search: each listing's tsvector kept in its row (STORAGE MAIN), not out of line

Revision ID: 7c1e5a9d2f40
Revises: 2558b4569c04
Create Date: 2026-12-06 08:40:00.000000

A no-op on SQLite. The first search of a word reads the vector of every listing holding
it (tracker/search/pg_arrays.py); stored out of line, each read was a TOAST lookup:
0.45 s for a word 80,000 of 100,000 listings hold, 0.12 s kept in the row (where the
description leaves it room; a longer one still goes out of line). The rows are written
again so the vectors move; the table then takes about twice the space in its own pages.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '7c1e5a9d2f40'
down_revision = '2558b4569c04'
branch_labels = None
depends_on = None


def _store(storage):
    op.execute(f"ALTER TABLE listings ALTER COLUMN search_vector SET STORAGE {storage}")
    # A stored generated column is computed again by any update, and stored as now set.
    op.execute("UPDATE listings SET search_vector = DEFAULT")


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        _store("MAIN")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        _store("EXTENDED")
