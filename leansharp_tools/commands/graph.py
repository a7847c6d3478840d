"""`leansharp graph [--format dot|json|html] [--root DECL] [--output FILE] [--project PATH]`:
the declaration dependency graph (coq-dpdgraph -> networkx), restricted to the
project's own declarations; prints its size and longest dependency chain."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from leansharp_tools.errors import LeanSharpError
from leansharp_tools.report import console, print_json, render_graph_summary


class Format(str, Enum):
    dot = "dot"
    json = "json"
    html = "html"


def command(
    format: Format = typer.Option(Format.dot, "--format", "-f", help="Output format."),
    root: Optional[str] = typer.Option(None, "--root", "-r", help="Only DECL and what it depends on (full name or unique suffix)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the graph here (default: stdout)."),
    no_status: bool = typer.Option(False, "--no-status", help="Do not colour by status (skips Print Assumptions)."),
    project: Optional[Path] = typer.Option(None, "--project", "-p", help="Project root or any path inside it (default: cwd)."),
) -> None:
    """Dependency graph of the library's declarations (dot, json or self-contained html)."""
    from leansharp_tools.graph import collect_graph, summary, to_dot, to_html, to_json  # networkx: slow import

    g = collect_graph(project, root=root, with_status=not no_status)
    if format is Format.json:
        text = None
        doc = to_json(g, root)
    elif format is Format.dot:
        text = to_dot(g)
    else:
        text = to_html(g, root=root)
    info = console(stderr=True)
    if output is not None:
        try:
            output.write_text(text if text is not None else __import__("json").dumps(doc, indent=2), encoding="utf-8")
        except OSError as err:
            raise LeanSharpError(f"{output}: cannot write ({err.strerror})")
        info.print(f"wrote {output}")
    elif text is not None:
        typer.echo(text, nl=False)
    else:
        print_json(doc)
    render_graph_summary(info, summary(g, root))
