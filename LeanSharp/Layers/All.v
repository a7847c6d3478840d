(** * LeanSharp.Layers.All — every file of [Layers/], folder by folder

    - [Network/]: the stability-certificate framework and feed-forward layers
    - [Transformer/]: attention and the pre-LN transformer block *)

From LeanSharp.Layers.Network Require Export All.
From LeanSharp.Layers.Transformer Require Export All.
