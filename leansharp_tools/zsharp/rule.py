"""ZSharp's filter: the global quantile threshold, the per-layer top-k fallback, the
masks of both rules and the filtered gradient g_f = g ⊙ m.

Part of :mod:`leansharp_tools.zsharp` (the package docstring states both rules).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence, Union

import numpy as np
from numpy.typing import ArrayLike

from leansharp_tools.zsharp.core import (
    DEFAULT_PERCENTILE,
    EPS_STD,
    FALLBACK_FRACTION,
    FilterOptions,
    Layers,
    Rule,
    Vector,
    _layers,
    _rule,
    _vec,
)
from leansharp_tools.zsharp.masks import hadamard, inlier_mask, sig_mask
from leansharp_tools.zsharp.stats import zscores

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["quantile_threshold", "fallback_count", "top_k_mask", "zsharp_masks", "filter_gradient"]


def quantile_threshold(
    layers: Sequence[ArrayLike], percentile: float = DEFAULT_PERCENTILE, eps_std: float = EPS_STD
) -> float:
    """ZSharp's global threshold t = Q_{p/100}(|z| over all layers concatenated).

    Q_q(x) with N values sorted x_(0) ≤ … ≤ x_(N−1): h = q(N − 1),
    Q = x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌈h⌉) − x_(⌊h⌋)) (``np.quantile(method="linear")``, the
    same interpolation as ``torch.quantile``). Hence min |z| ≤ t ≤ max |z|, and at least
    N − ⌈q(N − 1)⌉ values are ≥ t. Raises ValueError if there are no components.
    Coq: ``LeanSharp.Filter.ZSharpRule.zthreshold`` = ``LeanSharp.Core.Quantile.quantile``
    of ``LeanSharp.Filter.ZSharpRule.all_absz``; ``LeanSharp.Core.Quantile.quantile_le_max``,
    ``LeanSharp.Core.Quantile.count_ge_quantile``.
    """
    zs = [np.abs(zscores(g, Rule.ACTUAL, eps_std)) for g in _layers(layers)]
    allz = np.concatenate(zs) if zs else np.zeros(0)
    if allz.size == 0:
        raise ValueError("quantile_threshold: no gradient components")
    if not 0.0 <= percentile <= 100.0:
        raise ValueError(f"percentile must be in [0, 100], not {percentile}")
    return float(np.quantile(allz, percentile / 100.0, method="linear"))


def fallback_count(n: int) -> int:
    """k = max(1, ⌊0.2·n⌋): how many components the fallback keeps in a layer of size n ≥ 1
    (ZSharp: ``max(1, int(0.2 * n))``).  Coq: ``LeanSharp.Filter.ZSharpRule.topk_count``."""
    return max(1, int(FALLBACK_FRACTION * n))


def top_k_mask(scores: ArrayLike, k: int) -> Vector:
    """0/1 mask of the k largest scores (exactly min(k, n) ones, like ``torch.topk``).

    Ties are broken by index order (a stable sort on −score: among equal scores the
    lowest indices are kept); ``torch.topk`` leaves this unspecified.
    Coq: ``LeanSharp.Filter.ZSharpRule.topk_mask`` keeps every component tied with the
    k-th largest instead (≥ k ones), a superset of every choice ``torch.topk`` (and this
    function) may make; the theorems about it (``fallback_keeps_topk``: ≥ k kept) hold
    for this exact-k version too.
    """
    v = _vec(scores)
    m = np.zeros_like(v)
    k = max(0, min(int(k), v.size))
    if k:
        order = np.argsort(-v, kind="stable")
        m[order[:k]] = 1.0
    return m


def zsharp_masks(
    layers: Sequence[ArrayLike],
    *,
    rule: Union[Rule, str] = Rule.ACTUAL,
    percentile: float = DEFAULT_PERCENTILE,
    t: float | None = None,
    kind: str = "significant",
    eps_std: float = EPS_STD,
) -> Layers:
    """The per-layer 0/1 masks of the filter (``eps_std``: the z-score's 1e-8, actual rule).

    Actual rule (``t`` must be None, ``kind`` must be "significant"): z per layer
    (:func:`zscores`), t = :func:`quantile_threshold` (p = ``percentile``),
    m_i = [|z_i| ≥ t], and a layer whose mask is empty keeps its top
    max(1, ⌊0.2·n_l⌋) components by |z| (:func:`top_k_mask`). Guarantees: every
    non-empty layer keeps ≥ 1 component; with one layer the fallback never fires
    (t ≤ max |z|); at least N − ⌈(p/100)(N − 1)⌉ components are kept in total.

    Idealised rule (``t`` required): per layer ``sig_mask(g^l, t)`` (kind
    "significant", Coq ``LeanSharp.Filter.ZMask.sig_mask``) or ``inlier_mask(g^l, t)``
    (kind "inlier", ``LeanSharp.Filter.ZMask.inlier_mask``); no quantile, no fallback.

    Coq (actual rule): ``LeanSharp.Filter.ZSharpRule.layer_mask``,
    ``LeanSharp.Filter.ZSharpRule.layer_mask_is_mask``,
    ``LeanSharp.Filter.ZSharpRuleCount.single_layer_nonempty``,
    ``LeanSharp.Filter.ZSharpRuleCount.single_layer_no_fallback``,
    ``LeanSharp.Filter.ZSharpRuleCount.fallback_keeps_topk``,
    ``LeanSharp.Filter.ZSharpRuleCount.every_layer_keeps_one``,
    ``LeanSharp.Filter.ZSharpRuleCount.kept_lower_bound``.
    """
    gs = _layers(layers)
    if _rule(rule) is Rule.IDEALISED:
        if t is None:
            raise ValueError("the idealised rule needs a fixed threshold t")
        if kind == "significant":
            return [sig_mask(g, t) for g in gs]
        if kind == "inlier":
            return [inlier_mask(g, t) for g in gs]
        raise ValueError(f"kind must be 'significant' or 'inlier', not {kind!r}")
    if t is not None or kind != "significant":
        raise ValueError("the actual rule computes its own threshold (t=None, kind='significant')")
    if sum(g.size for g in gs) == 0:
        return [np.zeros(0) for g in gs]
    thr = quantile_threshold(gs, percentile, eps_std)
    masks: Layers = []
    for g in gs:
        az = np.abs(zscores(g, Rule.ACTUAL, eps_std))
        m = (az >= thr).astype(np.float64)
        if g.size and not m.any():
            m = top_k_mask(az, fallback_count(g.size))
        masks.append(m)
    return masks


def filter_gradient(layers: Sequence[ArrayLike], **options: Unpack[FilterOptions]) -> Layers:
    """The filtered gradient g_f = g ⊙ m, layer by layer, with m = :func:`zsharp_masks`
    (``options``: its ``rule``, ``percentile``, ``t``, ``kind``).

    Coq: ``LeanSharp.Filter.ZSharpRule.zsharp_filter`` (actual rule, with
    ``LeanSharp.Filter.ZSharpRule.lnorm_zsharp_filter_le``: ‖g_f‖ ≤ ‖g‖ and
    ``LeanSharp.Filter.ZSharpRule.inner_layer_filtered``: ⟨g, g_f⟩ = ‖g_f‖²);
    ``LeanSharp.Filter.ZMask.zfilter`` (idealised, g ⊙ sig_mask) and
    ``LeanSharp.Filter.ZMask.zfilter_s`` (sample std); contraction
    ``LeanSharp.Filter.ZMask.norm_zfilter_le`` and descent ``LeanSharp.Filter.ZMask.inner_zfilter``;
    ``LeanSharp.Filter.Invariance.zfilter_opp``: filter(−g) = −filter(g).
    """
    gs = _layers(layers)
    ms = zsharp_masks(gs, **options)
    return [hadamard(g, m) for g, m in zip(gs, ms)]
