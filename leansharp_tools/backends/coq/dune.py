"""dune Coq projects: a `dune-project` at the root and `dune` files declaring
`(coq.theory (name N) ...)`, built by `dune build` into `_build/default/`.

    proj = load_dune_project(root)      # -> DuneProject (a CoqProject)
    proj.files                          # the theories' .v files, in dependency order
    proj.compiled(Path("theories/A.v")) # root/_build/default/theories/A.vo
    proj.coqc_flags()                   # ["-Q", "theories", "N", "-R", "_build/default/theories", "N"]

Each theory is a binding `-R <its directory> <its name>` (as dune itself passes it to
coqc, run in `_build/default`); module names come from the sources' directories and
coqc/coqtop/coq-dpdgraph load the compiled files from `_build/default`. The `dune`
files are found by walking the tree without `_build`, `_opam` and hidden folders. A theory's
files: the .v files of its directory (and of its subdirectories with
`(include_subdirs qualified)`), restricted by its `(modules ...)` field. Pure functions
(no prover calls); every failure is a one-line `LeanSharpError`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Dict, List, Optional, Union

from leansharp_tools.backends.base import AssumptionSite, SiteKind
from leansharp_tools.backends.coq.project import Binding, CoqProject
from leansharp_tools.backends.coq.requires import dependency_order
from leansharp_tools.errors import LeanSharpError

DUNE_PROJECT = "dune-project"
BUILD_DIR = Path("_build") / "default"
_SKIP = {"_build", "_opam", "node_modules"}
_TOKEN = re.compile(r'\s+|;[^\n]*|"(?:[^"\\]|\\.)*"|[()]|[^\s()";]+')


@dataclass
class Sexp:
    """A parsed s-expression list with the line where it opens."""

    items: List[Union["Sexp", str]]
    line: int

    def head(self) -> str:
        return self.items[0] if self.items and isinstance(self.items[0], str) else ""

    def field(self, name: str) -> Optional["Sexp"]:
        return next((x for x in self.items if isinstance(x, Sexp) and x.head() == name), None)

    def atoms(self) -> List[str]:
        """The atoms after the head, nested lists (e.g. `(:include f)`) skipped."""
        return [x for x in self.items[1:] if isinstance(x, str)]

    def flat(self) -> List[str]:
        """Every atom after the head, nested lists (`(:standard -w -all)`) included."""
        return [a for x in self.items[1:] for a in ([x] if isinstance(x, str) else x.flat_all())]

    def flat_all(self) -> List[str]:
        return [a for x in self.items for a in ([x] if isinstance(x, str) else x.flat_all())]


def parse_sexps(text: str, path: str) -> List[Sexp]:
    """The top-level lists of a dune file (atoms at top level ignored)."""
    stack: List[Sexp] = [Sexp([], 0)]
    line = 1
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise LeanSharpError(f"{path}:{line}: cannot parse the dune file near {text[pos:pos + 10]!r}")
        tok = m.group(0)
        if tok == "(":
            stack.append(Sexp([], line))
        elif tok == ")":
            if len(stack) == 1:
                raise LeanSharpError(f"{path}:{line}: unbalanced ')' in the dune file")
            done = stack.pop()
            stack[-1].items.append(done)
        elif not tok[0].isspace() and tok[0] != ";":
            stack[-1].items.append(tok[1:-1] if tok.startswith('"') else tok)
        line += tok.count("\n")
        pos = m.end()
    if len(stack) != 1:
        raise LeanSharpError(f"{path}:{stack[-1].line}: '(' never closed in the dune file")
    return [x for x in stack[0].items if isinstance(x, Sexp)]


@dataclass
class Theory:
    """One `(coq.theory ...)` stanza: its name, its directory (relative to the root),
    the dune file declaring it and the stanza's line."""

    name: str
    directory: Path
    dune_file: Path
    line: int
    stanza: Sexp

    def files(self, root: Path) -> List[Path]:
        """The .v files of the theory (relative to `root`), sorted by path."""
        base = root / self.directory
        subdirs = self._include_subdirs(root)
        found = sorted(base.rglob("*.v") if subdirs else base.glob("*.v"))
        out = []
        for p in found:
            rel = p.relative_to(base)
            if any(part.startswith(".") or part in _SKIP for part in rel.parts[:-1]):
                continue
            out.append(p.relative_to(root))
        modules = self.stanza.field("modules")
        if modules is None:
            return out
        atoms = modules.atoms()
        if ":standard" in atoms:
            cut = atoms.index("\\") if "\\" in atoms else len(atoms)
            removed = set(atoms[cut + 1:])
            return [f for f in out if ".".join(f.relative_to(self.directory).with_suffix("").parts) not in removed]
        wanted = set(atoms)
        return [f for f in out if ".".join(f.relative_to(self.directory).with_suffix("").parts) in wanted]

    def _include_subdirs(self, root: Path) -> bool:
        try:
            stanzas = parse_sexps((root / self.dune_file).read_text(encoding="utf-8"), str(self.dune_file))
        except OSError:
            return False
        inc = next((s for s in stanzas if s.head() == "include_subdirs"), None)
        return inc is not None and inc.atoms()[:1] in (["qualified"], ["unqualified"])


