(** * LeanSharp.Theory.Dynamics.All — deterministic dynamics: ZSharp's ball, momentum, the trainer as written, non-convex rates, the ρ floor

    Imports every file of the folder:
    - [FixedRhoFloor]: with a fixed ρ > 0, SAM does not reach the minimiser
    - [HeavyBall]: SGD with momentum and weight decay (torch convention)
    - [LocalConvergence]: ZSharp near a local minimiser of a non-convex loss
    - [NonConvexRate]: the O(1/√T) rate of SAM / ZSharp on non-convex losses
    - [SecondOrder]: sufficient decrease of the filtered gradient step
    - [Trainer]: ZSharp's trainer loop as its code runs, and its two fixes
    - [TrainerBounded]: the three trainer loops on diagonal quadratics:
    - [UpdateStability]: stability of the ZSharp update (SPEC §2.7)
    - [ZSharpBall]: ZSharp converges geometrically to an O(ρ) ball, at any δ ≥ 0
    - [ZSharpMomentum]: the closure-use training step: clip, mask, perturb, momentum *)

From LeanSharp.Theory.Dynamics Require Export
  FixedRhoFloor HeavyBall LocalConvergence NonConvexRate SecondOrder Trainer TrainerBounded UpdateStability ZSharpBall ZSharpMomentum.
