"""The HTML pages and the dependency queries: `leansharp blueprint`, `leansharp graph
--format html`, `leansharp map --format html`, `leansharp graph --uses/--used-by` and
`leansharp unused`.

Units first (directive scan, the generated `About` script and its parser, the item
relation, links, queries on a .dpd graph); then on built fixture projects (Coq's
statements and their cache, the commands); then every page in a real headless
Chromium (`headless.py`: the DevTools protocol over a pipe): it loads with no console
error and no request off the disk, the search finds a known declaration and says "no
match" otherwise, a click on a node shows its statement, the source link opens the
.v file. The same on a copy of an installed library (Coquelicot, four files built in
a temp dir) and, marker `library`, on LeanSharp itself.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import List
from urllib.parse import unquote, urlparse

import networkx as nx
import pytest

from headless import Chromium, Page, open_checked
from leansharp_tools.backends.base import Status
from leansharp_tools.backends.coq.dpd import dpd_graph
from leansharp_tools.backends.coq.statements import Block, header_directives, parse_statements, statements_script
from leansharp_tools.blueprint import drawn_edges, item_relation
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.graph import reachable, to_networkx
from leansharp_tools.render.pages import SourceLinks, graph_html

from conftest import built_coquelicot_copy, run_cli

# ------------------------------------------------------------------------ units

V_HEADER = """\
(* From Coq Require Import Commented. *)
From Coq Require Import Reals Lra.
Require Import Local.Base.
Local Open Scope R_scope.
Section S.
  Open Scope nat_scope.
  Variable x : nat.
End S.
Module M.
  Import Other.
