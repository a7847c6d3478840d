"""Unit tests of the pure parts: _CoqProject parsing, the source scanner, Coq output
parsers, roadmap validation, dpd parsing and graph algorithms."""

from pathlib import Path

import pytest

from leansharp_tools.backends.coq import is_standard_axiom, parse_assumptions, parse_coq_errors
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.graph import graph_from_dpd, longest_chain, restrict_to, to_html, to_json
from leansharp_tools.project import find_project_root, load_project
from leansharp_tools.roadmap import check_links, item_status, parse_roadmap
from leansharp_tools.scan import scan_source
from leansharp_tools.toolchain import _satisfies, doctor_checks

FIX = Path(__file__).parent / "fixtures"


def test_coqproject_parsing_and_module_names():
    proj = load_project(FIX / "clean")
    assert [str(f) for f in proj.vfiles] == ["theories/Base.v", "theories/Top.v"]
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
    assert is_standard_axiom("ClassicalDedekindReals.sig_forall_dec")
    assert is_standard_axiom("FunctionalExtensionality.functional_extensionality_dep")
    assert not is_standard_axiom("A.ax")


def test_roadmap_errors_have_line_numbers():
    ok = '[[item]]\nid = "a"\ntitle = "t"\nspec = "2.1"\ntier = 1\ndeclarations = ["X.y"]\n'
    items = parse_roadmap(ok)
    assert items[0].line == 1 and items[0].declarations == ["X.y"]
    assert item_status(items[0], {"X.y": "proved"}) == "proved"
    assert item_status(items[0], {"X.y": "admitted"}) == "open"
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
    g = graph_from_dpd(DPD, ["Lib.Base", "Lib.Top"])
    assert set(g) == {"Lib.Base.a", "Lib.Base.Inner.b", "Lib.Top.c", "Lib.Top.d"}
    assert g.nodes["Lib.Base.Inner.b"]["module"] == "Lib.Base"
    assert longest_chain(g) == ["Lib.Top.c", "Lib.Base.a", "Lib.Base.Inner.b"]
    r = restrict_to(g, "Top.d")
    assert set(r) == {"Lib.Top.d", "Lib.Base.Inner.b"}
    with pytest.raises(LeanSharpError, match="unknown declaration 'zzz'"):
        restrict_to(g, "zzz")
    doc = to_json(g)
    assert doc["size"] == {"nodes": 4, "edges": 3}
    page = to_html(g)
    assert "http://" not in page and "https://" not in page and "<svg" in page


def test_version_spec_and_doctor_with_fake_dpkg():
    assert _satisfies("3.11.7", ">=3.9") and not _satisfies("0.8", ">=0.9")

    class NoCoq:
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
    """A `code` link into a package resolves statically through `from pkg.mod import f`
    in its __init__.py; names imported from outside the project or absent do not."""
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "__init__.py").write_text("from p.a import f\nfrom typing import List\n")
    (tmp_path / "p" / "a.py").write_text("def f():\n    pass\n")
    text = '[[item]]\nid = "a.b"\ntitle = "t"\nspec = "1"\ntier = 1\ncode = ["p.f", "p.a.f", "p.List", "p.g"]\n'
    problems = check_links(tmp_path, parse_roadmap(text, "roadmap.toml"))
    assert len(problems) == 2
    assert "'p.List'" in problems[0] and "'p.g'" in problems[1]


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
    with pytest.raises(LeanSharpError, match=r"roadmap.toml:8: item 1: 'filters' must be a string or a list of strings"):
        parse_roadmap(FILTERS_ROADMAP.split("filters = ")[0] + "filters = [1]\n")


def test_roadmap_report_flags_missing_and_unproved_filters():
    """`leansharp status --strict` (roadmap part, `status.roadmap_report`): a `filters` name
    that does not exist is reported at the line where it is written, one that is not proved
    too; the JSON of the item lists filters and witnesses with their status."""
    from leansharp_tools.status import StatusReport, roadmap_report

    items = parse_roadmap(FILTERS_ROADMAP)
    statuses = {"X.thm": "proved", "X.wit": "proved", "X.drops": "proved", "X.adm": "admitted"}
    roadmap, problems = roadmap_report(items, statuses, "roadmap.toml")
    assert problems == [
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
    assert roadmap_report(items, ok)[1] == []
    del ok["X.wit"]
    assert roadmap_report(items, ok)[1] == ["roadmap.toml:7: item zsharp.filters: witness X.wit does not exist"]


def test_map_shows_filters_next_to_witnesses(tmp_path):
    """`leansharp map`: filters are resolved like witnesses (file:line, status), shown in
    their own table after the witnesses, and a missing one is a `missing-filters` link."""
    from leansharp_tools import mapping

    (tmp_path / "_CoqProject").write_text("-R src X\nsrc/F.v\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "F.v").write_text(
        "Lemma thm : True. Proof. exact I. Qed.\nLemma wit : True. Proof. exact I. Qed.\n"
        "Lemma drops : True. Proof. exact I. Qed.\nLemma adm : True. Admitted.\n")
    (tmp_path / "roadmap.toml").write_text(FILTERS_ROADMAP.replace('"X.', '"X.F.'))
    pmap = mapping.build_map(tmp_path)
    it = pmap.items[0]
    assert [(d.name, d.status, d.role) for d in it.filters] == [
        ("X.F.drops", "found", "filters"), ("X.F.nowhere", "missing", "filters"), ("X.F.adm", "admitted", "filters")]
    assert str(it.filters[0].location) == "src/F.v:3"
    assert [(p.kind, p.target) for p in pmap.problems] == [("missing-filters", "X.F.nowhere")]
    md = mapping.render_map(pmap, "md")
    assert md.index("| witness |") < md.index("| filters |")
    assert "| `X.F.drops` | `src/F.v:3` | found |" in md and "| `X.F.nowhere` | **not found** | missing |" in md
    html = mapping.render_map(pmap, "html")
    assert "<th>filters</th>" in html and "X.F.adm" in html
