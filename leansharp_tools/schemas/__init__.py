"""JSON Schemas (draft 2020-12) of the toolkit's machine-readable outputs, shipped as
package data next to this file:

    status            `leansharp status --json`            (leansharp-status/2)
    graph             `leansharp graph --format json`      (leansharp-graph/1)
    extract-theorem   a record of theorems.jsonl and of splits/*/*.jsonl (leansharp-extract/1)
    extract-premise   a record of premises.jsonl: a premise of the corpus or a theorem's uses
    extract-metadata  metadata.json of an extracted dataset

    path = schema_path("status"); doc = load_schema("status")
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

from leansharp_tools.errors import LeanSharpError

NAMES = ("status", "graph", "extract-theorem", "extract-premise", "extract-metadata")
HERE = Path(__file__).resolve().parent


def schema_path(name: str) -> Path:
    if name not in NAMES:
        raise LeanSharpError(f"no schema '{name}' (schemas: {', '.join(NAMES)})")
    return HERE / f"{name}.schema.json"


def load_schema(name: str) -> Dict[str, Any]:
    doc: Dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return doc
