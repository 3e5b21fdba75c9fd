"""Maze layouts from several generators, start/goal placements and shortest-path labels.

A maze is a token grid (trm/maze.py: `#` 1, open 2, `S` 3, `G` 4, `o` 5) of any size up to the
canvas. Two families:

- room lattices (trm/maze_lattice.py): kr x kc rooms at odd coordinates of a (2kr+1) x (2kc+1)
  grid, joined through the wall cells between them. Perfect mazes by `dfs` (randomized depth-first search), `kruskal`,
  `prim`, `wilson` (loop-erased random walks: uniform spanning trees), `aldous_broder` (random
  walk: the same uniform distribution) and `division` (recursive division: long straight walls
  with one gap). `braid` knocks down a share of the remaining walls between rooms (loops).
- open layouts on any h x w grid: `obstacles` (random wall cells), `rooms` (rectangular rooms
  split by one-cell walls with doors) and `caves` (cellular-automaton caves, hand-drawn-like).

Start and goal go on any two open squares that are connected (`any`), on rooms only (`rooms`, as
in maze-dataset's sets), far apart (`far`: G among the farthest quarter from S) or near
(`near`: at most 6 moves). Labels by breadth-first search; where several shortest paths exist the
label is the canonical one (`canonical_path`), and `count_shortest` tells whether it is unique.
"""
from __future__ import annotations

from collections import deque

import numpy as np

from .maze import GOAL, OPEN, PATH, START, WALL
from .maze_lattice import LATTICE, ORDER as _ORDER, braid, lattice  # noqa: F401 (re-exported)

OPEN_LAYOUTS = ("obstacles", "rooms", "caves")
GENERATORS = LATTICE + OPEN_LAYOUTS
PLACEMENTS = ("any", "rooms", "far", "near")
# Backtracking from G prefers predecessors in _ORDER (up, left, down, right): a rule a cell can
# apply from its neighbours' distances alone, so a convolution can learn it.


def obstacles(h: int, w: int, density: float, rng: np.random.Generator) -> np.ndarray:
    return np.where(rng.random((h, w)) < density, WALL, OPEN).astype(np.uint8)


def rooms(h: int, w: int, rng: np.random.Generator, min_room: int = 2) -> np.ndarray:
    """Rectangular rooms: the grid is split by one-cell walls (each with 1-2 doors) until rooms are small."""
    g = np.full((h, w), OPEN, dtype=np.uint8)
    todo = [(0, 0, h, w)]
    while todo:
        r0, c0, rh, rw = todo.pop()
        can_h, can_w = rh >= 2 * min_room + 1, rw >= 2 * min_room + 1
        if not (can_h or can_w) or (rh * rw <= 30 and rng.random() < 0.5):
            continue
        horizontal = can_h and (not can_w or rh > rw or (rh == rw and rng.random() < 0.5))
        span = rh if horizontal else rw
        cut = int(rng.integers(min_room, span - min_room))
        length = rw if horizontal else rh
        doors = rng.choice(length, size=min(length, int(rng.integers(1, 3))), replace=False)
        for i in range(length):
            if i not in doors:
                g[(r0 + cut, c0 + i) if horizontal else (r0 + i, c0 + cut)] = WALL
        if horizontal:
            todo += [(r0, c0, cut, rw), (r0 + cut + 1, c0, rh - cut - 1, rw)]
        else:
            todo += [(r0, c0, rh, cut), (r0, c0 + cut + 1, rh, rw - cut - 1)]
    return g


def caves(h: int, w: int, rng: np.random.Generator, fill: float = 0.45, rounds: int = 3) -> np.ndarray:
    """Cellular-automaton caves: random walls, then a cell becomes a wall with >= 5 walls among
    its 8 neighbours (the border counts as wall), a few rounds; irregular, hand-drawn-like."""
    wall = rng.random((h, w)) < fill
    for _ in range(rounds):
        p = np.pad(wall, 1, constant_values=True).astype(np.int8)
        count = sum(p[1 + dr:1 + dr + h, 1 + dc:1 + dc + w] for dr in (-1, 0, 1) for dc in (-1, 0, 1)
                    if dr or dc)
        wall = (count >= 5) | (wall & (count >= 4))
    return np.where(wall, WALL, OPEN).astype(np.uint8)


def distances(g: np.ndarray, src: tuple[int, int]) -> np.ndarray:
    """Moves from src through non-wall cells (-1 unreachable)."""
    h, w = g.shape
    dist = np.full(g.shape, -1, dtype=np.int32)
    dist[src] = 0
    q = deque([src])
    while q:
        r, c = q.popleft()
        for dr, dc in _ORDER:
            nr, nc = r + dr, c + dc
            if 0 <= nr < h and 0 <= nc < w and g[nr, nc] != WALL and dist[nr, nc] < 0:
                dist[nr, nc] = dist[r, c] + 1
                q.append((nr, nc))
    return dist


def canonical_path(g: np.ndarray, dist: np.ndarray, t: tuple[int, int]) -> list[tuple[int, int]]:
    """The cells strictly between S (dist 0) and t on the shortest path that, walking back from
    t, always steps to the first neighbour one move nearer S in the order up, left, down, right."""
    path, (r, c) = [], t
    while dist[r, c] > 1:
        for dr, dc in _ORDER:
            nr, nc = r + dr, c + dc
            if 0 <= nr < g.shape[0] and 0 <= nc < g.shape[1] and dist[nr, nc] == dist[r, c] - 1:
                r, c = nr, nc
                break
        path.append((r, c))
    return path[::-1]


