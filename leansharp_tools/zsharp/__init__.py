"""Reference implementation of the ZSharp filter and the SAM/ZSharp update (NumPy).

This module is the *code* side of the theorem-to-code map (`leansharp map`): each
function states the mathematics it computes and names the Coq declarations that are
about it. Everything is a pure function on NumPy arrays (inputs are never modified).

Layout (every public name is re-exported here, so ``leansharp_tools.zsharp.<name>``
works): ``core`` (types, ε constants, :class:`Rule`), ``stats`` (mean, σ, s, z-scores),
``masks`` (Hadamard product, idealised and fixed-threshold masks, hard thresholding,
masked mean), ``rule`` (quantile threshold, top-k fallback, ZSharp's masks and filter),
``sam`` (norm, perturbation, direction, steps, iterates), ``losses`` (test losses and
the witness points), ``train`` (ZSharp as it trains: network-wide mask on the flat
vector, gradient clipping, torch SGD with momentum, the closure-use and the noisy step),
``trainer`` (upstream's trainer loop as written — the gradient carried across iterations —
and its two fixes, checked against recorded torch trajectories),
``generalization`` (KL divergence, log-partition and tilted law of the PAC-Bayes bounds).

Two rules, selected with ``rule=Rule.ACTUAL`` (default) or ``rule=Rule.IDEALISED``
(the strings ``"actual"`` / ``"idealised"`` are accepted too):

**Actual rule** — ZSharp's published PyTorch optimizer (SPEC §2.1). For parameters
split into layers g = (g¹, …, g^L), layer l with n_l components:

* μ_l = mean(g^l), s_l = sample std (divisor n_l − 1, as ``torch.std``),
  z_i = (g_i − μ_l)/(s_l + 1e-8); a layer with n_l < 2 gets z = 0;
* one global threshold t = the p-th quantile (default p = 70) of |z| over all layers
  concatenated, linear interpolation between order statistics
  (``np.quantile(method="linear")`` ≡ ``torch.quantile``'s default);
* mask m_i = [|z_i| ≥ t] (keeps the *significant* components);
* fallback: if a layer's mask is empty, that layer keeps its top k_l = max(1, ⌊0.2·n_l⌋)
  components by |z| (``torch.topk``: exactly k_l components; ties between equal |z| are
  broken by index order, lowest index first — ``torch.topk`` leaves the tie order
  unspecified, we fix this deterministic choice);
* filtered gradient g_f = g ⊙ m per layer; SAM perturbation
  ε = ρ·g_f/(‖g_f‖ + 1e-12), the norm over all layers;
* update w⁺ = w − η∇L(w + ε) (SAM with plain SGD as base optimizer).

**Idealised rule** — what the theorems are about: population σ (divisor n), no ε
terms, a *fixed* threshold t (no quantile, no fallback). The significant mask is
[|g_i − μ| ≥ tσ] (Coq ``LeanSharp.Filter.ZMask.sig_mask``) and the inlier mask of other
write-ups is [|g_i − μ| ≤ tσ] (``LeanSharp.Filter.ZMask.inlier_mask``); the SAM
perturbation is ε = ρ·g_f/‖g_f‖ (ε = 0 when g_f = 0).

The bridge between them: for one layer with n ≥ 2 and fixed t, the actual mask
[|z_i| ≥ t] equals the idealised significant mask at the rescaled threshold
t' = t·(s + 1e-8)/σ (:func:`rescaled_threshold`); without the 1e-8 this is
t' = t·√(n/(n−1)) (``LeanSharp.Filter.ZMask.sig_mask_s_rescaled``).
"""

from __future__ import annotations

