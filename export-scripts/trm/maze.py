"""Grid mazes in HRM's character format, tokenized as the official TRM maze builder does.

Characters: `#` wall, space open, `S` start, `G` goal, `o` a cell of the shortest path (answers
only). Tokens: pad 0, `#` 1, space 2, `S` 3, `G` 4, `o` 5. A k x k lattice of rooms becomes a
(2k+1) x (2k+1) grid; rooms sit at odd coordinates, as in maze-dataset's `gen_dfs` CSVs.

A maze smaller than the model's square canvas is placed at the top-left; the rest is pad.
"""
from __future__ import annotations

from collections import deque

import numpy as np

CHARS = "\0# SGo"          # index = token (0 = pad, never printed)
WALL, OPEN, START, GOAL, PATH = 1, 2, 3, 4, 5
VOCAB = ["<pad>", "#", " ", "S", "G", "o"]


def carve_dfs(k: int, rng: np.random.Generator) -> np.ndarray:
    """A perfect maze (exactly one path between any two rooms) by randomized depth-first search."""
    n = 2 * k + 1
    g = np.full((n, n), WALL, dtype=np.uint8)
    seen = np.zeros((k, k), dtype=bool)
    stack = [(int(rng.integers(k)), int(rng.integers(k)))]
    seen[stack[0]] = True
    g[2 * stack[0][0] + 1, 2 * stack[0][1] + 1] = OPEN
    while stack:
        r, c = stack[-1]
        nbrs = [(r + dr, c + dc) for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1))
                if 0 <= r + dr < k and 0 <= c + dc < k and not seen[r + dr, c + dc]]
        if not nbrs:
            stack.pop()
            continue
        nr, nc = nbrs[int(rng.integers(len(nbrs)))]
        seen[nr, nc] = True
        g[r + nr + 1, c + nc + 1] = OPEN          # the wall between the two rooms
        g[2 * nr + 1, 2 * nc + 1] = OPEN
        stack.append((nr, nc))
    return g


def add_loops(g: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """Knock down `count` interior walls between two rooms: the maze gets loops ("imperfect")."""
    g = g.copy()
    n = g.shape[0]
    cand = [(r, c) for r in range(1, n - 1) for c in range(1, n - 1)
            if g[r, c] == WALL and ((r % 2 == 1) != (c % 2 == 1))]
    for i in rng.permutation(len(cand))[:count]:
        g[cand[i]] = OPEN
    return g


def bfs(g: np.ndarray, src: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Distances from src through non-wall cells (-1 unreachable) and shortest-path counts (capped)."""
    dist = np.full(g.shape, -1, dtype=np.int32)
    ways = np.zeros(g.shape, dtype=np.int64)
    dist[src], ways[src] = 0, 1
    q = deque([src])
    while q:
        r, c = q.popleft()
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < g.shape[0] and 0 <= nc < g.shape[1] and g[nr, nc] != WALL:
                if dist[nr, nc] < 0:
                    dist[nr, nc] = dist[r, c] + 1
                    q.append((nr, nc))
                if dist[nr, nc] == dist[r, c] + 1:
                    ways[nr, nc] = min(ways[nr, nc] + ways[r, c], 2)
    return dist, ways


def shortest_path(g: np.ndarray, s: tuple[int, int], t: tuple[int, int],
                  dist: np.ndarray | None = None) -> list[tuple[int, int]] | None:
    """The cells strictly between s and t on a shortest path (None if t is unreachable); `dist`
    is bfs(g, s)'s distances when the caller has them already."""
    if dist is None:
        dist, _ = bfs(g, s)
    if dist[t] < 0:
        return None
    path, (r, c) = [], t
    while dist[r, c] > 1:
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < g.shape[0] and 0 <= nc < g.shape[1] and dist[nr, nc] == dist[r, c] - 1 and g[nr, nc] != WALL:
                r, c = nr, nc
                break
        path.append((r, c))
    return path[::-1]


def make_maze(k: int, rng: np.random.Generator, loops: int = 0, far: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(question, answer) token grids. Rooms S and G are distinct; with `far`, G is among the rooms
    farthest from S. With loops, the shortest path is kept unique so that the label is the answer."""
    while True:
        g = carve_dfs(k, rng)
        if loops:
            g = add_loops(g, loops, rng)
        rooms = [(2 * r + 1, 2 * c + 1) for r in range(k) for c in range(k)]
        s = rooms[int(rng.integers(len(rooms)))]
        dist, ways = bfs(g, s)
        others = [x for x in rooms if x != s]
        if far:
            d = np.array([dist[x] for x in others])
            others = [x for x, dx in zip(others, d) if dx >= np.quantile(d, 0.75)]
        t = others[int(rng.integers(len(others)))]
        if ways[t] != 1:
            continue
        q = g.copy()
        q[s], q[t] = START, GOAL
        a = q.copy()
        for cell in shortest_path(g, s, t, dist):
            a[cell] = PATH
        return q, a


def generate(k: int, n: int, seed: int, loop_share: float = 0.25, far_share: float = 0.3) -> tuple[np.ndarray, np.ndarray]:
    """n mazes of one lattice size: arrays [n, 2k+1, 2k+1] of question and answer tokens."""
    rng = np.random.default_rng(seed)
    qs, ans = [], []
    for _ in range(n):
        loops = int(rng.integers(1, k + 1)) if rng.random() < loop_share else 0
        q, a = make_maze(k, rng, loops=loops, far=rng.random() < far_share)
        qs.append(q)
        ans.append(a)
    return np.stack(qs), np.stack(ans)


def dihedral(x: np.ndarray, t: int) -> np.ndarray:
    """One of the 8 symmetries of the square on the last two axes (t in 0..7)."""
    if t >= 4:
        x = np.swapaxes(x, -1, -2)
    return np.rot90(x, t % 4, axes=(-2, -1))


def place(grids: np.ndarray, canvas: int) -> np.ndarray:
    """Grids [n, h, w] at the top-left of a canvas x canvas pad-0 board, flattened to [n, canvas^2]."""
    n, h, w = grids.shape
    if h > canvas or w > canvas:
        raise ValueError(f"a {h}x{w} maze does not fit a {canvas}x{canvas} canvas")
    out = np.zeros((n, canvas, canvas), dtype=np.int64)
    out[:, :h, :w] = grids
    return out.reshape(n, canvas * canvas)


def parse(text: str) -> np.ndarray:
    """A row-major character string (square) or lines -> token grid."""
    lines = text.split("\n") if "\n" in text else None
    if lines is None:
        side = int(round(len(text) ** 0.5))
        if side * side != len(text):
            raise ValueError(f"a single-line maze must be square, got {len(text)} characters")
        lines = [text[i * side:(i + 1) * side] for i in range(side)]
    return np.array([[CHARS.index(ch) for ch in line] for line in lines], dtype=np.uint8)


def to_text(grid: np.ndarray) -> str:
    return "".join(CHARS[int(t)] for t in grid.reshape(-1))
