#!/usr/bin/env python3
"""Prepare an ONNX Runtime native directory for trm4j's `--ort-native-path` (docs/CUDA.md): ORT
Java's JNI library from the onnxruntime jar next to the C library of a newer ONNX Runtime taken
from a PyPI wheel (e.g. onnxruntime-gpu 1.31.1, a CUDA 13 build, where Maven Central's Java
artifacts stop at CUDA 12).

    python3 export-scripts/ort_native.py --wheel onnxruntime_gpu-1.31.1-cp312-...whl --out /tmp/ort-cuda13

For CUDA the JNI library must come from the onnxruntime_gpu jar: the CPU jar's is compiled without
CUDA, and its addCUDA answers "This binary was not compiled with CUDA support" whatever library
sits beside it. So a wheel with the CUDA provider takes its JNI library from the onnxruntime_gpu
jar (the default), and a CPU-built JNI library next to a CUDA provider is refused.

The C API is backward compatible, but the JNI library's `.gnu.version_r` names the exact version
it was linked against (`VERS_1.23.2` of `libonnxruntime.so.1`), so the dynamic loader refuses the
newer library. This tool rewrites that one version need (the name in `.dynstr`, same length, and
its ELF hash `vna_hash`) and refuses anything it does not recognise: another ELF class, byte order
or machine, no such version need, a name of another length, a library that does not define the
version. The directory gets the names ORT Java's loader looks for (ai.onnxruntime.OnnxRuntime):
libonnxruntime.so, libonnxruntime4j_jni.so, libonnxruntime_providers_shared.so and, from a GPU
wheel, libonnxruntime_providers_cuda.so; SOURCES.json records where each came from (sha256).
Standard library only.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import struct
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

JNI_IN_JAR = "ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so"
ORT_SONAME_PREFIX = "libonnxruntime.so"
EM_X86_64 = 62
SHT_GNU_VERDEF = 0x6FFFFFFD
SHT_GNU_VERNEED = 0x6FFFFFFE
VERSION_NAME = re.compile(r"VERS_\d+\.\d+\.\d+")
NO_CUDA_MARK = b"not compiled with CUDA support"  # the CPU JNI library's addCUDA answer
LAYOUT = {  # name in the directory <- file name in the wheel's onnxruntime/capi/
    "libonnxruntime_providers_shared.so": "libonnxruntime_providers_shared.so",
    "libonnxruntime_providers_cuda.so": "libonnxruntime_providers_cuda.so",
}


class NativeError(Exception):
    """An input this tool does not recognise; the message says what and where."""


@dataclass(frozen=True)
class VersionNeed:
    file: str          # the needed library, e.g. libonnxruntime.so.1
    name: str          # the version, e.g. VERS_1.23.2
    hash: int          # vna_hash as stored
    aux_offset: int    # file offset of the Vernaux entry
    name_offset: int   # file offset of the name in .dynstr


def elf_hash(name: bytes) -> int:
    """The System V ELF hash (what vna_hash holds)."""
    h = 0
    for c in name:
        h = ((h << 4) + c) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h


def _sections(data: bytes, what: str, machine: int = EM_X86_64) -> list[tuple]:
    if len(data) < 64 or data[:4] != b"\x7fELF":
        raise NativeError(f"{what} is not an ELF file")
    if data[4] != 2:
        raise NativeError(f"{what} is not a 64-bit ELF file (EI_CLASS {data[4]})")
    if data[5] != 1:
        raise NativeError(f"{what} is not little-endian (EI_DATA {data[5]})")
    e_type, e_machine = struct.unpack_from("<HH", data, 16)
    if e_type != 3:
        raise NativeError(f"{what} is not a shared library (e_type {e_type})")
    if e_machine != machine:
        raise NativeError(f"{what} is for ELF machine {e_machine}, expected {machine} (x86-64)")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    if shentsize != 64 or shoff + shnum * 64 > len(data):
        raise NativeError(f"{what} has a section header table this tool does not recognise")
    # (type, offset, size, link, info) per section
    out = []
    for i in range(shnum):
        _, sh_type, _, _, off, size, link, info = struct.unpack_from("<IIQQQQII", data, shoff + i * 64)
        out.append((sh_type, off, size, link, info))
    return out


def _string(data: bytes, strtab: tuple, index: int, what: str) -> tuple[str, int]:
    _, off, size, _, _ = strtab
    if index >= size:
        raise NativeError(f"{what}: string index {index} outside .dynstr")
    start = off + index
    end = data.index(b"\0", start, off + size)
    return data[start:end].decode("ascii"), start


def version_needs(data: bytes, what: str = "the library") -> list[VersionNeed]:
    """Every (file, version) the library needs, from .gnu.version_r."""
    sections = _sections(data, what)
    out = []
    for sh_type, off, size, link, count in sections:
        if sh_type != SHT_GNU_VERNEED:
            continue
        strtab = sections[link]
        entry = off
        for _ in range(count):
            _, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, entry)
            file, _ = _string(data, strtab, vn_file, what)
            aux = entry + vn_aux
            for _ in range(vn_cnt):
                vna_hash, _, _, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                name, name_offset = _string(data, strtab, vna_name, what)
                out.append(VersionNeed(file, name, vna_hash, aux, name_offset))
                aux += vna_next
            entry += vn_next
    return out


def version_definitions(data: bytes, what: str = "the library") -> list[str]:
    """The version names a library defines, from .gnu.version_d."""
    sections = _sections(data, what)
    out = []
    for sh_type, off, size, link, count in sections:
        if sh_type != SHT_GNU_VERDEF:
            continue
        strtab = sections[link]
        entry = off
        for _ in range(count):
            _, _, _, vd_cnt, _, vd_aux, vd_next = struct.unpack_from("<HHHHIII", data, entry)
            if vd_cnt:
                vda_name, _ = struct.unpack_from("<II", data, entry + vd_aux)
                out.append(_string(data, strtab, vda_name, what)[0])
            entry += vd_next
    return out


def ort_version_need(data: bytes, what: str) -> VersionNeed:
    """The one VERS_x.y.z need on libonnxruntime.so.* (the JNI library has exactly one)."""
    needs = [n for n in version_needs(data, what) if n.file.startswith(ORT_SONAME_PREFIX)]
    if len(needs) != 1 or not VERSION_NAME.fullmatch(needs[0].name):
        found = ", ".join(f"{n.file}:{n.name}" for n in needs) or "none"
        raise NativeError(f"{what} needs no single VERS_x.y.z of {ORT_SONAME_PREFIX}* (found: {found})")
    return needs[0]


def patch_version_need(data: bytes, new_version: str, what: str = "the JNI library") -> bytes:
    """The JNI library with its ONNX Runtime version need renamed to `new_version` (VERS_x.y.z)."""
    if not VERSION_NAME.fullmatch(new_version):
        raise NativeError(f"{new_version!r} is not a version name like VERS_1.31.1")
    need = ort_version_need(data, what)
    if need.name == new_version:
        return data
    if len(need.name) != len(new_version):
        raise NativeError(f"{what} needs {need.name}; {new_version} has another length, "
                          "and the name cannot move in .dynstr")
    if need.hash != elf_hash(need.name.encode()):
        raise NativeError(f"{what}: vna_hash of {need.name} is not its ELF hash; not a layout this tool knows")
    out = bytearray(data)
    out[need.name_offset:need.name_offset + len(new_version)] = new_version.encode("ascii")
    struct.pack_into("<I", out, need.aux_offset, elf_hash(new_version.encode()))
    return bytes(out)


def m2_jar(version: str, artifact: str = "onnxruntime") -> Path:
    """ORT Java's jar in the local Maven repository: onnxruntime (Maven puts it there on the first
    build) or onnxruntime_gpu (`mvn dependency:get -Dartifact=com.microsoft.onnxruntime:onnxruntime_gpu:VERSION`)."""
    return (Path.home() / ".m2/repository/com/microsoft/onnxruntime" / artifact / version
            / f"{artifact}-{version}.jar")


def jni_from_jar(jar: Path) -> bytes:
    if not jar.is_file():
        raise NativeError(f"{jar} does not exist (build trm4j once with Maven, or give --jar)")
    with zipfile.ZipFile(jar) as z:
        try:
            return z.read(JNI_IN_JAR)
        except KeyError:
            raise NativeError(f"{jar} has no {JNI_IN_JAR} (not ORT Java's CPU jar?)") from None


def _wheel_capi(wheel: zipfile.ZipFile, wheel_path: Path) -> tuple[str, dict[str, str]]:
    """(x.y.z, {file name: member}) of the wheel's onnxruntime/capi libraries."""
    members = {Path(n).name: n for n in wheel.namelist() if n.startswith("onnxruntime/capi/")}
    versions = [m.group(1) for name in members
                if (m := re.fullmatch(r"libonnxruntime\.so\.(\d+\.\d+\.\d+)", name))]
    if len(versions) != 1:
        raise NativeError(f"{wheel_path} has no single onnxruntime/capi/libonnxruntime.so.x.y.z "
                          f"(found {len(versions)}); it is not an onnxruntime wheel that ships the C library")
    return versions[0], members


