"""ZSharp as it trains (SPEC §2.2): the network-wide mask on the flat parameter vector,
gradient-norm clipping, torch's SGD with momentum and weight decay, and the full
training step — first gradient, clip, mask, ε, second gradient, base-optimizer step.

Part of :mod:`leansharp_tools.zsharp` (the package docstring states both rules).
Everything follows torch semantics exactly (``torch.nn.utils.clip_grad_norm_``,
``torch.optim.SGD`` with dampening 0 and nesterov False); the constants default to
ZSharp's trainer: ρ = 0.05, δ = 1e-12, lr 0.01, momentum 0.9, weight decay 5e-4,
clipping to 1.0, p = 70.

The momentum state is the buffer b (a list of layers), ``None`` before the first step
(torch creates the buffer at the first step: b = d, not βb + d).
"""

from __future__ import annotations

from typing import Any, Callable, List, Optional, Sequence, Tuple

import numpy as np
from numpy.typing import ArrayLike

from leansharp_tools.zsharp.core import DEFAULT_PERCENTILE, EPS_SAM, EPS_STD, Layers, Vector, _layers, _vec
from leansharp_tools.zsharp.rule import zsharp_masks
from leansharp_tools.zsharp.sam import global_norm

__all__ = [
    "ZSHARP_RHO", "ZSHARP_LR", "ZSHARP_MOMENTUM", "ZSHARP_WEIGHT_DECAY", "ZSHARP_CLIP", "CLIP_EPS",
    "flatten", "unflatten", "layer_sizes", "network_mask", "network_filter_flat", "clip_grad_norm",
    "network_perturbation", "sgd_momentum_step", "zsharp_train_step", "zsharp_noisy_step",
    "run_zsharp_training",
]

#: ZSharp's SAM radius ρ.
ZSHARP_RHO: float = 0.05
#: ZSharp's base-optimizer learning rate η.
ZSHARP_LR: float = 0.01
#: ZSharp's momentum β.
ZSHARP_MOMENTUM: float = 0.9
#: ZSharp's weight decay λ.
ZSHARP_WEIGHT_DECAY: float = 5e-4
#: ZSharp's gradient-norm clipping threshold c.
ZSHARP_CLIP: float = 1.0
#: The 1e-6 ``torch.nn.utils.clip_grad_norm_`` adds to the total norm.
CLIP_EPS: float = 1e-6


def flatten(layers: Sequence[ArrayLike]) -> Vector:
    """The parameter vector of ``W N`` (N = Σ n_l): the layers concatenated in order.

    Coq: ``LeanSharp.Filter.NetworkMask.concat_layers`` (``LeanSharp.Filter.NetworkMask.net_mask``
    works on this flat vector).
    """
    gs = _layers(layers)
    return np.concatenate(gs) if gs else np.zeros(0)


def layer_sizes(layers: Sequence[ArrayLike]) -> List[int]:
    """The sizes n_l of the layers (the split of N that :func:`unflatten` undoes)."""
    return [g.size for g in _layers(layers)]


def unflatten(vec: ArrayLike, sizes: Sequence[int]) -> Layers:
    """Inverse of :func:`flatten`: split a vector of length Σ sizes into layers.

    Coq: ``LeanSharp.Filter.NetworkMask.split_layers``.
    """
    v = _vec(vec)
    if sum(sizes) != v.size or any(n < 0 for n in sizes):
        raise ValueError(f"unflatten: sizes {list(sizes)} do not split a vector of length {v.size}")
    return [x.copy() for x in np.split(v, np.cumsum(sizes)[:-1])] if sizes else []


def network_mask(
    layers: Sequence[ArrayLike], percentile: float = DEFAULT_PERCENTILE, eps_std: float = EPS_STD
) -> Layers:
    """ZSharp's actual mask over the whole network: per-layer z (sample std + ``eps_std``),
    one global p-th quantile threshold over all layers, per-layer top-k fallback
    (:func:`zsharp_masks` with the actual rule).

    Coq: ``LeanSharp.Filter.NetworkMask.net_mask`` (flattened), a 0/1 mask
    (``LeanSharp.Filter.NetworkMask.net_mask_is_mask``), equal on each layer to that layer's
    ``LeanSharp.Filter.ZSharpRule.layer_mask`` (``LeanSharp.Filter.NetworkMask.net_mask_layer``).
    """
    return zsharp_masks(layers, percentile=percentile, eps_std=eps_std)


