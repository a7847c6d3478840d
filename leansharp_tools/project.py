"""Moved: `_CoqProject` parsing is `leansharp_tools.backends.coq.project`, the prover-neutral
project is `leansharp_tools.backends.base.Project` (`proj.require_built(files)`).

Only re-exports, for `leansharp_tools/extract/toolkit.py` until it imports from
`backends.coq.project`; delete this module then.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

from leansharp_tools.backends.coq.project import COQPROJECT, CoqProject, find_project_root, load_project

__all__ = ["COQPROJECT", "CoqProject", "find_project_root", "load_project", "require_built"]


def require_built(proj: CoqProject, files: Optional[Sequence[Path]] = None) -> None:
    proj.require_built(files)
