#!/usr/bin/env python3
"""Train a maze TRM (shortest path) on generated mazes; resumable like train_sudoku.py.

    python3 export-scripts/train_maze.py --run maze21 --canvas 21 --lattice 6 7 8 9 10 \
        --device cuda --amp --batch 256 --wall-minutes 8

Mazes come from trm/maze.py (randomized DFS, a quarter with loops and a unique shortest path),
one pool per lattice size generated once (in parallel) and cached in export-scripts/data/;
training samples get one of the 8 dihedral symmetries. The held-out set uses another seed.
"""
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
from trm import maze  # noqa: E402
from trm.cli_args import add_training_args, configs  # noqa: E402
from trm.train import Task, Trainer  # noqa: E402

HERE = Path(__file__).parent
CHUNK = 2000


def _chunk(args):
    k, n, seed = args
    return maze.generate(k, n, seed)


def pool(k: int, n: int, seed: int, workers: int) -> tuple[np.ndarray, np.ndarray]:
    """n mazes of lattice k, generated in chunks of CHUNK with seeds derived from `seed`; cached."""
    cache = HERE / "data" / f"maze_k{k}_n{n}_s{seed}.npz"
    if cache.exists():
        d = np.load(cache)
        return d["q"], d["a"]
    jobs = [(k, min(CHUNK, n - i), seed * 100003 + k * 1009 + i // CHUNK) for i in range(0, n, CHUNK)]
    with ProcessPoolExecutor(workers) as ex:
        parts = list(ex.map(_chunk, jobs))
    q, a = np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(cache, q=q, a=a)
    return q, a


class MazeTask(Task):
    def __init__(self, canvas: int, lattices: list[int], weights: list[float], n_per_size: int,
                 heldout_n: int, seed: int, workers: int):
        self.canvas, self.rng = canvas, np.random.default_rng(seed)
        self.pools = [pool(k, n_per_size, 1 + seed, workers) for k in lattices]
        self.weights = np.array(weights, dtype=float) / sum(weights)
        held = [pool(k, max(1, heldout_n // len(lattices)), 7777, workers) for k in lattices]
        self._heldout = (torch.from_numpy(np.concatenate([maze.place(q, canvas) for q, _ in held])),
                         torch.from_numpy(np.concatenate([maze.place(a, canvas) for _, a in held])))
        print(f"maze pools: {[(k, len(p[0])) for k, p in zip(lattices, self.pools)]}, canvas {canvas}", flush=True)

    def sample(self, n):
        sizes = self.rng.choice(len(self.pools), size=n, p=self.weights)
        xs = np.zeros((n, self.canvas * self.canvas), dtype=np.int64)
        ys = np.zeros_like(xs)
        for s in np.unique(sizes):
            rows = np.flatnonzero(sizes == s)
            q, a = self.pools[s]
            idx = self.rng.integers(0, len(q), len(rows))
            t = int(self.rng.integers(8))  # one symmetry per size group and draw
            xs[rows] = maze.place(maze.dihedral(q[idx], t), self.canvas)
            ys[rows] = maze.place(maze.dihedral(a[idx], t), self.canvas)
        return torch.from_numpy(xs), torch.from_numpy(ys)

    def heldout(self):
        return self._heldout


def main():
    ap = argparse.ArgumentParser()
    add_training_args(ap, variant="attention", heldout_n=500)
    ap.add_argument("--canvas", type=int, default=13, help="side of the model's square canvas (seq_len = canvas^2)")
    ap.add_argument("--lattice", type=int, nargs="+", default=[6], help="room lattice sizes k (grid 2k+1)")
    ap.add_argument("--weights", type=float, nargs="+", default=None, help="sampling weight per lattice size")
    ap.add_argument("--per-size", type=int, default=60000, help="mazes generated per lattice size")
    ap.add_argument("--workers", type=int, default=4)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    weights = a.weights or [1.0] * len(a.lattice)
    if len(weights) != len(a.lattice):
        ap.error("--weights needs one value per --lattice size")
    mc, tc = configs(a, vocab_size=len(maze.VOCAB), seq_len=a.canvas * a.canvas,
                     grid_width=a.canvas)
    task = MazeTask(a.canvas, a.lattice, weights, a.per_size, a.heldout_n, a.seed, a.workers)
    trainer = Trainer(mc, tc, task, HERE / "runs" / a.run)
    print(f"params {trainer.model.num_params()}", flush=True)
    trainer.run()


if __name__ == "__main__":
    main()
