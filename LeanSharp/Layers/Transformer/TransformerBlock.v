(** * LeanSharp.Layers.Transformer.TransformerBlock — the pre-LayerNorm transformer block is permutation-equivariant

    A sequence of L tokens with d features is X : nat -> nat -> R (row l = token l).
    The pre-LN block (single head, value/output projection W_V : d × d):
        Y = X + Attn(LN(X)),       Z = Y + MLP(LN(Y)),
    LayerNorm and the MLP act on every token separately, Attn is dot-product
    self-attention ([Attention.self_attention]) with W_Q, W_K : d × dk.

    Definitions
    - [ln_rows d ε X]_l = LN_ε(X_l);  [rows f X]_l = f(X_l) for a per-token map f
    - [attn_sublayer L d dk ε W_Q W_K W_V X] = X + Attn(LN(X))
    - [mlp_sublayer d ε f Y] = Y + f(LN(Y))    (f any per-token map, e.g. [mlp])
    - [tblock L d dk ε W_Q W_K W_V f X] = mlp_sublayer (attn_sublayer X)
    - [mlp d h W1 b1 W2 b2 σ y] = W2 σ(W1 y + b1) + b2   (a two-layer perceptron per token)

    Main results
    - [attn_sublayer_perm_equivariant]: permuting the tokens of X permutes the rows of
      X + Attn(LN(X))  (from [Attention.self_attention_perm_equivariant])
    - [mlp_sublayer_perm_equivariant]: any token-wise map commutes with permutations
    - [tblock_perm_equivariant] (headline): for every permutation π of [0, L),
          tblock(πX)_l = tblock(X)_{π l}
      for every per-token map f, every ε and all weights;
      [tblock_mlp_perm_equivariant]: the same with the two-layer perceptron. *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Layers.Network Require Import Linear Activation Normalization.
From LeanSharp.Layers.Transformer Require Import Attention.
Open Scope R_scope.

Definition ln_rows (d : nat) (eps : R) (X : nat -> nat -> R) : nat -> nat -> R :=
  fun l => layernorm d eps (X l).

Definition rows (f : (nat -> R) -> (nat -> R)) (X : nat -> nat -> R) : nat -> nat -> R :=
  fun l => f (X l).

Definition madd (X Y : nat -> nat -> R) : nat -> nat -> R := fun l c => X l c + Y l c.

Definition attn_sublayer (L d dk : nat) (eps : R) (WQ WK WV : nat -> nat -> R)
    (X : nat -> nat -> R) : nat -> nat -> R :=
  madd X (self_attention L d dk WQ WK WV (ln_rows d eps X)).

Definition mlp_sublayer (d : nat) (eps : R) (f : (nat -> R) -> (nat -> R))
    (Y : nat -> nat -> R) : nat -> nat -> R :=
  madd Y (rows f (ln_rows d eps Y)).

Definition tblock (L d dk : nat) (eps : R) (WQ WK WV : nat -> nat -> R)
    (f : (nat -> R) -> (nat -> R)) (X : nat -> nat -> R) : nat -> nat -> R :=
  mlp_sublayer d eps f (attn_sublayer L d dk eps WQ WK WV X).

Definition mlp (d h : nat) (W1 : nat -> nat -> R) (b1 : nat -> R) (W2 : nat -> nat -> R)
    (b2 : nat -> R) (sigma : R -> R) (y : nat -> R) : nat -> R :=
  linear h W2 b2 (act sigma (linear d W1 b1 y)).

(** ** Equivariance *)

Lemma ln_rows_prows d eps pi X : ln_rows d eps (prows pi X) = prows pi (ln_rows d eps X).
Proof. reflexivity. Qed.

Lemma rows_prows f pi X : rows f (prows pi X) = prows pi (rows f X).
Proof. reflexivity. Qed.

Theorem attn_sublayer_perm_equivariant L d dk eps WQ WK WV pi pinv X :
  is_perm L pi pinv ->
  attn_sublayer L d dk eps WQ WK WV (prows pi X) = prows pi (attn_sublayer L d dk eps WQ WK WV X).
Proof.
  intros H. apply functional_extensionality. intros l. apply functional_extensionality. intros c.
  unfold attn_sublayer, madd, prows at 1. rewrite ln_rows_prows.
  rewrite (self_attention_perm_equivariant L d dk pi pinv) by exact H. reflexivity.
Qed.

Theorem mlp_sublayer_perm_equivariant d eps f pi Y :
  mlp_sublayer d eps f (prows pi Y) = prows pi (mlp_sublayer d eps f Y).
Proof. reflexivity. Qed.

(** The pre-LN block is permutation-equivariant: tblock(πX)_l = tblock(X)_{π l}. *)
Theorem tblock_perm_equivariant L d dk eps WQ WK WV f pi pinv X l c :
  is_perm L pi pinv ->
  tblock L d dk eps WQ WK WV f (prows pi X) l c = tblock L d dk eps WQ WK WV f X (pi l) c.
Proof.
  intros H. unfold tblock. rewrite (attn_sublayer_perm_equivariant L d dk eps WQ WK WV pi pinv X H).
  rewrite mlp_sublayer_perm_equivariant. reflexivity.
Qed.

Corollary tblock_mlp_perm_equivariant L d dk h eps WQ WK WV W1 b1 W2 b2 sigma pi pinv X l c :
  is_perm L pi pinv ->
  tblock L d dk eps WQ WK WV (mlp d h W1 b1 W2 b2 sigma) (prows pi X) l c
  = tblock L d dk eps WQ WK WV (mlp d h W1 b1 W2 b2 sigma) X (pi l) c.
Proof. apply tblock_perm_equivariant. Qed.
