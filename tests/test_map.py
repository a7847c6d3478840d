"""Tests for `leansharp map` (leansharp_tools.map, rendered by leansharp_tools.render.pages):
rendering the real repository's roadmap as Markdown and HTML, and flagging broken links
in a fixture project."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from leansharp_tools.backends.base import Status
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.map import ProjectMap, build_map, prover_statuses, scan_declarations
from leansharp_tools.render.pages import render_map
from leansharp_tools.roadmap import ItemState, load_roadmap, resolve_code, resolve_test

REPO = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------ the real roadmap


def test_render_md_real_repo():
    pmap = build_map(REPO)
    text = render_map(pmap, "md")
    assert text.startswith("# LeanSharp theorem-to-code map")
    assert len(pmap.items) >= 5
    for it in pmap.items:
        assert f"## {it.id}" in text
        for d in it.declarations:
            if d.location is not None:
                assert f"`{d.location}`" in text
    # the filter's contraction theorem is located in Mask.v
    contraction = next(i for i in pmap.items if i.id == "filter.contraction")
    locs = {d.name: d.location for d in contraction.declarations}
    assert locs["LeanSharp.Filter.Mask.norm_filtered_le"].file == "LeanSharp/Filter/Mask.v"


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set = set()
        self.tags: list = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.ids.update(v for k, v in attrs if k == "id")


def test_render_html_real_repo():
    pmap = build_map(REPO)
    page = render_map(pmap, "html")
    assert page.lstrip().startswith("<!DOCTYPE html>")
    parser = _Collect()
    parser.feed(page)
    assert {it.id for it in pmap.items} <= parser.ids
    assert "table" in parser.tags
    assert page.rstrip().endswith("</html>")


def test_real_repo_links_resolve():
    problems = build_map(REPO).problems
    assert problems == [], "\n".join(map(str, problems))


def test_real_repo_code_links_show_signature():
    pmap = build_map(REPO)
    linked = [c for i in pmap.items for c in i.code if c.found]
    assert linked, "no roadmap item links to the reference implementation"
    for c in linked:
        assert c.signature.startswith(c.target.rsplit(".", 1)[1] + "(")
        assert c.summary
        assert ".py:" in c.location


# -------------------------------------------------------------- a fixture project


FIXTURE_V = """\
(** * Demo.Basics — a fixture library *)
From Coq Require Import Reals.

(* Lemma commented_out : True. *)
Lemma one_pos : (0 < 1)%R.
Proof. Admitted.

Section S.
Variable x : nat.
Theorem in_section : x = x.
Proof. reflexivity. Qed.
End S.

Module Inner.
  Definition val := 3.
End Inner.
"""

FIXTURE_TEST = """\
def test_ok():
    pass

class TestGroup:
    def test_member(self):
        pass
"""

FIXTURE_ROADMAP = """\
[[item]]
id = "demo.good"
title = "A result | with a pipe & <b>tag</b>"
spec = "2.1"
tier = 1
headline = true
declarations = ["Demo.Basics.in_section", "Demo.Basics.Inner.val"]
code = "leansharp_tools.zsharp.sig_mask"
test = "tests/test_demo.py::test_ok"

[[item]]
id = "demo.broken_code"
title = "Links to a function that does not exist"
spec = "2.1"
tier = 1
headline = false
declarations = ["Demo.Basics.one_pos"]
code = "leansharp_tools.zsharp.no_such_function"
test = "tests/test_demo.py::TestGroup::test_member"

[[item]]
id = "demo.broken_test"
title = "Links to a missing test and a missing declaration"
spec = "2.2"
tier = 2
headline = false
declarations = ["Demo.Basics.commented_out"]
witness = ["Demo.Basics.nowhere"]
test = "tests/test_demo.py::test_missing"

