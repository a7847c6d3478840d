"""The prover-neutral side of the prover boundary.

`leansharp` never calls a prover directly: it gets a `Backend` from
`leansharp_tools.backends.get_backend()` (today `backends.coq.CoqBackend`) and
calls the methods of the protocol below; a Lean/Lake backend implements the same
protocol. Everything that crosses the boundary is a plain dataclass defined here:
a `Project` (root, source files, module names, compiled artefacts), `Declaration`s,
`Assumption`s, a `BuildResult`, a `DependencyGraph`, the `Status` of a declaration, and
statements (a declaration's type as the prover prints it, a plain string).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Callable, ClassVar, Dict, List, Mapping, Optional, Protocol, Sequence, Tuple

from leansharp_tools.errors import LeanSharpError


def dotted_suffix(short: str, full: str) -> bool:
    """Whether the dotted name `short` is `full` or a suffix of it at a dot (provers
    print the shortest unambiguous suffix; users name modules by a suffix)."""
    return full == short or full.endswith("." + short)


class TextEnum(str, Enum):
    """A string enum that prints (and formats, and serialises to JSON) as its value."""

    def __str__(self) -> str:
        return str(self.value)


class Status(TextEnum):
    """The status of a declaration. The first six are the prover's verdicts
    (`VERDICTS`, see `leansharp_tools.status.classify`); the last three are not:

    MISSING  a name (in roadmap.toml) that is no declaration of the project
    FOUND    in the sources, no verdict (the map without a build)
    OTHER    a dependency-graph node the status report does not list (a constructor)
    """

    PROVED = "proved"
    ADMITTED = "admitted"
    AXIOM = "axiom"
    FOREIGN_AXIOM = "foreign-axiom"
    UNGUARDED = "unguarded"
    UNKNOWN = "unknown"
    MISSING = "missing"
    FOUND = "found"
    OTHER = "other"


#: The prover's verdicts, in report order (the columns of `leansharp status`).
VERDICTS: Tuple[Status, ...] = (Status.PROVED, Status.ADMITTED, Status.AXIOM, Status.FOREIGN_AXIOM,
                                Status.UNGUARDED, Status.UNKNOWN)


@dataclass
class Project:
    """A prover project: its root, its source files (relative to the root, in the
    order of the project file) and their module names. A backend subclasses it with
    its own settings (`backends.coq.project.CoqProject`: load paths, coqc flags)."""

    #: the file that marks a project root (e.g. "_CoqProject")
    project_file: ClassVar[str] = ""
    #: the suffix of a compiled source (e.g. ".vo")
    compiled_suffix: ClassVar[str] = ""

    root: Path
    files: List[Path] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The project's name, for page titles: the root directory's name (a backend
        subclass may know better, e.g. the logical root of its library)."""
        return self.root.name

    def module_of(self, source: Path) -> str:
        """The logical module name of a source file."""
        raise NotImplementedError

    def source_of(self, module: str) -> Optional[Path]:
        """The source file (relative to the root) of a library module, None when the
        project has no such module."""
        return next((f for f in self.files if self.module_of(f) == module), None)

    def modules(self) -> List[str]:
        return [self.module_of(f) for f in self.files]

    def compiled(self, source: Path) -> Path:
        """The compiled artefact of a source file (absolute)."""
        return (self.root / source).with_suffix(self.compiled_suffix)

    def stale(self, files: Optional[Sequence[Path]] = None) -> List[Path]:
        """Source files whose compiled artefact is missing or older than the source
        (own file only; the build tool handles transitive staleness)."""
        out = []
        for f in files if files is not None else self.files:
            src, out_file = self.root / f, self.compiled(f)
            if not out_file.exists() or (src.exists() and out_file.stat().st_mtime < src.stat().st_mtime):
                out.append(f)
        return out

    def require_built(self, files: Optional[Sequence[Path]] = None) -> None:
        """Raise the 'run leansharp build first' error when a compiled artefact of
        `files` (default: every source file) is missing or stale."""
        files = list(files) if files is not None else list(self.files)
        missing = [f for f in files if not (self.root / f).exists()]
        if missing:
            raise LeanSharpError(f"{self.root / missing[0]}: listed in {self.project_file} but does not exist; "
                                 f"remove it from {self.project_file} or create it")
        stale = self.stale(files)
        if stale:
            more = f" (and {len(stale) - 1} more)" if len(stale) > 1 else ""
            raise LeanSharpError(
                f"{stale[0]}{more}: compiled {self.compiled_suffix} missing or older than the source; "
                f"run `leansharp build --project {self.root}` first"
            )


