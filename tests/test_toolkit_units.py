"""Unit tests of the pure parts (no Coq run): _CoqProject parsing, the source scanner,
Coq output parsers, roadmap validation and links, dpd parsing and graph algorithms,
toolchain checks."""

from pathlib import Path

import pytest

from leansharp_tools.backends.coq.assumptions import parse_assumptions
from leansharp_tools.backends.coq.axioms import is_standard_axiom
from leansharp_tools.backends.coq.dpd import dpd_graph
from leansharp_tools.backends.coq.errors import parse_coq_errors
from leansharp_tools.backends.coq.project import find_project_root, load_project
from leansharp_tools.backends.coq.scan import scan_source
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.graph import longest_chain, restrict_to, to_json, to_networkx
from leansharp_tools.render.pages import graph_html
from leansharp_tools.roadmap import ItemState, check_links, item_status, parse_roadmap
from leansharp_tools.toolchain import doctor_checks, satisfies

FIX = Path(__file__).parent / "fixtures"


def test_coqproject_parsing_and_module_names():
    proj = load_project(FIX / "clean")
    assert [str(f) for f in proj.files] == ["theories/Base.v", "theories/Top.v"]
    assert proj.modules() == ["Clean.Base", "Clean.Top"]
    assert proj.coqc_flags()[:3] == ["-R", "theories", "Clean"]
    assert load_project(FIX / "failing_proof").modules() == ["Fail.Wrong"]


def test_find_project_root_walks_up_and_errors(tmp_path):
    assert find_project_root(FIX / "clean" / "theories") == (FIX / "clean").resolve()
    with pytest.raises(LeanSharpError, match="not a Coq project.*_CoqProject"):
        find_project_root(tmp_path)


def test_empty_coqproject(tmp_path):
    (tmp_path / "_CoqProject").write_text("-R . X\n")
    with pytest.raises(LeanSharpError, match="lists no .v files"):
        load_project(tmp_path)


SRC = '''(* Lemma in_comment : False. (* nested *) Admitted. *)
Require Import Arith.
Definition d := 1.
Lemma l1 : True. Proof. exact I. Qed.
Module M. Theorem t1 : True. Proof. exact I. Qed.
  Module N. Fact f1 : True. Proof. exact I. Qed. End N.
End M.
Section S. Variable x : nat. Hypothesis h : x = x. Lemma in_sec : x = x. Proof. exact h. Qed. End S.
Module Type T. Parameter p : nat. Axiom a : p = p. End T.
Module F (X : T). Lemma in_functor : True. Proof. exact I. Qed. End F.
Axiom ax1 : False.
Parameters (q r : nat) (s : bool).
Hypothesis top_hyp : True.
#[local] Program Definition pd : nat := 0.
Lemma str : "(* not a comment *)" = "". Admitted.
Fixpoint fx (n : nat) : nat := match n with 0 => 0 | S k => fx k end.
'''


def test_scanner_names_lines_and_kinds():
    ds = {d.name: d for d in scan_source(SRC, "Lib.File")}
    assert "Lib.File.in_comment" not in ds
    assert ds["Lib.File.d"].line == 3 and ds["Lib.File.d"].kind == "Definition"
    assert ds["Lib.File.M.t1"].line == 5
    assert ds["Lib.File.M.N.f1"].kind == "Fact"
    assert "Lib.File.in_sec" in ds and "Lib.File.x" not in ds and "Lib.File.h" not in ds
    assert not any(n.endswith(".p") or n.endswith(".a") or "in_functor" in n for n in ds)
    assert ds["Lib.File.ax1"].is_axiom
    assert all(ds[f"Lib.File.{n}"].is_axiom for n in ("q", "r", "s", "top_hyp"))
    assert ds["Lib.File.pd"].line == 14 and not ds["Lib.File.pd"].is_axiom
    assert ds["Lib.File.str"].line == 15
    assert ds["Lib.File.fx"].kind == "Fixpoint"


