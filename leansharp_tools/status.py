"""The status report: every declaration of a project with its proof status.

Public API (stable; `leansharp map` and `leansharp graph` use it):

    report = collect_status(project_path_or_Project, modules=None, use_cache=True,
                            on_progress=None, backend=None)     # -> StatusReport
    report.declarations   # list[DeclStatus]: name, short, module, file, line, kind,
                          #   status, axioms, unsafe, error   (source order per module)
    report.by_name()      # {fully qualified name: DeclStatus}
    report.to_json()      # the JSON document below (what `leansharp status --json` prints)
    items, problems = roadmap_report(roadmap_items, statuses, root)   # the roadmap part

Requires compiled files (`leansharp build` first): otherwise LeanSharpError
"... run `leansharp build` first". It does NOT build automatically.

How it works: declarations (and the commands that assume something without one, the
"assumption sites": `Declare Module`, `Admitted` in a functor body, `Admit Obligations`,
`#[bypass_check]`, `Unset Guard Checking`, `Load`, project-wide flags ...) are found by
the backend's source scanner; their status comes from the prover (`Backend.audit`;
Coq: `backends/coq/audit.py`): one `Print Assumptions` of the union of every
declaration to re-check (~4 s for the whole library) decides when every one is proved;
otherwise the dependency graph says which declaration rests on which assumption.
Standard axioms are recognised by the prover itself (fully qualified name, exact
statement, library file), never by how their names print. Objects the prover finds
assumed in a file (declared by no scanned declaration) are reported too, used or not.
Results are cached in `<root>/.leansharp/cache/status.json`, keyed per module on the
sha256 of its compiled file (which embeds the digests of everything it depends on)
and its declaration list, so a warm run does no prover call.

Status of a declaration (`classify`, first rule that applies; `backends.base.Status`):
    axiom          declared by Axiom/Parameter/Conjecture (or Hypothesis/Variable/Context outside a Section)
    unknown        the prover could not answer (e.g. the scanner found a name Coq does not know)
    admitted       its own name is among its assumptions: closed by `Admitted` (incl. proofs using `admit`)
    unguarded      the prover reports "assumed to be guarded" / "assumed to be positive" /
                   "relies on an unsafe hierarchy" (Unset Guard/Positivity/Universe Checking)
    foreign-axiom  depends on an axiom outside the backend's standard axioms (including
                   project axioms and admitted lemmas it uses)
    proved         otherwise: closed, or only the standard classical axioms

JSON document (`schema` = "leansharp-status/2"; /1 had problems as plain strings):

    {
      "schema": "leansharp-status/1",
      "project": "/abs/path/of/root",
      "standard_axioms": ["Coq.Reals.ClassicalDedekindReals.sig_forall_dec", ...],
      "declarations": [
        {"name": "LeanSharp.Filter.Mask.norm_filtered_le", "short": "norm_filtered_le",
         "module": "LeanSharp.Filter.Mask", "file": "LeanSharp/Filter/Mask.v", "line": 42,
         "kind": "Lemma", "status": "proved",
         "axioms": [],          # non-standard axioms it depends on (fully qualified when Coq could say)
         "unsafe": [],          # e.g. ["f is assumed to be guarded"]
         "error": null}, ...],
      "modules": [
        {"module": "LeanSharp.Filter.Mask", "file": "LeanSharp/Filter/Mask.v", "total": 12,
         "counts": {"proved": 12, "admitted": 0, "axiom": 0, "foreign-axiom": 0,
                    "unguarded": 0, "unknown": 0}}, ...],
      "totals": {"declarations": 250, "proved": 250, "admitted": 0, ...},
      "roadmap": [                # [] when there is no roadmap.toml (or with --module)
        {"id": "filter.contraction", "title": "L2 contraction", "statement": "...", "spec": "2.1", "tier": 1,
         "headline": true,
         "status": "proved",      # proved | partial | open (roadmap.item_status)
         "declarations": [{"name": "...", "status": "proved" | ... | "missing"}],
         "witness": [{"name": "...", "status": ...}],   # roadmap `witness` names
         "filters": [{"name": "...", "status": ...}],   # roadmap `filters` names (must be proved)
         "missing": [], "line": 40}, ...],
      "roadmap_totals": {"proved": 18, "partial": 1, "open": 1},
      "assumption_sites": [       # what the sources (and the prover) assume outside any declaration
        {"file": "X.v", "line": 2, "kind": "declare-module", "text": "Declare Module M : T: ...",
         "names": ["Lib.X.M.p"]}, ...],   # kinds: backends.base.SiteKind
      "problems": [              # what --strict rejects (leansharp_tools.problems.Problem)
        {"kind": "admitted", "name": "LeanSharp.X.foo", "file": "LeanSharp/X.v", "line": 3,
         "message": "LeanSharp.X.foo: admitted", "text": "LeanSharp/X.v:3: LeanSharp.X.foo: admitted"}, ...],
      "recheck": null,           # with --recheck: {"tool": "coqchk", "ok", "modules": N, "libraries": N,
                                 #   "theory", "axioms", "rejected", "unsafe", "error", "problems"} (base.Recheck)
      "ok": true                 # problems == []

The JSON Schema of this document ships with the package:
`leansharp_tools/schemas/status.schema.json`.
    }
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from leansharp_tools.backends import get_backend
from leansharp_tools.backends.base import (
    VERDICTS,
    Assumption,
    AssumptionKind,
    AssumptionResult,
    AssumptionSite,
    Audit,
    Backend,
    Declaration,
    Project,
    Recheck,
    SiteKind,
    SourceScan,
    Status,
    dotted_suffix,
)
from leansharp_tools.cache import digest, file_sha256, load_cache, save_cache
from leansharp_tools.config import load_config
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.obligations import add_obligations, place_admitted
from leansharp_tools.problems import ENVIRONMENT, RECHECK, UNATTRIBUTED, Problem
from leansharp_tools.roadmap import ItemState, RoadmapItem, find_roadmap, item_status, load_roadmap, resolve_links

SCHEMA = "leansharp-status/2"
CACHE = "status"
CACHE_VERSION = 3

ProgressFn = Callable[[str, int, int], None]


@dataclass
class DeclStatus:
    name: str
    short: str
    module: str
    file: str
    line: int
    kind: str
    status: Status
    axioms: List[str] = field(default_factory=list)
    unsafe: List[str] = field(default_factory=list)
    error: Optional[str] = None

    def to_json(self) -> Dict[str, Any]:
        return asdict(self)


@dataclass
class ItemReport:
    """A roadmap item with the status of each name it mentions."""

    item: RoadmapItem
    status: ItemState
    declarations: List[Dict[str, str]]
    missing: List[str]
    witness: List[Dict[str, str]] = field(default_factory=list)
    filters: List[Dict[str, str]] = field(default_factory=list)

    def to_json(self) -> Dict[str, Any]:
        return {"id": self.item.id, "title": self.item.title, "statement": self.item.statement,
                "spec": self.item.spec, "tier": self.item.tier,
                "headline": self.item.headline, "status": self.status, "declarations": self.declarations,
                "witness": self.witness, "filters": self.filters,
                "missing": self.missing, "line": self.item.line}


@dataclass
class StatusReport:
    root: Path
    declarations: List[DeclStatus]
    module_files: Dict[str, str]
    roadmap: List[ItemReport] = field(default_factory=list)
    problems: List[Problem] = field(default_factory=list)
    standard_axioms: List[str] = field(default_factory=list)
    sites: List[AssumptionSite] = field(default_factory=list)
    project: str = ""  # the project's name (Project.name)
    recheck: Optional[Recheck] = None  # the independent re-check (`--recheck`), None when not asked

    def by_name(self) -> Dict[str, DeclStatus]:
        return {d.name: d for d in self.declarations}

    def module_summary(self) -> List[Dict[str, Any]]:
        out = []
        for mod, f in self.module_files.items():
            ds = [d for d in self.declarations if d.module == mod]
            counts = {s.value: sum(1 for d in ds if d.status == s) for s in VERDICTS}
            out.append({"module": mod, "file": f, "total": len(ds), "counts": counts})
        return out

    def totals(self) -> Dict[str, int]:
        t = {"declarations": len(self.declarations)}
        t.update({s.value: sum(1 for d in self.declarations if d.status == s) for s in VERDICTS})
        return t

    def roadmap_totals(self) -> Dict[str, int]:
        states = (ItemState.PROVED, ItemState.PARTIAL, ItemState.OPEN)
        return {s.value: sum(1 for i in self.roadmap if i.status == s) for s in states}

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> Dict[str, Any]:
        return {
            "schema": SCHEMA,
            "project": str(self.root),
            "standard_axioms": list(self.standard_axioms),
            "declarations": [d.to_json() for d in self.declarations],
            "modules": self.module_summary(),
            "totals": self.totals(),
            "roadmap": [i.to_json() for i in self.roadmap],
            "roadmap_totals": self.roadmap_totals(),
            "assumption_sites": [{"file": x.file, "line": x.line, "kind": str(x.kind), "text": x.text,
                                  "names": list(x.names)} for x in self.sites],
            "problems": [p.to_json() for p in self.problems],
            "recheck": self.recheck.to_json() if self.recheck is not None else None,
            "ok": self.ok,
        }


def classify(decl: Declaration, res: AssumptionResult) -> DeclStatus:
    """Pure: a scanned declaration + its assumptions -> DeclStatus (see module doc).
    `file` is left empty (the caller knows it)."""
    axioms_of = [a for a in res.assumptions if a.kind == AssumptionKind.AXIOM]
    itself = [a for a in axioms_of if dotted_suffix(a.name, decl.name)]
    axioms = [a.name for a in axioms_of if not a.standard and a not in itself]
    unsafe = [a.text or f"{a.name} ({a.kind})" for a in res.assumptions if a.kind != AssumptionKind.AXIOM]
    if decl.is_axiom:
        status = Status.AXIOM
    elif res.error is not None:
        status = Status.UNKNOWN
    elif itself:
        status = Status.ADMITTED
    elif unsafe:
        status = Status.UNGUARDED
    elif axioms:
        status = Status.FOREIGN_AXIOM
    else:
        status = Status.PROVED
    return DeclStatus(decl.name, decl.short, decl.module, "", decl.line, decl.kind, status,
                      axioms, unsafe, res.error)


def problem_line(d: DeclStatus) -> str:
    """`file:line: name: status (details)`, as `--strict` lists a declaration that is not proved."""
    detail = str(d.status)
    if d.axioms:
        detail += f" (depends on {', '.join(d.axioms)})"
    if d.unsafe:
        detail += f" ({'; '.join(d.unsafe)})"
    if d.error:
        detail += f" ({d.error})"
    return f"{d.file}:{d.line}: {d.name}: {detail}"


def decl_problem(d: DeclStatus) -> Problem:
    """A declaration that is not proved, as a `--strict` problem (its text: `problem_line`)."""
    text = problem_line(d)
    return Problem(str(d.status), text.split(": ", 1)[1], d.name, d.file, d.line, text)


def site_problem(x: AssumptionSite) -> Problem:
    """An assumption site as a `--strict` problem (its text: `str(site)`)."""
    text = str(x)
    return Problem(str(x.kind), text.split(": ", 1)[1] if ": " in text else text,
                   ", ".join(x.names) or None, x.file, x.line, text)


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


def _claims(site: AssumptionSite, scope: str, short: str) -> bool:
    """Whether `site` declares the object `short` of module path `scope` (inside its file)."""
    if site.kind == SiteKind.DECLARE_MODULE:
        paths = [".".join(p for p in (site.scope, d) if p) for d in site.declares]
        return any(scope == p or scope.startswith(p + ".") for p in paths)
    if short in site.declares:
        return True
    return site.kind == SiteKind.ADMITTED and "Obligations" in site.text and "_obligation_" in short


def locate_sites(scan: SourceScan, declared: Sequence[Assumption], module: str, file: str) -> List[AssumptionSite]:
    """The file's assumption sites, with the objects the prover found assumed in it
    (`declared`) attached to the site that declares them (`Declare Module M` -> M.*;
    a site declaring short name x -> x; `Admit Obligations` -> *_obligation_N); an
    object no site accounts for gets a site of its own at the line of its scope."""
    sites = [AssumptionSite(s.file, s.line, s.kind, s.text, s.module, s.scope, list(s.declares), list(s.names))
             for s in scan.sites]
    for a in declared:
        rel = a.name[len(module) + 1:] if a.name.startswith(module + ".") else a.name
        scope, _, short = rel.rpartition(".")
        site = next((s for s in sites if _claims(s, scope, short)), None)
        if site is None:  # a name Coq made up: an unnamed binder of a `Context` in the same scope
            site = next((s for s in sites if s.kind == SiteKind.AXIOM and not s.declares and s.scope == scope), None)
        if site is None:
            what = ("assumed without proof, and no command of the source declares it (e.g. the `Include` of "
                    "a module type)" if a.kind == AssumptionKind.AXIOM else
                    f"{a.kind}: accepted unchecked, and no command of the source says so")
            site = next((s for s in sites if s.kind == SiteKind.DECLARED and s.scope == scope and s.text == what),
                        None)
            if site is None:
                site = AssumptionSite(file, scan.scopes.get(scope, 1), SiteKind.DECLARED, what, module, scope)
                sites.append(site)
        if a.name not in site.names:
            site.names.append(a.name)
    return sites


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