@dataclass
class Declaration:
    """A named declaration found in a source file (without asking the prover)."""

    name: str  # fully qualified
    short: str
    module: str  # the library module (file) it lives in
    kind: str  # the keyword that declares it, e.g. "Lemma", "Axiom"
    line: int
    is_axiom: bool  # declared without proof (an axiom or parameter)
    admitted: bool = False  # textual hint: its proof ends in the prover's "give up" (the verdict is `status`'s)


@dataclass
class ProverError:
    """One error reported by the prover: `file:line:col: message` (1-based line/col;
    0 when the prover gave none: `file:line: message`, `file: message`)."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        """`file:line:col: message`, without the parts the prover did not give."""
        where = self.file + (f":{self.line}" if self.line else "") + (f":{self.col}" if self.line and self.col else "")
        return f"{where}: {self.message}"


@dataclass
class BuildResult:
    ok: bool
    returncode: int
    output: str
    errors: List[ProverError] = field(default_factory=list)
    compiled: List[str] = field(default_factory=list)  # files the build compiled


class AssumptionKind(TextEnum):
    """An axiom, or an unsafe flag: a fixpoint assumed guarded, an inductive assumed
    positive, an unsafe universe hierarchy; or a change of the logic itself."""

    AXIOM = "axiom"
    UNGUARDED = "unguarded"
    UNPOSITIVE = "unpositive"
    UNIVERSE = "universe"
    THEORY = "theory"  # the logic itself is changed (Coq: "Type hierarchy is collapsed", "Set is impredicative")


@dataclass
class Assumption:
    """One assumption a declaration rests on: an axiom `name`, or an unsafe flag on `name`.
    `standard`: one of the backend's accepted standard axioms, recognised by the prover
    itself (its fully qualified name and its exact statement), never by how it prints."""

    name: str
    kind: AssumptionKind = AssumptionKind.AXIOM
    text: str = ""  # the prover's own words for an unsafe flag, e.g. "f is assumed to be guarded"
    standard: bool = False


@dataclass
class AssumptionResult:
    """The assumptions of one declaration; `error` set when the prover could not answer."""

    assumptions: List[Assumption] = field(default_factory=list)
    error: Optional[str] = None


class SiteKind(TextEnum):
    """A way the source assumes something without a declaration of its own that the
    status report classifies (see `AssumptionSite`)."""

    AXIOM = "axiom"  # Axiom/Parameter/Context... in a functor body, an unnamed Context binder, Declare Instance
    DECLARE_MODULE = "declare-module"  # Declare Module M : T (outside a module type)
    ADMITTED = "admitted"  # Admitted closing no scanned declaration (functor body, obligation), Admit Obligations
    BYPASS = "bypass-check"  # #[bypass_check(...)]
    UNSET_CHECKING = "unset-checking"  # Unset Guard/Positivity/Universe Checking
    UNCHECKED = "unchecked"  # Load, Declare ML Module: commands the scanner cannot see into
    PROJECT_FLAG = "project-flag"  # a project-wide option that changes the logic (-type-in-type, ...)
    DECLARED = "declared"  # an object the prover says is assumed that no source command accounts for
    UNATTRIBUTED = "unattributed"  # an assumption the prover reports that no declaration was found to use


@dataclass
class AssumptionSite:
    """A place where the project assumes something, found in its text (`declares`:
    the short names the command declares, when the text shows them) or by the prover
    (`names`: the fully qualified objects it assumes). Every site is a `--strict`
    problem, whether anything uses it or not."""

    file: str
    line: int
    kind: SiteKind
    text: str
    module: str = ""
    scope: str = ""  # the module path inside the file ("" at top level, "M.N" inside Module M, Module N)
    declares: List[str] = field(default_factory=list)
    names: List[str] = field(default_factory=list)

    def __str__(self) -> str:
        names = f" ({', '.join(self.names)})" if self.names else ""
        return f"{self.file}:{self.line}: {self.text}{names}"


@dataclass
class ProgramDecl:
    """A declaration that may come with obligations Coq names `<name>_obligation_<N>`
    (Coq's `Program`): `admitted_lines` are the lines of the `Admitted` ending each of
    its obligation proofs, in the order of the text (the order of N)."""

    decl: Declaration
    admitted_lines: List[int] = field(default_factory=list)


@dataclass
class SourceScan:
    """What the text of one source file declares: its declarations, the assumption
    commands that declare no scanned declaration, and the line where each named scope
    (`Module M`: the module path inside the file) starts."""

    declarations: List[Declaration] = field(default_factory=list)
    sites: List[AssumptionSite] = field(default_factory=list)
    scopes: Dict[str, int] = field(default_factory=dict)
    programs: List[ProgramDecl] = field(default_factory=list)  # declarations with obligations (names: the prover's)


@dataclass
class Audit:
    """The prover's answer about the declarations asked (module -> names):

    results       module -> name -> the assumptions it rests on (standard ones marked)
    declared      module -> objects the prover finds assumed in that module that are no
                  asked name (the fields of a `Declare Module`, the `Admitted` lemma of a
                  functor instance, an unnamed `Context` binder, ...), used or not
    unattributed  assumptions of the asked names together that no name was found to use
                  (should not happen; reported so that the gate still fails)
    environment   why a standard axiom was not accepted in this run (e.g. its library
                  was not loaded from the prover's own library)
    """

    results: Dict[str, Dict[str, AssumptionResult]] = field(default_factory=dict)
    declared: Dict[str, List[Assumption]] = field(default_factory=dict)
    unattributed: List[Assumption] = field(default_factory=list)
    environment: List[str] = field(default_factory=list)


@dataclass
class Recheck:
    """The independent re-check of the compiled modules by the prover's kernel-only
    checker (Coq: coqchk): `problems` holds one line per reason it fails (empty: passed)."""

    tool: str  # "coqchk"
    modules: List[str] = field(default_factory=list)  # the modules given to the checker
    libraries: int = 0  # libraries it checked (the modules and everything they load)
    theory: str = ""  # e.g. "Set is predicative"
    axioms: List[str] = field(default_factory=list)  # every axiom of the checked environment (kernel names)
    rejected: List[str] = field(default_factory=list)  # those outside the accepted set
    unsafe: List[str] = field(default_factory=list)  # objects relying on unchecked guard/positivity/type-in-type
    error: Optional[str] = None  # the checker failed (a type error, a missing or inconsistent file)
    problems: List[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> Dict[str, Any]:
        return {"tool": self.tool, "ok": self.ok, "modules": len(self.modules), "libraries": self.libraries,
                "theory": self.theory, "axioms": list(self.axioms), "rejected": list(self.rejected),
                "unsafe": list(self.unsafe), "error": self.error, "problems": list(self.problems)}


@dataclass
class GraphNode:
    name: str  # fully qualified
    short: str
    module: str  # the library module it belongs to
    kind: str  # the prover's kind of object (e.g. "cnst", "inductive", "construct")
    prop: bool  # a proof (its type is a proposition)
    body: bool  # has a body (not an axiom)


@dataclass
class DependencyGraph:
    """The declarations of the project's modules and `uses` edges (user, used, weight)."""

    nodes: List[GraphNode] = field(default_factory=list)
    edges: List[Tuple[str, str, int]] = field(default_factory=list)


class Backend(Protocol):
    name: str  # "coq": toolchain.toml's [prover].name
    label: str  # "Coq": in messages
    command: str  # "coqc": the executable `version()` asks

    def require_installed(self) -> None:
        """Raise LeanSharpError (one line, with the fix) when the prover is missing."""

    def version(self) -> Optional[str]:
        """The prover version string, or None when it is not installed."""

    def library_loadable(self, logical_root: str) -> bool:
        """Whether an installed library with this logical root can be loaded."""

    def prover_fix(self, wanted: str, found: Optional[str]) -> str:
        """The shell line installing prover version `wanted` (`found`: what is installed)."""

    def library_fix(self, logical_root: str) -> str:
        """The shell line installing the library with this logical root."""

    def project_checks(self, proj: Project) -> List[Dict[str, Any]]:
        """`leansharp doctor` without a toolchain.toml: what the project's build needs,
        read from its sources (doctor checks: check, wanted, installed, ok, fix)."""

    def find_root(self, start: Optional[Path] = None) -> Path:
        """The project root at or above `start` (default: cwd); LeanSharpError when there is none."""

    def open_project(self, start: Optional[Path] = None) -> Project:
        """The parsed project at or above `start` (default: cwd)."""

    def load_project(self, root: Path) -> Project:
        """Parse the project file in `root`."""

    def declarations(self, proj: Project, source: Path) -> List[Declaration]:
        """The declarations of one source file (relative to the root), in source order."""

    def build_plan(self, proj: Project) -> Optional[List[str]]:
        """Files the next build would compile (None when unknown)."""

    def started_file(self, line: str) -> Optional[str]:
        """The source file a build output line says compilation started on, else None."""

    def build(self, proj: Project, jobs: int, on_line: Callable[[str], None]) -> BuildResult:
        """Build the project, streaming each output line to `on_line`."""

    def scan(self, proj: Project, source: Path) -> SourceScan:
        """Declarations, assumption sites and scopes of one source file (from its text)."""

    def project_sites(self, proj: Project) -> List[AssumptionSite]:
        """Project-wide options that change the prover's logic (e.g. Coq's -type-in-type)."""

    def audit(self, proj: Project, asks: Mapping[str, Sequence[str]],
              on_step: Optional[Callable[[str], None]] = None) -> Audit:
        """What each asked name (module -> fully qualified names) rests on, and what each
        asked module assumes, used or not (see `Audit`). `on_step(what)` before each prover run."""

    def standard_axioms(self) -> List[str]:
        """The accepted standard axioms (fully qualified)."""

    def recheck(self, proj: Project, modules: Sequence[str],
                on_progress: Optional[Callable[[str, int, int], None]] = None) -> Recheck:
        """Re-check the compiled `modules` (all when empty) with the prover's independent
        kernel checker, against the accepted set of the status gate (see `Recheck`).
        `on_progress(library, done, total)` as it checks each library."""

    def dependency_graph(self, proj: Project, modules: Sequence[str]) -> DependencyGraph:
        """The declaration dependency graph of `modules`."""

    def obligations(self, proj: Project, programs: Mapping[str, Sequence[str]]) -> Dict[str, List[str]]:
        """{program declaration (fully qualified): the names of its obligations, in order},
        for the declarations of `programs` (module -> names), asked of the compiled modules."""

    def statements(self, proj: Project, batches: Mapping[str, Sequence[str]]) -> Dict[str, str]:
        """The statement of each fully qualified name (grouped by module -> its names) as
        the prover prints it, in the printing context of its own module (its imports and
        open scopes), e.g. "norm_le :\nforall {n : nat} (u : W n), 0 <= norm u". One
        prover run for all modules; a name the prover does not know is left out."""
