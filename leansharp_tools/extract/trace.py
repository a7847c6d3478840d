"""Trace one .v file: every proof, sentence by sentence, with the goals before and
after each sentence, and the file's definitions (the premise corpus).

    spans = file_spans(proj, vfile)                 # cached `coqc -time` sentence ranges
    t = trace_file(proj, vfile, spans, timeout)     # -> JSON-able dict (see `trace_file`)

Sentence boundaries come from Coq (`coqc -time` prints the byte range of every sentence
it executes), so comments, strings, bullets, braces and `Proof using` are delimited by
Coq's own parser. Proof structure comes from coqtop's prompt (the open proof's name),
names from the .glob file (module path of every definition), statements from `Check`.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from leansharp_tools.backends.coq.coqtop import Coqtop, CoqtopTimeout, GlobEntry, parse_glob, sentence_spans
from leansharp_tools.cache import file_sha256, load_cache, save_cache
from leansharp_tools.extract.toolkit import CoqProject, LeanSharpError

TRACE_VERSION = 2
THEOREM_KINDS = ("Theorem", "Lemma", "Corollary", "Proposition", "Fact", "Remark", "Example", "Property",
                 "Instance", "Definition", "Fixpoint", "CoFixpoint", "Canonical", "Obligation")
#: sentences that open a proof under another keyword's name: `Next Obligation` proves an Obligation
_PROOF_KIND = {"Next": "Obligation"}
_PREFIXES = {"Local", "Global", "Polymorphic", "Monomorphic", "Cumulative", "NonCumulative", "Private",
             "Program", "Export"}
NOT_PREMISE = {"var", "binder", "lib", "mod", "modtype", "sec", "not", "scope", "syndef", "abbrev", "ltac"}
INDUCTIVE = {"ind", "rec", "coind", "class", "variant", "struct"}


class LineIndex:
    """Byte offsets of a UTF-8 file -> (1-based line, 1-based column in characters)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.starts = [0] + [i + 1 for i, c in enumerate(data) if c == 10]

    def at(self, offset: int) -> List[int]:
        k = bisect.bisect_right(self.starts, offset) - 1
        return [k + 1, len(self.data[self.starts[k]:offset].decode("utf-8", "replace")) + 1]

    def text(self, a: int, b: int) -> str:
        return self.data[a:b].decode("utf-8", "replace")


def strip_comments(text: str) -> str:
    """Comments (nested) removed, strings kept: only to read a sentence's keyword."""
    out, depth, i, in_str = [], 0, 0, False
    while i < len(text):
        if in_str:
            out.append(text[i])
            in_str = text[i] != '"'
        elif text.startswith("(*", i):
            depth, i = depth + 1, i + 2
            continue
        elif depth and text.startswith("*)", i):
            depth, i = depth - 1, i + 2
            continue
        elif not depth:
            out.append(text[i])
            in_str = text[i] == '"'
        i += 1
    return "".join(out)


def head_keyword(sentence: str) -> str:
    """The vernacular keyword of a sentence (attributes and Local/Global/... skipped)."""
    s = re.sub(r"#\[[^\]]*\]", " ", strip_comments(sentence)).split()
    while s and s[0] in _PREFIXES:
        s = s[1:]
    m = re.match(r"[A-Za-z_]*", s[0]) if s else None
    return m.group(0) if m else ""


# ------------------------------------------------------------------- the cache


def cache_name(proj: CoqProject, vfile: Path) -> str:
    """`.leansharp/cache/extract/<module>.json` (`leansharp_tools.cache`)."""
    return f"extract/{proj.module_of(vfile)}"


def cache_key(proj: CoqProject, vfile: Path) -> str:
    """A file is re-traced only when its .vo (which embeds its dependencies' digests) changes."""
    return file_sha256(proj.compiled(vfile))


def load_cached(proj: CoqProject, vfile: Path) -> Dict[str, Any]:
    data = load_cache(proj.root, cache_name(proj, vfile), TRACE_VERSION)
    return data if data.get("key") == cache_key(proj, vfile) else {}


def save_cached(proj: CoqProject, vfile: Path, data: Dict[str, Any]) -> None:
    """Read-only tree: not written (no incrementality, same result)."""
    save_cache(proj.root, cache_name(proj, vfile),
               {**data, "version": TRACE_VERSION, "key": cache_key(proj, vfile)})


def file_spans(proj: CoqProject, vfile: Path, timeout: float = 3600.0) -> List[Tuple[int, int]]:
    """Sentence byte ranges of `vfile` (cached next to the trace, keyed on the .vo)."""
    cached = load_cached(proj, vfile)
    if cached.get("spans"):
        return [(int(s[0]), int(s[1])) for s in cached["spans"]]
    spans = sentence_spans(proj, vfile, timeout)
    save_cached(proj, vfile, {**cached, "spans": spans})
    return spans


