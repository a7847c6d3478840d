"""Every command on any project: `leansharp init` (a _CoqProject for a folder of .v files,
in dependency order), `map` without a roadmap (one line), the Require resolver behind
`doctor` without a toolchain.toml."""

from __future__ import annotations

from pathlib import Path

from leansharp_tools.backends.coq.requires import Require, requires, resolve

from conftest import run_cli


def test_requires_and_resolve():
    text = "(* Require Foo. *)\nFrom Coq Require Import ZArith Reals.\nRequire Import Zaux.\nRequire Export A.B.\n"
    assert requires(text) == [Require("Coq", "ZArith", 2), Require("Coq", "Reals", 2), Require("", "Zaux", 3),
                              Require("", "A.B", 4)]
    mods = {"Coq.ZArith.ZArith", "Ltac2.ZArith", "P.Core.Zaux"}
    assert resolve(Require("", "ZArith", 1), mods) == "Coq.ZArith.ZArith"
    assert resolve(Require("", "Zaux", 1), mods) == "P.Core.Zaux" and resolve(Require("Q", "Zaux", 1), mods) is None


def test_init_writes_a_coq_project_in_dependency_order(tmp_path):
    folder = tmp_path / "my-lib"
    (folder / "Sub").mkdir(parents=True)
    (folder / "A.v").write_text("Require Import Sub.B.\nDefinition a := Sub.B.b.\n")
    (folder / "Sub" / "B.v").write_text("From my_lib Require Import C.\nDefinition b := C.c.\n")
    (folder / "C.v").write_text("Definition c := 1.\n")
    r = run_cli("init", folder)
    assert r.returncode == 0, r.stderr
    assert (folder / "_CoqProject").read_text() == "-R . my_lib\nC.v\nSub/B.v\nA.v\n"
    for args, said in [((folder,), "already exists; pass --force"), ((tmp_path / "none",), "not a folder"),
                       ((tmp_path,), "")]:
        r = run_cli("init", *args)
        if said:
            assert r.returncode == 1 and r.stderr.strip().splitlines() == [r.stderr.strip()] and said in r.stderr
    assert run_cli("init", folder, "--force").returncode == 0
    (folder / "C.v").write_text("Require Import A.\n")
    r = run_cli("init", folder, "--force")
    assert r.returncode == 1 and "cycle" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_map_without_a_roadmap_is_one_line(tmp_path: Path):
    (tmp_path / "A.v").write_text("Definition a := 1.\n")
    (tmp_path / "_CoqProject").write_text("-R . T\nA.v\n")
    r = run_cli("map", "--project", tmp_path)
    assert r.returncode == 0 and r.stdout.strip().startswith("nothing to map:") and len(r.stdout.splitlines()) == 1
