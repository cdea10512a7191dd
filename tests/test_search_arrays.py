"""The engine's array shortcuts give what the plain ways give: decoded positions, partial sorts, phrases."""
from __future__ import annotations

import random

import numpy as np
import pytest
from whoosh.formats import Positions

from tracker.search import probe
from tracker.search._whoosh_private import FastWhoosh
from tracker.search.engine import first_in_order
from tracker.search.positions_codec import decoded_positions
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
    counts, positions = decoded_positions(fmt, values)
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
        everywhere = scores.phrase(["help", "clerk"], reader)
        assert everywhere.sum() > 1
        within = np.arange(reader.doc_count_all()) % 2 == 0
        some = scores.phrase(["help", "clerk"], reader, within=within)
        assert some.tolist() == (everywhere & within).tolist()
        # Read through the cache of whole words too: the same.
        monkeypatch.setattr("tracker.search.scoring.FEW_PER_BLOCK", 0)
        cached = TermScores(reader, FastWhoosh())
        assert cached.phrase(["help", "clerk"], reader, within=within).tolist() == some.tolist()
        assert cached.phrase(["help", "clerk"], reader).tolist() == everywhere.tolist()
        for words in (["clerk", "help"], ["help", "desk", "clerk"], ["nurs", "aid"]):
            assert cached.phrase(words, reader).tolist() == _phrase_by_hand(reader, words)
            assert scores.phrase(words, reader).tolist() == _phrase_by_hand(reader, words)


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


def test_a_word_longer_than_any_known_by_more_than_two_letters_has_no_neighbour() -> None:
    from tracker.search.vocabulary import Vocabulary

    words = Vocabulary({"phlebotomy": 4, "phlebotomist": 2, "nursing": 9})
    assert words.closest("phlebotomisst") == "phlebotomist"  # one letter past the longest: still near
    assert words.closest("phlebotomistss") == "phlebotomist"  # two: the most an answer may differ by
    assert words.closest("phlebotomistsss") is None
    assert words.closest("x" * 400) is None
    words.add("phlebotomistsss and more")  # a longer word learnt later is reached
    assert words.closest("phlebotomistssss") == "phlebotomistsss"


def _whole_array_scores(scores: TermScores, q, reader):
    """BM25 of every document, a whole array per term summed term by term: the match's scores must be these, bit for bit."""
    from whoosh import query as wq

    if isinstance(q, wq.Term):
        ids, tf, frequency = scores.postings(q.text, reader)
        mask, found = np.zeros(scores.size, dtype=bool), np.zeros(scores.size, dtype=np.float32)
        mask[ids] = True
        idf = np.log(scores.size / (frequency + 1)) + 1  # BM25F with Whoosh's k1 = 1.2, b = 0.75
        found[ids] = idf * (tf * 2.2) / (tf + 1.2 * (0.25 + 0.75 * scores.lengths[ids] / scores.average_length))
        return mask, found
    parts = [_whole_array_scores(scores, sub, reader) for sub in (q.subqueries if hasattr(q, "subqueries") else
                                                                  [wq.Term("content", w) for w in q.words])]
    total = sum((s for _, s in parts), np.zeros(scores.size, dtype=np.float32))
    if isinstance(q, wq.Phrase):
        mask = scores.phrase(q.words, reader)
    else:
        mask = (np.logical_and if isinstance(q, wq.And) else np.logical_or).reduce([m for m, _ in parts])
    return mask, np.where(mask, total, 0).astype(np.float32)


@pytest.mark.parametrize("share", [0.0, 1e9], ids=["whole-array", "binary-search"])
def test_scores_worked_out_for_some_documents_are_the_whole_arrays_scores(monkeypatch, share) -> None:
    from whoosh import query as wq

    monkeypatch.setattr("tracker.search.matches.DENSE_SHARE", share)
    ix = probe._tiny_index(PublicWhoosh())
    term = lambda word: wq.Term("content", word)  # noqa: E731
    queries = [term("clerk"), wq.And([term("help"), term("clerk")]), wq.Or([term("nurs"), term("clerk"), term("absent")]),
               wq.And([wq.Or([term("help"), term("aid")]), term("summer")]), wq.Phrase("content", ["help", "clerk"]),
               wq.Or([wq.Phrase("content", ["desk", "clerk"]), wq.And([term("nurs"), term("home")])])]
    with ix.searcher() as searcher:
        reader = searcher.reader()
        scores = TermScores(reader, FastWhoosh())
        for q in queries:
            found = scores.match(q, reader)
            assert found is not None
            mask, whole = _whole_array_scores(scores, q, reader)
            assert found.mask.tolist() == mask.tolist() and mask.any(), q
            some = np.arange(reader.doc_count_all())[::2]
            assert found.scores_at(some).tolist() == whole[some].tolist(), q
            assert scores.evaluate(q, reader)[1].tolist() == whole.tolist(), q


def test_distances_kept_for_a_place_are_those_worked_out_afresh(monkeypatch) -> None:
    from tracker import geo
    from tracker.search import columns
    from tracker.search.columns import Snapshot

    ix = probe._tiny_index(PublicWhoosh())
    monkeypatch.setattr(columns, "KEPT_CENTRES", 2)
    with ix.searcher() as searcher:
        snap = Snapshot(searcher.reader(), FastWhoosh())
        places = [geo.Point(33.5 + n / 10, -86.8) for n in range(3)]
        first = snap.miles_from(places[0])
        assert snap.miles_from(places[0]) is first  # kept
        assert not first.flags.writeable  # shared by the searches near it: nobody may change it
        for place in places:
            assert snap.miles_from(place).tolist() == snap._miles_from(place).tolist()
        assert len(snap._miles) == 2 and snap.miles_from(places[0]) is not first  # the oldest went


@pytest.mark.parametrize("head", [4, 64, 1024])
def test_holders_of_a_typed_phrase_come_first_as_the_bonus_put_them(monkeypatch, head) -> None:
    from tracker.search import engine

    monkeypatch.setattr(engine, "PHRASE_HEAD", head)
    rng = np.random.default_rng(head)
    for trial in range(300):
        rows, wanted = int(rng.integers(1, 2000)), int(rng.integers(1, 120))
        scores = rng.integers(0, rng.choice([3, 50]), rows).astype(np.float32) / 7  # ties, as BM25 gives
        posted = rng.integers(0, rng.choice([2, 1000]), rows)
        holds = rng.random(rows) < rng.choice([0.0, 0.01, 0.2, 0.9])
        asked = []

        def holding(some):
            asked.append(len(some))
            return holds[some]

        keys = [-posted, -scores]
        bonus = scores + np.where(holds, engine.PHRASE_BONUS, 0)  # as a page ranked before
        expected = first_in_order([-posted, -bonus], wanted).tolist()
        assert engine.phrase_first(keys, holding, wanted).tolist() == expected
        assert asked[0] == min(rows, max(head, 4 * wanted))  # the best rows were asked first
