"""`toolchain.toml` and the checks of `leansharp doctor`.

    tc = load_toolchain(root / "toolchain.toml")   # -> dict (validated, line-numbered errors)
    checks = doctor_checks(tc, backend)             # -> list of check dicts:
        {"check": "debian libcoq-interval", "wanted": "4.6", "installed": "4.6.1-2+b1",
         "ok": True | False | None (skipped), "fix": "apt-get install -y libcoq-interval"}

Checks: the prover (`coqc --version` starts with [prover].version), each [debian]
package (`dpkg-query -W`; version prefix; skipped when dpkg-query is absent), each
[coq-libraries].required logical root is loadable, the Python version and each
Python requirement of the installed `leansharp_tools` distribution.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Callable, Dict, List, Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from leansharp_tools.errors import LeanSharpError

TOOLCHAIN = "toolchain.toml"

#: which Debian package provides a Coq library root (used for the fix line)
LIBRARY_PACKAGES = {
    "Coquelicot": "libcoq-coquelicot", "Interval": "libcoq-interval", "mathcomp": "libcoq-mathcomp-analysis",
    "dpdgraph": "libcoq-dpdgraph", "Flocq": "libcoq-flocq", "Bignums": "libcoq-bignums",
}


def load_toolchain(path: Path) -> dict:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise LeanSharpError(f"{path}: cannot read ({err.strerror}); create {TOOLCHAIN} (see the LeanSharp repository)")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        if m:
            raise LeanSharpError(f"{path}:{m.group(1)}:{m.group(2)}: invalid TOML: {msg[:m.start()].strip()}")
        raise LeanSharpError(f"{path}: invalid TOML: {msg}")
    prover = data.get("prover", {})
    if not isinstance(prover, dict) or not isinstance(prover.get("version", ""), str):
        raise LeanSharpError(f"{path}: [prover] must have version = \"X.Y\"")
    pkgs = data.get("debian", {}).get("packages", [])
    if not isinstance(pkgs, list) or not all(isinstance(p, dict) and isinstance(p.get("name"), str) for p in pkgs):
        raise LeanSharpError(f"{path}: [debian].packages must be a list of {{ name = \"...\", version = \"...\" }}")
    libs = data.get("coq-libraries", {}).get("required", [])
    if not isinstance(libs, list) or not all(isinstance(x, str) for x in libs):
        raise LeanSharpError(f"{path}: [coq-libraries].required must be a list of strings")
    return data


def _ver_tuple(v: str) -> tuple:
    return tuple(int(x) for x in re.findall(r"\d+", v)[:4])


def _satisfies(installed: str, spec: str) -> bool:
    """Tiny PEP 440 subset: comma-separated >=, >, <=, <, ==, != clauses."""
    for clause in filter(None, (c.strip() for c in spec.split(","))):
        m = re.match(r"(>=|<=|==|!=|>|<|~=)\s*(.+)", clause)
        if not m:
            continue
        op, want = m.group(1), _ver_tuple(m.group(2))
        have = _ver_tuple(installed)[: max(len(want), 1)]
        ok = {">=": have >= want, "<=": have <= want, ">": have > want, "<": have < want,
              "==": have == want, "!=": have != want, "~=": have >= want}[op]
        if not ok:
            return False
    return True


def dpkg_version(pkg: str) -> Optional[str]:
    r = subprocess.run(["dpkg-query", "-W", "-f=${Status}\t${Version}", pkg], capture_output=True, text=True)
    if r.returncode != 0 or "install ok installed" not in r.stdout:
        return None
    return r.stdout.split("\t", 1)[1].strip()


def python_requirements() -> List[str]:
    try:
        reqs = metadata.requires("leansharp_tools") or []
    except metadata.PackageNotFoundError:
        return []
    return [r for r in reqs if "extra ==" not in r]


def doctor_checks(tc: dict, backend, dpkg: Callable[[str], Optional[str]] = dpkg_version,
                  have_dpkg: Optional[bool] = None) -> List[Dict]:
    checks: List[Dict] = []
    want = tc.get("prover", {}).get("version", "")
    name = tc.get("prover", {}).get("name", "coq")
    have = backend.version()
    checks.append({"check": f"prover {name} (coqc)", "wanted": want or "any", "installed": have,
                   "ok": have is not None and have.startswith(want),
                   "fix": f"apt-get install -y coq  # Coq {want}" if have is None
                   else f"install Coq {want} (found {have}): apt-get install -y coq={want}*"})
    if have_dpkg is None:
        have_dpkg = shutil.which("dpkg-query") is not None
    for p in tc.get("debian", {}).get("packages", []):
        v = dpkg(p["name"]) if have_dpkg else None
        wantv = p.get("version", "")
        ok = None if not have_dpkg else (v is not None and v.startswith(wantv))
        checks.append({"check": f"debian {p['name']}", "wanted": wantv or "any",
                       "installed": v if have_dpkg else "(no dpkg-query: not Debian)", "ok": ok,
                       "fix": f"apt-get install -y {p['name']}" if v is None
                       else f"apt-get install -y {p['name']}={wantv}*  # found {v}"})
    for lib in tc.get("coq-libraries", {}).get("required", []):
        ok = backend.library_loadable(lib) if have is not None else False
        pkg = LIBRARY_PACKAGES.get(lib)
        checks.append({"check": f"coq library {lib}", "wanted": "loadable", "installed": "yes" if ok else None,
                       "ok": ok, "fix": f"apt-get install -y {pkg}" if pkg else f"install the Coq library providing {lib}"})
    pyreq = tc.get("python", {}).get("requires", "")
    pyv = ".".join(map(str, sys.version_info[:3]))
    checks.append({"check": "python", "wanted": pyreq or "any", "installed": pyv, "ok": _satisfies(pyv, pyreq),
                   "fix": f"install Python {pyreq}: apt-get install -y python3"})
    for req in python_requirements():
        m = re.match(r"([A-Za-z0-9_.\-]+)\s*(\[[^\]]*\])?\s*([^;]*)(;.*)?$", req)
        if not m:
            continue
        dist, spec, marker = m.group(1), m.group(3).strip().strip("()"), m.group(4)
        if marker and "python_version" in marker:
            mm = re.search(r"python_version\s*([<>=!]+)\s*['\"]([\d.]+)['\"]", marker)
            if mm and not _satisfies(pyv, mm.group(1) + mm.group(2)):
                continue
        try:
            v = metadata.version(dist)
        except metadata.PackageNotFoundError:
            v = None
        checks.append({"check": f"python {dist}", "wanted": spec or "any", "installed": v,
                       "ok": v is not None and _satisfies(v, spec),
                       "fix": f"{sys.executable} -m pip install '{dist}{spec}'  (or: bash run setup)"})
    for c in checks:
        if c["ok"] is not False:
            c["fix"] = ""
    return checks


def prover_mismatch(root: Path, backend) -> Optional[str]:
    """A one-line warning when coqc's version differs from toolchain.toml's [prover].version
    (None when it matches or there is no toolchain.toml). Used by `leansharp build`."""
    path = Path(root) / TOOLCHAIN
    if not path.is_file():
        return None
    want = load_toolchain(path).get("prover", {}).get("version", "")
    have = backend.version()
    if want and have and not have.startswith(want):
        return f"coqc {have} does not match {TOOLCHAIN} (Coq {want}); run `leansharp doctor` for the fix"
    return None
