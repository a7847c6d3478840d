"""Shared fixtures for the toolkit tests: fixture projects copied to tmp dirs (never
built inside the repo) and built for real under the machine-wide Coq lock. The CLI
helpers live in `leansharp_cli` (shared with bench/)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator

import pytest

from headless import Chromium, find_chromium

from leansharp_cli import FIXTURES, LOCK, REPO, copy_fixture, copy_library, coq_lock, leansharp_cmd, run_cli

__all__ = ["FIXTURES", "LOCK", "REPO", "coq_lock", "copy_fixture", "copy_library", "leansharp_cmd", "run_cli"]


#: tests using these fixtures compile Coq, and so do `library` tests: they get the `coq_build` marker
BUILT_FIXTURES = {"built_clean", "built_holes", "holes_report", "built_gate", "gate_report"}


def pytest_collection_modifyitems(items: list) -> None:
    for item in items:
        if BUILT_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("library"):
            item.add_marker(pytest.mark.coq_build)


def build_fixture(name: str, tmp_path_factory) -> Path:
    """Copy fixture project `name` to a fresh tmp dir and build it for real."""
    proj = copy_fixture(name, tmp_path_factory.mktemp(name))
    r = run_cli("build", "--project", proj, lock=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return proj


@pytest.fixture(scope="session")
def built_repo() -> Path:
    """The LeanSharp library itself, built (a no-op when up to date); for `library` tests."""
    r = run_cli("build", "--project", REPO, lock=True, timeout=7200)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    return REPO


@pytest.fixture(scope="session")
def built_clean(tmp_path_factory) -> Path:
    return build_fixture("clean", tmp_path_factory)


@pytest.fixture(scope="session")
def built_holes(tmp_path_factory) -> Path:
    return build_fixture("holes", tmp_path_factory)


@pytest.fixture(scope="session")
def built_gate(tmp_path_factory) -> Path:
    return build_fixture("gate", tmp_path_factory)


@pytest.fixture(scope="session")
def holes_report(built_holes):
    r = run_cli("status", "--json", "--project", built_holes, lock=True)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    """Debian's headless chromium; in CI a missing browser fails instead of skipping."""
    exe = find_chromium()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; `bash run setup` installs it (toolchain.toml [debian])")
        pytest.skip("chromium is not installed (apt-get install -y chromium, or `bash run setup`)")
    with Chromium(exe) as b:
        yield b


#: the four Coquelicot modules the page and docs tests copy (Rbar and Lub use the others)
COQUELICOT = ["Rcomplements", "Rbar", "Markov", "Lub"]


def built_coquelicot_copy(dest: Path, roadmap: str = "") -> Path:
    """The installed Coquelicot's COQUELICOT modules (Debian's libcoq-coquelicot, pinned in
    toolchain.toml) copied to `dest` under their own logical name, with a `_CoqProject`
    (and `roadmap` as roadmap.toml when given), built for real; skips when not installed."""
    from leansharp_tools.backends.coq import CoqBackend

    where = CoqBackend().where()
    src = where / "user-contrib" / "Coquelicot" if where else Path("/nonexistent")
    if not all((src / f"{f}.v").is_file() for f in COQUELICOT):
        pytest.skip("Coquelicot sources are not installed (apt-get install -y libcoq-coquelicot)")
    proj = copy_library(src, [f"{f}.v" for f in COQUELICOT], dest, "Coquelicot")
    if roadmap:
        (proj / "roadmap.toml").write_text(roadmap)
    r = run_cli("build", "--jobs", "2", "--project", proj, lock=True)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    return proj

