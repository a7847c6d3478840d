(** * LeanSharp.Upstream.Core.All — upstream LeanSharp: statistics, filters, the objective, Taylor bounds, the landscape

    Imports every file of the folder:
    - [Filters]: upstream LeanSharp/Core/Filters.lean
    - [Landscape]: upstream LeanSharp/Core/Landscape.lean
    - [Multilinear]: upstream LeanSharp/Core/Taylor/Multilinear.lean
    - [Objective]: upstream LeanSharp/Core/Objective.lean
    - [SamBounds]: upstream LeanSharp/Core/Taylor/SamBounds.lean
    - [SmoothDescent]: upstream LeanSharp/Core/Taylor/SmoothDescent.lean
    - [Stats]: upstream LeanSharp/Core/Stats.lean
    - [StatsBounds]: upstream LeanSharp/Core/StatsBounds.lean *)

From LeanSharp.Upstream.Core Require Export
  Filters Landscape Multilinear Objective SamBounds SmoothDescent Stats StatsBounds.
