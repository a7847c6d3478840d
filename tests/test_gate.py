"""The `status --strict` gate against every way Coq offers to assume something, with
real coqc runs: the `gate` fixture (tests/fixtures/gate, one file per way), a project
flag, a project claiming Coq's own library prefix, a copy of two files of the
installed Coquelicot with a planted `Admitted`, and (library) a copy of LeanSharp with
the issue's attack added."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, copy_library, run_cli

#: every declaration of the gate fixture and its status
GATE_STATUS = {
    "Gate.Clean.plus_zero": "proved",
    "Gate.StdUse.em_std": "proved",  # Coq's classic, recognised although project files mimic it
    "Gate.StdUse.funext_std": "proved",
    "Gate.Classical_Prop.classic": "axiom",  # the issue's top-level Context
    "Gate.Classical_Prop.bad": "foreign-axiom",
    "Gate.Fake.Classical_Prop.classic": "axiom",
    "Gate.Fake.Classical_Prop.bad": "foreign-axiom",
    "Gate.SameStatement.classic": "axiom",  # Coq's statement, another kernel name
    "Gate.SameStatement.em_here": "foreign-axiom",
    "Gate.TopLevel.unused": "axiom", "Gate.TopLevel.m": "axiom", "Gate.TopLevel.top_hyp": "axiom",
    "Gate.TopLevel.top_var": "axiom", "Gate.TopLevel.conj": "axiom", "Gate.TopLevel.p1": "axiom",
    "Gate.TopLevel.p2": "axiom", "Gate.TopLevel.ax1": "axiom", "Gate.TopLevel.ax2": "axiom",
    "Gate.TopLevel.use_local": "proved",  # a Context inside a Section is discharged
    "Gate.Anon.Pointed": "proved",
    "Gate.Anon.the_point": "foreign-axiom",
    "Gate.DeclMod.uses_m": "foreign-axiom",
    "Gate.Functor.Two.p": "proved",
    "Gate.Oblig.half": "foreign-axiom",
    "Gate.Oblig.half_obligation_1": "admitted",  # an obligation: Coq names it, status asks Coq for it
    "Gate.Bypass.loop": "unguarded", "Gate.Bypass.bad": "unguarded", "Gate.Bypass.u": "unguarded",
    "Gate.Bypass.bad2": "unguarded", "Gate.Bypass.unused_loop": "unguarded", "Gate.Bypass.u2": "unguarded",
    "Gate.DeclInst.Default": "proved",
    "Gate.DeclInst.zero_or_default": "foreign-axiom",
    "Gate.External.pi_use": "foreign-axiom",  # a standard-library axiom outside the accepted list
    "Gate.External.pi_indirect": "foreign-axiom",
    "Gate.External.no_pi": "proved",
}

#: what each declaration that is not proved depends on (fully qualified)
GATE_AXIOMS = {
    "Gate.Classical_Prop.bad": ["Gate.Classical_Prop.classic"],
    "Gate.Fake.Classical_Prop.bad": ["Gate.Fake.Classical_Prop.classic"],
    "Gate.SameStatement.em_here": ["Gate.SameStatement.classic"],
    "Gate.Anon.the_point": ["Gate.Anon.H"],
    "Gate.DeclMod.uses_m": ["Gate.DeclMod.M.p", "Gate.DeclMod.M.p_zero"],
    "Gate.Oblig.half": ["Gate.Oblig.half_obligation_1"],
    "Gate.DeclInst.zero_or_default": ["Gate.DeclInst.nat_default"],
    "Gate.External.pi_use": ["Coq.Logic.ProofIrrelevance.proof_irrelevance"],
    "Gate.External.pi_indirect": ["Coq.Logic.ProofIrrelevance.proof_irrelevance"],
}

#: (file, line, kind) -> the objects Coq found for it: assumptions outside any declaration
GATE_SITES = {
    ("Anon.v", 3, "axiom"): ["Gate.Anon.H"],  # `Context `{Pointed}`: Coq names the binder
    ("DeclMod.v", 2, "declare-module"): ["Gate.DeclMod.M.p", "Gate.DeclMod.M.p_zero"],
    ("DeclMod.v", 5, "declare-module"): ["Gate.DeclMod.Unused.p", "Gate.DeclMod.Unused.p_zero"],  # unused
    ("Functor.v", 5, "admitted"): ["Gate.Functor.N.hole"],  # Admitted in a functor, instantiated
    ("Incl.v", 3, "declared"): ["Gate.Incl.M.q", "Gate.Incl.M.q_one"],  # Include of a module type
    ("Oblig.v", 3, "admitted"): [],  # Admit Obligations (what it admits is the declaration above)
    ("Bypass.v", 2, "bypass-check"): [], ("Bypass.v", 3, "bypass-check"): [],
    ("Bypass.v", 4, "unset-checking"): [], ("Bypass.v", 7, "unset-checking"): [],
    ("Bypass.v", 10, "unset-checking"): [], ("Bypass.v", 13, "bypass-check"): [],
    ("DeclInst.v", 2, "axiom"): ["Gate.DeclInst.nat_default"],  # Declare Instance
}


def texts(doc):
    """The problems of a `status --json` document as the report prints them."""
    return [p["text"] for p in doc["problems"]]


@pytest.fixture(scope="session")
def gate_report(built_gate):
    r = run_cli("status", "--json", "--project", built_gate, lock=True)  # cold (fresh copy); fills the cache
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_gate_status_of_every_declaration(gate_report):
    got = {d["name"]: d["status"] for d in gate_report["declarations"]}
    assert got == GATE_STATUS
    axioms = {d["name"]: sorted(d["axioms"]) for d in gate_report["declarations"] if d["axioms"]}
    assert axioms == {n: sorted(a) for n, a in GATE_AXIOMS.items()}
    assert not gate_report["ok"]


def test_gate_reports_every_assumption_site_used_or_not(gate_report):
    got = {(s["file"], s["line"], s["kind"]): s["names"] for s in gate_report["assumption_sites"]}
    assert got == GATE_SITES
    problems = "\n".join(texts(gate_report))
    for file, line, _kind in GATE_SITES:
        assert f"{file}:{line}: " in problems


def test_the_issue_attack_is_foreign(gate_report):
    """`Context (classic : 1 + 1 = 3)` in Classical_Prop.v and `exact Classical_Prop.classic`:
    Coq prints the Context as `Classical_Prop.classic`, which a suffix match took for excluded middle."""
    d = {x["name"]: x for x in gate_report["declarations"]}
    assert d["Gate.Classical_Prop.bad"]["status"] == "foreign-axiom"
    assert "Classical_Prop.v:3: Gate.Classical_Prop.bad: foreign-axiom (depends on Gate.Classical_Prop.classic)" \
        in texts(gate_report)
    assert "Coq.Logic.Classical_Prop.classic" in gate_report["standard_axioms"]


@pytest.mark.parametrize("module,ok", [
    ("Clean", True), ("StdUse", True), ("Gate.Classical_Prop", False), ("Fake.Classical_Prop", False),
    ("SameStatement", False), ("TopLevel", False), ("Anon", False), ("DeclMod", False), ("Functor", False),
    ("Incl", False), ("Oblig", False), ("Bypass", False), ("DeclInst", False), ("External", False)])
def test_strict_rejects_every_assumption_kind(built_gate, gate_report, module, ok):
    r = run_cli("status", "--strict", "--module", module, "--project", built_gate, lock=True)
    assert r.returncode == (0 if ok else 1), r.stdout + r.stderr
    if not ok:
        assert r.stderr.startswith("leansharp: error: --strict:")


def test_warm_gate_report_is_the_same(built_gate, gate_report):
    """Sites are scanned again and the prover's findings come from the cache: same report."""
    r = run_cli("status", "--json", "--project", built_gate)
    warm = json.loads(r.stdout)
    assert warm["problems"] == gate_report["problems"]
    assert warm["assumption_sites"] == gate_report["assumption_sites"]


