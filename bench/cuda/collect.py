#!/usr/bin/env python3
"""Gathers what bench/cuda/gpu_run.sh left in its work directory into one results.json: each
step's exit code and time, doctor's report, parity per model, the fp16 delta, the mix against the
CPU reference (per class: exact counts and the difference), trm bench with the PyTorch ratios and
the copy estimate, and the load test. Missing pieces are recorded as missing, never invented.

    python3 bench/cuda/collect.py --work /tmp/trm-cuda-run --provider cuda --limit all \\
        --reference bench/cuda/cpu_reference.json --out results.json
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path


def jsonl(path: Path) -> list[dict]:
    """The JSON objects among a step's output lines (a step cut short can leave a partial line)."""
    if not path.is_file():
        return []
    out = []
    for line in path.read_text().splitlines():
        if line.startswith("{"):
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return out


def last_json(path: Path) -> dict | None:
    rows = jsonl(path)
    return rows[-1] if rows else None


def mix_against(mix: dict | None, reference: dict, limited: bool) -> dict | None:
    if mix is None:
        return None
    out = {"n": mix["n"], "exact": mix["exact"], "exact_count": round(mix["exact"] * mix["n"]),
           "puzzles_per_s": mix.get("puzzles_per_s"), "mean_steps": mix.get("mean_steps")}
    if limited:
        out["reference"] = "not compared: --limit ran a prefix of the mix"
        return out
    classes = {}
    for name, c in mix.get("per_class", {}).items():
        ref = reference["per_class"].get(name)
        row = {"n": c["n"], "exact_count": round(c["exact"] * c["n"])}
        if ref:
            row["cpu_exact_count"] = round(ref["exact"] * ref["n"])
            row["difference"] = row["exact_count"] - row["cpu_exact_count"]
        classes[name] = row
    out["per_class"] = classes
    out["cpu_exact_count"] = round(reference["exact"] * reference["n"])
    out["difference"] = out["exact_count"] - out["cpu_exact_count"]
    return out


def speed(work: Path) -> list[dict]:
    rows = []
    for bench in sorted(work.glob("bench-*.jsonl")):
        name = bench.stem[len("bench-"):]
        eager = {r["batch"]: r for r in jsonl(work / f"torch-eager-{name}.jsonl")}
        compiled = {r["batch"]: r for r in jsonl(work / f"torch-compile-{name}.jsonl")}
        copies = {r["batch"]: r for r in jsonl(work / f"copy-{name}.jsonl")}
        for r in jsonl(bench):
            b = r["batch"]
            row = {"model": r["model"], "batch": b, "provider": r["provider"], "puzzles_per_s": r["puzzles_per_s"],
                   "ms_per_step": r["ms_per_step"], "cell_ms_per_step": r["cell_ms_per_step"],
                   "overhead_us_per_step": r["overhead_us_per_step"], "peak_rss_mb": r.get("peak_rss_mb")}
            if b in eager:
                row["torch_eager_puzzles_per_s"] = eager[b]["torch_puzzles_per_s"]
                row["ratio_vs_eager"] = r["puzzles_per_s"] / eager[b]["torch_puzzles_per_s"]
            if b in compiled:
                row["torch_compile_puzzles_per_s"] = compiled[b]["torch_puzzles_per_s"]
                row["ratio_vs_compile"] = r["puzzles_per_s"] / compiled[b]["torch_puzzles_per_s"]
            if b in copies:
                row.update({k: copies[b][k] for k in ("bytes_in", "bytes_out", "copy_ms_per_step", "copy_share")
                            if k in copies[b]})
            rows.append(row)
    return rows


def loadtest(path: Path) -> dict | None:
    if not path.is_file():
        return None
    m = re.search(r"clients (\d+)\s+requests (\d+)\s+errors (\d+)\s+req/s ([\d.]+)\s+p50 ms ([\d.]+)\s+"
                  r"p99 ms ([\d.]+)\s+mean batch ([\d.]+)", path.read_text())
    if not m:
        return {"raw": path.read_text()[-2000:]}
    keys = ["clients", "requests", "errors", "req_per_s", "p50_ms", "p99_ms", "mean_batch"]
    return {k: float(v) if "." in v else int(v) for k, v in zip(keys, m.groups())}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--provider", required=True)
    ap.add_argument("--limit", default="all")
    ap.add_argument("--reference", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    w = a.work
    reference = json.loads(a.reference.read_text())
    fp32, fp16 = last_json(w / "radcliffe-fp32.out"), last_json(w / "radcliffe-fp16.out")
    parity = [p for f in ("parity.json", "parity-paper.json") if (w / f).is_file()
              for p in json.loads((w / f).read_text())] or None
    results = {
        "provider": a.provider,
        "steps": jsonl(w / "steps.jsonl"),
        "doctor": last_json(w / "doctor.json"),
        "parity": [{k: v for k, v in p.items() if k != "per_step"} for p in parity] if parity else None,
        "parity_per_step": parity,
        "fp16_radcliffe_500": None if fp32 is None else {
            "fp32_exact": fp32["exact"], "fp16_exact": fp16["exact"] if fp16 else None,
            "delta_points": 100 * (fp16["exact"] - fp32["exact"]) if fp16 else None},
        "mix": mix_against(last_json(w / "mix.out"), reference, a.limit != "all"),
        "speed": speed(w),
        "serve": {"loadtest": loadtest(w / "loadtest.out"),
                  "metrics_tail": (w / "serve-metrics.txt").read_text()[-3000:]
                  if (w / "serve-metrics.txt").is_file() else None},
    }
    a.out.write_text(json.dumps(results, indent=1) + "\n")
    failed = [s["step"] for s in results["steps"] if s.get("rc") not in (0,)]
    print(f"results: {a.out}; steps not ok: {', '.join(failed) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
