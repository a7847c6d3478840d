"""The SAM/ZSharp update: global norm, perturbation ε, direction ∇L(w + ε), steps and iterates.

Part of :mod:`leansharp_tools.zsharp` (the package docstring states both rules).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, List, Sequence, Union

import numpy as np
from numpy.typing import ArrayLike

from leansharp_tools.zsharp.core import EPS_SAM, FilterOptions, GradFn, Layers, Rule, _layers, _rule
from leansharp_tools.zsharp.rule import filter_gradient

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["global_norm", "sam_perturbation", "zsharp_direction", "sam_step", "zsharp_step", "run_zsharp"]


def global_norm(layers: Sequence[ArrayLike]) -> float:
    """‖g‖ = √(Σ_l Σ_i (g^l_i)²), the Euclidean norm over all layers.

    Coq: ``LeanSharp.Filter.ZSharpRule.lnorm`` (layers), ``LeanSharp.Core.Vec.norm`` (one vector).
    """
    gs = _layers(layers)
    big = max((float(np.max(np.abs(g))) for g in gs if g.size), default=0.0)
    if big == 0.0 or not math.isfinite(big):
        return big
    # scale by the largest |g_i| first: no underflow of g_i² for tiny gradients
    return big * math.sqrt(sum(float(np.dot(g / big, g / big)) for g in gs))


def sam_perturbation(
    filtered: Sequence[ArrayLike], rho: float, rule: Union[Rule, str] = Rule.ACTUAL
) -> Layers:
    """SAM perturbation from the filtered gradient g_f (over all layers).

    Actual: ε = ρ·g_f/(‖g_f‖ + 1e-12), so ‖ε‖ = ρ‖g_f‖/(‖g_f‖ + 1e-12) ≤ ρ.
    Idealised: ε = ρ·g_f/‖g_f‖ (‖ε‖ = ρ when g_f ≠ 0), and ε = 0 when g_f = 0.
    Coq: ``LeanSharp.Optim.SAM.sam_eps`` (ρ·g_f/(‖g_f‖ + δ), δ = 1e-12 or δ = 0),
    ``LeanSharp.Optim.SAM.zsharp_eps``, ``LeanSharp.Optim.SAM.sam_eps_norm`` (‖ε‖ = ρ, δ = 0),
    ``LeanSharp.Optim.SAM.sam_eps_norm_le`` (‖ε‖ ≤ ρ), ``LeanSharp.Optim.SAM.inner_zsharp_eps_nonneg``.
    """
    gs = _layers(filtered)
    nrm = global_norm(gs)
    if _rule(rule) is Rule.ACTUAL:
        scale = rho / (nrm + EPS_SAM)
    else:
        scale = rho / nrm if nrm > 0.0 else 0.0
    return [scale * g for g in gs]


def zsharp_direction(
    w: Sequence[ArrayLike], grad: GradFn, rho: float, *, filtered: bool = True, **options: Unpack[FilterOptions]
) -> Layers:
    """The SAM/ZSharp step direction d = ∇L(w + ε), ε = :func:`sam_perturbation` of the
    (filtered, when ``filtered``, with the filter ``options``) gradient g_f at w; the
    step is w⁺ = w − η·d.

    The alignment theory is about d: (c, C)-aligned with w* when
    ⟨d, w − w*⟩ ≥ c‖w − w*‖² and ‖d‖ ≤ C‖w − w*‖.
    Coq: ``LeanSharp.Optim.ZSharpDirection.zsharp_dir``, ``LeanSharp.Theory.Alignment.Alignment.aligned``.
    """
    ws = _layers(w)
    g = _layers(grad([x.copy() for x in ws]))
    gf = filter_gradient(g, **options) if filtered else g
    eps = sam_perturbation(gf, rho, options.get("rule", Rule.ACTUAL))
    return _layers(grad([x + e for x, e in zip(ws, eps)]))


def sam_step(
    w: Sequence[ArrayLike], grad: GradFn, eta: float, rho: float, *, filtered: bool = True,
    **options: Unpack[FilterOptions],
) -> Layers:
    """One SAM/ZSharp step w⁺ = w − η∇L(w + ε), ε = :func:`sam_perturbation` of g_f.

    g = ∇L(w) per layer; g_f = :func:`filter_gradient` (g) when ``filtered`` (ZSharp),
    g_f = g otherwise (plain SAM). The descent step uses the *unfiltered* gradient at
    the perturbed point, with plain SGD as the base optimizer.
    Coq: ``LeanSharp.Optim.SAM.sam_step``, ``LeanSharp.Optim.SAM.zsharp_step``,
    ``LeanSharp.Optim.ZSharpDirection.zsharp_dir`` (the direction d = ∇L(w + ε)),
    ``LeanSharp.Theory.Alignment.Alignment.aligned_step_contracts``.
    """
    ws = _layers(w)
    d = zsharp_direction(ws, grad, rho, filtered=filtered, **options)
    return [x - eta * di for x, di in zip(ws, d)]


def zsharp_step(
    w: Sequence[ArrayLike], grad: GradFn, eta: float, rho: float, **options: Unpack[FilterOptions]
) -> Layers:
    """ZSharp's update: :func:`sam_step` with the Z-score filter (``filtered=True``)."""
    return sam_step(w, grad, eta, rho, filtered=True, **options)


def run_zsharp(
    w0: Sequence[ArrayLike], grad: GradFn, eta: float, rho: float, steps: int, **options: Unpack[FilterOptions]
) -> List[Layers]:
    """The iterates w_0, w_1, …, w_T (T = ``steps``) of :func:`zsharp_step`, the mask
    recomputed from the current gradient at every step.

    Coq: ``LeanSharp.Optim.ZSharpDirection.zsharp_iter``, ``LeanSharp.Optim.ZSharpDirection.zsharp_iter_step``.
    """
    traj = [_layers(w0)]
    for _ in range(steps):
        traj.append(zsharp_step(traj[-1], grad, eta, rho, **options))
    return traj
