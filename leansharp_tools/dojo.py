"""Run tactics on the goals of a theorem, LeanDojo style, backed by a real prover process.

    from leansharp_tools.dojo import Dojo, ProofFinished, TacticError, TacticState

    with Dojo("LeanSharp.Filter.Mask.mask_idem", project=".") as (dojo, state):
        print(state.pp)                                   # the goals after the statement
        s1 = dojo.run_tac(state, "intros n m i.")        # TacticState | ProofFinished | ...
        if isinstance(s1, TacticError): print(s1.error)   # Coq's message; the dojo stays usable
        s2 = dojo.run_tac(state, "intros; lia.")          # any earlier state can be reused

Results: `TacticState(id, goals, message)` with goals as in `leansharp extract`'s dataset
({"id", "focus", "hyps": [{"names", "type"}], "concl"}), `ProofFinished` when no goal is
left AND the proof closes (`Qed`, checked by the kernel, then undone), `ProofGivenUp`
after `admit`, `TacticError(error)` otherwise (also on a timeout). The session opens
the theorem's file in coqtop, replays it up to the theorem's statement (and its
`Proof ...` sentence), so Sections, Modules, local notations and `Proof using` are in
force exactly as in the source. States form a tree: running a tactic on a state that
is not the current one goes back (`BackTo`) or replays the tactics that lead to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

from leansharp_tools.backends.coq.coqtop import Coqtop, CoqtopTimeout, Response
from leansharp_tools.extract.toolkit import CoqProject, LeanSharpError, open_project
from leansharp_tools.extract.trace import LineIndex, _module_path, file_spans, head_keyword, read_glob

Goals = List[Dict[str, Any]]
_ENDS = ("Qed", "Defined", "Admitted", "Save", "Abort")


@dataclass(frozen=True)
class TacticState:
    id: int
    goals: Goals
    message: str = ""

    @property
    def num_goals(self) -> int:
        return len(self.goals)

    @property
    def pp(self) -> str:
        """The goals as Coq prints them (hypotheses, a rule, the conclusion)."""
        return "\n\n".join(render_goal(g) for g in self.goals) or "No more goals."


@dataclass(frozen=True)
class ProofFinished:
    id: int
    message: str = ""


@dataclass(frozen=True)
class ProofGivenUp:
    id: int
    message: str = ""


@dataclass(frozen=True)
class TacticError:
    error: str


Result = Union[TacticState, ProofFinished, ProofGivenUp, TacticError]


def render_goal(goal: Dict[str, Any]) -> str:
    hyps = []
    for h in goal.get("hyps", []):
        body = f" := {h['body']}" if "body" in h else ""
        hyps.append(f"{', '.join(h['names'])}{body} : {h['type']}")
    marker = "" if goal.get("focus", "focused") == "focused" else f"({goal['focus']})\n"
    return marker + "\n".join(hyps + ["=" * 28, goal["concl"]])


def normalize_tactic(tactic: str) -> str:
    """A tactic without its final '.' gets one (bullets and braces need none)."""
    t = tactic.strip()
    if not t or t.endswith((".", "{", "}")) or set(t) <= set("-+*"):
        return t
    return t + "."


def unterminated(text: str) -> Optional[str]:
    """"comment" or "string" when `text` leaves one open (coqtop would wait for more input)."""
    depth, i, in_str = 0, 0, False
    while i < len(text):
        if in_str:
            in_str = text[i] != '"' or text.startswith('""', i)
            i += 2 if text.startswith('""', i) else 1
            continue
        if text.startswith("(*", i):
            depth, i = depth + 1, i + 2
        elif depth and text.startswith("*)", i):
            depth, i = depth - 1, i + 2
        else:
            in_str = not depth and text[i] == '"'
            i += 1
    return "comment" if depth else "string" if in_str else None


@dataclass
class _Node:
    parent: Optional[int]
    tactic: str
    coq_state: int
    goals: Goals


@dataclass
class TheoremSource:
    """Where a theorem is: its file, the byte offset of its statement, the statement
    and `Proof ...` sentences, and the sentence that ends its proof."""

    name: str
    module: str
    file: Path
    prefix_end: int
    statement: str
    opener: Optional[str]
    terminator: str
    line: int = 0
    extra: Dict[str, Any] = field(default_factory=dict)


def locate(proj: CoqProject, name: str, timeout: float = 3600.0) -> TheoremSource:
    """Find theorem `name` (fully qualified) in the project's sources."""
    mods = sorted(((proj.module_of(f), f) for f in proj.vfiles), key=lambda mf: -len(mf[0]))
    hit = next(((m, f) for m, f in mods if name.startswith(m + ".")), None)
    if hit is None:
        raise LeanSharpError(f"{name}: no module of the project contains it (modules: "
                             f"{', '.join(m for m, _ in mods[:6])}{', ...' if len(mods) > 6 else ''})")
    module, vfile = hit
    proj.require_built([vfile])
    defs, _ = read_glob(proj, vfile)
    if not defs:
        raise LeanSharpError(f"{vfile.with_suffix('.glob')}: missing or empty; rebuild with glob files "
                             f"(`leansharp build`; coq_makefile writes them by default)")
    d = next((d for d in defs if d.name == name), None)
    if d is None:
        return _locate_by_proof(proj, module, vfile, name, timeout)
    spans = file_spans(proj, vfile, timeout)
    k = next((i for i, (a, b) in enumerate(spans) if a <= d.start < b), None)
    if k is None:
        raise LeanSharpError(f"{name}: cannot find its statement among the sentences of {vfile}")
    idx = LineIndex((proj.root / vfile).read_bytes())
    texts = [idx.text(a, b) for a, b in spans]
    opener = texts[k + 1] if k + 1 < len(texts) and head_keyword(texts[k + 1]) == "Proof" else None
    end = next((t for t in texts[k + 1:] if head_keyword(t) in _ENDS), "Qed.")
    return TheoremSource(name, module, vfile, spans[k][0], texts[k], opener, end, idx.at(spans[k][0])[0])


