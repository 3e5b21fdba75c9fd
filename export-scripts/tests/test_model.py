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


def grid_cfg(variant, rows, width, **kw):
    """A small model of a grid variant (no prefix) on a rows x width grid."""
    base = dict(seq_len=rows * width, hidden_size=16, num_heads=1, L_cycles=1, H_cycles=1, variant=variant,
                grid_width=width, puzzle_emb_len=0)
    base.update(kw)
    return TrmConfig(**base)


def export_and_load(model, head):
    """Exports a test model; returns its manifest and the loaded ONNX graph."""
    with tempfile.TemporaryDirectory() as d:
        man = export_model_dir(model, Path(d) / "m", name="t", head=head,
                               vocab=[str(i) for i in range(model.cfg.vocab_size)], description="test", provenance={})
        return man, onnx.load(str(Path(d) / "m" / "cell.onnx"))


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


class ConvVariantTest(unittest.TestCase):
    def conv(self, side=5, **kw):
        return grid_cfg("conv", side, side, vocab_size=6, expansion=3, **kw)

    def test_needs_a_grid_and_no_prefix(self):
        with self.assertRaisesRegex(ValueError, "puzzle_emb_len 0"):
            self.conv(puzzle_emb_len=16)
        with self.assertRaisesRegex(ValueError, "grid_width dividing seq_len 25"):
            self.conv(grid_width=4)

    def test_mixing_is_local_and_the_mlp_is_not_rounded_to_256(self):
        torch.manual_seed(0)
        m = TRM(self.conv()).eval()
        self.assertEqual(m.L_level.layers[0].mlp.down_proj.weight.shape[1], swiglu_inter(16, 3, 32))  # 32, not 256
        h = torch.randn(1, 25, 16)
        out = m.L_level.layers[0].conv(h)
        h2 = h.clone()
        h2[0, 24] += 1.0                 # bottom-right cell: only its 3x3 neighbourhood may change
        changed = (m.L_level.layers[0].conv(h2) - out).abs().sum(-1)[0].nonzero().flatten().tolist()
        self.assertEqual(changed, [18, 19, 23, 24])

    def test_weights_load_into_a_larger_canvas_and_export_without_puzzle_input(self):
        torch.manual_seed(0)
        small = TRM(self.conv(side=5))
        big = TRM(self.conv(side=9))
        big.load_state_dict(small.state_dict())          # no parameter depends on the grid size
        x = torch.randint(1, 6, (2, 81))
        y, z = big.initial_state(2)
        y2, _, logits, q_halt, _ = big.step(x, y, z, torch.zeros(2, dtype=torch.long))
        self.assertEqual(tuple(y2.shape), (2, 81, 16))   # state_len == seq_len: no prefix
        self.assertEqual(tuple(logits.shape), (2, 81, 6))
        man, g = export_and_load(big, "maze")
        self.assertEqual([i.name for i in g.graph.input], ["tokens", "y", "z"])
        self.assertEqual(man["arch"]["grid_width"], 9)
        self.assertEqual(man["state_len"], 81)
        self.assertEqual(man["arch"]["halt_readout"], "mean")   # the project's prefix-less models pool


class ColumnMixerVariantTest(unittest.TestCase):
    """mlp_cols: one MLP-mixer down each column of a row-major grid, shared by the columns."""

    def cols(self, rows=4, width=3, **kw):
        return grid_cfg("mlp_cols", rows, width, vocab_size=7, expansion=2, **kw)

    def test_needs_a_grid_and_no_prefix(self):
        with self.assertRaisesRegex(ValueError, "puzzle_emb_len 0"):
            self.cols(puzzle_emb_len=1)
        with self.assertRaisesRegex(ValueError, "grid_width dividing seq_len 12"):
            self.cols(width=5, rows=2, seq_len=12)

    def test_columns_do_not_mix_and_share_one_mixer(self):
        torch.manual_seed(0)
        block = TRM(self.cols()).eval().L_level.layers[0]
        h = torch.randn(1, 12, 16)
        out = block(h)
        h2 = h.clone()
        h2[0, 4] += 1.0                  # row 1, column 1: only column 1 (positions 1, 4, 7, 10) may change
        changed = (block(h2) - out).abs().sum(-1)[0].nonzero().flatten().tolist()
        self.assertEqual(changed, [1, 4, 7, 10])
        # The same column content gives the same result in any column (one shared mixer).
        col = torch.randn(4, 16)
        a, b = torch.zeros(1, 12, 16), torch.zeros(1, 12, 16)
        a[0, 0::3], b[0, 2::3] = col, col
        self.assertTrue(torch.allclose(block(a)[0, 0::3], block(b)[0, 2::3], atol=1e-6))

    def test_exports_without_puzzle_input(self):
        # Numerical parity of the exported cell is checked by ONNX Runtime on the Java side.
        torch.manual_seed(0)
        man, g = export_and_load(TRM(self.cols()), "sequence")
        self.assertEqual([i.name for i in g.graph.input], ["tokens", "y", "z"])
        self.assertEqual(man["arch"]["grid_width"], 3)
        self.assertEqual(man["state_len"], 12)


if __name__ == "__main__":
    unittest.main()
