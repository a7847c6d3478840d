"""Rendering the map as Markdown or a standalone HTML page (jinja2 templates in
`leansharp_tools/templates/map.{md,html}.j2`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from leansharp_tools.errors import LeanSharpError
from leansharp_tools.map_model import ProjectMap


FORMATS = ("md", "html")


def _md_cell(value: Any) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _env(fmt: str):
    import jinja2

    try:
        loader: jinja2.BaseLoader = jinja2.PackageLoader("leansharp_tools", "templates")
    except (ValueError, ModuleNotFoundError):  # pragma: no cover - unusual installs
        loader = jinja2.FileSystemLoader(str(Path(__file__).parent / "templates"))
    env = jinja2.Environment(
        loader=loader,
        autoescape=(fmt == "html"),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["mdcell"] = _md_cell
    return env


def render_map(pmap: ProjectMap, fmt: str = "md") -> str:
    """The map as Markdown (`fmt="md"`) or a standalone HTML page (`fmt="html"`)."""
    if fmt not in FORMATS:
        raise LeanSharpError(f"unknown map format {fmt!r}; use one of: {', '.join(FORMATS)}")
    tmpl = _env(fmt).get_template(f"map.{fmt}.j2")
    return tmpl.render(map=pmap, items=pmap.items, counts=pmap.counts, problems=pmap.problems)
