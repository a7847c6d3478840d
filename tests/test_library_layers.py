"""The Coq library is an acyclic stack of folders (ARCHITECTURE.md §2): a file imports
only from its own folder or from folders below it, every folder holds at most a dozen
files, and every folder has an `All.v` that imports exactly its files. Pure text check,
no Coq needed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "LeanSharp"
_BASE = {"Core", "Filter", "Optim"}
_THEORY = {"Theory/Alignment", "Theory/Dynamics", "Theory/Robustness", "Theory/Generalization"}
#: folder -> the folders it may import from (besides itself)
ALLOWED: dict[str, set[str]] = {
    "Core": set(),
    "Filter": {"Core"},
    "Optim": {"Core", "Filter"},
    "Theory/Alignment": set(_BASE),
    "Theory/Dynamics": _BASE | {"Theory/Alignment"},
    "Theory/Robustness": set(_BASE),
    "Theory/Generalization": set(_BASE),
    "Stochastic": _BASE | _THEORY,
    "Layers/Network": set(_BASE),
    "Layers/Transformer": _BASE | {"Layers/Network"},
}
_BELOW_EXAMPLES = set(ALLOWED)
ALLOWED |= {
    "Examples": set(_BELOW_EXAMPLES),
    "Examples/Filter": _BELOW_EXAMPLES | {"Examples"},
    "Examples/Dynamics": _BELOW_EXAMPLES | {"Examples", "Examples/Filter"},
    "Examples/Stochastic": _BELOW_EXAMPLES | {"Examples", "Examples/Filter", "Examples/Dynamics"},
    "Examples/Alignment": _BELOW_EXAMPLES | {"Examples", "Examples/Filter", "Examples/Dynamics"},
    "Examples/Generalization": _BELOW_EXAMPLES | {"Examples", "Examples/Filter", "Examples/Dynamics"},
    "Examples/Robustness": _BELOW_EXAMPLES | {"Examples"},
    "Examples/Layers": _BELOW_EXAMPLES | {"Examples"},
}
_LIBRARY = set(ALLOWED)
#: the restatement of upstream LeanSharp (Lean 4): on top of everything; its Core folder
#: first, the other folders may use it; the stochastic folders use Dynamics' alignment conditions
#: (as upstream's Stochastic uses Theory/Alignment), and Stochastic the processes of StochasticProcess
UPSTREAM = {"Upstream/Core", "Upstream/Structural", "Upstream/Robustness", "Upstream/Dynamics",
            "Upstream/Stochastic", "Upstream/StochasticProcess"}
ALLOWED |= {u: _LIBRARY | ({"Upstream/Core"} if u != "Upstream/Core" else set()) for u in UPSTREAM}
ALLOWED["Upstream/StochasticProcess"] |= {"Upstream/Dynamics"}
ALLOWED["Upstream/Stochastic"] |= {"Upstream/StochasticProcess", "Upstream/Dynamics"}
#: the witnesses of the results new to this library, above every other Upstream folder
ALLOWED["Upstream/Witnesses"] = _LIBRARY | UPSTREAM
#: folders whose All.v gathers their subfolders' All.v instead of files
AGGREGATES = {"Theory", "Layers", "Upstream"}
IMPORT = re.compile(r"From LeanSharp\.([\w.]+) Require (?:Import|Export)")
ALL_EXPORT = re.compile(r"From LeanSharp\.([\w.]+) Require Export\s+([\w\s]+)\.")
SOURCES = sorted(p for p in ROOT.rglob("*.v") if p.name != "All.v")


def _folder(path: Path) -> str:
    return path.parent.relative_to(ROOT).as_posix()


def test_every_folder_is_a_level():
    folders = {_folder(p) for p in ROOT.rglob("*.v")}
    assert folders <= set(ALLOWED) | AGGREGATES
    assert set(ALLOWED) - UPSTREAM <= folders


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_imports_go_down_the_stack(path: Path):
    folder = _folder(path)
    used = {m.replace(".", "/") for m in IMPORT.findall(path.read_text(encoding="utf-8"))} - {folder}
    assert used <= ALLOWED[folder], f"{folder}/{path.name} imports {sorted(used - ALLOWED[folder])}"


@pytest.mark.parametrize("folder", sorted(f for f in set(ALLOWED) | AGGREGATES if (ROOT / f).is_dir()))
def test_folder_has_an_all_file_importing_exactly_its_files(folder: str):
    here = ROOT / folder
    text = (here / "All.v").read_text(encoding="utf-8")
    exported = {(src.replace(".", "/"), name) for src, names in ALL_EXPORT.findall(text) for name in names.split()}
    files = {(folder, p.stem) for p in here.glob("*.v") if p.name != "All.v"}
    subfolders = {(f"{folder}/{d.name}", "All") for d in here.iterdir() if d.is_dir()}
    assert exported == files | subfolders
    assert len(files) <= 12, f"{folder} holds {len(files)} files; split it by idea"
