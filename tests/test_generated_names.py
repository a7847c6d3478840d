"""Declarations Coq names itself: anonymous `Instance :` (`C_instance_N`), `Canonical`
structures and `Program` obligations (`x_obligation_N`) are scanned, get a status in
`leansharp status` and in the extracted dataset, and open in the Dojo; an `Admitted`
inside an anonymous instance is reported at its own line. Fixture: tests/fixtures/generated."""

from __future__ import annotations

import json

import pytest

from leansharp_tools.backends.coq.names import instance_class
from leansharp_tools.backends.coq.scan import scan_file
from leansharp_tools.dojo import Dojo, ProofFinished

from conftest import FIXTURES, build_fixture, run_cli

KINDS = FIXTURES / "generated" / "Gen" / "Kinds.v"


@pytest.mark.parametrize("typ, cls", [
    (" Foo nat", "Foo"), (" @Foo nat := {}", "Foo"), (" forall A, Foo (option A)", "Foo"),
    (" forall {A} `{Foo A}, Bar.Baz (list A)", "Baz"), (" Foo nat -> Foo bool", "Foo"), (" (Foo nat)", "Foo"),
])
def test_the_class_of_an_anonymous_instance(typ, cls):
    assert instance_class(typ) == cls


def test_scan_names_what_coq_names():
    scan = scan_file(KINDS.read_text(), "Gen.Kinds", "Gen/Kinds.v")
    assert [(d.short, d.kind, d.line) for d in scan.declarations] == [
        ("Foo", "Class", 3), ("Foo_instance_0", "Instance", 4), ("Foo_instance_1", "Instance", 5),
        ("Foo_instance_2", "Instance", 7), ("Foo_instance_3", "Instance", 9), ("Foo_instance_4", "Instance", 10),
        ("Foo_instance_0", "Instance", 12), ("St", "Record", 14), ("natS", "Canonical", 15),
        ("boolS", "Canonical", 16), ("unitS", "Definition", 18), ("pos", "Definition", 20),
        ("half", "Definition", 21), ("two", "Definition", 23)]
    assert scan.declarations[6].name == "Gen.Kinds.M.Foo_instance_0"
    assert [(p.decl.short, p.admitted_lines) for p in scan.programs] == [("pos", []), ("half", [22]), ("two", [24])]
    # the functor's anonymous instance: a site naming what Coq will call it, at its Admitted
    assert [(s.line, s.kind, s.text, s.declares) for s in scan.sites] == [
        (28, "admitted", "Admitted: Instance Foo_instance_0 is assumed, not proved", ["Foo_instance_0"])]


@pytest.fixture(scope="module")
def built_generated(tmp_path_factory):
    return build_fixture("generated", tmp_path_factory)


@pytest.mark.coq_build
def test_status_extract_and_dojo_see_generated_names(built_generated, tmp_path):
    proj = built_generated
    r = run_cli("status", "--json", "--project", proj, lock=True)
    doc = json.loads(r.stdout)
    assert [(d["name"].removeprefix("Gen.Kinds."), d["kind"], d["line"], d["status"]) for d in doc["declarations"]] == [
        ("Foo", "Class", 3, "proved"), ("Foo_instance_0", "Instance", 4, "proved"),
        ("Foo_instance_1", "Instance", 5, "proved"), ("Foo_instance_2", "Instance", 7, "admitted"),
        ("Foo_instance_3", "Instance", 9, "proved"), ("Foo_instance_4", "Instance", 10, "proved"),
        ("M.Foo_instance_0", "Instance", 12, "proved"), ("St", "Record", 14, "proved"),
        ("natS", "Canonical", 15, "proved"), ("boolS", "Canonical", 16, "proved"),
        ("unitS", "Definition", 18, "proved"), ("pos", "Definition", 20, "proved"),
        ("pos_obligation_1", "Obligation", 20, "proved"), ("half", "Definition", 21, "foreign-axiom"),
        ("half_obligation_1", "Obligation", 22, "admitted"), ("two", "Definition", 23, "foreign-axiom"),
        ("two_obligation_1", "Obligation", 24, "admitted")]
    assert [p["text"] for p in doc["problems"]] == [
        "Gen/Kinds.v:7: Gen.Kinds.Foo_instance_2: admitted",
        "Gen/Kinds.v:21: Gen.Kinds.half: foreign-axiom (depends on Gen.Kinds.half_obligation_1)",
        "Gen/Kinds.v:22: Gen.Kinds.half_obligation_1: admitted",
        "Gen/Kinds.v:23: Gen.Kinds.two: foreign-axiom (depends on Gen.Kinds.two_obligation_1)",
        "Gen/Kinds.v:24: Gen.Kinds.two_obligation_1: admitted",
        "Gen/Kinds.v:28: Admitted: Instance Foo_instance_0 is assumed, not proved (Gen.Kinds.Y.Foo_instance_0)"]
    warm = json.loads(run_cli("status", "--json", "--project", proj, lock=True).stdout)
    assert warm["declarations"] == doc["declarations"]  # the obligations come from the cache too

    out = tmp_path / "ds"
    r = run_cli("extract", "--project", proj, "--out", out, lock=True)
    assert r.returncode == 0, r.stderr[-2000:]
    records = [json.loads(line) for line in (out / "theorems.jsonl").read_text().splitlines()]
    assert [(t["name"].removeprefix("Gen.Kinds."), t["kind"], t["status"], t["start"]) for t in records] == [
        ("Foo_instance_1", "Instance", "proved", [5, 1]), ("Foo_instance_2", "Instance", "admitted", [7, 1]),
        ("boolS", "Canonical", "proved", [16, 1]), ("half_obligation_1", "Obligation", "admitted", [22, 1]),
        ("two_obligation_1", "Obligation", "admitted", [24, 1])]

    for name, statement, goals in [
        ("Gen.Kinds.Foo_instance_2", "#[export] Instance : Foo unit.", "============================\nFoo ()"),
        ("Gen.Kinds.half_obligation_1", "Next Obligation.", "n : nat\nH : n > 2\n============================\n1 < n"),
        ("Gen.Kinds.boolS", "Canonical boolS : St.", "============================\nSt"),
    ]:
        with Dojo(name, project=proj) as (dojo, s0):
            assert dojo.source is not None and (dojo.source.statement, s0.pp) == (statement, goals)
    with Dojo("Gen.Kinds.two_obligation_1", project=proj) as (dojo, s0):
        assert s0.pp == "n : nat\nH : n > 5\n============================\n2 < n /\\ 2 > 0"
        done = dojo.run_tac(s0, "split; [ apply PeanoNat.Nat.lt_trans with 5; [ repeat constructor | exact H ] "
                                "| repeat constructor ].")
        assert isinstance(done, ProofFinished), done
