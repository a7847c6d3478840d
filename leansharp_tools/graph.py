"""The declaration dependency graph (from coq-dpdgraph) as a networkx DiGraph.

    dpd = backend.dependency_graph(proj, modules)     # .dpd text (one coqc run)
    g = graph_from_dpd(dpd, modules, statuses)        # nodes: fully qualified names
    g = restrict_to(g, "Core.Mask.norm_filtered_le")  # what DECL depends on
    longest_chain(g); to_dot(g); to_json(g); to_html(g)

Edge u -> v means "u uses v". Only the project's own declarations are nodes:
`Print FileDependGraph M1 ... Mn` outputs the objects of those files only, so the
standard library and other installed libraries stay out. Node attributes: short,
module, kind (dpdgraph: cnst / inductive / construct / ...), prop (bool: a proof),
body (bool), status (from `leansharp status`; "other" for objects the status report does
not list, e.g. constructors; "unknown" with --no-status), file, line.
"""

from __future__ import annotations

import html
import json
import re
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import networkx as nx

from leansharp_tools.errors import LeanSharpError

_N_RE = re.compile(r'^N:\s*(\d+)\s+"([^"]*)"\s*\[(.*)\]\s*;\s*$')
_E_RE = re.compile(r"^E:\s*(\d+)\s+(\d+)\s*\[(.*)\]\s*;\s*$")
_ATTR_RE = re.compile(r'(\w+)\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s\]]+)')


def _attrs(s: str) -> Dict[str, str]:
    return {k: v.strip('"') for k, v in _ATTR_RE.findall(s)}


def parse_dpd(text: str) -> Tuple[Dict[int, dict], List[Tuple[int, int, dict]]]:
    """Parse coq-dpdgraph output: `N: id "name" [k=v, ...];` and `E: a b [k=v, ...];`."""
    nodes: Dict[int, dict] = {}
    edges: List[Tuple[int, int, dict]] = []
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
    parts = path.split(".") if path else []
    for k in range(len(parts), 0, -1):
        pre = ".".join(parts[:k])
        hits = [m for m in modules if m == pre or m.endswith("." + pre)]
        if len(hits) == 1:
            return ".".join([hits[0]] + parts[k:])
    return path


def graph_from_dpd(dpd: str, modules: Sequence[str], statuses: Optional[Mapping[str, object]] = None) -> nx.DiGraph:
    nodes, edges = parse_dpd(dpd)
    g = nx.DiGraph()
    names: Dict[int, str] = {}
    for i, a in nodes.items():
        qual = resolve_path(a.get("path", ""), modules)
        full = f"{qual}.{a['name']}" if qual else a["name"]
        library = next((m for m in sorted(modules, key=len, reverse=True) if qual == m or qual.startswith(m + ".")), qual)
        names[i] = full
        st = statuses.get(full) if statuses else None
        g.add_node(full, short=a["name"], module=library, kind=a.get("kind", ""),
                   prop=a.get("prop") == "yes", body=a.get("body", "yes") != "no",
                   status=getattr(st, "status", "unknown") if st is not None else ("other" if statuses else "unknown"),
                   file=getattr(st, "file", "") if st is not None else "",
                   line=getattr(st, "line", 0) if st is not None else 0)
    for a, b, attrs in edges:
        if a in names and b in names and a != b:
            g.add_edge(names[a], names[b], uses=int(attrs.get("weight", "1") or 1))
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
    path = nx.dag_longest_path(c)
    return [sorted(c.nodes[k]["members"])[0] for k in path]


def summary(g: nx.DiGraph, root: Optional[str] = None) -> dict:
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "root": root,
            "longest_chain": longest_chain(g)}


def collect_graph(project=None, root: Optional[str] = None, use_cache: bool = True, with_status: bool = True,
                  backend=None) -> nx.DiGraph:
    """The project's dependency graph (restricted to what `root` depends on when given),
    nodes coloured by `leansharp status`. The .dpd is cached in
    `.leansharp/cache/graph.json`, keyed on the sha256 of every .vo file."""
    import hashlib

    from leansharp_tools.backends.coq import default_backend
    from leansharp_tools.project import require_built
    from leansharp_tools.status import _as_project, collect_status, file_sha256

    proj = _as_project(project)
    backend = backend or default_backend()
    require_built(proj)
    modules = proj.modules()
    h = hashlib.sha256()
    for f in proj.vfiles:
        h.update(f"{f}:{file_sha256(proj.root / f.with_suffix('.vo'))}\n".encode())
    key = h.hexdigest()
    cache = proj.root / ".leansharp" / "cache" / "graph.json"
    dpd = None
    if use_cache:
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            if data.get("key") == key:
                dpd = data["dpd"]
        except (OSError, ValueError, KeyError):
            pass
    if dpd is None:
        backend.require_installed()
        dpd = backend.dependency_graph(proj, modules)
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps({"key": key, "dpd": dpd}), encoding="utf-8")
        except OSError:
            pass
    statuses = collect_status(proj, use_cache=use_cache, backend=backend, with_roadmap=False).by_name() if with_status else None
    g = graph_from_dpd(dpd, modules, statuses)
    if root:
        g = restrict_to(g, root)
    return g


