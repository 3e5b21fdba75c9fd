"""convert_fp16.py on the tiny mlp_t fixture. Needs onnxruntime's float16 tools (requirements-quant.txt,
installed apart: PYTHONPATH=/tmp/ortpy); skipped where they are missing (CI installs only Debian's
torch/onnx)."""
import json
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FIXTURE = Path(__file__).resolve().parents[2] / "core/src/test/resources/fixtures/tiny-mlpt"

try:
    import onnx
    import onnxruntime
    from onnxruntime.transformers.float16 import convert_float_to_float16  # noqa: F401
    HAVE_ORT = True
except ImportError:
    HAVE_ORT = False


def one_step(cell: Path, inputs: dict) -> list:
    session = onnxruntime.InferenceSession(str(cell), providers=["CPUExecutionProvider"])
    return session.run(None, inputs)


@unittest.skipUnless(HAVE_ORT, "onnxruntime float16 tools (requirements-quant.txt) not installed")
class ConvertFp16Test(unittest.TestCase):
    def test_the_fp16_cell_keeps_the_float32_contract_and_close_outputs(self):
        import convert_fp16
        manifest = json.loads((FIXTURE / "manifest.json").read_text())
        arch = manifest["arch"]
        with tempfile.TemporaryDirectory() as d:
            out = Path(d) / "fp16"
            self.assertEqual(0, convert_fp16.main(["--model", str(FIXTURE), "--out", str(out)]))
            written = json.loads((out / "manifest.json").read_text())
            self.assertEqual(manifest["name"] + "-fp16", written["name"])
            self.assertTrue((out / "init.bin").read_bytes() == (FIXTURE / "init.bin").read_bytes())

            model = onnx.load(str(out / "cell.onnx"))
            float32 = onnx.TensorProto.FLOAT
            for value in list(model.graph.input) + list(model.graph.output):
                elem = value.type.tensor_type.elem_type
                if value.name not in ("tokens", "puzzle_ids"):
                    self.assertEqual(float32, elem, value.name + " stays float32 for the Java loop")
            halves = [t for t in model.graph.initializer if t.data_type == onnx.TensorProto.FLOAT16]
            self.assertTrue(halves, "weights are stored in fp16")

            b, s, dim = 2, manifest["seq_len"] + arch["puzzle_emb_len"], arch["hidden_size"]
            rng = np.random.default_rng(0)
            inputs = {"tokens": rng.integers(1, manifest["vocab_size"], size=(b, manifest["seq_len"])).astype(np.int64),
                      "puzzle_ids": np.array([0, 1], dtype=np.int64),
                      "y": rng.standard_normal((b, s, dim)).astype(np.float32),
                      "z": rng.standard_normal((b, s, dim)).astype(np.float32)}
            want = one_step(FIXTURE / "cell.onnx", inputs)
            got = one_step(out / "cell.onnx", inputs)
            for w, g in zip(want, got):
                self.assertEqual(np.float32, g.dtype)
                np.testing.assert_allclose(g, w, atol=0.05, rtol=0.05)


if __name__ == "__main__":
    unittest.main()
