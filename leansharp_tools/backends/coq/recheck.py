"""The independent re-check: `coqchk`, Coq's kernel-only checker (the analogue of
Lean's `lean4checker`), re-type-checks every compiled module and the libraries it
loads, from the `.vo` files alone, and lists the assumptions of the whole environment
it loaded (`-o`): every axiom (admitted lemmas included), whether Set is impredicative,
what relies on type-in-type, on unchecked (co)fixpoints or on assumed positivity.

    cmd = coqchk_command(proj, modules)              # ["coqchk", "-o", "-R", ".", "P", "P.A", ...]
    ctx = parse_context(stdout)                      # -> Context (the CONTEXT SUMMARY)
    verdict(ctx, accepted, returncode, trace_tail)   # -> Recheck (base.Recheck)
    run_coqchk(proj, modules, accepted, on_library)  # the real run (progress: `Checking library: X`)

The accepted set is the status gate's: the standard axioms (by kernel name), the
project's `accept-axioms` (by name: `status` confirms their statements) and every
object of an accepted primitive family's libraries (`axioms.Accepted`). coqchk lists
the axioms of everything loaded, used or not, so a project that loads a library
declaring another axiom must accept it to pass.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Deque, List, Optional, Sequence

from leansharp_tools.backends.base import Recheck
from leansharp_tools.backends.coq.axioms import PRIMITIVE_FAMILIES, Accepted, standard_names
from leansharp_tools.backends.coq.project import CoqProject
from leansharp_tools.errors import LeanSharpError

COQCHK = "coqchk"
PREDICATIVE = "Set is predicative"
#: coqc arguments (`-arg` of _CoqProject) that coqchk needs too, to check the same logic
_SHARED_FLAGS = ("-impredicative-set", "-indices-matter")
_SECTIONS = {
    "Axioms": "axioms",
    "Constants/Inductives relying on type-in-type": "type_in_type",
    "Constants/Inductives relying on unsafe (co)fixpoints": "unsafe_fixpoints",
    "Inductives whose positivity is assumed": "unsafe_positivity",
}
_HEAD_RE = re.compile(r"^\* (.+?):\s*(.*?)\s*$")
_LIBRARY_RE = re.compile(r"^Checking library: (\S+)")
_CONSTANT_RE = re.compile(r"^\s*checking (?:cst|ind|module|module type):\s*(\S+)")


@dataclass
class Context:
    """coqchk's CONTEXT SUMMARY (each list sorted; None: no summary was printed)."""

    theory: str = ""
    axioms: List[str] = field(default_factory=list)
    type_in_type: List[str] = field(default_factory=list)
    unsafe_fixpoints: List[str] = field(default_factory=list)
    unsafe_positivity: List[str] = field(default_factory=list)


def coqchk_command(proj: CoqProject, modules: Sequence[str], silent: bool = False) -> List[str]:
    """`coqchk -o [-silent] <the project's -R/-Q> <shared logic flags> <modules>`
    (paths relative to the project root, the cwd of the run)."""
    cmd = [COQCHK, "-o"] + (["-silent"] if silent else [])
    for b in proj.bindings:
        cmd += [b.flag, b.physical, b.logical]  # coqchk: -R is a synonym of -Q
    cmd += [a for a in dict.fromkeys(proj.args) if a in _SHARED_FLAGS]
    return cmd + list(modules)


def parse_context(text: str) -> Optional[Context]:
    """The CONTEXT SUMMARY of coqchk's standard output, None when there is none."""
    if "CONTEXT SUMMARY" not in text:
        return None
    ctx = Context()
    current: Optional[List[str]] = None
    for line in text.split("CONTEXT SUMMARY", 1)[1].splitlines():
        m = _HEAD_RE.match(line)
        if m:
            head, rest = m.group(1), m.group(2)
            if head == "Theory":
                ctx.theory, current = rest, None
                continue
            current = getattr(ctx, _SECTIONS[head]) if head in _SECTIONS else None
            continue
        item = line.strip()
        if current is not None and item and item != "<none>":
            current.append(item)
    for name in ("axioms", "type_in_type", "unsafe_fixpoints", "unsafe_positivity"):
        setattr(ctx, name, sorted(dict.fromkeys(getattr(ctx, name))))
    return ctx


def is_accepted(name: str, accepted: Accepted) -> bool:
    """Whether the kernel name `name` is in the gate's accepted set (see the module doc)."""
    if name in standard_names() or any(a.name == name for a in accepted.extra):
        return True
    return any(name.startswith(lib + ".") for f in accepted.families for lib in PRIMITIVE_FAMILIES[f])


