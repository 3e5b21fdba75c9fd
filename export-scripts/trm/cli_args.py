"""Command-line options every training script shares (model shape, optimizer, budget, device)."""
from __future__ import annotations

import argparse

from .model import GRID_VARIANTS, TrmConfig
from .train import TrainConfig


def add_training_args(ap: argparse.ArgumentParser, variant: str = "mlp_t", heldout_n: int = 300) -> None:
    ap.add_argument("--run", required=True, help="run name: checkpoints and metrics in export-scripts/runs/RUN")
    ap.add_argument("--variant", default=variant, choices=["mlp_t", "mlp_cols", "attention", "conv"])
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--expansion", type=float, default=4.0)
    ap.add_argument("--L-cycles", type=int, default=3)
    ap.add_argument("--H-cycles", type=int, default=2)
    ap.add_argument("--prefix", type=int, default=None,
                    help="puzzle-embedding prefix positions (default: the official 16; conv and mlp_cols have none)")
    ap.add_argument("--max-steps", type=int, default=16)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--ema", type=float, default=0.999,
                    help="EMA decay of the exported/evaluated weights (0.999 averages ~1,000 steps: lower it for short runs)")
    ap.add_argument("--minutes", type=float, default=120, help="training-loop budget of the whole run (resumes count)")
    ap.add_argument("--anneal-minutes", type=float, default=0.0,
                    help="lr falls linearly to 0 over the last this-many minutes of --minutes (default: constant lr)")
    ap.add_argument("--wall-minutes", type=float, default=None, help="stop after this much wall time of this invocation")
    ap.add_argument("--eval-every", type=float, default=10, help="held-out evaluation every this many loop minutes")
    ap.add_argument("--heldout-n", type=int, default=heldout_n)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--device", default="cpu", help="cpu or cuda")
    ap.add_argument("--amp", action="store_true", help="bf16 autocast on CUDA")


def configs(a: argparse.Namespace, vocab_size: int, seq_len: int,
            grid_width: int = 0) -> tuple[TrmConfig, TrainConfig]:
    """grid_width: the task's row width, used by the grid variants conv and mlp_cols (no puzzle prefix)."""
    if a.max_steps < 2:
        raise SystemExit("--max-steps must be at least 2: halting exploration draws a minimum depth in 2..max-steps")
    grid = a.variant in GRID_VARIANTS
    if grid and not grid_width:
        raise SystemExit(f"--variant {a.variant} needs a grid task (the sequence laid out as rows)")
    mc = TrmConfig(vocab_size=vocab_size, seq_len=seq_len, hidden_size=a.hidden, num_heads=a.heads,
                   expansion=a.expansion, L_cycles=a.L_cycles, H_cycles=a.H_cycles, max_steps=a.max_steps,
                   variant=a.variant, grid_width=grid_width if grid else 0,
                   puzzle_emb_len=0 if grid else (TrmConfig.puzzle_emb_len if a.prefix is None else a.prefix))
    tc = TrainConfig(batch=a.batch, lr=a.lr, ema=a.ema, minutes=a.minutes, eval_every_min=a.eval_every, seed=a.seed,
                     device=a.device, amp=a.amp, wall_minutes=a.wall_minutes,
                     anneal_minutes=a.anneal_minutes)
    return mc, tc
