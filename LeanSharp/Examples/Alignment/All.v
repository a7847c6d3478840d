(** * LeanSharp.Examples.Alignment.All — witnesses of the alignment theorems

    Imports every file of the folder:
    - [AlignmentBridgesWitness]: the filtered gradient stays aligned where ZSharp's mask drops
    - [SignalNoiseWitness]: signal survives, noise is dropped, under random noise *)

From LeanSharp.Examples.Alignment Require Export
  AlignmentBridgesWitness SignalNoiseWitness.
