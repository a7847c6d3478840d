"""Reference implementation of the ZSharp filter and the SAM/ZSharp update (NumPy).

This module is the *code* side of the theorem-to-code map (`leansharp map`): each
function states the mathematics it computes and names the Coq declarations that are
about it. Everything is a pure function on NumPy arrays (inputs are never modified).

Two rules, selected with ``rule=Rule.ACTUAL`` (default) or ``rule=Rule.IDEALISED``
(the strings ``"actual"`` / ``"idealised"`` are accepted too):

**Actual rule** — ZSharp's published PyTorch optimizer (SPEC §2.1). For parameters
split into layers g = (g¹, …, g^L), layer l with n_l components:

* μ_l = mean(g^l), s_l = sample std (divisor n_l − 1, as ``torch.std``),
  z_i = (g_i − μ_l)/(s_l + 1e-8); a layer with n_l < 2 gets z = 0;
* one global threshold t = the p-th quantile (default p = 70) of |z| over all layers
  concatenated, linear interpolation between order statistics
  (``np.quantile(method="linear")`` ≡ ``torch.quantile``'s default);
* mask m_i = [|z_i| ≥ t] (keeps the *significant* components);
* fallback: if a layer's mask is empty, that layer keeps its top k_l = max(1, ⌊0.2·n_l⌋)
  components by |z| (``torch.topk``: exactly k_l components; ties between equal |z| are
  broken by index order, lowest index first — ``torch.topk`` leaves the tie order
  unspecified, we fix this deterministic choice);
* filtered gradient g_f = g ⊙ m per layer; SAM perturbation
  ε = ρ·g_f/(‖g_f‖ + 1e-12), the norm over all layers;
* update w⁺ = w − η∇L(w + ε) (SAM with plain SGD as base optimizer).

**Idealised rule** — what the theorems are about: population σ (divisor n), no ε
terms, a *fixed* threshold t (no quantile, no fallback). The significant mask is
[|g_i − μ| ≥ tσ] (Coq ``LeanSharp.Core.ZMask.sig_mask``) and the inlier mask of other
write-ups is [|g_i − μ| ≤ tσ] (``LeanSharp.Core.ZMask.inlier_mask``); the SAM
perturbation is ε = ρ·g_f/‖g_f‖ (ε = 0 when g_f = 0).

The bridge between them: for one layer with n ≥ 2 and fixed t, the actual mask
[|z_i| ≥ t] equals the idealised significant mask at the rescaled threshold
t' = t·(s + 1e-8)/σ (:func:`rescaled_threshold`); without the 1e-8 this is
t' = t·√(n/(n−1)) (``LeanSharp.Core.ZMask.sig_mask_s_rescaled``).
"""

from __future__ import annotations

import enum
import math
from typing import Callable, List, Sequence, Union

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "Rule",
    "EPS_STD",
    "EPS_SAM",
    "DEFAULT_PERCENTILE",
    "FALLBACK_FRACTION",
    "hadamard",
    "is_mask",
    "mask_count",
    "mean",
    "pop_std",
    "sample_std",
    "sig_mask",
    "inlier_mask",
    "sig_mask_sample",
    "inlier_mask_sample",
    "zscores",
    "zscore_mask",
    "rescaled_threshold",
    "quantile_threshold",
    "fallback_count",
    "top_k_mask",
    "zsharp_masks",
    "filter_gradient",
    "global_norm",
    "sam_perturbation",
    "hard_threshold",
    "masked_mean",
    "zsharp_direction",
    "sam_step",
    "zsharp_step",
    "quadratic_bowl_grad",
    "diag_quadratic_loss",
    "diag_quadratic_grad",
    "run_zsharp",
]

Vector = NDArray[np.float64]
Layers = List[Vector]
GradFn = Callable[[Layers], Sequence[ArrayLike]]

