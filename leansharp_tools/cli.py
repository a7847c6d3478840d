"""The `leansharp` command line: registers one command per module of
`leansharp_tools.commands` and turns `LeanSharpError` into a one-line error."""

from __future__ import annotations

import sys
from typing import Any

import typer

from leansharp_tools.commands import blueprint, build, docs, doctor, extract, graph, init, status, unused, watch
from leansharp_tools.commands import map as map_cmd
from leansharp_tools.errors import LeanSharpError

app = typer.Typer(
    name="leansharp",
    help="Build, audit and map the LeanSharp formal library (Coq backend).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

def _version(value: bool) -> None:
    if value:
        from leansharp_tools import __version__

        typer.echo(f"leansharp {__version__}")
        raise typer.Exit()


@app.callback()
def _options(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")) -> None:
    """Build, audit and map a Coq library (the LeanSharp formal library by default)."""


app.command("build")(build.command)
app.command("status")(status.command)
app.command("graph")(graph.command)
app.command("map")(map_cmd.command)
app.command("blueprint")(blueprint.command)
app.command("unused")(unused.command)
app.command("doctor")(doctor.command)
app.command("extract")(extract.command)
app.command("docs")(docs.command)
app.command("init")(init.command)
app.command("watch")(watch.command)


def main() -> None:
    try:
        rv = app(standalone_mode=False)
    except LeanSharpError as err:
        typer.echo(f"leansharp: error: {err}", err=True)
        sys.exit(err.exit_code)
    except BrokenPipeError:  # e.g. `leansharp graph | head`
        sys.exit(0)
    except typer.Abort:
        typer.echo("leansharp: aborted", err=True)
        sys.exit(130)
    except Exception as err:  # never a traceback; LEANSHARP_DEBUG=1 shows it
        if _is_usage_error(err):
            _report_usage_error(err)
        import os

        if os.environ.get("LEANSHARP_DEBUG"):
            raise
        typer.echo(f"leansharp: internal error: {type(err).__name__}: {err} "
                   f"(re-run with LEANSHARP_DEBUG=1 for the traceback and report it)", err=True)
        sys.exit(3)
    sys.exit(rv if isinstance(rv, int) else 0)


def _is_usage_error(err: Exception) -> bool:
    """Typer's (vendored) click exceptions: unknown option, bad value, no command."""
    return hasattr(err, "format_message") and isinstance(getattr(err, "exit_code", None), int)


def _report_usage_error(err: Any) -> None:
    """One line on stderr and exit 2; a bare `leansharp` prints the help instead.
    `err`: a click exception (`_is_usage_error`)."""
    ctx = getattr(err, "ctx", None)
    if type(err).__name__ == "NoArgsIsHelpError":
        typer.echo(ctx.get_help() if ctx is not None else err.format_message())
        sys.exit(2)
    where = ctx.command_path if ctx is not None else "leansharp"
    typer.echo(f"leansharp: error: {err.format_message()} (see `{where} --help`)", err=True)
    sys.exit(err.exit_code)
