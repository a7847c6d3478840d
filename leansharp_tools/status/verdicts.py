"""Pure rules of the status report: a declaration's status from its assumptions
(`classify`), the line `--strict` prints for it or for an assumption site, and the
assumption sites of a file with the objects the prover found assumed in it."""

from __future__ import annotations

from typing import List, Sequence

from leansharp_tools.backends.base import (
    Assumption,
    AssumptionKind,
    AssumptionResult,
    AssumptionSite,
    Declaration,
    SiteKind,
    SourceScan,
    Status,
    dotted_suffix,
)
from leansharp_tools.problems import Problem
from leansharp_tools.status.report import DeclStatus


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
