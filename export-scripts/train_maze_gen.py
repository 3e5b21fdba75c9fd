#!/usr/bin/env python3
"""Train a maze TRM on mazes of many generators (trm/maze_gen.py), generated on the fly.

    python3 export-scripts/train_maze_gen.py --run maze-gen --init-model models/src/main/resources/trm4j/models/maze \
        --canvas 15 --max-size 15 --minutes 40 --threads 1

Training generators: dfs, kruskal, prim, aldous_broder (lattices, half of them braided: loops),
obstacles (open layouts); a share of "legacy" mazes as in maze-dataset's sets (dfs, S and G on
rooms). Held out of training entirely: wilson, division, rooms, caves (TRAIN_GENERATORS vs
HELDOUT_GENERATORS); the in-loop held-out set is drawn from those, and its `exact@N` figures are
the verifier's (any shortest path counts). Start and goal on any open squares, far, near or on
rooms; rectangular and square sizes from --min-size to --max-size; at a canvas of 25 or more a
share (--long-share) of Maze-Hard-like mazes (shortest path over --long-moves). Each drawn maze
gets one of the 8 dihedral symmetries BEFORE it is labelled, so the canonical tie-break (several
shortest paths: backtrack from G preferring up, left, down, right) stays one rule.

Curriculum: run again with the same --run and a larger --canvas/--max-size; the conv weights do
not depend on the canvas, the checkpoint resumes (optimizer, step, minutes) on the new one.
--init-model warm-starts a new run from a trm4j model directory (its cell.onnx weights).
"""
import argparse
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
from bench_torch import config_from_manifest, load_weights  # noqa: E402
from trm import maze, maze_gen  # noqa: E402
from trm.cli_args import add_training_args, configs  # noqa: E402
from trm.maze_targets import any_shortest_path  # noqa: E402
from trm.maze_verify import moves_of, verified  # noqa: E402
from trm.model import TRM  # noqa: E402
from trm.train import Task, Trainer  # noqa: E402

HERE = Path(__file__).parent
TRAIN_GENERATORS = ("dfs", "kruskal", "prim", "aldous_broder", "obstacles")
HELDOUT_GENERATORS = ("wilson", "division", "rooms", "caves")
PLACEMENTS = (("any", 0.45), ("far", 0.35), ("near", 0.1), ("rooms", 0.1))


def draw(rng: np.random.Generator, generator: str, h: int, w: int, placement: str, braid_share: float,
         symmetry: int, min_moves: int = 1, long_moves: int = 0) -> dict:
    """One labelled maze, turned by `symmetry` before S, G and the label are chosen."""
    for _ in range(50):
        g = maze_gen.layout(generator, h, w, rng, braid_share)
        if placement == "rooms":  # rooms sit at odd coordinates of the untransformed lattice
            st = maze_gen.place(g, placement, rng, min_moves)
            if st is None:
                continue
            g = g.copy()
            g[st[0]], g[st[1]] = maze.START, maze.GOAL
            g = np.ascontiguousarray(maze.dihedral(g, symmetry))
            s, t = (tuple(int(v) for v in np.argwhere(g == mark)[0]) for mark in (maze.START, maze.GOAL))
            g[s] = g[t] = maze.OPEN
            q, a, moves, paths = maze_gen.label(g, s, t, maze_gen.distances(g, s))
            return {"question": q, "answer": a, "moves": moves, "paths": paths}
        g = np.ascontiguousarray(maze.dihedral(g, symmetry))
        if long_moves:
            s, _, _ = maze_gen.longest_pair(g)
            dist = maze_gen.distances(g, s)
            far = np.argwhere((g == maze.OPEN) & (dist > long_moves))
            if not len(far):
                continue
            st = (s, tuple(int(v) for v in far[int(rng.integers(len(far)))]), dist)
        else:
            st = maze_gen.place(g, placement, rng, min_moves)
            if st is None:
                continue
        q, a, moves, paths = maze_gen.label(g, *st)
        return {"question": q, "answer": a, "moves": moves, "paths": paths}
    raise RuntimeError(f"no {h}x{w} {generator} maze for placement {placement}")


