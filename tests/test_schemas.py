"""The JSON Schemas shipped in leansharp_tools/schemas/ are valid, agree with the code's
enumerations, and validate real outputs: `status --json` (clean and holes fixtures),
`graph --format json`, and an extracted dataset (theorems, premises, splits,
metadata.json) of the dojo_basic fixture. Also `leansharp --version` and the numeric
options' validation."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

import jsonschema
import pytest

from leansharp_tools import __version__
from leansharp_tools.backends.base import VERDICTS, SiteKind
from leansharp_tools.extract.write import read_jsonl
from leansharp_tools.roadmap import ItemState
from leansharp_tools.schemas import NAMES, load_schema, schema_path

from conftest import build_fixture, run_cli


def validate(doc, name: str) -> None:
    jsonschema.Draft202012Validator(load_schema(name)).validate(doc)


def test_schemas_are_valid_and_shipped():
    for name in NAMES:
        schema = load_schema(name)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"].endswith(f"/{name}.schema.json")
    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text()
    assert '"schemas/*.json"' in pyproject and all(schema_path(n).is_file() for n in NAMES)


def test_schema_enums_follow_the_code():
    status = load_schema("status")["properties"]
    decl = status["declarations"]["items"]["properties"]
    assert decl["status"]["enum"] == [str(s) for s in VERDICTS]
    assert status["assumption_sites"]["items"]["properties"]["kind"]["enum"] == [str(k) for k in SiteKind]
    item = status["roadmap"]["items"]["properties"]
    assert set(item["status"]["enum"]) == {str(s) for s in ItemState}
    assert item["title"]["maxLength"] == 80


def test_schema_rejects_a_string_problem():
    doc = {"schema": "leansharp-status/2", "project": "/p", "standard_axioms": [], "declarations": [],
           "modules": [], "totals": {"declarations": 0, **{str(s): 0 for s in VERDICTS}}, "roadmap": [],
           "roadmap_totals": {"proved": 0, "partial": 0, "open": 0}, "assumption_sites": [],
           "problems": [], "ok": True}
    validate(doc, "status")
    doc["problems"] = ["X.v:1: X.a: admitted"]
    with pytest.raises(jsonschema.ValidationError):
        validate(doc, "status")


@pytest.mark.parametrize("args,option", [(("extract", "-j", "0"), "--jobs"), (("extract", "-j", "-3"), "--jobs"),
                                         (("extract", "--timeout", "-1"), "--timeout"),
                                         (("extract", "--timeout", "0"), "--timeout"),
                                         (("build", "--jobs", "0"), "--jobs")])
def test_numeric_options_are_validated(tmp_path, args, option):
    r = run_cli(*args, "--project", tmp_path)
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert r.stderr.startswith(f"leansharp: error: Invalid value for '{option}'")


def test_version():
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout == f"leansharp {__version__}\n"
    assert __version__ == importlib.metadata.version("leansharp_tools")


@pytest.mark.coq_build
def test_real_status_and_graph_outputs_validate(built_clean, holes_report):
    validate(holes_report, "status")
    kinds = {p["kind"] for p in holes_report["problems"]}
    assert {"admitted", "foreign-axiom", "unguarded"} <= kinds, kinds
    p = next(p for p in holes_report["problems"] if p["kind"] == "admitted")
    assert p["file"] and p["line"] and p["name"] and p["text"].startswith(f"{p['file']}:{p['line']}: ")
    for args in (("status", "--json"), ("status", "--json", "--module", "Base")):
        r = run_cli(*args, "--project", built_clean, lock=True)
        assert r.returncode == 0, r.stderr
        validate(json.loads(r.stdout), "status")
    r = run_cli("graph", "--format", "json", "--project", built_clean, lock=True)
    assert r.returncode == 0, r.stderr
    graph = json.loads(r.stdout)
    validate(graph, "graph")
    assert graph["nodes"] and graph["edges"]


@pytest.mark.coq_build
def test_real_extract_dataset_validates(tmp_path_factory):
    proj = build_fixture("dojo_basic", tmp_path_factory)
    out = tmp_path_factory.mktemp("dataset")
    r = run_cli("extract", "--project", proj, "--out", out, "--json", lock=True, timeout=3600)
    assert r.returncode == 0, r.stderr
    meta = json.loads((out / "metadata.json").read_text())
    validate(meta, "extract-metadata")
    theorems = read_jsonl(out / "theorems.jsonl")
    assert theorems
    for t in theorems:
        validate(t, "extract-theorem")
    for split in (out / "splits").rglob("*.jsonl"):
        for t in read_jsonl(split):
            validate(t, "extract-theorem")
    premises = read_jsonl(out / "premises.jsonl")
    assert {p["type"] for p in premises} == {"premise", "uses"}
    for p in premises:
        validate(p, "extract-premise")
