#!/usr/bin/env python3
"""The PyTorch reference a Python user would run: a trm4j model directory's weights in the
reference TRM (trm/model.py), torch eager under no_grad, the same loop (fixed halting, argmax and
sigmoid(q_halt) read every step), the same threads, batch sizes and steps as `trm bench`.

    python3 export-scripts/bench_torch.py --model DIR --batch 1,8,64 --steps 16 --threads 2

Prints one JSON object per batch size and mode. `trm bench --against-torch` runs this script with
the tokens it used itself (--tokens, int64 little-endian [B, L]) and compares the final argmax
(--predictions writes it as int32 little-endian [B, L] for the largest batch).

--modes eager,compile times both: torch.compile of the network TRM.step applies (dynamic=False,
one graph per batch size, compiled during the warm-up runs; see compiled_step). Where torch has
no torch.compile (PyTorch 1.x) the compile mode is reported unavailable, not failed. Each object
names the torch build (version, BLAS, oneDNN, CPU capability, from torch.__config__.show();
`torch_fallback` marks a 1.x build such as Debian's 1.13 with OpenBLAS, not what a user installs
today) and the CPU (model name and the SIMD and matrix-unit flags that decide fp32, int8 and
bf16 speed).

Weights: the model directory holds only cell.onnx + init.bin, so they are read back from the ONNX
initializers. Parameters the exporter kept by name ("trm.embed_tokens", "trm.q_head.weight", ...)
are copied directly; linear weights that torch's exporter stored transposed under anonymous
names ("onnx::MatMul_N") are assigned to the Linear modules in the order the graph first uses
them, which is the forward order (per layer: mlp_t or attention projections, then the SwiGLU),
each checked against the module's shape; a SwiGLU exported as two products (gate, up) has its two
halves joined back. Every parameter must be assigned and every initializer
used, else the script stops. --check-onnx compares one step with onnxruntime when it is importable.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import numpy_helper

sys.path.insert(0, str(Path(__file__).parent))
from trm.model import TRM, Linear, TrmConfig  # noqa: E402


def config_from_manifest(m: dict) -> TrmConfig:
    arch = m["arch"]
    fields = {f.name for f in dataclasses.fields(TrmConfig)}
    kw = dict(vocab_size=m["vocab_size"], seq_len=m["seq_len"], hidden_size=arch["hidden_size"],
              num_heads=arch["num_heads"], expansion=arch["expansion"], num_layers=arch["num_layers"],
              L_cycles=arch["L_cycles"], H_cycles=arch["H_cycles"], puzzle_emb_len=arch["puzzle_emb_len"],
              num_puzzle_ids=arch["num_puzzle_ids"], variant=arch["variant"], rope_theta=arch["rope_theta"],
              max_steps=m["max_steps"])
    # newer manifests may carry these
    for optional in ("pos_encodings", "rms_eps", "halt_readout", "grid_width"):
        if optional in arch and optional in fields:
            kw[optional] = arch[optional]
    return TrmConfig(**kw)


def linear_modules_in_forward_order(trm: TRM) -> list[tuple[str, Linear]]:
    """The Linear modules whose weights the graph uses as MatMul operands, in call order."""
    out = []
    for i, layer in enumerate(trm.L_level.layers):
        prefix = f"L_level.layers.{i}."
        if trm.cfg.variant in ("mlp_t", "mlp_cols"):
            out += [(prefix + "mlp_t.gate_up_proj", layer.mlp_t.gate_up_proj),
                    (prefix + "mlp_t.down_proj", layer.mlp_t.down_proj)]
        elif trm.cfg.variant == "conv":
            pass  # the 3x3 kernel is a Conv initializer kept by name
        else:
            out += [(prefix + "self_attn.qkv_proj", layer.self_attn.qkv_proj),
                    (prefix + "self_attn.o_proj", layer.self_attn.o_proj)]
        out += [(prefix + "mlp.gate_up_proj", layer.mlp.gate_up_proj), (prefix + "mlp.down_proj", layer.mlp.down_proj)]
    out.append(("lm_head", trm.lm_head))
    return out


def is_rotary_table(trm: TRM, value: np.ndarray) -> bool:
    """RoPE cos/sin folded by the exporter (e.g. unsqueezed to [S, 1, Hd]): derived, not learned."""
    rotary = getattr(trm, "rotary", None)
    if rotary is None:
        return False
    for table in (rotary.cos, rotary.sin):
        t = table.numpy()
        if value.size == t.size and np.allclose(value.reshape(t.shape), t, atol=1e-6):
            return True
    return False


def load_weights(trm: TRM, cell: Path, init: Path) -> dict:
    """Fills trm from the cell's initializers and init.bin; returns a mapping report."""
    graph = onnx.load(str(cell)).graph
    inits = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    used: dict[str, str] = {}
    # torch shares a weight used many times through Identity nodes: resolve those aliases.
    alias = {n.output[0]: n.input[0] for n in graph.node if n.op_type == "Identity"}

    def root(name: str) -> str:
        while name in alias:
            name = alias[name]
        return name

    # Anonymous MatMul operands, in the order the graph first consumes them.
    anonymous = []
    for node in graph.node:
        if node.op_type == "Identity":
            continue
        for name in map(root, node.input):
            if name in inits and not name.startswith("trm.") and name not in anonymous and name not in used:
                if node.op_type == "MatMul":
                    anonymous.append(name)
                elif is_rotary_table(trm, inits[name]):
                    used[name] = "rotary (computed from the config, checked equal)"
                else:
                    raise SystemExit(f"{cell}: initializer {name} feeds a {node.op_type}, not a MatMul: "
                                     "the exporter's naming changed, update bench_torch.py")
    state = trm.state_dict()
    assigned = set()
    with torch.no_grad():
        linear_names = {f"{n}.weight" for n, _ in linear_modules_in_forward_order(trm)}
        for key, tensor in state.items():
            if key in ("H_init", "L_init") or key in linear_names and f"trm.{key}" not in inits:
                continue
            if key.startswith("rotary.") and f"trm.{key}" not in inits:
                assigned.add(key)  # RoPE tables follow from the config (folded copies are checked)
                continue
            onnx_name = f"trm.{key}"
            if key == "puzzle_emb" and onnx_name not in inits and trm.cfg.puzzle_emb_len == 0 \
                    and trm.cfg.num_puzzle_ids <= 1:
                assigned.add(key)  # a conv model without puzzle ids never reads the table
                continue
            if onnx_name not in inits:
                raise SystemExit(f"{cell}: no initializer {onnx_name} for parameter {key}")
            value = torch.from_numpy(inits[onnx_name].copy())
            if tuple(value.shape) != tuple(tensor.shape):
                raise SystemExit(f"{onnx_name}: shape {tuple(value.shape)}, parameter {key} has {tuple(tensor.shape)}")
            tensor.copy_(value)
            used[onnx_name] = key
            assigned.add(key)
        queue = list(anonymous)
        for name, module in linear_modules_in_forward_order(trm):
            key = f"{name}.weight"
            if key in assigned:
                continue
            if not queue:
                raise SystemExit(f"{cell}: ran out of MatMul initializers at {key}")
            onnx_name = queue.pop(0)
            w = inits[onnx_name]
            rows, fan_in = module.weight.shape
            if name.endswith("gate_up_proj") and tuple(w.shape) == (fan_in, rows // 2) and queue:
                # exported as two products (gate, then up: trm/model.py SwiGLU.forward)
                up_name = queue.pop(0)
                used[up_name] = key
                w = np.concatenate([w, inits[up_name]], axis=1)
            if tuple(w.shape[::-1]) != tuple(module.weight.shape):
                raise SystemExit(f"{onnx_name} {tuple(w.shape)} does not fit {key} {tuple(module.weight.shape)} "
                                 "(transposed): the graph's order differs from the forward order")
            module.weight.copy_(torch.from_numpy(w.T.copy()))
            used[onnx_name] = key
            assigned.add(key)
        if queue:
            raise SystemExit(f"{cell}: initializers left unassigned: {queue}")
        d = trm.cfg.hidden_size
        raw = np.frombuffer(init.read_bytes(), dtype="<f4")
        if raw.size != 2 * d:
            raise SystemExit(f"{init}: {raw.size} floats, expected 2 x {d}")
        trm.H_init.copy_(torch.from_numpy(raw[:d].copy()))
        trm.L_init.copy_(torch.from_numpy(raw[d:].copy()))
        assigned |= {"H_init", "L_init"}
    missing = [k for k in state if k not in assigned]
    if missing:
        raise SystemExit(f"{cell}: parameters without a value: {missing}")
    unused = [n for n in inits if n not in used]
    if unused:
        raise SystemExit(f"{cell}: initializers not mapped to any parameter: {unused}")
    return used


@torch.no_grad()
def run_loop(trm: TRM, tokens: torch.Tensor, pids: torch.Tensor, steps: int, step=None) -> torch.Tensor:
    """Fixed halting, as trm bench: every row runs every step; argmax and confidence per step.
    `step` replaces trm.step (e.g. its torch.compile'd form)."""
    step = step or trm.step
    y, z = trm.initial_state(tokens.shape[0])
    y, z = y.to(tokens.device), z.to(tokens.device)
    pred = None
    for _ in range(steps):
        y, z, logits, q_halt, _ = step(tokens, y, z, pids, grad_last_cycle_only=False)
        pred = logits.argmax(-1)
        torch.sigmoid(q_halt)  # what a halting loop reads each step
    return pred


def compiled_step(trm: TRM):
    """TRM.step with its network (L_level, the blocks applied T * (n + 1) times a step) through
    torch.compile (inductor, dynamic=False: one graph per batch size). Compiling the whole step
    unrolls those calls into one graph that takes minutes to compile on a small machine for the
    same kernels; the adds between calls stay eager."""
    import copy
    compiled = copy.copy(trm)
    compiled._modules = dict(trm._modules)  # the copy's own module table: the original stays eager
    compiled.L_level = torch.compile(trm.L_level, dynamic=False)
    return compiled.step


def check_onnx(trm: TRM, cell: Path, tokens: torch.Tensor, pids: torch.Tensor) -> float | None:
    try:
        import onnxruntime as ort
    except ImportError:
        return None
    sess = ort.InferenceSession(str(cell), providers=["CPUExecutionProvider"])
    y, z = trm.initial_state(tokens.shape[0])
    with torch.no_grad():
        yt, zt, lt, qt, _ = trm.step(tokens, y, z, pids, grad_last_cycle_only=False)
    feed = {"tokens": tokens.numpy(), "y": y.numpy(), "z": z.numpy()}
    if any(i.name == "puzzle_ids" for i in sess.get_inputs()):
        feed["puzzle_ids"] = pids.numpy()
    yo, zo, lo, qo = sess.run(["y_out", "z_out", "logits", "q_halt"], feed)
    return float(max(np.abs(yo - yt.numpy()).max(), np.abs(lo - lt.numpy()).max(), np.abs(qo - qt.numpy()).max()))


# The flags that decide how fast a CPU multiplies in fp32, int8 and bf16.
CPU_FLAGS = ("avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16")


def cpu_info(cpuinfo: str | None = None) -> dict:
    """The CPU's model name and which of CPU_FLAGS it has (Linux /proc/cpuinfo; empty elsewhere)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text()
        except OSError:
            return {"cpu_model": None, "cpu_flags": []}
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    flags = re.search(r"^flags\s*:\s*(.+)$", cpuinfo, re.M)
    have = set(flags.group(1).split()) if flags else set()
    return {"cpu_model": model.group(1).strip() if model else None, "cpu_flags": [f for f in CPU_FLAGS if f in have]}


def torch_build(config: str | None = None, version: str | None = None) -> dict:
    """What decides this torch's CPU speed, from torch.__config__.show(): its BLAS, oneDNN and
    CPU capability. A 1.x torch (Debian's 1.13 with OpenBLAS) is marked as the fallback anchor:
    not what a user installs from PyPI today."""
    config = torch.__config__.show() if config is None else config
    version = torch.__version__ if version is None else version

    def find(pattern):
        m = re.search(pattern, config)
        return m.group(1).strip() if m else None
    blas = find(r"BLAS_INFO=([^,\s]+)")
    mkl = find(r"Math Kernel Library Version ([^\s]+)")
    onednn = find(r"MKL-DNN v([^\s]+)")
    capability = find(r"CPU capability usage: ([^\s]+)")
    summary = ", ".join(x for x in (f"BLAS {blas}" if blas else None, f"MKL {mkl}" if mkl else None,
                                    f"oneDNN {onednn}" if onednn else None,
                                    f"CPU capability {capability}" if capability else None) if x)
    major = int(re.match(r"\d+", version).group(0)) if re.match(r"\d+", version) else 0
    return {"torch": version, "torch_blas": summary or "unknown", "torch_fallback": major < 2}


def random_tokens(batch: int, seq_len: int, vocab: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(1, max(vocab, 2), size=(batch, seq_len), dtype=np.int64)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, required=True, help="trm4j model directory (manifest.json, cell.onnx, init.bin)")
    ap.add_argument("--batch", default="1,8,64", help="batch sizes, comma-separated")
    ap.add_argument("--steps", type=int, default=16)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--threads", type=int, default=torch.get_num_threads())
    ap.add_argument("--tokens", type=Path, help="int64 little-endian [B, L] rows (B >= the largest batch)")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--predictions", type=Path, help="write the largest batch's final argmax, int32 LE [B, L]")
    ap.add_argument("--check-onnx", action="store_true", help="compare one step with onnxruntime if installed")
    ap.add_argument("--device", default="cpu", help="torch device, e.g. cuda (timed with synchronize)")
    ap.add_argument("--compile", action="store_true", help="same as --modes compile")
    ap.add_argument("--modes", default="eager", help="eager, compile or both (eager,compile): torch.compile of "
                                                     "TRM.step, dynamic=False, compiled in the warm-up runs")
    a = ap.parse_args(argv)
    modes = ["compile"] if a.compile else [m.strip() for m in a.modes.split(",") if m.strip()]
    if not modes or any(m not in ("eager", "compile") for m in modes):
        raise SystemExit(f"--modes {a.modes!r}: use eager, compile or eager,compile")
    if a.compile and not hasattr(torch, "compile"):
        raise SystemExit(f"--compile needs PyTorch 2 (torch.compile); this is {torch.__version__}")
    device = torch.device(a.device)
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    torch.set_num_threads(a.threads)
    manifest = json.loads((a.model / "manifest.json").read_text())
    cfg = config_from_manifest(manifest)
    torch.manual_seed(0)
    trm = TRM(cfg).eval()
    mapping = load_weights(trm, a.model / manifest.get("cell", "cell.onnx"), a.model / manifest.get("init", "init.bin"))
    batches = [int(b) for b in a.batch.split(",")]
    big = max(batches)
    if a.tokens:
        raw = np.fromfile(a.tokens, dtype="<i8")
        if raw.size < big * cfg.seq_len:
            raise SystemExit(f"{a.tokens}: {raw.size} tokens, need {big} x {cfg.seq_len}")
        all_tokens = raw[: big * cfg.seq_len].reshape(big, cfg.seq_len)
    else:
        all_tokens = random_tokens(big, cfg.seq_len, cfg.vocab_size, a.seed)
    all_tokens = torch.from_numpy(all_tokens.copy())
    if a.check_onnx:
        diff = check_onnx(trm, a.model / manifest.get("cell", "cell.onnx"), all_tokens[:2], torch.zeros(2, dtype=torch.long))
        print(json.dumps({"check_onnx_max_abs_diff": diff, "mapped_initializers": len(mapping)}), file=sys.stderr)
    trm = trm.to(device)
    about = {**torch_build(), **cpu_info()}
    steps_by_mode = {"eager": trm.step}
    if "compile" in modes:
        if hasattr(torch, "compile"):
            steps_by_mode["compile"] = compiled_step(trm)
        else:
            print(json.dumps({"mode": "compile", "available": False, "torch": torch.__version__,
                              "reason": "torch.compile needs PyTorch 2"}), flush=True)
    for b in batches:
        tokens = all_tokens[:b].contiguous().to(device)
        pids = torch.zeros(b, dtype=torch.long, device=device)
        for mode in (m for m in modes if m in steps_by_mode):
            step = steps_by_mode[mode]
            warmup = max(a.warmup, 1) if mode == "compile" else a.warmup  # the first compiled run compiles
            for _ in range(warmup):
                run_loop(trm, tokens, pids, a.steps, step)
            sync()
            times = []
            for _ in range(a.runs):
                t0 = time.perf_counter()
                pred = run_loop(trm, tokens, pids, a.steps, step)
                sync()
                times.append(time.perf_counter() - t0)
            total = sum(times)
            print(json.dumps({
                "model": manifest["name"], "batch": b, "mode": mode, "steps": a.steps, "runs": a.runs,
                "warmup": warmup, "threads": torch.get_num_threads(), "device": str(device),
                "compiled": mode == "compile", "torch_puzzles_per_s": b * a.runs / total,
                "ms_per_step": total * 1e3 / (a.runs * a.steps), "p50_ms": statistics.median(times) * 1e3,
                **about}), flush=True)
            if b == big and a.predictions and mode == modes[0]:
                pred.to(torch.int32).cpu().numpy().astype("<i4").tofile(a.predictions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
