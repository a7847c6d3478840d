"""`leansharp extract [--out DIR] [--project PATH] [--module M] [--jobs N] [--ray ADDRESS|auto]
[--json] [--keep-going/--no-keep-going] [--strict]`:
a LeanDojo-style dataset of the project's proofs (theorems with every proof step and
the goals before/after it, the premise corpus, random and novel-premises splits,
metadata). Record format: `leansharp_tools.extract.write`; logic: `extract.build`.
A file that fails is one line on stderr and in metadata.json; the exit status is 1 only
when nothing could be extracted, or with --strict when any file failed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, List, Optional

import typer

from leansharp_tools.commands import PROJECT
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.extract.build import extract, failure_verdict
from leansharp_tools.render.terminal import console, print_json, progress_bar


def command(
    out: Optional[Path] = typer.Option(
        None, "--out", "-o", help="Dataset directory (default: <project>/.leansharp/dataset)."),
    project: Optional[Path] = PROJECT,
    module: Optional[List[str]] = typer.Option(
        None, "--module", "-m", help="Only this module (full name, suffix or .v path); repeatable."),
    jobs: int = typer.Option(
        min(2, os.cpu_count() or 1), "--jobs", "-j", min=1, help="Files traced in parallel (one coqtop each)."),
    timeout: float = typer.Option(600.0, "--timeout", min=0.001,
                                  help="Seconds one sentence may take before the file fails."),
    seed: int = typer.Option(0, "--seed", help="Seed of the random and novel-premises splits."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Re-trace every file (ignore .leansharp/cache/extract)."),
    json_: bool = typer.Option(False, "--json", help="Print the metadata as one JSON document on stdout."),
    keep_going: bool = typer.Option(True, "--keep-going/--no-keep-going",
                                    help="Skip a file that fails (listed in metadata.json) instead of stopping."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any file failed."),
    ray: Optional[str] = typer.Option(
        None, "--ray", metavar="ADDRESS|auto",
        help="Trace the files as tasks on this Ray cluster (host:port of its head, or auto) instead of "
             "--jobs local threads; needs the ray extra."),
) -> None:
    """Extract every theorem's tactic script with the goals before/after each step, and the premises."""
    state: Dict[str, Any] = {}

    def on_progress(path: str, done: int, total: int) -> None:
        if "bar" not in state:  # started on the first report: input errors stay one clean line
            state["bar"] = progress_bar("extract", console(stderr=True), transient=True)
            state["bar"].start()
            state["task"] = state["bar"].add_task("", total=total)
        state["bar"].update(state["task"], completed=done, total=total, description=path)

    try:
        meta = extract(project, out=out, modules=module or None, jobs=jobs, timeout=timeout, seed=seed,
                       use_cache=not no_cache, on_progress=on_progress, keep_going=keep_going, ray=ray)
    finally:
        if "bar" in state:
            state["bar"].stop()
    for x in meta["failed"]:
        typer.echo(f"leansharp: failed: {x['error']}", err=True)
    if json_:
        print_json(meta)
    else:
        c = meta["counts"]
        failed = f", {c['failed_files']} failed" if c["failed_files"] else ""
        typer.echo(f"wrote {meta['out']}: {c['theorems']} theorems, {c['steps']} steps, {c['premises']} premises "
                   f"from {c['files']} files ({c['traced_files']} traced, {c['cached_files']} cached{failed}) "
                   f"in {meta['seconds']:.1f}s")
    verdict = failure_verdict(meta, strict)
    if verdict:
        raise LeanSharpError(verdict)
