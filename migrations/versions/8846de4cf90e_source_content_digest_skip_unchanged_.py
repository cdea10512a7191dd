"""Source content and settings digests: skip unchanged sources

Revision ID: 8846de4cf90e
Revises: f3d7f1b64284
Create Date: 2026-11-27 17:51:46.128674

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8846de4cf90e'
down_revision = 'f3d7f1b64284'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_digest', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('settings_digest', sa.String(length=64), nullable=True))



def downgrade():
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_column('settings_digest')
        batch_op.drop_column('content_digest')

