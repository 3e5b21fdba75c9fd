"""trm/variants.py: a converter's cell moved beside a model's fp32 cell and named in its manifest
(no onnxruntime needed: the files are opaque here)."""
import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from trm import variants  # noqa: E402


class VariantsTest(unittest.TestCase):
    def test_file_name_is_the_one_trm4j_looks_for(self):
        self.assertEqual("cell-int8.onnx", variants.variant_file({}, "int8"))
        self.assertEqual("net-fp16.onnx", variants.variant_file({"cell": "net.onnx"}, "fp16"))

    def test_adopt_moves_the_cell_and_keeps_everything_else(self):
        with tempfile.TemporaryDirectory() as d:
            model, built = Path(d) / "m", Path(d) / "b"
            model.mkdir()
            built.mkdir()
            (model / "cell.onnx").write_bytes(b"fp32")
            (model / "manifest.json").write_text(json.dumps({"name": "x", "cell": "cell.onnx", "cell_sha256": "ab",
                                                             "variants": {}, "provenance": {"trained": 1}}))
            (built / "cell.onnx").write_bytes(b"int8")
            (built / "manifest.json").write_text(json.dumps({"name": "x-int8", "cell": "cell.onnx",
                                                             "provenance": {"quantization": {"method": "q"}}}))
            target = variants.adopt(built, model, "int8", "quantization")
            self.assertEqual(model / "cell-int8.onnx", target)
            self.assertEqual(b"int8", target.read_bytes())
            self.assertEqual(b"fp32", (model / "cell.onnx").read_bytes())
            m = json.loads((model / "manifest.json").read_text())
            self.assertEqual({"int8": "cell-int8.onnx"}, m["variants"])
            self.assertEqual("ab", m["cell_sha256"], "the fp32 cell's digest stays")
            self.assertEqual({"trained": 1, "variants": {"int8": {"method": "q"}}}, m["provenance"])


if __name__ == "__main__":
    unittest.main()
