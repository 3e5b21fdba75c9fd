"""ARC-AGI tasks as TRM training data, following the official builder
(SamsungSAILMontreal/TinyRecursiveModels dataset/build_arc_dataset.py) at a small scale.

Encoding (the Java head's ArcCodec, on a canvas of side C instead of 30): row-major, pad 0, end
marker 1 on the row just below the grid (its columns) and the column just right of it (its rows)
when inside the canvas, colors c -> c + 2 (vocab 12). Training pairs sit at one random offset
(the same for input and output, as the official translational augmentation); test inputs at the
top-left.

Augmentations: a color mapping (0 kept, 1-9 permuted) then a dihedral transform
(`dihedral(mapping[grid], t)`), one puzzle id each, named `<task>|||t<t>|||<mapping digits>`;
the task's own name is the identity. Id 0 is `<blank>` (never trained) as in the official
identifiers; the exporter appends `<mean>`, the mean of the learned rows (the unknown-task
fallback).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PAD, EOS, COLOR_OFFSET, VOCAB_SIZE = 0, 1, 2, 12
VOCAB = ["<pad>", "<eos>"] + [str(c) for c in range(10)]
SEPARATOR = "|||"
BLANK, MEAN = "<blank>", "<mean>"
IDENTITY = np.arange(10)


def dihedral(a: np.ndarray, t: int) -> np.ndarray:
    """The official dataset/common.py dihedral_transform (numpy semantics)."""
    return [lambda g: g, lambda g: np.rot90(g, 1), lambda g: np.rot90(g, 2), lambda g: np.rot90(g, 3),
            np.fliplr, np.flipud, lambda g: g.T, lambda g: np.fliplr(np.rot90(g, 1))][t](a)


def augment(grid: np.ndarray, t: int, mapping: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(dihedral(mapping[grid], t))


def puzzle_name(task: str, t: int, mapping: np.ndarray) -> str:
    if t == 0 and (mapping == IDENTITY).all():
        return task
    return f"{task}{SEPARATOR}t{t}{SEPARATOR}{''.join(str(int(c)) for c in mapping)}"


def encode(grid: np.ndarray, canvas: int, r0: int = 0, c0: int = 0) -> np.ndarray:
    rows, cols = grid.shape
    if r0 + rows > canvas or c0 + cols > canvas:
        raise ValueError(f"a {rows}x{cols} grid at ({r0}, {c0}) does not fit a {canvas}x{canvas} canvas")
    out = np.zeros((canvas, canvas), dtype=np.int64)
    out[r0:r0 + rows, c0:c0 + cols] = grid + COLOR_OFFSET
    if r0 + rows < canvas:
        out[r0 + rows, c0:c0 + cols] = EOS
    if c0 + cols < canvas:
        out[r0:r0 + rows, c0 + cols] = EOS
    return out.reshape(-1)


def load_tasks(folder: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))}


def _grids(pairs, keys=("input", "output")):
    return [np.array(p[k], dtype=np.int64) for p in pairs for k in keys if k in p]


def fits(task: dict, side: int, with_test_outputs: bool) -> bool:
    """Every demonstration grid and test input (and, when allowed to look, test output) is at most
    side x side. Evaluation tasks are chosen without looking at their test outputs."""
    grids = _grids(task["train"]) + _grids(task["test"], ("input", "output") if with_test_outputs else ("input",))
    return all(g.shape[0] <= side and g.shape[1] <= side for g in grids)


@dataclass
class Puzzle:
    name: str
    task: str
    pairs: list  # [(input grid, output grid)] after the augmentation


def build_puzzles(train_tasks: dict, eval_tasks: dict, augs: int, seed: int) -> tuple[list[Puzzle], list[str]]:
    """Puzzles (task x augmentation) and the identifiers list (index = puzzle id, 0 = <blank>).
    Training tasks contribute their demonstration and test pairs, evaluation tasks only their
    demonstrations (the TRM protocol)."""
    rng = np.random.default_rng(seed)
    puzzles: list[Puzzle] = []
    for source, tasks in (("train", train_tasks), ("eval", eval_tasks)):
        for task_id, task in tasks.items():
            pairs = task["train"] + (task["test"] if source == "train" else [])
            pairs = [(np.array(p["input"]), np.array(p["output"])) for p in pairs]
            seen = set()
            transforms = [0] + list(rng.permutation(np.arange(1, 8))[:augs - 1])
            for i, t in enumerate(transforms):
                mapping = IDENTITY if i == 0 else np.concatenate([[0], rng.permutation(np.arange(1, 10))])
                name = puzzle_name(task_id, int(t), mapping)
                if name in seen:
                    continue
                seen.add(name)
                puzzles.append(Puzzle(name, task_id, [(augment(a, t, mapping), augment(b, t, mapping)) for a, b in pairs]))
    identifiers = [BLANK] + [p.name for p in puzzles]
    return puzzles, identifiers


def sample_batch(puzzles: list[Puzzle], n: int, canvas: int, rng: np.random.Generator, translate: bool = True):
    """n training rows: a random puzzle (id = index + 1), one of its pairs, one random offset."""
    xs = np.zeros((n, canvas * canvas), dtype=np.int64)
    ys = np.zeros_like(xs)
    ids = rng.integers(0, len(puzzles), n)
    for row, i in enumerate(ids):
        pz = puzzles[i]
        a, b = pz.pairs[rng.integers(len(pz.pairs))]
        h, w = max(a.shape[0], b.shape[0]), max(a.shape[1], b.shape[1])
        r0 = int(rng.integers(0, canvas - h + 1)) if translate else 0
        c0 = int(rng.integers(0, canvas - w + 1)) if translate else 0
        xs[row], ys[row] = encode(a, canvas, r0, c0), encode(b, canvas, r0, c0)
    return xs, ys, ids + 1
