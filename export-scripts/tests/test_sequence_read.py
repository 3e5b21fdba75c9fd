import sys
import unittest
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
from trm import sequence_diffs as sd  # noqa: E402
from trm import sequence_read as sr  # noqa: E402
from trm import sequence_rns as rns  # noqa: E402


def one_hot(labels, vocab, sure=8.0):
    logits = np.zeros((len(labels), vocab), dtype=np.float32)
    logits[np.arange(len(labels)), labels] = sure
    return logits


class SequenceReadTest(unittest.TestCase):
    """The Python mirror of the Java head's ResidueReader (same cases as SequenceLayoutTest and ResidueReaderTest)."""

    def test_written_residues_are_the_answer(self):
        _, lab = rns.encode([2, 4, 8, 16, 32], 1)
        self.assertEqual(sr.read_all(one_hot(lab, rns.VOCAB_SIZE), [2, 4, 8, 16], 1), [32])
        _, lab = sd.encode([-5, 0, 7, 1, 2, 3], 3)
        self.assertEqual(sr.read_all(one_hot(lab, sd.VOCAB_SIZE), [-5, 0, 7], 3), [1, 2, 3])

    def test_a_wrong_residue_is_read_from_the_second_choice(self):
        _, lab = rns.encode([2, 4, 8, 16, 32], 1)
        logits = one_hot(lab, rns.VOCAB_SIZE, sure=12.0)      # other residues ~e^-12 < 1e-4 each
        mod23 = 108 + 8
        logits[mod23, lab[mod23] + 1] = 12.0                   # 10 mod 23 written: no term in range
        logits[mod23, lab[mod23]] = 11.0                       # 9 mod 23 a close second
        self.assertEqual(sr.read_all(logits, [2, 4, 8, 16], 1), [32])
        logits[mod23, lab[mod23]] = 0.0                        # no probable reading: not a number
        self.assertEqual(sr.read_all(logits, [2, 4, 8, 16], 1), [None])

    def test_second_differences_give_the_terms(self):
        logits = np.zeros((sd.SEQ_LEN, sd.VOCAB_SIZE), dtype=np.float32)   # level 0 uniform
        for answer in range(2):
            for c, m in enumerate(rns.MODULI):
                pos = 2 * rns.SEQ_LEN + (12 + answer) * 9 + c
                logits[pos, rns.FIRST_RESIDUE + rns.OFFSETS[c] + 2 % m] = 8.0
        self.assertEqual(sr.read_all(logits, [1, 4, 9], 2), [16, 25])
        self.assertEqual(sr.read_all(logits[:rns.SEQ_LEN, :rns.VOCAB_SIZE], [1, 4, 9], 1), [None])


if __name__ == "__main__":
    unittest.main()
