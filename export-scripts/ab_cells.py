#!/usr/bin/env python3
"""A/B of two or more cells on a busy machine: one ONNX Runtime session per model directory, and
their steps interleaved call by call (A, B, A, B, ... in a fresh random order each round), so a
machine whose speed drifts by 2x within minutes slows every side alike. Prints per model the
median ms per step and, against the first model, the median of the per-round ratios.

    python3 export-scripts/ab_cells.py --batch 1,64 --rounds 30 --threads 2 OLD_DIR NEW_DIR

Each call is one supervision step on random rows with the state fed back, as trm bench runs
the cell (ONNX Runtime from Python runs a cell at the Java loop's speed: the loop costs nothing
measurable). Needs onnxruntime (requirements-quant.txt).
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from profile_cell import feeds  # noqa: E402


def ratios(times: dict[str, list[float]], base: str) -> dict[str, float]:
    """Per model: the median over rounds of base's time / its time (> 1: faster than base)."""
    return {k: statistics.median(b / t for b, t in zip(times[base], v)) for k, v in times.items()}


def session(cell: Path, threads: int, spinning: bool):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    so.add_session_config_entry("session.intra_op.allow_spinning", "1" if spinning else "0")
    return ort.InferenceSession(str(cell), so, providers=["CPUExecutionProvider"])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("models", type=Path, nargs="+", help="model directories; the first is the base")
    ap.add_argument("--batch", default="1,64")
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--calls", type=int, default=1, help="steps per model per round")
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-spinning", action="store_true", help="ORT threads do not spin (trm4j spins by default)")
    ap.add_argument("--seed", type=int, default=1234)
    a = ap.parse_args(argv)
    if len(a.models) < 2:
        raise SystemExit("give at least two model directories")
    names = [str(m) for m in a.models]
    if len(set(names)) != len(names):
        raise SystemExit("the model directories must differ")
    manifests = [json.loads((m / "manifest.json").read_text()) for m in a.models]
    sessions = [session(m / mf.get("cell", "cell.onnx"), a.threads, not a.no_spinning)
                for m, mf in zip(a.models, manifests)]
    rng = random.Random(a.seed)
    for b in (int(x) for x in a.batch.split(",")):
        state = [feeds(mf, m, s, b, a.seed) for mf, m, s in zip(manifests, a.models, sessions)]
        times: dict[str, list[float]] = {n: [] for n in names}

        def step(i):
            y, z = sessions[i].run(["y_out", "z_out", "logits", "q_halt"], state[i])[:2]
            state[i]["y"], state[i]["z"] = y, z

        for i in range(len(names)):
            for _ in range(a.warmup):
                step(i)
        for _ in range(a.rounds):
            order = list(range(len(names)))
            rng.shuffle(order)
            for i in order:
                t0 = time.perf_counter()
                for _ in range(a.calls):
                    step(i)
                times[names[i]].append((time.perf_counter() - t0) / a.calls)
        r = ratios(times, names[0])
        for n in names:
            print(json.dumps({"model": n, "batch": b, "rounds": a.rounds, "threads": a.threads,
                              "ms_per_step": statistics.median(times[n]) * 1e3,
                              "speedup_vs_first": r[n]}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
