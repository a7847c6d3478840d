"""Property tests of the Z-score filter (SPEC §2.1): masks, kept counts, the quantile
rule, actual vs idealised, invariance, statistics, hard thresholding and robustness —
checked numerically on the reference implementation `leansharp_tools.zsharp` with hypothesis.

Each test names the Coq declarations it mirrors; roadmap.toml links items to these tests
(`test = "tests/test_properties_filter.py::<name>"`) and `leansharp map` shows the links.
Strategies and float tolerances: tests/property_strategies.py.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

from leansharp_tools import zsharp as z

from property_strategies import (
    FAST,
    agree_off_boundary,
    close_le,
    coord,
    layers_st,
    percentile,
    vec,
    vec2,
    vec_and_mask,
    well_spread,
)

# ------------------------------------------------------------- masks (SPEC §2.1)


@FAST
@given(vec_and_mask())
def test_contraction(gm):
    """‖g ⊙ m‖² ≤ ‖g‖², ‖g ⊙ m‖ ≤ ‖g‖ (Mask.norm2_filtered_le, Mask.norm_filtered_le),
    for any 0/1 mask and for ZSharp's actual filter (ZMask.norm_zfilter_le)."""
    g, m = gm
    gf = z.hadamard(g, m)
    assert np.dot(gf, gf) <= np.dot(g, g)
    assert np.linalg.norm(gf) <= np.linalg.norm(g)
    layers = [g, g[::-1] * 2]
    assert close_le(z.global_norm(z.filter_gradient(layers)), z.global_norm(layers))


@FAST
@given(vec_and_mask(), layers_st)
def test_idempotence(gm, layers):
    """m ⊙ m = m and (g ⊙ m) ⊙ m = g ⊙ m (Mask.mask_idem, Mask.filtered_idem);
    the masks of both rules are 0/1 masks (ZMask.sig_mask_is_mask, ...)."""
    g, m = gm
    assert np.array_equal(z.hadamard(m, m), m)
    assert np.array_equal(z.hadamard(z.hadamard(g, m), m), z.hadamard(g, m))
    for mk in z.zsharp_masks(layers) + z.zsharp_masks(layers, rule="idealised", t=1.0):
        assert z.is_mask(mk)
    gf = z.filter_gradient(layers)
    assert all(np.array_equal(z.hadamard(a, b), a) for a, b in zip(gf, z.zsharp_masks(layers)))


@FAST
@given(vec_and_mask(), layers_st)
def test_descent_direction(gm, layers):
    """⟨g, g ⊙ m⟩ = ‖g ⊙ m‖² ≥ 0 (Mask.inner_filtered, Mask.inner_filtered_nonneg,
    ZMask.inner_zfilter): the filtered gradient is never an ascent direction."""
    g, m = gm
    gf = z.hadamard(g, m)
    assert math.isclose(float(np.dot(g, gf)), float(np.dot(gf, gf)), rel_tol=1e-12, abs_tol=1e-12)
    assert np.dot(g, gf) >= 0
    fl = z.filter_gradient(layers)
    inner = sum(float(np.dot(a, b)) for a, b in zip(layers, fl))
    assert inner >= 0
    assert math.isclose(inner, z.global_norm(fl) ** 2, rel_tol=1e-9, abs_tol=1e-12)


@FAST
@given(vec, vec)
def test_sig_inlier_partition(g, _):
    """sig_i + inl_i = 1 + [|g_i − μ| = tσ] (ZMask.sig_inlier_sum): the significant and
    inlier masks partition the components up to the boundary."""
    for t in (0.0, 0.5, 1.0, 1.7):
        s, i = z.sig_mask(g, t), z.inlier_mask(g, t)
        boundary = (np.abs(g - z.mean(g)) == t * z.pop_std(g)).astype(float)
        assert np.array_equal(s + i, 1.0 + boundary)


@FAST
@given(vec, st.floats(min_value=-5.0, max_value=1.0))
def test_nonempty_population(g, t):
    """n ≥ 1, t ≤ 1 ⇒ the population mask [|g_i − μ| ≥ tσ] keeps ≥ 1 component
    (ZMaskCount.zmask_nonempty): some |g_i − μ| ≥ σ since Σ(g_i − μ)² = nσ²."""
    t = t * (1 - 1e-9)  # keep off the exact boundary t = 1, |g_i − μ| = σ (rounding)
    assert z.mask_count(z.sig_mask(g, t)) >= 1


