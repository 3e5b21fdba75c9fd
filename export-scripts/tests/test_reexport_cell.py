import hashlib
import json
import sys
import tempfile
import unittest
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import onnx
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import ab_cells  # noqa: E402
import bench_torch  # noqa: E402
import reexport_cell  # noqa: E402
from trm import model as trm_model  # noqa: E402
from trm.export import export_model_dir  # noqa: E402
from trm.model import TRM, TrmConfig  # noqa: E402


def op_counts(cell: Path) -> dict:
    counts: dict = {}
    for n in onnx.load(str(cell)).graph.node:
        counts[n.op_type] = counts.get(n.op_type, 0) + 1
    return counts


class ReexportCellTest(unittest.TestCase):
    def test_an_old_graph_is_exported_again_as_two_products_and_a_fusable_norm_with_the_same_weights(self):
        torch.manual_seed(3)
        cfg = TrmConfig(vocab_size=6, seq_len=9, hidden_size=32, num_heads=2, expansion=2.0, L_cycles=2,
                        H_cycles=1, puzzle_emb_len=4, variant="mlp_t")
        original = TRM(cfg)
        with tempfile.TemporaryDirectory() as d:
            old, new = Path(d) / "old", Path(d) / "new"
            flags = trm_model.EXPORT_FUSABLE_RMSNORM, trm_model.EXPORT_SWIGLU_TWO_MATMULS
            trm_model.EXPORT_FUSABLE_RMSNORM = trm_model.EXPORT_SWIGLU_TWO_MATMULS = False
            try:
                export_model_dir(original, old, name="tiny", head="tokens",
                                 vocab=["<pad>"] + [f"t{i}" for i in range(1, 6)], description="t", provenance={})
            finally:
                trm_model.EXPORT_FUSABLE_RMSNORM, trm_model.EXPORT_SWIGLU_TWO_MATMULS = flags
            (old / "CARD.md").write_text("card")
            with redirect_stdout(StringIO()):
                reexport_cell.main(["--model", str(old), "--out", str(new)])
            before, after = op_counts(old / "cell.onnx"), op_counts(new / "cell.onnx")
            # 12 SwiGLU calls (3 net calls x 2 layers x 2): each two products, no Slice copying halves out
            self.assertEqual(before["MatMul"] + 12, after["MatMul"])
            self.assertEqual(before["Slice"] - 24, after["Slice"])
            self.assertEqual(1, after["Slice"])  # what is left: the logits skip the prefix
            self.assertEqual(12, after["Sqrt"])  # each norm x / sqrt(mean(x^2) + eps) * ones: fusable
            self.assertEqual("card", (new / "CARD.md").read_text())
            m = json.loads((new / "manifest.json").read_text())
            self.assertEqual(hashlib.sha256((new / "cell.onnx").read_bytes()).hexdigest(), m["cell_sha256"])
            self.assertEqual("current", m["provenance"]["reexported"]["graph"])
            loaded = TRM(bench_torch.config_from_manifest(m)).eval()
            bench_torch.load_weights(loaded, new / "cell.onnx", new / "init.bin")
            for key, value in loaded.state_dict().items():
                torch.testing.assert_close(value, original.state_dict()[key], rtol=0, atol=0, msg=key)

    def test_refuses_to_overwrite_its_input(self):
        with tempfile.TemporaryDirectory() as d, self.assertRaisesRegex(SystemExit, "--out must differ"):
            reexport_cell.main(["--model", d, "--out", d])


class AbCellsTest(unittest.TestCase):
    def test_ratios_are_medians_of_per_round_ratios_against_the_first_model(self):
        times = {"a": [1.0, 2.0, 4.0], "b": [0.5, 2.0, 1.0]}
        self.assertEqual({"a": 1.0, "b": 2.0}, ab_cells.ratios(times, "a"))  # per round 2, 1, 4

    def test_needs_two_different_models(self):
        with self.assertRaisesRegex(SystemExit, "at least two"):
            ab_cells.main(["x"])
        with self.assertRaisesRegex(SystemExit, "must differ"):
            ab_cells.main(["x", "x"])


if __name__ == "__main__":
    unittest.main()
