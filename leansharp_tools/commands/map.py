"""`leansharp map` (placeholder until implemented)."""

import typer


def command() -> None:
    """Not implemented yet."""
    typer.echo("leansharp map: not implemented yet")
    raise typer.Exit(2)
