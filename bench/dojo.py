"""Benchmark: Dojo latencies (not part of the tests; target: opening a second theorem
of a file whose coqtop is open <= 0.3 s).

    .venv/bin/python bench/dojo.py                          # a built copy of the dojo_basic fixture
    .venv/bin/python bench/dojo.py --project . --theorem norm_filtered_le --theorem mask_idem

Prints, per theorem (all of the same file, or not: each file gets its own coqtop):
  open        the first Dojo on its file: coqtop started, the file replayed to it
  open-again  opening it again, and the other theorems, with the file's coqtop kept (reuse)
  no-reuse    opening it with `reuse=False` (a fresh coqtop and replay every time: the old way)
  run_tac     one tactic on the initial state (`--tactic`, default `idtac.`), median of --repeat
Coq runs take /tmp/leansharp-coq.lock unless --no-lock (waiting is not counted).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, List

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from leansharp_tools.dojo import Dojo, close_all  # noqa: E402

from leansharp_cli import copy_fixture, coq_lock, run_cli  # noqa: E402  (the tests' CLI helpers)

FIXTURE_THEOREMS = ["Dojo.Nested.after_modules", "Dojo.Nested.outer_pos", "Dojo.Nested.Geometry.sq_double",
                    "Dojo.Base.fact_t", "Dojo.Base.double_add", "Dojo.Base.ex_demo"]


def seconds(f: Callable[[], object], repeat: int = 1) -> List[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--project", type=Path, help="a built project (default: a built copy of tests/fixtures/dojo_basic)")
    ap.add_argument("--theorem", action="append", help="a theorem to open (repeatable; full name or suffix)")
    ap.add_argument("--tactic", default="idtac.")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-lock", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-dojo-") as tmp:
        proj = args.project
        if proj is None:
            proj = copy_fixture("dojo_basic", Path(tmp))
            r = run_cli("build", "--project", proj, lock=not args.no_lock)
            if r.returncode != 0:
                sys.exit(f"bench: building the fixture failed:\n{r.stderr[-2000:]}")
        theorems = args.theorem or FIXTURE_THEOREMS
        with coq_lock(not args.no_lock):
            run(proj, theorems, args.tactic, args.repeat)
    close_all()


def run(proj: Path, theorems: List[str], tactic: str, repeat: int) -> None:
    def open_(name: str, reuse: bool = True) -> None:
        with Dojo(name, project=proj, reuse=reuse):
            pass

    print(f"{'theorem':44} {'open':>8} {'again':>8} {'no-reuse':>9} {'run_tac':>8}")
    for name in theorems:
        with Dojo(name, project=proj) as (dojo, s0):
            full = dojo.theorem
        close_all()  # the first open of the file: a cold coqtop
        cold = seconds(lambda n=full: open_(n))[0]
        again = statistics.median(seconds(lambda n=full: open_(n), repeat))
        fresh = statistics.median(seconds(lambda n=full: open_(n, reuse=False), max(1, repeat // 2)))
        with Dojo(full, project=proj) as (dojo, s0):
            tac = statistics.median(seconds(lambda: dojo.run_tac(s0, tactic), repeat))
        print(f"{full[-44:]:44} {cold:8.3f} {again:8.3f} {fresh:9.3f} {tac:8.3f}")
    # every theorem once more, in the given order, each file's coqtop kept: the reuse
    close_all()
    for name in theorems:
        open_(name)
    times = [seconds(lambda n=name: open_(n))[0] for name in reversed(theorems)]
    print(f"open-again, the theorems in reverse order with their files' coqtops kept: "
          f"max {max(times):.3f}s, median {statistics.median(times):.3f}s (target <= 0.3s)")


if __name__ == "__main__":
    main()
