"""`leansharp graph [--format dot|json|html] [--root DECL] [--output FILE] [--project PATH]`:
the declaration dependency graph (from the prover, as a networkx graph), restricted
to the project's own declarations; prints its size and longest dependency chain.

The html page opens on the modules (expand one to its declarations); `--docs DIR|URL`
links its declarations to the `leansharp docs` site.

`leansharp graph --uses DECL` / `--used-by DECL [--json]`: what DECL uses, or what uses
it, transitively: one name per line (nearest first), or the JSON document of
`graph.reachable` (schema leansharp-uses/1)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from leansharp_tools.commands import PROJECT
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.render.terminal import console, emit, json_text, render_graph_summary


class Format(str, Enum):
    dot = "dot"
    json = "json"
    html = "html"


def command(
    format: Optional[Format] = typer.Option(None, "--format", "-f", help="Output format (default: dot)."),
    root: Optional[str] = typer.Option(None, "--root", "-r",
                                       help="Only DECL and what it depends on (full name or unique suffix)."),
    uses: Optional[str] = typer.Option(None, "--uses", metavar="DECL",
                                       help="List what DECL uses, transitively (one name per line)."),
    used_by: Optional[str] = typer.Option(None, "--used-by", metavar="DECL",
                                          help="List what uses DECL, transitively (one name per line)."),
    json_: bool = typer.Option(False, "--json", help="JSON output (the same as --format json)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Write the graph (or the list) here (default: stdout)."),
    no_status: bool = typer.Option(False, "--no-status", help="Do not colour by status (skips the proof check)."),
    docs: Optional[str] = typer.Option(None, "--docs", metavar="DIR|URL",
                                       help="The html page links each declaration to its anchor in the site of "
                                            "`leansharp docs -o DIR` (a directory, made relative to the page, "
                                            "or a URL)."),
    project: Optional[Path] = PROJECT,
) -> None:
    """Dependency graph of the library's declarations (dot, json or self-contained html), or what a declaration
    uses / is used by."""
    from leansharp_tools.graph import collect_graph, reachable, summary  # networkx: slow import
    from leansharp_tools.render.pages import render_graph

    if json_ and format not in (None, Format.json):
        raise LeanSharpError(f"--json and --format {format.value} disagree; give one of them")
    fmt = Format.json if json_ else (format or Format.dot)
    query = [(q, d) for q, d in (("uses", uses), ("used-by", used_by)) if d]
    if query:
        if len(query) > 1 or root:
            raise LeanSharpError("give one of --uses, --used-by and --root")
        if fmt != Format.json and format is not None:
            raise LeanSharpError(f"--{query[0][0]} prints a list (or --json); for a {fmt.value} graph of what "
                                 f"DECL depends on use --root DECL")
        doc = reachable(collect_graph(project, with_status=not no_status), query[0][1], query[0][0])
        from leansharp_tools.render.lists import reachable_text

        text, note = reachable_text(doc)
        emit(json_text(doc) if fmt == Format.json else text, output)
        console(stderr=True).print(note, markup=False)
        return
    g = collect_graph(project, root=root, with_status=not no_status, statements=fmt == Format.html)
    if docs and fmt != Format.html:
        raise LeanSharpError(f"--docs links the html page into the docs site; it has no use with --format {fmt.value}")
    emit(render_graph(g, fmt.value, root, output, docs=docs), output)
    render_graph_summary(console(stderr=True), summary(g, root), wrote=output)
