"""`leansharp doctor` (placeholder until implemented)."""

import typer


def command() -> None:
    """Not implemented yet."""
    typer.echo("leansharp doctor: not implemented yet")
    raise typer.Exit(2)