def test_scanner_unterminated_comment_is_one_line_error():
    with pytest.raises(LeanSharpError, match=r"X.v:2: unterminated comment"):
        scan_source("Lemma a : True.\n(* oops\nLemma b : True.", "M", "X.v")


def test_parse_coq_errors():
    out = '''COQC theories/A.v
File "./theories/A.v", line 4, characters 15-18:
Error:
Syntax error: [ltac_use_default] expected after [tactic] (in [tactic_command]).

File "./theories/B.v", line 2, characters 0-5:
Warning: something harmless [deprecated]
File "./theories/B.v", line 7, characters 2-12:
Error: Unable to unify "3" with "2".
make[2]: *** [Makefile.coq:800: theories/B.vo] Error 1
'''
    errs = parse_coq_errors(out)
    assert [str(e) for e in errs] == [
        "theories/A.v:4:16: Syntax error: [ltac_use_default] expected after [tactic] (in [tactic_command]).",
        'theories/B.v:7:3: Unable to unify "3" with "2".',
    ]


def test_parse_assumptions_and_standard_axioms():
    out = '''@@LS 0
Closed under the global context
@@LS 1
Axioms:
ClassicalDedekindReals.sig_forall_dec
  : forall P : nat -> Prop,
    (forall n : nat, {P n} + {~ P n}) -> {n : nat | ~ P n} + {forall n : nat, P n}
A.ax : forall x : R, x > 0
@@LS 2
Axioms:
bad is assumed to be guarded.
neg is assumed to be positive.
unu relies on an unsafe hierarchy.
'''
    p = parse_assumptions(out)
    assert p[0] == []
    assert [(a.name, a.kind) for a in p[1]] == [("ClassicalDedekindReals.sig_forall_dec", "axiom"), ("A.ax", "axiom")]
    assert [a.kind for a in p[2]] == ["unguarded", "unpositive", "universe"]
    assert [a.text for a in p[2]] == ["bad is assumed to be guarded", "neg is assumed to be positive",
                                      "unu relies on an unsafe hierarchy"]
    # standard only by the fully qualified name Coq confirmed, never by a printed suffix
    assert is_standard_axiom("Coq.Reals.ClassicalDedekindReals.sig_forall_dec")
    assert not is_standard_axiom("ClassicalDedekindReals.sig_forall_dec")
    assert not is_standard_axiom("Classical_Prop.classic") and not is_standard_axiom("A.ax")


def test_roadmap_errors_have_line_numbers():
    ok = '[[item]]\nid = "a"\ntitle = "t"\nspec = "2.1"\ntier = 1\ndeclarations = ["X.y"]\n'
    items = parse_roadmap(ok)
    assert items[0].line == 1 and items[0].declarations == ["X.y"]
    assert item_status(items[0], {"X.y": "proved"}) == ItemState.PROVED
    assert item_status(items[0], {"X.y": "admitted"}) == ItemState.OPEN
    with pytest.raises(LeanSharpError, match=r"roadmap.toml:3:\d+: invalid TOML"):
        parse_roadmap('[[item]]\nid = "a"\ntitle = \n')
    with pytest.raises(LeanSharpError, match=r"roadmap.toml:5: item 1: 'tier' must be an integer"):
        parse_roadmap(ok.replace("tier = 1", "tier = 7"))
    with pytest.raises(LeanSharpError, match=r"roadmap.toml:1: item 1: missing required key 'title'"):
        parse_roadmap('[[item]]\nid = "a"\nspec = "1"\ntier = 1\n')
    with pytest.raises(LeanSharpError, match=r"roadmap.toml:9: item 2: duplicate id"):
        parse_roadmap(ok + "\n" + ok)
    with pytest.raises(LeanSharpError, match=r"roadmap.toml:7: item 1: unknown key 'declaration'"):
        parse_roadmap(ok + 'declaration = []\n')


