"""Export one supervision step of a TRM (the cell) to a trm4j model directory.

A model directory holds cell.onnx (opset 17, dynamic batch), init.bin (y_init then z_init, D
float32 little-endian each), manifest.json (drives the Java loop and head) and CARD.md.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import onnx
import torch

from .model import TRM, CellWrapper

FORMAT_VERSION = 1
OPSET = 17


def git_commit() -> str:
    try:
        return subprocess.check_output(["git", "rev-parse", "--short", "HEAD"], cwd=Path(__file__).parent,
                                       stderr=subprocess.DEVNULL, text=True).strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def export_cell(trm: TRM, path: Path) -> None:
    cfg = trm.cfg
    trm = trm.eval()
    b = 2
    tokens = torch.zeros(b, cfg.seq_len, dtype=torch.long)
    y, z = trm.initial_state(b)
    pids = torch.zeros(b, dtype=torch.long)
    with torch.no_grad():
        torch.onnx.export(
            CellWrapper(trm), (tokens, y, z, pids), str(path),
            input_names=["tokens", "y", "z", "puzzle_ids"],
            output_names=["y_out", "z_out", "logits", "q_halt"],
            dynamic_axes={n: {0: "batch"} for n in ["tokens", "y", "z", "puzzle_ids", "y_out", "z_out", "logits", "q_halt"]},
            opset_version=OPSET, do_constant_folding=True)
    model = onnx.load(str(path))
    onnx.checker.check_model(model)


def write_init(trm: TRM, path: Path) -> None:
    init = torch.cat([trm.H_init, trm.L_init]).detach().cpu().numpy().astype("<f4")
    path.write_bytes(init.tobytes())


def manifest(trm: TRM, name: str, head: str, vocab: list[str], description: str,
             provenance: dict, halting: dict | None = None, variants: dict | None = None,
             puzzle_ids: dict | None = None, extra: dict | None = None) -> dict:
    cfg = trm.cfg
    if len(vocab) != cfg.vocab_size:
        raise ValueError(f"vocab has {len(vocab)} entries, model vocab_size is {cfg.vocab_size}")
    m = {
        "format_version": FORMAT_VERSION,
        "name": name,
        "head": head,
        "description": description,
        "arch": {
            "variant": cfg.variant, "hidden_size": cfg.hidden_size, "num_heads": cfg.num_heads,
            "expansion": cfg.expansion, "num_layers": cfg.num_layers, "L_cycles": cfg.L_cycles,
            "H_cycles": cfg.H_cycles, "puzzle_emb_len": cfg.puzzle_emb_len,
            "num_puzzle_ids": cfg.num_puzzle_ids, "rope_theta": cfg.rope_theta, "params": trm.num_params(),
        },
        "seq_len": cfg.seq_len, "state_len": cfg.state_len, "hidden_size": cfg.hidden_size,
        "vocab_size": cfg.vocab_size, "vocab": vocab,
        "max_steps": cfg.max_steps,
        "halting": halting or {"policy": "fixed", "converge_patience": 2},
        "cell": "cell.onnx",
        "init": "init.bin",
        "variants": variants or {},
        "puzzle_ids": puzzle_ids or {},
        "provenance": {"exporter_commit": git_commit(), "torch": torch.__version__, "opset": OPSET, **provenance},
    }
    if extra:
        m.update(extra)
    return m


def export_model_dir(trm: TRM, out_dir: Path, name: str, head: str, vocab: list[str], description: str,
                     provenance: dict, card: str | None = None, **kw) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    export_cell(trm, out_dir / "cell.onnx")
    write_init(trm, out_dir / "init.bin")
    m = manifest(trm, name, head, vocab, description, provenance, **kw)
    (out_dir / "manifest.json").write_text(json.dumps(m, indent=2) + "\n")
    if card is not None:
        (out_dir / "CARD.md").write_text(card)
    return m


def weight_bytes(trm: TRM) -> int:
    return sum(p.numel() * p.element_size() for p in trm.parameters()) + \
        sum(b.numel() * b.element_size() for b in trm.buffers())
