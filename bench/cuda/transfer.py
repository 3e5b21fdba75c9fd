#!/usr/bin/env python3
"""Move a set of files to the GPU machine in chunks, each checked by sha256 on arrival.

The device tool sends at most 64 MiB per call (the whole working tree included), so large files
(ONNX Runtime's CUDA provider is 284 MB) travel compressed and split over several back-to-back
calls; docs/CUDA.md has the plan.

    # here: compress and split (zstd -19 where zstd exists, else xz -9)
    python3 bench/cuda/transfer.py pack --name natives --part-mib 44 --out .cuda-stage /tmp/ort-cuda13
    # there, in every call: verify what arrived, keep it in a stash outside the repository,
    # and once every part is in, reassemble and check each file again
    python3 bench/cuda/transfer.py receive --manifest .cuda-stage/natives.manifest.json \\
        --from .cuda-stage --stash /tmp/trm-stash --to /tmp/trm-cuda

pack writes NAME.part-000, NAME.part-001, ... and NAME.manifest.json (codec, each part's size and
sha256, the whole stream's sha256, and each packed file's size and sha256). receive exits 0 when
the files are in place and verified, 3 when parts are still missing (it names them), 2 on a
checksum mismatch or an unusable input. Standard library only; zstd decompression uses the zstd
program, else pyarrow's codec (the GPU image has pyarrow), else says which is missing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

MANIFEST_VERSION = 1


class TransferError(Exception):
    """A problem the message explains; exit code 2."""


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _files(paths: list[Path]) -> list[tuple[Path, str]]:
    """(file, name in the archive) for every file under the given files and directories."""
    out = []
    for p in paths:
        if p.is_dir():
            out += [(f, str(f.relative_to(p.parent))) for f in sorted(p.rglob("*")) if f.is_file()]
        elif p.is_file():
            out.append((p, p.name))
        else:
            raise TransferError(f"{p} does not exist")
    return out


def _compress(src: Path, dst: Path, codec: str) -> None:
    if codec == "zstd":
        if not shutil.which("zstd"):
            raise TransferError("zstd is not installed here; use --codec xz")
        subprocess.run(["zstd", "-19", "-T0", "-q", "-f", str(src), "-o", str(dst)], check=True)
    elif shutil.which("xz"):
        with dst.open("wb") as out:
            subprocess.run(["xz", "-9", "-T0", "-c", str(src)], stdout=out, check=True)
    else:
        with src.open("rb") as f, lzma.open(dst, "wb", preset=9) as out:
            shutil.copyfileobj(f, out, 1 << 20)


def pack(paths: list[Path], out: Path, name: str, part_bytes: int, codec: str) -> dict:
    if part_bytes < 1:
        raise TransferError("--part-mib must be positive")
    files = _files(paths)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out) as tmp:
        tar_path, stream = Path(tmp) / "stream.tar", Path(tmp) / "stream.c"
        with tarfile.open(tar_path, "w", format=tarfile.PAX_FORMAT, dereference=True) as tar:  # links -> files
            for f, arc in files:
                tar.add(f, arcname=arc, recursive=False)
        _compress(tar_path, stream, codec)
        parts = []
        with stream.open("rb") as f:
            for i, chunk in enumerate(iter(lambda: f.read(part_bytes), b"")):
                part = out / f"{name}.part-{i:03d}"
                part.write_bytes(chunk)
                parts.append({"file": part.name, "bytes": len(chunk), "sha256": hashlib.sha256(chunk).hexdigest()})
        manifest = {"version": MANIFEST_VERSION, "name": name, "codec": codec,
                    "stream_bytes": stream.stat().st_size, "stream_sha256": sha256_file(stream),
                    "parts": parts,
                    "files": [{"path": arc, "bytes": f.stat().st_size, "sha256": sha256_file(f)} for f, arc in files]}
    (out / f"{name}.manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def _decompressor(codec: str, src: Path, dst: Path) -> None:
    if codec == "xz":
        with lzma.open(src, "rb") as f, dst.open("wb") as out:
            shutil.copyfileobj(f, out, 1 << 20)
        return
    if codec != "zstd":
        raise TransferError(f"unknown codec {codec!r} in the manifest")
    if shutil.which("zstd"):
        subprocess.run(["zstd", "-d", "-q", "-f", str(src), "-o", str(dst)], check=True)
        return
    try:
        import pyarrow  # noqa: F401  (the GPU image has it; its zstd codec reads the frames)
    except ImportError:
        raise TransferError("neither the zstd program nor pyarrow is here to decompress zstd; pack with --codec xz")
    import pyarrow as pa
    with pa.input_stream(str(src), compression="zstd") as f, dst.open("wb") as out:
        while block := f.read(1 << 20):
            out.write(block)


def receive(manifest_path: Path, sources: list[Path], stash: Path, to: Path) -> list[str]:
    """Moves verified parts into `stash`; once all are there, unpacks into `to`. Returns the missing parts."""
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("version") != MANIFEST_VERSION:
        raise TransferError(f"{manifest_path}: manifest version {manifest.get('version')}, expected {MANIFEST_VERSION}")
    stash.mkdir(parents=True, exist_ok=True)
    missing = []
    for part in manifest["parts"]:
        kept = stash / part["file"]
        if kept.is_file() and sha256_file(kept) == part["sha256"]:
            continue
        found = [d / part["file"] for d in sources if (d / part["file"]).is_file()]
        if not found:
            missing.append(part["file"])
            continue
        got = sha256_file(found[0])
        if got != part["sha256"]:
            raise TransferError(f"{found[0]}: sha256 {got}, the manifest says {part['sha256']} (damaged in transit)")
        shutil.copyfile(found[0], kept)
    if missing:
        return missing
    with tempfile.TemporaryDirectory(dir=stash) as tmp:
        stream, tar_path = Path(tmp) / "stream.c", Path(tmp) / "stream.tar"
        with stream.open("wb") as out:
            for part in manifest["parts"]:
                with (stash / part["file"]).open("rb") as f:
                    shutil.copyfileobj(f, out, 1 << 20)
        if sha256_file(stream) != manifest["stream_sha256"]:
            raise TransferError("the reassembled stream's sha256 differs from the manifest's")
        _decompressor(manifest["codec"], stream, tar_path)
        stream.unlink()
        to.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tar_path) as tar:
            for member in tar.getmembers():
                if not member.isfile() or member.name.startswith("/") or ".." in Path(member.name).parts:
                    raise TransferError(f"unexpected archive member {member.name!r}")
            tar.extractall(to)
    for f in manifest["files"]:
        got = sha256_file(to / f["path"])
        if got != f["sha256"]:
            raise TransferError(f"{to / f['path']}: sha256 {got}, the manifest says {f['sha256']}")
    return []


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pack", help="compress and split files and directories")
    p.add_argument("paths", type=Path, nargs="+")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--part-mib", type=float, default=44)
    p.add_argument("--codec", choices=["zstd", "xz"], default="zstd" if shutil.which("zstd") else "xz")
    r = sub.add_parser("receive", help="verify arrived parts, stash them, unpack when complete")
    r.add_argument("--manifest", type=Path, required=True)
    r.add_argument("--from", dest="sources", type=Path, nargs="+", required=True)
    r.add_argument("--stash", type=Path, required=True, help="where verified parts wait (outside the repository)")
    r.add_argument("--to", type=Path, required=True)
    a = ap.parse_args(argv)
    try:
        if a.command == "pack":
            m = pack(a.paths, a.out, a.name, int(a.part_mib * (1 << 20)), a.codec)
            total = sum(f["bytes"] for f in m["files"])
            print(f"{a.name}: {len(m['files'])} files, {total:,} bytes -> {m['codec']} {m['stream_bytes']:,} bytes "
                  f"in {len(m['parts'])} parts of <= {a.part_mib:g} MiB under {a.out}")
            return 0
        missing = receive(a.manifest, a.sources, a.stash, a.to)
    except (TransferError, OSError, subprocess.CalledProcessError, tarfile.TarError, lzma.LZMAError) as e:
        print(f"transfer.py: {e}", file=sys.stderr)
        return 2
    if missing:
        print(f"transfer.py: waiting for {len(missing)} part(s): {' '.join(missing)} "
              f"(verified parts are kept in {a.stash})")
        return 3
    print(f"transfer.py: {a.to}: every file verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())
