(** * LeanSharp.Theory.All — every file of [Theory/], folder by folder

    - [Alignment/]: alignment of the filtered gradient with the true one, and its noise sensitivity
    - [Dynamics/]: deterministic dynamics: ZSharp's ball, momentum, the trainer as written, non-convex rates, the ρ floor
    - [Generalization/]: KL, PAC-Bayes and uniform-stability generalization bounds
    - [Robustness/]: robustness of the filtered mean and median to outliers *)

From LeanSharp.Theory.Alignment Require Export All.
From LeanSharp.Theory.Dynamics Require Export All.
From LeanSharp.Theory.Generalization Require Export All.
From LeanSharp.Theory.Robustness Require Export All.
