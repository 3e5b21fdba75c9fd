"""Residue tokenization with difference levels: the residue grid of trm/sequence_rns.py (level 0,
the terms) followed by the same grid for the first differences (level 1) and the second
differences (level 2) of the sequence, each residue taken modulo its channel's modulus.

Why: the differences are computed from the terms, so the model is told nothing it could not work
out - but in these rows the hard families become easy ones. A quadratic's second differences are
constant, a cubic's (and a diff2_arithmetic's) are arithmetic, a diff_geometric's first
differences are geometric: the rules that need three or four earlier terms (0-3% exact with the
terms alone) become the one- and two-term rules the model already learns (97-100%), followed by
additions down the levels (d1(n) = d1(n-1) + d2(n), a(n) = a(n-1) + d1(n)).

Layout (seq_len 405 = 3 levels x 15 slots x 9 channels, level-major, so level 0 is token for
token the 135-token layout of sequence_rns), token ids: those of sequence_rns (0..122) and

    123 + 9 * (level - 1) + c    `?` of level 1 or 2 in channel c

A difference is in slot s when slots s and s-1 both hold a term (given or answer), a second
difference when s, s-1 and s-2 do; other given slots of levels 1-2 are pad, the unused answer
slots `_`. The answer is read from level 0 (positions 108..134, as in sequence_rns); the levels'
answer slots are asked for too (trained, not read).
"""
from __future__ import annotations

import numpy as np

from . import sequence as sq
from . import sequence_rns as rns

LEVELS = 3
CHANNELS, MODULI = rns.CHANNELS, rns.MODULI
LEVEL_LEN = rns.SEQ_LEN  # 135
SEQ_LEN = LEVELS * LEVEL_LEN  # 405
FIRST_LEVEL_ASK = rns.VOCAB_SIZE  # 123
VOCAB_SIZE = FIRST_LEVEL_ASK + (LEVELS - 1) * CHANNELS  # 141


def vocab() -> list[str]:
    return rns.vocab() + [f"?d{level}%{m}" for level in range(1, LEVELS) for m in MODULI]


def is_ask(tokens):
    """Where tokens are a `?` of any level (what the loss covers)."""
    return rns.is_ask(tokens) | (tokens >= FIRST_LEVEL_ASK)


def encode_batch(terms: np.ndarray, n: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """As sq.encode_batch, with difference levels: (tokens, labels), each (m, 405) int64."""
    tok0, lab0 = rns.encode_batch(terms, n, k)
    vals, given, answer, empty = rns.slot_values(terms, n, k)
    m = vals.shape[0]
    present = given | answer
    tokens, labels = [tok0.reshape(m, rns.SLOTS, CHANNELS)], [lab0.reshape(m, rns.SLOTS, CHANNELS)]
    for level in range(1, LEVELS):
        vals = vals - np.concatenate([np.zeros((m, 1), np.int64), vals[:, :-1]], axis=1)
        present = present & np.concatenate([np.zeros((m, 1), bool), present[:, :-1]], axis=1)
        lab = np.where(present[:, :, None], rns.residue_tokens(vals), rns.PAD)
        lab[empty] = rns.EMPTY
        tok = lab.copy()
        tok[answer] = FIRST_LEVEL_ASK + (level - 1) * CHANNELS + np.arange(CHANNELS)
        tokens.append(tok)
        labels.append(lab)
    return (np.concatenate(tokens, axis=1).reshape(m, SEQ_LEN),
            np.concatenate(labels, axis=1).reshape(m, SEQ_LEN))


def encode(terms, k: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """terms = the given terms followed by the k answers. Returns (tokens[405], labels[405])."""
    rns.encode(terms, k)  # checks the input
    n = len(terms) - k
    tok, lab = encode_batch(np.array([[int(t) for t in terms]], dtype=np.int64), np.array([n]), np.array([k]))
    return tok[0], lab[0]


def decode(row) -> list[int | None]:
    """The answer terms of a label/prediction row (read from level 0)."""
    return rns.decode(np.asarray(row)[:LEVEL_LEN])


def sample_tokens(rng, m, split="train", k=None, families=None):
    """(tokens, labels) (m, 405) int64 and the family index per row."""
    t, n, kk, f = sq.generate(rng, m, split, k, families)
    tok, lab = encode_batch(t, n, kk)
    return tok, lab, f
