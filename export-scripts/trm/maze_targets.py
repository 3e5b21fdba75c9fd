"""Training targets that accept any shortest path.

A maze with loops or open rooms has several shortest paths; its stored answer is one of them (the
generator's tie-break), and the verifier accepts any. Cross-entropy against the stored one
punishes a model for drawing another, equally right path. `any_shortest_path` instead takes, per
maze, the shortest path the model's current prediction is closest to: the one minimizing the
cross-entropy of the whole answer, found exactly by dynamic programming over the shortest-path
DAG (cells with dist_S + dist_G = moves, layered by dist_S). Cells off that DAG keep their stored
label; on a maze with one shortest path nothing changes.
"""
from __future__ import annotations

import numpy as np
import torch

from .maze import GOAL, OPEN, PATH, START, WALL, bfs

_STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))


def best_path(gain: np.ndarray, grid: np.ndarray) -> list[tuple[int, int]] | None:
    """The open cells strictly between S and G on the shortest path with the largest total `gain`
    ([h, w]; a cell's log p(path) - log p(open)); None when G is unreachable. Ties go to the
    first neighbour in `_STEPS` order, so the result is deterministic."""
    g = np.where(grid == 0, WALL, grid)                   # pad is no passage
    s = tuple(np.argwhere(g == START)[0])
    t = tuple(np.argwhere(g == GOAL)[0])
    ds, _ = bfs(g, s)
    dt, _ = bfs(g, t)
    moves = ds[t]
    if moves < 0:
        return None
    on_dag = (ds >= 0) & (dt >= 0) & (ds + dt == moves)
    best = np.full(g.shape, -np.inf)
    best[s] = 0.0
    layers = [[] for _ in range(moves + 1)]
    for r, c in zip(*np.nonzero(on_dag)):
        layers[ds[r, c]].append((r, c))
    for d in range(1, moves + 1):
        for r, c in layers[d]:
            prev = max((best[r + dr, c + dc] for dr, dc in _STEPS
                        if 0 <= r + dr < g.shape[0] and 0 <= c + dc < g.shape[1]
                        and on_dag[r + dr, c + dc] and ds[r + dr, c + dc] == d - 1), default=-np.inf)
            best[r, c] = prev + (gain[r, c] if (r, c) != t else 0.0)
    path, (r, c) = [], t
    for d in range(moves - 1, 0, -1):                     # back from G, the best predecessor each time
        options = [(best[r + dr, c + dc], (r + dr, c + dc)) for dr, dc in _STEPS
                   if 0 <= r + dr < g.shape[0] and 0 <= c + dc < g.shape[1]
                   and on_dag[r + dr, c + dc] and ds[r + dr, c + dc] == d]
        r, c = max(options, key=lambda o: o[0])[1]        # max keeps the first of equal scores
        path.append((r, c))
    return path[::-1]


def any_shortest_path(logits: torch.Tensor, labels: torch.Tensor, inputs: torch.Tensor, side: int) -> torch.Tensor:
    """Labels [B, side*side] with each maze's stored path replaced by the shortest path closest to
    `logits` ([B, side*side, vocab]); mazes with one shortest path come back unchanged."""
    with torch.no_grad():
        lp = torch.log_softmax(logits.float(), dim=-1)
        gain = (lp[..., PATH] - lp[..., OPEN]).view(-1, side, side).cpu().numpy()
    grids = inputs.view(-1, side, side).cpu().numpy()
    out = labels.clone()
    for i in range(grids.shape[0]):
        stored = int((labels[i] == PATH).sum())
        path = best_path(gain[i], grids[i])
        if path is None or len(path) != stored:
            continue                                          # not a maze this applies to: keep its label
        lab = out[i].view(side, side)
        lab[lab == PATH] = OPEN
        for r, c in path:
            lab[r, c] = PATH
    return out
