"""End-to-end tests of `leansharp build/status/graph/doctor` with REAL coqc runs on the
fixture projects under tests/fixtures (copied to tmp dirs first), invoked through
the installed console script in a subprocess (proves no traceback ever leaks)."""

import json
import os
import shutil

import pytest

from conftest import REPO, copy_fixture, run_cli

STATUS_OF = {
    "Holes.Clean.clean_max": "proved",
    "Holes.Admitted.hole_admitted": "admitted",
    "Holes.Admit.hole_admit": "admitted",
    "Holes.AxiomUse.excluded": "axiom",
    "Holes.AxiomUse.uses_axiom": "foreign-axiom",
    "Holes.Param.magic": "axiom",
    "Holes.Param.magic_plus": "foreign-axiom",
    "Holes.Unguarded.loop": "unguarded",
    "Holes.Unguarded.loop_eq": "unguarded",
}


# ------------------------------------------------------------------------ build

def test_build_clean_project(built_clean):
    assert (built_clean / "theories" / "Top.vo").exists()
    r = run_cli("build", "--jobs", "2", "--project", built_clean, lock=True)
    assert r.returncode == 0
    assert "up to date" in r.stderr


@pytest.mark.coq_build
def test_build_syntax_error_reports_file_line(tmp_path):
    proj = copy_fixture("syntax_error", tmp_path)
    r = run_cli("build", "--project", proj, lock=True)
    assert r.returncode == 1
    assert "Bad.v:4:16: Syntax error" in r.stdout
    assert r.stderr.strip().splitlines()[-1].startswith("leansharp: error: build failed (1 error)")


@pytest.mark.coq_build
def test_build_failing_proof_reports_coq_message(tmp_path):
    proj = copy_fixture("failing_proof", tmp_path)
    r = run_cli("build", "-j", "1", "--project", proj, lock=True)
    assert r.returncode == 1
    assert 'src/Wrong.v:7:3: Unable to unify "3" with "2".' in r.stdout


def test_build_without_coqc_is_one_line_error(tmp_path):
    proj = copy_fixture("clean", tmp_path)
    empty = tmp_path / "emptybin"
    empty.mkdir()
    r = run_cli("build", "--project", proj, env={"PATH": str(empty)})
    assert r.returncode == 1
    assert r.stderr.strip() == ("leansharp: error: coqc not found on PATH; "
                                "install Coq 8.16: apt-get install -y coq (then run `leansharp doctor`)")


@pytest.mark.parametrize("cmd", [["build"], ["status"], ["status", "--json"], ["graph"], ["doctor"]])
def test_not_a_project(tmp_path, cmd):
    r = run_cli(*cmd, "--project", tmp_path)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"leansharp: error: {tmp_path}: not a Coq project")
    assert "--project" in lines[0]


def test_not_a_project_from_cwd(tmp_path):
    r = run_cli("status", cwd=tmp_path)
    assert r.returncode == 1 and "not a Coq project" in r.stderr


@pytest.mark.parametrize("cmd", [["build", "--bogus"], ["status", "--jobs", "3"], ["graph", "--format", "png"],
                                 ["nosuchcommand"]])
def test_usage_errors_exit_2(cmd):
    r = run_cli(*cmd)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("leansharp: error: "), r.stderr
    assert "--help" in lines[0]


def test_bare_command_prints_help():
    r = run_cli()
    assert r.returncode == 2 and "Usage" in r.stdout and "status" in r.stdout


def test_unparsable_source_in_status(tmp_path, built_clean):
    proj = tmp_path / "p"
    shutil.copytree(built_clean, proj)
    top = proj / "theories" / "Top.v"
    vo = top.with_suffix(".vo")
    top.write_text(top.read_text() + "\n(* unterminated comment\n")
    os.utime(vo)  # keep the .vo fresh so only the scanner sees the problem
    r = run_cli("status", "--project", proj)
    assert r.returncode == 1
    assert "theories/Top.v:11: unterminated comment" in r.stderr


# ----------------------------------------------------------------------- status

def test_status_classifies_every_hole(holes_report):
    got = {d["name"]: d["status"] for d in holes_report["declarations"]}
    assert got == STATUS_OF
    assert holes_report["schema"] == "leansharp-status/2"
    assert not holes_report["ok"]
    d = {d["name"]: d for d in holes_report["declarations"]}
    assert d["Holes.Admitted.hole_admitted"]["file"] == "Admitted.v" and d["Holes.Admitted.hole_admitted"]["line"] == 1
    assert d["Holes.AxiomUse.uses_axiom"]["axioms"] == ["Holes.AxiomUse.excluded"]  # fully qualified
    assert "guarded" in d["Holes.Unguarded.loop_eq"]["unsafe"][0]
    mods = {m["module"]: m["counts"] for m in holes_report["modules"]}
    assert mods["Holes.Clean"]["proved"] == 1 and mods["Holes.Unguarded"]["unguarded"] == 2


