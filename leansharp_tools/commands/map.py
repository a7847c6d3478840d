"""`leansharp map`: the theorem-to-code map (roadmap item -> declarations ->
reference-implementation function -> property test), as Markdown or HTML.

The map is built by `leansharp_tools.map` and rendered by `leansharp_tools.render`;
this module only parses options, writes the output and reports broken links on stderr."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from leansharp_tools.commands import PROJECT
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.map import project_map
from leansharp_tools.no_roadmap import nothing_to_map
from leansharp_tools.render.pages import MAP_FORMATS, render_map
from leansharp_tools.render.terminal import emit, map_progress, render_map_notes


def command(
    format: str = typer.Option("md", "--format", "-f", help="Output format: md or html."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the map to FILE instead of stdout."),
    project: Optional[Path] = PROJECT,
    status: bool = typer.Option(True, "--status/--no-status",
                                help="Show proof status from `leansharp status` (needs a build; cached)."),
) -> None:
    """Render the theorem-to-code map; broken links are shown in the map and listed on stderr."""
    if format not in MAP_FORMATS:
        raise LeanSharpError(f"unknown --format {format!r}; use one of: {', '.join(MAP_FORMATS)}")
    note = nothing_to_map(project)
    if note:
        typer.echo(note)
        return
    pmap = project_map(project, with_status=status, on_progress=map_progress)
    emit(render_map(pmap, format, output), output)
    render_map_notes(pmap, wrote=output)