#: ε_std added to the sample std in ZSharp's z-score (z = (g − μ)/(s + ε_std)).
EPS_STD: float = 1e-8
#: ε added to ‖g_f‖ in ZSharp's SAM perturbation ε = ρ·g_f/(‖g_f‖ + 1e-12).
EPS_SAM: float = 1e-12
#: ZSharp's default percentile p of the global |z| quantile.
DEFAULT_PERCENTILE: float = 70.0
#: Fraction of a layer kept by the fallback: top max(1, ⌊0.2·n_l⌋) components.
FALLBACK_FRACTION: float = 0.2


class Rule(str, enum.Enum):
    """Which version of the filter to compute.

    ``ACTUAL``: ZSharp's published optimizer (sample std + 1e-8, global quantile
    threshold, per-layer fallback, 1e-12 in the SAM normalisation).
    ``IDEALISED``: the rule of the analysis (population σ, fixed threshold, no ε terms).
    """

    ACTUAL = "actual"
    IDEALISED = "idealised"

    def __repr__(self) -> str:
        return f"Rule.{self.name}"


def _rule(rule: Union[Rule, str]) -> Rule:
    try:
        return Rule(rule)
    except ValueError:
        raise ValueError(f"rule must be 'actual' or 'idealised', not {rule!r}") from None


def _vec(g: ArrayLike) -> Vector:
    """A fresh 1-D float64 copy of g (layers of any shape are flattened, as ZSharp's `view(-1)`)."""
    return np.array(g, dtype=np.float64).reshape(-1)


def _layers(gs: Sequence[ArrayLike]) -> Layers:
    if isinstance(gs, np.ndarray):
        raise TypeError("expected a sequence of layers (e.g. [g]); wrap a single vector in a list")
    return [_vec(g) for g in gs]


# --------------------------------------------------------------------------- masks


def hadamard(g: ArrayLike, m: ArrayLike) -> Vector:
    """Componentwise product (g ⊙ m)_i = g_i·m_i.

    Coq: ``LeanSharp.Core.Mask.hadamard``; for a 0/1 mask the theorems
    ``LeanSharp.Core.Mask.norm_filtered_le`` (‖g ⊙ m‖ ≤ ‖g‖),
    ``LeanSharp.Core.Mask.filtered_idem`` ((g ⊙ m) ⊙ m = g ⊙ m) and
    ``LeanSharp.Core.Mask.inner_filtered`` (⟨g, g ⊙ m⟩ = ‖g ⊙ m‖²) are about it.
    """
    return _vec(g) * _vec(m)


def is_mask(m: ArrayLike) -> bool:
    """True iff every m_i is 0 or 1.  Coq: ``LeanSharp.Core.Mask.is_mask``."""
    v = _vec(m)
    return bool(np.all((v == 0.0) | (v == 1.0)))


def mask_count(m: ArrayLike) -> int:
    """Number of kept components Σ m_i of a 0/1 mask.  Coq: ``LeanSharp.Core.Mask.mask_count``."""
    return int(round(float(np.sum(_vec(m)))))


