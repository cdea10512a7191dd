"""E-mail alerts of new listings (issue 18): an address, a search, a schedule, and what was mailed

Revision ID: 1fd4c44f10da
Revises: 71984ee9bd5f
Create Date: 2026-12-06 04:46:11.955301

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1fd4c44f10da'
down_revision = '71984ee9bd5f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('alerts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('search', sa.Text(), nullable=False),
    sa.Column('search_digest', sa.String(length=64), nullable=False),
    sa.Column('schedule', sa.String(length=10), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('confirm_hash', sa.String(length=64), nullable=True),
    sa.Column('confirm_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('manage_salt', sa.String(length=64), nullable=False),
    sa.Column('manage_hash', sa.String(length=64), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=True),
    sa.Column('checked_through', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('confirm_hash'),
    sa.UniqueConstraint('email', 'search_digest', name='uq_alert_email_search'),
    sa.UniqueConstraint('manage_hash')
    )
    op.create_table('alert_sent',
    sa.Column('alert_id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['alert_id'], ['alerts.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('alert_id', 'listing_id')
    )


def downgrade():
    op.drop_table('alert_sent')
    op.drop_table('alerts')
