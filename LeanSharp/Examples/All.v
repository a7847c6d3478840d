(** * LeanSharp.Examples.All — every file of [Examples/], folder by folder

    - [Models]: the concrete models every witness file shares (the bowl, the two-point law, ZSharp's constants)
    - [Alignment/]: witnesses of the alignment theorems
    - [Dynamics/]: witnesses of the dynamics theorems at ZSharp's constants
    - [Filter/]: witnesses where ZSharp's mask drops components
    - [Generalization/]: witnesses of the generalization bounds
    - [Layers/]: witnesses of the layer certificates
    - [Robustness/]: witnesses of the robustness theorems
    - [Stochastic/]: witnesses of the stochastic theorems with really random noise *)

From LeanSharp.Examples Require Export Models.
From LeanSharp.Examples.Alignment Require Export All.
From LeanSharp.Examples.Dynamics Require Export All.
From LeanSharp.Examples.Filter Require Export All.
From LeanSharp.Examples.Generalization Require Export All.
From LeanSharp.Examples.Layers Require Export All.
From LeanSharp.Examples.Robustness Require Export All.
From LeanSharp.Examples.Stochastic Require Export All.
