#!/usr/bin/env python3
"""Train a Sudoku TRM on CPU (resumable: rerun the same command to continue a run).

    nice python3 export-scripts/train_sudoku.py --run sudoku-mlpt --variant mlp_t --hidden 128 \
        --L-cycles 3 --H-cycles 2 --minutes 120 --seed 0
"""
import argparse
import shutil
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
from trm.cli_args import add_training_args, configs  # noqa: E402
from trm.sudoku import augment, tokens  # noqa: E402
from trm.train import Task, Trainer  # noqa: E402

HERE = Path(__file__).parent


class SudokuTask(Task):
    def __init__(self, pools: list[Path], heldout: Path, seed: int, heldout_n: int, hint_prob: float = 0.0,
                 hint_max_givens: int = 55, heldout_kind: str | None = None):
        data = [np.load(p) for p in pools]
        self.puzzles = np.concatenate([d["puzzles"] for d in data]).astype(np.int64)
        self.solutions = np.concatenate([d["solutions"] for d in data]).astype(np.int64)
        self.rng = np.random.default_rng(seed)
        self.hint_prob, self.hint_max_givens = hint_prob, hint_max_givens
        h = np.load(heldout)
        keep = np.ones(len(h["puzzles"]), bool) if heldout_kind is None else h["kinds"] == heldout_kind
        self._heldout = (torch.from_numpy(tokens(h["puzzles"][keep][:heldout_n].astype(np.int64))),
                         torch.from_numpy(tokens(h["solutions"][keep][:heldout_n].astype(np.int64))))
        print(f"training pool: {len(self.puzzles)} puzzles from {', '.join(p.name for p in pools)}", flush=True)

    def sample(self, n):
        idx = self.rng.integers(0, len(self.puzzles), n)
        p, s = augment(self.puzzles[idx], self.solutions[idx], self.rng)
        if self.hint_prob > 0:
            p = self._add_hints(p, s)
        return torch.from_numpy(tokens(p)), torch.from_numpy(tokens(s))

    def _add_hints(self, p, s):
        """Curriculum: reveal random solution cells of some puzzles, up to a random given count in
        [givens, hint_max_givens]. Extra givens keep a puzzle uniquely (and singles-) solvable, so
        one pool yields every difficulty from the puzzle's own down to near-complete grids."""
        p = p.copy()
        for k in range(len(p)):
            if self.rng.random() >= self.hint_prob:
                continue
            blanks = np.flatnonzero(p[k] == 0)
            givens = 81 - len(blanks)
            target = self.rng.integers(givens, max(givens, self.hint_max_givens) + 1)
            reveal = self.rng.choice(blanks, size=min(len(blanks), target - givens), replace=False)
            p[k, reveal] = s[k, reveal]
        return p

    def heldout(self):
        return self._heldout


def main():
    ap = argparse.ArgumentParser()
    add_training_args(ap, variant="mlp_t", heldout_n=300)
    ap.add_argument("--pool", type=Path, nargs="+", default=sorted((HERE / "data").glob("sudoku_train_*.npz")))
    ap.add_argument("--heldout", type=Path, default=HERE / "data" / "sudoku_heldout.npz")
    ap.add_argument("--heldout-kind", default=None, help="evaluate on one kind of held-out puzzle only (e.g. singles)")
    ap.add_argument("--hint-prob", type=float, default=0.0, help="curriculum: share of puzzles given extra hints")
    ap.add_argument("--hint-max-givens", type=int, default=55)
    ap.add_argument("--init-from", type=Path, default=None, help="start from another run's checkpoint (warm start)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    mc, tc = configs(a, vocab_size=11, seq_len=81)
    task = SudokuTask(a.pool, a.heldout, a.seed, a.heldout_n, a.hint_prob, a.hint_max_givens, a.heldout_kind)
    run_dir = HERE / "runs" / a.run
    if a.init_from is not None and not (run_dir / "ckpt.pt").exists():
        run_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(a.init_from, run_dir / "ckpt.pt")  # resumes its weights, optimizer, step and time
    trainer = Trainer(mc, tc, task, run_dir)
    print(f"params {trainer.model.num_params()}", flush=True)
    trainer.run()


if __name__ == "__main__":
    main()
