"""bench/cuda/collect.py and copy_probe.py: the GPU run's figures gathered, never invented."""
import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "cuda"))
import collect  # noqa: E402
import copy_probe  # noqa: E402

REFERENCE = json.loads((Path(__file__).resolve().parents[2] / "bench/cuda/cpu_reference.json").read_text())


class CollectTest(unittest.TestCase):
    def test_the_reference_adds_up_to_the_mix(self):
        self.assertEqual(REFERENCE["n"], sum(c["n"] for c in REFERENCE["per_class"].values()))
        counted = sum(round(c["exact"] * c["n"]) for c in REFERENCE["per_class"].values())
        self.assertAlmostEqual(REFERENCE["exact"], counted / REFERENCE["n"], delta=0.001)

    def test_mix_counts_the_difference_per_class(self):
        mix = {"n": 1000, "exact": 0.996, "per_class": {"radcliffe3m_curated_Beginner": {"n": 1000, "exact": 0.996}}}
        out = collect.mix_against(mix, REFERENCE, limited=False)
        self.assertEqual({"n": 1000, "exact_count": 996, "cpu_exact_count": 997, "difference": -1},
                         out["per_class"]["radcliffe3m_curated_Beginner"])
        self.assertIn("not compared", collect.mix_against(mix, REFERENCE, limited=True)["reference"])
        self.assertIsNone(collect.mix_against(None, REFERENCE, limited=False))

    def test_speed_rows_join_trm4j_torch_and_the_copy_estimate(self):
        with tempfile.TemporaryDirectory() as d:
            w = Path(d)
            (w / "bench-m.jsonl").write_text("model m provider cuda\n" + json.dumps(
                {"model": "m", "batch": 64, "provider": "cuda", "puzzles_per_s": 200.0, "ms_per_step": 2.0,
                 "cell_ms_per_step": 1.8, "overhead_us_per_step": 5.0}) + "\n")
            (w / "torch-eager-m.jsonl").write_text(json.dumps({"batch": 64, "torch_puzzles_per_s": 100.0}) + "\n")
            (w / "copy-m.jsonl").write_text(json.dumps({"batch": 64, "bytes_in": 1, "bytes_out": 2,
                                                        "copy_ms_per_step": 0.5, "copy_share": 0.25}) + "\n")
            row, = collect.speed(w)
            self.assertEqual(2.0, row["ratio_vs_eager"])
            self.assertNotIn("ratio_vs_compile", row)
            self.assertEqual(0.25, row["copy_share"])

    def test_loadtest_line(self):
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "l.out"
            p.write_text("clients 32  requests 900  errors 0  req/s 60.0  p50 ms 500.1  p99 ms 900.9  mean batch 30.5\n")
            self.assertEqual({"clients": 32, "requests": 900, "errors": 0, "req_per_s": 60.0, "p50_ms": 500.1,
                              "p99_ms": 900.9, "mean_batch": 30.5}, collect.loadtest(p))

    def test_step_bytes(self):
        m = {"seq_len": 81, "state_len": 97, "hidden_size": 128, "vocab_size": 11}
        b_in, b_out = copy_probe.step_bytes(m, 2)
        state = 2 * 97 * 128 * 4
        self.assertEqual(2 * 81 * 8 + 2 * state + 16, b_in)
        self.assertEqual(2 * state + 2 * 81 * 11 * 4 + 8, b_out)


if __name__ == "__main__":
    unittest.main()
