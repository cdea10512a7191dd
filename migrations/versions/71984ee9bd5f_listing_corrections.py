"""Listing corrections and hides by editors, which survive re-ingest (issue 14)

Revision ID: 71984ee9bd5f
Revises: e98b4fe78a01
Create Date: 2026-12-06 02:13:12.045023

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '71984ee9bd5f'
down_revision = 'e98b4fe78a01'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('corrections', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('feed_values', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('hidden_reason', sa.Text(), nullable=True))



def downgrade():
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.drop_column('hidden_reason')
        batch_op.drop_column('feed_values')
        batch_op.drop_column('corrections')

