import importlib.util
import json
import shutil
import sys
import tempfile
import unittest
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import quantize_int8  # noqa: E402

HAVE_QUANT = importlib.util.find_spec("onnxruntime") is not None
FIXTURE = Path(__file__).resolve().parents[2] / "core/src/test/resources/fixtures/tiny-mlpt"
MANIFEST = {"vocab": ["<pad>", "#", " ", "S", "G"], "seq_len": 4, "state_len": 6, "hidden_size": 2}


def write_csv(d: Path, questions: list[str]) -> Path:
    p = d / "rows.csv"
    p.write_text("source,question,answer\n" + "".join(f"s{i},{q},x\n" for i, q in enumerate(questions)))
    return p


class FakeCell:
    """Adds 1 to y and 2 to z per step, so each step's inputs are known."""

    def get_inputs(self):
        return [SimpleNamespace(name=n) for n in ("tokens", "y", "z", "puzzle_ids")]

    def run(self, names, feed):
        self.last = feed
        return [feed["y"] + 1, feed["z"] + 2]


class CalibrationTest(unittest.TestCase):
    def test_rows_are_read_one_vocab_token_per_character_after_the_skipped_ones(self):
        with tempfile.TemporaryDirectory() as d:
            csv = write_csv(Path(d), ["#S G", "#  #", "GS##"])
            tokens = quantize_int8.read_rows(csv, MANIFEST, n=2, skip=1)
            np.testing.assert_array_equal([[1, 2, 2, 1], [4, 3, 1, 1]], tokens)
            self.assertEqual(np.int64, tokens.dtype)

    def test_bad_rows_are_named_by_line(self):
        with tempfile.TemporaryDirectory() as d:
            with self.assertRaisesRegex(SystemExit, r"rows.csv:3: question has 3 characters, the model reads 4"):
                quantize_int8.read_rows(write_csv(Path(d), ["#S G", "#S "]), MANIFEST, n=2, skip=0)
            with self.assertRaisesRegex(SystemExit, r"rows.csv:2: characters \['x'\] are not in the model's vocab"):
                quantize_int8.read_rows(write_csv(Path(d), ["#Sx#"]), MANIFEST, n=1, skip=0)
            with self.assertRaisesRegex(SystemExit, "1 rows after skipping 1, --calibration-rows asks 2"):
                quantize_int8.read_rows(write_csv(Path(d), ["####", "####"]), MANIFEST, n=2, skip=1)

    def test_every_step_of_the_fp32_loop_feeds_the_calibration(self):
        init = np.array([10, 10, 20, 20], dtype=np.float32)  # y_init, z_init (D 2)
        tokens = np.ones((3, 4), dtype=np.int64)
        feeds = quantize_int8.calibration_feeds(FakeCell(), MANIFEST, init, tokens, steps=3, batch=2)
        self.assertEqual(6, len(feeds))  # 2 batches (2 rows, 1 row) x 3 steps
        self.assertEqual([(2, 6, 2)] * 3 + [(1, 6, 2)] * 3, [f["y"].shape for f in feeds])
        self.assertEqual([10, 11, 12, 10, 11, 12], [float(f["y"][0, 0, 0]) for f in feeds])
        self.assertEqual([20, 22, 24, 20, 22, 24], [float(f["z"][0, 0, 0]) for f in feeds])
        self.assertTrue(all(f["puzzle_ids"].dtype == np.int64 for f in feeds))
        reader = quantize_int8.FeedReader(feeds)
        self.assertIs(feeds[0], reader.get_next())
        self.assertEqual(5, sum(1 for _ in iter(reader.get_next, None)))

    def test_static_needs_calibration_rows(self):
        with self.assertRaisesRegex(SystemExit, "--method static needs --calibration CSV"):
            quantize_int8.main(["--model", "m", "--out", "o", "--method", "static"])


