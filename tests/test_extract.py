"""`leansharp extract` for real (coqc, coqtop, coq-dpdgraph): the dataset of the
dojo_basic fixture (sentences as Coq delimits them, goals, names in Sections and Modules,
premises, splits, incrementality, one-line errors), the round trip through `Dojo` for
every fixture theorem, a Coq library copied from user-contrib, and (marker `library`)
a seeded sample of 50 LeanSharp theorems."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Dict, List

import pytest

from leansharp_tools.backends.coq.packages import COQ_INSTALL_FIX
from leansharp_tools.dojo import Dojo, ProofFinished, TacticState
from leansharp_tools.extract.splits import check_novel, novel_premises_split, random_split
from leansharp_tools.extract.write import read_jsonl

from conftest import REPO, build_fixture, copy_fixture, copy_library, run_cli

pytestmark = pytest.mark.coq_build


def extract(proj: Path, out: Path, *args: str) -> dict:
    r = run_cli("extract", "--project", proj, "--out", out, "--json", *args, lock=True, timeout=7200)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout)


def strip_ids(goals: List[dict]) -> List[dict]:
    return [{k: v for k, v in g.items() if k != "id"} for g in goals]


def replay(record: dict, project: Path) -> None:
    """Run the extracted steps through a Dojo: the same goals after every step, then finished."""
    with Dojo(record["name"], project=project, timeout=300) as (dojo, state):
        assert strip_ids(state.goals) == strip_ids(record["goals"]), record["name"]
        result = state
        for k, step in enumerate(record["steps"]):
            assert isinstance(result, TacticState), (record["name"], k, result)
            result = dojo.run_tac(result, step["tactic"])
            if isinstance(result, TacticState):
                assert strip_ids(result.goals) == strip_ids(step["goals_after"]), (record["name"], step["tactic"])
        assert isinstance(result, ProofFinished), (record["name"], result)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    proj = build_fixture("dojo_basic", tmp_path_factory)
    out = tmp_path_factory.mktemp("dataset")
    meta = extract(proj, out)
    theorems = {t["name"]: t for t in read_jsonl(out / "theorems.jsonl")}
    return proj, out, meta, theorems, read_jsonl(out / "premises.jsonl")


def test_files_and_metadata(dataset):
    proj, out, meta, theorems, premises = dataset
    for part in ("train", "val", "test"):
        assert (out / "splits" / "random" / f"{part}.jsonl").is_file()
        assert (out / "splits" / "novel_premises" / f"{part}.jsonl").is_file()
    assert json.loads((out / "metadata.json").read_text()) == meta
    assert meta["coq_version"].startswith("8.16") and meta["seconds"] > 0 and meta["project"] == str(proj)
    c = meta["counts"]
    assert c["files"] == 2 and c["traced_files"] == 2 and c["theorems"] == len(theorems) == 17
    assert c["steps"] == sum(len(t["steps"]) for t in theorems.values())
    assert sum(meta["splits"]["random"].values()) == len(theorems)


def test_sentences_come_from_coq(dataset):
    _, _, _, th, _ = dataset
    tactics = lambda n: [s["tactic"] for s in th[n]["steps"]]  # noqa: E731
    assert tactics("Dojo.Base.split_demo") == [
        "split.", "-", "rewrite Nat.add_0_r.", "reflexivity.", "-", "split.", "+", "reflexivity.", "+", "{",
        "simpl.", "reflexivity.", "}"]
    assert tactics("Dojo.Base.double_add") == ["intros n m.", "unfold double.", "lia."]  # comment skipped
    assert tactics("Dojo.Base.string_demo") == ["intros _.", "exact I."]
    assert tactics("Dojo.Base.focus_demo") == ["split; [|split].", "2: {", "reflexivity.", "}", "all: reflexivity."]
    assert tactics("Dojo.Nested.inner_mono") == ["split;\n        lia."]
    assert th["Dojo.Nested.outer_pos"]["opener"] == "Proof using Hk."
    d = th["Dojo.Base.double_add"]
    assert (d["start"], d["end"], d["steps"][2]["start"]) == ([7, 1], [12, 5], [11, 3])
    assert d["statement"] == "forall n m : nat, double (n + m) = double n + double m"
    assert th["Dojo.Base.pred_total"]["kind"] == "Definition" and th["Dojo.Base.pred_total"]["terminator"] == "Defined."
    assert th["Dojo.Base.nat_pointed"]["kind"] == "Instance" and th["Dojo.Base.fact_t"]["kind"] == "Fixpoint"
    nested = {"Dojo.Nested.Geometry.Inner.sq_mono", "Dojo.Nested.Geometry.sq_double", "Dojo.Nested.after_modules"}
    assert nested <= set(th)
    assert th["Dojo.Nested.uses_inner"]["statement"] == "forall k : nat, 0 < k -> k <= k + 1"  # after `End Outer`
    assert th["Dojo.Base.admitted_demo"]["status"] == "admitted"
    assert th["Dojo.Base.double_add"]["status"] == "proved"


def test_goals_chain_and_focus(dataset):
    _, _, _, th, _ = dataset
    for t in th.values():
        before = t["goals"]
        for s in t["steps"]:
            assert s["goals_before"] == before
            before = s["goals_after"]
        if t["terminator"] in ("Qed.", "Defined."):
            assert before == [], t["name"]
    steps = th["Dojo.Base.split_demo"]["steps"]
    assert [g["focus"] for g in steps[1]["goals_after"]] == ["focused", "unfocused"]
    assert all(h["names"] == ["a", "b"] for g in steps[1]["goals_after"] for h in g["hyps"])
    let = th["Dojo.Base.let_demo"]["steps"][1]["goals_after"][0]["hyps"]
    assert let[2] == {"names": ["f"], "body": "fun y : nat => y + 1", "type": "nat -> nat"}


def test_premises(dataset):
    _, _, _, th, premises = dataset
    corpus = {p["name"]: p for p in premises if p["type"] == "premise"}
    assert corpus["Dojo.Base.double"]["kind"] == "constant" and corpus["Dojo.Base.double"]["line"] == 4
    assert corpus["Dojo.Base.double"]["statement"] == "nat -> nat"
    assert corpus["Dojo.Base.Pointed"]["kind"] == "inductive"
    assert corpus["Dojo.Nested.Geometry.sq"]["file"] == "Dojo/Nested.v"
    assert not any(n.startswith("Dojo.Nested.HasZero") for n in corpus)  # Module Type members are no constants
    uses = {p["theorem"]: p["premises"] for p in premises if p["type"] == "uses"}
    used = {u["name"]: u for u in uses["Dojo.Base.double_add"]}
    assert used["Dojo.Base.double"] == {"name": "Dojo.Base.double", "in_project": True,
                                        "file": "Dojo/Base.v", "line": 4}
    assert used["Coq.Init.Nat.add"]["in_project"] is False
    assert "Dojo.Nested.inner_mono" in {u["name"] for u in uses["Dojo.Nested.uses_inner"]}
    assert th["Dojo.Base.split_demo"]["steps"][2]["premises"] == ["Coq.Arith.PeanoNat.Nat.add_0_r"]


def test_splits_are_seeded_and_novel(dataset):
    _, out, meta, th, _ = dataset
    uses = {n: [u["name"] for u in t["premises"]] for n, t in th.items()}
    novel = {p: [t["name"] for t in read_jsonl(out / "splits" / "novel_premises" / f"{p}.jsonl")]
             for p in ("train", "val", "test")}
    assert sorted(sum(novel.values(), [])) == sorted(th) and novel["test"]
    assert check_novel(novel, uses) == []
    assert novel == novel_premises_split(uses, seed=meta["seed"])
    assert random_split(list(th), 0) == random_split(list(reversed(list(th))), 0) != random_split(list(th), 1)
    many = {f"t{i}": [f"p{i % 7}", "common", f"q{i % 3}"] for i in range(60)}
    s = novel_premises_split(many, seed=3)
    assert len(s["test"]) >= 6 and check_novel(s, many) == []


def test_round_trip_every_fixture_theorem(dataset):
    proj, _, _, th, _ = dataset
    for t in th.values():
        if t["status"] == "proved":
            replay(t, proj)


def test_incremental_and_module(dataset, tmp_path):
    proj, _, _, th, _ = dataset
    work = tmp_path / "p"
    shutil.copytree(proj, work)
    out = tmp_path / "d"
    assert extract(work, out)["counts"]["traced_files"] == 0  # the cache moved with the tree, .vo unchanged
    with open(work / "Dojo" / "Nested.v", "a") as fh:
        fh.write("\nLemma added : 1 + 1 = 2.\nProof. reflexivity. Qed.\n")
    r = run_cli("build", "--project", work, lock=True)
    assert r.returncode == 0, r.stderr
    meta = extract(work, out)
    assert (meta["counts"]["traced_files"], meta["counts"]["cached_files"]) == (1, 1)
    assert meta["counts"]["theorems"] == len(th) + 1
    only = extract(work, tmp_path / "m", "--module", "Base")
    assert only["modules"] == ["Dojo.Base"] and only["counts"]["traced_files"] == 0


def test_one_line_errors(tmp_path):
    unbuilt = copy_fixture("dojo_basic", tmp_path)
    for args, expected in [(("--project", unbuilt), "leansharp build"),
                           (("--project", unbuilt, "--module", "Nope"), "unknown module 'Nope'")]:
        r = run_cli("extract", *args)
        lines = r.stderr.strip().splitlines()
        assert r.returncode == 1 and len(lines) == 1 and lines[0].startswith("leansharp: error:"), r.stderr
        assert expected in lines[0]
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    r = run_cli("extract", "--project", unbuilt, env={"PATH": str(empty)})
    assert r.returncode == 1 and r.stderr.strip().splitlines() == [
        f"leansharp: error: coqtop not found on PATH; {COQ_INSTALL_FIX}"]


def test_a_project_it_was_not_written_for(tmp_path):
    """Bignums' prelude and two CyclicDouble files (Sections, `Proof using`), copied from
    the installed library under another logical name. The sources ship in Debian's
    libcoq-bignums, which toolchain.toml lists and `run` installs: missing sources fail
    the test (never a vacuous pass)."""
    where = Path(subprocess.run(["coqc", "-where"], capture_output=True, text=True).stdout.strip())
    src = where / "user-contrib" / "Bignums"
    files = ["BigNumPrelude.v", "CyclicDouble/DoubleBase.v", "CyclicDouble/DoubleAdd.v"]
    missing = [str(src / f) for f in files if not (src / f).is_file()]
    assert not missing, (f"Bignums sources missing: {', '.join(missing)}; apt-get install -y libcoq-bignums "
                         f"(listed in toolchain.toml, installed by `bash run setup`)")
    proj = copy_library(src, files, tmp_path / "bignums_copy", "BN")
    r = run_cli("build", "--project", proj, lock=True, timeout=3600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    meta = extract(proj, tmp_path / "out")
    theorems = read_jsonl(tmp_path / "out" / "theorems.jsonl")
    assert meta["counts"]["theorems"] == len(theorems) >= 40
    by_module: Dict[str, List[dict]] = {}
    for t in theorems:
        by_module.setdefault(t["module"], []).append(t)
    assert set(by_module) == {"BN.BigNumPrelude", "BN.CyclicDouble.DoubleBase", "BN.CyclicDouble.DoubleAdd"}
    assert any(t["opener"] and t["opener"].startswith("Proof using") for t in by_module["BN.CyclicDouble.DoubleAdd"])
    sample = by_module["BN.CyclicDouble.DoubleAdd"] + random.Random(0).sample(
        by_module["BN.BigNumPrelude"] + by_module["BN.CyclicDouble.DoubleBase"], 8)
    for t in sample:
        if t["status"] in ("proved", None) and t["terminator"] in ("Qed.", "Defined."):
            replay(t, proj)


@pytest.mark.library
def test_round_trip_sample_of_leansharp(tmp_path):
    """Build the library, extract a seeded choice of modules, replay 50 seeded theorems."""
    r = run_cli("build", "--project", REPO, lock=True, timeout=7200)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    from leansharp_tools.extract.toolkit import open_project

    proj = open_project(REPO)
    rng = random.Random(2024)
    files = list(proj.vfiles)
    rng.shuffle(files)
    chosen, count = [], 0
    for f in files:  # modules in seeded order until they hold 120 proofs (counted in the .glob)
        glob = (REPO / f).with_suffix(".glob").read_text(errors="replace")
        chosen.append(proj.module_of(f))
        count += sum(1 for line in glob.splitlines() if line.startswith("prf "))
        if count >= 120:
            break
    args = [a for m in chosen for a in ("--module", m)]
    extract(REPO, tmp_path / "ls", *args)
    theorems = [t for t in read_jsonl(tmp_path / "ls" / "theorems.jsonl") if t["status"] == "proved"]
    assert len(theorems) >= 50
    for t in rng.sample(theorems, 50):
        replay(t, REPO)
    assert os.path.isdir(REPO / ".leansharp")
