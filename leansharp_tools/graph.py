"""The declaration dependency graph as a networkx DiGraph.

    dg = backend.dependency_graph(proj, modules)      # DependencyGraph (one prover run)
    g = to_networkx(dg, statuses)                     # nodes: fully qualified names
    g = restrict_to(g, "Filter.Mask.norm_filtered_le")  # what DECL depends on
    longest_chain(g); summary(g); to_json(g); layout(g)  # rendering: leansharp_tools.render
    g = collect_graph(path, root=None, statements=True)  # + each node's statement (html page)
    reachable(g, "norm_filtered_le", "uses"); reachable(g, "inner", "used-by")  # transitive lists
    unused_report(path)                               # what nothing uses (dpdusage), roadmap-marked

Edge u -> v means "u uses v". Only the project's own declarations are nodes (the
backend leaves the standard library and other installed libraries out). Node
attributes: short, module, kind (the prover's: cnst / inductive / construct / ...),
prop (bool: a proof), body (bool), status (a `Status` from `leansharp status`; OTHER
for objects the status report does not list, e.g. constructors; UNKNOWN with
--no-status), file, line (from the source scan; "" and 0 for objects it does not
list), keyword (the vernacular keyword from the scan, e.g. "Lemma"; "" for objects it
does not list; set by `collect_graph`), and with `statements=True` statement (as the prover prints it;
"" when unknown).
Graph attributes: project (the project's name), root (its directory).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

import networkx as nx

from leansharp_tools.backends import get_backend
from leansharp_tools.backends.base import Backend, Declaration, DependencyGraph, GraphNode, Project, Status
from leansharp_tools.cache import digest, file_sha256, load_cache, save_cache
from leansharp_tools.docs import category
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.roadmap import ROLES, find_roadmap, load_roadmap
from leansharp_tools.statements import by_module, statements_or_note
from leansharp_tools.status import DeclStatus, collect_status, open_project, select_modules

SCHEMA = "leansharp-graph/1"
USES_SCHEMA = "leansharp-uses/1"
UNUSED_SCHEMA = "leansharp-unused/1"
QUERIES = ("uses", "used-by")
CACHE = "graph"
CACHE_VERSION = 2


def to_networkx(dg: DependencyGraph, statuses: Optional[Mapping[str, DeclStatus]] = None,
                locations: Optional[Mapping[str, Tuple[str, int]]] = None) -> nx.DiGraph:
    """`locations`: {name: (file, line)} from the source scan, for nodes `statuses` does not give."""
    g: nx.DiGraph[str] = nx.DiGraph()
    for n in dg.nodes:
        st = statuses.get(n.name) if statuses else None
        file, line = (st.file, st.line) if st is not None else (locations or {}).get(n.name, ("", 0))
        g.add_node(n.name, short=n.short, module=n.module, kind=n.kind, prop=n.prop, body=n.body,
                   status=st.status if st is not None else (Status.OTHER if statuses else Status.UNKNOWN),
                   file=file, line=line)
    for u, v, weight in dg.edges:
        g.add_edge(u, v, uses=weight)
    return g


def find_node(g: nx.DiGraph, decl: str) -> str:
    if decl in g:
        return decl
    hits = [n for n in g if n.endswith("." + decl)]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise LeanSharpError(f"unknown declaration '{decl}' (not in the project's dependency graph); "
                             f"give a name listed by `leansharp status --all`")
    raise LeanSharpError(f"declaration '{decl}' is ambiguous: {', '.join(sorted(hits)[:5])}; give more of its path")


def restrict_to(g: nx.DiGraph, decl: str) -> nx.DiGraph:
    """DECL and everything it (transitively) depends on."""
    root = find_node(g, decl)
    keep = nx.descendants(g, root) | {root}
    return g.subgraph(keep).copy()


def longest_chain(g: nx.DiGraph) -> List[str]:
    """Longest dependency chain, from the most dependent declaration down to a foundation."""
    if g.number_of_nodes() == 0:
        return []
    if nx.is_directed_acyclic_graph(g):
        return list(nx.dag_longest_path(g))
    c = nx.condensation(g)
    return [sorted(c.nodes[k]["members"])[0] for k in nx.dag_longest_path(c)]


def summary(g: nx.DiGraph, root: Optional[str] = None) -> Dict[str, Any]:
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "root": root,
            "longest_chain": longest_chain(g)}


def _dependency_graph(proj: Project, backend: Backend, use_cache: bool) -> DependencyGraph:
    """The backend's graph of every module, cached in `.leansharp/cache/graph.json`
    keyed on the sha256 of every compiled file."""
    key = digest(f"{f}:{file_sha256(proj.compiled(f))}" for f in proj.files)
    cache = load_cache(proj.root, CACHE, CACHE_VERSION) if use_cache else {}
    if cache.get("key") == key:
        return DependencyGraph([GraphNode(**n) for n in cache["nodes"]], [(u, v, w) for u, v, w in cache["edges"]])
    backend.require_installed()
    dg = backend.dependency_graph(proj, proj.modules())
    save_cache(proj.root, CACHE, {"version": CACHE_VERSION, "key": key,
                                  "nodes": [asdict(n) for n in dg.nodes], "edges": dg.edges})
    return dg


def scanned_declarations(proj: Project, backend: Backend) -> Dict[str, Tuple[str, Declaration]]:
    """{name: (source file, Declaration)} of every declaration the backend's scanner finds
    (source order; a file that is missing is skipped: `leansharp build` reports it)."""
    out: Dict[str, Tuple[str, Declaration]] = {}
    for f in proj.files:
        if (proj.root / f).is_file():
            for d in backend.declarations(proj, f):
                out.setdefault(d.name, (Path(f).as_posix(), d))
    return out


def add_statements(g: nx.DiGraph, proj: Project, backend: Backend, use_cache: bool = True) -> Optional[str]:
    """Set every node's `statement` (as the prover prints it; "" when it has none);
    returns why there are none when the prover could not answer."""
    texts, note = statements_or_note(proj, by_module(g, {n: a.get("module", "") for n, a in g.nodes(data=True)}),
                                     backend, use_cache)
    for n in g:
        g.nodes[n]["statement"] = texts.get(n, "")
    g.graph["statements_note"] = note
    return note


def collect_graph(project: Union[None, str, Path, Project] = None, root: Optional[str] = None,
                  use_cache: bool = True, with_status: bool = True, backend: Optional[Backend] = None,
                  statements: bool = False, statuses: Optional[Mapping[str, DeclStatus]] = None) -> nx.DiGraph:
    """The project's dependency graph (restricted to what `root` depends on when given),
    nodes coloured by `leansharp status` (`statuses`: its `by_name()` when the caller has
    it already); with `statements`, each node's statement."""
    backend = backend or get_backend()
    proj = open_project(project, backend)
    proj.require_built()
    dg = _dependency_graph(proj, backend, use_cache)
    if statuses is None and with_status:
        statuses = collect_status(proj, use_cache=use_cache, backend=backend, with_roadmap=False).by_name()
    scanned = scanned_declarations(proj, backend)
    g = to_networkx(dg, statuses, {n: (f, d.line) for n, (f, d) in scanned.items()})
    for n in g:
        g.nodes[n]["keyword"] = scanned[n][1].kind if n in scanned else ""
    g.graph.update(project=proj.name, root=str(proj.root))
    if statements:
        add_statements(g, proj, backend, use_cache)
    return restrict_to(g, root) if root else g


