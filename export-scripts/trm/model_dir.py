"""Rebuild a trainable TRM from an exported trm4j model directory (manifest.json, cell.onnx,
init.bin), e.g. to fine-tune a bundled model whose training checkpoint is not kept.

The cell's weights are ONNX initializers under tracer names (a Linear's weight transposed, as a
MatMul operand); which initializer is which parameter is found by exporting a fresh TRM of the
same configuration and matching its initializers to its own (random, so distinct) parameters.
The rebuilt model exports back to the same initializers and init.bin (tests/test_model_dir.py).
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from .export import export_cell
from .model import TRM, TrmConfig

ARCH_FIELDS = ("variant", "hidden_size", "num_heads", "expansion", "num_layers", "L_cycles", "H_cycles",
               "puzzle_emb_len", "num_puzzle_ids", "pos_encodings", "rope_theta", "halt_readout", "grid_width")


def config_of(manifest: dict, max_steps: int | None = None) -> TrmConfig:
    arch = {k: v for k, v in manifest["arch"].items() if k in ARCH_FIELDS}
    return TrmConfig(vocab_size=manifest["vocab_size"], seq_len=manifest["seq_len"],
                     max_steps=max_steps or manifest["max_steps"], **arch)


def initializers(path: Path) -> dict[str, np.ndarray]:
    return {i.name: numpy_helper.to_array(i) for i in onnx.load(str(path)).graph.initializer}


def _parameter_names(trm: TRM) -> dict[str, tuple[str, bool]]:
    """Initializer name -> (state_dict key, transposed) for a fresh export of `trm`."""
    state = {k: v.detach().numpy() for k, v in trm.state_dict().items()}
    with tempfile.TemporaryDirectory() as d:
        export_cell(trm, Path(d) / "cell.onnx")
        inits = initializers(Path(d) / "cell.onnx")
    out = {}
    for name, value in inits.items():
        hits = [(k, t) for k, v in state.items() for t in ((False, True) if v.ndim == 2 else (False,))
                if (v.T if t else v).shape == value.shape and np.array_equal(v.T if t else v, value)]
        if len(hits) != 1:
            raise ValueError(f"initializer {name} {value.shape} matches {len(hits)} parameters")
        out[name] = hits[0]
    return out


def load_model_dir(model_dir: Path, max_steps: int | None = None, seed: int = 0) -> TRM:
    """The TRM whose cell model_dir holds (max_steps: the training's, default the manifest's)."""
    manifest = json.loads((model_dir / "manifest.json").read_text())
    torch.manual_seed(seed)
    trm = TRM(config_of(manifest, max_steps)).eval()
    names = _parameter_names(trm)
    bundled = initializers(model_dir / manifest["cell"])
    if set(bundled) != set(names):
        raise ValueError(f"{model_dir}: the cell's initializers {sorted(bundled)} are not those of a "
                         f"{trm.cfg.variant} TRM of this configuration {sorted(names)}")
    state = trm.state_dict()
    with torch.no_grad():
        for name, (key, transposed) in names.items():
            v = torch.from_numpy(bundled[name].copy())
            state[key].copy_(v.T if transposed else v)
        init = np.frombuffer((model_dir / manifest["init"]).read_bytes(), dtype="<f4")
        d = trm.cfg.hidden_size
        if init.size != 2 * d:
            raise ValueError(f"{model_dir}: init.bin holds {init.size} floats, expected {2 * d}")
        trm.H_init.copy_(torch.from_numpy(init[:d].copy()))
        trm.L_init.copy_(torch.from_numpy(init[d:].copy()))
    return trm
