"""The data model of the theorem-to-code map (`leansharp map`): where a Coq declaration
is, how each roadmap link resolved, the per-item and whole-project maps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union


@dataclass
class Location:
    """Where a Coq declaration is defined."""

    file: str  # relative to the project root
    line: int
    kind: str  # Theorem, Lemma, Definition, ...
    admitted: bool = False  # the source proof ends with `Admitted.` (textual scan only)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class DeclLink:
    name: str
    location: Optional[Location]
    status: str  # from the status helper, else "found"/"admitted" (source scan) or "missing"
    role: str = "declaration"  # or "witness" / "filters"


@dataclass
class CodeLink:
    target: str
    found: bool
    signature: str = ""
    summary: str = ""
    location: str = ""  # file:line of the function, when known
    error: str = ""


@dataclass
class TestLink:
    target: str
    found: bool
    location: str = ""
    error: str = ""


@dataclass
class LinkProblem:
    """A roadmap link that does not resolve.

    kind: "missing-declaration" | "missing-witness" | "missing-filters" | "missing-code" | "missing-test"
    | "bad-item" (a malformed item).
    """

    item: str
    kind: str
    target: str
    message: str

    def __str__(self) -> str:
        return f"{self.item}: {self.message}"


@dataclass
class ItemMap:
    id: str
    title: str
    spec: str
    tier: int
    headline: bool
    status: str  # proved / partial / open; "found" (all declarations in the sources) without prover status
    declarations: List[DeclLink]
    witnesses: List[DeclLink]
    code: List[CodeLink]
    test: List[TestLink]
    line: int = 0  # line of the item's [[item]] header in roadmap.toml
    problems: List[LinkProblem] = field(default_factory=list)
    filters: List[DeclLink] = field(default_factory=list)  # `filters`: ZSharp's mask is not all ones at the witness


@dataclass
class ProjectMap:
    root: Path
    items: List[ItemMap]
    problems: List[LinkProblem]
    status_source: str  # "prover" when statuses came from the status helper, else "source scan"
    code_index: List[Tuple[str, List[str]]] = field(default_factory=list)  # function -> item ids
    unmapped_code: List[str] = field(default_factory=list)  # public functions of linked modules no item names

    @property
    def counts(self) -> Dict[str, int]:
        return {
            "items": len(self.items),
            "headline": sum(1 for i in self.items if i.headline),
            "with_code": sum(1 for i in self.items if i.code),
            "with_test": sum(1 for i in self.items if i.test),
            "problems": len(self.problems),
        }


ProjectLike = Union[str, Path, Any]  # a root path or a project object with `.root`
