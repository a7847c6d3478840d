"""The shared vocabulary of the ZSharp reference implementation: vector/layer types,
the ε constants and defaults of ZSharp's optimizer, and the :class:`Rule` switch.

Part of :mod:`leansharp_tools.zsharp` (the package docstring states both rules).
"""

from __future__ import annotations

import enum
from typing import Callable, List, Optional, Sequence, TypedDict, Union

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["EPS_STD", "EPS_SAM", "DEFAULT_PERCENTILE", "FALLBACK_FRACTION", "Rule"]

Vector = NDArray[np.float64]
Layers = List[Vector]
GradFn = Callable[[Layers], Sequence[ArrayLike]]

#: ε_std added to the sample std in ZSharp's z-score (z = (g − μ)/(s + ε_std)).
EPS_STD: float = 1e-8
#: ε added to ‖g_f‖ in ZSharp's SAM perturbation ε = ρ·g_f/(‖g_f‖ + 1e-12).
EPS_SAM: float = 1e-12
#: ZSharp's default percentile p of the global |z| quantile.
DEFAULT_PERCENTILE: float = 70.0
#: Fraction of a layer kept by the fallback: top max(1, ⌊0.2·n_l⌋) components.
FALLBACK_FRACTION: float = 0.2


class Rule(str, enum.Enum):
    """Which version of the filter to compute.

    ``ACTUAL``: ZSharp's published optimizer (sample std + 1e-8, global quantile
    threshold, per-layer fallback, 1e-12 in the SAM normalisation).
    ``IDEALISED``: the rule of the analysis (population σ, fixed threshold, no ε terms).
    """

    ACTUAL = "actual"
    IDEALISED = "idealised"

    def __repr__(self) -> str:
        return f"Rule.{self.name}"


class FilterOptions(TypedDict, total=False):
    """The options of ZSharp's filter, passed on as keywords by every function that
    filters (meaning and defaults: :func:`~leansharp_tools.zsharp.rule.zsharp_masks`)."""

    rule: Union[Rule, str]
    percentile: float
    t: Optional[float]
    kind: str


def _rule(rule: Union[Rule, str]) -> Rule:
    try:
        return Rule(rule)
    except ValueError:
        raise ValueError(f"rule must be 'actual' or 'idealised', not {rule!r}") from None


def _vec(g: ArrayLike) -> Vector:
    """A fresh 1-D float64 copy of g (layers of any shape are flattened, as ZSharp's `view(-1)`)."""
    return np.array(g, dtype=np.float64).reshape(-1)


def _layers(gs: Sequence[ArrayLike]) -> Layers:
    if isinstance(gs, np.ndarray):
        raise TypeError("expected a sequence of layers (e.g. [g]); wrap a single vector in a list")
    return [_vec(g) for g in gs]
