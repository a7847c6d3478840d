"""Test losses with closed-form gradients: the bowl ½‖w‖² and diagonal quadratics.

Part of :mod:`leansharp_tools.zsharp` (the package docstring states both rules).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from numpy.typing import ArrayLike

from leansharp_tools.zsharp.core import Layers, GradFn, _layers

__all__ = ["quadratic_bowl_grad", "diag_quadratic_loss", "diag_quadratic_grad"]


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
