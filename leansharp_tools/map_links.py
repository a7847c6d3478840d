"""The Python side of the map: resolve a roadmap `code` link ("package.module.function",
by import) and a `test` link ("tests/file.py::test_name", by parsing, never running).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import sys
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from leansharp_tools.map_model import CodeLink, TestLink


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
