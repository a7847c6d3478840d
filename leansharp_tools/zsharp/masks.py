"""0/1 masks: the Hadamard product, the idealised significant/inlier masks, the actual
rule's fixed-threshold mask and its rescaled threshold, hard thresholding, masked means.

Part of :mod:`leansharp_tools.zsharp` (the package docstring states both rules).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from leansharp_tools.zsharp.core import EPS_STD, Rule, Vector, _vec
from leansharp_tools.zsharp.stats import mean, pop_std, sample_std, zscores

__all__ = ["hadamard", "is_mask", "mask_count", "sig_mask", "inlier_mask", "sig_mask_sample", "inlier_mask_sample",
           "hard_threshold", "masked_mean", "zscore_mask", "rescaled_threshold"]


def hadamard(g: ArrayLike, m: ArrayLike) -> Vector:
    """Componentwise product (g ⊙ m)_i = g_i·m_i.

    Coq: ``LeanSharp.Filter.Mask.hadamard``; for a 0/1 mask the theorems
    ``LeanSharp.Filter.Mask.norm_filtered_le`` (‖g ⊙ m‖ ≤ ‖g‖),
    ``LeanSharp.Filter.Mask.filtered_idem`` ((g ⊙ m) ⊙ m = g ⊙ m) and
    ``LeanSharp.Filter.Mask.inner_filtered`` (⟨g, g ⊙ m⟩ = ‖g ⊙ m‖²) are about it.
    """
    return _vec(g) * _vec(m)


def is_mask(m: ArrayLike) -> bool:
    """True iff every m_i is 0 or 1.  Coq: ``LeanSharp.Filter.Mask.is_mask``."""
    v = _vec(m)
    return bool(np.all((v == 0.0) | (v == 1.0)))


def mask_count(m: ArrayLike) -> int:
    """Number of kept components Σ m_i of a 0/1 mask.  Coq: ``LeanSharp.Filter.Mask.mask_count``."""
    return int(round(float(np.sum(_vec(m)))))


def _dev(g: Vector) -> Vector:
    return np.abs(g - mean(g))


def sig_mask(g: ArrayLike, t: float) -> Vector:
    """Idealised significant mask m_i = [|g_i − μ| ≥ t·σ] (population σ, fixed t).

    With σ = 0 every deviation is 0, so every component is kept when t·σ = 0.
    Coq: ``LeanSharp.Filter.ZMask.sig_mask`` (and ``LeanSharp.Filter.ZMask.zfilter`` = g ⊙ m).
    """
    v = _vec(g)
    return (_dev(v) >= t * pop_std(v)).astype(np.float64)


def inlier_mask(g: ArrayLike, t: float) -> Vector:
    """Idealised inlier mask m_i = [|g_i − μ| ≤ t·σ].

    sig + inlier = 1 except on the boundary |g_i − μ| = tσ where both are 1.
    Coq: ``LeanSharp.Filter.ZMask.inlier_mask``, ``LeanSharp.Filter.ZMask.sig_inlier_sum``.
    """
    v = _vec(g)
    return (_dev(v) <= t * pop_std(v)).astype(np.float64)


def sig_mask_sample(g: ArrayLike, t: float) -> Vector:
    """Significant mask with the sample std and no ε: m_i = [|g_i − μ| ≥ t·s].

    Equals ``sig_mask(g, t·√(n/(n−1)))`` for n ≥ 2.
    Coq: ``LeanSharp.Filter.ZMask.sig_mask_s``, ``LeanSharp.Filter.ZMask.sig_mask_s_rescaled``.
    """
    v = _vec(g)
    return (_dev(v) >= t * sample_std(v)).astype(np.float64)


def inlier_mask_sample(g: ArrayLike, t: float) -> Vector:
    """Inlier mask with the sample std: m_i = [|g_i − μ| ≤ t·s].

    Coq: ``LeanSharp.Filter.ZMask.inlier_mask_s``, ``LeanSharp.Filter.ZMask.inlier_mask_s_rescaled``.
    """
    v = _vec(g)
    return (_dev(v) <= t * sample_std(v)).astype(np.float64)


def hard_threshold(x: ArrayLike, tau: float) -> Vector:
    """Hard thresholding, componentwise: hard_τ(x) = x·[|x| ≥ τ].

    Idempotent, |hard_τ x| ≤ |x|, and for τ > 0 not Lipschitz (it jumps by τ at |x| = τ).
    The idealised Z-filter is hard thresholding of the centred gradient:
    sig_mask(g, t)_i·(g_i − μ) = hard_{tσ}(g_i − μ).
    Coq: ``LeanSharp.Filter.HardThreshold.hard``, ``LeanSharp.Filter.HardThreshold.hard_idem``,
    ``LeanSharp.Filter.HardThreshold.hard_not_lipschitz``,
    ``LeanSharp.Filter.HardThreshold.zfilter_centered_hard``.
    """
    v = _vec(x)
    return np.where(np.abs(v) >= tau, v, 0.0)


def masked_mean(x: ArrayLike, m: ArrayLike) -> float:
    """Mean of the kept points Σ m_i x_i / Σ m_i of a 0/1 mask (ValueError if nothing is kept).

    A convex combination of the kept x_i, so |masked mean| ≤ max |x_i|; with the
    idealised significant mask at t ≤ 1 the mask is never empty.
    Coq: ``LeanSharp.Theory.Robustness.Robustness.masked_mean``,
    ``LeanSharp.Theory.Robustness.Robustness.masked_mean_bounded``,
    ``LeanSharp.Theory.Robustness.Robustness.zfiltered_mean_bounded_by_data``.
    """
    v, mm = _vec(x), _vec(m)
    kept = float(np.sum(mm))
    if kept == 0.0:
        raise ValueError("masked_mean: the mask keeps no point")
    return float(np.dot(mm, v)) / kept


def zscore_mask(g: ArrayLike, t: float) -> Vector:
    """The actual rule's mask of one layer at a *fixed* threshold: m_i = [|z_i| ≥ t],
    z_i = (g_i − μ)/(s + 1e-8) (z = 0 if n < 2).

    It equals the idealised ``sig_mask(g, rescaled_threshold(g, t))`` (n ≥ 2, σ > 0).
    Coq: ``LeanSharp.Filter.ZSharpRule.thr_mask`` applied to |z|,
    ``LeanSharp.Filter.ZSharpRule.thr_mask_sig_mask``; the ε-free version is
    ``LeanSharp.Filter.ZMask.sig_mask_s`` (``LeanSharp.Filter.ZMask.sig_mask_s_rescaled``).
    """
    return (np.abs(zscores(g, Rule.ACTUAL)) >= t).astype(np.float64)


def rescaled_threshold(g: ArrayLike, t: float) -> float:
    """t' = t·(s + 1e-8)/σ: the idealised threshold at which the population mask
    [|g_i − μ| ≥ t'σ] equals the actual fixed-threshold mask [|z_i| ≥ t] (n ≥ 2, σ > 0).

    Coq: ``LeanSharp.Filter.ZSharpRule.zscore_rescaled_threshold`` (|z_i| ≥ t ⟺
    |g_i − μ| ≥ t'σ), ``LeanSharp.Filter.ZSharpRule.rescaled_threshold_eq``
    (t' = t(√(n/(n−1)) + ε/σ)) and ``LeanSharp.Filter.ZSharpRule.layer_mask_sig_mask``.
    Without the 1e-8, t' = t·√(n/(n−1)): ``LeanSharp.Filter.ZMask.sig_mask_s_rescaled``.
    Raises ValueError when σ = 0 (no finite rescaling exists).
    """
    v = _vec(g)
    sigma = pop_std(v)
    if v.size < 2 or sigma == 0.0:
        raise ValueError("rescaled_threshold needs n >= 2 and sigma > 0")
    return t * (sample_std(v) + EPS_STD) / sigma
