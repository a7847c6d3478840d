"""The status report's data: a declaration's status (`DeclStatus`), a roadmap item's
(`ItemReport`) and the report itself (`StatusReport`, its JSON: `leansharp_tools.status`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

from leansharp_tools.backends.base import VERDICTS, AssumptionSite, Recheck, Status
from leansharp_tools.problems import Problem
from leansharp_tools.roadmap import ItemState, RoadmapItem

SCHEMA = "leansharp-status/2"


@dataclass
class DeclStatus:
    name: str
    short: str
    module: str
    file: str
    line: int
    kind: str
    status: Status
    axioms: List[str] = field(default_factory=list)
    unsafe: List[str] = field(default_factory=list)
    error: Optional[str] = None

    def to_json(self) -> Dict[str, Any]:
        return asdict(self)


@dataclass
class ItemReport:
    """A roadmap item with the status of each name it mentions."""

    item: RoadmapItem
    status: ItemState
    declarations: List[Dict[str, str]]
    missing: List[str]
    witness: List[Dict[str, str]] = field(default_factory=list)
    filters: List[Dict[str, str]] = field(default_factory=list)

    def to_json(self) -> Dict[str, Any]:
        return {"id": self.item.id, "title": self.item.title, "statement": self.item.statement,
                "spec": self.item.spec, "tier": self.item.tier,
                "headline": self.item.headline, "status": self.status, "declarations": self.declarations,
                "witness": self.witness, "filters": self.filters,
                "missing": self.missing, "line": self.item.line}


@dataclass
class StatusReport:
    root: Path
    declarations: List[DeclStatus]
    module_files: Dict[str, str]
    roadmap: List[ItemReport] = field(default_factory=list)
    problems: List[Problem] = field(default_factory=list)
    standard_axioms: List[str] = field(default_factory=list)
    sites: List[AssumptionSite] = field(default_factory=list)
    project: str = ""  # the project's name (Project.name)
    recheck: Optional[Recheck] = None  # the independent re-check (`--recheck`), None when not asked

    def by_name(self) -> Dict[str, DeclStatus]:
        return {d.name: d for d in self.declarations}

    def module_summary(self) -> List[Dict[str, Any]]:
        out = []
        for mod, f in self.module_files.items():
            ds = [d for d in self.declarations if d.module == mod]
            counts = {s.value: sum(1 for d in ds if d.status == s) for s in VERDICTS}
            out.append({"module": mod, "file": f, "total": len(ds), "counts": counts})
        return out

    def totals(self) -> Dict[str, int]:
        t = {"declarations": len(self.declarations)}
        t.update({s.value: sum(1 for d in self.declarations if d.status == s) for s in VERDICTS})
        return t

    def roadmap_totals(self) -> Dict[str, int]:
        states = (ItemState.PROVED, ItemState.PARTIAL, ItemState.OPEN)
        return {s.value: sum(1 for i in self.roadmap if i.status == s) for s in states}

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> Dict[str, Any]:
        return {
            "schema": SCHEMA,
            "project": str(self.root),
            "standard_axioms": list(self.standard_axioms),
            "declarations": [d.to_json() for d in self.declarations],
            "modules": self.module_summary(),
            "totals": self.totals(),
            "roadmap": [i.to_json() for i in self.roadmap],
            "roadmap_totals": self.roadmap_totals(),
            "assumption_sites": [{"file": x.file, "line": x.line, "kind": str(x.kind), "text": x.text,
                                  "names": list(x.names)} for x in self.sites],
            "problems": [p.to_json() for p in self.problems],
            "recheck": self.recheck.to_json() if self.recheck is not None else None,
            "ok": self.ok,
        }
