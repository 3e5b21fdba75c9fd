#!/usr/bin/env python3
"""Train a number-sequence TRM ("2, 4, 8, 16, ?" -> 32) on freshly generated sequences
(resumable: rerun the same command to continue a run).

    nice python3 export-scripts/train_sequence.py --run seq-att --hidden 128 --minutes 120
    python3 export-scripts/train_sequence.py --run seq-gpu --device cuda --amp --batch 512 \
        --wall-minutes 40 --minutes 600

Tokenization, families and the held-out split: trm/sequence.py. The held-out set is 1000 samples
(fixed seed) from the held-out parameter split, k=1, mixed families; a sample is exact when the
answer slots 12..14 (positions 96..119) are all right.
"""
import argparse
import dataclasses
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
from trm import sequence as sq  # noqa: E402
from trm.model import TrmConfig  # noqa: E402
from trm.train import Task, TrainConfig, Trainer  # noqa: E402

HERE = Path(__file__).parent
HELDOUT_SEED = 20240905


class SequenceTask(Task):
    def __init__(self, seed: int, heldout_n: int = 1000, k: int | None = None):
        self.rng = np.random.default_rng(seed)
        self.k = k
        tok, lab, fam = sq.sample_tokens(np.random.default_rng(HELDOUT_SEED), heldout_n, split="heldout", k=1)
        self._heldout = torch.from_numpy(tok), torch.from_numpy(lab)
        self.heldout_families = fam

    def sample(self, n):
        tok, lab, _ = sq.sample_tokens(self.rng, n, split="train", k=self.k)
        return torch.from_numpy(tok), torch.from_numpy(lab)

    def heldout(self):
        return self._heldout

    def exact(self, pred, labels, inputs):
        return (pred[:, sq.ANSWER_START:] == labels[:, sq.ANSWER_START:]).all(dim=1)


@torch.no_grad()
def per_family(model, task: SequenceTask, steps: int, device: str, batch: int = 250) -> dict:
    """Exact answers after `steps` supervision steps, per family, on the held-out set."""
    model.eval()
    inputs, labels = task.heldout()
    ok = []
    for i in range(0, inputs.shape[0], batch):
        x, lab = inputs[i:i + batch].to(device), labels[i:i + batch].to(device)
        p = torch.zeros(x.shape[0], dtype=torch.long, device=device)
        y, z = model.initial_state(x.shape[0])
        for _ in range(steps):
            y, z, logits, _, _ = model.step(x, y, z, p, grad_last_cycle_only=False)
        ok.append(task.exact(logits.argmax(-1), lab, x).cpu())
    ok = torch.cat(ok).numpy()
    fam = task.heldout_families
    return {"exact": round(float(ok.mean()), 4),
            **{sq.FAMILY_NAMES[f]: round(float(ok[fam == f].mean()), 3) for f in np.unique(fam)}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", required=True, help="run name: checkpoints and metrics in export-scripts/runs/RUN")
    ap.add_argument("--variant", default="attention", choices=["mlp_t", "attention"])
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--expansion", type=float, default=4.0)
    ap.add_argument("--L-cycles", type=int, default=3)
    ap.add_argument("--H-cycles", type=int, default=2)
    ap.add_argument("--max-steps", type=int, default=16)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--minutes", type=float, default=120)
    ap.add_argument("--eval-every", type=float, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--heldout-n", type=int, default=1000)
    ap.add_argument("--k", type=int, default=None, choices=[1, 2, 3],
                    help="train on this many answer terms only (default: 1..3 uniformly)")
    ap.add_argument("--device", default="cpu", help="cpu or cuda")
    ap.add_argument("--amp", action="store_true", help="bf16 autocast on CUDA")
    ap.add_argument("--wall-minutes", type=float, default=None, help="stop after this much wall time of this run")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    mc = TrmConfig(vocab_size=len(sq.VOCAB), seq_len=sq.SEQ_LEN, hidden_size=a.hidden, num_heads=a.heads,
                   expansion=a.expansion, L_cycles=a.L_cycles, H_cycles=a.H_cycles, max_steps=a.max_steps,
                   variant=a.variant)
    kw = dict(batch=a.batch, lr=a.lr, minutes=a.minutes, eval_every_min=a.eval_every, seed=a.seed)
    extra = dict(device=a.device, amp=a.amp, wall_minutes=a.wall_minutes)
    fields = {f.name for f in dataclasses.fields(TrainConfig)}
    for name, value in extra.items():  # pass through what this trainer supports
        if name in fields:
            kw[name] = value
        elif value not in (None, False, "cpu"):
            sys.exit(f"this trainer has no {name} option (TrainConfig lacks it)")
    tc = TrainConfig(**kw)
    task = SequenceTask(a.seed, a.heldout_n, a.k)
    print(f"held-out: {a.heldout_n} sequences, families {np.bincount(task.heldout_families).tolist()}", flush=True)
    trainer = Trainer(mc, tc, task, HERE / "runs" / a.run)
    print(f"params {trainer.model.num_params()}", flush=True)
    trainer.run()
    dev = next(trainer.ema.parameters()).device
    trainer.log({"per_family": per_family(trainer.ema, task, a.max_steps, str(dev)), "steps": a.max_steps})


if __name__ == "__main__":
    main()
