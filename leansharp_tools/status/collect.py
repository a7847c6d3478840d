"""`collect_status`: the status report of a project (see `leansharp_tools.status`):
scan, ask the prover what is not cached, classify, locate, add the roadmap part and,
when asked, the independent re-check."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from leansharp_tools.backends import get_backend
from leansharp_tools.backends.base import (
    Assumption,
    AssumptionKind,
    AssumptionResult,
    Audit,
    Backend,
    Project,
    Status,
    dotted_suffix,
)
from leansharp_tools.cache import digest, file_sha256, load_cache, save_cache
from leansharp_tools.config import load_config
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.problems import ENVIRONMENT, RECHECK, UNATTRIBUTED, Problem
from leansharp_tools.roadmap import RoadmapItem, find_roadmap, item_status, load_roadmap, resolve_links
from leansharp_tools.status.obligations import add_obligations, place_admitted
from leansharp_tools.status.report import ItemReport, StatusReport
from leansharp_tools.status.verdicts import classify, decl_problem, locate_sites, site_problem

CACHE = "status"
CACHE_VERSION = 3

ProgressFn = Callable[[str, int, int], None]


def select_modules(proj: Project, wanted: Optional[Sequence[str]]) -> List[Path]:
    """The source files of the modules named in `wanted` (full name, dotted suffix or
    file path); all files when `wanted` is empty."""
    if not wanted:
        return list(proj.files)
    out: List[Path] = []
    for w in wanted:
        hits = [f for f in proj.files if dotted_suffix(w, proj.module_of(f)) or str(f) == w]
        if not hits:
            known = ", ".join(proj.modules()[:8]) + (", ..." if len(proj.files) > 8 else "")
            raise LeanSharpError(f"unknown module '{w}' (modules: {known}); pass a full module name, "
                                 f"a dotted suffix of one or a source file path")
        if len(hits) > 1:
            raise LeanSharpError(f"module '{w}' is ambiguous: {', '.join(proj.module_of(h) for h in hits)}; "
                                 f"pass a full module name or a source file path")
        out += [h for h in hits if h not in out]
    return out


def open_project(project: Union[None, str, Path, Project], backend: Backend) -> Project:
    """A Project as given, or the one at or above a path (default: cwd)."""
    if isinstance(project, Project):
        return project
    return backend.open_project(Path(project) if project is not None else None)


def _raw(a: Assumption) -> List[Any]:
    return [a.name, str(a.kind), a.text, a.standard]


def _assumption(raw: Sequence[Any]) -> Assumption:
    name, kind, text, standard = raw
    return Assumption(name, AssumptionKind(kind), text, bool(standard))


def _to_raw(results: Mapping[str, AssumptionResult]) -> Dict[str, Any]:
    return {n: {"assumptions": [_raw(a) for a in r.assumptions], "error": r.error} for n, r in results.items()}


def _from_raw(raw: Mapping[str, Any], name: str) -> AssumptionResult:
    r = raw.get(name, {"assumptions": [], "error": "no answer from the prover"})
    return AssumptionResult([_assumption(a) for a in r["assumptions"]], r["error"])


def _ask_prover(proj: Project, backend: Backend, asks: Dict[str, List[str]],
                on_progress: Optional[ProgressFn]) -> Audit:
    """The backend's audit of the modules in `asks` (progress: one step per prover run)."""
    backend.require_installed()
    steps = [0]

    def on_step(what: str) -> None:
        steps[0] += 1
        if on_progress:
            on_progress(f"{len(asks)} module(s): {what}", steps[0] - 1, max(3, steps[0]))

    return backend.audit(proj, asks, on_step)