# ----------------------------------------------------------------------- queries

def reachable(g: nx.DiGraph, decl: str, query: str = "uses") -> Dict[str, Any]:
    """What `decl` uses, transitively (`query="uses"`), or what uses it (`"used-by"`), as the
    JSON document of `leansharp graph --uses/--used-by --json`:

        {"schema": "leansharp-uses/1", "query": "uses" | "used-by", "name": DECL (fully qualified),
         "count": N, "declarations": [{"name", "short", "module", "kind", "status", "file", "line",
                                       "distance": 1 = directly, 2 = through one other, ...}]}

    sorted by distance, then name; DECL itself is not listed."""
    if query not in QUERIES:
        raise LeanSharpError(f"unknown query {query!r}; use one of: {', '.join(QUERIES)}")
    name = find_node(g, decl)
    dist = nx.single_source_shortest_path_length(g if query == "uses" else g.reverse(copy=False), name)
    rows = [{"name": n, "short": g.nodes[n].get("short", n), "module": g.nodes[n].get("module", ""),
             "kind": g.nodes[n].get("kind", ""), "status": str(g.nodes[n].get("status", Status.UNKNOWN)),
             "file": g.nodes[n].get("file", ""), "line": g.nodes[n].get("line", 0), "distance": d}
            for n, d in dist.items() if n != name]
    rows.sort(key=lambda r: (r["distance"], r["name"]))
    return {"schema": USES_SCHEMA, "query": query, "name": name, "count": len(rows), "declarations": rows}


