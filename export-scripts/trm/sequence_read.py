"""How the Java sequence head reads answers from a model's output (heads/.../ResidueReader.java),
mirrored so that a training run is scored here as the head will score it.

Per answer slot and channel, the log-softmax over the channel's residues. A model with difference
levels (trm/sequence_diffs.py) also writes the answer's first and second differences: with the
previous two terms p1, p2 known, an answer r has first difference r - p1 and second difference
r - 2 p1 + p2, and each channel's three distributions are multiplied (a product of experts). The
answer is the most probable residue combination that names an integer in range (|a| < 10^7), found
best first, if its probability is at least 1e-4; a terms-only model's written residues are taken
first when they name one. Answers are read in order, each known for the next.
"""
from __future__ import annotations

import heapq
import math

import numpy as np

from . import sequence_rns as rns

MIN_PROBABILITY = 1e-4


def channel_log_probs(logits: np.ndarray, level: int, answer: int, channel: int) -> np.ndarray:
    """logits (seq_len, vocab) of one row: the log-softmax over channel's residues at the answer slot."""
    pos = level * rns.SEQ_LEN + (rns.GIVEN_SLOTS + answer) * rns.CHANNELS + channel
    first = rns.FIRST_RESIDUE + rns.OFFSETS[channel]
    sub = logits[pos, first:first + rns.MODULI[channel]].astype(np.float64)
    return sub - np.logaddexp.reduce(sub)


def most_probable_in_range(log_probs: list[np.ndarray]) -> int | None:
    """Best-first over per-channel ranks: the first combination naming an integer in range, or None
    once the joint probability falls below MIN_PROBABILITY."""
    ranked = [sorted(((float(lp[r]), r) for r in range(len(lp))), key=lambda t: -t[0]) for lp in log_probs]
    floor = math.log(MIN_PROBABILITY)

    def score(idx):
        return sum(ranked[c][j][0] for c, j in enumerate(idx))

    start = (0,) * len(ranked)
    heap, seen = [(-score(start), start)], {start}
    while heap:
        neg, idx = heapq.heappop(heap)
        if -neg < floor:
            return None
        v = rns.residues_value([ranked[c][j][1] for c, j in enumerate(idx)])
        if v is not None:
            return v
        for c in range(len(ranked)):
            if idx[c] + 1 < len(ranked[c]):
                nxt = idx[:c] + (idx[c] + 1,) + idx[c + 1:]
                if nxt not in seen:
                    seen.add(nxt)
                    heapq.heappush(heap, (-score(nxt), nxt))
    return None


def read_terms_level(logits: np.ndarray, answer: int) -> int | None:
    """The written residues of level 0 when they name an integer in range, else the best-first reading."""
    pos = (rns.GIVEN_SLOTS + answer) * rns.CHANNELS
    written = rns.decode_slot(logits[pos:pos + rns.CHANNELS].argmax(-1))
    if written is not None:
        return written
    return most_probable_in_range([channel_log_probs(logits, 0, answer, c) for c in range(rns.CHANNELS)])


def read_with_differences(logits: np.ndarray, answer: int, p1: int, p2: int) -> int | None:
    product = []
    for c, m in enumerate(rns.MODULI):
        r = np.arange(m)
        t = (channel_log_probs(logits, 0, answer, c)
             + channel_log_probs(logits, 1, answer, c)[(r - p1) % m]
             + channel_log_probs(logits, 2, answer, c)[(r - 2 * p1 + p2) % m])
        product.append(t - np.logaddexp.reduce(t))
    best = most_probable_in_range(product)
    return best if best is not None else read_terms_level(logits, answer)


def read_all(logits: np.ndarray, given: list[int], k: int) -> list[int | None]:
    """The k answers of one row's logits (seq_len, vocab), as the Java head reads them."""
    levels = logits.shape[0] // rns.SEQ_LEN
    known, out, chain = list(given), [], levels == 3
    for a in range(k):
        v = read_with_differences(logits, a, known[-1], known[-2]) if chain else read_terms_level(logits, a)
        out.append(v)
        if v is None:
            chain = False
        else:
            known.append(v)
    return out
