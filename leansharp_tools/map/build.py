"""Building the theorem-to-code map: for every `roadmap.toml` item, its declarations
(file:line, status) -> the reference-implementation function named by its `code` field
-> the property test named by its `test` field. Links and item status are
`leansharp_tools.roadmap`'s (`resolve_links`, `item_status`); declarations come from
the backend's source scanner; verdicts from `leansharp status` when the project is built.

    pmap = project_map(project, with_status=True)   # verdicts when available, else the scan
    pmap = build_map(project, statuses=None)        # -> ProjectMap (items, problems, index)
    statuses, note = prover_statuses(project)       # from `leansharp status`, or (None, why)
    decls = scan_declarations(project)              # {qualified name: Location}
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Tuple, Union

from leansharp_tools.backends import get_backend
from leansharp_tools.backends.base import Backend, Project, Status
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.map.model import DeclLink, ItemMap, Location, ProjectMap
from leansharp_tools.roadmap import (
    ROADMAP,
    CodeLink,
    LinkProblem,
    RoadmapItem,
    item_status,
    load_roadmap,
    resolve_links,
)
from leansharp_tools.status import ProgressFn, collect_status, open_project

ProjectArg = Union[None, str, Path, Project]


def load_items(root: Path) -> List[RoadmapItem]:
    """The validated items of `root/roadmap.toml` (a LeanSharpError with file:line for
    malformed input)."""
    path = Path(root) / ROADMAP
    if not path.is_file():
        raise LeanSharpError(
            f"{path}: not found; create it with [[item]] blocks (schema: see LeanSharp's roadmap.toml)")
    return load_roadmap(path)


def scan_declarations(project: ProjectArg, backend: Optional[Backend] = None) -> Dict[str, Location]:
    """Every named declaration of the project's source files: {fully qualified name: Location}
    (a file listed in the project file but absent is skipped: `leansharp build` reports it)."""
    backend = backend or get_backend()
    proj = open_project(project, backend)
    out: Dict[str, Location] = {}
    for f in proj.files:
        if (proj.root / f).is_file():
            for d in backend.declarations(proj, f):
                out.setdefault(d.name, Location(Path(f).as_posix(), d.line, d.kind, d.admitted))
    return out


def prover_statuses(project: ProjectArg, on_progress: Optional[ProgressFn] = None,
                    backend: Optional[Backend] = None) -> Tuple[Optional[Dict[str, Status]], str]:
    """Declaration statuses from `leansharp status` (cached per module) as ({name: status},
    "prover"), or (None, why) when they are unavailable (not built, prover missing)."""
    try:
        report = collect_status(project, use_cache=True, on_progress=on_progress, backend=backend, with_roadmap=False)
    except LeanSharpError as err:
        return None, str(err)
    return {d.name: d.status for d in report.declarations}, "prover"


def build_map(project: ProjectArg, statuses: Optional[Mapping[str, Status]] = None,
              backend: Optional[Backend] = None) -> ProjectMap:
    """Resolve every roadmap item's links. `statuses`: the prover's verdicts
    (`prover_statuses`); without them a declaration found in the sources is FOUND (or
    ADMITTED: its proof ends in `Admitted.`), one not found is MISSING."""
    backend = backend or get_backend()
    proj = open_project(project, backend)
    raw = load_items(proj.root)
    decls = scan_declarations(proj, backend)
    if statuses is None:
        known: Dict[str, Status] = {n: Status.ADMITTED if loc.admitted else Status.FOUND for n, loc in decls.items()}
    else:
        known = {**{n: Status.UNKNOWN for n in decls}, **statuses}
    code_cache: Dict[str, CodeLink] = {}
    items: List[ItemMap] = []
    problems: List[LinkProblem] = []
    for it in raw:
        links = resolve_links(it, proj.root, known, code_cache)

        def link(names: List[str], role: str) -> List[DeclLink]:
            return [DeclLink(n, decls.get(n), known.get(n, Status.MISSING), role) for n in names]

        items.append(ItemMap(
            id=it.id, title=it.title, spec=it.spec, tier=it.tier, headline=it.headline,
            status=item_status(it, known), declarations=link(it.declarations, "declaration"),
            witnesses=link(it.witness, "witness"), code=links.code, test=links.test,
            line=it.line, problems=links.problems, filters=link(it.filters, "filters"), statement=it.statement,
            upstream=it.upstream, agreement=links.agreement,
        ))
        problems += links.problems
    index: Dict[str, List[str]] = {}
    for im in items:
        for c in im.code:
            index.setdefault(c.target, []).append(im.id)
    return ProjectMap(root=proj.root, items=items, problems=problems,
                      status_source="prover" if statuses is not None else "source scan",
                      code_index=sorted(index.items()), unmapped_code=_unmapped(index), project=proj.name)


def project_map(project: ProjectArg, with_status: bool = True, on_progress: Optional[ProgressFn] = None,
                backend: Optional[Backend] = None) -> ProjectMap:
    """The map with the prover's verdicts when `with_status` and the project is built;
    otherwise from the source scan, saying why in `status_source`."""
    backend = backend or get_backend()
    proj = open_project(project, backend)
    load_items(proj.root)  # a missing or malformed roadmap first, before any prover run
    statuses, note = prover_statuses(proj, on_progress, backend) if with_status else (None, "--no-status")
    pmap = build_map(proj, statuses, backend)
    if statuses is None:
        pmap.status_source = f"source scan (proof status not available: {note})"
    return pmap


def _unmapped(index: Mapping[str, List[str]]) -> List[str]:
    """Public callables (`__all__`) of the modules that code links point into, which no
    item links to."""
    out: List[str] = []
    for modname in sorted({t.rsplit(".", 1)[0] for t in index}):
        mod = sys.modules.get(modname)
        for name in getattr(mod, "__all__", None) or []:
            full = f"{modname}.{name}"
            if full not in index and callable(getattr(mod, name, None)) and not isinstance(getattr(mod, name), type):
                out.append(full)
    return out