from leansharp_tools.zsharp.core import (  # noqa: F401
    DEFAULT_PERCENTILE,
    EPS_SAM,
    EPS_STD,
    FALLBACK_FRACTION,
    FilterOptions,
    GradFn,
    Layers,
    Rule,
    Vector,
)
from leansharp_tools.zsharp.generalization import (  # noqa: F401
    kl_divergence,
    log_partition,
    tilt,
)
from leansharp_tools.zsharp.losses import (  # noqa: F401
    BOWL8_SIZES,
    WITNESS_DROP,
    WITNESS_FALLBACK,
    diag_quadratic_grad,
    diag_quadratic_loss,
    quadratic_bowl_grad,
    witness_point,
)
from leansharp_tools.zsharp.masks import (  # noqa: F401
    hadamard,
    hard_threshold,
    inlier_mask,
    inlier_mask_sample,
    is_mask,
    mask_count,
    masked_mean,
    rescaled_threshold,
    sig_mask,
    sig_mask_sample,
    zscore_mask,
)
from leansharp_tools.zsharp.rule import (  # noqa: F401
    fallback_count,
    filter_gradient,
    quantile_threshold,
    top_k_mask,
    zsharp_masks,
)
from leansharp_tools.zsharp.sam import (  # noqa: F401
    global_norm,
    run_zsharp,
    sam_perturbation,
    sam_step,
    zsharp_direction,
    zsharp_step,
)
from leansharp_tools.zsharp.stats import (  # noqa: F401
    mean,
    pop_std,
    sample_std,
    zscores,
)
from leansharp_tools.zsharp.train import (  # noqa: F401
    CLIP_EPS,
    ZSHARP_CLIP,
    ZSHARP_LR,
    ZSHARP_MOMENTUM,
    ZSHARP_RHO,
    ZSHARP_WEIGHT_DECAY,
    clip_grad_norm,
    flatten,
    layer_sizes,
    network_filter_flat,
    network_mask,
    network_perturbation,
    run_zsharp_training,
    sgd_momentum_step,
    unflatten,
    zsharp_noisy_step,
    zsharp_train_step,
)
from leansharp_tools.zsharp.trainer import (  # noqa: F401
    GradSource,
    TrainerConstants,
    TrainerState,
    run_trainer,
    run_trainer_as_written,
    run_trainer_closure,
    run_trainer_zero_grad,
    trainer_step,
)

__all__ = [
    "Rule",
    "FilterOptions",
    "EPS_STD",
    "EPS_SAM",
    "DEFAULT_PERCENTILE",
    "FALLBACK_FRACTION",
    "hadamard",
    "is_mask",
    "mask_count",
    "mean",
    "pop_std",
    "sample_std",
    "sig_mask",
    "inlier_mask",
    "sig_mask_sample",
    "inlier_mask_sample",
    "zscores",
    "zscore_mask",
    "rescaled_threshold",
    "quantile_threshold",
    "fallback_count",
    "top_k_mask",
    "zsharp_masks",
    "filter_gradient",
    "global_norm",
    "sam_perturbation",
    "hard_threshold",
    "masked_mean",
    "zsharp_direction",
    "sam_step",
    "zsharp_step",
    "quadratic_bowl_grad",
    "diag_quadratic_loss",
    "diag_quadratic_grad",
    "run_zsharp",
    "WITNESS_DROP",
    "WITNESS_FALLBACK",
    "BOWL8_SIZES",
    "witness_point",
    "ZSHARP_RHO",
    "ZSHARP_LR",
    "ZSHARP_MOMENTUM",
    "ZSHARP_WEIGHT_DECAY",
    "ZSHARP_CLIP",
    "CLIP_EPS",
    "flatten",
    "unflatten",
    "layer_sizes",
    "network_mask",
    "network_filter_flat",
    "clip_grad_norm",
    "network_perturbation",
    "sgd_momentum_step",
    "zsharp_train_step",
    "zsharp_noisy_step",
    "run_zsharp_training",
    "GradSource",
    "TrainerConstants",
    "TrainerState",
    "trainer_step",
    "run_trainer",
    "run_trainer_as_written",
    "run_trainer_zero_grad",
    "run_trainer_closure",
    "kl_divergence",
    "log_partition",
    "tilt",
]
