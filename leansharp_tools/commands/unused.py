"""`leansharp unused [--json] [--module M] [--unlisted] [--no-cache] [--project PATH]`:
the declarations no other declaration of the project uses (what coq-dpdgraph's
dpdusage lists with a count of 0): the project's final results and its dead code.
Those that roadmap.toml names are marked with their items; `--unlisted` keeps only
the others. One line per declaration, `file:line: name (kind)`; `--json`: the
document of `graph.unused_report` (schema leansharp-unused/1)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from leansharp_tools.commands import PROJECT
from leansharp_tools.render.terminal import console, emit, json_text


def command(
    json_: bool = typer.Option(False, "--json", help="Print one JSON document (schema leansharp-unused/1)."),
    module: Optional[List[str]] = typer.Option(None, "--module", "-m", help="Only declarations of this module "
                                               "(full name or suffix); repeatable. Uses count from every module."),
    unlisted: bool = typer.Option(False, "--unlisted", help="Only the declarations roadmap.toml does not name."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore .leansharp/cache (re-run coq-dpdgraph)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the list here (default: stdout)."),
    project: Optional[Path] = PROJECT,
) -> None:
    """Declarations that nothing in the project uses (dpdusage), roadmap-listed ones marked."""
    from leansharp_tools.graph import unused_report  # networkx: slow import
    from leansharp_tools.render.lists import unused_text

    doc = unused_report(project, modules=module or None, use_cache=not no_cache)
    if unlisted:
        doc["declarations"] = [d for d in doc["declarations"] if not d["roadmap"]]
        doc["count"], doc["in_roadmap"] = len(doc["declarations"]), 0
    text, note = unused_text(doc)
    emit(json_text(doc) if json_ else text, output)
    console(stderr=True).print(note, markup=False)
