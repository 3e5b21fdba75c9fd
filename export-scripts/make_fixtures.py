#!/usr/bin/env python3
"""Regenerate the parity fixtures of the Java tests with one command:

    python3 export-scripts/make_fixtures.py

For each variant a tiny random-weight TRM (hidden 32, L 16, S 32) is exported into
core/src/test/resources/fixtures/tiny-<variant>/ with golden.json: PyTorch's logits and q_halt at
every one of 16 supervision steps for a fixed batch, plus a summary of the final y/z."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).parent))
from trm.model import TRM, TrmConfig  # noqa: E402
from trm.export import export_model_dir  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "core" / "src" / "test" / "resources" / "fixtures"
STEPS, BATCH, SEQ, VOCAB = 16, 3, 16, 8
MLPT_BLOCK_SCALE = 0.3
NAMES = {"attention": "tiny-attn", "mlp_t": "tiny-mlpt"}


def summary(t: torch.Tensor) -> dict:
    return {"sum": float(t.double().sum()), "abs_sum": float(t.double().abs().sum()),
            "first": [float(v) for v in t[0, 0, :8]]}


def make(variant: str, seed: int) -> None:
    torch.manual_seed(seed)
    cfg = TrmConfig(vocab_size=VOCAB, seq_len=SEQ, hidden_size=32, num_heads=2, expansion=4.0,
                    L_cycles=2, H_cycles=2, max_steps=STEPS, puzzle_emb_len=16, num_puzzle_ids=3,
                    variant=variant)
    trm = TRM(cfg).eval()
    with torch.no_grad():  # random (non-zero) puzzle embeddings and q head so parity covers them
        trm.puzzle_emb.normal_(0, 0.5)
        trm.q_head.weight.normal_(0, 0.2)
        trm.q_head.bias.fill_(0.1)
        # At init scale a random mlp_t cell is chaotic: a 1e-6 change of the state grows ~3.5x per
        # step (to ~3 by step 16), so any two runtimes part ways whatever their accuracy. Scaled
        # by 0.3 its recurrence is stable, and the 1e-4 bound tests the runtime, not the chaos.
        if variant == "mlp_t":
            for p in trm.L_level.parameters():
                p.mul_(MLPT_BLOCK_SCALE)
    out_dir = OUT / NAMES[variant]
    vocab = ["<pad>"] + [f"t{i}" for i in range(1, VOCAB)]
    export_model_dir(trm, out_dir, name=NAMES[variant], head="tokens", vocab=vocab,
                     description=f"Random-weight {variant} TRM cell for parity tests (not trained)",
                     provenance={"seed": seed, "script": "export-scripts/make_fixtures.py", "trained": False})
    g = torch.Generator().manual_seed(seed + 1)
    tokens = torch.randint(1, VOCAB, (BATCH, SEQ), generator=g)
    pids = torch.tensor([0, 1, 2])
    y, z = trm.initial_state(BATCH)
    logits_all, q_all = [], []
    with torch.no_grad():
        for _ in range(STEPS):
            y, z, logits, q_halt, _ = trm.step(tokens, y, z, pids, grad_last_cycle_only=False)
            logits_all.append([float(v) for v in logits.reshape(-1)])
            q_all.append([float(v) for v in q_halt])
    golden = {"batch": BATCH, "steps": STEPS, "seq_len": SEQ, "vocab_size": VOCAB,
              "state_len": cfg.state_len, "hidden_size": cfg.hidden_size,
              "tokens": tokens.tolist(), "puzzle_ids": pids.tolist(),
              "logits": logits_all, "q_halt": q_all, "y_final": summary(y), "z_final": summary(z)}
    (out_dir / "golden.json").write_text(json.dumps(golden) + "\n")
    size = (out_dir / "cell.onnx").stat().st_size
    print(f"{out_dir}: cell.onnx {size} bytes, params {trm.num_params()}")


if __name__ == "__main__":
    torch.set_num_threads(1)
    make("attention", 1234)
    make("mlp_t", 4321)
