#!/usr/bin/env bash
# Verified search (issue 12): exact accuracy per class, loop runs and time per puzzle for the
# plain loop (none) and each strategy at each budget, on the first N puzzles of each class.
#   bench/search.sh [OUT_DIR]                                  (default /tmp/search)
# Settings (environment):
#   PER_CLASS=100            puzzles per class (the first N rows of each class, in file order)
#   BUDGETS="2 4 8 16"       loop runs per puzzle, the first included (= Nx the base compute)
#   STRATEGIES="sample fill restarts augment consensus"   (maze: "sample restarts"; fill and consensus commit cells, augment needs symmetric variants)
#   HEAD=sudoku MODEL=sudoku FILE=/work/shared/data/sudoku/sudoku_eval_mix.csv BY=source
#   THREADS=$(nproc) SEED=0 EXTRA=""   (EXTRA: more eval flags, e.g. "--max-steps 16")
# Every eval runs with --batch 1, so time per puzzle is each puzzle's own (none included).
# BY=source: sudoku_eval_mix.csv's difficulty_class lumps the five radcliffe3m_curated grades into
# one class ("graded easy..expert"); source names each of its 12 classes apart.
# Run from a copy of the jar (a rebuild of cli/target must not swap classes under a running JVM).
# Runs sequentially; the full default run is 13 evals of 1,200 puzzles: hours on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/search}
PER_CLASS=${PER_CLASS:-100}
BUDGETS=${BUDGETS:-"2 4 8 16"}
STRATEGIES=${STRATEGIES:-"sample fill restarts augment consensus"}
HEAD=${HEAD:-sudoku}
MODEL=${MODEL:-$HEAD}
FILE=${FILE:-/work/shared/data/sudoku/sudoku_eval_mix.csv}
BY=${BY:-source}
THREADS=${THREADS:-$(nproc)}
SEED=${SEED:-0}
EXTRA=${EXTRA:-}
mkdir -p "$OUT"
[ -f cli/target/trm.jar ] || (mvn -B -q -DskipTests package)
cp cli/target/trm.jar "$OUT/trm.jar"
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/log.txt"; }
{ uname -m; nproc; java -version 2>&1 | head -1; grep -m1 "model name" /proc/cpuinfo || true; uptime; } > "$OUT/machine.txt"

run() { # name, then search flags
  local name=$1; shift
  log "$name"
  # shellcheck disable=SC2086
  java -jar "$OUT/trm.jar" eval "$HEAD" "$FILE" --model "$MODEL" --by "$BY" --per-class-limit "$PER_CLASS" \
      --batch 1 --threads "$THREADS" --json $EXTRA "$@" 2>/dev/null > "$OUT/$name.txt"
  tail -n 1 "$OUT/$name.txt" > "$OUT/$name.json"
}

run none
for s in $STRATEGIES; do
  for b in $BUDGETS; do
    run "$s-$b" --search "$s" --budget "$b" --seed "$SEED"
  done
done
log "table"
python3 bench/search_table.py "$OUT" | tee "$OUT/table.md"
