(** * LeanSharp.Optim.All — smoothness, the SAM/ZSharp perturbation and direction, clipping

    Imports every file of the folder:
    - [ClipNoise]: clipping a noisy signal: what it moves, what it keeps
    - [Clipping]: gradient-norm clipping (torch.nn.utils.clip_grad_norm_)
    - [Cocoercive]: co-coercivity of the gradient of a convex smooth loss
    - [Objective]: the objectives the convergence theorems share, as records
    - [PerturbationDerivative]: the SAM perturbation is differentiable where g ≠ 0
    - [SAM]: the SAM perturbation and update, and ZSharp's filtered version
    - [Smooth]: gradients, L-smoothness, the descent lemma, strong convexity
    - [ZSharpDirection]: the ZSharp step direction and the ZSharp iteration *)

From LeanSharp.Optim Require Export
  ClipNoise Clipping Cocoercive Objective PerturbationDerivative SAM Smooth ZSharpDirection.
