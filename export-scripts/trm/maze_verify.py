"""The maze head's verifier on token batches (torch), for training and Python-side evaluation.

A prediction is decoded as the Java head does: an open cell of the input is on the path when its
predicted token is `o`; walls, S and G are kept. It is a verified shortest path when the marked
cells with S and G form one simple 4-neighbour path from S to G as long as the shortest path: S
and G have exactly one neighbour in that set, every marked cell exactly two, and there are
exactly (shortest moves - 1) marked cells (degrees <= 2 make components paths or cycles; the one
through S ends at G and is at least that long, so with that count it holds every marked cell).
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

from .maze import GOAL, OPEN, PATH, START

_CROSS = torch.tensor([[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]).view(1, 1, 3, 3)


def marked(pred: torch.Tensor, inputs: torch.Tensor) -> torch.Tensor:
    """[B, L] bool: the open cells the decoder marks as path."""
    return (inputs == OPEN) & (pred == PATH)


def verified(pred: torch.Tensor, inputs: torch.Tensor, moves: torch.Tensor, side: int) -> torch.Tensor:
    """[B] bool. pred, inputs: [B, side*side] tokens; moves: [B] shortest S-to-G moves."""
    b = inputs.shape[0]
    mark = marked(pred, inputs)
    ends = (inputs == START) | (inputs == GOAL)
    on = (mark | ends).float().view(b, 1, side, side)
    degree = F.conv2d(on, _CROSS.to(on.device), padding=1).view(b, -1).round().long()
    ok_marks = torch.where(mark, degree == 2, torch.ones_like(mark)).all(1)
    ok_ends = torch.where(ends, degree == 1, torch.ones_like(ends)).all(1)
    count = mark.sum(1) == (moves.to(mark.device) - 1)
    return ok_marks & ok_ends & count


def exact(pred: torch.Tensor, inputs: torch.Tensor, answers: torch.Tensor) -> torch.Tensor:
    """[B] bool: the decoded path equals the stored one (one of possibly several shortest paths)."""
    return (marked(pred, inputs) == (answers == PATH)).all(1)


def moves_of(answers: torch.Tensor) -> torch.Tensor:
    """Shortest moves from a labelled answer: its path cells plus one."""
    return (answers == PATH).sum(1) + 1
