"""`toolchain.toml` and the checks of `leansharp doctor`.

    tc = load_toolchain(root / "toolchain.toml")   # -> dict (validated, line-numbered errors)
    checks = doctor_checks(tc, backend)             # -> list of check dicts:
        {"check": "debian libcoq-interval", "wanted": "4.6", "installed": "4.6.1-2+b1",
         "ok": True | False | None (skipped), "fix": "apt-get install -y libcoq-interval"}

Checks: the prover (its version starts with [prover].version), each [debian] package
(`dpkg-query -W`; version prefix; skipped when dpkg-query is absent), each
[coq-libraries].required logical root is loadable, the Python version against
[python].requires and each Python requirement of the installed `leansharp_tools`
distribution (PEP 440 specifiers and markers, evaluated by `packaging`). The install
lines for the prover and its libraries are the backend's.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from leansharp_tools.backends import get_backend
from leansharp_tools.backends.base import Backend
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.tomlfile import parse_toml

TOOLCHAIN = "toolchain.toml"

Check = Dict[str, Any]


def load_toolchain(path: Path) -> Dict[str, Any]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise LeanSharpError(
            f"{path}: cannot read ({err.strerror}); create {TOOLCHAIN} (see the LeanSharp repository)") from None
    data = parse_toml(text, str(path))
    prover = data.get("prover", {})
    if not isinstance(prover, dict) or not isinstance(prover.get("version", ""), str):
        raise LeanSharpError(f"{path}: [prover] must have version = \"X.Y\"")
    pkgs = data.get("debian", {}).get("packages", [])
    if not isinstance(pkgs, list) or not all(isinstance(p, dict) and isinstance(p.get("name"), str) for p in pkgs):
        raise LeanSharpError(f"{path}: [debian].packages must be a list of {{ name = \"...\", version = \"...\" }}")
    libs = data.get("coq-libraries", {}).get("required", [])
    if not isinstance(libs, list) or not all(isinstance(x, str) for x in libs):
        raise LeanSharpError(f"{path}: [coq-libraries].required must be a list of strings")
    try:
        SpecifierSet(data.get("python", {}).get("requires", ""))
    except InvalidSpecifier as err:
        raise LeanSharpError(f"{path}: [python].requires: {err}") from None
    return data


def satisfies(installed: str, spec: str) -> bool:
    """Whether version `installed` meets the PEP 440 specifier set `spec` ("" = any);
    a version PEP 440 cannot read meets no non-empty spec."""
    if not spec.strip():
        return True
    try:
        return SpecifierSet(spec).contains(Version(installed), prereleases=True)
    except (InvalidSpecifier, InvalidVersion):
        return False


def has_prefix(version: str, prefix: str) -> bool:
    """Whether `version` (Debian's or a prover's) starts with `prefix` at a component
    boundary: "8.16.1" and "8.16+rc1" have prefix "8.16", "8.160" has not."""
    return version == prefix or (version.startswith(prefix) and (not prefix or not version[len(prefix)].isalnum()))


def dpkg_version(pkg: str) -> Optional[str]:
    r = subprocess.run(["dpkg-query", "-W", "-f=${Status}\t${Version}", pkg], capture_output=True, text=True)
    if r.returncode != 0 or "install ok installed" not in r.stdout:
        return None
    return r.stdout.split("\t", 1)[1].strip()


def python_requirements() -> List[Requirement]:
    """The requirements of the installed `leansharp_tools` that apply here (no extras,
    markers true for this interpreter)."""
    try:
        reqs = metadata.requires("leansharp_tools") or []
    except metadata.PackageNotFoundError:
        return []
    out = []
    for r in reqs:
        try:
            req = Requirement(r)
        except InvalidRequirement:
            continue
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            out.append(req)
    return out


def _prover_check(tc: Dict[str, Any], backend: Backend) -> Check:
    want = tc.get("prover", {}).get("version", "")
    name = tc.get("prover", {}).get("name", backend.name)
    have = backend.version()
    return {"check": f"prover {name} ({backend.command})", "wanted": want or "any", "installed": have,
            "ok": have is not None and has_prefix(have, want), "fix": backend.prover_fix(want, have)}


def _debian_checks(tc: Dict[str, Any], dpkg: Callable[[str], Optional[str]], have_dpkg: bool) -> List[Check]:
    checks = []
    for p in tc.get("debian", {}).get("packages", []):
        v = dpkg(p["name"]) if have_dpkg else None
        want = p.get("version", "")
        checks.append({"check": f"debian {p['name']}", "wanted": want or "any",
                       "installed": v if have_dpkg else "(no dpkg-query: not Debian)",
                       "ok": None if not have_dpkg else (v is not None and has_prefix(v, want)),
                       "fix": f"apt-get install -y {p['name']}" if v is None
                       else f"apt-get install -y {p['name']}={want}*  # found {v}"})
    return checks


def _python_checks(tc: Dict[str, Any]) -> List[Check]:
    pyreq = tc.get("python", {}).get("requires", "")
    pyv = ".".join(map(str, sys.version_info[:3]))
    checks = [{"check": "python", "wanted": pyreq or "any", "installed": pyv, "ok": satisfies(pyv, pyreq),
               "fix": f"install Python {pyreq}, then `bash run setup`"}]
    for req in python_requirements():
        spec = str(req.specifier)
        try:
            v: Optional[str] = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            v = None
        checks.append({"check": f"python {req.name}", "wanted": spec or "any", "installed": v,
                       "ok": v is not None and satisfies(v, spec),
                       "fix": f"{sys.executable} -m pip install '{req.name}{spec}'  (or: bash run setup)"})
    return checks


def doctor_checks(tc: Dict[str, Any], backend: Backend, dpkg: Callable[[str], Optional[str]] = dpkg_version,
                  have_dpkg: Optional[bool] = None) -> List[Check]:
    if have_dpkg is None:
        have_dpkg = shutil.which("dpkg-query") is not None
    checks = [_prover_check(tc, backend)] + _debian_checks(tc, dpkg, have_dpkg)
    prover_ok = checks[0]["installed"] is not None
    for lib in tc.get("coq-libraries", {}).get("required", []):
        ok = prover_ok and backend.library_loadable(lib)
        checks.append({"check": f"coq library {lib}", "wanted": "loadable", "installed": "yes" if ok else None,
                       "ok": ok, "fix": backend.library_fix(lib)})
    checks += _python_checks(tc)
    for c in checks:
        if c["ok"] is not False:
            c["fix"] = ""
    return checks


@dataclass
class DoctorReport:
    toolchain: Path  # toolchain.toml, or the project file (_CoqProject) when there is none
    checks: List[Check]

    @property
    def gaps(self) -> List[Check]:
        return [c for c in self.checks if c["ok"] is False]

    def to_json(self) -> Dict[str, Any]:
        return {"toolchain": str(self.toolchain), "against": self.toolchain.name, "checks": self.checks,
                "gaps": len(self.gaps), "ok": not self.gaps}


def doctor(project: Optional[Path] = None) -> DoctorReport:
    """The checks of `leansharp doctor` for the project at or above `project` (default:
    cwd), against its toolchain.toml, with the backend of its [prover].name."""
    tc_path = get_backend().find_root(project) / TOOLCHAIN
    if not tc_path.is_file():  # what the project's build needs, from its sources
        backend = get_backend()
        proj = backend.open_project(tc_path.parent)
        checks = [_prover_check({}, backend)] + backend.project_checks(proj) + _python_checks({})
        for c in checks:
            if c["ok"] is not False:
                c["fix"] = ""
        return DoctorReport(proj.root / proj.project_file, checks)
    tc = load_toolchain(tc_path)
    return DoctorReport(tc_path, doctor_checks(tc, get_backend(tc.get("prover", {}).get("name", "coq"))))


def prover_mismatch(root: Path, backend: Backend) -> Optional[str]:
    """A one-line warning when the prover's version differs from toolchain.toml's
    [prover].version (None when it matches or there is no toolchain.toml). Used by
    `leansharp build`."""
    path = Path(root) / TOOLCHAIN
    if not path.is_file():
        return None
    want = load_toolchain(path).get("prover", {}).get("version", "")
    have = backend.version()
    if want and have and not has_prefix(have, want):
        return (f"{backend.command} {have} does not match {TOOLCHAIN} ({backend.label} {want}); "
                f"run `leansharp doctor` for the fix")
    return None
