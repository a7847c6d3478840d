"""`leansharp docs --output DIR [--no-cache] [--project PATH]`: a static documentation
site in doc-gen4's manner (one page per module, one anchor per declaration, statements
with every constant linked, status, source line, uses / used by, search). Needs a
build. Model: `leansharp_tools.docs`; files: `render.docs.write_docs`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from leansharp_tools.commands import PROJECT
from leansharp_tools.render.terminal import console


def command(
    output: Path = typer.Option(..., "--output", "-o", help="The directory to write the site to (created)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore .leansharp/cache (re-ask the prover)."),
    project: Optional[Path] = PROJECT,
) -> None:
    """Documentation pages: one per module, an anchor per declaration, search (static HTML)."""
    from leansharp_tools.docs import build_docs  # networkx: slow import
    from leansharp_tools.render.docs import write_docs

    site = build_docs(project, use_cache=not no_cache)
    write_docs(site, output)
    con = console(stderr=True)
    n = sum(1 for d in site.declarations() if d.listed)
    con.print(f"wrote {output / 'index.html'}: {len(site.modules)} module pages, {n} declarations", markup=False)
    if site.statements_note:
        con.print(f"no Coq statements: {site.statements_note}", markup=False)
