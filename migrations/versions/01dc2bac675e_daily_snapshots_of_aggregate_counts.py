"""Daily snapshots of aggregate counts (issue #16): one row per day, its counts beside it

Revision ID: 01dc2bac675e
Revises: 3c39fd2f48c4
Create Date: 2026-12-06 02:02:50.747467

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = '01dc2bac675e'
down_revision = '3c39fd2f48c4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('taken_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('day')
    )
    op.create_table('snapshot_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('measure', sa.String(length=40), nullable=False),
    sa.Column('key', sa.String(length=160), nullable=False),
    sa.Column('value', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshots.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('snapshot_id', 'measure', 'key', name='uq_snapshot_count')
    )
    with op.batch_alter_table('snapshot_counts', schema=None) as batch_op:
        batch_op.create_index('ix_snapshot_counts_measure_key', ['measure', 'key'], unique=False)
        batch_op.create_index(batch_op.f('ix_snapshot_counts_snapshot_id'), ['snapshot_id'], unique=False)



def downgrade():
    with op.batch_alter_table('snapshot_counts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_snapshot_counts_snapshot_id'))
        batch_op.drop_index('ix_snapshot_counts_measure_key')

    op.drop_table('snapshot_counts')
    op.drop_table('snapshots')
