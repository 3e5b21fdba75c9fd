import sys
import tempfile
import unittest
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
from trm.export import export_cell, write_init  # noqa: E402
from trm.model_dir import load_model_dir  # noqa: E402

BUNDLED = HERE.parent / "models" / "src" / "main" / "resources" / "trm4j" / "models" / "sequence"


class ModelDirTest(unittest.TestCase):
    def test_the_bundled_sequence_model_exports_back_to_the_same_weights(self):
        # load_weights fails on any initializer of the bundled cell left unmapped, so every weight
        # of the bundled cell is in `trm`; exporting it and reading it back must give it again.
        trm = load_model_dir(BUNDLED, max_steps=2)
        self.assertEqual(trm.cfg.variant, "mlp_cols")
        self.assertEqual(trm.cfg.max_steps, 2)
        with tempfile.TemporaryDirectory() as d:
            export_cell(trm, Path(d) / "cell.onnx")
            write_init(trm, Path(d) / "init.bin")
            self.assertEqual((Path(d) / "init.bin").read_bytes(), (BUNDLED / "init.bin").read_bytes())
            (Path(d) / "manifest.json").write_bytes((BUNDLED / "manifest.json").read_bytes())
            again = load_model_dir(Path(d), max_steps=2)
        before, after = trm.state_dict(), again.state_dict()
        self.assertEqual(set(before), set(after))
        for key, value in before.items():
            self.assertTrue(torch.equal(value, after[key]), key)


if __name__ == "__main__":
    unittest.main()
