import random
import sys
import unittest
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from trm.sudoku import (augment, count_solutions, make_puzzle, parse, solvable_by_singles, solve,  # noqa: E402
                        tokens)

# radcliffe Beginner row of ../shared/data/sudoku/sudoku_eval_mix.csv is not needed: a classic
# puzzle with a known unique solution.
PUZZLE = "53..7....6..195....98....6.8...6...34..8.3..17...2...6.6....28....419..5....8..79"
SOLUTION = "534678912672195348198342567859761423426853791713924856961537284287419635345286179"


def is_valid_solution(g):
    g = np.asarray(g).reshape(9, 9)
    units = list(g) + list(g.T) + [g[r:r + 3, c:c + 3].reshape(-1) for r in (0, 3, 6) for c in (0, 3, 6)]
    return all(sorted(u) == list(range(1, 10)) for u in units)


class SolverTest(unittest.TestCase):
    def test_solves_classic_puzzle(self):
        self.assertEqual(solve(parse(PUZZLE)), parse(SOLUTION))
        self.assertTrue(solvable_by_singles(parse(PUZZLE)))

    def test_detects_multiple_solutions_and_contradictions(self):
        p = parse(PUZZLE)
        p[0] = p[1] = p[4] = 0
        p[9] = p[11] = 0
        self.assertEqual(count_solutions([0] * 81, limit=2), 2)
        bad = parse(PUZZLE)
        bad[2] = 5  # a second 5 in row 0
        self.assertEqual(count_solutions(bad), 0)

    def test_generated_puzzles_are_unique_and_consistent(self):
        rng = random.Random(7)
        for singles in (True, False):
            p, s = make_puzzle(rng, 17, singles_only=singles)
            self.assertEqual(count_solutions(p, limit=2), 1)
            self.assertTrue(is_valid_solution(s))
            self.assertTrue(all(pv in (0, sv) for pv, sv in zip(p, s)))
            if singles:
                self.assertTrue(solvable_by_singles(p))

    def test_augmentation_keeps_puzzle_solution_pairs_valid(self):
        p, s = np.array([parse(PUZZLE)]), np.array([parse(SOLUTION)])
        rng = np.random.default_rng(0)
        for _ in range(20):
            ap, as_ = augment(p, s, rng)
            self.assertTrue(is_valid_solution(as_[0]))
            self.assertEqual(solve(list(ap[0])), list(as_[0]))
            self.assertEqual(int((ap[0] > 0).sum()), int((p[0] > 0).sum()))

    def test_official_tokenization(self):
        self.assertEqual(tokens(np.array([0, 1, 9])).tolist(), [1, 2, 10])


if __name__ == "__main__":
    unittest.main()
