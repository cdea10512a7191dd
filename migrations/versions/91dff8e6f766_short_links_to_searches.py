"""Short links to searches

Revision ID: 91dff8e6f766
Revises: 934d02615377
Create Date: 2026-11-27 18:07:36.846517

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '91dff8e6f766'
down_revision = '934d02615377'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('short_links',
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('args', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('code'),
    sa.UniqueConstraint('digest')
    )


def downgrade():
    op.drop_table('short_links')
