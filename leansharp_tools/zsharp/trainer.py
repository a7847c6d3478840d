"""ZSharp's trainer loop as upstream's code runs it, and the two loops that fix it.

Part of :mod:`leansharp_tools.zsharp`. Upstream (bangyen/zsharp) trains with
``src/trainer.py``'s ``_run_train_step``, ZSharp branch, which never calls ``zero_grad``:

1. ``loss.backward()`` *adds* ∇L(w) to what ``p.grad`` already holds;
2. ``clip_grad_norm_(params, 1.0)`` clips that sum (coef = min(1, c/(‖·‖ + 1e-6)));
3. ``ZSharp.first_step`` writes the masked gradient back (``p.grad = p.grad * mask``), then
   perturbs w by ε = ρ·f/(‖f‖ + 1e-12) (``SAM.first_step``);
4. the second ``backward()`` adds ∇L(w + ε) to the masked gradient;
5. ``second_step`` restores w (``p.sub_(e)``) and calls torch SGD (lr, momentum,
   weight decay) on that sum, which stays in ``p.grad`` for the next iteration.

So with d₋₁ = 0, at iteration t (the *source* of the first gradient p_t selects the loop):

* as written (:data:`GradSource.AS_WRITTEN`): p_t = d_{t−1} + ∇L(w_t);
* ``zero_grad`` at the top of each iteration (:data:`GradSource.ZERO_GRAD`): p_t = ∇L(w_t);
* the closure use (:data:`GradSource.CLOSURE`): p_t = ∇L(w_t), and the closure zeroes the
  gradient before the second backward, so d_t = ∇L(w_t + ε_t) alone;

then f_t = clip(p_t) ⊙ m(clip(p_t)) (ZSharp's network mask), ε_t = ρf_t/(‖f_t‖ + δ),
d_t = f_t + ∇L(w_t + ε_t) (d_t = ∇L(w_t + ε_t) for the closure), and torch SGD:
b_t = d_t + λw_t at t = 0, b_t = βb_{t−1} + d_t + λw_t after, w_{t+1} = w_t − ηb_t.

Floating-point order follows torch (w is restored as (w + ε) − ε), so
:func:`run_trainer` reproduces upstream's recorded trajectories
(``tests/fixtures/torch/``, made by ``tests/fixtures/torch/record_trainer.py``).
Coq: ``LeanSharp.Theory.Dynamics.Trainer.trainer_step`` (one definition, the source a parameter).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import List, Optional, Sequence

from numpy.typing import ArrayLike

from leansharp_tools.zsharp.core import DEFAULT_PERCENTILE, EPS_SAM, GradFn, Layers, _layers
from leansharp_tools.zsharp.sam import global_norm
from leansharp_tools.zsharp.train import (
    ZSHARP_CLIP,
    ZSHARP_LR,
    ZSHARP_MOMENTUM,
    ZSHARP_RHO,
    ZSHARP_WEIGHT_DECAY,
    clip_grad_norm,
    network_mask,
    sgd_momentum_step,
)

__all__ = [
    "GradSource", "TrainerConstants", "TrainerState", "StepParts", "step_parts", "trainer_step",
    "run_trainer", "run_trainer_states",
    "run_trainer_as_written", "run_trainer_zero_grad", "run_trainer_closure",
]


class GradSource(str, enum.Enum):
    """Where the first gradient p_t of an iteration comes from (see the module docstring)."""

    AS_WRITTEN = "as_written"
    ZERO_GRAD = "zero_grad"
    CLOSURE = "closure"


@dataclass(frozen=True)
class TrainerConstants:
    """The trainer's constants, ZSharp's by default (``clip=None``: no clipping)."""

    lr: float = ZSHARP_LR
    momentum: float = ZSHARP_MOMENTUM
    weight_decay: float = ZSHARP_WEIGHT_DECAY
    rho: float = ZSHARP_RHO
    delta: float = EPS_SAM
    clip: Optional[float] = ZSHARP_CLIP
    percentile: float = DEFAULT_PERCENTILE


@dataclass(frozen=True)
class TrainerState:
    """(w_t, b_{t−1}, d_{t−1}): weights, torch's momentum buffer (None before the first
    step) and what ``p.grad`` holds after the previous iteration (None at the start)."""

    w: Layers
    buf: Optional[Layers] = None
    grad: Optional[Layers] = None


@dataclass(frozen=True)
class StepParts:
    """The quantities of one iteration: p_t, the mask m_t of clip(p_t), f_t, ε_t, d_t, and
    the weights torch's SGD steps from ((w_t + ε_t) − ε_t in floating point)."""

    p: Layers
    mask: Layers
    f: Layers
    eps: Layers
    d: Layers
    w: Layers


