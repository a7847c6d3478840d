"""`leansharp build` (placeholder until implemented)."""

import typer


def command() -> None:
    """Not implemented yet."""
    typer.echo("leansharp build: not implemented yet")
    raise typer.Exit(2)
