"""Perfect mazes on a room lattice: kr x kc rooms at odd coordinates of a (2kr+1) x (2kc+1)
grid, joined through the wall cells between them, by six generators; `braid` adds loops.
(trm/maze_gen.py draws, places and labels mazes from these and from open layouts.)"""
from __future__ import annotations

import numpy as np

from .maze import OPEN, WALL

LATTICE = ("dfs", "kruskal", "prim", "wilson", "aldous_broder", "division")
# Up, left, down, right: the neighbour order of every generator and of the canonical label.
ORDER = ((-1, 0), (0, -1), (1, 0), (0, 1))


def _room_edges(kr: int, kc: int) -> list[tuple[int, int, int, int]]:
    return ([(r, c, r + 1, c) for r in range(kr - 1) for c in range(kc)]
            + [(r, c, r, c + 1) for r in range(kr) for c in range(kc - 1)])


def _lattice_grid(kr: int, kc: int, passages) -> np.ndarray:
    g = np.full((2 * kr + 1, 2 * kc + 1), WALL, dtype=np.uint8)
    g[1::2, 1::2] = OPEN
    for r, c, r2, c2 in passages:
        g[r + r2 + 1, c + c2 + 1] = OPEN
    return g


def _neighbours(r: int, c: int, kr: int, kc: int):
    for dr, dc in ORDER:
        if 0 <= r + dr < kr and 0 <= c + dc < kc:
            yield r + dr, c + dc


def _dfs(kr, kc, rng):
    seen = np.zeros((kr, kc), dtype=bool)
    stack = [(int(rng.integers(kr)), int(rng.integers(kc)))]
    seen[stack[0]] = True
    out = []
    while stack:
        r, c = stack[-1]
        nbrs = [n for n in _neighbours(r, c, kr, kc) if not seen[n]]
        if not nbrs:
            stack.pop()
            continue
        n = nbrs[int(rng.integers(len(nbrs)))]
        seen[n] = True
        out.append((r, c, *n))
        stack.append(n)
    return out


def _kruskal(kr, kc, rng):
    parent = list(range(kr * kc))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    edges = _room_edges(kr, kc)
    out = []
    for i in rng.permutation(len(edges)):
        r, c, r2, c2 = edges[i]
        a, b = find(r * kc + c), find(r2 * kc + c2)
        if a != b:
            parent[a] = b
            out.append(edges[i])
    return out


def _prim(kr, kc, rng):
    seen = np.zeros((kr, kc), dtype=bool)
    start = (int(rng.integers(kr)), int(rng.integers(kc)))
    seen[start] = True
    frontier = {n for n in _neighbours(*start, kr, kc)}
    out = []
    while frontier:
        cell = sorted(frontier)[int(rng.integers(len(frontier)))]
        frontier.discard(cell)
        inside = [n for n in _neighbours(*cell, kr, kc) if seen[n]]
        n = inside[int(rng.integers(len(inside)))]
        seen[cell] = True
        out.append((*n, *cell))
        frontier |= {m for m in _neighbours(*cell, kr, kc) if not seen[m]}
    return out


def _wilson(kr, kc, rng):
    inside = np.zeros((kr, kc), dtype=bool)
    inside[int(rng.integers(kr)), int(rng.integers(kc))] = True
    out = []
    for start in [(r, c) for r in range(kr) for c in range(kc)]:
        if inside[start]:
            continue
        nxt = {}  # loop erasure: the last exit taken from each cell of the walk
        cell = start
        while not inside[cell]:
            nbrs = list(_neighbours(*cell, kr, kc))
            nxt[cell] = nbrs[int(rng.integers(len(nbrs)))]
            cell = nxt[cell]
        cell = start
        while not inside[cell]:
            inside[cell] = True
            out.append((*cell, *nxt[cell]))
            cell = nxt[cell]
    return out


def _aldous_broder(kr, kc, rng):
    seen = np.zeros((kr, kc), dtype=bool)
    cell = (int(rng.integers(kr)), int(rng.integers(kc)))
    seen[cell] = True
    left, out = kr * kc - 1, []
    while left:
        nbrs = list(_neighbours(*cell, kr, kc))
        n = nbrs[int(rng.integers(len(nbrs)))]
        if not seen[n]:
            seen[n] = True
            out.append((*cell, *n))
            left -= 1
        cell = n
    return out


def _division(kr, kc, rng):
    """Recursive division on the room lattice: all rooms joined, then each chamber is split by a
    straight wall with one gap, until chambers are one room wide."""
    closed = set()
    todo = [(0, 0, kr, kc)]
    while todo:
        r0, c0, h, w = todo.pop()
        if h < 2 or w < 2:
            continue
        horizontal = h > w or (h == w and rng.random() < 0.5)
        if horizontal:
            cut = r0 + int(rng.integers(h - 1))        # wall between room rows cut and cut+1
            gap = c0 + int(rng.integers(w))
            closed |= {(cut, c, cut + 1, c) for c in range(c0, c0 + w) if c != gap}
            todo += [(r0, c0, cut - r0 + 1, w), (cut + 1, c0, r0 + h - cut - 1, w)]
        else:
            cut = c0 + int(rng.integers(w - 1))
            gap = r0 + int(rng.integers(h))
            closed |= {(r, cut, r, cut + 1) for r in range(r0, r0 + h) if r != gap}
            todo += [(r0, c0, h, cut - c0 + 1), (r0, cut + 1, h, c0 + w - cut - 1)]
    return [e for e in _room_edges(kr, kc) if e not in closed]


_CARVERS = {"dfs": _dfs, "kruskal": _kruskal, "prim": _prim, "wilson": _wilson,
            "aldous_broder": _aldous_broder, "division": _division}


def lattice(generator: str, kr: int, kc: int, rng: np.random.Generator) -> np.ndarray:
    """A perfect maze of kr x kc rooms ((2kr+1) x (2kc+1) grid) by the named generator."""
    if generator not in _CARVERS:
        raise ValueError(f"unknown lattice generator {generator!r}: use one of {', '.join(LATTICE)}")
    if kr < 1 or kc < 1:
        raise ValueError(f"a lattice needs at least 1x1 rooms, got {kr}x{kc}")
    return _lattice_grid(kr, kc, _CARVERS[generator](kr, kc, rng))


def braid(g: np.ndarray, share: float, rng: np.random.Generator) -> np.ndarray:
    """Knocks down `share` of the walls left between two rooms of a lattice maze (loops)."""
    g = g.copy()
    cand = [(r, c) for r in range(1, g.shape[0] - 1) for c in range(1, g.shape[1] - 1)
            if g[r, c] == WALL and (r % 2 == 1) != (c % 2 == 1)]
    for i in rng.permutation(len(cand))[:int(round(share * len(cand)))]:
        g[cand[i]] = OPEN
    return g
