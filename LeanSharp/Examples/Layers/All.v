(** * LeanSharp.Examples.Layers.All — witnesses of the layer certificates

    Imports every file of the folder:
    - [DiffusionWitness]: the sampler of a Gaussian diffusion model
    - [LayersWitness]: concrete instances of the tier-3 layer theorems
    - [TransformerWitness]: the pre-LN block on two tokens, tokens swapped *)

From LeanSharp.Examples.Layers Require Export
  DiffusionWitness LayersWitness TransformerWitness.
