"""Property tests of the SAM/ZSharp update (SPEC §2.2): the perturbation, smooth losses,
alignment, convergence rates and the stochastic step — checked numerically on the
reference implementation `leansharp_tools.zsharp` with hypothesis.

Each test names the Coq declarations it mirrors; roadmap.toml links items to these tests
(`test = "tests/test_properties_sam.py::<name>"`) and `leansharp map` shows the links.
Strategies and float tolerances: tests/property_strategies.py.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

from leansharp_tools import zsharp as z

from property_strategies import FAST, close_le, coord_w, layers_st, quad_problem, rho_st, wvec

# ------------------------------------------------------------------ SAM (SPEC §2.2)


@FAST
@given(layers_st, rho_st)
def test_sam_eps_norm(layers, rho):
    """‖ε‖ = ρ‖g_f‖/(‖g_f‖ + 1e-12) ≤ ρ, = ρ up to the 1e-12 (SAM.sam_eps_norm,
    SAM.sam_eps_norm_le, SAM.zsharp_eps_norm_le); ⟨g, ε⟩ ≥ 0 (SAM.inner_zsharp_eps_nonneg)."""
    gf = z.filter_gradient(layers)
    nf = z.global_norm(gf)
    eps = z.sam_perturbation(gf, rho)
    ne = z.global_norm(eps)
    assert close_le(ne, rho)
    assert math.isclose(ne, rho * nf / (nf + 1e-12), rel_tol=1e-9, abs_tol=1e-300)
    if nf > 1e-3:
        assert math.isclose(ne, rho, rel_tol=1e-9)
        assert math.isclose(z.global_norm(z.sam_perturbation(gf, rho, "idealised")), rho, rel_tol=1e-12)
    assert sum(float(np.dot(a, e)) for a, e in zip(layers, eps)) >= 0




@FAST
@given(st.lists(wvec, min_size=1, max_size=3), rho_st)
def test_bowl_alignment(w, rho):
    """Bowl L = ½‖w‖² (w* = 0): the ZSharp direction d = ∇L(w + ε) = w + ε satisfies
    ⟨d, w⟩ ≥ ‖w‖² and ‖d‖ ≤ ‖w‖ + ρ, i.e. alignment (Alignment.aligned)."""
    g = z.quadratic_bowl_grad(w)
    eps = z.sam_perturbation(z.filter_gradient(g), rho)
    d = z.quadratic_bowl_grad([x + e for x, e in zip(w, eps)])
    nw2 = sum(float(np.dot(x, x)) for x in w)
    inner = sum(float(np.dot(a, x)) for a, x in zip(d, w))
    assert close_le(nw2, inner)
    assert close_le(z.global_norm(d), math.sqrt(nw2) + rho)


@FAST
@given(st.lists(wvec, min_size=1, max_size=3), st.floats(min_value=1e-3, max_value=1.0),
       st.floats(min_value=0.0, max_value=2.0), st.integers(min_value=0, max_value=25))
def test_bowl_geometric_decrease(w0, eta, rho, steps):
    """Bowl, 0 < η ≤ 1: ‖w_T‖ ≤ (1 − η)^T‖w_0‖ + ρ for the ZSharp iterates
    (w⁺ = (1 − η)w − ηε, ‖ε‖ ≤ ρ; Alignment.linear_recursion_bound)."""
    traj = z.run_zsharp(w0, z.quadratic_bowl_grad, eta, rho, steps)
    bound = (1 - eta) ** steps * z.global_norm(w0) + rho
    assert close_le(z.global_norm(traj[-1]), bound)


@FAST
@given(st.tuples(coord_w, coord_w).map(lambda xy: np.array(xy)), st.floats(min_value=1e-4, max_value=1e-2),
       st.floats(min_value=0.0, max_value=2.0), st.integers(min_value=0, max_value=60))
def test_ill_conditioned_geometric_decrease(w0, eta, rho, steps):
    """Ill-conditioned L = ½(w_1² + 100 w_2²), 0 < η ≤ 1/100:
    ‖w_T‖ ≤ (1 − η)^T‖w_0‖ + 100ρ (‖I − ηΛ‖ ≤ 1 − η, ‖ηΛε‖ ≤ 100ηρ)."""
    grad = z.diag_quadratic_grad([[1.0, 100.0]])
    traj = z.run_zsharp([w0], grad, eta, rho, steps)
    bound = (1 - eta) ** steps * z.global_norm([w0]) + 100 * rho
    assert close_le(z.global_norm(traj[-1]), bound)


# ------------------------------------------------ smooth losses (diagonal quadratics)



@FAST
@given(quad_problem(), st.lists(coord_w, min_size=8, max_size=8), st.floats(min_value=0.0, max_value=1.0))
def test_descent_lemma(lw, dd, eta):
    """Lc-smooth L (here ½Σλ_i w_i², 0 ≤ λ_i ≤ Lc): L(w + d) ≤ L(w) + ⟨∇L(w), d⟩ + (Lc/2)‖d‖²
    and L(w − ηd) ≤ L(w) − η⟨∇L(w), d⟩ + (Lc η²/2)‖d‖² (Smooth.descent_lemma, descent_lemma_step)."""
    lam, w = lw
    d = np.array(dd[: lam.size])
    lc = float(lam.max())
    def loss(x):
        return z.diag_quadratic_loss([lam], [x])
    g = z.diag_quadratic_grad([lam])([w])[0]
    tol = 1e-9 * (1 + loss(w) + lc * float(np.dot(d, d)) + abs(float(np.dot(g, d))))
    assert loss(w + d) <= loss(w) + float(np.dot(g, d)) + lc / 2 * float(np.dot(d, d)) + tol
    assert loss(w - eta * d) <= loss(w) - eta * float(np.dot(g, d)) + lc * eta**2 / 2 * float(np.dot(d, d)) + tol


@FAST
@given(quad_problem(lo=0.5), st.lists(coord_w, min_size=8, max_size=8))
def test_strong_convexity(lw, vv):
    """μ-strongly convex L (λ_i ≥ μ): ⟨∇L(u) − ∇L(v), u − v⟩ ≥ μ‖u − v‖²; at the critical
    point w* = 0: ⟨∇L(w), w⟩ ≥ μ‖w‖² and L(0) ≤ L(w) (Smooth.strongly_convex_monotone,
    strongly_convex_at_min, strongly_convex_min_le)."""
    lam, u = lw
    v = np.array(vv[: lam.size])
    mu = float(lam.min())
    grad = z.diag_quadratic_grad([lam])
    gu, gv = grad([u])[0], grad([v])[0]
    diff = float(np.dot(u - v, u - v))
    assert close_le(mu * diff, float(np.dot(gu - gv, u - v)))
    assert close_le(mu * float(np.dot(u, u)), float(np.dot(gu, u)))
    assert z.diag_quadratic_loss([lam], [np.zeros_like(u)]) <= z.diag_quadratic_loss([lam], [u])


@FAST
@given(quad_problem(), st.floats(min_value=0.0, max_value=1.0))
def test_filtered_step_decrease(lw, frac):
    """L(w − η g⊙m) ≤ L(w) − η(1 − Lc η/2)‖g⊙m‖² for g = ∇L(w), ZSharp's mask m and
    0 ≤ η ≤ 2/Lc: the filtered step never increases the loss (SecondOrder.filtered_step_decrease,
    filtered_step_nonincreasing)."""
    lam, w = lw
    lc = max(float(lam.max()), 1e-3)
    eta = frac * 2 / lc
    g = z.diag_quadratic_grad([lam])([w])
    gf = z.filter_gradient(g)[0]
    def loss(x):
        return z.diag_quadratic_loss([lam], [x])
    nf2 = float(np.dot(gf, gf))
    bound = loss(w) - eta * (1 - lc * eta / 2) * nf2
    assert loss(w - eta * gf) <= bound + 1e-9 * (1 + loss(w) + eta * nf2)
    assert loss(w - eta * gf) <= loss(w) * (1 + 1e-12) + 1e-12


def _min_grad_norm2(lam, traj):
    grad = z.diag_quadratic_grad([lam])
    return min(float(np.dot(gg, gg)) for w in traj[:-1] for gg in grad(w))


@FAST
@given(quad_problem(lo=0.0, hi=5.0), st.integers(min_value=1, max_value=40), st.floats(min_value=0.0, max_value=1.0))
def test_nonconvex_rate(lw, steps, rho):
    """SAM/ZSharp with η = 1/(Lc√T): min_{t<T} ‖∇L(w_t)‖² ≤ 2Lc(L(w_0) − L_inf)/√T + Lc²ρ²
    (NonConvexRate.sam_nonconvex_rate, zsharp_traj_rate); here L_inf = 0."""
    lam, w0 = lw
    lc = max(float(lam.max()), 1e-2)
    eta = 1 / (lc * math.sqrt(steps))
    traj = z.run_zsharp([w0], z.diag_quadratic_grad([lam]), eta, rho, steps)
    loss0 = z.diag_quadratic_loss([lam], [w0])
    assert close_le(_min_grad_norm2(lam, traj), 2 * lc * loss0 / math.sqrt(steps) + lc**2 * rho**2)


@FAST
@given(quad_problem(lo=0.0, hi=5.0), st.integers(min_value=1, max_value=40))
def test_gd_rate(lw, steps):
    """Smooth, bounded below: ‖∇L(w)‖² ≤ 2Lc(L(w) − L_inf); gradient descent (ρ = 0) with
    η = 1/(Lc√T): min_{t<T} ‖∇L(w_t)‖² ≤ 2Lc(L(w_0) − L_inf)/√T
    (Smooth.grad_norm2_le_gap, NonConvexRate.gd_nonconvex_rate)."""
    lam, w0 = lw
    lc = max(float(lam.max()), 1e-2)
    grad = z.diag_quadratic_grad([lam])
    g0 = grad([w0])[0]
    loss0 = z.diag_quadratic_loss([lam], [w0])
    assert close_le(float(np.dot(g0, g0)), 2 * lc * loss0)
    eta = 1 / (lc * math.sqrt(steps))
    traj = [[w0]]
    for _ in range(steps):
        traj.append(z.sam_step(traj[-1], grad, eta, 0.0, filtered=False))
    assert close_le(_min_grad_norm2(lam, traj), 2 * lc * loss0 / math.sqrt(steps))


# ------------------------------------------------------------------- alignment


@FAST
@given(st.lists(wvec, min_size=1, max_size=3), rho_st, st.floats(min_value=0.01, max_value=0.99))
def test_alignment_contraction(w, rho, frac):
    """Bowl, r = ‖w‖ > 0: the ZSharp direction is (c, C) = (1, 1 + ρ/r)-aligned
    (QuadraticBowl.bowl_zsharp_aligned), so for 0 < η < 2c/C² one step gives
    ‖w⁺‖² ≤ q‖w‖², q = 1 − 2ηc + η²C² ∈ [0, 1) (Alignment.aligned_step_contracts,
    contraction_factor_lt_1, contraction_factor_nonneg)."""
    r = z.global_norm(w)
    assume(r > 1e-6)
    c, big_c = 1.0, 1.0 + rho / r
    d = z.zsharp_direction(w, z.quadratic_bowl_grad, rho)
    assert close_le(c * r**2, sum(float(np.dot(a, x)) for a, x in zip(d, w)))
    assert close_le(z.global_norm(d), big_c * r)
    eta = frac * 2 * c / big_c**2
    q = 1 - 2 * eta * c + eta**2 * big_c**2
    assert -1e-12 <= q < 1
    w1 = [x - eta * a for x, a in zip(w, d)]
    assert close_le(z.global_norm(w1) ** 2, q * r**2)


@FAST
@given(quad_problem(lo=0.5, hi=10.0), st.lists(coord_w, min_size=8, max_size=8))
def test_curvature_implies_alignment(lw, vv):
    """μ-strongly convex, Lc-smooth L with ∇L(w*) = 0 ⇒ d = ∇L(w) is (μ, Lc)-aligned at every w
    (Alignment.curvature_implies_aligned): ⟨∇L(w), w⟩ ≥ μ‖w‖², ‖∇L(w)‖ ≤ Lc‖w‖."""
    lam, w = lw
    mu, lc = float(lam.min()), float(lam.max())
    d = z.diag_quadratic_grad([lam])([w])[0]
    assert close_le(mu * float(np.dot(w, w)), float(np.dot(d, w)))
    assert close_le(z.global_norm([d]), lc * z.global_norm([w]))


@FAST
@given(quad_problem(lo=0.5, hi=4.0), st.floats(min_value=0.01, max_value=0.99), st.integers(min_value=0, max_value=30))
def test_aligned_geometric(lw, frac, steps):
    """Aligned steps converge geometrically: with d_t = ∇L(w_t) (μ, Lc)-aligned and
    0 < η < 2μ/Lc², ‖w_T‖² ≤ q^T‖w_0‖², q = 1 − 2ημ + η²Lc² (Alignment.aligned_geometric)."""
    lam, w0 = lw
    mu, lc = float(lam.min()), float(lam.max())
    eta = frac * 2 * mu / lc**2
    q = 1 - 2 * eta * mu + eta**2 * lc**2
    grad = z.diag_quadratic_grad([lam])
    w = [w0]
    for _ in range(steps):
        w = z.sam_step(w, grad, eta, 0.0, filtered=False)
    assert close_le(z.global_norm(w) ** 2, q**steps * z.global_norm([w0]) ** 2)


@FAST
@given(quad_problem(lo=0.5, hi=100.0), rho_st)
def test_illcond_alignment(lw, rho):
    """Diagonal quadratic, μ ≤ λ_i ≤ M: the ZSharp direction d = Λ(w + ε) satisfies
    ⟨d, w⟩ ≥ μ‖w‖² and ‖d‖ ≤ M(‖w‖ + ρ) (IllConditioned.illcond_zsharp_inner,
    illcond_zsharp_norm), hence (μ, M(1 + ρ/r))-aligned on ‖w‖ ≥ r (illcond_zsharp_aligned)."""
    lam, w = lw
    mu, big_m = float(lam.min()), float(lam.max())
    d = z.zsharp_direction([w], z.diag_quadratic_grad([lam]), rho)[0]
    assert close_le(mu * float(np.dot(w, w)), float(np.dot(d, w)))
    assert close_le(z.global_norm([d]), big_m * (z.global_norm([w]) + rho))


# ------------------------------------------------------------------ stochastic


@FAST
@given(quad_problem(lo=0.5, hi=4.0), rho_st, st.floats(min_value=0.0, max_value=10.0),
       st.floats(min_value=0.01, max_value=0.99))
def test_stochastic_expected_step(lw, rho, sigma, frac):
    """Stochastic filtered SAM, one step in expectation: with D the ZSharp direction at w
    ((c, C) = (μ, M(1 + ρ/r))-aligned, r = ‖w‖) and the finite oracle ξ ∈ {±σ·e_i} (uniform,
    E ξ = 0, E‖ξ‖² = σ²): E‖w − η(D(w) + ξ)‖² ≤ (1 − 2ηc + η²C²)‖w‖² + η²σ²
    (StronglyConvexRate.expected_step_aligned)."""
    lam, w = lw
    r = z.global_norm([w])
    assume(r > 1e-6)
    mu, big_m = float(lam.min()), float(lam.max())
    c, big_c = mu, big_m * (1 + rho / r)
    d = z.zsharp_direction([w], z.diag_quadratic_grad([lam]), rho)[0]
    eta = frac * 2 * c / big_c**2
    n = w.size
    noise = [s * sigma * np.eye(n)[i] for i in range(n) for s in (1.0, -1.0)]
    expected = sum(float(np.sum((w - eta * (d + xi)) ** 2)) for xi in noise) / len(noise)
    q = 1 - 2 * eta * c + eta**2 * big_c**2
    assert close_le(expected, q * r**2 + eta**2 * sigma**2)
