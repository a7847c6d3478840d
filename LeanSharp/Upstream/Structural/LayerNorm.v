(** * LeanSharp.Upstream.Structural.LayerNorm — upstream LeanSharp/Layers/Normalization/LayerNorm.lean

    Translates upstream's LayerNorm layer (the translation of notions is the one of
    [Upstream.All]):
    - upstream's parameters [W (NormParam ι)] = W (ι ⊕ ι) (scale γ, then shift β) are a
      vector of W (2n): γ_i at index i and β_i at index n + i, for i < n;
    - [vectorNormalize x ε]_i = (1/√(σ²(x) + ε))(x_i − μ(x)) is the library's
      [Normalization.layernorm n ε x i] = (x_i − μ)/√(σ² + ε) (the same real:
      [layernorm_eq_normalize]);
    - [layernormForward w x ε]_i = γ_i · vectorNormalize(x)_i + β_i;
    - [vectorMean] is [mean n].

    Equal: layernorm_mean_zero (for every n: upstream's [Nonempty ι] is not needed, the
    mean of the empty vector being 0 on both sides).
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Layers.Network Require Import Normalization.
Open Scope R_scope.

(** Upstream's LayerNorm forward pass with parameters w = (γ, β) ∈ W (2n). *)
Definition layernormForward (n : nat) (w x : nat -> R) (eps : R) : nat -> R :=
  fun i => w i * layernorm n eps x i + w (n + i)%nat.

(** The identity parameters γ = 1, β = 0. *)
Definition layernorm_w_id (n : nat) : nat -> R := fun j => if Nat.ltb j n then 1 else 0.

Lemma layernorm_eq_normalize n eps x i :
  layernorm n eps x i = 1 / sqrt (var n x + eps) * (x i - mean n x).
Proof. unfold layernorm. unfold Rdiv. ring. Qed.

(** [layernorm_mean_zero]: with γ = 1 and β = 0 the LayerNorm output has mean 0. *)
Theorem layernorm_mean_zero n (x : W n) eps :
  mean n (layernormForward n (layernorm_w_id n) x eps) = 0.
Proof.
  unfold mean. replace (vsum n _) with (/ sqrt (var n x + eps) * vsum n (fun i => x i - mean n x)).
  - rewrite sum_centered. unfold Rdiv. ring.
  - rewrite <- vsum_scal. apply vsum_ext. intros i Hi.
    unfold layernormForward, layernorm_w_id, layernorm.
    replace (Nat.ltb i n) with true by (symmetry; apply Nat.ltb_lt; exact Hi).
    replace (Nat.ltb (n + i) n) with false by (symmetry; apply Nat.ltb_ge; lia).
    unfold Rdiv. ring.
Qed.