End M.
Module A := Local.Base.
#[global] Open Scope list_scope.
Require Export Local.Top.
Lemma l : True. Proof. Import Inside. exact I. Qed.
"""


def test_header_directives_top_level_only():
    assert header_directives(V_HEADER) == [
        "From Coq Require Import Reals Lra.", "Require Import Local.Base.", "Local Open Scope R_scope.",
        "#[global] Open Scope list_scope.", "Require Export Local.Top.", "Import Inside."]


def test_statements_script_and_about_parser():
    src, where = statements_script([Block("L.A", ["Open Scope R_scope."], ["L.A.x", "L.A.y"]),
                                    Block("L.B", [], ["L.B.z"], import_module=False)])
    lines = src.splitlines()
    assert lines[:4] == ["Module LSS__0.", "Require L.A.", "Open Scope R_scope.", "Import L.A."]
    assert where[3] == ("directive", 0, 0) and where[4] == ("import", 0, 0)
    assert where[lines.index("About L.A.y.") + 1] == ("name", 0, 1)
    assert "Import L.B." not in lines and lines[-1] == "End LSS__1."
    out = "\n".join([
        "@@LSS 0", "x :", "forall n : nat,", "  n = n", "", "x is not universe polymorphic",
        "Expands to: Constant L.A.x",
        "@@LSS 1", "L.A.y not a defined object.",
        "@@LSS 2", "z : nat", ""])
    assert parse_statements(out) == {0: "x :\nforall n : nat,\n  n = n", 2: "z : nat"}


DPD = '''N: 1 "a" [body=yes, kind=cnst, prop=yes, path="Base", ];
N: 2 "b" [body=yes, kind=cnst, prop=no, path="Base.Inner", ];
N: 3 "c" [body=no, kind=cnst, prop=yes, path="Top", ];
N: 4 "d" [body=yes, kind=cnst, prop=yes, path="Top", ];
E: 1 2 [weight=5, ];
E: 3 1 [weight=1, ];
E: 4 2 [weight=1, ];
'''


def test_reachable_uses_and_used_by():
    g = to_networkx(dpd_graph(DPD, ["Lib.Base", "Lib.Top"]))
    doc = reachable(g, "Top.c", "uses")
    assert doc["schema"] == "leansharp-uses/1" and doc["name"] == "Lib.Top.c"
    assert [(d["name"], d["distance"]) for d in doc["declarations"]] == [("Lib.Base.a", 1), ("Lib.Base.Inner.b", 2)]
    doc = reachable(g, "Lib.Base.Inner.b", "used-by")
    assert [d["name"] for d in doc["declarations"]] == ["Lib.Base.a", "Lib.Top.d", "Lib.Top.c"]
    assert reachable(g, "d", "used-by")["count"] == 0
    with pytest.raises(LeanSharpError, match="unknown declaration 'zz'"):
        reachable(g, "zz")
    with pytest.raises(LeanSharpError, match="unknown query"):
        reachable(g, "a", "calls")


def test_item_relation_transitive_and_reduced():
    g: nx.DiGraph = nx.DiGraph([("a1", "x"), ("x", "b1"), ("b1", "c1"), ("c2", "b2"), ("d1", "a2"), ("a2", "d2")])
    decls = {"A": ["a1", "a2"], "B": ["b1", "b2"], "C": ["c1", "c2"], "D": ["d1", "d2"], "E": ["missing"]}
    rel = item_relation(decls, g)
    # A uses B through x and C through b1; B and C use each other; D and A use each other;
    # D reaches B only through A (not through its own declarations); E uses nothing
    assert rel == {("A", "B"), ("A", "C"), ("B", "C"), ("C", "B"), ("A", "D"), ("D", "A")}
    g.add_edge("e0", "d2")
    decls["E"] = ["e0"]
    rel = item_relation(decls, g)
    assert ("E", "D") in rel and ("E", "A") not in rel
    drawn = drawn_edges(decls, rel)
    # the groups {A, D} and {B, C} keep their arrows; E -> D is the one link to {A, D}
    assert drawn == rel
    g.add_edges_from([("e0", "a1")])
    rel = item_relation(decls, g)
    assert {("E", "A"), ("E", "B"), ("E", "C"), ("E", "D")} <= rel
    drawn = drawn_edges(decls, rel)
    assert ("E", "B") not in drawn and ("E", "C") not in drawn  # implied through {A, D}
    assert {("E", "A"), ("E", "D"), ("A", "B"), ("B", "C"), ("C", "B")} <= drawn
    chain = {("P", "Q"), ("Q", "R"), ("P", "R")}
    assert drawn_edges(["P", "Q", "R"], chain) == {("P", "Q"), ("Q", "R")}


def test_source_links_relative_to_the_page(tmp_path):
    links = SourceLinks.to(tmp_path, tmp_path / "site" / "page.html")
    assert links.href("theories/Base.v", 9) == "../theories/Base.v#L9"
    assert links.location("tests/test x.py:12") == "../tests/test%20x.py#L12"
    assert SourceLinks.to(tmp_path, tmp_path / "p.html").href("A.v") == "A.v"


def test_graph_html_unit():
    g = to_networkx(dpd_graph(DPD, ["Lib.Base", "Lib.Top"]), locations={"Lib.Top.c": ("Top.v", 3)})
    g.graph.update(project="Lib", root="/nonexistent/lib")
    nx.set_node_attributes(g, {"Lib.Top.c": "c :\nforall n : nat, n <= n + 0 < 1 & 2"}, "statement")
    page = graph_html(g)
    assert "<title>Lib dependency graph</title>" in page and "LeanSharp" not in page
    assert "c :\nforall n : nat, n &lt;= n + 0 &lt; 1 &amp; 2" in page  # Coq's text, escaped
    assert 'data-name="Lib.Top.c"' in page and 'id="q"' in page and 'id="module"' in page
    assert "http://" not in page and "https://" not in page and "<script src" not in page


@pytest.mark.parametrize("cmd", [["blueprint"], ["unused"], ["graph", "--uses", "x"], ["graph", "--used-by", "x"]])
def test_not_a_project(tmp_path, cmd):
    r = run_cli(*cmd, "--project", tmp_path)
    assert r.returncode == 1
    assert r.stderr.strip().count("\n") == 0 and f"leansharp: error: {tmp_path}: not a Coq project" in r.stderr


# ----------------------------------------------------------- a browser, and pages


def open_page(browser: Chromium, path: Path) -> Page:
    """The page, checked: no console error or exception, nothing asked off the disk."""
    return open_checked(browser, path, "!!(window.leansharpViewer || document.getElementById('summary'))")


def search(page: Page, text: str) -> str:
    """Type into the search box, press Enter; the search message."""
    page.type("#q", text)
    page.press("Enter")
    return page.text("#qmsg")


def shown(page: Page) -> str:
    """The text of the panel section on show."""
    return page.text("#panel section.info:not([hidden])")


def node_id(page: Page, name: str) -> str:
    return page.evaluate(f"[...document.querySelectorAll('#scene .n')]"
                         f".find(n => n.dataset.name === {json.dumps(name)}).id")


def click_node(page: Page, name: str) -> None:
    """A real click on the node's box (checked to be the topmost element there)."""
    nid = node_id(page, name)
    c = page.center(f"#{nid}")
    assert page.element_at(c["x"], c["y"]) == nid
    page.click(f"#{nid}")


