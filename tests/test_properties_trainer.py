"""Property tests of ZSharp's trainer loops (Coq: Theory.Dynamics.Trainer, Theory.Dynamics.TrainerBounded):
upstream's loop as written (the gradient carried across iterations), loop (i) with
``zero_grad`` and loop (ii) with the closure, at ZSharp's constants (lr 0.01, β 0.9,
λ 5e-4, ρ 0.05, δ 1e-12, p = 70, clipping at 1.0), on diagonal quadratics ½Σa_i w_i²
split into layers where the network mask really drops components.

Each test states the theorem it checks; every bound is paired with an exact identity.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from leansharp_tools import zsharp as z
from leansharp_tools.zsharp import trainer as tr

from property_strategies import FAST, close_le

K = tr.TrainerConstants()
LR, BETA, WD, RHO, CLIP = K.lr, K.momentum, K.weight_decay, K.rho, K.clip
LOOPS = list(tr.GradSource)
assert (LR, BETA, WD, RHO, CLIP, K.delta) == (0.01, 0.9, 5e-4, 0.05, 1.0, 1e-12)


def _energy(h: float, w: float, b: float) -> float:
    """Q = ηβb² + (β + ηh − 1)bw + hw² (HeavyBall.hb_energy)."""
    return LR * BETA * b**2 + (BETA + LR * h - 1) * b * w + h * w**2


def _hb_step(a: float, w: float, b: float) -> tuple[float, float]:
    """HeavyBall.hb_step on g(y) = a·y: b' = βb + ay + λy, w' = w − ηb'."""
    b2 = BETA * b + (a * w + WD * w)
    return w - LR * b2, b2


def _problem(curv: list[float], scale: float):
    w0 = [scale * x for x in z.witness_point(z.WITNESS_DROP)]
    a = np.array(curv[:8])
    lams = z.unflatten(a, z.layer_sizes(w0))
    return w0, a, (lambda w: [lam * np.asarray(x, float) for lam, x in zip(lams, w)])


def _flat_state(s: tr.TrainerState) -> tuple[np.ndarray, np.ndarray]:
    w = z.flatten(s.w)
    return w, (z.flatten(s.buf) if s.buf is not None else np.zeros_like(w))


curvatures = st.lists(st.floats(min_value=0.3, max_value=300.0), min_size=8, max_size=8)


@FAST
@given(curvatures, st.floats(min_value=0.05, max_value=20.0), st.sampled_from(LOOPS))
def test_coordinate_step_is_heavy_ball_plus_kick(curv, scale, loop):
    """TrainerBounded.trainer_coord_step / trainer_kick_le: coordinate i moves by the
    heavy-ball map plus κ_i·(−η, 1), κ_i = f_i + a_iε_i (a_iε_i with the closure), exactly;
    and |κ_i| ≤ c + |a_i|ρ (|a_i|ρ with the closure), whatever the carried sum holds."""
    w0, a, grad = _problem(curv, scale)
    states = tr.run_trainer_states(w0, grad, 25, loop)
    for s, s_next in zip(states, states[1:]):
        parts = tr.step_parts(s, grad, tr.GradSource(loop), K)
        f, e = z.flatten(parts.f), z.flatten(parts.eps)
        w, b = _flat_state(s)
        w2, b2 = _flat_state(s_next)
        kick = (0.0 if loop is tr.GradSource.CLOSURE else f) + a * e
        bound = (0.0 if loop is tr.GradSource.CLOSURE else CLIP) + np.abs(a) * RHO
        for i in range(8):
            hw, hb = _hb_step(a[i], w[i], b[i])
            assert b2[i] == pytest.approx(hb + kick[i], rel=1e-9, abs=1e-12)
            assert w2[i] == pytest.approx(hw - LR * kick[i], rel=1e-9, abs=1e-12)
            assert close_le(abs(kick[i]), bound[i])


@FAST
@given(st.lists(st.floats(min_value=0.3, max_value=300.0), min_size=8, max_size=8),
       st.floats(min_value=0.05, max_value=20.0), st.sampled_from(LOOPS), st.integers(1, 400))
