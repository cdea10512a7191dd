"""Building a whole index afresh from the database, in a new generation, then swapping it in.

Each part (a function yielding listings) becomes its own segments. One part is written
in this process; several are written at once by forked processes. With the public-API
twin (see probe.py) every part is written in this process through one ordinary writer.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from whoosh import index as whoosh_index

from tracker.search import storage
from tracker.search._whoosh_private import FastWhoosh
from tracker.search.backend import ListingReader
from tracker.search.documents import document_for
from tracker.search.protocols import Index
from tracker.search.readers import PublicWhoosh
from tracker.search.vocabulary import Vocabulary

PARALLEL_REBUILD_FROM = 2000
# A rebuild holds a segment's postings in memory until it writes them: about 20 KB a
# listing. Bigger shares are written as several segments: at 25,000 the largest rebuild
# process of 100,000 listings peaks at ~580 MB (1 GB at 50,000), at the same speed.
SEGMENT_LISTINGS = 25_000
Written = tuple[list[Any], Vocabulary, int]


def rebuild_processes(expected: int) -> int:
    """How many processes a rebuild of ``expected`` listings should use."""
    # Below this, starting a process costs more than it saves.
    return min(os.cpu_count() or 1, 4) if expected >= PARALLEL_REBUILD_FROM else 1


def rebuild(index_dir: str, parts: Sequence[ListingReader], access: PublicWhoosh,
            after_fork: Callable[[], None] | None = None) -> int:
    """Build a fresh index from ``parts`` in a new generation and swap it in; return how many listings it holds.

    Forked processes call ``after_fork`` first (to drop the database connections they
    inherited).
    """
    generation = storage.new_generation(index_dir)
    ix: Index = whoosh_index.open_dir(str(generation))
    children: list[tuple[Any, Any]] = []
    vocabulary, count = Vocabulary(), 0
    try:
        if not isinstance(access, FastWhoosh):
            count = access.write_all(ix, _documents(parts, vocabulary))
        else:
            if len(parts) == 1:
                written = [_write_segments(access, ix, parts[0])]
            else:
                children = [_fork_segment_writer(access, ix, part, after_fork) for part in parts]
                written = [_child_result(*child) for child in children]
            # Nobody reads this generation until it is swapped in.
            access.commit_segments(ix, [segment for segments, _, _ in written for segment in segments])
            for _segments, words, listings in written:
                vocabulary.update(words)
                count += listings
    except BaseException:
        for process, _pipe in children:
            process.kill()
            process.join()
        shutil.rmtree(generation, ignore_errors=True)
        raise
    vocabulary.save(generation)
    storage.point_current_at(index_dir, generation)
    storage.drop_old_generations(index_dir, keep=generation)
    return count


def _documents(parts: Sequence[ListingReader], vocabulary: Vocabulary) -> Iterator[dict[str, Any]]:
    for part in parts:
        for listing in part():
            document = document_for(listing)
            vocabulary.add(document["content"])
            yield document


def _write_segments(access: FastWhoosh, ix: Index, part: ListingReader) -> Written:
    """Write ``part``'s listings as segments of at most SEGMENT_LISTINGS; return them, their words and their count."""
    vocabulary = Vocabulary()
    segments, count = access.write_segments(ix, _documents([part], vocabulary), SEGMENT_LISTINGS)
    return segments, vocabulary, count


def _fork_segment_writer(access: FastWhoosh, ix: Index, part: ListingReader,
                         after_fork: Callable[[], None] | None) -> tuple[Any, Any]:
    receiver, sender = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=_write_segment_in_child, args=(access, ix, part, after_fork, sender), daemon=True)
    process.start()
    sender.close()
    return process, receiver


def _write_segment_in_child(access: FastWhoosh, ix: Index, part: ListingReader,
                            after_fork: Callable[[], None] | None, sender: Any) -> None:
    """In a child process: write its share and send back (segments, vocabulary, count), or the error."""
    try:
        if after_fork is not None:
            after_fork()
        sender.send(("ok", _write_segments(access, ix, part)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it there
        sender.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()


def _child_result(process: Any, receiver: Any) -> Written:
    try:
        outcome, value = receiver.recv()
    except EOFError:
        # The pipe closes as the child dies, before it is reaped: its exit code is only
        # known after join (read before, it was None about one time in ten).
        process.join()
        outcome, value = "error", f"exited with code {process.exitcode}"
    process.join()
    if outcome != "ok":
        raise RuntimeError(f"a rebuild process failed: {value}")
    written: Written = value
    return written
