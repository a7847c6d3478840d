"""`leansharp doctor [--json] [--project PATH]`: installed toolchain vs `toolchain.toml`,
with the exact fix for each gap; exit 1 when there is a gap."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from leansharp_tools.backends import get_backend
from leansharp_tools.commands import PROJECT
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.render.terminal import console, print_json, render_doctor
from leansharp_tools.toolchain import TOOLCHAIN, doctor_checks, load_toolchain


def command(
    json_: bool = typer.Option(False, "--json", help="Print one JSON document {toolchain, checks, gaps, ok}."),
    project: Optional[Path] = PROJECT,
) -> None:
    """Compare the installed prover, Debian packages, Coq libraries and Python deps with toolchain.toml."""
    tc_path = get_backend().find_root(project) / TOOLCHAIN
    if not tc_path.is_file():
        raise LeanSharpError(f"{tc_path}: missing; add a {TOOLCHAIN} pinning the prover (see the LeanSharp repository)")
    tc = load_toolchain(tc_path)
    checks = doctor_checks(tc, get_backend(tc.get("prover", {}).get("name", "coq")))
    gaps = [c for c in checks if c["ok"] is False]
    if json_:
        print_json({"toolchain": str(tc_path), "checks": checks, "gaps": len(gaps), "ok": not gaps})
    else:
        render_doctor(console(), checks)
    if gaps:
        raise typer.Exit(1)
