"""`roadmap.toml`'s items: load and validate them (errors carry line numbers) and
decide the status of an item (`item_status`). The schema: `leansharp_tools.roadmap`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from leansharp_tools.backends.base import Status, TextEnum
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.roadmap.port import PortEntry, parse_port
from leansharp_tools.tomlfile import parse_toml
from leansharp_tools.upstream import UpstreamLink, parse_upstream

ROADMAP = "roadmap.toml"
KNOWN_KEYS = {"id", "title", "statement", "spec", "tier", "headline", "declarations", "witness", "filters", "code",
              "test", "upstream", "agreement", "status", "port"}
CLAIMS = ("proved", "partial", "open")
ROLES = ("declaration", "witness", "filters")
TITLE_MAX = 80


class ItemState(TextEnum):
    """The status of a roadmap item (see `item_status`)."""

    PROVED = "proved"
    FOUND = "found"
    PARTIAL = "partial"
    OPEN = "open"


# ------------------------------------------------------------------------ items

@dataclass
class RoadmapItem:
    id: str
    title: str
    spec: str = ""  # "" when the roadmap gives none
    tier: Optional[int] = None  # None when the roadmap gives none
    headline: bool = False
    declarations: List[str] = field(default_factory=list)
    witness: List[str] = field(default_factory=list)
    filters: List[str] = field(default_factory=list)
    code: List[str] = field(default_factory=list)
    test: List[str] = field(default_factory=list)
    line: int = 0
    upstream: List[UpstreamLink] = field(default_factory=list)  # the upstream code the statement is about
    agreement: List[str] = field(default_factory=list)  # tests of `code` against the upstream code's outputs
    name_lines: Dict[str, int] = field(default_factory=dict)  # any name or link target -> its line
    statement: str = ""  # the result in words; the title when the roadmap gives none
    claimed: str = ""  # the roadmap's own `status` (proved | partial | open), "" when it gives none
    port: List[PortEntry] = field(default_factory=list)  # another formalization's theorems it restates

    def line_of(self, name: str) -> int:
        """Line where `name` is written in this item (the item header if not found)."""
        return self.name_lines.get(name, self.line)

    def names(self, role: str) -> List[str]:
        """The names of `role`: "declaration", "witness" or "filters"."""
        return {"declaration": self.declarations, "witness": self.witness, "filters": self.filters}[role]

    def to_json(self) -> Dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "statement": self.statement, "spec": self.spec, "tier": self.tier,
            "headline": self.headline, "declarations": self.declarations, "witness": self.witness,
            "filters": self.filters, "code": self.code, "test": self.test, "line": self.line,
            "upstream": [u.to_json() for u in self.upstream], "agreement": self.agreement, "claimed": self.claimed,
            "port": [e.to_json() for e in self.port],
        }


#: a sentence end that is not an abbreviation ("i.i.d. ", "e.g. ")
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bcf)(?<!\bvs)(?<!\.\w)\. ")


def short_title(statement: str, limit: int = TITLE_MAX) -> str:
    """A title of at most `limit` characters for a long statement (a leading tag such
    as "OPEN — " dropped): the statement itself when it fits, else its first clause
    (up to "; ", ": ", " — ", a sentence end or ", ", brackets balanced) of at least
    8 characters that fits, else its words cut before `limit` with "…"."""
    text = re.sub(r"^[A-Z]{2,}\s*(—|:|-)\s*", "", " ".join(statement.split()))
    if len(text) <= limit:
        return text
    for sep in (re.compile("; "), re.compile(": "), re.compile(" — "), _SENTENCE_END, re.compile(", ")):
        for m in sep.finditer(text, 0, limit + 2):
            head = text[:m.start()]
            if 8 <= len(head) <= limit and all(head.count(a) == head.count(b) for a, b in ("()", "[]", "{}", "⟨⟩")):
                return head
    cut = text[:limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—-") + "…"


def _title_and_statement(t: Mapping[str, Any], err: Callable[..., LeanSharpError]) -> Tuple[str, str]:
    """(title, statement) of an item table (see the module doc for the rules)."""
    for key in ("title", "statement"):
        if key in t and (not isinstance(t[key], str) or not t[key].strip()):
            raise err(f"'{key}' must be a non-empty string", key)
    title, statement = " ".join(t.get("title", "").split()), " ".join(t.get("statement", "").split())
    if not statement:
        statement = title
    elif len(title) > TITLE_MAX:
        raise err(f"'title' has {len(title)} characters, at most {TITLE_MAX}: keep it short (what the result is "
                  f"about) and put the rest in 'statement'", "title")
    if not title or len(title) > TITLE_MAX:
        title = short_title(statement)
    return title, statement


def _item_lines(text: str) -> List[int]:
    return [i for i, line in enumerate(text.splitlines(), 1) if re.match(r"^\s*\[\[\s*item\s*\]\]", line)]


def _key_line(text: str, start: int, key: str) -> int:
    lines = text.splitlines()
    for i in range(start, len(lines) + 1):
        if i > start and re.match(r"^\s*\[", lines[i - 1]):
            break
        if re.match(rf"^\s*{re.escape(key)}\s*=", lines[i - 1]):
            return i
    return start


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


def _parse_item(t: Any, k: int, line: int, text: str, where: str, seen: Dict[str, int]) -> RoadmapItem:
    def err(msg: str, key: Optional[str] = None) -> LeanSharpError:
        ln = _key_line(text, line, key) if key else line
        return LeanSharpError(f"{where}:{ln}: item {k + 1}: {msg}")

    def str_list(key: str) -> List[str]:
        v = t.get(key, [])
        if isinstance(v, str):
            return [v]
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            return list(v)
        raise err(f"'{key}' must be a string or a list of strings", key)

    if not isinstance(t, dict):
        raise err("must be a table")
    for key in t:
        if key not in KNOWN_KEYS:
            raise err(f"unknown key '{key}' (allowed: {', '.join(sorted(KNOWN_KEYS))})", key)
    for key in ("id", "title"):
        if key == "title" and "statement" in t:
            continue
        if key not in t:
            raise err(f"missing required key '{key}'" + (" or 'statement'" if key == "title" else ""))
    if not isinstance(t["id"], str) or not t["id"]:
        raise err("'id' must be a non-empty string", "id")
    if t["id"] in seen:
        raise err(f"duplicate id '{t['id']}' (first at line {seen[t['id']]})", "id")
    seen[t["id"]] = line
    title, statement = _title_and_statement(t, err)
    if not isinstance(t.get("spec", ""), (str, int, float)) or isinstance(t.get("spec"), bool):
        raise err("'spec' must be a string like \"2.1\"", "spec")
    tier = t.get("tier")
    if tier is not None and (not isinstance(tier, int) or isinstance(tier, bool) or not 1 <= tier <= 4):
        raise err("'tier' must be an integer 1..4", "tier")
    claimed = t.get("status", "")
    if "status" in t and claimed not in CLAIMS:
        raise err(f"'status' must be one of {', '.join(CLAIMS)}", "status")
    headline = t.get("headline", False)
    if not isinstance(headline, bool):
        raise err("'headline' must be true or false", "headline")
    decls = t.get("declarations", [])
    if not (isinstance(decls, list) and all(isinstance(x, str) for x in decls)):
        raise err("'declarations' must be a list of strings", "declarations")
    it = RoadmapItem(id=t["id"], title=title, statement=statement, spec=str(t.get("spec", "")), tier=tier,
                     headline=headline, declarations=list(decls), witness=str_list("witness"),
                     filters=str_list("filters"), code=str_list("code"), test=str_list("test"), line=line,
                     claimed=claimed)
    if "upstream" in t:
        try:
            it.upstream = parse_upstream(t["upstream"])
        except ValueError as bad:
            raise err(f"'upstream' {bad}", "upstream") from None
    it.agreement = str_list("agreement")
    if "port" in t:
        try:
            it.port = parse_port(t["port"], it.declarations)
        except ValueError as bad:
            raise err(f"'port' {bad}", "port") from None
    it.name_lines = _name_lines(text, line, it.declarations + it.witness + it.filters + it.code + it.test
                                + it.agreement + ([claimed] if claimed else []))
    return it


def parse_roadmap(text: str, where: str = ROADMAP) -> List[RoadmapItem]:
    data = parse_toml(text, where, fix="fix the syntax on that line")
    extra = [k for k in data if k != "item"]
    if extra:
        raise LeanSharpError(f"{where}: unexpected top-level key '{extra[0]}'; only [[item]] tables are allowed")
    raw = data.get("item", [])
    if not isinstance(raw, list):
        raise LeanSharpError(f"{where}: 'item' must be an array of tables: write [[item]]")
    heads = _item_lines(text)
    seen: Dict[str, int] = {}
    return [_parse_item(t, k, heads[k] if k < len(heads) else 0, text, where, seen) for k, t in enumerate(raw)]


def load_roadmap(path: Path) -> List[RoadmapItem]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise LeanSharpError(f"{path}: cannot read ({err.strerror})") from None
    return parse_roadmap(text, str(path))


def find_roadmap(root: Path) -> Optional[Path]:
    p = Path(root) / ROADMAP
    return p if p.is_file() else None


# ------------------------------------------------------------------ item status

def item_status(item: RoadmapItem, statuses: Mapping[str, str]) -> ItemState:
    """PROVED when every declaration is proved; FOUND when every one is proved or found
    in the sources (no prover verdict) and some only found; PARTIAL when some are, or
    when the item ports a theorem it leaves open (`port`); OPEN when none are (or the
    item names no declaration)."""
    sts = [statuses.get(d, Status.MISSING) for d in item.declarations]
    done = [s for s in sts if s in (Status.PROVED, Status.FOUND)]
    if not sts or not done:
        return ItemState.OPEN
    if len(done) < len(sts) or any(e.status == "open" for e in item.port):
        return ItemState.PARTIAL
    return ItemState.PROVED if all(s == Status.PROVED for s in sts) else ItemState.FOUND
