import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
from trm import sequence as sq  # noqa: E402
from trm import sequence_rns as rns  # noqa: E402


def fits_family(name, a):
    """Does the full list of terms a follow the family's rule (checked independently of the
    generator's code)?"""
    n = len(a)
    d = [a[i + 1] - a[i] for i in range(n - 1)]
    if name == "arithmetic":
        return len(set(d)) == 1
    if name == "geometric":
        r = a[1] // a[0]
        return a[0] != 0 and r in (-5, -4, -3, -2, 2, 3, 4, 5, 10) and all(a[i + 1] == r * a[i] for i in range(n - 1))
    if name == "fibonacci":
        return all(a[i] == a[i - 1] + a[i - 2] for i in range(2, n))
    if name == "linear_recurrence":
        for p in (-3, -2, 2, 3):
            q = a[1] - p * a[0]
            if q != 0 and all(a[i] == p * a[i - 1] + q for i in range(1, n)):
                return True
        return False
    if name in ("quadratic", "cubic", "diff2_arithmetic"):
        deg = 2 if name == "quadratic" else 3
        x = list(a)
        for _ in range(deg):
            x = [x[i + 1] - x[i] for i in range(len(x) - 1)]
        return len(set(x)) == 1 and (name != "quadratic" or x[0] != 0)
    if name == "powers":
        for s in range(-40, 400):
            for f in (lambda v: v * v, lambda v: v ** 3, lambda v: v * (v + 1) // 2):
                c = a[0] - f(s)
                if all(a[i] == f(s + i) + c for i in range(n)):
                    return True
        return False
    if name == "interleaved":
        ev, od = a[0::2], a[1::2]
        return all(len({x[i + 1] - x[i] for i in range(len(x) - 1)}) <= 1 for x in (ev, od))
    if name == "alternating":
        if 0 in a or any((a[i] > 0) == (a[i + 1] > 0) for i in range(n - 1)):
            return False
        b = [abs(v) for v in a]
        db = [b[i + 1] - b[i] for i in range(n - 1)]
        dd = [db[i + 1] - db[i] for i in range(len(db) - 1)]
        return len(set(db)) == 1 or (len(set(dd)) == 1 and dd[0] == 2)  # arithmetic or squares
    if name == "cycle":
        return any(all(a[i] == a[i % p] for i in range(n)) for p in (2, 3, 4))
    if name == "diff_geometric":
        for r in (-3, -2, 2, 3):
            if all(d[i + 1] == r * d[i] for i in range(len(d) - 1)) and d[0] != 0:
                return True
        return False
    if name in ("product", "product_plus"):
        # a(i) = (p + q i) a(i-1) (+ r): solve p, q (and r) from the first terms, check the rest
        for q in (1, 2, 3):
            for p in range(-2, 4):
                if name == "product":
                    if all(a[i] == (p + q * i) * a[i - 1] for i in range(1, n)) and all(p + q * i >= 1 for i in range(1, n)):
                        return True
                else:
                    r = a[1] - (p + q) * a[0]
                    if r != 0 and all(a[i] == (p + q * i) * a[i - 1] + r for i in range(1, n)):
                        return True
        return False
    if name == "quartic":
        x = list(a)
        for _ in range(4):
            x = [x[i + 1] - x[i] for i in range(len(x) - 1)]
        return len(set(x)) == 1 and x[0] != 0
    if name == "interleaved_mixed":
        ev, od = a[0::2], a[1::2]
        dod = {od[i + 1] - od[i] for i in range(len(od) - 1)}
        geo = ev[0] != 0 and any(all(ev[i + 1] == r * ev[i] for i in range(len(ev) - 1)) for r in (2, 3, -2))
        d2 = [ev[i + 2] - 2 * ev[i + 1] + ev[i] for i in range(len(ev) - 2)]
        return len(dod) <= 1 and (geo or len(set(d2)) <= 1)
    if name == "digit_sum":
        def digits(v, b):
            return sum(int(c) for c in np.base_repr(v, b))
        return any(all(digits(s + c * i, b) == a[i] for i in range(n))
                   for b in (2, 10) for c in (1, 2, 3) for s in range(0, 1000))
    if name == "diff_cycle":
        return any(all(d[i] == d[i % p] for i in range(len(d))) for p in (2, 3, 4))
    raise KeyError(name)


class GeneratorTest(unittest.TestCase):
    def test_each_family_follows_its_rule(self):
        rng = np.random.default_rng(0)
        for name in sq.FAMILY_NAMES:
            t, n, k, f = sq.generate(rng, 60 if name in ("powers", "digit_sum") else 300, split="any", families=[name])
            self.assertTrue((f == sq.FAMILY_NAMES.index(name)).all())
            for terms in sq.as_lists(t, n, k):
                self.assertTrue(fits_family(name, terms), (name, terms))

    def test_magnitudes_and_lengths(self):
        t, n, k, f = sq.generate(np.random.default_rng(1), 20000, split="any")
        self.assertEqual(set(np.unique(f)), set(range(len(sq.BASE_FAMILIES))))  # the default mix: the base families
        self.assertEqual(set(np.unique(k)), {1, 2, 3})
        self.assertTrue(n.min() >= 3 and n.max() <= 12 and (n + k).max() <= 15)
        self.assertEqual(n.max(), 12)
        for i in range(len(t)):
            self.assertTrue(np.abs(t[i, :n[i]]).max() < 10 ** 6)
            self.assertTrue(np.abs(t[i, n[i]:n[i] + k[i]]).max() < 10 ** 7)
        self.assertTrue((np.abs(t) >= 10 ** 6).any())                  # answers do reach 7 digits

    def test_extra_families_in_range_and_drawn_when_asked(self):
        self.assertEqual(sq.FAMILY_NAMES[:12], sq.BASE_FAMILIES)
        t, n, k, f = sq.generate(np.random.default_rng(4), 3000, split="any", families=sq.EXTRA_FAMILIES)
        self.assertEqual({sq.FAMILY_NAMES[i] for i in np.unique(f)}, set(sq.EXTRA_FAMILIES))
        self.assertTrue(n.min() >= 3 and n.max() <= 12)
        for i in range(len(t)):
            self.assertTrue(np.abs(t[i, :n[i]]).max() < 10 ** 6)
            self.assertTrue(np.abs(t[i, n[i]:n[i] + k[i]]).max() < 10 ** 7)

    def test_the_default_mix_is_unchanged_by_the_extra_families(self):
        # The generated evaluation sets (gen_sequences.py without --families) must stay the same sequences.
        a = sq.generate(np.random.default_rng(1), 200, split="heldout", k=1)
        b = sq.generate(np.random.default_rng(1), 200, split="heldout", k=1, families=sq.BASE_FAMILIES)
        self.assertTrue(all((x == y).all() for x, y in zip(a, b)))

    def test_heldout_split_disjoint(self):
        tr, trn, trk, _ = sq.generate(np.random.default_rng(2), 30000, split="train")
        ho, hon, hok, _ = sq.generate(np.random.default_rng(2), 3000, split="heldout", k=1)
        self.assertFalse(sq.is_heldout(tr).any())
        self.assertTrue(sq.is_heldout(ho).all())
        self.assertEqual(set(hok.tolist()), {1})
        train_keys = {tuple(r[:4]) for r in tr.tolist()}
        self.assertFalse(any(tuple(r[:4]) in train_keys for r in ho.tolist()))
        frac = sq.is_heldout(sq.generate(np.random.default_rng(5), 20000, split="any")[0]).mean()
        self.assertTrue(0.08 < frac < 0.12, frac)

    def test_deterministic_and_fast(self):
        a = rns.sample_tokens(np.random.default_rng(7), 100)
        b = rns.sample_tokens(np.random.default_rng(7), 100)
        self.assertTrue(all((x == y).all() for x, y in zip(a, b)))
        self.assertEqual(a[0].dtype, np.int64)

    def test_jsonl_writer(self):
        with tempfile.TemporaryDirectory() as d:
            out = Path(d) / "s.jsonl"
            subprocess.run([sys.executable, str(HERE / "gen_sequences.py"), "--out", str(out), "--n", "50",
                            "--split", "heldout", "--seed", "3"], check=True, capture_output=True)
            rows = [json.loads(line) for line in out.read_text().splitlines()]
        self.assertEqual(len(rows), 50)
        for r in rows:
            self.assertIn(r["family"], sq.FAMILY_NAMES)
            self.assertTrue(4 <= len(r["terms"]) <= 13)
            self.assertTrue(fits_family(r["family"], r["terms"]))
            self.assertTrue(sq.is_heldout(np.array([r["terms"][:4]])).all())


if __name__ == "__main__":
    unittest.main()
