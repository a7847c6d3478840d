(** * LeanSharp.Examples.Dynamics.All — witnesses of the dynamics theorems at ZSharp's constants

    Imports every file of the folder:
    - [DoubleWellWitness]: ZSharp in a basin of a non-convex double well
    - [FixedRhoWitness]: fixed-ρ SAM and ZSharp on the bowl, at ZSharp's constants
    - [HeavyBallWitness]: ZSharp's base optimizer on concrete instances
    - [IllConditioned]: ZSharp on an ill-conditioned diagonal quadratic
    - [PerturbationDerivativeWitness]: the perturbation's derivative at gD
    - [QuadraticBowl]: ZSharp on the quadratic bowl L(w) = ½‖w‖²
    - [SmoothWitness]: the smoothness and SAM theorems fire on the quadratic bowl
    - [TrainerWitness]: the three trainer loops at ZSharp's constants, on
    - [UpdateStabilityWitness]: stability of ZSharp's update at its constants
    - [ZSharpMomentumWitness]: the closure-use training loop at ZSharp's constants *)

From LeanSharp.Examples.Dynamics Require Export
  DoubleWellWitness FixedRhoWitness HeavyBallWitness IllConditioned PerturbationDerivativeWitness QuadraticBowl SmoothWitness TrainerWitness UpdateStabilityWitness ZSharpMomentumWitness.
