import sys
import unittest
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
from trm import sequence as sq  # noqa: E402
from trm import sequence_diffs as sd  # noqa: E402
from trm import sequence_rns as rns  # noqa: E402


def level(row, d):
    """Level d of a row as (15 slots, 9 channels)."""
    return np.asarray(row)[d * 135:(d + 1) * 135].reshape(15, 9)


def residues(v):
    return [int(t) for t in rns.residue_tokens(np.array(v))]


class DifferenceLevelsTest(unittest.TestCase):
    def test_shapes_and_vocab(self):
        self.assertEqual((sd.SEQ_LEN, sd.VOCAB_SIZE), (405, 141))
        self.assertEqual(len(sd.vocab()), sd.VOCAB_SIZE)
        self.assertEqual(sd.vocab()[:rns.VOCAB_SIZE], rns.vocab())
        self.assertEqual(sd.vocab()[123], "?d1%5")
        self.assertEqual(sd.vocab()[140], "?d2%23")

    def test_squares_have_constant_second_differences(self):
        tok, lab = sd.encode([1, 4, 9, 16, 25], k=1)
        t0, _ = rns.encode([1, 4, 9, 16, 25], k=1)
        self.assertTrue((tok[:135] == t0).all())                # level 0 is the 135-token layout
        d1, d2 = level(lab, 1), level(lab, 2)
        self.assertTrue((d1[:9] == rns.PAD).all())              # slot 8 holds 1: no difference yet
        self.assertEqual([list(d1[s]) for s in range(9, 13)], [residues(d) for d in (3, 5, 7, 9)])
        self.assertTrue((d2[:10] == rns.PAD).all())
        self.assertEqual([list(d2[s]) for s in range(10, 13)], [residues(2)] * 3)
        self.assertTrue((level(lab, 1)[13:] == rns.EMPTY).all())
        # the answer slot of every level is asked for, each level and channel with its own `?`
        self.assertEqual(list(level(tok, 1)[12]), list(range(123, 132)))
        self.assertEqual(list(level(tok, 2)[12]), list(range(132, 141)))
        self.assertEqual(sd.decode(lab), [25])

    def test_batch_matches_single_and_the_differences_are_right(self):
        t, n, k, _ = sq.generate(np.random.default_rng(5), 200, split="any")
        tok, lab = sd.encode_batch(t, n, k)
        for i, terms in enumerate(sq.as_lists(t, n, k)):
            t1, l1 = sd.encode(terms, int(k[i]))
            self.assertTrue((t1 == tok[i]).all() and (l1 == lab[i]).all())
            self.assertEqual(sd.decode(lab[i]), terms[n[i]:])
            self.assertEqual(int(sd.is_ask(tok[i]).sum()), 27 * k[i])
            self.assertEqual(int(rns.is_ask(tok[i]).sum()), 9 * k[i])  # level 0: the answers
            first = 12 - n[i]
            d1, d2 = np.diff(terms), np.diff(terms, 2)
            for j, d in enumerate(d1):
                self.assertEqual(list(level(lab[i], 1)[first + 1 + j]), residues(d))
            for j, d in enumerate(d2):
                self.assertEqual(list(level(lab[i], 2)[first + 2 + j]), residues(d))

    def test_rejects_what_the_terms_layout_rejects(self):
        with self.assertRaises(ValueError):
            sd.encode([1, 2], 1)
        with self.assertRaises(ValueError):
            sd.encode([1, 2, 10 ** 6, 4], 1)


if __name__ == "__main__":
    unittest.main()