@FAST
@given(vec2, st.floats(min_value=0.0, max_value=1.0))
def test_nonempty_sample(g, frac):
    """n ≥ 2, t ≤ √((n−1)/n) ⇒ the sample mask [|g_i − μ| ≥ t·s] keeps ≥ 1
    (ZMaskCount.zmask_s_nonempty)."""
    n = g.size
    t = frac * math.sqrt((n - 1) / n) * (1 - 1e-9)
    assert z.mask_count(z.sig_mask_sample(g, t)) >= 1


@FAST
@given(st.integers(min_value=1, max_value=12), st.floats(min_value=1e-6, max_value=1.0))
def test_nonempty_sample_sharp(k, gap):
    """Sharpness (ZMaskCount.zmask_s_nonempty_sharp, zmask_s_empty_alt, zmask_s_full_alt):
    on the ±1 vector of even length n every |g_i − μ| = √((n−1)/n)·s, so the sample mask
    keeps all n components at t = √((n−1)/n) and none for any t above it."""
    n = 2 * k
    g = np.array([1.0, -1.0] * k)
    bound = math.sqrt((n - 1) / n)
    assert z.mask_count(z.sig_mask_sample(g, bound * (1 - 1e-12))) == n
    assert z.mask_count(z.sig_mask_sample(g, bound * (1 + gap))) == 0


@FAST
@given(vec, st.floats(min_value=0.05, max_value=20.0))
def test_chebyshev_population(g, t):
    """σ > 0, t > 0 ⇒ #{i : |g_i − μ| ≥ tσ} ≤ n/t² (ZMaskCount.zmask_chebyshev)."""
    assume(well_spread(g))
    assert close_le(z.mask_count(z.sig_mask(g, t)), g.size / t**2)


@FAST
@given(vec2, st.floats(min_value=0.05, max_value=20.0))
def test_chebyshev_sample(g, t):
    """n ≥ 2, s > 0, t > 0 ⇒ #{i : |g_i − μ| ≥ t·s} ≤ (n − 1)/t² (ZMaskCount.zmask_s_chebyshev)."""
    assume(well_spread(g))
    assert close_le(z.mask_count(z.sig_mask_sample(g, t)), (g.size - 1) / t**2)


def test_sigma_zero_keeps_everything():
    """σ = 0 ⇒ both masks keep every component for every t (ZMaskCount.zmask_sigma_zero),
    so Chebyshev needs σ > 0 (ZMaskCount.chebyshev_needs_sigma_pos)."""
    for n in (1, 2, 5):
        g = np.full(n, 3.25)
        for t in (0.0, 1.0, 2.0, 100.0):
            assert z.mask_count(z.sig_mask(g, t)) == n
            assert z.mask_count(z.sig_mask_sample(g, t)) == n
        assert z.mask_count(z.sig_mask(g, 2.0)) > n / 4


# ------------------------------------------------------------ the quantile rule


@FAST
@given(vec, percentile)
def test_quantile_single_layer_never_empty(g, p):
    """One layer: t = Q_p(|z|) ≤ max |z| (Quantile.quantile_le_max), so [|z_i| ≥ t] keeps
    ≥ 1 component before any fallback (Quantile.count_ge_quantile_pos)."""
    t = z.quantile_threshold([g], p)
    az = np.abs(z.zscores(g))
    assert az.min() <= t <= az.max()
    assert z.mask_count(z.zscore_mask(g, t)) >= 1
    assert np.array_equal(z.zsharp_masks([g], percentile=p)[0], z.zscore_mask(g, t))


@FAST
@given(st.lists(vec, min_size=2, max_size=6), percentile)
def test_every_layer_keeps_one(layers, p):
    """Several layers: after the fallback every layer keeps ≥ 1 component; a layer
    whose quantile mask was empty keeps exactly max(1, ⌊0.2·n_l⌋)."""
    t = z.quantile_threshold(layers, p)
    for g, m in zip(layers, z.zsharp_masks(layers, percentile=p)):
        assert z.mask_count(m) >= 1
        if not z.zscore_mask(g, t).any():
            assert z.mask_count(m) == z.fallback_count(g.size)


@FAST
@given(layers_st, percentile)
def test_quantile_kept_count(layers, p):
    """At least N − ⌈(p/100)(N − 1)⌉ ≥ 1 of the N components are kept
    (Quantile.count_ge_quantile; the fallback only adds components)."""
    big_n = sum(g.size for g in layers)
    kept = sum(z.mask_count(m) for m in z.zsharp_masks(layers, percentile=p))
    assert kept >= big_n - math.ceil(p / 100 * (big_n - 1))
    assert kept >= 1