def roadmap_names(root: Path) -> Dict[str, List[Dict[str, str]]]:
    """{declaration name: [{"item": id, "role": declaration | witness | filters}]} of
    `root/roadmap.toml` ({} when there is none)."""
    path = find_roadmap(root)
    out: Dict[str, List[Dict[str, str]]] = {}
    for it in load_roadmap(path) if path is not None else []:
        for role in ROLES:
            for n in it.names(role):
                out.setdefault(n, []).append({"item": it.id, "role": role})
    return out


def unused_report(project: Union[None, str, Path, Project] = None, modules: Optional[List[str]] = None,
                  use_cache: bool = True, backend: Optional[Backend] = None) -> Dict[str, Any]:
    """The declarations no other declaration of the project uses (coq-dpdgraph's
    dpdusage with a count of 0): the project's final results, and its dead code. Only
    declarations the scanner lists (not constructors); `modules` restricts the list (the
    uses still count from every module). Roadmap-listed ones carry their items. JSON:

        {"schema": "leansharp-unused/1", "project": ROOT, "modules": [...] | null,
         "declarations": [{"name", "short", "module", "kind", "file", "line",
                           "roadmap": [{"item": ID, "role": "declaration" | "witness" | "filters"}]}],
         "count": N, "in_roadmap": K, "total": declarations considered}
    """
    backend = backend or get_backend()
    proj = open_project(project, backend)
    files = {Path(f).as_posix() for f in select_modules(proj, modules)}
    proj.require_built()
    g = to_networkx(_dependency_graph(proj, backend, use_cache))
    listed = roadmap_names(proj.root)
    considered = [(n, f, d) for n, (f, d) in scanned_declarations(proj, backend).items() if f in files and n in g]
    rows = [{"name": n, "short": d.short, "module": d.module, "kind": d.kind, "file": f, "line": d.line,
             "roadmap": listed.get(n, [])} for n, f, d in considered if g.in_degree(n) == 0]
    return {"schema": UNUSED_SCHEMA, "project": str(proj.root), "modules": list(modules) if modules else None,
            "declarations": rows, "count": len(rows), "in_roadmap": sum(1 for r in rows if r["roadmap"]),
            "total": len(considered)}


def to_json(g: nx.DiGraph, root: Optional[str] = None) -> Dict[str, Any]:
    """{"schema": "leansharp-graph/1", "nodes": [{id, short, module, kind, prop, body, status, file, line,
    keyword}],
    "edges": [{"source": user, "target": used}], "root": DECL or null,
    "size": {"nodes": N, "edges": M}, "longest_chain": [names, most dependent first]}"""
    return {
        "schema": SCHEMA,
        "nodes": [{"id": n, **a} for n, a in sorted(g.nodes(data=True))],
        "edges": [{"source": u, "target": v} for u, v in sorted(g.edges())],
        "root": root,
        "size": {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()},
        "longest_chain": longest_chain(g),
    }


# ------------------------------------------------------------------------ layout

COLW, ROWH, BOXW, BOXH, LEFT, TOP = 200, 22, 186, 18, 230, 40


