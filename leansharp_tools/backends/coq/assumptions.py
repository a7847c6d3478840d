"""The output of `Print Assumptions` in generated files (`audit.py` writes them).

Answers are separated by `@@LS <i>` markers (printed with `idtac` before the i-th
question) so one coqc run answers many questions:

    parse_assumptions(coqc_stdout)        # {i: [Assumption]} (names as Coq printed them)
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional

from leansharp_tools.backends.base import Assumption, AssumptionKind

_MARK_RE = re.compile(r"^@@LS (\d+)\s*$")
_UNSAFE = [
    (re.compile(r"^(\S+) is assumed to be guarded\.?$"), AssumptionKind.UNGUARDED),
    (re.compile(r"^(\S+) is assumed to be positive\.?$"), AssumptionKind.UNPOSITIVE),
    (re.compile(r"^(\S+) relies on an unsafe hierarchy\.?$"), AssumptionKind.UNIVERSE),
]
_HEADINGS = ("Theory:", "Section Variables:", "Axioms:", "Opaque constants:", "Transparent constants:")


def parse_assumptions(text: str) -> Dict[int, List[Assumption]]:
    """Split `@@LS i`-marked output of `Print Assumptions` into {i: assumptions}.
    Lines under `Theory:` (e.g. "Type hierarchy is collapsed (logic is inconsistent)"
    under -type-in-type) are THEORY assumptions named by their text."""
    out: Dict[int, List[Assumption]] = {}
    cur: Optional[int] = None
    heading = ""
    for line in text.splitlines():
        m = _MARK_RE.match(line)
        if m:
            cur, heading = int(m.group(1)), ""
            out[cur] = []
            continue
        if cur is None or not line or line[0].isspace():
            continue
        s = line.strip()
        if s in _HEADINGS:
            heading = s
            continue
        if s.startswith("Closed under the global context") or (s.endswith(":") and " " not in s.rstrip(":")):
            continue
        if heading == "Theory:":
            out[cur].append(Assumption(s, AssumptionKind.THEORY, s))
            continue
        for rx, kind in _UNSAFE:
            mm = rx.match(s)
            if mm:
                out[cur].append(Assumption(mm.group(1), kind, s.rstrip(".")))
                break
        else:
            name = s.split(" :", 1)[0].split()[0]
            if name != ":":
                out[cur].append(Assumption(name, AssumptionKind.AXIOM))
    return out