def step_parts(state: TrainerState, grad_fn: GradFn, source: GradSource, k: TrainerConstants) -> StepParts:
    """p_t, m_t, f_t, ε_t, d_t of the iteration from ``state`` (module docstring).

    Coq: ``LeanSharp.Theory.Dynamics.Trainer.trainer_first_grad``, ``trainer_filtered``,
    ``trainer_eps``, ``trainer_grad``.
    """
    w = state.w
    g1 = _layers(grad_fn([x.copy() for x in w]))
    carried = state.grad if source is GradSource.AS_WRITTEN else None
    p = [d + g for d, g in zip(carried, g1)] if carried is not None else g1
    pre = clip_grad_norm(p, k.clip) if k.clip is not None else p
    mask = network_mask(pre, k.percentile)
    f = [x * m for x, m in zip(pre, mask)]
    scale = k.rho / (global_norm(f) + k.delta)
    e = [x * scale for x in f]
    w_pert = [x + ex for x, ex in zip(w, e)]
    g2 = _layers(grad_fn([x.copy() for x in w_pert]))
    d = g2 if source is GradSource.CLOSURE else [fx + gx for fx, gx in zip(f, g2)]
    return StepParts(p, mask, f, e, d, [x - ex for x, ex in zip(w_pert, e)])


def trainer_step(
    state: TrainerState, grad_fn: GradFn, source: GradSource, k: TrainerConstants
) -> TrainerState:
    """One iteration of the loop selected by ``source``, torch semantics (module docstring):
    b_t = d_t + λw_t on the first step (torch creates the buffer), else βb_{t−1} + d_t + λw_t;
    w_{t+1} = w_t − ηb_t.

    Coq: ``LeanSharp.Theory.Dynamics.Trainer.trainer_step``.
    """
    parts = step_parts(state, grad_fn, source, k)
    w, buf = sgd_momentum_step(parts.w, parts.d, state.buf, k.lr, k.momentum, k.weight_decay)
    return TrainerState(w, buf, parts.d)


def run_trainer_states(
    w0: Sequence[ArrayLike],
    grad_fn: GradFn,
    steps: int,
    source: GradSource | str = GradSource.AS_WRITTEN,
    **constants: float | None,
) -> List[TrainerState]:
    """The states s_0, …, s_T of the loop ``source`` (s_0 = (w_0, None, None));
    ``constants`` override :class:`TrainerConstants` (lr, momentum, weight_decay, rho,
    delta, clip, percentile)."""
    if steps < 0:
        raise ValueError(f"steps must be >= 0, not {steps}")
    k = TrainerConstants(**constants)  # type: ignore[arg-type]
    src = GradSource(source)
    states = [TrainerState(_layers(w0))]
    for _ in range(steps):
        states.append(trainer_step(states[-1], grad_fn, src, k))
    return states


def run_trainer(
    w0: Sequence[ArrayLike],
    grad_fn: GradFn,
    steps: int,
    source: GradSource | str = GradSource.AS_WRITTEN,
    **constants: float | None,
) -> List[Layers]:
    """The trajectory w_0, …, w_T (T = ``steps``, each a list of per-layer arrays) of the
    loop ``source`` (:func:`run_trainer_states`)."""
    return [s.w for s in run_trainer_states(w0, grad_fn, steps, source, **constants)]


def run_trainer_as_written(
    w0: Sequence[ArrayLike], grad_fn: GradFn, steps: int, **constants: float | None
) -> List[Layers]:
    """Upstream's ``_run_train_step`` loop, ZSharp branch: the gradient is never zeroed."""
    return run_trainer(w0, grad_fn, steps, GradSource.AS_WRITTEN, **constants)


def run_trainer_zero_grad(
    w0: Sequence[ArrayLike], grad_fn: GradFn, steps: int, **constants: float | None
) -> List[Layers]:
    """Fix (i): ``optimizer.zero_grad()`` at the top of each iteration."""
    return run_trainer(w0, grad_fn, steps, GradSource.ZERO_GRAD, **constants)


def run_trainer_closure(
    w0: Sequence[ArrayLike], grad_fn: GradFn, steps: int, **constants: float | None
) -> List[Layers]:
    """Fix (ii): ``optimizer.step(closure)`` with a closure that zeroes the gradient, so
    the base optimizer sees ∇L(w + ε) alone."""
    return run_trainer(w0, grad_fn, steps, GradSource.CLOSURE, **constants)

