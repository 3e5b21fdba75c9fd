"""Maze generators, start/goal placement, canonical labels, the torch verifier and the eval sets."""
import csv
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import eval_maze  # noqa: E402
import gen_maze_eval  # noqa: E402
from trm import maze, maze_gen  # noqa: E402
from trm.maze_verify import exact, moves_of, verified  # noqa: E402


def open_edges(g: np.ndarray) -> int:
    o = g != maze.WALL
    return int((o[1:] & o[:-1]).sum() + (o[:, 1:] & o[:, :-1]).sum())


def components(g: np.ndarray) -> int:
    seen, count = np.zeros(g.shape, bool), 0
    for cell in map(tuple, np.argwhere(g != maze.WALL)):
        if not seen[cell]:
            count += 1
            seen |= maze_gen.distances(g, cell) >= 0
    return count


class LatticeTest(unittest.TestCase):
    def test_every_lattice_generator_makes_a_perfect_maze(self):
        rng = np.random.default_rng(0)
        for gen in maze_gen.LATTICE:
            for kr, kc in ((1, 1), (3, 5), (6, 6)):
                with self.subTest(gen=gen, size=(kr, kc)):
                    g = maze_gen.lattice(gen, kr, kc, rng)
                    self.assertEqual((2 * kr + 1, 2 * kc + 1), g.shape)
                    self.assertEqual(1, components(g))
                    cells = int((g != maze.WALL).sum())
                    self.assertEqual(cells - 1, open_edges(g))   # a tree: no loop

    def test_braiding_adds_loops(self):
        g = maze_gen.lattice("kruskal", 6, 6, np.random.default_rng(1))
        b = maze_gen.braid(g, 0.2, np.random.default_rng(2))
        self.assertGreater(open_edges(b) - int((b != maze.WALL).sum()) + 1, 0)

    def test_unknown_generator_is_named(self):
        with self.assertRaisesRegex(ValueError, "unknown generator 'spiral'"):
            maze_gen.layout("spiral", 9, 9, np.random.default_rng(0))


class LabelTest(unittest.TestCase):
    def test_canonical_path_is_a_shortest_path_and_ties_are_counted(self):
        g = np.full((3, 3), maze.OPEN, dtype=np.uint8)     # open 3x3: S top-left, G bottom-right, 6 paths
        dist = maze_gen.distances(g, (0, 0))
        q, a, moves, paths = maze_gen.label(g, (0, 0), (2, 2), dist)
        self.assertEqual(4, moves)
        self.assertEqual(2, paths)                          # counted up to 2
        # backtracking from G prefers up, then left: G(2,2) -> (1,2) -> (0,2) -> (0,1) -> S
        self.assertEqual({(0, 1), (0, 2), (1, 2)}, {tuple(c) for c in np.argwhere(a == maze.PATH)})

    def test_every_generator_and_placement_gives_a_verified_label(self):
        rng = np.random.default_rng(3)
        for gen in maze_gen.GENERATORS:
            for placement in maze_gen.PLACEMENTS:
                with self.subTest(gen=gen, placement=placement):
                    m = maze_gen.make(gen, 11, 14, placement, rng, braid_share=0.1 if gen in maze_gen.LATTICE else 0)
                    x = torch.from_numpy(maze.place(m["question"][None].astype(np.int64), 14))
                    y = torch.from_numpy(maze.place(m["answer"][None].astype(np.int64), 14))
                    self.assertTrue(verified(y, x, moves_of(y), 14).item())
                    self.assertEqual(m["moves"], int(moves_of(y)))
                    if placement == "near":
                        self.assertLessEqual(m["moves"], 6)

    def test_long_mazes_have_long_paths(self):
        m = maze_gen.make_long("dfs", 30, 110, np.random.default_rng(4))
        self.assertGreater(m["moves"], 110)
        self.assertEqual((30, 30), m["question"].shape)


class VerifierTest(unittest.TestCase):
    GRID = ["#######",
            "#S    #",
            "# ### #",
            "#    G#",
            "#######"]

    def tensors(self, rows):
        g = maze.parse("\n".join(rows)).astype(np.int64)
        return torch.from_numpy(maze.place(g[None], 7))

    def test_any_shortest_path_is_verified_and_only_one_is_exact(self):
        x = self.tensors(self.GRID)
        top = self.tensors(["#######", "#Soooo#", "# ###o#", "#    G#", "#######"])
        bottom = self.tensors(["#######", "#S    #", "#o### #", "#ooooG#", "#######"])
        moves = torch.tensor([6])
        self.assertTrue(verified(top, x, moves, 7).item())
        self.assertTrue(verified(bottom, x, moves, 7).item())
        self.assertTrue(exact(top, x, top).item())
        self.assertFalse(exact(bottom, x, top).item())

    def test_broken_branching_and_long_paths_fail(self):
        x = self.tensors(self.GRID)
        moves = torch.tensor([6])
        broken = self.tensors(["#######", "#Soo o#", "# ###o#", "#    G#", "#######"])
        both = self.tensors(["#######", "#Soooo#", "#o###o#", "#ooooG#", "#######"])
        self.assertFalse(verified(broken, x, moves, 7).item())
        self.assertFalse(verified(both, x, moves, 7).item())
        self.assertFalse(verified(x, x, moves, 7).item())       # nothing marked


class EvalSetTest(unittest.TestCase):
    def test_the_sets_are_written_from_the_seed(self):
        with tempfile.TemporaryDirectory() as d1, tempfile.TemporaryDirectory() as d2:
            for d in (d1, d2):
                gen_maze_eval.main(["--out", d, "--seed", "5", "--per-kind", "1", "--long-n", "1"])
            for name in ("heldout_13x13.csv", "heldout_21x21.csv", "seen_13x13.csv", "long_30x30.csv"):
                self.assertEqual((Path(d1) / name).read_text(), (Path(d2) / name).read_text(), name)
            with open(Path(d1) / "heldout_21x21.csv", newline="") as f:
                rows = list(csv.DictReader(f))
            self.assertEqual(len(gen_maze_eval.HELDOUT), len(rows))
            self.assertEqual(21 * 21, len(rows[0]["question"]))
            self.assertEqual({"question", "answer", "source", "length", "paths", "moves"}, set(rows[0]))


class ConvergedHaltingTest(unittest.TestCase):
    class Scripted:
        """A stand-in model: row r predicts token 1 until step r+1, then token 2 for ever."""
        def __init__(self):
            self.calls = []

        def initial_state(self, b):
            return torch.zeros(b, 1), torch.zeros(b, 1)

        def step(self, x, y, z, p, grad_last_cycle_only=False):
            self.calls.append(len(x))
            y = y + 1                                        # steps taken by each row still running
            token = torch.where(y.squeeze(1) > x[:, 0], 2, 1)
            logits = torch.nn.functional.one_hot(token, 3).float().unsqueeze(1).expand(-1, x.shape[1], -1)
            return y, z, logits, None, None

    def test_rows_halt_once_unchanged_for_patience_steps_and_leave_the_batch(self):
        x = torch.tensor([[0, 0], [1, 0], [3, 0]])          # rows switch prediction after 0, 1, 3 steps
        model = self.Scripted()
        pred, steps = eval_maze.solve(model, x, max_steps=10, patience=2)
        self.assertEqual([3, 4, 3], steps.tolist())          # the first step counts as a change
        self.assertEqual([2, 2, 1], pred[:, 0].tolist())      # row 2 halted on a stable answer before its change
        self.assertEqual([3, 3, 3, 1], model.calls)          # halted rows are no longer computed


if __name__ == "__main__":
    unittest.main()
