"""Prover backends: `base.py` is the prover-neutral interface (`Backend`, `Project`,
`Status`, ...); `coq/` implements it for Coq. `get_backend()` is the one way to get one."""

from __future__ import annotations

from leansharp_tools.backends.base import Backend
from leansharp_tools.errors import LeanSharpError

BACKENDS = ("coq",)


def get_backend(name: str = "coq") -> Backend:
    """The backend for prover `name` (toolchain.toml's [prover].name)."""
    if name == "coq":
        from leansharp_tools.backends.coq import CoqBackend

        return CoqBackend()
    raise LeanSharpError(f"unknown prover '{name}'; supported: {', '.join(BACKENDS)}")