@pytest.mark.parametrize("module,ok", [("Clean", True), ("Admitted", False), ("Admit", False),
                                       ("AxiomUse", False), ("Param", False), ("Unguarded", False)])
def test_strict_fails_for_every_hole_and_passes_for_clean(built_holes, holes_report, module, ok):
    r = run_cli("status", "--strict", "--module", module, "--project", built_holes, lock=True)
    assert r.returncode == (0 if ok else 1), r.stdout + r.stderr
    if not ok:
        assert r.stderr.startswith("leansharp: error: --strict:")


def test_status_clean_project_strict_and_roadmap(built_clean):
    r = run_cli("status", "--strict", "--json", "--project", built_clean, lock=True)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["ok"] and doc["totals"]["declarations"] == doc["totals"]["proved"] == 8
    assert {i["id"]: i["status"] for i in doc["roadmap"]} == {"clean.double": "proved", "clean.open": "open"}
    assert doc["roadmap_totals"] == {"proved": 1, "partial": 0, "open": 1}
    # human output
    r = run_cli("status", "--project", built_clean)
    assert r.returncode == 0 and "clean.open" in r.stdout and "Modules" not in r.stdout  # a few lines
    assert len(r.stdout.splitlines()) <= 8, r.stdout
    r = run_cli("status", "--modules", "--roadmap", "--project", built_clean)
    assert r.returncode == 0 and "clean.double" in r.stdout
    assert "Modules (Clean.*)" in r.stdout and "│ Base " in r.stdout  # the shared prefix is in the title
    assert "doubling a sum" in " ".join(r.stdout.split())  # --roadmap: the statement under the title
    r = run_cli("status", "--all", "--project", built_clean, env={"COLUMNS": "50"})  # piped: COLUMNS rules
    assert r.returncode == 0 and max(len(line) for line in r.stdout.splitlines()) <= 50, r.stdout


def test_status_warm_cache_needs_no_prover(built_clean, tmp_path):
    """A warm run answers from the cache: it works with no coqc on PATH at all.
    (How fast that is, is measured in bench/bench_status.py, not asserted here.)"""
    cold = run_cli("status", "--json", "--project", built_clean, lock=True)
    empty = tmp_path / "emptybin"
    empty.mkdir()
    warm = run_cli("status", "--json", "--project", built_clean, env={"PATH": str(empty)})
    assert warm.returncode == 0, warm.stderr
    assert json.loads(warm.stdout)["declarations"] == json.loads(cold.stdout)["declarations"]


def test_strict_fails_on_missing_roadmap_declaration(tmp_path, built_clean):
    proj = tmp_path / "p"
    shutil.copytree(built_clean, proj)
    with open(proj / "roadmap.toml", "a") as f:
        f.write('\n[[item]]\nid = "clean.ghost"\ntitle = "ghost"\nspec = "1"\ntier = 2\n'
                'declarations = ["Clean.Base.no_such_lemma"]\n')
    r = run_cli("status", "--strict", "--project", proj, lock=True)
    assert r.returncode == 1
    assert "roadmap.toml:24: item clean.ghost: declaration Clean.Base.no_such_lemma does not exist" in r.stderr


def test_malformed_roadmap_is_one_line_error_with_line(tmp_path, built_clean):
    proj = tmp_path / "p"
    shutil.copytree(built_clean, proj)
    (proj / "roadmap.toml").write_text('[[item]]\nid = "x"\ntitle = "t"\nspec = "1"\ntier = "one"\n')
    r = run_cli("status", "--project", proj)
    assert r.returncode == 1
    assert r.stderr.strip() == f"leansharp: error: {proj}/roadmap.toml:5: item 1: 'tier' must be an integer 1..4"


def test_status_requires_build_first(tmp_path):
    proj = copy_fixture("clean", tmp_path)
    r = run_cli("status", "--project", proj)
    assert r.returncode == 1
    assert "run `leansharp build" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_status_unknown_module(built_clean):
    r = run_cli("status", "--module", "Nope", "--project", built_clean)
    assert r.returncode == 1 and "unknown module 'Nope'" in r.stderr


# ------------------------------------------------------------------------ graph