def _locate_by_proof(proj: CoqProject, module: str, vfile: Path, name: str, timeout: float) -> TheoremSource:
    """A name the .glob does not list, one Coq makes (an anonymous `Instance`'s
    `C_instance_N`, a Program obligation `x_obligation_N` opened by `Next Obligation`):
    the sentence that opens the proof coqtop names so, found by replaying the file."""
    spans = file_spans(proj, vfile, timeout)
    idx = LineIndex((proj.root / vfile).read_bytes())
    texts = [idx.text(a, b) for a, b in spans]
    heads = [head_keyword(t) for t in texts]
    paths = _module_path(heads, texts, module)
    short = name.rsplit(".", 1)[1]
    in_proof = False
    with Coqtop(proj, topfile=vfile, timeout=timeout) as top:
        for k, text in enumerate(texts):
            r = top.send(text)
            if r.error:
                break
            if not in_proof and r.proof == short and f"{paths[k]}.{short}" == name:
                opener = texts[k + 1] if k + 1 < len(texts) and heads[k + 1] == "Proof" else None
                end = next((t for t in texts[k + 1:] if head_keyword(t) in _ENDS), "Qed.")
                return TheoremSource(name, module, vfile, spans[k][0], text, opener, end, idx.at(spans[k][0])[0])
            in_proof = r.proof is not None
    raise LeanSharpError(f"{name}: no such declaration in {module} ({vfile}), and no proof of that name opens there")