def test_every_loop_stays_in_the_ball(curv, scale, loop, steps):
    """TrainerBounded.trainer_coord_ball / trainer_w2_bounded: with D_i > 0,
    √Q_i(x_T) ≤ √β^T √Q_i(x_0) + K_i√η/(1 − √β) and w_{T,i}² ≤ (4ηβ/D_i)(…)²."""
    w0, a, grad = _problem(curv, scale)
    sT = tr.run_trainer_states(w0, grad, steps, loop)[-1]
    wT, bT = _flat_state(sT)
    x0 = z.flatten(w0)
    sb = math.sqrt(BETA)
    for i in range(8):
        h = a[i] + WD
        disc = 4 * BETA - (1 + BETA - LR * h) ** 2
        assert disc > 0
        kick = (0.0 if loop is tr.GradSource.CLOSURE else CLIP) + abs(a[i]) * RHO
        rhs = sb**steps * math.sqrt(_energy(h, x0[i], 0.0)) + kick * math.sqrt(LR) / (1 - sb)
        assert close_le(math.sqrt(max(_energy(h, wT[i], bT[i]), 0.0)), rhs)
        assert close_le(wT[i] ** 2, 4 * LR * BETA / disc * rhs**2)


@pytest.mark.parametrize("loop", LOOPS)
def test_dropped_coordinates_take_the_heavy_ball_step(loop):
    """TrainerBounded.trainer_dropped_coord / as_written_dropped_carried: where the mask
    drops coordinate i, (w_i, b_i) moves by the heavy-ball map alone and, as written, the
    carried d_i is a_i w_i. Along 300 iterations on an ill-conditioned diagonal quadratic
    the mask drops components at every iteration (counted: the property is not vacuous)."""
    curv = [0.5, 1.0, 2.0, 3.0, 0.7, 1.5, 2.5, 1.2]
    w0, a, grad = _problem(curv, 1.0)
    states = tr.run_trainer_states(w0, grad, 300, loop)
    drops = 0
    for s, s_next in zip(states, states[1:]):
        parts = tr.step_parts(s, grad, tr.GradSource(loop), K)
        m = z.flatten(parts.mask)
        w, b = _flat_state(s)
        w2, b2 = _flat_state(s_next)
        for i in np.flatnonzero(m == 0):
            drops += 1
            hw, hb = _hb_step(a[i], w[i], b[i])
            assert (w2[i], b2[i]) == (pytest.approx(hw, rel=1e-12, abs=1e-15), pytest.approx(hb, rel=1e-12, abs=1e-15))
            assert z.flatten(s_next.grad)[i] == pytest.approx(a[i] * w[i], rel=1e-12, abs=1e-15)
    assert drops >= 300


def test_witness_bounds_at_zsharp_constants():
    """Examples.Dynamics.TrainerWitness: on the bowl over W 8 from gD, every coordinate obeys
    w_{T,i}² ≤ 1.3(5.01·0.95^T + 2.05)² as written and 1.3(5.01·0.95^T + 0.0975)² with
    the closure. The as-written loop does not approach w* = 0 (‖w_T‖ stays above 0.1
    after 2000 iterations) while the closure loop ends inside its radius."""
    w0 = z.witness_point(z.WITNESS_DROP)
    as_written = tr.run_trainer_as_written(w0, z.quadratic_bowl_grad, 2000)
    closure = tr.run_trainer_closure(w0, z.quadratic_bowl_grad, 2000)
    for t in (0, 1, 10, 100, 1000, 2000):
        for wi in z.flatten(as_written[t]):
            assert close_le(wi**2, 1.3 * (5.01 * 0.95**t + 2.05) ** 2)
        for wi in z.flatten(closure[t]):
            assert close_le(wi**2, 1.3 * (5.01 * 0.95**t + 0.0975) ** 2)
    tail = [z.global_norm(w) for w in as_written[1500:]]
    assert min(tail) > 0.1
    assert z.global_norm(closure[-1]) < 0.01