DPD = '''N: 1 "a" [body=yes, kind=cnst, prop=yes, path="Base", ];
N: 2 "b" [body=yes, kind=cnst, prop=no, path="Base.Inner", ];
N: 3 "c" [body=no, kind=cnst, prop=yes, path="Top", ];
N: 4 "d" [body=yes, kind=cnst, prop=yes, path="Top", ];
E: 1 2 [weight=5, ];
E: 3 1 [weight=1, ];
E: 4 2 [weight=1, ];
'''


def test_graph_from_dpd_root_and_chain():
    g = to_networkx(dpd_graph(DPD, ["Lib.Base", "Lib.Top"]))
    assert set(g) == {"Lib.Base.a", "Lib.Base.Inner.b", "Lib.Top.c", "Lib.Top.d"}
    assert g.nodes["Lib.Base.Inner.b"]["module"] == "Lib.Base"
    assert longest_chain(g) == ["Lib.Top.c", "Lib.Base.a", "Lib.Base.Inner.b"]
    r = restrict_to(g, "Top.d")
    assert set(r) == {"Lib.Top.d", "Lib.Base.Inner.b"}
    with pytest.raises(LeanSharpError, match="unknown declaration 'zzz'"):
        restrict_to(g, "zzz")
    doc = to_json(g)
    assert doc["size"] == {"nodes": 4, "edges": 3}
    page = graph_html(g)
    assert "http://" not in page and "https://" not in page and "<svg" in page


def test_version_spec_and_doctor_with_fake_dpkg():
    assert satisfies("3.11.7", ">=3.9") and not satisfies("0.8", ">=0.9")
    from leansharp_tools.backends.coq import CoqBackend

    class NoCoq(CoqBackend):
        def version(self):
            return None

        def library_loadable(self, root):
            return False

    tc = {"prover": {"name": "coq", "version": "8.16"},
          "debian": {"packages": [{"name": "libcoq-interval", "version": "4.6"}]},
          "coq-libraries": {"required": ["Interval"]}}
    checks = doctor_checks(tc, NoCoq(), dpkg=lambda p: None, have_dpkg=True)
    fixes = {c["check"]: c["fix"] for c in checks if c["ok"] is False}
    assert fixes["debian libcoq-interval"] == "apt-get install -y libcoq-interval"
    assert fixes["coq library Interval"] == "apt-get install -y libcoq-interval"
    assert "apt-get install -y coq" in fixes["prover coq (coqc)"]


def test_roadmap_code_links_follow_package_reexports(tmp_path):
    """A `code` link into a package resolves through `from pkg.mod import f` in its
    __init__.py; names imported from outside the package or absent do not."""
    (tmp_path / "reexp").mkdir()
    (tmp_path / "reexp" / "__init__.py").write_text("from reexp.a import f\nfrom typing import NamedTuple\n")
    (tmp_path / "reexp" / "a.py").write_text("def f():\n    pass\n")
    text = ('[[item]]\nid = "a.b"\ntitle = "t"\nspec = "1"\ntier = 1\n'
            'code = ["reexp.f", "reexp.a.f", "reexp.NamedTuple", "reexp.g"]\n')
    problems = check_links(tmp_path, parse_roadmap(text, "roadmap.toml"), {})
    assert [(p.kind, p.target, p.line) for p in problems] == [
        ("missing-code", "reexp.NamedTuple", 6), ("missing-code", "reexp.g", 6)]
    assert "imported from typing" in problems[0].message and "no attribute 'g'" in problems[1].message
    assert problems[1].located() == f"roadmap.toml:6: item a.b: {problems[1].message}"


FILTERS_ROADMAP = '''[[item]]
id = "zsharp.filters"
title = "ZSharp filters at the witness"
spec = "2.2"
tier = 1
declarations = ["X.thm"]
witness = ["X.wit"]
filters = [
  "X.drops",
  "X.nowhere",
  "X.adm",
]
'''


