"""Pages: every rendered document is a jinja2 template in `templates/` (HTML ones
autoescaped): the theorem-to-code map (`map.md.j2`, `map.html.j2`), the dependency
graph (`graph.dot.j2`, `graph.html.j2`) and the blueprint (`blueprint.html.j2`). The
HTML pages are self-contained (inline SVG, CSS and JS: `viewer.css.j2`, `viewer.js.j2`
give both graph pages search, zoom and pan, and the click panel; no network access).

Links to source lines are relative to the directory the page is written to
(`SourceLinks`), so a page opened from disk opens the `.v` (or `.py`) file.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Optional
from urllib.parse import quote

from leansharp_tools.backends.base import VERDICTS, Status
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.map.model import ProjectMap
from leansharp_tools.render.terminal import json_text

if TYPE_CHECKING:  # slow imports, done when a page is rendered
    import jinja2
    import networkx as nx

    from leansharp_tools.blueprint import Blueprint

MAP_FORMATS = ("md", "html")
GRAPH_FORMATS = ("dot", "json", "html")
#: statuses listed under "not proved" at the top of the graph page
UNPROVED = tuple(s for s in VERDICTS if s != Status.PROVED)

STATUS_COLOURS = {
    Status.PROVED: "#4caf50", Status.ADMITTED: "#e53935", Status.AXIOM: "#b71c1c", Status.FOREIGN_AXIOM: "#ff7043",
    Status.UNGUARDED: "#8e24aa", Status.UNKNOWN: "#9e9e9e", Status.OTHER: "#78909c",
}


@dataclass
class SourceLinks:
    """Relative links from a page in `base` (a directory) to source files of the project
    in `root`: `href("LeanSharp/Core/Vec.v", 42)` -> "LeanSharp/Core/Vec.v#L42" when the
    page is written to the root. The `#L<line>` fragment is the line on a forge's file
    view; a browser opening the file from disk ignores it."""

    root: Path
    base: Path

    @classmethod
    def to(cls, root: Path, output: Optional[Path]) -> "SourceLinks":
        """Links for a page written to `output` (a file; None: stdout, i.e. the cwd)."""
        base = Path(output).resolve().parent if output is not None else Path.cwd()
        return cls(Path(root).resolve(), base)

    def href(self, file: str, line: int = 0) -> str:
        path = Path(file) if Path(file).is_absolute() else self.root / file
        rel = Path(os.path.relpath(path, self.base)).as_posix()
        return quote(rel) + (f"#L{line}" if line else "")

    def location(self, location: str) -> str:
        """The href of a "file:line" location (as code and test links carry it)."""
        file, _, line = location.rpartition(":")
        if not file or not line.isdigit():
            return self.href(location)
        return self.href(file, int(line))


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


def render_map(pmap: ProjectMap, fmt: str = "md", output: Optional[Path] = None) -> str:
    """The map as Markdown (`fmt="md"`) or a standalone HTML page (`fmt="html"`) with a
    search box; source locations link to their files, relative to `output` (the file the
    map is written to; None: the cwd)."""
    if fmt not in MAP_FORMATS:
        raise LeanSharpError(f"unknown map format {fmt!r}; use one of: {', '.join(MAP_FORMATS)}")
    return render_page(f"map.{fmt}.j2", map=pmap, items=pmap.items, counts=pmap.counts, problems=pmap.problems,
                       project=pmap.project or pmap.root.name, links=SourceLinks.to(pmap.root, output))


def graph_dot(g: nx.DiGraph) -> str:
    """Graphviz DOT, one cluster per module, nodes filled by status."""
    clusters: Dict[str, List[Dict[str, Any]]] = {}
    for n, a in g.nodes(data=True):
        clusters.setdefault(a.get("module", ""), []).append(
            {"name": n, "short": a.get("short", n), "status": str(a.get("status", ""))})
    return render_page("graph.dot.j2", colours=STATUS_COLOURS,
                       clusters=[(m, sorted(ns, key=lambda x: x["name"])) for m, ns in sorted(clusters.items())],
                       edges=sorted(g.edges()))


def graph_html(g: nx.DiGraph, root: Optional[str] = None, title: Optional[str] = None,
               output: Optional[Path] = None) -> str:
    """A self-contained page: the `graph.layout` as inline SVG with zoom and pan, substring
    search, a module filter and the declarations that are not proved at the top; click a
    declaration to highlight what it uses and what uses it (transitively) and to see its
    statement (node attribute `statement`), kind, status and a link to its source line."""
    from leansharp_tools.graph import BOXH, BOXW, layout, summary

    lay = layout(g)
    project = g.graph.get("project") or ""
    checked = any(b.status not in (Status.UNKNOWN, Status.OTHER) for b in lay.boxes)
    return render_page(
        "graph.html.j2", title=title or (f"{project} dependency graph" if project else "Dependency graph"),
        project=project, root=root, summary=summary(g, root), layout=lay, colours=STATUS_COLOURS,
        box_width=BOXW, box_height=BOXH, modules=sorted({b.module for b in lay.boxes if b.module}),
        status_checked=checked, unproved=[b for b in lay.boxes if checked and b.status in UNPROVED],
        statements_note=g.graph.get("statements_note"),
        links=SourceLinks.to(Path(g.graph.get("root") or "."), output))


def render_graph(g: nx.DiGraph, fmt: str, root: Optional[str] = None, output: Optional[Path] = None) -> str:
    """The graph as DOT, the JSON document of `graph.to_json`, or a standalone HTML page
    (source links relative to `output`, the file it is written to)."""
    if fmt == "dot":
        return graph_dot(g)
    if fmt == "json":
        from leansharp_tools.graph import to_json

        return json_text(to_json(g, root))
    if fmt == "html":
        return graph_html(g, root=root, output=output)
    raise LeanSharpError(f"unknown graph format {fmt!r}; use one of: {', '.join(GRAPH_FORMATS)}")


BLUEPRINT_COLOURS = {"proved": ("#a5d6a7", "#2e7d32"), "found": ("#dcedc8", "#689f38"),
                     "partial": ("#ffe082", "#f57f17"), "open": ("#eeeeee", "#9e9e9e")}


def blueprint_html(bp: Blueprint, output: Optional[Path] = None) -> str:
    """The blueprint page: one box per roadmap item (colour: proved / partial / open; tier
    and headline on the box), an arrow A -> B when a declaration of A uses one of B's
    (the transitive reduction drawn, every implied arrow on request); click an item for
    its statement in words, its declarations' Coq statements with links to their source
    lines, its witnesses, code and test."""
    return render_page("blueprint.html.j2", bp=bp, colours=BLUEPRINT_COLOURS,
                       title=f"{bp.project} blueprint" if bp.project else "Blueprint",
                       links=SourceLinks.to(bp.root, output))
