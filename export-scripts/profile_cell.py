#!/usr/bin/env python3
"""Where a cell's time goes: ONNX Runtime's own profiler (SessionOptions.enable_profiling) on a
trm4j model directory, run as `trm bench` runs it (random tokens, the state fed back step after
step, fixed halting), summed per op type, plus what the optimized graph contains.

    python3 export-scripts/profile_cell.py --model DIR --batch 64 --steps 4 --threads 2

Prints a table (or --json): per op type its share of kernel time, total ms and calls, then the
optimized graph's op types and counts (what ORT fused: FusedMatMul, SimplifiedLayerNormalization,
QuickGelu...). Warm-up runs are left out of the sums. --keep DIR keeps the raw profile (a Chrome
trace: chrome://tracing) and the optimized model.

Needs onnxruntime (requirements-quant.txt, or any venv with it); the summary code does not.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

OPT_LEVELS = ("disable", "basic", "extended", "all")


def summarize(events: list, warmup_runs: int = 0) -> dict:
    """Per op type kernel time from a profile's events. The first `warmup_runs` model_run events,
    and every node event before the first kept run, are left out."""
    runs = sorted((e for e in events if e.get("cat") == "Session" and e.get("name") == "model_run"),
                  key=lambda e: e["ts"])
    if len(runs) <= warmup_runs:
        raise ValueError(f"the profile has {len(runs)} model runs, not more than the {warmup_runs} warm-up runs")
    kept = runs[warmup_runs:]
    start = kept[0]["ts"]
    per_op: dict[str, dict] = defaultdict(lambda: {"us": 0, "calls": 0})
    per_node: Counter = Counter()
    for e in events:
        if e.get("cat") != "Node" or not e.get("name", "").endswith("_kernel_time") or e["ts"] < start:
            continue
        op = e.get("args", {}).get("op_name", "?")
        per_op[op]["us"] += e["dur"]
        per_op[op]["calls"] += 1
        per_node[e["name"][: -len("_kernel_time")]] += e["dur"]
    kernel = sum(v["us"] for v in per_op.values())
    wall = sum(r["dur"] for r in kept)
    ops = sorted(({"op": k, "ms": v["us"] / 1e3, "calls": v["calls"] // len(kept),
                   "share": v["us"] / kernel if kernel else 0.0} for k, v in per_op.items()),
                 key=lambda o: -o["ms"])
    return {"runs": len(kept), "run_ms": wall / 1e3 / len(kept), "kernel_ms": kernel / 1e3 / len(kept),
            "ops": [{**o, "ms": o["ms"] / len(kept)} for o in ops],
            "top_nodes": [{"node": n, "ms": us / 1e3 / len(kept)} for n, us in per_node.most_common(10)]}


def graph_ops(model_path: Path) -> dict[str, int]:
    """Op types (domain-qualified when not the default one) and their counts in an ONNX file."""
    import onnx
    graph = onnx.load(str(model_path), load_external_data=False).graph
    return dict(Counter(f"{n.domain}.{n.op_type}" if n.domain not in ("", "ai.onnx") else n.op_type
                        for n in graph.node).most_common())


def feeds(manifest: dict, model_dir: Path, sess, batch: int, seed: int):
    import numpy as np
    s, d, length = manifest["state_len"], manifest["hidden_size"], manifest["seq_len"]
    rng = np.random.default_rng(seed)
    tokens = rng.integers(1, max(manifest["vocab_size"], 2), size=(batch, length), dtype=np.int64)
    init = np.fromfile(model_dir / manifest.get("init", "init.bin"), dtype="<f4")
    if init.size != 2 * d:
        raise SystemExit(f"{model_dir}: init.bin holds {init.size} floats, expected 2 x {d}")
    y = np.broadcast_to(init[:d], (batch, s, d)).astype(np.float32)
    z = np.broadcast_to(init[d:], (batch, s, d)).astype(np.float32)
    feed = {"tokens": tokens, "y": y, "z": z}
    names = {i.name for i in sess.get_inputs()}
    if "puzzle_ids" in names:
        feed["puzzle_ids"] = np.zeros(batch, dtype=np.int64)
    if "puzzle_emb" in names:
        feed["puzzle_emb"] = np.zeros((batch, d), dtype=np.float32)
    return feed


def profile(model_dir: Path, batch: int, steps: int, warmup: int, threads: int, opt: str, seed: int,
            work: Path) -> dict:
    try:
        import onnxruntime as ort
    except ImportError as e:
        raise SystemExit(f"onnxruntime is not importable ({e}): pip install -r export-scripts/requirements-quant.txt "
                         "(see that file), or run this with a venv's python that has it")
    manifest = json.loads((model_dir / "manifest.json").read_text())
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.graph_optimization_level = {
        "disable": ort.GraphOptimizationLevel.ORT_DISABLE_ALL, "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
        "extended": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED, "all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL}[opt]
    so.optimized_model_filepath = str(work / "optimized.onnx")
    so.enable_profiling = True
    so.profile_file_prefix = str(work / "profile")
    sess = ort.InferenceSession(str(model_dir / manifest.get("cell", "cell.onnx")), so,
                                providers=["CPUExecutionProvider"])
    feed = feeds(manifest, model_dir, sess, batch, seed)
    for _ in range(warmup + steps):  # as the loop does: the step's state is the next step's input
        feed["y"], feed["z"] = sess.run(["y_out", "z_out", "logits", "q_halt"], feed)[:2]
    trace = Path(sess.end_profiling())
    summary = summarize(json.loads(trace.read_text()), warmup)
    return {"model": manifest["name"], "cell": manifest.get("cell", "cell.onnx"), "batch": batch, "threads": threads,
            "optimization": opt, "onnxruntime": ort.__version__, **summary,
            "optimized_graph_ops": graph_ops(work / "optimized.onnx"), "profile": str(trace)}


def render(r: dict) -> str:
    lines = [f"model {r['model']} ({r['cell']})  batch {r['batch']}  threads {r['threads']}  optimization "
             f"{r['optimization']}  onnxruntime {r['onnxruntime']}",
             f"per run: {r['run_ms']:.2f} ms, {r['kernel_ms']:.2f} ms in kernels ({r['runs']} runs)",
             f"{'OP':<34} {'SHARE':>7} {'MS/RUN':>9} {'CALLS/RUN':>10}"]
    lines += [f"{o['op']:<34} {100 * o['share']:6.1f}% {o['ms']:9.3f} {o['calls']:10d}" for o in r["ops"]]
    lines.append("optimized graph: " + ", ".join(f"{k} {v}" for k, v in r["optimized_graph_ops"].items()))
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, required=True, help="trm4j model directory")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=4, help="profiled steps (after the warm-up)")
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--optimization", choices=OPT_LEVELS, default="all", help="as trm4j's session: all")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", type=Path, help="copy the raw profile and the optimized model into this directory")
    a = ap.parse_args(argv)
    if a.batch < 1 or a.steps < 1 or a.warmup < 0 or a.threads < 1:
        raise SystemExit("--batch, --steps and --threads must be >= 1, --warmup >= 0")
    if not (a.model / "manifest.json").is_file():
        raise SystemExit(f"{a.model}: not a trm4j model directory (no manifest.json)")
    with tempfile.TemporaryDirectory() as tmp:
        r = profile(a.model, a.batch, a.steps, a.warmup, a.threads, a.optimization, a.seed, Path(tmp))
        if a.keep:
            a.keep.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(r["profile"], a.keep / "profile.json")
            shutil.copyfile(Path(tmp) / "optimized.onnx", a.keep / "optimized.onnx")
            r["profile"] = str(a.keep / "profile.json")
        else:
            r.pop("profile")
    print(json.dumps(r) if a.json else render(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
