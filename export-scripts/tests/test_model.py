import sys
import tempfile
import unittest
from pathlib import Path

import onnx
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from trm.export import export_model_dir, weight_bytes  # noqa: E402
from trm.model import TRM, TrmConfig, swiglu_inter  # noqa: E402


def cfg(variant, **kw):
    base = dict(vocab_size=11, seq_len=81, hidden_size=512, num_heads=8, L_cycles=6, H_cycles=3, variant=variant)
    base.update(kw)
    return TrmConfig(**base)


class ModelTest(unittest.TestCase):
    def test_swiglu_width_rounds_to_256(self):
        self.assertEqual(swiglu_inter(512, 4.0), 1536)   # round(1365.3) -> 1536
        self.assertEqual(swiglu_inter(97, 4.0), 512)

    def test_paper_sizes(self):
        # Paper: ~5M parameters for the Sudoku mlp_t model, ~7M for attention.
        self.assertAlmostEqual(TRM(cfg("mlp_t")).num_params() / 1e6, 5.0, delta=0.6)
        self.assertAlmostEqual(TRM(cfg("attention")).num_params() / 1e6, 6.8, delta=0.3)

    def test_step_shapes_and_halting_head_init(self):
        torch.manual_seed(0)
        m = TRM(cfg("attention", hidden_size=32, num_heads=2, seq_len=10, L_cycles=1, H_cycles=1)).eval()
        x = torch.randint(1, 11, (3, 10))
        y, z = m.initial_state(3)
        y2, z2, logits, q_halt, q_cont = m.step(x, y, z, torch.zeros(3, dtype=torch.long))
        self.assertEqual(tuple(y2.shape), (3, 26, 32))
        self.assertEqual(tuple(logits.shape), (3, 10, 11))
        self.assertTrue(torch.allclose(q_halt, torch.full((3,), -5.0)))  # official init: weight 0, bias -5

    def test_export_is_about_the_size_of_the_weights(self):
        torch.manual_seed(0)
        m = TRM(cfg("attention", hidden_size=128, num_heads=4, L_cycles=3, H_cycles=2))
        with tempfile.TemporaryDirectory() as d:
            out = Path(d) / "m"
            man = export_model_dir(m, out, name="t", head="tokens", vocab=[str(i) for i in range(11)],
                                   description="test", provenance={})
            size = (out / "cell.onnx").stat().st_size
            self.assertLess(size, 1.3 * weight_bytes(m))
            g = onnx.load(str(out / "cell.onnx"))
            self.assertEqual([i.name for i in g.graph.input], ["tokens", "y", "z", "puzzle_ids"])
            self.assertEqual([o.name for o in g.graph.output], ["y_out", "z_out", "logits", "q_halt"])
            self.assertEqual(g.opset_import[0].version, 17)
            self.assertEqual((out / "init.bin").stat().st_size, 8 * 128)
            self.assertEqual(man["state_len"], 97)


if __name__ == "__main__":
    unittest.main()
