"""`leansharp extract` beyond one thread: the same `theorems.jsonl` and `premises.jsonl`,
byte for byte, traced sequentially (--jobs 1), by the local pool (--jobs 2) and as tasks
on a local Ray cluster the test starts (`ray start --head`, the `ray` extra); on Ray a
failing file is retried once, then reported like a local failure; `--ray` errors are one
line. Skipped (with the reason) when Ray is not importable; `bash run setup` installs it
(the `test` extra includes `ray`)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

import pytest

from leansharp_tools.errors import LeanSharpError
from leansharp_tools.extract.ray_pool import RAY_MISSING, connect_check

from conftest import build_fixture, run_cli

try:
    import ray  # noqa: F401 - only whether it imports
    HAVE_RAY = True
except ImportError:
    HAVE_RAY = False
needs_ray = pytest.mark.skipif(not HAVE_RAY, reason="ray is not importable (pip install 'leansharp_tools[ray]'; "
                                                     "`bash run setup` installs it with the test extra)")

SLOW = """Require Import NArith.
Goal True. let x := eval vm_compute in (Pos.iter N.succ 0%N 60000000%positive) in idtac. exact I. Qed.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[str]:
    """A one-node Ray cluster (2 CPUs, small object store) for this module, stopped after
    it: `ray start --head --block` in its own process group, ended by its id."""
    if not HAVE_RAY:
        pytest.skip("ray is not importable")
    port = _free_port()
    tmp = tempfile.mkdtemp(prefix="lsray-", dir="/tmp")  # Ray's socket paths must stay short
    exe = Path(sys.executable).parent / "ray"
    proc = subprocess.Popen([str(exe), "start", "--head", "--block", "--port", str(port), "--num-cpus", "2",
                             "--object-store-memory", "100000000", "--include-dashboard=false",
                             "--disable-usage-stats", "--temp-dir", tmp],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        for _ in range(600):  # wait for the head to listen (a start takes seconds)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None, "ray start --head exited"
                time.sleep(0.2)
        yield f"127.0.0.1:{port}"
    finally:
        proc.send_signal(signal.SIGTERM)  # `--block`: stops the processes it started
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # whatever of its own group is left
        except ProcessLookupError:
            pass
        shutil.rmtree(tmp, ignore_errors=True)


def _extract(proj: Path, out: Path, *args: object) -> dict:
    r = run_cli("extract", "--project", proj, "--out", out, "--no-cache", "--json", *args, lock=True)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout)


@pytest.mark.coq_build
@needs_ray
def test_sequential_pool_and_ray_write_the_same_bytes(tmp_path_factory, ray_cluster):
    proj = build_fixture("dojo_basic", tmp_path_factory)
    out = tmp_path_factory.mktemp("datasets")
    metas = {how: _extract(proj, out / how, *args) for how, args in
             [("sequential", ("--jobs", "1")), ("pool", ("--jobs", "2")), ("ray", ("--ray", ray_cluster))]}
    counts = {how: (m["counts"]["traced_files"], m["counts"]["failed_files"]) for how, m in metas.items()}
    assert counts == {"sequential": (2, 0), "pool": (2, 0), "ray": (2, 0)}
    for name in ("theorems.jsonl", "premises.jsonl"):
        data = {how: (out / how / name).read_bytes() for how in metas}
        assert data["sequential"] and data["pool"] == data["sequential"] and data["ray"] == data["sequential"], name


@pytest.mark.coq_build
@needs_ray
def test_a_failing_task_is_retried_once_then_reported(tmp_path, ray_cluster):
    proj = tmp_path / "p"
    proj.mkdir()
    (proj / "Good.v").write_text("Lemma one : 1 = 1.\nProof. reflexivity. Qed.\n")
    (proj / "Slow.v").write_text(SLOW)
    (proj / "_CoqProject").write_text("-R . R\nGood.v\nSlow.v\n")
    r = run_cli("build", "--project", proj, lock=True)
    assert r.returncode == 0, r.stderr
    meta = _extract(proj, tmp_path / "d", "--ray", ray_cluster, "--timeout", "1")
    line = "Slow.v:2: a sentence ran past 1s; raise --timeout (failed again when retried on Ray)"
    assert meta["failed"] == [{"file": "Slow.v", "module": "R.Slow", "stage": "trace", "error": line}]
    assert (meta["counts"]["traced_files"], meta["counts"]["theorems"]) == (1, 1)
    assert [json.loads(x)["name"] for x in (tmp_path / "d" / "theorems.jsonl").read_text().splitlines()] == [
        "R.Good.one"]


@needs_ray
def test_ray_errors_are_one_line(tmp_path):
    (tmp_path / "A.v").write_text("Definition a := 1.\n")
    (tmp_path / "_CoqProject").write_text("-R . T\nA.v\n")
    port = _free_port()  # nothing listens there
    for address, said in [(f"127.0.0.1:{port}", f"--ray 127.0.0.1:{port}: no Ray cluster answers there "
                                                 f"(Connection refused)"),
                          ("", "--ray needs an address: host:port of the cluster's head")]:
        r = run_cli("extract", "--project", tmp_path, "--out", tmp_path / "d", "--no-cache", "--ray", address)
        assert r.returncode == 1 and r.stderr.count("\n") == 1 and said in r.stderr, r.stderr


def test_ray_missing_is_one_line(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError, as without the extra
    with pytest.raises(LeanSharpError) as err:
        connect_check("auto")
    assert str(err.value) == RAY_MISSING == "--ray needs Ray: pip install 'leansharp_tools[ray]' (or: pip install ray)"
