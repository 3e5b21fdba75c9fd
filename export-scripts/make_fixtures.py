#!/usr/bin/env python3
"""Regenerate the parity fixtures of the Java tests with one command:

    python3 export-scripts/make_fixtures.py

For each variant a tiny random-weight TRM (hidden 32, L 16, S 32) is exported into
core/src/test/resources/fixtures/tiny-<variant>/ with golden.json: PyTorch's logits and q_halt at
every one of 16 supervision steps for a fixed batch, plus a summary of the final y/z.

tiny-official-<variant> go through the official checkpoint format first: the random model is
saved as the official trainer would (`_orig_mod.model.inner.` keys, bf16 H_init/L_init) and
imported with import_official.py, so the Java parity test covers the importer too.

    python3 export-scripts/make_fixtures.py --paper DIR [BLOCK_SCALE]

writes paper-size (D 512, n 6, T 3, Sudoku L 81) imported models with goldens into DIR/paper-attn
and DIR/paper-mlpt, for a by-hand Java parity run (too large to commit; see ParityTest). Their
block weights are scaled by BLOCK_SCALE (default 0.3; 1 = raw init, chaotic at this size)."""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import torch
import yaml

sys.path.insert(0, str(Path(__file__).parent))
from trm.model import TRM, TrmConfig  # noqa: E402
from trm.export import export_model_dir  # noqa: E402
from trm import official  # noqa: E402
import import_official  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "core" / "src" / "test" / "resources" / "fixtures"
STEPS, BATCH, SEQ, VOCAB = 16, 3, 16, 8
MLPT_BLOCK_SCALE = 0.3
NAMES = {"attention": "tiny-attn", "mlp_t": "tiny-mlpt"}
OFFICIAL_NAMES = {"attention": "tiny-official-attn", "mlp_t": "tiny-official-mlpt"}
TABLE_NAME = "tiny-official-table"   # puzzle table outside the graph (format_version 2)


def summary(t: torch.Tensor) -> dict:
    return {"sum": float(t.double().sum()), "abs_sum": float(t.double().abs().sum()),
            "first": [float(v) for v in t[0, 0, :8]]}


def random_trm(variant: str, seed: int, block_scale: float | None = None, **size) -> TRM:
    """block_scale multiplies the blocks' weights (default: MLPT_BLOCK_SCALE for mlp_t, 1 for
    attention, as the tiny fixtures were made)."""
    torch.manual_seed(seed)
    dims = dict(vocab_size=VOCAB, seq_len=SEQ, hidden_size=32, num_heads=2, expansion=4.0,
                L_cycles=2, H_cycles=2, max_steps=STEPS, puzzle_emb_len=16, num_puzzle_ids=3)
    dims.update(size)
    cfg = TrmConfig(variant=variant, **dims)
    trm = TRM(cfg).eval()
    with torch.no_grad():  # random (non-zero) puzzle embeddings and q head so parity covers them
        trm.puzzle_emb.normal_(0, 0.5)
        trm.q_head.weight.normal_(0, 0.2)
        trm.q_head.bias.fill_(0.1)
        # At init scale a random mlp_t cell is chaotic: a 1e-6 change of the state grows ~3.5x per
        # step (to ~3 by step 16), so any two runtimes part ways whatever their accuracy. Scaled
        # by 0.3 its recurrence is stable, and the 1e-4 bound tests the runtime, not the chaos.
        # At paper size (D 512) the random attention cell is chaotic too (PyTorch against itself:
        # 1e-6 on y_init -> 0.6 on the logits by step 16), so make_paper scales both variants.
        scale = block_scale if block_scale is not None else (MLPT_BLOCK_SCALE if variant == "mlp_t" else 1.0)
        if scale != 1.0:
            for p in trm.L_level.parameters():
                p.mul_(scale)
    return trm


def make(variant: str, seed: int) -> None:
    trm = random_trm(variant, seed)
    out_dir = OUT / NAMES[variant]
    vocab = ["<pad>"] + [f"t{i}" for i in range(1, VOCAB)]
    export_model_dir(trm, out_dir, name=NAMES[variant], head="tokens", vocab=vocab,
                     description=f"Random-weight {variant} TRM cell for parity tests (not trained)",
                     provenance={"seed": seed, "script": "export-scripts/make_fixtures.py", "trained": False})
    write_golden(trm, out_dir, seed)


