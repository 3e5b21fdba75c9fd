#!/usr/bin/env bash
# Throughput of the Spark job on local[2] vs `trm eval` on the same Sudoku puzzles (the first N rows of
# the evaluation mix; issue 11 asks for N = 2000). Same model and options for both: the bundled
# Sudoku model with its manifest's halting and max steps, batches of 64. Run it on a quiet machine.
#   spark/bench.sh [N] [DATA.csv]        # default: 2000 /work/shared/data/sudoku/sudoku_eval_mix.csv
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-2000}"
data="${2:-/work/shared/data/sudoku/sudoku_eval_mix.csv}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
head -n "$((n + 1))" "$data" > "$work/puzzles.csv"
echo "== $n puzzles from $data" >&2

echo "== trm eval sudoku (one JVM, batch 64)" >&2
"$root/trm" eval sudoku "$work/puzzles.csv" --batch 64 --json 2>/dev/null | tail -n 1 > "$work/eval.json"
eval_rate="$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%.3f %d %.4f" % (d["puzzles_per_s"], d["n"], d["exact"]))' "$work/eval.json")"

echo "== Spark local[2] (2 partitions, batch 64)" >&2
"$root/spark/run-local.sh" --master 'local[2]' --head sudoku --input "$work/puzzles.csv" \
  --output "$work/out.parquet" --batch 64 --partitions 2 2>"$work/spark.err" | tee "$work/spark.out" >&2 \
  || { cat "$work/spark.err" >&2; exit 1; }
spark_rate="$(sed -n 's/^\([0-9]*\) rows in \([0-9.]*\) s: \([0-9.]*\) puzzles\/s.*/\3 \1/p' "$work/spark.out")"
spark_exact="$(sed -n 's/^exact \([0-9]*\/[0-9]*\).*/\1/p' "$work/spark.out")"

read -r er en ex <<<"$eval_rate"
read -r sr sn <<<"$spark_rate"
printf 'trm eval : %s puzzles/s (%s puzzles, exact %.1f%%)\n' "$er" "$en" "$(python3 -c "print(100*$ex)")"
printf 'spark    : %s puzzles/s (%s puzzles, exact %s)  local[2], solve time only (no Spark start, no write)\n' \
  "$sr" "$sn" "$spark_exact"
python3 - "$er" "$sr" <<'PY'
import sys
e, s = float(sys.argv[1]), float(sys.argv[2])
print("spark / eval: %.2f" % (s / e))
# issue 11's estimate: per executor core from local[2], for 100 executors of 1 or 2 cores on
# Sudoku-Extreme's 423k test puzzles (no shuffle: the job scales with cores until reading dominates).
per_core = s / 2
for per_executor in (1, 2):
    cores = 100 * per_executor
    print("estimate: 100 executors x %d core(s) x %.2f puzzles/s/core = %.0f puzzles/s -> 423k puzzles in %.1f min"
          % (per_executor, per_core, cores * per_core, 423000 / (cores * per_core) / 60))
PY
