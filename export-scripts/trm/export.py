"""Export one supervision step of a TRM (the cell) to a trm4j model directory.

A model directory holds cell.onnx (opset 17, dynamic batch), init.bin (y_init then z_init, D
float32 little-endian each), manifest.json (drives the Java loop and head) and CARD.md.

A large puzzle-embedding table (ARC: ~1M ids x 512) can stay outside the graph (the protobuf
limit is 2 GB): the cell then takes `puzzle_emb` float32 [B, D] (the raw rows, before the
sqrt(D) embedding scale) instead of `puzzle_ids`, and the table is PUZZLE_TABLE, raw float32
little-endian [rows, D] row-major, described by the manifest's "puzzle_table" (format_version 2).
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import onnx
import torch
from torch import nn

from .model import GRID_VARIANTS, TRM, CellWrapper

FORMAT_VERSION = 1
FORMAT_VERSION_EXTERNAL_TABLE = 2   # adds "puzzle_table" and the cell input `puzzle_emb`
OPSET = 17
PUZZLE_TABLE = "puzzle_emb.f32"
IDENTIFIERS = "identifiers.json"
MAX_INLINE_IDS = 1024               # name -> id pairs written into the manifest's "puzzle_ids"


def git_commit() -> str:
    try:
        return subprocess.check_output(["git", "rev-parse", "--short", "HEAD"], cwd=Path(__file__).parent,
                                       stderr=subprocess.DEVNULL, text=True).strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def export_cell(trm: TRM, path: Path, external_puzzle_emb: bool = False) -> None:
    """external_puzzle_emb: the 4th input is `puzzle_emb` float [B, D] (rows looked up on the
    host) and the table is left out of the graph."""
    cfg = trm.cfg
    trm = trm.eval()
    b = 2
    tokens = torch.zeros(b, cfg.seq_len, dtype=torch.long)
    y, z = trm.initial_state(b)
    if external_puzzle_emb:
        fourth, fourth_name = torch.zeros(b, cfg.hidden_size), "puzzle_emb"
    else:
        fourth, fourth_name = torch.zeros(b, dtype=torch.long), "puzzle_ids"
    names = ["tokens", "y", "z", fourth_name, "y_out", "z_out", "logits", "q_halt"]
    table = trm.puzzle_emb
    try:
        if external_puzzle_emb:  # keep a multi-GB table away from the tracer and the protobuf
            trm.puzzle_emb = nn.Parameter(torch.zeros(1, cfg.hidden_size))
        with torch.no_grad():
            torch.onnx.export(
                CellWrapper(trm), (tokens, y, z, fourth), str(path),
                input_names=names[:4], output_names=names[4:],
                dynamic_axes={n: {0: "batch"} for n in names},
                opset_version=OPSET, do_constant_folding=True)
    finally:
        trm.puzzle_emb = table
    model = onnx.load(str(path))
    onnx.checker.check_model(model)


def write_puzzle_table(trm: TRM, path: Path) -> dict:
    """The table as raw float32 little-endian [rows, D]; returns the manifest's "puzzle_table"."""
    table = trm.puzzle_emb.detach().cpu().contiguous().float().numpy()
    with open(path, "wb") as f:
        table.astype("<f4", copy=False).tofile(f)
    rows, dim = table.shape
    return {"file": path.name, "rows": int(rows), "dim": int(dim), "dtype": "float32", "byte_order": "little",
            "input": "puzzle_emb", "bytes": int(rows) * int(dim) * 4}


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_identifiers(identifiers: list, path: Path) -> str:
    """The official dataset's identifiers.json (a list: index = puzzle id); returns its sha256."""
    data = json.dumps(identifiers).encode()
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


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
            "num_puzzle_ids": cfg.num_puzzle_ids, "pos_encodings": cfg.pos_encodings,
            "rope_theta": cfg.rope_theta, "halt_readout": cfg.halt_readout, "params": trm.num_params(),
            **({"grid_width": cfg.grid_width} if cfg.variant in GRID_VARIANTS else {}),
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
                     provenance: dict, card: str | None = None, external_table: bool = False,
                     identifiers: list | None = None, **kw) -> dict:
    """external_table: write the puzzle-embedding table next to the cell (see the module doc).
    identifiers: the official identifiers.json list (index = puzzle id), written alongside;
    small ones also go into the manifest's "puzzle_ids" (name -> id)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    export_cell(trm, out_dir / "cell.onnx", external_puzzle_emb=external_table)
    write_init(trm, out_dir / "init.bin")
    extra = dict(kw.pop("extra", None) or {})
    if external_table:
        extra["format_version"] = FORMAT_VERSION_EXTERNAL_TABLE
        extra["puzzle_table"] = write_puzzle_table(trm, out_dir / PUZZLE_TABLE)
    if identifiers is not None:
        if len(identifiers) != trm.cfg.num_puzzle_ids:
            raise ValueError(f"identifiers list has {len(identifiers)} names, the puzzle-embedding table "
                             f"has {trm.cfg.num_puzzle_ids} rows")
        extra["identifiers"] = IDENTIFIERS
        extra["identifiers_sha256"] = write_identifiers(identifiers, out_dir / IDENTIFIERS)
        if len(identifiers) <= MAX_INLINE_IDS and "puzzle_ids" not in kw:
            ids: dict = {}
            for i, n in enumerate(identifiers):
                ids.setdefault(str(n), i)
            kw["puzzle_ids"] = ids
    extra["cell_sha256"] = file_sha256(out_dir / "cell.onnx")  # the loader refuses a cell with other bytes
    m = manifest(trm, name, head, vocab, description, provenance, extra=extra, **kw)
    (out_dir / "manifest.json").write_text(json.dumps(m, indent=2) + "\n")
    if card is not None:
        (out_dir / "CARD.md").write_text(card)
    return m


def weight_bytes(trm: TRM) -> int:
    return sum(p.numel() * p.element_size() for p in trm.parameters()) + \
        sum(b.numel() * b.element_size() for b in trm.buffers())
