import sys
import unittest
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
from trm import sequence as sq  # noqa: E402
from trm import sequence_rns as rns  # noqa: E402


def slots(row):
    return np.asarray(row).reshape(15, 9)


def residues(v):
    """The 9 tokens of a term, computed independently of the encoder."""
    out, first = [], rns.FIRST_RESIDUE
    for m in rns.MODULI:
        out.append(first + v % m)
        first += m
    return out


class ResidueTokenizationTest(unittest.TestCase):
    def test_moduli_are_pairwise_coprime_and_cover_the_range_many_times(self):
        m = rns.MODULI
        self.assertTrue(all(np.gcd(m[i], m[j]) == 1 for i in range(len(m)) for j in range(i + 1, len(m))))
        self.assertGreater(rns.PRODUCT, 100 * 2 * sq.ANSWER_LIMIT)
        self.assertEqual(rns.VOCAB_SIZE, 123)
        self.assertEqual(len(rns.vocab()), rns.VOCAB_SIZE)
        self.assertEqual(rns.vocab()[rns.FIRST_RESIDUE:rns.FIRST_RESIDUE + 6], ["0%5", "1%5", "2%5", "3%5", "4%5", "0%7"])

    def test_layout(self):
        tok, lab = rns.encode([2, 4, 8, 16, 32], k=1)
        self.assertEqual(tok.shape, (135,))
        s, ls = slots(tok), slots(lab)
        self.assertTrue((s[:8] == rns.PAD).all())               # 12 - 4 unused leading slots
        self.assertEqual(list(s[8]), residues(2))
        self.assertEqual(list(s[11]), residues(16))             # the last given term is slot 11
        self.assertEqual(list(s[12]), list(range(2, 11)))          # each channel's own `?`
        self.assertTrue((s[13:] == rns.EMPTY).all())
        self.assertEqual(list(ls[12]), residues(32))
        self.assertTrue((lab[:rns.ANSWER_START] == tok[:rns.ANSWER_START]).all())

    def test_negative_terms_use_the_non_negative_residue(self):
        tok, lab = rns.encode([-5, 0, 7, -1], k=1)
        self.assertEqual(list(slots(tok)[9]), residues(-5))
        self.assertEqual(list(slots(lab)[12]), [rns.FIRST_RESIDUE + o + m - 1 for m, o in zip(rns.MODULI, rns.OFFSETS)])
        self.assertEqual(rns.decode(lab), [-1])

    def test_round_trip(self):
        cases = [([1, 2, 3, 4], 1), ([-5, 10, -20, 40, -80], 1), ([999999, -999999, 0, 9999999], 1),
                 ([-1, -2, -3, -9999999, 1234567, -7654321], 3), ([0, 0, 0, 0, 0], 2)]
        for terms, k in cases:
            tok, lab = rns.encode(terms, k)
            self.assertEqual(rns.decode(lab), terms[-k:])
            self.assertEqual(rns.decode_given(tok), terms[:-k])

    def test_batch_matches_single(self):
        t, n, k, _ = sq.generate(np.random.default_rng(3), 300, split="any")
        tok, lab = rns.encode_batch(t, n, k)
        for i, terms in enumerate(sq.as_lists(t, n, k)):
            t1, l1 = rns.encode(terms, int(k[i]))
            self.assertTrue((t1 == tok[i]).all() and (l1 == lab[i]).all())
            self.assertEqual(rns.decode(lab[i]), terms[n[i]:])
            self.assertEqual(int(rns.is_ask(tok[i]).sum()), 9 * k[i])

    def test_residues_that_disagree_decode_to_nothing(self):
        _, lab = rns.encode([1, 2, 3, 4], 1)
        s = slots(lab).copy()
        s[12, -1] += 1                                          # 4 with its residue mod 23 off by one
        self.assertEqual(rns.decode(s.reshape(-1)), [None])
        s[12, 0] = rns.FIRST_ASK                                # not a residue at all
        self.assertEqual(rns.decode(s.reshape(-1)), [None])
        s[12] = residues(10 ** 7)                               # consistent, but out of range
        self.assertEqual(rns.decode(s.reshape(-1)), [None])

    def test_rejects_bad_input(self):
        for terms, k in [([1, 2, 3], 1), (list(range(14)), 1), ([1, 2, 3, 4], 4), ([1, 2, 10 ** 6, 4], 1),
                         ([1, 2, 3, 10 ** 7], 1)]:
            with self.assertRaises(ValueError):
                rns.encode(terms, k)

    def test_same_rows_as_the_java_head(self):
        # heads/src/test/java/io/trm4j/heads/sequence/SequenceHeadTest.java holds these rows too
        tok, lab = rns.encode([2, 4, 8, 16, 32], 1)
        self.assertEqual(lab[72:81].tolist(), [13, 18, 25, 33, 42, 53, 66, 83, 102])
        self.assertEqual(lab[108:117].tolist(), [13, 20, 23, 36, 50, 57, 79, 94, 109])


if __name__ == "__main__":
    unittest.main()
