"""Maze layouts from several generators, start/goal placements and shortest-path labels.

A maze is a token grid (trm/maze.py: `#` 1, open 2, `S` 3, `G` 4, `o` 5) of any size up to the
canvas. Two families:

- room lattices: kr x kc rooms at odd coordinates of a (2kr+1) x (2kc+1) grid, joined through the
  wall cells between them. Perfect mazes by `dfs` (randomized depth-first search), `kruskal`,
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

LATTICE = ("dfs", "kruskal", "prim", "wilson", "aldous_broder", "division")
OPEN_LAYOUTS = ("obstacles", "rooms", "caves")
GENERATORS = LATTICE + OPEN_LAYOUTS
PLACEMENTS = ("any", "rooms", "far", "near")
# Backtracking from G prefers predecessors in this order (up, left, down, right): a rule a
# cell can apply from its neighbours' distances alone, so a convolution can learn it.
_ORDER = ((-1, 0), (0, -1), (1, 0), (0, 1))


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
    for dr, dc in _ORDER:
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
