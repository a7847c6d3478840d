"""The Coq backend: every call to coqc / make / coq_makefile / dpdgraph lives here.

Parsing helpers are pure and tested on their own:
  * `parse_coq_errors(text)`  Coq's `File "./X.v", line L, characters A-B:` + `Error: ...`
                              blocks -> `ProverError(file, line, col, message)`
  * `parse_assumptions(text)` the output of a batch of `Print Assumptions` separated by
                              `@@LS <i>` markers -> {i: [Assumption]}
  * `is_standard_axiom(name)` the classical axioms the Reals/Coquelicot stack relies on
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

from leansharp_tools.backends.base import Assumption, AssumptionResult, BuildResult, ProverError
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.project import CoqProject

#: Axioms accepted as "standard classical": Coq 8.16's Reals rest on the first two
#: (`Print Assumptions` of any lemma using `Rle_dec` / `total_order_T` shows them),
#: the rest are the usual classical-logic / extensionality axioms of the standard
#: library that Coquelicot and mathcomp-analysis use. Names are matched by suffix
#: (Coq prints the shortest unambiguous qualified name).
STANDARD_AXIOMS = (
    "Coq.Reals.ClassicalDedekindReals.sig_forall_dec",
    "Coq.Reals.ClassicalDedekindReals.sig_not_dec",
    "Coq.Logic.FunctionalExtensionality.functional_extensionality_dep",
    "Coq.Logic.Classical_Prop.classic",
    "Coq.Logic.PropExtensionality.propositional_extensionality",
    "Coq.Logic.ClassicalEpsilon.constructive_indefinite_description",
    "Coq.Logic.ProofIrrelevance.proof_irrelevance",
    "Coq.Logic.Eqdep.Eq_rect_eq.eq_rect_eq",
    "Coq.Logic.ClassicalUniqueChoice.dependent_unique_choice",
    "Coq.Logic.IndefiniteDescription.constructive_indefinite_description",
)

COQ_INSTALL_FIX = "install Coq 8.16: apt-get install -y coq (then run `leansharp doctor`)"


def qualid_matches(printed: str, full: str) -> bool:
    """Whether a name as Coq printed it (shortest unambiguous suffix) denotes `full`."""
    return full == printed or full.endswith("." + printed)


def is_standard_axiom(name: str) -> bool:
    return any(qualid_matches(name, std) for std in STANDARD_AXIOMS)


# --------------------------------------------------------------------------- errors

_FILE_RE = re.compile(r'^File "(?P<file>[^"]+)", line (?P<line>\d+), characters (?P<a>\d+)-(?P<b>\d+):\s*$')
_STOP_RE = re.compile(r"^(File \"|make(\[\d+\])?: |COQC |COQDEP |\s*$|Warning:|\*\*\* )")


def parse_coq_errors(text: str) -> List[ProverError]:
    """Every `File ..., line L, characters A-B:` block followed by `Error:` in `text`.

    Warnings are skipped. Columns are 1-based (Coq's character offsets are 0-based).
    Errors without a location (e.g. a missing library) are reported against file "?".
    """
    lines = text.splitlines()
    errors: List[ProverError] = []
    i = 0
    while i < len(lines):
        m = _FILE_RE.match(lines[i])
        if m and i + 1 < len(lines) and lines[i + 1].startswith("Error"):
            msg_lines = [lines[i + 1][len("Error:"):].strip()]
            j = i + 2
            while j < len(lines) and not _STOP_RE.match(lines[j]):
                msg_lines.append(lines[j].strip())
                j += 1
            f = m.group("file")
            if f.startswith("./"):
                f = f[2:]
            message = " ".join(x for x in msg_lines if x)
            errors.append(ProverError(f, int(m.group("line")), int(m.group("a")) + 1, message))
            i = j
            continue
        if lines[i].startswith("Error:") and (i == 0 or not _FILE_RE.match(lines[i - 1])):
            msg_lines = [lines[i][len("Error:"):].strip()]
            j = i + 1
            while j < len(lines) and not _STOP_RE.match(lines[j]):
                msg_lines.append(lines[j].strip())
                j += 1
            errors.append(ProverError("?", 0, 0, " ".join(x for x in msg_lines if x)))
            i = j
            continue
        i += 1
    return errors


# ---------------------------------------------------------------------- assumptions

MARK = "@@LS"
_MARK_RE = re.compile(r"^@@LS (\d+)\s*$")
_UNSAFE = [
    (re.compile(r"^(\S+) is assumed to be guarded\.?$"), "unguarded"),
    (re.compile(r"^(\S+) is assumed to be positive\.?$"), "unpositive"),
    (re.compile(r"^(\S+) relies on an unsafe hierarchy\.?$"), "universe"),
]


def parse_assumptions(text: str) -> Dict[int, List[Assumption]]:
    """Split `@@LS i`-marked output of `Print Assumptions` into {i: assumptions}."""
    out: Dict[int, List[Assumption]] = {}
    cur: Optional[int] = None
    for line in text.splitlines():
        m = _MARK_RE.match(line)
        if m:
            cur = int(m.group(1))
            out[cur] = []
            continue
        if cur is None or not line or line[0].isspace():
            continue
        s = line.strip()
        if s.startswith("Closed under the global context") or (s.endswith(":") and " " not in s.rstrip(":")):
            continue  # "Axioms:", "Section Variables:" ...
        if s in ("Section Variables:", "Opaque constants:", "Transparent constants:"):
            continue
        for rx, kind in _UNSAFE:
            mm = rx.match(s)
            if mm:
                out[cur].append(Assumption(mm.group(1), kind))
                break
        else:
            name = s.split(" :", 1)[0].split()[0]
            if name != ":":
                out[cur].append(Assumption(name, "axiom"))
    return out


# ------------------------------------------------------------------------- backend


class CoqBackend:
    name = "coq"

    def __init__(self, coqc: str = "coqc", timeout: float = 1800.0) -> None:
        self.coqc = coqc
        self.timeout = timeout

    # -- installation
    def require_installed(self) -> None:
        if shutil.which(self.coqc) is None:
            raise LeanSharpError(f"coqc not found on PATH; {COQ_INSTALL_FIX}")

    def version(self) -> Optional[str]:
        if shutil.which(self.coqc) is None:
            return None
        try:
            out = subprocess.run([self.coqc, "--version"], capture_output=True, text=True, timeout=60).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        m = re.search(r"version (\S+)", out)
        return m.group(1) if m else None

    def where(self) -> Optional[Path]:
        if shutil.which(self.coqc) is None:
            return None
        try:
            out = subprocess.run([self.coqc, "-where"], capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None
        return Path(out) if out else None

    def library_loadable(self, logical_root: str) -> bool:
        """A library root is loadable when `user-contrib/<root>` (or a COQPATH entry)
        holds compiled .vo files."""
        dirs = []
        w = self.where()
        if w:
            dirs.append(w / "user-contrib" / logical_root)
        for p in os.environ.get("COQPATH", "").split(os.pathsep):
            if p:
                dirs.append(Path(p) / logical_root)
        for d in dirs:
            if d.is_dir() and next(d.rglob("*.vo"), None) is not None:
                return True
        return False

    # -- build
    def _make_command(self, proj: CoqProject) -> List[str]:
        if shutil.which("make") is None:
            raise LeanSharpError("make not found on PATH; install it: apt-get install -y make")
        root = proj.root
        if any((root / n).is_file() for n in ("Makefile", "makefile", "GNUmakefile")):
            return ["make"]
        mk = root / "Makefile.coq"
        cp = root / "_CoqProject"
        if not mk.exists() or mk.stat().st_mtime < cp.stat().st_mtime:
            if shutil.which("coq_makefile") is None:
                raise LeanSharpError(f"coq_makefile not found on PATH; {COQ_INSTALL_FIX}")
            r = subprocess.run(["coq_makefile", "-f", "_CoqProject", "-o", "Makefile.coq"],
                               cwd=root, capture_output=True, text=True)
            if r.returncode != 0:
                msg = (r.stderr or r.stdout).strip().splitlines()
                raise LeanSharpError(f"{cp}: coq_makefile failed: {msg[-1] if msg else r.returncode}")
        return ["make", "-f", "Makefile.coq"]

    def build_plan(self, proj: CoqProject) -> Optional[List[str]]:
        cmd = self._make_command(proj) + ["-n"]
        try:
            r = subprocess.run(cmd, cwd=proj.root, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.SubprocessError):
            return None
        files = re.findall(r"COQC\s+(\S+\.v)", r.stdout)
        seen: List[str] = []
        for f in files:
            if f not in seen:
                seen.append(f)
        return seen

    def build(self, proj: CoqProject, jobs: int, on_line: Callable[[str], None]) -> BuildResult:
        self.require_installed()
        cmd = self._make_command(proj) + [f"-j{max(1, jobs)}"]
        lines: List[str] = []
        compiled: List[str] = []
        try:
            p = subprocess.Popen(cmd, cwd=proj.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 text=True, bufsize=1, errors="replace")
        except OSError as err:
            raise LeanSharpError(f"cannot run {' '.join(cmd)}: {err.strerror}")
        assert p.stdout is not None
        for line in p.stdout:
            line = line.rstrip("\n")
            lines.append(line)
            m = re.match(r"^\s*COQC\s+(\S+\.v)\s*$", line)
            if m:
                compiled.append(m.group(1))
            on_line(line)
        rc = p.wait()
        text = "\n".join(lines)
        errors = parse_coq_errors(text) if rc != 0 else []
        return BuildResult(ok=rc == 0, returncode=rc, output=text, errors=errors, compiled=compiled)

    # -- coqc on generated files
    def _run_generated(self, proj: CoqProject, basename: str, source: str) -> subprocess.CompletedProcess:
        self.require_installed()
        with tempfile.TemporaryDirectory(prefix="leansharp-") as tmp:
            path = Path(tmp) / f"{basename}.v"
            path.write_text(source, encoding="utf-8")
            cmd = [self.coqc, *proj.coqc_flags(), "-w", "-all", str(path)]
            try:
                r = subprocess.run(cmd, cwd=proj.root, capture_output=True, text=True,
                                   timeout=self.timeout, errors="replace")
            except subprocess.TimeoutExpired:
                raise LeanSharpError(f"coqc timed out after {self.timeout:.0f}s on generated {basename}.v")
            except OSError as err:
                raise LeanSharpError(f"cannot run coqc: {err.strerror}; {COQ_INSTALL_FIX}")
            return r

    def _union(self, proj: CoqProject, modules: Sequence[str],
               groups: Sequence[Sequence[str]]) -> Optional[Dict[int, List[Assumption]]]:
        """One coqc run: `Print Assumptions` of one definition per group of names
        (all of `modules` loaded). None when something did not load."""
        lines = [f"Require {m}." for m in modules]
        for i, names in enumerate(groups):
            lets = "".join(f"let _ := @{n} in " for n in dict.fromkeys(names))
            lines.append(f"Definition LSall__{i} : Coq.Init.Datatypes.unit := {lets}Coq.Init.Datatypes.tt.")
            lines.append(f'Goal Coq.Init.Logic.True. idtac "{MARK} {i}". Abort.')
            lines.append(f"Print Assumptions LSall__{i}.")
        r = self._run_generated(proj, "LSall_modules", "\n".join(lines) + "\n")
        return parse_assumptions(r.stdout) if r.returncode == 0 else None

    def clean_unions(self, proj: CoqProject, batches: Dict[str, Sequence[str]]) -> Dict[str, List[Assumption]]:
        """For each module whose names together rest only on standard axioms, that
        union (so every name of it is proved); the other modules are left out and
        need `assumptions` name by name. First ONE `Print Assumptions` over every
        name of every module (Coq walks the shared dependency closure once: a few
        seconds for the whole library); only if that union is not clean, one union
        per module, still in a single coqc run."""
        mods = [m for m, names in batches.items() if names]
        if not mods:
            return {}

        def clean(union: Optional[List[Assumption]]) -> bool:
            return union is not None and all(a.kind == "axiom" and is_standard_axiom(a.name) for a in union)

        whole = self._union(proj, mods, [[n for m in mods for n in batches[m]]])
        if whole is None:
            return {}  # some module or name did not load: the per-module path explains
        if clean(whole.get(0)):
            return {m: list(whole[0]) for m in mods}
        per = self._union(proj, mods, [batches[m] for m in mods]) or {}
        return {m: list(per[i]) for i, m in enumerate(mods) if clean(per.get(i))}

    def assumptions(self, proj: CoqProject, module: str, names: Sequence[str]) -> Dict[str, AssumptionResult]:
        """`Print Assumptions` of each name, one coqc run per module. A name Coq
        rejects (e.g. a scanner false positive) gets `error` set and the batch is
        re-run without it."""
        results: Dict[str, AssumptionResult] = {}
        todo = list(dict.fromkeys(names))
        safe = re.sub(r"\W", "_", module)
        if len(todo) > 1:
            # Fast path: ONE `Print Assumptions` of a definition mentioning every name
            # (Coq traverses the shared dependency closure once). When the union is only
            # standard axioms, every name is proved; otherwise ask name by name below.
            lets = "".join(f"let _ := @{n} in " for n in todo)
            src = (f"Require {module}.\nDefinition LSall__ : Coq.Init.Datatypes.unit := {lets}Coq.Init.Datatypes.tt.\n"
                   f'Goal Coq.Init.Logic.True. idtac "{MARK} 0". Abort.\nPrint Assumptions LSall__.\n')
            r = self._run_generated(proj, f"LSall_{safe}", src)
            union = parse_assumptions(r.stdout).get(0)
            if r.returncode == 0 and union is not None and all(
                    a.kind == "axiom" and is_standard_axiom(a.name) for a in union):
                return {n: AssumptionResult(list(union)) for n in todo}
        for _attempt in range(len(todo) + 1):
            if not todo:
                break
            header = [f"Require {module}."]
            body: List[str] = []
            line_of: Dict[int, str] = {}
            for i, n in enumerate(todo):
                body.append(f'Goal Coq.Init.Logic.True. idtac "{MARK} {i}". Abort.')
                body.append(f"Print Assumptions {n}.")
                line_of[len(header) + len(body)] = n
            r = self._run_generated(proj, f"LSassume_{safe}", "\n".join(header + body) + "\n")
            parsed = parse_assumptions(r.stdout)
            if r.returncode == 0:
                for i, n in enumerate(todo):
                    results[n] = AssumptionResult(parsed.get(i, []))
                break
            errs = parse_coq_errors(r.stderr + "\n" + r.stdout)
            bad = [line_of[e.line] for e in errs if e.line in line_of]
            if not bad:
                msg = errs[0].message if errs else (r.stderr.strip().splitlines() or ["coqc failed"])[-1]
                raise LeanSharpError(f"{module}: cannot load the compiled module ({msg}); run `leansharp build` first")
            for i, n in enumerate(todo):
                if n in bad:
                    break
                results[n] = AssumptionResult(parsed.get(i, []))
            for e in errs:
                if e.line in line_of:
                    results[line_of[e.line]] = AssumptionResult(error=e.message)
            todo = [n for n in todo if n not in results]
        return results

    def dependency_graph(self, proj: CoqProject, modules: Sequence[str]) -> str:
        if not self.library_loadable("dpdgraph"):
            raise LeanSharpError("coq-dpdgraph is not installed; apt-get install -y libcoq-dpdgraph coq-dpdgraph-tools")
        with tempfile.TemporaryDirectory(prefix="leansharp-dpd-") as tmp:
            dpd = Path(tmp) / "graph.dpd"
            src = "\n".join([
                "Require dpdgraph.dpdgraph.",
                f"Require {' '.join(modules)}.",
                f'Set DependGraph File "{dpd}".',
                f"Print FileDependGraph {' '.join(modules)}.",
            ]) + "\n"
            r = self._run_generated(proj, "LSgraph", src)
            if r.returncode != 0 or not dpd.exists():
                errs = parse_coq_errors(r.stderr + "\n" + r.stdout)
                msg = errs[0].message if errs else (r.stderr.strip().splitlines() or ["coqc failed"])[-1]
                raise LeanSharpError(f"coq-dpdgraph failed: {msg}")
            return dpd.read_text(encoding="utf-8", errors="replace")


def default_backend() -> CoqBackend:
    return CoqBackend()
