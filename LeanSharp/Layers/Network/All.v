(** * LeanSharp.Layers.Network.All — the stability-certificate framework and feed-forward layers

    Imports every file of the folder:
    - [Activation]: elementwise activations and their certificates
    - [BatchNormCertificate]: BatchNorm (ε > 0) as a certified map
    - [Certificate]: Lipschitz maps, line-wise C², stability certificates
    - [Chain]: layers, chains of layers, and the chain certificate
    - [Compose]: full stability certificates compose along a chain
    - [DiffusionSampler]: pathwise stability of a diffusion model's sampler
    - [LayerLibrary]: every line-C² map is a layer with a correct JVP
    - [LayerNormC2]: C² functions of one variable; LayerNorm's certificate
    - [Linear]: the linear (affine) layer x ↦ A x + b and its certificate
    - [NormLipschitz]: LayerNorm with ε > 0 is (2/√ε)-Lipschitz
    - [Normalization]: LayerNorm and BatchNorm: invariances and boundedness
    - [Softmax]: softmax: a probability vector, shift invariant, 1-Lipschitz *)

From LeanSharp.Layers.Network Require Export
  Activation BatchNormCertificate Certificate Chain Compose DiffusionSampler LayerLibrary LayerNormC2 Linear NormLipschitz Normalization Softmax.
