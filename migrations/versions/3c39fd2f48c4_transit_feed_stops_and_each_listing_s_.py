"""Transit feed, its served stops, and each listing's bus access (issue #18)

Revision ID: 3c39fd2f48c4
Revises: 91dff8e6f766
Create Date: 2026-12-06 01:45:52.823932

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c39fd2f48c4'
down_revision = '91dff8e6f766'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('transit_feeds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('location', sa.Text(), nullable=False),
    sa.Column('etag', sa.String(length=300), nullable=True),
    sa.Column('last_modified', sa.String(length=100), nullable=True),
    sa.Column('content_digest', sa.String(length=64), nullable=True),
    sa.Column('evaluated_on', sa.Date(), nullable=True),
    sa.Column('service_start', sa.Date(), nullable=True),
    sa.Column('service_end', sa.Date(), nullable=True),
    sa.Column('last_run_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_success_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('consecutive_failures', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('transit_stops',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stop_id', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('latitude', sa.Double(), nullable=False),
    sa.Column('longitude', sa.Double(), nullable=False),
    sa.Column('routes', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('place_exact', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('transit_routes', sa.JSON(none_as_null=True), nullable=True))
        batch_op.add_column(sa.Column('transit_stop', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('transit_walk_minutes', sa.Integer(), nullable=True))



def downgrade():
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.drop_column('transit_walk_minutes')
        batch_op.drop_column('transit_stop')
        batch_op.drop_column('transit_routes')
        batch_op.drop_column('place_exact')

    op.drop_table('transit_stops')
    op.drop_table('transit_feeds')
