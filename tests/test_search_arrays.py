"""The engine's array shortcuts give what the plain ways give: decoded positions, partial sorts, phrases."""
from __future__ import annotations

import random

import numpy as np
import pytest
from whoosh.formats import Positions

from tracker.search import probe
from tracker.search._whoosh_private import FastWhoosh, _decoded_positions
from tracker.search.engine import first_in_order
from tracker.search.readers import PublicWhoosh
from tracker.search.scoring import TermScores


@pytest.mark.parametrize("seed", range(5))
def test_positions_read_as_arrays_are_whooshs_own_decoding(seed) -> None:
    rng = random.Random(seed)
    fmt = Positions()
    lists = []
    for _ in range(200):
        count = rng.choice([1, 1, 1, 2, 3, 7, rng.randint(1, 1500)])  # past 1,000 Whoosh pickles in batches
        top = rng.choice([200, 256, 300, 70_000, 2**20])  # past 255 a delta takes another code
        lists.append(sorted(rng.sample(range(top), min(count, top))))
    values = [fmt.encode(positions) for positions in lists]
    counts, positions = _decoded_positions(fmt, values)
    assert counts.tolist() == [len(p) for p in lists]
    assert positions.tolist() == [p for found in lists for p in found]
    assert [fmt.decode_positions(v) for v in values] == lists


@pytest.mark.parametrize("access", [FastWhoosh(), PublicWhoosh()], ids=["fast", "public"])
def test_positions_within_some_documents_are_those_of_all_documents_there(access) -> None:
    ix = probe._tiny_index(PublicWhoosh())
    with ix.searcher() as searcher:
        for leaf, _offset in searcher.reader().leaf_readers():
            for term in ("help", "clerk", "nurs", "absent"):
                docnums, positions = access.positions(leaf, term)
                within = np.arange(leaf.doc_count_all()) % 3 != 1
                some_docnums, some_positions = access.positions(leaf, term, within)
                keep = within[docnums]
                assert some_docnums.tolist() == docnums[keep].tolist()
                assert some_positions.tolist() == positions[keep].tolist()


def test_a_phrase_within_some_documents_is_the_whole_phrase_there(monkeypatch) -> None:
    ix = probe._tiny_index(PublicWhoosh())
    with ix.searcher() as searcher:
        reader = searcher.reader()
        scores = TermScores(reader, FastWhoosh())
        everywhere, _ = scores.phrase(["help", "clerk"], reader)
        assert everywhere.sum() > 1
        within = np.arange(reader.doc_count_all()) % 2 == 0
        some, _ = scores.phrase(["help", "clerk"], reader, within=within)
        assert some.tolist() == (everywhere & within).tolist()
        # Read through the cache of whole words too: the same.
        monkeypatch.setattr("tracker.search.scoring.FEW_PER_BLOCK", 0)
        cached = TermScores(reader, FastWhoosh())
        assert cached.phrase(["help", "clerk"], reader, within=within)[0].tolist() == some.tolist()
        assert cached.phrase(["help", "clerk"], reader)[0].tolist() == everywhere.tolist()
        for words in (["clerk", "help"], ["help", "desk", "clerk"], ["nurs", "aid"]):
            assert cached.phrase(words, reader)[0].tolist() == _phrase_by_hand(reader, words)
            assert scores.phrase(words, reader)[0].tolist() == _phrase_by_hand(reader, words)


def _phrase_by_hand(reader, words: list[str]) -> list[bool]:
    """Which documents hold ``words`` in a row, read one document at a time through Whoosh's public API."""
    found = []
    for leaf, _offset in reader.leaf_readers():
        at = {word: dict.fromkeys(range(leaf.doc_count_all()), ()) for word in words}
        for word in words:
            docnums, positions = PublicWhoosh().positions(leaf, word)
            for docnum in set(docnums.tolist()):
                at[word][docnum] = set(positions[docnums == docnum].tolist())
        found += [any(all(start + k in at[word][docnum] for k, word in enumerate(words)) for start in at[words[0]][docnum])
                  for docnum in range(leaf.doc_count_all())]
    return found


def test_the_first_rows_in_order_are_a_full_sorts_first_rows() -> None:
    rng = np.random.default_rng(7)
    for trial in range(500):
        rows, wanted = int(rng.integers(1, 3000)), int(rng.integers(1, 1200))
        primary = rng.integers(0, rng.choice([2, 5, 1000]), rows)  # many ties, or few
        secondary = rng.integers(0, 3, rows).astype(np.float32)
        keys = [secondary, primary] if trial % 2 else [primary]
        assert first_in_order(keys, wanted).tolist() == np.lexsort(keys)[:wanted].tolist()
