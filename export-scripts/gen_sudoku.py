#!/usr/bin/env python3
"""Generate uniquely solvable Sudoku puzzles (exact solver checks uniqueness) with a difficulty mix:
  50% 'singles'  : cells removed while naked/hidden singles still solve it (~23-27 givens)
  30% 'minimal'  : cells removed while the solution stays unique (~21-26 givens, some need search)
  20% 'easy'     : removal stops early at a random 27..45 givens (unique)
Writes an .npz with puzzles/solutions [N, 81] (uint8, 0 = blank) and kinds.

    python3 export-scripts/gen_sudoku.py --n 10000 --seed 1 --out export-scripts/data/sudoku_train_1.npz
"""
import argparse
import random
import time
from pathlib import Path

import numpy as np

from trm.sudoku import make_puzzle


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    puzzles, solutions, kinds = [], [], []
    t0 = time.time()
    for k in range(a.n):
        r = rng.random()
        if r < 0.5:
            kind, p, s = "singles", *make_puzzle(rng, 17, singles_only=True)
        elif r < 0.8:
            kind, p, s = "minimal", *make_puzzle(rng, 17, singles_only=False)
        else:
            kind, p, s = "easy", *make_puzzle(rng, rng.randint(27, 45), singles_only=False)
        puzzles.append(p); solutions.append(s); kinds.append(kind)
        if (k + 1) % 1000 == 0:
            print(f"{k + 1}/{a.n} {time.time() - t0:.0f}s", flush=True)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(a.out, puzzles=np.array(puzzles, np.uint8), solutions=np.array(solutions, np.uint8),
                        kinds=np.array(kinds))
    print(f"wrote {a.n} puzzles to {a.out} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