# ------------------------------------------------------------ actual vs idealised


@FAST
@given(vec2, st.floats(min_value=0.0, max_value=4.0))
def test_actual_equals_idealised_rescaled(g, t):
    """For fixed t the actual mask [|g_i − μ|/(s + 1e-8) ≥ t] equals the idealised mask
    [|g_i − μ| ≥ t'σ] at t' = t(s + 1e-8)/σ; without the 1e-8 the sample mask at t is
    the population mask at t·√(n/(n−1)) (ZSharpRule.zscore_rescaled_threshold,
    ZSharpRule.layer_mask_sig_mask, ZMask.sig_mask_s_rescaled, ZMask.sstd_sd)."""
    assume(well_spread(g))
    n = g.size
    dev = np.abs(g - z.mean(g))
    t1 = z.rescaled_threshold(g, t)
    assert agree_off_boundary(z.zscore_mask(g, t), z.sig_mask(g, t1), dev, t1 * z.pop_std(g))
    # the quantile rule's layer mask is the idealised mask at t'(t = the quantile)
    # (ZSharpRule.layer_mask_sig_mask; one layer, so no fallback)
    tq = z.quantile_threshold([g])
    tq1 = z.rescaled_threshold(g, tq)
    assert agree_off_boundary(z.zsharp_masks([g])[0], z.sig_mask(g, tq1), dev, tq1 * z.pop_std(g))
    t2 = t * math.sqrt(n / (n - 1))
    assert agree_off_boundary(z.sig_mask_sample(g, t), z.sig_mask(g, t2), dev, t2 * z.pop_std(g))
    assert agree_off_boundary(z.inlier_mask_sample(g, t), z.inlier_mask(g, t2), dev, t2 * z.pop_std(g))


@FAST
@given(vec, st.floats(min_value=1e-2, max_value=1e2), st.floats(min_value=-1e3, max_value=1e3),
       st.floats(min_value=0.0, max_value=3.0))
def test_mask_invariance(g, a, b, t):
    """The idealised masks are invariant under g ↦ a·g + b, a > 0 (Invariance), and
    commute with negation: masks of −g equal masks of g, filter(−g) = −filter(g),
    exactly, for the actual rule too."""
    assume(well_spread(g))
    h = a * g + b
    dev = np.abs(h - z.mean(h))
    cut = t * z.pop_std(h)
    assert agree_off_boundary(z.sig_mask(h, t), z.sig_mask(g, t), dev, cut)
    assert agree_off_boundary(z.inlier_mask(h, t), z.inlier_mask(g, t), dev, cut)
    assert np.array_equal(z.sig_mask(-g, t), z.sig_mask(g, t))
    layers = [g, g[::-1] + 1.0]
    neg = z.filter_gradient([-x for x in layers])
    assert all(np.array_equal(u, -v) for u, v in zip(neg, z.filter_gradient(layers)))


# ------------------------------------------------ statistics and Cauchy–Schwarz


@FAST
@given(vec)
def test_variance_identities(g):
    """σ² ≥ 0, s² ≥ 0, Σ(g_i − μ) = 0, n·σ² = Σ(g_i − μ)², (n − 1)s² = nσ², constant ⇒ σ = 0
    (Stats.var_nonneg, svar_nonneg, sum_centered, n_var, svar_var, var_const)."""
    n = g.size
    mu, sigma = z.mean(g), z.pop_std(g)
    scale = max(1.0, float(np.max(np.abs(g))))
    ssd = float(np.sum((g - mu) ** 2))
    assert sigma >= 0 and z.sample_std(g) >= 0
    assert abs(float(np.sum(g - mu))) <= 1e-12 * n * scale
    assert math.isclose(n * sigma**2, ssd, rel_tol=1e-9, abs_tol=1e-12 * n * scale**2)
    if n >= 2:
        assert math.isclose((n - 1) * z.sample_std(g) ** 2, n * sigma**2, rel_tol=1e-9, abs_tol=1e-12 * n * scale**2)
    # constant ⇒ σ = 0 up to rounding of the mean (exactly 0 when the mean is exact)
    assert z.pop_std(np.full(n, g[0])) <= 1e-14 * abs(float(g[0]))
    assert z.pop_std(np.full(n, 0.375)) == 0.0


