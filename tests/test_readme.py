"""README.md stays in step with roadmap.toml: every open item is listed in its results
section. Pure text check, no Coq needed."""

from __future__ import annotations

import re
from pathlib import Path

from leansharp_tools.roadmap import load_roadmap

ROOT = Path(__file__).resolve().parents[1]


def test_readme_lists_every_open_item():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    items = load_roadmap(ROOT / "roadmap.toml")
    missing = [it.id for it in items if not it.declarations and f"`{it.id}`" not in readme]
    assert not missing, f"open roadmap items missing from README.md: {missing}"


DECL = r"(?:Theorem|Lemma|Corollary|Proposition|Fact|Remark|Example|Definition|Fixpoint|Inductive|Record)"


def _declares(module_file: Path, name: str) -> bool:
    return bool(re.search(rf"^\s*{DECL}\s+{re.escape(name)}\b", module_file.read_text(encoding="utf-8"), re.M))


def test_readme_results_name_existing_declarations():
    """Every `Folder.Module.name` in the README's result tables (and every bare `name` after
    it in the same cell) is declared in LeanSharp/Folder/…/Module.v."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    results = readme[readme.index("## Results"):readme.index("## Layout")]
    bad = []
    for row in results.splitlines():
        if not row.startswith("|"):
            continue
        cell = row.rstrip("|").split("|")[-1]
        module = None
        for ref in re.findall(r"`([\w.']+)`", cell):
            parts = ref.removeprefix("LeanSharp.").split(".")
            if len(parts) >= 3:
                module, name = ROOT / "LeanSharp" / "/".join(parts[:-2]) / f"{parts[-2]}.v", parts[-1]
            elif len(parts) == 1 and module is not None:
                name = parts[0]
            else:
                continue
            if not module.exists() or not _declares(module, name):
                bad.append(ref)
    assert not bad, f"README names declarations that do not exist: {bad}"
