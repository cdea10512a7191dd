"""Problem reports on listings: "report a problem" and the staff queue (issue 15)

Revision ID: d9dde9c4cd54
Revises: 1fd4c44f10da
Create Date: 2026-12-06 04:44:47.020291

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd9dde9c4cd54'
down_revision = '1fd4c44f10da'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('problem_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('details', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolution', sa.String(length=20), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], name='fk_problem_reports_listing_id'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['staff_users.id'], name='fk_problem_reports_resolved_by_id'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('problem_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_problem_reports_listing_id'), ['listing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_reports_resolved_at'), ['resolved_at'], unique=False)



def downgrade():
    with op.batch_alter_table('problem_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_problem_reports_resolved_at'))
        batch_op.drop_index(batch_op.f('ix_problem_reports_listing_id'))

    op.drop_table('problem_reports')
