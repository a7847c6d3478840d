"""Pages: every rendered document is a jinja2 template in `templates/` (HTML ones
autoescaped): the theorem-to-code map (`map.md.j2`, `map.html.j2`), the dependency
graph (`graph.dot.j2`, `graph.html.j2`) and the blueprint (`blueprint.html.j2`). The
HTML pages are self-contained (inline SVG, CSS and JS: `viewer.css.j2`, `viewer.js.j2`
give both graph pages search, zoom and pan, and the click panel; no network access).

Links to source lines are relative to the directory the page is written to
(`SourceLinks`), so a page opened from disk opens the `.v` (or `.py`) file. With
`--docs DIR|URL` (`DocsLinks`), every declaration on the graph and blueprint pages
links to its anchor in the `leansharp docs` site (`<module>.html#<name in module>`):
a directory is made relative to the page, a URL (`https://...`) is used as given.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional
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


@dataclass
class DocsLinks:
    """Links from a page to the anchors of a `leansharp docs` site at `base` ("" when the
    page has none: every href is ""). `modules`: the project's modules, to find the
    page (module) of a fully qualified name (its longest module prefix)."""

    base: str
    modules: List[str]

    @classmethod
    def to(cls, docs: Optional[str], output: Optional[Path], modules: Iterable[str]) -> "DocsLinks":
        """`docs`: the site's directory (made relative to the page `output`; None: the cwd)
        or its URL (kept as given); None or "": no links."""
        mods = sorted(set(modules), key=lambda m: -len(m))
        if not docs:
            return cls("", mods)
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", docs):
            return cls(docs.rstrip("/") + "/", mods)
        path = Path(docs)
        if path.exists() and not path.is_dir():
            raise LeanSharpError(f"--docs {docs}: not a directory; give the directory of `leansharp docs -o DIR` "
                                 f"(or its URL)")
        base = Path(output).resolve().parent if output is not None else Path.cwd()
        rel = Path(os.path.relpath(path.resolve(), base)).as_posix()
        return cls("./" if rel == "." else quote(rel) + "/", mods)

    def module_of(self, name: str) -> str:
        return next((m for m in self.modules if name.startswith(m + ".")), "")

    def href(self, name: str, module: str = "") -> str:
        """`<base><module>.html#<name relative to the module>`; "" without docs or module."""
        module = module or self.module_of(name)
        if not self.base or not module or not name.startswith(module + "."):
            return ""
        return f"{self.base}{quote(module)}.html#{quote(name[len(module) + 1:])}"

    def page(self, module: str) -> str:
        return f"{self.base}{quote(module)}.html" if self.base and module else ""


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
               output: Optional[Path] = None, docs: Optional[str] = None) -> str:
    """A self-contained page that opens on the module overview (`graph_overview`: modules
    as boxes, arrows between modules; click one for its counts and the modules it uses,
    expand it to its declarations), and the `graph.layout` of the declarations as inline
    SVG with zoom and pan, substring search, a module filter and the declarations that
    are not proved at the top; click a declaration to highlight what it uses and what
    uses it (transitively) and to see its statement (node attribute `statement`), kind,
    status, a link to its source line and (with `docs`, see `DocsLinks`) to its docs
    anchor. Theorems are drawn as rounded boxes, definitions as square ones."""
    from leansharp_tools.graph import BOXH, BOXW, layout, summary
    from leansharp_tools.graph_overview import MBOXH, MBOXW, overview

    lay = layout(g)
    ov = overview(g) if root is None else None
    project = g.graph.get("project") or ""
    checked = any(b.status not in (Status.UNKNOWN, Status.OTHER) for b in lay.boxes)
    return render_page(
        "graph.html.j2", title=title or (f"{project} dependency graph" if project else "Dependency graph"),
        project=project, root=root, summary=summary(g, root), layout=lay, colours=STATUS_COLOURS,
        box_width=BOXW, box_height=BOXH, modules=sorted({b.module for b in lay.boxes if b.module}),
        status_checked=checked, unproved=[b for b in lay.boxes if checked and b.status in UNPROVED],
        statements_note=g.graph.get("statements_note"), overview=ov, mbox_width=MBOXW, mbox_height=MBOXH,
        links=SourceLinks.to(Path(g.graph.get("root") or "."), output),
        docs=DocsLinks.to(docs, output, {a.get("module", "") for _, a in g.nodes(data=True)} - {""}))


def render_graph(g: nx.DiGraph, fmt: str, root: Optional[str] = None, output: Optional[Path] = None,
                 docs: Optional[str] = None) -> str:
    """The graph as DOT, the JSON document of `graph.to_json`, or a standalone HTML page
    (source links relative to `output`, the file it is written to; `docs`: see `DocsLinks`)."""
    if fmt == "dot":
        return graph_dot(g)
    if fmt == "json":
        from leansharp_tools.graph import to_json

        return json_text(to_json(g, root))
    if fmt == "html":
        return graph_html(g, root=root, output=output, docs=docs)
    raise LeanSharpError(f"unknown graph format {fmt!r}; use one of: {', '.join(GRAPH_FORMATS)}")


BLUEPRINT_COLOURS = {"proved": ("#a5d6a7", "#2e7d32"), "found": ("#dcedc8", "#689f38"),
                     "partial": ("#ffe082", "#f57f17"), "open": ("#eeeeee", "#9e9e9e")}


def blueprint_html(bp: Blueprint, output: Optional[Path] = None, docs: Optional[str] = None) -> str:
    """The blueprint page: one box per roadmap item (colour: proved / partial / open; tier
    and headline on the box), an arrow A -> B when a declaration of A uses one of B's
    (the transitive reduction drawn, every implied arrow on request); click an item for
    its statement in words, its declarations' Coq statements with links to their source
    lines (and, with `docs`, their docs anchors: `DocsLinks`), its witnesses, code and test."""
    return render_page("blueprint.html.j2", bp=bp, colours=BLUEPRINT_COLOURS,
                       title=f"{bp.project} blueprint" if bp.project else "Blueprint",
                       links=SourceLinks.to(bp.root, output), docs=DocsLinks.to(docs, output, bp.modules))
