(** * LeanSharp.Upstream.Robustness.All — upstream LeanSharp: breakdown points, the geometric median, Z-filtered means, filter bias, PAC-Bayes

    Imports every file of the folder:
    - [BreakdownPoint]: upstream LeanSharp/Theory/Robustness/BreakdownPoint.lean
    - [ComparisonResults]: upstream LeanSharp/Theory/Robustness/ComparisonResults.lean
    - [FilterBias]: upstream LeanSharp/Theory/Robustness/FilterBias.lean
    - [FilteredMeanBasic]: upstream LeanSharp/Theory/Robustness/FilteredMeanProps/Basic.lean
    - [FilteredMeanRobustness]: upstream LeanSharp/Theory/Robustness/FilteredMeanProps/Robustness.lean
    - [MedianBreakdown]: upstream LeanSharp/Theory/Robustness/MedianComparison/Breakdown.lean
    - [MedianCore]: upstream LeanSharp/Theory/Robustness/MedianComparison/Core.lean
    - [PacBayes]: upstream LeanSharp/Theory/Robustness/PacBayes.lean
    - [SensitivityBounds]: upstream LeanSharp/Theory/Robustness/SensitivityBounds.lean *)

From LeanSharp.Upstream.Robustness Require Export
  BreakdownPoint ComparisonResults FilterBias FilteredMeanBasic FilteredMeanRobustness MedianBreakdown MedianCore PacBayes SensitivityBounds.
