"""The prover-backend interface. `leansharp` commands never call a prover
directly: they get a `Backend` (today `backends.coq.CoqBackend`) and call these
methods; a Lean/Lake backend implements the same protocol.

Data passed across the interface is plain dataclasses so reports stay prover-neutral.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Protocol, Sequence

from leansharp_tools.project import CoqProject


@dataclass
class ProverError:
    """One error reported by the prover: `file:line:col: message` (1-based line/col)."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


@dataclass
class BuildResult:
    ok: bool
    returncode: int
    output: str
    errors: List[ProverError] = field(default_factory=list)
    compiled: List[str] = field(default_factory=list)  # files the build compiled


@dataclass
class Assumption:
    """One entry of `Print Assumptions`: an axiom `name`, or an unsafe flag.

    kind: "axiom" | "unguarded" (assumed guarded) | "unpositive" (assumed positive)
          | "universe" (relies on an unsafe universe hierarchy)
    """

    name: str
    kind: str = "axiom"


@dataclass
class AssumptionResult:
    """`Print Assumptions` of one declaration; `error` set when the prover could not answer."""

    assumptions: List[Assumption] = field(default_factory=list)
    error: Optional[str] = None


class Backend(Protocol):
    name: str

    def require_installed(self) -> None:
        """Raise LeanSharpError (one line, with the fix) when the prover is missing."""

    def version(self) -> Optional[str]:
        """The prover version string, or None when it is not installed."""

    def build_plan(self, proj: CoqProject) -> Optional[List[str]]:
        """Files the next build would compile (None when unknown)."""

    def build(self, proj: CoqProject, jobs: int, on_line: Callable[[str], None]) -> BuildResult:
        """Build the project, streaming each output line to `on_line`."""

    def clean_unions(self, proj: CoqProject, batches: Dict[str, Sequence[str]]) -> Dict[str, List[Assumption]]:
        """One prover run for many modules: for each module (-> its names) whose names
        together rest only on standard axioms, those axioms; other modules are omitted."""

    def assumptions(self, proj: CoqProject, module: str, names: Sequence[str]) -> Dict[str, AssumptionResult]:
        """`Print Assumptions` for each fully qualified name of `module` (batched: one prover run)."""

    def dependency_graph(self, proj: CoqProject, modules: Sequence[str]) -> str:
        """The declaration dependency graph of `modules` in coq-dpdgraph's .dpd format."""

    def library_loadable(self, logical_root: str) -> bool:
        """Whether an installed library with this logical root can be loaded."""
