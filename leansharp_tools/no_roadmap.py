"""The pages of a project without a `roadmap.toml`, from its sources alone.

    note = nothing_to_map(project)          # the one line `leansharp map` prints, or None
    bp = source_blueprint(proj, use_cache, backend)   # `leansharp blueprint`: modules and their Theorems

The source blueprint has one item per `Theorem` of the project (every theorem-like
declaration — Lemma, Corollary, ... — when it states no `Theorem`), named by its module
(the project's own prefix dropped, so the box reads "Module." then the name), coloured
by its status, with an arrow A -> B when A uses B (transitively, through the
declarations in between), like the roadmap's items; but only the transitive reduction of
that relation is kept (drawn, listed in `edges`, `uses` and `used_by`): a library's
theorems imply O(n²) arrows (Flocq: 41719, a 13 MB page), the reduction few (2701, 2 MB).
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Union

from leansharp_tools.backends import get_backend
from leansharp_tools.backends.base import Backend, Project
from leansharp_tools.blueprint import Blueprint, BpDecl, BpItem, assemble_blueprint, drawn_edges, item_relation
from leansharp_tools.graph import collect_graph
from leansharp_tools.roadmap import RoadmapItem, find_roadmap, item_status
from leansharp_tools.statements import statements_or_note
from leansharp_tools.status import collect_status, open_project

THEOREM_LIKE = ("Theorem", "Lemma", "Corollary", "Proposition", "Fact", "Remark", "Property")


def nothing_to_map(project: Union[None, str, Path, Project] = None) -> Optional[str]:
    """Why `leansharp map` has nothing to show (no roadmap.toml), None when it has."""
    proj = open_project(project, get_backend())
    if find_roadmap(proj.root) is not None:
        return None
    return (f"nothing to map: {proj.root} has no roadmap.toml (the map links roadmap items to their "
            f"declarations, code and tests; `leansharp blueprint` draws the theorems without one)")


def source_blueprint(proj: Project, use_cache: bool = True, backend: Optional[Backend] = None) -> Blueprint:
    backend = backend or get_backend()
    proj.require_built()
    report = collect_status(proj, use_cache=use_cache, backend=backend, with_roadmap=False)
    g = collect_graph(proj, use_cache=use_cache, backend=backend, statuses=report.by_name())
    chosen = [d for d in report.declarations if d.kind == "Theorem"] or [
        d for d in report.declarations if d.kind in THEOREM_LIKE]
    batches: Dict[str, List[str]] = {}
    for d in chosen:
        batches.setdefault(d.module, []).append(d.name)
    statements, note = statements_or_note(proj, batches, backend, use_cache)
    prefix = proj.name + "."
    statuses = {d.name: d.status for d in report.declarations}
    items: List[BpItem] = []
    for d in chosen:
        item_id = d.name[len(prefix):] if d.name.startswith(prefix) and "." in d.name[len(prefix):] else d.name
        state = item_status(RoadmapItem(item_id, d.short, d.module, None, declarations=[d.name]), statuses)
        items.append(BpItem(item_id, d.short, d.module, None, False, str(state),
                            [BpDecl(d.name, d.short, str(d.status), d.kind, d.file, d.line,
                                    statements.get(d.name, ""))], [], [], [], [],
                            statement=f"{d.kind} {d.short} of {d.module}"))
    rel = item_relation({it.id: [it.declarations[0].name] for it in items}, g)
    return assemble_blueprint(proj, items, drawn_edges([it.id for it in items], rel), note)
