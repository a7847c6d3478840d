"""Property tests of ZSharp *as it trains* (SPEC §2.2): the network-wide mask on the flat
parameter vector, the witness points of the Coq library, gradient clipping, torch's SGD
with momentum and weight decay, and convergence of the ZSharp step at ZSharp's
constants (ρ = 0.05, δ = 1e-12, lr 0.01, β 0.9, λ 5e-4, p = 70) — checked numerically
on the reference implementation `leansharp_tools.zsharp` (module `train`).

Each test states the theorem it checks. Strategies and float tolerances:
tests/property_strategies.py.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from leansharp_tools import zsharp as z

from property_strategies import FAST, close_le, layers_st

RHO, DELTA, LR, BETA, WD, P = z.ZSHARP_RHO, 1e-12, z.ZSHARP_LR, z.ZSHARP_MOMENTUM, z.ZSHARP_WEIGHT_DECAY, 70.0
assert (RHO, DELTA, LR, BETA, WD) == (0.05, z.EPS_SAM, 0.01, 0.9, 5e-4)


def _dist(a, b) -> float:
    return z.global_norm([x - y for x, y in zip(a, b)])


def _quad_grad(lams, centre):
    """∇L for L(w) = ½ Σ λ_i (w_i − w*_i)² (layers): λ ⊙ (w − w*)."""
    return lambda w: [lam * (x - c) for lam, x, c in zip(lams, [np.asarray(x, float) for x in w], centre)]


def _dropped(g) -> int:
    return sum(int(m.size - m.sum()) for m in z.network_mask(g))


@st.composite
def quad_problem(draw, lc_max=100.0):
    """A diagonal quadratic on 1–3 layers of 1–6 components: eigenvalues λ ∈ [0.1, lc_max]
    (μ = min λ, Lc = max λ), centre w* and point w in [−10, 10]."""
    sizes = draw(st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=3))
    x = st.floats(min_value=-10.0, max_value=10.0)

    def layers(elem):
        return [np.array(draw(st.lists(elem, min_size=n, max_size=n))) for n in sizes]

    return layers(st.floats(min_value=0.1, max_value=lc_max)), layers(x), layers(x)


# ------------------------------------------------------- flat vector, network mask


@FAST
@given(layers_st)
def test_flatten_and_network_filter(layers):
    """W N is the concatenation of the layers: unflatten ∘ flatten = id, and the network
    filter on the flat vector is g ⊙ m with m the actual multi-layer mask
    (NetworkMask.net_mask, net_filtered)."""
    sizes = z.layer_sizes(layers)
    back = z.unflatten(z.flatten(layers), sizes)
    assert all(np.array_equal(a, b) for a, b in zip(back, layers)) and len(back) == len(layers)
    m = z.network_mask(layers)
    assert all(np.array_equal(a, b) for a, b in zip(m, z.zsharp_masks(layers)))
    gf = z.network_filter_flat(z.flatten(layers), sizes)
    assert np.array_equal(gf, z.flatten(z.filter_gradient(layers)))


# ------------------------------------------------------------------ witnesses


def test_witness_drop_mask():
    """WITNESS_DROP = ((1,1,1,5), (1,−1,1,−1)) on the bowl over R^8 = 4 + 4: at p = 70 the
    threshold is B's |z| = 1/(2/√3 + 1e-8); A keeps only its 4th component, B keeps all
    four; 3 nonzero components are dropped and no layer needs the fallback."""
    g = z.witness_point(z.WITNESS_DROP)
    assert z.layer_sizes(g) == list(z.BOWL8_SIZES)
    assert np.array_equal(z.quadratic_bowl_grad(g)[1], g[1])  # the witness point is the gradient
    t = z.quantile_threshold(g, P)
    assert math.isclose(t, 1 / (2 / math.sqrt(3) + 1e-8), rel_tol=1e-14)
    quantile_only = [(np.abs(z.zscores(x)) >= t).astype(float) for x in g]
    m = z.network_mask(g, P)
    assert [list(x) for x in m] == [[0, 0, 0, 1], [1, 1, 1, 1]]
    assert all(np.array_equal(a, b) for a, b in zip(m, quantile_only))  # no fallback
    assert _dropped(g) == 3
    assert z.network_filter_flat(z.flatten(g), z.BOWL8_SIZES).tolist() == [0, 0, 0, 5, 1, -1, 1, -1]


def test_witness_fallback_mask():
    """WITNESS_FALLBACK = ((1,1,1,−1,−1,−1), (1, −24/25, −24/25, 23/25)), N = 10
    (Coq: Examples.Filter.FallbackWitness): A's |z| are all 1/(√(6/5) + ε); B's are
    (1, 0.96, 0.96, 0.92)/(s_B + ε), s_B = √(2306/1875), all smaller, the first strictly
    largest. The p = 70 threshold equals A's value, so B's quantile mask is empty and the
    fallback keeps B's unique top component — no tie for torch.topk to break — on a
    non-constant layer (σ_B > 0)."""
    g = z.witness_point(z.WITNESS_FALLBACK)
    za, zb = (np.abs(z.zscores(x)) for x in g)
    a_val = 1 / (math.sqrt(6 / 5) + 1e-8)
    b_vals = np.array([1, 0.96, 0.96, 0.92]) / (math.sqrt(2306 / 1875) + 1e-8)
    assert np.allclose(za, a_val, rtol=1e-14) and np.allclose(zb, b_vals, rtol=1e-12)
    assert zb.max() < a_val and zb[0] > zb[1:].max()
    t = z.quantile_threshold(g, P)
    assert t == za[0]
    assert not (zb >= t).any() and z.pop_std(g[1]) > 0
    assert z.fallback_count(4) == 1
    m = z.network_mask(g, P)
    assert [list(x) for x in m] == [[1] * 6, [1, 0, 0, 0]]
    assert _dropped(g) == 3


def test_two_components_never_filter():
    """A single layer of n = 2 is never filtered (both |z| are equal), which is why the
    witnesses need more components."""
    for g in ([3.0, -7.0], [0.0, 1e-3], [5.0, 5.0]):
        assert z.network_mask([g])[0].tolist() == [1.0, 1.0]


# ------------------------------------------------------------ deterministic ball


@FAST
@given(quad_problem(), st.sampled_from(["zsharp", "edge"]), st.integers(min_value=0, max_value=2**31 - 1))
def test_deterministic_ball_one_step(problem, eta_kind, seed):
    """μ-strongly convex, Lc-smooth L (diagonal quadratic, λ ∈ [μ, Lc], centre w*),
    0 < η ≤ 1/Lc, ANY ε with ‖ε‖ ≤ ρ, w⁺ = w − η∇L(w + ε):
    ‖w⁺ − w*‖ ≤ (1 − ημ/2)‖w − w*‖ + ηLcρ. Checked for ZSharp's network-mask ε
    (ρ = 0.05, δ = 1e-12, p = 70) and a random ε of norm ≤ ρ; η = 0.01 or η = 1/Lc."""
    lams, centre, w = problem
    mu, lc = min(float(lam.min()) for lam in lams), max(float(lam.max()) for lam in lams)
    eta = LR if eta_kind == "zsharp" else 1 / lc
    grad = _quad_grad(lams, centre)
    rng = np.random.default_rng(seed)
    rand = [rng.standard_normal(x.size) for x in w]
    rand = [rng.uniform() * RHO / max(z.global_norm(rand), 1e-300) * x for x in rand]
    for eps in (z.network_perturbation(grad(w), RHO, DELTA, P), rand):
        assert close_le(z.global_norm(eps), RHO)
        w1 = [x - eta * d for x, d in zip(w, grad([x + e for x, e in zip(w, eps)]))]
        assert close_le(_dist(w1, centre), (1 - eta * mu / 2) * _dist(w, centre) + eta * lc * RHO)


def _check_ball_trajectory(traj, centre, eta, mu, lc):
    q, r0 = 1 - eta * mu / 2, _dist(traj[0], centre)
    for t, w in enumerate(traj):
        assert close_le(_dist(w, centre), q**t * r0 + 2 * lc * RHO / mu)


@FAST
@given(quad_problem(), st.integers(min_value=0, max_value=60))
def test_deterministic_ball_trajectory(problem, steps):
    """Iterating the one-step bound: ‖w_T − w*‖ ≤ (1 − ημ/2)^T‖w_0 − w*‖ + 2Lcρ/μ for the
    plain ZSharp iteration (no momentum, weight decay or clipping: run_zsharp_training with
    momentum = weight_decay = 0, clip = None, which is run_zsharp) at η = 0.01."""
    lams, centre, w0 = problem
    mu, lc = min(float(lam.min()) for lam in lams), max(float(lam.max()) for lam in lams)
    grad = _quad_grad(lams, centre)
    traj = z.run_zsharp_training(w0, grad, steps, momentum=0.0, weight_decay=0.0, clip=None)
    ref = z.run_zsharp(w0, grad, LR, RHO, steps)
    assert all(np.allclose(a, b, rtol=1e-12, atol=1e-12) for wa, wb in zip(traj, ref) for a, b in zip(wa, wb))
    _check_ball_trajectory(traj, centre, LR, mu, lc)


@pytest.mark.parametrize("witness", ["drop", "fallback"])
def test_deterministic_ball_witness(witness):
    """The ball theorem on the witness problems: the bowl L = ½‖w‖² (μ = Lc = 1, w* = 0)
    over the witness's layers, started at the witness point (where the mask drops 3
    components, so the filter is active), 400 ZSharp steps at η = 0.01:
    ‖w_T‖ ≤ (1 − η/2)^T‖w_0‖ + 2ρ. Also for a stretched bowl λ = (1, …, 1, 50, …, 50)."""
    w0 = z.witness_point(z.WITNESS_DROP if witness == "drop" else z.WITNESS_FALLBACK)
    assert _dropped(z.quadratic_bowl_grad(w0)) == 3
    zero = [np.zeros_like(x) for x in w0]
    traj = z.run_zsharp_training(w0, z.quadratic_bowl_grad, 400, momentum=0.0, weight_decay=0.0, clip=None)
    _check_ball_trajectory(traj, zero, LR, 1.0, 1.0)
    lams = [np.ones_like(w0[0]), np.full_like(w0[1], 50.0)]
    traj = z.run_zsharp_training(w0, _quad_grad(lams, zero), 400, momentum=0.0, weight_decay=0.0, clip=None)
    _check_ball_trajectory(traj, zero, LR, 1.0, 50.0)


# ------------------------------------------------------- noise through the filter


def _noisy_check(lams, centre, w, xis, probs, eta=LR):
    """E_k ‖w⁺_k − w*‖² (exact, finite law) against the NoisyFilter bound."""
    mu, lc = min(float(lam.min()) for lam in lams), max(float(lam.max()) for lam in lams)
    grad = _quad_grad(lams, centre)

    def grad_k(v, k):
        return [g + x for g, x in zip(grad(v), xis[k])]

    expect = sum(p * _dist(z.zsharp_noisy_step(w, grad_k, k, eta, RHO, DELTA, P), centre) ** 2
                 for k, p in enumerate(probs))
    sigma2 = sum(p * z.global_norm(xi) ** 2 for p, xi in zip(probs, xis))
    mean = [sum(p * xi[i] for p, xi in zip(probs, xis)) for i in range(len(w))]
    assert z.global_norm(mean) <= 1e-12 * (1 + math.sqrt(sigma2))  # E ξ = 0
    r2 = _dist(w, centre) ** 2
    a = eta * mu
    bound = (1 - a / 2) * r2 + eta**2 * sigma2 * (1 + a / 2) + eta**2 * lc**2 * RHO**2 * (1 + 2 / a)
    assert close_le(expect, bound)
    return grad_k


@FAST
@given(quad_problem(), st.integers(min_value=2, max_value=4), st.floats(min_value=0.0, max_value=30.0),
       st.integers(min_value=0, max_value=2**31 - 1))
def test_noisy_filter_expected_step(problem, n_samples, scale, seed):
    """Noise through the filter (NoisyFilter.noisy_zsharp_step): G_k(w) = ∇L(w) + ξ_k with
    a finite law (p_k), E ξ = 0, E‖ξ‖² = σ²; ε_k is computed from the noisy G_k(w) through
    the network mask (threshold, fallback and ε all noisy), w⁺_k = w − ηG_k(w + ε_k).
    With L μ-strongly convex, Lc-smooth and η = 0.01 ≤ 1/Lc, exactly over the law:
    E‖w⁺ − w*‖² ≤ (1 − ημ/2)‖w − w*‖² + η²σ²(1 + ημ/2) + η²Lc²ρ²(1 + 2/(ημ))."""
    lams, centre, w = problem
    rng = np.random.default_rng(seed)
    probs = rng.uniform(0.1, 1.0, n_samples)
    probs /= probs.sum()
    raw = [[scale * rng.standard_normal(x.size) for x in w] for _ in range(n_samples)]
    mean = [sum(p * r[i] for p, r in zip(probs, raw)) for i in range(len(w))]
    xis = [[r[i] - mean[i] for i in range(len(w))] for r in raw]
    _noisy_check(lams, centre, w, xis, probs)


@pytest.mark.parametrize("witness", ["drop", "fallback"])
@pytest.mark.parametrize("amp", [0.0, 0.3, 2.0, 10.0])
def test_noisy_filter_witness(witness, amp):
    """The noisy bound at the witness points: bowl (μ = Lc = 1, w* = 0), two-point noise
    ξ = ±a on a few coordinates (a of amplitude 0, 0.3, 2, 10; E ξ = 0, σ² = ‖a‖²), and the
    stretched bowl λ = (1, …, 1, 50, …, 50). The noisy mask drops components for each
    sample (the filter is active)."""
    w = z.witness_point(z.WITNESS_DROP if witness == "drop" else z.WITNESS_FALLBACK)
    zero = [np.zeros_like(x) for x in w]
    a = [np.zeros_like(x) for x in w]
    a[0][0], a[1][-1] = amp, -0.5 * amp
    xis = [a, [-x for x in a]]
    for lams in ([np.ones_like(x) for x in w], [np.ones_like(w[0]), np.full_like(w[1], 50.0)]):
        grad_k = _noisy_check(lams, zero, w, xis, [0.5, 0.5])
        assert all(_dropped(grad_k(w, k)) > 0 for k in range(2))


@FAST
@given(quad_problem(), st.floats(min_value=0.0, max_value=1.0), st.integers(min_value=2, max_value=4),
       st.floats(min_value=0.0, max_value=30.0), st.integers(min_value=0, max_value=2**31 - 1))
def test_noisy_filter_nonconvex_descent(problem, flip, n_samples, scale, seed):
    """NoisyFilterNonConvex.noisy_descent_expected: for an Lc-smooth L (here ½Σλ_i(w_i − c_i)²
    with λ_i of both signs — NOT convex), noise through the filter and η = 1/(4Lc):
    E_k L(w⁺_k) ≤ L(w) − (η/4)‖∇L(w)‖² + (3/4)ηLc²ρ² + Lcη²σ², exactly over the law."""
    lams, centre, w = problem
    rng = np.random.default_rng(seed)
    lams = [lam * np.where(rng.uniform(size=lam.size) < flip, -1.0, 1.0) for lam in lams]
    lc = max(float(np.abs(lam).max()) for lam in lams)
    eta = 1 / (4 * lc)
    grad = _quad_grad(lams, centre)

    def loss(v):
        return 0.5 * sum(float(np.sum(lam * (x - c) ** 2)) for lam, x, c in zip(lams, v, centre))

    probs = rng.uniform(0.1, 1.0, n_samples)
    probs /= probs.sum()
    raw = [[scale * rng.standard_normal(x.size) for x in w] for _ in range(n_samples)]
    mean = [sum(p * r[i] for p, r in zip(probs, raw)) for i in range(len(w))]
    xis = [[r[i] - mean[i] for i in range(len(w))] for r in raw]

    def grad_k(v, k):
        return [g + x for g, x in zip(grad(v), xis[k])]

    expect = sum(p * loss(z.zsharp_noisy_step(w, grad_k, k, eta, RHO, DELTA, P)) for k, p in enumerate(probs))
    sigma2 = sum(p * z.global_norm(xi) ** 2 for p, xi in zip(probs, xis))
    bound = loss(w) - eta / 4 * z.global_norm(grad(w)) ** 2 + 0.75 * eta * lc**2 * RHO**2 + lc * eta**2 * sigma2
    assert close_le(expect, bound)


def test_noisy_trajectory_uses_the_sample_twice():
    """run_zsharp_training with samples (k_t): step t uses G_{k_t} for both gradients; with
    momentum = weight decay = 0 and no clipping it is the zsharp_noisy_step iteration."""
    w = z.witness_point(z.WITNESS_DROP)
    xis = [[np.array([0.5, 0, 0, 0]), np.zeros(4)], [np.array([-0.5, 0, 0, 0]), np.zeros(4)]]

    def grad_k(v, k):
        return [x + e for x, e in zip([np.asarray(x, float) for x in v], xis[k])]

    samples = [0, 1, 1, 0, 1]
    traj = z.run_zsharp_training(w, grad_k, 5, samples=samples, momentum=0.0, weight_decay=0.0, clip=None)
    ref = w
    for t, k in enumerate(samples):
        ref = z.zsharp_noisy_step(ref, grad_k, k)
        assert all(np.array_equal(a, b) for a, b in zip(traj[t + 1], ref))
    with pytest.raises(ValueError):
        z.run_zsharp_training(w, grad_k, 6, samples=samples)


# ------------------------------------------------------------------- clipping


@FAST
@given(layers_st, st.one_of(st.just(1.0), st.floats(min_value=1e-3, max_value=1e3)))
def test_clip_facts(layers, c):
    """torch.nn.utils.clip_grad_norm_ (Clipping.clip), coef = c/(‖g‖ + 1e-6) capped at 1:
    ‖clip g‖ ≤ c; ⟨clip g, g⟩ ≥ 0; clip g = g when ‖g‖ + 1e-6 ≤ c."""
    out = z.clip_grad_norm(layers, c)
    n = z.global_norm(layers)
    assert close_le(z.global_norm(out), c)
    assert sum(float(np.dot(a, b)) for a, b in zip(out, layers)) >= 0
    coef = min(c / (n + 1e-6), 1.0)
    assert all(np.array_equal(a, coef * b) for a, b in zip(out, layers))
    if n + 1e-6 <= c:
        assert all(np.array_equal(a, b) for a, b in zip(out, layers))
    small = [x / max(n, 1.0) * 0.5 for x in layers]  # ‖small‖ ≤ 0.5
    assert all(np.array_equal(a, b) for a, b in zip(z.clip_grad_norm(small, 1.0), small))


# ------------------------------------------------------------ SGD with momentum


def _sgd_loop(w0, grads, lr, beta, wd):
    """Independent scalar loop of torch.optim.SGD (dampening 0, nesterov False)."""
    w, buf, out = [float(x) for x in w0], None, []
    for g in grads:
        d = [float(gi) + wd * wi for gi, wi in zip(g, w)]
        buf = d if buf is None else [beta * b + di for b, di in zip(buf, d)]
        w = [wi - lr * b for wi, b in zip(w, buf)]
        out.append(list(w))
    return out


@FAST
@given(st.integers(min_value=1, max_value=8), st.integers(min_value=1, max_value=12),
       st.integers(min_value=0, max_value=2**31 - 1))
def test_sgd_momentum_matches_loop(n, steps, seed):
    """sgd_momentum_step (HeavyBall.sgd_momentum_step) is torch's SGD: d = g + λw; b = d at
    the first step, then b = βb + d; w ← w − ηb — compared with an independent scalar loop
    at ZSharp's constants (η 0.01, β 0.9, λ 5e-4), on layers split arbitrarily."""
    rng = np.random.default_rng(seed)
    w0 = rng.standard_normal(n) * 3
    grads = [rng.standard_normal(n) for _ in range(steps)]
    ref = _sgd_loop(w0, grads, LR, BETA, WD)
    cut = int(rng.integers(0, n + 1))
    w, buf = [w0[:cut], w0[cut:]], None
    for t, g in enumerate(grads):
        w, buf = z.sgd_momentum_step(w, [g[:cut], g[cut:]], buf, LR, BETA, WD)
        assert np.allclose(z.flatten(w), ref[t], rtol=1e-13, atol=1e-14)
    first, _ = z.sgd_momentum_step([w0], [grads[0]], [np.ones(n)], first=True)
    assert np.allclose(first[0], ref[0], rtol=1e-13, atol=1e-14)  # first=True ignores the buffer


