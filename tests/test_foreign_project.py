"""A project that is not LeanSharp: a roadmap.toml with only id/title/statement/
declarations/status loads (spec, tier, code, test, upstream, agreement are LeanSharp's
own), the blueprint without a roadmap draws only the transitive reduction of its
theorems' uses, and `doctor` without a toolchain.toml says what it checked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from leansharp_tools.backends.base import Status
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.roadmap import ItemState, item_status, parse_roadmap, resolve_links

from conftest import run_cli

FOREIGN = """[[item]]
id = "chain.first"
title = "The first step"
statement = "a holds"
declarations = ["Ch.A.a"]
status = "proved"

[[item]]
id = "chain.last"
title = "The last step"
declarations = ["Ch.C.c"]
status = "partial"
"""


def test_a_roadmap_of_another_project_loads(tmp_path: Path):
    first, last = parse_roadmap(FOREIGN)
    assert (first.id, first.title, first.statement, first.spec, first.tier, first.claimed) == (
        "chain.first", "The first step", "a holds", "", None, "proved")
    assert (last.statement, last.claimed, last.code, last.upstream, last.agreement) == ("The last step", "partial",
                                                                                         [], [], [])
    statuses = {"Ch.A.a": Status.PROVED, "Ch.C.c": Status.PROVED}
    assert item_status(last, statuses) == ItemState.PROVED
    assert resolve_links(first, tmp_path, statuses).problems == []
    [p] = resolve_links(last, tmp_path, statuses).problems
    assert (p.kind, p.located()) == ("claimed-status", "roadmap.toml:12: item chain.last: status says partial, its "
                                                       "declarations make it proved")
    with pytest.raises(LeanSharpError) as err:
        parse_roadmap(FOREIGN.replace('status = "partial"', 'status = "done"'))
    assert str(err.value) == "roadmap.toml:12: item 2: 'status' must be one of proved, partial, open"
    with pytest.raises(LeanSharpError, match=r"^roadmap.toml:7: item 1: 'tier' must be an integer 1..4$"):
        parse_roadmap(FOREIGN.replace('status = "proved"\n', 'status = "proved"\ntier = 0\n'))


def test_doctor_without_a_toolchain_says_what_it_checked(tmp_path: Path):
    (tmp_path / "A.v").write_text("From Coq Require Import Reals.\nDefinition a := 1.\n")
    (tmp_path / "_CoqProject").write_text("-R . D\nA.v\n")
    r = run_cli("doctor", "--project", tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip().splitlines()[-1] == (
        "no gap: the build of _CoqProject has what it needs (no toolchain.toml to compare with)")
    assert "toolchain.toml" not in r.stdout.replace("no toolchain.toml", "")
    doc = json.loads(run_cli("doctor", "--json", "--project", tmp_path).stdout)
    assert (doc["against"], doc["ok"]) == ("_CoqProject", True)


#: c uses b and a, b uses a: the relation has 3 arrows, its transitive reduction 2
CHAIN = {
    "A.v": "Theorem a : 1 + 1 = 2.\nProof. reflexivity. Qed.\n",
    "B.v": "Require Import Ch.A.\nTheorem b : 1 + 1 = 2 /\\ True.\nProof. split; [ exact a | exact I ]. Qed.\n",
    "C.v": "Require Import Ch.A Ch.B.\nTheorem c : (1 + 1 = 2 /\\ True) /\\ 1 + 1 = 2.\n"
           "Proof. exact (conj b a). Qed.\nTheorem d : True.\nProof. exact I. Qed.\n",
}


@pytest.mark.coq_build
def test_blueprint_without_roadmap_draws_the_reduction_then_a_foreign_roadmap(tmp_path: Path):
    proj = tmp_path / "ch"
    proj.mkdir()
    for name, text in CHAIN.items():
        (proj / name).write_text(text)
    (proj / "_CoqProject").write_text("-R . Ch\nA.v\nB.v\nC.v\n")
    assert run_cli("build", "--project", proj, lock=True).returncode == 0

    r = run_cli("blueprint", "--json", "--project", proj, lock=True)
    doc = json.loads(r.stdout)
    assert [(i["id"], i["tier"], i["uses"], i["used_by"]) for i in doc["items"]] == [
        ("A.a", None, [], ["B.b"]), ("B.b", None, ["A.a"], ["C.c"]), ("C.c", None, ["B.b"], []), ("C.d", None, [], [])]
    assert doc["edges"] == [{"source": "B.b", "target": "A.a", "direct": True},
                            {"source": "C.c", "target": "B.b", "direct": True}]  # not C.c -> A.a
    assert r.stderr.strip() == "blueprint: 4 items (4 proved, 0 partial, 0 open), 2 arrows (2 with the implied ones)"
    html = run_cli("blueprint", "--project", proj, lock=True).stdout
    assert len(re.findall(r"<path [^>]*class=\"e", html)) == 2 and ">T1<" not in html and "tier None" not in html

    # a roadmap written for another project: no spec, tier, code or test
    (proj / "roadmap.toml").write_text(FOREIGN.replace("Ch.C.c", "Ch.C.c").replace('"Ch.A.a"', '"Ch.A.a", "Ch.B.b"'))
    r = run_cli("status", "--strict", "--json", "--project", proj, lock=True)
    doc = json.loads(r.stdout)
    assert [(i["id"], i["spec"], i["tier"], i["status"]) for i in doc["roadmap"]] == [
        ("chain.first", "", None, "proved"), ("chain.last", "", None, "proved")]
    assert r.returncode == 1 and [p["text"] for p in doc["problems"]] == [
        "roadmap.toml:12: item chain.last: status says partial, its declarations make it proved"]
    md = run_cli("map", "--project", proj, lock=True).stdout
    assert "§" not in md and "chain.last" in md
    bp = json.loads(run_cli("blueprint", "--json", "--project", proj, lock=True).stdout)
    assert [(i["id"], i["spec"], i["tier"], i["direct"]) for i in bp["items"]] == [
        ("chain.first", "", None, []), ("chain.last", "", None, ["chain.first"])]
