"""ZSharp's trainer as written against its two fixes (not a test: it prints a table).

    .venv/bin/python bench/trainer_as_written.py [--steps 4000] [--tail 500] [--upstream DIR]

The problem: 60 parameters in three layers of 20/30/10, L(w) = ½Σa_i w_i² with curvatures
a_i uniform in [0.5, 3] (seeded), start uniform in [−3, 3], ZSharp's constants (lr 0.01,
momentum 0.9, weight decay 5e-4, ρ 0.05, δ 1e-12, p = 70, clipping at 1.0). For each loop
the table gives min–max of ‖w_t − w*‖ over the last `--tail` iterations, from the reference
implementation (`leansharp_tools.zsharp.trainer`, checked against torch by
tests/test_trainer_torch.py). With `--upstream DIR` (a checkout of bangyen/zsharp, and torch
importable) the three loops of upstream's own code are run too (the recording script's
loops, tests/fixtures/torch/record_trainer.py) and printed beside the reference. The loop as
written agrees to every printed digit; the two fixed loops end in the same band with tails
that differ past the second digit: near their floor the mask flips between iterations, so
rounding differences (the reference matches torch to 1e-13 over the first 150 iterations)
change which components are kept thousands of iterations later.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import numpy as np

from leansharp_tools.zsharp import trainer as tr

SIZES = (20, 30, 10)
ROWS: Dict[str, tuple[str, Dict[str, Optional[float]]]] = {
    "trainer as written": ("as_written", {}),
    "as written, zero_grad at the top of each iteration": ("zero_grad", {}),
    "closure use (fresh gradient at w + ε)": ("closure", {}),
    "as written, no clipping": ("as_written", {"clip": None}),
    "as written, no momentum": ("as_written", {"momentum": 0.0}),
    "as written, ρ = 0": ("as_written", {"rho": 0.0}),
}


def problem(seed: int = 0) -> tuple[np.ndarray, List[np.ndarray], Callable[[List[np.ndarray]], List[np.ndarray]]]:
    """(curvatures, w_0 as layers, ∇L)."""
    rng = np.random.default_rng(seed)
    n = sum(SIZES)
    a, w0 = rng.uniform(0.5, 3.0, n), rng.uniform(-3.0, 3.0, n)
    cuts = np.cumsum(SIZES)[:-1]
    lams = np.split(a, cuts)
    return a, np.split(w0, cuts), lambda w: [lam * np.asarray(x, float) for lam, x in zip(lams, w)]


def tail_range(dists: List[float], tail: int) -> str:
    last = dists[-tail:]
    if not all(math.isfinite(d) for d in last):
        return "diverges (overflow)"
    return f"{min(last):.4g} – {max(last):.4g}"


def reference_row(source: str, extra: Dict[str, Optional[float]], steps: int, tail: int) -> str:
    _, w0, grad = problem()
    with np.errstate(over="ignore", invalid="ignore"):
        traj = tr.run_trainer(w0, grad, steps, source, **extra)
    return tail_range([float(np.linalg.norm(np.concatenate(w))) for w in traj], tail)


def upstream_row(checkout: str, source: str, extra: Dict[str, Optional[float]], steps: int, tail: int) -> str:
    """The same loop with upstream's own code (torch, float64)."""
    sys.path.insert(0, checkout)
    import torch
    from src import trainer as T
    from src.constants import OptimizerConfig, TrainingConfig

    over = {key: v for key, v in extra.items() if key in ("momentum", "rho")}
    if over.get("rho") == 0.0:
        return "n/a (upstream's config requires ρ > 0)"
    cfg = TrainingConfig(optimizer=OptimizerConfig(**over))
    torch.set_default_dtype(torch.float64)
    curv, w0, _ = problem()
    a = torch.tensor(curv)
    params = torch.nn.ParameterList([torch.nn.Parameter(torch.tensor(x)) for x in w0])

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = params

        def forward(self, _x: torch.Tensor) -> torch.Tensor:
            return torch.cat([p.view(-1) for p in self.layers])

    model = Net()
    opt, _ = T._setup_optimizer(cfg, model)

    def crit(out: torch.Tensor, _y: torch.Tensor) -> torch.Tensor:
        return 0.5 * (a * out * out).sum()

    dists = [float(torch.cat([p.detach().view(-1) for p in params]).norm())]
    for _ in _recorder().upstream_loop(T, model, opt, crit, source, steps, clip="clip" not in extra):
        dists.append(float(torch.cat([p.detach().view(-1) for p in params]).norm()))
    return tail_range(dists, tail)


def _recorder() -> Any:
    """tests/fixtures/torch/record_trainer.py (its upstream_loop runs upstream's loops)."""
    path = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "torch" / "record_trainer.py"
    spec = importlib.util.spec_from_file_location("record_trainer", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=4000)
    ap.add_argument("--tail", type=int, default=500)
    ap.add_argument("--upstream", help="a checkout of bangyen/zsharp (needs torch)")
    args = ap.parse_args()
    if not 0 < args.tail <= args.steps:
        ap.error("need 0 < --tail <= --steps")
    header = f"{'loop':<52} | reference ‖w_t − w*‖"
    if args.upstream:
        header += " | upstream (torch)"
    print(f"{args.steps} iterations, last {args.tail}: min – max of the distance to w* = 0")
    print(header)
    print("-" * len(header))
    for label, (source, extra) in ROWS.items():
        line = f"{label:<52} | {reference_row(source, extra, args.steps, args.tail):<22}"
        if args.upstream:
            line += " | " + upstream_row(str(Path(args.upstream).resolve()), source, extra, args.steps, args.tail)
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
