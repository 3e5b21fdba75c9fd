"""A model directory's precision variants: a cell beside `cell.onnx` (`cell-int8.onnx`) that trm4j
runs with `--precision int8` (or `precision=int8`, `models.NAME.precision=int8`), named in the
manifest's `variants` ({"int8": "cell-int8.onnx"}). The Java side: io.trm4j.core.Precision."""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Callable


def variant_file(manifest: dict, precision: str) -> str:
    """cell.onnx -> cell-int8.onnx (the name trm4j looks for when `variants` names none)."""
    cell = manifest.get("cell", "cell.onnx")
    stem, dot, ext = cell.rpartition(".")
    return f"{stem}-{precision}.{ext}" if dot and stem else f"{cell}-{precision}"


def adopt(built: Path, model: Path, precision: str, provenance_key: str) -> Path:
    """Moves the cell of `built` (a complete model directory a converter wrote) into `model` as its
    `precision` variant, names it in model's manifest (with the converter's provenance entry), and
    returns the variant's path. The fp32 cell, its digest and every other file stay as they were."""
    manifest = json.loads((model / "manifest.json").read_text())
    made = json.loads((built / "manifest.json").read_text())
    name = variant_file(manifest, precision)
    target = model / name
    shutil.move(str(built / made.get("cell", "cell.onnx")), str(target))
    manifest.setdefault("variants", {})[precision] = name
    entry = dict(made.get("provenance", {}).get(provenance_key, {}))
    if isinstance(manifest.get("provenance"), dict):
        manifest["provenance"].setdefault("variants", {})[precision] = entry
    (model / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return target


def build_into(a, build: Callable, precision: str, provenance_key: str) -> int:
    """A converter's main after parsing: with `a.variant`, builds into a temporary directory and
    adopts the cell as `a.model`'s `precision` variant; else builds the model directory `a.out`."""
    if a.variant:
        with tempfile.TemporaryDirectory() as tmp:
            a.out = Path(tmp) / "built"
            code = build(a)
            target = adopt(a.out, a.model, precision, provenance_key)
        print(json.dumps({"variant": str(target), "bytes": target.stat().st_size}))
        return code
    if a.out.resolve() == a.model.resolve():
        raise SystemExit("--out must differ from --model")
    return build(a)
