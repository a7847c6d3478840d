"""The theorem-to-code map behind `leansharp map`.

For every `roadmap.toml` item: its Coq declarations (file:line, status) → the
reference-implementation function named by its `code` field (resolved by import:
signature and first docstring line) → the property test named by its `test` field
("tests/file.py::test_name", found by parsing the file, never by running it).

Public API (pure: reads files, never prints or exits):

    links = build_map(root)                  # -> ProjectMap (items, problems, index)
    problems = check_links(root)             # -> [LinkProblem]; [] when every link resolves
    statuses, note = prover_statuses(root)   # from `leansharp status`, or (None, why)
    text = render_map(links, "md")           # or "html" (jinja2 templates in templates/)
    decls = scan_declarations(root)          # {qualified name: Location}

`check_links` is the full link check for a CI gate (`leansharp status --strict` can
call it): declarations, witnesses and filters must be in the sources, `code` must import
(stronger than `roadmap.check_links`, which parses the module file), `test` must be
defined in its file.

Layout: this module builds the map; the pieces live in `map_model` (dataclasses),
`map_sources` (Coq declarations), `map_links` (`resolve_code`/`resolve_test`) and
`map_render` (jinja2); their public names are re-exported here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional, Tuple

from leansharp_tools import roadmap as rm
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.map_links import resolve_code, resolve_test
from leansharp_tools.map_model import (
    CodeLink,
    DeclLink,
    ItemMap,
    LinkProblem,
    Location,
    ProjectLike,
    ProjectMap,
    TestLink,
)
from leansharp_tools.map_render import FORMATS, render_map
from leansharp_tools.map_sources import project_root, scan_declarations, scan_file

__all__ = [
    "FORMATS", "ROADMAP", "CodeLink", "DeclLink", "ItemMap", "LinkProblem", "Location", "ProjectLike",
    "ProjectMap", "TestLink", "build_map", "check_links", "find_map_root", "load_items", "prover_statuses",
    "render_map", "resolve_code", "resolve_test", "scan_declarations", "scan_file",
]

ROADMAP = rm.ROADMAP


def find_map_root(start: Optional[Path] = None) -> Path:
    """The nearest directory at or above `start` (default: cwd) holding roadmap.toml."""
    here = Path(start) if start is not None else Path.cwd()
    if not here.exists():
        raise LeanSharpError(f"{here}: no such directory; pass --project PATH to a LeanSharp project")
    here = here.resolve()
    if here.is_file():
        here = here.parent
    for d in [here, *here.parents]:
        if (d / ROADMAP).is_file():
            return d
    raise LeanSharpError(
        f"{start or here}: no {ROADMAP} here or in any parent directory; run inside a LeanSharp "
        f"project or pass --project PATH (a directory with {ROADMAP} and _CoqProject)"
    )


def prover_statuses(
    project: ProjectLike, on_progress: Optional[Callable[[str, int, int], None]] = None
) -> Tuple[Optional[Dict[str, str]], str]:
    """Declaration statuses from `leansharp status` (`status.collect_status`: `Print
    Assumptions`, cached per module) as ({name: status}, note), or (None, why) when
    they are unavailable (no _CoqProject, not built, prover missing) — the map then
    falls back to the source scan."""
    root = project_root(project)
    if not (root / "_CoqProject").is_file():
        return None, "no _CoqProject"
    try:
        from leansharp_tools.project import load_project
        from leansharp_tools.status import collect_status

        report = collect_status(load_project(root), use_cache=True, on_progress=on_progress, with_roadmap=False)
    except LeanSharpError as err:
        return None, str(err)
    return {d.name: d.status for d in report.declarations}, "prover"


def load_items(root: Path) -> List[rm.RoadmapItem]:
    """The validated items of `root/roadmap.toml` (`roadmap.load_roadmap`; a
    LeanSharpError with file:line for malformed input)."""
    path = Path(root) / ROADMAP
    if not path.is_file():
        raise LeanSharpError(f"{path}: not found; create it with [[item]] blocks (schema: see LeanSharp's roadmap.toml)")
    return rm.load_roadmap(path)


ItemStatusFn = Callable[[rm.RoadmapItem, Mapping[str, str]], str]


def build_map(
    project: ProjectLike,
    statuses: Optional[Mapping[str, str]] = None,
    item_status: Optional[ItemStatusFn] = None,
) -> ProjectMap:
    """Resolve every roadmap item's links.

    `statuses`: declaration → status ("proved", "admitted", "axiom", ...) from the
    prover (:func:`prover_statuses`); without it declarations are located by scanning
    the sources and get "found" / "admitted" (textual `Admitted.`) / "missing".
    `item_status`: (item, statuses) → item status, default `roadmap.item_status`
    (proved / partial / open). Without prover statuses an item is "found" when all its
    declarations are in the sources, "partial" when some are, "open" when none.
    """
    root = project_root(project)
    raw = load_items(root)
    decls = scan_declarations(project)
    status_fn = item_status or rm.item_status
    code_cache: Dict[str, CodeLink] = {}
    items: List[ItemMap] = []
    all_problems: List[LinkProblem] = []
    for it in raw:
        problems: List[LinkProblem] = []

        def link(name: str, role: str) -> DeclLink:
            loc = decls.get(name)
            known = statuses is not None and name in statuses
            if known:
                st = statuses[name]  # type: ignore[index]
            elif loc is None:
                st = "missing"
            else:
                st = "admitted" if loc.admitted else ("found" if statuses is None else "unknown")
            if loc is None and not known:
                kind = f"missing-{role}"
                problems.append(LinkProblem(it.id, kind, name, f"{role} {name} not found in the Coq sources"))
            return DeclLink(name, loc, st, role)

        dls = [link(n, "declaration") for n in it.declarations]
        wls = [link(n, "witness") for n in it.witness]
        fls = [link(n, "filters") for n in it.filters]

        codes: List[CodeLink] = []
        for target in it.code:
            if target not in code_cache:
                code_cache[target] = resolve_code(target, root)
            c = code_cache[target]
            codes.append(c)
            if not c.found:
                problems.append(LinkProblem(it.id, "missing-code", target, f"code {target}: {c.error}"))
        tests: List[TestLink] = []
        for target in it.test:
            t = resolve_test(target, root)
            tests.append(t)
            if not t.found:
                problems.append(LinkProblem(it.id, "missing-test", target, f"test {target}: {t.error}"))

        if statuses is not None:
            item_st = status_fn(it, statuses)
        else:
            n_found = sum(1 for d in dls if d.status == "found")
            item_st = "found" if dls and n_found == len(dls) else ("partial" if any(d.location for d in dls) else "open")
        items.append(ItemMap(
            id=it.id, title=it.title, spec=it.spec, tier=it.tier, headline=it.headline,
            status=item_st, declarations=dls, witnesses=wls, code=codes, test=tests,
            line=it.line, problems=problems, filters=fls,
        ))
        all_problems += problems

    index: Dict[str, List[str]] = {}
    for im in items:
        for c in im.code:
            index.setdefault(c.target, []).append(im.id)
    return ProjectMap(
        root=root,
        items=items,
        problems=all_problems,
        status_source="prover" if statuses is not None else "source scan",
        code_index=sorted(index.items()),
        unmapped_code=_unmapped(index),
    )


def _unmapped(index: Mapping[str, List[str]]) -> List[str]:
    """Public callables (`__all__`) of the modules that code links point into, which no
    item links to."""
    modules = sorted({t.rsplit(".", 1)[0] for t in index})
    out: List[str] = []
    for modname in modules:
        mod = sys.modules.get(modname)
        names = getattr(mod, "__all__", None) if mod is not None else None
        if not names:
            continue
        for name in names:
            full = f"{modname}.{name}"
            if full not in index and callable(getattr(mod, name, None)) and not isinstance(getattr(mod, name), type):
                out.append(full)
    return out


def check_links(project: ProjectLike) -> List[LinkProblem]:
    """Every roadmap link of `project` (a root path or a project object with `.root`)
    that does not resolve: declarations/witnesses/filters absent from the sources, `code`
    functions that cannot be imported, `test`s that do not exist. Empty list = all good."""
    return build_map(project).problems
