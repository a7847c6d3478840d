"""Benchmark of the toolkit on the full LeanSharp library (not part of the tests).

    .venv/bin/python bench/bench_status.py [--project PATH] [--no-lock]

Needs a built library (`leansharp build`). Times, via the real CLI:
  1. `leansharp status --json` cold  (.leansharp/cache removed: one Print Assumptions union for the library)
  2. `leansharp status --json` warm  (cache hit: no prover call; target <= 1 s)
  3. `leansharp graph --format json` cold graph cache (one coqc + dpdgraph run; status warm)
  4. `leansharp graph --format json` warm
Coq runs take /tmp/leansharp-coq.lock (the machine's cores are shared) unless --no-lock;
time spent waiting for the lock is not counted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from leansharp_cli import REPO, coq_lock, leansharp_cmd  # noqa: E402  (the tests' CLI helpers)


def timed(args, use_lock: bool):
    with coq_lock(use_lock):
        t0 = time.perf_counter()
        r = subprocess.run(leansharp_cmd() + args, capture_output=True, text=True)
        dt = time.perf_counter() - t0
    if r.returncode not in (0, 1) or not r.stdout.strip():
        sys.exit(f"bench: `leansharp {' '.join(args)}` failed:\n{r.stderr.strip()}")
    return dt, json.loads(r.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--project", type=Path, default=REPO)
    ap.add_argument("--no-lock", action="store_true")
    a = ap.parse_args()
    proj, use_lock = a.project.resolve(), not a.no_lock
    cache = proj / ".leansharp" / "cache"
    p = ["--project", str(proj)]

    shutil.rmtree(cache, ignore_errors=True)
    cold, doc = timed(["status", "--json", *p], use_lock)
    warm, _ = timed(["status", "--json", *p], False)
    (cache / "graph.json").unlink(missing_ok=True)
    gcold, g = timed(["graph", "--format", "json", *p], use_lock)
    gwarm, _ = timed(["graph", "--format", "json", *p], False)

    t = doc["totals"]
    print(f"library: {proj}")
    print(f"  {len(doc['modules'])} modules, {t['declarations']} declarations "
          f"({t['proved']} proved, {len(doc['problems'])} problems)")
    print(f"  graph: {g['size']['nodes']} nodes, {g['size']['edges']} edges, "
          f"longest chain {max(len(g['longest_chain']) - 1, 0)} steps")
    print(f"status cold (cache cleared) : {cold:7.2f} s  ({cold / max(len(doc['modules']), 1):.2f} s/module)")
    print(f"status warm (cached)        : {warm:7.2f} s")
    print(f"graph extraction (dpdgraph) : {gcold:7.2f} s")
    print(f"graph warm (cached .dpd)    : {gwarm:7.2f} s")


if __name__ == "__main__":
    main()
