"""The theorem-to-code map behind `leansharp map`.

For every `roadmap.toml` item: its Coq declarations (file:line, status) → the
reference-implementation function named by its `code` field (resolved by import:
signature and first docstring line) → the property test named by its `test` field
("tests/file.py::test_name", found by parsing the file, never by running it).

Public API (pure: reads files, never prints or exits):

    links = build_map(root)                  # -> ProjectMap (items, problems, index)
    problems = check_links(root)             # -> [LinkProblem]; [] when every link resolves
    text = render_map(links, "md")           # or "html" (jinja2 templates in templates/)
    decls = scan_declarations(root)          # {qualified name: Location}

`check_links` is what `leansharp status --strict` calls to fail on a declaration,
code or test link that does not exist.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from leansharp_tools.errors import LeanSharpError

try:  # Python 3.11+
    import tomllib as _toml
except ModuleNotFoundError:  # pragma: no cover - Python < 3.11
    import tomli as _toml  # type: ignore[no-redef]

ROADMAP = "roadmap.toml"
FORMATS = ("md", "html")

#: Vernacular keywords that introduce a named declaration.
DECL_KEYWORDS = (
    "Theorem", "Lemma", "Corollary", "Proposition", "Fact", "Remark", "Property",
    "Definition", "Fixpoint", "CoFixpoint", "Example", "Instance", "Inductive",
    "CoInductive", "Variant", "Record", "Structure", "Class", "Let", "Function",
    "Program Definition", "Program Fixpoint", "Program Lemma", "Program Instance",
)
_ATTRS = r"(?:#\[[^\]]*\]\s*)*(?:(?:Local|Global|Polymorphic|Monomorphic|Private|Program|Existing)\s+)*"
_DECL_RE = re.compile(
    r"^\s*" + _ATTRS + r"(?P<kw>" + "|".join(k.replace(" ", r"\s+") for k in DECL_KEYWORDS)
    + r")\s+(?P<name>[A-Za-z_][A-Za-z0-9_']*)",
)
_MODULE_RE = re.compile(r"^\s*(?:Module|Section)\s+(?!Type\b|Import\b|Export\b)(?P<name>[A-Za-z_][A-Za-z0-9_']*)(?P<rest>[^.]*)\.")
_END_RE = re.compile(r"^\s*End\s+(?P<name>[A-Za-z_][A-Za-z0-9_']*)\s*\.")
_PROOF_END_RE = re.compile(r"\b(Qed|Defined|Admitted|Abort)\s*\.")


# ----------------------------------------------------------------------- data


@dataclass
class Location:
    """Where a Coq declaration is defined."""

    file: str  # relative to the project root
    line: int
    kind: str  # Theorem, Lemma, Definition, ...
    admitted: bool = False  # the source proof ends with `Admitted.` (textual scan only)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class DeclLink:
    name: str
    location: Optional[Location]
    status: str  # from the status helper, else "found"/"admitted" (source scan) or "missing"
    role: str = "declaration"  # or "witness"


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
    """A roadmap link that does not resolve.

    kind: "missing-declaration" | "missing-witness" | "missing-code" | "missing-test"
    | "bad-item" (a malformed item).
    """

    item: str
    kind: str
    target: str
    message: str

    def __str__(self) -> str:
        return f"{self.item}: {self.message}"


@dataclass
class ItemMap:
    id: str
    title: str
    spec: str
    tier: Optional[int]
    headline: bool
    status: str  # proved / partial / open; "found" (all declarations in the sources) without prover status
    declarations: List[DeclLink]
    witnesses: List[DeclLink]
    code: Optional[CodeLink]
    test: Optional[TestLink]
    problems: List[LinkProblem] = field(default_factory=list)


@dataclass
class ProjectMap:
    root: Path
    items: List[ItemMap]
    problems: List[LinkProblem]
    status_source: str  # "prover" when statuses came from the status helper, else "source scan"
    code_index: List[Tuple[str, List[str]]] = field(default_factory=list)  # function -> item ids

    @property
    def counts(self) -> Dict[str, int]:
        return {
            "items": len(self.items),
            "headline": sum(1 for i in self.items if i.headline),
            "with_code": sum(1 for i in self.items if i.code is not None),
            "with_test": sum(1 for i in self.items if i.test is not None),
            "problems": len(self.problems),
        }


ProjectLike = Union[str, Path, Any]  # a root path or a project object with `.root`


# ------------------------------------------------------------------ the project


def _root_of(project: ProjectLike) -> Path:
    root = Path(project if isinstance(project, (str, Path)) else project.root).resolve()
    if not root.is_dir():
        raise LeanSharpError(f"{root}: no such directory; pass --project PATH to a LeanSharp project")
    return root


def find_map_root(start: Optional[Path] = None) -> Path:
    """The nearest directory at or above `start` (default: cwd) holding roadmap.toml."""
    here = Path(start) if start is not None else Path.cwd()
    if not here.exists():
        raise LeanSharpError(f"{here}: no such directory; pass --project PATH to a LeanSharp project")
    here = here.resolve()
    if here.is_file():
        here = here.parent
    for d in [here, *here.parents]:
        if (d / ROADMAP).is_file():
            return d
    raise LeanSharpError(
        f"{start or here}: no {ROADMAP} here or in any parent directory; run inside a LeanSharp "
        f"project or pass --project PATH (a directory with {ROADMAP} and _CoqProject)"
    )


def prover_statuses(project: ProjectLike) -> Optional[Dict[str, str]]:
    """Declaration statuses from `leansharp status` (Print Assumptions) when they are
    available without rebuilding, else None (the map then falls back to the source scan)."""
    return None


def _vfiles(root: Path, project: ProjectLike) -> List[Tuple[Path, str]]:
    """(.v file relative to root, logical module) for the project's sources.

    Uses `_CoqProject` (via `leansharp_tools.project`) when present, else every .v file
    under root with its dotted path as module name.
    """
    proj = None if isinstance(project, (str, Path)) else project
    if proj is not None and not (hasattr(proj, "vfiles") and hasattr(proj, "module_of")):
        proj = None
    if proj is None and (root / "_CoqProject").is_file():
        try:
            from leansharp_tools.project import load_project

            proj = load_project(root)
        except (ImportError, LeanSharpError):
            proj = None
    if proj is not None:
        return [(Path(f), proj.module_of(Path(f))) for f in proj.vfiles]
    out = []
    for f in sorted(root.rglob("*.v")):
        rel = f.relative_to(root)
        if any(p.startswith(".") or p == "_build" for p in rel.parts):
            continue
        out.append((rel, ".".join(rel.with_suffix("").parts)))
    return out


def load_items(root: Path) -> List[Dict[str, Any]]:
    """The `[[item]]` tables of `root/roadmap.toml` (LeanSharpError when unreadable)."""
    path = root / ROADMAP
    try:
        data = _toml.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LeanSharpError(f"{path}: not found; create it with [[item]] blocks (see the schema in LeanSharp's roadmap.toml)")
    except _toml.TOMLDecodeError as err:
        raise LeanSharpError(f"{path}: invalid TOML ({err}); fix the file")
    items = data.get("item", [])
    if not isinstance(items, list):
        raise LeanSharpError(f"{path}: 'item' must be an array of tables ([[item]] blocks)")
    return items


# --------------------------------------------------------- scanning Coq sources


def _blank_comments(text: str) -> str:
    """`text` with (nested) Coq comments and string contents replaced by spaces
    (newlines kept, so line numbers are unchanged)."""
    out = list(text)
    depth = 0
    i, n = 0, len(text)
    in_string = False
    while i < n:
        two = text[i : i + 2]
        if in_string:
            if text[i] == '"':
                if two == '""':
                    out[i] = out[i + 1] = " "
                    i += 2
                    continue
                in_string = False
            elif text[i] != "\n":
                out[i] = " "
            i += 1
        elif two == "(*":
            depth += 1
            out[i] = out[i + 1] = " "
            i += 2
        elif depth and two == "*)":
            depth -= 1
            out[i] = out[i + 1] = " "
            i += 2
        elif depth:
            if text[i] != "\n":
                out[i] = " "
            i += 1
        else:
            if text[i] == '"':
                in_string = True
            i += 1
    return "".join(out)


def scan_file(path: Path, module: str, rel: str) -> Dict[str, Location]:
    """Declarations of one .v file: {qualified name: Location}.

    Names inside `Module M. … End M.` get the prefix `module.M.`; sections add nothing.
    A Theorem-like declaration is marked admitted when its proof ends with `Admitted.`.
    """
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    lines = _blank_comments(text).splitlines()
    found: Dict[str, Location] = {}
    stack: List[Tuple[str, bool]] = []  # (name, is_module)
    pending: Optional[str] = None
    for lineno, line in enumerate(lines, 1):
        m = _MODULE_RE.match(line)
        if m:
            is_module = line.lstrip().startswith("Module") and ":=" not in m.group("rest")
            if line.lstrip().startswith("Section") or is_module:
                stack.append((m.group("name"), is_module))
            continue
        m = _END_RE.match(line)
        if m and stack and stack[-1][0] == m.group("name"):
            stack.pop()
            continue
        m = _DECL_RE.match(line)
        if m:
            prefix = ".".join([module] + [s for s, is_mod in stack if is_mod])
            qual = f"{prefix}.{m.group('name')}"
            found.setdefault(qual, Location(rel, lineno, m.group("kw").split()[-1]))
            pending = qual
        if pending is not None:
            end = _PROOF_END_RE.search(line)
            if end:
                if end.group(1) in ("Admitted", "Abort"):
                    found[pending].admitted = True
                pending = None
    return found


def scan_declarations(project: ProjectLike) -> Dict[str, Location]:
    """Every named declaration of the project's .v files: {fully qualified name: Location}."""
    root = _root_of(project)
    out: Dict[str, Location] = {}
    for rel, module in _vfiles(root, project):
        for name, loc in scan_file(root / rel, module, rel.as_posix()).items():
            out.setdefault(name, loc)
    return out


