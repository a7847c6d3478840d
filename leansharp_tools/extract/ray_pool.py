"""`leansharp extract --ray ADDRESS|auto`: trace files as tasks on an existing Ray cluster.

    trace_on_ray("auto", proj, files, timeout, on_result)   # on_result(file, entry, error)

One task per file (one CPU, its own coqtop): the sentence spans and the proof trace
(`trace.file_spans`, `trace.trace_file`), returned to the driver, which calls
`on_result` as each result comes back (caches, partial records and progress are the
driver's, as with the local pool). A task that fails (Coq's error, a timeout, a worker
that died) is submitted once more; when it fails again, `on_result(file, None, line)`
with one line ending in "(failed again when retried on Ray)". Every node must see the
project at the same path (a shared file system) and have the same Coq, libraries and
Python environment as the driver. Ray is an
optional dependency (`pip install 'leansharp_tools[ray]'`); without it, `--ray` is a
one-line error.
"""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from leansharp_tools.extract.toolkit import CoqProject, LeanSharpError

OnResult = Callable[[Path, Optional[Dict[str, Any]], Optional[str]], None]
RAY_MISSING = "--ray needs Ray: pip install 'leansharp_tools[ray]' (or: pip install ray)"


def trace_task(proj: CoqProject, f: Path, timeout: float) -> Dict[str, Any]:
    """On a Ray worker: {"entry": {"spans", "trace"}} or {"error": one line}."""
    from leansharp_tools.extract.build import one_line
    from leansharp_tools.extract.trace import file_spans, trace_file

    if not (proj.root / f).is_file():
        return {"error": f"{f}: not found under {proj.root} on Ray node {socket.gethostname()}; every node must see "
                         f"the project at the same path (a shared file system)"}
    try:
        spans = file_spans(proj, f)
        return {"entry": {"spans": spans, "trace": trace_file(proj, f, spans, timeout)}}
    except Exception as err:  # noqa: BLE001 - one failed file is one line, never a traceback
        return {"error": one_line(f, err)}


def _first_line(err: BaseException) -> str:
    lines = [ln.strip() for ln in str(err).splitlines() if ln.strip()]
    return f"{type(err).__name__}: {lines[0] if lines else ''}".rstrip(": ")


def _reachable(address: str) -> Optional[str]:
    """Why `host:port` cannot be reached (a refused or timed-out TCP connection), None when
    it can or the address is not host:port (`auto`, `ray://...`): Ray itself retries a dead
    address for minutes."""
    host, sep, port = address.rpartition(":")
    if not sep or "://" in address or not port.isdigit():
        return None
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=10):
            return None
    except OSError as err:
        return err.strerror or type(err).__name__


def connect_check(address: str) -> Any:
    """The `ray` module; one-line errors for an empty address, Ray not installed, a
    host:port where nothing listens (checked before any work starts)."""
    if not address.strip():
        raise LeanSharpError("--ray needs an address: host:port of the cluster's head (ray start --head), "
                             "ray://host:10001, or auto")
    try:
        import ray
    except ImportError:
        raise LeanSharpError(RAY_MISSING) from None
    why = _reachable(address)
    if why is not None:
        raise LeanSharpError(f"--ray {address}: no Ray cluster answers there ({why}); start one with "
                             f"`ray start --head --port PORT` and pass HOST:PORT, or `auto` on one of its nodes")
    return ray


def connect(address: str) -> Any:
    """`ray.init(address)` on an existing cluster; one-line errors without Ray or a cluster."""
    ray = connect_check(address)
    try:
        ray.init(address=address, logging_level=logging.ERROR, log_to_driver=False, namespace="leansharp")
    except Exception as err:  # noqa: BLE001 - ConnectionError, ValueError, RuntimeError, ... : one line
        raise LeanSharpError(f"--ray {address}: cannot connect to a Ray cluster ({_first_line(err)}); start one "
                             f"with `ray start --head` and pass its address (host:6379), or `auto` on one of its "
                             f"nodes") from None
    return ray


def trace_on_ray(address: str, proj: CoqProject, files: Sequence[Path], timeout: float,
                 on_result: OnResult) -> None:
    """Trace `files` on the cluster at `address`, calling `on_result` as results arrive
    (an exception from `on_result` cancels the tasks still running)."""
    ray = connect(address)
    pending: Dict[Any, Tuple[Path, int]] = {}
    try:
        task = ray.remote(num_cpus=1, max_retries=0)(trace_task)
        pending.update({task.remote(proj, f, timeout): (f, 0) for f in files})
        while pending:
            ready: List[Any]
            ready, _ = ray.wait(list(pending), num_returns=1)
            f, attempt = pending.pop(ready[0])
            try:
                res = ray.get(ready[0])
            except Exception as err:  # noqa: BLE001 - the task or its worker died: a failed task
                res = {"error": f"{f}: Ray task failed: {_first_line(err)}"}
            if "error" in res and attempt == 0:
                pending[task.remote(proj, f, timeout)] = (f, 1)  # retried once
                continue
            error = f"{res['error']} (failed again when retried on Ray)" if "error" in res else None
            on_result(f, res.get("entry"), error)
    finally:
        for ref in pending:
            ray.cancel(ref, force=True)
        ray.shutdown()
