"""The status report: every declaration of a Coq project with its proof status.

Public API (stable; `leansharp map` uses it):

    report = collect_status(project_path_or_CoqProject, modules=None, use_cache=True,
                            on_progress=None, backend=None)     # -> StatusReport
    report.declarations   # list[DeclStatus]: name, short, module, file, line, kind,
                          #   status, axioms, unsafe, error   (source order per module)
    report.by_name()      # {fully qualified name: DeclStatus}
    report.to_json()      # the JSON document below (what `leansharp status --json` prints)
    items, problems = roadmap_report(roadmap_items, statuses)   # pure: the roadmap part

Requires compiled .vo files (`leansharp build` first): otherwise LeanSharpError
"... run `leansharp build` first". It does NOT build automatically.

How it works: declarations are found by scanning the .v sources (`scan.py`); their
status comes from Coq's `Print Assumptions` in generated files (`Require`d with the
project's -R/-Q flags): first one union over every declaration to re-check (a clean
union proves them all at once, ~4 s for the whole library), then, only for modules
that are not clean, one file per module asking name by name. Results are cached in
`<root>/.leansharp/cache/status.json`, keyed per module on the sha256 of its .vo
file (which embeds the digests of everything it depends on) and its declaration
list, so a warm run does no prover call.

Status of a declaration (first rule that applies):
    axiom          declared by Axiom/Parameter/Conjecture (or Hypothesis/Variable outside a Section)
    admitted       its own name is among its assumptions: closed by `Admitted` (incl. proofs using `admit`)
    unguarded      `Print Assumptions` reports "assumed to be guarded" / "assumed to be positive" /
                   "relies on an unsafe hierarchy" (Unset Guard/Positivity/Universe Checking)
    foreign-axiom  depends on an axiom outside `backends.coq.STANDARD_AXIOMS` (including project
                   axioms and admitted lemmas it uses)
    unknown        the prover could not answer (e.g. the scanner found a name Coq does not know)
    proved         otherwise: closed, or only the standard classical axioms

JSON document (`schema` = "leansharp-status/1"):

    {
      "schema": "leansharp-status/1",
      "project": "/abs/path/of/root",
      "standard_axioms": ["Coq.Reals.ClassicalDedekindReals.sig_forall_dec", ...],
      "declarations": [
        {"name": "LeanSharp.Core.Mask.norm_filtered_le", "short": "norm_filtered_le",
         "module": "LeanSharp.Core.Mask", "file": "LeanSharp/Core/Mask.v", "line": 42,
         "kind": "Lemma", "status": "proved",
         "axioms": [],          # non-standard axioms it depends on (as Coq prints them)
         "unsafe": [],          # e.g. ["f is assumed to be guarded"]
         "error": null}, ...],
      "modules": [
        {"module": "LeanSharp.Core.Mask", "file": "LeanSharp/Core/Mask.v", "total": 12,
         "counts": {"proved": 12, "admitted": 0, "axiom": 0, "foreign-axiom": 0,
                    "unguarded": 0, "unknown": 0}}, ...],
      "totals": {"declarations": 250, "proved": 250, "admitted": 0, ...},
      "roadmap": [                # [] when there is no roadmap.toml (or with --module)
        {"id": "filter.contraction", "title": "...", "spec": "2.1", "tier": 1, "headline": true,
         "status": "proved",      # proved | partial | open
         "declarations": [{"name": "...", "status": "proved" | ... | "missing"}],
         "witness": [{"name": "...", "status": ...}],   # roadmap `witness` names
         "filters": [{"name": "...", "status": ...}],   # roadmap `filters` names (must be proved)
         "missing": [], "line": 40}, ...],
      "roadmap_totals": {"proved": 18, "partial": 1, "open": 1},
      "problems": ["LeanSharp/X.v:3: LeanSharp.X.foo: admitted", ...],   # what --strict rejects
      "ok": true                 # problems == []
    }
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from leansharp_tools.backends.base import AssumptionResult, Assumption
from leansharp_tools.backends.coq import STANDARD_AXIOMS, default_backend, is_standard_axiom, qualid_matches
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.project import CoqProject, load_project, find_project_root, require_built
from leansharp_tools.roadmap import RoadmapItem, check_links, find_roadmap, item_status, load_roadmap
from leansharp_tools.scan import Declaration, scan_source

SCHEMA = "leansharp-status/1"
STATUSES = ("proved", "admitted", "axiom", "foreign-axiom", "unguarded", "unknown")
CACHE_VERSION = 1


@dataclass
class DeclStatus:
    name: str
    short: str
    module: str
    file: str
    line: int
    kind: str
    status: str
    axioms: List[str] = field(default_factory=list)
    unsafe: List[str] = field(default_factory=list)
    error: Optional[str] = None

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class ItemStatus:
    item: RoadmapItem
    status: str
    declarations: List[Dict[str, str]]
    missing: List[str]
    witness: List[Dict[str, str]] = field(default_factory=list)
    filters: List[Dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"id": self.item.id, "title": self.item.title, "spec": self.item.spec, "tier": self.item.tier,
                "headline": self.item.headline, "status": self.status, "declarations": self.declarations,
                "witness": self.witness, "filters": self.filters,
                "missing": self.missing, "line": self.item.line}


@dataclass
class StatusReport:
    root: Path
    declarations: List[DeclStatus]
    module_files: Dict[str, str]
    roadmap: List[ItemStatus] = field(default_factory=list)
    problems: List[str] = field(default_factory=list)

    def by_name(self) -> Dict[str, DeclStatus]:
        return {d.name: d for d in self.declarations}

    def module_summary(self) -> List[dict]:
        out = []
        for mod, f in self.module_files.items():
            ds = [d for d in self.declarations if d.module == mod]
            counts = {s: sum(1 for d in ds if d.status == s) for s in STATUSES}
            out.append({"module": mod, "file": f, "total": len(ds), "counts": counts})
        return out

    def totals(self) -> dict:
        t = {"declarations": len(self.declarations)}
        t.update({s: sum(1 for d in self.declarations if d.status == s) for s in STATUSES})
        return t

    def roadmap_totals(self) -> dict:
        return {s: sum(1 for i in self.roadmap if i.status == s) for s in ("proved", "partial", "open")}

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {
            "schema": SCHEMA,
            "project": str(self.root),
            "standard_axioms": list(STANDARD_AXIOMS),
            "declarations": [d.to_json() for d in self.declarations],
            "modules": self.module_summary(),
            "totals": self.totals(),
            "roadmap": [i.to_json() for i in self.roadmap],
            "roadmap_totals": self.roadmap_totals(),
            "problems": list(self.problems),
            "ok": self.ok,
        }


def classify(decl: Declaration, res: AssumptionResult) -> DeclStatus:
    """Pure: a scanned declaration + its `Print Assumptions` -> DeclStatus (see module doc)."""
    axioms = [a.name for a in res.assumptions if a.kind == "axiom"
              and not is_standard_axiom(a.name) and not qualid_matches(a.name, decl.name)]
    unsafe_txt = {"unguarded": "is assumed to be guarded", "unpositive": "is assumed to be positive",
                  "universe": "relies on an unsafe hierarchy"}
    unsafe = [f"{a.name} {unsafe_txt[a.kind]}" for a in res.assumptions if a.kind in unsafe_txt]
    itself = any(a.kind == "axiom" and qualid_matches(a.name, decl.name) for a in res.assumptions)
    if decl.is_axiom:
        status = "axiom"
    elif res.error is not None:
        status = "unknown"
    elif itself:
        status = "admitted"
    elif unsafe:
        status = "unguarded"
    elif axioms:
        status = "foreign-axiom"
    else:
        status = "proved"
    return DeclStatus(decl.name, decl.short, decl.module, "", decl.line, decl.kind, status,
                      axioms, unsafe, res.error)


# ----------------------------------------------------------------------- cache

def _cache_path(root: Path) -> Path:
    return root / ".leansharp" / "cache" / "status.json"


def _load_cache(root: Path) -> dict:
    try:
        data = json.loads(_cache_path(root).read_text(encoding="utf-8"))
        if data.get("version") == CACHE_VERSION:
            return data
    except (OSError, ValueError):
        pass
    return {"version": CACHE_VERSION, "modules": {}}


def _save_cache(root: Path, data: dict) -> None:
    p = _cache_path(root)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(p)
    except OSError:
        pass  # a read-only tree still gets a report


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _module_key(vo: Path, names: Sequence[str]) -> str:
    h = hashlib.sha256(file_sha256(vo).encode())
    h.update("\0".join(names).encode())
    return h.hexdigest()


# ---------------------------------------------------------------------- report

def _as_project(project: Union[None, str, Path, CoqProject]) -> CoqProject:
    if isinstance(project, CoqProject):
        return project
    return load_project(find_project_root(Path(project) if project is not None else None))


def select_modules(proj: CoqProject, wanted: Optional[Sequence[str]]) -> List[Path]:
    """The .v files of the modules named in `wanted` (full name or dotted suffix)."""
    if not wanted:
        return list(proj.vfiles)
    out: List[Path] = []
    for w in wanted:
        hits = [f for f in proj.vfiles if qualid_matches(w, proj.module_of(f)) or str(f) == w]
        if not hits:
            known = ", ".join(proj.modules()[:8])
            raise LeanSharpError(f"unknown module '{w}' (modules: {known}{', ...' if len(proj.vfiles) > 8 else ''})")
        if len(hits) > 1:
            raise LeanSharpError(f"module '{w}' is ambiguous: {', '.join(proj.module_of(h) for h in hits)}")
        out += [h for h in hits if h not in out]
    return out


def scan_project(proj: CoqProject, files: Optional[Sequence[Path]] = None) -> Dict[Path, List[Declaration]]:
    out: Dict[Path, List[Declaration]] = {}
    for f in files if files is not None else proj.vfiles:
        path = proj.root / f
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as err:
            raise LeanSharpError(f"{path}: cannot read ({err.strerror})")
        except UnicodeDecodeError:
            raise LeanSharpError(f"{path}: not valid UTF-8; re-encode the file as UTF-8")
        out[f] = scan_source(text, proj.module_of(f), str(f))
    return out


def collect_status(
    project: Union[None, str, Path, CoqProject] = None,
    modules: Optional[Sequence[str]] = None,
    use_cache: bool = True,
    on_progress: Optional[Callable[[str, int, int], None]] = None,
    backend=None,
    with_roadmap: Optional[bool] = None,
) -> StatusReport:
    """Compute the status report (see the module docstring). `on_progress(module, done,
    total)` is called before each module's prover run and once at the end."""
    proj = _as_project(project)
    backend = backend or default_backend()
    files = select_modules(proj, modules)
    require_built(proj, files)
    scanned = scan_project(proj, files)
    cache = _load_cache(proj.root) if use_cache else {"version": CACHE_VERSION, "modules": {}}
    decls_out: List[DeclStatus] = []
    module_files: Dict[str, str] = {}
    total = len(files)
    keys: Dict[Path, str] = {}
    asks: Dict[str, List[str]] = {}
    for f in files:
        mod = proj.module_of(f)
        module_files[mod] = str(f)
        decls = scanned[f]
        keys[f] = _module_key(proj.root / f.with_suffix(".vo"), [d.name for d in decls])
        entry = cache["modules"].get(mod)
        if not (entry and entry.get("key") == keys[f]):
            asks[mod] = [d.name for d in decls if not d.is_axiom] + [d.name for d in decls if d.is_axiom]
    clean: Dict[str, list] = {}
    if asks:
        backend.require_installed()
        if on_progress:
            on_progress(f"{len(asks)} modules at once", 0, total)
        clean = backend.clean_unions(proj, asks)
    for k, f in enumerate(files):
        mod = proj.module_of(f)
        decls = scanned[f]
        if mod in asks:
            if on_progress:
                on_progress(mod, k, total)
            if mod in clean:
                res = {n: AssumptionResult(list(clean[mod])) for n in asks[mod]}
            else:
                res = backend.assumptions(proj, mod, asks[mod]) if asks[mod] else {}
            raw = {n: {"assumptions": [[a.name, a.kind] for a in r.assumptions], "error": r.error}
                   for n, r in res.items()}
            cache["modules"][mod] = {"key": keys[f], "results": raw}
        else:
            raw = cache["modules"][mod]["results"]
        for d in decls:
            r = raw.get(d.name, {"assumptions": [], "error": "no answer from the prover"})
            ds = classify(d, AssumptionResult([Assumption(n, kd) for n, kd in r["assumptions"]], r["error"]))
            ds.file = str(f)
            decls_out.append(ds)
    if on_progress:
        on_progress("", total, total)
    if asks and use_cache:
        _save_cache(proj.root, cache)

    report = StatusReport(proj.root, decls_out, module_files)
    for d in decls_out:
        if d.status != "proved":
            detail = d.status
            if d.axioms:
                detail += f" (depends on {', '.join(d.axioms)})"
            if d.unsafe:
                detail += f" ({'; '.join(d.unsafe)})"
            if d.error:
                detail += f" ({d.error})"
            report.problems.append(f"{d.file}:{d.line}: {d.name}: {detail}")

    if with_roadmap is None:
        with_roadmap = not modules
    rpath = find_roadmap(proj.root) if with_roadmap else None
    if rpath is not None:
        items = load_roadmap(rpath)
        roadmap, problems = roadmap_report(items, {d.name: d.status for d in decls_out}, rpath.name)
        report.roadmap += roadmap
        report.problems += problems + check_links(proj.root, items)
    return report


