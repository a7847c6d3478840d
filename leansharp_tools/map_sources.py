"""The Coq side of the map: the project's .v files and their named declarations
(file:line, kind, a textual `Admitted.` hint), found with `leansharp_tools.scan`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Tuple

from leansharp_tools.errors import LeanSharpError
from leansharp_tools.map_model import Location, ProjectLike
from leansharp_tools.scan import THEOREM_KINDS, blank_comments, scan_source


_PROOF_END_RE = re.compile(r"\b(Qed|Defined|Admitted|Abort)\s*\.")


def project_root(project: ProjectLike) -> Path:
    root = Path(project if isinstance(project, (str, Path)) else project.root).resolve()
    if not root.is_dir():
        raise LeanSharpError(f"{root}: no such directory; pass --project PATH to a LeanSharp project")
    return root


def _vfiles(root: Path, project: ProjectLike) -> List[Tuple[Path, str]]:
    """(.v file relative to root, logical module) for the project's sources.

    Uses `_CoqProject` (via `leansharp_tools.project`) when present, else every .v file
    under root with its dotted path as module name.
    """
    proj = None if isinstance(project, (str, Path)) else project
    if proj is not None and not (hasattr(proj, "vfiles") and hasattr(proj, "module_of")):
        proj = None
    if proj is None and (root / "_CoqProject").is_file():
        try:
            from leansharp_tools.project import load_project

            proj = load_project(root)
        except (ImportError, LeanSharpError):
            proj = None
    if proj is not None:
        return [(Path(f), proj.module_of(Path(f))) for f in proj.vfiles]
    out = []
    for f in sorted(root.rglob("*.v")):
        rel = f.relative_to(root)
        if any(p.startswith(".") or p == "_build" for p in rel.parts):
            continue
        out.append((rel, ".".join(rel.with_suffix("").parts)))
    return out


def scan_file(path: Path, module: str, rel: str) -> Dict[str, Location]:
    """Declarations of one .v file: {qualified name: Location}, found with the same
    scanner as `leansharp status` (`leansharp_tools.scan`: comments/strings blanked,
    `Module` names qualify, `Section`s do not). A Theorem-like declaration is marked
    admitted when the first proof terminator before the next declaration is
    `Admitted.`/`Abort.` (a textual hint; the prover's verdict comes from `status`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise LeanSharpError(f"{path}: cannot read as UTF-8 text ({err}); fix or re-encode the file")
    decls = scan_source(text, module, rel)
    lines = blank_comments(text, rel).splitlines()
    starts = sorted({d.line for d in decls})
    found: Dict[str, Location] = {}
    for d in decls:
        admitted = False
        if d.kind in THEOREM_KINDS:
            nxt = next((ln for ln in starts if ln > d.line), len(lines) + 1)
            body = "\n".join(lines[d.line - 1 : nxt - 1])
            end = _PROOF_END_RE.search(body)
            admitted = bool(end and end.group(1) in ("Admitted", "Abort"))
        found.setdefault(d.name, Location(rel, d.line, d.kind, admitted))
    return found


def scan_declarations(project: ProjectLike) -> Dict[str, Location]:
    """Every named declaration of the project's .v files: {fully qualified name: Location}."""
    root = project_root(project)
    out: Dict[str, Location] = {}
    for rel, module in _vfiles(root, project):
        if not (root / rel).is_file():
            continue  # listed in _CoqProject but absent: `leansharp build` reports it
        for name, loc in scan_file(root / rel, module, rel.as_posix()).items():
            out.setdefault(name, loc)
    return out
