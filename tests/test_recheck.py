"""`leansharp status --recheck`: coqchk, Coq's kernel-only checker, re-checks the compiled
modules against the status gate's accepted set (standard axioms, the project's config).
Tested for real on a small project (a standard axiom, primitive integers accepted in its
leansharp.toml): it passes; it fails on an admitted lemma, on primitives the config does
not accept, and on a tampered `.vo` that coqc itself still loads (a changed literal in a
statement: `Print Assumptions` calls it closed, coqchk finds the type error)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Tuple

import jsonschema
import pytest

from leansharp_tools.backends.coq.axioms import Accepted, StandardAxiom
from leansharp_tools.backends.coq.project import Binding, CoqProject
from leansharp_tools.backends.coq.recheck import coqchk_command, is_accepted, parse_context, verdict
from leansharp_tools.schemas import load_schema
from leansharp_tools.status import collect_status

from conftest import run_cli

#: as coqchk prints it (its blank lines hold two spaces)
SUMMARY = "\n".join([
    "Modules were successfully checked",
    "",
    "CONTEXT SUMMARY",
    "===============",
    "",
    "* Theory: Set is predicative",
    "  ",
    "* Axioms:",
    "    R.Base.adm",
    "    Coq.Logic.FunctionalExtensionality.functional_extensionality_dep",
    "    Coq.Numbers.Cyclic.Int63.PrimInt63.add",
    "  ",
    "* Constants/Inductives relying on type-in-type: <none>",
    "  ",
    "* Constants/Inductives relying on unsafe (co)fixpoints:",
    "    R.Base.loop",
    "  ",
    "* Inductives whose positivity is assumed: <none>",
    "  ",
    "",
])


def test_context_summary_and_verdict():
    ctx = parse_context(SUMMARY)
    assert ctx is not None and ctx.theory == "Set is predicative"
    assert ctx.axioms == ["Coq.Logic.FunctionalExtensionality.functional_extensionality_dep",
                          "Coq.Numbers.Cyclic.Int63.PrimInt63.add", "R.Base.adm"]
    assert (ctx.type_in_type, ctx.unsafe_fixpoints, ctx.unsafe_positivity) == ([], ["R.Base.loop"], [])
    assert parse_context("Fatal Error: Type error: ActualType\n") is None

    rc = verdict(ctx, Accepted(families=("int63",)), 0, [], ["R.Base"], 12,
                 lambda n: "Base.v" if n.startswith("R.Base.") else "")
    assert rc.problems == ["Base.v: coqchk: axiom outside the accepted set: R.Base.adm",
                           "Base.v: coqchk: R.Base.loop relies on an unchecked (co)fixpoint"]
    assert rc.to_json() == {
        "tool": "coqchk", "ok": False, "modules": 1, "libraries": 12, "theory": "Set is predicative",
        "axioms": ctx.axioms, "rejected": ["R.Base.adm"], "unsafe": ["R.Base.loop relies on an unchecked (co)fixpoint"],
        "error": None, "problems": rc.problems}
    assert verdict(ctx, Accepted(), 0, [], [], 0).rejected == ["Coq.Numbers.Cyclic.Int63.PrimInt63.add", "R.Base.adm"]
    assert is_accepted("R.Base.adm", Accepted((StandardAxiom("R.Base.adm", "False", "False", "leansharp.toml:2"),)))

    trace = ["Checking library: R.Base", "  checking module: R.Base", "  checking cst:R.Base.l",
             "Fatal Error: Type error: ActualType"]
    failed = verdict(None, Accepted(), 129, trace, ["R.Base"], 1, lambda n: "Base.v" if n else "")
    assert failed.problems == ["Base.v: coqchk failed while checking R.Base.l: Type error: ActualType"]
    assert failed.error == "coqchk failed while checking R.Base.l: Type error: ActualType" and not failed.ok
    anomaly = verdict(None, Accepted(), 129, ["  checking cst:R.Base.l", "Fatal Error: Anomaly",
                                              '             "Constant R.Base.m does not appear in the environment."',
                                              "             Please report at http://coq.inria.fr/bugs/."],
                      ["R.Base"], 1)
    assert anomaly.error == ('coqchk failed while checking R.Base.l: Anomaly "Constant R.Base.m does not appear in '
                             'the environment."')
    missing = verdict(None, Accepted(), 1, ["Fatal Error: User error: Cannot find library R.Nope in loadpath."],
                      ["R.Nope"], 0)
    assert missing.problems == ["coqchk failed: User error: Cannot find library R.Nope in loadpath."]


def test_coqchk_command_uses_the_project_load_path():
    proj = CoqProject(Path("/p"), [Path("src/A.v")], [Binding("-Q", "src", "R"), Binding("-R", "vendor", "V")],
                      args=["-impredicative-set", "-w", "-notation"])
    assert coqchk_command(proj, ["R.A"]) == ["coqchk", "-o", "-Q", "src", "R", "-R", "vendor", "V",
                                             "-impredicative-set", "R.A"]


# ------------------------------------------------------------------ a real project

PRIM = """From Coq Require Import PrimInt63.
Lemma l : add 123456789 1 = 123456790%uint63. Proof. reflexivity. Qed.
"""
BASE = """From Coq Require Import FunctionalExtensionality.
Lemma fe (f g : nat -> nat) : (forall x, f x = g x) -> f = g.
Proof. apply functional_extensionality. Qed.
"""
#: 123456790 as coqc marshals a primitive integer literal into the .vo (big-endian int32)
LITERAL = bytes.fromhex("075bcd16")


def _status(proj: Path, *args: str) -> Tuple[int, dict]:
    r = run_cli("status", "--strict", "--json", "--project", proj, *args, lock=True)
    assert "report this" not in r.stdout + r.stderr, r.stderr[-2000:]
    return r.returncode, json.loads(r.stdout)


def _texts(doc: dict) -> List[str]:
    return [p["text"] for p in doc["problems"]]


@pytest.mark.coq_build
def test_recheck_passes_then_catches_an_axiom_and_a_tampered_file(tmp_path):
    proj = tmp_path / "rc"
    proj.mkdir()
    (proj / "Prim.v").write_text(PRIM)
    (proj / "Base.v").write_text(BASE)
    (proj / "_CoqProject").write_text("-R . R\nBase.v\nPrim.v\n")
    (proj / "leansharp.toml").write_text('accept-primitives = ["int63"]\n')
    assert run_cli("build", "--project", proj, lock=True).returncode == 0

    rc, doc = _status(proj, "--recheck")
    re = doc["recheck"]
    assert rc == 0 and doc["ok"] and re["ok"] and re["problems"] == [] and re["rejected"] == []
    assert (re["tool"], re["modules"], re["libraries"], re["theory"]) == ("coqchk", 2, 20, "Set is predicative")
    assert len(re["axioms"]) == 32 and re["axioms"][0] == ("Coq.Logic.FunctionalExtensionality."
                                                           "functional_extensionality_dep")
    jsonschema.Draft202012Validator(load_schema("status")).validate(doc)
    assert _status(proj)[1]["recheck"] is None  # only when asked

    # progress: one step per library coqchk checks, the last call says done
    calls: list = []
    report = collect_status(proj, recheck=True, on_recheck=lambda *a: calls.append(a))
    assert report.ok and calls[0] == ("Coq.Init.Ltac", 0, 20)
    assert calls[-4:] == [("R.Prim", 17, 20), ("Coq.Logic.FunctionalExtensionality", 18, 20), ("R.Base", 19, 20),
                          ("", 20, 20)]

    # the config no longer accepts primitive integers: both gates reject them
    (proj / "leansharp.toml").unlink()
    rc, doc = _status(proj, "--recheck")
    assert rc == 1 and len(doc["recheck"]["rejected"]) == 31
    assert "coqchk: axiom outside the accepted set: Coq.Numbers.Cyclic.Int63.PrimInt63.add" in _texts(doc)
    (proj / "leansharp.toml").write_text('accept-primitives = ["int63"]\n')

    # a tampered .vo: coqc still loads it and calls the lemma closed; coqchk does not
    vo = proj / "Prim.vo"
    good = vo.read_bytes()
    assert good.count(LITERAL) == 2
    bad = bytearray(good)
    at = good.index(LITERAL) + 3
    bad[at] += 1  # the statement now says 123456791
    vo.write_bytes(bytes(bad))
    rc, doc = _status(proj, "--no-cache")
    assert rc == 0 and doc["ok"]
    rc, doc = _status(proj, "--recheck")
    assert rc == 1 and _texts(doc) == ["Prim.v: coqchk failed while checking R.Prim.l: Type error: ActualType"]
    assert doc["recheck"]["error"] == "coqchk failed while checking R.Prim.l: Type error: ActualType"
    jsonschema.Draft202012Validator(load_schema("status")).validate(doc)
    r = run_cli("status", "--strict", "--recheck", "--project", proj, lock=True)
    assert r.returncode == 1 and r.stderr.strip().splitlines()[-1] == (
        "leansharp: error: --strict: 1 problem(s), first: Prim.v: coqchk failed while checking R.Prim.l: "
        "Type error: ActualType")
    vo.write_bytes(good)

    # an admitted lemma: the status gate and coqchk both name it
    (proj / "Base.v").write_text(BASE + "Lemma adm : False. Admitted.\n")
    assert run_cli("build", "--project", proj, lock=True).returncode == 0
    rc, doc = _status(proj, "--recheck")
    assert rc == 1 and _texts(doc) == ["Base.v:4: R.Base.adm: admitted",
                                       "Base.v: coqchk: axiom outside the accepted set: R.Base.adm"]
