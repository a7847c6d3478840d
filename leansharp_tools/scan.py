"""Find the declarations of a Coq source file by scanning its text (no prover call).

`scan_source(text, module)` returns `Declaration`s with the fully qualified name
(`module` + enclosing `Module` names; `Section`s do not qualify), the line, the
vernacular keyword and whether it declares an axiom.

Handled: nested comments `(* ... *)` and strings (blanked out, line numbers kept);
attributes `#[...]` and prefixes `Local`/`Global`/`Program`/`Polymorphic`...;
`Section`/`Module`/`End` nesting; `Module X := ...` aliases (no body);
`Module Type` and functor bodies are skipped (their declarations are not
constants); `Hypothesis`/`Variable` count only outside sections (inside they are
discharged by `End`); `Parameter a b : T` and `Parameter (a : T) (b : U)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional

from leansharp_tools.errors import LeanSharpError

THEOREM_KINDS = ("Theorem", "Lemma", "Corollary", "Proposition", "Fact", "Remark", "Example",
                 "Property")
DEFINITION_KINDS = ("Definition", "Fixpoint", "CoFixpoint", "Instance",
                    "Inductive", "CoInductive", "Variant", "Record", "Structure", "Class")
AXIOM_KINDS = ("Axiom", "Axioms", "Parameter", "Parameters", "Conjecture", "Conjectures")
SECTION_LOCAL_KINDS = ("Hypothesis", "Hypotheses", "Variable", "Variables")


@dataclass
class Declaration:
    name: str  # fully qualified
    short: str
    module: str  # the library module (file) it lives in
    kind: str  # vernacular keyword, e.g. "Lemma", "Axiom"
    line: int
    is_axiom: bool  # declared without proof (Axiom/Parameter/Conjecture/top-level Hypothesis)


_TOKEN = re.compile(r'\(\*|\*\)|"')
_NOT_NL = re.compile(r"[^\n]")


def blank_comments(text: str, where: str = "<source>") -> str:
    """Replace comments (nested) and string literals' contents by spaces, keeping newlines."""
    out: List[str] = []
    pos = 0  # text[:pos] is already emitted
    depth = 0
    in_string = False
    start = 0
    for m in _TOKEN.finditer(text):
        tok, i = m.group(0), m.start()
        if i < pos:
            continue  # part of an already consumed token (e.g. `"` of a `""` escape)
        if in_string:
            if tok != '"':
                continue
            if text.startswith('""', i):  # escaped quote inside a string
                continue_pos = i + 2
                out.append(_NOT_NL.sub(" ", text[pos:continue_pos]))
                pos = continue_pos
                continue
            out.append(_NOT_NL.sub(" ", text[pos:i]) + '"')
            pos, in_string = i + 1, False
        elif depth == 0:
            if tok == '"':
                out.append(text[pos:i + 1])
                pos, in_string = i + 1, True
            elif tok == "(*":
                out.append(text[pos:i] + "  ")
                pos, depth, start = i + 2, 1, i
            # a stray `*)` outside comments is ordinary text
        else:
            if tok == "(*":
                depth += 1
            elif tok == "*)":
                depth -= 1
            else:
                continue  # quotes inside comments: ignored
            out.append(_NOT_NL.sub(" ", text[pos:i + 2]))
            pos = i + 2
    if depth > 0:
        line = text.count("\n", 0, start) + 1
        raise LeanSharpError(f"{where}:{line}: unterminated comment '(*'; close it with '*)'")
    if in_string:
        raise LeanSharpError(f"{where}: unterminated string literal")
    out.append(text[pos:])
    res = "".join(out)
    assert len(res) == len(text)
    return res


_IDENT = r"[A-Za-z_\u00C0-\uFFFF][\w'\u00C0-\uFFFF]*"
_PREFIX = (r"(?:#\[[^\]]*\]\s*)*(?:(?:Local|Global|Program|Polymorphic|Monomorphic|Private|"
           r"Cumulative|NonCumulative)\s+)*")