def network_filter_flat(
    g_flat: ArrayLike, sizes: Sequence[int], percentile: float = DEFAULT_PERCENTILE, eps_std: float = EPS_STD
) -> Vector:
    """g ⊙ m on the flat vector g ∈ W N, m = :func:`network_mask` of g split by ``sizes``.

    Coq: ``LeanSharp.Filter.NetworkMask.net_filtered``; split into layers it is
    ``LeanSharp.Filter.ZSharpRule.zsharp_filter`` (``LeanSharp.Filter.NetworkMask.net_filtered_layers``).
    """
    g = _vec(g_flat)
    return g * flatten(network_mask(unflatten(g, sizes), percentile, eps_std))


def clip_grad_norm(layers: Sequence[ArrayLike], max_norm: float = ZSHARP_CLIP, eps: float = CLIP_EPS) -> Layers:
    """``torch.nn.utils.clip_grad_norm_``: total = ‖g‖ over all layers,
    coef = max_norm/(total + 1e-6), g ← min(coef, 1)·g (returns a new list).

    Hence ‖clip g‖ < c, ⟨clip g, g⟩ ≥ 0, and clip g = g when ‖g‖ + 1e-6 ≤ c.
    Coq: ``LeanSharp.Optim.Clipping.clip``.
    """
    gs = _layers(layers)
    coef = min(max_norm / (global_norm(gs) + eps), 1.0)
    return [coef * g for g in gs]


def network_perturbation(
    g: Sequence[ArrayLike], rho: float = ZSHARP_RHO, delta: float = EPS_SAM, percentile: float = DEFAULT_PERCENTILE
) -> Layers:
    """ε = ρ·(g⊙m)/(‖g⊙m‖ + δ), m = :func:`network_mask` of g, the norm over all layers
    (so ‖ε‖ ≤ ρ).

    Coq: ``LeanSharp.Optim.SAM.zsharp_eps`` with m = ``LeanSharp.Filter.NetworkMask.net_mask``.
    """
    gs = _layers(g)
    gf = [x * m for x, m in zip(gs, network_mask(gs, percentile))]
    scale = rho / (global_norm(gf) + delta)
    return [scale * x for x in gf]


def sgd_momentum_step(
    w: Sequence[ArrayLike],
    d_grad: Sequence[ArrayLike],
    buf: Optional[Sequence[ArrayLike]],
    lr: float = ZSHARP_LR,
    momentum: float = ZSHARP_MOMENTUM,
    weight_decay: float = ZSHARP_WEIGHT_DECAY,
    first: bool = False,
) -> Tuple[Layers, Layers]:
    """``torch.optim.SGD`` (dampening 0, nesterov False), one step on layers:
    d = g + λw; b = d on the first step (``first`` or ``buf is None``), else b = βb + d;
    w ← w − lr·b. Returns (w, b).

    Coq: ``LeanSharp.Theory.Dynamics.HeavyBall.sgd_momentum_step``.
    """
    ws, gs = _layers(w), _layers(d_grad)
    d = [g + weight_decay * x for g, x in zip(gs, ws)]
    b = d if (first or buf is None) else [momentum * bb + dd for bb, dd in zip(_layers(buf), d)]
    return [x - lr * bb for x, bb in zip(ws, b)], b


