"""Official TinyRecursiveModels checkpoints <-> the reference TRM (trm/model.py).

The official trainer (pretrain.py) saves `torch.save(model.state_dict(), "step_N")` where the
model is torch.compile(ACTLossHead(TinyRecursiveReasoningModel_ACTV1)): keys start with
`_orig_mod.model.inner.`. Parameters are fp32; H_init/L_init are bf16 (forward_dtype); the
non-persistent buffers (RoPE cos/sin, the sparse embedding's local buffers) are absent. Names
map one to one except two:

    official                          reference
    embed_tokens.embedding_weight     embed_tokens
    puzzle_emb.weights                puzzle_emb

The architecture is not in the file: it comes from the run's all_config.yaml (its `arch:`
block), a bare arch yaml (config/arch/trm.yaml), or hydra-style overrides (arch.mlp_t=True).
"""
from __future__ import annotations

import re
from pathlib import Path

import torch
import yaml

from .model import TRM, TrmConfig

OFFICIAL_NAME = "recursive_reasoning.trm@TinyRecursiveReasoningModel_ACTV1"
PREFIXES = ("_orig_mod.", "model.", "inner.")
RENAMED = {"embed_tokens": "embed_tokens.embedding_weight", "puzzle_emb": "puzzle_emb.weights"}
# Buffers the official model does not persist; a checkpoint that has them anyway is fine.
IGNORABLE = {"rotary_emb.cos_cached", "rotary_emb.sin_cached", "puzzle_emb.local_weights", "puzzle_emb.local_ids"}
HINTS = {
    "embed_pos.": "learned position encodings (arch.pos_encodings=learned) are not supported",
    "H_level.": "an H_level belongs to HRM, not TRM",
}

# config/arch/trm.yaml plus the pydantic defaults of TinyRecursiveReasoningModel_ACTV1Config.
ARCH_DEFAULTS = {
    "name": OFFICIAL_NAME, "H_cycles": 3, "L_cycles": 6, "H_layers": 0, "L_layers": 2,
    "hidden_size": 512, "num_heads": 8, "expansion": 4, "puzzle_emb_ndim": "${.hidden_size}",
    "pos_encodings": "rope", "forward_dtype": "bfloat16", "mlp_t": False, "puzzle_emb_len": 16,
    "no_ACT_continue": True, "halt_max_steps": 16, "halt_exploration_prob": 0.1,
    "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
}
# Accepted, but they do not change the inference graph (or come from the data, checked there).
ARCH_NO_GRAPH = {"loss", "H_layers", "forward_dtype", "no_ACT_continue", "halt_exploration_prob",
                 "batch_size", "causal", "seq_len", "vocab_size", "num_puzzle_identifiers"}
# Top-level training options of pretrain.py: accepted in overrides (a pasted training command).
TRAINING_KEYS = {"arch", "data_paths", "data_paths_test", "evaluators", "global_batch_size", "epochs", "lr",
                 "lr_min_ratio", "lr_warmup_steps", "weight_decay", "beta1", "beta2", "puzzle_emb_lr",
                 "puzzle_emb_weight_decay", "project_name", "run_name", "load_checkpoint", "checkpoint_path",
                 "seed", "checkpoint_every_eval", "eval_interval", "min_eval_interval", "eval_save_outputs",
                 "ema", "ema_rate", "freeze_weights"}


class ImportFailure(ValueError):
    """A checkpoint or config that cannot be imported; the message names the key."""


# -- arch config ------------------------------------------------------------------------------
def load_arch(config_path: Path | None, overrides: list[str] = ()) -> tuple[dict, dict]:
    """Returns (arch, run): the arch block over the official defaults, and the run options
    (data_paths, ema, ...) when the file is an all_config.yaml."""
    arch, run = dict(ARCH_DEFAULTS), {}
    if config_path is not None:
        doc = yaml.safe_load(Path(config_path).read_text())
        if not isinstance(doc, dict):
            raise ImportFailure(f"{config_path}: expected a YAML mapping")
        if isinstance(doc.get("arch"), dict):       # all_config.yaml
            arch.update(doc["arch"])
            run = {k: v for k, v in doc.items() if k != "arch"}
        else:                                        # a bare arch config (config/arch/trm.yaml)
            arch.update(doc)
    for item in overrides:
        if "=" not in item:
            raise ImportFailure(f"override {item!r}: expected KEY=VALUE (e.g. arch.mlp_t=True)")
        key, value = item.split("=", 1)
        key = key.lstrip("+~")
        parsed = yaml.safe_load(value) if value else None
        if key.startswith("arch."):
            arch[key[5:]] = parsed
        elif key in TRAINING_KEYS:
            if key == "arch" and parsed != "trm":
                raise ImportFailure(f"override arch={value}: only arch=trm is supported")
            run[key] = parsed
        elif key in ARCH_DEFAULTS or key in ARCH_NO_GRAPH:
            arch[key] = parsed
        else:
            raise ImportFailure(f"override {item!r}: unknown key '{key}'")
    unknown = sorted(k for k in arch if k not in ARCH_DEFAULTS and k not in ARCH_NO_GRAPH)
    if unknown:
        raise ImportFailure(f"arch config: unknown key(s) {', '.join('arch.' + k for k in unknown)}: not part of the "
                            f"official TRM; a modified architecture cannot be imported")
    return arch, run


