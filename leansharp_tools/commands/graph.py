"""`leansharp graph [--format dot|json|html] [--root DECL] [--output FILE] [--project PATH]`:
the declaration dependency graph (from the prover, as a networkx graph), restricted
to the project's own declarations; prints its size and longest dependency chain."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from leansharp_tools.commands import PROJECT
from leansharp_tools.render.terminal import console, emit, render_graph_summary


class Format(str, Enum):
    dot = "dot"
    json = "json"
    html = "html"


def command(
    format: Format = typer.Option(Format.dot, "--format", "-f", help="Output format."),
    root: Optional[str] = typer.Option(None, "--root", "-r",
                                       help="Only DECL and what it depends on (full name or unique suffix)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the graph here (default: stdout)."),
    no_status: bool = typer.Option(False, "--no-status", help="Do not colour by status (skips the proof check)."),
    project: Optional[Path] = PROJECT,
) -> None:
    """Dependency graph of the library's declarations (dot, json or self-contained html)."""
    from leansharp_tools.graph import collect_graph, summary  # networkx: slow import
    from leansharp_tools.render.pages import render_graph

    g = collect_graph(project, root=root, with_status=not no_status)
    emit(render_graph(g, format.value, root), output)
    render_graph_summary(console(stderr=True), summary(g, root), wrote=output)
