#!/usr/bin/env python3
"""Export a model directory's cell again with the current exporter (trm/model.py, trm/export.py),
its weights read back from the cell itself: the same function in a graph ONNX Runtime runs faster
(a SwiGLU as two products, an RMSNorm it fuses). Everything else in the directory is copied; the
manifest gets the new cell's sha256 and a provenance note.

    python3 export-scripts/reexport_cell.py --model models/src/main/resources/trm4j/models/sudoku --out /tmp/sudoku-re

With onnxruntime importable it runs one step of both cells on random rows and refuses a result
that differs by more than --tolerance (max |diff| over y_out, z_out, logits, q_halt).
--old-graph exports the graph before those changes (for an A/B benchmark of the same weights).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
import bench_torch  # noqa: E402
from trm import model as trm_model  # noqa: E402
from trm.export import export_cell, git_commit  # noqa: E402
from trm.model import TRM  # noqa: E402


def one_step_diff(old: Path, new: Path, manifest: dict, batch: int = 4, seed: int = 0) -> float | None:
    """Max |diff| of every output after one step of both cells on the same random rows; None
    without onnxruntime."""
    try:
        import onnxruntime as ort
    except ImportError:
        return None
    rng = np.random.default_rng(seed)
    s, d = manifest["state_len"], manifest["hidden_size"]
    feed = {"tokens": rng.integers(1, manifest["vocab_size"], size=(batch, manifest["seq_len"]), dtype=np.int64),
            "y": rng.standard_normal((batch, s, d), dtype=np.float32),
            "z": rng.standard_normal((batch, s, d), dtype=np.float32)}
    outs = []
    for cell in (old, new):
        sess = ort.InferenceSession(str(cell), providers=["CPUExecutionProvider"])
        f = dict(feed)
        if any(i.name == "puzzle_ids" for i in sess.get_inputs()):
            f["puzzle_ids"] = np.zeros(batch, dtype=np.int64)
        outs.append(sess.run(["y_out", "z_out", "logits", "q_halt"], f))
    return float(max(np.abs(a - b).max() for a, b in zip(*outs)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, required=True, help="trm4j model directory (cell in the graph)")
    ap.add_argument("--out", type=Path, required=True, help="new model directory")
    ap.add_argument("--old-graph", action="store_true", help="export the older graph (one gate_up product, "
                                                             "x * rsqrt norm) for comparison")
    ap.add_argument("--tolerance", type=float, default=1e-4, help="max |diff| of one step (default: %(default)s)")
    a = ap.parse_args(argv)
    if a.out.resolve() == a.model.resolve():
        raise SystemExit("--out must differ from --model")
    manifest = json.loads((a.model / "manifest.json").read_text())
    if "puzzle_table" in manifest:
        raise SystemExit(f"{a.model}: the puzzle table is kept outside the cell; re-export it from its checkpoint")
    cell = a.model / manifest.get("cell", "cell.onnx")
    trm = TRM(bench_torch.config_from_manifest(manifest)).eval()
    bench_torch.load_weights(trm, cell, a.model / manifest.get("init", "init.bin"))
    a.out.mkdir(parents=True, exist_ok=True)
    for f in a.model.iterdir():
        if f.is_file() and f.name not in ("manifest.json", cell.name):
            shutil.copyfile(f, a.out / f.name)
    flags = trm_model.EXPORT_FUSABLE_RMSNORM, trm_model.EXPORT_SWIGLU_TWO_MATMULS
    try:
        if a.old_graph:
            trm_model.EXPORT_FUSABLE_RMSNORM = trm_model.EXPORT_SWIGLU_TWO_MATMULS = False
        export_cell(trm, a.out / "cell.onnx")
    finally:
        trm_model.EXPORT_FUSABLE_RMSNORM, trm_model.EXPORT_SWIGLU_TWO_MATMULS = flags
    diff = one_step_diff(cell, a.out / "cell.onnx", manifest)
    if diff is not None and diff > a.tolerance:
        raise SystemExit(f"the re-exported cell differs from {cell} by {diff:.3g} after one step "
                         f"(more than --tolerance {a.tolerance})")
    manifest["cell"] = "cell.onnx"
    if "cell_sha256" in manifest:
        manifest["cell_sha256"] = hashlib.sha256((a.out / "cell.onnx").read_bytes()).hexdigest()
    manifest.setdefault("provenance", {})["reexported"] = {
        "script": "export-scripts/reexport_cell.py", "exporter_commit": git_commit(), "torch": torch.__version__,
        "graph": "old" if a.old_graph else "current", "one_step_max_abs_diff": diff}
    (a.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(json.dumps({"out": str(a.out), "one_step_max_abs_diff": diff,
                      "bytes": {"before": cell.stat().st_size, "after": (a.out / "cell.onnx").stat().st_size}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
