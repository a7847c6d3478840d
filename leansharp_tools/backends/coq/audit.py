"""What the declarations of a Coq project rest on, in one to three coqc runs.

`Print Assumptions` of one name walks that name's whole dependency closure (on a
Coquelicot-sized project: about a second a name, mostly the standard library's
proofs), so asking it name by name is out of the question. Instead:

Run A (always; generated `LSaudit.v`):
  * `Require`s the standard axioms' libraries and every compiled module of the project;
  * the probes of `axioms.py`: the name each standard axiom prints under *in this very
    environment*, and Coq's own check that it is the standard one;
  * `Locate Term` of every asked name (the name `Print Assumptions` will print it under);
  * coq-dpdgraph's `Print FileDependGraph` of every project module: the objects of the
    project's files and who uses whom; objects without a body are what the files
    assume, whatever command (or plugin, or `Load`) declared them;
  * ONE `Print Assumptions` of a definition naming every asked name: the union U.
  When U holds only standard axioms and no project object lacks a body (the usual
  case), every name is proved: done.

Otherwise each assumption in U is resolved to its fully qualified name (standard:
by the probes; a project declaration: by `Locate`; anything else: by `About` in run B,
which repeats run A's `Require`s so that Coq prints every name the same way), and a
name rests on an assumption exactly when it reaches it in the dependency graph
(dpdgraph follows the types and bodies that `Print Assumptions` follows). Run B also
asks `Print Assumptions` of each project object without a body that nothing asked
uses: one that lists itself is an assumption of its file (reported, used or not);
one that does not is a constant sealed by a module type, and what it lists is what
its users rest on. An assumption from outside the project (another library's axiom)
needs the graph of the whole closure: `Print DependGraph` of the union, in run B or C.
What the graph cannot attribute is returned as `unattributed`, so the gate still fails.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from leansharp_tools.backends.base import (
    Assumption,
    AssumptionKind,
    AssumptionResult,
    Audit,
    DependencyGraph,
    dotted_suffix,
)
from leansharp_tools.backends.coq import axioms
from leansharp_tools.backends.coq.assumptions import parse_assumptions
from leansharp_tools.backends.coq.dpd import dpd_graph
from leansharp_tools.backends.coq.errors import first_error, parse_coq_errors
from leansharp_tools.errors import LeanSharpError

#: what a run is given: (basename, source, output files it writes) -> (returncode, stdout, stderr, {file: text})
RunFn = Callable[[str, str, Sequence[str]], Tuple[int, str, str, Dict[str, str]]]
StepFn = Callable[[str], None]

_ABOUT = "@@LSABOUT"
_ABOUT_MARK_RE = re.compile(r"^@@LSABOUT (\d+)\s*$")
_EXPANDS_RE = re.compile(r"Expands to:\s*(?:Constant|Inductive|Constructor)\s+(\S+)")
_MISSING_RE = re.compile(r"^No (?:term|object) of (?:suffix|basename) (\S+)\s*$")
_MAX_RETRIES = 20
UNION = "LSall__0"
FILE_DPD = "file.dpd"
FULL_DPD = "full.dpd"


def _marker(i: int, mark: str = "@@LS") -> str:
    return f'Goal Coq.Init.Logic.True. idtac "{mark} {i}". Abort.'


@dataclass
class Environment:
    """What every run loads, in this order (the same order: the same printed names)."""

    graph_modules: List[str]  # every compiled module of the project
    with_dpdgraph: bool = True
    accepted: axioms.Accepted = field(default_factory=axioms.Accepted)  # the project's config

    def header(self) -> List[str]:
        lines = ["Set Printing Width 100000."]
        if self.with_dpdgraph:
            lines.append("Require dpdgraph.dpdgraph.")
        lines += [f"Require {lib}." for lib in (*axioms.libraries(), *self.accepted.family_libraries())]
        lines += [f"Require {m}." for m in self.graph_modules]
        return lines


def union_lines(names: Sequence[str]) -> Tuple[List[str], Dict[int, str]]:
    """The definition naming every name (one per line), and {its line offset: name}."""
    lines = [f"Definition {UNION} : Coq.Init.Datatypes.unit :="]
    where: Dict[int, str] = {}
    for n in names:
        where[len(lines)] = n
        lines.append(f"  let _ := @{n} in")
    lines.append("  Coq.Init.Datatypes.tt.")
    return lines, where


def script_a(env: Environment, names: Sequence[str]) -> Tuple[str, Dict[int, str]]:
    """Run A's source (probes, `Locate`, the union) and {1-based source line: asked
    name} for the union's lines."""
    lines = env.header()
    lines += axioms.probe_script(env.accepted).splitlines()
    lines += [f"Locate Term {n}." for n in names]
    body, where = union_lines(names)
    base = len(lines) + 1
    lines += body
    lines += [_marker(0), f"Print Assumptions {UNION}."]
    return "\n".join(lines) + "\n", {base + k: n for k, n in where.items()}


