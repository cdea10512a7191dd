"""Whoosh's stored positions of a word in a document, read as arrays.

Whoosh (2.7, whoosh.formats.Positions) stores each as a big-endian count followed by
the gaps between positions pickled as a list. Nearly every gap is below 256, which the
pickle writes as the opcode K and one byte: such values are read at fixed offsets for
a whole block of documents at once; anything else goes to Whoosh's own decoder. Only
_whoosh_private.py's fast path calls this, and the start-up probe compares that path
with Whoosh's public API (probe.py).
"""
from __future__ import annotations

from typing import Any

import numpy as np
from whoosh.formats import Positions as PositionsFormat

from tracker.search.protocols import Ints

# Whoosh's Positions format: a big-endian count, then the deltas pickled as a list (protocol 2).
_PICKLED_LIST = np.frombuffer(b"\x80\x02]q\x00", dtype=np.uint8)
_SMALL_INT, _ONE_APPENDED, _MARK, _APPENDS, _STOP = b"K"[0], b"a"[0], b"("[0], b"e"[0], b"."[0]


def decoded_positions(fmt: Any, values: list[bytes]) -> tuple[Ints, Ints]:
    """Return (how many positions each value holds, all their positions in order).

    Values whose deltas are all below 256 (Whoosh pickles each as K and one byte: nearly
    all of them) are read as arrays at fixed offsets; any other is decoded by Whoosh.
    """
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    starts = np.cumsum(lengths) - lengths
    buf = np.frombuffer(b"".join(values), dtype=np.uint8)
    counts = np.zeros(len(values), dtype=np.int64)
    plain = lengths >= 13
    at = starts[plain]
    counts[plain] = ((buf[at].astype(np.int64) << 24) | (buf[at + 1].astype(np.int64) << 16)
                     | (buf[at + 2].astype(np.int64) << 8) | buf[at + 3])
    single = counts == 1
    plain &= (type(fmt) is PositionsFormat) & np.where(single, lengths == 13, lengths == 12 + 2 * counts)
    for offset, byte in enumerate(_PICKLED_LIST):
        plain[plain] &= buf[starts[plain] + 4 + offset] == byte
    plain[plain & single] &= ((buf[starts[plain & single] + 9] == _SMALL_INT)
                              & (buf[starts[plain & single] + 11] == _ONE_APPENDED))
    several = plain & ~single
    plain[several] &= ((buf[starts[several] + 9] == _MARK) & (buf[starts[several] + 10 + 2 * counts[several]] == _APPENDS))
    plain[plain] &= buf[starts[plain] + lengths[plain] - 1] == _STOP
    # Each delta byte follows its K: value j's i-th at start + 10 (+1 after a list's MARK) + 2i.
    n = counts[plain]
    index = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
    delta_at = np.repeat(starts[plain] + np.where(single[plain], 10, 11), n) + 2 * index
    small = buf[delta_at - 1] == _SMALL_INT
    if not small.all():  # a K was a data byte: such values are decoded by Whoosh
        plain[np.flatnonzero(plain)[np.unique(np.repeat(np.arange(len(n)), n)[~small])]] = False
        n = counts[plain]
        index = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
        delta_at = np.repeat(starts[plain] + np.where(single[plain], 10, 11), n) + 2 * index
    others = {int(j): np.asarray(fmt.decode_positions(values[j]), dtype=np.int64) for j in np.flatnonzero(~plain)}
    for j, decoded in others.items():
        counts[j] = len(decoded)
    ends = np.cumsum(counts)
    positions = np.empty(int(ends[-1]) if len(ends) else 0, dtype=np.int64)
    if n.size:
        # Deltas to positions: a running sum restarted at each value.
        running = np.cumsum(buf[delta_at].astype(np.int64))
        before = np.repeat(running[np.cumsum(n) - n] - buf[delta_at[np.cumsum(n) - n]], n)
        slots = np.repeat(ends[plain] - n, n) + index
        positions[slots] = running - before
    for j, decoded in others.items():
        positions[ends[j] - len(decoded):ends[j]] = decoded
    return counts, positions
