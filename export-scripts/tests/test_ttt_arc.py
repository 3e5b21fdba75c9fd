"""Per-task test-time training (ttt_arc.py, trm/arc_ttt.py) on a tiny hand-made task: it fits,
resumes, and exports a model directory whose table holds the task's rows under its names."""
import contextlib
import io
import json
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import ttt_arc  # noqa: E402
from trm import arc  # noqa: E402
from trm.arc_ttt import Aug, aug_of_name, decode, task_augs  # noqa: E402
from trm.export import export_model_dir  # noqa: E402
from trm.model import TRM, TrmConfig  # noqa: E402

SWAP = {1: 2, 2: 1}  # the task: swap colors 1 and 2


def swap_pair(rng):
    a = rng.integers(0, 3, (3, 3))
    return {"input": a.tolist(), "output": np.vectorize(lambda c: SWAP.get(c, c))(a).tolist()}


def base_model(out: Path) -> None:
    """A tiny conv ARC model on the official 30x30 canvas that knows one other task."""
    torch.manual_seed(0)
    cfg = TrmConfig(vocab_size=arc.VOCAB_SIZE, seq_len=900, hidden_size=16, num_heads=2, expansion=2.0,
                    num_layers=1, L_cycles=1, H_cycles=1, puzzle_emb_len=0, num_puzzle_ids=3, variant="conv",
                    max_steps=2, grid_width=30)
    trm = TRM(cfg)
    with torch.no_grad():
        trm.puzzle_emb.normal_(0, 0.1)
    names = [arc.BLANK, "aaaa0000", arc.MEAN]
    export_model_dir(trm, out, name="tiny-arc", head="arc", vocab=arc.VOCAB, description="test",
                     provenance={}, identifiers=names, puzzle_ids={n: i for i, n in enumerate(names)})


class AugmentationTest(unittest.TestCase):
    def test_invert_undoes_apply_and_names_round_trip(self):
        rng = np.random.default_rng(0)
        g = rng.integers(0, 10, (2, 3))
        for t in range(8):
            aug = Aug(t, (0, *rng.permutation(np.arange(1, 10)).tolist()))
            np.testing.assert_array_equal(aug.invert(aug.apply(g)), g)
            self.assertEqual(aug_of_name(aug.name("abcd1234")), aug)
        self.assertEqual(aug_of_name("abcd1234"), Aug(0, tuple(range(10))))

    def test_a_new_task_starts_with_the_identity_then_distinct_transforms(self):
        augs = task_augs("t", [], 4, np.random.default_rng(0))
        self.assertEqual(augs[0].name("t"), "t")
        self.assertEqual(len({a.t for a in augs}), 4)
        self.assertTrue(all(a.mapping[0] == 0 for a in augs))

    def test_decode_reads_the_largest_color_rectangle_as_the_java_codec(self):
        grid = np.array([[1, 2], [3, 4]])
        np.testing.assert_array_equal(decode(arc.encode(grid, 4), 4), grid)
        self.assertIsNone(decode(np.zeros(16, dtype=np.int64), 4))


class TestTimeTrainingTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        root = Path(self.tmp.name)
        self.base, self.tasks, self.runs, self.out = root / "base", root / "tasks", root / "runs", root / "out"
        base_model(self.base)
        self.tasks.mkdir()
        rng = np.random.default_rng(1)
        task = {"train": [swap_pair(rng) for _ in range(3)], "test": [swap_pair(rng)]}
        (self.tasks / "swap0001.json").write_text(json.dumps(task))

    def tearDown(self):
        self.tmp.cleanup()

    def run_ttt(self, *extra) -> str:
        args = ["--model", str(self.base), "--tasks", str(self.tasks), "--run", "t", "--runs-dir", str(self.runs),
                "--budget", "600", "--steps", "4", "--batch", "4", "--eval-every", "2", "--augs", "3",
                "--out", str(self.out), *extra]
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            ttt_arc.main(args)
        return buf.getvalue()

    def test_fits_resumes_and_exports_the_task_rows(self):
        first = self.run_ttt()
        self.assertIn("0 done, 1 to fit", first)
        result_file = self.runs / "t" / "tasks" / "swap0001.json"
        result = json.loads(result_file.read_text())
        self.assertEqual(result["augs"][0], "swap0001")
        self.assertEqual(len(result["augs"]), 3)
        self.assertEqual(np.array(result["rows"]).shape, (3, 16))
        self.assertEqual([c["step"] for c in result["validation"]], [0, 2, 4])  # held-out checks
        self.assertIn(result["chosen_steps"], (0, 2, 4))
        self.assertTrue((self.runs / "t" / "tasks" / "swap0001.log").exists())

        second = self.run_ttt()  # resumes: the fitted task is not fitted again
        self.assertIn("1 done, 0 to fit", second)
        self.assertEqual(json.loads(result_file.read_text()), result)

        manifest = json.loads((self.out / "manifest.json").read_text())
        names = json.loads((self.out / manifest["identifiers"]).read_text())
        self.assertEqual(names[:3], [arc.BLANK, "aaaa0000", arc.MEAN])   # the base ids kept
        self.assertEqual(names[3:], result["augs"])                      # the task's rows appended
        self.assertEqual(manifest["puzzle_ids"]["swap0001"], 3)
        self.assertEqual(manifest["arch"]["num_puzzle_ids"], 6)
        trm, _, _ = ttt_arc.load_base(self.out)
        base, _, _ = ttt_arc.load_base(self.base)
        np.testing.assert_allclose(trm.puzzle_emb.detach().numpy()[3:], np.array(result["rows"]), atol=1e-6)
        np.testing.assert_allclose(trm.puzzle_emb.detach().numpy()[:3], base.puzzle_emb.detach().numpy())

    def test_without_validation_the_fit_takes_every_step(self):
        self.run_ttt("--val-share", "0")
        result = json.loads((self.runs / "t" / "tasks" / "swap0001.json").read_text())
        self.assertEqual(result["validation"], [])
        self.assertEqual(result["steps"], 4)
        base, _, _ = ttt_arc.load_base(self.base)
        start = base.puzzle_emb.detach()[2].numpy()  # a new task's rows start from <mean>, then move
        self.assertFalse(np.allclose(np.array(result["rows"]), np.tile(start, (3, 1))))


if __name__ == "__main__":
    unittest.main()
