"""The Dojo for search, against a real coqtop on a copy of the dojo_basic fixture with a
third file (Dojo/Extra.v: a second `double_add`, two small facts): suffix names, the
exception hierarchy, one coqtop per file reused across theorems (earlier, later, in
Sections, fast and full replay), queries that leave the proof state alone, the premises
usable at a point, and a crash message that says what happened."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from leansharp_tools.dojo import (
    Dojo,
    DojoCrashError,
    DojoError,
    DojoInitError,
    DojoQueryError,
    DojoTacticTimeoutError,
    ProofFinished,
    TacticError,
    TacticState,
    close_all,
    required_modules,
)
from leansharp_tools.dojo.session import proof_blocks
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.extract.toolkit import open_project

from conftest import copy_fixture, run_cli

pytestmark = pytest.mark.coq_build

EXTRA = """\
Require Import Arith Lia.
Require Import Dojo.Base.

Module Again.
  Lemma double_add : forall n, double n = n + n.
  Proof. reflexivity. Qed.
End Again.

Lemma first_fact : 1 + 1 = 2.
Proof. reflexivity. Qed.

Lemma second_fact : double 2 = 4.
Proof. reflexivity. Qed.
"""


@pytest.fixture(scope="module")
def proj(tmp_path_factory) -> Path:
    p = copy_fixture("dojo_basic", tmp_path_factory.mktemp("dojo_search"))
    (p / "Dojo" / "Extra.v").write_text(EXTRA)
    with (p / "_CoqProject").open("a") as fh:
        fh.write("Dojo/Extra.v\n")
    r = run_cli("build", "--project", p, lock=True)
    assert r.returncode == 0, r.stdout + r.stderr
    yield p
    close_all()


def pid(dojo: Dojo) -> int:
    assert dojo._sess is not None
    return dojo._sess.top.proc.pid


def test_suffix_names(proj):
    with Dojo("split_demo", project=proj) as (dojo, s0):
        assert dojo.theorem == "Dojo.Base.split_demo" and s0.num_goals == 1
    with Dojo("Inner.sq_mono", project=proj) as (dojo, s0):
        assert dojo.theorem == "Dojo.Nested.Geometry.Inner.sq_mono"
    with Dojo("Again.double_add", project=proj) as (dojo, s0):
        assert s0.goals[0]["concl"] == "forall n : nat, double n = n + n"
    with pytest.raises(DojoInitError) as err:
        Dojo("double_add", project=proj).__enter__()
    assert str(err.value) == ("'double_add' is ambiguous: Dojo.Base.double_add, Dojo.Extra.Again.double_add; "
                              "give more of its path")
    with pytest.raises(DojoInitError, match="unknown theorem 'no_such_thing': no declaration of the project"):
        Dojo("no_such_thing", project=proj).__enter__()


def test_exception_hierarchy():
    for e in (DojoInitError, DojoCrashError, DojoTacticTimeoutError, DojoQueryError):
        assert issubclass(e, DojoError)
    assert issubclass(DojoError, LeanSharpError)
    assert not issubclass(TacticError, Exception)  # a failing tactic is a result


def test_one_coqtop_per_file_reused(proj):
    with Dojo("Dojo.Extra.second_fact", project=proj) as (dojo, s0):
        first = pid(dojo)
        assert s0.goals[0]["concl"] == "double 2 = 4"
    with Dojo("Dojo.Extra.first_fact", project=proj) as (dojo, s0):  # earlier in the file: BackTo
        assert pid(dojo) == first and s0.goals[0]["concl"] == "1 + 1 = 2"
        assert isinstance(dojo.run_tac(s0, "reflexivity."), ProofFinished)
    with Dojo("Dojo.Extra.second_fact", project=proj) as (dojo, s0):  # later: replays what is between
        assert pid(dojo) == first
        assert isinstance(dojo.run_tac(s0, "reflexivity."), ProofFinished)
        # the same file at the same time: a coqtop of its own
        with Dojo("Dojo.Extra.first_fact", project=proj) as (other, t0):
            assert pid(other) != first and isinstance(other.run_tac(t0, "reflexivity."), ProofFinished)
    with Dojo("Dojo.Base.double_even", project=proj) as (dojo, s0):
        assert pid(dojo) != first  # another file, another coqtop


def test_reuse_across_sections_fast_and_full(proj):
    goals = {}
    for fast in (True, False):
        for name in ("Dojo.Nested.after_modules", "Dojo.Nested.outer_pos", "Dojo.Nested.uses_inner",
                     "Dojo.Nested.Geometry.sq_double"):
            with Dojo(name, project=proj, fast=fast) as (dojo, s0):
                goals[fast, name] = s0.pp
                if name.endswith("uses_inner"):  # inner_mono (a Section, no `Proof using`) was replayed
                    assert isinstance(dojo.run_tac(s0, "apply (proj1 (inner_mono 1))."), ProofFinished)
    assert goals[True, "Dojo.Nested.uses_inner"] == "k : nat\nHk : 0 < k\n============================\nk <= k + 1"
    assert all(goals[True, n] == goals[False, n] for _, n in goals)


def test_query_leaves_the_state_alone(proj):
    with Dojo("Dojo.Base.double_add", project=proj) as (dojo, s0):
        s1 = dojo.run_tac(s0, "intros n m.")
        assert isinstance(s1, TacticState)
        top = dojo._sess.top
        here = top.state
        assert dojo.query("Check double.") == "double\n     : nat -> nat"
        assert dojo.query("Check n", s1) == "n\n     : nat"  # the state's hypotheses are in scope
        assert dojo.query("Print double.") == "double = fun n : nat => n + n\n     : nat -> nat\n\n" \
                                              "Arguments double n%nat_scope"
        assert dojo.query("About double.").startswith("double : nat -> nat\n")
        assert "Nat.add_0_r: forall n : nat, n + 0 = n" in dojo.query("Search (_ + 0 = _).")
        assert top.state == here
        with pytest.raises(DojoQueryError, match=r"`intros\.` is not a query: only Search, SearchPattern"):
            dojo.query("intros.")
        with pytest.raises(DojoQueryError, match="one query at a time"):
            dojo.query("Check double. Qed.")
        with pytest.raises(DojoQueryError, match="no_such_name"):
            dojo.query("Check no_such_name.")
        assert top.state == here
        assert isinstance(dojo.run_tac(s1, "unfold double; lia."), ProofFinished)


def test_premises(proj):
    p = open_project(proj)
    assert required_modules(p, "Dojo.Extra") == ["Dojo.Base"]
    assert required_modules(p, "Dojo.Base") == []
    with Dojo("Dojo.Extra.second_fact", project=proj) as (dojo, s0):
        names = [r["name"] for r in dojo.premises(s0)]
        assert names[:3] == ["Dojo.Base.double", "Dojo.Base.double_add", "Dojo.Base.double_even"]
        assert names[-2:] == ["Dojo.Extra.Again.double_add", "Dojo.Extra.first_fact"]
        assert "Dojo.Extra.second_fact" not in names and not any(n.startswith("Dojo.Nested.") for n in names)
    with Dojo("Dojo.Base.double_even", project=proj) as (dojo, s0):
        assert [r["name"] for r in dojo.premises()] == ["Dojo.Base.double", "Dojo.Base.double_add"]
        assert dojo.premises()[0] == {"type": "premise", "name": "Dojo.Base.double", "glob_kind": "def",
                                      "statement": None, "module": "Dojo.Base", "file": "Dojo/Base.v",
                                      "line": 4, "column": 12}


def test_premises_from_the_dataset(proj, tmp_path):
    out = tmp_path / "ds"
    r = run_cli("extract", "-o", out, "--project", proj, lock=True)
    assert r.returncode == 0, r.stderr
    with Dojo("Dojo.Base.double_even", project=proj, dataset=out) as (dojo, s0):
        prem = dojo.premises(s0)
        assert [r["name"] for r in prem] == ["Dojo.Base.double", "Dojo.Base.double_add"]
        assert prem[1]["statement"] == "forall n m : nat, double (n + m) = double n + double m"
    with pytest.raises(DojoInitError, match="no premises.jsonl"):
        with Dojo("Dojo.Base.double_even", project=proj, dataset=tmp_path) as (dojo, s0):
            dojo.premises()


def test_crash_says_what_happened(proj):
    with Dojo("Dojo.Base.ex_demo", project=proj) as (dojo, s0):
        os.kill(pid(dojo), signal.SIGKILL)
        with pytest.raises(DojoCrashError) as err:
            dojo.run_tac(s0, "reflexivity.")
        msg = str(err.value)
        assert msg.startswith("Dojo.Base.ex_demo: coqtop stopped (killed by signal 9 (SIGKILL))"), msg
        assert "install" not in msg and "\n" not in msg
        with pytest.raises(DojoError, match="this Dojo is closed"):
            dojo.run_tac(s0, "reflexivity.")
    with Dojo("Dojo.Base.ex_demo", project=proj) as (dojo, s0):  # a new coqtop for the file
        assert isinstance(dojo.run_tac(s0, "reflexivity."), ProofFinished)


def test_proof_blocks():
    texts = ["Section S.", "Variable k : nat.", "Lemma a : k = k.", "Proof.", "reflexivity.", "Qed.",
             "Lemma b : k = k.", "Proof using.", "reflexivity.", "Qed.", "End S.",
             "Lemma c : True.", "Proof.", "exact I.", "Defined.", "Fact d : True := I.",
             "Lemma e : True.", "exact I.", "Qed."]
    # a: in a Section without `Proof using` (replayed); c: Defined (transparent); d: no proof
    assert proof_blocks(texts) == {6: (9, True), 16: (18, False)}