def script_graph(env: Environment, dpd: str) -> str:
    """The graph of the project's files (run beside run A)."""
    lines = env.header() + [f'Set DependGraph File "{dpd}".', f"Print FileDependGraph {' '.join(env.graph_modules)}."]
    return "\n".join(lines) + "\n"


def script_b(env: Environment, about: Sequence[str], objects: Sequence[str], full_names: Sequence[str],
             dpd: str) -> str:
    """Run B/C: `About` of each printed name, `Locate` + `Print Assumptions` of each
    object, and (when `full_names`) the closure graph of their union."""
    lines = env.header()
    for i, p in enumerate(about):
        lines += [_marker(i, _ABOUT), f"About {p}."]
    lines += [f"Locate Term {o}." for o in objects]
    for j, o in enumerate(objects):
        lines += [_marker(j), f"Print Assumptions {o}."]
    lines.append(_marker(len(objects)))  # ends the last answer
    if full_names:
        body, _ = union_lines(full_names)
        lines += body + [f'Set DependGraph File "{dpd}".', f"Print DependGraph {UNION}."]
    return "\n".join(lines) + "\n"


def parse_about(text: str) -> Dict[int, str]:
    """{i: the fully qualified name `About` of the i-th printed name expands to}."""
    out: Dict[int, str] = {}
    cur: Optional[int] = None
    for line in text.splitlines():
        m = _ABOUT_MARK_RE.match(line)
        if m:
            cur = int(m.group(1))
            continue
        e = _EXPANDS_RE.search(line)
        if e and cur is not None and cur not in out:
            out[cur] = e.group(1)
    return out


def missing_names(text: str) -> Set[str]:
    """The names `Locate Term` did not find."""
    return {m.group(1) for m in map(_MISSING_RE.match, text.splitlines()) if m}


def full_of_assumption(a: Assumption, full_of: Mapping[str, str]) -> Assumption:
    """`a` under the fully qualified name `About` gave its printed name, if any."""
    return Assumption(full_of.get(a.name, a.name), a.kind, a.text, a.standard)


def reverse_reach(graph: DependencyGraph, targets: Iterable[str]) -> Dict[str, Set[str]]:
    """{target: every node that reaches it, itself included}."""
    users: Dict[str, List[str]] = defaultdict(list)
    for u, v, _w in graph.edges:
        users[v].append(u)
    out: Dict[str, Set[str]] = {}
    for t in targets:
        seen = {t}
        todo = [t]
        while todo:
            for u in users.get(todo.pop(), ()):
                if u not in seen:
                    seen.add(u)
                    todo.append(u)
        out[t] = seen
    return out


