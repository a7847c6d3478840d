"""The blueprint behind `leansharp blueprint`: the roadmap as a graph of results, in
the spirit of leanblueprint's dependency graph.

    bp = build_blueprint(project)       # -> Blueprint (needs a build: statuses, coq-dpdgraph, About)
    bp.to_json()                        # what `leansharp blueprint --json` prints
    blueprint_html(bp, output)          # leansharp_tools.render.pages: the page

One node per `roadmap.toml` item, coloured by its status (`roadmap.item_status`:
proved / partial / open). There is an arrow A -> B when a declaration of A uses,
transitively, one of B's declarations (`item_relation`, on the coq-dpdgraph graph;
only the `declarations` field counts, not witnesses). The page draws the transitive
reduction of that relation (every implied arrow on request). Each item carries its
declarations, witnesses and filters with status, source line and Coq statement (as
`About` prints it, `leansharp_tools.statements`), its upstream links (GitHub permalinks
at a pinned commit), and its code, agreement and test links (resolved as for `leansharp map`).

Layout (`layout_items`): columns by depth in the drawn graph (column 0 uses no other
item; items linked to no other item get a last column of their own), order within a
column by a few barycenter sweeps against the neighbouring items, so arrows cross less.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple, Union

import networkx as nx

from leansharp_tools.backends import get_backend
from leansharp_tools.backends.base import Backend, Project, Status
from leansharp_tools.graph import _layers, collect_graph
from leansharp_tools.map import build_map, load_items
from leansharp_tools.map.model import DeclLink
from leansharp_tools.roadmap import CodeLink, ItemState, TestLink, find_roadmap
from leansharp_tools.statements import statements_or_note
from leansharp_tools.status import collect_status, open_project
from leansharp_tools.upstream import UpstreamLink

SCHEMA = "leansharp-blueprint/1"
BOXH, ROWH, COLGAP, LEFT, TOP = 36, 46, 70, 20, 44
STATE_ORDER = {ItemState.OPEN: 0, ItemState.PARTIAL: 1, ItemState.FOUND: 2, ItemState.PROVED: 3}


@dataclass
class BpDecl:
    """A declaration, witness or filters name of an item."""

    name: str
    short: str
    status: str
    kind: str = ""
    file: str = ""  # relative to the project root ("" when not found)
    line: int = 0
    statement: str = ""  # as the prover prints it ("" when unknown)

    def to_json(self) -> Dict[str, Any]:
        return {"name": self.name, "status": self.status, "kind": self.kind, "file": self.file, "line": self.line,
                "statement": self.statement}


@dataclass
class BpItem:
    id: str
    title: str
    spec: str
    tier: Optional[int]  # None: the roadmap gives none
    headline: bool
    status: str  # roadmap.ItemState
    declarations: List[BpDecl]
    witnesses: List[BpDecl]
    filters: List[BpDecl]
    code: List[CodeLink]
    test: List[TestLink]
    statement: str = ""  # the result in words (title: its short form)
    upstream: List[UpstreamLink] = field(default_factory=list)  # the upstream lines it is about (permalinks)
    agreement: List[TestLink] = field(default_factory=list)  # tests of its code against upstream outputs
    uses: List[str] = field(default_factory=list)  # items one of its declarations uses (transitively)
    used_by: List[str] = field(default_factory=list)
    direct: List[str] = field(default_factory=list)  # the arrows drawn from it (transitive reduction)
    box: str = ""  # the SVG id of its box
    label: Tuple[str, str] = ("", "")  # the two lines on its box: "★ area." and the rest of the id
    x: float = 0.0
    y: float = 0.0
    column: int = 0

    def to_json(self) -> Dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "statement": self.statement, "spec": self.spec, "tier": self.tier,
            "headline": self.headline,
            "status": str(self.status), "declarations": [d.to_json() for d in self.declarations],
            "witness": [d.to_json() for d in self.witnesses], "filters": [d.to_json() for d in self.filters],
            "code": [{"target": c.target, "found": c.found, "location": c.location} for c in self.code],
            "test": [{"target": t.target, "found": t.found, "location": t.location} for t in self.test],
            "upstream": [u.to_json() for u in self.upstream],
            "agreement": [{"target": t.target, "found": t.found, "location": t.location} for t in self.agreement],
            "uses": self.uses, "used_by": self.used_by, "direct": self.direct,
        }


@dataclass
class Blueprint:
    project: str  # the project's name
    root: Path
    items: List[BpItem]
    edges: List[Tuple[str, str, bool]]  # (user item, used item, drawn: in the transitive reduction)
    statements_note: Optional[str] = None  # why there are no statements, when the prover could not answer
    width: float = 0.0
    height: float = 0.0
    box_width: float = 0.0
    box_height: float = BOXH
    columns: List[Tuple[float, str]] = field(default_factory=list)  # (x, heading)
    paths: List[Tuple[str, str, str, bool]] = field(default_factory=list)  # (box u, box v, SVG path, implied)
    adjacency: Dict[str, List[str]] = field(default_factory=dict)  # box id -> box ids (drawn arrows)
    modules: List[str] = field(default_factory=list)  # the project's modules (for links into its docs pages)

    @property
    def counts(self) -> Dict[str, int]:
        out = {str(s): 0 for s in (ItemState.PROVED, ItemState.PARTIAL, ItemState.OPEN)}
        for it in self.items:
            out[str(it.status)] = out.get(str(it.status), 0) + 1
        return out

    @property
    def not_proved(self) -> List[BpItem]:
        return [it for it in self.items if it.status not in (ItemState.PROVED, ItemState.FOUND)]

    def item(self, item_id: str) -> BpItem:
        return next(it for it in self.items if it.id == item_id)

    def to_json(self) -> Dict[str, Any]:
        """{"schema": "leansharp-blueprint/1", "project", "root", "counts": {proved, partial, open},
        "items": [{id, title, spec, tier, headline, status, declarations: [{name, status, kind, file,
        line, statement}], witness, filters, code, test, upstream: [{repo, commit, path, lines, permalink}],
        agreement, uses, used_by, direct}],
        "edges": [{"source": user item, "target": used item, "direct": in the transitive reduction}]}"""
        return {"schema": SCHEMA, "project": self.project, "root": str(self.root), "counts": self.counts,
                "items": [it.to_json() for it in self.items],
                "edges": [{"source": u, "target": v, "direct": d} for u, v, d in self.edges]}


# ------------------------------------------------------------------- the relation

def item_relation(decls: Mapping[str, Sequence[str]], g: nx.DiGraph) -> Set[Tuple[str, str]]:
    """{(A, B)}: a declaration of item A uses, transitively in `g`, a declaration of item
    B (A != B). `decls`: item id -> its declaration names (names not in `g` are ignored)."""
    owners: Dict[str, Set[str]] = {}
    for item, names in decls.items():
        for n in names:
            if n in g:
                owners.setdefault(n, set()).add(item)
    below: Dict[str, Set[str]] = {}
    rel: Set[Tuple[str, str]] = set()
    for item, names in decls.items():
        reached: Set[str] = set()
        for n in names:
            if n in g:
                if n not in below:
                    below[n] = nx.descendants(g, n)
                reached |= below[n]
        for n in reached & owners.keys():
            rel.update((item, other) for other in owners[n] if other != item)
    return rel


def drawn_edges(ids: Iterable[str], rel: Set[Tuple[str, str]]) -> Set[Tuple[str, str]]:
    """The arrows to draw: the transitive reduction of `rel`. Items on a cycle (each uses
    the other) keep their arrows between them; between strongly connected groups only
    the arrows of the reduced condensation are kept."""
    h: nx.DiGraph = nx.DiGraph()
    h.add_nodes_from(ids)
    h.add_edges_from(rel)
    if nx.is_directed_acyclic_graph(h):
        return set(nx.transitive_reduction(h).edges())
    c = nx.condensation(h)
    comp = c.graph["mapping"]
    kept = set(nx.transitive_reduction(c).edges())
    return {(u, v) for u, v in rel if comp[u] == comp[v] or (comp[u], comp[v]) in kept}


# ------------------------------------------------------------------------- layout

def assemble_blueprint(proj: Project, items: List[BpItem], rel: Set[Tuple[str, str]],
                       note: Optional[str]) -> Blueprint:
    """The blueprint of `items` under the relation `rel` (item A uses item B): each item's
    uses / used-by / drawn (direct) arrows, the edges in item order, and the layout."""
    direct = drawn_edges([it.id for it in items], rel)
    order = {it.id: k for k, it in enumerate(items)}
    for it in items:
        it.uses = sorted((v for u, v in rel if u == it.id), key=order.__getitem__)
        it.used_by = sorted((u for u, v in rel if v == it.id), key=order.__getitem__)
        it.direct = sorted((v for u, v in direct if u == it.id), key=order.__getitem__)
    edges = sorted(((u, v, (u, v) in direct) for u, v in rel), key=lambda e: (order[e[0]], order[e[1]]))
    bp = Blueprint(proj.name, proj.root, items, edges, statements_note=note, modules=proj.modules())
    layout_items(bp)
    return bp


def _mean(xs: List[float], default: float) -> float:
    return sum(xs) / len(xs) if xs else default


def layout_items(bp: Blueprint) -> None:
    """Set each item's column, box and position, and the page's paths (see the module doc)."""
    ids = [it.id for it in bp.items]
    items = {it.id: it for it in bp.items}
    drawn = [(u, v) for u, v, d in bp.edges if d]
    h: nx.DiGraph = nx.DiGraph()
    h.add_nodes_from(ids)
    h.add_edges_from(drawn)
    linked = [i for i in ids if h.degree(i) > 0]
    layers = _layers(h.subgraph(linked)) if linked else {}
    ncols = max(layers.values()) + 1 if layers else 0
    cols: List[List[str]] = [[] for _ in range(ncols)]
    for i in sorted(linked, key=lambda i: (items[i].tier or 0, i)):
        cols[layers[i]].append(i)
    frac: Dict[str, float] = {}

    def reindex() -> None:
        for col in cols:
            for r, i in enumerate(col):
                frac[i] = (r + 0.5) / len(col)

    reindex()
    for _sweep in range(4):
        for c in list(range(1, ncols)) + list(range(ncols - 2, -1, -1)):
            cols[c].sort(key=lambda i: _mean([frac[j] for j in list(h.successors(i)) + list(h.predecessors(i))],
                                             frac[i]))
            reindex()
    isolated = sorted((i for i in ids if i not in layers),
                      key=lambda i: (STATE_ORDER.get(ItemState(items[i].status), 0), items[i].tier or 0, i))
    if isolated:
        cols.append(isolated)
    for it in bp.items:
        area, dot, rest = it.id.partition(".")
        it.label = (("\u2605 " if it.headline else "") + area + dot, rest)
    bp.box_width = max([150.0] + [7.0 * max(len(it.label[0]) + 4, len(it.label[1])) + 20 for it in bp.items])
    tallest = max((len(c) for c in cols), default=0)
    for c, col in enumerate(cols):
        x = LEFT + c * (bp.box_width + COLGAP)
        top = TOP + (tallest - len(col)) * ROWH / 2
        heading = ("not linked to another item" if isolated and c == len(cols) - 1
                   else "uses no other item" if c == 0 else f"depth {c}")
        bp.columns.append((x, heading))
        for r, i in enumerate(col):
            it = items[i]
            it.column, it.x, it.y = c, x, top + r * ROWH
    for k, it in enumerate(bp.items):
        it.box = f"i{k}"
    bp.width = LEFT + len(cols) * (bp.box_width + COLGAP)
    bp.height = TOP + tallest * ROWH + 20
    for u, v, direct in sorted(bp.edges, key=lambda e: (not e[2], e[0], e[1])):
        a, b = items[u], items[v]
        sx, sy, tx, ty = a.x, a.y + BOXH / 2, b.x + bp.box_width, b.y + BOXH / 2
        mx = (sx + tx) / 2
        bp.paths.append((a.box, b.box, f"M{sx:.1f},{sy:.1f} C{mx:.1f},{sy:.1f} {mx:.1f},{ty:.1f} {tx:.1f},{ty:.1f}",
                         not direct))
    bp.adjacency = {it.box: [items[v].box for v in it.direct] for it in bp.items}


# -------------------------------------------------------------------------- build

def _decls(links: List[DeclLink], statements: Mapping[str, str]) -> List[BpDecl]:
    return [BpDecl(d.name, d.name.rsplit(".", 1)[-1], str(d.status), d.location.kind if d.location else "",
                   d.location.file if d.location else "", d.location.line if d.location else 0,
                   statements.get(d.name, "")) for d in links]


def build_blueprint(project: Union[None, str, Path, Project] = None, use_cache: bool = True,
                    backend: Optional[Backend] = None) -> Blueprint:
    """The blueprint of the project's roadmap (see the module doc). Needs a build; a
    malformed roadmap.toml is a one-line error before any prover run; without one, the
    modules and their theorems (`no_roadmap.source_blueprint`)."""
    backend = backend or get_backend()
    proj = open_project(project, backend)
    if find_roadmap(proj.root) is None:  # no roadmap: the modules and their theorems, from the sources
        from leansharp_tools.no_roadmap import source_blueprint

        return source_blueprint(proj, use_cache, backend)
    load_items(proj.root)
    proj.require_built()
    report = collect_status(proj, use_cache=use_cache, backend=backend, with_roadmap=False)
    g = collect_graph(proj, use_cache=use_cache, backend=backend, statuses=report.by_name())
    pmap = build_map(proj, {d.name: d.status for d in report.declarations}, backend)
    named = {d.name for it in pmap.items for d in it.declarations + it.witnesses + it.filters if d.name in g}
    modules = {g.nodes[n]["module"] for n in named}
    # every node of those modules, so the cache entries are the graph page's too
    batches: Dict[str, List[str]] = {}
    for n, a in g.nodes(data=True):
        if a.get("module") in modules:
            batches.setdefault(a["module"], []).append(n)
    statements, note = statements_or_note(proj, batches, backend, use_cache)
    items = [BpItem(im.id, im.title, im.spec, im.tier, im.headline, str(im.status),
                    _decls(im.declarations, statements), _decls(im.witnesses, statements),
                    _decls(im.filters, statements), im.code, im.test, statement=im.statement or im.title,
                    upstream=im.upstream, agreement=im.agreement)
             for im in pmap.items]
    rel = item_relation({im.id: [d.name for d in im.declarations if d.status != Status.MISSING]
                         for im in pmap.items}, g)
    return assemble_blueprint(proj, items, rel, note)
