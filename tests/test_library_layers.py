"""The Coq library is an acyclic stack of folders (ARCHITECTURE.md §2): a file imports
only from its own folder or from folders below it. Pure text check, no Coq needed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "LeanSharp"
#: folder -> the folders it may import from (besides itself)
ALLOWED = {
    "Core": set(),
    "Filter": {"Core"},
    "Optim": {"Core", "Filter"},
    "Theory": {"Core", "Filter", "Optim"},
    "Stochastic": {"Core", "Filter", "Optim", "Theory"},
    "Layers": {"Core", "Filter", "Optim"},
    "Examples": {"Core", "Filter", "Optim", "Theory", "Stochastic", "Layers"},
}
IMPORT = re.compile(r"From LeanSharp\.(\w+) Require (?:Import|Export)")


def test_every_folder_is_a_level():
    assert {p.name for p in ROOT.iterdir() if p.is_dir()} == set(ALLOWED)


@pytest.mark.parametrize("path", sorted(ROOT.glob("*/*.v")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_imports_go_down_the_stack(path: Path):
    folder = path.parent.name
    used = set(IMPORT.findall(path.read_text(encoding="utf-8"))) - {folder}
    assert used <= ALLOWED[folder], f"{folder}/{path.name} imports {sorted(used - ALLOWED[folder])}"
