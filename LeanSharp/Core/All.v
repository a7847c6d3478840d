(** * LeanSharp.Core.All — vectors W n, statistics, finite laws, measures, probability spaces and martingales, sorting and quantiles, recursions

    Imports every file of the folder:
    - [Expectation]: probability spaces given by their expectation
    - [FiniteProb]: finite probability spaces and a stochastic gradient oracle
    - [FiniteSpace]: a finite law is a probability space
    - [Integral]: the integral against a measure, finite or not
    - [Martingale]: Doob's almost-sure convergence of L¹-bounded (super/sub)martingales
    - [Quantile]: torch.quantile's linearly interpolated p-th quantile
    - [Recursions]: step-size recursions on real sequences
    - [SmoothFunctions]: C^∞ real functions of one variable
    - [Sorting]: sorting a list of reals, order statistics, counting
    - [Stats]: mean, variance and standard deviation of a vector
    - [Upcrossing]: upcrossings of a real sequence, and convergence when they are bounded
    - [Vec]: the parameter space [W n] = R^n *)

From LeanSharp.Core Require Export
  Expectation FiniteProb FiniteSpace Integral Martingale Quantile Recursions SmoothFunctions Sorting Stats Upcrossing Vec.
