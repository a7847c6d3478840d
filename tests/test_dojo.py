"""`leansharp_tools.dojo` against a real coqtop on the dojo_basic fixture (built in a
tmp copy): goals, errors that keep the session usable, the kernel check at the end,
timeouts, Sections/Modules/local notations, the state tree, bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leansharp_tools.dojo import (
    Dojo,
    DojoTacticTimeoutError,
    ProofFinished,
    ProofGivenUp,
    TacticError,
    TacticState,
    normalize_tactic,
)
from leansharp_tools.errors import LeanSharpError

from conftest import build_fixture, copy_fixture

pytestmark = pytest.mark.coq_build


@pytest.fixture(scope="module")
def proj(tmp_path_factory) -> Path:
    return build_fixture("dojo_basic", tmp_path_factory)


def names(goal: dict) -> list:
    return [n for h in goal["hyps"] for n in h["names"]]


def test_goals_errors_and_finish(proj):
    with Dojo("Dojo.Base.double_add", project=proj) as (dojo, s0):
        assert isinstance(s0, TacticState) and s0.num_goals == 1
        assert s0.goals[0]["concl"] == "forall n m : nat, double (n + m) = double n + double m"
        s1 = dojo.run_tac(s0, "intros n m.")
        assert isinstance(s1, TacticState)
        assert names(s1.goals[0]) == ["n", "m"] and s1.goals[0]["hyps"][0]["type"] == "nat"
        bad = dojo.run_tac(s1, "apply no_such_lemma.")
        assert isinstance(bad, TacticError) and "no_such_lemma" in bad.error
        assert isinstance(dojo.run_tac(s1, "exact I."), TacticError)
        s2 = dojo.run_tac(s1, "unfold double")  # the final '.' is added
        assert isinstance(s2, TacticState) and s2.goals[0]["concl"] == "n + m + (n + m) = n + n + (m + m)"
        assert "n + m + (n + m)" in s2.pp
        done = dojo.run_tac(s2, "lia.")
        assert isinstance(done, ProofFinished)
        # any earlier state stays usable: another branch from the start, then the first again
        other = dojo.run_tac(s0, "intros a b; unfold double; lia.")
        assert isinstance(other, ProofFinished)
        again = dojo.run_tac(s2, "lia.")
        assert isinstance(again, ProofFinished)


def test_kernel_check_before_finished(proj):
    with Dojo("Dojo.Base.fact_t", project=proj) as (dojo, s0):
        assert names(s0.goals[0]) == ["fact_t", "n"]
        cheat = dojo.run_tac(s0, "exact (fact_t n).")  # no goal left, but the guard fails
        assert isinstance(cheat, TacticError) and "ill-formed" in cheat.error
        s1 = dojo.run_tac(s0, "destruct n as [|k].")
        assert isinstance(s1, TacticState) and s1.num_goals == 2
        s2 = dojo.run_tac(s1, "- exact 1.")
        assert isinstance(s2, TacticState) and [g["focus"] for g in s2.goals] == ["unfocused"]
        assert isinstance(dojo.run_tac(s2, "- exact (S k * fact_t k)."), ProofFinished)


def test_timeout_interrupts_and_session_survives(proj):
    with Dojo("Dojo.Base.double_even", project=proj, timeout=2) as (dojo, s0):
        with pytest.raises(DojoTacticTimeoutError, match=r"ran past 2s and was interrupted; the Dojo is back on state 0"
                           ):
            dojo.run_tac(s0, "let rec loop := (idtac; loop) in loop.")
        s1 = dojo.run_tac(s0, "intro n; exists n.")
        assert isinstance(s1, TacticState) and s1.goals[0]["concl"] == "double n = 2 * n"
        assert isinstance(dojo.run_tac(s1, "unfold double; lia."), ProofFinished)


def test_sections_modules_and_local_notations(proj):
    with Dojo("Dojo.Nested.outer_pos", project=proj) as (dojo, s0):
        g = s0.goals[0]
        assert names(g) == ["k", "Hk"] and g["concl"] == "0 < twice k"  # the Section's notation
        assert isinstance(dojo.run_tac(s0, "lia."), ProofFinished)
    with Dojo("Dojo.Nested.inner_mono", project=proj) as (dojo, s0):
        assert names(s0.goals[0]) == ["k", "Hk", "j"]
        assert isinstance(dojo.run_tac(s0, "split; lia."), ProofFinished)
    with Dojo("Dojo.Nested.Geometry.Inner.sq_mono", project=proj) as (dojo, s0):
        assert s0.goals[0]["concl"] == "forall a b : nat, a <= b -> sq a <= sq b"
        s1 = dojo.run_tac(s0, "intros a b H. unfold sq.")  # two sentences at once
        assert isinstance(s1, TacticState) and s1.goals[0]["concl"] == "a * a <= b * b"
        assert isinstance(dojo.run_tac(s1, "apply Nat.mul_le_mono; assumption."), ProofFinished)


def test_braces_shelf_and_given_up(proj):
    with Dojo("Dojo.Base.split_demo", project=proj) as (dojo, s0):
        s1 = dojo.run_tac(s0, "split.")
        assert [g["concl"] for g in s1.goals] == ["a + 0 = a", "b = b /\\ 0 + a = a"]
        assert all(names(g) == ["a", "b"] for g in s1.goals)  # every goal has its hypotheses
        s2 = dojo.run_tac(s1, "{ rewrite Nat.add_0_r. reflexivity.")
        assert isinstance(s2, TacticState) and [g["focus"] for g in s2.goals] == ["unfocused"]
        s3 = dojo.run_tac(s2, "}")
        assert isinstance(s3, TacticState) and [g["focus"] for g in s3.goals] == ["focused"]
        assert isinstance(dojo.run_tac(s3, "split; [reflexivity | simpl; reflexivity]."), ProofFinished)
        assert isinstance(dojo.run_tac(s1, "all: admit."), ProofGivenUp)
        left = dojo.run_tac(s3, "split. reflexivity. { simpl. reflexivity.")
        assert isinstance(left, TacticState) and left.goals == []  # a `{` is still open: not finished
        assert isinstance(dojo.run_tac(left, "}"), ProofFinished)


def test_bad_input(proj, tmp_path):
    with pytest.raises(LeanSharpError, match="no such declaration"):
        Dojo("Dojo.Base.no_such_theorem", project=proj).__enter__()
    with pytest.raises(LeanSharpError, match="no module of the project"):
        Dojo("Other.Lib.thm", project=proj).__enter__()
    unbuilt = copy_fixture("dojo_basic", tmp_path)
    with pytest.raises(LeanSharpError, match="leansharp build"):
        Dojo("Dojo.Base.double_add", project=unbuilt).__enter__()
    with Dojo("Dojo.Base.ex_demo", project=proj) as (dojo, s0):
        assert "unterminated string" in dojo.run_tac(s0, 'idtac "oops.').error
        assert "unterminated comment" in dojo.run_tac(s0, "(* oops").error
        assert isinstance(dojo.run_tac(s0, "Qed."), TacticError)  # only tactics
        assert isinstance(dojo.run_tac(s0, "reflexivity."), ProofFinished)
    assert normalize_tactic(" - ") == "-" and normalize_tactic("2: {") == "2: {" and normalize_tactic("auto") == "auto."
    assert shutil.which("coqtop")
