"""Benchmark: `leansharp extract` of the whole LeanSharp library against its build time
(not part of the tests; target: extraction <= 3x the build, both on 2 cores).

    .venv/bin/python bench/bench_extract.py [--project PATH] [--jobs 2] [--ray ADDRESS] [--no-lock] [--keep DIR]

Works on a fresh copy of the library in a temporary directory (the committed tree,
`git archive HEAD`, when the project is a git repository), so the repository's own
build products are untouched. Times, via the real CLI:
  1. `leansharp build --jobs N`               from scratch
  2. `leansharp extract --jobs N` cold        (no .leansharp/cache/extract)
  3. `leansharp extract --jobs N` warm        (every .vo unchanged: nothing re-traced)
  4. with --ray ADDRESS: `leansharp extract --ray ADDRESS --no-cache` (every file a task on
     that Ray cluster), and whether its theorems.jsonl is byte-identical to the pool's
Coq runs take /tmp/leansharp-coq.lock (the machine's cores are shared) unless --no-lock;
waiting for the lock is not counted. Exit status 1 when cold extraction > 3x the build.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from leansharp_cli import REPO, timed_cli  # noqa: E402  (the tests' CLI helpers)

BUILD_PRODUCTS = ("_build", "*.vo", "*.vok", "*.vos", "*.glob", ".*.aux", "*.aux", "Makefile.coq*", ".leansharp")


def fresh_copy(project: Path, dest: Path) -> Path:
    """The project's sources without build products (committed tree for a git repo)."""
    target = dest / project.name
    r = subprocess.run(["git", "archive", "HEAD"], cwd=project, capture_output=True)
    if r.returncode == 0 and r.stdout:
        target.mkdir(parents=True)
        with tarfile.open(fileobj=io.BytesIO(r.stdout)) as tar:
            tar.extractall(target)
    else:
        shutil.copytree(project, target, ignore=shutil.ignore_patterns(*BUILD_PRODUCTS, ".git", ".venv"))
    return target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--project", type=Path, default=REPO)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--ray", help="Also time extraction on this Ray cluster (host:port or auto).")
    ap.add_argument("--no-lock", action="store_true")
    ap.add_argument("--keep", type=Path, help="Keep the copy and the dataset in this directory.")
    a = ap.parse_args()
    use_lock = not a.no_lock
    tmp = Path(tempfile.mkdtemp(prefix="bench-extract-")) if a.keep is None else a.keep
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        proj = fresh_copy(a.project.resolve(), tmp)
        p = ["--project", proj]
        build, _ = timed_cli(["build", "--jobs", a.jobs, *p], use_lock, ok_codes=(0,), parse_json=False)
        out = tmp / "dataset"
        cold, meta = timed_cli(["extract", "--jobs", a.jobs, "--out", out, "--json", *p], use_lock, ok_codes=(0,))
        warm, wmeta = timed_cli(["extract", "--jobs", a.jobs, "--out", out, "--json", *p], use_lock, ok_codes=(0,))
        if a.ray:
            rout = tmp / "dataset-ray"
            on_ray, _ = timed_cli(["extract", "--ray", a.ray, "--no-cache", "--out", rout, "--json", *p], use_lock,
                                  ok_codes=(0,))
            same = (rout / "theorems.jsonl").read_bytes() == (out / "theorems.jsonl").read_bytes()
    finally:
        if a.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    c = meta["counts"]
    ratio = cold / build
    print(f"library: {a.project.resolve()} ({c['files']} files; copy built from scratch, {a.jobs} jobs)")
    print(f"  dataset: {c['theorems']} theorems, {c['steps']} proof steps, {c['premises']} premises; "
          f"splits {meta['splits']['random']}")
    print(f"build  (leansharp build)          : {build:7.1f} s")
    print(f"extract cold                      : {cold:7.1f} s  = {ratio:.2f} x build  (target <= 3x)")
    print(f"extract warm (nothing re-traced)  : {warm:7.1f} s  ({wmeta['counts']['traced_files']} files traced)")
    if a.ray:
        print(f"extract cold on Ray               : {on_ray:7.1f} s  ({a.ray}; theorems.jsonl "
              f"{'byte-identical to' if same else 'DIFFERS from'} the pool's)")
    sys.exit(0 if ratio <= 3.0 else 1)


if __name__ == "__main__":
    main()
