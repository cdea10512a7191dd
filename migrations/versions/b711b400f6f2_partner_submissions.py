"""Partner submissions (issue 15): contact, policy answers, private links; how to apply without a link

Revision ID: b711b400f6f2
Revises: d9dde9c4cd54
Create Date: 2026-12-06 04:45:48.907812

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b711b400f6f2'
down_revision = 'd9dde9c4cd54'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('partner_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=False),
    sa.Column('supervisor', sa.String(length=120), nullable=False),
    sa.Column('policy', sa.JSON(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('confirm_digest', sa.String(length=64), nullable=True),
    sa.Column('confirm_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('email_confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('manage_digest', sa.String(length=64), nullable=True),
    sa.Column('still_open_digest', sa.String(length=64), nullable=True),
    sa.Column('last_confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reminder_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('lapsed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reject_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('confirm_digest'),
    sa.UniqueConstraint('listing_id'),
    sa.UniqueConstraint('manage_digest'),
    sa.UniqueConstraint('still_open_digest')
    )
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('apply_instructions', sa.Text(), nullable=True))



def downgrade():
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.drop_column('apply_instructions')

    op.drop_table('partner_submissions')
