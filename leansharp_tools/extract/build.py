"""Build the dataset of `leansharp extract` (record format: `leansharp_tools.extract.write`).

    meta = extract(project=".", out="dataset", modules=None, jobs=2, on_progress=None, ray=None)

Per file (in parallel, one coqtop each; or as tasks on a Ray cluster with
`ray="host:port"|"auto"`, `ray_pool.py`, a failed task retried once): sentence spans
from `coqc -time`, then the proof trace (`trace.trace_file`); both cached in
`.leansharp/cache/extract/` keyed on the file's .vo (by the driver) AS SOON AS the
file is done (and its records appended to `<out>/theorems.partial.jsonl`), so an
interrupted or failing run loses no traced file and a file whose .vo did not change is
not re-traced. The direct dependencies of the traced theorems come from one
coq-dpdgraph run (per module when that run fails); statuses from `leansharp status`.

keep_going (default): a file that fails is left out and listed in
`metadata.json["failed"]` as {"file", "module", "stage": "trace" | "premises", "error"}
(one line); `failure_verdict(meta, strict)` says whether the run failed (nothing
extracted, or any failure with strict). Without keep_going the first failure stops
the run. Failing input is one `LeanSharpError` line: project not built, no such module,
coqtop/coqc missing, --jobs < 1, --timeout <= 0, --ray without Ray or a cluster.
"""

from __future__ import annotations

import json
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

from leansharp_tools.backends.coq.backend import CoqBackend
from leansharp_tools.backends.coq.coqtop import direct_dependencies, require_installed
from leansharp_tools.extract import splits as split_mod
from leansharp_tools.extract.toolkit import CoqProject, LeanSharpError, open_project, select_modules, statuses
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
    return {"spans": spans, "trace": trace_file(proj, f, spans, timeout)}


def _trace_local(proj: CoqProject, files: Sequence[Path], jobs: int, timeout: float,
                 on_result: Callable[[Path, Optional[Dict[str, Any]], Optional[str]], None]) -> None:
    """Trace `files` in a pool of `jobs` threads (one coqtop each), calling `on_result(file,
    entry, error line)` as each is done; an exception from `on_result` cancels the rest."""
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_trace_one, proj, f, timeout): f for f in files}
        try:
            for fut in as_completed(futures):
                f = futures[fut]
                try:
                    entry = fut.result()
                except Exception as err:  # noqa: BLE001 - one failed file is one line, never a traceback
                    on_result(f, None, one_line(f, err))
                    continue
                on_result(f, entry, None)
        except BaseException:
            for fut in futures:
                fut.cancel()
            raise


def one_line(f: Union[str, Path], err: BaseException) -> str:
    """The failure of file `f` as one line naming the file."""
    msg = " ".join(str(err).split()) or type(err).__name__
    if not isinstance(err, LeanSharpError):
        msg = f"internal error: {type(err).__name__}: {msg}"
    return msg if msg.startswith(str(f)) else f"{f}: {msg}"


def check_options(jobs: int, timeout: float) -> None:
    if jobs < 1:
        raise LeanSharpError(f"--jobs must be at least 1 (got {jobs})")
    if not timeout > 0:
        raise LeanSharpError(f"--timeout must be a positive number of seconds (got {timeout:g})")


def failure_verdict(meta: Dict[str, Any], strict: bool) -> Optional[str]:
    """Why an extract run counts as failed (exit 1), None when it does not: nothing
    could be extracted, or (strict) any file failed."""
    failed = meta.get("failed") or []
    if not failed:
        return None
    if meta["counts"]["files"] == len({x["file"] for x in failed if x["stage"] == "trace"}):
        return f"nothing could be extracted: all {len(failed)} file(s) failed, first: {failed[0]['error']}"
    if strict:
        return f"--strict: {len(failed)} file(s) failed, first: {failed[0]['error']}"
    return None


class _Partial:
    """`<out>/theorems.partial.jsonl`: each file's theorem records (no status, no
    premises yet) appended as soon as the file is done; removed when the dataset is written."""

    def __init__(self, proj: CoqProject, out: Path) -> None:
        self.proj, self.path = proj, out / "theorems.partial.jsonl"
        try:
            out.mkdir(parents=True, exist_ok=True)
            self.path.write_text("", encoding="utf-8")
        except OSError as err:
            raise LeanSharpError(f"{out}: cannot write the dataset ({err.strerror})") from None

    def add(self, entry: Dict[str, Any]) -> None:
        records = theorem_records(self.proj, [{**entry, "deps": entry.get("deps", {})}], {}, [])
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def _premises(proj: CoqProject, entries: Dict[Path, Dict[str, Any]], failed: List[Dict[str, Any]]) -> None:
    """Fill entry["deps"] of every entry without it (one dpdgraph run, else one per module)."""
    todo = [f for f, e in entries.items() if "deps" not in e]
    groups = [todo]
    for group in groups:
        names = [p["name"] for f in group for p in entries[f]["trace"]["proofs"]]
        try:
            deps = direct_dependencies(proj, [proj.module_of(f) for f in group], names) if names else {}
        except LeanSharpError as err:
            if len(group) > 1:
                groups += [[f] for f in group]
                continue
            failed.append({"file": str(group[0]), "module": proj.module_of(group[0]), "stage": "premises",
                           "error": one_line(group[0], err)})
            continue
        for f in group:
            entries[f]["deps"] = {p["name"]: deps.get(p["name"], []) for p in entries[f]["trace"]["proofs"]}
            save_cached(proj, f, entries[f])


