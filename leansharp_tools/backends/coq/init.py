"""`leansharp init [DIR]`: a `_CoqProject` for a folder of .v files.

    path, logical, files = write_coq_project(folder, force=False)

The logical name comes from the folder's name (made a Coq identifier: `my-lib` ->
`my_lib`); the project is `-R . <name>` and every .v file under the folder (hidden
folders and build output skipped), each after the files it requires (`requires.py`).
Errors are one line: not a folder, no .v file, a `_CoqProject` already there (without
force), a file or folder name that is not a Coq identifier, files requiring each other.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import List, Tuple

from leansharp_tools.backends.coq.requires import dependency_order
from leansharp_tools.errors import LeanSharpError

PROJECT_FILE = "_CoqProject"
_IDENT = re.compile(r"^[A-Za-z_][\w']*$")
_SKIP = {"_build", "_opam", "node_modules"}


def logical_name(folder: Path) -> str:
    """The folder's name as a Coq identifier."""
    name = re.sub(r"[^\w']", "_", folder.resolve().name) or "Project"
    return name if _IDENT.match(name) else f"P{name}"


def source_files(folder: Path) -> List[Path]:
    """The .v files under `folder` (relative), hidden folders and build output skipped."""
    out = []
    for p in sorted(folder.rglob("*.v")):
        rel = p.relative_to(folder)
        if any(part.startswith(".") or part in _SKIP for part in rel.parts[:-1]):
            continue
        bad = next((part for part in [*rel.parts[:-1], rel.stem] if not _IDENT.match(part)), None)
        if bad is not None:
            raise LeanSharpError(f"{rel}: '{bad}' is not a Coq identifier, so the file cannot be a module; "
                                 f"rename it (letters, digits, _ and ')")
        out.append(rel)
    return out


def write_coq_project(folder: Path, force: bool = False) -> Tuple[Path, str, List[Path]]:
    folder = Path(folder)
    if not folder.is_dir():
        raise LeanSharpError(f"{folder}: not a folder")
    target = folder / PROJECT_FILE
    if target.exists() and not force:
        raise LeanSharpError(f"{target}: already exists; pass --force to overwrite it")
    files = source_files(folder)
    if not files:
        raise LeanSharpError(f"{folder}: no .v file under it")
    logical = logical_name(folder)
    texts = {f: (folder / f).read_text(encoding="utf-8", errors="replace") for f in files}
    ordered = dependency_order(files, lambda f: ".".join([logical, *f.parts[:-1], f.stem]), texts)
    try:
        target.write_text(f"-R . {logical}\n" + "".join(f"{f.as_posix()}\n" for f in ordered), encoding="utf-8")
    except OSError as err:
        raise LeanSharpError(f"{target}: cannot write ({err.strerror})") from None
    return target, logical, ordered