def test_roadmap_filters_parsed_with_lines():
    """`filters` is parsed like `witness` (string or list; name_lines for error locations)
    and appears in the item's JSON."""
    it = parse_roadmap(FILTERS_ROADMAP)[0]
    assert it.filters == ["X.drops", "X.nowhere", "X.adm"]
    assert (it.line_of("X.wit"), it.line_of("X.drops"), it.line_of("X.nowhere"), it.line_of("X.adm")) == (7, 9, 10, 11)
    assert it.to_json()["filters"] == ["X.drops", "X.nowhere", "X.adm"]
    one = parse_roadmap(FILTERS_ROADMAP.split("filters = ")[0] + 'filters = "X.drops"\n')[0]
    assert one.filters == ["X.drops"] and one.line_of("X.drops") == 8
    with pytest.raises(LeanSharpError, match=r"roadmap.toml:8: item 1: 'filters' must be a string or a list of str"):
        parse_roadmap(FILTERS_ROADMAP.split("filters = ")[0] + "filters = [1]\n")


def test_roadmap_report_flags_missing_and_unproved_filters():
    """`leansharp status --strict` (roadmap part, `status.roadmap_report`): a `filters` name
    that does not exist is reported at the line where it is written, one that is not proved
    too; the JSON of the item lists filters and witnesses with their status."""
    from leansharp_tools.status import StatusReport, roadmap_report

    items = parse_roadmap(FILTERS_ROADMAP)
    statuses = {"X.thm": "proved", "X.wit": "proved", "X.drops": "proved", "X.adm": "admitted"}
    roadmap, problems = roadmap_report(items, statuses, Path("."), "roadmap.toml")
    assert [p.to_json() for p in problems][0] == {
        "kind": "missing-filters", "name": "zsharp.filters", "file": "roadmap.toml", "line": 10,
        "message": "item zsharp.filters: filters X.nowhere does not exist",
        "text": "roadmap.toml:10: item zsharp.filters: filters X.nowhere does not exist"}
    assert [str(p) for p in problems] == [
        "roadmap.toml:10: item zsharp.filters: filters X.nowhere does not exist",
        "roadmap.toml:11: item zsharp.filters: filters X.adm is admitted, not proved",
    ]
    doc = StatusReport(Path("."), [], {}, roadmap, problems).to_json()
    assert not doc["ok"]
    assert doc["roadmap"][0]["filters"] == [
        {"name": "X.drops", "status": "proved"},
        {"name": "X.nowhere", "status": "missing"},
        {"name": "X.adm", "status": "admitted"},
    ]
    assert doc["roadmap"][0]["witness"] == [{"name": "X.wit", "status": "proved"}]
    assert doc["roadmap"][0]["status"] == "proved"
    ok = {**statuses, "X.nowhere": "proved", "X.adm": "proved"}
    assert roadmap_report(items, ok, Path("."))[1] == []
    del ok["X.wit"]
    assert [str(p) for p in roadmap_report(items, ok, Path("."))[1]] == [
        "roadmap.toml:7: item zsharp.filters: witness X.wit does not exist"]


def test_map_shows_filters_next_to_witnesses(tmp_path):
    """`leansharp map`: filters are resolved like witnesses (file:line, status), shown in
    their own table after the witnesses, and a missing one is a `missing-filters` link."""
    from leansharp_tools.map import build_map
    from leansharp_tools.render.pages import render_map

    (tmp_path / "_CoqProject").write_text("-R src X\nsrc/F.v\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "F.v").write_text(
        "Lemma thm : True. Proof. exact I. Qed.\nLemma wit : True. Proof. exact I. Qed.\n"
        "Lemma drops : True. Proof. exact I. Qed.\nLemma adm : True. Admitted.\n")
    (tmp_path / "roadmap.toml").write_text(FILTERS_ROADMAP.replace('"X.', '"X.F.'))
    pmap = build_map(tmp_path)
    it = pmap.items[0]
    assert [(d.name, d.status, d.role) for d in it.filters] == [
        ("X.F.drops", "found", "filters"), ("X.F.nowhere", "missing", "filters"), ("X.F.adm", "admitted", "filters")]
    assert str(it.filters[0].location) == "src/F.v:3"
    assert [(p.kind, p.target) for p in pmap.problems] == [("missing-filters", "X.F.nowhere"),
                                                           ("unproved-filters", "X.F.adm")]
    md = render_map(pmap, "md", output=tmp_path / "map.md")  # source links relative to the map's folder
    assert md.index("| witness |") < md.index("| filters |")
    assert "| `X.F.drops` | [`src/F.v:3`](src/F.v#L3) | found |" in md
    assert "| `X.F.nowhere` | **not found** | missing |" in md
    html = render_map(pmap, "html")
    assert "<th>filters</th>" in html and "X.F.adm" in html


