"""The obligations of `Program` declarations in the status report.

The scan finds a `Program` declaration x (`SourceScan.programs`) but not how many
obligations Coq made of it: the prover names them (`Backend.obligations`: x_obligation_1,
x_obligation_2, ...), once per compiled file (cached in the status cache under
"obligations", keyed on the compiled file's sha256), and each becomes a declaration of
kind "Obligation" right after x, at x's line. An obligation the prover finds admitted
is placed at the line of the `Admitted` that closed it when the text shows as many
admitted obligation proofs of x as the prover finds (they come in the order of N).

    add_obligations(proj, backend, scanned, cache)   # scanned: {file: SourceScan}, updated in place
    place_admitted(statuses, scanned)                # DeclStatus lines of admitted obligations
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Mapping, MutableMapping, Sequence

from leansharp_tools.backends.base import Backend, Declaration, Project, SourceScan, Status
from leansharp_tools.cache import digest, file_sha256

KIND = "Obligation"


def add_obligations(proj: Project, backend: Backend, scanned: Mapping[Path, SourceScan],
                    cache: MutableMapping[str, Any]) -> None:
    """Add the obligations of each file's Program declarations to its declarations."""
    store: Dict[str, Any] = cache.setdefault("obligations", {})
    asks: Dict[str, List[str]] = {}
    keys: Dict[str, str] = {}
    for f, sc in scanned.items():
        if not sc.programs:
            continue
        mod = proj.module_of(f)
        keys[mod] = digest([file_sha256(proj.compiled(f))] + [p.decl.name for p in sc.programs])
        if store.get(mod, {}).get("key") != keys[mod]:
            asks[mod] = [p.decl.name for p in sc.programs]
    if asks:
        found = backend.obligations(proj, asks)
        for mod, programs in asks.items():
            store[mod] = {"key": keys[mod], "names": {n: found.get(n, []) for n in programs}}
    for f, sc in scanned.items():
        if not sc.programs:
            continue
        names: Dict[str, List[str]] = store.get(proj.module_of(f), {}).get("names", {})
        out: List[Declaration] = []
        for d in sc.declarations:
            out.append(d)
            out += [Declaration(o, o.rsplit(".", 1)[1], d.module, KIND, d.line, False) for o in names.get(d.name, [])]
        sc.declarations = out


def place_admitted(statuses: Sequence[Any], scanned: Mapping[Path, SourceScan]) -> None:
    """Move each admitted obligation (a DeclStatus) to the line of its `Admitted` (see the module doc)."""
    by_name = {d.name: d for d in statuses}
    for sc in scanned.values():
        for p in sc.programs:
            prefix = p.decl.name + "_obligation_"
            admitted = sorted((d for n, d in by_name.items() if n.startswith(prefix) and d.kind == KIND
                               and d.status == Status.ADMITTED), key=lambda d: int(d.name[len(prefix):]))
            if admitted and len(admitted) == len(p.admitted_lines):
                for d, line in zip(admitted, p.admitted_lines):
                    d.line = line
