import json
import sys
import tempfile
import unittest
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import make_fixtures  # noqa: E402

COMMITTED = Path(__file__).resolve().parents[2] / "core" / "src" / "test" / "resources" / "fixtures"


class FixturesTest(unittest.TestCase):
    def test_regenerated_goldens_match_the_committed_ones(self):
        with tempfile.TemporaryDirectory() as d, mock.patch.object(make_fixtures, "OUT", Path(d)):
            make_fixtures.make("attention", 1234)
            make_fixtures.make("mlp_t", 4321)
            for name in ("tiny-attn", "tiny-mlpt"):
                new = json.loads((Path(d) / name / "golden.json").read_text())
                old = json.loads((COMMITTED / name / "golden.json").read_text())
                self.assertEqual(new["tokens"], old["tokens"])
                worst = max(abs(a - b) for sa, sb in zip(new["logits"], old["logits"]) for a, b in zip(sa, sb))
                self.assertLess(worst, 1e-4, name)

    def test_regenerated_imported_goldens_match_the_committed_ones(self):
        # Through the official checkpoint layout and import_official.py (make_fixtures.make_official).
        with tempfile.TemporaryDirectory() as d:
            make_fixtures.make_official("attention", 2345, Path(d) / "tiny-official-attn")
            make_fixtures.make_official("attention", 3457, Path(d) / make_fixtures.TABLE_NAME, table="file",
                                        num_puzzle_ids=50)
            for name in ("tiny-official-attn", make_fixtures.TABLE_NAME):
                new = json.loads((Path(d) / name / "golden.json").read_text())
                old = json.loads((COMMITTED / name / "golden.json").read_text())
                self.assertEqual((new["tokens"], new["puzzle_ids"]), (old["tokens"], old["puzzle_ids"]))
                worst = max(abs(a - b) for sa, sb in zip(new["logits"], old["logits"]) for a, b in zip(sa, sb))
                self.assertLess(worst, 1e-4, name)


if __name__ == "__main__":
    unittest.main()
