"""`leansharp map`: the theorem-to-code map (roadmap item → Coq declarations →
reference-implementation function → property test), as Markdown or HTML.

The logic lives in `leansharp_tools.mapping`; this module only parses options,
writes the output and reports broken links on stderr."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from leansharp_tools import mapping
from leansharp_tools.errors import LeanSharpError


def command(
    format: str = typer.Option("md", "--format", "-f", help="Output format: md or html."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the map to FILE instead of stdout."),
    project: Optional[Path] = typer.Option(None, "--project", "-p", help="Project directory (default: the nearest parent with roadmap.toml)."),
    status: bool = typer.Option(True, "--status/--no-status", help="Show proof status from `leansharp status` (needs a build; cached)."),
) -> None:
    """Render the theorem-to-code map; broken links are shown in the map and listed on stderr."""
    if format not in mapping.FORMATS:
        raise LeanSharpError(f"unknown --format {format!r}; use one of: {', '.join(mapping.FORMATS)}")
    root = mapping.find_map_root(project)
    statuses, note = None, "--no-status"
    if status:

        def progress(module: str, done: int, total: int) -> None:
            if module:
                typer.echo(f"leansharp map: checking proofs of {module} ({done + 1}/{total})", err=True)

        statuses, note = mapping.prover_statuses(root, on_progress=progress)
    pmap = mapping.build_map(root, statuses=statuses)
    if statuses is None:
        pmap.status_source = f"source scan (proof status not available: {note})"
    text = mapping.render_map(pmap, format)
    if output is None:
        typer.echo(text, nl=False)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as err:
            raise LeanSharpError(f"{output}: cannot write ({err.strerror}); choose another --output path")
        typer.echo(f"leansharp map: wrote {output} ({len(pmap.items)} items)", err=True)
    if pmap.problems:
        typer.echo(f"leansharp map: {len(pmap.problems)} broken link(s):", err=True)
        for p in pmap.problems:
            typer.echo(f"  {p}", err=True)
