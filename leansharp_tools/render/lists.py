"""Plain-text lists for the terminal (one entry per line, pipe-friendly): the answers
of `leansharp graph --uses/--used-by` and `leansharp unused`, and their one-line
summaries for stderr. Every function takes the JSON document the command computed
and returns (the list, the summary line)."""

from __future__ import annotations

from typing import Any, Dict, Tuple


def _lines(lines: Any) -> str:
    return "".join(line + "\n" for line in lines)


def reachable_text(doc: Dict[str, Any]) -> Tuple[str, str]:
    """The names, one per line (nearest first); "DECL uses N declarations (transitively)"."""
    verb = "uses" if doc["query"] == "uses" else "is used by"
    n = doc["count"]
    return (_lines(d["name"] for d in doc["declarations"]),
            f"{doc['name']} {verb} {n} declaration{'s' if n != 1 else ''} (transitively)")


def unused_text(doc: Dict[str, Any]) -> Tuple[str, str]:
    """`file:line: name (kind)`, plus `  [roadmap: item, item (witness)]` for the ones
    the roadmap lists; the counts."""
    lines = []
    for d in doc["declarations"]:
        mark = ""
        if d["roadmap"]:
            mark = "  [roadmap: " + ", ".join(
                r["item"] + ("" if r["role"] == "declaration" else f" ({r['role']})") for r in d["roadmap"]) + "]"
        lines.append(f"{d['file']}:{d['line']}: {d['name']} ({d['kind']}){mark}")
    return (_lines(lines), f"{doc['count']} of {doc['total']} declarations are used by no other declaration "
                           f"({doc['in_roadmap']} of them listed in roadmap.toml)")
