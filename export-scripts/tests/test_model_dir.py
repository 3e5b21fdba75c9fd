import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
from trm.export import export_cell, write_init  # noqa: E402
from trm.model_dir import initializers, load_model_dir  # noqa: E402

BUNDLED = HERE.parent / "models" / "src" / "main" / "resources" / "trm4j" / "models" / "sequence"


class ModelDirTest(unittest.TestCase):
    def test_the_bundled_sequence_model_exports_back_to_the_same_weights(self):
        trm = load_model_dir(BUNDLED, max_steps=2)
        self.assertEqual(trm.cfg.variant, "mlp_cols")
        self.assertEqual(trm.cfg.max_steps, 2)
        with tempfile.TemporaryDirectory() as d:
            export_cell(trm, Path(d) / "cell.onnx")
            write_init(trm, Path(d) / "init.bin")
            again = initializers(Path(d) / "cell.onnx")
            self.assertEqual((Path(d) / "init.bin").read_bytes(), (BUNDLED / "init.bin").read_bytes())
        bundled = initializers(BUNDLED / "cell.onnx")
        self.assertEqual(set(again), set(bundled))
        for name, value in bundled.items():
            self.assertTrue(np.array_equal(again[name], value), name)


if __name__ == "__main__":
    unittest.main()
