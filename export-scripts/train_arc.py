#!/usr/bin/env python3
"""Train a small ARC TRM on CPU, with the TRM protocol at small scale; resumable like the others.

    python3 export-scripts/train_arc.py --run arc10-conv --variant conv --hidden 96 --side 10 \
        --augs 4 --minutes 100 --threads 1

Tasks: the ARC-AGI-1 training tasks whose every grid is at most SIDE x SIDE, and the evaluation
tasks whose demonstrations and test inputs are (chosen without looking at their test outputs).
Training rows: training tasks' demonstration and test pairs, evaluation tasks' demonstration
pairs only, under AUGS augmentations per task (identity + random dihedral x color permutation,
one puzzle embedding each), at a random offset on a (SIDE+2)-wide canvas. The held-out set (the
learning curve only; nothing is selected on it) is the evaluation tasks' test pairs that fit.
The conv variant's weights do not depend on the canvas: export_trained.py --canvas 30 gives the
official 30x30 cell the Java head runs.
"""
import argparse
import dataclasses
import json
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
from trm import arc  # noqa: E402
from trm.cli_args import add_training_args, configs  # noqa: E402
from trm.train import Task, Trainer  # noqa: E402

HERE = Path(__file__).parent
DATA = HERE.parent.parent / "shared" / "data" / "arc-agi-1"


class ArcTask(Task):
    def __init__(self, data: Path, side: int, augs: int, seed: int, run_dir: Path):
        self.canvas, self.rng = side + 2, np.random.default_rng(seed)
        train = {k: t for k, t in arc.load_tasks(data / "training").items() if arc.fits(t, side, True)}
        evals = {k: t for k, t in arc.load_tasks(data / "evaluation").items() if arc.fits(t, side, False)}
        self.puzzles, self.identifiers = arc.build_puzzles(train, evals, augs, seed)
        run_dir.mkdir(parents=True, exist_ok=True)
        (run_dir / "tasks.json").write_text(json.dumps({"side": side, "augs": augs, "training": sorted(train),
                                                        "evaluation": sorted(evals)}, indent=1))
        (run_dir / "identifiers.json").write_text(json.dumps(self.identifiers))
        ids = {n: i for i, n in enumerate(self.identifiers)}
        xs, ys, ps = [], [], []
        for task_id, task in evals.items():
            for pair in task["test"]:
                a, b = np.array(pair["input"]), np.array(pair["output"])
                if max(b.shape) <= side:
                    xs.append(arc.encode(a, self.canvas)); ys.append(arc.encode(b, self.canvas)); ps.append(ids[task_id])
        self._heldout = torch.tensor(np.array(xs)), torch.tensor(np.array(ys)), torch.tensor(ps)
        print(f"tasks: {len(train)} training + {len(evals)} evaluation, {len(self.puzzles)} puzzles, "
              f"{sum(len(p.pairs) for p in self.puzzles)} pairs; held-out {len(ps)} test pairs; canvas {self.canvas}",
              flush=True)

    def sample(self, n):
        x, y, ids = arc.sample_batch(self.puzzles, n, self.canvas, self.rng)
        return torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(ids)

    def heldout(self):
        return self._heldout


def main():
    ap = argparse.ArgumentParser()
    add_training_args(ap, variant="conv", heldout_n=0)
    ap.add_argument("--side", type=int, default=10, help="largest grid side of the chosen tasks (canvas = side + 2)")
    ap.add_argument("--augs", type=int, default=4, help="augmentations (puzzle embeddings) per task, identity included")
    ap.add_argument("--puzzle-emb-lr", type=float, default=1e-2)
    ap.add_argument("--data", type=Path, default=DATA)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    run_dir = HERE / "runs" / a.run
    task = ArcTask(a.data, a.side, a.augs, a.seed, run_dir)
    canvas = a.side + 2
    mc, tc = configs(a, vocab_size=arc.VOCAB_SIZE, seq_len=canvas * canvas, grid_width=canvas)
    mc = dataclasses.replace(mc, num_puzzle_ids=len(task.identifiers))
    tc = dataclasses.replace(tc, puzzle_emb_lr=a.puzzle_emb_lr)
    trainer = Trainer(mc, tc, task, run_dir)
    print(f"params {trainer.model.num_params()} ({mc.num_puzzle_ids} x {mc.hidden_size} puzzle embeddings)", flush=True)
    trainer.run()


if __name__ == "__main__":
    main()