@pytest.mark.coq_build
def test_project_flag_changing_the_logic_fails_the_gate(tmp_path):
    proj = tmp_path / "tit"
    proj.mkdir()
    (proj / "_CoqProject").write_text("-R . TiT\n-arg -type-in-type\nA.v\n")
    (proj / "A.v").write_text("Definition t : Type := Type.\n")
    assert run_cli("build", "--project", proj, lock=True).returncode == 0
    r = run_cli("status", "--strict", "--json", "--project", proj, lock=True)
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    assert any(p.startswith("_CoqProject:2: -arg -type-in-type") for p in texts(doc)), texts(doc)
    assert "_CoqProject: Coq reports: Type hierarchy is collapsed (logic is inconsistent)" in texts(doc)


@pytest.mark.coq_build
def test_a_project_posing_as_coq_is_not_standard(tmp_path):
    """A project binding Coq's own prefix with its own Logic/Classical_Prop.v: the binding
    is reported and the fake's axiom is an axiom of the project (Coq 8.16 keeps loading
    its own Classical_Prop for `Require Coq.Logic.Classical_Prop`, which the probes check)."""
    proj = tmp_path / "pose"
    (proj / "fake" / "Logic").mkdir(parents=True)
    (proj / "fake" / "Logic" / "Classical_Prop.v").write_text("Axiom classic : forall P : Prop, P \\/ ~ P.\n")
    (proj / "Use.v").write_text("Require Coq.Logic.Classical_Prop.\nLemma em (P : Prop) : P \\/ ~ P.\n"
                                "Proof. exact (Coq.Logic.Classical_Prop.classic P). Qed.\n")
    (proj / "_CoqProject").write_text("-Q fake Coq\n-R . Pose\nfake/Logic/Classical_Prop.v\nUse.v\n")
    r = run_cli("build", "--project", proj, lock=True)
    if r.returncode != 0:
        pytest.skip(f"Coq refuses the fake prefix itself: {r.stdout[-300:]}")
    r = run_cli("status", "--strict", "--json", "--project", proj, lock=True)
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    assert "_CoqProject:1: -Q fake Coq: the project claims Coq's own library prefix" in texts(doc)
    assert "fake/Logic/Classical_Prop.v:1: Coq.Logic.Classical_Prop.classic: axiom" in texts(doc)


