(** * LeanSharp.Examples.Filter.All — witnesses where ZSharp's mask drops components

    Imports every file of the folder:
    - [FallbackWitness]: ZSharp's fallback fires, with no tie for torch.topk
    - [FilterWitness]: concrete instances of the idealised Z-filter results
    - [NetworkMaskWitness]: two networks where ZSharp's mask really filters
    - [OutlierMaskWitness]: ZSharp's one-layer mask keeps only the outlier
    - [ZScoreLimitWitness]: the coverage of the oracle Z-mask on a symmetric law
    - [ZSharpRuleWitness]: ZSharp's actual rule on concrete gradients *)

From LeanSharp.Examples.Filter Require Export
  FallbackWitness FilterWitness NetworkMaskWitness OutlierMaskWitness ZScoreLimitWitness ZSharpRuleWitness.
