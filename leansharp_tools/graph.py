"""The declaration dependency graph as a networkx DiGraph.

    dg = backend.dependency_graph(proj, modules)      # DependencyGraph (one prover run)
    g = to_networkx(dg, statuses)                     # nodes: fully qualified names
    g = restrict_to(g, "Filter.Mask.norm_filtered_le")  # what DECL depends on
    longest_chain(g); summary(g); to_json(g); layout(g)  # rendering: leansharp_tools.render

Edge u -> v means "u uses v". Only the project's own declarations are nodes (the
backend leaves the standard library and other installed libraries out). Node
attributes: short, module, kind (the prover's: cnst / inductive / construct / ...),
prop (bool: a proof), body (bool), status (a `Status` from `leansharp status`; OTHER
for objects the status report does not list, e.g. constructors; UNKNOWN with
--no-status), file, line.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

import networkx as nx

from leansharp_tools.backends import get_backend
from leansharp_tools.backends.base import Backend, DependencyGraph, GraphNode, Project, Status
from leansharp_tools.cache import digest, file_sha256, load_cache, save_cache
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.status import DeclStatus, collect_status, open_project

SCHEMA = "leansharp-graph/1"
CACHE = "graph"
CACHE_VERSION = 2


def to_networkx(dg: DependencyGraph, statuses: Optional[Mapping[str, DeclStatus]] = None) -> nx.DiGraph:
    g: nx.DiGraph[str] = nx.DiGraph()
    for n in dg.nodes:
        st = statuses.get(n.name) if statuses else None
        g.add_node(n.name, short=n.short, module=n.module, kind=n.kind, prop=n.prop, body=n.body,
                   status=st.status if st is not None else (Status.OTHER if statuses else Status.UNKNOWN),
                   file=st.file if st is not None else "", line=st.line if st is not None else 0)
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


def collect_graph(project: Union[None, str, Path, Project] = None, root: Optional[str] = None,
                  use_cache: bool = True, with_status: bool = True, backend: Optional[Backend] = None) -> nx.DiGraph:
    """The project's dependency graph (restricted to what `root` depends on when given),
    nodes coloured by `leansharp status`."""
    backend = backend or get_backend()
    proj = open_project(project, backend)
    proj.require_built()
    dg = _dependency_graph(proj, backend, use_cache)
    statuses = (collect_status(proj, use_cache=use_cache, backend=backend, with_roadmap=False).by_name()
                if with_status else None)
    g = to_networkx(dg, statuses)
    return restrict_to(g, root) if root else g


def to_json(g: nx.DiGraph, root: Optional[str] = None) -> Dict[str, Any]:
    """{"schema": "leansharp-graph/1", "nodes": [{id, short, module, kind, prop, status, file, line}],
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
        out.boxes.append(Box(ids[n], n, label if len(label) <= 28 else label[:26] + "…", status, a.get("kind", ""),
                             f"{a['file']}:{a['line']}" if a.get("file") else "", *pos[n]))
        out.counts[status] = out.counts.get(status, 0) + 1
    out.adjacency = {ids[n]: [ids[v] for v in g.successors(n)] for n in g}
    out.chain_steps = max(len(longest_chain(g)) - 1, 0)
    return out
