#!/usr/bin/env python3
"""Held-out accuracy of a sequence training run's checkpoint, per family and per modulus (PyTorch;
the Java `trm eval sequence` is the figure of record for an exported model).

    python3 export-scripts/eval_sequence_run.py --run rns2-mlpt-d64 --weights model --n 300

--weights model: the raw weights (what a short run has learned; the EMA of 0.999 lags about
1,000 optimizer steps), ema: the weights the trainer evaluates and exports.
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
from trm import sequence as sq  # noqa: E402
from trm import sequence_diffs, sequence_rns as rns  # noqa: E402
from trm.model import TRM, TrmConfig  # noqa: E402
from trm.train import rollout  # noqa: E402
from train_sequence import HELDOUT_SEED  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", required=True, help="run name under export-scripts/runs")
    ap.add_argument("--weights", default="ema", choices=["ema", "model"])
    ap.add_argument("--n", type=int, default=300, help="held-out sequences (k = 1)")
    ap.add_argument("--steps", type=int, default=16)
    ap.add_argument("--families", nargs="+", default=None, choices=sq.FAMILY_NAMES)
    a = ap.parse_args()
    torch.set_num_threads(1)
    ck = torch.load(Path(__file__).parent / "runs" / a.run / "ckpt.pt", map_location="cpu")
    model = TRM(TrmConfig(**ck["model_cfg"]))
    model.load_state_dict(ck[a.weights])
    model.eval()
    tz = sequence_diffs if model.cfg.vocab_size == sequence_diffs.VOCAB_SIZE else rns
    tok, lab, fam = tz.sample_tokens(np.random.default_rng(HELDOUT_SEED), a.n, split="heldout", k=1,
                                      families=a.families)
    pred = rollout(model, torch.from_numpy(tok), a.steps, keep=(a.steps,))[0][a.steps].numpy()
    s = rns.ANSWER_START
    right = pred[:, s:s + rns.CHANNELS] == lab[:, s:s + rns.CHANNELS]
    exact = right.all(1)
    print(json.dumps({
        "run": a.run, "weights": a.weights, "step": ck["step"], "n": a.n, "steps": a.steps,
        "exact": round(float(exact.mean()), 4),
        "per_modulus": {str(m): round(float(v), 3) for m, v in zip(rns.MODULI, right.mean(0))},
        "per_family": {sq.FAMILY_NAMES[f]: round(float(exact[fam == f].mean()), 3) for f in np.unique(fam)},
    }))


if __name__ == "__main__":
    main()
