"""Exact examples for the reference implementation `leansharp_tools.zsharp`, and a
comparison of the actual rule with a direct, torch-free, pure-Python re-derivation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from leansharp_tools import zsharp as z

# ----------------------------------------------------------------- exact examples


def test_sig_mask_keeps_outlier_only():
    # g = (0,0,0,0,10): μ = 2, σ² = (4·4 + 64)/5 = 16, σ = 4; |g − μ| = (2,2,2,2,8).
    g = [0, 0, 0, 0, 10]
    assert z.mean(g) == 2.0
    assert z.pop_std(g) == 4.0
    assert z.sig_mask(g, 1.0).tolist() == [0, 0, 0, 0, 1]  # 8 ≥ 4, 2 < 4
    assert z.inlier_mask(g, 1.0).tolist() == [1, 1, 1, 1, 0]
    assert z.sig_mask(g, 0.5).tolist() == [1, 1, 1, 1, 1]  # boundary 2 = 0.5·4 is kept
    assert z.inlier_mask(g, 0.5).tolist() == [1, 1, 1, 1, 0]  # ... by both masks
    assert z.sig_mask(g, 2.0).tolist() == [0, 0, 0, 0, 1]
    assert z.sig_mask(g, 2.01).tolist() == [0, 0, 0, 0, 0]
    assert z.hadamard(g, z.sig_mask(g, 1.0)).tolist() == [0, 0, 0, 0, 10]


def test_sample_std_matches_torch_convention():
    g = [0, 0, 0, 0, 10]
    # s² = 80/4 = 20 (divisor n − 1), σ² = 80/5 = 16
    assert z.sample_std(g) == pytest.approx(math.sqrt(20))
    assert z.sample_std([3.0]) == 0.0
    assert z.sample_std(g) == pytest.approx(math.sqrt(5 / 4) * z.pop_std(g))


def test_zscores_actual_and_small_layers():
    g = np.array([0, 0, 0, 0, 10.0])
    expect = (g - 2.0) / (math.sqrt(20) + 1e-8)
    assert np.allclose(z.zscores(g), expect, rtol=0, atol=1e-15)
    assert z.zscores([7.0]).tolist() == [0.0]
    assert z.zscores([]).tolist() == []
    assert np.allclose(z.zscores(g, "idealised"), (g - 2.0) / 4.0)
    assert z.zscores([1.0, 1.0, 1.0], z.Rule.IDEALISED).tolist() == [0, 0, 0]


def test_quantile_threshold_linear_interpolation():
    # one layer (0,0,0,0,10): |z| = (2,2,2,2,8)/(√20+1e-8); sorted: a,a,a,a,b
    # p = 70: h = 0.7·4 = 2.8 → x_(2) + 0.8(x_(3) − x_(2)) = a
    a = 2 / (math.sqrt(20) + 1e-8)
    b = 8 / (math.sqrt(20) + 1e-8)
    assert z.quantile_threshold([[0, 0, 0, 0, 10]]) == pytest.approx(a)
    # p = 90: h = 3.6 → a + 0.6(b − a)
    assert z.quantile_threshold([[0, 0, 0, 0, 10]], 90) == pytest.approx(a + 0.6 * (b - a))
    assert z.quantile_threshold([[0, 0, 0, 0, 10]], 100) == pytest.approx(b)
    with pytest.raises(ValueError):
        z.quantile_threshold([[]])


def test_actual_masks_example_with_fallback():
    # layer 1 = (0,0,0,0,10), layer 2 = (1,2,3), layer 3 = (5) (size 1: z = 0)
    # |z|: layer 1 (a,a,a,a,b) with a ≈ 0.447, b ≈ 1.789; layer 2 (1,0,1); layer 3 (0)
    # sorted (0,0,a,a,a,a,1,1,b), h = 0.7·8 = 5.6 → t = a + 0.6(1 − a) ≈ 0.779
    masks = z.zsharp_masks([[0, 0, 0, 0, 10], [1, 2, 3], [5]])
    assert [m.tolist() for m in masks] == [[0, 0, 0, 0, 1], [1, 0, 1], [1]]
    a = 2 / (math.sqrt(20) + 1e-8)
    assert z.quantile_threshold([[0, 0, 0, 0, 10], [1, 2, 3], [5]]) == pytest.approx(a + 0.6 * (1 - 1e-8 - a), rel=1e-7)


def test_fallback_keeps_top_k_ties_by_index():
    # A layer of 10 identical large |z| values next to a layer of 10 constant values.
    # Layer 2 has z = 0 everywhere; t > 0, so its mask is empty → keeps k = ⌊0.2·10⌋ = 2
    # components, all tied at |z| = 0 → the two lowest indices.
    big = [1.0, -1.0] * 5
    masks = z.zsharp_masks([big, [3.0] * 10], percentile=70)
    assert masks[0].tolist() == [1.0] * 10
    assert masks[1].tolist() == [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    assert z.fallback_count(4) == 1 and z.fallback_count(5) == 1 and z.fallback_count(10) == 2
    assert z.fallback_count(1) == 1 and z.fallback_count(99) == 19
    assert z.top_k_mask([3, 1, 3, 2], 1).tolist() == [1, 0, 0, 0]
    assert z.top_k_mask([3, 1, 3, 2], 3).tolist() == [1, 0, 1, 1]
    assert z.top_k_mask([3, 1], 5).tolist() == [1, 1]


def test_rule_switch():
    g = [[0, 0, 0, 0, 10]]
    assert z.zsharp_masks(g, rule="idealised", t=1.0)[0].tolist() == [0, 0, 0, 0, 1]
    assert z.zsharp_masks(g, rule=z.Rule.IDEALISED, t=1.0, kind="inlier")[0].tolist() == [1, 1, 1, 1, 0]
    with pytest.raises(ValueError):
        z.zsharp_masks(g, rule="idealised")  # needs t
    with pytest.raises(ValueError):
        z.zsharp_masks(g, t=1.0)  # the actual rule computes t itself
    with pytest.raises(ValueError):
        z.zsharp_masks(g, rule="other")
    with pytest.raises(TypeError):
        z.zsharp_masks(np.array([1.0, 2.0]))  # a bare vector is not a list of layers


def test_sigma_zero_behaviour():
    # σ = 0: every deviation is 0 ≥ t·0, so the idealised significant mask keeps all
    assert z.sig_mask([2.0, 2.0, 2.0], 5.0).tolist() == [1, 1, 1]
    assert z.inlier_mask([2.0, 2.0, 2.0], 5.0).tolist() == [1, 1, 1]
    # actual rule: z = 0/(0 + 1e-8) = 0, the quantile is 0, everything is kept
    assert z.zsharp_masks([[2.0, 2.0, 2.0]])[0].tolist() == [1, 1, 1]
    with pytest.raises(ValueError):
        z.rescaled_threshold([2.0, 2.0], 1.0)


def test_sam_perturbation_and_step_example():
    gf = [np.array([3.0, 0.0]), np.array([4.0])]  # ‖g_f‖ = 5
    eps = z.sam_perturbation(gf, 0.5)
    assert np.allclose(np.concatenate(eps), [0.3, 0.0, 0.4])
    assert z.global_norm(eps) == pytest.approx(0.5 * 5 / (5 + 1e-12))
    assert z.sam_perturbation([np.zeros(3)], 0.5)[0].tolist() == [0, 0, 0]
    assert z.sam_perturbation([np.zeros(3)], 0.5, "idealised")[0].tolist() == [0, 0, 0]
    assert z.global_norm(z.sam_perturbation(gf, 0.5, "idealised")) == pytest.approx(0.5)
    # bowl, one layer w = (0,0,0,0,10): g = w, g_f = (0,0,0,0,10), ε = (0,0,0,0,ρ)
    w = [np.array([0, 0, 0, 0, 10.0])]
    w1 = z.zsharp_step(w, z.quadratic_bowl_grad, eta=0.1, rho=0.5)
    assert np.allclose(w1[0], [0, 0, 0, 0, 10 - 0.1 * 10.5])
    # plain SAM (no filter) on w = (3, 4): ε = ρ·w/5
    w = [np.array([3.0, 4.0])]
    w1 = z.sam_step(w, z.quadratic_bowl_grad, eta=0.5, rho=1.0, filtered=False)
    assert np.allclose(w1[0], [3 - 0.5 * 3.6, 4 - 0.5 * 4.8])
    # inputs are not modified
    assert w[0].tolist() == [3.0, 4.0]


def test_diag_quadratic_and_run():
    grad = z.diag_quadratic_grad([[1.0, 100.0]])
    assert grad([np.array([1.0, 1.0])])[0].tolist() == [1.0, 100.0]
    traj = z.run_zsharp([[1.0, 1.0]], grad, eta=0.01, rho=0.0, steps=3)
    assert len(traj) == 4
    assert np.allclose(traj[-1][0], [0.99**3, 0.0])


# ------------------------------------------- torch-free pure-Python re-derivation


def reference_actual_masks(layers, p=70.0):
    """ZSharp's rule written out with lists and `math` only (no NumPy)."""
    zs = []
    for g in layers:
        n = len(g)
        if n < 2:
            zs.append([0.0] * n)
            continue
        mu = sum(g) / n
        s = math.sqrt(sum((x - mu) ** 2 for x in g) / (n - 1))
        zs.append([abs((x - mu) / (s + 1e-8)) for x in g])
    allz = sorted(v for zl in zs for v in zl)
    h = p / 100 * (len(allz) - 1)
    lo, hi = math.floor(h), math.ceil(h)
    t = allz[lo] + (h - lo) * (allz[hi] - allz[lo])
    masks = []
    for zl in zs:
        m = [1.0 if v >= t else 0.0 for v in zl]
        if zl and sum(m) == 0:
            k = max(1, int(0.2 * len(zl)))
            for i in sorted(range(len(zl)), key=lambda i: (-zl[i], i))[:k]:
                m[i] = 1.0
        masks.append(m)
    return t, masks