def extract(project: Union[None, str, Path, CoqProject] = None, out: Union[None, str, Path] = None,
            modules: Optional[Sequence[str]] = None, jobs: int = 2, timeout: float = 600.0, seed: int = 0,
            use_cache: bool = True, on_progress: Optional[Progress] = None,
            keep_going: bool = True, ray: Optional[str] = None) -> Dict[str, Any]:
    """Write the dataset to `out` (default `<root>/.leansharp/dataset`); returns metadata.
    `ray`: the address of a Ray cluster ("auto": the one this machine belongs to) that
    traces the files instead of the local pool of `jobs` threads (`ray_pool.py`)."""
    t0 = time.monotonic()
    check_options(jobs, timeout)
    if ray is not None:
        from leansharp_tools.extract.ray_pool import connect_check

        connect_check(ray)
    require_installed()
    proj = open_project(project)
    files = select_modules(proj, modules)
    proj.require_built(files)
    out_dir = Path(out) if out is not None else proj.root / ".leansharp" / "dataset"
    partial = _Partial(proj, out_dir)
    entries: Dict[Path, Dict[str, Any]] = {}
    todo: List[Path] = []
    for f in files:
        cached = load_cached(proj, f) if use_cache else {}
        if "trace" in cached:
            entries[f] = cached
            partial.add(cached)
        else:
            todo.append(f)
    traced = len(todo)
    status_job = ThreadPoolExecutor(max_workers=1)  # Print Assumptions meanwhile (own coqc runs)
    status_future = status_job.submit(statuses, proj.root, [proj.module_of(f) for f in files] if modules else None)
    status_job.shutdown(wait=False)
    failed: List[Dict[str, Any]] = []
    done = len(entries)
    if on_progress:
        on_progress("", done, len(files))

    def on_result(f: Path, entry: Optional[Dict[str, Any]], error: Optional[str]) -> None:
        nonlocal done
        if entry is not None:
            entries[f] = entry
            save_cached(proj, f, entry)  # the traced file is never lost, whatever happens to the others
            partial.add(entry)
        else:
            if not keep_going:
                raise LeanSharpError(f"{error} (--keep-going skips failed files)")
            failed.append({"file": str(f), "module": proj.module_of(f), "stage": "trace", "error": error})
        done += 1
        if on_progress:
            on_progress(str(f), done, len(files))

    if ray is not None and todo:
        from leansharp_tools.extract.ray_pool import trace_on_ray

        trace_on_ray(ray, proj, todo, timeout, on_result)
    else:
        _trace_local(proj, todo, jobs, timeout, on_result)
    _premises(proj, entries, failed)
    status, status_error = status_future.result()
    ordered = [entries[f] for f in files if f in entries]
    for e in ordered:
        e.setdefault("deps", {})
    corpus = premise_records(proj, ordered)
    theorems = theorem_records(proj, ordered, status, corpus)
    uses = {t["name"]: [p["name"] for p in t["premises"]] for t in theorems}
    names_all = [t["name"] for t in theorems]
    split_sets = {"random": split_mod.random_split(names_all, seed),
                  "novel_premises": split_mod.novel_premises_split(uses, seed)}
    failed_trace = {x["file"] for x in failed if x["stage"] == "trace"}
    meta: Dict[str, Any] = {
        "schema": SCHEMA, "project": str(proj.root), "out": str(out_dir.resolve()),
        "coq_version": CoqBackend().version(), "commit": _git_commit(proj.root), "seed": seed,
        "modules": [proj.module_of(f) for f in files],
        "counts": {"files": len(files), "traced_files": traced - len(failed_trace),
                   "cached_files": len(files) - traced, "failed_files": len({x["file"] for x in failed}),
                   "theorems": len(theorems), "steps": sum(len(t["steps"]) for t in theorems),
                   "premises": len(corpus),
                   "proved": sum(1 for t in theorems if t["status"] == "proved")},
        "splits": {k: {part: len(v) for part, v in s.items()} for k, s in split_sets.items()},
        "status_error": status_error,
        "failed": failed,
    }
    write_dataset(out_dir, theorems, corpus, split_sets)
    partial.remove()
    meta["seconds"] = round(time.monotonic() - t0, 2)
    write_metadata(out_dir, meta)
    return meta
