"""`roadmap.toml`: load and validate the roadmap (errors carry line numbers).

Public API (stable; used by `leansharp status` and `leansharp map`):

    items = load_roadmap(path)            # -> list[RoadmapItem]; LeanSharpError on bad input
    items = parse_roadmap(text, where)    # same, from a string
    problems = check_links(root, items)   # -> list[str]: `code`/`test` links that do not exist
    item_status(item, statuses)           # -> "proved" | "partial" | "open"

Schema of one `[[item]]` table:

    id            str, required, unique        "area.result"
    title         str, required
    spec          str (or number), required    SPEC section, e.g. "2.1"
    tier          int 1..4, required
    headline      bool, default false
    declarations  list[str], default []        fully qualified Coq names; empty = open
    witness       list[str] (or str), default []
                  declarations showing the hypotheses are satisfiable
    filters       list[str] (or str), default []
                  the declarations proving that, at the witness point, ZSharp's mask
                  is not all ones (the filter really drops components); each must
                  exist and be proved
    code          str or list[str], optional   "leansharp_tools.zsharp.<function>"
    test          str or list[str], optional   "tests/<file>.py::<test function>"

Unknown keys are rejected (they are usually typos). `RoadmapItem.line` is the line
of the item's `[[item]]` header; `RoadmapItem.line_of(name)` the line where a
declaration, witness or filters name is written.

`leansharp status --strict` fails when a declaration, witness or filters name does not
exist, and when a `filters` declaration is not proved; `leansharp map` shows witnesses
and filters with their file:line and status.
"""

from __future__ import annotations

import ast
import functools
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Mapping, Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from leansharp_tools.errors import LeanSharpError

ROADMAP = "roadmap.toml"
KNOWN_KEYS = {"id", "title", "spec", "tier", "headline", "declarations", "witness", "filters", "code", "test"}


@dataclass
class RoadmapItem:
    id: str
    title: str
    spec: str
    tier: int
    headline: bool = False
    declarations: List[str] = field(default_factory=list)
    witness: List[str] = field(default_factory=list)
    filters: List[str] = field(default_factory=list)
    code: List[str] = field(default_factory=list)
    test: List[str] = field(default_factory=list)
    line: int = 0
    name_lines: Dict[str, int] = field(default_factory=dict)  # declaration/witness/filters -> its line

    def line_of(self, name: str) -> int:
        """Line where `name` is written in this item (the item header if not found)."""
        return self.name_lines.get(name, self.line)

    def to_json(self) -> dict:
        return {
            "id": self.id, "title": self.title, "spec": self.spec, "tier": self.tier,
            "headline": self.headline, "declarations": self.declarations, "witness": self.witness,
            "filters": self.filters, "code": self.code, "test": self.test, "line": self.line,
        }


def _item_lines(text: str) -> List[int]:
    return [i for i, l in enumerate(text.splitlines(), 1) if re.match(r"^\s*\[\[\s*item\s*\]\]", l)]


def _key_line(text: str, start: int, key: str) -> int:
    lines = text.splitlines()
    for i in range(start, len(lines) + 1):
        if i > start and re.match(r"^\s*\[", lines[i - 1]):
            break
        if re.match(rf"^\s*{re.escape(key)}\s*=", lines[i - 1]):
            return i
    return start


def _str_list(v, what: str, err) -> List[str]:
    if isinstance(v, str):
        return [v]
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return list(v)
    err(f"'{what}' must be a string or a list of strings")
    return []