class Dojo:
    """`with Dojo(theorem, project=".") as (dojo, initial_state): dojo.run_tac(state, tactic)`."""

    def __init__(self, theorem: str, project: Union[None, str, Path, CoqProject] = ".",
                 timeout: float = 60.0, setup_timeout: float = 3600.0) -> None:
        self.theorem = theorem
        self.proj = open_project(project)
        self.timeout = timeout
        self.setup_timeout = setup_timeout
        self.source: Optional[TheoremSource] = None
        self._top: Optional[Coqtop] = None
        self._nodes: Dict[int, _Node] = {}
        self._live: List[int] = []

    # ------------------------------------------------------------------ session
    def __enter__(self) -> Tuple["Dojo", TacticState]:
        try:
            return self, self._start()
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._top is not None:
            self._top.close()
            self._top = None

    def _start(self) -> TacticState:
        src = self.source = locate(self.proj, self.theorem, self.setup_timeout)
        top = self._top = Coqtop(self.proj, topfile=src.file, timeout=self.setup_timeout)
        prefix = (self.proj.root / src.file).read_bytes()[:src.prefix_end].decode("utf-8", "replace")
        for r in top.run(prefix):
            if r.error:
                raise LeanSharpError(f"{src.file}: replaying the file up to {src.name} failed: {r.error[:300]}")
        r = top.send(src.statement)
        if r.error or r.proof is None:
            raise LeanSharpError(f"{src.file}:{src.line}: {src.name}: its statement does not open a proof"
                                 f"{': ' + r.error[:200] if r.error else ''}")
        goals = [g.to_json() for g in top.goals(r.display, r.state)] if r.display else []
        if src.opener is not None:
            o = top.send(src.opener)
            if o.error or o.proof is None:
                raise LeanSharpError(f"{src.file}:{src.line}: {src.name} is proved by a term, not a tactic script")
            if o.display:
                goals = [g.to_json() for g in top.goals(o.display, o.state)]
        self._nodes = {0: _Node(None, "", top.state, goals)}
        self._live = [0]
        return TacticState(0, goals)

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
        assert self._top is not None
        path = self._path(node)
        common = 0
        while common < min(len(path), len(self._live)) and path[common] == self._live[common]:
            common += 1
        base = path[common - 1]
        if self._live[-1] != base or self._top.state != self._nodes[base].coq_state:
            self._top.back_to(self._nodes[base].coq_state)
        for n in path[common:]:
            rs = self._top.run(self._nodes[n].tactic, self.timeout)
            if any(r.error for r in rs) or not rs:
                raise LeanSharpError(f"{self.theorem}: replaying `{self._nodes[n].tactic}` failed")
            self._nodes[n].coq_state = self._top.state
        self._live = path

    def run_tac(self, state: Union[TacticState, int], tactic: str) -> Result:
        """Run `tactic` (one or more sentences) on `state`; see the module docstring."""
        if self._top is None:
            raise LeanSharpError("this Dojo is closed; use it inside its `with` block")
        sid = state if isinstance(state, int) else state.id
        if sid not in self._nodes:
            raise LeanSharpError(f"unknown state id {sid}")
        tac = normalize_tactic(tactic)
        if not tac:
            return TacticError("empty tactic")
        if unterminated(tac):
            return TacticError(f"unterminated {unterminated(tac)} in the tactic")
        self._goto(sid)
        base = self._nodes[sid]
        try:
            rs = self._top.run(tac, self.timeout)
        except CoqtopTimeout:
            self._back(sid)
            return TacticError(f"timeout: the tactic ran past {self.timeout:g}s and was interrupted")
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
        assert self._top is not None
        shown = next((r.display for r in reversed(rs) if r.display is not None), None)
        goals = base.goals if shown is None else [g.to_json() for g in self._top.goals(shown, self._top.state)]
        message = "\n".join(m for r in rs for m in r.messages)
        nid = len(self._nodes)
        node = _Node(sid, tac, self._top.state, goals)
        finished = shown is not None and shown.finished
        if finished and not any(g["focus"] == "focused" for g in goals):
            if any(g["focus"] == "given_up" for g in goals):
                self._nodes[nid] = node
                self._live.append(nid)
                return ProofGivenUp(nid, message)
            here = self._top.state
            assert self.source is not None
            err = self._top.save(self.source.terminator)
            if err is None:
                self._top.back_to(here)
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
        assert self._top is not None
        self._live = self._path(sid)
        self._top.back_to(self._nodes[sid].coq_state)
