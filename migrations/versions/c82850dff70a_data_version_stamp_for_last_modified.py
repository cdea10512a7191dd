"""Data version stamp for Last-Modified

Revision ID: c82850dff70a
Revises: 6ce4decfe775
Create Date: 2026-12-06 01:56:46.839547

"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c82850dff70a'
down_revision = '6ce4decfe775'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table('data_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('counter', sa.BigInteger(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    # Start from what the old scan answered, so clients' cached copies stay valid.
    newest = op.get_bind().execute(sa.text("SELECT max(updated_at), max(closed_at) FROM listings")).one()
    stamps = [_aware(value) for value in newest if value is not None]
    op.bulk_insert(table, [{"id": 1, "counter": 0, "changed_at": max(stamps, default=datetime.now(timezone.utc))}])


def _aware(value):
    # SQLite hands back text; PostgreSQL an aware datetime.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def downgrade():
    op.drop_table('data_version')
