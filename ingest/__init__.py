"""Ingest: the jobs that fill the database and the search index from sources.

Stages, in the order ingest.pipeline runs them: retrieve -> parse -> normalize -> dedupe
-> store -> index. Parsing and normalizing are pure (bytes and records in, records out).
"""
