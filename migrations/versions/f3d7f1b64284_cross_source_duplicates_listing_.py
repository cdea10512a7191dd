"""Cross-source duplicates: listing fingerprint and duplicate_of

Revision ID: f3d7f1b64284
Revises: 1195f82476f0
Create Date: 2026-11-27 17:48:10.543304

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f3d7f1b64284'
down_revision = '1195f82476f0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fingerprint', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('duplicate_of_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_listings_duplicate_of_id'), ['duplicate_of_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_listings_fingerprint'), ['fingerprint'], unique=False)
        batch_op.create_foreign_key('fk_listings_duplicate_of_id', 'listings', ['duplicate_of_id'], ['id'])



def downgrade():
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.drop_constraint('fk_listings_duplicate_of_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_listings_fingerprint'))
        batch_op.drop_index(batch_op.f('ix_listings_duplicate_of_id'))
        batch_op.drop_column('duplicate_of_id')
        batch_op.drop_column('fingerprint')

