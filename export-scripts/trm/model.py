"""Reference Tiny Recursive Model (TRM), faithful to SamsungSAILMontreal/TinyRecursiveModels
(models/recursive_reasoning/trm.py), written out so it runs and exports on torch 1.13 (no
scaled_dot_product_attention, no torch.compile).

One supervision step ("the cell", exported to ONNX):
    repeat T times { repeat n times { z = net(z + y + x) }; y = net(y + z) }
    logits = lm_head(y)[:, P:]      q_halt = q_head(y[:, 0])[..., 0]   (this project's prefix-less: y.mean(1))
The official code calls y `z_H`, z `z_L`, T `H_cycles`, n `L_cycles`.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, asdict

import torch
import torch.nn.functional as F
from torch import nn


# How the cell is exported (the trained function is the same either way; see rms_norm and
# SwiGLU.forward): module flags so a benchmark can export the older graph for comparison.
EXPORT_FUSABLE_RMSNORM = True
EXPORT_SWIGLU_TWO_MATMULS = True

# Variants that see the sequence as a row-major grid (grid_width columns) and have no prefix.
GRID_VARIANTS = ("conv", "mlp_cols")


@dataclass
class TrmConfig:
    vocab_size: int
    seq_len: int
    hidden_size: int = 512
    num_heads: int = 8
    expansion: float = 4.0
    num_layers: int = 2
    L_cycles: int = 6          # n
    H_cycles: int = 3          # T
    max_steps: int = 16        # supervision steps (official halt_max_steps)
    puzzle_emb_len: int = 16   # prefix positions; row 0 holds the puzzle embedding
    num_puzzle_ids: int = 1    # conv (no prefix): with more than one id, the row is added to every position
    variant: str = "mlp_t"     # "mlp_t" (MLP-mixer over the sequence), "mlp_cols", "attention" or "conv"
    grid_width: int = 0        # conv, mlp_cols: the sequence is a row-major grid of this width
    pos_encodings: str = "rope"  # attention only: "rope" or "none" (official arch.pos_encodings)
    rope_theta: float = 10000.0
    rms_eps: float = 1e-5
    halt_readout: str = ""     # q_head reads y[:, 0] ("first") or y.mean(1) ("mean"; "" = mean iff no prefix)

    def __post_init__(self):
        self.halt_readout = self.halt_readout or ("mean" if self.puzzle_emb_len == 0 else "first")
        if self.halt_readout not in ("first", "mean"):
            raise ValueError(f"halt_readout {self.halt_readout!r}: use 'first' or 'mean'")
        if self.variant in GRID_VARIANTS:
            if self.puzzle_emb_len != 0:
                raise ValueError(f"variant {self.variant!r} has no puzzle prefix: set puzzle_emb_len 0")
            if self.grid_width <= 0 or self.seq_len % self.grid_width:
                raise ValueError(f"variant {self.variant!r} needs grid_width dividing seq_len {self.seq_len}, "
                                 f"got {self.grid_width}")

    @property
    def state_len(self) -> int:
        return self.seq_len + self.puzzle_emb_len

    def to_dict(self) -> dict:
        return asdict(self)


def _find_multiple(a: int, b: int) -> int:
    return (-(a // -b)) * b


def swiglu_inter(width: int, expansion: float, multiple: int = 256) -> int:
    return _find_multiple(round(expansion * width * 2 / 3), multiple)


def rms_norm(x: torch.Tensor, eps: float) -> torch.Tensor:
    # Weightless RMSNorm, computed in fp32 as the official code does.
    if EXPORT_FUSABLE_RMSNORM and torch.onnx.is_in_onnx_export():
        # The same norm in the shape ONNX Runtime fuses into one SimplifiedLayerNormalization
        # kernel (Pow, ReduceMean, Add, Sqrt, Div, Mul by a 1-D scale); x * rsqrt(..) stays five
        # elementwise passes. The scale of ones changes nothing; x / sqrt differs from
        # x * rsqrt by float rounding only.
        with warnings.catch_warnings():  # the normalized axis has a fixed size: a constant is right
            warnings.simplefilter("ignore", torch.jit.TracerWarning)
            scale = torch.ones(int(x.shape[-1]), dtype=x.dtype)
        return x / torch.sqrt(x.pow(2).mean(-1, keepdim=True) + eps) * scale
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps)


def trunc_normal_(t: torch.Tensor, std: float) -> torch.Tensor:
    with torch.no_grad():
        return nn.init.trunc_normal_(t, mean=0.0, std=std, a=-2 * std, b=2 * std)


class Linear(nn.Module):
    """Official CastedLinear: truncated-normal init with std 1/sqrt(fan_in), no bias by default."""

    def __init__(self, fan_in: int, fan_out: int, bias: bool = False):
        super().__init__()
        self.weight = nn.Parameter(trunc_normal_(torch.empty(fan_out, fan_in), 1.0 / math.sqrt(fan_in)))
        self.bias = nn.Parameter(torch.zeros(fan_out)) if bias else None

    def forward(self, x):
        return F.linear(x, self.weight, self.bias)


class SwiGLU(nn.Module):
    def __init__(self, width: int, expansion: float, multiple: int = 256):
        super().__init__()
        inter = swiglu_inter(width, expansion, multiple)
        self.gate_up_proj = Linear(width, inter * 2)
        self.down_proj = Linear(inter, width)

    def forward(self, x):
        if EXPORT_SWIGLU_TWO_MATMULS and torch.onnx.is_in_onnx_export():
            # Two products over the two halves of the same weight rows: the exported split of one
            # product copied both halves out again (Slice: 9-14% of a paper-size cell's kernel time).
            inter = self.down_proj.weight.shape[1]
            w = self.gate_up_proj.weight
            gate, up = F.linear(x, w[:inter]), F.linear(x, w[inter:])
        else:
            gate, up = self.gate_up_proj(x).chunk(2, dim=-1)
        return self.down_proj(F.silu(gate) * up)


class Rotary(nn.Module):
    def __init__(self, head_dim: int, positions: int, theta: float):
        super().__init__()
        inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
        freqs = torch.outer(torch.arange(positions, dtype=torch.float32), inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1)
        # Persistent buffers: torch 1.13's exporter inlines non-persistent buffers at every use,
        # which would store cos/sin once per attention call and double the file.
        self.register_buffer("cos", emb.cos(), persistent=True)
        self.register_buffer("sin", emb.sin(), persistent=True)


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


class Attention(nn.Module):
    """Non-causal multi-head self-attention with RoPE over all S positions (prefix included)."""

    def __init__(self, hidden: int, heads: int):
        super().__init__()
        self.heads = heads
        self.head_dim = hidden // heads
        self.qkv_proj = Linear(hidden, 3 * hidden)
        self.o_proj = Linear(hidden, hidden)

    def forward(self, x, cos, sin):
        b, s, d = x.shape
        qkv = self.qkv_proj(x).view(b, s, 3, self.heads, self.head_dim)
        q, k, v = qkv[:, :, 0], qkv[:, :, 1], qkv[:, :, 2]          # [B, S, H, Hd]
        if cos is not None:  # pos_encodings "none": no rotation
            q = q * cos.unsqueeze(-2) + rotate_half(q) * sin.unsqueeze(-2)
            k = k * cos.unsqueeze(-2) + rotate_half(k) * sin.unsqueeze(-2)
        q, k, v = q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)  # [B, H, S, Hd]
        scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(self.head_dim))
        out = torch.matmul(torch.softmax(scores, dim=-1), v)
        return self.o_proj(out.transpose(1, 2).reshape(b, s, d))


class GridConv(nn.Module):
    """Token mixing by a 3x3 convolution over the sequence laid out as a grid (zero padding at the
    border). Local mixing suits grid tasks whose rule is local (a maze's path grows cell by cell);
    the weights do not depend on the grid size, so a cell can be exported for a larger canvas."""

    def __init__(self, hidden: int, grid_width: int):
        super().__init__()
        self.grid_width = grid_width
        self.weight = nn.Parameter(trunc_normal_(torch.empty(hidden, hidden, 3, 3), 1.0 / math.sqrt(9 * hidden)))

    def forward(self, x):
        b, s, d = x.shape
        w = self.grid_width
        g = x.transpose(1, 2).reshape(b, d, s // w, w)
        return F.conv2d(g, self.weight, padding=1).reshape(b, d, s).transpose(1, 2)


class Block(nn.Module):
    def __init__(self, cfg: TrmConfig):
        super().__init__()
        self.cfg = cfg
        if cfg.variant == "mlp_t":
            self.mlp_t = SwiGLU(cfg.state_len, cfg.expansion)
        elif cfg.variant == "attention":
            self.self_attn = Attention(cfg.hidden_size, cfg.num_heads)
        elif cfg.variant == "mlp_cols":
            # One mixer for every column: a column's rule is learned once from all columns' data.
            self.mlp_t = SwiGLU(cfg.seq_len // cfg.grid_width, cfg.expansion, 16)
        elif cfg.variant == "conv":
            self.conv = GridConv(cfg.hidden_size, cfg.grid_width)
        else:
            raise ValueError(f"unknown variant {cfg.variant!r}: use 'mlp_t', 'mlp_cols', 'attention' or 'conv'")
        # The official rounding to multiples of 256 would make a small conv model's MLP several
        # times wider than asked for (and dominate its CPU time); conv rounds to 32.
        self.mlp = SwiGLU(cfg.hidden_size, cfg.expansion, 32 if cfg.variant == "conv" else 256)

    def forward(self, h, cos=None, sin=None):
        eps = self.cfg.rms_eps
        if self.cfg.variant == "mlp_t":
            t = h.transpose(1, 2)                       # [B, D, S]: mix along the sequence
            t = rms_norm(t + self.mlp_t(t), eps)        # the norm runs over the sequence axis here
            h = t.transpose(1, 2)
        elif self.cfg.variant == "mlp_cols":
            b, s, d = h.shape
            w = self.cfg.grid_width
            t = h.reshape(b, s // w, w, d).permute(0, 2, 3, 1)   # [B, W, D, rows]: mix down each column
            t = rms_norm(t + self.mlp_t(t), eps)
            h = t.permute(0, 3, 1, 2).reshape(b, s, d)
        elif self.cfg.variant == "conv":
            h = rms_norm(h + self.conv(h), eps)
        else:
            h = rms_norm(h + self.self_attn(h, cos, sin), eps)
        return rms_norm(h + self.mlp(h), eps)


class ReasoningModule(nn.Module):
    """Official L_level: add the injection, then apply the blocks (post-norm)."""

    def __init__(self, cfg: TrmConfig):
        super().__init__()
        self.layers = nn.ModuleList([Block(cfg) for _ in range(cfg.num_layers)])

    def forward(self, hidden, injection, cos=None, sin=None):
        h = hidden + injection
        for layer in self.layers:
            h = layer(h, cos, sin)
        return h


class TRM(nn.Module):
    def __init__(self, cfg: TrmConfig):
        super().__init__()
        self.cfg = cfg
        d = cfg.hidden_size
        self.embed_scale = math.sqrt(d)
        self.embed_tokens = nn.Parameter(trunc_normal_(torch.empty(cfg.vocab_size, d), 1.0 / self.embed_scale))
        # Official puzzle embeddings are zero-initialised (sparse embedding, ndim = D).
        self.puzzle_emb = nn.Parameter(torch.zeros(cfg.num_puzzle_ids, d))
        self.lm_head = Linear(d, cfg.vocab_size)
        self.q_head = Linear(d, 2, bias=True)
        with torch.no_grad():  # official: q_head starts at "don't halt" (weight 0, bias -5)
            self.q_head.weight.zero_()
            self.q_head.bias.fill_(-5.0)
        self.L_level = ReasoningModule(cfg)
        if cfg.pos_encodings not in ("rope", "none"):
            raise ValueError(f"unknown pos_encodings {cfg.pos_encodings!r}: use 'rope' or 'none'")
        if cfg.variant == "attention" and cfg.pos_encodings == "rope":
            self.rotary = Rotary(d // cfg.num_heads, cfg.state_len, cfg.rope_theta)
        self.register_buffer("H_init", trunc_normal_(torch.empty(d), 1.0), persistent=True)
        self.register_buffer("L_init", trunc_normal_(torch.empty(d), 1.0), persistent=True)

    # -- pieces -------------------------------------------------------------------------------
    def input_embeddings(self, tokens, puzzle_ids):
        """puzzle_ids: int64 [B] ids into puzzle_emb, or float [B, D] rows already looked up (a
        table kept outside the cell graph). With puzzle_emb_len 0 there is no prefix at all."""
        b = tokens.shape[0]
        tok = F.embedding(tokens, self.embed_tokens)                    # [B, L, D]
        if self.cfg.puzzle_emb_len == 0:
            if self.cfg.num_puzzle_ids <= 1:
                return self.embed_scale * tok
            # No prefix to hold it (conv): the puzzle's row joins every position's input.
            rows = puzzle_ids if puzzle_ids.is_floating_point() else F.embedding(puzzle_ids, self.puzzle_emb)
            return self.embed_scale * (tok + rows.unsqueeze(1))
        rows = puzzle_ids if puzzle_ids.is_floating_point() else F.embedding(puzzle_ids, self.puzzle_emb)
        pe = rows.unsqueeze(1)                                          # [B, 1, D]
        pad = tok.new_zeros(b, self.cfg.puzzle_emb_len - 1, self.cfg.hidden_size)
        return self.embed_scale * torch.cat((pe, pad, tok), dim=1)       # [B, S, D]

    def initial_state(self, batch: int):
        s, d = self.cfg.state_len, self.cfg.hidden_size
        return self.H_init.view(1, 1, d).expand(batch, s, d).clone(), self.L_init.view(1, 1, d).expand(batch, s, d).clone()

    def _rope(self):
        if hasattr(self, "rotary"):
            return self.rotary.cos, self.rotary.sin
        return None, None

    def _cycle(self, x, y, z, cos, sin):
        for _ in range(self.cfg.L_cycles):
            z = self.L_level(z, y + x, cos, sin)
        y = self.L_level(y, z, cos, sin)
        return y, z

    def step(self, tokens, y, z, puzzle_ids, grad_last_cycle_only: bool = True):
        """One supervision step. Returns (y, z, logits [B,L,V], q_halt [B], q_continue [B]).
        puzzle_ids: ids, or looked-up rows (see input_embeddings).

        As in the official training, only the last of the T cycles carries gradients."""
        x = self.input_embeddings(tokens, puzzle_ids)
        cos, sin = self._rope()
        if grad_last_cycle_only and torch.is_grad_enabled():
            with torch.no_grad():
                for _ in range(self.cfg.H_cycles - 1):
                    y, z = self._cycle(x, y, z, cos, sin)
            y, z = self._cycle(x, y, z, cos, sin)
        else:
            for _ in range(self.cfg.H_cycles):
                y, z = self._cycle(x, y, z, cos, sin)
        logits = self.lm_head(y)[:, self.cfg.puzzle_emb_len:]
        q = self.q_head(y.mean(1) if self.cfg.halt_readout == "mean" else y[:, 0])
        return y, z, logits, q[..., 0], q[..., 1]

    def num_params(self) -> int:
        return sum(p.numel() for p in self.parameters())


class CellWrapper(nn.Module):
    """The exported ONNX cell: (tokens, y, z, puzzle_ids) -> (y_out, z_out, logits, q_halt)."""

    def __init__(self, trm: TRM):
        super().__init__()
        self.trm = trm

    def forward(self, tokens, y, z, puzzle_ids):
        y, z, logits, q_halt, _ = self.trm.step(tokens, y, z, puzzle_ids, grad_last_cycle_only=False)
        return y, z, logits, q_halt
