#!/usr/bin/env python3
"""Write generated number sequences as JSONL for evaluation (`trm eval sequence FILE`):
one `{"terms": [...], "family": "..."}` per line, the given terms followed by the answer as the
last term (k = 1).

    python3 export-scripts/gen_sequences.py --out data/sequences_heldout.jsonl --n 1000 --split heldout --seed 1
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from trm import sequence as sq  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--split", default="heldout", choices=["heldout", "train", "any"])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--families", nargs="+", default=None, choices=sq.FAMILY_NAMES)
    a = ap.parse_args()
    t, n, k, f = sq.generate(np.random.default_rng(a.seed), a.n, split=a.split, k=1, families=a.families)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with open(a.out, "w") as out:
        for terms, fam in zip(sq.as_lists(t, n, k), f):
            out.write(json.dumps({"terms": terms, "family": sq.FAMILY_NAMES[fam]}) + "\n")
    print(f"wrote {a.n} sequences ({a.split} split) to {a.out}")


if __name__ == "__main__":
    main()
