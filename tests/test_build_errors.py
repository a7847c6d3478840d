"""`leansharp build` failures are one line each, naming the file (and the line where
Coq gives one or the text shows it): a listed file that does not exist, errors Coq
reports without a location, a tree the build cannot write to."""

from __future__ import annotations

from pathlib import Path

import pytest

from leansharp_tools.backends.base import ProverError
from leansharp_tools.backends.coq import build as coq_build
from leansharp_tools.backends.coq.errors import parse_build_errors
from leansharp_tools.backends.coq.project import load_project
from leansharp_tools.errors import LeanSharpError

from conftest import run_cli

#: `make` as another user in a read-only copy (root bypasses permissions, so recorded)
READ_ONLY_OUTPUT = """COQDEP VFILES
/bin/sh: 1: cannot create .Makefile.coq.d: Permission denied
rm: cannot remove '.Makefile.coq.d': Permission denied
COQDEP VFILES
/bin/sh: 1: cannot create .Makefile.coq.d: Permission denied
rm: cannot remove '.Makefile.coq.d': Permission denied
COQDEP VFILES
/bin/sh: 1: cannot create .Makefile.coq.d: Permission denied
rm: cannot remove '.Makefile.coq.d': Permission denied
make[1]: *** No rule to make target '.Makefile.coq.d', needed by 'A.vo'.  Stop.
make: *** [Makefile.coq:409: all] Error 2
"""

#: two coqc at once (-j2), errors without a location, make's own failures
MIXED_OUTPUT = """COQC A.v
COQC B.v
File "./A.v", line 3, characters -16-0:
Error: Syntax Error: Lexer: Unterminated comment

make[1]: *** [Makefile.coq:793: A.vo] Error 1
Error: There are pending proofs in file ./B.v: b.
make[1]: *** [Makefile.coq:793: B.vo] Error 1
COQC C.v
Error: The module M needs to be closed.

make[1]: *** [Makefile.coq:793: C.vo] Error 1
Error: System error: "./D.glob: Permission denied"
make[1]: *** [Makefile.coq:793: D.vo] Error 1
make[1]: *** [Makefile.coq:793: E.vo] Error 1
make: *** [Makefile.coq:409: all] Error 2
"""


def test_build_output_one_error_per_failure(tmp_path):
    (tmp_path / "A.v").write_text("Definition a := 1.\n(* unterminated\n")
    (tmp_path / "B.v").write_text("Definition x := 1.\nLemma b : True.\nProof.\n")
    (tmp_path / "C.v").write_text("Module M.\nDefinition x := 1.\n")
    assert [str(e) for e in parse_build_errors(MIXED_OUTPUT, tmp_path)] == [
        "A.v:2: Syntax Error: Lexer: Unterminated comment (the comment opened here is never closed)",
        "B.v:2: There are pending proofs in file ./B.v: b.",
        "C.v:1: The module M needs to be closed.",
        'D.v: System error: "./D.glob: Permission denied"',
        "E.v: coqc failed without a message",
    ]
    assert [str(e) for e in parse_build_errors(READ_ONLY_OUTPUT, tmp_path)] == [
        ".Makefile.coq.d: cannot write (Permission denied); build in a writable copy of the project or fix its "
        "permissions"]


def test_prover_error_prints_only_what_it_has():
    assert str(ProverError("A.v", 3, 5, "m")) == "A.v:3:5: m"
    assert str(ProverError("A.v", 3, 0, "m")) == "A.v:3: m"
    assert str(ProverError("A.v", 0, 0, "m")) == "A.v: m"


def test_unwritable_tree_is_one_line_before_make(tmp_path, monkeypatch):
    (tmp_path / "_CoqProject").write_text("-R . X\nA.v\n")
    (tmp_path / "A.v").write_text("Definition a := 1.\n")
    proj = load_project(tmp_path)
    monkeypatch.setattr(coq_build.os, "access", lambda path, mode: Path(path) != proj.root)
    with pytest.raises(LeanSharpError, match=r"not writable, and the build writes its compiled files there"):
        coq_build.check_buildable(proj)


def test_build_missing_listed_file_is_one_line(tmp_path):
    (tmp_path / "_CoqProject").write_text("-R . X\nA.v\nsub/Missing.v\n")
    (tmp_path / "A.v").write_text("Definition a := 1.\n")
    r = run_cli("build", "--project", tmp_path)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip().splitlines() == [
        "leansharp: error: sub/Missing.v: listed in _CoqProject (line 3) but does not exist; "
        "remove it from _CoqProject or create it"]


@pytest.mark.coq_build
def test_build_errors_without_location_name_file_and_line(tmp_path):
    (tmp_path / "_CoqProject").write_text("-R . X\nA.v\nB.v\nC.v\n")
    (tmp_path / "A.v").write_text("Definition a := 1.\n(* never closed\nDefinition b := 2.\n")
    (tmp_path / "B.v").write_text("Definition x := 1.\nLemma b : True.\nProof.\n  idtac.\n")
    (tmp_path / "C.v").write_text("Module M.\nDefinition x := 1.\n")
    r = run_cli("build", "--jobs", "3", "--project", tmp_path, lock=True)
    assert r.returncode == 1
    assert sorted(r.stdout.splitlines()) == [
        "A.v:2: Syntax Error: Lexer: Unterminated comment (the comment opened here is never closed)",
        "B.v:2: There are pending proofs in file ./B.v: b.",
        "C.v:1: The module M needs to be closed.",
    ]
    assert r.stderr.strip().splitlines() == [
        "leansharp: error: build failed (3 errors); fix the file(s) above and re-run `leansharp build`"]


def test_interleaved_errors_of_parallel_coqc_stay_apart(tmp_path):
    """With make -jN two coqc may print their location-less errors on adjacent lines: each
    `Error:` line starts a new message (it is never a continuation of the previous one)."""
    (tmp_path / "B.v").write_text("Definition x := 1.\nLemma b : True.\nProof.\n")
    (tmp_path / "C.v").write_text("Module M.\nDefinition x := 1.\n")
    out = ("COQC B.v\nCOQC C.v\nError: There are pending proofs in file ./B.v: b.\n"
           "Error: The module M needs to be closed.\n\n"
           "make[1]: *** [Makefile.coq:793: B.vo] Error 1\nmake[1]: *** [Makefile.coq:793: C.vo] Error 1\n")
    messages = sorted(e.message for e in parse_build_errors(out, tmp_path))
    assert messages == ["The module M needs to be closed.", "There are pending proofs in file ./B.v: b."]
