"""`leansharp watch`: the edit-check loop. Poll the project's source files; when one
changes, rebuild (make: the changed files and what depends on them) and print what the
change did to the status report.

    w = Watcher(project)                    # the project, built (a build first when needed)
    w.baseline()                            # statuses now
    changed = w.changed()                   # source files saved since the last look
    rnd = w.round(changed)                  # build, statuses again -> Round (its delta)

A declaration's state is its status and the non-standard axioms it depends on. The
delta of a round (`delta`): newly proved (proved now, not before or new), newly broken
(proved before, not now: another status, or "not compiled" when its file does not
compile any more), and new axioms (an axiom a declaration depends on that it did not
before, or a new `Axiom`). A file that does not compile keeps its last `.vo`: the
files that depend on it are checked against that one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

from leansharp_tools.backends import get_backend
from leansharp_tools.backends.base import Backend, BuildResult, Project, Status

SCHEMA = "leansharp-watch/1"
NOT_COMPILED = "not compiled"

State = Tuple[str, Tuple[str, ...]]  # (status, axioms)


@dataclass
class Delta:
    proved: List[str] = field(default_factory=list)
    broken: List[Tuple[str, str, str]] = field(default_factory=list)  # (name, was, now)
    new_axioms: List[Tuple[str, str]] = field(default_factory=list)  # (name, axiom)

    @property
    def empty(self) -> bool:
        return not (self.proved or self.broken or self.new_axioms)

    def to_json(self) -> Dict[str, Any]:
        return {"proved": self.proved,
                "broken": [{"name": n, "was": a, "now": b} for n, a, b in self.broken],
                "new_axioms": [{"name": n, "axiom": a} for n, a in self.new_axioms]}


def delta(before: Dict[str, State], after: Dict[str, State]) -> Delta:
    """What changed from `before` to `after` ({name: (status, axioms)}); sorted by name."""
    out = Delta()
    proved = str(Status.PROVED)
    for name in sorted(set(before) | set(after)):
        was, now = before.get(name), after.get(name)
        if now is not None and now[0] == proved and (was is None or was[0] != proved):
            out.proved.append(name)
        if was is not None and was[0] == proved and (now is None or now[0] != proved):
            out.broken.append((name, was[0], now[0] if now is not None else NOT_COMPILED))
        if now is not None:
            old = set(was[1]) if was is not None else set()
            out.new_axioms += [(name, a) for a in now[1] if a not in old]
            if now[0] == str(Status.AXIOM) and (was is None or was[0] != str(Status.AXIOM)):
                out.new_axioms.append((name, name))
    return out


@dataclass
class Round:
    changed: List[str]  # source files (relative to the root)
    build: BuildResult
    delta: Delta
    not_compiled: List[str]  # source files whose .vo is missing or stale after the build
    seconds: float

    def to_json(self) -> Dict[str, Any]:
        return {"schema": SCHEMA, "changed": self.changed, "build_ok": self.build.ok,
                "recompiled": list(self.build.compiled), "errors": [str(e) for e in self.build.errors],
                "not_compiled": self.not_compiled, **self.delta.to_json(), "seconds": round(self.seconds, 3)}


class Watcher:
    def __init__(self, project: Union[None, str, Path, Project] = None, jobs: int = 1,
                 backend: Optional[Backend] = None) -> None:
        from leansharp_tools.status import open_project

        self.backend = backend or get_backend()
        self.proj = open_project(project, self.backend)
        self.jobs = jobs
        self.seen = self._stamps()
        self.states: Dict[str, State] = {}

    def _stamps(self) -> Dict[str, Tuple[int, int]]:
        out = {}
        for f in self.proj.files:
            try:
                st = (self.proj.root / f).stat()
                out[Path(f).as_posix()] = (st.st_mtime_ns, st.st_size)
            except OSError:
                out[Path(f).as_posix()] = (0, 0)
        return out

    def changed(self) -> List[str]:
        """The source files saved (or removed) since the last call."""
        now = self._stamps()
        out = [f for f in now if now[f] != self.seen.get(f)]
        self.seen = now
        return out

    def build(self, on_update: Callable[[int, int, List[str]], None]) -> BuildResult:
        from leansharp_tools.build import build_project

        return build_project(self.proj, self.jobs, self.backend, on_update)

    def statuses(self) -> Tuple[Dict[str, State], List[str]]:
        """({name: (status, axioms)} of the compiled files, the files not compiled)."""
        from leansharp_tools.status import collect_status

        stale = self.proj.stale()
        built = [str(Path(f).as_posix()) for f in self.proj.files if f not in stale]
        states: Dict[str, State] = {}
        if built:
            report = collect_status(self.proj, modules=built, backend=self.backend, with_roadmap=False)
            states = {d.name: (str(d.status), tuple(d.axioms)) for d in report.declarations}
        return states, [Path(f).as_posix() for f in stale]

    def baseline(self) -> Dict[str, State]:
        self.states, _ = self.statuses()
        return self.states

    def round(self, changed: List[str], on_update: Callable[[int, int, List[str]], None]) -> Round:
        t0 = time.monotonic()
        result = self.build(on_update)
        states, stale = self.statuses()
        d = delta(self.states, states)
        self.states = states  # a save during the build shows at the next `changed()`
        return Round(changed, result, d, stale, time.monotonic() - t0)
