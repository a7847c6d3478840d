"""`leansharp build [--jobs N] [--project PATH]`: compile the project with a progress
bar (files done / total); on failure print each prover error as
`file:line:col: message` and exit 1."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from leansharp_tools.backends import get_backend
from leansharp_tools.build import build_project, default_jobs
from leansharp_tools.commands import PROJECT
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.render.terminal import console, progress_bar, render_build_errors
from leansharp_tools.toolchain import prover_mismatch


def command(
    jobs: int = typer.Option(default_jobs(), "--jobs", "-j", min=1,
                             help="Parallel coqc jobs (make -jN, dune build -j N)."),
    project: Optional[Path] = PROJECT,
) -> None:
    """Compile the Coq library (make -jN over _CoqProject, or dune build) with a progress bar."""
    backend = get_backend()
    proj = backend.open_project(project)
    backend.require_installed()
    con = console(stderr=True)
    warning = prover_mismatch(proj.root, backend)
    if warning:
        con.print(f"[yellow]leansharp: warning:[/yellow] {warning}", markup=True)
    with progress_bar(backend.command, con) as bar:
        task = bar.add_task("", total=None)

        def on_update(done: int, total: int, running: List[str]) -> None:
            names = ", ".join(Path(f).name for f in running[:3])
            bar.update(task, completed=done, total=max(total, 1), description=names)

        result = build_project(proj, jobs, backend, on_update)
    if not result.ok:
        render_build_errors(console(stderr=False), result.errors, result.output.splitlines()[-15:])
        n = len(result.errors)
        raise LeanSharpError(f"build failed ({n} error{'s' if n != 1 else ''}); "
                             f"fix the file(s) above and re-run `leansharp build`")
    con.print(f"[green]built[/green] {len(proj.files)} files in {proj.root}"
              + (f" ({len(result.compiled)} recompiled)" if result.compiled else " (up to date)"))
