(** * LeanSharp.Theory.Alignment.All — alignment of the filtered gradient with the true one, and its noise sensitivity

    Imports every file of the folder:
    - [Alignment]: the alignment condition and geometric convergence
    - [AlignmentBridges]: when is the FILTERED gradient aligned?
    - [SignalNoise]: sensitivity of the Z-score statistics and mask to additive noise *)

From LeanSharp.Theory.Alignment Require Export
  Alignment AlignmentBridges SignalNoise.