# ------------------------------------------------------------- status, no prover

def _decl(name, kind="Lemma", is_axiom=False):
    from leansharp_tools.backends.base import Declaration

    return Declaration(name, name.rsplit(".", 1)[-1], name.rsplit(".", 1)[0], kind, 3, is_axiom)


@pytest.mark.parametrize("assumptions,error,is_axiom,expected", [
    ([], None, False, "proved"),
    ([("Coq.Reals.ClassicalDedekindReals.sig_forall_dec", "axiom", "", True)], None, False, "proved"),
    ([("Coq.Logic.Classical_Prop.classic", "axiom")], None, False, "foreign-axiom"),  # not confirmed standard
    ([("M.l", "axiom")], None, False, "admitted"),  # its own name: closed by Admitted
    ([("l", "axiom"), ("M.ax", "axiom")], None, False, "admitted"),  # printed as a suffix; admitted wins
    ([("M.ax", "axiom")], None, False, "foreign-axiom"),
    ([("M.f", "unguarded", "M.f is assumed to be guarded"), ("M.ax", "axiom")], None, False, "unguarded"),
    ([], "The reference l was not found", False, "unknown"),
    ([("M.l", "axiom")], None, True, "axiom"),  # an Axiom is an axiom whatever it rests on
    ([], "no answer", True, "axiom"),
])
def test_classify_rules(assumptions, error, is_axiom, expected):
    from leansharp_tools.backends.base import Assumption, AssumptionResult, Status
    from leansharp_tools.status import classify

    res = AssumptionResult([Assumption(*a) for a in assumptions], error)
    ds = classify(_decl("M.l", is_axiom=is_axiom), res)
    assert ds.status == Status(expected)
    assert (ds.name, ds.short, ds.module, ds.line, ds.error) == ("M.l", "l", "M", 3, error)


def test_classify_details():
    from leansharp_tools.backends.base import Assumption, AssumptionResult
    from leansharp_tools.status import classify, problem_line

    res = AssumptionResult([Assumption("M.l", "axiom"), Assumption("M.ax", "axiom"),
                            Assumption("Coq.Logic.Eqdep.Eq_rect_eq.eq_rect_eq", "axiom", standard=True),
                            Assumption("M.f", "unguarded", "M.f is assumed to be guarded")])
    ds = classify(_decl("M.l"), res)
    assert ds.axioms == ["M.ax"]  # not itself, not a standard axiom
    assert ds.unsafe == ["M.f is assumed to be guarded"]  # the prover's own words
    ds.file = "M.v"
    assert problem_line(ds) == "M.v:3: M.l: admitted (depends on M.ax) (M.f is assumed to be guarded)"


def test_select_modules_by_suffix_path_and_errors(tmp_path):
    from leansharp_tools.status import select_modules

    (tmp_path / "_CoqProject").write_text("-R src Lib\nsrc/A/Mask.v\nsrc/B/Mask.v\nsrc/Top.v\n")
    proj = load_project(tmp_path)
    assert select_modules(proj, None) == proj.files
    assert select_modules(proj, ["Top"]) == [Path("src/Top.v")]
    assert select_modules(proj, ["A.Mask", "Lib.Top", "src/A/Mask.v"]) == [Path("src/A/Mask.v"), Path("src/Top.v")]
    with pytest.raises(LeanSharpError, match=r"module 'Mask' is ambiguous: Lib.A.Mask, Lib.B.Mask"):
        select_modules(proj, ["Mask"])
    with pytest.raises(LeanSharpError, match=r"unknown module 'op' \(modules: Lib.A.Mask, Lib.B.Mask, Lib.Top\)"):
        select_modules(proj, ["op"])  # a suffix counts only at a dot


