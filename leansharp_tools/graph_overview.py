"""The module-level overview the graph page opens on: one box per module, an arrow
A -> B when a declaration of module A uses one of module B's.

    ov = overview(g)     # g: graph.collect_graph(...) (node attributes module, status)

Columns are module dependency depth (modules that use no other module on the left),
modules in name order within a column. The arrows drawn are the transitive reduction
of the module relation when it has no cycle (every implied arrow is still in
`adjacency`, the direct relation, and counted in each box's panel); with a cycle,
every arrow is drawn. Boxes are labelled without the prefix every module shares; each carries its
declarations' status counts and the colour
of its worst status (`proved` only when every declaration with a verdict is).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Tuple

import networkx as nx

from leansharp_tools.backends.base import VERDICTS, Status

MBOXW, MBOXH, MCOLW, MROWH, MLEFT, MTOP = 230, 34, 300, 48, 20, 20
#: worst first: a module takes the colour of the first of these its declarations have
SEVERITY = (Status.AXIOM, Status.ADMITTED, Status.UNGUARDED, Status.FOREIGN_AXIOM, Status.UNKNOWN, Status.PROVED)


@dataclass
class ModuleBox:
    id: str  # "m0", "m1", ... (the declarations' boxes are "n0", ...)
    name: str
    label: str
    x: float
    y: float
    size: int  # declarations (graph nodes) of the module
    counts: Dict[str, int]  # status -> declarations
    status: str  # the box's colour: its worst status, "other" when none has a verdict
    uses: List[str] = field(default_factory=list)  # module names it uses directly
    used_by: List[str] = field(default_factory=list)  # module names that use it directly
    uses_all: int = 0  # modules it uses, transitively
    used_by_all: int = 0

    @property
    def not_proved(self) -> int:
        return sum(n for s, n in self.counts.items() if s in VERDICTS and s != Status.PROVED)


@dataclass
class Overview:
    width: float
    height: float
    boxes: List[ModuleBox] = field(default_factory=list)
    edges: List[Tuple[str, str, str]] = field(default_factory=list)  # (box id u, box id v, SVG path) drawn
    adjacency: Dict[str, List[str]] = field(default_factory=dict)  # box id -> box ids it uses (direct)
    reduced: bool = False  # the drawn arrows are the transitive reduction


def module_graph(g: nx.DiGraph) -> "nx.DiGraph[str]":
    """Modules as nodes (attribute `members`: the declarations), u -> v when a declaration
    of u uses one of v (u != v; attribute `uses`: how many such declaration pairs)."""
    m: nx.DiGraph[str] = nx.DiGraph()
    for n, a in g.nodes(data=True):
        mod = a.get("module", "")
        if mod not in m:
            m.add_node(mod, members=[])
        m.nodes[mod]["members"].append(n)
    for u, v in g.edges():
        mu, mv = g.nodes[u].get("module", ""), g.nodes[v].get("module", "")
        if mu != mv:
            w = m.edges[mu, mv]["uses"] + 1 if m.has_edge(mu, mv) else 1
            m.add_edge(mu, mv, uses=w)
    return m


def common_prefix(names: List[str]) -> str:
    """The dotted prefix every name shares ("LeanSharp." for LeanSharp's modules), "" when
    there is one name or none is shared; the boxes are labelled without it."""
    if len(names) < 2:
        return ""
    parts = [n.split(".") for n in names]
    k = 0
    while all(len(p) > k + 1 and p[k] == parts[0][k] for p in parts):
        k += 1
    return ".".join(parts[0][:k]) + "." if k else ""


def _worst(counts: Dict[str, int]) -> str:
    return next((str(s) for s in SEVERITY if counts.get(str(s))), str(Status.OTHER))


def overview(g: nx.DiGraph) -> Overview:
    from leansharp_tools.graph import _layers

    m = module_graph(g)
    layers = _layers(m) if m.number_of_nodes() else {}
    ids = {mod: f"m{k}" for k, mod in enumerate(sorted(m))}
    cols: Dict[int, List[str]] = {}
    for mod in sorted(m):
        cols.setdefault(layers[mod], []).append(mod)
    pos = {mod: (MLEFT + c * MCOLW, MTOP + r * MROWH) for c, mods in cols.items() for r, mod in enumerate(mods)}
    rows = max((len(v) for v in cols.values()), default=0)
    out = Overview(width=MLEFT + max(len(cols), 1) * MCOLW, height=MTOP + rows * MROWH + 20)
    dag = nx.is_directed_acyclic_graph(m)
    drawn = nx.transitive_reduction(m) if dag and m.number_of_nodes() else m
    out.reduced = dag
    closure = {mod: nx.descendants(m, mod) for mod in m}
    prefix = common_prefix(sorted(m))
    for mod in sorted(m):
        counts: Dict[str, int] = {}
        for n in m.nodes[mod]["members"]:
            s = str(g.nodes[n].get("status", Status.UNKNOWN))
            counts[s] = counts.get(s, 0) + 1
        short = mod[len(prefix):] or mod
        label = short if len(short) <= 34 else "…" + short[-33:]
        out.boxes.append(ModuleBox(ids[mod], mod, label, *pos[mod], size=len(m.nodes[mod]["members"]),
                                   counts=counts, status=_worst(counts), uses=sorted(m.successors(mod)),
                                   used_by=sorted(m.predecessors(mod)), uses_all=len(closure[mod]),
                                   used_by_all=sum(1 for o in m if mod in closure[o])))
    for u, v in sorted(drawn.edges()):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        sx, sy, tx, ty = x1, y1 + MBOXH / 2, x2 + MBOXW, y2 + MBOXH / 2
        mx = (sx + tx) / 2
        out.edges.append((ids[u], ids[v], f"M{sx},{sy} C{mx},{sy} {mx},{ty} {tx},{ty}"))
    out.adjacency = {ids[u]: [ids[v] for v in sorted(m.successors(u))] for u in sorted(m)}
    return out