def follow_source_link(page: Page, expect_file: str, expect_text: str) -> None:
    """The shown panel's first source link points at an existing file (line fragment) and
    opens it."""
    href = page.evaluate("document.querySelector('#panel section.info:not([hidden]) a.src').href")
    url = urlparse(href)
    assert Path(unquote(url.path)).is_file() and unquote(url.path).endswith(expect_file), href
    assert url.fragment.startswith("L")
    page.click("#panel section.info:not([hidden]) a.src")
    page.wait_for(f"location.href === {json.dumps(href)} && document.readyState === 'complete'")
    assert expect_text in page.evaluate("document.body.innerText")


PERMALINK = "https://github.com/bangyen/zsharp/blob/8a205ef6f4d0716cf6150efdd5d5cbc0bdd2da40/src/optimizer.py#L260-L266"


def click_permalink(page: Page, selector: str, href: str) -> None:
    """`selector` is a link to `href` and a real click at its centre follows it (the
    navigation itself is cancelled: pages are tested offline)."""
    assert page.evaluate(f"document.querySelector({json.dumps(selector)}).href") == href
    page.evaluate("window.followed = null; document.addEventListener('click', e => {"
                  " const a = e.target.closest('a'); window.followed = a ? a.href : '';"
                  " e.preventDefault(); }, {capture: true, once: true})")
    page.click(selector)
    assert page.evaluate("window.followed") == href


def check_graph_page(browser: Chromium, path: Path, title: str, decl: str, statement: str, other: str,
                     source: str, source_text: str) -> None:
    """Title; search finds `decl` (its panel shows `statement`); "no match"; clearing and a
    real click on `other` (reached through the panel's lists) shows its statement; zoom,
    pan; `decl`'s source link opens `source`."""
    page = open_page(browser, path)
    assert page.evaluate("document.title") == title
    msg = search(page, decl.rsplit(".", 1)[-1])
    assert "match" in msg and "no match" not in msg
    assert decl in shown(page) and statement in shown(page)
    assert search(page, "zzz_no_such_thing_zzz") == "no match for \u201czzz_no_such_thing_zzz\u201d"
    # a click on a box shows its statement: centre `other` (the viewer's API), clear, click its box
    page.click("#clr")
    assert page.evaluate("document.getElementById('hint').hidden") is False and shown(page) == ""
    page.evaluate(f"leansharpViewer.select({json.dumps(node_id(page, other))}, true)")
    page.click("#clr")
    assert shown(page) == ""
    click_node(page, other)
    assert other in shown(page) and "no statement" not in shown(page).lower()
    # zoom and pan
    k0 = page.evaluate("leansharpViewer.view.k")
    box = page.evaluate("(() => { const b = document.getElementById('canvas').getBoundingClientRect();"
                        " return {x: b.left + b.width / 2, y: b.top + 20}; })()")
    page.wheel(box["x"], box["y"], -400)
    assert page.evaluate("leansharpViewer.view.k") > k0 * 1.5
    x0 = page.evaluate("leansharpViewer.view.x")
    page.drag(box["x"], box["y"], box["x"] + 120, box["y"] + 40)
    assert abs(page.evaluate("leansharpViewer.view.x") - x0 - 120) < 1
    search(page, decl.rsplit(".", 1)[-1])
    follow_source_link(page, source, source_text)
    page.close()


BP_ROADMAP = """\
[[item]]
id = "clean.base"
title = "double n = n + n"
spec = "1"
tier = 1
headline = true
declarations = ["Clean.Base.double_plus"]
code = "leansharp_tools.zsharp.hadamard"
agreement = "tests/test_demo.py::test_ok"

[[item.upstream]]
repo = "bangyen/zsharp"
commit = "8a205ef6f4d0716cf6150efdd5d5cbc0bdd2da40"
path = "src/optimizer.py"
lines = "260-266"

[[item]]
id = "clean.top"
title = "doubling a sum of the first n naturals"
spec = "1"
tier = 2
declarations = ["Clean.Top.double_sum"]
witness = ["Clean.Top.sum_to_3"]
test = "tests/test_demo.py::test_ok"

[[item]]
id = "clean.total"
title = "the order on R is total"
spec = "1"
tier = 1
declarations = ["Clean.Base.rle_total"]

[[item]]
id = "clean.open"
title = "an open item"
spec = "1"
tier = 4
declarations = []
"""


