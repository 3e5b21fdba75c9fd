#!/usr/bin/env python3
"""An int8 variant of a trm4j model, written as a complete model directory beside the original so
`trm eval --model OUT` and `trm bench --model OUT` use it as is.

    python3 export-scripts/quantize_int8.py --model DIR --out DIR-int8                    # dynamic
    python3 export-scripts/quantize_int8.py --model DIR --out DIR-int8s --method static \\
        --calibration shared/data/sudoku/sudoku_eval_mix.csv --per-channel

dynamic: ONNX Runtime's quantize_dynamic of the MatMul weights (int8 weights, activations
quantized per call from their own range). static: QDQ with int8 weights (per channel with
--per-channel) and uint8 activations whose ranges are calibrated on real intermediate states: the
fp32 cell is run from the initial state over --calibration-steps supervision steps on rows of a
CSV's `question` column (one vocab token per character, as the Sudoku and maze files are), and
the inputs of every one of those steps, not only the first, feed the calibration, since a TRM's
state drifts far from its initial value over the steps. Calibrate on rows you do not evaluate
on (--calibration-skip).

--exclude REGEX keeps matching MatMul nodes in fp32 (e.g. 'mlp_t' for the sequence mixer,
'lm_head' for the answer head).

Weights are quantized to 7 bits (|w| <= 64, onnxruntime's reduce_range) unless --full-range: CPUs
without VNNI or AMX (AVX2 only) multiply u8 x s8 with VPMADDUBSW, whose pairwise sums saturate
16 bits when both operands are large (measured on an AVX2 CPU: the bundled maze model verifies
79.3% of held-out 13x13 mazes in fp32, 1.3% with 8-bit per-channel weights, 78.0% with 7-bit;
docs/PERFORMANCE.md). --full-range is for cells that will only run on VNNI/AMX CPUs.

Needs onnxruntime's quantization tools and a newer onnx than the exporter's Debian onnx 1.12
(requirements-quant.txt; e.g. a venv with onnxruntime==1.23.2 onnx numpy).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from trm import variants  # noqa: E402

import numpy as np


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


def read_rows(path: Path, manifest: dict, n: int, skip: int) -> np.ndarray:
    """Rows `skip .. skip + n` of a CSV's `question` column as tokens [n, L]: each character is
    the vocab entry of that spelling (Sudoku's '.', '1'..'9'; a maze's '#', ' ', 'S', 'G')."""
    vocab = {tok: i for i, tok in enumerate(manifest["vocab"]) if len(tok) == 1}
    length = manifest["seq_len"]
    rows = []
    with open(path, newline="") as f:
        for line, rec in enumerate(csv.DictReader(f), start=2):
            if line - 2 < skip:
                continue
            if len(rows) == n:
                break
            q = rec.get("question")
            if q is None:
                raise SystemExit(f"{path}: no 'question' column")
            if len(q) != length:
                raise SystemExit(f"{path}:{line}: question has {len(q)} characters, the model reads {length}")
            bad = sorted(set(q) - set(vocab))
            if bad:
                raise SystemExit(f"{path}:{line}: characters {bad} are not in the model's vocab")
            rows.append([vocab[c] for c in q])
    if len(rows) < n:
        raise SystemExit(f"{path}: {len(rows)} rows after skipping {skip}, --calibration-rows asks {n}")
    return np.asarray(rows, dtype=np.int64)


def calibration_feeds(session, manifest: dict, init: np.ndarray, tokens: np.ndarray, steps: int,
                      batch: int = 16) -> list[dict]:
    """The cell's inputs at every step 0..steps-1 of the fp32 loop from the initial state."""
    s, d = manifest["state_len"], manifest["hidden_size"]
    names = {i.name for i in session.get_inputs()}
    feeds = []
    for start in range(0, len(tokens), batch):
        t = tokens[start:start + batch]
        b = len(t)
        feed = {"tokens": t, "y": np.broadcast_to(init[:d], (b, s, d)).astype(np.float32),
                "z": np.broadcast_to(init[d:], (b, s, d)).astype(np.float32)}
        if "puzzle_ids" in names:
            feed["puzzle_ids"] = np.zeros(b, dtype=np.int64)
        for _ in range(steps):
            feeds.append(dict(feed))
            y, z = session.run(["y_out", "z_out"], feed)
            feed = {**feed, "y": y, "z": z}
    return feeds


