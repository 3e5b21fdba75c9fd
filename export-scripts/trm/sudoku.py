"""Sudoku: an exact solver (bitmasks + MRV), a generator of uniquely solvable puzzles with a
difficulty mix, TRM's training augmentations, and the official tokenization
(0 pad, blank -> 1, digit d -> d + 1; vocab 11)."""
from __future__ import annotations

import random

import numpy as np

ALL = 0x3FE  # bits 1..9
ROW = [i // 9 for i in range(81)]
COL = [i % 9 for i in range(81)]
BOX = [(i // 27) * 3 + (i % 9) // 3 for i in range(81)]
PEERS = [sorted({j for j in range(81) if j != i and (ROW[j] == ROW[i] or COL[j] == COL[i] or BOX[j] == BOX[i])})
         for i in range(81)]
UNITS = [[r * 9 + c for c in range(9)] for r in range(9)] + [[r * 9 + c for r in range(9)] for c in range(9)] + \
        [[(b // 3) * 27 + (b % 3) * 3 + (k // 3) * 9 + k % 3 for k in range(9)] for b in range(9)]
POPCOUNT = [bin(i).count("1") for i in range(1024)]
VOCAB = ["<pad>", "."] + [str(d) for d in range(1, 10)]


def _candidates(grid):
    """Per-cell candidate bitmasks, or None if a given already breaks a rule."""
    rows, cols, boxes = [0] * 9, [0] * 9, [0] * 9
    for i, v in enumerate(grid):
        if v:
            bit = 1 << v
            if (rows[ROW[i]] | cols[COL[i]] | boxes[BOX[i]]) & bit:
                return None
            rows[ROW[i]] |= bit; cols[COL[i]] |= bit; boxes[BOX[i]] |= bit
    return rows, cols, boxes


def count_solutions(grid, limit=2, rng=None, out=None):
    """Number of solutions up to `limit`; the first found is written to `out` when given."""
    g = list(grid)
    state = _candidates(g)
    if state is None:
        return 0
    rows, cols, boxes = state
    empties = [i for i in range(81) if g[i] == 0]
    found = [0]

    def search():
        best, best_mask, best_n = -1, 0, 10
        for i in empties:
            if g[i] == 0:
                m = ALL & ~(rows[ROW[i]] | cols[COL[i]] | boxes[BOX[i]])
                n = POPCOUNT[m]
                if n < best_n:
                    best, best_mask, best_n = i, m, n
                    if n <= 1:
                        break
        if best < 0:
            found[0] += 1
            if out is not None and found[0] == 1:
                out[:] = g
            return found[0] >= limit
        if best_n == 0:
            return False
        digits = [d for d in range(1, 10) if best_mask >> d & 1]
        if rng is not None:
            rng.shuffle(digits)
        r, c, b = ROW[best], COL[best], BOX[best]
        for d in digits:
            bit = 1 << d
            g[best] = d; rows[r] |= bit; cols[c] |= bit; boxes[b] |= bit
            if search():
                return True
            g[best] = 0; rows[r] ^= bit; cols[c] ^= bit; boxes[b] ^= bit
        return False

    search()
    return found[0]


def solve(grid):
    out = [0] * 81
    return out if count_solutions(grid, limit=1, out=out) == 1 else None


def random_solution(rng: random.Random):
    out = [0] * 81
    count_solutions([0] * 81, limit=1, rng=rng, out=out)
    return out


def solvable_by_singles(grid) -> bool:
    """True when naked and hidden singles alone fill the grid (the 'beginner' techniques)."""
    g = list(grid)
    cand = [0] * 81
    state = _candidates(g)
    if state is None:
        return False
    rows, cols, boxes = state
    for i in range(81):
        cand[i] = 0 if g[i] else ALL & ~(rows[ROW[i]] | cols[COL[i]] | boxes[BOX[i]])
    left = sum(1 for v in g if v == 0)

    def place(i, d):
        g[i] = d; cand[i] = 0
        for p in PEERS[i]:
            cand[p] &= ~(1 << d)

    progress = True
    while left and progress:
        progress = False
        for i in range(81):
            if g[i] == 0:
                m = cand[i]
                if m == 0:
                    return False
                if POPCOUNT[m] == 1:
                    place(i, m.bit_length() - 1); left -= 1; progress = True
        for unit in UNITS:
            for d in range(1, 10):
                bit = 1 << d
                spots = [i for i in unit if cand[i] & bit]
                if len(spots) == 1 and g[spots[0]] == 0:
                    place(spots[0], d); left -= 1; progress = True
    return left == 0


def make_puzzle(rng: random.Random, min_givens: int, singles_only: bool):
    """Remove cells of a random solution, in random order, while the puzzle stays uniquely
    solvable (and, if `singles_only`, solvable by singles); stop at `min_givens`."""
    solution = random_solution(rng)
    puzzle = list(solution)
    order = list(range(81))
    rng.shuffle(order)
    givens = 81
    for i in order:
        if givens <= min_givens:
            break
        keep = puzzle[i]
        puzzle[i] = 0
        ok = solvable_by_singles(puzzle) if singles_only else count_solutions(puzzle, 2) == 1
        if ok:
            givens -= 1
        else:
            puzzle[i] = keep
    return puzzle, solution


# --- augmentation (TRM's Sudoku builder: digit relabel, band/row and stack/col shuffles, transpose)
def augment(puzzle: np.ndarray, solution: np.ndarray, rng: np.random.Generator):
    """puzzle/solution: [N, 81] digit arrays (0 blank). Same random transform per row pair."""
    n = puzzle.shape[0]
    out_p, out_s = np.empty_like(puzzle), np.empty_like(solution)
    for k in range(n):
        relabel = np.concatenate([[0], rng.permutation(9) + 1])
        bands = rng.permutation(3)
        rows = np.concatenate([b * 3 + rng.permutation(3) for b in bands])
        stacks = rng.permutation(3)
        cols = np.concatenate([s * 3 + rng.permutation(3) for s in stacks])
        idx = (rows[:, None] * 9 + cols[None, :])
        if rng.random() < 0.5:
            idx = idx.T
        idx = idx.reshape(-1)
        out_p[k] = relabel[puzzle[k][idx]]
        out_s[k] = relabel[solution[k][idx]]
    return out_p, out_s


def tokens(digits: np.ndarray) -> np.ndarray:
    """Official tokenization: blank -> 1, digit d -> d + 1 (0 is the pad token)."""
    return digits + 1


def parse(s: str) -> list[int]:
    s = "".join(ch for ch in s if not ch.isspace())
    return [0 if ch in ".0" else int(ch) for ch in s]