# ----------------------------------------------------------- code / test links


def resolve_code(target: str, root: Optional[Path] = None) -> CodeLink:
    """Resolve "package.module.function" by importing the longest importable module
    prefix and reading the attribute chain; report its signature and first docstring line."""
    parts = target.split(".")
    if len(parts) < 2 or not all(p.isidentifier() for p in parts):
        return CodeLink(target, False, error=f"code link {target!r} is not a dotted Python name")
    added = False
    if root is not None and str(root) not in sys.path:
        sys.path.insert(0, str(root))
        added = True
    try:
        obj: Any = None
        for cut in range(len(parts) - 1, 0, -1):
            modname = ".".join(parts[:cut])
            try:
                obj = importlib.import_module(modname)
            except ImportError:
                continue
            except Exception as err:  # the module exists but fails to import
                return CodeLink(target, False, error=f"importing {modname} fails: {type(err).__name__}: {err}")
            for attr in parts[cut:]:
                if not hasattr(obj, attr):
                    return CodeLink(target, False, error=f"{modname} has no attribute {'.'.join(parts[cut:])!r}")
                obj = getattr(obj, attr)
            break
        else:
            return CodeLink(target, False, error=f"no importable module in {target!r}")
    finally:
        if added:
            sys.path.remove(str(root))
    if not callable(obj):
        return CodeLink(target, False, error=f"{target} is not a function or class")
    try:
        sig = str(inspect.signature(obj))
    except (TypeError, ValueError):
        sig = "(...)"
    doc = inspect.getdoc(obj) or ""
    summary = doc.strip().splitlines()[0] if doc.strip() else ""
    loc = ""
    try:
        src = inspect.getsourcefile(obj)
        _, line = inspect.getsourcelines(obj)
        if src:
            p = Path(src).resolve()
            if root is not None:
                try:
                    p = p.relative_to(root)
                except ValueError:
                    pass
            loc = f"{p.as_posix()}:{line}"
    except (OSError, TypeError):
        pass
    return CodeLink(target, True, signature=f"{parts[-1]}{sig}", summary=summary, location=loc)