# ---------------------------------------------------------------------- renderers

STATUS_COLOURS = {
    "proved": "#4caf50", "admitted": "#e53935", "axiom": "#b71c1c", "foreign-axiom": "#ff7043",
    "unguarded": "#8e24aa", "unknown": "#9e9e9e", "other": "#78909c",
}


def to_json(g: nx.DiGraph, root: Optional[str] = None) -> dict:
    """{"schema": "leansharp-graph/1", "nodes": [{id, short, module, kind, prop, status, file, line}],
    "edges": [{"source": user, "target": used}], "root": DECL or null,
    "size": {"nodes": N, "edges": M}, "longest_chain": [names, most dependent first]}"""
    return {
        "schema": "leansharp-graph/1",
        "nodes": [{"id": n, **{k: v for k, v in a.items()}} for n, a in sorted(g.nodes(data=True))],
        "edges": [{"source": u, "target": v} for u, v in sorted(g.edges())],
        "root": root,
        "size": {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()},
        "longest_chain": longest_chain(g),
    }


def _dot_id(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(g: nx.DiGraph) -> str:
    """Graphviz DOT, one cluster per module, nodes filled by status."""
    out = ["digraph leansharp {", "  rankdir=BT;", '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];']
    by_mod: Dict[str, List[str]] = {}
    for n, a in g.nodes(data=True):
        by_mod.setdefault(a.get("module", ""), []).append(n)
    for k, (mod, ns) in enumerate(sorted(by_mod.items())):
        out.append(f"  subgraph cluster_{k} {{")
        out.append(f"    label={_dot_id(mod)}; style=dashed;")
        for n in sorted(ns):
            a = g.nodes[n]
            col = STATUS_COLOURS.get(a.get("status", "unknown"), "#9e9e9e")
            out.append(f"    {_dot_id(n)} [label={_dot_id(a.get('short', n))}, fillcolor={_dot_id(col)}, "
                       f"tooltip={_dot_id(n + ' (' + a.get('status', '') + ')')}];")
        out.append("  }")
    for u, v in sorted(g.edges()):
        out.append(f"  {_dot_id(u)} -> {_dot_id(v)};")
    out.append("}")
    return "\n".join(out) + "\n"


def _layers(g: nx.DiGraph) -> Dict[str, int]:
    """Layer 0 = uses nothing; otherwise 1 + the highest layer it uses."""
    c = nx.condensation(g)
    layer_c: Dict[int, int] = {}
    for k in reversed(list(nx.topological_sort(c))):
        succ = list(c.successors(k))
        layer_c[k] = 1 + max(layer_c[s] for s in succ) if succ else 0
    return {n: layer_c[c.graph["mapping"][n]] for n in g}


def to_html(g: nx.DiGraph, title: str = "LeanSharp dependency graph", root: Optional[str] = None) -> str:
    """A self-contained page: inline SVG (layers left to right = foundations to results,
    one horizontal band per module) + a little inline JS (click: highlight what a
    declaration uses and what uses it; search box). No network access."""
    layers = _layers(g) if g.number_of_nodes() else {}
    mods: Dict[str, List[str]] = {}
    for n, a in g.nodes(data=True):
        mods.setdefault(a.get("module", ""), []).append(n)
    mod_order = sorted(mods, key=lambda m: (min(layers[n] for n in mods[m]), m))
    COLW, ROWH, BOXW, BOXH, LEFT, TOP = 200, 22, 186, 18, 230, 40
    pos: Dict[str, Tuple[float, float]] = {}
    bands = []
    y = TOP
    for m in mod_order:
        per_layer: Dict[int, List[str]] = {}
        for n in sorted(mods[m], key=lambda n: g.nodes[n].get("line", 0)):
            per_layer.setdefault(layers[n], []).append(n)
        rows = max(len(v) for v in per_layer.values())
        for L, ns in per_layer.items():
            for r, n in enumerate(ns):
                pos[n] = (LEFT + L * COLW, y + 6 + r * ROWH)
        h = rows * ROWH + 12
        bands.append((m, y, h))
        y += h + 8
    width = LEFT + (max(layers.values()) + 1 if layers else 1) * COLW + 20
    height = y + 20
    parts = [f'<svg width="{width}" height="{height}" id="g">']
    parts.append('<defs><marker id="ah" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto">'
                 '<path d="M0,0 L6,3 L0,6 z" fill="#888"/></marker></defs>')
    for k, (m, by, h) in enumerate(bands):
        fill = "#f4f6fb" if k % 2 == 0 else "#fbfbf4"
        parts.append(f'<rect x="0" y="{by}" width="{width}" height="{h}" fill="{fill}"/>'
                     f'<text x="8" y="{by + 16}" class="mod">{html.escape(m)}</text>')
    ids = {n: f"n{i}" for i, n in enumerate(sorted(g))}
    for u, v in g.edges():
        (x1, y1), (x2, y2) = pos[u], pos[v]
        sx, sy, tx, ty = x1, y1 + BOXH / 2, x2 + BOXW, y2 + BOXH / 2
        mx = (sx + tx) / 2
        parts.append(f'<path class="e" data-u="{ids[u]}" data-v="{ids[v]}" d="M{sx},{sy} C{mx},{sy} {mx},{ty} {tx},{ty}" '
                     f'marker-end="url(#ah)"/>')
    for n, a in g.nodes(data=True):
        x, yy = pos[n]
        col = STATUS_COLOURS.get(a.get("status", "unknown"), "#9e9e9e")
        loc = f" — {a['file']}:{a['line']}" if a.get("file") else ""
        label = a.get("short", n)
        if len(label) > 28:
            label = label[:26] + "…"
        parts.append(f'<g class="n" id="{ids[n]}" data-name="{html.escape(n)}"><rect x="{x}" y="{yy}" width="{BOXW}" height="{BOXH}" rx="4" '
                     f'fill="{col}"/><text x="{x + 5}" y="{yy + 13}">{html.escape(label)}</text>'
                     f'<title>{html.escape(n)} [{html.escape(a.get("status", ""))}, {html.escape(a.get("kind", ""))}]{html.escape(loc)}</title></g>')
    parts.append("</svg>")
    legend = " ".join(f'<span class="lg" style="background:{c}">{s}</span>' for s, c in STATUS_COLOURS.items())
    counts: Dict[str, int] = {}
    for _, a in g.nodes(data=True):
        counts[a.get("status", "unknown")] = counts.get(a.get("status", "unknown"), 0) + 1
    chain = longest_chain(g)
    adj = {ids[n]: [ids[v] for v in g.successors(n)] for n in g}
    data = json.dumps(adj).replace("</", "<\\/")
    info = (f"{g.number_of_nodes()} declarations, {g.number_of_edges()} dependencies"
            + (f", restricted to {html.escape(root)}" if root else "")
            + f"; longest chain {max(len(chain) - 1, 0)} steps; "
            + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; margin: 12px; }}