def _int(arch: dict, key: str, minimum: int = 1) -> int:
    v = arch.get(key)
    if isinstance(v, bool) or not isinstance(v, (int, float)) or int(v) != v or v < minimum:
        raise ImportFailure(f"arch.{key} = {v!r}: expected an integer >= {minimum}")
    return int(v)


def _resolve(arch: dict, key: str):
    v = arch.get(key)
    m = re.fullmatch(r"\$\{\.?(\w+)\}", v) if isinstance(v, str) else None
    return arch.get(m.group(1)) if m else v   # "${.hidden_size}" in the raw arch yaml


def puzzle_emb_len(arch: dict) -> int:
    """The official rule: puzzle_emb_len if non-zero, else ceil(puzzle_emb_ndim / hidden_size)."""
    d = _int(arch, "hidden_size")
    ndim = _resolve(arch, "puzzle_emb_ndim")
    if not isinstance(ndim, int) or ndim < 0:
        raise ImportFailure(f"arch.puzzle_emb_ndim = {ndim!r}: expected an integer >= 0")
    length = _int(arch, "puzzle_emb_len", minimum=0)
    return length if length != 0 else -(ndim // -d)


def check_arch(arch: dict) -> None:
    name = arch.get("name")
    if not (isinstance(name, str) and name.endswith("trm@TinyRecursiveReasoningModel_ACTV1")):
        raise ImportFailure(f"arch.name = {name!r}: not the official TRM ({OFFICIAL_NAME})")
    pe = arch.get("pos_encodings")
    if pe not in ("rope", "none"):
        raise ImportFailure(f"arch.pos_encodings = {pe!r}: only 'rope' and 'none' are supported")
    d = _int(arch, "hidden_size")
    ndim = _resolve(arch, "puzzle_emb_ndim")
    p = puzzle_emb_len(arch)
    if ndim not in (0, d):
        raise ImportFailure(f"arch.puzzle_emb_ndim = {ndim}: supported are hidden_size ({d}) and 0")
    if ndim == 0 and p != 0:
        raise ImportFailure(f"arch.puzzle_emb_ndim = 0 with arch.puzzle_emb_len = {p}: the official model "
                            f"cannot run this either (no prefix to fill); set arch.puzzle_emb_len=0")
    if not arch.get("mlp_t") and d % _int(arch, "num_heads") != 0:
        raise ImportFailure(f"arch.hidden_size {d} is not a multiple of arch.num_heads {arch['num_heads']}")
    for k in ("H_cycles", "L_cycles", "L_layers", "halt_max_steps"):
        _int(arch, k)
    if not isinstance(arch.get("expansion"), (int, float)) or isinstance(arch.get("expansion"), bool):
        raise ImportFailure(f"arch.expansion = {arch.get('expansion')!r}: expected a number")


# -- state dict -------------------------------------------------------------------------------
def strip_prefixes(state: dict) -> dict:
    out = {}
    for key, value in state.items():
        k = key
        while any(k.startswith(p) for p in PREFIXES):   # any order: model._orig_mod.inner. too
            k = k[len(next(p for p in PREFIXES if k.startswith(p))):]
        if k in out:
            raise ImportFailure(f"checkpoint key '{key}': duplicates another key once the "
                                f"'_orig_mod.model.inner.' prefix is removed")
        out[k] = value
    return out


def load_state(path: Path, allow_pickle: bool = False) -> dict:
    """A `step_N` file (or {'model': state_dict, ...}) -> state dict without prefixes."""
    try:
        obj = torch.load(str(path), map_location="cpu", weights_only=True)
    except Exception as e:  # noqa: BLE001 - any unpickling problem
        if not allow_pickle:
            raise ImportFailure(f"{path}: not loadable as a plain state dict ({type(e).__name__}: "
                                f"{str(e).splitlines()[0] if str(e) else ''}); if you trust the file, "
                                f"rerun with --unsafe-pickle") from e
        obj = torch.load(str(path), map_location="cpu", weights_only=False)
    if isinstance(obj, dict) and isinstance(obj.get("model"), dict):
        obj = obj["model"]   # {model, optimizers, step} as some forks save it
    if not isinstance(obj, dict) or not obj:
        raise ImportFailure(f"{path}: expected a state dict (a mapping of names to tensors)")
    bad = [k for k, v in obj.items() if not torch.is_tensor(v)]
    if bad:
        raise ImportFailure(f"{path}: key '{bad[0]}' is not a tensor; expected a state dict")
    return strip_prefixes(obj)


def official_key(ours: str) -> str:
    return RENAMED.get(ours, ours)


def infer_shapes(state: dict, arch: dict) -> dict:
    """vocab_size, num_puzzle_ids, num_layers and (mlp_t) the state length from the tensors."""
    def need(k):
        if k not in state:
            raise ImportFailure(f"checkpoint is missing key '{k}'")
        return state[k]
    emb = need("embed_tokens.embedding_weight")
    if emb.ndim != 2:
        raise ImportFailure(f"key 'embed_tokens.embedding_weight' has shape {list(emb.shape)}: expected [V, D]")
    out = {"vocab_size": int(emb.shape[0])}
    ndim = _resolve(arch, "puzzle_emb_ndim")
    out["num_puzzle_ids"] = int(need("puzzle_emb.weights").shape[0]) if ndim else 1
    layers = {int(m.group(1)) for k in state for m in [re.match(r"L_level\.layers\.(\d+)\.", k)] if m}
    out["num_layers"] = len(layers)
    if arch.get("mlp_t"):
        w = need("L_level.layers.0.mlp_t.gate_up_proj.weight")
        if w.ndim != 2:
            raise ImportFailure(f"key 'L_level.layers.0.mlp_t.gate_up_proj.weight' has shape {list(w.shape)}")
        out["state_len"] = int(w.shape[1])
    return out


def trm_config(arch: dict, seq_len: int, vocab_size: int, num_puzzle_ids: int) -> TrmConfig:
    check_arch(arch)
    p = puzzle_emb_len(arch)
    mlp_t = bool(arch.get("mlp_t"))
    return TrmConfig(
        vocab_size=vocab_size, seq_len=seq_len, hidden_size=_int(arch, "hidden_size"),
        num_heads=_int(arch, "num_heads"), expansion=float(arch["expansion"]),
        num_layers=_int(arch, "L_layers"), L_cycles=_int(arch, "L_cycles"), H_cycles=_int(arch, "H_cycles"),
        max_steps=_int(arch, "halt_max_steps"), puzzle_emb_len=p, num_puzzle_ids=num_puzzle_ids,
        variant="mlp_t" if mlp_t else "attention",
        pos_encodings="none" if mlp_t else arch["pos_encodings"],
        rope_theta=float(arch.get("rope_theta", 10000.0)), rms_eps=float(arch.get("rms_norm_eps", 1e-5)),
        halt_readout="first")   # the official q_head reads z_H[:, 0], with or without a prefix


def build_trm(state: dict, arch: dict, seq_len: int) -> tuple[TRM, dict]:
    """The reference TRM holding the checkpoint's weights (fp32). Returns (trm, dtypes seen)."""
    has_attn = any(".self_attn." in k for k in state)
    has_mlpt = any(".mlp_t." in k for k in state)
    if arch.get("mlp_t") and has_attn and not has_mlpt:
        raise ImportFailure("arch.mlp_t is True, but the checkpoint holds self-attention blocks "
                            "(keys 'L_level.layers.i.self_attn.*'): set arch.mlp_t=False")
    if not arch.get("mlp_t") and has_mlpt and not has_attn:
        raise ImportFailure("arch.mlp_t is False, but the checkpoint holds MLP-mixer blocks "
                            "(keys 'L_level.layers.i.mlp_t.*'): set arch.mlp_t=True")
    shapes = infer_shapes(state, arch)
    if shapes["num_layers"] != _int(arch, "L_layers"):
        raise ImportFailure(f"checkpoint has {shapes['num_layers']} blocks (keys 'L_level.layers.i.*'), "
                            f"arch.L_layers is {arch['L_layers']}")
    cfg = trm_config(arch, seq_len, shapes["vocab_size"], shapes["num_puzzle_ids"])
    if "state_len" in shapes and shapes["state_len"] != cfg.state_len:
        raise ImportFailure(f"key 'L_level.layers.0.mlp_t.gate_up_proj.weight' mixes {shapes['state_len']} "
                            f"positions, but seq_len {seq_len} + puzzle_emb_len {cfg.puzzle_emb_len} = {cfg.state_len}")
    trm = TRM(cfg)
    target = trm.state_dict()
    used, missing, dtypes = set(), [], {}
    for ours, t in target.items():
        if ours.startswith("rotary."):
            continue     # rebuilt (non-persistent in the official model)
        if ours == "puzzle_emb" and cfg.puzzle_emb_len == 0:
            continue     # no puzzle embedding (puzzle_emb_ndim 0)
        key = official_key(ours)
        if key not in state:
            missing.append(key)
            continue
        src = state[key]
        if tuple(src.shape) != tuple(t.shape):
            raise ImportFailure(f"key '{key}' has shape {list(src.shape)}, expected {list(t.shape)} for this arch "
                                f"config (hidden_size {cfg.hidden_size}, expansion {cfg.expansion}, "
                                f"state length {cfg.state_len})")
        if not src.is_floating_point():
            raise ImportFailure(f"key '{key}' has dtype {src.dtype}: expected floating point")
        dtypes[str(src.dtype).replace("torch.", "")] = dtypes.get(str(src.dtype).replace("torch.", ""), 0) + 1
        t.copy_(src.to(torch.float32))
        used.add(key)
    if missing:
        raise ImportFailure(f"checkpoint is missing key(s) {', '.join(repr(k) for k in missing)}")
    extra = sorted(k for k in state if k not in used and k not in IGNORABLE)
    if extra:
        hint = next((h for p, h in HINTS.items() if extra[0].startswith(p)), None)
        raise ImportFailure(f"checkpoint has unexpected key(s) {', '.join(repr(k) for k in extra[:5])}"
                            f"{' ...' if len(extra) > 5 else ''}: "
                            f"{hint or 'not part of the official TRM with this arch config (check arch.mlp_t / L_layers)'}")
    trm.load_state_dict(target)
    return trm.eval(), dtypes


# -- the other direction (tests, fixtures) ----------------------------------------------------
def to_official_state_dict(trm: TRM, prefix: str = "_orig_mod.model.inner.",
                           init_dtype=torch.bfloat16, weight_dtype=torch.float32) -> dict:
    """The state dict the official trainer would save for this model."""
    out = {}
    for ours, t in trm.state_dict().items():
        if ours.startswith("rotary.") or (ours == "puzzle_emb" and trm.cfg.puzzle_emb_len == 0):
            continue
        dtype = init_dtype if ours in ("H_init", "L_init") else weight_dtype
        out[prefix + official_key(ours)] = t.detach().to(dtype).clone()
    return out


def arch_config(cfg: TrmConfig) -> dict:
    """The official arch block that describes this reference config."""
    return {**ARCH_DEFAULTS, "hidden_size": cfg.hidden_size, "num_heads": cfg.num_heads, "expansion": cfg.expansion,
            "L_layers": cfg.num_layers, "H_cycles": cfg.H_cycles, "L_cycles": cfg.L_cycles,
            "halt_max_steps": cfg.max_steps, "puzzle_emb_ndim": cfg.hidden_size if cfg.puzzle_emb_len else 0,
            "puzzle_emb_len": cfg.puzzle_emb_len, "mlp_t": cfg.variant == "mlp_t",
            "pos_encodings": "none" if cfg.variant == "mlp_t" else cfg.pos_encodings,
            "rope_theta": cfg.rope_theta, "rms_norm_eps": cfg.rms_eps,
            "loss": {"name": "losses@ACTLossHead", "loss_type": "stablemax_cross_entropy"}}


def with_official_init(trm: TRM) -> TRM:
    """Round H_init/L_init to bf16 in place, as the official checkpoint stores them."""
    with torch.no_grad():
        for b in (trm.H_init, trm.L_init):
            b.copy_(b.to(torch.bfloat16).to(torch.float32))
    return trm