_DECL_RE = re.compile(
    r"^" + _PREFIX + r"(?P<kw>" + "|".join(THEOREM_KINDS + DEFINITION_KINDS + AXIOM_KINDS + SECTION_LOCAL_KINDS)
    + r")\s+(?P<rest>.*)$", re.S)
_HEAD_RE = re.compile(r"^(?:#\[[^\]]*\]\s*)*(?:(?:Local|Global)\s+)?(?P<kw>Section|Module|End)\s+(?P<rest>.*)$", re.S)
_SENTENCE_END = re.compile(r"\.(?=\s|$)")
_BULLET = re.compile(r"^(?:[-+*]+|[{}])\s*")


def sentences(clean: str):
    """(start offset of first non-blank char, sentence text without the final dot)."""
    pos = 0
    for m in _SENTENCE_END.finditer(clean):
        chunk = clean[pos:m.start()]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk[lead:]
        while True:
            b = _BULLET.match(body)
            if not b or not b.group(0):
                break
            lead += len(b.group(0))
            body = body[len(b.group(0)):]
        if body:
            yield pos + lead, body
        pos = m.end()


def _axiom_names(rest: str) -> List[str]:
    rest = rest.strip()
    if rest.startswith("("):
        return re.findall(r"\(\s*((?:" + _IDENT + r"\s*)+):", rest) and [
            n for grp in re.findall(r"\(\s*((?:" + _IDENT + r"\s+)*" + _IDENT + r")\s*:", rest) for n in grp.split()
        ]
    head = rest.split(":", 1)[0]
    return [n for n in head.split() if re.fullmatch(_IDENT, n)]


def scan_source(text: str, module: str, where: str = "<source>") -> List[Declaration]:
    clean = blank_comments(text, where)
    events = []
    for pos, sent in sentences(clean):
        m = _DECL_RE.match(sent)
        if m:
            events.append((pos, "decl", m))
            continue
        m = _HEAD_RE.match(sent)
        if m:
            events.append((pos, "head", m))
    # stack entries: (kind, name, qualifies, skip)
    stack: List[tuple] = []
    decls: List[Declaration] = []

    def lineno(pos: int) -> int:
        return clean.count("\n", 0, pos) + 1

    for pos, typ, m in events:
        kw, rest = m.group("kw"), m.group("rest").strip()
        if typ == "head":
            words = rest.split()
            if kw == "End":
                name = words[0] if words else ""
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][1] == name:
                        del stack[k:]
                        break
                continue
            if kw == "Section":
                if words:
                    stack.append(("Section", words[0], False, False))
                continue
            # Module [Type] [Import|Export] Name [binders] [: T] [:= ...]
            is_type = bool(words) and words[0] == "Type"
            ws = words[1:] if is_type else words
            while ws and ws[0] in ("Import", "Export"):
                ws = ws[1:]
            if not ws:
                continue
            name = ws[0].rstrip(":")
            tail = rest.split(name, 1)[1] if name in rest else ""
            if ":=" in tail:
                continue  # alias / functor application: no body follows
            functor = tail.lstrip().startswith("(")
            stack.append(("Module", name, True, is_type or functor))
            continue
        if any(s[3] for s in stack):
            continue  # inside a Module Type or functor body
        in_section = any(s[0] == "Section" for s in stack)
        if kw in SECTION_LOCAL_KINDS and in_section:
            continue
        if kw in AXIOM_KINDS or kw in SECTION_LOCAL_KINDS:
            names = _axiom_names(rest)
            is_axiom = True
        else:
            nm = re.match(_IDENT, rest)
            names = [nm.group(0)] if nm else []
            is_axiom = False
        prefix = ".".join([module] + [s[1] for s in stack if s[2]])
        for short in names:
            decls.append(Declaration(f"{prefix}.{short}", short, module, kw, lineno(pos), is_axiom))
    return decls
