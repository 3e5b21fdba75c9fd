#!/usr/bin/env python3
"""Write the maze evaluation sets (CSV, `trm eval maze FILE --by source` reads them) from a seed.

    python3 export-scripts/gen_maze_eval.py --out export-scripts/data/maze_eval --seed 2026

Sets (square mazes; columns question, answer, source, length, paths, moves):
- heldout_13x13.csv, heldout_21x21.csv: generators never used in training (train_maze_gen.py's
  HELDOUT_GENERATORS): wilson and division perfect mazes, the same with 10% of their walls between
  rooms removed (`+loops`), rooms and caves open layouts (loops everywhere); start and goal on any
  two connected open squares, a third of them far apart (G among the farthest quarter from S);
- seen_13x13.csv: the training generators (dfs, kruskal, prim, aldous_broder, obstacles, half of
  the lattices braided) with the same placements, for comparison;
- long_30x30.csv: Maze-Hard-like, 29x29 lattices on a 30x30 grid (the last row and column wall),
  S at one end of the maze's longest path, G any square more than 110 moves away; dfs, kruskal,
  wilson, division.
`answer` holds one shortest path (the canonical one, trm/maze_gen.py); `paths` is 1 or 2+ (how
many shortest paths exist): with 2+, any verified shortest path is right and `exact` may miss it.
"""
import argparse
import csv
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from trm import maze, maze_gen  # noqa: E402

HELDOUT = (("wilson", 0.0), ("wilson", 0.1), ("division", 0.0), ("division", 0.1), ("rooms", 0.0), ("caves", 0.0))
SEEN = (("dfs", 0.0), ("dfs", 0.1), ("kruskal", 0.0), ("kruskal", 0.1), ("prim", 0.1), ("aldous_broder", 0.0),
        ("obstacles", 0.0))
LONG = ("dfs", "kruskal", "wilson", "division")
LENGTHS = ((1, 10), (11, 20), (21, 40), (41, 80), (81, 110), (111, 10_000))


def length_bucket(moves: int) -> str:
    for lo, hi in LENGTHS:
        if lo <= moves <= hi:
            return f"{lo}+" if hi == 10_000 else f"{lo}-{hi}"
    raise ValueError(f"moves {moves} out of range")


def row(m: dict) -> dict:
    source = m["generator"] + ("+loops" if m["braid"] else "")
    return {"question": maze.to_text(m["question"]), "answer": maze.to_text(m["answer"]), "source": source,
            "length": length_bucket(m["moves"]), "paths": "1" if m["paths"] == 1 else "2+", "moves": m["moves"]}


def mixed(kinds, size: int, per_kind: int, rng: np.random.Generator) -> list[dict]:
    out = []
    for gen, braid_share in kinds:
        for i in range(per_kind):
            out.append(row(maze_gen.make(gen, size, size, "far" if i % 3 == 0 else "any", rng, braid_share)))
    return out


def write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"{path}: {len(rows)} mazes", flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--per-kind", type=int, default=50, help="mazes per generator setting in the 13x13/21x21 sets")
    ap.add_argument("--long-n", type=int, default=100, help="mazes in the 30x30 long-path set")
    ap.add_argument("--long-moves", type=int, default=110)
    a = ap.parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(a.seed)
    write(a.out / "heldout_13x13.csv", mixed(HELDOUT, 13, a.per_kind, rng))
    write(a.out / "heldout_21x21.csv", mixed(HELDOUT, 21, a.per_kind, rng))
    write(a.out / "seen_13x13.csv", mixed(SEEN, 13, a.per_kind // 2 or 1, rng))
    write(a.out / "long_30x30.csv", [row(maze_gen.make_long(LONG[i % len(LONG)], 30, a.long_moves, rng))
                                     for i in range(a.long_n)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
