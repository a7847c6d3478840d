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

Declarations Coq names itself: an anonymous `Instance : C args` is `C_instance_N`
(Coq 8.16's rule: the smallest N whose name is still free in the enclosing module,
sections included); `Canonical [Structure] x ... := ...` declares x (`Canonical x.` of
an existing x declares nothing). A `Program` declaration x also declares its
obligations x_obligation_1, x_obligation_2, ...: how many only Coq knows, so the scan
lists x in `SourceScan.programs` with the lines of the `Admitted` of each `Next
Obligation`/`Obligation N` proof, and `leansharp status` asks Coq for the names.

A Theorem-like declaration is marked `admitted` when the first proof terminator
before the next declaration is `Admitted.`/`Abort.` (a textual hint for the map
without a build; the prover's verdict comes from `leansharp status`).
"""

from __future__ import annotations

import bisect
import re
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple, Union

from leansharp_tools.backends.base import AssumptionSite, Declaration, ProgramDecl, SiteKind, SourceScan
from leansharp_tools.backends.coq.names import free_name, instance_class
from leansharp_tools.errors import LeanSharpError

THEOREM_KINDS = ("Theorem", "Lemma", "Corollary", "Proposition", "Fact", "Remark", "Example",
                 "Property")
DEFINITION_KINDS = ("Definition", "Fixpoint", "CoFixpoint", "Instance",
                    "Inductive", "CoInductive", "Variant", "Record", "Structure", "Class")
AXIOM_KINDS = ("Axiom", "Axioms", "Parameter", "Parameters", "Conjecture", "Conjectures")
SECTION_LOCAL_KINDS = ("Hypothesis", "Hypotheses", "Variable", "Variables", "Context")


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


_OPENERS = {"(": ")", "{": "}", "[": "]"}


def _binder_groups(rest: str) -> Iterator[Tuple[bool, str]]:
    """The top-level binder groups of `Context`'s argument: (generalizing: a backquote before it, contents)."""
    i, n = 0, len(rest)
    while i < n:
        c = rest[i]
        generalizing = c in "`!"
        if generalizing:
            i += 1
            while i < n and rest[i] in "`!":
                i += 1
            c = rest[i] if i < n else ""
        if c not in _OPENERS:
            i += 1
            continue
        depth, j = 0, i
        while j < n:
            if rest[j] in _OPENERS:
                depth += 1
            elif rest[j] in _OPENERS.values():
                depth -= 1
                if depth == 0:
                    break
            j += 1
        yield generalizing, rest[i + 1:j]
        i = j + 1


def _context_names(rest: str) -> Tuple[List[str], int]:
    """The names bound by `Context BINDERS` and how many binders have no name the text
    shows (`` `{C} ``, `(_ : T)`: Coq makes one up)."""
    if rest.strip().lstrip("`!")[:1] not in _OPENERS:
        return _axiom_names(rest), 0
    names: List[str] = []
    anonymous = 0
    for generalizing, body in _binder_groups(rest):
        head, colon, typ = body.partition(":")
        words = head.split()
        if colon and not typ.startswith("=") and words and all(re.fullmatch(_IDENT + "|_", w) for w in words):
            names += [w for w in words if w != "_"]
            anonymous += sum(1 for w in words if w == "_")
        elif not colon and not generalizing and words and all(re.fullmatch(_IDENT, w) for w in words):
            names += words  # `{A B}`: binders without a type
        else:
            anonymous += 1
    return names, anonymous


_ATTRS = r"(?:#\[[^\]]*\]\s*)*"
_LOCALITY = r"(?:(?:Local|Global|Export)\s+)?"
_SITE_RES: Tuple[Tuple[str, "re.Pattern[str]"], ...] = (
    ("unset", re.compile(r"^" + _ATTRS + _LOCALITY + r"Unset\s+(?P<what>Guard|Positivity|Universe)\s+Checking\b")),
    ("declare-module", re.compile(r"^" + _ATTRS + _LOCALITY + r"Declare\s+Module\s+(?:(?:Import|Export)\s+)?"
                                  r"(?P<name>" + _IDENT + r")")),
    ("declare-instance", re.compile(r"^" + _ATTRS + _LOCALITY + r"Declare\s+Instance\b\s*(?P<name>" + _IDENT + r")?")),
    ("admit-obligations", re.compile(r"^" + _ATTRS + r"Admit\s+Obligations\b")),
    ("obligation", re.compile(r"^" + _ATTRS + r"(?:Next\s+Obligation|Obligation\s+\d+)\b")),
    ("load", re.compile(r"^" + _ATTRS + r"Load\b")),
    ("canonical", re.compile(r"^" + _ATTRS + _LOCALITY + r"Canonical\s+(?:Structure\s+)?(?P<name>" + _IDENT
                             + r")(?P<rest>.*)$", re.S)),
    ("ml-module", re.compile(r"^" + _ATTRS + _LOCALITY + r"Declare\s+ML\s+Module\b")),
)
#: the first words of the sentences `scan_file` looks at (any other sentence is skipped)
_FIRST_WORDS = frozenset(
    THEOREM_KINDS + DEFINITION_KINDS + AXIOM_KINDS + SECTION_LOCAL_KINDS
    + ("Local", "Global", "Export", "Program", "Polymorphic", "Monomorphic", "Private", "Cumulative",
       "NonCumulative", "Unset", "Declare", "Admit", "Next", "Obligation", "Load", "Qed", "Defined", "Admitted",
       "Abort", "Save", "Section", "Module", "End", "Canonical"))
_BYPASS_RE = re.compile(r"^(?:#\[[^\]]*\]\s*)*#\[[^\]]*\bbypass_check\b(?P<args>[^\]]*)\]")
_PROGRAM_RE = re.compile(r"^(?:#\[[^\]]*\bprogram\b[^\]]*\]|(?:#\[[^\]]*\]\s*)*(?:(?:Local|Global|Polymorphic|"
                         r"Monomorphic|Private|Cumulative|NonCumulative)\s+)*Program\b)")
_TERMINATOR_RE = re.compile(r"^(?P<kw>Qed|Defined|Admitted|Abort|Save)\b")


def scan_source(text: str, module: str, where: str = "<source>") -> List[Declaration]:
    """The declarations of a source file (see `scan_file`)."""
    return scan_file(text, module, where).declarations


def scan_file(text: str, module: str, where: str = "<source>") -> SourceScan:
    """Declarations, assumption sites and scopes of one file (`where`: its path, for
    messages and `AssumptionSite.file`)."""
    clean = blank_comments(text, where)
    out = SourceScan()
    # stack entries: (kind, name, qualifies, skip, is_type)
    stack: List[Tuple[str, str, bool, bool, bool]] = []
    offsets = _line_starts(clean)
    # the declaration whose proof is open: a scanned Declaration, or a str describing one
    # the text declares without a Declaration (a lemma of a functor body, an obligation)
    # (or the Program declaration whose obligation is open)
    open_proof: Optional[Union[Declaration, ProgramDecl, Tuple[str, Optional[str]]]] = None
    used: Dict[str, Set[str]] = {}  # module path -> the names declared in it so far

    def lineno(pos: int) -> int:
        return bisect.bisect_right(offsets, pos)

    def scope() -> str:
        return ".".join(s[1] for s in stack if s[2])

    def site(kind: SiteKind, pos: int, text_: str, declares: Sequence[str] = ()) -> None:
        out.sites.append(AssumptionSite(where, lineno(pos), kind, text_, module=module, scope=scope(),
                                        declares=list(declares)))

    for pos, sent in sentences(clean):
        if not sent.startswith("#[") and sent.split(None, 1)[0] not in _FIRST_WORDS:
            continue  # a tactic, a notation, ...: nothing this scan looks for
        in_type = any(s[4] for s in stack)
        in_functor = any(s[3] and not s[4] for s in stack)
        in_section = any(s[0] == "Section" for s in stack)
        flat = " ".join(sent.split())
        b = _BYPASS_RE.match(sent)
        if b:
            what = ", ".join(a.strip() for a in b.group("args").strip("()= ").split(",") if a.strip()) or "all"
            site(SiteKind.BYPASS, pos, f"{_head(_strip_attrs(flat))}: accepted with {what} checking bypassed")
        t = _TERMINATOR_RE.match(sent)
        if t:
            if t.group("kw") == "Admitted" and not in_type:
                if isinstance(open_proof, ProgramDecl):
                    open_proof.admitted_lines.append(lineno(pos))
                elif isinstance(open_proof, Declaration):
                    if open_proof.kind in THEOREM_KINDS:
                        open_proof.admitted = True
                else:
                    what, name = open_proof or ("a proof", None)
                    site(SiteKind.ADMITTED, pos, f"Admitted: {what} is assumed, not proved", [name] if name else [])
            elif t.group("kw") == "Abort" and isinstance(open_proof, Declaration) and open_proof.kind in THEOREM_KINDS:
                open_proof.admitted = True
            open_proof = None
            continue
        kind_match = next(((k, m) for k, rx in _SITE_RES if (m := rx.match(sent))), None)
        if kind_match is not None:
            what_kind, m = kind_match
            if what_kind == "unset":
                site(SiteKind.UNSET_CHECKING, pos, f"{flat}: what follows is accepted unchecked")
            elif what_kind == "declare-module" and not in_type:
                site(SiteKind.DECLARE_MODULE, pos, f"{_head(flat)}: its fields are assumed", [m.group("name")])
                out.scopes.setdefault(".".join(filter(None, (scope(), m.group("name")))), lineno(pos))
            elif what_kind == "declare-instance" and not in_type:
                site(SiteKind.AXIOM, pos, f"{_head(flat)}: an instance assumed without proof",
                     [m.group("name")] if m.group("name") else [])
            elif what_kind == "admit-obligations" and not in_type:
                site(SiteKind.ADMITTED, pos, "Admit Obligations: the pending obligations are assumed, not proved")
            elif what_kind == "obligation":
                named = re.search(r"\bof\s+(" + _IDENT + r")", flat)
                program = (next((p for p in reversed(out.programs) if p.decl.short == named.group(1)), None)
                           if named else out.programs[-1] if out.programs else None)
                open_proof = program if program is not None and not in_functor and not in_type else (
                    f"the obligation of `{flat}`", None)
            elif what_kind in ("load", "ml-module"):
                site(SiteKind.UNCHECKED, pos, f"{_head(flat)}: the gate cannot see what it declares")
            if what_kind != "canonical":
                continue
            rest = m.group("rest").strip()
            if not rest or rest[0] not in "({[:`!|":
                continue  # `Canonical x.`: makes an existing x canonical, declares nothing
        m = _DECL_RE.match(sent) if kind_match is None else None
        if m or kind_match is not None:
            kw, rest = (m.group("kw"), m.group("rest").strip()) if m else ("Canonical", sent)
            if in_type:
                continue  # a field of a module type: a signature, not an assumption
            local = kw in SECTION_LOCAL_KINDS
            if local and in_section:
                continue  # discharged by `End`
            anonymous = 0
            if kw == "Context":
                names, anonymous = _context_names(rest)
            elif kw in AXIOM_KINDS or local:
                names = _axiom_names(rest)
            elif kw == "Canonical":
                names = [kind_match[1].group("name")] if kind_match else []
            elif kw == "Instance" and rest.startswith(":") and not rest.startswith(":="):
                names = [free_name(f"{instance_class(rest[1:])}_instance_", used.setdefault(scope(), set()))]
            else:
                nm = re.match(_IDENT, rest)
                names = [nm.group(0)] if nm else []
            used.setdefault(scope(), set()).update(names)
            is_axiom = kw in AXIOM_KINDS or local
            if in_functor:
                if is_axiom:
                    site(SiteKind.AXIOM, pos, f"{_head(flat)}: assumed in every instance of the functor", names)
                else:
                    open_proof = (f"{kw} {names[0]}" if names else kw, names[0] if names else None)
                continue
            if anonymous:
                site(SiteKind.AXIOM, pos, f"{_head(flat)}: {anonymous} binder(s) Coq names itself, assumed")
            prefix = ".".join([module] + [s[1] for s in stack if s[2]])
            for short in names:
                out.declarations.append(Declaration(f"{prefix}.{short}", short, module, kw, lineno(pos), is_axiom))
            if names and not is_axiom:
                open_proof = out.declarations[-1]
                if _PROGRAM_RE.match(sent):
                    out.programs.append(ProgramDecl(out.declarations[-1]))
            continue
        m = _HEAD_RE.match(sent)
        if not m:
            continue
        kw, rest = m.group("kw"), m.group("rest").strip()
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
                stack.append(("Section", words[0], False, False, False))
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
        path = ".".join([s[1] for s in stack if s[2]] + [name])
        out.scopes.setdefault(path, lineno(pos))
        if ":=" in tail:
            continue  # alias / functor application: no body follows
        functor = tail.lstrip().startswith("(")
        stack.append(("Module", name, True, is_type or functor, is_type))
    return out


def _head(flat: str, width: int = 60) -> str:
    """A sentence shortened for a message."""
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _line_starts(text: str) -> List[int]:
    """Offsets where lines 2, 3, ... start (`bisect_right(starts, pos)` is pos's line)."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _strip_attrs(flat: str) -> str:
    """A sentence without its leading `#[...]` attributes."""
    return re.sub(r"^(?:#\[[^\]]*\]\s*)+", "", flat)
