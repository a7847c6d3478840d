(** * LeanSharp.Layers.Transformer.All — attention and the pre-LN transformer block

    Imports every file of the folder:
    - [Attention]: scaled dot-product attention is permutation-equivariant
    - [AttentionCertificate]: a certificate for attention in its query
    - [AttentionLipschitz]: self-attention is Lipschitz on token sequences of bounded rows
    - [AttentionNonLipschitz]: self-attention has no global Lipschitz certificate
    - [TokenMatrix]: the Frobenius norm on sequences of tokens
    - [TransformerBlock]: the pre-LayerNorm transformer block is permutation-equivariant
    - [TransformerLipschitz]: a Lipschitz certificate for the pre-LN transformer block *)

From LeanSharp.Layers.Transformer Require Export
  Attention AttentionCertificate AttentionLipschitz AttentionNonLipschitz TokenMatrix TransformerBlock TransformerLipschitz.
