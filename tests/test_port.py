"""The `port` field of roadmap items (another formalization's theorems, each equal,
weaker or open) and README's table of them: parsing, the one-line errors, the item
status, and README's table against the roadmap."""

from __future__ import annotations

from pathlib import Path

import pytest

from leansharp_tools.backends.base import Status
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.roadmap import ItemState, item_status, load_roadmap, parse_roadmap
from leansharp_tools.roadmap.port import port_table, port_totals

ROOT = Path(__file__).resolve().parents[1]
LINK = '{ repo = "o/r", commit = "' + "a" * 40 + '", path = "L/Stats.lean", lines = "1-9" }'


def _item(port: str, decls: str = '["M.vectorStd_le_norm", "M.mean_le_finite_law"]') -> str:
    return f'[[item]]\nid = "up.stats"\ntitle = "Stats"\ndeclarations = {decls}\nupstream = [{LINK}]\nport = {port}\n'


GOOD = _item('[{ name = "vectorStd_le_norm", status = "equal", coq = "M.vectorStd_le_norm" },\n'
             ' { name = "mean_le", status = "weaker", coq = "M.mean_le_finite_law", reason = "a finite law" },\n'
             ' { name = "median_exists", status = "open", reason = "needs compactness" }]')


def test_port_parses_and_renders_exactly():
    (it,) = parse_roadmap(GOOD)
    assert [(e.name, e.status, e.coq, e.reason) for e in it.port] == [
        ("vectorStd_le_norm", "equal", "M.vectorStd_le_norm", ""),
        ("mean_le", "weaker", "M.mean_le_finite_law", "a finite law"),
        ("median_exists", "open", "", "needs compactness")]
    assert port_totals([it]) == {"equal": 1, "weaker": 1, "open": 1}
    src = "[`L/Stats.lean`](https://github.com/o/r/blob/" + "a" * 40 + "/L/Stats.lean)"
    assert port_table([it]).splitlines() == [
        "3 theorems: 1 equal or stronger, 1 weaker, 1 open.", "",
        "| upstream file | theorem | here | Coq declaration | what differs / what is missing |",
        "| --- | --- | --- | --- | --- |",
        f"| {src} | `vectorStd_le_norm` | equal | `M.vectorStd_le_norm` |  |",
        f"| {src} | `mean_le` | weaker | `M.mean_le_finite_law` | a finite law |",
        f"| {src} | `median_exists` | open |  | needs compactness |"]


def test_an_open_entry_makes_the_item_partial():
    (it,) = parse_roadmap(GOOD)
    proved = {d: Status.PROVED for d in it.declarations}
    assert item_status(it, proved) == ItemState.PARTIAL
    it.port = [e for e in it.port if e.status != "open"]
    assert item_status(it, proved) == ItemState.PROVED


@pytest.mark.parametrize("port, message", [
    ('[{ name = "a", status = "same" }]', "a: 'status' must be one of equal, weaker, open"),
    ('[{ name = "a", status = "open" }]', "a: a open entry needs a 'reason'"),
    ('[{ name = "a", status = "equal" }]', "a: an equal entry needs 'coq', the declaration that restates it"),
    ('[{ name = "a", status = "equal", coq = "M.b" }]', "a: 'M.b' is not among the item's declarations"),
    ('[{ name = "mean_le", status = "equal", coq = "M.mean_le_finite_law" }]',
     "mean_le: an equal entry keeps the name; 'mean_le_finite_law' differs"),
    ('[{ name = "mean", status = "weaker", coq = "M.vectorStd_le_norm", reason = "r" }]',
     "mean: a weaker entry is named 'mean_<restriction>', not 'vectorStd_le_norm'"),
    ('[{ name = "a", status = "open", reason = "r", extra = "x" }]', "unknown key 'extra' in an entry"),
])
def test_bad_port_entries_are_one_line_errors(port: str, message: str):
    with pytest.raises(LeanSharpError) as err:
        parse_roadmap(_item(port))
    text = str(err.value)
    assert "\n" not in text and text.startswith("roadmap.toml:6: item 1: 'port' ") and message in text


def test_readme_upstream_table_is_the_roadmaps():
    """README's "Upstream LeanSharp" table is `port_table` of roadmap.toml, byte for byte
    (regenerate with `python -m leansharp_tools.roadmap.port`)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    begin, end = "<!-- port-table:begin -->\n", "<!-- port-table:end -->"
    table = readme[readme.index(begin) + len(begin):readme.index(end)]
    assert table == port_table(load_roadmap(ROOT / "roadmap.toml"))
