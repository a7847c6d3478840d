"""Where a theorem is, what its name means, and what it may use.

    name = resolve_name(proj, "mask_idem")      # a suffix, resolved like the CLI (DojoInitError
                                                #  when unknown or ambiguous, candidates listed)
    src = locate(proj, name)                    # its file, statement sentence, `Proof` sentence
    mods = required_modules(proj, module)       # the project modules it requires, transitively
    premises_before(proj, src, dataset=None)    # the premises usable in its proof

Names come from the .glob files coqc writes beside the .vo (every definition with
its full path), the `Require`s from their `lib` references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Set

from leansharp_tools.backends.coq.coqtop import Coqtop
from leansharp_tools.dojo.results import DojoInitError
from leansharp_tools.extract.toolkit import CoqProject, LeanSharpError
from leansharp_tools.extract.trace import NOT_PREMISE, LineIndex, _module_path, file_spans, head_keyword, read_glob

ENDS = ("Qed", "Defined", "Admitted", "Save", "Abort")
_LIB_RE = re.compile(r"^R\d+:\d+ (\S+) <> <> lib$", re.M)


@dataclass
class TheoremSource:
    """Where a theorem is: its file, the byte offset of its statement, the statement
    and `Proof ...` sentences, and the sentence that ends its proof."""

    name: str
    module: str
    file: Path
    prefix_end: int
    statement: str
    opener: Optional[str]
    terminator: str
    line: int = 0
    extra: Dict[str, Any] = field(default_factory=dict)


def _module_of_name(proj: CoqProject, name: str) -> Optional[Path]:
    mods = sorted(((proj.module_of(f), f) for f in proj.vfiles), key=lambda mf: -len(mf[0]))
    return next((f for m, f in mods if name.startswith(m + ".")), None)


def resolve_name(proj: CoqProject, name: str) -> str:
    """A fully qualified name as given, else the one definition of the project whose full
    name ends with `.name` (the CLI's rule); DojoInitError when none or several do."""
    vfile = _module_of_name(proj, name)
    if vfile is not None and any(d.name == name for d in read_glob(proj, vfile)[0]):
        return name
    hits: Set[str] = set()
    for f in proj.vfiles:
        hits |= {d.name for d in read_glob(proj, f)[0] if d.kind not in NOT_PREMISE and
                 (d.name == name or d.name.endswith("." + name))}
    if len(hits) == 1:
        return hits.pop()
    if hits:
        listed = sorted(hits)
        raise DojoInitError(f"'{name}' is ambiguous: {', '.join(listed[:8])}{', ...' if len(listed) > 8 else ''}; "
                            f"give more of its path")
    if "." not in name:
        raise DojoInitError(f"unknown theorem '{name}': no declaration of the project is named so or ends with "
                            f"'.{name}' (is the project built?)")
    return name  # unknown: `locate` says why (no module, not built, no such declaration)


def locate(proj: CoqProject, name: str, timeout: float = 3600.0) -> TheoremSource:
    """Find theorem `name` (fully qualified) in the project's sources."""
    vfile = _module_of_name(proj, name)
    if vfile is None:
        mods = [proj.module_of(f) for f in proj.vfiles]
        raise DojoInitError(f"{name}: no module of the project contains it (modules: "
                            f"{', '.join(mods[:6])}{', ...' if len(mods) > 6 else ''})")
    module = proj.module_of(vfile)
    try:
        proj.require_built([vfile])
    except LeanSharpError as err:
        raise DojoInitError(str(err)) from None
    defs, _ = read_glob(proj, vfile)
    if not defs:
        glob = proj.compiled(vfile).with_suffix(".glob")
        raise DojoInitError(f"{glob.relative_to(proj.root)}: missing or empty; rebuild with glob files "
                            f"(`leansharp build`; coq_makefile and dune write them by default)")
    d = next((d for d in defs if d.name == name), None)
    if d is None:
        return _locate_by_proof(proj, module, vfile, name, timeout)
    spans = file_spans(proj, vfile, timeout)
    k = next((i for i, (a, b) in enumerate(spans) if a <= d.start < b), None)
    if k is None:
        raise DojoInitError(f"{name}: cannot find its statement among the sentences of {vfile}")
    idx = LineIndex((proj.root / vfile).read_bytes())
    texts = [idx.text(a, b) for a, b in spans]
    opener = texts[k + 1] if k + 1 < len(texts) and head_keyword(texts[k + 1]) == "Proof" else None
    end = next((t for t in texts[k + 1:] if head_keyword(t) in ENDS), "Qed.")
    return TheoremSource(name, module, vfile, spans[k][0], texts[k], opener, end, idx.at(spans[k][0])[0])



def _locate_by_proof(proj: CoqProject, module: str, vfile: Path, name: str, timeout: float) -> TheoremSource:
    """A name the .glob does not list, one Coq makes (an anonymous `Instance`'s
    `C_instance_N`, a Program obligation `x_obligation_N` opened by `Next Obligation`):
    the sentence that opens the proof coqtop names so, found by replaying the file."""
    spans = file_spans(proj, vfile, timeout)
    idx = LineIndex((proj.root / vfile).read_bytes())
    texts = [idx.text(a, b) for a, b in spans]
    heads = [head_keyword(t) for t in texts]
    paths = _module_path(heads, texts, module)
    short = name.rsplit(".", 1)[1]
    in_proof = False
    with Coqtop(proj, topfile=vfile, timeout=timeout) as top:
        for k, text in enumerate(texts):
            r = top.send(text)
            if r.error:
                break
            if not in_proof and r.proof == short and f"{paths[k]}.{short}" == name:
                opener = texts[k + 1] if k + 1 < len(texts) and heads[k + 1] == "Proof" else None
                end = next((t for t in texts[k + 1:] if head_keyword(t) in ENDS), "Qed.")
                return TheoremSource(name, module, vfile, spans[k][0], text, opener, end, idx.at(spans[k][0])[0])
            in_proof = r.proof is not None
    raise DojoInitError(f"{name}: no such declaration in {module} ({vfile}), and no proof of that name opens there")

def required_modules(proj: CoqProject, module: str) -> List[str]:
    """The project's modules that `module` requires, directly or not (from the `lib`
    references of the .glob files), in the project's file order; `module` not included."""
    files = {proj.module_of(f): f for f in proj.vfiles}
    seen: Set[str] = set()
    todo = [module]
    while todo:
        m = todo.pop()
        try:
            glob = proj.compiled(proj.root / Path(files[m])).with_suffix(".glob")
            text = glob.read_text(encoding="utf-8", errors="replace")
        except (OSError, KeyError):
            continue
        for lib in _LIB_RE.findall(text):
            if lib in files and lib not in seen and lib != module:
                seen.add(lib)
                todo.append(lib)
    return [m for m in files if m in seen]


def _dataset_premises(dataset: Path) -> List[Dict[str, Any]]:
    from leansharp_tools.extract.write import read_jsonl

    path = Path(dataset) / "premises.jsonl"
    if not path.is_file():
        raise DojoInitError(f"{dataset}: no premises.jsonl; give the directory `leansharp extract` wrote")
    return [r for r in read_jsonl(path) if r.get("type") == "premise"]


def _glob_premises(proj: CoqProject, modules: List[str]) -> List[Dict[str, Any]]:
    files = {proj.module_of(f): f for f in proj.vfiles}
    out: List[Dict[str, Any]] = []
    for m in modules:
        f = files[m]
        idx = LineIndex((proj.root / f).read_bytes())
        for d in read_glob(proj, f)[0]:
            if d.kind not in NOT_PREMISE:
                line, col = idx.at(d.start)
                out.append({"type": "premise", "name": d.name, "glob_kind": d.kind, "statement": None,
                            "module": m, "file": Path(f).as_posix(), "line": line, "column": col})
    return out


def premises_before(proj: CoqProject, src: TheoremSource, dataset: Optional[Path] = None) -> List[Dict[str, Any]]:
    """The premises the proof of `src` may use: those of the modules its file requires
    (transitively) and those of its own file that come before its statement. From the
    dataset's premises.jsonl when `dataset` is given (records of `leansharp extract`,
    with statements), else from the .glob files (same fields, `statement` null)."""
    mods = required_modules(proj, src.module)
    line, col = LineIndex((proj.root / src.file).read_bytes()).at(src.prefix_end)
    if dataset is not None:
        records = _dataset_premises(dataset)
    else:
        records = _glob_premises(proj, mods + [src.module])
    allowed = set(mods)
    return [r for r in records if r["name"] != src.name and
            (r["module"] in allowed or (r["module"] == src.module and (r["line"], r["column"]) < (line, col)))]
