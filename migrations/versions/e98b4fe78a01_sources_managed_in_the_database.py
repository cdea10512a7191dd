"""Sources managed in the database: their defaults, and a pending "fetch now" (issue 14)

Revision ID: e98b4fe78a01
Revises: 4f3db55500b2
Create Date: 2026-12-06 01:58:34.304186

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e98b4fe78a01'
down_revision = '4f3db55500b2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('defaults', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('fetch_requested_at', sa.DateTime(timezone=True), nullable=True))



def downgrade():
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_column('fetch_requested_at')
        batch_op.drop_column('defaults')

