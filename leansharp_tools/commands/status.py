"""`leansharp status` (placeholder until implemented)."""

import typer


def command() -> None:
    """Not implemented yet."""
    typer.echo("leansharp status: not implemented yet")
    raise typer.Exit(2)