def parse_roadmap(text: str, where: str = ROADMAP) -> List[RoadmapItem]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        if m:
            msg = msg[: m.start()].strip()
            raise LeanSharpError(f"{where}:{m.group(1)}:{m.group(2)}: invalid TOML: {msg}; fix the syntax on that line")
        raise LeanSharpError(f"{where}: invalid TOML: {msg}")
    extra = [k for k in data if k != "item"]
    if extra:
        raise LeanSharpError(f"{where}: unexpected top-level key '{extra[0]}'; only [[item]] tables are allowed")
    raw = data.get("item", [])
    if not isinstance(raw, list):
        raise LeanSharpError(f"{where}: 'item' must be an array of tables: write [[item]]")
    heads = _item_lines(text)
    items: List[RoadmapItem] = []
    seen: Dict[str, int] = {}
    for k, t in enumerate(raw):
        line = heads[k] if k < len(heads) else 0

        def err(msg: str, key: Optional[str] = None) -> None:
            ln = _key_line(text, line, key) if key else line
            raise LeanSharpError(f"{where}:{ln}: item {k + 1}: {msg}")

        if not isinstance(t, dict):
            err("must be a table")
        for key in t:
            if key not in KNOWN_KEYS:
                err(f"unknown key '{key}' (allowed: {', '.join(sorted(KNOWN_KEYS))})", key)
        for key in ("id", "title", "spec", "tier"):
            if key not in t:
                err(f"missing required key '{key}'")
        if not isinstance(t["id"], str) or not t["id"]:
            err("'id' must be a non-empty string", "id")
        if t["id"] in seen:
            err(f"duplicate id '{t['id']}' (first at line {seen[t['id']]})", "id")
        seen[t["id"]] = line
        if not isinstance(t["title"], str):
            err("'title' must be a string", "title")
        if not isinstance(t["spec"], (str, int, float)):
            err("'spec' must be a string like \"2.1\"", "spec")
        tier = t["tier"]
        if not isinstance(tier, int) or isinstance(tier, bool) or not 1 <= tier <= 4:
            err("'tier' must be an integer 1..4", "tier")
        headline = t.get("headline", False)
        if not isinstance(headline, bool):
            err("'headline' must be true or false", "headline")
        decls = t.get("declarations", [])
        if not (isinstance(decls, list) and all(isinstance(x, str) for x in decls)):
            err("'declarations' must be a list of strings", "declarations")
        items.append(RoadmapItem(
            id=t["id"], title=t["title"], spec=str(t["spec"]), tier=tier, headline=headline,
            declarations=list(decls),
            witness=_str_list(t.get("witness", []), "witness", lambda m: err(m, "witness")),
            filters=_str_list(t.get("filters", []), "filters", lambda m: err(m, "filters")),
            code=_str_list(t.get("code", []), "code", lambda m: err(m, "code")),
            test=_str_list(t.get("test", []), "test", lambda m: err(m, "test")),
            line=line,
        ))
        it = items[-1]
        it.name_lines = _name_lines(text, line, it.declarations + it.witness + it.filters)
    return items


def _name_lines(text: str, start: int, names: List[str]) -> Dict[str, int]:
    lines = text.splitlines()
    out: Dict[str, int] = {}
    for i in range(start + 1, len(lines) + 1):
        if re.match(r"^\s*\[", lines[i - 1]):
            break
        for n in names:
            if n not in out and (f'"{n}"' in lines[i - 1] or f"'{n}'" in lines[i - 1]):
                out[n] = i
    return out


def load_roadmap(path: Path) -> List[RoadmapItem]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise LeanSharpError(f"{path}: cannot read ({err.strerror})")
    return parse_roadmap(text, str(path))


def find_roadmap(root: Path) -> Optional[Path]:
    p = Path(root) / ROADMAP
    return p if p.is_file() else None


@functools.lru_cache(maxsize=None)
def _defined_names(py: Path) -> frozenset:
    try:
        tree = ast.parse(py.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return frozenset(names)


def _defines(root: Path, py: Path, attr: str, depth: int = 0) -> bool:
    """`attr` is defined in `py`, or re-exported there by `from pkg.mod import attr` from a
    module file under `root` that defines it (followed a few levels, still without import)."""
    if attr in _defined_names(py):
        return True
    if depth >= 4:
        return False
    try:
        tree = ast.parse(py.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return False
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                if (alias.asname or alias.name) == attr:
                    base = root / Path(*node.module.split("."))
                    src = base.with_suffix(".py") if base.with_suffix(".py").is_file() else base / "__init__.py"
                    return src.is_file() and _defines(root, src, alias.name, depth + 1)
    return False


def check_links(root: Path, items: List[RoadmapItem]) -> List[str]:
    """Static check (no import) that each `code` link names a function/class defined in
    the module file and each `test` link names a test function in the file."""
    root = Path(root)
    problems: List[str] = []
    for it in items:
        for c in it.code:
            mod, _, attr = c.rpartition(".")
            base = root / Path(*mod.split("."))
            f = base.with_suffix(".py") if base.with_suffix(".py").is_file() else base / "__init__.py"
            if not mod or not f.is_file():
                problems.append(f"roadmap.toml:{it.line}: item {it.id}: code module of '{c}' not found")
            elif not _defines(root, f, attr):
                problems.append(f"roadmap.toml:{it.line}: item {it.id}: code '{c}': no '{attr}' in {f.relative_to(root)}")
        for t in it.test:
            file, _, func = t.partition("::")
            f = root / file
            if not f.is_file():
                problems.append(f"roadmap.toml:{it.line}: item {it.id}: test file '{file}' not found")
            elif func and func.split("::")[-1].split("[")[0] not in _defined_names(f):
                problems.append(f"roadmap.toml:{it.line}: item {it.id}: test '{t}': no '{func}' in {file}")
    return problems


def item_status(item: RoadmapItem, statuses: Mapping[str, str]) -> str:
    """proved when every declaration is proved, partial when some are, open when none."""
    if not item.declarations:
        return "open"
    proved = [d for d in item.declarations if statuses.get(d) == "proved"]
    if len(proved) == len(item.declarations):
        return "proved"
    return "partial" if proved else "open"