#: torch.optim.SGD(lr, momentum, weight_decay) from w0 = (1, −2, 0.5) on four fixed gradients,
#: in float64, as torch 2.14.1 computed it (recorded: torch is not a test dependency)
TORCH_GRADS = [[0.5, 1.0, -3.0], [0.25, -1.0, 2.0], [-4.0, 0.0, 1.0], [1.0, 1.0, 1.0]]
TORCH_SGD = {
    (0.01, 0.9, 5e-4): [[0.994995, -2.00999, 0.5299975],
                        [0.9879855250249999, -2.00897095005, 0.5369926000125],
                        [1.0216720576198748, -2.00804376024025, 0.53328550506075],
                        [1.041984828594974, -2.017199249192674, 0.5199464531766497]],
    (0.5, 0.5, 0.1): [[0.7, -2.4, 1.975], [0.38999999999999996, -1.98, 1.61375], [2.2155, -1.671, 0.8524375],
                      [2.517475, -1.93295, -0.0708406250000001]],
}


@pytest.mark.parametrize("hyper", sorted(TORCH_SGD))
def test_sgd_momentum_matches_torch(hyper):
    """Same as above against the trajectories torch.optim.SGD itself produced (ZSharp's
    constants, and large ones where every term shows)."""
    lr, beta, wd = hyper
    w, buf = [np.array([1.0, -2.0, 0.5])], None
    for g, want in zip(TORCH_GRADS, TORCH_SGD[hyper]):
        w, buf = z.sgd_momentum_step(w, [np.array(g)], buf, lr, beta, wd)
        assert np.allclose(w[0], want, rtol=1e-14, atol=1e-15)