def test_require_built_names_the_first_stale_file(tmp_path):
    import os

    (tmp_path / "_CoqProject").write_text("-R . L\nA.v\nB.v\n")
    proj = load_project(tmp_path)
    with pytest.raises(LeanSharpError, match=r"A.v: listed in _CoqProject but does not exist"):
        proj.require_built()
    for n in ("A", "B"):
        (tmp_path / f"{n}.v").write_text("")
    with pytest.raises(LeanSharpError, match=r"^A.v \(and 1 more\): compiled .vo missing.*leansharp build --project"):
        proj.require_built()
    (tmp_path / "A.vo").write_text("")
    (tmp_path / "B.vo").write_text("")
    os.utime(tmp_path / "B.v", (1e10, 1e10))  # the source is newer than its .vo
    assert proj.stale() == [Path("B.v")]
    proj.require_built([Path("A.v")])


# ---------------------------------------------------------------- build progress

def test_build_tracker_counts_files_whose_artefact_appears(tmp_path):
    from leansharp_tools.backends.coq.build import started_file
    from leansharp_tools.build import BuildTracker

    now = [1000.0]
    tr = BuildTracker(started_file, lambda f: (tmp_path / f).with_suffix(".vo"), total=2, clock=lambda: now[0])
    assert tr.feed("COQDEP VFILES") is None
    assert tr.feed("COQC a.v") == "a.v" and tr.feed('echo ""COQC b.v') == "b.v"
    assert tr.running == ["a.v", "b.v"] and tr.done == 0
    vo = tmp_path / "a.vo"
    vo.write_text("")
    import os

    os.utime(vo, (998.0, 998.0))  # older than a.v's start (minus the 1 s slack): a stale .vo
    tr.poll()
    assert tr.done == 0
    os.utime(vo, (999.5, 999.5))
    tr.poll()
    assert tr.finished == ["a.v"] and tr.running == ["b.v"] and tr.done == 1
    tr.feed("COQC c.v")  # more files than planned: the total grows
    assert tr.total == 3
    tr.feed("COQC a.v")  # a repeated line does not restart a file
    assert tr.started["a.v"] == 999.0


def test_build_project_reports_progress_with_a_fake_backend(tmp_path):
    from leansharp_tools.backends.base import BuildResult
    from leansharp_tools.backends.coq import CoqBackend
    from leansharp_tools.build import build_project

    (tmp_path / "_CoqProject").write_text("-R . L\nA.v\nB.v\n")
    proj = load_project(tmp_path)

    class FakeMake(CoqBackend):
        def require_installed(self):
            pass

        def build_plan(self, proj):
            return ["A.v"]

        def build(self, proj, jobs, on_line):
            for f in ("A", "B"):
                on_line(f"COQC {f}.v")
                (tmp_path / f"{f}.vo").write_text("")
            return BuildResult(ok=True, returncode=0, output="")

    updates = []
    result = build_project(proj, 2, FakeMake(), lambda done, total, running: updates.append((done, total)))
    assert result.ok
    assert updates[0] == (0, 1) and updates[-1] == (2, 2)
    assert all(d <= t for d, t in updates)


# --------------------------------------------------------------------- toolchain

