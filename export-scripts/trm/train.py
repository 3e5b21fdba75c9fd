"""Deep-supervision training of a TRM on CPU, as in the official pretrain loop:

- a carry of B slots, each holding a puzzle and its (y, z) state; every iteration runs ONE
  supervision step for all slots, takes one optimizer step, and replaces the slots that halted
  (max steps reached, or q_halt > 0 with exploration) by fresh puzzles with the initial state;
- only the last of the T cycles carries gradients; the state is detached between steps;
- loss = per-puzzle mean token cross-entropy + 0.5 * BCE(q_halt, "prediction fully correct");
- AdamW with warmup, an EMA of the weights (exported), resumable checkpoints, periodic held-out
  evaluation logged as JSON lines (the learning curve).
"""
from __future__ import annotations

import contextlib
import copy
import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F

from .model import TRM, TrmConfig


@dataclass
class TrainConfig:
    batch: int = 32
    lr: float = 1e-3
    warmup: int = 300
    weight_decay: float = 0.1
    ema: float = 0.999
    minutes: float = 120.0
    eval_every_min: float = 10.0
    halt_exploration: float = 0.1
    q_loss_weight: float = 0.5
    seed: int = 0
    device: str = "cpu"
    amp: bool = False                   # bf16 autocast (CUDA); master weights stay fp32
    wall_minutes: float | None = None   # also stop after this much wall time of this process
    puzzle_emb_lr: float | None = None  # the puzzle-embedding table's own lr (official: 1e-2); None = lr
    anneal_minutes: float = 0.0         # lr falls linearly to 0 over the last this-many loop minutes of `minutes`


class Task:
    """What the trainer needs from a task: training batches and a held-out set (token tensors),
    each (inputs, labels) or (inputs, labels, puzzle ids) for a model with puzzle embeddings."""

    def sample(self, n: int) -> tuple[torch.Tensor, ...]:
        raise NotImplementedError

    def heldout(self) -> tuple[torch.Tensor, ...]:
        raise NotImplementedError

    def exact(self, pred: torch.Tensor, labels: torch.Tensor, inputs: torch.Tensor) -> torch.Tensor:
        """Per-row bool: the prediction is a correct answer."""
        return (pred == labels).all(dim=1)

    def relabel(self, logits: torch.Tensor, labels: torch.Tensor, inputs: torch.Tensor) -> torch.Tensor:
        """The targets of this supervision step given the model's logits: the stored labels, unless
        the task accepts several answers (a maze's shortest paths) and picks the one nearest."""
        return labels

    def loss_weights(self, labels: torch.Tensor, inputs: torch.Tensor) -> torch.Tensor | None:
        """Per-token weights of the cross-entropy ([B, L] float), or None for all tokens alike."""
        return None


def autocast(device: str, enabled: bool):
    """bf16 autocast on CUDA when asked; a no-op context otherwise."""
    if enabled and device.startswith("cuda"):
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def with_ids(t: tuple) -> tuple:
    """(inputs, labels[, puzzle ids]) -> (inputs, labels, ids), ids 0 when the task has none."""
    return t if len(t) == 3 else (t[0], t[1], torch.zeros(t[0].shape[0], dtype=torch.long))


@torch.no_grad()
def rollout(model: TRM, x: torch.Tensor, steps: int, keep=(), device: str = "cpu", amp: bool = False,
            ids: torch.Tensor | None = None):
    """Runs `steps` supervision steps on token rows x (on `device`). Returns the predictions after
    each step in `keep` ({step: [B, L]}), the prediction where each row's q_halt first turned
    positive (ACT; the last step's when it never did) and that step per row."""
    p = torch.zeros(x.shape[0], dtype=torch.long, device=device) if ids is None else ids.to(device)
    y, z = model.initial_state(x.shape[0])
    first_halt = torch.full((x.shape[0],), -1, dtype=torch.long, device=device)
    halt_pred = torch.zeros_like(x)
    kept = {}
    for s in range(1, steps + 1):
        with autocast(device, amp):
            y, z, logits, q_halt, _ = model.step(x, y, z, p, grad_last_cycle_only=False)
        pred = logits.float().argmax(-1)
        newly = (first_halt < 0) & ((q_halt.float() > 0) | (s == steps))
        first_halt[newly] = s
        halt_pred[newly] = pred[newly]
        if s in keep:
            kept[s] = pred
    return kept, halt_pred, first_halt


