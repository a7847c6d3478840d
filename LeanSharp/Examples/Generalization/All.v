(** * LeanSharp.Examples.Generalization.All — witnesses of the generalization bounds

    Imports every file of the folder:
    - [GeneralizationWitness]: concrete instances of the §2.5 theorems
    - [StabilityWitness]: the generalization bound of ZSharp/SGD on a concrete loss *)

From LeanSharp.Examples.Generalization Require Export
  GeneralizationWitness StabilityWitness.
