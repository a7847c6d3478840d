"""The optional `port` field of a roadmap item: the theorems of another formalization
(for LeanSharp, the Lean 4 project bangyen/leansharp) that the item restates, each with
how it came across, and the Markdown table of all of them (`port_table`).

    entries = parse_port(value, declarations)   # -> list[PortEntry]; ValueError (one-line reason)
    port_table(items)                           # -> the README table, one row per ported theorem
    port_totals(items)                          # -> {"equal": a, "weaker": b, "open": c}

Schema: `port` is a list of inline tables, one per theorem of the other formalization:

    name    its name there ("vectorStd_le_norm")
    status  "equal"  — restated under that name, same generality or stronger;
            "weaker" — only a restricted form is proved, under the name plus a suffix that
                       says the restriction ("…_finite_law");
            "open"   — not restated here
    coq     the declaration that restates it (fully qualified; one of the item's
            `declarations`): required for equal and weaker; its last component is `name`
            (equal) or starts with `name_` (weaker)
    reason  what differs (weaker) or what is missing (open): required for both

An item with an open entry is at most partial (`roadmap.item_status`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Sequence

from leansharp_tools.upstream import UpstreamLink

PORT_KEYS = ("name", "status", "coq", "reason")
PORT_STATUSES = ("equal", "weaker", "open")


@dataclass(frozen=True)
class PortEntry:
    """One theorem of the other formalization and how this project restates it."""

    name: str
    status: str
    coq: str = ""
    reason: str = ""

    def to_json(self) -> Dict[str, Any]:
        return {"name": self.name, "status": self.status, "coq": self.coq or None, "reason": self.reason or None}


def _entry(value: Any, declarations: Sequence[str]) -> PortEntry:
    if not isinstance(value, dict):
        raise ValueError("each entry must be a table {name, status, coq, reason}")
    extra = sorted(k for k in value if k not in PORT_KEYS)
    if extra:
        raise ValueError(f"unknown key '{extra[0]}' in an entry (allowed: {', '.join(PORT_KEYS)})")
    for key in PORT_KEYS:
        if key in value and not (isinstance(value[key], str) and value[key].strip()):
            raise ValueError(f"'{key}' must be a non-empty string")
    name, status = value.get("name", ""), value.get("status", "")
    if not name:
        raise ValueError("an entry has no 'name'")
    if status not in PORT_STATUSES:
        raise ValueError(f"{name}: 'status' must be one of {', '.join(PORT_STATUSES)}")
    coq, reason = value.get("coq", ""), " ".join(value.get("reason", "").split())
    if status in ("weaker", "open") and not reason:
        raise ValueError(f"{name}: a {status} entry needs a 'reason'")
    if status == "open":
        if coq:
            raise ValueError(f"{name}: an open entry names no 'coq' declaration")
        return PortEntry(name, status, "", reason)
    if not coq:
        raise ValueError(f"{name}: an {status} entry needs 'coq', the declaration that restates it")
    if coq not in declarations:
        raise ValueError(f"{name}: '{coq}' is not among the item's declarations")
    short = coq.rsplit(".", 1)[-1]
    if status == "equal" and short != name:
        raise ValueError(f"{name}: an equal entry keeps the name; '{short}' differs")
    if status == "weaker" and not short.startswith(name + "_"):
        raise ValueError(f"{name}: a weaker entry is named '{name}_<restriction>', not '{short}'")
    return PortEntry(name, status, coq, reason)


def parse_port(value: Any, declarations: Sequence[str]) -> List[PortEntry]:
    """The entries of a `port` value (see the module doc); ValueError says what is wrong."""
    if not isinstance(value, list):
        raise ValueError("must be a list of tables {name, status, coq, reason}")
    entries = [_entry(v, declarations) for v in value]
    names = [e.name for e in entries]
    dup = next((n for n in names if names.count(n) > 1), None)
    if dup:
        raise ValueError(f"{dup}: listed twice")
    return entries


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def port_totals(items: Sequence[Any]) -> Dict[str, int]:
    """How many ported theorems are equal, weaker and open, over `items` (RoadmapItems)."""
    out = {s: 0 for s in PORT_STATUSES}
    for it in items:
        for e in it.port:
            out[e.status] += 1
    return out


def _source(links: Sequence[UpstreamLink]) -> str:
    if not links:
        return ""
    return f"[`{links[0].path}`]({links[0].file_url})"


def port_table(items: Sequence[Any]) -> str:
    """The Markdown table of every ported theorem of `items` (those with a `port`), in
    roadmap order: upstream file, name, how it came across, the Coq declaration, the
    reason; a totals line first."""
    ported = [it for it in items if it.port]
    t = port_totals(ported)
    lines = [f"{sum(t.values())} theorems: {t['equal']} equal or stronger, {t['weaker']} weaker, "
             f"{t['open']} open.", "",
             "| upstream file | theorem | here | Coq declaration | what differs / what is missing |",
             "| --- | --- | --- | --- | --- |"]
    for it in ported:
        src = _source(it.upstream)
        for e in it.port:
            coq = f"`{e.coq}`" if e.coq else ""
            lines.append(f"| {src} | `{e.name}` | {e.status} | {coq} | {_cell(e.reason)} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - prints README's table: python -m leansharp_tools.roadmap.port
    import sys
    from pathlib import Path

    from leansharp_tools.roadmap.items import load_roadmap

    sys.stdout.write(port_table(load_roadmap(Path(sys.argv[1] if len(sys.argv) > 1 else "roadmap.toml"))))
