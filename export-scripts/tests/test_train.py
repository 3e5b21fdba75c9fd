"""The trainer's learning-rate schedule: warmup, then constant, or annealed to 0 at the end of the budget."""
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from trm.model import TrmConfig  # noqa: E402
from trm.train import Task, TrainConfig, Trainer  # noqa: E402


class LearningRateTest(unittest.TestCase):
    def trainer(self, d, **kw):
        mc = TrmConfig(vocab_size=5, seq_len=4, hidden_size=8, num_heads=1, L_cycles=1, H_cycles=1, puzzle_emb_len=1)
        return Trainer(mc, TrainConfig(lr=1e-3, warmup=10, minutes=100, **kw), Task(), Path(d))

    def test_warmup_then_constant(self):
        with tempfile.TemporaryDirectory() as d:
            t = self.trainer(d)
            self.assertAlmostEqual(t._lr(), 1e-4)          # step 1 of 10
            t.step_count, t.elapsed = 50, 99.9 * 60
            self.assertAlmostEqual(t._lr(), 1e-3)

    def test_anneals_linearly_to_zero_over_the_last_minutes(self):
        with tempfile.TemporaryDirectory() as d:
            t = self.trainer(d, anneal_minutes=20)
            t.step_count = 50
            t.elapsed = 70 * 60
            self.assertAlmostEqual(t._lr(), 1e-3)          # 30 minutes left: not yet
            t.elapsed = 90 * 60
            self.assertAlmostEqual(t._lr(), 0.5e-3)        # 10 of 20 minutes left
            t.elapsed = 101 * 60
            self.assertEqual(t._lr(), 0.0)


if __name__ == "__main__":
    unittest.main()
