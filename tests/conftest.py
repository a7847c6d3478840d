"""Shared helpers for the toolkit tests: run the real `leansharp` CLI in a subprocess,
copy fixture projects to tmp dirs (never build inside the repo), serialise Coq runs
with the machine-wide lock /tmp/leansharp-coq.lock."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LOCK = "/tmp/leansharp-coq.lock"


def leansharp_cmd() -> list:
    exe = Path(sys.executable).parent / "leansharp"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "leansharp_tools"]


@contextlib.contextmanager
def coq_lock():
    with open(LOCK, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def run_cli(*args, cwd=None, env=None, lock=False, timeout=3600) -> subprocess.CompletedProcess:
    """Run `leansharp ARGS` for real; asserts no Python traceback leaked."""
    full_env = dict(os.environ)
    full_env.setdefault("COLUMNS", "200")
    if env:
        full_env.update(env)
    ctx = coq_lock() if lock else contextlib.nullcontext()
    with ctx:
        r = subprocess.run(leansharp_cmd() + [str(a) for a in args], cwd=cwd, env=full_env,
                           capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout, r.stderr
    return r


def copy_fixture(name: str, dest: Path) -> Path:
    target = dest / name
    shutil.copytree(FIXTURES / name, target)
    return target


def build_fixture(name: str, tmp_path_factory) -> Path:
    """Copy fixture project `name` to a fresh tmp dir and build it for real."""
    proj = copy_fixture(name, tmp_path_factory.mktemp(name))
    r = run_cli("build", "--project", proj, lock=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return proj


@pytest.fixture(scope="session")
def built_clean(tmp_path_factory) -> Path:
    return build_fixture("clean", tmp_path_factory)


@pytest.fixture(scope="session")
def built_holes(tmp_path_factory) -> Path:
    return build_fixture("holes", tmp_path_factory)


@pytest.fixture(scope="session")
def holes_report(built_holes):
    import json

    r = run_cli("status", "--json", "--project", built_holes, lock=True)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)
