"""Test losses with closed-form gradients: the bowl ½‖w‖² and diagonal quadratics, and
the witness points of the Coq library (where ZSharp's network mask really filters).

Part of :mod:`leansharp_tools.zsharp` (the package docstring states both rules).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from numpy.typing import ArrayLike

from leansharp_tools.zsharp.core import GradFn, Layers, _layers

__all__ = [
    "quadratic_bowl_grad", "diag_quadratic_loss", "diag_quadratic_grad",
    "WITNESS_DROP", "WITNESS_FALLBACK", "BOWL8_SIZES", "witness_point",
]

#: Witness point of the bowl on R^8 split in two layers of 4 (∇L(w) = w, so this is also
#: the gradient there). Layer A = (1, 1, 1, 5) is a spike (|z| = 1/2, 1/2, 1/2, 3/2 up to
#: the 1e-8), layer B = (1, −1, 1, −1) alternates (|z| = 1/(2/√3 + 1e-8) for all four).
#: At p = 70 the global threshold is B's |z|: A keeps only its 4th component, B keeps
#: all four; 3 of 8 nonzero components are dropped (g ⊙ m ≠ g) and no fallback fires.
WITNESS_DROP = ((1.0, 1.0, 1.0, 5.0), (1.0, -1.0, 1.0, -1.0))
#: Witness point on R^10 split in layers of 6 and 4. A = (1, 1, 1, −1, −1, −1) has
#: |z| = 1/(√(6/5) + 1e-8) everywhere; B = (1, −24/25, −24/25, 23/25) (mean 0, sample
#: variance 2306/1875, s_B ≈ 1.1090 > √(6/5)) has |z| = (1, 0.96, 0.96, 0.92)/(s_B + 1e-8),
#: all below A's value, the first strictly largest. At p = 70 the threshold equals A's
#: value, so A keeps everything, B's quantile mask is empty and the fallback keeps B's top
#: max(1, ⌊0.8⌋) = 1 component: its first, with no tie for ``torch.topk`` to break.
#: Coq: ``LeanSharp.Examples.Filter.FallbackWitness.gF``.
WITNESS_FALLBACK = ((1.0, 1.0, 1.0, -1.0, -1.0, -1.0), (1.0, -24 / 25, -24 / 25, 23 / 25))
#: The layer split of the bowl on R^8 of :data:`WITNESS_DROP`.
BOWL8_SIZES = (4, 4)


def witness_point(witness: Sequence[Sequence[float]] = WITNESS_DROP) -> Layers:
    """A fresh copy of a witness point (:data:`WITNESS_DROP` or :data:`WITNESS_FALLBACK`)
    as layers; on the bowl (:func:`quadratic_bowl_grad`) it is also the gradient."""
    return _layers(witness)


def quadratic_bowl_grad(w: Sequence[ArrayLike]) -> Layers:
    """∇L for the bowl L(w) = ½‖w‖² (all layers): ∇L(w) = w.

    On it the ZSharp direction d = w + ε satisfies ⟨d, w⟩ ≥ ‖w‖² and ‖d‖ ≤ ‖w‖ + ρ
    (alignment with w* = 0), and w_T obeys ‖w_T‖ ≤ (1 − η)^T‖w_0‖ + ρ for 0 < η ≤ 1.
    Coq: ``LeanSharp.Examples.Models.bowl_grad``,
    ``LeanSharp.Examples.Dynamics.QuadraticBowl.bowl_zsharp_inner``,
    ``LeanSharp.Examples.Dynamics.QuadraticBowl.bowl_zsharp_norm``,
    ``LeanSharp.Examples.Dynamics.QuadraticBowl.bowl_zsharp_aligned``,
    ``LeanSharp.Examples.Dynamics.QuadraticBowl.bowl_zsharp_converges``.
    """
    return [x.copy() for x in _layers(w)]


def diag_quadratic_loss(lams: Sequence[ArrayLike], w: Sequence[ArrayLike]) -> float:
    """L(w) = ½ Σ_l Σ_i λ^l_i (w^l_i)², the diagonal quadratic (λ ≥ 0: L ≥ 0 = L(0)).

    Lc-smooth with Lc = max λ, μ-strongly convex with μ = min λ (when > 0).
    Coq: ``LeanSharp.Optim.Smooth.quad_diag``.
    """
    return 0.5 * sum(float(np.dot(lam * x, x)) for lam, x in zip(_layers(lams), _layers(w)))


def diag_quadratic_grad(lams: Sequence[ArrayLike]) -> GradFn:
    """∇L for L(w) = ½ Σ λ_i w_i² (per layer λ^l): ∇L(w) = λ ⊙ w.

    With λ ∈ [1, Λ] and 0 < η ≤ 1/Λ the ZSharp iterates satisfy
    ‖w_T‖ ≤ (1 − η)^T‖w_0‖ + Λρ.  Coq: ``LeanSharp.Optim.Smooth.quad_diag_grad``,
    ``LeanSharp.Examples.Dynamics.IllConditioned.illcond2_zsharp_converges`` (λ = (1, 100)).
    """
    ls = _layers(lams)

    def grad(w: Sequence[ArrayLike]) -> Layers:
        return [lam * x for lam, x in zip(ls, _layers(w))]

    return grad
