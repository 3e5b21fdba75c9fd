#!/usr/bin/env python3
"""An fp16 variant of a trm4j model for the CUDA provider: the cell's weights and arithmetic in
float16, its inputs and outputs still float32 (a Cast at each end), so the Java loop, its pinned
float32 state buffers and the manifest's contract stay as they are. Written as a complete model
directory beside the original: `trm solve --model OUT --provider cuda` runs it.

    PYTHONPATH=/tmp/ortpy python3 export-scripts/convert_fp16.py \
        --model models/src/main/resources/trm4j/models/sudoku --out /tmp/sudoku-fp16

The recurrent state crosses every step as float32 (y_out/z_out are cast back), so rounding does
not compound through fp16 storage between steps; inside a step it is fp16. On the CPU provider
ONNX Runtime has few fp16 kernels and may refuse or emulate such a graph: measure it on CUDA.
Needs onnxruntime's transformers tools (requirements-quant.txt, installed apart like for
quantize_int8.py).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from trm import variants  # noqa: E402

# Kept in float32: the reductions whose range fp16 holds badly (RMS norm's square, mean and root,
# softmax's sum); the matrix products, where the time goes, run in fp16.
DEFAULT_BLOCK = ["ReduceMean", "Pow", "Sqrt", "Softmax", "ReduceSum"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, required=True, help="trm4j model directory")
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, help="new model directory for the fp16 variant")
    where.add_argument("--variant", action="store_true", help="write the cell into --model as its fp16 variant "
                       "(cell-fp16.onnx beside cell.onnx, named in the manifest's variants) for trm's --precision fp16")
    ap.add_argument("--keep-fp32", default=",".join(DEFAULT_BLOCK),
                    help="comma-separated op types left in float32 (default: %(default)s)")
    a = ap.parse_args(argv)
    return variants.build_into(a, build, "fp16", "fp16")


def build(a) -> int:
    try:
        import onnx
        import onnxruntime
        from onnxruntime.transformers.float16 import convert_float_to_float16
    except ImportError as e:
        raise SystemExit(f"onnxruntime's float16 tools are not importable ({e}): "
                         "pip install --target DIR -r export-scripts/requirements-quant.txt, then PYTHONPATH=DIR")
    manifest = json.loads((a.model / "manifest.json").read_text())
    cell = manifest.get("cell", "cell.onnx")
    blocked = [op for op in a.keep_fp32.split(",") if op]
    model = onnx.load(str(a.model / cell))
    converted = convert_float_to_float16(model, keep_io_types=True, op_block_list=blocked)
    a.out.mkdir(parents=True, exist_ok=True)
    for f in a.model.iterdir():  # init.bin, identifiers, puzzle tables, card: as they are
        if f.is_file() and f.name not in ("manifest.json", cell):
            shutil.copyfile(f, a.out / f.name)
    onnx.save(converted, str(a.out / "cell.onnx"))
    manifest["name"] = f"{manifest['name']}-fp16"
    manifest["cell"] = "cell.onnx"
    manifest["description"] = manifest.get("description", "") + " (fp16 cell for CUDA, float32 inputs/outputs)"
    manifest.setdefault("provenance", {})["fp16"] = {
        "method": "onnxruntime.transformers.float16.convert_float_to_float16", "keep_io_types": True,
        "kept_fp32": blocked, "onnxruntime": onnxruntime.__version__, "from": str(a.model)}
    if "cell_sha256" in manifest:  # a new cell: the fp32 cell's digest would refuse it
        manifest["cell_sha256"] = hashlib.sha256((a.out / "cell.onnx").read_bytes()).hexdigest()
    (a.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    sizes = {"fp32_bytes": (a.model / cell).stat().st_size, "fp16_bytes": (a.out / "cell.onnx").stat().st_size}
    print(json.dumps({"out": str(a.out), **sizes}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
