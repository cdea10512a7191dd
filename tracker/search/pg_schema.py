"""What the PostgreSQL backend keeps in the database: the listings' own search column and its indexes.

The words of a listing are a generated ``tsvector`` column of ``listings``, so PostgreSQL
keeps it in the same transaction as the row: there is no index to fall behind. Title,
organisation, the kind and pathway names (so "internship" finds internships that never
say the word) and description are weighted A, B, C and D, as the Whoosh backend weighs
them by repetition. A GIN index serves the matches; ``search_words`` (the words of the
listings, for "did you mean") has a pg_trgm index.

Only PostgreSQL has them: the migration that adds them is a no-op on SQLite, and the
models do not declare them (a SQLite table cannot take them), so ``db.create_all()``
gets them from the DDL event below and the migration checks leave them to
``include_in_migrations`` (tests/test_migrations.py compares both ways of making them).
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from tracker import taxonomy
from tracker.models import Listing

CONFIG = "english"  # PostgreSQL's text search configuration: Snowball English stems, its stop words
COLUMN = "search_vector"
GIN_INDEX = "ix_listings_search_vector"
TAGS_FUNCTION = "listing_search_tags"
WORDS_TABLE = "search_words"
WORDS_INDEX = "ix_search_words_trigram"
# The objects above as reflection names them, for include_in_migrations.
_OBJECTS = {("column", COLUMN), ("index", GIN_INDEX), ("table", WORDS_TABLE), ("index", WORDS_INDEX)}


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def tags_function_sql() -> str:
    """Return the SQL function naming a listing's kind and pathways in words (from tracker/taxonomy.py).

    A generated column may only call immutable functions, and the names live in Python:
    the function carries them as constants. When taxonomy's names change, a migration
    replaces it (tests/test_migrations.py fails until one does).
    """
    kinds = " ".join(f"WHEN {_quoted(k.slug)} THEN {_quoted(k.label)}" for k in taxonomy.KINDS)
    pathways = " || ".join(f"CASE WHEN pathways LIKE {_quoted('%' + chr(34) + p.slug + chr(34) + '%')} "
                           f"THEN {_quoted(' ' + p.label)} ELSE '' END" for p in taxonomy.PATHWAYS)
    return (f"CREATE OR REPLACE FUNCTION {TAGS_FUNCTION}(kind text, pathways text) RETURNS text "
            f"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (CASE kind {kinds} ELSE '' END) || {pathways} $$")


def vector_sql() -> str:
    """Return the generated column's expression: each part weighted (A title ... D description)."""
    def part(expression: str, weight: str) -> str:
        return f"setweight(to_tsvector('{CONFIG}'::regconfig, {expression}), '{weight}')"

    # The description is sanitized HTML: PostgreSQL's parser skips tags and entities itself.
    return " || ".join([part("coalesce(title, '')", "A"), part("coalesce(organisation, '')", "B"),
                        part(f"{TAGS_FUNCTION}(kind, pathways::text)", "C"), part("coalesce(description, '')", "D")])


def trigram_schema(connection: sa.Connection) -> str:
    """Create pg_trgm when missing and return the schema it lives in.

    Put in ``public`` when there is one: an extension created inside a schema that is
    later dropped (a test's) would go with it, under every other user of the database.
    """
    connection.execute(sa.text(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN "
        "EXECUTE format('CREATE EXTENSION pg_trgm SCHEMA %I', CASE WHEN EXISTS "
        "(SELECT 1 FROM pg_namespace WHERE nspname = 'public') THEN 'public' ELSE current_schema() END); "
        "END IF; EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL; END $$"))
    schema: str = connection.execute(sa.text(
        "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'")).scalar_one()
    return schema


def install(connection: sa.Connection) -> None:
    """Add the search column, its index and the words table (to a database made by create_all)."""
    trigram = trigram_schema(connection)
    for statement in (
        tags_function_sql(),
        f"ALTER TABLE listings ADD COLUMN {COLUMN} tsvector GENERATED ALWAYS AS ({vector_sql()}) STORED",
        # In the row, not out of line, where it fits: a word's first search reads it from every listing holding it.
        f"ALTER TABLE listings ALTER COLUMN {COLUMN} SET STORAGE MAIN",
        f"CREATE INDEX {GIN_INDEX} ON listings USING gin ({COLUMN})",
        f"CREATE TABLE {WORDS_TABLE} (word text PRIMARY KEY, listings integer NOT NULL)",
        f"CREATE INDEX {WORDS_INDEX} ON {WORDS_TABLE} USING gin (word {trigram}.gin_trgm_ops)",
    ):
        connection.execute(sa.text(statement))


def is_installed(connection: sa.Connection) -> bool:
    """Say whether this database has the search column (its migration has run)."""
    found = connection.execute(sa.text(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = 'listings' AND column_name = :column"), {"column": COLUMN}).first()
    return found is not None


def include_in_migrations(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Leave the search objects (not in the models) out of Alembic's comparison of models and database."""
    return not (reflected and (type_, name) in _OBJECTS)


def _after_create(target: sa.Table, connection: sa.Connection, **kw: Any) -> None:
    if connection.dialect.name == "postgresql":
        install(connection)


sa.event.listen(Listing.__table__, "after_create", _after_create)
