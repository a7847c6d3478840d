(** * LeanSharp.Core.All — vectors W n, statistics, finite laws, measures and probability spaces, sorting and quantiles, recursions

    Imports every file of the folder:
    - [Expectation]: probability spaces given by their expectation
    - [FiniteProb]: finite probability spaces and a stochastic gradient oracle
    - [FiniteSpace]: a finite law is a probability space
    - [Integral]: the integral against a measure, finite or not
    - [Quantile]: torch.quantile's linearly interpolated p-th quantile
    - [Recursions]: step-size recursions on real sequences
    - [Sorting]: sorting a list of reals, order statistics, counting
    - [Stats]: mean, variance and standard deviation of a vector
    - [Vec]: the parameter space [W n] = R^n *)

From LeanSharp.Core Require Export
  Expectation FiniteProb FiniteSpace Integral Quantile Recursions Sorting Stats Vec.