@pytest.mark.parametrize("installed,spec,ok", [
    ("3.11.7", ">=3.9", True), ("3.8.10", ">=3.9", False), ("2.4.6", "", True),
    ("1.26.4", "~=1.24", True), ("2.0.0", "~=1.24", False),  # ~= 1.24 means >= 1.24, == 1.*
    ("1.24.9", "~=1.24.1", True), ("1.25.0", "~=1.24.1", False), ("3.1.6", ">=3.1,<4", True),
    ("not-a-version", ">=1", False), ("8.0rc1", ">=7", True),
])
def test_satisfies_is_pep440(installed, spec, ok):
    assert satisfies(installed, spec) is ok


def test_version_prefix_at_component_boundary():
    from leansharp_tools.toolchain import has_prefix

    assert has_prefix("8.16.1", "8.16") and has_prefix("4.6.1-2+b1", "4.6") and has_prefix("8.16", "8.16")
    assert has_prefix("8.16+rc1", "8.16") and has_prefix("1.2", "")
    assert not has_prefix("8.160", "8.16") and not has_prefix("8.1", "8.16")


def test_toml_errors_carry_file_line_col(tmp_path):
    from leansharp_tools.toolchain import load_toolchain

    bad = tmp_path / "toolchain.toml"
    bad.write_text('[prover]\nversion = "8.16"\nname = \n')
    with pytest.raises(LeanSharpError, match=rf"^{bad}:3:\d+: invalid TOML: "):
        load_toolchain(bad)
    bad.write_text('[python]\nrequires = "=>3.9"\n')
    with pytest.raises(LeanSharpError, match=r"\[python\].requires"):
        load_toolchain(bad)
    with pytest.raises(LeanSharpError, match=r"roadmap.toml:2:\d+: invalid TOML: .*; fix the syntax on that line$"):
        parse_roadmap('[[item]]\nid = \n')


def test_doctor_checks_python_requirements_and_fixes():
    from leansharp_tools.backends.coq import CoqBackend

    class Coq816(CoqBackend):
        def version(self):
            return "8.16.1"

        def library_loadable(self, root):
            return root == "Interval"

    tc = {"prover": {"name": "coq", "version": "8.16"}, "python": {"requires": ">=3.9"},
          "coq-libraries": {"required": ["Interval", "Coquelicot"]}}
    checks = {c["check"]: c for c in doctor_checks(tc, Coq816(), have_dpkg=False)}
    assert checks["prover coq (coqc)"]["ok"] and checks["prover coq (coqc)"]["fix"] == ""
    assert checks["coq library Interval"]["ok"]
    assert checks["coq library Coquelicot"] == {"check": "coq library Coquelicot", "wanted": "loadable",
                                                "installed": None, "ok": False,
                                                "fix": "apt-get install -y libcoq-coquelicot"}
    assert checks["python"]["ok"]
    for dist in ("typer", "rich", "jinja2", "networkx", "numpy", "packaging"):
        assert checks[f"python {dist}"]["ok"], checks[f"python {dist}"]
    assert not any(name.startswith("python pytest") or "tomli" in name for name in checks)  # extras, markers


def test_cache_roundtrip_version_and_corruption(tmp_path):
    from leansharp_tools.cache import cache_path, digest, file_sha256, load_cache, save_cache

    assert load_cache(tmp_path, "status", 2) == {"version": 2}  # no cache yet
    save_cache(tmp_path, "status", {"version": 2, "modules": {"M": 1}})
    assert load_cache(tmp_path, "status", 2) == {"version": 2, "modules": {"M": 1}}
    assert load_cache(tmp_path, "status", 3) == {"version": 3}  # another version reads as empty
    cache_path(tmp_path, "status").write_text("{torn")
    assert load_cache(tmp_path, "status", 2) == {"version": 2}
    save_cache(tmp_path, "extract/A.B", {"version": 1})
    assert sorted(p.name for p in (tmp_path / ".leansharp" / "cache").rglob("*")) == ["A.B.json", "extract",
                                                                                         "status.json"]
    (tmp_path / "f").write_bytes(b"abc")
    assert file_sha256(tmp_path / "f") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert digest(["a", "b"]) != digest(["ab"])
