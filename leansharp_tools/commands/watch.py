"""`leansharp watch [--interval S] [--max-iterations N] [--jobs N] [--json] [--project PATH]`:
poll the project's source files; on every save rebuild (make: the changed files and what
depends on them) and print the status delta — newly proved, newly broken, new axioms.
Logic: `leansharp_tools.watch`."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, List, Optional

import typer

from leansharp_tools.commands import PROJECT
from leansharp_tools.render.terminal import console, progress_bar

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


def command(
    interval: float = typer.Option(1.0, "--interval", min=0.05, help="Seconds between two looks at the files."),
    max_iterations: Optional[int] = typer.Option(None, "--max-iterations", min=1,
                                                 help="Stop after N rebuilds (default: run until Ctrl-C)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Parallel coqc jobs (make -jN)."),
    json_: bool = typer.Option(False, "--json", help="One JSON document per rebuild (schema leansharp-watch/1), "
                               "one per line."),
    project: Optional[Path] = PROJECT,
) -> None:
    """Rebuild on every save and print what became proved, what broke, which axioms are new."""
    from leansharp_tools.render.watch import render_round
    from leansharp_tools.watch import Watcher

    out, err = console(stderr=False), console(stderr=True)
    w = Watcher(project, jobs)

    def bar_update(bar: "Progress", task: "TaskID") -> Callable[[int, int, List[str]], None]:
        def on_update(done: int, total: int, running: List[str]) -> None:
            bar.update(task, completed=done, total=max(total, 1),
                       description=", ".join(Path(f).name for f in running[:3]))
        return on_update

    rounds = 0
    try:
        if w.proj.stale():
            with progress_bar(w.backend.command, err, transient=True) as bar:
                task = bar.add_task("", total=None)
                w.build(bar_update(bar, task))
        states = w.baseline()
        err.print(f"watching {len(w.proj.files)} files in {w.proj.root} ({len(states)} declarations, "
                  f"{sum(1 for s in states.values() if s[0] == 'proved')} proved); Ctrl-C stops", markup=False)
        err.file.flush()
        while max_iterations is None or rounds < max_iterations:
            changed = w.changed()
            if not changed:
                time.sleep(interval)
                continue
            err.print(f"changed: {', '.join(changed)}; rebuilding", markup=False)
            with progress_bar(w.backend.command, err, transient=True) as bar:
                task = bar.add_task("", total=None)
                rnd = w.round(changed, bar_update(bar, task))
            rounds += 1
            if json_:
                out.file.write(json.dumps(rnd.to_json(), ensure_ascii=False) + "\n")
                out.file.flush()
            else:
                render_round(out, rnd)
    except KeyboardInterrupt:
        err.print(f"stopped after {rounds} rebuild{'s' if rounds != 1 else ''}", markup=False)