@dataclass
class Auditor:
    """One audit (see the module docstring). `run` runs coqc on a generated file,
    `project_modules` are the project's modules (for the graph's names)."""

    run: RunFn
    env: Environment
    project_modules: List[str]
    theories: Optional[Path]
    on_step: Optional[StepFn] = None
    parallel: bool = True
    runs: int = 0
    environment_problems: List[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _standard: Dict[str, axioms.StandardAxiom] = field(default_factory=dict)
    _by_printed: Dict[str, str] = field(default_factory=dict)
    _families: axioms.Probes = field(default_factory=axioms.Probes)

    def _accepted(self, a: Assumption) -> bool:
        """An axiom or primitive of an accepted family (by the name Coq resolved it to)."""
        return a.kind == AssumptionKind.AXIOM and self._families.accepts_family(a.name)

    def _run(self, what: str, basename: str, src: str, outputs: Sequence[str] = ()) -> Tuple[int, str, str,
                                                                                             Dict[str, str]]:
        with self._lock:
            if self.on_step:
                self.on_step(what)
            self.runs += 1
        return self.run(basename, src, outputs)

    # -- run A, with retries for names Coq does not know
    def _run_a(self, names: List[str]) -> Tuple[List[str], Dict[str, str], str]:
        """(the names Coq knows, {name: why not} for the others, stdout)."""
        errors: Dict[str, str] = {}
        for _attempt in range(_MAX_RETRIES):
            src, where = script_a(self.env, names)
            rc, out, err, _files = self._run("loading the project, one Print Assumptions for all", "LSaudit", src)
            if rc == 0:
                return names, errors, out
            probes = axioms.accept_probe_lines(src)
            rejected = {probes[e.line]: e.message for e in parse_coq_errors(err + "\n" + out) if e.line in probes}
            if rejected:  # an accepted axiom Coq does not know, or a statement it cannot parse: not accepted
                extra = self.env.accepted.extra
                self.environment_problems += [f"{extra[i].why}: accept-axioms: Coq rejects the probe of "
                                              f"{extra[i].name}: {' '.join(msg.split())}"
                                              for i, msg in rejected.items()]
                self.env.accepted = axioms.Accepted(tuple(a for i, a in enumerate(extra) if i not in rejected),
                                                    self.env.accepted.families)
                continue
            bad = {where[e.line]: e.message for e in parse_coq_errors(err + "\n" + out) if e.line in where}
            for n in missing_names(out) & set(names):
                bad.setdefault(n, f"Coq does not know {n}")
            if not bad:
                raise LeanSharpError(f"cannot load the compiled project ({first_error(out, err)}); "
                                     f"run `leansharp build` first")
            errors.update(bad)
            names = [n for n in names if n not in bad]
        raise LeanSharpError(f"Coq rejects too many scanned names (e.g. {next(iter(errors))}: "
                             f"{next(iter(errors.values()))})")

    def _file_graph(self) -> DependencyGraph:
        if not self.env.graph_modules:
            return DependencyGraph()
        rc, out, err, files = self._run("the dependency graph of the project's files", "LSaudit_graph",
                                        script_graph(self.env, FILE_DPD), (FILE_DPD,))
        if rc != 0 or FILE_DPD not in files:
            raise LeanSharpError(f"coq-dpdgraph failed: {first_error(out, err)}")
        return dpd_graph(files[FILE_DPD], self.project_modules)

    # -- the audit
    def audit(self, asks: Mapping[str, Sequence[str]]) -> Audit:
        owner = {n: m for m, ns in asks.items() for n in ns}
        # the union and the graph are independent: two coqc processes side by side
        with ThreadPoolExecutor(max_workers=2 if self.parallel else 1) as pool:
            graph_job = pool.submit(self._file_graph)
            names, errors, out = self._run_a(list(owner))
            graph = graph_job.result()
        probes = axioms.parse_probes(out, self.theories, self.env.accepted)
        self.environment_problems += probes.problems
        self._standard = probes.printed
        self._families = probes
        located = axioms.parse_locate(out)
        self._by_printed = {located[n]: n for n in names if n in located}
        found = [self._resolve(a) for a in parse_assumptions(out).get(0, [])]
        # a changed logic (-type-in-type, -impredicative-set) is the whole project's, not a declaration's
        self.environment_problems += [f"Coq reports: {a.text}" for a in found if a.kind == AssumptionKind.THEORY]
        # (and under -type-in-type the generated union itself "relies on an unsafe hierarchy")
        found = [a for a in found if a.kind != AssumptionKind.THEORY and not dotted_suffix(UNION, a.name)]
        audit = Audit()
        for n, msg in errors.items():
            audit.results.setdefault(owner[n], {})[n] = AssumptionResult(error=msg)
        bodiless = [nd.name for nd in graph.nodes
                    if not nd.body and nd.kind == "cnst" and nd.module in asks and nd.name not in owner]
        if all(a.standard for a in found) and not bodiless:
            for n in names:
                audit.results.setdefault(owner[n], {})[n] = AssumptionResult(list(found))
            return audit
        return self._attribute(audit, owner, set(asks), names, found, graph, bodiless)

    def _resolve(self, a: Assumption) -> Assumption:
        """A printed assumption of a run in this environment: standard by the probes, a
        project declaration by `Locate`, else left as printed (`About` resolves it)."""
        if a.kind == AssumptionKind.AXIOM and a.name in self._standard:
            return Assumption(self._standard[a.name].name, a.kind, a.text, standard=True)
        if a.name in self._by_printed:
            return Assumption(self._by_printed[a.name], a.kind, a.text)
        return a

    def _attribute(self, audit: Audit, owner: Dict[str, str], asked: Set[str], names: List[str],
                   found: List[Assumption], graph: DependencyGraph, bodiless: List[str]) -> Audit:
        module_of = {nd.name: nd.module for nd in graph.nodes}
        foreign = [a for a in found if not a.standard]
        unresolved = [a for a in foreign if a.name not in module_of and a.name not in owner]
        in_union = {a.name for a in found}
        # objects without a body nothing asked uses, and asked names the graph does not
        # place (it could not say what they rest on): `Print Assumptions` of each
        unplaced = [n for n in names if n not in module_of] if foreign else []
        objects = [z for z in bodiless if z not in in_union] + unplaced
        # a printed name that no project object ends with is (most likely) another library's
        external_expected = any(not any(dotted_suffix(a.name, p) for p in module_of) for a in unresolved)
        hidden: Dict[str, List[Assumption]] = {}
        placed: Dict[str, List[Assumption]] = {}
        declared: List[Assumption] = []
        full: Optional[DependencyGraph] = None
        if unresolved or objects:
            about = list(dict.fromkeys(a.name for a in unresolved))
            rc, out, err, files = self._run(
                "naming the assumptions" + (" and the graph of the whole closure" if external_expected else ""),
                "LSaudit_b", script_b(self.env, about, objects, names if external_expected else [], FULL_DPD),
                [FULL_DPD] if external_expected else [])
            if rc != 0:
                raise LeanSharpError(f"cannot name the assumptions Coq reports ({first_error(out, err)})")
            resolved = parse_about(out)
            full_of = {p: resolved[i] for i, p in enumerate(about) if i in resolved}
            foreign = [Assumption(full_of.get(a.name, a.name), a.kind, a.text) for a in foreign]
            foreign = [a for a in foreign if not self._accepted(a)]
            if FULL_DPD in files:
                full = dpd_graph(files[FULL_DPD], self.project_modules)
            located = axioms.parse_locate(out)
            per_object = parse_assumptions(out)
            for j, z in enumerate(objects):
                listed = [a for a in (full_of_assumption(self._resolve(b), full_of) for b in per_object.get(j, [])
                                      if b.kind != AssumptionKind.THEORY) if not self._accepted(a)]
                if z in owner:
                    placed[z] = [full_of_assumption(a, full_of) for a in listed if not a.standard]
                elif any(a.kind == AssumptionKind.AXIOM and a.name in (z, located.get(z)) for a in listed):
                    declared.append(Assumption(z, AssumptionKind.AXIOM))
                else:  # sealed by a module type: its users rest on what its implementation rests on
                    hidden[z] = [full_of_assumption(a, full_of) for a in listed if not a.standard]
        if full is None and any(a.name not in module_of for a in foreign):
            rc, out, err, files = self._run("the graph of the whole closure", "LSaudit_c",
                                            script_b(self.env, [], [], names, FULL_DPD), [FULL_DPD])
            if rc != 0 or FULL_DPD not in files:
                raise LeanSharpError(f"coq-dpdgraph failed: {first_error(out, err)}")
            full = dpd_graph(files[FULL_DPD], self.project_modules)
        use = full if full is not None else graph
        nodes = {nd.name for nd in use.nodes}
        targets: Dict[str, List[str]] = {}
        for a in foreign:
            targets[a.name] = [a.name] if a.name in nodes else [n for n in nodes if dotted_suffix(n, a.name)]
            if not targets[a.name]:  # dpdgraph printed its module by a path a project module ends with too
                lib, _, short = a.name.rpartition(".")
                targets[a.name] = [n for n in nodes if n not in module_of and n.rpartition(".")[2] == short
                                   and n.rpartition(".")[0].rpartition(".")[2] == lib.rpartition(".")[2]]
        for z in hidden:
            targets.setdefault(z, [z])
        reach = reverse_reach(use, {t for ts in targets.values() for t in ts})
        users = {name: set().union(*(reach[t] for t in ts)) for name, ts in targets.items()}
        attributed: Set[str] = set()
        for n in names:
            mine: Dict[str, Assumption] = {a.name: a for a in placed.get(n, [])}
            for a in foreign if n not in placed else []:
                if n == a.name or n in users[a.name]:
                    mine.setdefault(a.name, a)
            for z, listed in hidden.items():
                if n in users[z]:
                    for a in listed:
                        mine.setdefault(a.name, a)
            attributed.update(mine)
            audit.results.setdefault(owner[n], {})[n] = AssumptionResult(list(mine.values()))
        # what the asked modules assume without an asked name for it, used or not
        for a in foreign:
            if a.name not in owner and module_of.get(a.name) in asked:
                declared.append(a)
        for a in declared:
            mod = module_of.get(a.name)
            if mod is not None and all(d.name != a.name for d in audit.declared.get(mod, [])):
                audit.declared.setdefault(mod, []).append(a)
                attributed.add(a.name)
        audit.unattributed = [a for a in foreign if a.name not in attributed]
        return audit
