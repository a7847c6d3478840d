"""`leansharp status [--json] [--strict] [--recheck] [--module M] [--modules] [--roadmap] [--all] [--no-cache]
[--project PATH]`.

Prints a few lines: totals, roadmap counts with the items not proved, every declaration
that is not proved and every problem --strict rejects, assumption sites included;
`--modules` / `--roadmap` add the per-module / per-item tables, `--all` both and every
declaration (or one JSON
document, schema in `leansharp_tools.status`). Needs a build
first (it says `run leansharp build first` when a compiled file is missing or stale).
`--strict` exits 1 when the report lists any problem. `--recheck` adds coqchk's
re-check of the compiled modules (its problems: kind "recheck")."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from leansharp_tools.commands import PROJECT
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.render.terminal import console, lazy_progress, print_json, render_status
from leansharp_tools.status import collect_status


def command(
    json_: bool = typer.Option(False, "--json", help="Print one JSON document (schema leansharp-status/1)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on any admitted/axiom/foreign-axiom/unguarded "
                                "declaration, any assumption outside a declaration (Declare Module, Admitted in a "
                                "functor, Unset Guard Checking, ...) or broken roadmap link."),
    module: Optional[List[str]] = typer.Option(None, "--module", "-m", help="Only this module (full name or suffix, "
                                               "e.g. Filter.Mask); repeatable."),
    show_all: bool = typer.Option(False, "--all", help="List every declaration and both tables (modules, roadmap)."),
    modules: bool = typer.Option(False, "--modules", help="Add the per-module table."),
    roadmap: bool = typer.Option(False, "--roadmap", help="Add the roadmap table (title and statement of each item)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore .leansharp/cache (re-run Print Assumptions)."),
    recheck: bool = typer.Option(False, "--recheck", help="Also re-check every compiled module with coqchk, Coq's "
                                 "kernel-only checker (minutes): a problem when it fails or names an axiom outside "
                                 "the accepted set."),
    project: Optional[Path] = PROJECT,
) -> None:
    """Status of every declaration: proved / admitted / axiom / foreign-axiom / unguarded."""
    err = console(stderr=True)
    with lazy_progress("checking proofs", err) as on_progress, lazy_progress("re-checking (coqchk)", err) as on_re:
        report = collect_status(project, modules=module or None, use_cache=not no_cache, on_progress=on_progress,
                                recheck=recheck, on_recheck=on_re)
    if json_:
        print_json(report.to_json())
    else:
        render_status(console(), report, show_all=show_all, modules=modules, roadmap=roadmap)
    if strict and not report.ok:
        raise LeanSharpError(f"--strict: {len(report.problems)} problem(s), first: {report.problems[0]}")
