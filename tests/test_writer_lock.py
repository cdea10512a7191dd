"""One writer at a time: on PostgreSQL an advisory lock, so two machines can never ingest at once."""
from __future__ import annotations

import threading

import sqlalchemy as sa
from flask import Flask

from tracker import locks
from tracker.extensions import db

HELD = ("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
        "AND classid = :cls AND objid = :obj AND objsubid = 2")


def this_sites_key(app: Flask) -> dict[str, int]:
    with app.app_context():
        return locks.advisory_key(db.session.scalar(sa.text("SELECT current_schema()")))


def holders(app: Flask) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(sa.text(HELD), this_sites_key(app)))


def hold_in_thread(app: Flask) -> tuple[threading.Thread, threading.Event]:
    """Take the writer lock in another thread (its own database session); return it and its release."""
    acquired, release = threading.Event(), threading.Event()

    def hold() -> None:
        with app.app_context(), locks.writer():
            acquired.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    assert acquired.wait(10)
    return holder, release


def test_an_ingest_or_reindex_while_another_runs_is_refused_with_who_holds_it(pg_app: Flask) -> None:
    runner = pg_app.test_cli_runner()
    holder, release = hold_in_thread(pg_app)
    try:
        held_by = holders(pg_app)
        ingest = runner.invoke(args=["ingest", "run"])
        reindex = runner.invoke(args=["reindex"])
    finally:
        release.set()
        holder.join()
    assert len(held_by) == 1  # a PostgreSQL advisory lock, which every machine sees
    assert ingest.exit_code == 1, ingest.output
    assert f"another ingest or reindex is running (database session {held_by[0]} from " in ingest.output
    assert reindex.exit_code == 1 and "another ingest or reindex is running" in reindex.output
    assert holders(pg_app) == []  # let go when the holder finished


def test_of_two_concurrent_attempts_exactly_one_gets_the_lock(pg_app: Flask) -> None:
    results: list[str] = []
    start, done = threading.Barrier(2), threading.Barrier(2)

    def attempt() -> None:
        with pg_app.app_context():
            start.wait()
            try:
                with locks.writer():
                    results.append("got it")
                    done.wait(10)  # hold it until the other attempt has had its answer
            except locks.Busy:
                results.append("busy")
                done.wait(10)

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["busy", "got it"]


def test_a_waiting_reindex_runs_when_the_first_finishes(pg_app: Flask) -> None:
    holder, release = hold_in_thread(pg_app)
    timer = threading.Timer(0.5, release.set)
    timer.start()
    try:
        result = pg_app.test_cli_runner().invoke(args=["reindex", "--wait", "20"])
    finally:
        release.set()
        timer.join()
        holder.join()
    assert result.exit_code == 0, result.output


def test_a_holder_whose_session_dies_leaves_no_lock_behind(pg_app: Flask) -> None:
    with pg_app.app_context():
        crashed = locks.writer()
        crashed.__enter__()  # the holder takes the lock, then its node dies without letting go
        (pid,) = holders(pg_app)
        db.session.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        db.session.commit()
        with locks.writer(wait_seconds=10):
            assert holders(pg_app) != [pid]
        crashed.__exit__(None, None, None)