def zsharp_train_step(
    w_layers: Sequence[ArrayLike],
    grad_fn: Callable[[Layers], Sequence[ArrayLike]],
    state: Optional[Sequence[ArrayLike]],
    rho: float = ZSHARP_RHO,
    delta: float = EPS_SAM,
    lr: float = ZSHARP_LR,
    momentum: float = ZSHARP_MOMENTUM,
    weight_decay: float = ZSHARP_WEIGHT_DECAY,
    clip: Optional[float] = ZSHARP_CLIP,
    percentile: float = DEFAULT_PERCENTILE,
) -> Tuple[Layers, Layers]:
    """One iteration of ZSharp's trainer: g = ∇L(w); g ← :func:`clip_grad_norm` (g)
    (unless ``clip`` is None); ε = :func:`network_perturbation` (g) (global mask,
    global norm); g₂ = ∇L(w + ε) (not clipped); :func:`sgd_momentum_step` at the
    *original* w with g₂. ``state`` is the momentum buffer (None before the first step).
    Returns (new w, new buffer).

    With momentum = weight decay = 0 and no clipping this is w⁺ = w − lr·∇L(w + ε)
    (:func:`zsharp_step`), to the last bit: w is never perturbed and restored, unlike
    torch's (w + ε) − ε in :func:`leansharp_tools.zsharp.trainer.trainer_step`
    (``GradSource.CLOSURE``), the same loop in torch's floating-point order. Coq: ``LeanSharp.Optim.SAM.zsharp_step``,
    ``LeanSharp.Theory.Dynamics.HeavyBall.sgd_momentum_step``.
    """
    ws = _layers(w_layers)
    g = _layers(grad_fn([x.copy() for x in ws]))
    if clip is not None:
        g = clip_grad_norm(g, clip)
    eps = network_perturbation(g, rho, delta, percentile)
    g2 = _layers(grad_fn([x + e for x, e in zip(ws, eps)]))
    return sgd_momentum_step(ws, g2, state, lr, momentum, weight_decay)


def zsharp_noisy_step(
    w: Sequence[ArrayLike],
    grad_fn_k: Callable[[Layers, int], Sequence[ArrayLike]],
    k: int,
    eta: float = ZSHARP_LR,
    rho: float = ZSHARP_RHO,
    delta: float = EPS_SAM,
    percentile: float = DEFAULT_PERCENTILE,
) -> Layers:
    """The stochastic ZSharp step on sample k, the noise going *through* the filter:
    ε_k = :func:`network_perturbation` (G_k(w)) (mask, threshold and ε from the noisy
    gradient), w⁺_k = w − η·G_k(w + ε_k) (second gradient from the same sample).
    ``grad_fn_k(w, k)`` is G_k(w).

    Coq: ``LeanSharp.Stochastic.NoisyFilter.noisy_zsharp_step``.
    """
    ws = _layers(w)
    eps = network_perturbation(grad_fn_k([x.copy() for x in ws], k), rho, delta, percentile)
    d = _layers(grad_fn_k([x + e for x, e in zip(ws, eps)], k))
    return [x - eta * di for x, di in zip(ws, d)]


def run_zsharp_training(
    w0: Sequence[ArrayLike],
    grad_fn: Callable[..., Sequence[ArrayLike]],
    steps: int,
    samples: Optional[Sequence[int]] = None,
    **step_kwargs: Any,
) -> List[Layers]:
    """The trajectory w_0, …, w_T (T = ``steps``) of :func:`zsharp_train_step`, the momentum
    buffer carried from step to step. With ``samples`` (k_0, …, k_{T−1}) the gradient is
    stochastic: ``grad_fn(w, k)``, and step t uses sample k_t for both of its gradients.
    ``step_kwargs`` are passed to :func:`zsharp_train_step` (rho, lr, momentum, ...).

    With momentum = weight decay = 0, no clipping and a μ-strongly convex, Lc-smooth loss,
    lr ≤ 1/Lc: ‖w_T − w*‖ ≤ (1 − lr·μ/2)^T‖w_0 − w*‖ + 2Lcρ/μ at any δ ≥ 0
    (Coq: ``LeanSharp.Theory.Dynamics.ZSharpBall.zsharp_net_ball``).
    """
    if samples is not None and len(samples) < steps:
        raise ValueError(f"run_zsharp_training: {len(samples)} samples for {steps} steps")
    traj, buf = [_layers(w0)], None
    for t in range(steps):
        gf = grad_fn if samples is None else (lambda w, k=samples[t]: grad_fn(w, k))
        w, buf = zsharp_train_step(traj[-1], gf, buf, **step_kwargs)
        traj.append(w)
    return traj