def collect_status(
    project: Union[None, str, Path, Project] = None,
    modules: Optional[Sequence[str]] = None,
    use_cache: bool = True,
    on_progress: Optional[ProgressFn] = None,
    backend: Optional[Backend] = None,
    with_roadmap: Optional[bool] = None,
    recheck: bool = False,
    on_recheck: Optional[ProgressFn] = None,
) -> StatusReport:
    """Compute the status report (see the module docstring). `on_progress(module, done,
    total)` is called before each module's prover run and once at the end. `recheck`:
    also re-check the compiled modules with the prover's kernel checker (`Backend.recheck`;
    `on_recheck(library, done, total)`); each reason it fails is a problem of kind "recheck"."""
    backend = backend or get_backend()
    proj = open_project(project, backend)
    files = select_modules(proj, modules)
    proj.require_built(files)
    scanned = {f: backend.scan(proj, f) for f in files}
    cache: Dict[str, Any] = load_cache(proj.root, CACHE, CACHE_VERSION) if use_cache else {"version": CACHE_VERSION}
    cached: Dict[str, Any] = cache.setdefault("modules", {})
    add_obligations(proj, backend, scanned, cache)  # Program obligations: the prover names them
    config_key = [c for c in [load_config(proj.root).digest()] if c]  # accepted assumptions
    keys: Dict[str, str] = {}
    asks: Dict[str, List[str]] = {}
    for f in files:
        mod, decls = proj.module_of(f), scanned[f].declarations
        keys[mod] = digest([file_sha256(proj.compiled(f)), *config_key] + [d.name for d in decls])
        if cached.get(mod, {}).get("key") != keys[mod]:
            asks[mod] = [d.name for d in decls if not d.is_axiom] + [d.name for d in decls if d.is_axiom]
    problems_of_run: List[Problem] = []
    if asks:
        audit = _ask_prover(proj, backend, asks, on_progress)
        for mod in asks:
            cached[mod] = {"key": keys[mod], "results": _to_raw(audit.results.get(mod, {})),
                           "declared": [_raw(a) for a in audit.declared.get(mod, [])],
                           "environment": audit.environment, "unattributed": [_raw(a) for a in audit.unattributed]}
    runs = [cached[proj.module_of(f)] for f in files]  # the cache is written whatever the verdict
    audit = Audit(environment=list(dict.fromkeys(e for c in runs for e in c.get("environment", []))),
                  unattributed=[_assumption(list(r)) for r in
                                dict.fromkeys(tuple(u) for c in runs for u in c.get("unattributed", []))])
    where = proj.project_file
    problems_of_run += [Problem(ENVIRONMENT, e, file=where) for e in audit.environment]
    problems_of_run += [Problem(UNATTRIBUTED, f"the declarations checked rest on {a.name}"
                                f"{' (' + a.text + ')' if a.text else ''}, but no declaration reaches it in "
                                f"the dependency graph (accept it in leansharp.toml)", a.name, where)
                                for a in audit.unattributed]
    if on_progress:
        on_progress("", len(files), len(files))
    if asks and use_cache:
        save_cache(proj.root, CACHE, cache)

    report = StatusReport(proj.root, [], {}, standard_axioms=backend.standard_axioms(), project=proj.name)
    for f in files:
        mod = proj.module_of(f)
        report.module_files[mod] = str(f)
        for d in scanned[f].declarations:
            ds = classify(d, _from_raw(cached[mod]["results"], d.name))
            ds.file = str(f)
            report.declarations.append(ds)
        declared = [_assumption(a) for a in cached[mod].get("declared", [])]
        report.sites += locate_sites(scanned[f], declared, mod, str(f))
    place_admitted(report.declarations, scanned)
    report.sites = backend.project_sites(proj) + report.sites
    order = {str(f): k for k, f in enumerate(files)}
    located = [((order.get(d.file, -1), d.line), decl_problem(d)) for d in report.declarations
               if d.status != Status.PROVED]
    located += [((order.get(x.file, -1), x.line), site_problem(x)) for x in report.sites]
    report.problems += [p for _, p in sorted(located, key=lambda kp: kp[0])] + problems_of_run

    if with_roadmap is None:
        with_roadmap = not modules
    rpath = find_roadmap(proj.root) if with_roadmap else None
    if rpath is not None:
        roadmap, problems = roadmap_report(load_roadmap(rpath), {d.name: d.status for d in report.declarations},
                                           proj.root, rpath.name)
        report.roadmap += roadmap
        report.problems += problems
    if recheck:
        report.recheck = backend.recheck(proj, [proj.module_of(f) for f in files] if modules else [], on_recheck)
        report.problems += [Problem(RECHECK, line) for line in report.recheck.problems]
    return report


def roadmap_report(
    items: Sequence[RoadmapItem], statuses: Mapping[str, Status], root: Path, where: str = "roadmap.toml"
) -> Tuple[List[ItemReport], List[Problem]]:
    """The roadmap items with the status of their declarations, witnesses and filters
    (a name absent from `statuses` is "missing"; item status: `roadmap.item_status`),
    and the broken links `--strict` rejects (`roadmap.resolve_links`), each printed as
    `where:line: item ID: ...` (the line where the name is written)."""
    out: List[ItemReport] = []
    problems: List[Problem] = []
    code_cache: Dict[str, Any] = {}

    def named(names: List[str]) -> List[Dict[str, str]]:
        return [{"name": n, "status": statuses.get(n, Status.MISSING)} for n in names]

    for it in items:
        missing = [n for n in it.declarations if n not in statuses]
        out.append(ItemReport(it, item_status(it, statuses), named(it.declarations), missing,
                              named(it.witness), named(it.filters)))
        problems += [Problem(p.kind, f"item {p.item}: {p.message}", p.item, where, p.line, p.located(where))
                     for p in resolve_links(it, root, statuses, code_cache).problems]
    return out, problems