def count_shortest(dist: np.ndarray, t: tuple[int, int], cap: int = 2) -> int:
    """How many shortest paths reach t (counted up to `cap`)."""
    ways = {}
    order = np.argsort(dist, axis=None, kind="stable")
    h, w = dist.shape
    for i in order:
        r, c = divmod(int(i), w)
        d = dist[r, c]
        if d < 0:
            continue
        if d == 0:
            ways[(r, c)] = 1
            continue
        if d > dist[t]:
            break
        ways[(r, c)] = min(cap, sum(ways.get((r + dr, c + dc), 0) for dr, dc in _ORDER
                                    if 0 <= r + dr < h and 0 <= c + dc < w and dist[r + dr, c + dc] == d - 1))
    return ways.get(t, 0)


def place(g: np.ndarray, placement: str, rng: np.random.Generator, min_moves: int = 1):
    """(S, G, distances from S) for two connected open squares, or None when the layout has none."""
    h, w = g.shape
    cells = np.argwhere(g == OPEN)
    if placement == "rooms":
        cells = cells[(cells[:, 0] % 2 == 1) & (cells[:, 1] % 2 == 1)]
    if len(cells) < 2:
        return None
    for _ in range(8):
        s = tuple(int(v) for v in cells[int(rng.integers(len(cells)))])
        dist = distances(g, s)
        d = dist[cells[:, 0], cells[:, 1]]
        ok = d >= min_moves
        if placement == "near":
            ok &= d <= 6
        if placement == "far" and ok.any():
            ok &= d >= np.quantile(d[ok], 0.75)
        if ok.any():
            idx = np.flatnonzero(ok)
            t = tuple(int(v) for v in cells[idx[int(rng.integers(len(idx)))]])
            return s, t, dist
    return None


def label(g: np.ndarray, s, t, dist) -> tuple[np.ndarray, np.ndarray, int, int]:
    """(question, answer, shortest moves, number of shortest paths capped at 2)."""
    q = g.copy()
    q[s], q[t] = START, GOAL
    a = q.copy()
    for cell in canonical_path(g, dist, t):
        a[cell] = PATH
    return q, a, int(dist[t]), count_shortest(dist, t)


def layout(generator: str, h: int, w: int, rng: np.random.Generator, braid_share: float = 0.0) -> np.ndarray:
    """An h x w grid by the named generator (lattice generators use the largest odd size that
    fits and pad the rest with wall on the bottom/right)."""
    if generator in LATTICE:
        g = lattice(generator, (h - 1) // 2, (w - 1) // 2, rng)
        if braid_share:
            g = braid(g, braid_share, rng)
        out = np.full((h, w), WALL, dtype=np.uint8)
        out[:g.shape[0], :g.shape[1]] = g
        return out
    if generator == "obstacles":
        return obstacles(h, w, float(rng.uniform(0.2, 0.4)), rng)
    if generator == "rooms":
        return rooms(h, w, rng)
    if generator == "caves":
        return caves(h, w, rng)
    raise ValueError(f"unknown generator {generator!r}: use one of {', '.join(GENERATORS)}")


def make(generator: str, h: int, w: int, placement: str, rng: np.random.Generator, braid_share: float = 0.0,
         min_moves: int = 1, unique: bool = False, tries: int = 50) -> dict:
    """One labelled maze: {question, answer, moves, paths, generator, ...}; raises when `tries`
    layouts gave no valid start/goal (with `unique`: no unique shortest path)."""
    for _ in range(tries):
        g = layout(generator, h, w, rng, braid_share)
        st = place(g, placement, rng, min_moves)
        if st is None:
            continue
        q, a, moves, paths = label(g, *st)
        if moves < min_moves or (unique and paths != 1):
            continue
        return {"question": q, "answer": a, "moves": moves, "paths": paths, "generator": generator,
                "braid": braid_share, "placement": placement, "rows": h, "cols": w}
    raise RuntimeError(f"no {h}x{w} {generator} maze with placement {placement}, min_moves {min_moves}"
                       f"{' and a unique shortest path' if unique else ''} in {tries} tries")


def longest_pair(g: np.ndarray) -> tuple[tuple[int, int], tuple[int, int], np.ndarray]:
    """Approximately the two farthest-apart open squares (two sweeps of breadth-first search)."""
    cells = np.argwhere(g == OPEN)
    a = tuple(int(v) for v in cells[0])
    d = distances(g, a)
    b = tuple(int(v) for v in np.unravel_index(int(np.argmax(d)), d.shape))
    d = distances(g, b)
    t = tuple(int(v) for v in np.unravel_index(int(np.argmax(d)), d.shape))
    return b, t, d


def make_long(generator: str, size: int, min_moves: int, rng: np.random.Generator, braid_share: float = 0.0,
              tries: int = 50) -> dict:
    """A Maze-Hard-like maze: S and G far apart, a shortest path of more than `min_moves` moves."""
    for _ in range(tries):
        g = layout(generator, size, size, rng, braid_share)
        s, t, _ = longest_pair(g)
        dist = distances(g, s)
        cells = np.argwhere((g == OPEN) & (dist > min_moves))
        if not len(cells):
            continue
        t = tuple(int(v) for v in cells[int(rng.integers(len(cells)))])  # any far G, not only the farthest
        q, a, moves, paths = label(g, s, t, dist)
        return {"question": q, "answer": a, "moves": moves, "paths": paths, "generator": generator,
                "braid": braid_share, "placement": "long", "rows": size, "cols": size}
    raise RuntimeError(f"no {size}x{size} {generator} maze with a path over {min_moves} moves in {tries} tries")
