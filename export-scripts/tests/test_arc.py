"""ARC data for training (trm/arc.py): the official encoding and augmentations, the protocol's
split (evaluation test outputs never trained on), and the conv model's added puzzle embedding."""
import hashlib
import json
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np
import onnx
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from trm import arc  # noqa: E402
from trm.export import export_model_dir  # noqa: E402
from trm.model import TRM, TrmConfig  # noqa: E402

INVERSE = [0, 3, 2, 1, 4, 5, 6, 7]  # the official DIHEDRAL_INVERSE (and the Java head's)


def task(train, test):
    return {"train": [{"input": a, "output": b} for a, b in train], "test": [{"input": a, "output": b} for a, b in test]}


class EncodingTest(unittest.TestCase):
    def test_grid_markers_and_colors_as_the_java_codec(self):
        g = np.array([[0, 5, 9], [3, 3, 1]])
        canvas = arc.encode(g, 5).reshape(5, 5)
        expected = np.array([[2, 7, 11, 1, 0],
                             [5, 5, 3, 1, 0],
                             [1, 1, 1, 0, 0],    # the corner past the grid stays pad
                             [0, 0, 0, 0, 0],
                             [0, 0, 0, 0, 0]])
        np.testing.assert_array_equal(canvas, expected)
        shifted = arc.encode(g, 5, 2, 2).reshape(5, 5)   # the right marker falls off the canvas: not written
        np.testing.assert_array_equal(shifted[2:4, 2:5], g + 2)
        np.testing.assert_array_equal(shifted[4, 2:5], [1, 1, 1])
        self.assertEqual(int(shifted.sum()), int((g + 2).sum()) + 3)
        with self.assertRaisesRegex(ValueError, "does not fit"):
            arc.encode(g, 3, 2, 0)

    def test_every_dihedral_transform_has_the_official_inverse(self):
        g = np.arange(6).reshape(2, 3)
        for t in range(8):
            np.testing.assert_array_equal(arc.dihedral(arc.dihedral(g, t), INVERSE[t]), g)
        np.testing.assert_array_equal(arc.dihedral(g, 1), np.rot90(g))   # 1 = counter-clockwise
        np.testing.assert_array_equal(arc.dihedral(g, 7), np.fliplr(np.rot90(g)))

    def test_puzzle_names_match_the_official_identifiers(self):
        self.assertEqual(arc.puzzle_name("007bbfb7", 0, arc.IDENTITY), "007bbfb7")
        m = np.array([0, 2, 1, 3, 4, 5, 6, 7, 8, 9])
        self.assertEqual(arc.puzzle_name("007bbfb7", 3, m), "007bbfb7|||t3|||0213456789")
        np.testing.assert_array_equal(arc.augment(np.array([[1, 2]]), 0, m), [[2, 1]])  # colors first, 0 kept


class ProtocolTest(unittest.TestCase):
    def test_evaluation_test_outputs_are_never_training_rows(self):
        train = {"t1": task([([[1]], [[2]])], [([[3]], [[4]])])}
        evals = {"e1": task([([[5]], [[6]])], [([[7]], [[8]])])}
        puzzles, ids = arc.build_puzzles(train, evals, augs=3, seed=0)
        self.assertEqual(ids[0], arc.BLANK)
        self.assertEqual(len(ids), 1 + 6)
        by_task = {}
        for p in puzzles:
            by_task.setdefault(p.task, []).append(p)
        self.assertEqual({len(p.pairs) for p in by_task["t1"]}, {2})   # demos + test pair
        self.assertEqual({len(p.pairs) for p in by_task["e1"]}, {1})   # demos only
        self.assertEqual([p.name for p in by_task["e1"]][0], "e1")     # identity first
        # colors are permuted, 0 kept: the pair's cells stay a bijection of the original's
        for p in by_task["e1"]:
            a, b = p.pairs[0]
            self.assertNotEqual(int(a[0, 0]), 0)

    def test_fits_looks_at_evaluation_test_outputs_only_when_allowed(self):
        t = task([([[1]], [[2]])], [([[3]], np.zeros((12, 12), int).tolist())])
        self.assertTrue(arc.fits(t, 10, with_test_outputs=False))
        self.assertFalse(arc.fits(t, 10, with_test_outputs=True))

    def test_batches_share_one_offset_per_pair_and_carry_puzzle_ids(self):
        puzzles, _ = arc.build_puzzles({"t": task([([[1, 2]], [[3], [4]])], [])}, {}, augs=1, seed=0)
        x, y, ids = arc.sample_batch(puzzles, 16, 6, np.random.default_rng(0))
        self.assertEqual(x.shape, (16, 36))
        self.assertTrue((ids == 1).all())   # id 0 is <blank>
        for row in range(16):
            xr, yr = x[row].reshape(6, 6), y[row].reshape(6, 6)
            r, c = np.argwhere(xr >= 2)[0]
            self.assertEqual(tuple(np.argwhere(yr >= 2)[0]), (r, c))


class AddedPuzzleEmbeddingTest(unittest.TestCase):
    def cfg(self, side, ids):
        return TrmConfig(vocab_size=12, seq_len=side * side, hidden_size=16, num_heads=1, expansion=3, L_cycles=1,
                         H_cycles=1, variant="conv", grid_width=side, puzzle_emb_len=0, num_puzzle_ids=ids)

    def test_the_row_changes_every_position_and_the_cell_takes_puzzle_ids(self):
        torch.manual_seed(0)
        m = TRM(self.cfg(4, 3)).eval()
        with torch.no_grad():
            m.puzzle_emb.normal_()
        x = torch.randint(0, 12, (2, 16))
        e0 = m.input_embeddings(x, torch.tensor([0, 0]))
        e1 = m.input_embeddings(x, torch.tensor([1, 2]))
        self.assertTrue(((e0 - e1).abs().sum(-1) > 0).all())
        with tempfile.TemporaryDirectory() as d:
            names = ["<blank>", "a", "a|||t1|||0123456789"]
            man = export_model_dir(m, Path(d) / "m", name="t", head="arc", vocab=arc.VOCAB, description="test",
                                   provenance={}, identifiers=names, puzzle_ids={n: i for i, n in enumerate(names)})
            g = onnx.load(str(Path(d) / "m" / "cell.onnx"))
            self.assertEqual([i.name for i in g.graph.input], ["tokens", "y", "z", "puzzle_ids"])
            self.assertEqual(man["state_len"], 16)
            self.assertEqual(man["cell_sha256"], hashlib.sha256((Path(d) / "m" / "cell.onnx").read_bytes()).hexdigest())
            self.assertEqual(man["puzzle_ids"]["a"], 1)
            self.assertEqual(json.loads((Path(d) / "m" / "identifiers.json").read_text()), names)


if __name__ == "__main__":
    unittest.main()
