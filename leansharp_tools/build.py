"""`leansharp build` logic: run the backend build and track files done / total.

The backend streams the build tool's output; `BuildTracker` turns the lines that say
a file started compiling (Coq: make's `COQC file.v`) into progress: a file counts as
done once its compiled artefact is newer than the moment its line appeared (the line
comes when compilation *starts*; with -jN several files run at once).
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

from leansharp_tools.backends.base import Backend, BuildResult, Project

UpdateFn = Callable[[int, int, List[str]], None]


@dataclass
class BuildTracker:
    """Progress of a build from its output lines. `started_file(line)` names the file a
    line starts compiling (or None), `compiled(file)` is that file's artefact."""

    started_file: Callable[[str], Optional[str]]
    compiled: Callable[[str], Path]
    total: int
    clock: Callable[[], float] = time.time
    started: Dict[str, float] = field(default_factory=dict)
    finished: List[str] = field(default_factory=list)

    def feed(self, line: str) -> Optional[str]:
        """Record a started file (one second of slack for coarse file-system clocks);
        the total grows when more files start than were planned."""
        f = self.started_file(line)
        if f is not None:
            self.started.setdefault(f, self.clock() - 1.0)
            self.total = max(self.total, len(self.started))
        return f

    def poll(self) -> None:
        """Mark as finished every started file whose artefact is newer than its start."""
        for f, t0 in self.started.items():
            if f in self.finished:
                continue
            try:
                if self.compiled(f).stat().st_mtime >= t0:
                    self.finished.append(f)
            except OSError:
                pass

    @property
    def done(self) -> int:
        return min(len(self.finished), self.total)

    @property
    def running(self) -> List[str]:
        return [f for f in self.started if f not in self.finished]


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def build_project(proj: Project, jobs: int, backend: Backend, on_update: UpdateFn) -> BuildResult:
    """Build `proj`; `on_update(done, total, running_files)` is called as files finish."""
    backend.require_installed()
    plan = backend.build_plan(proj)
    tracker = BuildTracker(backend.started_file, lambda f: proj.compiled(Path(f)),
                           len(plan) if plan is not None else len(proj.files))
    lock = threading.Lock()
    stop = threading.Event()

    def report() -> None:
        with lock:
            tracker.poll()
            on_update(tracker.done, tracker.total, tracker.running)

    def poller() -> None:
        while not stop.wait(0.5):
            report()

    def on_line(line: str) -> None:
        with lock:
            tracker.feed(line)
        report()

    th = threading.Thread(target=poller, daemon=True)
    th.start()
    try:
        on_update(0, tracker.total, [])
        result = backend.build(proj, jobs, on_line)
    finally:
        stop.set()
        th.join(timeout=2)
    with lock:
        tracker.poll()
        on_update(tracker.total if result.ok else tracker.done, tracker.total, [])
    return result
