"""Running the real `leansharp` CLI from tests and benchmarks (no pytest needed):
the console script of this interpreter, the machine-wide Coq lock
/tmp/leansharp-coq.lock that serialises Coq runs, and fixture projects."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LOCK = "/tmp/leansharp-coq.lock"


def leansharp_cmd() -> List[str]:
    exe = Path(sys.executable).parent / "leansharp"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "leansharp_tools"]


@contextlib.contextmanager
def coq_lock(enabled: bool = True) -> Iterator[None]:
    """Hold the machine-wide Coq lock (the machine's cores are shared) when `enabled`."""
    if not enabled:
        yield
        return
    with open(LOCK, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def run_cli(*args: object, cwd: Optional[Path] = None, env: Optional[Dict[str, str]] = None, lock: bool = False,
            timeout: float = 3600) -> subprocess.CompletedProcess:
    """Run `leansharp ARGS` for real; asserts no Python traceback leaked."""
    full_env = dict(os.environ)
    full_env.setdefault("COLUMNS", "200")
    if env:
        full_env.update(env)
    with coq_lock(lock):
        r = subprocess.run(leansharp_cmd() + [str(a) for a in args], cwd=cwd, env=full_env,
                           capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout, r.stderr
    return r


def timed_cli(args: Sequence[object], use_lock: bool, ok_codes: Sequence[int] = (0, 1),
              parse_json: bool = True) -> Tuple[float, Any]:
    """For benchmarks: run `leansharp ARGS` under the Coq lock (waiting for it is not
    timed); (seconds, its JSON output or None). Exits with the command's stderr when it
    ends with a code outside `ok_codes` or prints no JSON that was asked for."""
    with coq_lock(use_lock):
        t0 = time.perf_counter()
        r = subprocess.run(leansharp_cmd() + [str(a) for a in args], capture_output=True, text=True)
        dt = time.perf_counter() - t0
    if r.returncode not in ok_codes or (parse_json and not r.stdout.strip()):
        sys.exit(f"bench: `leansharp {' '.join(map(str, args))}` failed:\n{r.stderr.strip()[-2000:]}")
    return dt, (json.loads(r.stdout) if parse_json else None)


def copy_fixture(name: str, dest: Path) -> Path:
    target = dest / name
    shutil.copytree(FIXTURES / name, target)
    return target


def copy_library(src: Path, files: Sequence[str], dest: Path, logical: str) -> Path:
    """A project at `dest` of copies of `files` (paths relative to `src`, e.g. an installed
    library's sources) under the logical name `logical`, with its `_CoqProject`; not built."""
    for f in files:
        (dest / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src / f, dest / f)
    (dest / "_CoqProject").write_text(f"-R . {logical}\n" + "".join(f"{f}\n" for f in files))
    return dest

