"""What a Dojo answers and raises (LeanDojo's manner).

Results of `run_tac` (a tactic that fails is a result, not an exception):
`TacticState`, `ProofFinished`, `ProofGivenUp`, `TacticError`.

Exceptions (all `DojoError`, itself a `LeanSharpError`: one line, no traceback in the CLI):

    DojoInitError           the theorem cannot be opened (unknown or ambiguous name, not
                            built, its file does not replay, proved by a term)
    DojoCrashError          coqtop died (says how: signal or exit status, what it ran)
    DojoTacticTimeoutError  a tactic ran past the timeout (interrupted; the Dojo stays usable)
    DojoQueryError          `query` got something that is not a query, or Coq rejected it
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Union

from leansharp_tools.errors import LeanSharpError

Goals = List[Dict[str, Any]]


class DojoError(LeanSharpError):
    """Every error of the Dojo."""


class DojoInitError(DojoError):
    """The theorem cannot be opened."""


class DojoCrashError(DojoError):
    """coqtop died; the Dojo is closed."""


class DojoTacticTimeoutError(DojoError):
    """A tactic ran past the timeout; it was interrupted and the Dojo is back on the state it ran on."""


class DojoQueryError(DojoError):
    """Not a query (`Search`, `Check`, `About`, `Print`, `Locate`), or Coq rejected it."""


@dataclass(frozen=True)
class TacticState:
    id: int
    goals: Goals
    message: str = ""

    @property
    def num_goals(self) -> int:
        return len(self.goals)

    @property
    def pp(self) -> str:
        """The goals as Coq prints them (hypotheses, a rule, the conclusion)."""
        return "\n\n".join(render_goal(g) for g in self.goals) or "No more goals."


@dataclass(frozen=True)
class ProofFinished:
    id: int
    message: str = ""


@dataclass(frozen=True)
class ProofGivenUp:
    id: int
    message: str = ""


@dataclass(frozen=True)
class TacticError:
    error: str


Result = Union[TacticState, ProofFinished, ProofGivenUp, TacticError]


def render_goal(goal: Dict[str, Any]) -> str:
    hyps = []
    for h in goal.get("hyps", []):
        body = f" := {h['body']}" if "body" in h else ""
        hyps.append(f"{', '.join(h['names'])}{body} : {h['type']}")
    marker = "" if goal.get("focus", "focused") == "focused" else f"({goal['focus']})\n"
    return marker + "\n".join(hyps + ["=" * 28, goal["concl"]])


def normalize_tactic(tactic: str) -> str:
    """A tactic without its final '.' gets one (bullets and braces need none)."""
    t = tactic.strip()
    if not t or t.endswith((".", "{", "}")) or set(t) <= set("-+*"):
        return t
    return t + "."


def unterminated(text: str) -> Optional[str]:
    """"comment" or "string" when `text` leaves one open (coqtop would wait for more input)."""
    depth, i, in_str = 0, 0, False
    while i < len(text):
        if in_str:
            in_str = text[i] != '"' or text.startswith('""', i)
            i += 2 if text.startswith('""', i) else 1
            continue
        if text.startswith("(*", i):
            depth, i = depth + 1, i + 2
        elif depth and text.startswith("*)", i):
            depth, i = depth - 1, i + 2
        else:
            in_str = not depth and text[i] == '"'
            i += 1
    return "comment" if depth else "string" if in_str else None


#: the commands `Dojo.query` runs: they print, they change nothing
QUERIES = ("Search", "SearchPattern", "SearchRewrite", "Check", "About", "Print", "Locate")
_QUERY_HEAD = re.compile(r"^(" + "|".join(QUERIES) + r")\b")


def _outside_strings(text: str) -> str:
    """`text` with string literals blanked (a '.' inside "..." ends nothing)."""
    return re.sub(r'"(?:[^"]|"")*"', lambda m: '"' + " " * (len(m.group(0)) - 2) + '"', text)


def check_query(command: str) -> str:
    """The query as one sentence (final '.' added), or DojoQueryError saying why not."""
    q = normalize_tactic(command)
    shown = " ".join(q.split())[:80]
    if not q:
        raise DojoQueryError("empty query; give one of: " + ", ".join(QUERIES))
    if unterminated(q) or "(*" in q:
        raise DojoQueryError(f"`{shown}`: comments and unterminated strings are not allowed in a query")
    if not _QUERY_HEAD.match(q):
        raise DojoQueryError(f"`{shown}` is not a query: only {', '.join(QUERIES)} run here (they cannot "
                             f"change the proof state; run tactics with run_tac)")
    if re.search(r"\.(\s|$)", _outside_strings(q)[:-1]):
        raise DojoQueryError(f"`{shown}`: one query at a time (a '.' followed by a space ends a sentence)")
    return q