def dune_files(root: Path) -> List[Path]:
    """The `dune` files under `root` (relative, sorted), build output and hidden folders
    not entered."""
    out = []
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP)
        if "dune" in files:
            out.append((Path(dirpath) / "dune").relative_to(root))
    return sorted(out)


def find_theories(root: Path) -> List[Theory]:
    """Every `(coq.theory ...)` stanza of the `dune` files under `root` (build output
    and hidden folders skipped), by directory."""
    theories: List[Theory] = []
    for rel in dune_files(root):
        try:
            text = (root / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise LeanSharpError(f"{rel}: cannot read ({err}); fix the dune file") from None
        for s in parse_sexps(text, str(rel)):
            if s.head() != "coq.theory":
                continue
            name = s.field("name")
            if name is None or not name.atoms():
                raise LeanSharpError(f"{rel}:{s.line}: (coq.theory ...) without (name ...); "
                                     f"add (name MyTheory) to the stanza")
            theories.append(Theory(name.atoms()[0], rel.parent, rel, s.line, s))
    return theories


def declares_theory(root: Path) -> bool:
    """Whether a dune file under `root` declares a Coq theory (cheap text check)."""
    for rel in dune_files(root):
        try:
            if "coq.theory" in (root / rel).read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            continue
    return False


@dataclass
class DuneProject(CoqProject):
    project_file: ClassVar[str] = DUNE_PROJECT

    theories: List[Theory] = field(default_factory=list)

    def compiled(self, source: Path) -> Path:
        """`_build/default/<source>.vo`: where dune puts the compiled file."""
        rel = Path(source)
        if rel.is_absolute():
            rel = rel.resolve().relative_to(self.root)
        return (self.root / BUILD_DIR / rel).with_suffix(self.compiled_suffix)

    def coqc_flags(self) -> List[str]:
        """`-Q <dir> <name> -R _build/default/<dir> <name>` per theory (paths relative to
        `root`): the compiled files load from `_build/default`, and a source given to
        coqc/coqtop (`-topfile theories/A.v`) gets its module name from its own folder
        (`-Q`: a theory at the root does not make `_build`'s copies short names)."""
        flags: List[str] = []
        for b in self.bindings:
            flags += ["-Q", b.physical, b.logical, b.flag, (BUILD_DIR / b.physical).as_posix(), b.logical]
        return flags


def load_dune_project(root: Path) -> DuneProject:
    """The theories of the dune project at `root` and their .v files (dependency order)."""
    root = Path(root).resolve()
    theories = find_theories(root)
    if not theories:
        raise LeanSharpError(f"{root / DUNE_PROJECT}: no dune file under it declares (coq.theory ...); "
                             f"add one, e.g. (coq.theory (name MyLib)) in the folder of your .v files")
    seen: Dict[Path, Theory] = {}
    for t in theories:
        if t.directory in seen:
            raise LeanSharpError(f"{t.dune_file}:{t.line}: a second (coq.theory ...) in the same folder; "
                                 f"keep one per folder")
        seen[t.directory] = t
    proj = DuneProject(root=root, theories=theories)
    proj.bindings = [Binding("-R", t.directory.as_posix() if t.directory.parts else ".", t.name) for t in theories]
    files: List[Path] = []
    for t in theories:
        files += [f for f in t.files(root) if f not in files]
    if not files:
        raise LeanSharpError(f"{theories[0].dune_file}:{theories[0].line}: the theory {theories[0].name} has no "
                             f".v file; add your .v files next to this dune file")
    texts = {f: (root / f).read_text(encoding="utf-8", errors="replace") for f in files}
    proj.files = dependency_order(files, proj.module_of, texts)
    return proj


def dune_flags(proj: DuneProject, logic_flags: Dict[str, str]) -> List[AssumptionSite]:
    """The theories' options that assume something for the whole theory: coqc flags
    that change the logic, a theory claiming Coq's own `Coq` prefix."""
    sites: List[AssumptionSite] = []
    for t in proj.theories:
        where = t.dune_file.as_posix()
        flags = t.stanza.field("flags")
        for a in flags.flat() if flags is not None else []:
            if a in logic_flags:
                sites.append(AssumptionSite(where, flags.line if flags else t.line, SiteKind.PROJECT_FLAG,
                                            f"(flags {a}): {logic_flags[a]}"))
        if t.name == "Coq" or t.name.startswith("Coq."):
            sites.append(AssumptionSite(where, t.line, SiteKind.PROJECT_FLAG,
                                        f"(coq.theory (name {t.name})): the project claims Coq's own library prefix"))
    return sites
