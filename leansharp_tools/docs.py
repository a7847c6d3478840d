"""`leansharp docs`: the model of a static documentation site in doc-gen4's manner.

    site = build_docs(project_or_path, use_cache=True)   # -> DocSite (one prover run, cached)
    render.docs.write_docs(site, out_dir)                # the files

One page per module (`<module>.html`), one anchor per declaration: the declaration's
name relative to its module (`LeanSharp.Filter.Mask.html#norm_filtered_le`,
`Clean.Base.html#Inner.inner_fact`). Each declaration carries its statement as the
prover prints it (`About`, `leansharp_tools.statements`) cut into segments, every
constant of the project linked to its own anchor (`link_statement`); its kind (the
source keyword, else the prover's), its status (`leansharp status`), its source line,
what it uses and what uses it — direct dependencies listed, transitive ones counted
(`transitive_counts`). A module's header comment (the comment the file opens with) is
rendered as paragraphs, lists, headings and `[code]` (`header_blocks`). Objects the
scanner does not list (constructors, projections, ...) come last on their page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple, Union

from leansharp_tools.backends import get_backend
from leansharp_tools.backends.base import Backend, Project, Status

#: a (possibly qualified) identifier as Coq prints it
IDENT = re.compile(r"(?<![\w'.])[^\W\d][\w']*(?:\.[^\W\d][\w']*)*")
_BINDER_KW = re.compile(r"(?<![\w'.])(forall|fun|exists2?|let)\s")


@dataclass
class Ref:
    """A link to a declaration: its name, the page and anchor (`href`), its status."""

    name: str
    href: str
    status: str


@dataclass
class DocDecl:
    name: str
    anchor: str  # the name relative to its module
    module: str
    kind: str  # source keyword ("Lemma", "Definition", ...) or the prover's ("construct", ...)
    category: str  # theorem | definition | inductive | constructor | axiom | other (the badge)
    status: str
    file: str
    line: int
    statement: str
    segments: List[Tuple[str, Optional[str]]] = field(default_factory=list)  # (text, href or None)
    uses: List[Ref] = field(default_factory=list)  # direct
    used_by: List[Ref] = field(default_factory=list)  # direct
    uses_all: int = 0  # transitively
    used_by_all: int = 0
    listed: bool = True  # the source scanner lists it (else: constructor, projection, ...)


@dataclass
class DocModule:
    name: str
    file: str
    page: str  # "<module>.html"
    header: List[Tuple[str, Any]]  # header_blocks
    decls: List[DocDecl]

    @property
    def counts(self) -> Dict[str, int]:
        out: Dict[str, int] = {}
        for d in self.decls:
            if d.listed:
                out[d.status] = out.get(d.status, 0) + 1
        return out

    @property
    def summary(self) -> str:
        """The first paragraph of its header comment ("" when none)."""
        return next((str(v) for k, v in self.header if k == "p"), "")

    @property
    def listed(self) -> List[DocDecl]:
        return [d for d in self.decls if d.listed]

    @property
    def others(self) -> List[DocDecl]:
        return [d for d in self.decls if not d.listed]


@dataclass
class DocSite:
    project: str
    root: Path
    modules: List[DocModule]
    statements_note: Optional[str] = None

    def declarations(self) -> Iterable[DocDecl]:
        for m in self.modules:
            yield from m.decls

    def search_index(self) -> List[List[str]]:
        """[[name, href, kind, status], ...] of every declaration, for the search box."""
        return [[d.name, page_of(d.module) + "#" + d.anchor, d.kind, d.status] for d in self.declarations()]


def page_of(module: str) -> str:
    return f"{module}.html"


# --------------------------------------------------------------- statements

def binder_names(statement: str) -> Set[str]:
    """Names bound in `statement` by forall / fun / exists / let (so that a bound `n`
    is never linked to a constant `n`)."""
    out: Set[str] = set()
    for m in _BINDER_KW.finditer(statement):
        depth, i, seg = 0, m.end(), []
        while i < len(statement):
            c = statement[i]
            if c in "([{":
                depth += 1
            elif c in ")]}":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and (c == "," or statement.startswith(("=>", ":="), i)):
                break
            seg.append(c)
            i += 1
        out |= _names_of_binders("".join(seg))
    return out


def _names_of_binders(seg: str) -> Set[str]:
    """`x y : T`, `(x : T) {y : U}`, `` `{C x} `` -> {x, y}; the names before each ':'."""
    seg = seg.strip()
    groups: List[str] = []
    depth, cur = 0, ""
    for c in seg:
        if c in "([{" and depth == 0:
            if cur.strip() and not groups:
                groups.append(cur)
            cur = ""
            depth += 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                groups.append(cur)
                cur = ""
                continue
        cur += c
    if not groups:
        groups = [cur]
    names: Set[str] = set()
    for g in groups:
        head = g.split(":", 1)[0] if ":" in g else g
        names |= {t for t in IDENT.findall(head) if "." not in t}
    return names


class Resolver:
    """Resolves a name as printed (full, or any dotted suffix of a full name) to one of
    `names`: the only candidate, else the only one in `module`, else None."""

    def __init__(self, names: Iterable[str]) -> None:
        self.by_suffix: Dict[str, List[str]] = {}
        for n in names:
            parts = n.split(".")
            for k in range(len(parts)):
                self.by_suffix.setdefault(".".join(parts[k:]), []).append(n)

    def resolve(self, token: str, module: str = "") -> Optional[str]:
        hits = self.by_suffix.get(token, [])
        if len(hits) == 1:
            return hits[0]
        local = [h for h in hits if h.startswith(module + ".")] if module else []
        return local[0] if len(local) == 1 else None


def link_statement(statement: str, module: str, resolver: Resolver,
                   href: Mapping[str, str]) -> List[Tuple[str, Optional[str]]]:
    """`statement` cut into (text, href) segments: every identifier that resolves to a
    declaration of the project (and is not a bound name) links to its anchor."""
    bound = binder_names(statement)
    out: List[Tuple[str, Optional[str]]] = []
    last = 0
    for m in IDENT.finditer(statement):
        tok = m.group(0)
        target = None if tok in bound else resolver.resolve(tok, module)
        if target is None or target not in href:
            continue
        if m.start() > last:
            out.append((statement[last:m.start()], None))
        out.append((tok, href[target]))
        last = m.end()
    if last < len(statement):
        out.append((statement[last:], None))
    return out


# -------------------------------------------------------------- dependencies

def transitive_counts(nodes: Sequence[str], edges: Iterable[Tuple[str, str]]) -> Tuple[Dict[str, int], Dict[str, int]]:
    """({node: how many nodes it reaches}, {node: how many reach it}) over `edges`
    (u -> v: u uses v), cycles allowed; bitsets over the condensation."""
    import networkx as nx

    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)

    def count(graph: "nx.DiGraph[str]") -> Dict[str, int]:
        c = nx.condensation(graph)
        bit = {n: 1 << k for k, n in enumerate(graph)}
        reach: Dict[int, int] = {}
        for comp in reversed(list(nx.topological_sort(c))):
            r = 0
            for succ in c.successors(comp):
                r |= reach[succ]
                for member in c.nodes[succ]["members"]:
                    r |= bit[member]
            members = c.nodes[comp]["members"]
            if len(members) > 1:  # a cycle: each member reaches the others
                for member in members:
                    r |= bit[member]
            reach[comp] = r
        out: Dict[str, int] = {}
        for comp in c:
            for member in c.nodes[comp]["members"]:
                out[member] = bin(reach[comp] & ~bit[member]).count("1")
        return out

    return count(g), count(g.reverse(copy=True))


# ------------------------------------------------------------ header comment

def header_comment(text: str) -> str:
    """The comment a .v file opens with (nested comments kept), without its delimiters
    and coqdoc's extra `*`; "" when the file does not open with one."""
    s = text.lstrip()
    if not s.startswith("(*"):
        return ""
    depth, i = 0, 0
    while i < len(s):
        if s.startswith("(*", i):
            depth += 1
            i += 2
        elif s.startswith("*)", i):
            depth -= 1
            i += 2
            if depth == 0:
                return s[2:i - 2].lstrip("*").strip().rstrip("*").strip()
        else:
            i += 1
    return ""


def header_blocks(comment: str) -> List[Tuple[str, Any]]:
    """coqdoc-lite blocks of a header comment: ("h", text) for a `* Title` line,
    ("ul", [items]) for `- ` lines, ("p", text) for other paragraphs. Inline `[code]`
    stays in the text (the template renders it, `inline_code`)."""
    blocks: List[Tuple[str, Any]] = []
    for para in re.split(r"\n\s*\n", comment):
        lines = [ln.strip() for ln in para.strip().splitlines() if ln.strip()]
        if not lines:
            continue
        if len(lines) == 1 and re.match(r"^\*+\s+\S", lines[0]):
            blocks.append(("h", lines[0].lstrip("*").strip()))
        elif all(ln.startswith("- ") or not ln.startswith(("-", "*")) for ln in lines) and lines[0].startswith("- "):
            items: List[str] = []
            for ln in lines:
                if ln.startswith("- "):
                    items.append(ln[2:])
                else:
                    items[-1] += " " + ln
            blocks.append(("ul", items))
        else:
            blocks.append(("p", " ".join(lines)))
    return blocks


def inline_code(text: str) -> List[Tuple[str, bool]]:
    """`a [b] c` -> [("a ", False), ("b", True), (" c", False)] (coqdoc's [code])."""
    out: List[Tuple[str, bool]] = []
    last = 0
    for m in re.finditer(r"\[([^\[\]\n]+)\]", text):
        if m.start() > last:
            out.append((text[last:m.start()], False))
        out.append((m.group(1), True))
        last = m.end()
    if last < len(text):
        out.append((text[last:], False))
    return out


# --------------------------------------------------------------------- build

THEOREM_KEYWORDS = {"Theorem", "Lemma", "Corollary", "Proposition", "Fact", "Remark", "Example", "Goal"}
AXIOM_KEYWORDS = {"Axiom", "Axioms", "Parameter", "Parameters", "Conjecture", "Hypothesis", "Variable", "Context"}


def category(keyword: str, kind: str, prop: bool) -> str:
    if keyword in AXIOM_KEYWORDS:
        return "axiom"
    if keyword in THEOREM_KEYWORDS or (not keyword and prop and kind == "cnst"):
        return "theorem"
    if kind == "construct":
        return "constructor"
    if kind == "inductive" or keyword in ("Inductive", "CoInductive", "Record", "Structure", "Class", "Variant"):
        return "inductive"
    if keyword or kind == "cnst":
        return "definition"
    return "other"


def site_from_graph(g: Any, files: Mapping[str, str], texts: Mapping[str, str]) -> List[DocModule]:
    """The modules of a dependency graph (`graph.collect_graph(..., statements=True)`:
    node attributes module, short, kind, prop, status, file, line, keyword, statement).
    `files`: module -> source file (relative to the root), in the project's order;
    `texts`: module -> the file's text (for its header comment)."""
    nodes = [n for n, a in g.nodes(data=True) if a.get("module") in files]
    href = {n: page_of(g.nodes[n]["module"]) + "#" + n[len(g.nodes[n]["module"]) + 1:] for n in nodes}
    resolver = Resolver(nodes)
    uses_all, used_by_all = transitive_counts(nodes, [(u, v) for u, v in g.edges() if u in href and v in href])

    def ref(n: str) -> Ref:
        return Ref(n, href[n], str(g.nodes[n].get("status", "")))

    by_module: Dict[str, List[DocDecl]] = {m: [] for m in files}
    for n in nodes:
        a = g.nodes[n]
        mod = a["module"]
        kw = a.get("keyword") or ""
        st = a.get("statement") or ""
        d = DocDecl(n, n[len(mod) + 1:], mod, kw or a.get("kind", ""),
                    category(kw, a.get("kind", ""), bool(a.get("prop"))), str(a.get("status", Status.OTHER)),
                    a.get("file") or "", int(a.get("line") or 0), st,
                    link_statement(st, mod, resolver, href) if st else [],
                    [ref(v) for v in sorted(g.successors(n)) if v in href],
                    [ref(u) for u in sorted(g.predecessors(n)) if u in href],
                    uses_all.get(n, 0), used_by_all.get(n, 0), listed=bool(kw))
        by_module[mod].append(d)
    out = []
    for mod, file in files.items():
        decls = sorted(by_module[mod], key=lambda d: (not d.listed, d.line if d.listed else 0, d.name))
        out.append(DocModule(mod, file, page_of(mod), header_blocks(header_comment(texts.get(mod, ""))), decls))
    return out


def build_docs(project: Union[None, str, Path, Project] = None, use_cache: bool = True,
               backend: Optional[Backend] = None) -> DocSite:
    """The documentation site of a built project (statuses from `leansharp status`,
    the graph from coq-dpdgraph, statements from `About`; all cached)."""
    from leansharp_tools.graph import collect_graph
    from leansharp_tools.status import open_project

    backend = backend or get_backend()
    proj = open_project(project, backend)
    g = collect_graph(proj, use_cache=use_cache, backend=backend, statements=True)
    files = {proj.module_of(f): Path(f).as_posix() for f in proj.files}
    texts: Dict[str, str] = {}
    for mod, f in files.items():
        try:
            texts[mod] = (proj.root / f).read_text(encoding="utf-8", errors="replace")
        except OSError:
            texts[mod] = ""
    return DocSite(proj.name, proj.root, site_from_graph(g, files, texts), g.graph.get("statements_note"))
