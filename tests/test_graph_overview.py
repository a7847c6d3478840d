"""The graph page's module overview (modules as boxes, arrows between modules, expand
a module to its declarations, search, direct and transitive counts, theorem and
definition shapes) and the links of the graph and blueprint pages into the
`leansharp docs` site (`--docs DIR`), in a real headless Chromium on the clean fixture."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest

from headless import Chromium, Page, open_checked
from leansharp_tools.graph_overview import common_prefix, module_graph, overview
from leansharp_tools.render.pages import DocsLinks

from conftest import run_cli

ROADMAP = """\
[[item]]
id = "clean.top"
title = "doubling a sum of the first n naturals"
spec = "1"
tier = 2
declarations = ["Clean.Top.double_sum"]
"""


def test_module_graph_and_overview():
    g: nx.DiGraph = nx.DiGraph()
    for n, m, st in (("A.x", "A", "proved"), ("A.y", "A", "admitted"), ("B.z", "B", "proved"),
                     ("C.w", "C", "proved")):
        g.add_node(n, module=m, status=st)
    g.add_edges_from([("B.z", "A.x"), ("B.z", "A.y"), ("C.w", "B.z"), ("C.w", "A.x"), ("A.y", "A.x")])
    m = module_graph(g)
    assert sorted(m.edges(data="uses")) == [("B", "A", 2), ("C", "A", 1), ("C", "B", 1)]
    ov = overview(g)
    boxes = {b.name: b for b in ov.boxes}
    assert [(b.name, b.x, b.y) for b in ov.boxes] == [("A", 20, 20), ("B", 320, 20), ("C", 620, 20)]
    assert boxes["A"].status == "admitted" and boxes["A"].not_proved == 1 and boxes["B"].status == "proved"
    assert (boxes["C"].uses, boxes["C"].uses_all, boxes["A"].used_by, boxes["A"].used_by_all) == (["A", "B"], 2,
                                                                                                  ["B", "C"], 2)
    assert ov.reduced and [(u, v) for u, v, _ in ov.edges] == [("m1", "m0"), ("m2", "m1")]  # C -> A is implied
    assert ov.adjacency == {"m0": [], "m1": ["m0"], "m2": ["m0", "m1"]}
    assert [b.label for b in ov.boxes] == ["A", "B", "C"]
    assert common_prefix(["L.Core.Vec", "L.Core.Sum", "L.Filter.Mask"]) == "L."
    assert common_prefix(["L.Core", "L.Core.Vec"]) == "L." and common_prefix(["A", "B"]) == ""


def test_docs_links(tmp_path):
    mods = ["P.A", "P.A.B", "P"]
    site = tmp_path / "site"
    site.mkdir()
    links = DocsLinks.to(str(site), tmp_path / "pages" / "graph.html", mods)
    assert links.href("P.A.B.thm") == "../site/P.A.B.html#thm"
    assert links.href("P.A.Inner.f") == "../site/P.A.html#Inner.f"
    assert links.page("P.A") == "../site/P.A.html" and links.href("Q.x") == ""
    assert DocsLinks.to("https://example.org/docs/", None, mods).href("P.x") == "https://example.org/docs/P.html#x"
    assert DocsLinks.to(None, None, mods).href("P.A.x") == ""
    assert DocsLinks.to(str(site), site / "graph.html", mods).href("P.A.x") == "./P.A.html#x"


# ---------------------------------------------------------------- in a browser

@pytest.fixture(scope="module")
def pages(built_clean, tmp_path_factory) -> Path:
    """A copy of the built clean fixture with a roadmap; its docs site in out/docs, the
    graph and blueprint pages in out/ linking into it."""
    proj = tmp_path_factory.mktemp("ov") / "clean"
    shutil.copytree(built_clean, proj)
    (proj / "roadmap.toml").write_text(ROADMAP)
    out = proj / "out"
    for args in (["docs", "-o", out / "docs"],
                 ["graph", "-f", "html", "-o", out / "graph.html", "--docs", out / "docs"],
                 ["blueprint", "-o", out / "blueprint.html", "--docs", out / "docs"]):
        r = run_cli(*args, "--project", proj, lock=True)
        assert r.returncode == 0, r.stderr
    return out


def open_graph(browser: Chromium, path: Path) -> Page:
    return open_checked(browser, path, "!!window.leansharpViewer")


def visible(page: Page, cls: str) -> list:
    return page.evaluate(f"[...document.querySelectorAll('#scene .{cls}')].filter(n => n.getBBox().width > 0"
                         f" && getComputedStyle(n).display !== 'none' && !n.closest('.off')).map(n => n.dataset.name)")


def lands_on(page: Page, selector: str, name: str, docs_page: str) -> None:
    """A real click on the link `selector` opens `docs_page` with `name` as the target."""
    page.click(selector)
    page.wait_for(f"location.pathname.endsWith({('/' + docs_page)!r}) && document.readyState === 'complete'")
    page.wait_for("!!document.querySelector(':target')")
    assert page.evaluate("document.querySelector(':target').dataset.name") == name


@pytest.mark.coq_build
def test_graph_page_opens_on_the_modules(pages, browser):
    page = open_graph(browser, pages / "graph.html")
    assert page.evaluate("leansharpViewer.mode()") == "modules" and page.text("#mode") == "modules"
    assert sorted(visible(page, "mn")) == ["Clean.Base", "Clean.Top"] and visible(page, "n") == []
    assert page.evaluate("document.querySelectorAll('#overview .me').length") == 1  # Top -> Base
    # a click on a module: its counts and what it uses, direct and transitive
    mid = page.evaluate("[...document.querySelectorAll('.mn')].find(n => n.dataset.name === 'Clean.Top').id")
    page.click(f"#{mid}")
    panel = page.text("#panel section.info:not([hidden])")
    assert "Clean.Top" in panel and "Uses 1 module directly, 1 transitively" in panel
    # expand it: its declarations only
    page.click("#panel section.info:not([hidden]) button[data-expand]")
    assert page.evaluate("leansharpViewer.mode()") == "decls" and page.text("#mode") == "declarations"
    assert sorted(visible(page, "n")) == ["Clean.Top.double_sum", "Clean.Top.sum_to", "Clean.Top.sum_to_3"]
    assert visible(page, "mn") == []
    # back to the overview, then a search: the declaration is shown among its module's ones
    page.click("#ovbtn")
    assert sorted(visible(page, "mn")) == ["Clean.Base", "Clean.Top"]
    page.type("#q", "double_plus")
    page.press("Enter")
    assert page.evaluate("leansharpViewer.mode()") == "decls"
    panel = page.text("#panel section.info:not([hidden])")
    assert "Clean.Base.double_plus" in panel and "Lemma (theorem)" in panel
    assert "Used by 1 directly, 1 transitively" in panel and "Uses 1 directly, 1 transitively" in panel
    assert "Clean.Base.double_plus" in visible(page, "n") and "Clean.Top.sum_to" not in visible(page, "n")
    # theorems and definitions look different
    shapes = page.evaluate("Object.fromEntries([...document.querySelectorAll('#decls .n')].map(n =>"
                           " [n.dataset.name, n.dataset.category + ':' + n.querySelector('rect').getAttribute('rx')]))")
    assert shapes["Clean.Base.double_plus"] == "theorem:9" and shapes["Clean.Base.double"] == "definition:0"
    # a search for a module selects it in the overview
    page.type("#q", "clean.top")
    page.press("Enter")
    assert page.evaluate("leansharpViewer.mode()") == "modules"
    assert page.text("#panel section.info:not([hidden]) h3") == "Clean.Top"
    page.close()


@pytest.mark.coq_build
def test_graph_and_blueprint_link_into_the_docs(pages, browser):
    html = (pages / "graph.html").read_text()
    assert 'href="docs/Clean.Base.html#double_plus"' in html and 'href="docs/Clean.Top.html"' in html
    page = open_graph(browser, pages / "graph.html")
    page.evaluate("leansharpViewer.select([...document.querySelectorAll('#decls .n')]"
                  ".find(n => n.dataset.name === 'Clean.Base.double_plus').id, true)")
    lands_on(page, "#panel section.info:not([hidden]) h3 a.doc", "Clean.Base.double_plus", "docs/Clean.Base.html")
    page.close()
    page = open_graph(browser, pages / "blueprint.html")
    page.type("#q", "clean.top")
    page.press("Enter")
    assert json.loads(page.evaluate("JSON.stringify([...document.querySelectorAll("
                                    "'#panel section.info:not([hidden]) a.doc')].map(a => a.getAttribute('href')))")
                      ) == ["docs/Clean.Top.html#double_sum"]
    lands_on(page, "#panel section.info:not([hidden]) a.doc", "Clean.Top.double_sum", "docs/Clean.Top.html")
    page.close()


def test_docs_option_errors(built_clean, tmp_path):
    afile = tmp_path / "f"
    afile.write_text("x")
    r = run_cli("graph", "-f", "html", "--docs", afile, "--project", built_clean)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "not a directory" in r.stderr, r.stderr
    r = run_cli("graph", "-f", "dot", "--docs", tmp_path, "--project", built_clean)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "--docs" in r.stderr, r.stderr
