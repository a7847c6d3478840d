"""`leansharp doctor [--json] [--project PATH]`: installed toolchain vs `toolchain.toml`,
with the exact fix for each gap; exit 1 when there is a gap. Without a toolchain.toml:
what the project's build needs, read from its sources (the message says which)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from leansharp_tools.commands import PROJECT
from leansharp_tools.render.terminal import console, print_json, render_doctor
from leansharp_tools.toolchain import doctor


def command(
    json_: bool = typer.Option(False, "--json", help="Print one JSON document {toolchain, checks, gaps, ok}."),
    project: Optional[Path] = PROJECT,
) -> None:
    """Compare the installed prover, Debian packages, Coq libraries and Python deps with toolchain.toml."""
    report = doctor(project)
    if json_:
        print_json(report.to_json())
    else:
        render_doctor(console(), report.checks, report.toolchain.name)
    if report.gaps:
        raise typer.Exit(1)
