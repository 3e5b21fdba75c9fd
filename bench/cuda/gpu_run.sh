#!/usr/bin/env bash
# The CUDA provider on the GPU machine, in one call (issue 26; docs/CUDA.md "The device run"):
# parity CUDA vs CPU for every fixture and bundled model (16 steps), the fp16 cell's accuracy
# delta on 500 radcliffe rows, the Sudoku eval mix on CUDA against the CPU figure, trm bench at
# batch 1..4096 for the bundled Sudoku model and paper-size MLP-T and attention cells, the same
# weights in PyTorch (eager and torch.compile), an estimate of the y/z copy share, and trm serve
# under load. Each step has its own time limit and the whole stops starting steps after
# DEADLINE seconds, so it fits one 10-minute call. Results: $OUT/results.json and $OUT/run.log.
#
#   usage (repo root): bench/cuda/gpu_run.sh STAGE OUT
#   STAGE: natives/ (ort_native.py), trm.jar, classes/ (ProviderParity), data/sudoku_eval_mix.csv,
#          optionally jdk/ (a jlink runtime) -- what bench/cuda/stage.sh packs and transfer.py unpacks
#   env: PROVIDER=cuda (cpu for the rehearsal)  LIMIT= (rows of the mix; empty: all 15,840)
#        BATCHES=1,64,1024,4096  RUNS=10  WARMUP=3  TORCH=1  DEADLINE=480  SERVE_SECONDS=15
#        SCALE=1 (multiplies every step's limit: the CPU rehearsal is slower)
set -uo pipefail
cd "$(dirname "$0")/../.."
STAGE=$(realpath "${1:?STAGE}")
OUT=$(realpath -m "${2:?OUT}")
PROVIDER=${PROVIDER:-cuda}
LIMIT=${LIMIT:-}
BATCHES=${BATCHES:-1,64,1024,4096}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-3}
TORCH=${TORCH:-1}
DEADLINE=${DEADLINE:-480}
SCALE=${SCALE:-1}
SERVE_SECONDS=${SERVE_SECONDS:-15}
WORK=${WORK:-/tmp/trm-cuda-run}
mkdir -p "$OUT" "$WORK"
LOG="$OUT/run.log"
exec > >(tee -a "$LOG") 2>&1
START=$SECONDS
STATUS="$WORK/steps.jsonl"
: > "$STATUS"

# One step: name, time limit (s), command. Records rc and seconds; skips once DEADLINE has passed.
step() {
  local name=$1 limit=$(($2 * SCALE))
  shift 2
  local left=$((DEADLINE - (SECONDS - START)))
  if ((left < 5)); then
    echo "== $name: skipped (deadline)" >&2  # stderr: stdout may be the step's result file
    echo "{\"step\":\"$name\",\"rc\":null,\"skipped\":\"deadline\"}" >> "$STATUS"
    return
  fi
  ((limit > left)) && limit=$left
  echo "== $name (limit ${limit}s, at $((SECONDS - START))s)" >&2
  local t0=$SECONDS
  timeout -k 5 "$limit" "$@"
  local rc=$?
  echo "{\"step\":\"$name\",\"rc\":$rc,\"seconds\":$((SECONDS - t0)),\"limit\":$limit}" >> "$STATUS"
  ((rc == 124)) && echo "== $name: TIMED OUT after ${limit}s" >&2
}

# Java: the machine's if it is 17+, else the carried jlink runtime.
JAVA=java
JDK_DIR=${JDK_DIR:-$STAGE/jdk}
if [ -x "$JDK_DIR/bin/java" ]; then
  JAVA="$JDK_DIR/bin/java"
elif ! java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])'; then
  echo "no Java 17+ here and no $STAGE/jdk: carry the jlink runtime (bench/cuda/stage.sh JDK=1)"; exit 2
fi
# The CUDA 13 libraries of the PyTorch venv (cuBLAS, cuDNN, cuRAND, cuFFT, the runtime), before the JVM starts.
NV=$(python3 -c 'import glob, os, nvidia; print(":".join(sorted(glob.glob(os.path.join(list(nvidia.__path__)[0], "*", "lib")))))' 2>/dev/null)
export LD_LIBRARY_PATH="${NV:+$NV:}${LD_LIBRARY_PATH:-}"
export TRM_ORT_NATIVE_PATH="$STAGE/natives"
CP="$STAGE/trm.jar"
TRM=("$JAVA" -jar "$CP")
MIX="$STAGE/data/sudoku_eval_mix.csv"
echo "provider $PROVIDER  java $($JAVA -version 2>&1 | head -1)  LD_LIBRARY_PATH entries: $(tr ':' '\n' <<<"$NV" | grep -c .)"

step doctor 60 "${TRM[@]}" doctor --json > "$WORK/doctor.json"
cat "$WORK/doctor.json"; echo
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv 2>/dev/null || true

# Models: paper-size random cells (speed) exported in the background while the small steps run
# (torch.onnx export of D 512 takes minutes on a slow CPU), the fp16 Sudoku cell (accuracy delta).
# export_random and convert_fp16 need torch/onnx/onnxruntime's Python packages (the GPU image has them).
rm -f "$WORK/export.done"
( python3 export-scripts/export_random.py --variant mlp_t --hidden 512 --heads 8 --expansion 4 --seq-len 81 \
      --vocab 11 --L-cycles 6 --H-cycles 3 --puzzle-emb-len 16 --out "$WORK/paper-mlpt" > "$WORK/export-mlpt.log" 2>&1 &
  python3 export-scripts/export_random.py --variant attention --hidden 512 --heads 8 --expansion 4 --seq-len 81 \
      --vocab 11 --L-cycles 6 --H-cycles 3 --puzzle-emb-len 16 --out "$WORK/paper-attn" > "$WORK/export-attn.log" 2>&1 &
  wait; touch "$WORK/export.done" ) &