def test_train_step_by_hand():
    """zsharp_train_step is the trainer's sequence: g = ∇L(w), clip to 1, ε from the
    network mask of the clipped g (global norm, δ = 1e-12), g₂ = ∇L(w + ε), torch SGD step
    at the original w with g₂ and the momentum buffer carried over."""
    rng = np.random.default_rng(7)
    lams = [rng.uniform(0.5, 20, 5), rng.uniform(0.5, 20, 3)]
    centre = [rng.standard_normal(5), rng.standard_normal(3)]
    grad = _quad_grad(lams, centre)
    w, buf = [rng.standard_normal(5) * 4, rng.standard_normal(3) * 4], None
    traj = z.run_zsharp_training(w, grad, 6)
    for t in range(6):
        g = grad(w)
        n = math.sqrt(sum(float(np.sum(x * x)) for x in g))
        g = [x * min(1.0, 1.0 / (n + 1e-6)) for x in g]
        masks = z.zsharp_masks(g)
        gf = [x * m for x, m in zip(g, masks)]
        nf = math.sqrt(sum(float(np.sum(x * x)) for x in gf))
        g2 = grad([x + RHO * f / (nf + DELTA) for x, f in zip(w, gf)])
        d = [a + WD * x for a, x in zip(g2, w)]
        buf = d if buf is None else [BETA * b + di for b, di in zip(buf, d)]
        w = [x - LR * b for x, b in zip(w, buf)]
        assert all(np.allclose(a, b, rtol=1e-13, atol=1e-15) for a, b in zip(traj[t + 1], w))


