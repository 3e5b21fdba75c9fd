"""Targets that accept any shortest path: the DP picks the path the logits favour, always a shortest one."""
import sys
import unittest
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from trm import maze  # noqa: E402
from trm.maze_targets import any_shortest_path, best_path  # noqa: E402
from trm.maze_verify import verified  # noqa: E402

# A 5x5 room: S top-left, G bottom-right, 6 moves, C(4,2) = 6 shortest paths.
ROOM = ["#######",
        "#S    #",
        "#     #",
        "#    G#",
        "#######"]
# Its stored answer: right along the top, then down (one of the six).
STORED = ["#######",
          "#Sooo #",
          "#   o #",
          "#   oG#",
          "#######"]


def grid(lines):
    return maze.parse("\n".join(lines))


class BestPathTest(unittest.TestCase):
    def test_follows_the_gain_and_stays_shortest(self):
        g = grid(ROOM)
        gain = torch.full(g.shape, -1.0).numpy()
        for r, c in ((2, 1), (3, 1), (3, 2), (3, 3), (3, 4)):   # down first, then along the bottom
            gain[r, c] = 2.0
        self.assertEqual([(2, 1), (3, 1), (3, 2), (3, 3), (3, 4)], best_path(gain, g))

    def test_unreachable_goal_is_none(self):
        g = grid(["#####", "#S#G#", "#####"])
        self.assertIsNone(best_path(torch.zeros(g.shape).numpy(), g))


class AnyShortestPathTest(unittest.TestCase):
    def test_relabels_toward_the_prediction_and_the_result_verifies(self):
        side = 7
        inputs = torch.from_numpy(maze.place(grid(ROOM)[None], side))
        labels = torch.from_numpy(maze.place(grid(STORED)[None], side))
        logits = torch.zeros(1, side * side, len(maze.VOCAB))
        logits[0, :, maze.OPEN] = 1.0
        for r, c in ((2, 1), (3, 1), (3, 2), (3, 3), (3, 4)):
            logits[0, r * side + c, maze.PATH] = 3.0
        out = any_shortest_path(logits, labels, inputs, side)
        want = {(2, 1), (3, 1), (3, 2), (3, 3), (3, 4)}
        got = {(int(i) // side, int(i) % side) for i in (out[0] == maze.PATH).nonzero().flatten()}
        self.assertEqual(want, got)
        moves = torch.tensor([6])
        self.assertTrue(bool(verified(out, inputs, moves, side)[0]))
        self.assertTrue(bool(verified(labels, inputs, moves, side)[0]))
        # walls, S, G and pad are the stored labels'
        keep = (inputs[0] != maze.OPEN)
        self.assertTrue(torch.equal(out[0][keep], labels[0][keep]))

    def test_a_maze_with_one_shortest_path_keeps_its_label(self):
        side = 7
        corridor = ["#######", "#S   G#", "#######"]
        inputs = torch.from_numpy(maze.place(grid(corridor)[None], side))
        labels = torch.from_numpy(maze.place(grid(["#######", "#SoooG#", "#######"])[None], side))
        logits = torch.randn(1, side * side, len(maze.VOCAB))
        self.assertTrue(torch.equal(labels, any_shortest_path(logits, labels, inputs, side)))


if __name__ == "__main__":
    unittest.main()
