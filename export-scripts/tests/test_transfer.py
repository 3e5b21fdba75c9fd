"""bench/cuda/transfer.py: files split into checked parts, received over several calls."""
import json
import os
import shutil
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "cuda"))
import transfer  # noqa: E402
from transfer import TransferError  # noqa: E402


class TransferTest(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.tmp)
        src = self.tmp / "natives"
        src.mkdir()
        (src / "libbig.so").write_bytes(os.urandom(300_000) + bytes(200_000))  # part random, part compressible
        (src / "small.txt").write_text("hello\n")
        self.src = src

    def _pack(self, codec):
        return transfer.pack([self.src], self.tmp / "stage", "natives", 100_000, codec)

    def test_round_trip_over_several_calls_with_a_stash(self):
        codecs = ["xz"] + (["zstd"] if shutil.which("zstd") else [])
        for codec in codecs:
            with self.subTest(codec):
                stage = self.tmp / "stage"
                shutil.rmtree(stage, ignore_errors=True)
                m = self._pack(codec)
                self.assertGreater(len(m["parts"]), 2)
                # the calls: each brings some parts; the stash keeps the verified ones in between
                call1, call2 = self.tmp / f"call1-{codec}", self.tmp / f"call2-{codec}"
                call1.mkdir()
                call2.mkdir()
                names = [p["file"] for p in m["parts"]]
                for n in names[:2]:
                    shutil.copy(stage / n, call1 / n)
                for n in names[2:]:
                    shutil.copy(stage / n, call2 / n)
                manifest = stage / "natives.manifest.json"
                stash, to = self.tmp / f"stash-{codec}", self.tmp / f"to-{codec}"
                self.assertEqual(names[2:], transfer.receive(manifest, [call1], stash, to))
                self.assertFalse(to.exists())
                shutil.rmtree(call1)  # gone from the tree: the stash has them
                self.assertEqual([], transfer.receive(manifest, [call2], stash, to))
                self.assertEqual((self.src / "libbig.so").read_bytes(), (to / "natives/libbig.so").read_bytes())
                self.assertEqual("hello\n", (to / "natives/small.txt").read_text())

    def test_a_damaged_part_is_named(self):
        m = self._pack("xz")
        stage = self.tmp / "stage"
        bad = stage / m["parts"][1]["file"]
        data = bytearray(bad.read_bytes())
        data[10] ^= 1
        bad.write_bytes(bytes(data))
        with self.assertRaisesRegex(TransferError, r"part-001: sha256 .* \(damaged in transit\)"):
            transfer.receive(stage / "natives.manifest.json", [stage], self.tmp / "s", self.tmp / "t")

    def test_a_file_that_differs_after_unpacking_is_named(self):
        self._pack("xz")
        manifest = self.tmp / "stage/natives.manifest.json"
        m = json.loads(manifest.read_text())
        m["files"][0]["sha256"] = "0" * 64
        manifest.write_text(json.dumps(m))
        with self.assertRaisesRegex(TransferError, "libbig.so: sha256 .*, the manifest says 0000"):
            transfer.receive(manifest, [self.tmp / "stage"], self.tmp / "s", self.tmp / "t")

    def test_command_line_exit_codes(self):
        stage = self.tmp / "stage"
        self.assertEqual(0, transfer.main(["pack", str(self.src), "--out", str(stage), "--name", "n",
                                           "--part-mib", "0.1", "--codec", "xz"]))
        args = ["receive", "--manifest", str(stage / "n.manifest.json"), "--stash", str(self.tmp / "s"),
                "--to", str(self.tmp / "t"), "--from"]
        self.assertEqual(3, transfer.main(args + [str(self.tmp)]))
        self.assertEqual(0, transfer.main(args + [str(stage)]))
        self.assertEqual(2, transfer.main(["pack", str(self.tmp / "nope"), "--out", str(stage), "--name", "x"]))


if __name__ == "__main__":
    unittest.main()
