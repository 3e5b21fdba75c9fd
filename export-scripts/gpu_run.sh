#!/usr/bin/env bash
# One prepared GPU session (the `device` tool, an H200): trains the bundled models side by side on
# one GPU, then evaluates each in PyTorch on the reference data. Everything (checkpoints, metrics,
# logs) is written under $OUT so that it comes back even if the command is cut short.
#   usage (repo root): OUT=/some/dir W=6.8 bash export-scripts/gpu_run.sh
set -u
cd "$(dirname "$0")"
W=${W:-6.8}
mkdir -p "$OUT/runs" "$OUT/logs"
cp -r runs/sudoku-mlpt-d128-curr "$OUT/runs/" 2>/dev/null
rm -rf runs && ln -s "$OUT/runs" runs
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
python3 -c "import torch, numpy; print('torch', torch.__version__, 'cuda', torch.cuda.is_available())"
common="--device cuda --amp --wall-minutes $W --minutes 100000 --eval-every 1.5 --seed 0"
python3 train_sudoku.py --run gpu-sudoku-d128 --init-from runs/sudoku-mlpt-d128-curr/ckpt.pt --variant mlp_t \
  --hidden 128 --expansion 2 --L-cycles 3 --H-cycles 2 --batch 1024 --lr 1e-3 --heldout-n 1000 \
  --hint-prob 0.5 --hint-max-givens 55 $common > "$OUT/logs/sudoku-d128.log" 2>&1 &
python3 train_sudoku.py --run gpu-sudoku-d256 --variant mlp_t --hidden 256 --expansion 2 --L-cycles 3 --H-cycles 2 \
  --batch 1024 --lr 1e-3 --heldout-n 1000 --hint-prob 0.5 --hint-max-givens 55 $common > "$OUT/logs/sudoku-d256.log" 2>&1 &
python3 train_maze.py --run gpu-maze13 --canvas 13 --lattice 6 --per-size 20000 --heldout-n 500 --workers 4 \
  --variant attention --hidden 128 --expansion 2 --L-cycles 3 --H-cycles 2 --batch 512 --lr 1e-3 $common \
  > "$OUT/logs/maze13.log" 2>&1 &
python3 train_maze.py --run gpu-maze21 --canvas 21 --lattice 6 7 8 9 10 --weights 3 1 1 1 3 --per-size 20000 \
  --heldout-n 500 --workers 4 --variant attention --hidden 128 --expansion 2 --L-cycles 3 --H-cycles 2 \
  --batch 256 --lr 1e-3 $common > "$OUT/logs/maze21.log" 2>&1 &
python3 train_sequence.py --run gpu-sequence --variant attention --hidden 128 --expansion 2 --L-cycles 3 --H-cycles 2 \
  --batch 512 --lr 1e-3 --heldout-n 1000 $common > "$OUT/logs/sequence.log" 2>&1 &
sleep 45; nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader
wait
nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader
ev="--device cuda --amp --batch 2000"
python3 eval_torch.py --run gpu-sudoku-d128 --task sudoku --csv data/eval/sudoku_eval_mix.csv $ev > "$OUT/logs/eval-sudoku-d128.json" 2>&1 &
python3 eval_torch.py --run gpu-sudoku-d256 --task sudoku --csv data/eval/sudoku_eval_mix.csv $ev > "$OUT/logs/eval-sudoku-d256.json" 2>&1 &
python3 eval_torch.py --run gpu-maze13 --task maze --by none --csv data/eval/maze_dataset_dfs_6x6_13x13_n10000.csv $ev > "$OUT/logs/eval-maze13-13.json" 2>&1 &
python3 eval_torch.py --run gpu-maze21 --task maze --by none --csv data/eval/maze_dataset_dfs_6x6_13x13_n10000.csv $ev > "$OUT/logs/eval-maze21-13.json" 2>&1 &
python3 eval_torch.py --run gpu-maze21 --task maze --by none --csv data/eval/maze_dataset_dfs_10x10_21x21_n1000.csv $ev > "$OUT/logs/eval-maze21-21.json" 2>&1 &
wait
rm -f "$OUT"/runs/*/ckpt.tmp
tail -n 3 "$OUT"/logs/*.log; cat "$OUT"/logs/eval-*.json
