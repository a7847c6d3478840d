"""One module per `leansharp` command; each exposes `command`. The options every
command shares are defined once here."""

import typer

#: `--project PATH`: the project root or any path inside it (default: cwd)
PROJECT = typer.Option(None, "--project", "-p", help="Project root or any path inside it (default: cwd).")
