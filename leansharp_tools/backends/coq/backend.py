"""`CoqBackend`: the `Backend` protocol for Coq. Every coqc run of the toolkit starts
here: `coqc --version`/`-where`, `Print Assumptions`, `About` (statements) and
coq-dpdgraph in generated files (compiled with the project's -R/-Q flags), and the
build (`build.py`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from leansharp_tools.backends.base import (
    AssumptionSite,
    Audit,
    BuildResult,
    Declaration,
    DependencyGraph,
    Project,
    Recheck,
    SourceScan,
)
from leansharp_tools.backends.coq import axioms, packages
from leansharp_tools.backends.coq import build as coq_build
from leansharp_tools.backends.coq.audit import Auditor, Environment
from leansharp_tools.backends.coq.discover import find_root, open_root
from leansharp_tools.backends.coq.dpd import dpd_graph
from leansharp_tools.backends.coq.dune import DuneProject, dune_flags
from leansharp_tools.backends.coq.errors import first_error, parse_coq_errors
from leansharp_tools.backends.coq.project import LOGIC_FLAGS, CoqProject, project_flags
from leansharp_tools.backends.coq.recheck import run_coqchk
from leansharp_tools.backends.coq.requires import project_checks
from leansharp_tools.backends.coq.scan import scan_file
from leansharp_tools.backends.coq.statements import Block, header_directives, parse_statements, statements_script
from leansharp_tools.config import load_config
from leansharp_tools.errors import LeanSharpError


def _coq(proj: Project) -> CoqProject:
    if not isinstance(proj, CoqProject):
        raise TypeError(f"the Coq backend needs a CoqProject, not {type(proj).__name__}")
    return proj


class CoqBackend:
    name = "coq"
    label = "Coq"

    def __init__(self, coqc: str = "coqc", timeout: float = 1800.0) -> None:
        self.command = coqc
        self.timeout = timeout

    # -- installation
    def require_installed(self) -> None:
        if shutil.which(self.command) is None:
            raise LeanSharpError(f"coqc not found on PATH; {packages.COQ_INSTALL_FIX}")

    def _ask(self, flag: str) -> Optional[str]:
        if shutil.which(self.command) is None:
            return None
        try:
            return subprocess.run([self.command, flag], capture_output=True, text=True, timeout=60).stdout
        except (OSError, subprocess.SubprocessError):
            return None

    def version(self) -> Optional[str]:
        m = re.search(r"version (\S+)", self._ask("--version") or "")
        return m.group(1) if m else None

    def where(self) -> Optional[Path]:
        out = (self._ask("-where") or "").strip()
        return Path(out) if out else None

    def library_loadable(self, logical_root: str) -> bool:
        """A library root is loadable when `user-contrib/<root>` (or a COQPATH entry)
        holds compiled .vo files."""
        dirs = []
        w = self.where()
        if w:
            dirs.append(w / "user-contrib" / logical_root)
        dirs += [Path(p) / logical_root for p in os.environ.get("COQPATH", "").split(os.pathsep) if p]
        return any(d.is_dir() and next(d.rglob("*.vo"), None) is not None for d in dirs)

    def prover_fix(self, wanted: str, found: Optional[str]) -> str:
        return packages.prover_fix(wanted, found)

    def library_fix(self, logical_root: str) -> str:
        return packages.library_fix(logical_root)

    def project_checks(self, proj: Project) -> List[Dict[str, Any]]:
        """What the project's build needs, read from its sources (doctor without a
        toolchain.toml): `requires.project_checks`."""
        p = _coq(proj)
        checks = project_checks(p.root, p.bindings, p.files, self.where(), self.library_fix)
        if isinstance(p, DuneProject):  # the build tool of a dune project
            dune = coq_build.dune_version()
            checks.insert(0, {"check": "build tool dune", "wanted": "any", "installed": dune, "ok": dune is not None,
                              "fix": "apt-get install -y ocaml-dune"})
        return checks

    # -- projects and sources
    def find_root(self, start: Optional[Path] = None) -> Path:
        return find_root(start)

    def open_project(self, start: Optional[Path] = None) -> CoqProject:
        return open_root(find_root(start))

    def load_project(self, root: Path) -> CoqProject:
        return open_root(root)

    def _read(self, proj: Project, source: Path) -> str:
        path = proj.root / source
        try:
            return path.read_text(encoding="utf-8")
        except OSError as err:
            raise LeanSharpError(f"{path}: cannot read ({err.strerror})") from None
        except UnicodeDecodeError:
            raise LeanSharpError(f"{path}: not valid UTF-8; re-encode the file as UTF-8") from None

    def declarations(self, proj: Project, source: Path) -> List[Declaration]:
        return self.scan(proj, source).declarations

    # -- build
    def build_plan(self, proj: Project) -> Optional[List[str]]:
        return coq_build.build_plan(_coq(proj))

    def started_file(self, line: str) -> Optional[str]:
        return coq_build.started_file(line)

    def build(self, proj: Project, jobs: int, on_line: Callable[[str], None]) -> BuildResult:
        self.require_installed()
        return coq_build.build(_coq(proj), jobs, on_line)

    # -- coqc on given files and on generated ones
    def run_coqc(self, proj: Project, args: Sequence[str], what: str) -> subprocess.CompletedProcess:
        """coqc with the project's load path (warnings off, cwd: the project root) on
        `args`; a timeout or a coqc that cannot run is a one-line error naming `what`."""
        self.require_installed()
        cmd = [self.command, *_coq(proj).coqc_flags(), "-w", "-all", *args]
        try:
            return subprocess.run(cmd, cwd=proj.root, capture_output=True, text=True,
                                  timeout=self.timeout, errors="replace")
        except subprocess.TimeoutExpired:
            raise LeanSharpError(f"coqc timed out after {self.timeout:.0f}s on {what}") from None
        except OSError as err:
            raise LeanSharpError(f"cannot run coqc: {err.strerror}; {packages.COQ_INSTALL_FIX}") from None

    def run_generated(self, proj: Project, basename: str, source: str) -> subprocess.CompletedProcess:
        """coqc on `source` written to `<basename>.v` in a temporary directory."""
        with tempfile.TemporaryDirectory(prefix="leansharp-") as tmp:
            path = Path(tmp) / f"{basename}.v"
            path.write_text(source, encoding="utf-8")
            return self.run_coqc(proj, [str(path)], f"generated {basename}.v")

    # -- assumptions
    def standard_axioms(self) -> List[str]:
        return axioms.standard_names()

    def accepted(self, proj: Project) -> axioms.Accepted:
        """What the project's config accepts besides the standard axioms."""
        cfg = load_config(proj.root)
        return axioms.accepted_from([(a.name, a.statement, a.where) for a in cfg.axioms], cfg.primitives,
                                    cfg.source or "")

    def recheck(self, proj: Project, modules: Sequence[str],
                on_progress: Optional[Callable[[str, int, int], None]] = None) -> Recheck:
        """coqchk on the compiled modules (`recheck.py`), with the status gate's accepted set."""
        self.require_installed()
        return run_coqchk(_coq(proj), list(modules) or proj.modules(), self.accepted(proj), on_progress)

    def scan(self, proj: Project, source: Path) -> SourceScan:
        return scan_file(self._read(proj, source), proj.module_of(source), Path(source).as_posix())

    def project_sites(self, proj: Project) -> List[AssumptionSite]:
        p = _coq(proj)
        return dune_flags(p, LOGIC_FLAGS) if isinstance(p, DuneProject) else project_flags(p)

    def audit(self, proj: Project, asks: Mapping[str, Sequence[str]],
              on_step: Optional[Callable[[str], None]] = None) -> Audit:
        """See `audit.py`: one coqc run when every asked name rests on standard axioms
        only, two or three otherwise. Needs coq-dpdgraph (the dependency graph says
        which name rests on what)."""
        self.require_installed()
        if not self.library_loadable("dpdgraph"):
            raise LeanSharpError(f"leansharp status needs the dependency graph: {packages.DPDGRAPH_MISSING}")
        asks = {m: list(dict.fromkeys(ns)) for m, ns in asks.items()}  # a module without names may assume things
        if not asks:
            return Audit()
        fresh = set(proj.files) - set(proj.stale())
        graph_modules = [proj.module_of(f) for f in proj.files if f in fresh or proj.module_of(f) in asks]
        where = self.where()
        accepted = self.accepted(proj)
        auditor = Auditor(lambda base, src, outs: self._run_with_outputs(proj, base, src, outs),
                          Environment(graph_modules, accepted=accepted), proj.modules(),
                          where / "theories" if where else None, on_step, parallel=(os.cpu_count() or 1) > 1)
        result = auditor.audit(asks)
        result.environment = auditor.environment_problems
        return result

    def _run_with_outputs(self, proj: Project, basename: str, source: str,
                          outputs: Sequence[str]) -> Tuple[int, str, str, Dict[str, str]]:
        """coqc on generated `<basename>.v`; `outputs`: files it writes (relative names
        in its directory), returned with their text."""
        with tempfile.TemporaryDirectory(prefix="leansharp-") as tmp:
            for o in outputs:
                source = source.replace(f'"{o}"', f'"{Path(tmp) / o}"')
            path = Path(tmp) / f"{basename}.v"
            path.write_text(source, encoding="utf-8")
            r = self.run_coqc(proj, [str(path)], f"generated {basename}.v")
            files = {o: (Path(tmp) / o).read_text(encoding="utf-8", errors="replace")
                     for o in outputs if (Path(tmp) / o).exists()}
            return r.returncode, r.stdout, r.stderr, files

    # -- dependency graph
    def dependency_graph(self, proj: Project, modules: Sequence[str]) -> DependencyGraph:
        if not self.library_loadable("dpdgraph"):
            raise LeanSharpError(packages.DPDGRAPH_MISSING)
        with tempfile.TemporaryDirectory(prefix="leansharp-dpd-") as tmp:
            dpd = Path(tmp) / "graph.dpd"
            src = "\n".join([
                "Require dpdgraph.dpdgraph.",
                f"Require {' '.join(modules)}.",
                f'Set DependGraph File "{dpd}".',
                f"Print FileDependGraph {' '.join(modules)}.",
            ]) + "\n"
            r = self.run_generated(proj, "LSgraph", src)
            if r.returncode != 0 or not dpd.exists():
                raise LeanSharpError(f"coq-dpdgraph failed: {first_error(r.stdout, r.stderr)}")
            return dpd_graph(dpd.read_text(encoding="utf-8", errors="replace"), modules)

    def obligations(self, proj: Project, programs: Mapping[str, Sequence[str]]) -> Dict[str, List[str]]:
        """The `<name>_obligation_<N>` constants coq-dpdgraph finds in the modules (one coqc run)."""
        wanted = {n for ns in programs.values() for n in ns}
        if not wanted:
            return {}
        out: Dict[str, List[str]] = {n: [] for n in wanted}
        for node in self.dependency_graph(proj, list(programs)).nodes:
            m = re.match(r"^(.*)_obligation_(\d+)$", node.name)
            if m and m.group(1) in out and node.kind == "cnst":
                out[m.group(1)].append(node.name)
        return {n: sorted(ns, key=lambda x: int(x.rsplit("_", 1)[1])) for n, ns in out.items()}

    # -- statements
    def _blocks(self, proj: Project, batches: Mapping[str, Sequence[str]]) -> List[Block]:
        blocks = []
        for module, names in batches.items():
            todo = list(dict.fromkeys(names))
            if not todo:
                continue
            src = proj.source_of(module)
            directives: List[str] = []
            if src is not None:
                try:
                    directives = header_directives((proj.root / src).read_text(encoding="utf-8"), str(src))
                except (OSError, UnicodeDecodeError, LeanSharpError):
                    directives = []  # `status`/`build` report an unreadable source; print without its context
            blocks.append(Block(module, directives, todo))
        return blocks

    def statements(self, proj: Project, batches: Mapping[str, Sequence[str]]) -> Dict[str, str]:
        """`About` of every name in its module's printing context, one coqc run (see
        `statements.py`). When Coq rejects a sentence, the answers before it are kept and
        only the rest is asked again: a directive is moved after `Import <module>` (it may
        name the module's own submodule), and dropped if Coq rejects it there too."""
        blocks = self._blocks(proj, batches)
        out: Dict[str, str] = {}
        budget = sum(len(b.names) + 2 * len(b.directives) + 1 for b in blocks) + 1
        while blocks and budget > 0:
            budget -= 1
            src, where = statements_script(blocks)
            r = self.run_generated(proj, "LSstatements", src)
            parsed = parse_statements(r.stdout)
            flat = [(k, j, n) for k, b in enumerate(blocks) for j, n in enumerate(b.names)]
            errs = [] if r.returncode == 0 else [e for e in parse_coq_errors(r.stderr + "\n" + r.stdout)
                                                 if e.line in where]
            if r.returncode == 0:
                out.update({n: parsed[i] for i, (_k, _j, n) in enumerate(flat) if i in parsed})
                break
            if not errs:
                raise LeanSharpError(f"cannot print statements: {first_error(r.stdout, r.stderr)}; "
                                     f"run `leansharp build` first")
            kind, k, j = where[errs[0].line]
            stop = (k, j) if kind == "name" else (k, -1)
            out.update({n: parsed[i] for i, (kk, jj, n) in enumerate(flat) if (kk, jj) < stop and i in parsed})
            b = blocks[k]
            if kind == "require":
                raise LeanSharpError(f"{b.module}: cannot load the compiled module ({errs[0].message}); "
                                     f"run `leansharp build` first")
            if kind == "name":
                rest = Block(b.module, b.directives, b.names[j + 1:], b.import_module, b.late)
            elif kind == "directive":  # e.g. `Import Inner.` of its own submodule: after `Import <module>`
                late = b.late + [b.directives[j]] if b.import_module else b.late
                rest = Block(b.module, b.directives[:j] + b.directives[j + 1:], b.names, b.import_module, late)
            elif kind == "late":
                rest = Block(b.module, b.directives, b.names, b.import_module, b.late[:j] + b.late[j + 1:])
            else:  # the module itself cannot be imported: ask by full names without it
                rest = Block(b.module, b.directives, b.names, False, [])
            blocks = ([rest] if rest.names else []) + blocks[k + 1:]
        return out
