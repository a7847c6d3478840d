"""The data model of the theorem-to-code map (`leansharp map`): where a declaration
is, how each roadmap link resolved (`roadmap.CodeLink`/`TestLink`/`LinkProblem`),
the per-item and whole-project maps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from leansharp_tools.backends.base import Status
from leansharp_tools.roadmap import CodeLink, ItemState, LinkProblem, TestLink
from leansharp_tools.upstream import UpstreamLink


@dataclass
class Location:
    """Where a declaration is defined."""

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
    status: Status  # the prover's verdict, else FOUND/ADMITTED (source scan) or MISSING
    role: str = "declaration"  # or "witness" / "filters"


@dataclass
class ItemMap:
    id: str
    title: str
    spec: str
    tier: Optional[int]  # None: the roadmap gives none
    headline: bool
    status: ItemState  # roadmap.item_status
    declarations: List[DeclLink]
    witnesses: List[DeclLink]
    code: List[CodeLink]
    test: List[TestLink]
    line: int = 0  # line of the item's [[item]] header in roadmap.toml
    problems: List[LinkProblem] = field(default_factory=list)
    filters: List[DeclLink] = field(default_factory=list)  # `filters`: ZSharp's mask is not all ones at the witness
    statement: str = ""  # the result in words (roadmap `statement`; `title` is its short form)
    upstream: List[UpstreamLink] = field(default_factory=list)  # the upstream (ZSharp) lines it is about
    agreement: List[TestLink] = field(default_factory=list)  # tests of `code` against upstream outputs


@dataclass
class ProjectMap:
    root: Path
    items: List[ItemMap]
    problems: List[LinkProblem]
    status_source: str  # "prover" when statuses came from `leansharp status`, else "source scan (...)"
    code_index: List[Tuple[str, List[str]]] = field(default_factory=list)  # function -> item ids
    unmapped_code: List[str] = field(default_factory=list)  # public functions of linked modules no item names
    project: str = ""  # the project's name (page titles)

    @property
    def counts(self) -> Dict[str, int]:
        return {
            "items": len(self.items),
            "headline": sum(1 for i in self.items if i.headline),
            "with_code": sum(1 for i in self.items if i.code),
            "with_test": sum(1 for i in self.items if i.test),
            "with_upstream": sum(1 for i in self.items if i.upstream),
            "with_agreement": sum(1 for i in self.items if i.agreement),
            "problems": len(self.problems),
        }
