"""Residue tokenization of number sequences: each term is written as its residues modulo nine
pairwise coprime moduli (a residue number system), one token per residue.

Why: in residues, the rules of every family here (a(n) = sum of small multiples of the previous
terms, plus a constant) work channel by channel with no carries - the answer's residue mod m
depends only on earlier residues mod m. Decimal digits need carries across the whole number,
which a small network learns slowly (1.75-4.5% exact after up to 50 CPU minutes here).

Layout (seq_len 135 = 15 term slots x 9 channels), token ids:

    0 pad, 1 `_` (empty answer slot),
    2 + c              `?` in channel c: the residue mod MODULI[c] to predict
    11 + OFFSET[c] + r the residue r = a mod MODULI[c] (0 <= r < MODULI[c]) in channel c

Each channel has its own `?`: with one shared mask token every position to predict would look
the same to attention (whose positions are only relative), and a model could not even tell which
modulus it is asked for.

Slots as in trm/sequence.py: the given terms (3..12, |a| < 10^6) fill slots 0..11 right-aligned,
slots 12..14 hold the k (1..3) answers, unused answer slots are `_`.
The product of the moduli (about 2.7e9) is far above the answer range (|a| < 10^7): the Chinese
remainder theorem gives back the integer, and a decoded value outside the range means the
residues contradict each other (reported as no answer, never guessed).
"""
from __future__ import annotations

import math

import numpy as np

from . import sequence as sq

MODULI = (5, 7, 8, 9, 11, 13, 17, 19, 23)
CHANNELS = len(MODULI)
PAD, EMPTY, FIRST_ASK = 0, 1, 2
FIRST_RESIDUE = FIRST_ASK + CHANNELS  # 11
OFFSETS = tuple(int(x) for x in np.concatenate([[0], np.cumsum(MODULI)[:-1]]))
VOCAB_SIZE = FIRST_RESIDUE + sum(MODULI)  # 123
SLOTS, GIVEN_SLOTS = sq.SLOTS, sq.GIVEN_SLOTS
SEQ_LEN = SLOTS * CHANNELS  # 135
ANSWER_START = GIVEN_SLOTS * CHANNELS  # 108
PRODUCT = math.prod(MODULI)
_MOD = np.array(MODULI, dtype=np.int64)
_OFF = np.array(OFFSETS, dtype=np.int64) + FIRST_RESIDUE
# The CRT basis: the integer that is 1 mod MODULI[c] and 0 mod every other modulus.
_CRT_BASIS = [(PRODUCT // m) * pow(PRODUCT // m, -1, m) for m in MODULI]


def is_ask(tokens):
    """Where tokens (array or tensor) are a `?` of some channel."""
    return (tokens >= FIRST_ASK) & (tokens < FIRST_RESIDUE)


def vocab() -> list[str]:
    names = ["<pad>", "_"] + [f"?%{m}" for m in MODULI]
    for m in MODULI:
        names += [f"{r}%{m}" for r in range(m)]
    return names


def slot_values(terms: np.ndarray, n: np.ndarray, k: np.ndarray):
    """The value in each slot (m, 15) int64 (0 where unused) and the masks (m, 15) of the given,
    answer and empty (unused answer) slots."""
    terms = np.asarray(terms, dtype=np.int64)
    n, k = np.asarray(n, dtype=np.int64), np.asarray(k, dtype=np.int64)
    slot = np.arange(SLOTS)[None, :]
    start = GIVEN_SLOTS - n[:, None]
    given = (slot >= start) & (slot < GIVEN_SLOTS)
    answer = (slot >= GIVEN_SLOTS) & (slot < GIVEN_SLOTS + k[:, None])
    empty = slot >= GIVEN_SLOTS + k[:, None]
    idx = np.where(given, slot - start, np.where(answer, n[:, None] + slot - GIVEN_SLOTS, 0))
    vals = np.take_along_axis(terms, np.clip(idx, 0, terms.shape[1] - 1), axis=1)
    return np.where(given | answer, vals, 0), given, answer, empty


def residue_tokens(vals: np.ndarray) -> np.ndarray:
    """The residue tokens (..., 9) of integers (...)."""
    return np.mod(np.asarray(vals, dtype=np.int64)[..., None], _MOD) + _OFF


def encode_batch(terms: np.ndarray, n: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """As sq.encode_batch, in residues: (tokens, labels), each (m, 135) int64."""
    vals, given, answer, empty = slot_values(terms, n, k)
    m = vals.shape[0]
    full = residue_tokens(vals)                                                    # (m, 15, 9)
    labels = np.zeros((m, SLOTS, CHANNELS), dtype=np.int64)
    labels[given | answer] = full[given | answer]
    labels[empty] = EMPTY
    tokens = labels.copy()
    tokens[answer] = FIRST_ASK + np.arange(CHANNELS)
    return tokens.reshape(m, SEQ_LEN), labels.reshape(m, SEQ_LEN)


def encode(terms, k: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """terms = the given terms followed by the k answers. Returns (tokens[135], labels[135])."""
    terms = [int(t) for t in terms]
    n = len(terms) - k
    if not 1 <= k <= sq.MAX_K:
        raise ValueError(f"k must be 1..{sq.MAX_K}, got {k}")
    if not sq.MIN_GIVEN <= n <= sq.MAX_GIVEN:
        raise ValueError(f"{sq.MIN_GIVEN}..{sq.MAX_GIVEN} given terms needed, got {n}")
    if any(abs(t) >= sq.GIVEN_LIMIT for t in terms[:n]):
        raise ValueError(f"given terms must satisfy |a| < {sq.GIVEN_LIMIT}")
    if any(abs(t) >= sq.ANSWER_LIMIT for t in terms[n:]):
        raise ValueError(f"answers must satisfy |a| < {sq.ANSWER_LIMIT}")
    tok, lab = encode_batch(np.array([terms], dtype=np.int64), np.array([n]), np.array([k]))
    return tok[0], lab[0]


def decode_slot(slot) -> int | None:
    """The integer whose residues a slot's 9 tokens hold (CRT), or None when a token is not the
    residue of its channel or the residues name no integer with |a| < 10^7."""
    residues = [int(t) - _OFF[c] for c, t in enumerate(slot)]
    if not all(0 <= r < m for r, m in zip(residues, MODULI)):
        return None
    return residues_value(residues)


def residues_value(residues) -> int | None:
    """The integer with these residues (one per channel, each in 0..m-1) by the CRT, or None when
    it is out of range (|a| >= 10^7)."""
    x = sum(int(r) * c for r, c in zip(residues, _CRT_BASIS)) % PRODUCT
    if x > PRODUCT // 2:
        x -= PRODUCT
    return x if abs(x) < sq.ANSWER_LIMIT else None


def decode(row) -> list[int | None]:
    """The answer terms of a label/prediction row (slots 12..14, up to the first `_` slot)."""
    row = np.asarray(row).reshape(SLOTS, CHANNELS)
    out = []
    for s in range(GIVEN_SLOTS, SLOTS):
        if (row[s] == EMPTY).all():
            break
        out.append(decode_slot(row[s]))
    return out


def decode_given(row) -> list[int]:
    row = np.asarray(row).reshape(SLOTS, CHANNELS)
    return [decode_slot(row[s]) for s in range(GIVEN_SLOTS) if not (row[s] == PAD).all()]


def sample_tokens(rng, m, split="train", k=None, families=None):
    """(tokens, labels) (m, 135) int64 and the family index per row."""
    t, n, kk, f = sq.generate(rng, m, split, k, families)
    tok, lab = encode_batch(t, n, kk)
    return tok, lab, f