def wheel_has_cuda(wheel_path: Path) -> bool:
    with zipfile.ZipFile(wheel_path) as wheel:
        return "onnxruntime/capi/libonnxruntime_providers_cuda.so" in wheel.namelist()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def prepare(wheel_path: Path, jar: Path, out: Path) -> dict:
    """Lays out `out` (new or empty); returns what SOURCES.json records."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise NativeError(f"{out} exists and is not an empty directory")
    jni = jni_from_jar(jar)
    with zipfile.ZipFile(wheel_path) as wheel:
        version, members = _wheel_capi(wheel, wheel_path)
        if "libonnxruntime_providers_cuda.so" in members and NO_CUDA_MARK in jni:
            raise NativeError(f"{wheel_path} has the CUDA provider, but the JNI library of {jar} is built without "
                              "CUDA; take it from the onnxruntime_gpu jar (--jar, or the default)")
        library = wheel.read(members[f"libonnxruntime.so.{version}"])
        if f"VERS_{version}" not in version_definitions(library, f"{wheel_path}: libonnxruntime.so.{version}"):
            raise NativeError(f"libonnxruntime.so.{version} in {wheel_path} does not define VERS_{version}")
        patched = patch_version_need(jni, f"VERS_{version}", f"{jar}: {JNI_IN_JAR}")
        out.mkdir(parents=True, exist_ok=True)
        (out / "libonnxruntime.so").write_bytes(library)
        (out / "libonnxruntime4j_jni.so").write_bytes(patched)
        for name, member in LAYOUT.items():
            if member in members:
                with wheel.open(members[member]) as src, (out / name).open("wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
    files = {p.name: {"sha256": _sha256(p), "bytes": p.stat().st_size} for p in sorted(out.iterdir())}
    sources = {"ort_version": version, "jni_from": str(jar), "jni_need_was": ort_version_need(jni, "jni").name,
               "library_from": wheel_path.name, "cuda_provider": "libonnxruntime_providers_cuda.so" in files,
               "files": files}
    (out / "SOURCES.json").write_text(json.dumps(sources, indent=2) + "\n")
    return sources


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--wheel", type=Path, required=True, help="an onnxruntime or onnxruntime-gpu wheel (.whl)")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--jar", type=Path, help="ORT Java's jar (default: from ~/.m2, onnxruntime_gpu for a wheel "
                     "with the CUDA provider, else onnxruntime)")
    src.add_argument("--ort-java-version", default="1.23.2", help="the jar's version in ~/.m2 (default: 1.23.2)")
    p.add_argument("--out", type=Path, required=True, help="the directory to create (new or empty)")
    args = p.parse_args(argv)
    try:
        jar = args.jar if args.jar else m2_jar(args.ort_java_version,
                                               "onnxruntime_gpu" if wheel_has_cuda(args.wheel) else "onnxruntime")
        sources = prepare(args.wheel, jar, args.out)
    except (NativeError, OSError, zipfile.BadZipFile) as e:
        print(f"ort_native.py: {e}", file=sys.stderr)
        return 2
    print(f"{args.out}: ONNX Runtime {sources['ort_version']} with ORT Java's JNI library "
          f"(need {sources['jni_need_was']} -> VERS_{sources['ort_version']}), "
          f"CUDA provider: {'yes' if sources['cuda_provider'] else 'no'}")
    for name, f in sources["files"].items():
        print(f"  {name}  {f['bytes']:,} bytes  sha256 {f['sha256'][:16]}...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
