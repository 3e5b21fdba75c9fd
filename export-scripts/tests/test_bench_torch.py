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
from trm import model as trm_model  # noqa: E402
from trm.model import TRM, TrmConfig  # noqa: E402

MKL_CONFIG = """PyTorch built with:
  - Intel(R) oneAPI Math Kernel Library Version 2024.2-Product Build 20240605 for Intel(R) 64 architecture applications
  - Intel(R) MKL-DNN v3.5.3 (Git Hash 66f0cb9eb66affd2da3bf5f8d897376f04aae6af)
  - CPU capability usage: AVX512
  - Build settings: BLAS_INFO=mkl, BUILD_TYPE=Release, TORCH_VERSION=2.5.1, USE_MKL=ON,
"""
OPENBLAS_CONFIG = """PyTorch built with:
  - CPU capability usage: AVX2
  - Build settings: BLAS_INFO=open, BUILD_TYPE=Release, TORCH_VERSION=1.13.1,
"""


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

    def test_a_cell_exported_before_the_swiglu_split_reads_back_too(self):
        # bundled models exported earlier hold one gate_up product per SwiGLU, the newer ones two
        for split in (False, True):
            with self.subTest(split=split), tempfile.TemporaryDirectory() as d:
                old = trm_model.EXPORT_SWIGLU_TWO_MATMULS
                trm_model.EXPORT_SWIGLU_TWO_MATMULS = split
                try:
                    original = export_tiny("mlp_t", Path(d))
                finally:
                    trm_model.EXPORT_SWIGLU_TWO_MATMULS = old
                manifest = json.loads((Path(d) / "manifest.json").read_text())
                loaded = TRM(bench_torch.config_from_manifest(manifest)).eval()
                mapping = bench_torch.load_weights(loaded, Path(d) / "cell.onnx", Path(d) / "init.bin")
                self.assertEqual(17 if split else 13, len(mapping))  # 4 SwiGLUs: 4 more
                for key, value in loaded.state_dict().items():
                    torch.testing.assert_close(value, original.state_dict()[key], rtol=0, atol=0, msg=key)

    def test_names_the_torch_build_and_marks_a_1x_build_as_the_fallback(self):
        pypi = bench_torch.torch_build(MKL_CONFIG, "2.5.1+cpu")
        self.assertEqual("BLAS mkl, MKL 2024.2-Product, oneDNN 3.5.3, CPU capability AVX512", pypi["torch_blas"])
        self.assertFalse(pypi["torch_fallback"])
        debian = bench_torch.torch_build(OPENBLAS_CONFIG, "1.13.0a0+git49444c3")
        self.assertEqual("BLAS open, CPU capability AVX2", debian["torch_blas"])
        self.assertTrue(debian["torch_fallback"])
        self.assertEqual("unknown", bench_torch.torch_build("", "2.1.0")["torch_blas"])

    def test_names_the_cpu_and_its_matrix_flags(self):
        info = bench_torch.cpu_info("processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Platinum 8480+\n"
                                    "flags\t\t: fpu avx2 fma avx512f avx512_vnni amx_tile amx_int8 sse4_2\n")
        self.assertEqual("Intel(R) Xeon(R) Platinum 8480+", info["cpu_model"])
        self.assertEqual(["avx2", "fma", "avx512f", "avx512_vnni", "amx_tile", "amx_int8"], info["cpu_flags"])
        self.assertEqual({"cpu_model": None, "cpu_flags": []}, bench_torch.cpu_info(""))

    def test_modes_are_checked(self):
        with tempfile.TemporaryDirectory() as d:
            export_tiny("mlp_t", Path(d))
            with self.assertRaisesRegex(SystemExit, "use eager, compile or eager,compile"):
                bench_torch.main(["--model", d, "--modes", "eager,jit"])

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
            self.assertEqual(["eager", "eager"], [o["mode"] for o in lines])
            self.assertEqual(torch.__version__, lines[0]["torch"])
            self.assertIn("torch_blas", lines[0])
            self.assertIn("cpu_flags", lines[0])
            self.assertTrue(all(o["torch_puzzles_per_s"] > 0 for o in lines))
            pred = np.fromfile(Path(d) / "pred.i32", dtype="<i4").reshape(3, 9)
            want = bench_torch.run_loop(original.eval(), torch.from_numpy(tokens), torch.zeros(3, dtype=torch.long), 2)
            np.testing.assert_array_equal(pred, want.numpy())


    def test_compile_mode_is_reported_unavailable_on_torch_1x_or_timed_on_torch_2(self):
        with tempfile.TemporaryDirectory() as d:
            export_tiny("mlp_t", Path(d))
            out = StringIO()
            with redirect_stdout(out):
                bench_torch.main(["--model", d, "--batch", "2", "--steps", "1", "--runs", "1", "--warmup", "1",
                                  "--threads", "1", "--modes", "eager,compile"])
            lines = [json.loads(line) for line in out.getvalue().splitlines()]
            if hasattr(torch, "compile"):
                self.assertEqual(["eager", "compile"], [o["mode"] for o in lines])
            else:
                self.assertEqual([{"mode": "compile", "available": False, "torch": torch.__version__,
                                   "reason": "torch.compile needs PyTorch 2"}], lines[:1])
                self.assertEqual(["eager"], [o["mode"] for o in lines[1:]])


if __name__ == "__main__":
    unittest.main()