[[item]]
id = "demo.open"
title = "Not started"
spec = "2.8"
tier = 4
headline = false
declarations = []
"""


@pytest.fixture()
def fixture_project(tmp_path: Path) -> Path:
    (tmp_path / "_CoqProject").write_text("-R src Demo\nsrc/Basics.v\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "Basics.v").write_text(FIXTURE_V)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_demo.py").write_text(FIXTURE_TEST)
    (tmp_path / "roadmap.toml").write_text(FIXTURE_ROADMAP)
    return tmp_path


def test_scan_declarations(fixture_project: Path):
    decls = scan_declarations(fixture_project)
    assert set(decls) == {"Demo.Basics.one_pos", "Demo.Basics.in_section", "Demo.Basics.Inner.val"}
    assert str(decls["Demo.Basics.one_pos"]) == "src/Basics.v:5"
    assert decls["Demo.Basics.one_pos"].admitted
    assert not decls["Demo.Basics.in_section"].admitted
    assert decls["Demo.Basics.Inner.val"].kind == "Definition"


def test_broken_code_link_flagged(fixture_project: Path):
    problems = build_map(fixture_project).problems
    by_item = {(p.item, p.kind, p.target) for p in problems}
    assert ("demo.broken_code", "missing-code", "leansharp_tools.zsharp.no_such_function") in by_item
    assert ("demo.broken_test", "missing-test", "tests/test_demo.py::test_missing") in by_item
    assert ("demo.broken_test", "missing-declaration", "Demo.Basics.commented_out") in by_item
    assert ("demo.broken_test", "missing-witness", "Demo.Basics.nowhere") in by_item
    assert not [p for p in problems if p.item in ("demo.good", "demo.open")]
    assert len(problems) == 4


def test_fixture_map_contents(fixture_project: Path):
    pmap = build_map(fixture_project)
    good = pmap.items[0]
    assert good.status == ItemState.FOUND
    assert good.code[0].found and good.code[0].signature.startswith("sig_mask(")
    assert good.test[0].found and good.test[0].location == "tests/test_demo.py:1"
    broken = pmap.items[1]
    assert broken.status == ItemState.OPEN  # its only declaration is admitted in the source: none is done
    assert broken.declarations[0].status == Status.ADMITTED
    assert broken.test[0].found and broken.test[0].location == "tests/test_demo.py:5"
    assert pmap.items[2].status == ItemState.OPEN and pmap.items[3].status == ItemState.OPEN
    md = render_map(pmap, "md")
    assert "**broken** `leansharp_tools.zsharp.no_such_function`" in md
    assert "A result \\| with a pipe" in md  # table cells escape pipes
    assert "4 broken links" in md
    html = render_map(pmap, "html")
    assert 'class="broken"' in html and "no_such_function" in html
    assert "A result | with a pipe &amp; &lt;b&gt;tag&lt;/b&gt;" in html  # autoescaped


def test_prover_statuses_override(fixture_project: Path):
    statuses = {"Demo.Basics.in_section": Status.PROVED, "Demo.Basics.Inner.val": Status.PROVED,
                "Demo.Basics.one_pos": Status.ADMITTED}
    pmap = build_map(fixture_project, statuses=statuses)
    assert [i.status for i in pmap.items] == ["proved", "open", "open", "open"]
    assert pmap.status_source == "prover"


def test_prover_statuses_unavailable(fixture_project: Path, tmp_path_factory):
    statuses, note = prover_statuses(fixture_project)  # nothing compiled
    assert statuses is None and "run `leansharp build" in note
    empty = tmp_path_factory.mktemp("empty")
    statuses, note = prover_statuses(empty)
    assert statuses is None and "not a Coq project" in note


def test_resolve_code_and_test_errors(tmp_path: Path):
    assert not resolve_code("not a name").found
    assert not resolve_code("no_such_module_xyz.f").found
    assert not resolve_code("leansharp_tools.zsharp.EPS_STD").found  # not callable
    ok = resolve_code("leansharp_tools.zsharp.Rule")
    assert ok.found
    assert not resolve_test("tests/x.py", tmp_path).found
    (tmp_path / "t.py").write_text("def test_p(x):\n    pass\n")
    assert resolve_test("t.py::test_p[case-1]", tmp_path).found
    assert "does not exist" in resolve_test("tests/x.py::t", tmp_path).error


def test_bad_roadmap_is_one_line_error(tmp_path: Path):
    (tmp_path / "_CoqProject").write_text("-R . X\nA.v\n")
    (tmp_path / "roadmap.toml").write_text("[[item]\nid=")
    with pytest.raises(LeanSharpError, match=r"roadmap.toml:1:\d+: invalid TOML"):
        build_map(tmp_path)
    with pytest.raises(LeanSharpError, match="unknown map format"):
        render_map(ProjectMap(tmp_path, [], [], "source scan"), "pdf")


# ------------------------------------------------------------------- the CLI


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "leansharp_tools", "map", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_cli_map_md_stdout(fixture_project: Path):
    r = _cli("--project", str(fixture_project), cwd=fixture_project)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# Demo theorem-to-code map")  # the project's name (its -R logical root)
    assert "proof status not available" in r.stdout
    # source links relative to where the map goes (stdout: the cwd, here the project root)
    assert "[`src/Basics.v:5`](src/Basics.v#L5)" in r.stdout
    assert "4 broken link(s)" in r.stderr
    assert "demo.broken_code: code leansharp_tools.zsharp.no_such_function" in r.stderr


def test_cli_map_html_output(fixture_project: Path, tmp_path: Path):
    out = tmp_path / "map.html"
    r = _cli("--format", "html", "--output", str(out), cwd=fixture_project / "src")  # root found upwards
    assert r.returncode == 0, r.stderr
    assert out.read_text().lstrip().startswith("<!DOCTYPE html>")


def test_cli_map_errors(tmp_path: Path):
    r = _cli("--format", "pdf", "--project", str(REPO), cwd=REPO)
    assert r.returncode == 1
    assert r.stderr.strip().count("\n") == 0 and "unknown --format" in r.stderr
    r = _cli("--project", str(tmp_path), cwd=tmp_path)
    assert r.returncode == 1 and "not a Coq project" in r.stderr
    (tmp_path / "_CoqProject").write_text("-R . X\nA.v\n")
    r = _cli("--project", str(tmp_path), cwd=tmp_path)  # no roadmap.toml: nothing to map, one line
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.strip().count("\n") == 0 and r.stdout.startswith(f"nothing to map: {tmp_path} has no roadmap.toml")


def test_zsharp_docstrings_name_existing_coq_declarations():
    """Every fully qualified Coq name cited in the leansharp_tools/zsharp package exists."""
    import re

    from leansharp_tools import zsharp

    files = sorted(Path(zsharp.__file__).parent.glob("*.py"))
    assert len(files) > 1  # the package and its submodules
    text = "\n".join(f.read_text(encoding="utf-8") for f in files)
    cited = set(re.findall(r"LeanSharp(?:\.[A-Za-z_][A-Za-z0-9_']*){3,}", text))
    assert cited
    decls = scan_declarations(REPO)
    assert sorted(cited - set(decls)) == []


def test_cli_map_with_prover_status(built_clean):
    """On a built project the map shows the prover's verdicts (`leansharp status`)."""
    from conftest import run_cli

    r = run_cli("map", "--project", built_clean, lock=True)
    assert r.returncode == 0, r.stderr
    assert "declaration status from prover" in r.stdout
    assert "## clean.double" in r.stdout
    section = r.stdout.split("## clean.double", 1)[1].split("\n## ", 1)[0]
    assert "status: **proved**" in section
    assert "| `Clean.Base.double_plus` | [`theories/Base.v:" in section
    pmap = build_map(built_clean, statuses=prover_statuses(built_clean)[0])
    assert pmap.status_source == "prover"
    assert [i.status for i in pmap.items] == [ItemState.PROVED, ItemState.OPEN]


@pytest.mark.library
def test_map_real_repo_with_prover_status():
    """After the library build (test_library.py runs first), the map shows the prover's
    verdicts: every item that names declarations is proved, no broken link.
    (The CLI path with prover statuses is covered on the clean fixture above.)"""
    from conftest import run_cli

    r = run_cli("build", "--project", REPO, lock=True, timeout=7200)  # no-op when up to date
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    statuses, note = prover_statuses(REPO)
    assert statuses is not None, note
    pmap = build_map(REPO, statuses=statuses)
    assert pmap.problems == []
    # an item may only be partial because it ports a theorem it leaves open (`port`); none does now
    ported_open = {it.id for it in load_roadmap(REPO / "roadmap.toml") if any(e.status == "open" for e in it.port)}
    assert [i.id for i in pmap.items if i.declarations and i.status != "proved" and i.id not in ported_open] == []
    assert ported_open == set()
    assert "declaration status from prover" in render_map(pmap, "md")
