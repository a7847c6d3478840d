"""Where Coq and its libraries come from on Debian: the install line for each
(`leansharp doctor` and the one-line errors print them)."""

from __future__ import annotations

from typing import Optional

#: the Debian package providing each Coq library root that toolchain.toml can require
LIBRARY_PACKAGES = {
    "Coquelicot": "libcoq-coquelicot", "Interval": "libcoq-interval", "mathcomp": "libcoq-mathcomp-analysis",
    "dpdgraph": "libcoq-dpdgraph", "Flocq": "libcoq-flocq", "Bignums": "libcoq-bignums",
}
COQ_PACKAGE = "coq"
DPDGRAPH_PACKAGES = ("libcoq-dpdgraph", "coq-dpdgraph-tools")

#: the fix appended to "coqc not found" and similar errors
COQ_INSTALL_FIX = f"install Coq 8.16: apt-get install -y {COQ_PACKAGE} (then run `leansharp doctor`)"
DPDGRAPH_MISSING = f"coq-dpdgraph is not installed; apt-get install -y {' '.join(DPDGRAPH_PACKAGES)}"
MAKE_MISSING = "make not found on PATH; install it: apt-get install -y make"


def prover_fix(wanted: str, found: Optional[str]) -> str:
    if found is None:
        return f"apt-get install -y {COQ_PACKAGE}  # Coq {wanted}"
    return f"install Coq {wanted} (found {found}): apt-get install -y {COQ_PACKAGE}={wanted}*"


def library_fix(logical_root: str) -> str:
    pkg = LIBRARY_PACKAGES.get(logical_root)
    return f"apt-get install -y {pkg}" if pkg else f"install the Coq library providing {logical_root}"
