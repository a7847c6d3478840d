"""`roadmap.toml`: load and validate the roadmap (errors carry line numbers), resolve
its links, and decide the status of its items. The one owner of both rules:
`leansharp status` (its `--strict` gate) and `leansharp map` call the functions here.

Public API:

    items = load_roadmap(path)            # -> list[RoadmapItem]; LeanSharpError on bad input
    items = parse_roadmap(text, where)    # same, from a string
    links = resolve_links(item, root, statuses)   # -> ItemLinks: code, test, problems
    problems = check_links(root, items, statuses) # -> list[LinkProblem]; [] when all resolve
    item_status(item, statuses)           # -> ItemState: proved | found | partial | open

`statuses` maps every declaration of the project to its `Status` (the prover's
verdict, or FOUND/ADMITTED from the source scan); a name absent from it does not exist.

Schema of one `[[item]]` table:

    id            str, required, unique        "area.result"
    statement     str                          the result in words (any length)
    title         str, <= 80 characters        what the result is about, shown in tables;
                  at least one of title/statement is required. Without `statement`
                  a title longer than 80 characters is the statement (roadmaps written
                  before `statement` existed); without a short `title` it is
                  `short_title(statement)`
    spec          str (or number), optional    SPEC section, e.g. "2.1" (LeanSharp's roadmap gives one)
    tier          int 1..4, optional           (LeanSharp's roadmap gives one)
    headline      bool, default false
    status        str, optional                what the roadmap claims: proved | partial | open;
                  `--strict` reports an item whose declarations say otherwise
    declarations  list[str], default []        fully qualified Coq names; empty = open
    witness       list[str] (or str), default []
                  declarations showing the hypotheses are satisfiable
    filters       list[str] (or str), default []
                  the declarations proving that, at the witness point, ZSharp's mask
                  is not all ones (the filter really drops components); each must
                  exist and be proved
    code          str or list[str], optional   "leansharp_tools.zsharp.<function>"
    test          str or list[str], optional   "tests/<file>.py::<test function>"
    upstream      table or list of tables, optional   the upstream code the statement is about:
                  {repo = "owner/name", commit = <40 hex>, path = "src/x.py", lines = "a-b"}
                  (`leansharp_tools.upstream`; shown as GitHub permalinks)
    agreement     str or list[str], optional   the test checking `code` against the upstream
                  code's recorded outputs, "tests/<file>.py::<test function>"

Only `id` and a `title` or `statement` are required: a roadmap of another project with
just id/title/statement/declarations/status loads; spec, tier, code, test, upstream,
agreement, witness and filters are LeanSharp's (ZSharp's) own. Unknown keys are
rejected (they are usually typos). `RoadmapItem.line` is the line of the item's
`[[item]]` header; `RoadmapItem.line_of(name)` the line where a
declaration, witness, filters, code or test name is written.

Links (`LinkProblem.kind`): a declaration, witness or filters name must exist
(missing-declaration / missing-witness / missing-filters), a filters declaration must
be proved (unproved-filters), `code` must import and name a function or class of its
own package (missing-code: resolved by import, which also gives its signature and
docstring), `test` and `agreement` must be defined in their file (missing-test,
missing-agreement: parsed, never run). `upstream` is checked for form only (no network;
bench/upstream_links.py checks the ranges against a git snapshot).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from leansharp_tools.backends.base import Status, TextEnum
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.tomlfile import parse_toml
from leansharp_tools.upstream import UpstreamLink, parse_upstream

ROADMAP = "roadmap.toml"
KNOWN_KEYS = {"id", "title", "statement", "spec", "tier", "headline", "declarations", "witness", "filters", "code",
              "test", "upstream", "agreement", "status"}
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
    in the sources (no prover verdict) and some only found; PARTIAL when some are;
    OPEN when none are (or the item names no declaration)."""
    sts = [statuses.get(d, Status.MISSING) for d in item.declarations]
    done = [s for s in sts if s in (Status.PROVED, Status.FOUND)]
    if not sts or not done:
        return ItemState.OPEN
    if len(done) < len(sts):
        return ItemState.PARTIAL
    return ItemState.PROVED if all(s == Status.PROVED for s in sts) else ItemState.FOUND


