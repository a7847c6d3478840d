"""`Print Assumptions` in generated files: the Coq source asking it for many names
at once, and the parser of its output.

A batch is separated by `@@LS <i>` markers (printed with `idtac` before the i-th
question) so one coqc run answers many questions:

    src = union_script(["M.A", "M.B"], [["M.A.x", "M.A.y"], ["M.B.z"]])  # 2 unions
    src = names_script("M.A", ["M.A.x", "M.A.y"])                        # 1 per name
    parse_assumptions(coqc_stdout)        # {i: [Assumption]}
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

from leansharp_tools.backends.base import Assumption, AssumptionKind

MARK = "@@LS"
_MARK_RE = re.compile(r"^@@LS (\d+)\s*$")
_UNSAFE = [
    (re.compile(r"^(\S+) is assumed to be guarded\.?$"), AssumptionKind.UNGUARDED),
    (re.compile(r"^(\S+) is assumed to be positive\.?$"), AssumptionKind.UNPOSITIVE),
    (re.compile(r"^(\S+) relies on an unsafe hierarchy\.?$"), AssumptionKind.UNIVERSE),
]
_HEADINGS = ("Section Variables:", "Opaque constants:", "Transparent constants:")


def _marker(i: int) -> str:
    return f'Goal Coq.Init.Logic.True. idtac "{MARK} {i}". Abort.'


def union_script(modules: Sequence[str], groups: Sequence[Sequence[str]]) -> str:
    """`Print Assumptions` of one definition per group of names, i.e. of the union of
    their assumptions (Coq walks the shared dependency closure once), `modules` loaded."""
    lines = [f"Require {m}." for m in modules]
    for i, names in enumerate(groups):
        lets = "".join(f"let _ := @{n} in " for n in dict.fromkeys(names))
        lines.append(f"Definition LSall__{i} : Coq.Init.Datatypes.unit := {lets}Coq.Init.Datatypes.tt.")
        lines.append(_marker(i))
        lines.append(f"Print Assumptions LSall__{i}.")
    return "\n".join(lines) + "\n"


def names_script(module: str, names: Sequence[str]) -> Tuple[str, Dict[int, str]]:
    """`Print Assumptions` of each name (marker i before the i-th), and {source line of
    the question: name} to map a coqc error back to the name Coq rejected."""
    lines = [f"Require {module}."]
    line_of: Dict[int, str] = {}
    for i, n in enumerate(names):
        lines.append(_marker(i))
        lines.append(f"Print Assumptions {n}.")
        line_of[len(lines)] = n
    return "\n".join(lines) + "\n", line_of


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
            continue  # "Axioms:", ...
        if s in _HEADINGS:
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
