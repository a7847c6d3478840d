"""Which kind of Coq project a folder is: `_CoqProject` (coq_makefile, `project.py`) or
dune (`dune-project` + `dune` files declaring `(coq.theory ...)`, `dune.py`).

    root = find_root(Path("some/dir"))   # the nearest folder at or above it that is either
    proj = open_root(root)               # -> CoqProject or DuneProject

A folder with both is a dune project (dune builds it; the `_CoqProject` of such
projects only serves editors).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from leansharp_tools.backends.coq.dune import DUNE_PROJECT, declares_theory, load_dune_project
from leansharp_tools.backends.coq.project import COQPROJECT, CoqProject, find_upwards, load_project
from leansharp_tools.errors import LeanSharpError


def is_dune(directory: Path) -> bool:
    """A `dune-project` there and a `dune` file under it declaring a Coq theory."""
    return (directory / DUNE_PROJECT).is_file() and declares_theory(directory)


def find_root(start: Optional[Path] = None) -> Path:
    """The nearest folder at or above `start` (default: cwd) holding a `_CoqProject` or a
    dune project declaring a Coq theory; a one-line error when there is none."""
    here, _ = find_upwards(start, COQPROJECT)
    for d in [here, *here.parents]:
        if (d / COQPROJECT).is_file() or is_dune(d):
            return d
    raise LeanSharpError(
        f"{start if start is not None else Path.cwd()}: not a Coq project (no {COQPROJECT}, nor a {DUNE_PROJECT} "
        f"with a (coq.theory ...) stanza, here or in any parent directory); run inside a Coq project or pass "
        f"--project PATH (`leansharp init DIR` writes a {COQPROJECT} for a folder of .v files)"
    )


def open_root(root: Path) -> CoqProject:
    """The project at `root`: dune when it is a dune project, else its `_CoqProject`."""
    return load_dune_project(root) if is_dune(Path(root)) else load_project(root)