def roadmap_report(
    items: Sequence[RoadmapItem], statuses: Mapping[str, str], where: str = "roadmap.toml"
) -> Tuple[List[ItemStatus], List[str]]:
    """Pure: the roadmap items with the status of their declarations, witnesses and
    filters (a name absent from `statuses` is "missing"), and the problems `--strict`
    rejects, each as `where:line: item ID: ...` (the line where the name is written):
    a declaration, witness or filters name that does not exist, a filters declaration
    that is not proved (the item would claim the mask filters without a proof)."""
    out: List[ItemStatus] = []
    problems: List[str] = []

    def named(names: List[str]) -> List[Dict[str, str]]:
        return [{"name": n, "status": statuses.get(n, "missing")} for n in names]

    for it in items:
        missing = [n for n in it.declarations if n not in statuses]
        out.append(ItemStatus(it, item_status(it, statuses), named(it.declarations), missing,
                              named(it.witness), named(it.filters)))
        for role, names in (("declaration", it.declarations), ("witness", it.witness), ("filters", it.filters)):
            for n in names:
                if n not in statuses:
                    problems.append(f"{where}:{it.line_of(n)}: item {it.id}: {role} {n} does not exist")
                elif role == "filters" and statuses[n] != "proved":
                    problems.append(f"{where}:{it.line_of(n)}: item {it.id}: filters {n} is {statuses[n]}, not proved")
    return out, problems
