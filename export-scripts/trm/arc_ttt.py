"""Per-task test-time training (TTT) of an ARC TRM on the task's demonstration pairs.

A task runs under a few augmentations (dihedral transform x color permutation, 0 kept), one puzzle
embedding row each, as TRM's protocol does. Fitting a task here means: starting from the base
model, fit on the task's demonstrations only (every augmentation, random translation on a canvas
just large enough for the task), one supervision step per optimizer step with slots refilled
after `max_steps` steps (the deep-supervision carry of trm/train.py without halting), and
token cross-entropy over the canvas. What is fitted:

- "emb": only the task's embedding rows (the network frozen): the output is new rows for one
  shared cell, keyed by the task's puzzle names;
- "full": the rows and every network weight (a per-task network; measured, not exported).

Prediction follows the Java head: every augmentation predicts the test input placed top-left,
each grid is read as the largest color rectangle from the top-left, mapped back and voted on
(most votes first, first seen on ties); the two best are the attempts (pass@2).
"""
from __future__ import annotations

import copy
import time
from dataclasses import dataclass, replace

import numpy as np
import torch
import torch.nn.functional as F

from . import arc
from .model import TRM

INVERSE = [0, 3, 2, 1, 4, 5, 6, 7]  # the official DIHEDRAL_INVERSE


@dataclass(frozen=True)
class Aug:
    """One augmentation of a task: a dihedral transform after a color mapping."""
    t: int
    mapping: tuple

    def apply(self, g: np.ndarray) -> np.ndarray:
        return arc.augment(g, self.t, np.array(self.mapping))

    def invert(self, g: np.ndarray) -> np.ndarray:
        back = np.ascontiguousarray(arc.dihedral(g, INVERSE[self.t]))
        return np.argsort(np.array(self.mapping))[back]

    def name(self, task: str) -> str:
        return arc.puzzle_name(task, self.t, np.array(self.mapping))


def aug_of_name(name: str) -> Aug:
    """`<task>` (identity) or `<task>|||t<k>|||<10 digits>`, the official identifiers."""
    parts = name.split(arc.SEPARATOR)
    if len(parts) == 1:
        return Aug(0, tuple(range(10)))
    if len(parts) != 3 or not parts[1].startswith("t") or len(parts[2]) != 10:
        raise ValueError(f"not an ARC puzzle name: {name!r}")
    return Aug(int(parts[1][1:]), tuple(int(c) for c in parts[2]))


def task_augs(task: str, known: list[str], count: int, rng: np.random.Generator) -> list[Aug]:
    """The task's augmentations: those the base model already has rows for (`known`, in id
    order), then new random ones (distinct dihedral transforms, a random permutation of colors
    1-9 each) up to `count`."""
    augs = [aug_of_name(n) for n in known] or [Aug(0, tuple(range(10)))]  # the identity first
    used = {a.t for a in augs}
    for t in rng.permutation(np.arange(8)):
        if len(augs) >= count:
            break
        if int(t) in used:
            continue
        augs.append(Aug(int(t), (0, *(int(c) for c in rng.permutation(np.arange(1, 10))))))
        used.add(int(t))
    return augs


def task_side(task: dict) -> int:
    """The largest side of the task's demonstration grids and test inputs (test outputs unseen)."""
    grids = [np.array(p[k]) for p in task["train"] for k in ("input", "output")]
    grids += [np.array(p["input"]) for p in task["test"]]
    return max(max(g.shape) for g in grids)


def decode(pred: np.ndarray, canvas: int) -> np.ndarray | None:
    """The Java ArcCodec.decode: the largest rectangle of color tokens from the top-left."""
    p = pred.reshape(canvas, canvas)
    best, shape, width = 0, (0, 0), canvas
    for r in range(1, canvas + 1):
        row = p[r - 1, :width]
        bad = np.nonzero(row < arc.COLOR_OFFSET)[0]
        if bad.size:
            width = int(bad[0])
        if r * width > best:
            best, shape = r * width, (r, width)
    if best == 0:
        return None
    return p[:shape[0], :shape[1]] - arc.COLOR_OFFSET


@dataclass
class FitConfig:
    mode: str = "emb"          # "emb" (the task's rows) or "full" (rows and network)
    batch: int = 16
    emb_lr: float = 3e-2
    net_lr: float = 1e-4
    max_steps: int = 8         # supervision steps per row (the carry refills after these)
    eval_every: int = 8        # optimizer steps between validation checks


