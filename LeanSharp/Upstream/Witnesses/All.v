(** * LeanSharp.Upstream.Witnesses.All — upstream LeanSharp: witnesses of the results new to this library (geometric median, filtered means, Hessian symmetry, ...)

    Imports every file of the folder:
    - [MeasureWitnesses]: the measure-space ports fire on a measure that is not a probability
    - [NewResults]: concrete instances of upstream's new results *)

From LeanSharp.Upstream.Witnesses Require Export
  MeasureWitnesses NewResults.
