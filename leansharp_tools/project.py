"""Coq projects: find the root (the directory holding `_CoqProject`) and parse
`_CoqProject` into source files, load-path bindings and extra coqc arguments.

Pure functions (no prover calls); every failure is a one-line `LeanSharpError`.

    root = find_project_root(Path("some/dir"))        # walks up to _CoqProject
    proj = load_project(root)                         # -> CoqProject
    proj.vfiles                                       # [Path] in _CoqProject order
    proj.module_of(Path("LeanSharp/Core/Vec.v"))      # "LeanSharp.Core.Vec"
    proj.coqc_flags()                                 # ["-R", "LeanSharp", "LeanSharp", ...]
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Tuple

from leansharp_tools.errors import LeanSharpError

COQPROJECT = "_CoqProject"


def find_project_root(start: Optional[Path] = None) -> Path:
    """The nearest directory at or above `start` (default: cwd) containing `_CoqProject`."""
    start = Path(start) if start is not None else Path.cwd()
    if not start.exists():
        raise LeanSharpError(f"{start}: no such directory; pass --project PATH to a Coq project")
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for d in [here, *here.parents]:
        if (d / COQPROJECT).is_file():
            return d
    raise LeanSharpError(
        f"{start}: not a Coq project (no {COQPROJECT} here or in any parent directory); "
        f"run inside a LeanSharp/Coq project or pass --project PATH "
        f"(create {COQPROJECT} with e.g. '-R . MyLib' and your .v files)"
    )


@dataclass
class Binding:
    """One load-path binding: `-R phys logical` (recursive) or `-Q phys logical`."""

    flag: str  # "-R" or "-Q"
    physical: str
    logical: str


@dataclass
class CoqProject:
    root: Path
    vfiles: List[Path] = field(default_factory=list)  # relative to root, _CoqProject order
    bindings: List[Binding] = field(default_factory=list)
    includes: List[str] = field(default_factory=list)  # -I dirs (ML plugins)
    args: List[str] = field(default_factory=list)  # -arg values passed to coqc

    def module_of(self, vfile: Path) -> str:
        """The logical module name of a .v file (longest matching -R/-Q binding)."""
        rel = Path(vfile)
        if rel.is_absolute():
            rel = rel.resolve().relative_to(self.root.resolve())
        stem_parts = list(rel.with_suffix("").parts)
        best: Optional[Tuple[int, List[str]]] = None
        for b in self.bindings:
            phys = [p for p in Path(b.physical).parts if p != "."]
            if stem_parts[: len(phys)] == phys and len(stem_parts) > len(phys):
                logical = [p for p in b.logical.split(".") if p]
                name = logical + stem_parts[len(phys):]
                if best is None or len(phys) > best[0]:
                    best = (len(phys), name)
        if best is None:
            return stem_parts[-1]
        return ".".join(best[1])

    def modules(self) -> List[str]:
        return [self.module_of(f) for f in self.vfiles]

    def coqc_flags(self) -> List[str]:
        """Flags making the project's libraries loadable (paths relative to `root`)."""
        flags: List[str] = []
        for i in self.includes:
            flags += ["-I", i]
        for b in self.bindings:
            flags += [b.flag, b.physical, b.logical]
        return flags + list(self.args)


def load_project(root: Path) -> CoqProject:
    """Parse `root/_CoqProject` (coq_makefile syntax: flags, .v files, # comments)."""
    path = Path(root) / COQPROJECT
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise LeanSharpError(f"{path}: cannot read ({err.strerror}); create it (e.g. '-R . MyLib' and your .v files)")
    proj = CoqProject(root=Path(root).resolve())
    tokens: List[Tuple[str, int]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0]
        try:
            toks = shlex.split(line)
        except ValueError as err:
            raise LeanSharpError(f"{path}:{lineno}: cannot parse ({err}); fix the quoting on that line")
        tokens += [(t, lineno) for t in toks]
    i = 0
    while i < len(tokens):
        tok, lineno = tokens[i]

        def need(k: int) -> List[str]:
            if i + k >= len(tokens):
                raise LeanSharpError(f"{path}:{lineno}: '{tok}' needs {k} argument(s)")
            return [t for t, _ in tokens[i + 1 : i + 1 + k]]

        if tok in ("-R", "-Q"):
            phys, logical = need(2)
            proj.bindings.append(Binding(tok, phys, logical))
            i += 3
        elif tok == "-I":
            proj.includes.append(need(1)[0])
            i += 2
        elif tok == "-arg":
            proj.args += shlex.split(need(1)[0])
            i += 2
        elif tok.endswith(".v"):
            proj.vfiles.append(Path(tok))
            i += 1
        elif tok.startswith("-") and tok in ("-docroot", "-o", "-install", "-f", "-generate-meta-for-package"):
            i += 2
        else:
            i += 1  # other coq_makefile flags / .ml / .mlg / .mllib files: not ours
    if not proj.vfiles:
        raise LeanSharpError(f"{path}: lists no .v files; add one .v path per line")
    return proj


def resolve_project(project: Optional[Path]) -> CoqProject:
    """`--project PATH` (or cwd) -> parsed project."""
    return load_project(find_project_root(project))


def stale_vo_files(proj: CoqProject, files: Optional[List[Path]] = None) -> List[Path]:
    """.v files whose .vo is missing or older than the source (own file only;
    make handles transitive staleness)."""
    out = []
    for f in files if files is not None else proj.vfiles:
        v = proj.root / f
        vo = v.with_suffix(".vo")
        if not vo.exists() or (v.exists() and vo.stat().st_mtime < v.stat().st_mtime):
            out.append(f)
    return out


def require_built(proj: CoqProject, files: Optional[List[Path]] = None) -> None:
    """Raise the 'run leansharp build first' error when some .vo is missing or stale
    (of `files`, default: every .v file of the project)."""
    files = list(files) if files is not None else list(proj.vfiles)
    missing = [f for f in files if not (proj.root / f).exists()]
    if missing:
        raise LeanSharpError(f"{proj.root / missing[0]}: listed in _CoqProject but does not exist; remove it from _CoqProject or create it")
    stale = stale_vo_files(proj, files)
    if stale:
        more = f" (and {len(stale) - 1} more)" if len(stale) > 1 else ""
        raise LeanSharpError(
            f"{stale[0]}{more}: compiled .vo missing or older than the source; "
            f"run `leansharp build --project {proj.root}` first"
        )
