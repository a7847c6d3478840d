"""The theorem-to-code map behind `leansharp map`.

For every `roadmap.toml` item: its Coq declarations (file:line, status) → the
reference-implementation function named by its `code` field (resolved by import:
signature and first docstring line) → the property test named by its `test` field
("tests/file.py::test_name", found by parsing the file, never by running it).

Public API (pure: reads files, never prints or exits):

    links = build_map(root)                  # -> ProjectMap (items, problems, index)
    problems = check_links(root)             # -> [LinkProblem]; [] when every link resolves
    statuses, note = prover_statuses(root)   # from `leansharp status`, or (None, why)
    text = render_map(links, "md")           # or "html" (jinja2 templates in templates/)
    decls = scan_declarations(root)          # {qualified name: Location}

`check_links` is the full link check for a CI gate (`leansharp status --strict` can
call it): declarations and witnesses must be in the sources, `code` must import
(stronger than `roadmap.check_links`, which parses the module file), `test` must be
defined in its file.
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

from leansharp_tools import roadmap as rm
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.scan import THEOREM_KINDS, blank_comments, scan_source

ROADMAP = rm.ROADMAP
FORMATS = ("md", "html")

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
    tier: int
    headline: bool
    status: str  # proved / partial / open; "found" (all declarations in the sources) without prover status
    declarations: List[DeclLink]
    witnesses: List[DeclLink]
    code: List[CodeLink]
    test: List[TestLink]
    line: int = 0  # line of the item's [[item]] header in roadmap.toml
    problems: List[LinkProblem] = field(default_factory=list)


@dataclass
class ProjectMap:
    root: Path
    items: List[ItemMap]
    problems: List[LinkProblem]
    status_source: str  # "prover" when statuses came from the status helper, else "source scan"
    code_index: List[Tuple[str, List[str]]] = field(default_factory=list)  # function -> item ids
    unmapped_code: List[str] = field(default_factory=list)  # public functions of linked modules no item names

    @property
    def counts(self) -> Dict[str, int]:
        return {
            "items": len(self.items),
            "headline": sum(1 for i in self.items if i.headline),
            "with_code": sum(1 for i in self.items if i.code),
            "with_test": sum(1 for i in self.items if i.test),
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


def prover_statuses(
    project: ProjectLike, on_progress: Optional[Callable[[str, int, int], None]] = None
) -> Tuple[Optional[Dict[str, str]], str]:
    """Declaration statuses from `leansharp status` (`status.collect_status`: `Print
    Assumptions`, cached per module) as ({name: status}, note), or (None, why) when
    they are unavailable (no _CoqProject, not built, prover missing) — the map then
    falls back to the source scan."""
    root = _root_of(project)
    if not (root / "_CoqProject").is_file():
        return None, "no _CoqProject"
    try:
        from leansharp_tools.project import load_project
        from leansharp_tools.status import collect_status

        report = collect_status(load_project(root), use_cache=True, on_progress=on_progress, with_roadmap=False)
    except LeanSharpError as err:
        return None, str(err)
    return {d.name: d.status for d in report.declarations}, "prover"


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


def load_items(root: Path) -> List[rm.RoadmapItem]:
    """The validated items of `root/roadmap.toml` (`roadmap.load_roadmap`; a
    LeanSharpError with file:line for malformed input)."""
    path = Path(root) / ROADMAP
    if not path.is_file():
        raise LeanSharpError(f"{path}: not found; create it with [[item]] blocks (schema: see LeanSharp's roadmap.toml)")
    return rm.load_roadmap(path)


# --------------------------------------------------------- scanning Coq sources


def scan_file(path: Path, module: str, rel: str) -> Dict[str, Location]:
    """Declarations of one .v file: {qualified name: Location}, found with the same
    scanner as `leansharp status` (`leansharp_tools.scan`: comments/strings blanked,
    `Module` names qualify, `Section`s do not). A Theorem-like declaration is marked
    admitted when the first proof terminator before the next declaration is
    `Admitted.`/`Abort.` (a textual hint; the prover's verdict comes from `status`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise LeanSharpError(f"{path}: cannot read as UTF-8 text ({err}); fix or re-encode the file")
    decls = scan_source(text, module, rel)
    lines = blank_comments(text, rel).splitlines()
    starts = sorted({d.line for d in decls})
    found: Dict[str, Location] = {}
    for d in decls:
        admitted = False
        if d.kind in THEOREM_KINDS:
            nxt = next((ln for ln in starts if ln > d.line), len(lines) + 1)
            body = "\n".join(lines[d.line - 1 : nxt - 1])
            end = _PROOF_END_RE.search(body)
            admitted = bool(end and end.group(1) in ("Admitted", "Abort"))
        found.setdefault(d.name, Location(rel, d.line, d.kind, admitted))
    return found


def scan_declarations(project: ProjectLike) -> Dict[str, Location]:
    """Every named declaration of the project's .v files: {fully qualified name: Location}."""
    root = _root_of(project)
    out: Dict[str, Location] = {}
    for rel, module in _vfiles(root, project):
        if not (root / rel).is_file():
            continue  # listed in _CoqProject but absent: `leansharp build` reports it
        for name, loc in scan_file(root / rel, module, rel.as_posix()).items():
            out.setdefault(name, loc)
    return out


# ----------------------------------------------------------- code / test links


class _Ann:
    """An annotation written as text (PEP 563 strings) shown without quotes."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _signature_text(sig: inspect.Signature) -> str:
    def ann(a: Any) -> Any:
        return _Ann(a) if isinstance(a, str) else a

    params = [p.replace(annotation=ann(p.annotation)) for p in sig.parameters.values()]
    return str(sig.replace(parameters=params, return_annotation=ann(sig.return_annotation)))


def resolve_code(target: str, root: Optional[Path] = None) -> CodeLink:
    """Resolve "package.module.function" by importing the longest importable module
    prefix and reading the attribute chain; report its signature and the first
    paragraph of its docstring."""
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
        sig = _signature_text(inspect.signature(obj))
    except (TypeError, ValueError):
        sig = "(...)"
    doc = inspect.getdoc(obj) or ""
    summary = " ".join(doc.strip().split("\n\n", 1)[0].split())  # first paragraph, one line
    summary = re.sub(r":\w+:`", "`", summary).replace("``", "`")  # Sphinx roles -> plain code spans
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
    names[-1] = names[-1].split("[", 1)[0]  # a parametrised id "test_x[case]" names test_x
    line = _find_test(tree, names)
    if line is None:
        return TestLink(target, False, error=f"{path_s} defines no test {rest!r}")
    return TestLink(target, True, location=f"{path_s}:{line}")


# ------------------------------------------------------------------ the map


ItemStatusFn = Callable[[rm.RoadmapItem, Mapping[str, str]], str]


def build_map(
    project: ProjectLike,
    statuses: Optional[Mapping[str, str]] = None,
    item_status: Optional[ItemStatusFn] = None,
) -> ProjectMap:
    """Resolve every roadmap item's links.

    `statuses`: declaration → status ("proved", "admitted", "axiom", ...) from the
    prover (:func:`prover_statuses`); without it declarations are located by scanning
    the sources and get "found" / "admitted" (textual `Admitted.`) / "missing".
    `item_status`: (item, statuses) → item status, default `roadmap.item_status`
    (proved / partial / open). Without prover statuses an item is "found" when all its
    declarations are in the sources, "partial" when some are, "open" when none.
    """
    root = _root_of(project)
    raw = load_items(root)
    decls = scan_declarations(project)
    status_fn = item_status or rm.item_status
    code_cache: Dict[str, CodeLink] = {}
    items: List[ItemMap] = []
    all_problems: List[LinkProblem] = []
    for it in raw:
        problems: List[LinkProblem] = []

        def link(name: str, role: str) -> DeclLink:
            loc = decls.get(name)
            known = statuses is not None and name in statuses
            if known:
                st = statuses[name]  # type: ignore[index]
            elif loc is None:
                st = "missing"
            else:
                st = "admitted" if loc.admitted else ("found" if statuses is None else "unknown")
            if loc is None and not known:
                kind = "missing-declaration" if role == "declaration" else "missing-witness"
                problems.append(LinkProblem(it.id, kind, name, f"{role} {name} not found in the Coq sources"))
            return DeclLink(name, loc, st, role)

        dls = [link(n, "declaration") for n in it.declarations]
        wls = [link(n, "witness") for n in it.witness]

        codes: List[CodeLink] = []
        for target in it.code:
            if target not in code_cache:
                code_cache[target] = resolve_code(target, root)
            c = code_cache[target]
            codes.append(c)
            if not c.found:
                problems.append(LinkProblem(it.id, "missing-code", target, f"code {target}: {c.error}"))
        tests: List[TestLink] = []
        for target in it.test:
            t = resolve_test(target, root)
            tests.append(t)
            if not t.found:
                problems.append(LinkProblem(it.id, "missing-test", target, f"test {target}: {t.error}"))

        if statuses is not None:
            item_st = status_fn(it, statuses)
        else:
            n_found = sum(1 for d in dls if d.status == "found")
            item_st = "found" if dls and n_found == len(dls) else ("partial" if any(d.location for d in dls) else "open")
        items.append(ItemMap(
            id=it.id, title=it.title, spec=it.spec, tier=it.tier, headline=it.headline,
            status=item_st, declarations=dls, witnesses=wls, code=codes, test=tests,
            line=it.line, problems=problems,
        ))
        all_problems += problems

    index: Dict[str, List[str]] = {}
    for im in items:
        for c in im.code:
            index.setdefault(c.target, []).append(im.id)
    return ProjectMap(
        root=root,
        items=items,
        problems=all_problems,
        status_source="prover" if statuses is not None else "source scan",
        code_index=sorted(index.items()),
        unmapped_code=_unmapped(index),
    )


def _unmapped(index: Mapping[str, List[str]]) -> List[str]:
    """Public callables (`__all__`) of the modules that code links point into, which no
    item links to."""
    modules = sorted({t.rsplit(".", 1)[0] for t in index})
    out: List[str] = []
    for modname in modules:
        mod = sys.modules.get(modname)
        names = getattr(mod, "__all__", None) if mod is not None else None
        if not names:
            continue
        for name in names:
            full = f"{modname}.{name}"
            if full not in index and callable(getattr(mod, name, None)) and not isinstance(getattr(mod, name), type):
                out.append(full)
    return out


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