class FeedReader:
    """onnxruntime.quantization's CalibrationDataReader over a list of feeds."""

    def __init__(self, feeds: list[dict]):
        self.feeds = iter(feeds)

    def get_next(self):
        return next(self.feeds, None)

    def rewind(self):  # not needed by MinMax; present for the reader protocol
        pass


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, required=True, help="trm4j model directory")
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, help="new model directory for the int8 variant")
    where.add_argument("--variant", action="store_true", help="write the cell into --model as its int8 variant "
                       "(cell-int8.onnx beside cell.onnx, named in the manifest's variants) for trm's --precision int8")
    ap.add_argument("--method", choices=("dynamic", "static"), default="dynamic")
    ap.add_argument("--per-channel", action="store_true", help="per-channel weight scales")
    ap.add_argument("--full-range", action="store_true", help="8-bit weights (default 7-bit: no 16-bit "
                    "saturation on AVX2 CPUs without VNNI; use only for cells that run on VNNI/AMX CPUs)")
    ap.add_argument("--exclude", default=None, help="regex: MatMul nodes whose name matches stay fp32 "
                                                    "(e.g. 'mlp_t|lm_head')")
    ap.add_argument("--calibration", type=Path, help="static: CSV with a question column (real puzzles)")
    ap.add_argument("--calibration-rows", type=int, default=64)
    ap.add_argument("--calibration-skip", type=int, default=0, help="rows skipped first (keep eval rows out)")
    ap.add_argument("--calibration-steps", type=int, default=8, help="supervision steps whose inputs calibrate")
    a = ap.parse_args(argv)
    if a.method == "static" and a.calibration is None:
        raise SystemExit("--method static needs --calibration CSV (real puzzles whose states set the ranges)")
    return variants.build_into(a, build, "int8", "quantization")


def build(a) -> int:
    try:
        import onnx
        import onnxruntime
        from onnxruntime.quantization import CalibrationMethod, QuantFormat, QuantType, quantize_dynamic, \
            quantize_static
    except ImportError as e:
        raise SystemExit(f"onnxruntime quantization is not importable ({e}): "
                         "pip install -r export-scripts/requirements-quant.txt in a venv, and run this with it")
    manifest = json.loads((a.model / "manifest.json").read_text())
    a.out.mkdir(parents=True, exist_ok=True)
    cell = manifest.get("cell", "cell.onnx")
    shared = a.out / "cell.shared.onnx"
    share_weights(a.model / cell, shared)
    excluded = []
    if a.exclude:
        excluded = [n.name for n in onnx.load(str(shared)).graph.node
                    if n.op_type == "MatMul" and re.search(a.exclude, n.name)]
    details = {}
    reduce_range = not a.full_range  # 7-bit weights: see the module docstring
    if a.method == "dynamic":
        quantize_dynamic(str(shared), str(a.out / "cell.onnx"), op_types_to_quantize=["MatMul"],
                         weight_type=QuantType.QInt8, per_channel=a.per_channel, nodes_to_exclude=excluded,
                         reduce_range=reduce_range)
    else:
        init = np.fromfile(a.model / manifest.get("init", "init.bin"), dtype="<f4")
        tokens = read_rows(a.calibration, manifest, a.calibration_rows, a.calibration_skip)
        sess = onnxruntime.InferenceSession(str(shared), providers=["CPUExecutionProvider"])
        feeds = calibration_feeds(sess, manifest, init, tokens, a.calibration_steps)
        del sess
        quantize_static(str(shared), str(a.out / "cell.onnx"), FeedReader(feeds), quant_format=QuantFormat.QDQ,
                        op_types_to_quantize=["MatMul"], per_channel=a.per_channel, reduce_range=reduce_range,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8, nodes_to_exclude=excluded,
                        calibrate_method=CalibrationMethod.MinMax,
                        extra_options={"QDQOpTypePerChannelSupportToAxis": {"MatMul": 1}})
        details = {"calibration": str(a.calibration), "calibration_rows": a.calibration_rows,
                   "calibration_skip": a.calibration_skip, "calibration_steps": a.calibration_steps,
                   "calibrate_method": "MinMax", "format": "QDQ", "activation_type": "QUInt8"}
    shared.unlink()
    for f in a.model.iterdir():  # init.bin, card, identifiers, tables: as they are
        if f.is_file() and f.name not in ("manifest.json", cell):
            shutil.copyfile(f, a.out / f.name)
    manifest["name"] = f"{manifest['name']}-int8"
    manifest["cell"] = "cell.onnx"
    manifest["description"] = manifest.get("description", "") + f" (int8 {a.method} quantization of MatMuls)"
    manifest.setdefault("provenance", {})["quantization"] = {
        "method": f"onnxruntime.quantization.quantize_{a.method}", "op_types": ["MatMul"], "weight_type": "QInt8",
        "per_channel": a.per_channel, "weight_bits": 7 if reduce_range else 8, "excluded": a.exclude,
        "excluded_nodes": len(excluded),
        "onnxruntime": onnxruntime.__version__, "from": str(a.model), **details}
    if "cell_sha256" in manifest:  # a new cell: the fp32 cell's digest would refuse it
        manifest["cell_sha256"] = hashlib.sha256((a.out / "cell.onnx").read_bytes()).hexdigest()
    (a.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    sizes = {"fp32_bytes": (a.model / cell).stat().st_size, "int8_bytes": (a.out / "cell.onnx").stat().st_size}
    print(json.dumps({"out": str(a.out), "method": a.method, "excluded_nodes": len(excluded), **sizes}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
