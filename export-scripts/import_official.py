#!/usr/bin/env python3
"""Import a checkpoint of the official TRM code (SamsungSAILMontreal/TinyRecursiveModels) into a
trm4j model directory that `trm solve --model DIR` runs.

    python3 export-scripts/import_official.py checkpoints/RUN/step_N \\
        --arch-config checkpoints/RUN/all_config.yaml --out models/sudoku-official

The architecture comes from the run's all_config.yaml, a bare arch yaml, and/or the overrides
of the training command (KEY=VALUE after the checkpoint, e.g. arch.mlp_t=True
arch.pos_encodings=none arch.L_cycles=6); without a file the defaults are config/arch/trm.yaml.
The task (head, tokens, sequence length) is taken from the run's data_paths or --task; an
official dataset directory (--dataset, as built by dataset/build_*_dataset.py) supplies
seq_len, vocab size, the number of puzzle ids and identifiers.json, and is cross-checked.

A puzzle-embedding table over --table-limit-mb (ARC: ~1M ids x 512 = 2 GB) is written next to
the cell as raw float32 (puzzle_emb.f32, format_version 2) instead of into the graph; its
identifiers.json (index = puzzle id) is required then and copied alongside.

The halting score is read as the official code reads it, q_head(z_H[:, 0]), also for checkpoints
without a puzzle prefix (arch.puzzle_emb_len=0); the manifest records it (arch.halt_readout
"first"). The official evaluation runs in bf16 (forward_dtype: bfloat16); the imported cell runs
the same math in fp32, so logits differ from an official run by rounding (see docs/OFFICIAL.md).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from trm.export import export_model_dir, weight_bytes  # noqa: E402
from trm.official import ImportFailure, build_trm, check_arch, infer_shapes, load_arch, load_state, puzzle_emb_len  # noqa: E402

DIGITS = [str(d) for d in range(10)]
TASKS = {  # official dataset builders: head, sequence length, token names
    "sudoku": {"head": "sudoku", "seq_len": 81, "vocab": ["<pad>", "."] + DIGITS[1:],
               "what": "9x9 Sudoku; tokens: 0 pad, 1 blank, d+1 for digit d (official TRM builder)"},
    "maze": {"head": "maze", "seq_len": 900, "vocab": ["<pad>", "#", " ", "S", "G", "o"],
             "what": "30x30 maze; tokens: 0 pad, then '#', ' ', 'S', 'G', 'o' (official builder)"},
    "arc": {"head": "tokens", "seq_len": 900, "vocab": ["<pad>", "<eos>"] + DIGITS,
            "what": "ARC 30x30 grids; tokens: 0 pad, 1 <eos>, colour c as c+2 (official builder)"},
    "tokens": {"head": "tokens", "seq_len": None, "vocab": None, "what": "token sequences"},
}
DEFAULT_TABLE_LIMIT_MB = 256


def fail(msg: str) -> None:
    raise ImportFailure(msg)


def guess_task(run: dict, dataset: Path | None = None) -> str:
    paths = run.get("data_paths") or ([dataset] if dataset else [])
    name = Path(str(paths[0])).name.lower() if paths else ""
    for task in ("sudoku", "maze", "arc"):
        if task in name:
            return task
    return "tokens"


def read_dataset(d: Path) -> dict:
    for p in (d / "test" / "dataset.json", d / "train" / "dataset.json", d / "dataset.json"):
        if p.is_file():
            meta = json.loads(p.read_text())
            meta["_path"] = str(p)
            return meta
    fail(f"{d}: no test/dataset.json or train/dataset.json (an official dataset directory)")


def resolve_seq_len(a, task: dict, meta: dict | None, shapes: dict, arch: dict) -> int:
    """Every source that knows the sequence length must agree; attention weights do not know it."""
    sources = []
    if a.seq_len:
        sources.append(("--seq-len", a.seq_len))
    if meta and "seq_len" in meta:
        sources.append((meta["_path"] + " seq_len", int(meta["seq_len"])))
    if "state_len" in shapes:
        sources.append(("key 'L_level.layers.0.mlp_t.gate_up_proj.weight' (state length "
                        f"{shapes['state_len']} - puzzle_emb_len {puzzle_emb_len(arch)})",
                        shapes["state_len"] - puzzle_emb_len(arch)))
    if task["seq_len"] and not a.seq_len:   # the builder's default; an explicit --seq-len wins
        sources.append((f"task '{a.task}'", task["seq_len"]))
    if not sources:
        fail("sequence length unknown: attention checkpoints do not store it; pass --seq-len N, "
             "--dataset DIR or --task sudoku|maze|arc")
    for what, n in sources[1:]:
        if n != sources[0][1]:
            fail(f"sequence length: {sources[0][0]} says {sources[0][1]}, {what} says {n}")
    if sources[0][1] < 1:
        fail(f"sequence length {sources[0][1]} from {sources[0][0]} is not positive")
    return sources[0][1]


def load_identifiers(a, meta_dir: Path | None, n_ids: int) -> list | None:
    path = a.identifiers or (meta_dir / "identifiers.json" if meta_dir and (meta_dir / "identifiers.json").is_file()
                             else None)
    if path is None:
        if n_ids > 1 and not a.no_identifiers:
            fail(f"key 'puzzle_emb.weights' has {n_ids} puzzle ids: pass the dataset's identifiers.json "
                 f"(--identifiers FILE or --dataset DIR) so ids keep their meaning, or --no-identifiers")
        return None
    ids = json.loads(Path(path).read_text())
    if not isinstance(ids, list):
        fail(f"{path}: expected a JSON list (index = puzzle id), as the official builders write it")
    if len(ids) != n_ids:
        fail(f"{path} names {len(ids)} puzzle ids, key 'puzzle_emb.weights' has {n_ids} rows: "
             f"the identifiers do not belong to this checkpoint")
    return ids


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 24), b""):
            h.update(chunk)
    return h.hexdigest()


def card(name: str, ckpt: Path, variant: str, cfg, params: int, task: str, arch: dict, run: dict) -> str:
    return (f"# {name}\n\nImported from an official TinyRecursiveModels checkpoint (`{ckpt.name}`) by "
            f"`export-scripts/import_official.py`: {variant}, D {cfg.hidden_size}, {params:,} parameters, "
            f"n {cfg.L_cycles}, T {cfg.H_cycles}, {cfg.max_steps} supervision steps, task `{task}`.\n\n"
            f"Training data: {run.get('data_paths', 'not recorded')}; EMA weights: {run.get('ema', 'not recorded')}.\n"
            f"trm4j has not measured this model's accuracy: the figures of the run that produced it are the "
            f"trainer's. The arch config used for the import is in manifest.json (provenance.arch_config).\n\n"
            f"The official evaluation runs in bf16; this cell runs the same math in fp32, so its logits differ "
            f"from an official run by bf16 rounding and a near-tie argmax may differ.\n")


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint", type=Path, help="the official step_N file")
    ap.add_argument("overrides", nargs="*", help="KEY=VALUE arch overrides, hydra style (arch.mlp_t=True)")
    ap.add_argument("--arch-config", type=Path, help="the run's all_config.yaml or an arch yaml")
    ap.add_argument("--out", type=Path, required=True, help="model directory to write")
    ap.add_argument("--name", help="model name (default: the --out folder name)")
    ap.add_argument("--task", choices=sorted(TASKS), help="default: from the run's data_paths, else tokens")
    ap.add_argument("--seq-len", type=int, help="tokens per puzzle (attention checkpoints do not store it)")
    ap.add_argument("--dataset", type=Path, help="official dataset directory: seq_len, vocab, identifiers")
    ap.add_argument("--identifiers", type=Path, help="the dataset's identifiers.json")
    ap.add_argument("--no-identifiers", action="store_true", help="import a multi-id table without its names")
    ap.add_argument("--puzzle-table", choices=["auto", "graph", "file"], default="auto",
                    help="puzzle embeddings in the graph or in puzzle_emb.f32 (auto: file over --table-limit-mb)")
    ap.add_argument("--table-limit-mb", type=float, default=DEFAULT_TABLE_LIMIT_MB)
    ap.add_argument("--halting", default="fixed", choices=["fixed", "act", "converged"],
                    help="the runtime's default halting (the official evaluation runs every step: fixed)")
    ap.add_argument("--patience", type=int, default=2, help="steps without change for 'converged'")
    ap.add_argument("--unsafe-pickle", action="store_true", help="allow a checkpoint that is not a plain state dict")
    a = ap.parse_intermixed_args(argv)

    arch, run = load_arch(a.arch_config, a.overrides)
    check_arch(arch)
    a.task = a.task or guess_task(run, a.dataset)
    task = TASKS[a.task]
    state = load_state(a.checkpoint, allow_pickle=a.unsafe_pickle)
    shapes = infer_shapes(state, arch)
    meta = read_dataset(a.dataset) if a.dataset else None
    if meta:
        for key, ours, src in (("vocab_size", shapes["vocab_size"], "embed_tokens.embedding_weight"),
                               ("num_puzzle_identifiers", shapes["num_puzzle_ids"], "puzzle_emb.weights")):
            if key in meta and int(meta[key]) != ours and (key == "vocab_size" or puzzle_emb_len(arch)):
                fail(f"{meta['_path']}: {key} {meta[key]}, but key '{src}' has {ours} rows")
    if task["vocab"] and len(task["vocab"]) != shapes["vocab_size"]:
        fail(f"task '{a.task}' has {len(task['vocab'])} tokens, key 'embed_tokens.embedding_weight' has "
             f"{shapes['vocab_size']} rows (pick the right --task)")
    seq_len = resolve_seq_len(a, task, meta, shapes, arch)
    trm, dtypes = build_trm(state, arch, seq_len)
    del state
    cfg = trm.cfg
    identifiers = load_identifiers(a, a.dataset, cfg.num_puzzle_ids) if cfg.puzzle_emb_len else None
    table_bytes = cfg.num_puzzle_ids * cfg.hidden_size * 4 if cfg.puzzle_emb_len else 0
    external = a.puzzle_table == "file" or (a.puzzle_table == "auto" and table_bytes > a.table_limit_mb * 2**20)
    if external and not cfg.puzzle_emb_len:
        fail("--puzzle-table file: this checkpoint has no puzzle embedding (arch.puzzle_emb_ndim 0)")
    if external and identifiers is None and not a.no_identifiers:
        fail("an external puzzle table needs its identifiers.json (--identifiers FILE or --dataset DIR)")

    name = a.name or a.out.resolve().name
    vocab = task["vocab"] or ["<pad>"] + [f"t{i}" for i in range(1, cfg.vocab_size)]
    params = trm.num_params()
    provenance = {
        "source": "official TinyRecursiveModels checkpoint", "script": "export-scripts/import_official.py",
        "checkpoint": a.checkpoint.name, "checkpoint_sha256": sha256(a.checkpoint),
        "checkpoint_dtypes": dtypes, "arch_config": arch, "task": a.task,
        "data_paths": run.get("data_paths"), "ema": run.get("ema"), "trained": True,
        "dataset": meta["_path"] if meta else None,
    }
    m = export_model_dir(trm, a.out, name=name, head=task["head"], vocab=vocab,
                         description=f"{task['what']}; imported official TRM ({cfg.variant}, D {cfg.hidden_size})",
                         provenance=provenance, halting={"policy": a.halting, "converge_patience": a.patience},
                         card=card(name, a.checkpoint, cfg.variant, cfg, params, a.task, arch, run),
                         external_table=external, identifiers=identifiers)
    cell = (a.out / "cell.onnx").stat().st_size
    summary = {"out": str(a.out), "variant": cfg.variant, "hidden_size": cfg.hidden_size, "seq_len": cfg.seq_len,
               "vocab_size": cfg.vocab_size, "num_puzzle_ids": cfg.num_puzzle_ids, "params": params,
               "weight_bytes": weight_bytes(trm), "cell_onnx_bytes": cell,
               "puzzle_table_bytes": m.get("puzzle_table", {}).get("bytes", 0), "head": task["head"]}
    return summary


if __name__ == "__main__":
    try:
        print(json.dumps(main()))
    except ImportFailure as e:
        print(f"import_official: error: {e}", file=sys.stderr)
        sys.exit(2)
