import json
import sys
import tempfile
import unittest
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import bench_torch  # noqa: E402
from trm.export import export_model_dir  # noqa: E402
from trm.model import TRM, TrmConfig  # noqa: E402


def export_tiny(variant: str, out: Path) -> TRM:
    torch.manual_seed(7)
    cfg = TrmConfig(vocab_size=6, seq_len=9, hidden_size=32, num_heads=2, expansion=2.0, L_cycles=2,
                    H_cycles=2, puzzle_emb_len=4, variant=variant)
    trm = TRM(cfg)
    with torch.no_grad():  # non-default heads so a mix-up would show
        trm.q_head.weight.normal_()
        trm.puzzle_emb.normal_()
    export_model_dir(trm, out, name="tiny", head="tokens", vocab=["<pad>"] + [f"t{i}" for i in range(1, 6)],
                     description="test", provenance={})
    return trm


class BenchTorchTest(unittest.TestCase):
    def test_weights_read_back_from_the_onnx_initializers_equal_the_exported_ones(self):
        for variant in ("mlp_t", "attention"):
            with self.subTest(variant), tempfile.TemporaryDirectory() as d:
                original = export_tiny(variant, Path(d))
                manifest = json.loads((Path(d) / "manifest.json").read_text())
                loaded = TRM(bench_torch.config_from_manifest(manifest)).eval()
                bench_torch.load_weights(loaded, Path(d) / "cell.onnx", Path(d) / "init.bin")
                want = original.state_dict()
                for key, value in loaded.state_dict().items():
                    torch.testing.assert_close(value, want[key], rtol=0, atol=0, msg=key)

    def test_a_conv_model_reads_back_too(self):
        # the 3x3 kernels are named Conv initializers; the unused puzzle table is not in the graph
        with tempfile.TemporaryDirectory() as d:
            torch.manual_seed(7)
            cfg = TrmConfig(vocab_size=6, seq_len=16, hidden_size=16, num_heads=2, expansion=2.0, L_cycles=2,
                            H_cycles=1, puzzle_emb_len=0, variant="conv", grid_width=4)
            original = TRM(cfg)
            export_model_dir(original, Path(d), name="tiny", head="maze", vocab=["<pad>", "#", " ", "S", "G", "o"],
                             description="test", provenance={})
            manifest = json.loads((Path(d) / "manifest.json").read_text())
            loaded = TRM(bench_torch.config_from_manifest(manifest)).eval()
            bench_torch.load_weights(loaded, Path(d) / "cell.onnx", Path(d) / "init.bin")
            for key, value in loaded.state_dict().items():
                torch.testing.assert_close(value, original.state_dict()[key], rtol=0, atol=0, msg=key)

    def test_prints_one_json_object_per_batch_and_the_predictions(self):
        with tempfile.TemporaryDirectory() as d:
            original = export_tiny("mlp_t", Path(d))
            tokens = np.random.default_rng(0).integers(1, 6, size=(3, 9), dtype=np.int64)
            tokens.astype("<i8").tofile(Path(d) / "tokens.i64")
            out = StringIO()
            with redirect_stdout(out):
                bench_torch.main(["--model", d, "--batch", "1,3", "--steps", "2", "--runs", "1", "--warmup", "0",
                                  "--threads", "1", "--tokens", str(Path(d) / "tokens.i64"),
                                  "--predictions", str(Path(d) / "pred.i32")])
            lines = [json.loads(line) for line in out.getvalue().splitlines()]
            self.assertEqual([1, 3], [o["batch"] for o in lines])
            self.assertTrue(all(o["torch_puzzles_per_s"] > 0 for o in lines))
            pred = np.fromfile(Path(d) / "pred.i32", dtype="<i4").reshape(3, 9)
            want = bench_torch.run_loop(original.eval(), torch.from_numpy(tokens), torch.zeros(3, dtype=torch.long), 2)
            np.testing.assert_array_equal(pred, want.numpy())


if __name__ == "__main__":
    unittest.main()
