"""What a Coq project loads: its `Require` sentences, resolved against the modules it
has and the ones installed, without running Coq. Used by `leansharp init` (the files
of a folder in dependency order) and by `leansharp doctor` without a toolchain.toml
(is every library the project imports installed?).

    reqs = requires(text)                       # [Require(prefix, name, line)] of one .v file
    mods = installed_modules(coq_where)         # dotted names of every installed .vo (Coq.*, user-contrib)
    resolve(req, mods)                          # the module it loads, or None
    dependency_order(files, module_of, texts)   # files sorted so that each comes after what it requires
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Set

from leansharp_tools.backends.coq.scan import blank_comments
from leansharp_tools.errors import LeanSharpError

_SENTENCE_RE = re.compile(r"\S.*?\.(?=\s|$)", re.S)  # a sentence ends at a dot before blank space
_REQUIRE_RE = re.compile(r"^(?:From\s+([\w.']+)\s+)?Require\s+(?:(?:Import|Export)\s+)?(.*)\.$", re.S)
_IDENT_RE = re.compile(r"[A-Za-z_][\w']*(?:\.[A-Za-z_][\w']*)*")


@dataclass(frozen=True)
class Require:
    prefix: str  # the `From` prefix ("" without one)
    name: str  # one name of the sentence (dotted, maybe partial)
    line: int

    @property
    def root(self) -> str:
        """The logical root the library comes from (its first component)."""
        return (self.prefix or self.name).split(".", 1)[0]

    def __str__(self) -> str:
        return f"From {self.prefix} Require {self.name}" if self.prefix else f"Require {self.name}"


def requires(text: str) -> List[Require]:
    """Every module a .v file's `Require` sentences name (comments and strings ignored)."""
    clean = blank_comments(text)
    out: List[Require] = []
    for s in _SENTENCE_RE.finditer(clean):
        m = _REQUIRE_RE.match(s.group(0))
        if not m:
            continue
        line = clean.count("\n", 0, s.start()) + 1
        body = re.sub(r"\(\s*(?:ascii|notations)?\s*\)|-", " ", m.group(2))  # `Require Import -(notations) A`
        out += [Require(m.group(1) or "", name, line) for name in _IDENT_RE.findall(body)]
    return out


def modules_under(root: Path, prefix: str) -> Iterable[str]:
    """The dotted module names of the .vo files under `root`, each prefixed by `prefix`."""
    for dirpath, _dirs, files in os.walk(root):
        rel = Path(dirpath).relative_to(root).parts
        for f in files:
            if f.endswith(".vo"):
                yield ".".join([p for p in (prefix,) if p] + list(rel) + [f[:-3]])


def installed_modules(where: Optional[Path]) -> Set[str]:
    """Coq's own modules (`Coq.*`, from `theories`) and every library under `user-contrib`
    and COQPATH."""
    out: Set[str] = set()
    roots = [(where / "theories", "Coq"), (where / "user-contrib", "")] if where else []
    roots += [(Path(p), "") for p in os.environ.get("COQPATH", "").split(os.pathsep) if p]
    for root, prefix in roots:
        if root.is_dir():
            out.update(modules_under(root, prefix))
    return out


def resolve(req: Require, modules: Iterable[str]) -> Optional[str]:
    """The module `req` loads among `modules` (Coq's rule: the name is a suffix of the full
    name, under the `From` prefix when there is one), None when there is none; among
    several, Coq's own first, then the shortest name."""
    hits = []
    for m in modules:
        if req.prefix:
            if m.startswith(req.prefix + ".") and (m == f"{req.prefix}.{req.name}" or m.endswith("." + req.name)):
                hits.append(m)
        elif m == req.name or m.endswith("." + req.name):
            hits.append(m)
    return min(hits, key=lambda m: (not m.startswith("Coq."), len(m), m)) if hits else None


def dependency_order(files: Sequence[Path], module_of: Callable[[Path], str],
                     texts: Mapping[Path, str]) -> List[Path]:
    """`files` so that each comes after the files it requires (ties: path order); a
    cycle is a one-line error naming the files on it."""
    mods = {module_of(f): f for f in files}
    deps: Dict[Path, Set[Path]] = {}
    for f in files:
        deps[f] = set()
        for r in requires(texts[f]):
            hit = resolve(r, mods)
            if hit is not None and mods[hit] != f:
                deps[f].add(mods[hit])
    out: List[Path] = []
    done: Set[Path] = set()
    todo = sorted(files, key=lambda p: p.as_posix())
    while todo:
        ready = [f for f in todo if deps[f] <= done]
        if not ready:
            raise LeanSharpError(f"the files require each other in a cycle: {', '.join(f.as_posix() for f in todo)}")
        out += ready
        done.update(ready)
        todo = [f for f in todo if f not in done]
    return out


def project_checks(root: Path, bindings: Sequence[Any], files: Sequence[Path], where: Optional[Path],
                   library_fix: Callable[[str], str]) -> List[Dict[str, Any]]:
    """`leansharp doctor` without a toolchain.toml: each -R/-Q folder exists, and each
    library the project's files `Require` is its own or installed (one check per logical
    root; a missing one names the first file:line requiring it and the fix)."""
    checks: List[Dict[str, Any]] = []
    for b in bindings:
        ok = (Path(root) / b.physical).is_dir()
        checks.append({"check": f"{b.flag} {b.physical} {b.logical}", "wanted": "a folder",
                       "installed": "yes" if ok else None, "ok": ok,
                       "fix": f"create {b.physical} or correct the line in _CoqProject"})
    own = {".".join([p for p in b.logical.split(".") if p] + list(Path(f).with_suffix("").parts[
        len(Path(b.physical).parts) if b.physical not in ("", ".") else 0:]))
        for f in files for b in bindings
        if b.physical in ("", ".") or Path(f).parts[:len(Path(b.physical).parts)] == Path(b.physical).parts}
    installed = installed_modules(where)
    found: Dict[str, bool] = {}
    first: Dict[str, str] = {}
    for f in files:
        try:
            text = (Path(root) / f).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for r in requires(text):
            if resolve(r, own):
                continue
            hit = resolve(r, installed)
            key = hit.split(".", 1)[0] if hit else r.root
            found[key] = found.get(key, False) or hit is not None
            first.setdefault(key, f"{Path(f).as_posix()}:{r.line}: {r}")
    for key in sorted(found):
        checks.append({"check": f"coq library {key}", "wanted": "loadable",
                       "installed": "yes" if found[key] else None, "ok": found[key],
                       "fix": f"{library_fix(key)}  (needed by {first[key]})"})
    return checks
