"""Unit tests of the gate's pure parts (no Coq run): the assumption sites the scanner
finds, project flags, dpdgraph path resolution, the standard-axiom probes, `About`,
the audit's attribution with a scripted coqc, and the README's list of axioms."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import pytest

from leansharp_tools.backends.base import AssumptionKind, SiteKind
from leansharp_tools.backends.coq import axioms
from leansharp_tools.backends.coq.audit import Auditor, Environment, parse_about, reverse_reach
from leansharp_tools.backends.coq.dpd import dpd_graph, resolve_paths
from leansharp_tools.backends.coq.project import load_project, project_flags
from leansharp_tools.backends.coq.scan import scan_file

REPO = Path(__file__).resolve().parent.parent

SITES_SRC = '''Context (c : False) {n : nat} `{H : n = 0} `{Pointed}.
Section S. Context (x : nat). Hypothesis hx : x = 0. End S.
Module Type T. Parameter p : nat. Axiom a : p = 0. Declare Module Inner : T. End T.
Declare Module M : T.
Module F (X : T).
  Axiom in_functor : X.p = 1.
  Lemma l : X.p = X.p. Proof. Admitted.
End F.
Lemma top : True. Proof. Admitted.
Program Definition d : nat := _.
Next Obligation. Admitted.
Admit Obligations.
#[bypass_check(guard)] Fixpoint f (n : nat) : nat := f n.
#[local, bypass_check(universes=yes)] Definition u := Type.
Local Unset Guard Checking.
Unset Positivity Checking.
Load "other.v".
Declare ML Module "my_plugin".
Declare Instance i : T.
Module N. Variable v : nat. Lemma ab : True. Proof. Abort. End N.
'''


def test_scanner_finds_every_assumption_site():
    scan = scan_file(SITES_SRC, "L.F", "F.v")
    decls = {d.name: d for d in scan.declarations}
    assert [n for n, d in decls.items() if d.is_axiom] == ["L.F.c", "L.F.n", "L.F.H", "L.F.N.v"]
    assert decls["L.F.c"].kind == "Context"
    assert decls["L.F.top"].admitted and not decls["L.F.N.ab"].is_axiom
    assert "L.F.x" not in decls and "L.F.hx" not in decls  # section-local: discharged
    assert not any(n.endswith((".p", ".a", ".l", ".in_functor")) for n in decls)  # module type, functor body
    got = [(s.line, s.kind, s.declares) for s in scan.sites]
    assert got == [
        (1, SiteKind.AXIOM, []),  # `{Pointed}: a binder Coq names
        (4, SiteKind.DECLARE_MODULE, ["M"]),  # not the one inside the module type
        (6, SiteKind.AXIOM, ["in_functor"]),
        (7, SiteKind.ADMITTED, ["l"]),
        (12, SiteKind.ADMITTED, []),  # Admit Obligations
        (13, SiteKind.BYPASS, []),
        (14, SiteKind.BYPASS, []),
        (15, SiteKind.UNSET_CHECKING, []),
        (16, SiteKind.UNSET_CHECKING, []),
        (17, SiteKind.UNCHECKED, []),  # Load
        (18, SiteKind.UNCHECKED, []),  # Declare ML Module
        (19, SiteKind.AXIOM, ["i"]),  # Declare Instance
    ]
    # an obligation's Admitted belongs to its Program declaration's obligations (status asks Coq for them)
    assert [(p.decl.name, p.admitted_lines) for p in scan.programs] == [("L.F.d", [11])]
    assert scan.sites[5].text == "Fixpoint f (n : nat) : nat := f n: accepted with guard checking bypassed"
    assert "universes=yes" in scan.sites[6].text
    assert scan.scopes == {"T": 3, "M": 4, "F": 5, "N": 20}


def test_context_binders():
    scan = scan_file("Context {A B : Type} (f : A -> B) `{Eq A} [k : nat] {C}.\n", "X", "X.v")
    assert [d.short for d in scan.declarations] == ["A", "B", "f", "k", "C"]
    assert [(s.kind, s.text.split(":")[-1].strip()) for s in scan.sites] == [
        (SiteKind.AXIOM, "1 binder(s) Coq names itself, assumed")]


def test_project_flags(tmp_path):
    (tmp_path / "_CoqProject").write_text(
        "-R . X\n-Q vendor Coq.Logic\n-arg -impredicative-set\n-arg \"-w -notation-overridden\"\nA.v\n")
    got = [(s.file, s.line, s.kind, s.text.split(":")[0]) for s in project_flags(load_project(tmp_path))]
    assert got == [("_CoqProject", 2, SiteKind.PROJECT_FLAG, "-Q vendor Coq.Logic"),
                   ("_CoqProject", 3, SiteKind.PROJECT_FLAG, "-arg -impredicative-set")]


def test_dpdgraph_paths_resolved_by_claims():
    """Coq prints `Classical_Prop` for the module that wins that suffix and a longer
    path for the other: the longer one claims its module first."""
    mods = ["Gate.Classical_Prop", "Gate.Fake.Classical_Prop", "L.Filter.Mask"]
    assert resolve_paths(["Classical_Prop", "Gate.Classical_Prop", "Mask.Inner", "Rdefinitions"], mods) == {
        "Gate.Classical_Prop": "Gate.Classical_Prop", "Classical_Prop": "Gate.Fake.Classical_Prop",
        "Mask.Inner": "L.Filter.Mask.Inner", "Rdefinitions": "Rdefinitions"}


def _probe_output(statement_ok: bool = True, where: str = "/coq/theories") -> str:
    lines = [f"Constant {a.name} (shorter name to refer to it in current context is {a.name.split('.', 2)[-1]})"
             for a in axioms.STANDARD_AXIOMS]
    lines += [f"@@LSSTD {i} {'same' if statement_ok or i else 'differs'}" for i in range(len(axioms.STANDARD_AXIOMS))]
    libs = (*axioms.INIT_LIBRARIES, *axioms.libraries())
    lines += [f"{lib} has been loaded from file {where}/{lib.replace('.', '/')}.vo" for lib in libs]
    return "\n".join(lines) + "\n"


def test_probes_accept_only_what_coq_confirms(tmp_path):
    theories = tmp_path / "theories"
    theories.mkdir()
    ok = axioms.parse_probes(_probe_output(where=str(theories)), theories)
    assert ok.problems == [] and len(ok.printed) == len(axioms.STANDARD_AXIOMS)
    assert ok.printed["ClassicalDedekindReals.sig_forall_dec"].name == axioms.STANDARD_AXIOMS[0].name
    differs = axioms.parse_probes(_probe_output(statement_ok=False, where=str(theories)), theories)
    assert len(differs.printed) == len(axioms.STANDARD_AXIOMS) - 1
    assert "its statement is not" in differs.problems[0]
    elsewhere = axioms.parse_probes(_probe_output(where=str(tmp_path / "fake")), theories)
    assert elsewhere.printed == {} and "was not loaded from Coq's own library" in elsewhere.problems[0]


def test_parse_about_and_reverse_reach():
    out = "@@LSABOUT 0\nM.x : nat\n\nExpands to: Constant Lib.M.x\n@@LSABOUT 1\nExpands to: Inductive Lib.T\n"
    assert parse_about(out) == {0: "Lib.M.x", 1: "Lib.T"}
    g = dpd_graph('N: 1 "a" [path="M", ];\nN: 2 "b" [path="M", ];\nN: 3 "c" [body=no, path="M", ];\n'
                  'N: 4 "d" [path="M", ];\nE: 1 2 [weight=1, ];\nE: 2 3 [weight=1, ];\n', ["L.M"])
    assert reverse_reach(g, ["L.M.c"]) == {"L.M.c": {"L.M.a", "L.M.b", "L.M.c"}}


class FakeCoq:
    """coqc as the audit sees it: run A's union prints `union`, the graph run writes `dpd`."""

    def __init__(self, union: str, dpd: str, about: str = "", objects: str = "") -> None:
        self.union, self.dpd, self.about, self.objects = union, dpd, about, objects
        self.scripts: List[str] = []

    def __call__(self, basename: str, src: str, outputs: Sequence[str]) -> Tuple[int, str, str, Dict[str, str]]:
        self.scripts.append(basename)
        if basename == "LSaudit_graph":
            return 0, "", "", {outputs[0]: self.dpd}
        if basename == "LSaudit":
            located = [f"Constant {n} (shorter name to refer to it in current context is {n.split('.', 1)[1]})"
                       for n in re.findall(r"^Locate Term (\S+)\.$", src, re.M) if n.startswith("L.")]
            return 0, _probe_output(where="/coq/theories") + "\n".join(located) + "\n@@LS 0\n" + self.union, "", {}
        return 0, self.about + self.objects, "", {}


