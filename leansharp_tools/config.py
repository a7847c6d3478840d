"""The project's own settings: `leansharp.toml` at the project root, else the
`[tool.leansharp]` table of the root's `pyproject.toml` (neither: the defaults).

    # leansharp.toml                           # pyproject.toml: the same under [tool.leansharp]
    accept-primitives = ["int63", "float"]     # the prover's primitive families (Coq: int63, float, array)
    [[accept-axioms]]                          # [[tool.leansharp.accept-axioms]]
    name = "MyLib.Base.choice"                 # fully qualified kernel name
    statement = "forall A : Type, A -> A"      # its exact statement

What `status` accepts besides the prover's standard axioms; the prover confirms each
one itself (`backends/coq/axioms.py`). Errors are one line: `file:line: ...`.

    cfg = load_config(root)     # -> ProjectConfig
    cfg.digest()                # "" for the defaults (so caches of unconfigured projects stay valid)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

from leansharp_tools.cache import digest
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.tomlfile import parse_toml

CONFIG_FILE = "leansharp.toml"
_KEYS = {"accept-primitives", "accept-axioms"}


@dataclass(frozen=True)
class AcceptedAxiom:
    name: str
    statement: str
    where: str  # file:line of its entry


@dataclass(frozen=True)
class ProjectConfig:
    source: Optional[str] = None  # the file the settings come from
    axioms: Tuple[AcceptedAxiom, ...] = ()
    primitives: Tuple[str, ...] = ()

    def digest(self) -> str:
        if not self.axioms and not self.primitives:
            return ""
        return digest([json.dumps([[a.name, a.statement] for a in self.axioms]), *self.primitives])


def _line(text: str, needle: str) -> int:
    for k, ln in enumerate(text.splitlines(), 1):
        if needle in ln:
            return k
    return 1


def _table(root: Path) -> Tuple[Optional[str], str, Dict[str, Any]]:
    own = root / CONFIG_FILE
    if own.is_file():
        text = own.read_text(encoding="utf-8", errors="replace")
        return CONFIG_FILE, text, parse_toml(text, CONFIG_FILE)
    py = root / "pyproject.toml"
    if py.is_file():
        text = py.read_text(encoding="utf-8", errors="replace")
        table = parse_toml(text, "pyproject.toml").get("tool", {}).get("leansharp")
        if table is not None:
            if not isinstance(table, dict):
                raise LeanSharpError(f"pyproject.toml:{_line(text, 'leansharp')}: [tool.leansharp] must be a table")
            return "pyproject.toml", text, table
    return None, "", {}


def load_config(root: Path) -> ProjectConfig:
    """The settings of the project at `root` (see the module docstring)."""
    source, text, table = _table(Path(root))
    if source is None:
        return ProjectConfig()
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise LeanSharpError(f"{source}:{_line(text, unknown[0])}: unknown setting '{unknown[0]}' "
                             f"(known: {', '.join(sorted(_KEYS))})")
    prims = table.get("accept-primitives", [])
    if not isinstance(prims, list) or not all(isinstance(p, str) for p in prims):
        raise LeanSharpError(f"{source}:{_line(text, 'accept-primitives')}: accept-primitives must be a list of "
                             f"names, e.g. [\"int63\", \"float\"]")
    entries = table.get("accept-axioms", [])
    if not isinstance(entries, list):
        raise LeanSharpError(f"{source}:{_line(text, 'accept-axioms')}: accept-axioms must be an array of tables "
                             f"([[accept-axioms]] with name and statement)")
    axioms = []
    for e in entries:
        ok = isinstance(e, dict) and set(e) == {"name", "statement"} and all(
            isinstance(v, str) and v.strip() for v in e.values())
        if not ok:
            shown = f'"{e["name"]}"' if isinstance(e, dict) and "name" in e else "accept-axioms"
            raise LeanSharpError(f"{source}:{_line(text, shown)}: each accept-axioms entry "
                                 f"needs exactly a name (fully qualified) and a statement")
        name, at = " ".join(e["name"].split()), _line(text, f'"{e["name"]}"')
        if "." not in name or " " in name:
            raise LeanSharpError(f"{source}:{at}: accept-axioms: '{name}' is not a fully qualified "
                                 f"name (e.g. MyLib.Base.choice)")
        axioms.append(AcceptedAxiom(name, " ".join(e["statement"].split()), f"{source}:{at}"))
    return ProjectConfig(source, tuple(axioms), tuple(dict.fromkeys(prims)))
