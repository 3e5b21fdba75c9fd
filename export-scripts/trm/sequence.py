"""Number sequences: a vectorized generator of sequence families with random parameters, the
held-out split and the limits the sequence head works within. The tokenization is in
trm/sequence_rns.py (each term as its residues modulo nine moduli).

Layout shared with the tokenization: 15 term slots; the given terms (3..12, each |a| < 10^6) fill
slots 0..11 right-aligned (the last given term is always slot 11), slots 12..14 hold the k (1..3)
terms to predict (|a| < 10^7).

Held-out split: a sample belongs to the held-out split iff a 64-bit hash (splitmix64 over the
first four terms a[0..3], which every sample shows or predicts since given + k >= 4) is 0 mod 10.
The first four terms determine the parameters of every family here (the window always starts at
a[0]), so about 10% of the parameter combinations never appear in training, and no held-out
sample shares its first four terms, or any (input, answer) pair, with a training sample - across
families too.
"""
from __future__ import annotations

import numpy as np

SLOTS, GIVEN_SLOTS = 15, 12
MIN_GIVEN, MAX_GIVEN, MAX_K = 3, 12, 3
GIVEN_LIMIT, ANSWER_LIMIT = 10 ** 6, 10 ** 7
HELDOUT_MOD = 10  # hash % 10 == 0 -> held out (~10%)


# -- families ----------------------------------------------------------------------------------
# Each returns (terms (m, 15) int64 from a[0], min_given (m,) int64). min_given is the shortest
# input that identifies the family among the others (an Occam prior: "1, 2, 3" is arithmetic,
# short inputs go only to simple families).

L = SLOTS
_I = np.arange(L, dtype=np.int64)[None, :]


def _logint(rng, m, lo, hi, signed=True):
    """Integers with log-uniform magnitude in [lo, hi] (lo >= 1), random sign when signed."""
    mag = np.floor(np.exp(rng.uniform(np.log(lo), np.log(hi + 1), m))).astype(np.int64)
    mag = np.clip(mag, lo, hi)
    return mag * rng.choice(np.array([-1, 1]), m) if signed else mag


def _small(rng, m, hi):
    """Mix of small uniform ints in [-hi, hi] and log-uniform larger ones."""
    return np.where(rng.random(m) < 0.5, rng.integers(-min(hi, 20), min(hi, 20) + 1, m), _logint(rng, m, 1, hi))


def _const(m, v):
    return np.full(m, v, dtype=np.int64)


def fam_arithmetic(rng, m):
    a0, d = _small(rng, m, 100000), _small(rng, m, 20000)
    return a0[:, None] + d[:, None] * _I, _const(m, 3)


def fam_geometric(rng, m):
    a0 = _logint(rng, m, 1, 1000)
    r = rng.choice(np.array([-5, -4, -3, -2, 2, 3, 4, 5, 10]), m)
    return a0[:, None] * r[:, None] ** _I, _const(m, 3)


def _recur2(a0, a1, p, q, c):
    """a(n) = p*a(n-1) + q*a(n-2) + c."""
    t = np.zeros((len(a0), L), dtype=np.int64)
    t[:, 0], t[:, 1] = a0, a1
    for i in range(2, L):
        t[:, i] = p * t[:, i - 1] + q * t[:, i - 2] + c
    return t


def fam_fibonacci(rng, m):
    a0, a1 = _small(rng, m, 1000), _small(rng, m, 1000)
    return _recur2(a0, a1, 1, 1, 0), _const(m, 4)


def fam_linrec(rng, m):
    """a(n) = p*a(n-1) + q, p in {-3,-2,2,3}, q != 0."""
    p = rng.choice(np.array([-3, -2, 2, 3]), m)
    q = _logint(rng, m, 1, 100)
    a0 = _small(rng, m, 1000)
    t = np.zeros((m, L), dtype=np.int64)
    t[:, 0] = a0
    for i in range(1, L):
        t[:, i] = p * t[:, i - 1] + q
    return t, _const(m, 5)