# --------------------------------------------------------------------- statistics


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
    s = √(n/(n−1))·σ is ``LeanSharp.Core.ZMask.sstd_sd``.
    """
    v = _vec(g)
    return float(np.std(v, ddof=1)) if v.size >= 2 else 0.0


def _dev(g: Vector) -> Vector:
    return np.abs(g - mean(g))


def sig_mask(g: ArrayLike, t: float) -> Vector:
    """Idealised significant mask m_i = [|g_i − μ| ≥ t·σ] (population σ, fixed t).

    With σ = 0 every deviation is 0, so every component is kept when t·σ = 0.
    Coq: ``LeanSharp.Core.ZMask.sig_mask`` (and ``LeanSharp.Core.ZMask.zfilter`` = g ⊙ m).
    """
    v = _vec(g)
    return (_dev(v) >= t * pop_std(v)).astype(np.float64)


def inlier_mask(g: ArrayLike, t: float) -> Vector:
    """Idealised inlier mask m_i = [|g_i − μ| ≤ t·σ].

    sig + inlier = 1 except on the boundary |g_i − μ| = tσ where both are 1.
    Coq: ``LeanSharp.Core.ZMask.inlier_mask``, ``LeanSharp.Core.ZMask.sig_inlier_sum``.
    """
    v = _vec(g)
    return (_dev(v) <= t * pop_std(v)).astype(np.float64)


def sig_mask_sample(g: ArrayLike, t: float) -> Vector:
    """Significant mask with the sample std and no ε: m_i = [|g_i − μ| ≥ t·s].

    Equals ``sig_mask(g, t·√(n/(n−1)))`` for n ≥ 2.
    Coq: ``LeanSharp.Core.ZMask.sig_mask_s``, ``LeanSharp.Core.ZMask.sig_mask_s_rescaled``.
    """
    v = _vec(g)
    return (_dev(v) >= t * sample_std(v)).astype(np.float64)


def inlier_mask_sample(g: ArrayLike, t: float) -> Vector:
    """Inlier mask with the sample std: m_i = [|g_i − μ| ≤ t·s].

    Coq: ``LeanSharp.Core.ZMask.inlier_mask_s``, ``LeanSharp.Core.ZMask.inlier_mask_s_rescaled``.
    """
    v = _vec(g)
    return (_dev(v) <= t * sample_std(v)).astype(np.float64)


def hard_threshold(x: ArrayLike, tau: float) -> Vector:
    """Hard thresholding, componentwise: hard_τ(x) = x·[|x| ≥ τ].

    Idempotent, |hard_τ x| ≤ |x|, and for τ > 0 not Lipschitz (it jumps by τ at |x| = τ).
    The idealised Z-filter is hard thresholding of the centred gradient:
    sig_mask(g, t)_i·(g_i − μ) = hard_{tσ}(g_i − μ).
    Coq: ``LeanSharp.Core.HardThreshold.hard``, ``LeanSharp.Core.HardThreshold.hard_idem``,
    ``LeanSharp.Core.HardThreshold.hard_not_lipschitz``,
    ``LeanSharp.Core.HardThreshold.zfilter_centered_hard``.
    """
    v = _vec(x)
    return np.where(np.abs(v) >= tau, v, 0.0)


def masked_mean(x: ArrayLike, m: ArrayLike) -> float:
    """Mean of the kept points Σ m_i x_i / Σ m_i of a 0/1 mask (ValueError if nothing is kept).

    A convex combination of the kept x_i, so |masked mean| ≤ max |x_i|; with the
    idealised significant mask at t ≤ 1 the mask is never empty.
    Coq: ``LeanSharp.Theory.Robustness.masked_mean``,
    ``LeanSharp.Theory.Robustness.masked_mean_bounded``,
    ``LeanSharp.Theory.Robustness.zfiltered_mean_bounded``.
    """
    v, mm = _vec(x), _vec(m)
    kept = float(np.sum(mm))
    if kept == 0.0:
        raise ValueError("masked_mean: the mask keeps no point")
    return float(np.dot(mm, v)) / kept


def zscores(g: ArrayLike, rule: Union[Rule, str] = Rule.ACTUAL) -> Vector:
    """Per-layer z-scores.

    Actual: z_i = (g_i − μ)/(s + 1e-8) with the sample std s, and z = 0 when n < 2
    (exactly ZSharp's ``(g - g.mean()) / (g.std() + 1e-8)``).
    Idealised: z_i = (g_i − μ)/σ with the population σ; z = 0 when σ = 0 (the
    idealised *masks* do not go through z, see :func:`sig_mask`, which keeps
    everything when σ = 0).
    Coq: ``LeanSharp.Core.ZSharpRule.zscore`` (actual), with
    ``LeanSharp.Core.ZSharpRule.zscore_small_layer`` (z = 0 for n < 2) and
    ``LeanSharp.Core.ZSharpRule.zscore_const_layer`` (z = 0 for a constant layer).
    """
    v = _vec(g)
    if _rule(rule) is Rule.ACTUAL:
        if v.size < 2:
            return np.zeros_like(v)
        return (v - mean(v)) / (sample_std(v) + EPS_STD)
    sigma = pop_std(v)
    if sigma == 0.0:
        return np.zeros_like(v)
    return (v - mean(v)) / sigma


def zscore_mask(g: ArrayLike, t: float) -> Vector:
    """The actual rule's mask of one layer at a *fixed* threshold: m_i = [|z_i| ≥ t],
    z_i = (g_i − μ)/(s + 1e-8) (z = 0 if n < 2).

    It equals the idealised ``sig_mask(g, rescaled_threshold(g, t))`` (n ≥ 2, σ > 0).
    Coq: ``LeanSharp.Core.ZSharpRule.thr_mask`` applied to |z|,
    ``LeanSharp.Core.ZSharpRule.thr_mask_sig_mask``; the ε-free version is
    ``LeanSharp.Core.ZMask.sig_mask_s`` (``LeanSharp.Core.ZMask.sig_mask_s_rescaled``).
    """
    return (np.abs(zscores(g, Rule.ACTUAL)) >= t).astype(np.float64)


def rescaled_threshold(g: ArrayLike, t: float) -> float:
    """t' = t·(s + 1e-8)/σ: the idealised threshold at which the population mask
    [|g_i − μ| ≥ t'σ] equals the actual fixed-threshold mask [|z_i| ≥ t] (n ≥ 2, σ > 0).

    Coq: ``LeanSharp.Core.ZSharpRule.zscore_rescaled_threshold`` (|z_i| ≥ t ⟺
    |g_i − μ| ≥ t'σ), ``LeanSharp.Core.ZSharpRule.rescaled_threshold_eq``
    (t' = t(√(n/(n−1)) + ε/σ)) and ``LeanSharp.Core.ZSharpRule.layer_mask_sig_mask``.
    Without the 1e-8, t' = t·√(n/(n−1)): ``LeanSharp.Core.ZMask.sig_mask_s_rescaled``.
    Raises ValueError when σ = 0 (no finite rescaling exists).
    """
    v = _vec(g)
    sigma = pop_std(v)
    if v.size < 2 or sigma == 0.0:
        raise ValueError("rescaled_threshold needs n >= 2 and sigma > 0")
    return t * (sample_std(v) + EPS_STD) / sigma


# ------------------------------------------------------------- the quantile rule


def quantile_threshold(layers: Sequence[ArrayLike], percentile: float = DEFAULT_PERCENTILE) -> float:
    """ZSharp's global threshold t = Q_{p/100}(|z| over all layers concatenated).

    Q_q(x) with N values sorted x_(0) ≤ … ≤ x_(N−1): h = q(N − 1),
    Q = x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌈h⌉) − x_(⌊h⌋)) (``np.quantile(method="linear")``, the
    same interpolation as ``torch.quantile``). Hence min |z| ≤ t ≤ max |z|, and at least
    N − ⌈q(N − 1)⌉ values are ≥ t. Raises ValueError if there are no components.
    Coq: ``LeanSharp.Core.ZSharpRule.zthreshold`` = ``LeanSharp.Core.Quantile.quantile``
    of ``LeanSharp.Core.ZSharpRule.all_absz``; ``LeanSharp.Core.Quantile.quantile_le_max``,
    ``LeanSharp.Core.Quantile.count_ge_quantile``.
    """
    zs = [np.abs(zscores(g, Rule.ACTUAL)) for g in _layers(layers)]
    allz = np.concatenate(zs) if zs else np.zeros(0)
    if allz.size == 0:
        raise ValueError("quantile_threshold: no gradient components")
    if not 0.0 <= percentile <= 100.0:
        raise ValueError(f"percentile must be in [0, 100], not {percentile}")
    return float(np.quantile(allz, percentile / 100.0, method="linear"))


def fallback_count(n: int) -> int:
    """k = max(1, ⌊0.2·n⌋): how many components the fallback keeps in a layer of size n ≥ 1
    (ZSharp: ``max(1, int(0.2 * n))``).  Coq: ``LeanSharp.Core.ZSharpRule.topk_count``."""
    return max(1, int(FALLBACK_FRACTION * n))


def top_k_mask(scores: ArrayLike, k: int) -> Vector:
    """0/1 mask of the k largest scores (exactly min(k, n) ones, like ``torch.topk``).

    Ties are broken by index order (a stable sort on −score: among equal scores the
    lowest indices are kept); ``torch.topk`` leaves this unspecified.
    Coq: ``LeanSharp.Core.ZSharpRule.topk_mask`` keeps every component tied with the
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
) -> Layers:
    """The per-layer 0/1 masks of the filter.

    Actual rule (``t`` must be None, ``kind`` must be "significant"): z per layer
    (:func:`zscores`), t = :func:`quantile_threshold` (p = ``percentile``),
    m_i = [|z_i| ≥ t], and a layer whose mask is empty keeps its top
    max(1, ⌊0.2·n_l⌋) components by |z| (:func:`top_k_mask`). Guarantees: every
    non-empty layer keeps ≥ 1 component; with one layer the fallback never fires
    (t ≤ max |z|); at least N − ⌈(p/100)(N − 1)⌉ components are kept in total.

    Idealised rule (``t`` required): per layer ``sig_mask(g^l, t)`` (kind
    "significant", Coq ``LeanSharp.Core.ZMask.sig_mask``) or ``inlier_mask(g^l, t)``
    (kind "inlier", ``LeanSharp.Core.ZMask.inlier_mask``); no quantile, no fallback.

    Coq (actual rule): ``LeanSharp.Core.ZSharpRule.layer_mask``,
    ``LeanSharp.Core.ZSharpRule.layer_mask_is_mask``,
    ``LeanSharp.Core.ZSharpRuleCount.single_layer_nonempty``,
    ``LeanSharp.Core.ZSharpRuleCount.single_layer_no_fallback``,
    ``LeanSharp.Core.ZSharpRuleCount.fallback_keeps_topk``,
    ``LeanSharp.Core.ZSharpRuleCount.every_layer_keeps_one``,
    ``LeanSharp.Core.ZSharpRuleCount.kept_lower_bound``.
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
    thr = quantile_threshold(gs, percentile)
    masks: Layers = []
    for g in gs:
        az = np.abs(zscores(g, Rule.ACTUAL))
        m = (az >= thr).astype(np.float64)
        if g.size and not m.any():
            m = top_k_mask(az, fallback_count(g.size))
        masks.append(m)
    return masks


def filter_gradient(
    layers: Sequence[ArrayLike],
    *,
    rule: Union[Rule, str] = Rule.ACTUAL,
    percentile: float = DEFAULT_PERCENTILE,
    t: float | None = None,
    kind: str = "significant",
) -> Layers:
    """The filtered gradient g_f = g ⊙ m, layer by layer, with m = :func:`zsharp_masks`.

    Coq: ``LeanSharp.Core.ZSharpRule.zsharp_filter`` (actual rule, with
    ``LeanSharp.Core.ZSharpRule.lnorm_zsharp_filter_le``: ‖g_f‖ ≤ ‖g‖ and
    ``LeanSharp.Core.ZSharpRule.inner_layer_filtered``: ⟨g, g_f⟩ = ‖g_f‖²);
    ``LeanSharp.Core.ZMask.zfilter`` (idealised, g ⊙ sig_mask) and
    ``LeanSharp.Core.ZMask.zfilter_s`` (sample std); contraction
    ``LeanSharp.Core.ZMask.norm_zfilter_le`` and descent ``LeanSharp.Core.ZMask.inner_zfilter``;
    ``LeanSharp.Core.Invariance.zfilter_opp``: filter(−g) = −filter(g).
    """
    gs = _layers(layers)
    ms = zsharp_masks(gs, rule=rule, percentile=percentile, t=t, kind=kind)
    return [hadamard(g, m) for g, m in zip(gs, ms)]


# ------------------------------------------------------------------------- SAM


def global_norm(layers: Sequence[ArrayLike]) -> float:
    """‖g‖ = √(Σ_l Σ_i (g^l_i)²), the Euclidean norm over all layers.

    Coq: ``LeanSharp.Core.ZSharpRule.lnorm`` (layers), ``LeanSharp.Core.Vec.norm`` (one vector).
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
    Coq: ``LeanSharp.Core.SAM.sam_eps`` (ρ·g_f/(‖g_f‖ + δ), δ = 1e-12 or δ = 0),
    ``LeanSharp.Core.SAM.zsharp_eps``, ``LeanSharp.Core.SAM.sam_eps_norm`` (‖ε‖ = ρ, δ = 0),
    ``LeanSharp.Core.SAM.sam_eps_norm_le`` (‖ε‖ ≤ ρ), ``LeanSharp.Core.SAM.inner_zsharp_eps_nonneg``.
    """
    gs = _layers(filtered)
    nrm = global_norm(gs)
    if _rule(rule) is Rule.ACTUAL:
        scale = rho / (nrm + EPS_SAM)
    else:
        scale = rho / nrm if nrm > 0.0 else 0.0
    return [scale * g for g in gs]


def zsharp_direction(
    w: Sequence[ArrayLike],
    grad: GradFn,
    rho: float,
    *,
    filtered: bool = True,
    rule: Union[Rule, str] = Rule.ACTUAL,
    percentile: float = DEFAULT_PERCENTILE,
    t: float | None = None,
) -> Layers:
    """The SAM/ZSharp step direction d = ∇L(w + ε), ε = :func:`sam_perturbation` of the
    (filtered, when ``filtered``) gradient g_f at w; the step is w⁺ = w − η·d.

    The alignment theory is about d: (c, C)-aligned with w* when
    ⟨d, w − w*⟩ ≥ c‖w − w*‖² and ‖d‖ ≤ C‖w − w*‖.
    Coq: ``LeanSharp.Theory.ZSharpDirection.zsharp_dir``, ``LeanSharp.Theory.Alignment.aligned``.
    """
    ws = _layers(w)
    g = _layers(grad([x.copy() for x in ws]))
    gf = filter_gradient(g, rule=rule, percentile=percentile, t=t) if filtered else g
    eps = sam_perturbation(gf, rho, rule)
    return _layers(grad([x + e for x, e in zip(ws, eps)]))


def sam_step(
    w: Sequence[ArrayLike],
    grad: GradFn,
    eta: float,
    rho: float,
    *,
    filtered: bool = True,
    rule: Union[Rule, str] = Rule.ACTUAL,
    percentile: float = DEFAULT_PERCENTILE,
    t: float | None = None,
) -> Layers:
    """One SAM/ZSharp step w⁺ = w − η∇L(w + ε), ε = :func:`sam_perturbation` of g_f.

    g = ∇L(w) per layer; g_f = :func:`filter_gradient` (g) when ``filtered`` (ZSharp),
    g_f = g otherwise (plain SAM). The descent step uses the *unfiltered* gradient at
    the perturbed point, with plain SGD as the base optimizer.
    Coq: ``LeanSharp.Core.SAM.sam_step``, ``LeanSharp.Core.SAM.zsharp_step``,
    ``LeanSharp.Theory.ZSharpDirection.zsharp_dir`` (the direction d = ∇L(w + ε)),
    ``LeanSharp.Theory.Alignment.aligned_step_contracts``.
    """
    ws = _layers(w)
    d = zsharp_direction(ws, grad, rho, filtered=filtered, rule=rule, percentile=percentile, t=t)
    return [x - eta * di for x, di in zip(ws, d)]


def zsharp_step(
    w: Sequence[ArrayLike],
    grad: GradFn,
    eta: float,
    rho: float,
    *,
    rule: Union[Rule, str] = Rule.ACTUAL,
    percentile: float = DEFAULT_PERCENTILE,
    t: float | None = None,
) -> Layers:
    """ZSharp's update: :func:`sam_step` with the Z-score filter (``filtered=True``)."""
    return sam_step(w, grad, eta, rho, filtered=True, rule=rule, percentile=percentile, t=t)


def quadratic_bowl_grad(w: Sequence[ArrayLike]) -> Layers:
    """∇L for the bowl L(w) = ½‖w‖² (all layers): ∇L(w) = w.

    On it the ZSharp direction d = w + ε satisfies ⟨d, w⟩ ≥ ‖w‖² and ‖d‖ ≤ ‖w‖ + ρ
    (alignment with w* = 0), and w_T obeys ‖w_T‖ ≤ (1 − η)^T‖w_0‖ + ρ for 0 < η ≤ 1.
    Coq: ``LeanSharp.Examples.SmoothWitness.bowl_grad``,
    ``LeanSharp.Examples.QuadraticBowl.bowl_zsharp_inner``,
    ``LeanSharp.Examples.QuadraticBowl.bowl_zsharp_norm``,
    ``LeanSharp.Examples.QuadraticBowl.bowl_zsharp_aligned``,
    ``LeanSharp.Examples.QuadraticBowl.bowl_zsharp_converges``.
    """
    return [x.copy() for x in _layers(w)]


def diag_quadratic_loss(lams: Sequence[ArrayLike], w: Sequence[ArrayLike]) -> float:
    """L(w) = ½ Σ_l Σ_i λ^l_i (w^l_i)², the diagonal quadratic (λ ≥ 0: L ≥ 0 = L(0)).

    Lc-smooth with Lc = max λ, μ-strongly convex with μ = min λ (when > 0).
    Coq: ``LeanSharp.Core.Smooth.quad_diag``.
    """
    return 0.5 * sum(float(np.dot(lam * x, x)) for lam, x in zip(_layers(lams), _layers(w)))


def diag_quadratic_grad(lams: Sequence[ArrayLike]) -> GradFn:
    """∇L for L(w) = ½ Σ λ_i w_i² (per layer λ^l): ∇L(w) = λ ⊙ w.

    With λ ∈ [1, Λ] and 0 < η ≤ 1/Λ the ZSharp iterates satisfy
    ‖w_T‖ ≤ (1 − η)^T‖w_0‖ + Λρ.  Coq: ``LeanSharp.Core.Smooth.quad_diag_grad``,
    ``LeanSharp.Examples.IllConditioned.illcond2_zsharp_converges`` (λ = (1, 100)).
    """
    ls = _layers(lams)

    def grad(w: Sequence[ArrayLike]) -> Layers:
        return [lam * x for lam, x in zip(ls, _layers(w))]

    return grad


def run_zsharp(
    w0: Sequence[ArrayLike],
    grad: GradFn,
    eta: float,
    rho: float,
    steps: int,
    *,
    rule: Union[Rule, str] = Rule.ACTUAL,
    percentile: float = DEFAULT_PERCENTILE,
    t: float | None = None,
) -> List[Layers]:
    """The iterates w_0, w_1, …, w_T (T = ``steps``) of :func:`zsharp_step`, the mask
    recomputed from the current gradient at every step.

    Coq: ``LeanSharp.Theory.ZSharpDirection.zsharp_iter``, ``LeanSharp.Theory.ZSharpDirection.zsharp_iter_step``.
    """
    traj = [_layers(w0)]
    for _ in range(steps):
        traj.append(zsharp_step(traj[-1], grad, eta, rho, rule=rule, percentile=percentile, t=t))
    return traj
