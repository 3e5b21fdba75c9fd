"""Rebuild a trainable TRM from an exported trm4j model directory (manifest.json, cell.onnx,
init.bin), e.g. to fine-tune a bundled model whose training checkpoint is not kept.

The reading is bench_torch.py's (`config_from_manifest`, `load_weights`): the one place that
maps a cell's initializers to parameters, for both export graphs (SwiGLU as one product or as
two) and that fails on any initializer or parameter left unmapped.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import torch

from bench_torch import config_from_manifest, load_weights
from .model import TRM


def load_model_dir(model_dir: Path, max_steps: int | None = None, seed: int = 0) -> TRM:
    """The TRM whose cell model_dir holds (max_steps: the training's, default the manifest's)."""
    manifest = json.loads((model_dir / "manifest.json").read_text())
    cfg = config_from_manifest(manifest)
    if max_steps:
        cfg = dataclasses.replace(cfg, max_steps=max_steps)
    torch.manual_seed(seed)
    trm = TRM(cfg).eval()
    load_weights(trm, model_dir / manifest.get("cell", "cell.onnx"), model_dir / manifest.get("init", "init.bin"))
    return trm