EXAMPLES = [
    [[0, 0, 0, 0, 10]],
    [[0, 0, 0, 0, 10], [1, 2, 3], [5]],
    [[0.3, -1.2, 2.5, 0.1], [7.0, 7.5], [-3.0, 1.0, 2.0, 9.0, -4.0, 0.5]],
    [[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 100.0], [0.01, 0.02, 0.015]],
    [[2.0, 2.0, 2.0], [1.0, 5.0, 2.0, 8.0]],
]


@pytest.mark.parametrize("layers", EXAMPLES)
@pytest.mark.parametrize("p", [0.0, 30.0, 50.0, 70.0, 90.0, 100.0])
def test_actual_rule_matches_pure_python(layers, p):
    t_ref, masks_ref = reference_actual_masks(layers, p)
    assert z.quantile_threshold(layers, p) == pytest.approx(t_ref, rel=1e-12, abs=1e-15)
    assert [m.tolist() for m in z.zsharp_masks(layers, percentile=p)] == masks_ref


small_layer = st.lists(st.integers(-50, 50).map(lambda k: k / 8), min_size=1, max_size=7)


@settings(max_examples=150, deadline=None)
@given(st.lists(small_layer, min_size=1, max_size=4), st.sampled_from([10.0, 50.0, 70.0, 85.0]))
def test_actual_rule_matches_pure_python_random(layers, p):
    t_ref, masks_ref = reference_actual_masks(layers, p)
    allz = np.concatenate([np.abs(z.zscores(g)) for g in layers])
    # off the decision boundary the two derivations must agree exactly
    assume(np.all(np.abs(allz - t_ref) > 1e-9 * max(1.0, t_ref)) or np.ptp(allz) == 0)
    assert [m.tolist() for m in z.zsharp_masks(layers, percentile=p)] == masks_ref
