(** * LeanSharp.Upstream.Witnesses.All — upstream LeanSharp: witnesses of the results new to this library (geometric median, filtered means, Hessian symmetry, ...)

    Imports every file of the folder:
    - [NewResults]: concrete instances of upstream's new results *)

From LeanSharp.Upstream.Witnesses Require Export
  NewResults.
