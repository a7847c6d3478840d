(** * LeanSharp.Theory.Generalization.All — KL, PAC-Bayes and uniform-stability generalization bounds

    Imports every file of the folder:
    - [KL]: Kullback–Leibler divergence, Gibbs and Donsker–Varadhan
    - [PACBayes]: change-of-measure PAC-Bayes bounds with a sharpness term
    - [PACBayesZSharp]: ZSharp's first-order sharpness term versus SAM's
    - [Pinsker]: Pinsker's inequality on finite laws
    - [StabilityGeneralization]: uniform stability bounds the generalization gap
    - [TotalVariation]: total variation, overlap and Bretagnolle–Huber *)

From LeanSharp.Theory.Generalization Require Export
  KL PACBayes PACBayesZSharp Pinsker StabilityGeneralization TotalVariation.
