"""Shared hypothesis strategies and float helpers of the property tests
(tests/test_properties_filter.py, tests/test_properties_sam.py) on `leansharp_tools.zsharp`.

Floating point: inequalities get a relative tolerance; mask identities that hold exactly
in ℝ are compared off the decision boundary (components whose deviation is within a
relative 1e-9 of the cutoff may legitimately round either way).
"""

from __future__ import annotations

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st

from leansharp_tools import zsharp as z

FAST = settings(max_examples=80, deadline=None)
TOL = 1e-9

coord = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)
vec = st.lists(coord, min_size=1, max_size=24).map(lambda xs: np.array(xs, dtype=float))
vec2 = st.lists(coord, min_size=2, max_size=24).map(lambda xs: np.array(xs, dtype=float))
layers_st = st.lists(vec, min_size=1, max_size=5)
percentile = st.floats(min_value=0.0, max_value=100.0)
rho_st = st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=10.0))


@st.composite
def vec_and_mask(draw):
    g = draw(vec)
    m = np.array(draw(st.lists(st.sampled_from([0.0, 1.0]), min_size=g.size, max_size=g.size)))
    return g, m


def close_le(a: float, b: float, tol: float = TOL) -> bool:
    return a <= b + tol * max(1.0, abs(a), abs(b))


def well_spread(g: np.ndarray) -> bool:
    """σ is not lost in rounding: σ > 0 and not negligible against max |g_i|."""
    return z.pop_std(g) > 1e-6 * max(1.0, float(np.max(np.abs(g))))


def agree_off_boundary(m1, m2, dev, cutoff) -> bool:
    diff = np.asarray(m1) != np.asarray(m2)
    scale = max(float(np.max(dev, initial=0.0)), abs(cutoff), 1e-300)
    return bool(np.all(np.abs(dev[diff] - cutoff) <= 1e-9 * scale))


coord_w = st.floats(min_value=-1e2, max_value=1e2, allow_nan=False)
wvec = st.lists(coord_w, min_size=1, max_size=12).map(lambda xs: np.array(xs, dtype=float))


@st.composite
def quad_problem(draw, lo=0.0, hi=10.0, max_n=8):
    n = draw(st.integers(min_value=1, max_value=max_n))
    lam = np.array(draw(st.lists(st.floats(min_value=lo, max_value=hi), min_size=n, max_size=n)))
    w = np.array(draw(st.lists(coord_w, min_size=n, max_size=n)))
    return lam, w
