(** * LeanSharp.Filter.All — the Z-score mask, ZSharp's network rule and their counting and invariance facts

    Imports every file of the folder:
    - [FilterDiscontinuity]: the idealised Z-filter is not Lipschitz in g
    - [HardThreshold]: hard thresholding is idempotent, bounded, NOT Lipschitz
    - [Invariance]: the Z-score masks are affine invariant (SPEC §2.7)
    - [Mask]: 0/1 masks and the filtered gradient g ⊙ m
    - [NetworkMask]: ZSharp's rule over all layers, as one mask on W N
    - [TopK]: the top-k mask, exactly k components, ties by lowest index
    - [ZMask]: the idealised Z-score masks and the filtered gradient
    - [ZMaskCount]: how many components the idealised Z-filter keeps
    - [ZSharpRule]: ZSharp's actual filtering rule over a list of layers
    - [ZSharpRuleCount]: how many components ZSharp's actual rule keeps *)

From LeanSharp.Filter Require Export
  FilterDiscontinuity HardThreshold Invariance Mask NetworkMask TopK ZMask ZMaskCount ZSharpRule ZSharpRuleCount.