def test_graph_json_root_and_html(built_clean, tmp_path):
    r = run_cli("graph", "--format", "json", "--project", built_clean, lock=True)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    names = {n["id"] for n in doc["nodes"]}
    assert {"Clean.Base.double", "Clean.Base.double_plus", "Clean.Top.double_sum", "Clean.Top.sum_to"} <= names
    assert not any(n.startswith("Coq.") for n in names)  # stdlib kept out
    edges = {(e["source"], e["target"]) for e in doc["edges"]}
    assert ("Clean.Top.double_sum", "Clean.Base.double_plus") in edges
    assert doc["longest_chain"] == ["Clean.Top.double_sum", "Clean.Base.double_plus", "Clean.Base.double"]
    assert all(n["status"] == "proved" for n in doc["nodes"])
    assert "longest dependency chain" in r.stderr

    r = run_cli("graph", "-f", "json", "--root", "double_plus", "--project", built_clean)
    assert {n["id"] for n in json.loads(r.stdout)["nodes"]} == {"Clean.Base.double_plus", "Clean.Base.double"}

    r = run_cli("graph", "--root", "no_such_decl", "--project", built_clean)
    assert r.returncode == 1 and r.stderr.strip().startswith("leansharp: error: unknown declaration 'no_such_decl'")

    out = tmp_path / "g.html"
    r = run_cli("graph", "--format", "html", "--output", out, "--project", built_clean)
    assert r.returncode == 0
    page = out.read_text()
    assert "<svg" in page and "double_sum" in page
    assert "http://" not in page and "https://" not in page

    r = run_cli("graph", "--project", built_clean)
    assert r.stdout.startswith("digraph leansharp {")


def test_graph_colours_holes(built_holes, holes_report):
    r = run_cli("graph", "-f", "json", "--project", built_holes, lock=True)
    st = {n["id"]: n["status"] for n in json.loads(r.stdout)["nodes"]}
    assert st["Holes.Admitted.hole_admitted"] == "admitted"
    assert st["Holes.Unguarded.loop"] == "unguarded"


# ----------------------------------------------------------------------- doctor

def test_doctor_passes_on_the_set_up_machine():
    """`bash run setup` installs what toolchain.toml pins, so on the machine the tests run
    on (after it) doctor finds no gap (Debian checks are skipped off Debian)."""
    r = run_cli("doctor", "--json", "--project", REPO)
    doc = json.loads(r.stdout)
    checks = {c["check"]: c for c in doc["checks"]}
    assert r.returncode == 0 and doc["ok"] and doc["gaps"] == 0, [c for c in doc["checks"] if c["ok"] is False]
    assert {"prover coq (coqc)", "coq library dpdgraph", "python", "python packaging"} <= set(checks)
    assert all(c["ok"] is not False and c["fix"] == "" for c in doc["checks"])
    r = run_cli("doctor", "--project", REPO)
    assert r.returncode == 0 and "toolchain matches toolchain.toml" in r.stdout


def test_doctor_reports_every_gap_with_its_fix(tmp_path):
    """A toolchain.toml this machine cannot meet: exit 1, one GAP per unmet pin, each with its fix."""
    (tmp_path / "_CoqProject").write_text("-R . X\nA.v\n")
    (tmp_path / "toolchain.toml").write_text(
        '[prover]\nname = "coq"\nversion = "99.1"\n'
        '[debian]\npackages = [{ name = "leansharp-no-such-package", version = "1.0" }]\n'
        '[coq-libraries]\nrequired = ["NoSuchLib", "Coquelicot"]\n'
        '[python]\nrequires = ">=99"\n')
    r = run_cli("doctor", "--json", "--project", tmp_path)
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    fixes = {c["check"]: c["fix"] for c in doc["checks"] if c["ok"] is False}
    assert fixes["prover coq (coqc)"].startswith("install Coq 99.1 (found 8.16")
    assert fixes["coq library NoSuchLib"] == "install the Coq library providing NoSuchLib"
    assert fixes["python"] == "install Python >=99, then `bash run setup`"
    if shutil.which("dpkg-query"):
        assert fixes["debian leansharp-no-such-package"] == "apt-get install -y leansharp-no-such-package"
    assert doc["gaps"] == len(fixes) and "coq library Coquelicot" not in fixes
    r = run_cli("doctor", "--project", tmp_path)
    assert r.returncode == 1 and f"{len(fixes)} gap(s)" in r.stdout


def test_doctor_without_coqc_reports_gap_and_fix(tmp_path):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    for tool in ("dpkg-query",):
        if shutil.which(tool):
            (bindir / tool).symlink_to(shutil.which(tool))
    r = run_cli("doctor", "--json", "--project", REPO, env={"PATH": str(bindir)})
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    prover = next(c for c in doc["checks"] if c["check"].startswith("prover"))
    assert prover["ok"] is False and "apt-get install -y coq" in prover["fix"]
