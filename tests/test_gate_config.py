"""The configurable gate: a project's `leansharp.toml` (or `[tool.leansharp]` in its
pyproject.toml) accepts extra axioms by fully qualified name + exact statement and
Coq's primitive families, each confirmed by Coq; tested on a small project using
Coq's proof irrelevance and on a copy of the installed Flocq sources (primitive
floats), clean and then with one lemma admitted."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from leansharp_tools.backends.coq.axioms import Accepted, StandardAxiom, accepted_from, probe_script
from leansharp_tools.config import load_config
from leansharp_tools.errors import LeanSharpError

from conftest import copy_library, run_cli

# ------------------------------------------------------------- config files (no Coq)


def test_config_from_leansharp_toml_or_pyproject(tmp_path):
    assert load_config(tmp_path).digest() == ""  # no settings: caches of unconfigured projects stay valid
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.leansharp]\naccept-primitives = ["float"]\n'
        '[[tool.leansharp.accept-axioms]]\nname = "A.B.ax"\nstatement = "forall  P : Prop, P"\n')
    cfg = load_config(tmp_path)
    assert (cfg.source, cfg.primitives) == ("pyproject.toml", ("float",))
    assert [(a.name, a.statement, a.where) for a in cfg.axioms] == [("A.B.ax", "forall P : Prop, P",
                                                                     "pyproject.toml:6")]
    (tmp_path / "leansharp.toml").write_text('accept-primitives = ["int63"]\n')
    assert load_config(tmp_path).primitives == ("int63",) and load_config(tmp_path).digest() != ""


@pytest.mark.parametrize("text, message", [
    ('accept-primitive = ["float"]\n', "leansharp.toml:1: unknown setting 'accept-primitive'"),
    ('accept-primitives = "float"\n', "leansharp.toml:1: accept-primitives must be a list of names"),
    ('[[accept-axioms]]\nname = "ax"\nstatement = "True"\n', "leansharp.toml:2: accept-axioms: 'ax' is not a "
                                                              "fully qualified name"),
    ('[[accept-axioms]]\nname = "A.ax"\n', "leansharp.toml:2: each accept-axioms entry needs exactly a name"),
    ('accept-primitives = [1,,]\n', "leansharp.toml:1:24: invalid TOML"),
])
def test_config_errors_are_one_line(tmp_path, text, message):
    (tmp_path / "leansharp.toml").write_text(text)
    with pytest.raises(LeanSharpError) as err:
        load_config(tmp_path)
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_unknown_primitive_family_and_the_probes():
    with pytest.raises(LeanSharpError, match=r"^leansharp.toml: accept-primitives: unknown family 'floats' "
                                             r"\(Coq's families: int63, float, array\)$"):
        accepted_from([], ["floats"], "leansharp.toml")
    acc = Accepted((StandardAxiom("A.B.ax", "True", "True", "leansharp.toml:2"),), ("float",))
    script = probe_script(acc)
    assert "Locate Term A.B.ax." in script and '"@@LSACC 0 same"' in script
    assert "Locate Library Coq.Floats.FloatAxioms." in script


# ------------------------------------------------- an extra axiom, confirmed by Coq

PI = """Require Coq.Logic.ProofIrrelevance.
Lemma same (p q : True) : p = q.
Proof. apply Coq.Logic.ProofIrrelevance.proof_irrelevance. Qed.
"""
PI_NAME = "Coq.Logic.ProofIrrelevance.proof_irrelevance"


def _texts(doc: dict) -> list:
    """The problem lines (a problem is its line, or a record with `text`)."""
    return [p if isinstance(p, str) else p["text"] for p in doc["problems"]]


def _status(proj: Path, *args: str):
    r = run_cli("status", "--strict", "--json", "--project", proj, *args, lock=True)
    assert "Traceback" not in r.stderr and "report this" not in r.stdout + r.stderr, r.stderr[-2000:]
    return r.returncode, json.loads(r.stdout)


@pytest.mark.coq_build
def test_an_accepted_axiom_by_name_and_statement(tmp_path):
    proj = tmp_path / "pi"
    proj.mkdir()
    (proj / "A.v").write_text(PI)
    (proj / "_CoqProject").write_text("-R . PI\nA.v\n")
    assert run_cli("build", "--project", proj, lock=True).returncode == 0
    rc, doc = _status(proj)
    assert rc == 1 and _texts(doc) == [f"A.v:2: PI.A.same: foreign-axiom (depends on {PI_NAME})"]

    def config(statement: str, name: str = PI_NAME) -> None:
        (proj / "leansharp.toml").write_text(f'[[accept-axioms]]\nname = "{name}"\nstatement = "{statement}"\n')

    config("forall (P : Prop) (p1 p2 : P), p1 = p2")
    rc, doc = _status(proj)
    assert rc == 0 and doc["ok"] and doc["totals"]["proved"] == 1
    assert _status(proj)[0] == 0  # warm
    for statement, name, said in [
        ("forall (P : Prop) (p1 p2 : P), p2 = p1", PI_NAME, f"the statement of {PI_NAME} is not `forall (P : Prop)"),
        ("forall (P : Prop) (p1 p2 : P), p1 = = p2", PI_NAME, f"Coq rejects the probe of {PI_NAME}: Syntax error"),
        ("forall P : Prop, P", "Coq.Logic.ProofIrrelevance.nope", "Coq rejects the probe of "
                                                                   "Coq.Logic.ProofIrrelevance.nope: The reference"),
    ]:
        config(statement, name)
        rc, doc = _status(proj)
        texts = _texts(doc)
        assert rc == 1 and texts[0] == f"A.v:2: PI.A.same: foreign-axiom (depends on {PI_NAME})", texts
        assert any(t.startswith("_CoqProject: leansharp.toml:2: accept-axioms: ") and said in t for t in texts), texts


# ---------------------------------------------------------- Flocq, primitive floats

def _flocq_sources() -> Path:
    where = Path(subprocess.run(["coqc", "-where"], capture_output=True, text=True).stdout.strip())
    src = where / "user-contrib" / "Flocq"
    assert (src / "IEEE754" / "PrimFloat.v").is_file(), (
        f"Flocq sources missing under {src}; apt-get install -y libcoq-flocq (listed in toolchain.toml, "
        f"installed by `bash run setup`)")
    return src


@pytest.mark.coq_build
def test_flocq_passes_with_primitive_floats_accepted_and_catches_an_admitted(tmp_path):
    """Flocq without Pff/ (34 files, about 30 s to build on 2 cores)."""
    src = _flocq_sources()
    files = sorted(p.relative_to(src).as_posix() for p in src.rglob("*.v") if p.relative_to(src).parts[0] != "Pff")
    proj = copy_library(src, files, tmp_path / "flocq", "Flocq")
    r = run_cli("build", "--project", proj, lock=True, timeout=3600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]

    # no config: the primitives are foreign, every one attributed (no internal line)
    rc, doc = _status(proj)
    assert rc == 1 and doc["totals"]["foreign-axiom"] > 0
    assert all(": foreign-axiom (depends on " in t for t in _texts(doc))
    mul = next(t for t in _texts(doc) if "Flocq.IEEE754.PrimFloat.mul_equiv: foreign-axiom" in t)
    assert "Coq.Floats.PrimFloat.mul" in mul and "Coq.Floats.FloatAxioms.mul_spec" in mul

    (proj / "pyproject.toml").write_text('[tool.leansharp]\naccept-primitives = ["int63", "float"]\n')
    rc, doc = _status(proj)
    assert rc == 0 and doc["ok"] and doc["totals"]["declarations"] == doc["totals"]["proved"] > 1500
    assert _status(proj)[0] == 0  # warm

    # one lemma admitted: the gate fails, on it and on its users
    path = proj / "IEEE754" / "PrimFloat.v"
    text = path.read_text()
    start = text.index("Lemma B2Prim_Prim2B")
    qed = text.index("Qed.", start)
    path.write_text(text[:qed] + "Admitted." + text[qed + 4:])
    assert run_cli("build", "--project", proj, lock=True).returncode == 0
    rc, doc = _status(proj)
    st = {d["name"]: d for d in doc["declarations"]}
    assert rc == 1 and st["Flocq.IEEE754.PrimFloat.B2Prim_Prim2B"]["status"] == "admitted"
    assert st["Flocq.IEEE754.PrimFloat.mul_equiv"]["status"] == "foreign-axiom"
    assert st["Flocq.IEEE754.PrimFloat.mul_equiv"]["axioms"] == ["Flocq.IEEE754.PrimFloat.B2Prim_Prim2B"]
    assert _texts(doc)[0].startswith("IEEE754/PrimFloat.v:36: Flocq.IEEE754.PrimFloat.B2Prim_Prim2B: "
                                                 "admitted")
