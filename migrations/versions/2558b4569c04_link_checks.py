"""Link checks of apply links: the last answer and the days failed, per listing (issue 15)

Revision ID: 2558b4569c04
Revises: 25a0210d1afe
Create Date: 2026-12-06 05:03:48.038032

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2558b4569c04'
down_revision = '25a0210d1afe'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('link_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('final_url', sa.Text(), nullable=True),
    sa.Column('failing_days', sa.Integer(), nullable=False),
    sa.Column('failing_since', sa.Date(), nullable=True),
    sa.Column('etag', sa.String(length=300), nullable=True),
    sa.Column('last_modified', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], name='fk_link_checks_listing_id'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('listing_id')
    )


def downgrade():
    op.drop_table('link_checks')