def _failure(returncode: int, trace: Sequence[str]) -> str:
    """One line: coqchk's `Fatal Error` (or `Error`) and the object it was checking."""
    starts = [k for k, t in enumerate(trace) if t.startswith(("Fatal Error", "Error", "Anomaly"))]
    said: List[str] = []
    for t in trace[starts[-1]:] if starts else []:  # an anomaly says what on its next lines
        if not t.strip() or "Please report" in t or (said and not t.startswith(" ")):
            break
        said.append(t)
    message = " ".join(" ".join(said).split()) or f"exit status {returncode}"
    message = re.sub(r"^(Fatal Error|Error): ", "", message)
    checking = [m.group(1) for m in map(_CONSTANT_RE.match, trace) if m]
    libraries = [m.group(1) for m in map(_LIBRARY_RE.match, trace) if m]
    at = f" while checking {checking[-1]}" if checking else (f" in library {libraries[-1]}" if libraries else "")
    return f"coqchk failed{at}: {message}"


def verdict(ctx: Optional[Context], accepted: Accepted, returncode: int, trace: Sequence[str],
            modules: Sequence[str], libraries: int, where: Callable[[str], str] = lambda name: "") -> Recheck:
    """Pure: coqchk's outcome -> Recheck (`problems`: one line each, empty when it passes),
    each line prefixed with `where(kernel name)` + ": " when that says a file (e.g. the
    source of the project module the name belongs to)."""
    rc = Recheck(tool=COQCHK, modules=list(modules), libraries=libraries)

    def at(name: str, text: str) -> str:
        file = where(name)
        return f"{file}: {text}" if file else text

    if returncode != 0 or ctx is None:
        checking = [m.group(1) for m in map(_CONSTANT_RE.match, trace) if m]
        rc.error = _failure(returncode, trace)
        rc.problems.append(at(checking[-1] if checking else "", rc.error))
        return rc
    rc.theory, rc.axioms = ctx.theory, list(ctx.axioms)
    rc.rejected = [a for a in ctx.axioms if not is_accepted(a, accepted)]
    if ctx.theory != PREDICATIVE:
        rc.problems.append(f"coqchk: the theory is changed: {ctx.theory}")
    rc.problems += [at(a, f"coqchk: axiom outside the accepted set: {a}") for a in rc.rejected]
    for what, names in (("relies on type-in-type", ctx.type_in_type),
                        ("relies on an unchecked (co)fixpoint", ctx.unsafe_fixpoints),
                        ("is an inductive whose positivity is assumed", ctx.unsafe_positivity)):
        rc.unsafe += [f"{n} {what}" for n in names]
        rc.problems += [at(n, f"coqchk: {n} {what}") for n in names]
    return rc


def source_of_name(proj: CoqProject) -> Callable[[str], str]:
    """kernel name -> the source file of the project module it belongs to ("" if none)."""
    files = {proj.module_of(f): f.as_posix() for f in proj.files}

    def where(name: str) -> str:
        parts = name.split(".")
        return next((files[m] for m in (".".join(parts[:k]) for k in range(len(parts), 0, -1)) if m in files), "")

    return where


def run_coqchk(proj: CoqProject, modules: Sequence[str], accepted: Accepted,
               on_library: Optional[Callable[[str, int, int], None]] = None, timeout: float = 7200.0) -> Recheck:
    """coqchk on `modules` (cwd: the project root), its trace streamed: `on_library(library,
    done, total)` as it starts each library (total: the length of its `Ordered list`)."""
    if shutil.which(COQCHK) is None:
        raise LeanSharpError("coqchk not found on PATH; it comes with Coq: apt-get install -y coq")
    cmd = coqchk_command(proj, modules)
    ordered: List[str] = []
    tail: Deque[str] = deque(maxlen=40)
    summary: List[str] = []  # the CONTEXT SUMMARY: on stderr with the trace, on stdout with -silent
    done = 0
    in_list = False
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as out:
        try:
            p = subprocess.Popen(cmd, cwd=proj.root, stdout=out, stderr=subprocess.PIPE, text=True,
                                 errors="replace")
        except OSError as err:
            raise LeanSharpError(f"cannot run coqchk: {err.strerror}") from None
        assert p.stderr is not None
        watchdog = threading.Timer(timeout, p.kill)  # a hung coqchk closes its pipe when killed
        watchdog.start()
        for line in p.stderr:
            line = line.rstrip("\n")
            if summary or line.startswith("CONTEXT SUMMARY"):
                summary.append(line)
                continue
            if line.startswith("Ordered list:"):
                in_list = True
                continue
            if in_list:
                if line.startswith("  ") and line.strip():
                    ordered.append(line.strip())
                    continue
                in_list = False
            m = _LIBRARY_RE.match(line)
            if m:
                done += 1
                if on_library:
                    on_library(m.group(1), done - 1, max(len(ordered), done))
            tail.append(line)
        returncode = p.wait()
        timed_out = not watchdog.is_alive()
        watchdog.cancel()
        if timed_out:
            raise LeanSharpError(f"coqchk timed out after {timeout:.0f}s")
        out.seek(0)
        text = out.read()
    if on_library:
        on_library("", done, max(len(ordered), done))
    return verdict(parse_context(text + "\n".join(summary)), accepted, returncode,
                   [*tail, *text.splitlines()[-5:]], modules, done, source_of_name(proj))
