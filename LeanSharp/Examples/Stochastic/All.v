(** * LeanSharp.Examples.Stochastic.All — witnesses of the stochastic theorems with really random noise

    Imports every file of the folder:
    - [ClippedHeavyTailWitness]: the clipped heavy-tail rate at ZSharp's constants
    - [DoobWitness]: Doob's theorem fires on a random martingale
    - [HighProbabilityWitness]: tail bounds for stochastic ZSharp at its constants
    - [LeCamWitness]: the two-point minimax lower bound is positive
    - [LowerBoundsWitness]: the stochastic lower bound fires, and is tight
    - [NetworkDynamicsWitness]: ZSharp's dynamics theorems fire at ZSharp's constants
    - [NetworkMaskInstances]: the "any 0/1 mask" theorems at a point where ZSharp filters
    - [StochasticWitness]: non-vacuity of the stochastic results *)

From LeanSharp.Examples.Stochastic Require Export
  ClippedHeavyTailWitness DoobWitness HighProbabilityWitness LeCamWitness LowerBoundsWitness NetworkDynamicsWitness NetworkMaskInstances StochasticWitness.
