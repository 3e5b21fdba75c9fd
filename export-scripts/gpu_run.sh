#!/usr/bin/env bash
# A prepared GPU session (the `device` tool: one H200, 15 minutes in all): trains the named jobs
# ONE AFTER ANOTHER on the GPU (five side by side time-sliced it so badly that each got a fifth of
# the work, see docs/TRAINING.md), evaluates each in PyTorch on the reference data, and packs each
# run (checkpoint, metrics, logs, eval) into ONE file $OUT/RUN.tgz (the tool returns few files).
#   usage (repo root): OUT=/some/dir W=3.5 JOBS="maze13 sequence" bash export-scripts/gpu_run.sh
# carry: export-scripts/data (training pools, data/eval/ copies of ../shared/data CSVs) and, for
# warm starts, the runs they start from.
set -u
cd "$(dirname "$0")"
W=${W:-3.5}
JOBS=${JOBS:-"sudoku-d128 maze13"}
mkdir -p runs
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
common="--device cuda --amp --wall-minutes $W --minutes 100000 --eval-every 1000 --seed 0"
ev="--device cuda --amp --batch 2000"
for job in $JOBS; do
  run=gpu-$job
  case $job in
    sudoku-d128) timeout 600 python3 train_sudoku.py --run $run --init-from runs/sudoku-mlpt-d128-curr/ckpt.pt \
        --variant mlp_t --hidden 128 --expansion 2 --L-cycles 3 --H-cycles 2 --batch 1024 --lr 1e-3 --heldout-n 1000 \
        --hint-prob 0.5 --hint-max-givens 55 $common > runs/$job.log 2>&1
      python3 eval_torch.py --run $run --task sudoku --csv data/eval/sudoku_eval_mix.csv --by source $ev > runs/$job.eval.json ;;
    maze13) timeout 600 python3 train_maze.py --run $run --canvas 13 --lattice 3 4 5 6 --weights 1 1 2 6 --per-size 20000 \
        --heldout-n 500 --workers 12 --variant attention --hidden 128 --expansion 2 --L-cycles 3 --H-cycles 2 \
        --batch 512 --lr 1e-3 $common > runs/$job.log 2>&1
      python3 eval_torch.py --run $run --task maze --by none --csv data/eval/maze_dataset_dfs_6x6_13x13_n10000.csv $ev \
        > runs/$job.eval.json ;;
    maze21) timeout 600 python3 train_maze.py --run $run --canvas 21 --lattice 3 4 5 6 7 8 9 10 --weights 1 1 1 3 1 1 1 3 \
        --per-size 20000 --heldout-n 800 --workers 12 --variant attention --hidden 128 --expansion 2 --L-cycles 3 \
        --H-cycles 2 --batch 256 --lr 1e-3 $common > runs/$job.log 2>&1
      python3 eval_torch.py --run $run --task maze --by none --csv data/eval/maze_dataset_dfs_10x10_21x21_n1000.csv $ev \
        > runs/$job.eval.json ;;
    sequence) timeout 600 python3 train_sequence.py --run $run --variant mlp_cols --diff-levels --hidden 128 \
        --L-cycles 2 --H-cycles 1 --fourier-init --max-steps 2 --ema 0.99 --batch 1024 --lr 2e-3 \
        --heldout-n 1000 $common > runs/$job.log 2>&1 ;;
    *) echo "unknown job $job"; continue ;;
  esac
  cp runs/$job.log runs/$run/train.log; cp runs/$job.eval.json runs/$run/eval.json 2>/dev/null
  rm -f runs/$run/ckpt.tmp
  tar czf "$OUT/$run.tgz" -C runs $run
  tail -n 2 runs/$job.log; cat runs/$job.eval.json 2>/dev/null
done
