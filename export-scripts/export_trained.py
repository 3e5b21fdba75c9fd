#!/usr/bin/env python3
"""Export a trained run (its EMA weights) into a trm4j model directory.

    python3 export-scripts/export_trained.py --run sudoku-mlpt-d128 --head sudoku --name sudoku \
        --out models/src/main/resources/trm4j/models/sudoku

The manifest's provenance gets the run's training config, seed, steps, wall time and the last
held-out evaluation from runs/RUN/metrics.jsonl. CARD.md is written by hand from those figures
and the Java `trm eval` results."""
import argparse
import json
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).parent))
from trm import arc, maze, sequence_diffs, sequence_rns  # noqa: E402
from trm.export import export_model_dir  # noqa: E402
from trm.model import TRM, TrmConfig  # noqa: E402

HERE = Path(__file__).parent
VOCABS = {
    "sudoku": ["<pad>", "."] + [str(d) for d in range(1, 10)],
    "maze": maze.VOCAB,
    "sequence": sequence_rns.vocab(),
    "arc": arc.VOCAB,
}
DESCRIPTIONS = {
    "sudoku": "9x9 Sudoku; tokens: 0 pad, 1 blank, d+1 for digit d (official TRM builder)",
    "maze": "shortest path in a grid maze on a square canvas (top-left, pad 0); tokens: 0 pad, 1 #, 2 open, 3 S, "
            "4 G, 5 o (official TRM builder)",
    "sequence": "next terms of an integer sequence: 15 slots x 9 tokens (the term's residues mod 5, 7, 8, 9, 11, 13, "
                "17, 19, 23), given terms right-aligned in slots 0-11, answers in 12-14 (trm/sequence_rns.py)",
    "arc": "ARC-AGI grids on the official 30x30 canvas (top-left; 0 pad, 1 end marker, color c -> c+2); one "
           "puzzle embedding per task and augmentation, added to every position (trm/arc.py)",
}
SEQUENCE_DIFFS_DESCRIPTION = (
    "next terms of an integer sequence: 3 levels (the terms, their first and second differences) x 15 slots x 9 "
    "tokens (residues mod 5, 7, 8, 9, 11, 13, 17, 19, 23), given terms right-aligned in slots 0-11, answers in "
    "12-14, read from level 0 (trm/sequence_diffs.py)")


def vocab_and_description(head: str, cfg: TrmConfig) -> tuple[list[str], str]:
    """A sequence model trained with --diff-levels reads the layout of trm/sequence_diffs.py."""
    if head == "sequence" and cfg.vocab_size == sequence_diffs.VOCAB_SIZE:
        return sequence_diffs.vocab(), SEQUENCE_DIFFS_DESCRIPTION
    return VOCABS[head], DESCRIPTIONS[head]


def arc_puzzles(trm: TRM, run_dir: Path) -> dict:
    """The run's identifiers (index = puzzle id) plus <mean>, the mean of the trained rows (the
    unknown-task fallback), appended to the table; every name inline in the manifest, since the
    Java head finds a task's puzzles there."""
    names = json.loads((run_dir / "identifiers.json").read_text())
    if len(names) != trm.cfg.num_puzzle_ids:
        raise SystemExit(f"{run_dir}/identifiers.json has {len(names)} names, the table {trm.cfg.num_puzzle_ids} rows")
    with torch.no_grad():
        table = trm.puzzle_emb.detach()
        trm.puzzle_emb = torch.nn.Parameter(torch.cat([table, table[1:].mean(0, keepdim=True)]))
    trm.cfg.num_puzzle_ids += 1
    names = names + [arc.MEAN]
    return {"identifiers": names, "puzzle_ids": {n: i for i, n in enumerate(names)}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", required=True)
    ap.add_argument("--head", required=True, choices=sorted(VOCABS))
    ap.add_argument("--name", required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--max-steps", type=int, default=None,
                    help="the runtime's default step limit (default: the trained number of supervision steps)")
    ap.add_argument("--halting", default="fixed", choices=["fixed", "act", "converged"],
                    help="the runtime's default halting policy")
    ap.add_argument("--patience", type=int, default=2, help="steps without change for 'converged'")
    ap.add_argument("--command", default="", help="the exact training command, recorded in the manifest")
    ap.add_argument("--canvas", type=int, default=None,
                    help="conv models of a square-grid head: export for this canvas side instead of the trained "
                         "one (the weights do not depend on the grid size)")
    a = ap.parse_args()
    run_dir = HERE / "runs" / a.run
    ck = torch.load(run_dir / "ckpt.pt", map_location="cpu", weights_only=False)
    cfg = TrmConfig(**ck["model_cfg"])
    trained_canvas = None
    if a.canvas:
        if cfg.variant != "conv" or cfg.grid_width * cfg.grid_width != cfg.seq_len:
            ap.error("--canvas applies to conv models trained on a square canvas only")
        trained_canvas = cfg.grid_width
        cfg = TrmConfig(**{**ck["model_cfg"], "seq_len": a.canvas * a.canvas, "grid_width": a.canvas})
    trm = TRM(cfg)
    trm.load_state_dict(ck["ema"])
    puzzles = {}
    if a.head == "arc":
        puzzles = arc_puzzles(trm, run_dir)
    evals = [json.loads(l) for l in (run_dir / "metrics.jsonl").read_text().splitlines() if '"eval"' in l]
    curve_keys = dict.fromkeys((f"exact@{cfg.max_steps}", "exact@16", "cell_acc@16"))
    provenance = {
        "run": a.run, "training_command": a.command, "seed": ck["train_cfg"]["seed"],
        "train_config": ck["train_cfg"], "optimizer_steps": ck["step"], "train_samples": ck["samples"],
        "train_wall_minutes": round(ck["elapsed"] / 60, 1), "weights": "EMA",
        "trained_max_steps": cfg.max_steps,
        **({"trained_canvas": trained_canvas} if trained_canvas else {}),
        "heldout_eval": evals[-1]["eval"] if evals else None,
        # exact at the trained depth too: a model trained with fewer steps is read after those.
        "learning_curve": [{"minutes": e["elapsed_min"], **{k: e["eval"][k] for k in curve_keys if k in e["eval"]}}
                           for e in evals],
    }
    vocab, description = vocab_and_description(a.head, cfg)
    m = export_model_dir(trm, a.out, name=a.name, head=a.head, vocab=vocab, description=description,
                         provenance=provenance,
                         halting={"policy": a.halting, "converge_patience": a.patience},
                         extra={"max_steps": a.max_steps} if a.max_steps else None, **puzzles)
    print(json.dumps({"out": str(a.out), "params": m["arch"]["params"],
                      "cell_bytes": (a.out / "cell.onnx").stat().st_size}))


if __name__ == "__main__":
    main()
