"""Placement figures for the 30% goal (issue #16): aggregate counts per school year and school

Revision ID: 6ce4decfe775
Revises: 01dc2bac675e
Create Date: 2026-12-06 02:51:18.814737

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6ce4decfe775'
down_revision = '01dc2bac675e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('placement_figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('school', sa.String(length=120), nullable=False),
    sa.Column('juniors_seniors', sa.Integer(), nullable=False),
    sa.Column('completed', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('source_url', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('completed >= 0 AND juniors_seniors >= completed', name='ck_placement_counts'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('school_year', 'school', name='uq_placement_year_school')
    )
    with op.batch_alter_table('placement_figures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_placement_figures_school_year'), ['school_year'], unique=False)



def downgrade():
    with op.batch_alter_table('placement_figures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_placement_figures_school_year'))

    op.drop_table('placement_figures')
