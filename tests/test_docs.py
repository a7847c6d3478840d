"""`leansharp docs`: the pure parts (binders, statement links, header comments,
transitive counts), then the site of the clean fixture and of a copy of the installed
Coquelicot, checked file by file (every anchor a link names exists, every source link
lands on its declaration's line) and in a real headless Chromium (no console error,
nothing asked off the disk, a statement link lands on its declaration, the search
finds a declaration and Enter goes to it)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List, Set, Tuple
from urllib.parse import unquote

import pytest

from headless import Chromium, Page, open_checked
from leansharp_tools.docs import (
    Resolver,
    binder_names,
    category,
    header_blocks,
    header_comment,
    inline_code,
    link_statement,
    transitive_counts,
)

from conftest import COQUELICOT, built_coquelicot_copy, copy_fixture, run_cli

# ------------------------------------------------------------------ pure parts


def test_binder_names():
    assert binder_names("forall (n : nat) (g m : W n), is_mask m -> norm g <= 1") == {"n", "g", "m"}
    assert binder_names("forall x y : R, x <= y") == {"x", "y"}
    assert binder_names("fun {A : Type} `{H : C A} (a : A) => a") >= {"A", "H", "a"}
    assert binder_names("exists k, k = double 2") == {"k"}
    assert binder_names("double 2 = 4") == set()


def test_link_statement_links_constants_not_bound_names():
    names = ["P.A.double", "P.A.n", "P.B.sum_to", "P.A.Inner.f", "P.B.Inner.f"]
    href = {n: n.rsplit(".", 1)[0] + ".html#" + n.rsplit(".", 1)[1] for n in names}
    segs = link_statement("thm : forall n : nat, double (sum_to n) = Inner.f n", "P.A", Resolver(names), href)
    assert "".join(t for t, _ in segs) == "thm : forall n : nat, double (sum_to n) = Inner.f n"
    linked = [(t, h) for t, h in segs if h]
    assert linked == [("double", "P.A.html#double"), ("sum_to", "P.B.html#sum_to"), ("Inner.f", href["P.A.Inner.f"])]
    # ambiguous outside its own module: not linked
    assert [h for _, h in link_statement("Inner.f", "P.C", Resolver(names), href) if h] == []


def test_header_comment_and_blocks():
    text = "(** * Title\n\n  The [mask] is 0/1.\n  Second line.\n\n  - one [x]\n  - two\n    more *)\nLemma a : True."
    c = header_comment(text)
    assert c.startswith("* Title") and c.endswith("more")
    assert header_blocks(c) == [("h", "Title"), ("p", "The [mask] is 0/1. Second line."),
                                ("ul", ["one [x]", "two more"])]
    assert inline_code("The [mask] is") == [("The ", False), ("mask", True), (" is", False)]
    assert header_comment("Lemma a : True. (* late *)") == ""
    assert header_comment("(* a (* nested *) b *) x") == "a (* nested *) b"


def test_transitive_counts_with_a_cycle():
    uses, used_by = transitive_counts(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "b"), ("d", "d")])
    assert uses == {"a": 2, "b": 1, "c": 1, "d": 0}
    assert used_by == {"a": 0, "b": 2, "c": 2, "d": 0}


def test_category():
    assert category("Lemma", "cnst", True) == "theorem"
    assert category("Definition", "cnst", False) == "definition"
    assert category("", "construct", False) == "constructor"
    assert category("Record", "inductive", False) == "inductive"
    assert category("Axiom", "cnst", True) == "axiom"


# ------------------------------------------------------- the site, file by file

class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Set[str] = set()
        self.hrefs: List[str] = []
        self.decls: List[Tuple[str, str]] = []  # (anchor, name)
        self.sources: Dict[str, str] = {}  # anchor -> its source link
        self._decl = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids.add(a["id"])
        if tag == "section" and "decl" in (a.get("class") or ""):
            self._decl = a["id"]
            self.decls.append((a["id"], a["data-name"]))
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
            if a.get("class") == "src" and self._decl and self._decl not in self.sources:
                self.sources[self._decl] = a["href"]


def check_site(site: Path) -> Dict[str, _Page]:
    """Every page parses, ids are unique, every link into the site names an existing
    page and anchor, every source link opens a file whose line holds the declaration."""
    pages: Dict[str, _Page] = {}
    for f in site.glob("*.html"):
        p = _Page()
        p.feed(f.read_text(encoding="utf-8"))
        pages[f.name] = p
    assert "index.html" in pages and (site / "search-index.js").is_file() and (site / "docs.js").is_file()
    for name, p in pages.items():
        for href in p.hrefs:
            assert not href.startswith(("http:", "https:", "//")), href  # self-contained
            target, _, anchor = href.partition("#")
            if target.endswith(".html") or not target:
                page = pages.get(target or name)
                assert page is not None, f"{name}: {href}: no such page"
                assert not anchor or anchor in page.ids, f"{name}: {href}: no such anchor"
            else:
                assert (site / unquote(target)).resolve().is_file(), f"{name}: {href}: no such file"
        for anchor, src in p.sources.items():
            file, _, line = src.partition("#L")
            text = (site / unquote(file)).read_text(encoding="utf-8").splitlines()
            short = anchor.rsplit(".", 1)[-1]
            assert re.search(rf"(?<![\w']){re.escape(short)}(?![\w'])", text[int(line) - 1]), (name, anchor, src)
    return pages


def open_docs(browser: Chromium, path: Path) -> Page:
    return open_checked(browser, path, "!!(window.leansharpDocs && window.leansharpDocs.ready)")


def search_and_go(page: Page, text: str, name: str, anchor: str) -> None:
    """Type `text` in the search box: `name` is among the hits; Enter goes to its anchor."""
    page.type("#docs-q", text)
    page.wait_for("!document.getElementById('docs-hits').hidden")
    assert name in page.text("#docs-hits")
    page.press("Enter")
    page.wait_for(f"location.hash === {('#' + anchor)!r} && document.readyState === 'complete'")
    page.wait_for("!!window.leansharpDocs")
    assert page.evaluate("document.querySelector(':target').dataset.name") == name


def follow(page: Page, selector: str, name: str) -> None:
    """A real click on the link `selector`: the page it opens shows `name` as its target."""
    href = page.evaluate(f"document.querySelector({selector!r}).getAttribute('href')")
    page.click(selector)
    page.wait_for(f"location.href.endsWith({href!r}) && document.readyState === 'complete'")
    assert page.evaluate("document.querySelector(':target').dataset.name") == name


def docs(proj: Path, out: Path) -> None:
    r = run_cli("docs", "-o", out, "--project", proj, lock=True)
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith(f"wrote {out / 'index.html'}:")


@pytest.mark.coq_build
def test_docs_of_the_clean_fixture(built_clean, tmp_path, browser):
    out = tmp_path / "site"
    docs(built_clean, out)
    pages = check_site(out)
    assert set(pages) == {"index.html", "Clean.Base.html", "Clean.Top.html"}
    assert ("Inner.inner_fact", "Clean.Base.Inner.inner_fact") in pages["Clean.Base.html"].decls
    top = (out / "Clean.Top.html").read_text()
    assert '<a class="c" href="Clean.Base.html#double">double</a> (<a class="c" href="Clean.Top.html#sum_to">' \
           'sum_to</a> n)' in top  # the statement, constants linked, the bound n not
    assert "Uses</strong> 3 directly, 3 transitively" in top
    page = open_docs(browser, out / "index.html")
    assert page.evaluate("document.title") == "Clean documentation"
    assert "A clean fixture library" in page.text("#docs-modtable")
    search_and_go(page, "double_pl", "Clean.Base.double_plus", "double_plus")
    page.close()
    page = open_docs(browser, out / "Clean.Top.html")
    assert "Lemma" not in page.text("#double_sum .kind") and page.text("#double_sum .kind") == "Corollary"
    assert page.text("#double_sum .status") == "proved"
    assert "Used by 2 directly, 2 transitively" in page.text("#sum_to .usedby")
    follow(page, '#double_sum pre.stmt a[href="Clean.Base.html#double"]', "Clean.Base.double")
    assert page.evaluate("location.pathname.endsWith('/Clean.Base.html')")
    assert "A clean fixture library" in page.text(".moddoc")
    page.close()


@pytest.mark.coq_build
def test_docs_errors_are_one_line(built_clean, tmp_path):
    afile = tmp_path / "a-file"
    afile.write_text("x")
    r = run_cli("docs", "-o", afile, "--project", built_clean)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "not a directory" in r.stderr, r.stderr
    unbuilt = copy_fixture("clean", tmp_path)
    r = run_cli("docs", "-o", tmp_path / "s", "--project", unbuilt)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "leansharp build" in r.stderr, r.stderr
    r = run_cli("docs", "--project", built_clean)
    assert r.returncode == 2 and "--output" in r.stderr and r.stderr.count("\n") == 1


@pytest.fixture(scope="module")
def coquelicot(tmp_path_factory) -> Path:
    return built_coquelicot_copy(tmp_path_factory.mktemp("coquelicot") / "copy")


@pytest.mark.coq_build
def test_docs_of_a_coquelicot_copy(coquelicot, tmp_path, browser):
    out = tmp_path / "site"
    docs(coquelicot, out)
    pages = check_site(out)
    assert {f"Coquelicot.{m}.html" for m in COQUELICOT} <= set(pages)
    assert len(pages["Coquelicot.Rbar.html"].decls) > 100
    page = open_docs(browser, out / "Coquelicot.Rbar.html")
    stmt = page.text("#Rbar_le_refl pre.stmt")
    assert stmt == "Rbar_le_refl : forall x : Rbar, Rbar_le x x"
    assert page.evaluate("[...document.querySelectorAll('#Rbar_le_refl pre.stmt a')].map(a => a.getAttribute('href'))"
                         ) == ["Coquelicot.Rbar.html#Rbar_le_refl", "Coquelicot.Rbar.html#Rbar",
                               "Coquelicot.Rbar.html#Rbar_le"]
    assert page.evaluate("!!document.getElementById('Rbar').closest('.cat-inductive')")
    assert page.text(".moddoc")  # Coquelicot's license header, rendered
    search_and_go(page, "ex_lub_Rbar", "Coquelicot.Lub.ex_lub_Rbar", "ex_lub_Rbar")
    assert "transitively" in page.text("#ex_lub_Rbar .uses")
    follow(page, '#ex_lub_Rbar .uses a[href="Coquelicot.Markov.html#LPO"]', "Coquelicot.Markov.LPO")
    page.close()


@pytest.mark.library
def test_docs_of_leansharp(built_repo, tmp_path, browser):
    """On the built library: every page checks, a lemma's statement links its constants,
    the search finds it."""
    out = tmp_path / "site"
    docs(built_repo, out)
    pages = check_site(out)
    assert "LeanSharp.Filter.Mask.html" in pages
    page = open_docs(browser, out / "index.html")
    search_and_go(page, "norm_filtered_le", "LeanSharp.Filter.Mask.norm_filtered_le", "norm_filtered_le")
    assert page.evaluate("document.querySelectorAll('#norm_filtered_le pre.stmt a.c').length") >= 2
    page.close()