EXPORTS=$!
step convert-fp16 90 python3 export-scripts/convert_fp16.py --model models/src/main/resources/trm4j/models/sudoku \
    --out "$WORK/sudoku-fp16"

# Parity: the provider against the CPU provider, same natives, same rows, 16 steps.
PARITY_MODELS=(sudoku maze arc sequence)
for f in core/src/test/resources/fixtures/*/; do PARITY_MODELS+=("${f%/}"); done
parity() { # name limit models...
  local name=$1 limit=$2
  shift 2
  step "$name" "$limit" "$JAVA" -Donnxruntime.native.path="$TRM_ORT_NATIVE_PATH" -cp "$CP:$STAGE/classes" \
      ProviderParity --provider "$PROVIDER" --steps 16 --out "$WORK/$name.json" "$@"
}
parity parity 120 "${PARITY_MODELS[@]}"

# fp16 vs fp32 on the first 100 rows of each radcliffe class (500 rows), fixed 16 steps.
awk -F, 'NR==1 {print; next} $1 ~ /^radcliffe/ && n[$1]++ < 100' "$MIX" > "$WORK/radcliffe-500.csv"
step radcliffe-fp32 60 "${TRM[@]}" eval sudoku "$WORK/radcliffe-500.csv" --provider "$PROVIDER" --halting fixed \
    --max-steps 16 --batch 500 --json > "$WORK/radcliffe-fp32.out"
[ -d "$WORK/sudoku-fp16" ] && step radcliffe-fp16 60 "${TRM[@]}" eval sudoku "$WORK/radcliffe-500.csv" \
    --model "$WORK/sudoku-fp16" --provider "$PROVIDER" --halting fixed --max-steps 16 --batch 500 --json \
    > "$WORK/radcliffe-fp16.out"

# Accuracy on the whole mix with the model's own halting (what the card's CPU figure used).
step mix 150 "${TRM[@]}" eval sudoku "$MIX" ${LIMIT:+--limit $LIMIT} --provider "$PROVIDER" --by source \
    --batch 1024 --json > "$WORK/mix.out"

# The paper-size cells: wait for their export, then parity (random tokens) like the others.
step wait-export 120 bash -c "until [ -f '$WORK/export.done' ]; do sleep 1; done"
pkill -P "$EXPORTS" 2> /dev/null; kill "$EXPORTS" 2> /dev/null  # an export still running at the limit
[ -f "$WORK/paper-mlpt/cell.onnx" ] && [ -f "$WORK/paper-attn/cell.onnx" ] && \
    parity parity-paper 90 "$WORK/paper-mlpt" "$WORK/paper-attn"

# Speed: trm bench, fixed 16 steps, then the copy estimate from the same figures.
for m in sudoku "$WORK/paper-mlpt" "$WORK/paper-attn"; do
  name=$(basename "$m")
  [ "$m" = sudoku ] || [ -f "$m/cell.onnx" ] || continue
  step "bench-$name" 90 "${TRM[@]}" bench "$m" --provider "$PROVIDER" --batch "$BATCHES" --steps 16 --runs "$RUNS" \
      --warmup "$WARMUP" --json > "$WORK/bench-$name.jsonl"
  dir=$m; [ "$m" = sudoku ] && dir=models/src/main/resources/trm4j/models/sudoku
  step "copy-$name" 30 python3 bench/cuda/copy_probe.py --bench-json "$WORK/bench-$name.jsonl" --model "$dir" \
      --device "$([ "$PROVIDER" = cpu ] && echo cpu || echo cuda)" > "$WORK/copy-$name.jsonl"
done

# PyTorch on the same weights and device: eager, then torch.compile.
if [ "$TORCH" = 1 ]; then
  TDEV=$([ "$PROVIDER" = cpu ] && echo cpu || echo cuda)
  for m in models/src/main/resources/trm4j/models/sudoku "$WORK/paper-mlpt" "$WORK/paper-attn"; do
    [ -f "$m/cell.onnx" ] || continue
    name=$(basename "$m")
    step "torch-eager-$name" 60 python3 export-scripts/bench_torch.py --model "$m" --device "$TDEV" \
        --batch "$BATCHES" --steps 16 --runs "$RUNS" --warmup "$WARMUP" > "$WORK/torch-eager-$name.jsonl"
    step "torch-compile-$name" 90 python3 export-scripts/bench_torch.py --model "$m" --device "$TDEV" --compile \
        --batch "$BATCHES" --steps 16 --runs "$RUNS" --warmup "$WARMUP" > "$WORK/torch-compile-$name.jsonl"
  done
fi

# trm serve under a short closed-loop load.
PORT=18089
"${TRM[@]}" serve --model sudoku --provider "$PROVIDER" --port $PORT --max-batch 256 > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 60); do curl -sf "localhost:$PORT/healthz" > /dev/null && break; sleep 0.5; done
step loadtest $((SERVE_SECONDS + 30)) "${TRM[@]}" loadtest "http://127.0.0.1:$PORT/v1/solve/sudoku" --file "$MIX" \
    --clients 32 --duration "$SERVE_SECONDS" --warmup 3 > "$WORK/loadtest.out"
curl -sf "localhost:$PORT/metrics" > "$WORK/serve-metrics.txt" 2>&1 || true
kill -TERM $SERVER 2> /dev/null; wait $SERVER 2> /dev/null

python3 bench/cuda/collect.py --work "$WORK" --provider "$PROVIDER" --limit "${LIMIT:-all}" \
    --reference bench/cuda/cpu_reference.json --out "$OUT/results.json"
echo "== done in $((SECONDS - START))s: $OUT/results.json"