@unittest.skipUnless(HAVE_QUANT, "onnxruntime's quantization tools are not installed (requirements-quant.txt)")
class QuantizeTest(unittest.TestCase):
    def test_static_and_dynamic_variants_run_and_stay_close_to_fp32(self):
        # the parity fixture's cell (no torch needed), its vocab respelled one character per token
        import onnx
        import onnxruntime as ort
        with tempfile.TemporaryDirectory() as d:
            fp32 = Path(d) / "fp32"
            shutil.copytree(FIXTURE, fp32)
            m = json.loads((fp32 / "manifest.json").read_text())
            m["vocab"] = ["<pad>"] + list("abcdefg")[: len(m["vocab"]) - 1]
            (fp32 / "manifest.json").write_text(json.dumps(m))
            rng = np.random.default_rng(0)
            csv = write_csv(Path(d), ["".join(rng.choice(m["vocab"][1:], m["seq_len"])) for _ in range(8)])
            feed = {"tokens": quantize_int8.read_rows(csv, m, 2, 0), "puzzle_ids": np.zeros(2, dtype=np.int64),
                    "y": rng.standard_normal((2, m["state_len"], m["hidden_size"]), dtype=np.float32),
                    "z": rng.standard_normal((2, m["state_len"], m["hidden_size"]), dtype=np.float32)}
            want = ort.InferenceSession(str(fp32 / "cell.onnx")).run(["logits"], feed)[0]
            for method in ("dynamic", "static"):
                out = Path(d) / method
                args = ["--model", str(fp32), "--out", str(out), "--method", method, "--per-channel"]
                if method == "static":
                    args += ["--calibration", str(csv), "--calibration-rows", "8", "--calibration-steps", "3"]
                with redirect_stdout(StringIO()):
                    quantize_int8.main(args)
                q = json.loads((out / "manifest.json").read_text())
                self.assertEqual(m["name"] + "-int8", q["name"])
                self.assertEqual(method, q["provenance"]["quantization"]["method"].rsplit("_", 1)[1])
                self.assertTrue((out / "init.bin").is_file())
                ops = {n.op_type for n in onnx.load(str(out / "cell.onnx")).graph.node}
                self.assertIn("QuantizeLinear" if method == "static" else "DynamicQuantizeLinear", ops)
                got = ort.InferenceSession(str(out / "cell.onnx")).run(["logits"], feed)[0]
                # int8 rounding: a few percent of the logits' size on average, most answers the same
                self.assertLess(np.abs(got - want).mean(), 0.1 * np.abs(want).mean(), method)
                self.assertGreater((got.argmax(-1) == want.argmax(-1)).mean(), 0.9, method)

    def test_weights_are_seven_bit_unless_full_range_is_asked(self):
        import onnx
        from onnx import numpy_helper
        with tempfile.TemporaryDirectory() as d:
            for extra, bits in (([], 7), (["--full-range"], 8)):
                out = Path(d) / f"q{bits}"
                with redirect_stdout(StringIO()):
                    quantize_int8.main(["--model", str(FIXTURE), "--out", str(out), "--per-channel", *extra])
                weights = [numpy_helper.to_array(t) for t in onnx.load(str(out / "cell.onnx")).graph.initializer
                           if t.data_type == onnx.TensorProto.INT8 and t.name.endswith("_quantized")]
                self.assertTrue(weights)
                lo, hi = min(int(w.min()) for w in weights), max(int(w.max()) for w in weights)
                if bits == 7:
                    self.assertLessEqual(max(-lo, hi), 64, "7-bit weights (onnxruntime's symmetric reduce_range)")
                else:
                    self.assertGreater(max(-lo, hi), 64, "8-bit weights use the full range")
                q = json.loads((out / "manifest.json").read_text())["provenance"]["quantization"]
                self.assertEqual(bits, q["weight_bits"])

    def test_variant_writes_the_cell_beside_the_fp32_one_and_names_it(self):
        with tempfile.TemporaryDirectory() as d:
            model = Path(d) / "m"
            shutil.copytree(FIXTURE, model)
            before = json.loads((model / "manifest.json").read_text())
            fp32_cell = (model / "cell.onnx").read_bytes()
            with redirect_stdout(StringIO()):
                quantize_int8.main(["--model", str(model), "--variant"])
            after = json.loads((model / "manifest.json").read_text())
            self.assertEqual({"int8": "cell-int8.onnx"}, after["variants"])
            self.assertEqual(before["name"], after["name"])
            self.assertEqual(before.get("cell_sha256"), after.get("cell_sha256"))
            self.assertEqual(fp32_cell, (model / "cell.onnx").read_bytes())
            self.assertIn("DynamicQuantizeLinear",
                          {n.op_type for n in __import__("onnx").load(str(model / "cell-int8.onnx")).graph.node})
            self.assertEqual(sorted([p.name for p in FIXTURE.iterdir()] + ["cell-int8.onnx"]),
                             sorted(p.name for p in model.iterdir()))


if __name__ == "__main__":
    unittest.main()