@torch.no_grad()
def evaluate(model: TRM, task: Task, steps_list=(1, 2, 4, 8, 16), batch: int = 250,
             device: str = "cpu", amp: bool = False) -> dict:
    model.eval()
    inputs, labels, ids = with_ids(task.heldout())
    last = max(steps_list)
    correct = {s: 0 for s in steps_list}
    cell_acc, halted_correct, halt_steps = 0.0, 0, 0.0
    for i in range(0, inputs.shape[0], batch):
        x, lab = inputs[i:i + batch].to(device), labels[i:i + batch].to(device)
        preds, halt_pred, first_halt = rollout(model, x, last, steps_list, device, amp, ids[i:i + batch])
        for s in steps_list:
            correct[s] += int(task.exact(preds[s], lab, x).sum())
        cell_acc += float((preds[last] == lab).float().mean(1).sum())
        halted_correct += int(task.exact(halt_pred, lab, x).sum())
        halt_steps += float(first_halt.float().sum())
    n = inputs.shape[0]
    model.train()
    return {"n": n, **{f"exact@{s}": correct[s] / n for s in steps_list}, "cell_acc@16": cell_acc / n,
            "act_exact": halted_correct / n, "act_mean_steps": halt_steps / n}


class Trainer:
    def __init__(self, model_cfg: TrmConfig, train_cfg: TrainConfig, task: Task, run_dir: Path):
        self.mc, self.tc, self.task, self.run_dir = model_cfg, train_cfg, task, run_dir
        run_dir.mkdir(parents=True, exist_ok=True)
        torch.manual_seed(train_cfg.seed)
        self.dev = torch.device(train_cfg.device)
        if self.dev.type == "cuda":
            torch.backends.cuda.matmul.allow_tf32 = True
            torch.backends.cudnn.allow_tf32 = True
        self.model = TRM(model_cfg).to(self.dev)
        self.ema = copy.deepcopy(self.model).eval()
        groups = [{"params": list(self.model.parameters()), "lr_scale": 1.0}]
        if train_cfg.puzzle_emb_lr:  # each row learns only from its own puzzle: a higher lr, as official
            emb = self.model.puzzle_emb
            groups = [{"params": [p for p in self.model.parameters() if p is not emb], "lr_scale": 1.0},
                      {"params": [emb], "lr_scale": train_cfg.puzzle_emb_lr / train_cfg.lr}]
        self.opt = torch.optim.AdamW(groups, lr=train_cfg.lr, betas=(0.9, 0.95), weight_decay=train_cfg.weight_decay)
        self.step_count, self.elapsed, self.samples = 0, 0.0, 0
        self.ckpt = run_dir / "ckpt.pt"
        if self.ckpt.exists():
            self._load()

    # -- checkpoints -------------------------------------------------------------------------
    def _save(self):
        tmp = self.ckpt.with_suffix(".tmp")
        torch.save({"model": self.model.state_dict(), "ema": self.ema.state_dict(), "opt": self.opt.state_dict(),
                    "step": self.step_count, "elapsed": self.elapsed, "samples": self.samples,
                    "model_cfg": self.mc.to_dict(), "train_cfg": self.tc.__dict__,
                    "rng": torch.get_rng_state()}, tmp)
        tmp.replace(self.ckpt)

    def _load(self):
        # On the CPU first: the RNG state must stay a CPU tensor; load_state_dict moves the rest.
        ck = torch.load(self.ckpt, map_location="cpu", weights_only=False)
        self.model.load_state_dict(ck["model"]); self.ema.load_state_dict(ck["ema"])
        self.opt.load_state_dict(ck["opt"]); torch.set_rng_state(ck["rng"])
        self.step_count, self.elapsed, self.samples = ck["step"], ck["elapsed"], ck["samples"]
        self.log({"event": "resumed", "step": self.step_count, "elapsed_min": self.elapsed / 60})

    def log(self, rec: dict):
        line = json.dumps(rec)
        print(line, flush=True)
        with open(self.run_dir / "metrics.jsonl", "a") as f:
            f.write(line + "\n")

    # -- the loop ----------------------------------------------------------------------------
    def _lr(self) -> float:
        lr = self.tc.lr * min(1.0, (self.step_count + 1) / self.tc.warmup)
        if self.tc.anneal_minutes > 0:  # a falling lr settles the weights at the end of a budget
            left = self.tc.minutes * 60 - self.elapsed
            lr *= min(1.0, max(0.0, left) / (self.tc.anneal_minutes * 60))
        return lr

    @torch.no_grad()
    def _ema_update(self):
        d = self.tc.ema
        for pe, p in zip(self.ema.parameters(), self.model.parameters()):
            pe.mul_(d).add_(p.detach(), alpha=1 - d)

    def run(self):
        tc, mc, model = self.tc, self.mc, self.model
        b, dev = tc.batch, self.dev
        tokens = torch.zeros(b, mc.seq_len, dtype=torch.long, device=dev)
        labels = torch.zeros(b, mc.seq_len, dtype=torch.long, device=dev)
        y, z = model.initial_state(b)
        steps = torch.zeros(b, dtype=torch.long, device=dev)
        halted = torch.ones(b, dtype=torch.bool, device=dev)
        pids = torch.zeros(b, dtype=torch.long, device=dev)
        self.log({"event": "start", "device": str(dev), "amp": tc.amp, "batch": b, "step": self.step_count,
                  "params": model.num_params()})
        budget = tc.minutes * 60
        wall_end = time.time() + tc.wall_minutes * 60 if tc.wall_minutes else float("inf")
        last_eval = self.elapsed
        t_last, window_loss, window_n = time.time(), 0.0, 0
        while self.elapsed < budget and time.time() < wall_end:
            t0 = time.time()
            if halted.any():
                idx = halted.nonzero().squeeze(1)
                x_new, l_new, p_new = with_ids(self.task.sample(len(idx)))
                tokens[idx], labels[idx], pids[idx] = x_new.to(dev), l_new.to(dev), p_new.to(dev)
                y0, z0 = model.initial_state(len(idx))
                y, z = y.clone(), z.clone()
                y[idx], z[idx] = y0.detach(), z0.detach()
                steps[idx] = 0
                self.samples += len(idx)
            with autocast(tc.device, tc.amp):
                y, z, logits, q_halt, _ = model.step(tokens, y, z, pids)
            y, z = y.detach().float(), z.detach().float()
            logits, q_halt = logits.float(), q_halt.float()
            steps += 1
            labels = self.task.relabel(logits.detach(), labels, tokens)
            ce = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), reduction="none")
            w = self.task.loss_weights(labels, tokens)
            if w is None:
                lm_loss = ce.view(b, -1).mean(1).mean()
            else:
                lm_loss = ((ce.view(b, -1) * w).sum(1) / w.sum(1).clamp_min(1.0)).mean()
            with torch.no_grad():
                correct = self.task.exact(logits.argmax(-1), labels, tokens)
            q_loss = F.binary_cross_entropy_with_logits(q_halt, correct.float())
            loss = lm_loss + tc.q_loss_weight * q_loss
            for g in self.opt.param_groups:
                g["lr"] = self._lr() * g.get("lr_scale", 1.0)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            self._ema_update()
            with torch.no_grad():
                halted = steps >= mc.max_steps
                explore = torch.rand(b, device=dev) < tc.halt_exploration
                min_steps = torch.where(explore, torch.randint(2, mc.max_steps + 1, (b,), device=dev),
                                        torch.zeros_like(steps))
                halted |= (q_halt > 0) & (steps >= min_steps)
            self.step_count += 1
            self.elapsed += time.time() - t0
            window_loss += float(lm_loss.detach()); window_n += 1
            if self.step_count % 200 == 0:
                now = time.time()
                self.log({"step": self.step_count, "elapsed_min": round(self.elapsed / 60, 2), "lm_loss": round(window_loss / window_n, 4),
                          "q_loss": round(float(q_loss), 4), "train_exact": round(float(correct.float().mean()), 3),
                          "samples": self.samples, "sample_steps_per_s": round(200 * b / (now - t_last), 1)})
                t_last, window_loss, window_n = now, 0.0, 0
            done = self.elapsed >= budget or time.time() >= wall_end
            if self.elapsed - last_eval >= tc.eval_every_min * 60 or done:
                last_eval = self.elapsed
                self._save()
                self.log({"eval": evaluate(self.ema, self.task, device=tc.device, amp=tc.amp), "step": self.step_count,
                          "elapsed_min": round(self.elapsed / 60, 2), "samples": self.samples})
                t_last = time.time()
        self._save()