def _find_test(tree: ast.Module, names: Sequence[str]) -> Optional[int]:
    body: Iterable[ast.stmt] = tree.body
    node: Optional[ast.stmt] = None
    for name in names:
        node = next(
            (n for n in body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name),
            None,
        )
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
    line = _find_test(tree, names)
    if line is None:
        return TestLink(target, False, error=f"{path_s} defines no test {rest!r}")
    return TestLink(target, True, location=f"{path_s}:{line}")


# ------------------------------------------------------------------ the map


StatusFn = Callable[[Sequence[str]], str]


def _default_item_status(statuses: Sequence[str]) -> str:
    """proved when every declaration is proved, partial when some are, open when none exist."""
    if not statuses:
        return "open"
    good = sum(1 for s in statuses if s == "proved")
    return "proved" if good == len(statuses) else ("partial" if good else "open")


def _as_list(item: Mapping[str, Any], key: str, item_id: str, problems: List[LinkProblem]) -> List[str]:
    v = item.get(key, [])
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        problems.append(LinkProblem(item_id, "bad-item", key, f"field {key!r} must be a list of strings"))
        return []
    return v


def build_map(
    project: ProjectLike,
    statuses: Optional[Mapping[str, str]] = None,
    item_status: Optional[StatusFn] = None,
) -> ProjectMap:
    """Resolve every roadmap item's links.

    `statuses`: declaration → status ("proved", "admitted", "axiom", ...) from the
    prover (`leansharp status`); without it declarations are located by scanning the
    sources and get "found" / "admitted" (textual `Admitted.`) / "missing".
    `item_status`: statuses of an item's declarations → item status (default:
    proved / partial / open as in roadmap.toml's header).
    """
    root = _root_of(project)
    raw = load_items(root)
    decls = scan_declarations(project)
    status_fn = item_status or _default_item_status
    code_cache: Dict[str, CodeLink] = {}
    items: List[ItemMap] = []
    all_problems: List[LinkProblem] = []
    seen_ids: Dict[str, int] = {}
    for idx, it in enumerate(raw, 1):
        problems: List[LinkProblem] = []
        if not isinstance(it, dict):
            all_problems.append(LinkProblem(f"item #{idx}", "bad-item", "", "not a table"))
            continue
        item_id = str(it.get("id") or f"item #{idx}")
        if "id" not in it:
            problems.append(LinkProblem(item_id, "bad-item", "id", "item has no 'id'"))
        seen_ids[item_id] = seen_ids.get(item_id, 0) + 1
        if seen_ids[item_id] == 2:
            problems.append(LinkProblem(item_id, "bad-item", "id", f"duplicate item id {item_id!r}"))

        def link(name: str, role: str) -> DeclLink:
            loc = decls.get(name)
            if statuses is not None and name in statuses:
                st = statuses[name]
            elif loc is None:
                st = "missing"
            else:
                st = "admitted" if loc.admitted else ("found" if statuses is None else "unknown")
            if loc is None and (statuses is None or name not in statuses):
                kind = "missing-declaration" if role == "declaration" else "missing-witness"
                problems.append(LinkProblem(item_id, kind, name, f"{role} {name} not found in the Coq sources"))
            return DeclLink(name, loc, st, role)

        dls = [link(n, "declaration") for n in _as_list(it, "declarations", item_id, problems)]
        wls = [link(n, "witness") for n in _as_list(it, "witness", item_id, problems)]

        code = None
        if it.get("code") is not None:
            target = str(it["code"])
            if target not in code_cache:
                code_cache[target] = resolve_code(target, root)
            code = code_cache[target]
            if not code.found:
                problems.append(LinkProblem(item_id, "missing-code", target, f"code {target}: {code.error}"))
        test = None
        if it.get("test") is not None:
            test = resolve_test(str(it["test"]), root)
            if not test.found:
                problems.append(LinkProblem(item_id, "missing-test", test.target, f"test {test.target}: {test.error}"))

        if statuses is not None:
            item_st = status_fn([d.status for d in dls])
        else:
            # without the prover: "found" = every declaration is in the sources (unchecked)
            item_st = "open" if not dls else ("found" if all(d.status == "found" for d in dls) else "partial")
        tier = it.get("tier")
        items.append(
            ItemMap(
                id=item_id,
                title=str(it.get("title", "")),
                spec=str(it.get("spec", "")),
                tier=tier if isinstance(tier, int) else None,
                headline=bool(it.get("headline", False)),
                status=item_st,
                declarations=dls,
                witnesses=wls,
                code=code,
                test=test,
                problems=problems,
            )
        )
        all_problems += problems

    index: Dict[str, List[str]] = {}
    for im in items:
        if im.code is not None:
            index.setdefault(im.code.target, []).append(im.id)
    return ProjectMap(
        root=root,
        items=items,
        problems=all_problems,
        status_source="prover" if statuses is not None else "source scan",
        code_index=sorted(index.items()),
    )


def check_links(project: ProjectLike) -> List[LinkProblem]:
    """Every roadmap link of `project` (a root path or a project object with `.root`)
    that does not resolve: declarations/witnesses absent from the sources, `code`
    functions that cannot be imported, `test`s that do not exist. Empty list = all good."""
    return build_map(project).problems


# ------------------------------------------------------------------- rendering


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
