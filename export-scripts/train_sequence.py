#!/usr/bin/env python3
"""Train a number-sequence TRM ("2, 4, 8, 16, ?" -> 32) on freshly generated sequences
(resumable: rerun the same command to continue a run).

    nice python3 export-scripts/train_sequence.py --run seq-att --hidden 128 --minutes 120
    # a fine-tune of an exported model (same architecture flags), e.g. on more families:
    python3 export-scripts/train_sequence.py --run seq-ft ... --init-from models/src/main/resources/trm4j/models/sequence
    # the bundled model (models/.../sequence/CARD.md has every flag):
    python3 export-scripts/train_sequence.py --run rns5-diffs-d64 --variant mlp_cols --diff-levels ...
    python3 export-scripts/train_sequence.py --run seq-gpu --device cuda --amp --batch 512 \
        --wall-minutes 40 --minutes 600

Families and the held-out split: trm/sequence.py; tokenization (residues): trm/sequence_rns.py,
with --diff-levels also the differences' residues: trm/sequence_diffs.py.
The held-out set is 1000 samples (fixed seed) from the held-out parameter split, k=1, mixed
families; a sample is exact when the answer slots 12..14 (positions 108..134) are all right. The
loss covers only the residues to predict (--all-tokens-loss: every token).
"""
import argparse
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
from trm import sequence as sq  # noqa: E402
from trm import sequence_diffs, sequence_rns as rns  # noqa: E402
from trm.cli_args import add_training_args, configs  # noqa: E402
from trm.model_dir import load_model_dir  # noqa: E402
from trm.train import Task, Trainer, rollout  # noqa: E402

HERE = Path(__file__).parent
HELDOUT_SEED = 20240905


class SequenceTask(Task):
    def __init__(self, seed: int, heldout_n: int = 1000, k: int | None = None, answers_only: bool = True,
                 families: list[str] | None = None, tokenization=rns):
        self.rng = np.random.default_rng(seed)
        self.tokens = tokenization  # trm.sequence_rns or trm.sequence_diffs
        self.k = k
        self.families = families
        self.answers_only = answers_only
        tok, lab, fam = self.tokens.sample_tokens(np.random.default_rng(HELDOUT_SEED), heldout_n, split="heldout",
                                                  k=1, families=families)
        self._heldout = torch.from_numpy(tok), torch.from_numpy(lab)
        self.heldout_families = fam

    def sample(self, n):
        tok, lab, _ = self.tokens.sample_tokens(self.rng, n, split="train", k=self.k, families=self.families)
        return torch.from_numpy(tok), torch.from_numpy(lab)

    def heldout(self):
        return self._heldout

    def exact(self, pred, labels, inputs):
        # Only the answers' residues (level 0): unused answer slots are not trained (nor read by the
        # head), the difference levels are trained but not read.
        return ((pred == labels) | ~rns.is_ask(inputs)).all(dim=1)

    def loss_weights(self, labels, inputs):
        # Only the residues to predict: the given ones are copies the head never reads.
        return self.tokens.is_ask(inputs).float() if self.answers_only else None


@torch.no_grad()
def fourier_init(model) -> None:
    """Residue r of modulus m starts as (cos, sin)(2 pi k r / m) for k = 1..m//2 in the first
    dimensions (the rest keep their random init): sums of residues mod m are then rotations, which
    the SwiGLU products can compose. Only the starting point; training moves it freely."""
    emb = model.embed_tokens
    d = emb.shape[1]
    amp = (2.0 / d) ** 0.5
    for c, m in enumerate(rns.MODULI):
        r = torch.arange(m, dtype=torch.float32)
        rows = rns.FIRST_RESIDUE + rns.OFFSETS[c] + torch.arange(m)
        for k in range(1, m // 2 + 1):
            if 2 * k <= d:
                emb[rows, 2 * k - 2] = amp * torch.cos(2 * torch.pi * k * r / m)
                emb[rows, 2 * k - 1] = amp * torch.sin(2 * torch.pi * k * r / m)


@torch.no_grad()
def per_family(model, task: SequenceTask, steps: int, device: str, batch: int = 250) -> dict:
    """Exact answers after `steps` supervision steps, per family, on the held-out set."""
    model.eval()
    inputs, labels = task.heldout()
    ok = []
    for i in range(0, inputs.shape[0], batch):
        x, lab = inputs[i:i + batch].to(device), labels[i:i + batch].to(device)
        pred = rollout(model, x, steps, keep=(steps,), device=device)[0][steps]
        ok.append(task.exact(pred, lab, x).cpu())
    ok = torch.cat(ok).numpy()
    fam = task.heldout_families
    return {"exact": round(float(ok.mean()), 4),
            **{sq.FAMILY_NAMES[f]: round(float(ok[fam == f].mean()), 3) for f in np.unique(fam)}}


def main():
    ap = argparse.ArgumentParser()
    add_training_args(ap, variant="attention", heldout_n=1000)
    ap.add_argument("--all-tokens-loss", action="store_true",
                    help="cross-entropy over every token, not only the ones to predict")
    ap.add_argument("--fourier-init", action="store_true",
                    help="start the residue embeddings as Fourier features of their modulus")
    ap.add_argument("--families", nargs="+", default=None, choices=sq.FAMILY_NAMES,
                    help="train and evaluate on these families (default: the twelve base families, sq.BASE_FAMILIES)")
    ap.add_argument("--k", type=int, default=None, choices=[1, 2, 3],
                    help="train on this many answer terms only (default: 1..3 uniformly)")
    ap.add_argument("--init-from", type=Path, default=None,
                    help="start from the weights of this exported model directory (e.g. the bundled one, "
                         "models/src/main/resources/trm4j/models/sequence); the flags must give its architecture")
    ap.add_argument("--diff-levels", action="store_true",
                    help="tokenize with the difference levels of trm/sequence_diffs.py (seq_len 405)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    tz = sequence_diffs if a.diff_levels else rns
    mc, tc = configs(a, vocab_size=tz.VOCAB_SIZE, seq_len=tz.SEQ_LEN, grid_width=rns.CHANNELS)
    task = SequenceTask(a.seed, a.heldout_n, a.k, not a.all_tokens_loss, a.families, tz)
    print(f"held-out: {a.heldout_n} sequences, families {np.bincount(task.heldout_families).tolist()}", flush=True)
    trainer = Trainer(mc, tc, task, HERE / "runs" / a.run)
    if a.init_from and trainer.step_count == 0:  # a fine-tune: the exported weights, not a random start
        start = load_model_dir(a.init_from, max_steps=mc.max_steps)
        if start.cfg != mc:
            raise SystemExit(f"--init-from {a.init_from}: its architecture {start.cfg} is not the flags' {mc}")
        trainer.model.load_state_dict(start.state_dict())
        trainer.ema.load_state_dict(start.state_dict())
        trainer.log({"event": "init_from", "model_dir": str(a.init_from)})
    elif a.fourier_init and trainer.step_count == 0:
        fourier_init(trainer.model)
        trainer.ema.load_state_dict(trainer.model.state_dict())
    print(f"params {trainer.model.num_params()}", flush=True)
    trainer.run()
    dev = next(trainer.ema.parameters()).device
    trainer.log({"per_family": per_family(trainer.ema, task, a.max_steps, str(dev)), "steps": a.max_steps})


if __name__ == "__main__":
    main()
