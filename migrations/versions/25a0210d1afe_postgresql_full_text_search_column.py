"""PostgreSQL full-text search: a generated tsvector column on listings, its GIN index, the words for "did you mean"

Revision ID: 25a0210d1afe
Revises: b711b400f6f2
Create Date: 2026-12-06 05:20:00.000000

A no-op on SQLite: only PostgreSQL has these (tracker/search/pg_schema.py says why). The
names of kinds and pathways are frozen here as the function's constants; a later change
to tracker/taxonomy.py replaces the function in a migration of its own.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '25a0210d1afe'
down_revision = 'b711b400f6f2'
branch_labels = None
depends_on = None

KINDS = (("internship", "Internship"), ("job", "Job"), ("apprenticeship", "Apprenticeship"),
         ("job-shadowing", "Job shadowing"), ("training", "Training / certificate"),
         ("workshop", "Workshop / skill-building"), ("summer-program", "Summer program"), ("volunteer", "Volunteer"))
PATHWAYS = (("teaching", "Teaching"), ("counseling", "Counseling & student support"),
            ("paraprofessional", "Paraprofessional"), ("facilities", "Facilities management"), ("finance", "Finance"),
            ("operations", "Operations"), ("information-technology", "Information technology"),
            ("healthcare", "Healthcare"), ("skilled-trades", "Construction & skilled trades"),
            ("manufacturing", "Manufacturing"), ("transportation-logistics", "Transportation & logistics"),
            ("hospitality", "Hospitality & tourism"), ("arts-media", "Arts, media & communications"),
            ("business-marketing", "Business, marketing & sales"), ("public-service", "Government & public safety"),
            ("human-services", "Human services"), ("stem", "Science & engineering"),
            ("agriculture-environment", "Agriculture & environment"))


def _quoted(text):
    return "'" + text.replace("'", "''") + "'"


def _tags_function():
    kinds = " ".join(f"WHEN {_quoted(slug)} THEN {_quoted(label)}" for slug, label in KINDS)
    pathways = " || ".join(f"CASE WHEN pathways LIKE {_quoted('%' + chr(34) + slug + chr(34) + '%')} "
                           f"THEN {_quoted(' ' + label)} ELSE '' END" for slug, label in PATHWAYS)
    return ("CREATE OR REPLACE FUNCTION listing_search_tags(kind text, pathways text) RETURNS text "
            f"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (CASE kind {kinds} ELSE '' END) || {pathways} $$")


VECTOR = ("setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
          "setweight(to_tsvector('english'::regconfig, coalesce(organisation, '')), 'B') || "
          "setweight(to_tsvector('english'::regconfig, listing_search_tags(kind, pathways::text)), 'C') || "
          "setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'D')")
# pg_trgm goes in public when there is one: an extension made inside a schema that is later dropped goes with it.
TRIGRAM = ("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN "
           "EXECUTE format('CREATE EXTENSION pg_trgm SCHEMA %I', CASE WHEN EXISTS "
           "(SELECT 1 FROM pg_namespace WHERE nspname = 'public') THEN 'public' ELSE current_schema() END); "
           "END IF; EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL; END $$")


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    bind.execute(sa.text(TRIGRAM))
    trigram = bind.execute(sa.text(
        "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'")).scalar_one()
    op.execute(_tags_function())
    # Computes every row's vector once, here; afterwards PostgreSQL keeps it with each write.
    op.execute(f"ALTER TABLE listings ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED")
    op.execute("CREATE INDEX ix_listings_search_vector ON listings USING gin (search_vector)")
    op.execute("CREATE TABLE search_words (word text PRIMARY KEY, listings integer NOT NULL)")
    op.execute(f"CREATE INDEX ix_search_words_trigram ON search_words USING gin (word {trigram}.gin_trgm_ops)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE search_words")
    op.execute("DROP INDEX ix_listings_search_vector")
    op.execute("ALTER TABLE listings DROP COLUMN search_vector")
    op.execute("DROP FUNCTION listing_search_tags(text, text)")
    # pg_trgm stays: other schemas of this database may use it.