# --------------------------------------------- a copy of an installed library

def _coquelicot_sources() -> Path:
    where = Path(subprocess.run(["coqc", "-where"], capture_output=True, text=True).stdout.strip())
    src = where / "user-contrib" / "Coquelicot"
    if not (src / "Rcomplements.v").is_file() or not (src / "Rbar.v").is_file():
        pytest.skip("Coquelicot sources are not installed (apt-get install -y libcoq-coquelicot)")
    return src


def _print_assumptions(proj: Path, modules, names):
    """Coq's own per-name answer (slow: about a second a name), to check the attribution."""
    src = "".join(f"Require {m}.\n" for m in modules)
    for i, n in enumerate(names):
        src += f'Goal True. idtac "@@Q {i}". Abort.\nPrint Assumptions {n}.\n'
    (proj / "Q.v").write_text(src)
    r = subprocess.run(["coqc", "-R", ".", "CQ", "Q.v"], cwd=proj, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    parts = re.split(r"^@@Q (\d+)\n", r.stdout, flags=re.M)
    return {names[int(parts[i])]: parts[i + 1] for i in range(1, len(parts), 2)}


@pytest.mark.coq_build
def test_coquelicot_copy_clean_then_with_a_hole(tmp_path):
    src = _coquelicot_sources()
    proj = copy_library(src, ["Rcomplements.v", "Rbar.v"], tmp_path / "cq", "CQ")
    assert run_cli("build", "--project", proj, lock=True).returncode == 0
    r = run_cli("status", "--strict", "--json", "--project", proj, lock=True)
    doc = json.loads(r.stdout)
    assert r.returncode == 0 and doc["ok"], texts(doc)[:5]
    assert doc["totals"]["declarations"] == doc["totals"]["proved"] > 200

    # plant a hole: Rbar uses Rcomplements' lemmas
    text = (proj / "Rcomplements.v").read_text()
    lemma = "Lemma Rle_div_l"
    assert lemma in text
    start = text.index(lemma)
    qed = text.index("Qed.", start)
    (proj / "Rcomplements.v").write_text(text[:qed] + "Admitted." + text[qed + 4:])
    assert run_cli("build", "--project", proj, lock=True).returncode == 0
    r = run_cli("status", "--json", "--project", proj, lock=True)
    doc = json.loads(r.stdout)
    st = {d["name"]: d for d in doc["declarations"]}
    assert st["CQ.Rcomplements.Rle_div_l"]["status"] == "admitted"
    foreign = sorted(n for n, d in st.items() if d["status"] == "foreign-axiom")
    assert foreign and all(st[n]["axioms"] == ["CQ.Rcomplements.Rle_div_l"] for n in foreign)
    proved = sorted(n for n, d in st.items() if d["status"] == "proved")
    sample = foreign[:4] + [n for n in proved if n.startswith("CQ.Rbar.")][:4]
    coq = _print_assumptions(proj, ["CQ.Rcomplements", "CQ.Rbar"], sample)
    for n in sample:
        assert ("Rle_div_l" in coq[n]) == (n in foreign), (n, coq[n][:300])


# ---------------------------------------------------------------- the library

@pytest.mark.library
def test_leansharp_copy_with_the_attack_fails_the_gate(tmp_path):
    """A copy of the built library (no rebuild: the compiled files keep their times) plus
    the issue's attack file: exactly the attack is reported, the library stays proved."""
    r = run_cli("build", "--project", REPO, lock=True, timeout=7200)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    proj = tmp_path / "ls"
    proj.mkdir()
    shutil.copy2(REPO / "_CoqProject", proj / "_CoqProject")
    shutil.copytree(REPO / "LeanSharp", proj / "LeanSharp", copy_function=shutil.copy2)
    (proj / "LeanSharp" / "Classical_Prop.v").write_text(
        "Require LeanSharp.Core.Vec.\n"
        "Context (classic : (1 + 1 = 3)%nat).\n"
        "Lemma bad : 1 + 1 = 3.\nProof. exact Classical_Prop.classic. Qed.\n")
    with open(proj / "_CoqProject", "a") as f:
        f.write("LeanSharp/Classical_Prop.v\n")
    r = run_cli("build", "--project", proj, lock=True, timeout=7200)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert "(1 recompiled)" in r.stderr
    r = run_cli("status", "--strict", "--json", "--project", proj, lock=True, timeout=3600)
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    bad = {d["name"]: d["status"] for d in doc["declarations"] if d["status"] != "proved"}
    assert bad == {"LeanSharp.Classical_Prop.classic": "axiom", "LeanSharp.Classical_Prop.bad": "foreign-axiom"}
