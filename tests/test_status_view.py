"""The status report as people read it (no Coq run): a healthy project's default
output fits on a screen, the tables come on demand, the console follows COLUMNS;
roadmap items' short title and long statement."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console

from leansharp_tools.backends.base import Status
from leansharp_tools.backends.coq.project import load_project
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.render.terminal import console, render_status
from leansharp_tools.roadmap import TITLE_MAX, ItemState, item_status, load_roadmap, parse_roadmap, short_title
from leansharp_tools.status import DeclStatus, ItemReport, StatusReport

REPO = Path(__file__).resolve().parent.parent
ITEM = '[[item]]\nid = "a"\nspec = "2.1"\ntier = 1\n'


def healthy_library_report() -> StatusReport:
    """LeanSharp's modules and roadmap, every declaration proved (what `status` sees
    on the healthy library)."""
    proj = load_project(REPO)
    report = StatusReport(REPO, [], {}, project="LeanSharp")
    items = load_roadmap(REPO / "roadmap.toml")
    named = {n for it in items for n in it.declarations + it.witness + it.filters}
    for f in proj.files:
        mod = proj.module_of(f)
        report.module_files[mod] = str(f)
        for k in range(18):
            report.declarations.append(DeclStatus(f"{mod}.lemma_{k}", f"lemma_{k}", mod, str(f), k + 1, "Lemma",
                                                  Status.PROVED))
    statuses = {n: Status.PROVED for n in named}
    for it in items:
        decls = [{"name": n, "status": Status.PROVED} for n in it.declarations]
        report.roadmap.append(ItemReport(it, item_status(it, statuses), decls, []))
    return report


def rendered(report: StatusReport, width: int = 80, **opts: bool) -> str:
    con = Console(width=width, record=True, highlight=False, color_system=None)
    render_status(con, report, **opts)
    return con.export_text()


def test_healthy_library_status_fits_25_lines():
    report = healthy_library_report()
    out = rendered(report)
    lines = out.splitlines()
    assert len(lines) <= 25, out
    assert max(len(line) for line in lines) <= 80
    assert lines[0].startswith(f"LeanSharp: {len(report.declarations)} declarations in {len(report.module_files)} "
                               f"modules: {len(report.declarations)} proved")
    assert lines[1].startswith(f"roadmap: {len(report.roadmap)} items:")
    words = set(re.split(r"[\s,]+", out))
    for it in report.roadmap:  # every item not proved is named, proved ones are not
        assert (it.item.id in words) == (it.status != "proved"), it.item.id
    assert "ok: all proved" in out and "Modules" not in out and "Roadmap items" not in out


def test_many_open_items_are_listed_by_id():
    """Past ITEM_LINES lines of titles, the items not proved are listed by id, packed."""
    report = healthy_library_report()
    for it in report.roadmap[:30]:
        it.status = ItemState.OPEN
    out = rendered(report)
    lines = out.splitlines()
    assert len(lines) <= 25 and max(len(line) for line in lines) <= 80, out
    words = set(re.split(r"[\s,:]+", out))
    assert all(it.item.id in words for it in report.roadmap[:30])
    assert "(titles: leansharp status --roadmap)" in out


def test_status_tables_on_demand():
    report = healthy_library_report()
    modules = rendered(report, modules=True)
    assert "Modules (LeanSharp.*)" in modules and "Roadmap items" not in modules
    road = rendered(report, width=160, roadmap=True)
    assert "Roadmap items" in road and "Modules" not in road
    flat = " ".join(road.split())
    for it in report.roadmap[:10]:
        assert it.item.title in flat or it.item.title[:30] in flat
    every = rendered(report, show_all=True)
    assert all(t in every for t in ("Declarations", "Modules (LeanSharp.*)", "Roadmap items"))
    assert "tables:" not in every


def test_unproved_declarations_and_problems_are_listed():
    report = healthy_library_report()
    d = report.declarations[5]
    d.status = Status.ADMITTED
    report.problems = [f"{d.file}:{d.line}: {d.name}: admitted"]
    out = rendered(report, width=200)
    assert "Declarations that are not proved" in out and d.name in out
    assert "1 problem(s)" in out and "1 admitted" in out.splitlines()[-6] or "1 admitted" in out


def test_console_follows_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "57")
    assert console().width == 57
    assert console(stderr=True).width == 57


def test_roadmap_title_and_statement():
    both = parse_roadmap(ITEM + 'title = "L2 contraction"\nstatement = "‖g ⊙ m‖ ≤ ‖g‖ for every 0/1 mask m"\n')[0]
    assert (both.title, both.statement) == ("L2 contraction", "‖g ⊙ m‖ ≤ ‖g‖ for every 0/1 mask m")
    assert both.to_json()["statement"] == both.statement
    only_statement = parse_roadmap(ITEM + 'statement = "Descent lemma: L(w − ηd) ≤ L(w) − η⟨∇L, d⟩ + '
                                   '(Lη²/2)‖d‖² for every Lc-smooth L, with the constants of ZSharp"\n')[0]
    assert only_statement.title == "Descent lemma"
    legacy = parse_roadmap(ITEM + f'title = "{"word " * 40}"\n')[0]  # an old roadmap: the long text as title
    assert legacy.statement == ("word " * 40).strip() and len(legacy.title) <= TITLE_MAX
    assert legacy.title.endswith("…")
    short = parse_roadmap(ITEM + 'title = "short"\n')[0]
    assert short.title == short.statement == "short"
    with pytest.raises(LeanSharpError, match=r"roadmap.toml:5: item 1: 'title' has 81 characters, at most 80"):
        parse_roadmap(ITEM + f'title = "{"x" * 81}"\nstatement = "s"\n')
    with pytest.raises(LeanSharpError, match=r"roadmap.toml:1: item 1: missing required key 'title' or 'statement'"):
        parse_roadmap(ITEM)
    with pytest.raises(LeanSharpError, match=r"roadmap.toml:5: item 1: 'statement' must be a non-empty string"):
        parse_roadmap(ITEM + "statement = 3\n")


@pytest.mark.parametrize("text,title", [
    ("OPEN — Gaussian limit of the mask coverage: for i.i.d. N(μ, σ²) components and the oracle mask at "
     "threshold t, the coverage converges", "Gaussian limit of the mask coverage"),
    ("Empirical (sample-statistics) mask as the width grows: for i.i.d. components with a finite fourth moment "
     "the coverage converges", "Empirical (sample-statistics) mask as the width grows"),
    ("ZSharp's rule over all layers as one 0/1 mask on W N (N = Σ n_l, layers laid end to end), equal layer by "
     "layer to the list-of-layers rule", None),
])
def test_short_title(text, title):
    got = short_title(text)
    assert len(got) <= TITLE_MAX
    if title is not None:
        assert got == title
    else:  # no clause fits with balanced brackets: cut at a word with an ellipsis
        assert got.endswith("…") and text.startswith(got[:-1])


def test_real_roadmap_titles_fit():
    for it in load_roadmap(REPO / "roadmap.toml"):
        assert 0 < len(it.title) <= TITLE_MAX and it.statement, it.id