#wrap {{ overflow: auto; border: 1px solid #ccc; max-height: 85vh; }}
svg text {{ font-size: 11px; fill: #fff; pointer-events: none; }}
svg text.mod {{ fill: #333; font-weight: bold; font-size: 12px; }}
.e {{ fill: none; stroke: #999; stroke-opacity: .35; stroke-width: 1; }}
.e.hi {{ stroke: #1e88e5; stroke-opacity: 1; stroke-width: 2; }}
.n {{ cursor: pointer; }} .n.dim {{ opacity: .2; }} .n.sel rect {{ stroke: #000; stroke-width: 2; }}
.lg {{ color: #fff; padding: 2px 6px; border-radius: 3px; font-size: 12px; }}
</style></head><body>
<h2>{html.escape(title)}</h2>
<p>{info}</p>
<p>{legend} &nbsp; <input id="q" placeholder="find declaration" size="30"> <button id="clr">clear</button>
<br><small>Columns: dependency depth (foundations on the left); bands: modules. Click a declaration to highlight what it uses (transitively) and what uses it.</small></p>
<div id="wrap">{''.join(parts)}</div>
<script>
const adj = {data};
const radj = {{}};
for (const u in adj) for (const v of adj[u]) (radj[v] = radj[v] || []).push(u);
function reach(s, a) {{ const seen = new Set([s]), st = [s]; while (st.length) {{ const x = st.pop(); for (const y of (a[x] || [])) if (!seen.has(y)) {{ seen.add(y); st.push(y); }} }} return seen; }}
function clear() {{ document.querySelectorAll('.n').forEach(n => n.classList.remove('dim', 'sel')); document.querySelectorAll('.e').forEach(e => e.classList.remove('hi')); }}
function select(id) {{
  clear(); const keep = new Set([...reach(id, adj), ...reach(id, radj)]);
  document.querySelectorAll('.n').forEach(n => {{ if (!keep.has(n.id)) n.classList.add('dim'); }});
  document.getElementById(id).classList.add('sel');
  document.querySelectorAll('.e').forEach(e => {{ if (keep.has(e.dataset.u) && keep.has(e.dataset.v)) e.classList.add('hi'); }});
}}
document.querySelectorAll('.n').forEach(n => n.addEventListener('click', () => select(n.id)));
document.getElementById('clr').addEventListener('click', clear);
document.getElementById('q').addEventListener('change', ev => {{
  const q = ev.target.value.trim(); if (!q) return clear();
  const hit = [...document.querySelectorAll('.n')].find(n => n.dataset.name.endsWith(q));
  if (hit) {{ select(hit.id); hit.scrollIntoView({{block: 'center', inline: 'center'}}); }}
}});
</script></body></html>
"""
