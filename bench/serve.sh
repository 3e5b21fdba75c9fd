#!/usr/bin/env bash
# The service's batching modes under closed-loop load (docs/SERVICE.md "Measured"): for each mode,
# `trm serve` with the bundled Sudoku model (manifest halting: converged, up to 32 steps), then
# `trm loadtest` with 1 and 32 clients on the Sudoku eval mix. Run on an otherwise idle machine
# after `mvn -B package`:   bench/serve.sh [OUT_DIR]   (default /tmp/serve-bench)
#   MODES="continuous:64 static:64 static:1"   batching:max_batch pairs
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/serve-bench}
MODES=${MODES:-"continuous:64 static:64 static:1"}
CLIENTS=${CLIENTS:-"1 32"}
DURATION=${DURATION:-20}
PORT=${PORT:-18088}
mkdir -p "$OUT"
cp cli/target/trm.jar "$OUT/trm.jar" # a rebuild during the run must not swap classes under a live JVM
TRM="java -jar $OUT/trm.jar"
for mode in $MODES; do
  batching=${mode%%:*}
  batch=${mode##*:}
  $TRM serve --model sudoku --port "$PORT" --threads 2 --max-batch "$batch" --batching "$batching" \
      > "$OUT/server-$batching-$batch.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -sf "localhost:$PORT/healthz" >/dev/null && break; sleep 0.5; done
  for c in $CLIENTS; do
    echo "== batching $batching max_batch $batch clients $c" | tee -a "$OUT/results.txt"
    $TRM loadtest "http://127.0.0.1:$PORT/v1/solve/sudoku" --file /work/shared/data/sudoku/sudoku_eval_mix.csv \
        --clients "$c" --duration "$DURATION" 2>&1 | tail -4 | tee -a "$OUT/results.txt"
  done
  kill -TERM "$server"
  wait "$server" || true
done
