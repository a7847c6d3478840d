"""Benchmark of `leansharp status --recheck` (coqchk on every compiled module; prints figures).

    .venv/bin/python bench/recheck.py [--project PATH] [--no-lock] [--silent]

Default: the LeanSharp library as it is (needs `leansharp build`). Times, via the real CLI:
  1. `leansharp status --json`            (warm cache after a first run: the status part alone)
  2. `leansharp status --json --recheck`  (the same + coqchk, its trace streamed for progress)
and prints the difference (the re-check), the libraries coqchk checked and the axioms of
their context. --silent also times `coqchk -silent -o` run directly (no trace), to show
what streaming the trace costs.

Coq runs take /tmp/leansharp-coq.lock (the machine's cores are shared) unless
--no-lock; time spent waiting for the lock is not counted.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from leansharp_tools.backends.coq.project import load_project  # noqa: E402
from leansharp_tools.backends.coq.recheck import coqchk_command  # noqa: E402

from leansharp_cli import REPO, coq_lock, timed_cli  # noqa: E402  (the tests' CLI helpers)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--project", type=Path, default=REPO)
    ap.add_argument("--no-lock", action="store_true", help="do not take the machine-wide Coq lock")
    ap.add_argument("--silent", action="store_true", help="also time `coqchk -silent -o` run directly")
    a = ap.parse_args()
    lock = not a.no_lock
    proj = a.project.resolve()
    timed_cli(["status", "--json", "--project", proj], lock)  # fill the status cache
    t_status, _ = timed_cli(["status", "--json", "--project", proj], lock)
    t_both, doc = timed_cli(["status", "--json", "--recheck", "--project", proj], lock)
    rc = doc["recheck"]
    print(f"project: {proj.name} ({len(doc['modules'])} modules)")
    print(f"status (warm):                 {t_status:7.1f} s")
    print(f"status --recheck (warm):       {t_both:7.1f} s")
    print(f"re-check (coqchk, traced):     {t_both - t_status:7.1f} s  ({rc['libraries']} libraries, "
          f"{'ok' if rc['ok'] else 'FAILED'})")
    print(f"axioms in their context:       {len(rc['axioms'])}: {', '.join(rc['axioms']) or 'none'}")
    for p in rc["problems"]:
        print(f"  problem: {p}")
    if a.silent:
        p = load_project(proj)
        cmd = coqchk_command(p, p.modules(), silent=True)
        with coq_lock(lock):
            t0 = time.perf_counter()
            subprocess.run(cmd, cwd=proj, capture_output=True, text=True)
            dt = time.perf_counter() - t0
        print(f"coqchk -silent -o (direct):    {dt:7.1f} s")


if __name__ == "__main__":
    main()