# ------------------------------------------------------- heavy ball, 1-D quadratic


def _heavy_ball_matrix(h, eta=LR, beta=BETA):
    """State x = (b, w): b⁺ = βb + hw, w⁺ = w − ηb⁺ (d = (a + λ)w = hw)."""
    return np.array([[beta, h], [-eta * beta, 1 - eta * h]])


def _wedge_form(x, m):
    y = m @ x
    return x[0] * y[1] - x[1] * y[0]


@FAST
@given(st.floats(min_value=0.3, max_value=300.0), st.floats(min_value=-10.0, max_value=10.0),
       st.integers(min_value=1, max_value=200))
def test_heavy_ball_wedge_invariant(a, w0, steps):
    """Heavy ball (torch SGD, momentum β, weight decay λ) on L = a w²/2, h = a + λ in the
    admissible range (1 − √β)² < ηh < (1 + √β)² (here a ∈ [0.3, 300], η = 0.01, β = 0.9):
    V(x) = x ∧ Mx (M the iteration matrix on x = (b, w), det M = β) satisfies
    V(x⁺) = β·V(x) exactly, V is definite, hence w_T² ≤ K·β^T with K = |V(x_0)|/c,
    c = min |eigenvalue| of the symmetric form of V. Also the library's explicit constant
    (HeavyBall.hb_energy_iter, hb_iter_w2_le_start): Q = −V = ηβb² + (β + ηh − 1)bw + hw²
    has Q(x_T) = β^T Q(x_0), and from b_0 = 0, w_T² ≤ (4ηβh/D)·β^T·w_0² with
    D = 4β − (1 + β − ηh)² > 0."""
    h = a + WD
    assert (1 - math.sqrt(BETA)) ** 2 < LR * h < (1 + math.sqrt(BETA)) ** 2
    m = _heavy_ball_matrix(h)
    assert math.isclose(np.linalg.det(m), BETA, rel_tol=1e-12)
    jm = np.array([[0.0, 1.0], [-1.0, 0.0]]) @ m
    eig = np.linalg.eigvalsh((jm + jm.T) / 2)
    assert eig[0] * eig[1] > 0  # V definite
    x = np.array([0.0, w0])  # torch's buffer starts from b = d, i.e. b_0 = 0
    v0 = _wedge_form(x, m)
    k_const = abs(v0) / float(np.min(np.abs(eig)))
    disc = 4 * BETA - (1 + BETA - LR * h) ** 2
    assert disc > 0
    w, buf = [np.array([w0])], None
    for t in range(1, steps + 1):
        v_prev = _wedge_form(x, m)
        w, buf = z.sgd_momentum_step(w, [a * w[0]], buf, LR, BETA, WD)
        x_new = np.array([buf[0][0], w[0][0]])
        assert np.linalg.norm(x_new - m @ x) <= 1e-12 * np.linalg.norm(m) * np.linalg.norm(x)
        x = x_new
        assert math.isclose(_wedge_form(x, m), BETA * v_prev, rel_tol=1e-7, abs_tol=1e-300)
        assert close_le(float(w[0][0]) ** 2, k_const * BETA**t, 1e-7)
        q = LR * BETA * x[0] ** 2 + (BETA + LR * h - 1) * x[0] * x[1] + h * x[1] ** 2
        assert math.isclose(q, -_wedge_form(x, m), rel_tol=1e-9, abs_tol=1e-300)
        assert math.isclose(q, BETA**t * h * w0**2, rel_tol=1e-7, abs_tol=1e-300)
        assert close_le(float(w[0][0]) ** 2, 4 * LR * BETA * h / disc * BETA**t * w0**2, 1e-7)