def fam_quadratic(rng, m):
    a = _logint(rng, m, 1, 100)
    b, c = _small(rng, m, 1000), _small(rng, m, 10000)
    return a[:, None] * _I ** 2 + b[:, None] * _I + c[:, None], _const(m, 4)


def fam_cubic(rng, m):
    a = _logint(rng, m, 1, 20)
    b, c, d = _small(rng, m, 100), _small(rng, m, 1000), _small(rng, m, 10000)
    return a[:, None] * _I ** 3 + b[:, None] * _I ** 2 + c[:, None] * _I + d[:, None], _const(m, 5)


def fam_powers(rng, m):
    """Squares, cubes or triangular numbers of i + s, plus an offset c."""
    kind = rng.integers(0, 3, m)[:, None]
    s = np.where(kind[:, 0] == 1, rng.integers(-20, 60, m), rng.integers(-20, 300, m))[:, None]
    c = np.where(rng.random(m) < 0.5, 0, _small(rng, m, 1000))[:, None]
    x = _I + s
    v = np.where(kind == 0, x * x, np.where(kind == 1, x * x * x, x * (x + 1) // 2))
    return v + c, _const(m, 4)


def fam_interleaved(rng, m):
    a0, d0, b0, d1 = _small(rng, m, 10000), _small(rng, m, 1000), _small(rng, m, 10000), _small(rng, m, 1000)
    j = _I // 2
    return np.where(_I % 2 == 0, a0[:, None] + d0[:, None] * j, b0[:, None] + d1[:, None] * j), _const(m, 6)


def fam_alternating(rng, m):
    """(-1)^i * s * b(i), b an arithmetic sequence of positives or shifted squares."""
    b0, d = _logint(rng, m, 1, 10000, signed=False), _logint(rng, m, 1, 1000, signed=False)
    lin = b0[:, None] + d[:, None] * _I
    sq = (_I + rng.integers(1, 100, m)[:, None]) ** 2
    base = np.where(rng.random(m)[:, None] < 0.75, lin, sq)
    s = rng.choice(np.array([-1, 1]), m)[:, None]
    return s * np.where(_I % 2 == 0, 1, -1) * base, _const(m, 4)


def fam_cycle(rng, m):
    p = rng.integers(2, 5, m)
    vals = np.stack([_small(rng, m, 10000) for _ in range(4)], axis=1)
    return np.take_along_axis(vals, _I % p[:, None], axis=1), p + 2


def fam_diff2_arith(rng, m):
    """Second differences form an arithmetic sequence: a0, first difference d, second
    differences e, e+f, e+2f, ..."""
    a0, d, e, f = _small(rng, m, 10000), _small(rng, m, 1000), _small(rng, m, 100), _logint(rng, m, 1, 20)
    second = e[:, None] + f[:, None] * _I                 # second differences
    first = d[:, None] + np.concatenate([np.zeros((m, 1), np.int64), np.cumsum(second, 1)[:, :-1]], 1)
    terms = a0[:, None] + np.concatenate([np.zeros((m, 1), np.int64), np.cumsum(first, 1)[:, :-1]], 1)
    return terms, _const(m, 5)


def fam_diff_geometric(rng, m):
    """First differences form a geometric sequence: a(n+1) - a(n) = c * r^n."""
    a0, c = _small(rng, m, 10000), _logint(rng, m, 1, 100)
    r = rng.choice(np.array([-3, -2, 2, 3]), m)
    diffs = c[:, None] * r[:, None] ** _I
    terms = a0[:, None] + np.concatenate([np.zeros((m, 1), np.int64), np.cumsum(diffs, 1)[:, :-1]], 1)
    return terms, _const(m, 5)


# -- families added 2026-12-07 (issue 31: what people type). Not in the default mix, so that the
# existing evaluation sets (gen_sequences.py with no --families) stay the same sequences.

def fam_product(rng, m):
    """a(n) = (p + q*n) * a(n-1): factorials (p 0, q 1), double factorials (p -1, q 2), rising
    products; every factor p + q*n >= 1 for n >= 1."""
    q = rng.choice(np.array([1, 1, 2, 3]), m)
    p = np.maximum(rng.integers(-2, 4, m), 1 - q)
    a0 = np.where(rng.random(m) < 0.6, 1, rng.integers(-5, 6, m))
    a0 = np.where(a0 == 0, 1, a0)
    t = np.zeros((m, L), dtype=np.int64)
    t[:, 0] = a0
    for i in range(1, L):
        t[:, i] = np.clip((p + q * i) * t[:, i - 1], -2 ** 40, 2 ** 40)  # past the range: dropped later
    return t, _const(m, 5)


def fam_quartic(rng, m):
    """Polynomials of degree 4 with small coefficients."""
    a = _logint(rng, m, 1, 5)
    b, c, d, e = _small(rng, m, 20), _small(rng, m, 100), _small(rng, m, 1000), _small(rng, m, 10000)
    i = _I
    return a[:, None] * i ** 4 + b[:, None] * i ** 3 + c[:, None] * i ** 2 + d[:, None] * i + e[:, None], _const(m, 6)


def fam_product_plus(rng, m):
    """a(n) = (p + q*n) * a(n-1) + r: recurrences whose coefficient grows with n (e.g. the
    number of arrangements, a(n) = n a(n-1) + 1)."""
    q = rng.choice(np.array([1, 1, 2]), m)
    p = np.maximum(rng.integers(-1, 3, m), 1 - q)
    r = np.where(rng.random(m) < 0.5, rng.choice(np.array([-1, 1]), m), _small(rng, m, 20))
    r = np.where(r == 0, 1, r)
    a0 = rng.integers(0, 4, m)
    t = np.zeros((m, L), dtype=np.int64)
    t[:, 0] = a0
    for i in range(1, L):
        t[:, i] = np.clip((p + q * i) * t[:, i - 1] + r, -2 ** 40, 2 ** 40)
    return t, _const(m, 6)


def fam_interleaved_mixed(rng, m):
    """Even positions geometric (ratio 2, 3 or -2) or quadratic, odd positions arithmetic."""
    j = _I // 2
    a0 = _logint(rng, m, 1, 50)
    r = rng.choice(np.array([2, 3, -2]), m)
    geo = a0[:, None] * r[:, None] ** j
    quad = _logint(rng, m, 1, 10)[:, None] * j * j + _small(rng, m, 100)[:, None]
    even = np.where(rng.random(m)[:, None] < 0.5, geo, quad)
    odd = _small(rng, m, 1000)[:, None] + _small(rng, m, 100)[:, None] * j
    return np.where(_I % 2 == 0, even, odd), _const(m, 7)


def fam_digit_sum(rng, m):
    """The digit sum of s + c*i in base 2 or 10 (the count of 1 bits; OEIS has many such)."""
    base = rng.choice(np.array([2, 10]), m)[:, None]
    x = rng.integers(0, 1000, m)[:, None] + rng.integers(1, 4, m)[:, None] * _I
    total = np.zeros_like(x)
    for _ in range(12):  # 1000 + 3 * 14 < 2^12
        total += x % base
        x //= base
    return total, _const(m, 8)


def fam_diff_cycle(rng, m):
    """The differences repeat with period p (2..4): a(i) = a(i-1) + d[(i-1) mod p] (numbers
    congruent to some residues, Beatty-like steps)."""
    p = rng.integers(2, 5, m)
    d = np.stack([_small(rng, m, 30) for _ in range(4)], axis=1)
    steps = np.take_along_axis(d, (_I % p[:, None]), axis=1)
    a0 = _small(rng, m, 1000)
    terms = a0[:, None] + np.concatenate([np.zeros((m, 1), np.int64), np.cumsum(steps, 1)[:, :-1]], 1)
    return terms, p + 3


FAMILIES = {
    "arithmetic": fam_arithmetic,
    "geometric": fam_geometric,
    "fibonacci": fam_fibonacci,
    "linear_recurrence": fam_linrec,
    "quadratic": fam_quadratic,
    "cubic": fam_cubic,
    "powers": fam_powers,
    "interleaved": fam_interleaved,
    "alternating": fam_alternating,
    "cycle": fam_cycle,
    "diff2_arithmetic": fam_diff2_arith,
    "diff_geometric": fam_diff_geometric,
    "product": fam_product,
    "quartic": fam_quartic,
    "product_plus": fam_product_plus,
    "interleaved_mixed": fam_interleaved_mixed,
    "digit_sum": fam_digit_sum,
    "diff_cycle": fam_diff_cycle,
}
FAMILY_NAMES = list(FAMILIES)
# The families of the bundled model's training and of the generated evaluation sets; generate()
# draws from these unless told otherwise.
BASE_FAMILIES = FAMILY_NAMES[:12]
EXTRA_FAMILIES = FAMILY_NAMES[12:]


def split_hash(terms: np.ndarray) -> np.ndarray:
    """splitmix64-style hash of the first four terms of each row (uint64)."""
    h = np.full(terms.shape[0], 0x9E3779B97F4A7C15, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(4):
            h = h ^ terms[:, i].astype(np.uint64)
            h = h + np.uint64(0x9E3779B97F4A7C15)
            h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
            h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
            h = h ^ (h >> np.uint64(31))
    return h


def is_heldout(terms: np.ndarray) -> np.ndarray:
    return split_hash(np.asarray(terms, dtype=np.int64)) % np.uint64(HELDOUT_MOD) == 0


def _prefix_len(ok: np.ndarray) -> np.ndarray:
    return np.cumprod(ok, axis=1).sum(1)


def generate(rng: np.random.Generator, m: int, split: str = "train", k: int | None = None,
             families: list[str] | None = None):
    """m samples: (terms (m, 15) int64 with given then answers, n (m,), k (m,), family index (m,)).
    split: "train", "heldout" or "any"; k: fixed number of answers or None for uniform 1..3;
    families: names from FAMILY_NAMES (default BASE_FAMILIES, the bundled model's)."""
    families = families or BASE_FAMILIES
    out_t, out_n, out_k, out_f, have = [], [], [], [], 0
    while have < m:
        want = max(64, int((m - have) * 1.4))
        fam = rng.integers(0, len(families), want)
        counts = np.bincount(fam, minlength=len(families))
        ts, mins, fs = [], [], []
        for fi, c in enumerate(counts):
            if c:
                t, mn = FAMILIES[families[fi]](rng, int(c))
                ts.append(t); mins.append(mn); fs.append(np.full(c, FAMILY_NAMES.index(families[fi])))
        perm = rng.permutation(want)  # mix the families (rows were grouped by family)
        t, mn, f = np.concatenate(ts)[perm], np.concatenate(mins)[perm], np.concatenate(fs)[perm]
        kk = np.full(len(t), k) if k is not None else rng.integers(1, MAX_K + 1, len(t))
        m6 = _prefix_len(np.abs(t) < GIVEN_LIMIT)
        m7 = _prefix_len(np.abs(t) < ANSWER_LIMIT)
        nmax = np.minimum(np.minimum(MAX_GIVEN, m6), m7 - kk)
        nmin = np.maximum(mn, MIN_GIVEN)
        ok = nmax >= nmin
        if split != "any":
            ok &= is_heldout(t) == (split == "heldout")
        t, kk, f, nmin, nmax = t[ok], kk[ok], f[ok], nmin[ok], nmax[ok]
        n = nmin + np.floor(rng.random(len(t)) * (nmax - nmin + 1)).astype(np.int64)
        # terms after the window are not part of the sample: zero them
        t = np.where(np.arange(L)[None, :] < (n + kk)[:, None], t, 0)
        out_t.append(t); out_n.append(n); out_k.append(kk); out_f.append(f); have += len(t)
    cat = lambda xs: np.concatenate(xs)[:m]  # noqa: E731
    return cat(out_t), cat(out_n), cat(out_k), cat(out_f)


def as_lists(t, n, k):
    """Rows of generate() as lists of ints (given + answers)."""
    return [[int(v) for v in t[i, :n[i] + k[i]]] for i in range(len(t))]
