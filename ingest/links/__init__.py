"""The apply-link checker (``flask --app wsgi links check``).

- probe.py: ask one URL (HEAD, then GET), through ingest's guarded opener.
- polite.py: visit many URLs with a per-host limit and delay.
- run.py: which links are due, record the answers, close listings whose link is gone.
- cli.py: the command and its exit codes.
What it records lives in tracker/link_checks.py, which the pages read.
"""
