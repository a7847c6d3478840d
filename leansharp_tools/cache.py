"""The toolkit's caches: one JSON file each under `<root>/.leansharp/cache/`, keyed
on the sha256 of compiled files, so a warm run does no prover call. A cache that is
missing, unreadable or of another version reads as empty; a read-only tree still
gets its report (writes fail silently)."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any, Dict, Iterable


def cache_path(root: Path, name: str) -> Path:
    """`<root>/.leansharp/cache/<name>.json` (`name` may hold a sub-folder: "extract/M")."""
    return Path(root) / ".leansharp" / "cache" / f"{name}.json"


def load_cache(root: Path, name: str, version: int) -> Dict[str, Any]:
    """The cached document `name` when it has this `version`, else {"version": version}."""
    try:
        data = json.loads(cache_path(root, name).read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("version") == version:
            return data
    except (OSError, ValueError):
        pass
    return {"version": version}


def save_cache(root: Path, name: str, data: Dict[str, Any]) -> None:
    """Write atomically (a temporary file per writer, then rename): concurrent writers
    never leave a torn file."""
    p = cache_path(root, name)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_name(f"{p.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(p)
    except OSError:
        pass


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def digest(parts: Iterable[str]) -> str:
    """sha256 of `parts` joined by NULs."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()
