#!/usr/bin/env python3
"""Prints bench/perf-table.sh's rows.jsonl as docs/PERFORMANCE.md's table: one row per cell and
batch, trm4j against PyTorch eager and torch.compile, the ratio to the faster with its per-round
spread, and whether the answers agreed (argmax rows equal / compared)."""
import json
import sys

NAMES = {"paper-mlpt": "paper-size MLP-T, D 512"}


def fmt(v, digits=3):
    return "-" if v is None else f"{v:.{digits}g}"


def main(path: str) -> None:
    rows = [json.loads(line) for line in open(path) if line.strip()]
    if not rows:
        sys.exit(f"{path}: no rows (see the .err files beside it)")
    first = rows[0]
    print(f"CPU: {first['cpu_model']} ({' '.join(first['cpu_flags']) or 'no listed flags'}); "
          f"torch {first['torch_version']} ({first['torch_blas']}){' FALLBACK' if first['torch_fallback'] else ''}; "
          f"{first['threads']} threads, {first['rounds']} rounds\n")
    print("| cell (steps per run) | precision | batch | trm4j puzzles/s | eager | compile | ratio to the best "
          "(per round) | same argmax rows |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        name = NAMES.get(r["cell_name"], "bundled " + r["cell_name"])
        spread = ", ".join(f"{x:.2f}" for x in r["ratio_per_round"])
        print(f"| {name} ({r['steps']}) | {r.get('precision', 'fp32')} | {r['batch']} | "
              f"{fmt(r['trm4j_puzzles_per_s'])} | {fmt(r['torch_eager_puzzles_per_s'])} | "
              f"{fmt(r.get('torch_compile_puzzles_per_s'))} | **{r['ratio']:.2f}** ({spread}) | "
              f"{r['rows_equal']}/{r['rows_compared']} |")


if __name__ == "__main__":
    main(sys.argv[1])
