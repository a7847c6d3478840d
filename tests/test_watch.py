"""`leansharp watch` on a temporary copy of the built clean fixture: the real command
polls, rebuilds with make and prints the status delta of three saves (a lemma admitted,
a file that no longer compiles, the original back); the delta and its printed lines as
pure functions."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from typing import IO, List

import pytest

from leansharp_tools.backends.base import BuildResult
from leansharp_tools.render.watch import round_lines
from leansharp_tools.watch import Delta, Round, delta

from conftest import coq_lock, leansharp_cmd, run_cli

PROVED = "Proof. reflexivity. Qed."


def test_delta():
    before = {"A.a": ("proved", ()), "A.b": ("proved", ()), "A.c": ("admitted", ()), "A.gone": ("proved", ())}
    after = {"A.a": ("proved", ()), "A.b": ("foreign-axiom", ("A.c",)), "A.c": ("proved", ()),
             "A.new": ("proved", ()), "A.ax": ("axiom", ())}
    d = delta(before, after)
    assert d.proved == ["A.c", "A.new"]
    assert d.broken == [("A.b", "proved", "foreign-axiom"), ("A.gone", "proved", "not compiled")]
    assert d.new_axioms == [("A.ax", "A.ax"), ("A.b", "A.c")]
    assert delta(before, before).empty


def test_round_lines():
    ok = BuildResult(True, 0, "", compiled=["theories/Base.v", "theories/Top.v"])
    rnd = Round(["theories/Base.v"], ok, Delta(["A.c"], [("A.b", "proved", "admitted")], [("A.b", "A.c")]), [], 1.23)
    assert round_lines(rnd) == ["theories/Base.v: rebuilt 2 files in 1.2s", "  newly proved (1): A.c",
                                "  newly broken: A.b (proved -> admitted)", "  new axiom: A.b depends on A.c"]
    none = Round(["x.v"], BuildResult(True, 0, ""), Delta(), [], 0.5)
    assert round_lines(none) == ["x.v: rebuilt 0 files in 0.5s", "  no status change"]


def _lines(stream: IO[str], q: "queue.Queue[str]") -> None:
    for line in stream:
        q.put(line)


def _next(q: "queue.Queue[str]", want: str, timeout: float = 300) -> str:
    while True:
        line = q.get(timeout=timeout)
        if want in line:
            return line


@pytest.mark.coq_build
def test_watch_prints_the_delta_of_each_save(built_clean, tmp_path):
    proj = tmp_path / "clean"
    shutil.copytree(built_clean, proj)  # copy2: the .vo stay newer than their sources
    base = proj / "theories" / "Base.v"
    original = base.read_text()
    assert PROVED in original
    env = dict(os.environ, COLUMNS="200")
    rounds: List[dict] = []
    with coq_lock():
        p = subprocess.Popen(leansharp_cmd() + ["watch", "--interval", "0.1", "--max-iterations", "3", "--json",
                                                "--project", str(proj)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        out: "queue.Queue[str]" = queue.Queue()
        err: "queue.Queue[str]" = queue.Queue()
        for stream, q in ((p.stdout, out), (p.stderr, err)):
            threading.Thread(target=_lines, args=(stream, q), daemon=True).start()
        try:
            assert "watching 2 files" in _next(err, "watching")
            for text in (original.replace(PROVED, "Proof. Admitted.", 1),           # double_plus admitted
                         original + "\nLemma oops : 1 = 2.\nProof. reflexivity. Qed.\n",  # Base.v fails
                         original):                                                  # back to the start
                base.write_text(text)
                rounds.append(json.loads(_next(out, '"schema"')))
            assert p.wait(timeout=120) == 0
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
    first, second, third = rounds
    assert first["changed"] == ["theories/Base.v"] and first["build_ok"] is True
    assert first["recompiled"] == ["theories/Base.v", "theories/Top.v"]
    assert first["proved"] == [] and first["not_compiled"] == []
    assert first["broken"] == [{"name": "Clean.Base.double_plus", "was": "proved", "now": "admitted"},
                               {"name": "Clean.Top.double_sum", "was": "proved", "now": "foreign-axiom"}]
    assert first["new_axioms"] == [{"name": "Clean.Top.double_sum", "axiom": "Clean.Base.double_plus"}]
    assert second["build_ok"] is False and second["not_compiled"] == ["theories/Base.v"]
    assert len(second["errors"]) == 1 and second["errors"][0].startswith("theories/Base.v:")
    assert [b["name"] for b in second["broken"]] == ["Clean.Base.Inner.inner_fact", "Clean.Base.double",
                                                     "Clean.Base.k_nonzero", "Clean.Base.rle_total"]
    assert {b["now"] for b in second["broken"]} == {"not compiled"}
    assert third["build_ok"] is True and third["new_axioms"] == [] and third["broken"] == []
    assert third["proved"] == ["Clean.Base.Inner.inner_fact", "Clean.Base.double", "Clean.Base.double_plus",
                               "Clean.Base.k_nonzero", "Clean.Base.rle_total", "Clean.Top.double_sum"]


def test_watch_errors_are_one_line(tmp_path):
    r = run_cli("watch", "--project", tmp_path, "--max-iterations", "1")
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "not a Coq project" in r.stderr, r.stderr
    r = run_cli("watch", "--interval", "0", "--project", tmp_path)
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
