(** * LeanSharp.Theory.Robustness.All — robustness of the filtered mean and median to outliers

    Imports every file of the folder:
    - [RobustMedian]: the median survives any strict minority of outliers
    - [RobustOutlier]: a single concentrated outlier passes the Z-filter
    - [RobustSymmetric]: the Z-filter is unbiased under symmetric noise
    - [Robustness]: breakdown of the mean; what the Z-filters keep *)

From LeanSharp.Theory.Robustness Require Export
  RobustMedian RobustOutlier RobustSymmetric Robustness.
