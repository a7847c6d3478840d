"""`leansharp build [--jobs N] [--project PATH]`: compile the Coq project with a
progress bar (files done / total); on failure print each Coq error as
`file:line:col: message` and exit 1."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from leansharp_tools.backends.coq import default_backend
from leansharp_tools.build import build_project, default_jobs
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.project import resolve_project
from leansharp_tools.report import console, render_build_errors
from leansharp_tools.toolchain import prover_mismatch


def command(
    jobs: int = typer.Option(default_jobs(), "--jobs", "-j", min=1, help="Parallel coqc jobs (make -jN)."),
    project: Optional[Path] = typer.Option(None, "--project", "-p", help="Project root or any path inside it (default: cwd)."),
) -> None:
    """Compile the Coq library (make -jN over _CoqProject) with a progress bar."""
    proj = resolve_project(project)
    backend = default_backend()
    backend.require_installed()
    con = console(stderr=True)
    warning = prover_mismatch(proj.root, backend)
    if warning:
        con.print(f"[yellow]leansharp: warning:[/yellow] {warning}", markup=True)
    with Progress(TextColumn("[bold]coqc[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=con, transient=False) as bar:
        task = bar.add_task("", total=None)

        def on_update(done: int, total: int, running) -> None:
            desc = ", ".join(Path(f).name for f in running[:3])
            bar.update(task, completed=done, total=max(total, 1), description=desc)

        result = build_project(proj, jobs, backend, on_update)
    if not result.ok:
        out = console(stderr=False)
        render_build_errors(out, result.errors, result.output.splitlines()[-15:])
        n = len(result.errors)
        raise LeanSharpError(f"build failed ({n} error{'s' if n != 1 else ''}); fix the file(s) above and re-run `leansharp build`")
    con.print(f"[green]built[/green] {len(proj.vfiles)} files in {proj.root}"
              + (f" ({len(result.compiled)} recompiled)" if result.compiled else " (up to date)"))
