"""Indicator values for the milestones dashboard

Revision ID: 934d02615377
Revises: 8846de4cf90e
Create Date: 2026-11-27 18:05:53.162000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '934d02615377'
down_revision = '8846de4cf90e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('indicator_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('milestone', sa.String(length=80), nullable=False),
    sa.Column('indicator', sa.String(length=80), nullable=False),
    sa.Column('place', sa.String(length=80), nullable=False),
    sa.Column('year', sa.String(length=40), nullable=False),
    sa.Column('sort_year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Numeric(precision=12, scale=3), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('source_url', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('note_es', sa.Text(), nullable=True),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('milestone', 'indicator', 'place', 'sort_year', name='uq_indicator_value')
    )
    with op.batch_alter_table('indicator_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_values_milestone'), ['milestone'], unique=False)



def downgrade():
    with op.batch_alter_table('indicator_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_values_milestone'))
    op.drop_table('indicator_values')
