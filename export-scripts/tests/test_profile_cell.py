import importlib.util
import json
import sys
import tempfile
import unittest
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import profile_cell  # noqa: E402

FIXTURE = Path(__file__).resolve().parents[2] / "core/src/test/resources/fixtures/tiny-mlpt"
HAVE_ORT = importlib.util.find_spec("onnxruntime") is not None


def run_event(ts, dur):
    return {"cat": "Session", "name": "model_run", "ts": ts, "dur": dur}


def node_event(name, op, ts, dur):
    return {"cat": "Node", "name": f"{name}_kernel_time", "ts": ts, "dur": dur, "args": {"op_name": op}}


class SummarizeTest(unittest.TestCase):
    def events(self):
        return [
            run_event(0, 100), node_event("mm0", "MatMul", 1, 90),          # warm-up run: left out
            {"cat": "Node", "name": "mm0_fence_before", "ts": 200, "dur": 0, "args": {"op_name": "MatMul"}},
            run_event(200, 50), node_event("mm0", "MatMul", 201, 30), node_event("s0", "Slice", 231, 10),
            run_event(300, 70), node_event("mm0", "MatMul", 301, 50), node_event("s0", "Slice", 351, 10),
        ]

    def test_sums_kernel_time_per_op_type_after_the_warmup_runs(self):
        s = profile_cell.summarize(self.events(), warmup_runs=1)
        self.assertEqual(2, s["runs"])
        self.assertEqual(["MatMul", "Slice"], [o["op"] for o in s["ops"]])
        matmul, slice_ = s["ops"]
        self.assertAlmostEqual(0.040, matmul["ms"])       # (30 + 50) us over 2 runs
        self.assertEqual(1, matmul["calls"])
        self.assertAlmostEqual(0.8, matmul["share"])      # 80 of 100 us of kernel time
        self.assertAlmostEqual(0.010, slice_["ms"])
        self.assertAlmostEqual(0.060, s["run_ms"])        # (50 + 70) / 2 us
        self.assertAlmostEqual(0.050, s["kernel_ms"])
        self.assertEqual("mm0", s["top_nodes"][0]["node"])

    def test_without_warmup_every_run_counts(self):
        s = profile_cell.summarize(self.events(), warmup_runs=0)
        self.assertEqual(3, s["runs"])
        self.assertAlmostEqual((90 + 30 + 50) / 3 / 1e3, s["ops"][0]["ms"])

    def test_a_profile_with_only_warmup_runs_is_refused(self):
        with self.assertRaisesRegex(ValueError, "2 model runs, not more than the 2 warm-up runs"):
            profile_cell.summarize(self.events()[:6], warmup_runs=2)

    def test_refuses_a_directory_without_a_manifest(self):
        with tempfile.TemporaryDirectory() as d, self.assertRaisesRegex(SystemExit, "no manifest.json"):
            profile_cell.main(["--model", d])


@unittest.skipUnless(HAVE_ORT, "onnxruntime is not installed (requirements-quant.txt)")
class ProfileCellTest(unittest.TestCase):
    def test_profiles_a_cell_and_lists_the_optimized_graph(self):
        # the parity fixture's cell: no torch needed
        with tempfile.TemporaryDirectory() as d:
            out = StringIO()
            with redirect_stdout(out):
                profile_cell.main(["--model", str(FIXTURE), "--batch", "2", "--steps", "2", "--threads", "1",
                                   "--json", "--keep", str(Path(d) / "prof")])
            r = json.loads(out.getvalue())
            self.assertEqual(2, r["runs"])
            ops = {o["op"] for o in r["ops"]}
            self.assertTrue(ops & {"MatMul", "FusedMatMul"}, ops)
            self.assertTrue(set(r["optimized_graph_ops"]) & {"MatMul", "com.microsoft.FusedMatMul"}, r)
            self.assertAlmostEqual(1.0, sum(o["share"] for o in r["ops"]), places=6)
            self.assertTrue(all(o["calls"] >= 1 for o in r["ops"]))
            self.assertTrue((Path(d) / "prof" / "profile.json").is_file())
            self.assertTrue((Path(d) / "prof" / "optimized.onnx").is_file())


if __name__ == "__main__":
    unittest.main()