# ------------------------------------------------------- decaying schedules, momentum trainer


def _exact_expectation(w0, grad_k, probs, etas, rhos, f):
    """E f(w_T) over all histories of the finite law (T = len(etas)), noisy step t with η_t, ρ_t."""
    states = [(1.0, w0)]
    for eta, rho in zip(etas, rhos):
        states = [(p * q, z.zsharp_noisy_step(w, grad_k, k, eta, rho, DELTA, P))
                  for p, w in states for k, q in enumerate(probs)]
    return sum(p * f(w) for p, w in states)


@pytest.mark.parametrize("steps", [1, 3, 6])
def test_noisy_filter_decaying_witness(steps):
    """NoisyFilter.noisy_decaying_rate at its witness (Examples.Stochastic.NetworkDynamicsWitness):
    bowl on R^8 = 4 + 4 from WITNESS_DROP, two-point noise ±e_0 (σ² = 1), η_t = 4/(t + 4),
    ρ_t = √(0.0025 η_t) (ρ_0 = 0.05): E‖w_T‖² ≤ max(4‖w_0‖², 16σ'²/(0.5·4 − 1))/(T + 4),
    σ'² = 1.5σ² + 3·0.0025 — the exact expectation over all 2^T histories."""
    w0 = z.witness_point(z.WITNESS_DROP)
    e0 = [np.eye(1, 4, 0)[0], np.zeros(4)]

    def grad_k(v, k):
        sign = 1.0 if k == 0 else -1.0
        return [np.asarray(x, float) + sign * e for x, e in zip(v, e0)]

    etas = [4 / (t + 4) for t in range(steps)]
    rhos = [math.sqrt(0.0025 * eta) for eta in etas]
    expect = _exact_expectation(w0, grad_k, [0.5, 0.5], etas, rhos, lambda w: z.global_norm(w) ** 2)
    s2p = 1.5 * 1.0 + 3 * 0.0025
    k_const = max(4 * z.global_norm(w0) ** 2, 16 * s2p / (0.5 * 4 - 1))
    assert close_le(expect, k_const / (steps + 4))


