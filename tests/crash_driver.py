"""Run `flask ingest run` in this process and stop it dead at one stage boundary.

Used by tests/test_crash_recovery.py: ``python -m tests.crash_driver SETTINGS_JSON``.
At the boundary the settings name, it prints ``stopped at NAME`` and waits for the test
to kill it with SIGKILL; it never goes on. "index-commit" is the moment inside an index
write when the new segment's files are written but the table of contents naming them
is not: where a kill leaves orphan files.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from whoosh.index import TOC

from ingest import pipeline
from tests.conftest import build_app, make_config

INDEX_COMMIT = "index-commit"


def stop_at(target: str) -> None:
    """Make the run wait, once it reaches ``target``, for the kill."""
    armed = False

    def reached(name: str) -> None:
        nonlocal armed
        armed = armed or name == "stored"  # the source's own index write comes next
        if name == target:
            os.write(1, f"stopped at {name}\n".encode())
            os.read(0, 1)  # fd 0, not sys.stdin (the CLI runner swaps that): the kill comes here
            os._exit(3)

    pipeline.on_boundary(reached)
    if target == INDEX_COMMIT:
        write_toc = TOC.write

        def write(self: Any, storage: Any, indexname: str) -> None:
            if armed:
                reached(INDEX_COMMIT)
            write_toc(self, storage, indexname)

        TOC.write = write  # type: ignore[method-assign]


def main() -> None:
    settings = json.loads(sys.argv[1])
    stop_at(settings["stop_at"])
    app = build_app(make_config(Path(settings["folder"]), **settings["config"]), create_schema=False)
    result = app.test_cli_runner().invoke(args=["ingest", "run"])
    os.write(1, f"finished with exit code {result.exit_code}: {result.output}\n".encode())


if __name__ == "__main__":
    main()