class MixTask(Task):
    def __init__(self, canvas: int, min_size: int, max_size: int, legacy_share: float, long_share: float,
                 long_moves: int, rect_share: float, heldout_n: int, seed: int, any_path: bool = False):
        if not 5 <= min_size <= max_size <= canvas:
            raise SystemExit(f"need 5 <= --min-size <= --max-size <= --canvas, got {min_size}, {max_size}, {canvas}")
        self.canvas, self.min_size, self.max_size = canvas, min_size, max_size
        self.legacy_share, self.rect_share = legacy_share, rect_share
        self.any_path = any_path
        self.long_share = long_share if canvas >= 25 else 0.0
        self.long_moves = long_moves
        self.rng = np.random.default_rng(seed)
        sizes = np.arange(min_size, max_size + 1)
        self.size_p = sizes / sizes.sum()              # larger mazes more often
        self.sizes = sizes
        self._heldout = self._heldout_set(heldout_n, seed)

    def _size(self, rng) -> int:
        return int(rng.choice(self.sizes, p=self.size_p))

    def one(self, rng) -> dict:
        t = int(rng.integers(8))
        if rng.random() < self.long_share:
            size = self.canvas if self.canvas % 2 else self.canvas - 1
            return draw(rng, ["dfs", "dfs", "kruskal"][int(rng.integers(3))], size, size, "long",
                        0.0, t, long_moves=self.long_moves)
        if rng.random() < self.legacy_share:
            s = self._size(rng) | 1
            return draw(rng, "dfs", s, s, "rooms", 0.0, t, min_moves=2)
        gen = TRAIN_GENERATORS[int(rng.integers(len(TRAIN_GENERATORS)))]
        h = self._size(rng)
        w = self._size(rng) if rng.random() < self.rect_share else h
        braid_share = float(rng.uniform(0.02, 0.3)) if gen != "obstacles" and rng.random() < 0.5 else 0.0
        placement = PLACEMENTS[int(rng.choice(len(PLACEMENTS), p=[p for _, p in PLACEMENTS]))][0]
        return draw(rng, gen, h, w, placement, braid_share, t)

    def _tensors(self, mazes: list[dict]) -> tuple[torch.Tensor, torch.Tensor]:
        xs = np.zeros((len(mazes), self.canvas * self.canvas), dtype=np.int64)
        ys = np.zeros_like(xs)
        for i, m in enumerate(mazes):
            xs[i] = maze.place(m["question"][None], self.canvas)[0]
            ys[i] = maze.place(m["answer"][None], self.canvas)[0]
        return torch.from_numpy(xs), torch.from_numpy(ys)

    def sample(self, n):
        return self._tensors([self.one(self.rng) for _ in range(n)])

    def _heldout_set(self, n: int, seed: int):
        rng = np.random.default_rng(7777 + seed)
        mazes = []
        for i in range(n):
            gen = HELDOUT_GENERATORS[i % len(HELDOUT_GENERATORS)]
            s = self._size(rng)
            braid_share = 0.1 if gen in maze_gen.LATTICE and i % 8 >= 4 else 0.0
            mazes.append(draw(rng, gen, s, s, "far" if i % 3 == 0 else "any", braid_share, int(rng.integers(8))))
        return self._tensors(mazes)

    def heldout(self):
        return self._heldout

    def relabel(self, logits, labels, inputs):
        return any_shortest_path(logits, labels, inputs, self.canvas) if self.any_path else labels

    def exact(self, pred, labels, inputs):
        return verified(pred, inputs, moves_of(labels), self.canvas)


def warm_start(trainer: Trainer, model_dir: Path) -> None:
    """Copies a trm4j model directory's weights into the trainer's model and EMA (new runs only)."""
    import json
    cfg = config_from_manifest(json.loads((model_dir / "manifest.json").read_text()))
    src = TRM(cfg)
    load_weights(src, model_dir / "cell.onnx", model_dir / "init.bin")
    trainer.model.load_state_dict(src.state_dict())
    trainer.ema.load_state_dict(src.state_dict())
    trainer.log({"event": "warm_start", "from": str(model_dir)})


def main():
    ap = argparse.ArgumentParser()
    add_training_args(ap, variant="conv", heldout_n=400)
    ap.add_argument("--canvas", type=int, default=15, help="side of the square training canvas")
    ap.add_argument("--min-size", type=int, default=5)
    ap.add_argument("--max-size", type=int, default=None, help="largest maze side (default: the canvas)")
    ap.add_argument("--legacy-share", type=float, default=0.2, help="share of dfs mazes with S and G on rooms")
    ap.add_argument("--long-share", type=float, default=0.1, help="share of long-path mazes (canvas >= 25)")
    ap.add_argument("--long-moves", type=int, default=110, help="long-path mazes: shortest path over this")
    ap.add_argument("--rect-share", type=float, default=0.3, help="share of rectangular mazes")
    ap.add_argument("--init-model", type=Path, default=None, help="warm start from a trm4j model directory")
    ap.add_argument("--warmup", type=int, default=300, help="lr warmup steps (a warm start needs few)")
    ap.add_argument("--any-shortest-path", action="store_true",
                    help="train toward the shortest path nearest the prediction, not the stored one (trm/maze_targets.py)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    mc, tc = configs(a, vocab_size=len(maze.VOCAB), seq_len=a.canvas * a.canvas, grid_width=a.canvas)
    tc.warmup = a.warmup
    task = MixTask(a.canvas, a.min_size, a.max_size or a.canvas, a.legacy_share, a.long_share, a.long_moves,
                   a.rect_share, a.heldout_n, a.seed, a.any_shortest_path)
    run_dir = HERE / "runs" / a.run
    fresh = not (run_dir / "ckpt.pt").exists()
    trainer = Trainer(mc, tc, task, run_dir)
    if fresh and a.init_model:
        warm_start(trainer, a.init_model)
    task.rng = np.random.default_rng([a.seed, trainer.step_count])  # a resumed run draws new mazes
    trainer.log({"event": "task", "canvas": a.canvas, "sizes": [a.min_size, a.max_size or a.canvas],
                 "any_shortest_path": a.any_shortest_path,
                 "argv": sys.argv[1:]})
    trainer.run()


if __name__ == "__main__":
    main()
