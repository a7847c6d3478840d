"""The records of `leansharp extract` and how they are written (schema leansharp-extract/1).

Positions are [line, column], both 1-based (columns count characters); `end` is just
after the last character. A goal is {"id": evar number in that coqtop session,
"focus": "focused" | "unfocused" | "shelved" | "given_up", "hyps": [{"names": [...],
"type": T} (let-bound: also "body")], "concl": C}, everything as Coq prints it.

theorems.jsonl, one per theorem-like declaration proved by a tactic script:
    {"name", "short", "kind", "module", "file", "start", "end", "statement", "status",
     "opener": "Proof using H." | null, "terminator": "Qed.", "goals": [goal],
     "steps": [{"tactic", "start", "end", "goals_before": [goal], "goals_after": [goal],
                "premises": [names the sentence mentions (from the .glob)]}],
     "premises": [premise use]}           # direct dependencies of the proof term
premises.jsonl: the corpus, then what each theorem uses
    {"type": "premise", "name", "kind": constant|inductive|constructor, "glob_kind",
     "statement", "module", "file", "line", "column", "start", "end"}
    {"type": "uses", "theorem", "premises": [premise use]}
    premise use = {"name", "in_project": bool, "file", "line"} (file/line null outside)
splits/{random,novel_premises}/{train,val,test}.jsonl: theorem records; metadata.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional

from leansharp_tools.extract.toolkit import CoqProject, LeanSharpError
from leansharp_tools.extract.trace import LineIndex

SCHEMA = "leansharp-extract/1"


def _index(proj: CoqProject, file: str, cache: Dict[str, LineIndex]) -> LineIndex:
    if file not in cache:
        cache[file] = LineIndex((proj.root / file).read_bytes())
    return cache[file]


def premise_records(proj: CoqProject, entries: Iterable[Mapping[str, Any]]) -> List[Dict[str, Any]]:
    """The corpus: every definition of the traced files Coq knows as a global."""
    out: List[Dict[str, Any]] = []
    seen = set()
    lines: Dict[str, LineIndex] = {}
    for e in entries:
        tr = e["trace"]
        idx = _index(proj, tr["file"], lines)
        for c in tr["corpus"]:
            if c["name"] in seen:
                continue
            seen.add(c["name"])
            start, end = idx.at(c["span"][0]), idx.at(c["span"][1])
            out.append({"type": "premise", "name": c["name"], "kind": c["kind"], "glob_kind": c["glob_kind"],
                        "statement": c["statement"], "module": tr["module"], "file": tr["file"],
                        "line": start[0], "column": start[1], "start": start, "end": end})
    return out


def _use(name: str, where: Mapping[str, Dict[str, Any]], modules: List[str]) -> Dict[str, Any]:
    c = where.get(name)
    inside = c is not None or any(name.startswith(m + ".") for m in modules)
    return {"name": name, "in_project": inside, "file": c["file"] if c else None, "line": c["line"] if c else None}


def theorem_records(proj: CoqProject, entries: Iterable[Mapping[str, Any]], status: Mapping[str, str],
                    corpus: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    where = {c["name"]: c for c in corpus}
    modules = proj.modules()
    lines: Dict[str, LineIndex] = {}
    out: List[Dict[str, Any]] = []
    for e in entries:
        tr = e["trace"]
        idx = _index(proj, tr["file"], lines)
        for p in tr["proofs"]:
            steps = [{"tactic": s["text"], "start": idx.at(s["span"][0]), "end": idx.at(s["span"][1]),
                      "goals_before": s["before"], "goals_after": s["after"], "premises": s["refs"]}
                     for s in p["steps"]]
            out.append({
                "name": p["name"], "short": p["short"], "kind": p["kind"], "module": tr["module"],
                "file": tr["file"], "start": idx.at(p["span"][0]), "end": idx.at(p["end"]["span"][1]),
                "statement": p["statement"], "status": status.get(p["name"]),
                "opener": p["opener"]["text"] if p["opener"] else None, "terminator": p["end"]["text"],
                "goals": p["goals"], "steps": steps,
                "premises": [_use(n, where, modules) for n in e["deps"].get(p["name"], [])],
            })
    return out


def _jsonl(path: Path, records: Iterable[Mapping[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".jsonl.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    tmp.replace(path)


def write_dataset(out: Path, theorems: List[Dict[str, Any]], corpus: List[Dict[str, Any]],
                  splits: Mapping[str, Mapping[str, List[str]]]) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        _jsonl(out / "theorems.jsonl", theorems)
        uses = [{"type": "uses", "theorem": t["name"], "premises": t["premises"]} for t in theorems]
        _jsonl(out / "premises.jsonl", corpus + uses)
        by_name = {t["name"]: t for t in theorems}
        for kind, parts in splits.items():
            for part, names in parts.items():
                _jsonl(out / "splits" / kind / f"{part}.jsonl", (by_name[n] for n in names))
    except OSError as err:
        raise LeanSharpError(f"{out}: cannot write the dataset ({err.strerror})") from None


def write_metadata(out: Path, meta: Mapping[str, Any]) -> None:
    try:
        (out / "metadata.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as err:
        raise LeanSharpError(f"{out}: cannot write metadata.json ({err.strerror})") from None


def read_jsonl(path: Path) -> List[Dict[str, Any]]:
    """Read one of the dataset's .jsonl files."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_metadata(out: Path) -> Optional[Dict[str, Any]]:
    try:
        return json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