DPD = ('N: 1 "ok" [body=yes, kind=cnst, path="A", ];\nN: 2 "hole" [body=no, kind=cnst, path="A", ];\n'
       'N: 3 "user" [body=yes, kind=cnst, path="B", ];\nN: 4 "far" [body=yes, kind=cnst, path="B", ];\n'
       'N: 5 "spare" [body=no, kind=cnst, path="B.M", ];\n'
       'E: 3 2 [weight=1, ];\nE: 4 3 [weight=1, ];\n')


def _auditor(coq: FakeCoq) -> Auditor:
    return Auditor(coq, Environment(["L.A", "L.B"]), ["L.A", "L.B"], Path("/coq/theories"), parallel=False)


def test_audit_clean_is_one_union():
    coq = FakeCoq("Axioms:\nClassical_Prop.classic : forall P : Prop, P \\/ ~ P\n",
                  DPD.replace("body=no", "body=yes"))
    audit = _auditor(coq).audit({"L.A": ["L.A.ok"], "L.B": ["L.B.user"]})
    assert sorted(coq.scripts) == ["LSaudit", "LSaudit_graph"]
    assert [(a.name, a.standard) for a in audit.results["L.A"]["L.A.ok"].assumptions] == [
        ("Coq.Logic.Classical_Prop.classic", True)]
    assert audit.unattributed == [] and audit.declared == {}


