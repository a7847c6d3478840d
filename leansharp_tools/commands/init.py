"""`leansharp init [DIR] [--force]`: write a `_CoqProject` for a folder of .v files
(logical name from the folder, files in dependency order). Logic:
`leansharp_tools.backends.coq.init`."""

from __future__ import annotations

from pathlib import Path

import typer

from leansharp_tools.backends.coq.init import write_coq_project


def command(
    folder: Path = typer.Argument(Path("."), help="The folder of .v files (default: the current folder)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing _CoqProject."),
) -> None:
    """Write a _CoqProject for a folder of .v files (then: leansharp build)."""
    path, logical, files = write_coq_project(folder, force)
    typer.echo(f"wrote {path}: -R . {logical}, {len(files)} file(s) in dependency order; next: leansharp build")