# ------------------------------------------------------------------------ links

@dataclass
class CodeLink:
    target: str
    found: bool
    signature: str = ""
    summary: str = ""
    location: str = ""  # file:line of the function, when known
    error: str = ""


@dataclass
class TestLink:
    target: str
    found: bool
    location: str = ""
    error: str = ""


@dataclass
class LinkProblem:
    """A roadmap link that does not resolve. kind: missing-declaration | missing-witness
    | missing-filters | unproved-filters | missing-code | missing-test | missing-agreement
    | claimed-status (the item's `status` is not what its declarations make it)."""

    item: str
    kind: str
    target: str
    message: str
    line: int = 0  # where the target is written in roadmap.toml

    def __str__(self) -> str:
        return f"{self.item}: {self.message}"

    def located(self, where: str = ROADMAP) -> str:
        """`where:line: item ID: message`, as `leansharp status` lists it."""
        return f"{where}:{self.line}: item {self.item}: {self.message}"


@dataclass
class ItemLinks:
    code: List[CodeLink]
    test: List[TestLink]
    problems: List[LinkProblem]
    agreement: List[TestLink] = field(default_factory=list)


class _Ann:
    """An annotation written as text (PEP 563 strings) shown without quotes."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _signature_text(obj: Any) -> str:
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return "(...)"

    def ann(a: Any) -> Any:
        return _Ann(a) if isinstance(a, str) else a

    params = [p.replace(annotation=ann(p.annotation)) for p in sig.parameters.values()]
    return str(sig.replace(parameters=params, return_annotation=ann(sig.return_annotation)))


def _source_location(obj: Any, root: Optional[Path]) -> str:
    try:
        src = inspect.getsourcefile(obj)
        _, line = inspect.getsourcelines(obj)
    except (OSError, TypeError):
        return ""
    if not src:
        return ""
    p = Path(src).resolve()
    if root is not None and p.is_relative_to(root):
        p = p.relative_to(root)
    return f"{p.as_posix()}:{line}"


def _import_attr(parts: List[str]) -> Any:
    """The object `a.b.c.f` names: the longest importable module prefix, then attributes.
    Raises LookupError with the reason."""
    for cut in range(len(parts) - 1, 0, -1):
        modname = ".".join(parts[:cut])
        try:
            obj = importlib.import_module(modname)
        except ImportError:
            continue
        except Exception as err:  # the module exists but fails to import
            raise LookupError(f"importing {modname} fails: {type(err).__name__}: {err}") from None
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                raise LookupError(f"{modname} has no attribute {'.'.join(parts[cut:])!r}")
            obj = getattr(obj, attr)
        return obj
    raise LookupError(f"no importable module in {'.'.join(parts)!r}")


def resolve_code(target: str, root: Optional[Path] = None) -> CodeLink:
    """Resolve "package.module.function" by import (with `root` on sys.path): it must be
    a function or class of that package (not one it imports from elsewhere); report its
    signature, the first paragraph of its docstring and its file:line."""
    parts = target.split(".")
    if len(parts) < 2 or not all(p.isidentifier() for p in parts):
        return CodeLink(target, False, error=f"code link {target!r} is not a dotted Python name")
    added = root is not None and str(root) not in sys.path
    if added:
        sys.path.insert(0, str(root))
    try:
        obj = _import_attr(parts)
    except LookupError as err:
        return CodeLink(target, False, error=str(err))
    finally:
        if added:
            sys.path.remove(str(root))
    if not callable(obj):
        return CodeLink(target, False, error=f"{target} is not a function or class")
    home = getattr(obj, "__module__", None) or ""
    if home.split(".")[0] != parts[0]:
        return CodeLink(target, False,
                        error=f"{target} is imported from {home or 'elsewhere'}, not defined in {parts[0]}")
    doc = inspect.getdoc(obj) or ""
    summary = " ".join(doc.strip().split("\n\n", 1)[0].split())  # first paragraph, one line
    summary = re.sub(r":\w+:`", "`", summary).replace("``", "`")  # Sphinx roles -> plain code spans
    return CodeLink(target, True, signature=f"{parts[-1]}{_signature_text(obj)}", summary=summary,
                    location=_source_location(obj, root))


def _find_test(tree: ast.Module, names: Sequence[str]) -> Optional[int]:
    body: Iterable[ast.stmt] = tree.body
    node: Optional[ast.stmt] = None
    defs = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    for name in names:
        node = next((n for n in body if isinstance(n, defs) and n.name == name), None)
        if node is None:
            return None
        body = node.body if isinstance(node, ast.ClassDef) else []
    return node.lineno if node is not None else None


def resolve_test(target: str, root: Path) -> TestLink:
    """Check "tests/file.py::test_name" (or "::Class::test_name"): the file exists under
    root and defines that test (parsed with `ast`, not imported)."""
    path_s, sep, rest = target.partition("::")
    if not sep or not rest or not path_s.endswith(".py"):
        return TestLink(target, False, error=f"test link {target!r} is not of the form 'tests/file.py::test_name'")
    path = root / path_s
    if not path.is_file():
        return TestLink(target, False, error=f"test file {path_s} does not exist")
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (SyntaxError, UnicodeDecodeError) as err:
        return TestLink(target, False, error=f"test file {path_s} does not parse ({err})")
    names = rest.split("::")
    names[-1] = names[-1].split("[", 1)[0]  # a parametrised id "test_x[case]" names test_x
    line = _find_test(tree, names)
    if line is None:
        return TestLink(target, False, error=f"{path_s} defines no test {rest!r}")
    return TestLink(target, True, location=f"{path_s}:{line}")


def resolve_links(item: RoadmapItem, root: Path, statuses: Mapping[str, str],
                  code_cache: Optional[Dict[str, CodeLink]] = None) -> ItemLinks:
    """Every link of `item` resolved, and the problems among them (see the module doc).
    `code_cache` shares `resolve_code` results between items."""
    cache: Dict[str, CodeLink] = code_cache if code_cache is not None else {}
    problems: List[LinkProblem] = []

    def problem(kind: str, target: str, message: str) -> None:
        problems.append(LinkProblem(item.id, kind, target, message, item.line_of(target)))

    if item.claimed:
        state = item_status(item, statuses)
        if item.claimed != (ItemState.PROVED if state == ItemState.FOUND else state):
            problem("claimed-status", item.claimed, f"status says {item.claimed}, its declarations make it {state}")
    for role in ROLES:
        for n in item.names(role):
            st = statuses.get(n)
            if st is None:
                problem(f"missing-{role}", n, f"{role} {n} does not exist")
            elif role == "filters" and st not in (Status.PROVED, Status.FOUND):
                problem("unproved-filters", n, f"filters {n} is {st}, not proved")
    codes = []
    for target in item.code:
        if target not in cache:
            cache[target] = resolve_code(target, root)
        codes.append(cache[target])
        if not codes[-1].found:
            problem("missing-code", target, f"code {target}: {codes[-1].error}")
    tests = [resolve_test(target, root) for target in item.test]
    for t in tests:
        if not t.found:
            problem("missing-test", t.target, f"test {t.target}: {t.error}")
    agreement = [resolve_test(target, root) for target in item.agreement]
    for t in agreement:
        if not t.found:
            problem("missing-agreement", t.target, f"agreement {t.target}: {t.error}")
    return ItemLinks(codes, tests, problems, agreement)


def check_links(root: Path, items: Sequence[RoadmapItem], statuses: Mapping[str, str]) -> List[LinkProblem]:
    """Every link of `items` that does not resolve; [] when all do."""
    cache: Dict[str, CodeLink] = {}
    return [p for it in items for p in resolve_links(it, Path(root), statuses, cache).problems]
