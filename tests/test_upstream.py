"""The roadmap's links to upstream code (ZSharp's own PyTorch code): the `upstream` and
`agreement` fields (`leansharp_tools.upstream`, `leansharp_tools.roadmap`), their place in
`leansharp map`, the rule that every ZSharp item carries one, and the range check of
`bench/upstream_links.py` on a real git repository made here."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from leansharp_tools.errors import LeanSharpError
from leansharp_tools.map import build_map
from leansharp_tools.render.pages import render_map
from leansharp_tools.roadmap import RoadmapItem, load_roadmap, parse_roadmap, resolve_links
from leansharp_tools.upstream import UpstreamLink, check_ranges, parse_upstream

from conftest import REPO, copy_fixture, run_cli

LEAN_PIN = "9c8f409052188f5de53420a16c342f0c1b7783c3"
PIN = "8a205ef6f4d0716cf6150efdd5d5cbc0bdd2da40"  # bangyen/zsharp, the commit the links are pinned to
LINK = f'{{ repo = "bangyen/zsharp", commit = "{PIN}", path = "src/optimizer.py", lines = "260-266" }}'
ITEM = """\
[[item]]
id = "demo.one"
title = "a result"
spec = "1"
tier = 1
"""

# ------------------------------------------------------------------ the field


def test_parse_upstream_and_permalinks():
    one = parse_upstream({"repo": "bangyen/zsharp", "commit": PIN, "path": "src/optimizer.py", "lines": "260-266"})
    assert one == [UpstreamLink("bangyen/zsharp", PIN, "src/optimizer.py", 260, 266)]
    assert one[0].permalink == f"https://github.com/bangyen/zsharp/blob/{PIN}/src/optimizer.py#L260-L266"
    assert (one[0].label, one[0].short) == ("src/optimizer.py#L260-L266", "optimizer.py#L260-L266")
    two = parse_upstream([{"repo": "a/b", "commit": PIN, "path": "x.py", "lines": "3-3"}])
    assert two[0].permalink.endswith("/x.py#L3") and two[0].to_json()["lines"] == "3-3"


def test_roadmap_without_upstream_loads():
    """The fields are optional: an item without them loads, links nothing, shows no column."""
    (it,) = parse_roadmap(ITEM, "r.toml")
    assert it.upstream == [] and it.agreement == []
    assert it.to_json()["upstream"] == [] and it.to_json()["agreement"] == []


def test_roadmap_with_upstream_loads():
    text = ITEM + f'upstream = [\n  {LINK},  # the threshold\n]\nagreement = "tests/t.py::test_a"\n'
    (it,) = parse_roadmap(text, "r.toml")
    assert [u.lines for u in it.upstream] == ["260-266"] and it.agreement == ["tests/t.py::test_a"]
    (single,) = parse_roadmap(ITEM + f"upstream = {LINK}\n", "r.toml")
    assert single.upstream == it.upstream


BAD = [
    ('"src/optimizer.py#L3"', "must be a table"),
    ("[]", "non-empty list"),
    ('[{ repo = "bangyen/zsharp", commit = "main", path = "a.py", lines = "1-2" }]', "not a pinned commit"),
    (f'[{{ repo = "bangyen/zsharp", commit = "{PIN[:12]}", path = "a.py", lines = "1-2" }}]', "not a pinned commit"),
    (f'[{{ repo = "zsharp", commit = "{PIN}", path = "a.py", lines = "1-2" }}]', "not a GitHub 'owner/name'"),
    (f'[{{ repo = "a/b", commit = "{PIN}", path = "../a.py", lines = "1-2" }}]', "not a relative path"),
    (f'[{{ repo = "a/b", commit = "{PIN}", path = "/a.py", lines = "1-2" }}]', "not a relative path"),
    (f'[{{ repo = "a/b", commit = "{PIN}", path = "a.py", lines = "5-2" }}]', "not a range 'a-b'"),
    (f'[{{ repo = "a/b", commit = "{PIN}", path = "a.py", lines = "L5" }}]', "not a range 'a-b'"),
    (f'[{{ repo = "a/b", commit = "{PIN}", path = "a.py", lines = 5 }}]', "'lines' of a link must be a string"),
    (f'[{{ repo = "a/b", commit = "{PIN}", path = "a.py" }}]', "lacks 'lines'"),
    (f'[{{ repo = "a/b", commit = "{PIN}", path = "a.py", lines = "1-2", line = "3" }}]', "unknown key 'line'"),
    ('["a/b"]', "each link must be a table"),
]


@pytest.mark.parametrize("value,message", BAD)
def test_malformed_upstream_is_one_line_error(value, message):
    text = ITEM + "test = []\n" + f"upstream = {value}\n"
    with pytest.raises(LeanSharpError) as e:
        parse_roadmap(text, "r.toml")
    msg = str(e.value)
    assert msg.startswith("r.toml:7: item 1: 'upstream' ") and message in msg and "\n" not in msg, msg


def test_malformed_agreement_and_missing_agreement_test(tmp_path: Path):
    with pytest.raises(LeanSharpError, match=r"r.toml:6: item 1: 'agreement' must be a string or a list"):
        parse_roadmap(ITEM + "agreement = 3\n", "r.toml")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_a.py").write_text("def test_a():\n    pass\n")
    (it,) = parse_roadmap(ITEM + 'agreement = ["tests/test_a.py::test_a", "tests/test_a.py::test_b"]\n', "r.toml")
    links = resolve_links(it, tmp_path, {})
    assert [t.found for t in links.agreement] == [True, False]
    assert [(p.kind, p.line) for p in links.problems] == [("missing-agreement", 6)]


def test_cli_map_bad_upstream_is_one_line(tmp_path: Path):
    proj = copy_fixture("clean", tmp_path)
    bad = 'upstream = { repo = "a/b", commit = "HEAD", path = "a.py", lines = "1-2" }\n'
    (proj / "roadmap.toml").write_text(ITEM + bad)
    r = run_cli("map", "--project", proj, cwd=proj)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip().count("\n") == 0 and "roadmap.toml:6: item 1: 'upstream' commit 'HEAD'" in r.stderr


# ----------------------------------------------------------- LeanSharp's roadmap

#: What a ZSharp item is (the rule this test enforces): an item of the `zsharp.` or `trainer.`
#: area, or one whose `code` names a reference function that computes what a line of ZSharp's
#: own code computes: ZSHARP_FUNCTIONS (z-scores, quantile threshold, top-k fallback, the
#: actual masks and the network mask, the actual-vs-idealised threshold, ε, the ZSharp update
#: and its iteration, clipping, torch SGD with momentum, the training step) or any function
#: of leansharp_tools.zsharp.trainer (upstream's trainer loops). `filter_gradient`, `hadamard`,
#: the idealised masks and the test losses are not on the list: items using them are about
#: any 0/1 mask or the idealised filter (pure mathematics, like variance, KL, layers, medians).
ZSHARP_MODULES = {"leansharp_tools.zsharp.trainer"}
ZSHARP_FUNCTIONS = {
    "zscores", "quantile_threshold", "fallback_count", "top_k_mask", "zsharp_masks", "zscore_mask",
    "rescaled_threshold", "network_mask", "network_filter_flat", "network_perturbation", "sam_perturbation",
    "zsharp_step", "run_zsharp", "zsharp_noisy_step", "clip_grad_norm", "sgd_momentum_step", "zsharp_train_step",
    "run_zsharp_training",
}


def _is_zsharp_code(target: str) -> bool:
    modname, _, name = target.rpartition(".")
    obj = getattr(importlib.import_module(modname), name, None)
    return name in ZSHARP_FUNCTIONS or getattr(obj, "__module__", "") in ZSHARP_MODULES


def zsharp_items(items: List[RoadmapItem]) -> List[RoadmapItem]:
    return [it for it in items
            if it.id.startswith(("zsharp.", "trainer.")) or any(_is_zsharp_code(c) for c in it.code)]


def test_every_zsharp_item_links_upstream():
    items = load_roadmap(REPO / "roadmap.toml")
    zs = zsharp_items(items)
    assert len(zs) >= 20 and {"zsharp.rule_is_mask", "trainer.zsharp_momentum", "convergence.zsharp_ball",
                              "sam.perturbation_norm", "trainer.clipping"} <= {it.id for it in zs}
    lacking = [f"roadmap.toml:{it.line}: {it.id}" for it in zs
               if not any(u.repo == "bangyen/zsharp" for u in it.upstream)]
    assert lacking == [], "ZSharp items without an `upstream` link to bangyen/zsharp:\n" + "\n".join(lacking)
    assert not any(it.upstream for it in items if it.id.startswith(("layers.", "generalization.gibbs", "core.")))


def test_upstream_links_pinned_to_one_commit():
    links = [u for it in load_roadmap(REPO / "roadmap.toml") for u in it.upstream]
    assert links and {u.commit for u in links if u.repo == "bangyen/zsharp"} == {PIN}
    assert {u.repo for u in links} == {"bangyen/zsharp", "bangyen/leansharp"}
    assert {u.path for u in links if u.repo == "bangyen/zsharp"} <= {"src/optimizer.py", "src/trainer.py",
                                                                     "src/constants.py"}
    # the Lean project's files, at the one commit the Upstream/ folder translates
    lean = [u for u in links if u.repo == "bangyen/leansharp"]
    assert {u.commit for u in lean} == {LEAN_PIN} and len(lean) == 50
    assert all(u.path.startswith("LeanSharp/") and u.path.endswith(".lean") and u.first == 1 for u in lean)


def test_map_shows_upstream_and_agreement():
    """The chain theorem -> declarations -> ZSharp lines -> reference -> agreement -> test."""
    pmap = build_map(REPO)
    assert pmap.problems == [] and pmap.counts["with_upstream"] >= 20
    md = render_map(pmap, "md")
    assert "| item | result | spec | status | upstream | code | agreement | test |" in md
    row = next(line for line in md.splitlines() if line.startswith("| [`trainer.heavy_ball`]"))
    cells = [c.strip() for c in row.split(" | ")]
    assert f"https://github.com/bangyen/zsharp/blob/{PIN}/src/trainer.py#L147-L155" in cells[4]
    assert cells[5:7] == ["`sgd_momentum_step`", "`test_sgd_momentum_matches_torch`"]
    rule = next(line for line in md.splitlines() if line.startswith("| [`zsharp.rule_is_mask`]"))
    assert f"/blob/{PIN}/src/optimizer.py#L260-L266)" in rule
    assert "| `test_filter_and_perturbation_match_recorded_torch` |" in rule
    unchecked = next(line for line in md.splitlines() if line.startswith("| [`zsharp.rescaled_threshold`]"))
    assert "| none recorded |" in unchecked
    html = render_map(pmap, "html")
    assert f'<a class="upstream" href="https://github.com/bangyen/zsharp/blob/{PIN}/src/optimizer.py#L281-L292"' in html
    assert "Agreement with the upstream code: none recorded" in html


# ------------------------------------------------------ ranges in a git snapshot

def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(repo), *args],
                          check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture()
def snapshot(tmp_path: Path):
    """A repository whose first commit has a.py (10 lines) and b.py; HEAD moves a.py's
    lines 2-3 down by two, changes line 8, and deletes b.py."""
    repo = tmp_path / "up"
    repo.mkdir()
    _git(repo, "init", "-q")
    a = [f"line {i}" for i in range(1, 11)]
    (repo / "a.py").write_text("\n".join(a) + "\n")
    (repo / "b.py").write_text("b\n")
    _git(repo, "add", "a.py", "b.py")
    _git(repo, "commit", "-q", "-m", "one")
    pin = _git(repo, "rev-parse", "HEAD")
    a[7] = "line 8, edited"
    (repo / "a.py").write_text("\n".join(["new 1", "new 2"] + a) + "\n")
    _git(repo, "rm", "-q", "b.py")
    _git(repo, "commit", "-q", "-am", "two")
    return repo / ".git", pin


def test_check_ranges_pin_and_head(snapshot):
    gitdir, pin = snapshot

    def link(path: str, a: int, b: int, commit: str = pin) -> UpstreamLink:
        return UpstreamLink("o/r", commit, path, a, b)

    head, checks = check_ranges(gitdir, [link("a.py", 2, 3), link("a.py", 7, 8), link("b.py", 1, 1),
                                         link("a.py", 10, 11), link("a.py", 2, 3), link("a.py", 1, 1, "f" * 40)])
    assert head == _git(gitdir.parent, "rev-parse", "HEAD") != pin
    got = [(c.at_pin, c.at_head, c.head_lines) for c in checks]
    assert got == [("present", "moved", (4, 5)), ("present", "changed", (7, 8)), ("present", "missing", None),
                   ("missing", "missing", None), ("missing", "missing", None)]  # the duplicate is checked once
    assert "b.py does not exist at HEAD" in checks[2].why and "has 10 lines" in checks[3].why
    assert "not in the snapshot" in checks[4].why and [c.ok for c in checks] == [True, True, False, False, False]
    with pytest.raises(ValueError, match="not a git directory"):
        check_ranges(gitdir.parent.parent, [])


def _bench(*args: object) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, str(REPO / "bench" / "upstream_links.py"), *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_bench_upstream_links(snapshot, tmp_path: Path):
    gitdir, pin = snapshot

    def roadmap(*ranges: str) -> Path:
        links = ", ".join(f'{{ repo = "o/r", commit = "{pin}", path = "a.py", lines = "{r}" }}' for r in ranges)
        path = tmp_path / "roadmap.toml"
        path.write_text(ITEM + f"upstream = [{links}]\n")
        return path

    r = _bench(gitdir, "--roadmap", roadmap("2-3", "9-10", "7-8"), "--repo", "o/r")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 5 and "demo.one" in lines[1]
    assert "HEAD moved to L4-L5" in lines[1] and "a.py#L9-L10" in lines[2] and "HEAD moved to L11-L12" in lines[2]
    assert "HEAD changed" in lines[3]
    assert lines[4].startswith("summary: 1 items, 3 links, 3 distinct ranges at 1 pinned commit")
    assert "3/3 present at the pin" in lines[4] and "0 unchanged, 2 moved, 1 changed, 0 missing" in lines[4]
    r = _bench(gitdir, "--roadmap", roadmap("10-11"), "--repo", "o/r")
    assert r.returncode == 1 and "BAD" in r.stdout and "0/1 present at the pin" in r.stdout
    r = _bench(tmp_path, "--roadmap", roadmap("1-2"))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "not a git directory" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.skipif(not os.environ.get("LEANSHARP_ZSHARP_GITDIR"),
                    reason="set LEANSHARP_ZSHARP_GITDIR to a git directory of bangyen/zsharp")
def test_bench_on_a_zsharp_snapshot():
    r = _bench(os.environ["LEANSHARP_ZSHARP_GITDIR"])
    assert r.returncode == 0, r.stdout + r.stderr
    assert " 0 missing" in r.stdout.splitlines()[-1]
