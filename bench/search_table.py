#!/usr/bin/env python3
"""Prints bench/search.sh's results as Markdown: exact accuracy per class (and the change against
none, in points), then mean loop runs, mean and p95 ms per puzzle, one row per strategy and budget."""
import json
import pathlib
import sys


def main(out: pathlib.Path) -> None:
    runs = {}
    for f in sorted(out.glob("*.json")):
        runs[f.stem] = json.loads(f.read_text())
    if "none" not in runs:
        sys.exit(f"{out}: no none.json (run bench/search.sh first)")
    order = ["none"] + sorted((k for k in runs if k != "none"),
                              key=lambda k: (k.rsplit("-", 1)[0], int(k.rsplit("-", 1)[1])))
    classes = list(runs["none"]["per_class"])
    base = runs["none"]["per_class"]
    print("| search | budget | " + " | ".join(f"{c} (n={base[c]['n']})" for c in classes)
          + " | all | runs/puzzle | ms/puzzle | p95 ms |")
    print("|---|---|" + "---|" * (len(classes) + 4))
    for k in order:
        r = runs[k]
        strategy, budget = ("none", "1") if k == "none" else k.rsplit("-", 1)
        cells = []
        for c in classes:
            e = r["per_class"][c]["exact"] * 100
            d = e - base[c]["exact"] * 100
            cells.append(f"{e:.1f}%" if k == "none" else f"{e:.1f}% ({d:+.1f})")
        print(f"| {strategy} | {budget} | " + " | ".join(cells)
              + f" | {r['exact'] * 100:.1f}% | {r['mean_loop_runs']:.2f} | {r['mean_ms']:.0f} | {r['p95_ms']:.0f} |")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/search"))
