#!/usr/bin/env python3
"""Export a random-weight TRM cell of any size into a model directory (for size checks and
benchmarks), and print the cell file size against the weight size.

    python3 export-scripts/export_random.py --variant attention --hidden 512 --heads 8 \
        --seq-len 81 --vocab 11 --L-cycles 6 --H-cycles 3 --out /tmp/paper-attn

With --head sequence (vocab 123, seq_len 135) the manifest names the sequence head's tokens
(trm/sequence_rns.py); other heads get t1, t2, ...
"""
import argparse
import json
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).parent))
from trm.export import export_model_dir, weight_bytes  # noqa: E402
from trm.model import TRM, TrmConfig  # noqa: E402
from trm import sequence_rns as rns  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", default="attention", choices=["mlp_t", "attention"])
    ap.add_argument("--hidden", type=int, default=512)
    ap.add_argument("--heads", type=int, default=8)
    ap.add_argument("--expansion", type=float, default=4.0)
    ap.add_argument("--seq-len", type=int, default=81)
    ap.add_argument("--vocab", type=int, default=11)
    ap.add_argument("--L-cycles", type=int, default=6)
    ap.add_argument("--H-cycles", type=int, default=3)
    ap.add_argument("--puzzle-emb-len", type=int, default=16)
    ap.add_argument("--head", default="tokens", help="head named in the manifest")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    cfg = TrmConfig(vocab_size=a.vocab, seq_len=a.seq_len, hidden_size=a.hidden, num_heads=a.heads,
                    expansion=a.expansion, L_cycles=a.L_cycles, H_cycles=a.H_cycles,
                    puzzle_emb_len=a.puzzle_emb_len, variant=a.variant)
    trm = TRM(cfg)
    if a.head == "sequence" and (a.vocab, a.seq_len) == (rns.VOCAB_SIZE, rns.SEQ_LEN):
        vocab = rns.vocab()
    else:
        vocab = ["<pad>"] + [f"t{i}" for i in range(1, a.vocab)]
    export_model_dir(trm, a.out, name=a.out.name, head=a.head, vocab=vocab,
                     description=f"Random-weight {a.variant} TRM (D {a.hidden}) for size checks and benchmarks",
                     provenance={"seed": a.seed, "trained": False, "script": "export-scripts/export_random.py"})
    cell = (a.out / "cell.onnx").stat().st_size
    w = weight_bytes(trm)
    print(json.dumps({"out": str(a.out), "params": trm.num_params(), "weight_bytes": w,
                      "cell_onnx_bytes": cell, "ratio": round(cell / w, 3)}))


if __name__ == "__main__":
    main()
