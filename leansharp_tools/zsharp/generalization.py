"""Finite-space information quantities of the PAC-Bayes bounds: KL divergence, the
log-partition ln E_P[e^f] and the tilted (Gibbs) law P_f.

Part of :mod:`leansharp_tools.zsharp`. Laws are probability vectors on {0, …, K−1}.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from leansharp_tools.zsharp.core import Vector, _vec

__all__ = ["kl_divergence", "log_partition", "tilt"]


def _pair(a: ArrayLike, b: ArrayLike) -> tuple[Vector, Vector]:
    u, v = _vec(a), _vec(b)
    if u.shape != v.shape:
        raise ValueError(f"the two vectors must have the same length, not {u.size} and {v.size}")
    return u, v


def kl_divergence(q: ArrayLike, p: ArrayLike) -> float:
    """KL(Q‖P) = Σ_k q_k ln(q_k/p_k) with 0·ln 0 = 0; +∞ when some q_k > 0 has p_k = 0
    (Q is not absolutely continuous w.r.t. P).

    Coq: ``LeanSharp.Theory.Generalization.KL.KL`` (``LeanSharp.Theory.Generalization.KL.kl_term`` per point),
    ``LeanSharp.Theory.Generalization.KL.gibbs`` (KL(Q‖P) ≥ 0 for laws with Q ≪ P).
    """
    qa, pa = _pair(q, p)
    on = qa > 0
    if np.any(pa[on] <= 0):
        return float("inf")
    return float(np.sum(qa[on] * np.log(qa[on] / pa[on])))


def log_partition(p: ArrayLike, f: ArrayLike) -> float:
    """ln E_P[e^f] = ln Σ_k p_k e^{f_k}, computed without overflow (shifted by max f on
    the support of P).

    Coq: ``LeanSharp.Theory.Generalization.KL.partition`` (E_P[e^f]),
    ``LeanSharp.Theory.Generalization.KL.donsker_varadhan`` (E_Q[f] ≤ KL(Q‖P) + ln E_P[e^f]).
    """
    pa, fa = _pair(p, f)
    on = pa > 0
    if not on.any():
        raise ValueError("P must put positive mass somewhere")
    m = float(np.max(fa[on]))
    return m + float(np.log(np.sum(pa[on] * np.exp(fa[on] - m))))


def tilt(p: ArrayLike, f: ArrayLike) -> Vector:
    """The tilted (Gibbs) law P_f with P_f(k) = p_k e^{f_k} / E_P[e^f]; at Q = P_f the
    Donsker–Varadhan bound is an equality.

    Coq: ``LeanSharp.Theory.Generalization.KL.tilt``, ``LeanSharp.Theory.Generalization.KL.tilt_is_law``,
    ``LeanSharp.Theory.Generalization.KL.kl_tilt``, ``LeanSharp.Theory.Generalization.KL.donsker_varadhan_attained``.
    """
    pa, fa = _pair(p, f)
    return np.asarray(pa * np.exp(fa - log_partition(pa, fa)), dtype=np.float64)
