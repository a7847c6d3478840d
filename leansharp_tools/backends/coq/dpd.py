"""coq-dpdgraph's .dpd format -> the prover-neutral `DependencyGraph`.

`Print FileDependGraph M1 ... Mn` writes the objects of those files only (so the
standard library and other installed libraries stay out) as
`N: id "name" [k=v, ...];` node lines and `E: user used [weight=w, ...];` edge lines.
"""

from __future__ import annotations

import re
from typing import Dict, Iterable, List, Sequence, Set, Tuple

from leansharp_tools.backends.base import DependencyGraph, GraphNode, dotted_suffix
from leansharp_tools.errors import LeanSharpError

_N_RE = re.compile(r'^N:\s*(\d+)\s+"([^"]*)"\s*\[(.*)\]\s*;\s*$')
_E_RE = re.compile(r"^E:\s*(\d+)\s+(\d+)\s*\[(.*)\]\s*;\s*$")
_ATTR_RE = re.compile(r'(\w+)\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s\]]+)')

Attrs = Dict[str, str]


def _attrs(s: str) -> Attrs:
    return {k: v.strip('"') for k, v in _ATTR_RE.findall(s)}


def parse_dpd(text: str) -> Tuple[Dict[int, Attrs], List[Tuple[int, int, Attrs]]]:
    """({id: {"name": ..., attrs}}, [(user id, used id, attrs)])."""
    nodes: Dict[int, Attrs] = {}
    edges: List[Tuple[int, int, Attrs]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        m = _N_RE.match(line)
        if m:
            nodes[int(m.group(1))] = {"name": m.group(2), **_attrs(m.group(3))}
            continue
        m = _E_RE.match(line)
        if m:
            edges.append((int(m.group(1)), int(m.group(2)), _attrs(m.group(3))))
            continue
        raise LeanSharpError(f"dependency graph line {lineno}: cannot parse {line[:60]!r}")
    return nodes, edges


def resolve_path(path: str, modules: Sequence[str]) -> str:
    """dpdgraph prints the shortest unambiguous module path ("Mask", "Mask.Inner");
    map it back to the full library module + submodule path."""
    return resolve_paths([path], modules)[path]


def resolve_paths(paths: Iterable[str], modules: Sequence[str]) -> Dict[str, str]:
    """Every module path dpdgraph printed -> the full path. Coq prints a module by the
    shortest suffix of its full path that names it and nothing else, so two printed
    paths never name the same module, and when `Classical_Prop` could be `A.Classical_Prop`
    or `A.B.Classical_Prop` but `A.Classical_Prop` is printed too, `Classical_Prop` is
    the other one: longer paths are resolved first and claim their module. A path
    that stays ambiguous (or names no module of `modules`) is kept as printed."""
    out: Dict[str, str] = {}
    claimed: Set[str] = set()
    for path in sorted(set(paths), key=lambda p: (-p.count("."), p)):
        parts = path.split(".") if path else []
        out[path] = path
        for k in range(len(parts), 0, -1):  # the longest prefix naming a module wins
            prefix = ".".join(parts[:k])
            free = [c for c in dict.fromkeys(".".join([m] + parts[k:]) for m in modules if dotted_suffix(prefix, m))
                    if c not in claimed]
            if free:
                out[path] = free[0] if len(free) == 1 else path
                break
        claimed.add(out[path])
    return out


def dpd_graph(text: str, modules: Sequence[str]) -> DependencyGraph:
    """The .dpd text of `modules` as fully qualified nodes and (user, used, weight) edges
    (self-loops and edges to objects outside the file dropped)."""
    nodes, edges = parse_dpd(text)
    graph = DependencyGraph()
    names: Dict[int, str] = {}
    by_length = sorted(modules, key=len, reverse=True)
    full = resolve_paths((a.get("path", "") for a in nodes.values()), modules)
    for i, a in nodes.items():
        qual = full[a.get("path", "")]
        names[i] = f"{qual}.{a['name']}" if qual else a["name"]
        library = next((m for m in by_length if qual == m or qual.startswith(m + ".")), qual)
        graph.nodes.append(GraphNode(names[i], a["name"], library, a.get("kind", ""),
                                     prop=a.get("prop") == "yes", body=a.get("body", "yes") != "no"))
    for u, v, attrs in edges:
        if u in names and v in names and u != v:
            graph.edges.append((names[u], names[v], int(attrs.get("weight", "1") or 1)))
    return graph
