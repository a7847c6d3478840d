"""`leansharp build` logic: run the backend build and track files done / total.

The backend streams make's output; `BuildTracker` turns `COQC file.v` lines into
progress: a file counts as done once its .vo is newer than the moment its COQC line
appeared (make prints COQC when it *starts* a file; with -jN several run at once).
"""

from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

from leansharp_tools.backends.base import BuildResult
from leansharp_tools.project import CoqProject

_COQC = re.compile(r"^\s*COQC\s+(\S+\.v)\s*$")


@dataclass
class BuildTracker:
    root: Path
    total: int
    started: Dict[str, float] = field(default_factory=dict)
    finished: List[str] = field(default_factory=list)

    def feed(self, line: str) -> Optional[str]:
        m = _COQC.match(line)
        if m:
            self.started.setdefault(m.group(1), time.time() - 1.0)
            return m.group(1)
        return None

    def poll(self) -> None:
        for f, t0 in self.started.items():
            if f in self.finished:
                continue
            vo = (self.root / f).with_suffix(".vo")
            try:
                if vo.stat().st_mtime >= t0:
                    self.finished.append(f)
            except OSError:
                pass

    @property
    def running(self) -> List[str]:
        return [f for f in self.started if f not in self.finished]


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def build_project(proj: CoqProject, jobs: int, backend,
                  on_update: Callable[[int, int, List[str]], None]) -> BuildResult:
    """Build `proj`; `on_update(done, total, running_files)` is called as files finish."""
    backend.require_installed()
    plan = backend.build_plan(proj)
    total = len(plan) if plan is not None else len(proj.vfiles)
    tracker = BuildTracker(proj.root, total)
    lock = threading.Lock()
    stop = threading.Event()

    def report():
        with lock:
            tracker.poll()
            on_update(min(len(tracker.finished), tracker.total), tracker.total, tracker.running)

    def poller():
        while not stop.wait(0.5):
            report()

    th = threading.Thread(target=poller, daemon=True)
    th.start()

    def on_line(line: str) -> None:
        with lock:
            if tracker.feed(line) and len(tracker.started) > tracker.total:
                tracker.total = len(tracker.started)
        report()

    try:
        on_update(0, total, [])
        result = backend.build(proj, jobs, on_line)
    finally:
        stop.set()
        th.join(timeout=2)
    with lock:
        tracker.poll()
        done = tracker.total if result.ok else min(len(tracker.finished), tracker.total)
        on_update(done, tracker.total, [])
    return result
