(** * LeanSharp.Upstream.Structural.All — upstream LeanSharp: filter algebra, hard thresholding, update stability, chains, LayerNorm

    Imports every file of the folder:
    - [ChainStability]: upstream LeanSharp/Theory/Structural/ChainStability.lean
    - [FilterAlgebra]: upstream LeanSharp/Theory/Structural/FilterAlgebra.lean
    - [HardThresholding]: upstream LeanSharp/Theory/Structural/HardThresholding.lean
    - [LayerNorm]: upstream LeanSharp/Layers/Normalization/LayerNorm.lean
    - [StabilityProperties]: upstream LeanSharp/Theory/Structural/StabilityProperties.lean *)

From LeanSharp.Upstream.Structural Require Export
  ChainStability FilterAlgebra HardThresholding LayerNorm StabilityProperties.
