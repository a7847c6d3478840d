"""Declarations' statements as the prover prints them, for the HTML pages (`leansharp
graph --format html`, `leansharp blueprint`).

    texts = collect_statements(proj, {"M": ["M.a", "M.b"]}, backend)   # {name: statement}
    texts, note = statements_or_note(proj, names_by_module, backend)  # never raises

One prover run for every module not cached (`Backend.statements`); results are cached
in `<root>/.leansharp/cache/statements.json`, keyed per module on the sha256 of its
compiled file (which embeds the digests of everything it depends on, so a changed
notation upstream re-prints it) and the names asked, so a warm run does no prover call.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from leansharp_tools.backends.base import Backend, Project
from leansharp_tools.cache import digest, file_sha256, load_cache, save_cache
from leansharp_tools.errors import LeanSharpError

CACHE = "statements"
CACHE_VERSION = 2


def by_module(names: Iterable[str], module_of: Mapping[str, str]) -> Dict[str, List[str]]:
    """Group names by their module (`module_of`: name -> module); names of no module are left out."""
    out: Dict[str, List[str]] = {}
    for n in names:
        m = module_of.get(n)
        if m:
            out.setdefault(m, []).append(n)
    return out


def collect_statements(proj: Project, batches: Mapping[str, Sequence[str]], backend: Backend,
                       use_cache: bool = True) -> Dict[str, str]:
    """{name: statement} for the names of `batches` (module -> names) that the prover
    knows. Modules that are not the project's own are skipped."""
    files = {proj.module_of(f): f for f in proj.files}
    cache: Dict[str, Any] = load_cache(proj.root, CACHE, CACHE_VERSION) if use_cache else {"version": CACHE_VERSION}
    cached: Dict[str, Dict[str, Any]] = cache.setdefault("modules", {})
    keys: Dict[str, str] = {}
    asks: Dict[str, List[str]] = {}
    for mod, names in batches.items():
        if mod not in files or not names:
            continue
        todo = sorted(set(names))
        keys[mod] = digest([file_sha256(proj.compiled(files[mod]))] + todo)
        if cached.get(mod, {}).get("key") != keys[mod]:
            asks[mod] = todo
    if asks:
        backend.require_installed()
        answers = backend.statements(proj, asks)
        for mod, names in asks.items():
            cached[mod] = {"key": keys[mod], "statements": {n: answers[n] for n in names if n in answers}}
        if use_cache:
            save_cache(proj.root, CACHE, cache)
    out: Dict[str, str] = {}
    for mod in keys:
        out.update(cached[mod]["statements"])
    return out


def statements_or_note(proj: Project, batches: Mapping[str, Sequence[str]], backend: Backend,
                       use_cache: bool = True) -> Tuple[Dict[str, str], Optional[str]]:
    """`collect_statements`, or ({}, why) when the prover cannot answer: a page without
    statements is still a page."""
    try:
        return collect_statements(proj, batches, backend, use_cache), None
    except LeanSharpError as err:
        return {}, str(err)
