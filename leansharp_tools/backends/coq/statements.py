"""Statements as Coq prints them: `About` in one generated file, one block per module.

Each module gets a `Module LSS__<k>. ... End LSS__<k>.` block that replays the
module's own top-level printing context (its `Require Import`/`Export`, `Import`,
`Open Scope` sentences: `header_directives`), imports the module itself (a directive
that needs the module's own contents, e.g. `Import Inner` of its submodule, is replayed
after that instead: `Block.late`), then asks
`About` of each name after an `@@LSS <i>` marker. `Import`s and scopes inside a
`Module` end with it, so every block prints in its own module's context and one coqc
run answers every module:

    blocks = [Block("LeanSharp.Core.Vec", directives, ["LeanSharp.Core.Vec.norm", ...]), ...]
    src, where = statements_script(blocks)   # where: {line: ("name", k, i) | ("directive", k, j) | ...}
    parse_statements(coqc_stdout)            # {i: "norm : forall n : nat, W n -> R"}

The statement is the first paragraph of `About`: `name : type` (implicit binders in
braces, notations of the module's context). `CoqBackend.statements` runs the script
and drops what Coq rejects (a directive that only makes sense inside the file, a
name Coq does not know; a directive Coq rejects is tried once after `Import <module>`,
then dropped), re-running only the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Sequence, Tuple

from leansharp_tools.backends.coq.scan import blank_comments, sentences

MARK = "@@LSS"
_MARK_RE = re.compile(r"^@@LSS (\d+)\s*$")
_ATTRS = r"(?:#\[[^\]]*\]\s*)*(?:(?:Local|Global)\s+)?"
_DIRECTIVE_RE = re.compile(
    r"^" + _ATTRS + r"(?:(?:From\s+\S+\s+)?Require(?:\s+(?:Import|Export))?|Import|Export|(?:Open|Close)\s+Scope)\s",
    re.S)
_OPEN_RE = re.compile(r"^" + _ATTRS + r"(?:Section|Module)\s", re.S)
_END_RE = re.compile(r"^End\s")
_UNKNOWN_RE = re.compile(r"\snot a defined object\.$")  # `About` of a name Coq does not know

#: where a line of the script comes from: ("name", block, index) | ("directive", block, index)
#: | ("late", block, index) | ("import", block, 0) | ("require", block, 0)
Origin = Tuple[str, int, int]


def header_directives(text: str, where: str = "<source>") -> List[str]:
    """The top-level sentences of a .v file (outside any Section or Module) that shape
    how its statements print: `[From X] Require [Import|Export]`, `Import`, `Export`,
    `[Local|Global] Open/Close Scope`, each as one line ending with a dot."""
    clean = blank_comments(text, where)
    out: List[str] = []
    depth = 0
    for _pos, sent in sentences(clean):
        if _END_RE.match(sent):
            depth = max(depth - 1, 0)
        elif _OPEN_RE.match(sent):
            if ":=" not in sent:
                depth += 1
        elif depth == 0 and _DIRECTIVE_RE.match(sent) and '"' not in sent:
            out.append(" ".join(sent.split()) + ".")
    return out


@dataclass
class Block:
    """The questions about one module: its name, its directives, its names."""

    module: str
    directives: List[str] = field(default_factory=list)
    names: List[str] = field(default_factory=list)
    import_module: bool = True
    late: List[str] = field(default_factory=list)  # directives replayed after `Import <module>` (its own submodules)


def _marker(i: int) -> str:
    return f'Goal Coq.Init.Logic.True. idtac "{MARK} {i}". Abort.'


def statements_script(blocks: Sequence[Block], first: int = 0) -> Tuple[str, Dict[int, Origin]]:
    """The generated file asking `About` of every name of `blocks` (markers numbered
    from `first`, in order), and {line number: where it comes from} to map a coqc error
    back to the sentence Coq rejected."""
    lines: List[str] = []
    where: Dict[int, Origin] = {}

    def add(line: str, origin: Origin) -> None:
        lines.append(line)
        where[len(lines)] = origin

    i = first
    for k, b in enumerate(blocks):
        lines.append(f"Module LSS__{k}.")
        add(f"Require {b.module}.", ("require", k, 0))
        for j, d in enumerate(b.directives):
            add(d, ("directive", k, j))
        if b.import_module:
            add(f"Import {b.module}.", ("import", k, 0))
        for j, d in enumerate(b.late):
            add(d, ("late", k, j))
        for j, n in enumerate(b.names):
            lines.append(_marker(i))
            add(f"About {n}.", ("name", k, j))
            i += 1
        lines.append(f"End LSS__{k}.")
    return "\n".join(lines) + "\n", where


def parse_statements(text: str) -> Dict[int, str]:
    """Split `@@LSS i`-marked `About` output into {i: first paragraph} (the `name : type`
    part, Coq's line breaks and indentation kept); a name Coq does not know (About
    says "... not a defined object.") is left out."""
    out: Dict[int, List[str]] = {}
    cur = None
    done = False
    for line in text.splitlines():
        m = _MARK_RE.match(line)
        if m:
            cur, done = int(m.group(1)), False
            out[cur] = []
            continue
        if cur is None or done:
            continue
        if not line.strip():
            done = bool(out[cur])
            continue
        out[cur].append(line.rstrip())
    texts = {i: "\n".join(ls) for i, ls in out.items() if ls}
    return {i: t for i, t in texts.items() if not _UNKNOWN_RE.search(t)}
