#!/usr/bin/env python3
"""An estimate of the host<->device copy time in each supervision step of `trm bench` on CUDA.

trm4j feeds ONNX Runtime host buffers (tokens, y, z) and reads host buffers back (y_out, z_out,
logits, q_halt), so every step moves those bytes over PCIe; ORT Java 1.23 has no IO binding to
keep y/z on the device. This times the same byte counts as pageable-memory copies in PyTorch on
the same GPU (what ORT's CUDA provider does with direct ByteBuffers) and prints, per model and
batch, the bytes, the copy milliseconds and their share of trm4j's measured ms per step.

    python3 bench/cuda/copy_probe.py --bench-json bench-sudoku.jsonl --model DIR [--device cuda]

Prints one JSON object per batch size; with --device cpu it prints the byte counts alone.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def step_bytes(manifest: dict, batch: int) -> tuple[int, int]:
    """(bytes in, bytes out) of one cell call."""
    seq, state, hidden, vocab = manifest["seq_len"], manifest["state_len"], manifest["hidden_size"], manifest["vocab_size"]
    state_bytes = batch * state * hidden * 4
    return batch * seq * 8 + 2 * state_bytes + batch * 8, 2 * state_bytes + batch * seq * vocab * 4 + batch * 4


def copy_ms(nbytes: int, to_device: bool, device, repeats: int = 20) -> float:
    import torch
    host = torch.empty(nbytes, dtype=torch.uint8)  # pageable, as a direct ByteBuffer is
    dev = torch.empty(nbytes, dtype=torch.uint8, device=device)
    for _ in range(3):
        (dev.copy_(host) if to_device else host.copy_(dev))
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(repeats):
        (dev.copy_(host) if to_device else host.copy_(dev))
    torch.cuda.synchronize()
    return (time.perf_counter() - t0) * 1e3 / repeats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench-json", type=Path, required=True, help="trm bench --json output (one object per line)")
    ap.add_argument("--model", type=Path, required=True, help="the model directory it measured")
    ap.add_argument("--device", default="cuda")
    a = ap.parse_args(argv)
    manifest = json.loads((a.model / "manifest.json").read_text())
    for line in a.bench_json.read_text().splitlines():
        if not line.startswith("{"):
            continue
        r = json.loads(line)
        b_in, b_out = step_bytes(manifest, r["batch"])
        out = {"model": r.get("model", manifest["name"]), "batch": r["batch"], "bytes_in": b_in, "bytes_out": b_out}
        if a.device != "cpu":
            ms = copy_ms(b_in, True, a.device) + copy_ms(b_out, False, a.device)
            out.update({"copy_ms_per_step": ms, "ms_per_step": r["ms_per_step"], "copy_share": ms / r["ms_per_step"]})
        print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