class TaskFit:
    """Fits one task's rows (and, in "full" mode, a copy of the network) on a set of pairs."""

    def __init__(self, base: TRM, rows: torch.Tensor, augs: list[Aug], canvas: int, cfg: FitConfig,
                 rng: np.random.Generator):
        self.cfg, self.augs, self.canvas, self.rng = cfg, augs, canvas, rng
        self.net = TRM(replace(base.cfg, seq_len=canvas * canvas, grid_width=canvas))
        self.net.load_state_dict(base.state_dict())
        self.net.train()
        for p in self.net.parameters():
            p.requires_grad_(cfg.mode == "full")
        self.rows = torch.nn.Parameter(rows.clone())
        groups = [{"params": [self.rows], "lr": cfg.emb_lr}]
        if cfg.mode == "full":
            groups.append({"params": [p for n, p in self.net.named_parameters() if n != "puzzle_emb"],
                           "lr": cfg.net_lr})
        self.opt = torch.optim.AdamW(groups, betas=(0.9, 0.95), weight_decay=0.0)
        self.steps = 0

    def _sample(self, pairs, n):
        xs = np.zeros((n, self.canvas * self.canvas), dtype=np.int64)
        ys = np.zeros_like(xs)
        ks = self.rng.integers(0, len(self.augs), n)
        for i, k in enumerate(ks):
            a, b = pairs[self.rng.integers(len(pairs))]
            a, b = self.augs[k].apply(a), self.augs[k].apply(b)
            h, w = max(a.shape[0], b.shape[0]), max(a.shape[1], b.shape[1])
            r0, c0 = int(self.rng.integers(0, self.canvas - h + 1)), int(self.rng.integers(0, self.canvas - w + 1))
            xs[i], ys[i] = arc.encode(a, self.canvas, r0, c0), arc.encode(b, self.canvas, r0, c0)
        return torch.from_numpy(xs), torch.from_numpy(ys), torch.from_numpy(ks)

    def fit(self, pairs, deadline: float, max_opt_steps: int | None = None, on_check=None) -> None:
        """Optimizer steps until the deadline (time.process_time(): CPU seconds) or max_opt_steps; every eval_every
        steps calls on_check(self) (a validation hook) when given."""
        b, cfg = self.cfg.batch, self.cfg
        tokens = torch.zeros(b, self.canvas * self.canvas, dtype=torch.long)
        labels, ks = torch.zeros_like(tokens), torch.zeros(b, dtype=torch.long)
        y, z = self.net.initial_state(b)
        y, z = y.detach(), z.detach()
        age = torch.full((b,), cfg.max_steps, dtype=torch.long)
        while time.process_time() < deadline and (max_opt_steps is None or self.steps < max_opt_steps):
            fresh = (age >= cfg.max_steps).nonzero().squeeze(1)
            if len(fresh):
                x_new, l_new, k_new = self._sample(pairs, len(fresh))
                tokens[fresh], labels[fresh], ks[fresh] = x_new, l_new, k_new
                y0, z0 = self.net.initial_state(len(fresh))
                y, z = y.clone(), z.clone()
                y[fresh], z[fresh] = y0.detach(), z0.detach()
                age[fresh] = 0
            y, z, logits, _, _ = self.net.step(tokens, y, z, self.rows[ks])
            y, z = y.detach(), z.detach()
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            age += 1
            self.steps += 1
            if on_check is not None and self.steps % cfg.eval_every == 0:
                on_check(self)

    @torch.no_grad()
    def attempts(self, grid: np.ndarray) -> list[np.ndarray]:
        """The voted predictions for one input grid, best first (the Java head's protocol)."""
        self.net.eval()
        x = np.stack([arc.encode(a.apply(grid), self.canvas) for a in self.augs])
        x = torch.from_numpy(x)
        y, z = self.net.initial_state(len(self.augs))
        for _ in range(self.cfg.max_steps):
            y, z, logits, _, _ = self.net.step(x, y, z, self.rows, grad_last_cycle_only=False)
        self.net.train()
        votes: dict[bytes, list] = {}
        for a, pred in zip(self.augs, logits.argmax(-1).numpy()):
            g = decode(pred, self.canvas)
            if g is None:
                continue
            g = a.invert(g)
            key = g.shape[0].to_bytes(1, "little") + g.astype(np.int8).tobytes()
            votes.setdefault(key, [g, 0])[1] += 1
        ranked = sorted(votes.values(), key=lambda v: -v[1])  # stable: first seen wins ties
        return [g for g, _ in ranked]

    def score(self, pairs) -> dict:
        """pass@1/pass@2 over (input, output) pairs, and the best attempt's cell accuracy."""
        top1 = top2 = 0
        cells = 0.0
        for a, b in pairs:
            att = self.attempts(a)
            hit = [g.shape == b.shape and bool((g == b).all()) for g in att[:2]]
            top1 += bool(hit[:1] and hit[0])
            top2 += any(hit)
            cells += float((att[0] == b).mean()) if att and att[0].shape == b.shape else 0.0
        n = max(1, len(pairs))
        return {"pass1": top1 / n, "pass2": top2 / n, "cells": round(cells / n, 4)}

    def network_state(self) -> dict:
        return copy.deepcopy(self.net.state_dict())
