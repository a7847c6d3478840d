"""`leansharp blueprint [--output FILE] [--json] [--no-cache] [--project PATH]`: the
roadmap as a self-contained HTML page in the style of leanblueprint's dependency
graph (one node per roadmap.toml item, an arrow A -> B when a declaration of A uses
one of B's, coloured proved / partial / open; click an item for its statement in
words, its declarations' Coq statements and source lines, witnesses, code and test;
`--docs DIR|URL` links the declarations to the `leansharp docs` site).
Needs a build. Model: `leansharp_tools.blueprint`; page: `render.pages.blueprint_html`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from leansharp_tools.commands import PROJECT
from leansharp_tools.render.terminal import console, emit, json_text


def command(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the page here (default: stdout)."),
    json_: bool = typer.Option(False, "--json", help="Print the blueprint as one JSON document "
                               "(schema leansharp-blueprint/1) instead of the page."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore .leansharp/cache (re-ask the prover)."),
    docs: Optional[str] = typer.Option(None, "--docs", metavar="DIR|URL",
                                       help="Link each declaration to its anchor in the site of `leansharp docs "
                                            "-o DIR` (a directory, made relative to the page, or a URL)."),
    project: Optional[Path] = PROJECT,
) -> None:
    """The roadmap as a dependency graph of results (self-contained HTML, like leanblueprint's)."""
    from leansharp_tools.blueprint import build_blueprint  # networkx: slow import
    from leansharp_tools.render.pages import blueprint_html

    bp = build_blueprint(project, use_cache=not no_cache)
    emit(json_text(bp.to_json()) if json_ else blueprint_html(bp, output, docs=docs), output)
    c = bp.counts
    con = console(stderr=True)
    if output is not None:
        con.print(f"wrote {output}", markup=False)
    con.print(f"blueprint: {len(bp.items)} items ({c['proved']} proved, {c['partial']} partial, {c['open']} open), "
              f"{sum(1 for e in bp.edges if e[2])} arrows ({len(bp.edges)} with the implied ones)", markup=False)
    if bp.statements_note:
        con.print(f"no Coq statements: {bp.statements_note}", markup=False)
