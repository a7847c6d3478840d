"""The `leansharp` command line: registers one command per module of
`leansharp_tools.commands` and turns `LeanSharpError` into a one-line error."""

from __future__ import annotations

import sys

import typer

from leansharp_tools.commands import build, doctor, graph, map as map_cmd, status
from leansharp_tools.errors import LeanSharpError

app = typer.Typer(
    name="leansharp",
    help="Build, audit and map the LeanSharp formal library (Coq backend).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.command("build")(build.command)
app.command("status")(status.command)
app.command("graph")(graph.command)
app.command("map")(map_cmd.command)
app.command("doctor")(doctor.command)


def main() -> None:
    try:
        app(standalone_mode=True)
    except LeanSharpError as err:
        typer.echo(f"leansharp: error: {err}", err=True)
        sys.exit(err.exit_code)
    except BrokenPipeError:  # e.g. `leansharp graph | head`
        sys.exit(0)
    except Exception as err:  # never a traceback; LEANSHARP_DEBUG=1 shows it
        import os

        if os.environ.get("LEANSHARP_DEBUG"):
            raise
        typer.echo(f"leansharp: internal error: {type(err).__name__}: {err} "
                   f"(re-run with LEANSHARP_DEBUG=1 for the traceback and report it)", err=True)
        sys.exit(3)
