"""The axioms Coq's standard library stack rests on, accepted as "standard classical"."""

from __future__ import annotations

from leansharp_tools.backends.base import dotted_suffix

#: Coq 8.16's Reals rest on the first two (`Print Assumptions` of any lemma using
#: `Rle_dec` / `total_order_T` shows them); the rest are the usual classical-logic /
#: extensionality axioms of the standard library that Coquelicot and mathcomp-analysis
#: use. Names are matched by suffix (Coq prints the shortest unambiguous qualified name).
STANDARD_AXIOMS = (
    "Coq.Reals.ClassicalDedekindReals.sig_forall_dec",
    "Coq.Reals.ClassicalDedekindReals.sig_not_dec",
    "Coq.Logic.FunctionalExtensionality.functional_extensionality_dep",
    "Coq.Logic.Classical_Prop.classic",
    "Coq.Logic.PropExtensionality.propositional_extensionality",
    "Coq.Logic.ClassicalEpsilon.constructive_indefinite_description",
    "Coq.Logic.ProofIrrelevance.proof_irrelevance",
    "Coq.Logic.Eqdep.Eq_rect_eq.eq_rect_eq",
    "Coq.Logic.ClassicalUniqueChoice.dependent_unique_choice",
    "Coq.Logic.IndefiniteDescription.constructive_indefinite_description",
)


def is_standard_axiom(name: str) -> bool:
    """Whether `name`, as Coq printed it, is one of `STANDARD_AXIOMS`."""
    return any(dotted_suffix(name, std) for std in STANDARD_AXIOMS)
