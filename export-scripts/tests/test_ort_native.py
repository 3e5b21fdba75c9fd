"""ort_native.py on the real JNI and ORT libraries of the onnxruntime jar in ~/.m2 (Maven puts it
there before these tests run) and on crafted bad inputs; no PyPI wheel needed."""
import json
import struct
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import ort_native  # noqa: E402
from ort_native import NativeError  # noqa: E402

JAR = ort_native.m2_jar("1.23.2")
ORT_IN_JAR = "ai/onnxruntime/native/linux-x64/libonnxruntime.so"
JNI_ARM = "ai/onnxruntime/native/linux-aarch64/libonnxruntime4j_jni.so"


@unittest.skipUnless(JAR.is_file(), f"{JAR} missing: build trm4j with Maven first")
class OrtNativeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with zipfile.ZipFile(JAR) as z:
            cls.jni = z.read(ort_native.JNI_IN_JAR)
            cls.jni_arm = z.read(JNI_ARM)
            cls.ort = z.read(ORT_IN_JAR)

    def test_elf_hash_matches_what_the_linker_stored(self):
        self.assertEqual(0x09691A75, ort_native.elf_hash(b"GLIBC_2.2.5"))
        for need in ort_native.version_needs(self.jni):
            self.assertEqual(need.hash, ort_native.elf_hash(need.name.encode()), need)

    def test_reads_the_jni_librarys_ort_version_need(self):
        need = ort_native.ort_version_need(self.jni, "jni")
        self.assertEqual(("libonnxruntime.so.1", "VERS_1.23.2"), (need.file, need.name))
        self.assertIn("VERS_1.23.2", ort_native.version_definitions(self.ort))

    def test_patch_renames_the_need_and_rehashes_it_and_nothing_else(self):
        patched = ort_native.patch_version_need(self.jni, "VERS_1.31.1")
        need = ort_native.ort_version_need(patched, "patched")
        self.assertEqual("VERS_1.31.1", need.name)
        self.assertEqual(ort_native.elf_hash(b"VERS_1.31.1"), need.hash)
        self.assertEqual(len(self.jni), len(patched))
        changed = {i for i, (a, b) in enumerate(zip(self.jni, patched)) if a != b}
        allowed = set(range(need.name_offset, need.name_offset + 11)) | set(range(need.aux_offset, need.aux_offset + 4))
        self.assertTrue(changed and changed <= allowed, sorted(changed - allowed))
        others = [(n.file, n.name) for n in ort_native.version_needs(patched) if n.file != need.file]
        self.assertEqual([(n.file, n.name) for n in ort_native.version_needs(self.jni) if n.file != need.file], others)

    def test_the_dynamic_loader_reads_the_patched_need(self):
        # Loaded after the 1.23.2 library, the original JNI library links; the patched one asks for
        # VERS_1.31.1, which that library lacks: proof the loader checks exactly what was rewritten.
        with tempfile.TemporaryDirectory() as d:
            d = Path(d)
            (d / "libonnxruntime.so").write_bytes(self.ort)
            (d / "orig.so").write_bytes(self.jni)
            (d / "patched.so").write_bytes(ort_native.patch_version_need(self.jni, "VERS_1.31.1"))
            probe = ("import ctypes, sys; ctypes.CDLL(sys.argv[1] + '/libonnxruntime.so', mode=ctypes.RTLD_GLOBAL); "
                     "ctypes.CDLL(sys.argv[1] + '/' + sys.argv[2])")
            ok = subprocess.run([sys.executable, "-c", probe, str(d), "orig.so"], capture_output=True, text=True)
            self.assertEqual(0, ok.returncode, ok.stderr)
            bad = subprocess.run([sys.executable, "-c", probe, str(d), "patched.so"], capture_output=True, text=True)
            self.assertNotEqual(0, bad.returncode)
            self.assertIn("VERS_1.31.1", bad.stderr)

    def test_refuses_what_it_does_not_recognise(self):
        cases = {
            "not an ELF file": b"#!/bin/sh\n" + b"\0" * 100,
            "not a 64-bit ELF file": b"\x7fELF\x01\x01" + b"\0" * 100,
            "not little-endian": b"\x7fELF\x02\x02" + b"\0" * 100,
            "expected 62": self.jni_arm,
        }
        for message, data in cases.items():
            with self.subTest(message):
                with self.assertRaises(NativeError) as e:
                    ort_native.patch_version_need(data, "VERS_1.31.1")
                self.assertIn(message, str(e.exception))
        executable = bytearray(self.jni)
        struct.pack_into("<H", executable, 16, 2)
        with self.assertRaisesRegex(NativeError, "not a shared library"):
            ort_native.patch_version_need(bytes(executable), "VERS_1.31.1")
        with self.assertRaisesRegex(NativeError, "needs no single VERS_x.y.z of libonnxruntime.so"):
            ort_native.patch_version_need(self.ort, "VERS_1.31.1")  # the ORT library itself needs no ORT
        with self.assertRaisesRegex(NativeError, "another length"):
            ort_native.patch_version_need(self.jni, "VERS_1.31.10")
        with self.assertRaisesRegex(NativeError, "not a version name"):
            ort_native.patch_version_need(self.jni, "VERS_1.31.x")

    def _wheel(self, d: Path, files: dict) -> Path:
        wheel = d / "onnxruntime-test.whl"
        with zipfile.ZipFile(wheel, "w") as z:
            for name, data in files.items():
                z.writestr("onnxruntime/capi/" + name, data)
        return wheel

    def test_lays_out_the_directory_ort_java_loads(self):
        with tempfile.TemporaryDirectory() as d:
            d = Path(d)
            wheel = self._wheel(d, {"libonnxruntime.so.1.23.2": self.ort,
                                    "libonnxruntime_providers_shared.so": b"shared"})
            sources = ort_native.prepare(wheel, JAR, d / "out")
            names = sorted(p.name for p in (d / "out").iterdir())
            self.assertEqual(["SOURCES.json", "libonnxruntime.so", "libonnxruntime4j_jni.so",
                              "libonnxruntime_providers_shared.so"], names)
            self.assertEqual(self.jni, (d / "out/libonnxruntime4j_jni.so").read_bytes())  # same version: unchanged
            self.assertEqual("1.23.2", sources["ort_version"])
            self.assertFalse(sources["cuda_provider"])
            self.assertEqual(sources, json.loads((d / "out/SOURCES.json").read_text()))

    def test_refuses_a_library_without_the_version_and_a_used_directory(self):
        with tempfile.TemporaryDirectory() as d:
            d = Path(d)
            liar = self._wheel(d, {"libonnxruntime.so.1.31.1": self.ort})
            with self.assertRaisesRegex(NativeError, "does not define VERS_1.31.1"):
                ort_native.prepare(liar, JAR, d / "a")
            (d / "used").mkdir()
            (d / "used/x").write_text("x")
            with self.assertRaisesRegex(NativeError, "not an empty directory"):
                ort_native.prepare(liar, JAR, d / "used")
            cuda = self._wheel(d, {"libonnxruntime.so.1.23.2": self.ort, "libonnxruntime_providers_cuda.so": b"x"})
            with self.assertRaisesRegex(NativeError, "built without CUDA; take it from the onnxruntime_gpu jar"):
                ort_native.prepare(cuda, JAR, d / "d")  # the CPU jar's JNI answers addCUDA with an error
            empty = self._wheel(d, {"README": b""})
            with self.assertRaisesRegex(NativeError, "no single onnxruntime/capi/libonnxruntime.so"):
                ort_native.prepare(empty, JAR, d / "b")
            self.assertEqual(2, ort_native.main(["--wheel", str(liar), "--jar", str(d / "nope.jar"),
                                                 "--out", str(d / "c")]))


if __name__ == "__main__":
    unittest.main()
