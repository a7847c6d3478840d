"""`leansharp extract` never loses work: the coqtop reader past 1 MiB of output (a real
coqtop), a file that fails (a sentence past --timeout) is one line and listed in
metadata.json while the other file's records and cache are written, the exit status
(0 with a failure, 1 when nothing was extracted or with --strict), and the numeric
options' one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leansharp_tools.backends.coq.coqtop import Coqtop
from leansharp_tools.backends.coq.project import load_project
from leansharp_tools.extract.write import read_jsonl

from conftest import run_cli

GOOD = """Definition double (n : nat) := n + n.
Lemma double_0 : double 0 = 0.
Proof. reflexivity. Qed.
Lemma double_1 : double 1 = 2.
Proof. simpl. reflexivity. Qed.
"""
# one sentence of several seconds (vm_compute of 60 million successors), every other one instant
SLOW = """Require Import NArith.
Lemma quick : True.
Proof. exact I. Qed.
Goal True. let x := eval vm_compute in (Pos.iter N.succ 0%N 60000000%positive) in idtac. exact I. Qed.
"""


def _project(tmp: Path, files: dict) -> Path:
    proj = tmp / "p"
    proj.mkdir()
    for name, text in files.items():
        (proj / name).write_text(text)
    (proj / "_CoqProject").write_text("-R . R\n" + "".join(f"{n}\n" for n in files))
    return proj


@pytest.mark.coq_build
def test_coqtop_reader_past_one_mebibyte(tmp_path):
    """Five 300 kB messages inside a proof: the buffer is trimmed past 1 MiB and every
    prompt still reads its state and open proof (it used to read them after the trim)."""
    proj = load_project(_project(tmp_path, {"A.v": "Definition a := 1.\n"}))
    big = "x" * 300_000
    with Coqtop(proj) as top:
        r = top.send("Goal True.")
        state, total = r.state, 0
        for i in range(5):
            r = top.send(f'idtac "{big}{i}".')
            total += len(r.text)
            assert r.error is None and f"{big}{i}" in r.text
            assert (r.state, r.proof) == (state + i + 1, "Unnamed_thm")
        assert total > 1 << 20 and top._pos < 1 << 20  # the trim happened
        assert top.send("exact I.").proof == "Unnamed_thm"
        assert top.send("Qed.").proof is None


@pytest.mark.coq_build
def test_a_failing_file_loses_nothing(tmp_path):
    proj = _project(tmp_path, {"Good.v": GOOD, "Slow.v": SLOW})
    r = run_cli("build", "--project", proj, lock=True)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "d"
    r = run_cli("extract", "--project", proj, "--out", out, "--json", "--timeout", "1", lock=True)
    assert r.returncode == 0, r.stderr
    meta = json.loads(r.stdout)
    assert [ln for ln in r.stderr.splitlines() if ln.startswith("leansharp:")] == [
        "leansharp: failed: Slow.v:4: a sentence ran past 1s; raise --timeout"]
    assert meta["failed"] == [{"file": "Slow.v", "module": "R.Slow", "stage": "trace",
                               "error": "Slow.v:4: a sentence ran past 1s; raise --timeout"}]
    assert json.loads((out / "metadata.json").read_text())["failed"] == meta["failed"]
    c = meta["counts"]
    assert (c["files"], c["traced_files"], c["failed_files"], c["theorems"]) == (2, 1, 1, 2)
    assert {t["name"] for t in read_jsonl(out / "theorems.jsonl")} == {"R.Good.double_0", "R.Good.double_1"}
    assert not (out / "theorems.partial.jsonl").exists()
    assert (proj / ".leansharp" / "cache" / "extract" / "R.Good.json").is_file()

    # --strict: the same run fails; the good file comes from the cache
    r = run_cli("extract", "--project", proj, "--out", out, "--timeout", "1", "--strict", lock=True)
    assert r.returncode == 1 and r.stderr.strip().splitlines()[-1] == (
        "leansharp: error: --strict: 1 file(s) failed, first: Slow.v:4: a sentence ran past 1s; raise --timeout")
    # nothing extracted: exit 1, metadata still written
    r = run_cli("extract", "--project", proj, "--out", tmp_path / "s", "--timeout", "1", "-m", "Slow", lock=True)
    assert r.returncode == 1 and r.stderr.strip().splitlines()[-1].startswith(
        "leansharp: error: nothing could be extracted: all 1 file(s) failed")
    assert json.loads((tmp_path / "s" / "metadata.json").read_text())["counts"]["failed_files"] == 1
    # --no-keep-going stops at the failure, in one line
    r = run_cli("extract", "--project", proj, "--out", tmp_path / "n", "--timeout", "1", "--no-keep-going",
                lock=True)
    assert r.returncode == 1 and r.stderr.strip().splitlines() == [
        "leansharp: error: Slow.v:4: a sentence ran past 1s; raise --timeout (--keep-going skips failed files)"]
    # with time enough only the failed file is traced
    r = run_cli("extract", "--project", proj, "--out", out, "--json", lock=True)
    assert r.returncode == 0, r.stderr
    c = json.loads(r.stdout)["counts"]
    assert (c["traced_files"], c["cached_files"], c["failed_files"], c["theorems"]) == (1, 1, 0, 3)


# The numeric options of extract (-j 0, -j -3, --timeout -1, --timeout 0) are one-line usage
# errors: tests/test_schemas.py::test_numeric_options_are_validated.
