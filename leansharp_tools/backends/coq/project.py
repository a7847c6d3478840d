"""Coq projects: find the root (the directory holding `_CoqProject`) and parse
`_CoqProject` into source files, load-path bindings and extra coqc arguments.

Pure functions (no prover calls); every failure is a one-line `LeanSharpError`.

    root = find_project_root(Path("some/dir"))        # walks up to _CoqProject
    proj = load_project(root)                         # -> CoqProject (a base.Project)
    proj.files                                        # [Path] in _CoqProject order
    proj.module_of(Path("LeanSharp/Filter/Mask.v"))   # "LeanSharp.Filter.Mask"
    proj.coqc_flags()                                 # ["-R", "LeanSharp", "LeanSharp", ...]
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, List, Optional, Tuple

from leansharp_tools.backends.base import AssumptionSite, Project, SiteKind
from leansharp_tools.errors import LeanSharpError

COQPROJECT = "_CoqProject"


def find_upwards(start: Optional[Path], marker: str) -> Tuple[Path, Optional[Path]]:
    """(`start` resolved to a directory, the nearest directory at or above it holding
    the file `marker` or None). `start` defaults to the cwd; a missing `start` is a
    one-line error."""
    start = Path(start) if start is not None else Path.cwd()
    if not start.exists():
        raise LeanSharpError(f"{start}: no such directory; pass --project PATH to a Coq project")
    here = start.resolve()
    if here.is_file():
        here = here.parent
    return here, next((d for d in [here, *here.parents] if (d / marker).is_file()), None)


def find_project_root(start: Optional[Path] = None) -> Path:
    """The nearest directory at or above `start` (default: cwd) containing `_CoqProject`."""
    _, root = find_upwards(start, COQPROJECT)
    if root is None:
        raise LeanSharpError(
            f"{start if start is not None else Path.cwd()}: not a Coq project (no {COQPROJECT} here or in any "
            f"parent directory); run inside a LeanSharp/Coq project or pass --project PATH "
            f"(create {COQPROJECT} with e.g. '-R . MyLib' and your .v files)"
        )
    return root


@dataclass
class Binding:
    """One load-path binding: `-R phys logical` (recursive) or `-Q phys logical`."""

    flag: str  # "-R" or "-Q"
    physical: str
    logical: str


@dataclass
class CoqProject(Project):
    project_file: ClassVar[str] = COQPROJECT
    compiled_suffix: ClassVar[str] = ".vo"

    bindings: List[Binding] = field(default_factory=list)
    includes: List[str] = field(default_factory=list)  # -I dirs (ML plugins)
    args: List[str] = field(default_factory=list)  # -arg values passed to coqc

    @property
    def name(self) -> str:
        """The logical root of the first -R/-Q binding ("LeanSharp" for `-R LeanSharp
        LeanSharp`), else the root directory's name."""
        logical = next((b.logical for b in self.bindings if b.logical.strip(".")), "")
        return logical.strip(".") or self.root.name

    @property
    def vfiles(self) -> List[Path]:
        """The .v files, in _CoqProject order (`files`)."""
        return self.files

    def module_of(self, source: Path) -> str:
        """The logical module name of a .v file (longest matching -R/-Q binding)."""
        rel = Path(source)
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

    def coqc_flags(self) -> List[str]:
        """Flags making the project's libraries loadable (paths relative to `root`)."""
        flags: List[str] = []
        for i in self.includes:
            flags += ["-I", i]
        for b in self.bindings:
            flags += [b.flag, b.physical, b.logical]
        return flags + list(self.args)


def _tokens(text: str, path: Path) -> List[Tuple[str, int]]:
    tokens: List[Tuple[str, int]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        try:
            toks = shlex.split(line.split("#", 1)[0])
        except ValueError as err:
            raise LeanSharpError(f"{path}:{lineno}: cannot parse ({err}); fix the quoting on that line") from None
        tokens += [(t, lineno) for t in toks]
    return tokens


def load_project(root: Path) -> CoqProject:
    """Parse `root/_CoqProject` (coq_makefile syntax: flags, .v files, # comments)."""
    path = Path(root) / COQPROJECT
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise LeanSharpError(
            f"{path}: cannot read ({err.strerror}); create it (e.g. '-R . MyLib' and your .v files)") from None
    proj = CoqProject(root=Path(root).resolve())
    tokens = _tokens(text, path)
    i = 0
    while i < len(tokens):
        tok, lineno = tokens[i]
        arity = {"-R": 2, "-Q": 2, "-I": 1, "-arg": 1, "-docroot": 1, "-o": 1, "-install": 1, "-f": 1,
                 "-generate-meta-for-package": 1}.get(tok, 0)
        if i + arity >= len(tokens):
            raise LeanSharpError(f"{path}:{lineno}: '{tok}' needs {arity} argument(s)")
        argv = [t for t, _ in tokens[i + 1 : i + 1 + arity]]
        if tok in ("-R", "-Q"):
            proj.bindings.append(Binding(tok, argv[0], argv[1]))
        elif tok == "-I":
            proj.includes.append(argv[0])
        elif tok == "-arg":
            proj.args += shlex.split(argv[0])
        elif tok.endswith(".v"):
            proj.files.append(Path(tok))
        # other coq_makefile flags / .ml / .mlg / .mllib files: not ours
        i += 1 + arity
    if not proj.files:
        raise LeanSharpError(f"{path}: lists no .v files; add one .v path per line")
    return proj


#: coqc options that change the logic every file is checked in
LOGIC_FLAGS = {
    "-type-in-type": "universe checking is off in every file (-type-in-type)",
    "-impredicative-set": "Set is impredicative in every file (-impredicative-set): inconsistent with the "
                          "standard classical axioms",
    "-coqlib": "the standard library is replaced (-coqlib)",
    "-noinit": "the prelude is not loaded (-noinit): the standard axioms cannot be checked",
    "-nois": "the prelude is not loaded (-nois): the standard axioms cannot be checked",
}


def project_flags(proj: CoqProject) -> List[AssumptionSite]:
    """The `_CoqProject` options that assume something for the whole project: coqc
    flags that change the logic, a load path claiming Coq's own `Coq` prefix."""
    path = proj.root / COQPROJECT
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    tokens = _tokens(text, path)
    sites: List[AssumptionSite] = []
    for i, (tok, lineno) in enumerate(tokens):
        args = shlex.split(tokens[i + 1][0]) if tok == "-arg" and i + 1 < len(tokens) else []
        for a in args:
            if a in LOGIC_FLAGS:
                sites.append(AssumptionSite(COQPROJECT, lineno, SiteKind.PROJECT_FLAG, f"-arg {a}: {LOGIC_FLAGS[a]}"))
        if tok in ("-R", "-Q") and i + 2 < len(tokens):
            logical = tokens[i + 2][0]
            if logical == "Coq" or logical.startswith("Coq."):
                sites.append(AssumptionSite(COQPROJECT, lineno, SiteKind.PROJECT_FLAG,
                                            f"{tok} {tokens[i + 1][0]} {logical}: the project claims Coq's own "
                                            f"library prefix"))
    return sites
