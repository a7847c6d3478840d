"""The reference trainer loops against trajectories recorded from upstream's own code.

``tests/fixtures/torch/trainer.json`` was recorded with torch by
``tests/fixtures/torch/record_trainer.py`` from bangyen/zsharp's ``_run_train_step`` (as
written, with ``zero_grad``, without clipping) and its ``step(closure)`` API, on a
quadratic and a log-cosh loss over three layers (20/30/10). The reference
(:mod:`leansharp_tools.zsharp.trainer`) must reproduce every iterate to 1e-9 relative.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, List

import numpy as np
import pytest

from leansharp_tools.zsharp import trainer as tr

FIXTURE = Path(__file__).parent / "fixtures" / "torch" / "trainer.json"
DATA = json.loads(FIXTURE.read_text())
PROBLEM = DATA["problem"]
SIZES = PROBLEM["sizes"]


def _split(v: List[float]) -> List[np.ndarray]:
    return [x.copy() for x in np.split(np.asarray(v, dtype=float), np.cumsum(SIZES)[:-1])]


A, C = _split(PROBLEM["curvatures"]), _split(PROBLEM["centres"])
GRADS: dict[str, Callable[[List[np.ndarray]], List[np.ndarray]]] = {
    "quadratic": lambda w: [a * x for a, x in zip(A, w)],
    "logcosh": lambda w: [a * np.tanh(x - c) for a, x, c in zip(A, w, C)],
}
CASES = [(kind, loop) for kind, loops in DATA["trajectories"].items() for loop in loops]


def _flat(w: List) -> np.ndarray:
    return np.concatenate([np.asarray(x, dtype=float) for x in w])


def _reference(kind: str, loop: str) -> List[List[np.ndarray]]:
    traj = DATA["trajectories"][kind][loop]
    source = loop.replace("_noclip", "")
    extra = {"clip": None} if loop.endswith("_noclip") else {}
    return tr.run_trainer(_split(PROBLEM["w0"]), GRADS[kind], len(traj) - 1, source, **extra)


@pytest.mark.parametrize("kind,loop", CASES)
def test_reference_matches_recorded_torch(kind: str, loop: str) -> None:
    recorded = DATA["trajectories"][kind][loop]
    ours = _reference(kind, loop)
    assert len(ours) == len(recorded)
    for t, (w_torch, w_ref) in enumerate(zip(recorded, ours)):
        x, y = _flat(w_torch), _flat(w_ref)
        assert np.max(np.abs(x - y)) <= 1e-9 * np.max(np.abs(x)), f"{kind}/{loop}: step {t}"


def test_fixture_exercises_the_mask_and_the_three_loops() -> None:
    """The recorded runs are not degenerate: the loops differ from the first step on (the
    carried gradient), as written the quadratic stalls far from 0 while both fixes get
    close, and without clipping it blows up."""
    q = DATA["trajectories"]["quadratic"]
    final = {loop: float(np.linalg.norm(_flat(traj[-1]))) for loop, traj in q.items()}
    assert final["as_written"] > 0.1 > 0.01 > max(final["zero_grad"], final["closure"])
    assert final["as_written_noclip"] > 100
    assert not np.allclose(_flat(q["as_written"][2]), _flat(q["zero_grad"][2]))
    assert DATA["upstream_commit"] == "8a205ef6f4d0716cf6150efdd5d5cbc0bdd2da40"


def test_as_written_carries_the_masked_sum() -> None:
    """Exact values of the first two iterations on a 1-D quadratic, by hand: L = w²/2, start
    3, no clipping, ρ = 0.05, δ = 1e-12, lr 0.01, β 0.9, λ 5e-4 (one component: z = 0, the
    mask keeps it). Iteration 0: d₀ = 3 + (3 + 0.05) = 6.05, b₀ = d₀ + λ·3,
    w₁ = 3 − 0.01·b₀. Iteration 1 (as written): p₁ = d₀ + w₁ (the carried sum)."""
    g = lambda w: [w[0].copy()]  # noqa: E731
    w1 = 3 - 0.01 * (6.05 + 5e-4 * 3)
    traj = tr.run_trainer_as_written([np.array([3.0])], g, 2, clip=None)
    assert traj[1][0][0] == pytest.approx(w1, rel=1e-14)
    p1 = 6.05 + w1
    d1 = p1 + (w1 + 0.05 * p1 / (abs(p1) + 1e-12))
    b1 = 0.9 * (6.05 + 5e-4 * 3) + d1 + 5e-4 * w1
    assert traj[2][0][0] == pytest.approx(w1 - 0.01 * b1, rel=1e-14)
    fresh = tr.run_trainer_zero_grad([np.array([3.0])], g, 2, clip=None)
    d1_fresh = w1 + (w1 + 0.05 * w1 / (abs(w1) + 1e-12))
    assert fresh[2][0][0] == pytest.approx(w1 - 0.01 * (0.9 * (6.05 + 5e-4 * 3) + d1_fresh + 5e-4 * w1),
                                           rel=1e-14)
    closure = tr.run_trainer_closure([np.array([3.0])], g, 1, clip=None)
    assert closure[1][0][0] == pytest.approx(3 - 0.01 * (3.05 + 5e-4 * 3), rel=1e-14)


def test_run_trainer_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        tr.run_trainer([np.zeros(3)], GRADS["quadratic"], -1)
    with pytest.raises(ValueError):
        tr.run_trainer([np.zeros(3)], GRADS["quadratic"], 1, "adam")


@pytest.mark.parametrize("name,witness", [("drop", "WITNESS_DROP"), ("fallback", "WITNESS_FALLBACK")])
def test_network_mask_matches_recorded_torch(name: str, witness: str) -> None:
    """Upstream's ``ZSharp.first_step`` on the library's witness gradients (recorded): the
    masked gradient it writes into ``p.grad`` is the reference's g ⊙ m (exactly), and its
    perturbation e is the reference's ε (to 1e-12) — at the fallback witness too, where
    torch.topk has a unique top component to keep."""
    from leansharp_tools import zsharp as z

    rec = DATA["masked"][name]
    g = z.witness_point(getattr(z, witness))
    ours = [x * m for x, m in zip(g, z.network_mask(g))]
    assert [list(x) for x in ours] == rec["grad"]
    eps = z.network_perturbation(g)
    for x, y in zip(eps, rec["e"]):
        assert np.allclose(x, y, rtol=1e-12, atol=0)


@pytest.mark.parametrize("case", range(len(DATA["first_step"])))
def test_filter_and_perturbation_match_recorded_torch(case: int) -> None:
    """Upstream's ``ZSharp.first_step`` on seeded random gradients over several layer splits
    (single-component layers, a constant layer, layers from 1 to 40 components, scales
    1e-3 to 1e2): the reference's filtered gradient (``filter_gradient``, ``zsharp_masks``,
    ``zscores``) is the masked ``p.grad`` exactly, and its ε (``sam_perturbation`` of the
    filtered gradient, ``network_perturbation``) is upstream's ``e`` to 1e-12. On a constant
    layer (case 3) the fallback chooses among tied components: only the count agrees."""
    from leansharp_tools import zsharp as z

    rec = DATA["first_step"][case]
    g = [np.asarray(x, dtype=float) for x in rec["layers"]]
    filtered = z.filter_gradient(g)
    masks = z.zsharp_masks(g)
    assert any(0 < float(np.sum(m)) < m.size for m in masks)  # the mask really drops
    tied = [float(np.ptp(x)) == 0.0 and x.size > 1 for x in g]
    for layer, is_tied, ours, theirs in zip(g, tied, filtered, rec["grad"]):
        if is_tied:
            # a constant layer: every |z| = 0, the fallback keeps k of n tied components and
            # torch.topk's choice among ties is unspecified (here it keeps index 2, the
            # reference the lowest index): the same count, not the same component
            assert np.count_nonzero(ours) == np.count_nonzero(theirs) == z.fallback_count(layer.size)
        else:
            assert list(ours) == theirs
    if not any(tied):
        for ours in (z.sam_perturbation(filtered, 0.05), z.network_perturbation(g)):
            for x, y in zip(ours, rec["e"]):
                assert np.allclose(x, y, rtol=1e-12, atol=1e-300)


def test_run_zsharp_matches_recorded_torch() -> None:
    """``run_zsharp`` (w ← w − η∇L(w + ε), no momentum, no clipping) is upstream's
    ``step(closure)`` with momentum 0 and weight decay 0, recorded on the quadratic:
    every iterate to 1e-9 relative."""
    from leansharp_tools import zsharp as z

    recorded = DATA["plain"]
    ours = z.run_zsharp(_split(PROBLEM["w0"]), GRADS["quadratic"], 0.01, 0.05, len(recorded) - 1)
    for t, (w_torch, w_ref) in enumerate(zip(recorded, ours)):
        x, y = _flat(w_torch), _flat(w_ref)
        assert np.max(np.abs(x - y)) <= 1e-9 * np.max(np.abs(x)), f"step {t}"
