#!/usr/bin/env python3
"""How far two cells of the same model drift apart over a whole recursion on real puzzles: both
run the same rows from init.bin, each fed its own y_out/z_out back, for --steps steps. Prints the
max |diff| of y, z, logits and q_halt per step and over all, and how many rows' argmax answers
differ at the last step. For checking a re-exported or converted cell before it replaces the old.

    /work/venv-torch/bin/python export-scripts/cell_drift.py --task sudoku --data ../shared/data/sudoku/sudoku_eval_mix.csv \
        --rows 64 --steps 16 OLD_DIR NEW_DIR

Rows: sudoku and maze CSVs (the question/puzzle column; evenly spread over the file), a sequence
JSONL (each line's first 13 terms, the 13th the answer), an ARC task folder (each task's first test
input, its puzzle id from the manifest). Needs onnxruntime (requirements-quant.txt).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))


def _spread(items: list, rows: int) -> list:
    """rows items evenly spread over the list (the files are grouped by class)."""
    if len(items) <= rows:
        return items
    return [items[i * len(items) // rows] for i in range(rows)]


def tokens(task: str, data: Path, rows: int, manifest: dict) -> tuple[np.ndarray, np.ndarray]:
    """(tokens [rows, seq_len], puzzle ids [rows]) of real puzzles."""
    ids = np.zeros(0, dtype=np.int64)
    if task in ("sudoku", "maze"):
        with data.open(newline="") as f:
            texts = _spread([r["question"] for r in csv.DictReader(f)], rows)
        if task == "sudoku":
            from trm.sudoku import parse
            tok = np.stack([np.array(parse(t), dtype=np.int64) + 1 for t in texts])
        else:
            from trm import maze
            side = int(round(manifest["seq_len"] ** 0.5))
            tok = np.concatenate([maze.place(maze.parse(t)[None].astype(np.int64), side) for t in texts])
    elif task == "sequence":
        from trm import sequence_diffs
        lines = [json.loads(x) for x in data.read_text().splitlines() if x.strip()]
        seqs = _spread([r["terms"][:13] for r in lines if len(r["terms"]) >= 13], rows)
        tok = np.stack([sequence_diffs.encode(s, 1)[0] for s in seqs])
    elif task == "arc":
        from trm import arc
        table = manifest.get("puzzle_ids") or {}
        tasks = _spread(sorted((k, v) for k, v in arc.load_tasks(data).items() if k in table), rows)
        if not tasks:
            raise SystemExit(f"{data}: no task the model knows (its manifest's puzzle_ids)")
        side = int(round(manifest["seq_len"] ** 0.5))
        tok = np.stack([arc.encode(np.array(t["test"][0]["input"], dtype=np.int64), side) for _, t in tasks])
        ids = np.array([table[k] for k, _ in tasks], dtype=np.int64)
    else:
        raise SystemExit(f"unknown task {task!r}")
    if tok.shape[1] != manifest["seq_len"]:
        raise SystemExit(f"{data}: rows encode to {tok.shape[1]} tokens, the model takes {manifest['seq_len']}")
    return tok, ids if ids.size else np.zeros(len(tok), dtype=np.int64)


def drift(old: Path, new: Path, tok: np.ndarray, ids: np.ndarray, steps: int, new_opt: str = "all") -> dict:
    import onnxruntime as ort
    levels = {"all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL, "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
              "none": ort.GraphOptimizationLevel.ORT_DISABLE_ALL}
    options = [ort.SessionOptions() for _ in range(2)]
    options[1].graph_optimization_level = levels[new_opt]
    manifest = json.loads((old / "manifest.json").read_text())
    s, d = manifest["state_len"], manifest["hidden_size"]
    init = np.fromfile(old / manifest.get("init", "init.bin"), dtype="<f4")
    sessions = [ort.InferenceSession(str(m / json.loads((m / "manifest.json").read_text()).get("cell", "cell.onnx")),
                                     so, providers=["CPUExecutionProvider"]) for m, so in zip((old, new), options)]
    states = [(np.broadcast_to(init[:d], (len(tok), s, d)).astype(np.float32),
               np.broadcast_to(init[d:], (len(tok), s, d)).astype(np.float32)) for _ in sessions]
    per_step, last = [], None
    for _ in range(steps):
        outs = []
        for i, sess in enumerate(sessions):
            feed = {"tokens": tok, "y": states[i][0], "z": states[i][1]}
            if any(x.name == "puzzle_ids" for x in sess.get_inputs()):
                feed["puzzle_ids"] = ids
            y, z, logits, q = sess.run(["y_out", "z_out", "logits", "q_halt"], feed)
            states[i] = (y, z)
            outs.append((y, z, logits, q))
        per_step.append({k: float(np.abs(a - b).max()) for k, a, b in zip(("y", "z", "logits", "q_halt"), *outs)})
        last = outs
    answers = [o[2].argmax(-1) for o in last]
    return {"rows": len(tok), "steps": steps, "max_abs_diff": max(max(p.values()) for p in per_step),
            "rows_with_different_argmax": int((answers[0] != answers[1]).any(-1).sum()),
            "per_step": per_step}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--task", required=True, choices=["sudoku", "maze", "sequence", "arc"])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--rows", type=int, default=64)
    ap.add_argument("--steps", type=int, default=16)
    ap.add_argument("--new-opt", default="all", choices=["all", "basic", "none"],
                    help="ONNX Runtime's graph optimization for the second cell; with the same directory twice, "
                         "--new-opt none measures how far rounding alone carries the recursion (a control)")
    a = ap.parse_args(argv)
    manifest = json.loads((a.old / "manifest.json").read_text())
    tok, ids = tokens(a.task, a.data, a.rows, manifest)
    print(json.dumps({"old": str(a.old), "new": str(a.new), "task": a.task, **drift(a.old, a.new, tok, ids, a.steps, a.new_opt)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
