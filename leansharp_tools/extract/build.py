"""Build the dataset of `leansharp extract` (record format: `leansharp_tools.extract.write`).

    meta = extract(project=".", out="dataset", modules=None, jobs=2, on_progress=None)

Per file (in parallel, one coqtop each): sentence spans from `coqc -time`, then the
proof trace (`trace.trace_file`); both cached in `.leansharp/cache/extract/` keyed on
the file's .vo, so a file whose .vo did not change is not re-traced. The direct
dependencies of the re-traced theorems come from one coq-dpdgraph run; statuses from
`leansharp status`. Failing input is one `LeanSharpError` line: project not built, no
such module, coqtop/coqc missing.
"""

from __future__ import annotations

import subprocess
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

from leansharp_tools.backends.coq.backend import CoqBackend
from leansharp_tools.backends.coq.coqtop import direct_dependencies, require_installed
from leansharp_tools.extract import splits as split_mod
from leansharp_tools.extract.toolkit import CoqProject, open_project, select_modules, statuses
from leansharp_tools.extract.trace import file_spans, load_cached, save_cached, trace_file
from leansharp_tools.extract.write import SCHEMA, premise_records, theorem_records, write_dataset, write_metadata

Progress = Callable[[str, int, int], None]


def _git_commit(root: Path) -> Optional[str]:
    try:
        r = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return (r.stdout.strip() or None) if r.returncode == 0 else None


def _trace_one(proj: CoqProject, f: Path, timeout: float) -> Dict[str, Any]:
    spans = file_spans(proj, f)
    trace = trace_file(proj, f, spans, timeout)
    return {"spans": spans, "trace": trace}


def extract(project: Union[None, str, Path, CoqProject] = None, out: Union[None, str, Path] = None,
            modules: Optional[Sequence[str]] = None, jobs: int = 2, timeout: float = 600.0, seed: int = 0,
            use_cache: bool = True, on_progress: Optional[Progress] = None) -> Dict[str, Any]:
    """Write the dataset to `out` (default `<root>/.leansharp/dataset`); returns metadata."""
    t0 = time.monotonic()
    require_installed()
    proj = open_project(project)
    files = select_modules(proj, modules)
    proj.require_built(files)
    out_dir = Path(out) if out is not None else proj.root / ".leansharp" / "dataset"
    entries: Dict[Path, Dict[str, Any]] = {}
    todo: List[Path] = []
    for f in files:
        cached = load_cached(proj, f) if use_cache else {}
        if "trace" in cached and "deps" in cached:
            entries[f] = cached
        else:
            todo.append(f)
    status_job = ThreadPoolExecutor(max_workers=1)  # Print Assumptions meanwhile (own coqc runs)
    status_future = status_job.submit(statuses, proj.root, [proj.module_of(f) for f in files] if modules else None)
    status_job.shutdown(wait=False)
    done = len(entries)
    if on_progress:
        on_progress("", done, len(files))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(_trace_one, proj, f, timeout): f for f in todo}
        try:
            for fut in as_completed(futures):
                f = futures[fut]
                entries[f] = fut.result()
                done += 1
                if on_progress:
                    on_progress(str(f), done, len(files))
        except BaseException:
            for fut in futures:
                fut.cancel()
            raise
    names = [p["name"] for f in todo for p in entries[f]["trace"]["proofs"]]
    deps = direct_dependencies(proj, [proj.module_of(f) for f in todo], names) if names else {}
    for f in todo:
        entries[f]["deps"] = {p["name"]: deps.get(p["name"], []) for p in entries[f]["trace"]["proofs"]}
        save_cached(proj, f, entries[f])
    status, status_error = status_future.result()
    ordered = [entries[f] for f in files]
    corpus = premise_records(proj, ordered)
    theorems = theorem_records(proj, ordered, status, corpus)
    uses = {t["name"]: [p["name"] for p in t["premises"]] for t in theorems}
    names_all = [t["name"] for t in theorems]
    split_sets = {"random": split_mod.random_split(names_all, seed),
                  "novel_premises": split_mod.novel_premises_split(uses, seed)}
    meta: Dict[str, Any] = {
        "schema": SCHEMA, "project": str(proj.root), "out": str(out_dir.resolve()),
        "coq_version": CoqBackend().version(), "commit": _git_commit(proj.root), "seed": seed,
        "modules": [proj.module_of(f) for f in files],
        "counts": {"files": len(files), "traced_files": len(todo), "cached_files": len(files) - len(todo),
                   "theorems": len(theorems), "steps": sum(len(t["steps"]) for t in theorems),
                   "premises": len(corpus),
                   "proved": sum(1 for t in theorems if t["status"] == "proved")},
        "splits": {k: {part: len(v) for part, v in s.items()} for k, s in split_sets.items()},
        "status_error": status_error,
    }
    write_dataset(out_dir, theorems, corpus, split_sets)
    meta["seconds"] = round(time.monotonic() - t0, 2)
    write_metadata(out_dir, meta)
    return meta
