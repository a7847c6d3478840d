"""The theorem-to-code map behind `leansharp map`: `model` (dataclasses) and `build`
(`project_map`, `build_map`, `prover_statuses`, `scan_declarations`). Links and item
status are `leansharp_tools.roadmap`'s; rendering is `leansharp_tools.render.pages`."""

from leansharp_tools.map.build import build_map, load_items, project_map, prover_statuses, scan_declarations
from leansharp_tools.map.model import DeclLink, ItemMap, Location, ProjectMap

__all__ = ["DeclLink", "ItemMap", "Location", "ProjectMap", "build_map", "load_items", "project_map",
           "prover_statuses", "scan_declarations"]
