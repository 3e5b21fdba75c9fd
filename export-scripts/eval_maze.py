#!/usr/bin/env python3
"""Verified accuracy of a maze model in PyTorch, per source, path length and path count.

    python3 export-scripts/eval_maze.py --model models/src/main/resources/trm4j/models/maze \
        --csv export-scripts/data/maze_eval/heldout_13x13.csv --canvas 13
    python3 export-scripts/eval_maze.py --run maze-gen-d64 --csv ../shared/data/maze/maze_dataset_dfs_6x6_13x13_n10000.csv

--model reads a trm4j model directory (weights from cell.onnx), --run a training run's EMA
weights. The conv weights do not depend on the canvas, so --canvas runs either on any canvas the
mazes fit (default: the smallest square holding the largest maze). The loop is the runtime's
default for the bundled model: up to --max-steps supervision steps, a row halts when its
prediction is unchanged for --patience steps (`converged`). `verified` is the headline (the maze
head's verifier: any shortest path counts); `exact` compares with the stored path only. The Java
figures of record come from `trm eval maze FILE --by source`.
"""
import argparse
import csv
import dataclasses
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
from bench_torch import config_from_manifest, load_weights  # noqa: E402
from trm import maze  # noqa: E402
from trm.maze_verify import exact, moves_of, verified  # noqa: E402
from trm.model import TRM, TrmConfig  # noqa: E402

HERE = Path(__file__).parent


def load_model(model_dir: Path | None, run: str | None, canvas: int) -> TRM:
    """The weights of a model directory or a run, in a TRM for a canvas x canvas grid."""
    if model_dir is not None:
        cfg = config_from_manifest(json.loads((model_dir / "manifest.json").read_text()))
        src = TRM(cfg)
        load_weights(src, model_dir / "cell.onnx", model_dir / "init.bin")
        state = src.state_dict()
    else:
        ck = torch.load(HERE / "runs" / run / "ckpt.pt", map_location="cpu", weights_only=False)
        cfg, state = TrmConfig(**ck["model_cfg"]), ck["ema"]
    if cfg.variant != "conv":
        raise SystemExit(f"eval_maze.py runs conv models on any canvas; this model is {cfg.variant!r}")
    trm = TRM(dataclasses.replace(cfg, seq_len=canvas * canvas, grid_width=canvas))
    trm.load_state_dict(state)
    return trm.eval()


@torch.no_grad()
def solve(trm: TRM, x: torch.Tensor, max_steps: int, patience: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Converged halting: (final predictions [B, L], steps used [B]). Halted rows leave the batch
    (their state is no longer computed), so a batch costs what its unfinished rows need."""
    b = x.shape[0]
    y, z = trm.initial_state(b)
    pred = torch.full_like(x, -1)
    unchanged = torch.zeros(b, dtype=torch.long)
    steps = torch.zeros(b, dtype=torch.long)
    active = torch.arange(b)
    for s in range(1, max_steps + 1):
        p = torch.zeros(len(active), dtype=torch.long)
        y, z, logits, _, _ = trm.step(x[active], y, z, p, grad_last_cycle_only=False)
        new = logits.argmax(-1)
        same = (new == pred[active]).all(1)
        unchanged[active] = torch.where(same, unchanged[active] + 1, torch.zeros_like(same, dtype=torch.long))
        pred[active] = new
        steps[active] = s
        keep = unchanged[active] < patience
        active, y, z = active[keep], y[keep], z[keep]
        if len(active) == 0:
            break
    return pred, steps


def read(path: Path) -> list[dict]:
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def grid(text: str) -> np.ndarray:
    return maze.parse(text).astype(np.int64)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--model", type=Path, help="trm4j model directory")
    src.add_argument("--run", help="training run under export-scripts/runs")
    ap.add_argument("--csv", type=Path, required=True, nargs="+")
    ap.add_argument("--canvas", type=int, default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--every", type=int, default=1, help="every K-th row only (a subset that keeps each source's share)")
    ap.add_argument("--max-steps", type=int, default=64)
    ap.add_argument("--patience", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args(argv)
    torch.set_num_threads(a.threads)
    for path in a.csv:
        rows = read(path)[::a.every][:a.limit]
        qs = [grid(r["question"]) for r in rows]
        ans = [grid(r["answer"]) for r in rows]
        canvas = a.canvas or max(max(q.shape) for q in qs)
        trm = load_model(a.model, a.run, canvas)
        x = torch.from_numpy(np.concatenate([maze.place(q[None], canvas) for q in qs]))
        want = torch.from_numpy(np.concatenate([maze.place(q[None], canvas) for q in ans]))
        ok_v, ok_e, used = [], [], []
        t0 = time.time()
        for i in range(0, len(rows), a.batch):
            pred, steps = solve(trm, x[i:i + a.batch], a.max_steps, a.patience)
            xb, wb = x[i:i + a.batch], want[i:i + a.batch]
            ok_v += verified(pred, xb, moves_of(wb), canvas).tolist()
            ok_e += exact(pred, xb, wb).tolist()
            used += steps.tolist()
        seconds = time.time() - t0
        groups = defaultdict(lambda: [0, 0, 0, 0])
        # a column that differs on nearly every row (maze-dataset's per-maze source) is no grouping
        cols = [c for c in ("source", "length", "paths") if len({r.get(c) for r in rows}) <= max(1, len(rows) // 4)]
        for r, v, e, s in zip(rows, ok_v, ok_e, used):
            keys = ["all"] + [f"{col}={r[col]}" for col in cols if r.get(col)]
            for k in keys:
                g = groups[k]
                g[0] += 1; g[1] += v; g[2] += e; g[3] += s
        out = {"csv": path.name, "model": str(a.model or a.run), "canvas": canvas, "n": len(rows),
               "verified": sum(ok_v) / len(rows), "exact": sum(ok_e) / len(rows),
               "ms_per_maze": round(1000 * seconds / len(rows), 1), "threads": a.threads,
               "groups": {k: {"n": g[0], "verified": round(g[1] / g[0], 4), "exact": round(g[2] / g[0], 4),
                              "mean_steps": round(g[3] / g[0], 1)} for k, g in groups.items()}}
        print(f"{path.name} ({len(rows)} mazes, canvas {canvas}, {out['model']})")
        print(f"  {'GROUP':28s} {'N':>6s} {'VERIFIED':>9s} {'EXACT':>7s} {'STEPS':>6s}")
        for k, g in sorted(out["groups"].items()):
            print(f"  {k:28s} {g['n']:6d} {100 * g['verified']:8.1f}% {100 * g['exact']:6.1f}% {g['mean_steps']:6.1f}")
        print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
