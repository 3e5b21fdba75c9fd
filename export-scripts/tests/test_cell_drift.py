"""cell_drift.py: real rows encoded as the model takes them, and two identical cells not drifting
(the run needs onnxruntime: skipped where it is missing, as in CI)."""
import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import cell_drift  # noqa: E402

FIXTURE = Path(__file__).resolve().parents[2] / "core/src/test/resources/fixtures/tiny-attn"
try:
    import onnxruntime  # noqa: F401
    HAVE_ORT = True
except ImportError:
    HAVE_ORT = False


class CellDriftTest(unittest.TestCase):
    def test_sudoku_rows_are_spread_over_the_file_and_tokenized(self):
        with tempfile.TemporaryDirectory() as d:
            csv = Path(d) / "s.csv"
            rows = ["." * 80 + str(i % 9 + 1) for i in range(10)]
            csv.write_text("question,answer\n" + "".join(f"{q},x\n" for q in rows))
            tok, ids = cell_drift.tokens("sudoku", csv, 5, {"seq_len": 81})
            self.assertEqual((5, 81), tok.shape)
            self.assertEqual([2, 4, 6, 8, 10], list(tok[:, 80]), "rows 0, 2, 4, 6, 8: digit d -> d + 1")
            self.assertEqual(1, tok[0, 0], "blank -> 1")
            self.assertEqual([0] * 5, list(ids))

    def test_a_length_mismatch_is_named(self):
        with tempfile.TemporaryDirectory() as d:
            csv = Path(d) / "s.csv"
            csv.write_text("question,answer\n" + "." * 81 + ",x\n")
            with self.assertRaises(SystemExit) as e:
                cell_drift.tokens("sudoku", csv, 1, {"seq_len": 16})
            self.assertIn("rows encode to 81 tokens, the model takes 16", str(e.exception))

    @unittest.skipUnless(HAVE_ORT, "onnxruntime (requirements-quant.txt) not installed")
    def test_a_cell_against_itself_does_not_drift(self):
        manifest = json.loads((FIXTURE / "manifest.json").read_text())
        import numpy as np
        tok = np.random.default_rng(0).integers(1, manifest["vocab_size"], (3, manifest["seq_len"]))
        out = cell_drift.drift(FIXTURE, FIXTURE, tok, np.zeros(3, dtype=np.int64), 4)
        self.assertEqual(0.0, out["max_abs_diff"])
        self.assertEqual(0, out["rows_with_different_argmax"])
        self.assertEqual(4, len(out["per_step"]))


if __name__ == "__main__":
    unittest.main()