@dataclass
class Box:
    id: str
    name: str
    label: str
    status: str
    kind: str
    location: str  # "file:line" or ""
    x: float
    y: float
    module: str = ""
    file: str = ""  # relative to the project root ("" when the scanner does not list it)
    line: int = 0
    statement: str = ""  # as the prover prints it ("" when not asked or unknown)
    category: str = "other"  # docs.category: theorem | definition | inductive | constructor | axiom | other


@dataclass
class Band:
    module: str
    y: float
    height: float


@dataclass
class Layout:
    """Where each declaration goes on the page (see `layout`)."""

    width: float
    height: float
    boxes: List[Box] = field(default_factory=list)
    bands: List[Band] = field(default_factory=list)
    edges: List[Tuple[str, str, str]] = field(default_factory=list)  # (box id u, box id v, SVG path)
    adjacency: Dict[str, List[str]] = field(default_factory=dict)  # box id -> box ids it uses
    counts: Dict[str, int] = field(default_factory=dict)  # status -> number of declarations
    chain_steps: int = 0


def _layers(g: nx.DiGraph) -> Dict[str, int]:
    """Layer 0 = uses nothing; otherwise 1 + the highest layer it uses."""
    c = nx.condensation(g)
    layer_c: Dict[int, int] = {}
    for k in reversed(list(nx.topological_sort(c))):
        succ = list(c.successors(k))
        layer_c[k] = 1 + max(layer_c[s] for s in succ) if succ else 0
    return {n: layer_c[c.graph["mapping"][n]] for n in g}


def layout(g: nx.DiGraph) -> Layout:
    """Columns = dependency depth (foundations on the left), one horizontal band per
    module, boxes in source order within a band; edges as cubic curves from the
    user's left side to the used declaration's right side."""
    layers = _layers(g) if g.number_of_nodes() else {}
    mods: Dict[str, List[str]] = {}
    for n, a in g.nodes(data=True):
        mods.setdefault(a.get("module", ""), []).append(n)
    pos: Dict[str, Tuple[float, float]] = {}
    bands: List[Band] = []
    y: float = TOP
    for m in sorted(mods, key=lambda m: (min(layers[n] for n in mods[m]), m)):
        per_layer: Dict[int, List[str]] = {}
        for n in sorted(mods[m], key=lambda n: g.nodes[n].get("line", 0)):
            per_layer.setdefault(layers[n], []).append(n)
        for col, ns in per_layer.items():
            for r, n in enumerate(ns):
                pos[n] = (LEFT + col * COLW, y + 6 + r * ROWH)
        h = max(len(v) for v in per_layer.values()) * ROWH + 12
        bands.append(Band(m, y, h))
        y += h + 8
    ids = {n: f"n{i}" for i, n in enumerate(sorted(g))}
    out = Layout(width=LEFT + (max(layers.values()) + 1 if layers else 1) * COLW + 20, height=y + 20, bands=bands)
    for u, v in g.edges():
        (x1, y1), (x2, y2) = pos[u], pos[v]
        sx, sy, tx, ty = x1, y1 + BOXH / 2, x2 + BOXW, y2 + BOXH / 2
        mx = (sx + tx) / 2
        out.edges.append((ids[u], ids[v], f"M{sx},{sy} C{mx},{sy} {mx},{ty} {tx},{ty}"))
    for n, a in g.nodes(data=True):
        label = a.get("short", n)
        status = str(a.get("status", Status.UNKNOWN))
        out.boxes.append(Box(ids[n], n, label if len(label) <= 28 else label[:26] + "…", status,
                             a.get("keyword") or a.get("kind", ""),
                             f"{a['file']}:{a['line']}" if a.get("file") else "", *pos[n],
                             module=a.get("module", ""), file=a.get("file", ""), line=a.get("line", 0),
                             statement=a.get("statement", ""),
                             category=category(a.get("keyword") or "", a.get("kind", ""), bool(a.get("prop")))))
        out.counts[status] = out.counts.get(status, 0) + 1
    out.boxes.sort(key=lambda b: b.name)
    out.adjacency = {ids[n]: [ids[v] for v in g.successors(n)] for n in g}
    out.chain_steps = max(len(longest_chain(g)) - 1, 0)
    return out