def read_glob(proj: CoqProject, vfile: Path) -> Tuple[List[GlobEntry], List[GlobEntry]]:
    g = proj.compiled(Path(vfile)).with_suffix(".glob")
    try:
        _, defs, refs = parse_glob(g.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return [], []
    return defs, refs


# ---------------------------------------------------------------------- tracing


def _module_path(heads: List[str], texts: List[str], top: str) -> List[str]:
    """Fallback names without a .glob: the module path before each sentence."""
    stack: List[Tuple[str, str]] = []
    out = []
    for head, text in zip(heads, texts):
        out.append(".".join([top] + [n for k, n in stack if k == "Module"]))
        words = strip_comments(text).split()
        if head in ("Module", "Section") and len(words) > 1 and ":=" not in text:
            name = words[2] if words[1] == "Type" and len(words) > 2 else words[1]
            stack.append(("Module" if head == "Module" and words[1] != "Type" else "Other", name.rstrip(".")))
        elif head == "End" and stack:
            stack.pop()
    return out


def trace_file(proj: CoqProject, vfile: Path, spans: Sequence[Tuple[int, int]],
               timeout: float = 600.0) -> Dict[str, Any]:
    """Replay `vfile` in coqtop one sentence at a time. Returns {"proofs": [...],
    "corpus": [...]} where a proof is {name, short, kind, span, opener, end, goals,
    steps: [{text, span, before, after, refs}], statement} (byte spans) and a corpus
    entry is {name, kind, glob_kind, span, statement}."""
    data = (proj.root / vfile).read_bytes()
    idx = LineIndex(data)
    module = proj.module_of(vfile)
    defs, refs = read_glob(proj, vfile)
    texts = [idx.text(a, b) for a, b in spans]
    heads = [head_keyword(t) for t in texts]
    paths = _module_path(heads, texts, module)
    ref_starts = [r.start for r in refs]
    proofs: List[Dict[str, Any]] = []
    cur: Optional[Dict[str, Any]] = None
    goals: List[Dict[str, Any]] = []
    with Coqtop(proj, topfile=vfile, timeout=timeout) as top:
        for k, ((a, b), text) in enumerate(zip(spans, texts)):
            where = f"{vfile}:{idx.at(a)[0]}"
            try:
                r = top.send(text)
            except CoqtopTimeout:
                raise LeanSharpError(f"{where}: a sentence ran past {timeout:g}s; raise --timeout") from None
            if r.error:
                raise LeanSharpError(f"{where}: coqtop rejected `{' '.join(text.split())[:60]}`: {r.error[:300]}")
            if cur is None:
                if r.proof is not None:
                    name = next((d.name for d in defs if a <= d.start < b and d.name.endswith("." + r.proof)),
                                f"{paths[k]}.{r.proof}")
                    goals = [g.to_json() for g in top.goals(r.display, r.state)] if r.display else []
                    cur = {"name": name, "short": r.proof, "kind": _PROOF_KIND.get(heads[k], heads[k]),
                           "span": [a, b], "opener": None,
                           "goals": goals, "steps": []}
                continue
            if r.proof is None:
                cur["end"] = {"text": text, "span": [a, b]}
                proofs.append(cur)
                cur, goals = None, []
                continue
            if not cur["steps"] and cur["opener"] is None and heads[k] == "Proof" and not r.display:
                cur["opener"] = {"text": text, "span": [a, b]}
                continue
            after = [g.to_json() for g in top.goals(r.display, r.state)] if r.display else goals
            lo, hi = bisect.bisect_left(ref_starts, a), bisect.bisect_left(ref_starts, b)
            step_refs = sorted({x.name for x in refs[lo:hi] if x.kind not in NOT_PREMISE})
            cur["steps"].append({"text": text, "span": [a, b], "before": goals, "after": after, "refs": step_refs})
            goals = after
        proofs = [p for p in proofs if p["kind"] in THEOREM_KINDS]
        corpus = [d for d in defs if d.kind not in NOT_PREMISE]
        types = _check_all(top, [p["name"] for p in proofs] + [d.name for d in corpus])
    for p in proofs:
        p["statement"] = types.get(p["name"])
    entries = [{"name": d.name, "kind": "constructor" if d.kind == "constr" else
                "inductive" if d.kind in INDUCTIVE else "constant", "glob_kind": d.kind,
                "span": [d.start, d.end], "statement": types[d.name]} for d in corpus if d.name in types]
    return {"module": module, "file": str(vfile), "proofs": [p for p in proofs if p["statement"] is not None],
            "corpus": entries}


def _check_all(top: Coqtop, names: Sequence[str]) -> Dict[str, str]:
    """`Check @name` at the end of the file: {name: type as Coq prints it}; names
    Coq does not know as globals (Module Type members, section `Let`s) are left out."""
    out: Dict[str, str] = {}
    for n in dict.fromkeys(names):
        r = top.send(f"Check @{n}.", timeout=120.0)
        if r.error:
            continue
        body = re.sub(r"<(infomsg|warning)>.*?</\1>\n?", "", r.text, flags=re.S).strip()
        m = re.match(r"^\S+\s*\n?\s*: (.*)$", body, re.S)
        if m:
            out[n] = " ".join(m.group(1).split())
    return out
