"""Pages: every rendered document is a jinja2 template in `templates/` (HTML ones
autoescaped): the theorem-to-code map (`map.md.j2`, `map.html.j2`) and the
dependency graph (`graph.dot.j2`, `graph.html.j2`: inline SVG + a little inline JS,
no network access)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from leansharp_tools.backends.base import Status
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.map.model import ProjectMap
from leansharp_tools.render.terminal import json_text

if TYPE_CHECKING:  # slow imports, done when a page is rendered
    import jinja2
    import networkx as nx

MAP_FORMATS = ("md", "html")
GRAPH_FORMATS = ("dot", "json", "html")

STATUS_COLOURS = {
    Status.PROVED: "#4caf50", Status.ADMITTED: "#e53935", Status.AXIOM: "#b71c1c", Status.FOREIGN_AXIOM: "#ff7043",
    Status.UNGUARDED: "#8e24aa", Status.UNKNOWN: "#9e9e9e", Status.OTHER: "#78909c",
}


def _md_cell(value: Any) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _dot_id(value: Any) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


@functools.lru_cache(maxsize=None)
def _env() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("leansharp_tools.render", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["mdcell"] = _md_cell
    env.filters["dotid"] = _dot_id
    return env


def render_page(template: str, **context: Any) -> str:
    return _env().get_template(template).render(**context)


def render_map(pmap: ProjectMap, fmt: str = "md") -> str:
    """The map as Markdown (`fmt="md"`) or a standalone HTML page (`fmt="html"`)."""
    if fmt not in MAP_FORMATS:
        raise LeanSharpError(f"unknown map format {fmt!r}; use one of: {', '.join(MAP_FORMATS)}")
    return render_page(f"map.{fmt}.j2", map=pmap, items=pmap.items, counts=pmap.counts, problems=pmap.problems)


def graph_dot(g: nx.DiGraph) -> str:
    """Graphviz DOT, one cluster per module, nodes filled by status."""
    clusters: Dict[str, List[Dict[str, Any]]] = {}
    for n, a in g.nodes(data=True):
        clusters.setdefault(a.get("module", ""), []).append(
            {"name": n, "short": a.get("short", n), "status": str(a.get("status", ""))})
    return render_page("graph.dot.j2", colours=STATUS_COLOURS,
                       clusters=[(m, sorted(ns, key=lambda x: x["name"])) for m, ns in sorted(clusters.items())],
                       edges=sorted(g.edges()))


def graph_html(g: nx.DiGraph, root: Optional[str] = None, title: str = "LeanSharp dependency graph") -> str:
    """A self-contained page: the `graph.layout` as inline SVG; click a declaration to
    highlight what it uses and what uses it; a search box."""
    from leansharp_tools.graph import BOXH, BOXW, layout, summary

    return render_page("graph.html.j2", title=title, root=root, summary=summary(g, root), layout=layout(g),
                       colours=STATUS_COLOURS, box_width=BOXW, box_height=BOXH)


def render_graph(g: nx.DiGraph, fmt: str, root: Optional[str] = None) -> str:
    """The graph as DOT, the JSON document of `graph.to_json`, or a standalone HTML page."""
    if fmt == "dot":
        return graph_dot(g)
    if fmt == "json":
        from leansharp_tools.graph import to_json

        return json_text(to_json(g, root))
    if fmt == "html":
        return graph_html(g, root=root)
    raise LeanSharpError(f"unknown graph format {fmt!r}; use one of: {', '.join(GRAPH_FORMATS)}")
