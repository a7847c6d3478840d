"""Run tactics on the goals of a theorem, LeanDojo style, backed by a real prover process.

    from leansharp_tools.dojo import Dojo, ProofFinished, TacticError, TacticState

    with Dojo("mask_idem", project=".") as (dojo, state):  # a full name or a unique suffix
        print(state.pp)                                   # the goals after the statement
        s1 = dojo.run_tac(state, "intros n m i.")        # TacticState | ProofFinished | ...
        if isinstance(s1, TacticError): print(s1.error)   # Coq's message; the dojo stays usable
        s2 = dojo.run_tac(state, "intros; lia.")          # any earlier state can be reused
        print(dojo.query("Search (_ * _ <= _).", s1))     # Search / Check / About / Print / Locate
        dojo.premises(s1)                                 # the premises usable in this proof

Results: `TacticState(id, goals, message)` with goals as in `leansharp extract`'s dataset
({"id", "focus", "hyps": [{"names", "type"}], "concl"}), `ProofFinished` when no goal is
left AND the proof closes (`Qed`, checked by the kernel, then undone), `ProofGivenUp`
after `admit`, `TacticError(error)` otherwise. Exceptions, LeanDojo's: `DojoInitError`
(unknown or ambiguous name — the candidates listed —, not built, does not replay),
`DojoCrashError` (coqtop died: how, and what it ran), `DojoTacticTimeoutError` (the
tactic was interrupted; the Dojo stays on the state it ran on), `DojoQueryError`; all
are `DojoError`, a `LeanSharpError` (`dojo.results`).

One coqtop per file (`dojo.session`): the session replays the file up to the theorem's
statement (and its `Proof ...` sentence), so Sections, Modules, local notations and
`Proof using` are in force exactly as in the source; closing the Dojo keeps the coqtop
for the next theorem of that file, reached by `BackTo` (earlier in the file) or by
replaying the sentences in between, with the `Qed` proofs on the way admitted (see
`dojo.session` for when, and `fast=False`). States form a tree: running a tactic on a
state that is not the current one goes back (`BackTo`) or replays the tactics that lead
to it. `leansharp_tools.dojo.close_all()` ends the kept coqtops (done at exit).
"""

from __future__ import annotations

from leansharp_tools.dojo.core import Dojo
from leansharp_tools.dojo.results import (
    QUERIES,
    DojoCrashError,
    DojoError,
    DojoInitError,
    DojoQueryError,
    DojoTacticTimeoutError,
    Goals,
    ProofFinished,
    ProofGivenUp,
    Result,
    TacticError,
    TacticState,
    normalize_tactic,
    render_goal,
    unterminated,
)
from leansharp_tools.dojo.session import POOL
from leansharp_tools.dojo.source import TheoremSource, locate, premises_before, required_modules, resolve_name


def close_all() -> None:
    """End every coqtop the Dojos keep for reuse."""
    POOL.close_all()


__all__ = ["QUERIES", "Dojo", "DojoCrashError", "DojoError", "DojoInitError", "DojoQueryError",
           "DojoTacticTimeoutError", "Goals", "ProofFinished", "ProofGivenUp", "Result", "TacticError",
           "TacticState", "TheoremSource", "close_all", "locate", "normalize_tactic", "premises_before",
           "render_goal", "required_modules", "resolve_name", "unterminated"]
