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

A Theorem-like declaration is marked `admitted` when the first proof terminator
before the next declaration is `Admitted.`/`Abort.` (a textual hint for the map
without a build; the prover's verdict comes from `leansharp status`).
"""

from __future__ import annotations

import re
from typing import Iterator, List, Tuple

from leansharp_tools.backends.base import Declaration
from leansharp_tools.errors import LeanSharpError

THEOREM_KINDS = ("Theorem", "Lemma", "Corollary", "Proposition", "Fact", "Remark", "Example",
                 "Property")
DEFINITION_KINDS = ("Definition", "Fixpoint", "CoFixpoint", "Instance",
                    "Inductive", "CoInductive", "Variant", "Record", "Structure", "Class")
AXIOM_KINDS = ("Axiom", "Axioms", "Parameter", "Parameters", "Conjecture", "Conjectures")
SECTION_LOCAL_KINDS = ("Hypothesis", "Hypotheses", "Variable", "Variables")


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
_PROOF_END_RE = re.compile(r"\b(Qed|Defined|Admitted|Abort)\s*\.")


def sentences(clean: str) -> Iterator[Tuple[int, str]]:
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
        groups = re.findall(r"\(\s*((?:" + _IDENT + r"\s+)*" + _IDENT + r")\s*:", rest)
        return [n for grp in groups for n in grp.split()]
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
    stack: List[Tuple[str, str, bool, bool]] = []
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
    _mark_admitted(decls, clean)
    return decls


def _mark_admitted(decls: List[Declaration], clean: str) -> None:
    lines = clean.splitlines()
    starts = sorted({d.line for d in decls})
    for d in decls:
        if d.kind in THEOREM_KINDS:
            nxt = next((ln for ln in starts if ln > d.line), len(lines) + 1)
            end = _PROOF_END_RE.search("\n".join(lines[d.line - 1 : nxt - 1]))
            d.admitted = bool(end and end.group(1) in ("Admitted", "Abort"))
