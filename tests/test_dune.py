"""dune projects: a `dune-project` + `dune` files declaring `(coq.theory ...)`. Without a
build: the theories' files, module names, `_build/default` mapping, discovery, one-line
errors. Built for real (`coq_build`): two Coquelicot modules copied from the installed
library into `theories/` with a `dune` file, then build, status, graph, extract, the
Dojo, docs, blueprint and map on it; a failing build and a missing dune, one line each."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from leansharp_tools.backends.coq import CoqBackend
from leansharp_tools.backends.coq.build import started_file
from leansharp_tools.backends.coq.discover import find_root, open_root
from leansharp_tools.backends.coq.dune import DuneProject, load_dune_project
from leansharp_tools.backends.coq.errors import parse_build_errors
from leansharp_tools.dojo import Dojo, TacticState
from leansharp_tools.errors import LeanSharpError

from conftest import run_cli

DUNE_PROJECT = "(lang dune 2.9)\n(using coq 0.3)\n"


def _dune_project(root: Path, dune: str, files: dict) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "dune-project").write_text(DUNE_PROJECT)
    for f, text in files.items():
        (root / f).parent.mkdir(parents=True, exist_ok=True)
        (root / f).write_text(text)
    (root / "theories").mkdir(parents=True, exist_ok=True)
    (root / "theories" / "dune").write_text(dune)
    return root


def test_theory_files_modules_and_build_mapping(tmp_path):
    _dune_project(tmp_path, "(include_subdirs qualified)\n; a comment\n(coq.theory\n (name My.Lib)\n"
                         " (flags (:standard -type-in-type)))\n",
                         {"theories/B.v": "Require Import My.Lib.Sub.A.\n", "theories/Sub/A.v": "Definition a := 1.\n",
                          "_build/default/theories/Stale.v": "", "other/C.v": ""})
    (tmp_path / "_CoqProject").write_text("-R theories Other\ntheories/B.v\n")  # for editors: dune wins
    proj = open_root(find_root(tmp_path / "theories" / "Sub"))
    assert isinstance(proj, DuneProject) and proj.root == tmp_path.resolve()
    assert proj.files == [Path("theories/Sub/A.v"), Path("theories/B.v")]
    assert proj.modules() == ["My.Lib.Sub.A", "My.Lib.B"] and proj.name == "My.Lib"
    assert proj.coqc_flags() == ["-Q", "theories", "My.Lib", "-R", "_build/default/theories", "My.Lib"]
    assert proj.compiled(Path("theories/Sub/A.v")) == tmp_path.resolve() / "_build/default/theories/Sub/A.vo"
    assert [(s.file, s.line, s.text) for s in CoqBackend().project_sites(proj)] == [
        ("theories/dune", 5, "(flags -type-in-type): universe checking is off in every file (-type-in-type)")]


def test_theory_at_the_root(tmp_path):
    (tmp_path / "dune-project").write_text(DUNE_PROJECT)
    (tmp_path / "dune").write_text("(coq.theory (name R))\n")
    for f in ("A.v", "_build/default/A.v", ".git/X.v", "sub/B.v"):
        (tmp_path / f).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / f).write_text("")
    proj = open_root(find_root(tmp_path / "sub"))
    assert (proj.files, proj.modules()) == ([Path("A.v")], ["R.A"])
    assert proj.coqc_flags() == ["-Q", ".", "R", "-R", "_build/default", "R"]


def test_modules_field_and_no_subdirs(tmp_path):
    root = _dune_project(tmp_path, "(coq.theory (name T) (modules :standard \\ Skip))\n",
                         {"theories/A.v": "", "theories/Skip.v": "", "theories/Sub/X.v": ""})
    assert load_dune_project(root).files == [Path("theories/A.v")]
    (root / "theories" / "dune").write_text('(coq.theory (name "T") (modules Skip))')
    assert load_dune_project(root).files == [Path("theories/Skip.v")]


@pytest.mark.parametrize("dune, said", [
    ("(coq.theory (name T)", "theories/dune:1: '(' never closed in the dune file"),
    ("(coq.theory (package t)))", "theories/dune:1: unbalanced ')' in the dune file"),
    ("(coq.theory\n (package t))", "theories/dune:1: (coq.theory ...) without (name ...); add (name MyTheory)"),
    ("(coq.theory (name T))", "theories/dune:1: the theory T has no .v file"),
])
def test_bad_dune_files_are_one_line(tmp_path, dune, said):
    _dune_project(tmp_path, dune, {})
    with pytest.raises(LeanSharpError) as err:
        open_root(find_root(tmp_path))
    assert said in str(err.value) and "\n" not in str(err.value)


def test_dune_project_without_a_theory_is_not_a_coq_project(tmp_path):
    (tmp_path / "dune-project").write_text("(lang dune 2.9)\n")
    (tmp_path / "dune").write_text("(executable (name main))\n")
    with pytest.raises(LeanSharpError, match=r"not a Coq project \(no _CoqProject, nor a dune-project with a "
                                             r"\(coq.theory ...\) stanza"):
        find_root(tmp_path)


def test_dune_progress_and_error_lines(tmp_path):
    line = ("Running[4]: (cd _build/default && /usr/bin/coqc -q -w -deprecated-native-compiler-option "
            "-R theories Coquelicot theories/Rcomplements.v)")
    assert started_file(line) == "theories/Rcomplements.v"
    assert started_file("Running[2]: (cd _build/default/theories && /usr/bin/coqdep -R . C -dyndep opt A.v) "
                        "> _build/default/theories/A.v.d") is None
    out = ('File "theories/dune", line 3, characters 2-7:\n3 |  (bogus 1))\n      ^^^^^\nError: Unknown field bogus\n'
           'File "./theories/Bad.v", line 2, characters 7-18:\nError: Unable to unify "2" with "1".\n')
    assert [str(e) for e in parse_build_errors(out, tmp_path)] == [
        "theories/dune:3:3: Unknown field bogus", 'theories/Bad.v:2:8: Unable to unify "2" with "1".']


# ------------------------------------------------------------------ built for real

COQUELICOT = ["Rcomplements", "Markov"]


@pytest.fixture(scope="module")
def dune_coquelicot(tmp_path_factory) -> Path:
    """Coquelicot's Rcomplements and Markov (Debian's libcoq-coquelicot) as a dune
    project: `theories/dune` declares `(coq.theory (name Coquelicot))`; built."""
    if shutil.which("dune") is None:
        pytest.fail("dune is not installed; `bash run setup` installs it (toolchain.toml [debian]: ocaml-dune)")
    where = CoqBackend().where()
    src = where / "user-contrib" / "Coquelicot" if where else Path("/nonexistent")
    if not all((src / f"{m}.v").is_file() for m in COQUELICOT):
        pytest.skip("Coquelicot sources are not installed (apt-get install -y libcoq-coquelicot)")
    root = tmp_path_factory.mktemp("dune") / "coquelicot"
    _dune_project(root, "(coq.theory\n (name Coquelicot))\n",
                  {f"theories/{m}.v": (src / f"{m}.v").read_text() for m in COQUELICOT})
    r = run_cli("build", "--project", root, lock=True)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert r.stderr.strip().endswith("built 2 files in " + str(root.resolve()) + " (2 recompiled)"), r.stderr
    return root



@pytest.mark.coq_build
def test_status_graph_extract_dojo_and_pages_on_a_dune_project(dune_coquelicot, tmp_path):
    root = dune_coquelicot
    assert sorted(p.name for p in (root / "_build/default/theories").glob("*.vo")) == ["Markov.vo",
                                                                                        "Rcomplements.vo"]
    r = run_cli("status", "--strict", "--json", "--project", root, lock=True)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["totals"] == {"declarations": 163, "proved": 163, "admitted": 0, "axiom": 0, "foreign-axiom": 0,
                                "unguarded": 0, "unknown": 0} and report["ok"] and report["problems"] == []
    r = run_cli("graph", "--json", "--no-status", "--project", root, lock=True)
    assert r.returncode == 0, r.stderr
    graph = json.loads(r.stdout)
    assert (len(graph["nodes"]), len(graph["edges"])) == (163, 98)
    r = run_cli("extract", "--project", root, "--out", tmp_path / "ds", "--module", "Markov", "--json", lock=True)
    assert r.returncode == 0, r.stderr
    counts = json.loads(r.stdout)["counts"]
    assert (counts["files"], counts["failed_files"], counts["theorems"]) == (1, 0, 8)
    first = json.loads((tmp_path / "ds" / "theorems.jsonl").read_text().splitlines()[0])
    assert (first["name"], first["file"]) == ("Coquelicot.Markov.LPO_min", "theories/Markov.v")
    with Dojo("Coquelicot.Markov.LPO_min", project=root) as (dojo, s0):
        assert isinstance(dojo.run_tac(s0, "intros P HP."), TacticState)
    r = run_cli("docs", "--project", root, "--output", tmp_path / "site", lock=True)
    assert r.returncode == 0 and "2 module pages, 163 declarations" in r.stderr + r.stdout, r.stderr
    r = run_cli("blueprint", "--project", root, "--output", tmp_path / "bp.html", lock=True)
    assert r.returncode == 0 and (tmp_path / "bp.html").read_text().startswith("<!DOCTYPE html>"), r.stderr
    r = run_cli("map", "--project", root)
    assert r.returncode == 0 and r.stdout.startswith("nothing to map:") and len(r.stdout.splitlines()) == 1


@pytest.mark.coq_build
def test_failing_dune_build_and_missing_dune_are_one_line(dune_coquelicot, tmp_path):
    root = tmp_path / "broken"
    shutil.copytree(dune_coquelicot, root, ignore=shutil.ignore_patterns("_build", ".leansharp"))
    (root / "theories" / "Bad.v").write_text("Lemma x : 1 = 2.\nProof. reflexivity. Qed.\n")
    r = run_cli("build", "--project", root, lock=True)
    assert r.returncode == 1
    assert r.stdout.strip() == 'theories/Bad.v:2:8: Unable to unify "2" with "1".'
    assert r.stderr.strip().splitlines()[-1] == ("leansharp: error: build failed (1 error); fix the file(s) above "
                                                 "and re-run `leansharp build`")
    bin_dir = tmp_path / "bin"  # coqc and friends, but no dune
    bin_dir.mkdir()
    for tool in ("coqc", "coqtop", "coqdep"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    r = run_cli("build", "--project", root, env={"PATH": str(bin_dir)})
    assert r.returncode == 1 and r.stderr.strip() == (
        f"leansharp: error: dune not found on PATH; install it: apt-get install -y ocaml-dune "
        f"(the project at {root.resolve()} builds with dune)")
