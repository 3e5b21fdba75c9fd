#!/usr/bin/env python3
"""An int8 variant of a trm4j model: ONNX Runtime's dynamic quantization of the cell's MatMul
weights (per-tensor int8 weights, activations quantized per call), written as a complete model
directory beside the original so `trm eval --model OUT` and `trm bench --model OUT` use it as is.

    PYTHONPATH=/tmp/ortpy python3 export-scripts/quantize_int8.py \
        --model models/src/main/resources/trm4j/models/sudoku --out /tmp/sudoku-int8

Needs onnxruntime's quantization tools (PyPI onnxruntime with a newer onnx than the exporter's
Debian onnx 1.12; pinned in requirements-quant.txt, installed apart: pip install --target DIR).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path


def share_weights(src: Path, dst: Path) -> int:
    """torch's exporter feeds a weight used by many MatMuls through one Identity node per use;
    the quantizer would then store one int8 copy per use (the file grows past the fp32 one).
    Point every consumer at the initializer itself and drop those Identity nodes."""
    import onnx
    model = onnx.load(str(src))
    graph = model.graph
    inits = {t.name for t in graph.initializer}
    alias = {n.output[0]: n.input[0] for n in graph.node if n.op_type == "Identity" and n.input[0] in inits}
    outputs = {o.name for o in graph.output}
    alias = {k: v for k, v in alias.items() if k not in outputs}
    keep = [n for n in graph.node if not (n.op_type == "Identity" and n.output[0] in alias)]
    for n in keep:
        for i, name in enumerate(n.input):
            if name in alias:
                n.input[i] = alias[name]
    del graph.node[:]
    graph.node.extend(keep)
    onnx.save(model, str(dst))
    return len(alias)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, required=True, help="trm4j model directory")
    ap.add_argument("--out", type=Path, required=True, help="new model directory for the int8 variant")
    ap.add_argument("--per-channel", action="store_true", help="per-channel weight scales")
    ap.add_argument("--exclude", default=None, help="regex: MatMul nodes whose name matches stay fp32 "
                                                    "(e.g. 'mlp_t|lm_head')")
    a = ap.parse_args(argv)
    try:
        import onnxruntime
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as e:
        raise SystemExit(f"onnxruntime quantization is not importable ({e}): "
                         "pip install --target DIR -r export-scripts/requirements-quant.txt, then PYTHONPATH=DIR")
    manifest = json.loads((a.model / "manifest.json").read_text())
    a.out.mkdir(parents=True, exist_ok=True)
    cell = manifest.get("cell", "cell.onnx")
    shared = a.out / "cell.shared.onnx"
    aliases = share_weights(a.model / cell, shared)
    excluded = []
    if a.exclude:
        import re
        import onnx
        excluded = [n.name for n in onnx.load(str(shared)).graph.node
                    if n.op_type == "MatMul" and re.search(a.exclude, n.name)]
    quantize_dynamic(str(shared), str(a.out / "cell.onnx"), op_types_to_quantize=["MatMul"],
                     weight_type=QuantType.QInt8, per_channel=a.per_channel, nodes_to_exclude=excluded)
    shared.unlink()
    shutil.copyfile(a.model / manifest.get("init", "init.bin"), a.out / "init.bin")
    manifest["name"] = f"{manifest['name']}-int8"
    manifest["cell"] = "cell.onnx"
    manifest["description"] = manifest.get("description", "") + " (int8 dynamic quantization of MatMul weights)"
    manifest.setdefault("provenance", {})["quantization"] = {
        "method": "onnxruntime.quantization.quantize_dynamic", "op_types": ["MatMul"], "weight_type": "QInt8",
        "per_channel": a.per_channel, "excluded": a.exclude, "excluded_nodes": len(excluded),
        "onnxruntime": onnxruntime.__version__, "from": str(a.model)}
    if "cell_sha256" in manifest:  # a new cell: the fp32 cell's digest would refuse it
        manifest["cell_sha256"] = hashlib.sha256((a.out / "cell.onnx").read_bytes()).hexdigest()
    (a.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    if (a.model / "CARD.md").exists():
        shutil.copyfile(a.model / "CARD.md", a.out / "CARD.md")
    sizes = {"fp32_bytes": (a.model / cell).stat().st_size, "int8_bytes": (a.out / "cell.onnx").stat().st_size}
    print(json.dumps({"out": str(a.out), **sizes}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
