"""Per-layer statistics: mean, population and sample standard deviation, z-scores.

Part of :mod:`leansharp_tools.zsharp` (the package docstring states both rules).
"""

from __future__ import annotations

from typing import Union

import numpy as np
from numpy.typing import ArrayLike

from leansharp_tools.zsharp.core import EPS_STD, Rule, Vector, _rule, _vec

__all__ = ["mean", "pop_std", "sample_std", "zscores"]


def mean(g: ArrayLike) -> float:
    """μ(g) = (1/n) Σ g_i (0 for the empty vector).  Coq: ``LeanSharp.Core.Stats.mean``."""
    v = _vec(g)
    return float(np.mean(v)) if v.size else 0.0


def pop_std(g: ArrayLike) -> float:
    """Population standard deviation σ = √((1/n) Σ (g_i − μ)²) (0 for n = 0).

    Coq: ``LeanSharp.Core.Stats.sd`` (σ² is ``LeanSharp.Core.Stats.var``).
    """
    v = _vec(g)
    return float(np.std(v, ddof=0)) if v.size else 0.0


def sample_std(g: ArrayLike) -> float:
    """Sample standard deviation s = √((1/(n−1)) Σ (g_i − μ)²), as ``torch.std``; 0 for n < 2.

    Coq: ``LeanSharp.Core.Stats.sstd`` (s² is ``LeanSharp.Core.Stats.svar``);
    s = √(n/(n−1))·σ is ``LeanSharp.Filter.ZMask.sstd_sd``.
    """
    v = _vec(g)
    return float(np.std(v, ddof=1)) if v.size >= 2 else 0.0


def zscores(g: ArrayLike, rule: Union[Rule, str] = Rule.ACTUAL, eps_std: float = EPS_STD) -> Vector:
    """Per-layer z-scores.

    Actual: z_i = (g_i − μ)/(s + 1e-8) with the sample std s, and z = 0 when n < 2
    (exactly ZSharp's ``(g - g.mean()) / (g.std() + 1e-8)``; ``eps_std`` replaces the 1e-8).
    Idealised: z_i = (g_i − μ)/σ with the population σ; z = 0 when σ = 0 (the
    idealised *masks* do not go through z, see :func:`sig_mask`, which keeps
    everything when σ = 0).
    Coq: ``LeanSharp.Filter.ZSharpRule.zscore`` (actual), with
    ``LeanSharp.Filter.ZSharpRule.zscore_small_layer`` (z = 0 for n < 2) and
    ``LeanSharp.Filter.ZSharpRule.zscore_const_layer`` (z = 0 for a constant layer).
    """
    v = _vec(g)
    if _rule(rule) is Rule.ACTUAL:
        if v.size < 2:
            return np.zeros_like(v)
        return (v - mean(v)) / (sample_std(v) + eps_std)
    sigma = pop_std(v)
    if sigma == 0.0:
        return np.zeros_like(v)
    return (v - mean(v)) / sigma