def make_official(variant: str, seed: int, out_dir: Path, block_scale: float | None = None,
                  table: str = "auto", data: str = "data/random", **size) -> dict:
    """A random model saved in the official checkpoint layout, imported with import_official.py
    (table: its --puzzle-table)."""
    trm = official.with_official_init(random_trm(variant, seed, block_scale, **size))
    with tempfile.TemporaryDirectory() as tmp:
        ck, arch = Path(tmp) / "step_1", Path(tmp) / "all_config.yaml"
        torch.save(official.to_official_state_dict(trm), ck)
        arch.write_text(yaml.safe_dump({"arch": official.arch_config(trm.cfg), "data_paths": [data]}))
        names = ["<blank>"] + [f"puzzle{i}" for i in range(1, trm.cfg.num_puzzle_ids)]
        (Path(tmp) / "identifiers.json").write_text(json.dumps(names))
        summary = import_official.main([str(ck), "--arch-config", str(arch), "--out", str(out_dir), "--name",
                                        out_dir.name, "--seq-len", str(trm.cfg.seq_len), "--identifiers",
                                        str(Path(tmp) / "identifiers.json"), "--puzzle-table", table])
    last = trm.cfg.num_puzzle_ids - 1
    write_golden(trm, out_dir, seed, pids=[last, 0, last // 2] if table == "file" else None)
    return summary


def write_golden(trm: TRM, out_dir: Path, seed: int, pids: list | None = None) -> None:
    cfg = trm.cfg
    g = torch.Generator().manual_seed(seed + 1)
    tokens = torch.randint(1, cfg.vocab_size, (BATCH, cfg.seq_len), generator=g)
    pids = torch.tensor(pids) if pids is not None else torch.arange(BATCH) % cfg.num_puzzle_ids
    y, z = trm.initial_state(BATCH)
    logits_all, q_all = [], []
    with torch.no_grad():
        for _ in range(STEPS):
            y, z, logits, q_halt, _ = trm.step(tokens, y, z, pids, grad_last_cycle_only=False)
            logits_all.append([float(v) for v in logits.reshape(-1)])
            q_all.append([float(v) for v in q_halt])
    golden = {"batch": BATCH, "steps": STEPS, "seq_len": cfg.seq_len, "vocab_size": cfg.vocab_size,
              "state_len": cfg.state_len, "hidden_size": cfg.hidden_size,
              "tokens": tokens.tolist(), "puzzle_ids": pids.tolist(),
              "logits": logits_all, "q_halt": q_all, "y_final": summary(y), "z_final": summary(z)}
    (out_dir / "golden.json").write_text(json.dumps(golden) + "\n")
    size = (out_dir / "cell.onnx").stat().st_size
    print(f"{out_dir}: cell.onnx {size} bytes, params {trm.num_params()}")


def make_paper(base: Path, block_scale: float) -> None:
    for variant, name in (("attention", "paper-attn"), ("mlp_t", "paper-mlpt")):
        s = make_official(variant, 99, base / name, block_scale, data="data/sudoku-extreme-1k-aug-1000",
                          hidden_size=512, num_heads=8, seq_len=81, vocab_size=11, L_cycles=6, H_cycles=3,
                          num_puzzle_ids=1)
        print(json.dumps(s))


if __name__ == "__main__":
    torch.set_num_threads(1)
    if len(sys.argv) >= 3 and sys.argv[1] == "--paper":
        make_paper(Path(sys.argv[2]), float(sys.argv[3]) if len(sys.argv) > 3 else MLPT_BLOCK_SCALE)
        sys.exit(0)
    make("attention", 1234)
    make("mlp_t", 4321)
    make_official("attention", 2345, OUT / OFFICIAL_NAMES["attention"])
    make_official("mlp_t", 5432, OUT / OFFICIAL_NAMES["mlp_t"])
    make_official("attention", 3457, OUT / TABLE_NAME, table="file", num_puzzle_ids=50)