def _hb_energy(eta, beta, h, w, b):
    return eta * beta * b**2 + (beta + eta * h - 1) * b * w + h * w**2


@FAST
@given(st.lists(st.floats(min_value=0.3, max_value=300.0), min_size=8, max_size=8),
       st.sampled_from(["drop", "fallback"]), st.integers(min_value=1, max_value=60))
def test_momentum_trainer_ball(curv, witness, steps):
    """ZSharpMomentum.momentum_perturbed_coord_ball / momentum_perturbed_w2_le: the full
    trainer (clip to 1.0, network mask of the clipped gradient, ε with δ = 1e-12, gradient
    at w + ε, torch SGD lr 0.01, momentum 0.9, weight decay 5e-4) on ½Σa_i w_i² with
    h_i = a_i + λ admissible (D_i = 4β − (1 + β − ηh_i)² > 0): per coordinate
    √Q(x_T) ≤ √β^T √Q(x_0) + |a_i|ρ√η/(1 − √β) and w_{T,i}² ≤ (4ηβ/D_i)(…)²."""
    w0 = z.witness_point(z.WITNESS_DROP if witness == "drop" else z.WITNESS_FALLBACK)
    sizes = z.layer_sizes(w0)
    a = np.array((curv * 2)[: sum(sizes)])
    lams = z.unflatten(a, sizes)
    grad = _quad_grad(lams, [np.zeros_like(x) for x in w0])
    w, buf = w0, None
    for _ in range(steps):
        w, buf = z.zsharp_train_step(w, grad, buf)
    wT, bT, x0 = z.flatten(w), z.flatten(buf), z.flatten(w0)
    sb = math.sqrt(BETA)
    for i, ai in enumerate(a):
        h = ai + WD
        disc = 4 * BETA - (1 + BETA - LR * h) ** 2
        assert disc > 0
        radius = abs(ai) * RHO * math.sqrt(LR) / (1 - sb)
        rhs = sb**steps * math.sqrt(_hb_energy(LR, BETA, h, x0[i], 0.0)) + radius
        q_t = _hb_energy(LR, BETA, h, wT[i], bT[i])
        assert close_le(math.sqrt(max(q_t, 0.0)), rhs)
        assert close_le(wT[i] ** 2, 4 * LR * BETA / disc * rhs**2)