@FAST
@given(st.integers(min_value=1, max_value=16).flatmap(
    lambda n: st.tuples(*[st.lists(coord, min_size=n, max_size=n).map(np.array)] * 2)))
def test_cauchy_schwarz(uv):
    """|⟨u, v⟩| ≤ ‖u‖‖v‖ and ‖u + v‖ ≤ ‖u‖ + ‖v‖ (Vec.cauchy_schwarz, Vec.inner_le_norm,
    Vec.norm_triangle), with ‖·‖ = :func:`global_norm`."""
    u, v = uv
    nu, nv = z.global_norm([u]), z.global_norm([v])
    assert close_le(abs(float(np.dot(u, v))), nu * nv)
    assert close_le(z.global_norm([u + v]), nu + nv)


# ------------------------------------------------------------ discontinuity


@FAST
@given(vec, st.floats(min_value=0.0, max_value=3.0), st.floats(min_value=1e-3, max_value=10.0),
       st.floats(min_value=1e-9, max_value=1e-3))
def test_hard_threshold(g, t, tau, delta):
    """hard_τ is idempotent, |hard_τ x| ≤ |x|, jumps by τ at x = τ (not Lipschitz for τ > 0),
    and the idealised Z-filter is hard thresholding of g − μ at tσ
    (HardThreshold.hard_idem, hard_abs_le, hard_not_lipschitz, zfilter_centered_hard)."""
    h = z.hard_threshold(g, tau)
    assert np.array_equal(z.hard_threshold(h, tau), h)
    assert np.all(np.abs(h) <= np.abs(g))
    jump = z.hard_threshold([tau], tau)[0] - z.hard_threshold([tau * (1 - delta)], tau)[0]
    assert jump == tau  # |Δ output| = τ while |Δ input| = τδ: ratio 1/δ, unbounded
    centred = g - z.mean(g)
    assert np.array_equal(z.sig_mask(g, t) * centred, z.hard_threshold(centred, t * z.pop_std(g)))


@FAST
@given(st.floats(min_value=1e-6, max_value=0.999))
def test_zfilter_jump(delta):
    """g_δ = (1, −1, 1 − δ, −(1 − δ)), t = 1: ‖g_δ − g_0‖² = 2δ² but
    ‖zfilter(g_δ) − zfilter(g_0)‖² = 2 — the filter is not Lipschitz
    (FilterDiscontinuity.zfilter_jump, zfilter_not_lipschitz)."""
    g0 = np.array([1.0, -1.0, 1.0, -1.0])
    gd = np.array([1.0, -1.0, 1 - delta, -(1 - delta)])
    f0 = z.filter_gradient([g0], rule="idealised", t=1.0)[0]
    fd = z.filter_gradient([gd], rule="idealised", t=1.0)[0]
    assert math.isclose(float(np.sum((gd - g0) ** 2)), 2 * delta**2, rel_tol=1e-6)
    assert float(np.sum((fd - f0) ** 2)) == 2.0


# ------------------------------------------------------------------ robustness


@FAST
@given(vec, st.floats(min_value=-5.0, max_value=1.0))
def test_masked_mean_bounded_by_data(g, t):
    """The Z-filtered mean Σ m_i g_i / Σ m_i (m = significant mask, t ≤ 1, so non-empty)
    lies in [−C, C] for C = max |g_i| (Robustness.masked_mean_bounded,
    zfiltered_mean_bounded_by_data) — a bound by the data, not a robustness statement."""
    m = z.sig_mask(g, t * (1 - 1e-9))
    c = float(np.max(np.abs(g)))
    assert close_le(abs(z.masked_mean(g, m)), c)


@FAST
@given(vec, st.floats(min_value=0.0, max_value=1e6), st.data())
def test_mean_breakdown(g, bound, data):
    """Breakdown point of the mean is 1/n: replacing one coordinate j by
    g_j + n(|B| + |μ| + 1) makes |mean| > B (Robustness.mean_breakdown, mean_replace_at)."""
    n = g.size
    j = data.draw(st.integers(min_value=0, max_value=n - 1))
    y = g.copy()
    y[j] = g[j] + n * (bound + abs(z.mean(g)) + 1)
    assert abs(z.mean(y)) > bound
    assert math.isclose(z.mean(y), z.mean(g) + (y[j] - g[j]) / n, rel_tol=1e-9, abs_tol=1e-9)
