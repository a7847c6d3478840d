"""What `leansharp status --strict` rejects, as data: `Problem(kind, message, name, file,
line)`; `str(problem)` is the one line the report prints (`file:line: ...`).

kind is one of
    a declaration status    admitted | axiom | foreign-axiom | unguarded | unknown
                            (name: the declaration; message: the status and what it rests on)
    an assumption site      a `backends.base.SiteKind` value: axiom | declare-module | admitted |
                            bypass-check | unset-checking | unchecked | project-flag | declared
                            (name: the objects it assumes, comma-separated, or null)
    a roadmap link          missing-declaration | missing-witness | missing-filters |
                            unproved-filters | missing-code | missing-test | ... (`roadmap.LinkProblem`;
                            name: the roadmap item; file: the roadmap file)
    environment             the prover's environment (e.g. a standard axiom Coq does not confirm)
    unattributed            an assumption no declaration was found to use
    recheck                 the prover's independent checker (coqchk, `status --recheck`) failed
                            or names an axiom outside the accepted set (file: the project file)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional

#: problem kinds that are not a declaration status, a site kind or a roadmap link kind
ENVIRONMENT = "environment"
UNATTRIBUTED = "unattributed"
RECHECK = "recheck"


@dataclass(frozen=True)
class Problem:
    kind: str
    message: str
    name: Optional[str] = None
    file: Optional[str] = None
    line: Optional[int] = None
    text: str = ""  # the line as printed; derived from the rest when empty

    def __str__(self) -> str:
        if self.text:
            return self.text
        where = f"{self.file}:{self.line}: " if self.file and self.line else f"{self.file}: " if self.file else ""
        return where + self.message

    def to_json(self) -> Dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "file": self.file, "line": self.line,
                "message": self.message, "text": str(self)}