@pytest.fixture(scope="module")
def clean_bp(built_clean, tmp_path_factory) -> Path:
    """A copy of the built clean fixture with a roadmap of linked items."""
    proj = tmp_path_factory.mktemp("bp") / "clean"
    shutil.copytree(built_clean, proj)  # copy2: the .vo stay newer than their sources
    (proj / "roadmap.toml").write_text(BP_ROADMAP)
    (proj / "tests").mkdir()
    (proj / "tests" / "test_demo.py").write_text("def test_ok():\n    pass\n")
    return proj


def test_statements_from_coq_and_cache(clean_bp):
    from leansharp_tools.backends.coq import CoqBackend
    from leansharp_tools.statements import collect_statements

    class Counting(CoqBackend):
        runs = 0

        def statements(self, proj, batches):
            Counting.runs += 1
            return super().statements(proj, batches)

    backend = Counting()
    proj = backend.open_project(clean_bp)
    batches = {"Clean.Base": ["Clean.Base.double_plus", "Clean.Base.Inner.inner_fact", "Clean.Base.nope"],
               "Clean.Top": ["Clean.Top.double_sum"]}
    texts = collect_statements(proj, batches, backend)
    # as Coq prints them in each module's context: Base opens R_scope, Top does not
    assert texts == {"Clean.Base.double_plus": "double_plus : forall n : nat, double n = (n + n)%nat",
                     "Clean.Base.Inner.inner_fact": "Inner.inner_fact : True",
                     "Clean.Top.double_sum": "double_sum : forall n : nat, double (sum_to n) = sum_to n + sum_to n"}
    assert Counting.runs == 1 and (clean_bp / ".leansharp" / "cache" / "statements.json").is_file()
    assert collect_statements(proj, batches, backend) == texts and Counting.runs == 1  # warm: no prover run
    assert collect_statements(proj, {"Clean.Top": ["Clean.Top.sum_to"]}, backend) == {
        "Clean.Top.sum_to": "sum_to : nat -> nat"}
    assert Counting.runs == 2


@pytest.mark.coq_build
def test_statements_skip_what_coq_rejects(tmp_path):
    """A top-level `Import Inner.` of the file's own submodule makes no sense before the
    module itself is imported: the block is re-asked with it after `Import P.B.` (the
    answers before it kept), so `x` prints as in B.v; a name Coq does not know is left out."""
    from leansharp_tools.backends.coq import CoqBackend

    (tmp_path / "_CoqProject").write_text("-R . P\nA.v\nB.v\n")
    (tmp_path / "A.v").write_text("Definition a := 1.\n")
    (tmp_path / "B.v").write_text("Require Import P.A.\nModule Inner.\n  Definition x := a + 1.\nEnd Inner.\n"
                                  "Import Inner.\nLemma y : x = 2.\nProof. reflexivity. Qed.\n")
    r = run_cli("build", "--project", tmp_path, lock=True)
    assert r.returncode == 0, r.stdout + r.stderr
    backend = CoqBackend()
    runs: List[int] = []
    run = backend.run_generated

    def counting(*args, **kwargs):
        out = run(*args, **kwargs)
        runs.append(out.returncode)
        return out

    backend.run_generated = counting  # type: ignore[method-assign]
    proj = backend.open_project(tmp_path)
    texts = backend.statements(proj, {"P.A": ["P.A.a"], "P.B": ["P.B.Inner.x", "P.B.y", "P.B.nope"]})
    assert texts == {"P.A.a": "a : nat", "P.B.Inner.x": "x : nat", "P.B.y": "y : x = 2"}
    assert runs == [1, 0]  # the second run asks only P.B, `Import Inner.` after `Import P.B.`