def test_audit_attributes_a_hole_through_the_graph_and_reports_unused_objects():
    coq = FakeCoq("Axioms:\nA.hole : True\nClassical_Prop.classic : forall P : Prop, P \\/ ~ P\n", DPD,
                  objects="Constant L.B.M.spare (shorter name to refer to it in current context is M.spare)\n"
                          "@@LS 0\nAxioms:\nM.spare : nat\n@@LS 1\n")
    audit = _auditor(coq).audit({"L.A": ["L.A.ok", "L.A.hole"], "L.B": ["L.B.user", "L.B.far"]})
    res = {n: [a.name for a in r.assumptions] for m in audit.results.values() for n, r in m.items()}
    assert res == {"L.A.ok": [], "L.A.hole": ["L.A.hole"], "L.B.user": ["L.A.hole"], "L.B.far": ["L.A.hole"]}
    assert coq.scripts[-1] == "LSaudit_b"  # one more run: Print Assumptions of the unused body-less object
    assert [(a.name, a.kind) for a in audit.declared["L.B"]] == [("L.B.M.spare", AssumptionKind.AXIOM)]
    assert audit.unattributed == []


def test_audit_never_drops_an_assumption_it_cannot_place():
    """An assumption no asked name reaches in the graph is returned, so the gate fails."""
    coq = FakeCoq("Axioms:\nA.hole : True\n", DPD.replace("E: 3 2 [weight=1, ];\n", ""),
                  about="@@LSABOUT 0\nExpands to: Constant L.A.hole\n")
    audit = _auditor(coq).audit({"L.B": ["L.B.user"]})
    assert audit.results["L.B"]["L.B.user"].assumptions == []
    assert [a.name for a in audit.unattributed] == ["L.A.hole"]


def test_readme_lists_exactly_the_standard_axioms():
    """The README's list is `standard_axioms_markdown()` between the markers
    `<!-- standard-axioms -->` and `<!-- /standard-axioms -->` (the axioms.py docstring
    says how to print it)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- standard-axioms -->\n(.*?)<!-- /standard-axioms -->", readme, re.S)
    if m is None:
        pytest.skip("README.md has no <!-- standard-axioms --> block yet")
    assert m.group(1) == axioms.standard_axioms_markdown()


def test_status_tables_fit_80_columns():
    """Every module of the real library (names as in _CoqProject) plus two holes, rendered
    at 80 columns: no line is wider, no module name is cut."""
    from rich.console import Console

    from leansharp_tools.backends.base import Status
    from leansharp_tools.render.terminal import render_status
    from leansharp_tools.status import DeclStatus, StatusReport

    proj = load_project(REPO)
    report = StatusReport(REPO, [], {})
    for f in proj.files:
        mod = proj.module_of(f)
        report.module_files[mod] = str(f)
        report.declarations.append(DeclStatus(f"{mod}.lemma_with_a_rather_long_name", "l", mod, str(f), 7, "Lemma",
                                              Status.PROVED))
    last = report.declarations[-1]
    last.status = Status.ADMITTED
    report.declarations.append(DeclStatus(last.module + ".user", "user", last.module, last.file, 9, "Lemma",
                                          Status.FOREIGN_AXIOM, axioms=[last.name]))
    report.problems = ["x"]
    con = Console(width=80, record=True, highlight=False, color_system=None)
    render_status(con, report, modules=True)
    out = con.export_text()
    assert max(len(line) for line in out.splitlines()) <= 80
    modules = out[out.index("Modules (LeanSharp.*)"):]
    cells = {c.strip() for line in modules.splitlines() for c in line.split("│")}
    for m in proj.modules():
        assert m[len("LeanSharp."):] in cells, m
    assert "…" not in modules
    header = modules.splitlines()[2]  # too wide with full headers: abbreviated, with a legend
    assert "adm" in header and "fgn" in header and "ung" not in header
    assert "adm: admitted" in modules and "no axiom, unguarded, unknown declaration" in " ".join(modules.split())
