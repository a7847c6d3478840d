"""The ONE place where `extract` and `dojo` import the rest of the toolkit.

    LeanSharpError                 the one-line CLI error
    CoqProject, open_project(p)    `_CoqProject` parsing (`p`: None, a path, or a CoqProject);
                                   `proj.require_built(files)`: "run leansharp build first"
                                   when a .vo is missing or stale
    select_modules(proj, names)    the .v files of `--module` names (`leansharp status`'s rule)
    statuses(root, modules)        ({full name: status} from `leansharp status`, error or None)
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional, Sequence, Tuple, Union

from leansharp_tools.backends.coq.discover import find_root, open_root
from leansharp_tools.backends.coq.project import CoqProject
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.status import collect_status, select_modules

__all__ = ["LeanSharpError", "CoqProject", "open_project", "select_modules", "statuses"]


def open_project(project: Union[None, str, Path, CoqProject]) -> CoqProject:
    """`--project PATH` (any path inside the project; default: cwd) -> parsed project."""
    if isinstance(project, CoqProject):
        return project
    return open_root(find_root(Path(project) if project is not None else None))


def statuses(root: Path, modules: Optional[Sequence[str]] = None) -> Tuple[Dict[str, str], Optional[str]]:
    """The status `leansharp status` gives each declaration, and why there is none
    (the dataset is still written without statuses when the status report fails)."""
    try:
        report = collect_status(str(root), modules=list(modules) if modules else None, with_roadmap=False)
    except Exception as err:  # noqa: BLE001 - any failure only costs the status field
        return {}, f"{type(err).__name__}: {err}"
    return {d.name: str(getattr(d.status, "value", d.status)) for d in report.declarations}, None
