"""The status report: every declaration of a project with its proof status.

Public API (stable; `leansharp map` and `leansharp graph` use it):

    report = collect_status(project_path_or_Project, modules=None, use_cache=True,
                            on_progress=None, backend=None)     # -> StatusReport
    report.declarations   # list[DeclStatus]: name, short, module, file, line, kind,
                          #   status, axioms, unsafe, error   (source order per module)
    report.by_name()      # {fully qualified name: DeclStatus}
    report.to_json()      # the JSON document below (what `leansharp status --json` prints)
    items, problems = roadmap_report(roadmap_items, statuses, root)   # the roadmap part

The package: `collect.py` (collect_status: scan, prover, cache, roadmap, re-check),
`report.py` (the report's data and JSON), `verdicts.py` (classify, problem lines,
assumption sites), `obligations.py` (Program obligations named by the prover).

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

from leansharp_tools.status.collect import (
    CACHE,
    CACHE_VERSION,
    ProgressFn,
    collect_status,
    open_project,
    roadmap_report,
    select_modules,
)
from leansharp_tools.status.report import SCHEMA, DeclStatus, ItemReport, StatusReport
from leansharp_tools.status.verdicts import classify, decl_problem, locate_sites, problem_line, site_problem

__all__ = ["CACHE", "CACHE_VERSION", "ProgressFn", "collect_status", "open_project", "roadmap_report",
           "select_modules", "SCHEMA", "DeclStatus", "ItemReport", "StatusReport", "classify", "decl_problem",
           "locate_sites", "problem_line", "site_problem"]
