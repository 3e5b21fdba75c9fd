#!/usr/bin/env python3
"""Evaluate a training run's EMA weights in PyTorch on an eval CSV, per class (a quick check
next to training, e.g. on a GPU; the figures of record come from the Java `trm eval`).

    python3 export-scripts/eval_torch.py --run RUN --task sudoku --csv ../shared/data/sudoku/sudoku_eval_mix.csv
    python3 export-scripts/eval_torch.py --run RUN --task maze --csv ../shared/data/maze/maze_dataset_dfs_6x6_13x13_n10000.csv
"""
import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
from trm import maze  # noqa: E402
from trm.model import TRM, TrmConfig  # noqa: E402
from trm.sudoku import parse as sudoku_parse, tokens as sudoku_tokens  # noqa: E402
from trm.train import rollout  # noqa: E402

HERE = Path(__file__).parent


def encode(task: str, text: str, seq_len: int) -> np.ndarray:
    if task == "sudoku":
        return sudoku_tokens(np.array(sudoku_parse(text), dtype=np.int64))
    side = int(round(seq_len ** 0.5))
    return maze.place(maze.parse(text)[None].astype(np.int64), side)[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", required=True)
    ap.add_argument("--task", required=True, choices=["sudoku", "maze"])
    ap.add_argument("--csv", type=Path, required=True)
    ap.add_argument("--by", default="difficulty_class")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--amp", action="store_true")
    a = ap.parse_args()
    ck = torch.load(HERE / "runs" / a.run / "ckpt.pt", map_location="cpu", weights_only=False)
    cfg = TrmConfig(**ck["model_cfg"])
    model = TRM(cfg)
    model.load_state_dict(ck["ema"])
    model = model.to(a.device).eval()
    rows = list(csv.DictReader(open(a.csv)))[:a.limit]
    groups = [r.get(a.by) or "all" for r in rows]
    x = torch.from_numpy(np.stack([encode(a.task, r["question"], cfg.seq_len) for r in rows]))
    want = torch.from_numpy(np.stack([encode(a.task, r["answer"], cfg.seq_len) for r in rows]))
    ok16, ok_act, steps_act = [], [], []
    t0 = time.time()
    for i in range(0, len(rows), a.batch):
        xb, wb = x[i:i + a.batch].to(a.device), want[i:i + a.batch].to(a.device)
        preds, act_pred, halt_at = rollout(model, xb, cfg.max_steps, (cfg.max_steps,), a.device, a.amp)
        ok16 += (preds[cfg.max_steps] == wb).all(1).tolist()
        ok_act += (act_pred == wb).all(1).tolist()
        steps_act += halt_at.tolist()
    per = defaultdict(lambda: [0, 0, 0])
    for g, o, oa in zip(groups, ok16, ok_act):
        per[g][0] += 1; per[g][1] += o; per[g][2] += oa
    out = {"run": a.run, "csv": a.csv.name, "n": len(rows), "exact@16": sum(ok16) / len(rows),
           "act_exact": sum(ok_act) / len(rows), "act_mean_steps": sum(steps_act) / len(rows),
           "seconds": round(time.time() - t0, 1),
           "per_class": {g: {"n": v[0], "exact@16": round(v[1] / v[0], 4), "act_exact": round(v[2] / v[0], 4)}
                         for g, v in sorted(per.items())}}
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
