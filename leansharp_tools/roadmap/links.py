"""The links of a roadmap item (`LinkProblem.kind`, see `leansharp_tools.roadmap`):
names that must exist (and filters that must be proved), `code` resolved by import,
`test` and `agreement` found by parsing their file, and an item's own `status` claim."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from leansharp_tools.backends.base import Status
from leansharp_tools.roadmap.items import ROADMAP, ROLES, ItemState, RoadmapItem, item_status


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
