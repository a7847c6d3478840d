"""The real LeanSharp library: `leansharp build` then `leansharp status --strict --recheck`
(coqchk re-checks every compiled module: about a minute on 2 cores, bench/recheck.py).
Takes minutes (runs in CI; deselect locally with `-m "not library"`). Builds in the
repository itself (the .vo files are git-ignored), under the shared Coq lock."""

import json

import pytest

from conftest import REPO, run_cli


@pytest.mark.library
def test_full_library_builds_and_is_strictly_clean():
    r = run_cli("build", "--project", REPO, lock=True, timeout=7200)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    r = run_cli("status", "--strict", "--recheck", "--json", "--project", REPO, lock=True, timeout=7200)
    doc = json.loads(r.stdout) if r.stdout.strip() else {}
    assert r.returncode == 0, "\n".join(p["text"] for p in doc.get("problems", [])[:30]) or r.stderr
    assert doc["recheck"]["ok"] and doc["recheck"]["axioms"] == [
        "Coq.Logic.Classical_Prop.classic", "Coq.Logic.FunctionalExtensionality.functional_extensionality_dep",
        # the geometric median is a chosen minimiser (Upstream.Core.Stats.geometricMedian), as upstream's
        "Coq.Logic.IndefiniteDescription.constructive_indefinite_description",
        "Coq.Reals.ClassicalDedekindReals.sig_forall_dec", "Coq.Reals.ClassicalDedekindReals.sig_not_dec"]
    assert doc["totals"]["declarations"] > 0
    assert doc["totals"]["proved"] == doc["totals"]["declarations"]
