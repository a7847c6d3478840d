"""`leansharp graph` (placeholder until implemented)."""

import typer


def command() -> None:
    """Not implemented yet."""
    typer.echo("leansharp graph: not implemented yet")
    raise typer.Exit(2)
