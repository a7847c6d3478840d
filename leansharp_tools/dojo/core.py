"""The Dojo: run tactics on the goals of a theorem, backed by a real coqtop (see the
package docstring, `leansharp_tools.dojo`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

from leansharp_tools.backends.coq.coqtop import Coqtop, CoqtopTimeout, Response
from leansharp_tools.backends.coq.errors import CoqtopCrashed
from leansharp_tools.dojo.results import (
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
    check_query,
    normalize_tactic,
    unterminated,
)
from leansharp_tools.dojo.session import POOL, FileSession, start_session
from leansharp_tools.dojo.source import TheoremSource, locate, premises_before, resolve_name
from leansharp_tools.extract.toolkit import CoqProject, LeanSharpError, open_project


@dataclass
class _Node:
    parent: Optional[int]
    tactic: str
    coq_state: int
    goals: Goals


class Dojo:
    """`with Dojo(theorem, project=".") as (dojo, initial_state): dojo.run_tac(state, tactic)`.

    `theorem`: a full name or a unique suffix of one. `fast`: admit the `Qed` proofs of
    the file on the way (`dojo.session`); `reuse`: take the file's idle coqtop from the
    pool and give it back on close; `dataset`: a `leansharp extract` output directory for
    `premises` (default: the .glob files)."""

    def __init__(self, theorem: str, project: Union[None, str, Path, CoqProject] = ".",
                 timeout: float = 60.0, setup_timeout: float = 3600.0, fast: bool = True, reuse: bool = True,
                 dataset: Union[None, str, Path] = None) -> None:
        self.theorem = theorem
        self.proj = open_project(project)
        self.timeout = timeout
        self.setup_timeout = setup_timeout
        self.fast, self.reuse = fast, reuse
        self.dataset = Path(dataset) if dataset is not None else None
        self.source: Optional[TheoremSource] = None
        self._sess: Optional[FileSession] = None
        self._nodes: Dict[int, _Node] = {}
        self._live: List[int] = []

    @property
    def _top(self) -> Optional[Coqtop]:
        return self._sess.top if self._sess is not None else None

    # ------------------------------------------------------------------ session
    def __enter__(self) -> Tuple["Dojo", TacticState]:
        try:
            return self, self._start()
        except CoqtopCrashed as err:
            self._crashed()
            raise DojoInitError(f"{self.theorem}: {err}") from None
        except CoqtopTimeout:
            self.close()
            raise DojoInitError(f"{self.theorem}: opening it ran past {self.setup_timeout:g}s") from None
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Give the file's coqtop back to the pool (or end it: `reuse=False`)."""
        if self._sess is not None:
            POOL.release(self._sess)
            self._sess = None

    def _crashed(self) -> None:
        if self._sess is not None:
            POOL.discard(self._sess)
            self._sess = None

    def _start(self) -> TacticState:
        name = resolve_name(self.proj, self.theorem)
        src = self.source = locate(self.proj, name, self.setup_timeout)
        self.theorem = name
        self._sess = start_session(self.proj, src.file, self._index(src), self.setup_timeout, self.fast, self.reuse)
        top = self._sess.top
        r = top.send(src.statement)
        if r.error or r.proof is None:
            raise DojoInitError(f"{src.file}:{src.line}: {src.name}: its statement does not open a proof"
                                f"{': ' + r.error[:200] if r.error else ''}")
        goals = [g.to_json() for g in top.goals(r.display, r.state)] if r.display else []
        if src.opener is not None:
            o = top.send(src.opener)
            if o.error or o.proof is None:
                raise DojoInitError(f"{src.file}:{src.line}: {src.name} is proved by a term, not a tactic script")
            if o.display:
                goals = [g.to_json() for g in top.goals(o.display, o.state)]
        self._nodes = {0: _Node(None, "", top.state, goals)}
        self._live = [0]
        return TacticState(0, goals)

    def _index(self, src: TheoremSource) -> int:
        from leansharp_tools.extract.trace import file_spans

        spans = file_spans(self.proj, src.file, self.setup_timeout)
        return next(k for k, (a, _) in enumerate(spans) if a == src.prefix_end)

    def _open(self) -> Coqtop:
        if self._sess is None:
            raise DojoError("this Dojo is closed; use it inside its `with` block")
        return self._sess.top

    # ----------------------------------------------------------------- tactics
    def _path(self, node: int) -> List[int]:
        out = []
        cur: Optional[int] = node
        while cur is not None:
            out.append(cur)
            cur = self._nodes[cur].parent
        return out[::-1]

    def _goto(self, node: int) -> None:
        """Make coqtop's current state the one of `node` (BackTo, then replay)."""
        top = self._open()
        path = self._path(node)
        common = 0
        while common < min(len(path), len(self._live)) and path[common] == self._live[common]:
            common += 1
        base = path[common - 1]
        if self._live[-1] != base or top.state != self._nodes[base].coq_state:
            top.back_to(self._nodes[base].coq_state)
        for n in path[common:]:
            rs = top.run(self._nodes[n].tactic, self.timeout)
            if any(r.error for r in rs) or not rs:
                raise DojoError(f"{self.theorem}: replaying `{self._nodes[n].tactic}` failed")
            self._nodes[n].coq_state = top.state
        self._live = path

    def _state_id(self, state: Union[TacticState, int, None]) -> int:
        sid = self._live[-1] if state is None and self._live else 0 if state is None else \
            state if isinstance(state, int) else state.id
        if sid not in self._nodes:
            raise DojoError(f"unknown state id {sid}")
        return sid

    def run_tac(self, state: Union[TacticState, int], tactic: str) -> Result:
        """Run `tactic` (one or more sentences) on `state`: a result (a failing tactic is a
        `TacticError`); DojoTacticTimeoutError past the timeout (the Dojo stays on
        `state`), DojoCrashError when coqtop dies."""
        self._open()
        sid = self._state_id(state)
        tac = normalize_tactic(tactic)
        if not tac:
            return TacticError("empty tactic")
        if unterminated(tac):
            return TacticError(f"unterminated {unterminated(tac)} in the tactic")
        try:
            return self._run(sid, tac)
        except CoqtopCrashed as err:
            self._crashed()
            raise DojoCrashError(f"{self.theorem}: {err}") from None
        except CoqtopTimeout:  # replaying the tactics that lead to `sid` (each ran in time before)
            self._live = self._path(0)
            self._open().back_to(self._nodes[0].coq_state)
            raise DojoTacticTimeoutError(f"replaying the tactics that lead to state {sid} ran past "
                                         f"{self.timeout:g}s; the Dojo is back on state 0") from None

    def _run(self, sid: int, tac: str) -> Result:
        top = self._open()
        self._goto(sid)
        base = self._nodes[sid]
        try:
            rs = top.run(tac, self.timeout)
        except CoqtopTimeout:
            self._back(sid)
            raise DojoTacticTimeoutError(f"`{' '.join(tac.split())[:60]}` ran past {self.timeout:g}s and was "
                                         f"interrupted; the Dojo is back on state {sid}") from None
        err = next((r.error for r in rs if r.error), None)
        if err is None and rs and rs[-1].proof is None:
            err = "the tactic left proof mode (give tactics only, the proof is closed by the Dojo)"
        if err is None and not rs:
            err = "no complete sentence in the tactic"
        if err is not None:
            self._back(sid)
            return TacticError(err)
        return self._record(sid, base, tac, rs)

    def _record(self, sid: int, base: _Node, tac: str, rs: List[Response]) -> Result:
        top = self._open()
        shown = next((r.display for r in reversed(rs) if r.display is not None), None)
        goals = base.goals if shown is None else [g.to_json() for g in top.goals(shown, top.state)]
        message = "\n".join(m for r in rs for m in r.messages)
        nid = len(self._nodes)
        node = _Node(sid, tac, top.state, goals)
        finished = shown is not None and shown.finished
        if finished and not any(g["focus"] == "focused" for g in goals):
            if any(g["focus"] == "given_up" for g in goals):
                self._nodes[nid] = node
                self._live.append(nid)
                return ProofGivenUp(nid, message)
            here = top.state
            assert self.source is not None
            err = top.save(self.source.terminator)
            if err is None:
                top.back_to(here)
                self._nodes[nid] = node
                self._live.append(nid)
                return ProofFinished(nid, message)
            if not any(w in err for w in ("incomplete proof", "unfocus", "bullet")):  # e.g. an open `{`
                self._back(sid)
                return TacticError(f"the proof has no goal left but does not check: {err}")
        self._nodes[nid] = node
        self._live.append(nid)
        return TacticState(nid, goals, message)

    def _back(self, sid: int) -> None:
        """After a failure: coqtop back to `sid` (a multi-sentence tactic may have moved it)."""
        self._live = self._path(sid)
        self._open().back_to(self._nodes[sid].coq_state)

    # ------------------------------------------------------------ search help
    def query(self, command: str, state: Union[TacticState, int, None] = None) -> str:
        """What Coq prints for `Search ...`, `Check ...`, `About ...`, `Print ...` (also
        SearchPattern, SearchRewrite, Locate), run in `state` (default: the last state
        reached), which it leaves as it was. DojoQueryError for anything else, or when Coq
        rejects the query."""
        q = check_query(command)
        top = self._open()
        sid = self._state_id(state)
        try:
            self._goto(sid)
            here = top.state
            try:
                rs = top.run(q, self.timeout)
            except CoqtopTimeout:
                top.back_to(here)
                raise DojoQueryError(f"`{q[:60]}` ran past {self.timeout:g}s and was interrupted") from None
            top.back_to(here)
        except CoqtopCrashed as err:
            self._crashed()
            raise DojoCrashError(f"{self.theorem}: {err}") from None
        except CoqtopTimeout:
            raise DojoTacticTimeoutError(f"replaying the tactics that lead to state {sid} ran past "
                                         f"{self.timeout:g}s") from None
        rejected = next((r.error for r in rs if r.error), None)
        if rejected is not None:
            raise DojoQueryError(f"`{' '.join(q.split())[:60]}`: {rejected}")
        return "\n".join(_printed(r) for r in rs).strip()

    def premises(self, state: Union[TacticState, int, None] = None) -> List[Dict[str, Any]]:
        """The project's premises usable in this proof (the same for every state of it):
        the declarations of the modules its file requires, transitively, and those of its
        own file before it; premise records of `leansharp extract` (`dataset`), else from
        the .glob files with `statement` null (`dojo.source.premises_before`)."""
        if self.source is None:
            raise DojoError("this Dojo is not open; use it inside its `with` block")
        if state is not None:
            self._state_id(state)
        return premises_before(self.proj, self.source, self.dataset)


def _printed(r: Response) -> str:
    """What a query printed: its messages, else the text before the prompt."""
    return "\n".join(r.messages) if r.messages else r.text.strip()


__all__ = ["Dojo", "LeanSharpError"]
