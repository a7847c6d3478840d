"""Property tests for SPEC §2.4 (robustness) and §2.5 (generalization), checked
numerically on the reference implementation `leansharp_tools.zsharp` with hypothesis.

Each test names the Coq declarations it mirrors (roadmap.toml links items to them).
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from leansharp_tools import zsharp as z

FAST = settings(max_examples=80, deadline=None)
TOL = 1e-9

coord = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)
vec = st.lists(coord, min_size=1, max_size=24).map(lambda xs: np.array(xs, dtype=float))


@FAST
@given(n=st.integers(min_value=2, max_value=60), a=coord, b=coord)
def test_single_outlier_zscore_is_sqrt_n_minus_1(n: int, a: float, b: float) -> None:
    """LeanSharp.Theory.Robustness.RobustOutlier.spike_outlier_zscore, single_outlier_passes,
    single_outlier_dropped: (a, …, a, b) has outlier z-score exactly √(n−1); the
    significant mask keeps it for t ≤ √(n−1) and drops it above."""
    assume(abs(b - a) > 1e-3 * (1.0 + abs(a) + abs(b)))
    g = np.array([a] * (n - 1) + [b], dtype=float)
    zscore = abs(b - z.mean(g)) / z.pop_std(g)
    assert math.isclose(zscore, math.sqrt(n - 1), rel_tol=1e-9)
    root = math.sqrt(n - 1)
    assert z.sig_mask(g, root * (1 - 1e-6))[-1] == 1.0
    assert z.sig_mask(g, root * (1 + 1e-6))[-1] == 0.0


@FAST
@given(n=st.integers(min_value=2, max_value=60), a=coord,
       t=st.floats(min_value=0.0, max_value=1.0 - 1e-6), big=st.floats(min_value=1.0, max_value=1e6))
def test_single_outlier_drags_filtered_mean(n: int, a: float, t: float, big: float) -> None:
    """LeanSharp.Theory.Robustness.RobustOutlier.spike_zfiltered_mean_ge: for t ≤ √(n−1) the mean of
    the kept points is ≥ a + (b − a)/n (t kept off the boundary √(n−1), where rounding
    may go either way)."""
    b = a + big
    g = np.array([a] * (n - 1) + [b], dtype=float)
    m = z.sig_mask(g, t * math.sqrt(n - 1))
    filtered_mean = float(np.dot(m, g) / m.sum())
    assert filtered_mean >= a + (b - a) / n - TOL * (1 + abs(a) + abs(b))


@FAST
@given(g=vec, t=st.floats(min_value=0.0, max_value=3.0), rho=st.floats(min_value=1e-3, max_value=10.0))
def test_zsharp_sharpness_term_le_sam(g: np.ndarray, t: float, rho: float) -> None:
    """LeanSharp.Theory.Generalization.PACBayesZSharp.zsharp_first_order_sharpness_le_sam:
    ⟨g, ε_f⟩ = ρ‖g ⊙ m‖ ≤ ρ‖g‖ = ⟨g, ε_SAM⟩ (and strict when m drops some g_j ≠ 0,
    zsharp_first_order_sharpness_lt_sam)."""
    assume(np.all((g == 0) | (np.abs(g) > 1e-100)))  # no overflow of ρ/‖g_f‖
    gf = z.hadamard(g, z.sig_mask(g, t))
    eps_f = z.sam_perturbation([gf], rho, rule="idealised")[0]
    eps_sam = z.sam_perturbation([g], rho, rule="idealised")[0]
    scale = rho * (1.0 + z.global_norm([g]))
    assert math.isclose(float(np.dot(g, eps_f)), rho * z.global_norm([gf]), rel_tol=1e-9, abs_tol=TOL * scale)
    assert math.isclose(float(np.dot(g, eps_sam)), rho * z.global_norm([g]), rel_tol=1e-9, abs_tol=TOL * scale)
    assert float(np.dot(g, eps_f)) <= float(np.dot(g, eps_sam)) + TOL * scale
    dropped = (gf == 0) & (g != 0)
    if dropped.any() and float(np.min(np.abs(g[dropped]))) > 1e-3 * (1.0 + z.global_norm([g])):
        assert float(np.dot(g, eps_f)) < float(np.dot(g, eps_sam))


@FAST
@given(outcomes=st.lists(st.lists(coord, min_size=5, max_size=5).map(lambda xs: np.array(xs, dtype=float)),
                         min_size=1, max_size=6),
       weights=st.lists(st.floats(min_value=0.01, max_value=1.0), min_size=6, max_size=6),
       t=st.floats(min_value=0.0, max_value=2.0))
def test_symmetric_noise_filtered_mean_zero(outcomes: list, weights: list, t: float) -> None:
    """LeanSharp.Theory.Robustness.RobustSymmetric.zfilter_symmetric_unbiased: outcomes ±ξ_k with equal
    probabilities give E[ξ ⊙ m(ξ)] = 0."""
    p = np.array(weights[: len(outcomes)], dtype=float)
    p = p / (2 * p.sum())
    total = np.zeros(5)
    for pk, xi in zip(p, outcomes):
        total += pk * z.hadamard(xi, z.sig_mask(xi, t))
        total += pk * z.hadamard(-xi, z.sig_mask(-xi, t))
    assert np.allclose(total, 0.0, atol=1e-9 * (1 + max(float(np.max(np.abs(x))) for x in outcomes)))


@FAST
@given(q=st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=2, max_size=8),
       f=st.lists(st.floats(min_value=-20.0, max_value=20.0), min_size=8, max_size=8),
       pw=st.lists(st.floats(min_value=0.01, max_value=1.0), min_size=8, max_size=8))
def test_donsker_varadhan(q: list, f: list, pw: list) -> None:
    """LeanSharp.Theory.Generalization.KL.gibbs, LeanSharp.Theory.Generalization.KL.donsker_varadhan and
    LeanSharp.Theory.Generalization.KL.donsker_varadhan_attained on `z.kl_divergence`, `z.log_partition`
    and `z.tilt`: KL(Q‖P) ≥ 0, E_Q[f] ≤ KL(Q‖P) + ln E_P[e^f] (0·ln 0 = 0), with equality
    at the tilted law Q = P_f (LeanSharp.Theory.Generalization.KL.tilt_is_law: a law)."""
    qa = np.array(q, dtype=float)
    assume(qa.sum() > 0)
    qa = qa / qa.sum()
    k = len(qa)
    pa = np.array(pw[:k], dtype=float)
    pa = pa / pa.sum()
    fa = np.array(f[:k], dtype=float)
    kl, lz = z.kl_divergence(qa, pa), z.log_partition(pa, fa)
    assert kl >= -1e-12
    assert float(np.dot(qa, fa)) <= kl + lz + 1e-9
    pf = z.tilt(pa, fa)
    assert np.all(pf > 0) and math.isclose(float(pf.sum()), 1.0, rel_tol=1e-12)
    assert math.isclose(float(np.dot(pf, fa)), z.kl_divergence(pf, pa) + lz, rel_tol=1e-9, abs_tol=1e-9)


def test_kl_and_log_partition_values() -> None:
    """Hand-computed values: KL((1, 0)‖(½, ½)) = ln 2 (0·ln 0 = 0); KL = ∞ without Q ≪ P;
    ln E_P[e^f] for f = (0, ln 3) under the uniform law is ln 2, and P_f = (¼, ¾)."""
    assert math.isclose(z.kl_divergence([1.0, 0.0], [0.5, 0.5]), math.log(2))
    assert z.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert math.isclose(z.log_partition([0.5, 0.5], [0.0, math.log(3)]), math.log(2))
    assert np.allclose(z.tilt([0.5, 0.5], [0.0, math.log(3)]), [0.25, 0.75])
    assert math.isclose(z.log_partition([1.0, 0.0], [1000.0, 5000.0]), 1000.0)  # no overflow; P's support only


@FAST
@given(n=st.integers(min_value=3, max_value=12), a=coord, b=coord, data=st.data())
def test_inlier_mean_survives_one_outlier(n: int, a: float, b: float, data) -> None:
    """LeanSharp.Theory.Robustness.Robustness.inlier_mean_survives_one_outlier: n ≥ 3 points equal to
    a with ONE replaced by b: the inlier mask [|x_i − μ| ≤ σ] (t = 1) keeps exactly the
    points at a, so the inlier mean is a for every b, while the plain mean is
    a + (b − a)/n (mean_breakdown)."""
    assume(abs(b - a) > 1e-6 * (1.0 + abs(a) + abs(b)))
    j = data.draw(st.integers(min_value=0, max_value=n - 1))
    x = np.full(n, a, dtype=float)
    x[j] = b
    m = z.inlier_mask(x, 1.0)
    assert m[j] == 0 and m.sum() == n - 1
    assert math.isclose(z.masked_mean(x, m), a, rel_tol=1e-12, abs_tol=1e-9 * (1 + abs(a)))
    assert math.isclose(float(np.mean(x)), a + (b - a) / n, rel_tol=1e-9, abs_tol=1e-9 * (1 + abs(a) + abs(b)))


@FAST
@given(s=st.floats(min_value=1e-3, max_value=1e6), t=st.floats(min_value=0.76, max_value=1.74))
def test_spread_outliers_inlier_mean(s: float, t: float) -> None:
    """LeanSharp.Theory.Robustness.Robustness.spread_outliers_inlier_mean: a strict majority alone does
    not bound the inlier mean — on (0, 0, 0, s, 2s), σ = 4s/5 and for 3/4 ≤ t < 7/4 the
    inlier mean is s/4 (unbounded in s, inlier_mean_majority_unbounded); t is drawn away
    from the boundary 3/4 where floating point decides the tie."""
    x = np.array([0.0, 0.0, 0.0, s, 2 * s])
    assert math.isclose(z.pop_std(x), 4 * s / 5, rel_tol=1e-12)
    assert math.isclose(z.masked_mean(x, z.inlier_mask(x, t)), s / 4, rel_tol=1e-12)
