#!/usr/bin/env bash
# Every figure of the README's "Performance" section, in one go, sequentially (never two
# measurements on the CPU at once). Run on an otherwise idle machine after `mvn -B package`
# (cli/target/trm.jar) and `mvn -B -Pjmh -pl bench -am package` (bench/target/benchmarks.jar).
#   bench/perf.sh OUT_DIR            (default /tmp/perf)
# Needs a Python with PyPI's torch + onnx for bench_torch.py, the anchor: TORCH_PY=VENV/bin/python
# (docs/PERFORMANCE.md; /usr/bin/python3's Debian torch 1.13 is reported as a fallback), and for the int8 variant the
# quantization tools of export-scripts/requirements-quant.txt under $ORT_PY (default /tmp/ortpy).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/perf}
mkdir -p "$OUT"
ORT_PY=${ORT_PY:-/tmp/ortpy}
THREADS=${THREADS:-$(nproc)}
TORCH_PY=${TORCH_PY:-/usr/bin/python3}
# Run from copies: a rebuild of cli/target during the run must not swap classes under a live JVM.
mkdir -p "$OUT/jars"
cp cli/target/trm.jar bench/target/benchmarks.jar "$OUT/jars/"
TRM="java -jar $OUT/jars/trm.jar"
SUDOKU=models/src/main/resources/trm4j/models/sudoku
EVAL=/work/shared/data/sudoku/sudoku_eval_mix.csv
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/log.txt"; }
{ uname -m; nproc; java -version 2>&1 | head -1; grep -m1 "model name" /proc/cpuinfo; uptime; } > "$OUT/machine.txt"

# ONLY="1 3 6": run just those sections (the numbers in the log lines below).
ONLY=${ONLY:-"1 3 4 5 6"}
on() { [[ " $ONLY " == *" $1 "* ]]; }
# Models: paper-size random-weight cells (D 512, L 81, n 6, T 3) and the int8 variant of the bundled one.
for v in attention mlp_t; do
  [ -f "/tmp/paper-$v/cell.onnx" ] || /usr/bin/python3 export-scripts/export_random.py --variant $v --hidden 512 \
      --heads 8 --seq-len 81 --vocab 11 --L-cycles 6 --H-cycles 3 --out /tmp/paper-$v >/dev/null
done
on 4 && PYTHONPATH=$ORT_PY /usr/bin/python3 export-scripts/quantize_int8.py --model $SUDOKU --out /tmp/sudoku-int8 \
    --exclude 'mlp_t|lm_head' 2>/dev/null > "$OUT/int8-export.json"
# Eval subsets: the first 100 (int8 check) / 200 (halting table) rows of each radcliffe3m_curated class.
for n in 100 200; do
  awk -F, -v n=$n 'NR==1 || ($1 ~ /^radcliffe3m_curated_/ && c[$1]++ < n)' $EVAL > "$OUT/radcliffe-$((n*5)).csv"
done

# Each --against-torch line alternates trm4j, the sgemm peak and PyTorch (eager, then torch.compile) 3 times
# (--rounds) and compares medians with the faster PyTorch.
if on 1; then
  log "1. trm4j vs PyTorch, bundled sudoku (16 steps)"
  $TRM bench sudoku --against-torch --python "$TORCH_PY" --json --batch 1,8,64 --steps 16 --runs 5 --warmup 1 --threads $THREADS \
      > "$OUT/against-torch-sudoku.jsonl"
  for v in attention mlp_t; do
    log "1. trm4j vs PyTorch, paper-size $v (1 step per run: per-step cost does not depend on the step count)"
    $TRM bench --model /tmp/paper-$v --against-torch --python "$TORCH_PY" --json --batch 1,8,64 --steps 1 --runs 2 --warmup 1 \
        --threads $THREADS > "$OUT/against-torch-paper-$v.jsonl"
  done
fi
if on 6; then
  log "6. ORT's own cost per call: a D 8 cell of the Sudoku shape (~1000x less compute), then the bundled one"
  [ -f /tmp/tiny-call/cell.onnx ] || /usr/bin/python3 export-scripts/export_random.py --variant mlp_t --hidden 8 \
      --heads 1 --expansion 1 --seq-len 81 --vocab 11 --L-cycles 1 --H-cycles 1 --out /tmp/tiny-call >/dev/null
  $TRM bench --model /tmp/tiny-call --json --batch 1 --steps 16 --runs 200 --warmup 20 --threads $THREADS \
      > "$OUT/bench-per-call.jsonl"
  $TRM bench sudoku --json --batch 1 --steps 16 --runs 20 --warmup 5 --threads $THREADS >> "$OUT/bench-per-call.jsonl"
fi
if on 4; then
  log "4. int8 variant throughput"
  $TRM bench --model /tmp/sudoku-int8 --json --batch 1,8,64 --steps 16 --runs 5 --warmup 1 --threads $THREADS \
      > "$OUT/bench-sudoku-int8.jsonl"
fi
if on 3; then
  log "3. JMH: loop overhead, cell step, session options, session open"
  J="java -jar $OUT/jars/benchmarks.jar -rf json"
  $J -rff "$OUT/jmh-loop.json" LoopOverheadBenchmark > "$OUT/jmh-loop.txt"
  $J -rff "$OUT/jmh-step.json" CellStepBenchmark > "$OUT/jmh-step.txt"
  $J -rff "$OUT/jmh-options.json" SessionOptionsBenchmark > "$OUT/jmh-options.txt"
  $J -rff "$OUT/jmh-open.json" SessionOpenBenchmark > "$OUT/jmh-open.txt"
fi
if on 4; then
  log "4. int8 accuracy: 500 radcliffe rows, fixed 16 steps"
  for m in $SUDOKU /tmp/sudoku-int8; do
    $TRM eval sudoku "$OUT/radcliffe-500.csv" --model $m --halting fixed --max-steps 16 --threads $THREADS --json \
        2>/dev/null > "$OUT/eval-int8-$(basename $m).txt"
  done
fi
if on 5; then
  log "5. halting table: 1000 radcliffe rows"
  for h in fixed act converged; do
    $TRM eval sudoku "$OUT/radcliffe-1000.csv" --halting $h --max-steps 16 --threads $THREADS --json \
        2>/dev/null > "$OUT/eval-halting-$h.txt"
  done
fi
log "done"
