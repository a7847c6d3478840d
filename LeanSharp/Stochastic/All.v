(** * LeanSharp.Stochastic.All — finite-law noise models: rates in expectation and in probability, lower bounds, heavy tails

    Imports every file of the folder:
    - [ClippedHeavyTail]: clipped stochastic ZSharp under heavy-tailed noise
    - [HeavyTails]: a heavy-tailed noise with infinite variance, and what survives
    - [HighProbability]: convergence in probability, for every T
    - [LeCam]: a minimax lower bound for every algorithm that sees T noisy gradients
    - [LowerBounds]: the O(1/T) stochastic rate cannot be improved
    - [NoisyFilter]: stochastic ZSharp with the noise passing through the filter
    - [NoisyFilterNonConvex]: the non-convex rate of stochastic ZSharp, noise through the filter
    - [Schedules]: learning-rate schedules
    - [StronglyConvexRate]: O(1/T) expected convergence of stochastic (filtered) SAM
    - [UniformDraws]: uniform index draws and expectations over histories
    - [UniformStability]: ZSharp and SGD are uniformly stable; their generalization gap
    - [ZScoreLimit]: the Z-score mask as the layer grows (finite n, oracle normalisation) *)

From LeanSharp.Stochastic Require Export
  ClippedHeavyTail HeavyTails HighProbability LeCam LowerBounds NoisyFilter NoisyFilterNonConvex Schedules StronglyConvexRate UniformDraws UniformStability ZScoreLimit.