def test_graph_uses_and_used_by_cli(clean_bp):
    r = run_cli("graph", "--uses", "double_sum", "--project", clean_bp, lock=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["Clean.Base.double", "Clean.Base.double_plus", "Clean.Top.sum_to"]
    assert "Clean.Top.double_sum uses 3 declarations (transitively)" in r.stderr
    r = run_cli("graph", "--used-by", "Clean.Base.double", "--json", "--project", clean_bp)
    doc = json.loads(r.stdout)
    assert doc["query"] == "used-by" and doc["name"] == "Clean.Base.double"
    rows = {d["name"]: d for d in doc["declarations"]}
    assert set(rows) == {"Clean.Base.double_plus", "Clean.Top.double_sum"}
    assert rows["Clean.Top.double_sum"]["distance"] == 1 and rows["Clean.Top.double_sum"]["status"] == "proved"
    assert rows["Clean.Base.double_plus"]["file"] == "theories/Base.v"
    r = run_cli("graph", "--used-by", "double_sum", "-f", "json", "--project", clean_bp)
    assert json.loads(r.stdout)["count"] == 0
    for args, msg in [(["--uses", "a", "--used-by", "b"], "give one of --uses, --used-by and --root"),
                      (["--uses", "double", "--format", "dot"], "for a dot graph of what DECL depends on use --root"),
                      (["--uses", "no_such_decl"], "unknown declaration 'no_such_decl'"),
                      (["--json", "--format", "html"], "--json and --format html disagree")]:
        r = run_cli("graph", *args, "--project", clean_bp)
        assert r.returncode == 1 and r.stderr.count("\n") == 1 and msg in r.stderr, r.stderr


def test_unused_cli(clean_bp):
    r = run_cli("unused", "--project", clean_bp, lock=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "theories/Base.v:11: Clean.Base.rle_total (Theorem)  [roadmap: clean.total]",
        "theories/Base.v:15: Clean.Base.Inner.inner_fact (Fact)",
        "theories/Base.v:22: Clean.Base.k_nonzero (Lemma)",
        "theories/Top.v:5: Clean.Top.double_sum (Corollary)  [roadmap: clean.top]",
        "theories/Top.v:8: Clean.Top.sum_to_3 (Example)  [roadmap: clean.top (witness)]"]
    assert "5 of 8 declarations are used by no other declaration (3 of them listed in roadmap.toml)" in r.stderr
    doc = json.loads(run_cli("unused", "--json", "--module", "Top", "--project", clean_bp).stdout)
    assert doc["schema"] == "leansharp-unused/1" and doc["total"] == 3
    assert [(d["name"], d["roadmap"]) for d in doc["declarations"]] == [
        ("Clean.Top.double_sum", [{"item": "clean.top", "role": "declaration"}]),
        ("Clean.Top.sum_to_3", [{"item": "clean.top", "role": "witness"}])]
    r = run_cli("unused", "--unlisted", "--project", clean_bp)
    assert [line.split()[1] for line in r.stdout.splitlines()] == ["Clean.Base.Inner.inner_fact",
                                                                   "Clean.Base.k_nonzero"]


def test_blueprint_json(clean_bp):
    r = run_cli("blueprint", "--json", "--project", clean_bp, lock=True)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["schema"] == "leansharp-blueprint/1" and doc["project"] == "Clean"
    assert doc["counts"] == {"proved": 3, "partial": 0, "open": 1}
    assert doc["edges"] == [{"source": "clean.top", "target": "clean.base", "direct": True}]
    items = {i["id"]: i for i in doc["items"]}
    top = items["clean.top"]
    assert top["uses"] == ["clean.base"] and items["clean.base"]["used_by"] == ["clean.top"]
    assert top["declarations"][0] == {
        "name": "Clean.Top.double_sum", "status": "proved", "kind": "Corollary", "file": "theories/Top.v", "line": 5,
        "statement": "double_sum : forall n : nat, double (sum_to n) = sum_to n + sum_to n"}
    assert top["witness"][0]["statement"] == "sum_to_3 : sum_to 3 = 6"
    assert top["test"] == [{"target": "tests/test_demo.py::test_ok", "found": True, "location": "tests/test_demo.py:1"}]
    assert items["clean.open"]["status"] == "open" and items["clean.open"]["declarations"] == []
    assert [u["permalink"] for u in items["clean.base"]["upstream"]] == [PERMALINK] and top["upstream"] == []
    assert items["clean.base"]["agreement"] == [{"target": "tests/test_demo.py::test_ok", "found": True,
                                                 "location": "tests/test_demo.py:1"}]
    assert "4 items (3 proved, 0 partial, 1 open), 1 arrows" in r.stderr


def test_blueprint_errors(tmp_path, built_clean):
    proj = tmp_path / "p"
    shutil.copytree(built_clean, proj)
    (proj / "roadmap.toml").unlink()  # no roadmap: the project's theorems by module, not an error
    r = run_cli("blueprint", "--project", proj)
    assert r.returncode == 0 and r.stdout.lstrip().startswith("<!DOCTYPE html>") and r.stderr.count("\n") == 1
    (proj / "roadmap.toml").write_text("[[item]]\nid = 'a'\n")
    r = run_cli("blueprint", "--project", proj)
    assert r.returncode == 1 and "roadmap.toml:1: item 1: missing required key 'title'" in r.stderr
    (proj / "roadmap.toml").write_text(BP_ROADMAP)
    (proj / "theories" / "Top.vo").unlink()
    r = run_cli("blueprint", "--project", proj)
    assert r.returncode == 1 and "run `leansharp build" in r.stderr and r.stderr.count("\n") == 1


@pytest.mark.coq_build
def test_graph_page_in_browser(clean_bp, browser, tmp_path):
    out = clean_bp / "site" / "graph.html"  # links go up a directory: ../theories/Base.v
    out.parent.mkdir(exist_ok=True)
    r = run_cli("graph", "--format", "html", "--output", out, "--project", clean_bp, lock=True)
    assert r.returncode == 0, r.stderr
    html = out.read_text()
    assert 'href="../theories/Base.v#L8"' in html and "<title>Clean dependency graph</title>" in html
    check_graph_page(browser, out, "Clean dependency graph", "Clean.Base.double_plus",
                     "double_plus : forall n : nat, double n = (n + n)%nat", "Clean.Top.sum_to",
                     "theories/Base.v", "Lemma double_plus")
    page = open_page(browser, out)
    assert "All 8 declarations with a verdict are proved." in page.text("#notproved")
    # the module filter shows one module's declarations only
    page.evaluate("(() => { const s = document.getElementById('module'); s.value = 'Clean.Top';"
                  " s.dispatchEvent(new Event('change')); })()")
    visible = page.evaluate("[...document.querySelectorAll('#scene .n:not(.off)')].map(n => n.dataset.name)")
    assert sorted(visible) == ["Clean.Top.double_sum", "Clean.Top.sum_to", "Clean.Top.sum_to_3"]
    page.close()


@pytest.mark.coq_build
def test_graph_page_lists_what_is_not_proved(built_holes, holes_report, browser, tmp_path):
    out = tmp_path / "holes.html"
    r = run_cli("graph", "-f", "html", "-o", out, "--project", built_holes, lock=True)
    assert r.returncode == 0, r.stderr
    page = open_page(browser, out)
    top = page.text("#notproved")
    assert "8 declarations not proved" in top and "Holes.Admitted.hole_admitted" in top
    assert "Holes.Clean.clean_max" not in top
    page.click("#notproved button[data-node]")  # the first one: jumps to it
    assert "admitted" in shown(page) or "axiom" in shown(page) or "unguarded" in shown(page)
    page.close()


@pytest.mark.coq_build
def test_blueprint_page_in_browser(clean_bp, browser):
    out = clean_bp / "blueprint.html"
    r = run_cli("blueprint", "--output", out, "--project", clean_bp, lock=True)
    assert r.returncode == 0, r.stderr
    page = open_page(browser, out)
    assert page.evaluate("document.title") == "Clean blueprint"
    assert "1 item not proved" in page.text("#notproved")
    assert "match" in search(page, "clean.top")
    panel = shown(page)
    assert "Upstream code" not in panel and "Agreement" not in panel  # clean.top links no upstream code
    for text in ("doubling a sum of the first n naturals", "tier 2", "Clean.Top.double_sum",
                 "double_sum : forall n : nat, double (sum_to n) = sum_to n + sum_to n",
                 "Witnesses", "sum_to_3 : sum_to 3 = 6", "tests/test_demo.py::test_ok", "Uses (1)", "clean.base"):
        assert text in panel, text
    assert search(page, "nothing like this") == "no match for \u201cnothing like this\u201d"
    assert search(page, "sum of the first").startswith("1 match")  # the words of an item's title
    page.click("#clr")
    click_node(page, "clean.base")
    panel = shown(page)
    assert "double_plus : forall n : nat, double n = (n + n)%nat" in panel and "\u2605 headline" in panel
    assert "leansharp_tools.zsharp.hadamard(" in panel and "Used by (1)" in panel
    # theorem -> declarations -> ZSharp's lines (a permalink) -> code -> agreement -> test
    order = [panel.index(h) for h in ("Declarations", "Upstream code", "Code", "Agreement with the upstream code")]
    assert order == sorted(order) and "src/optimizer.py#L260-L266 (bangyen/zsharp@8a205ef6f4d0)" in panel
    click_permalink(page, "#panel section.info:not([hidden]) a.upstream", PERMALINK)
    # the arrow clean.top -> clean.base is drawn and highlighted with the selection
    assert page.evaluate("[...document.querySelectorAll('#scene .e.hi')].length") == 1
    follow_source_link(page, "theories/Base.v", "Lemma double_plus")
    page.close()


@pytest.mark.coq_build
def test_map_page_in_browser(clean_bp, browser):
    out = clean_bp / "docs" / "map.html"
    out.parent.mkdir()
    r = run_cli("map", "--format", "html", "--output", out, "--project", clean_bp, lock=True)
    assert r.returncode == 0, r.stderr
    page = open_page(browser, out)
    assert page.evaluate("document.title") == "Clean theorem-to-code map"
    assert search(page, "Top.double_sum") == "1 item"
    visible = page.evaluate("[...document.querySelectorAll('section.item:not(.off)')].map(s => s.id)")
    assert visible == ["clean.top"]
    assert search(page, "no such words") == "no match for \u201cno such words\u201d"
    assert page.evaluate("document.querySelectorAll('section.item:not(.off)').length") == 0
    search(page, "double_plus")
    href = page.evaluate("document.querySelector('#clean\\\\.base a.src').href")
    assert href.endswith("/theories/Base.v#L8") and Path(unquote(urlparse(href).path)).is_file()
    # the upstream (ZSharp) column of the summary and the item's permalink, clickable in both
    assert page.evaluate("[...document.querySelectorAll('#summary th')].map(t => t.innerText)") == [
        "item", "result", "spec", "status", "upstream", "code", "agreement", "test"]
    cells = page.evaluate("[...document.querySelectorAll('#summary tr[data-item] td')].map(t => t.innerText)")
    assert cells[4:8] == ["optimizer.py#L260-L266", "hadamard", "test_ok", "—"]
    assert "none recorded" not in cells and cells[8 + 6] == "—"  # clean.top: no upstream, no agreement
    click_permalink(page, "#summary a.upstream", PERMALINK)
    assert "Agreement with the upstream code: tests/test_demo.py::test_ok" in page.text("#clean\\.base")
    click_permalink(page, "#clean\\.base a.upstream", PERMALINK)
    page.close()


# ------------------------------------------------- a copy of an installed library

COQUELICOT_ROADMAP = """\
[[item]]
id = "copy.rcomplements"
title = "1/x is order-reversing on the positive reals"
spec = "1"
tier = 1
declarations = ["Coquelicot.Rcomplements.Rinv_le_contravar"]

[[item]]
id = "copy.markov"
title = "The limited principle of omniscience"
spec = "1"
tier = 2
headline = true
declarations = ["Coquelicot.Markov.LPO_min", "Coquelicot.Markov.LPO"]

[[item]]
id = "copy.lub"
title = "Every set of reals has a least upper bound in Rbar"
spec = "1"
tier = 3
declarations = ["Coquelicot.Lub.ex_lub_Rbar"]
witness = ["Coquelicot.Rbar.Rbar_le_refl"]

[[item]]
id = "copy.open"
title = "Not started"
spec = "1"
tier = 4
"""


@pytest.fixture(scope="module")
def coquelicot(tmp_path_factory) -> Path:
    """Four files of the installed Coquelicot under their own logical name, with a roadmap."""
    return built_coquelicot_copy(tmp_path_factory.mktemp("coquelicot") / "copy", COQUELICOT_ROADMAP)


@pytest.mark.coq_build
def test_queries_on_a_coquelicot_copy(coquelicot):
    r = run_cli("graph", "--uses", "ex_lub_Rbar", "--project", coquelicot, lock=True)
    assert r.returncode == 0, r.stderr
    uses: List[str] = r.stdout.split()
    assert {"Coquelicot.Markov.LPO", "Coquelicot.Markov.LPO_min", "Coquelicot.Rcomplements.Rinv_le_contravar",
            "Coquelicot.Rbar.Rbar"} <= set(uses)
    doc = json.loads(run_cli("graph", "--used-by", "Markov.LPO_min", "--json", "--project", coquelicot).stdout)
    assert "Coquelicot.Lub.ex_lub_Rbar" in {d["name"] for d in doc["declarations"]}
    assert all(d["status"] in (Status.PROVED, Status.OTHER) for d in doc["declarations"])
    r = run_cli("unused", "--json", "--project", coquelicot)
    doc = json.loads(r.stdout)
    unused = {d["name"]: d for d in doc["declarations"]}
    assert "Coquelicot.Markov.LPO_min" not in unused and "Coquelicot.Lub.ex_lub_Rbar" not in unused
    assert "Coquelicot.Lub.Rbar_glb_rw" in unused  # the head of the longest chain: nothing uses it
    assert 0 < doc["count"] < doc["total"] and all(d["file"].endswith(".v") for d in doc["declarations"])
    assert doc["in_roadmap"] == 0  # every roadmap name of the copy is used by another declaration


@pytest.mark.coq_build
def test_pages_of_a_coquelicot_copy_in_browser(coquelicot, browser):
    graph, bp, cmap = coquelicot / "graph.html", coquelicot / "blueprint.html", coquelicot / "map.html"
    for args in (["graph", "-f", "html", "-o", graph], ["blueprint", "-o", bp], ["map", "-f", "html", "-o", cmap]):
        r = run_cli(*args, "--project", coquelicot, lock=True)
        assert r.returncode == 0, r.stderr
    check_graph_page(browser, graph, "Coquelicot dependency graph", "Coquelicot.Rbar.Rbar_le_refl",
                     "Rbar_le_refl : forall x : Rbar, Rbar_le x x", "Coquelicot.Markov.LPO_min",
                     "Rbar.v", "Rbar_le_refl")
    page = open_page(browser, bp)
    assert page.evaluate("document.title") == "Coquelicot blueprint"
    assert "match" in search(page, "copy.lub")
    panel = shown(page)
    assert "Every set of reals has a least upper bound in Rbar" in panel and "ex_lub_Rbar :" in panel
    assert "Uses (2)" in panel and "Rbar_le_refl : forall x : Rbar, Rbar_le x x" in panel
    # copy.lub -> copy.rcomplements is implied by copy.lub -> copy.markov -> copy.rcomplements
    assert page.evaluate("document.querySelectorAll('#scene .e').length") == 3
    assert page.evaluate("document.querySelectorAll('#scene .e.implied').length") == 1
    page.close()
    page = open_page(browser, cmap)
    assert page.evaluate("document.title") == "Coquelicot theorem-to-code map"
    assert search(page, "LPO_min") == "1 item"
    page.close()


# ------------------------------------------------------------- LeanSharp itself


@pytest.mark.library
def test_leansharp_queries(built_repo):
    r = run_cli("graph", "--uses", "LeanSharp.Filter.Mask.norm_filtered_le", "--project", built_repo, lock=True)
    assert r.returncode == 0, r.stderr
    assert "LeanSharp.Core.Vec.norm" in r.stdout.split()
    doc = json.loads(run_cli("graph", "--used-by", "LeanSharp.Core.Vec.vsum", "--json", "--project",
                             built_repo).stdout)
    assert doc["count"] > 500
    doc = json.loads(run_cli("unused", "--json", "--project", built_repo, lock=True).stdout)
    unused = {d["name"]: d for d in doc["declarations"]}
    # a headline theorem's witness is a final result: nothing uses it, the roadmap lists it
    w = unused["LeanSharp.Examples.Dynamics.SmoothWitness.descent_lemma_witness"]
    assert {"item": "sam.descent_lemma", "role": "witness"} in w["roadmap"]
    assert "LeanSharp.Core.Vec.vsum" not in unused and doc["in_roadmap"] > 50


@pytest.mark.library
def test_leansharp_pages_in_browser(built_repo, browser, tmp_path):
    graph, bp, lmap = tmp_path / "graph.html", tmp_path / "blueprint.html", tmp_path / "map.html"
    for args in (["graph", "-f", "html", "-o", graph], ["blueprint", "-o", bp], ["map", "-f", "html", "-o", lmap]):
        r = run_cli(*args, "--project", built_repo, lock=True, timeout=1800)
        assert r.returncode == 0, r.stderr
    check_graph_page(browser, graph, "LeanSharp dependency graph", "LeanSharp.Filter.Mask.norm_filtered_le",
                     "norm_filtered_le :", "LeanSharp.Core.Vec.norm2", "LeanSharp/Filter/Mask.v",
                     "norm_filtered_le")
    page = open_page(browser, bp)
    assert page.evaluate("document.title") == "LeanSharp blueprint"
    assert "match" in search(page, "sam.descent_lemma")
    panel = shown(page)
    assert "Descent lemma for Lc-smooth L" in panel and "descent_lemma :" in panel
    assert "forall {n : nat} {L : W n -> R}" in panel  # implicit binders, notations: as Coq prints them
    assert "LeanSharp/Optim/Smooth.v:" in panel and "test_descent_lemma" in panel and "core.cauchy_schwarz" in panel
    follow_source_link(page, "LeanSharp/Optim/Smooth.v", "descent_lemma")
    page.close()
    page = open_page(browser, lmap)
    assert page.evaluate("document.title") == "LeanSharp theorem-to-code map"
    assert re.fullmatch(r"\d+ items?", search(page, "norm_filtered_le"))
    page.close()
