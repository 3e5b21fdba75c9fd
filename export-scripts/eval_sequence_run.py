#!/usr/bin/env python3
"""Held-out accuracy of a sequence training run's checkpoint (PyTorch): argmax, and the answers as
the Java head reads them (trm/sequence_read.py), per family and per modulus. The Java
`trm eval sequence` is the figure of record for an exported model.

    python3 export-scripts/eval_sequence_run.py --run rns5-diffs-d64 --n 500 --steps 1
    python3 export-scripts/eval_sequence_run.py --run rns5-diffs-d64 --file /tmp/seq_val.jsonl
    python3 export-scripts/eval_sequence_run.py --model-dir models/src/main/resources/trm4j/models/sequence \
        --file export-scripts/data/sequences_extra_heldout.jsonl     # an exported model, e.g. the bundled one

--weights model: the raw weights (what a short run has learned; the EMA lags), ema: the weights
the trainer evaluates and exports.
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
from trm import sequence as sq  # noqa: E402
from trm import sequence_diffs, sequence_read, sequence_rns as rns  # noqa: E402
from trm.model import TRM, TrmConfig  # noqa: E402
from trm.model_dir import load_model_dir  # noqa: E402
from train_sequence import HELDOUT_SEED  # noqa: E402


def cases(a, tz):
    """(tokens, given terms, answers, family names) of the JSONL file (each line's last term of its
    first 13 is the answer), else the trainer's held-out set."""
    if a.file:
        rows = [json.loads(line) for line in Path(a.file).read_text().splitlines() if line.strip()]
        seqs = [r["terms"][:13] for r in rows]
        tok = np.stack([tz.encode(s, 1)[0] for s in seqs])
        return tok, [s[:-1] for s in seqs], [s[-1] for s in seqs], [r.get("family", "?") for r in rows]
    tok, lab, fam = tz.sample_tokens(np.random.default_rng(HELDOUT_SEED), a.n, split="heldout", k=1,
                                     families=a.families)
    given = [rns.decode_given(lab[i, :rns.SEQ_LEN]) for i in range(len(tok))]
    answers = [rns.decode(lab[i, :rns.SEQ_LEN])[0] for i in range(len(tok))]
    return tok, given, answers, [sq.FAMILY_NAMES[f] for f in fam]


def main():
    ap = argparse.ArgumentParser()
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--run", help="run name under export-scripts/runs")
    source.add_argument("--model-dir", type=Path, help="an exported model directory instead (trm/model_dir.py)")
    ap.add_argument("--weights", default="ema", choices=["ema", "model"])
    ap.add_argument("--n", type=int, default=500, help="held-out sequences (k = 1) when no --file")
    ap.add_argument("--file", default=None, help="a JSONL file of {\"terms\": [...], \"family\": ...} instead")
    ap.add_argument("--steps", type=int, default=1)
    ap.add_argument("--families", nargs="+", default=None, choices=sq.FAMILY_NAMES)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    if a.model_dir:
        model, step = load_model_dir(a.model_dir), None
    else:
        ck = torch.load(Path(__file__).parent / "runs" / a.run / "ckpt.pt", map_location="cpu", weights_only=False)
        model, step = TRM(TrmConfig(**ck["model_cfg"])), ck["step"]
        model.load_state_dict(ck[a.weights])
    model.eval()
    tz = sequence_diffs if model.cfg.vocab_size == sequence_diffs.VOCAB_SIZE else rns
    tok, given, answers, fam = cases(a, tz)
    x = torch.from_numpy(tok)
    with torch.no_grad():
        y, z = model.initial_state(len(x))
        for _ in range(a.steps):
            y, z, logits, _, _ = model.step(x, y, z, torch.zeros(len(x), dtype=torch.long), grad_last_cycle_only=False)
    logits = logits.numpy()
    s = rns.ANSWER_START
    truth = np.stack([rns.residue_tokens(v) for v in answers])
    right = logits[:, s:s + rns.CHANNELS].argmax(-1) == truth
    argmax = right.all(1)
    read = np.array([sequence_read.read_all(logits[i], given[i], 1)[0] == answers[i] for i in range(len(x))])
    fam = np.array(fam)
    print(json.dumps({
        "run": a.run or str(a.model_dir), "weights": a.weights, "step": step, "n": len(x), "steps": a.steps,
        "argmax_exact": round(float(argmax.mean()), 4), "read_exact": round(float(read.mean()), 4),
        "per_modulus_argmax": {str(m): round(float(v), 3) for m, v in zip(rns.MODULI, right.mean(0))},
        "per_family_read": {f: round(float(read[fam == f].mean()), 3) for f in sorted(set(fam))},
    }))


if __name__ == "__main__":
    main()
