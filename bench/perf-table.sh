#!/usr/bin/env bash
# Every row of docs/PERFORMANCE.md's "trm4j against PyTorch" table in one run: the paper-size
# MLP-T cell (random weights, D 512) and each bundled model, at each batch size, trm4j against
# PyPI PyTorch eager and torch.compile (`trm bench --against-torch`: alternating rounds, medians,
# the faster PyTorch deciding the ratio), with the CPU model and flags, torch version and BLAS.
# Writes OUT/rows.jsonl (one `trm bench --against-torch --json` line per cell and batch),
# OUT/table.md and OUT/machine.txt. Run on an idle machine after `mvn -B -DskipTests package`:
#   bench/perf-table.sh [OUT]                                    (default /tmp/perf-table)
# Settings (environment): TORCH_PY (default /work/venv-torch/bin/python: PyPI torch + onnx),
# THREADS (2), BATCHES (1,8,64), ROUNDS (3), RUNS (3), WARMUP (1),
# MODELS ("paper-mlpt sudoku maze sequence arc"), STEPS_<name> (supervision steps per run; default
# 1 for paper-mlpt, else the model's max_steps capped at 16), PRECISION (fp32; or int8: the models'
# cell-int8.onnx variants against PyTorch fp32).
# A quick check of the script itself: BATCHES=1 ROUNDS=1 RUNS=1 WARMUP=0 MODELS=sudoku STEPS_sudoku=1 bench/perf-table.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/perf-table}
TORCH_PY=${TORCH_PY:-/work/venv-torch/bin/python}
THREADS=${THREADS:-2}
BATCHES=${BATCHES:-1,8,64}
ROUNDS=${ROUNDS:-3}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
MODELS=${MODELS:-"paper-mlpt sudoku maze sequence arc"}
PRECISION=${PRECISION:-fp32}
[ -x "$TORCH_PY" ] || { echo "perf-table: no Python at $TORCH_PY (set TORCH_PY to a venv with PyPI torch and onnx)" >&2; exit 2; }
[ -f cli/target/trm.jar ] || { echo "perf-table: build first: mvn -B -DskipTests package" >&2; exit 2; }
mkdir -p "$OUT/jar"
cp cli/target/trm.jar "$OUT/jar/"  # a rebuild during the run must not swap classes under a live JVM
TRM="java -jar $OUT/jar/trm.jar"
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/log.txt" >&2; }
{ date -u; grep -m1 "model name" /proc/cpuinfo; nproc; uptime; java -version 2>&1 | head -1
  "$TORCH_PY" -c "import torch; print('torch', torch.__version__)"; } > "$OUT/machine.txt"
: > "$OUT/rows.jsonl"
start=$(date +%s)
for m in $MODELS; do
  if [ "$m" = paper-mlpt ]; then
    dir=$OUT/paper-mlpt
    [ -f "$dir/cell.onnx" ] || /usr/bin/python3 export-scripts/export_random.py --variant mlp_t --hidden 512 \
        --heads 8 --seq-len 81 --vocab 11 --L-cycles 6 --H-cycles 3 --out "$dir" >/dev/null
    default_steps=1
  else
    dir=models/src/main/resources/trm4j/models/$m
    default_steps=$(/usr/bin/python3 -c "import json,sys; print(min(16, json.load(open(sys.argv[1]))['max_steps']))" \
        "$dir/manifest.json")
  fi
  var=STEPS_${m//-/_}
  steps=${!var:-$default_steps}
  log "$m: batch $BATCHES, $steps steps, $THREADS threads, $ROUNDS rounds ($(cut -d' ' -f1-3 /proc/loadavg))"
  if ! $TRM bench --model "$dir" --against-torch --python "$TORCH_PY" --json --batch "$BATCHES" --steps "$steps" \
      --runs "$RUNS" --warmup "$WARMUP" --threads "$THREADS" --rounds "$ROUNDS" --precision "$PRECISION" \
      > "$OUT/$m.jsonl" 2> "$OUT/$m.err"; then
    log "$m: failed ($(tail -1 "$OUT/$m.err"))"
  fi
  /usr/bin/python3 -c "
import json, sys
for line in open(sys.argv[1]):
    row = json.loads(line); row['cell_name'] = sys.argv[2]; print(json.dumps(row))" "$OUT/$m.jsonl" "$m" >> "$OUT/rows.jsonl"
done
log "done in $(( ($(date +%s) - start) / 60 )) min"
/usr/bin/python3 bench/perf_table.py "$OUT/rows.jsonl" > "$OUT/table.md"
cat "$OUT/table.md"
