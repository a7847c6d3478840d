(** * LeanSharp.Layers.Network.Normalization — LayerNorm and BatchNorm: invariances and boundedness

    Definitions (μ, σ² the population mean and variance of [Core.Stats])
    - [layernorm n ε x]_i = (x_i − μ(x)) / √(σ²(x) + ε)
    - a batch of B samples with d features is [X : nat -> nat -> R], sample b is the row
      [X b], feature k is the column [col X k] = (X b k)_{b<B};
      [batchnorm B ε X b k] = (X_bk − μ(col k)) / √(σ²(col k) + ε), i.e. the LayerNorm
      of each feature column over the batch.

    Main results
    - [layernorm_shift_invariant] (headline): LN_ε(x + c·1) = LN_ε(x) for every ε and c
    - [layernorm_scale_invariant] (headline): LN_0(a x) = LN_0(x) for every a > 0
      (no hypothesis σ > 0 is needed: when σ = 0 both sides are 0, Coq's x/0 = 0)
    - [layernorm_norm2], [layernorm_norm_le]: ‖LN_ε(x)‖² = nσ²/(σ² + ε) ≤ n, so
      ‖LN_ε(x)‖ ≤ √n for every ε ≥ 0 (LayerNorm is bounded)
    - [batchnorm_shift_invariant]: adding a per-feature constant c_k to every sample leaves
      BN_ε unchanged;  [batchnorm_scale_invariant]: so does a per-feature scaling a_k > 0
      when ε = 0;  [batchnorm_col_norm_le]: every output feature column has norm ≤ √B
    - Note: for ε > 0, LN_ε is NOT scale invariant (LN_ε(a x) → LN_0(x) only as a → ∞);
      the Lipschitz constant 2/√ε for ε > 0 is in [Layers.Network.NormLipschitz], the line-wise C²
      part and full certificate in [Layers.Network.LayerNormC2], BatchNorm's certificate on the
      flattened batch in [Layers.Network.BatchNormCertificate]. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask Invariance.
Open Scope R_scope.

Definition layernorm (n : nat) (eps : R) (x : nat -> R) : nat -> R :=
  fun i => (x i - mean n x) / sqrt (var n x + eps).

Definition col (X : nat -> nat -> R) (k : nat) : nat -> R := fun b => X b k.

Definition batchnorm (B : nat) (eps : R) (X : nat -> nat -> R) : nat -> nat -> R :=
  fun b k => layernorm B eps (col X k) b.

(** ** Statistics under shifts and scalings *)

Lemma var_sd n g : var n g = sd n g * sd n g.
Proof. now rewrite sd_sqr. Qed.

Lemma var_shift n b g : var n (vshift b g) = var n g.
Proof. rewrite !var_sd, sd_shift. reflexivity. Qed.

Lemma var_scale n a g : var n (vscale a g) = a * a * var n g.
Proof.
  rewrite !var_sd, sd_scale.
  replace (Rabs a * sd n g * (Rabs a * sd n g)) with (Rabs a * Rabs a * (sd n g * sd n g)) by ring.
  rewrite <- Rabs_mult, Rabs_pos_eq by apply Rle_0_sqr. reflexivity.
Qed.

(** ** LayerNorm invariances *)

(** LayerNorm is invariant to adding a constant to every component, for every ε:
    (x_i + c) − μ(x + c) = x_i − μ(x) and σ²(x + c) = σ²(x). *)
Theorem layernorm_shift_invariant n eps c x i :
  (i < n)%nat -> layernorm n eps (vshift c x) i = layernorm n eps x i.
Proof.
  intros Hi. unfold layernorm. rewrite var_shift, mean_shift by lia.
  unfold vshift. f_equal. ring.
Qed.

Lemma div_scale_cancel a y s : a <> 0 -> a * y / (a * s) = y / s.
Proof.
  intros Ha. unfold Rdiv. rewrite Rinv_mult.
  replace (a * y * (/ a * / s)) with ((a * / a) * (y * / s)) by ring.
  rewrite Rinv_r by exact Ha. ring.
Qed.

(** LayerNorm without ε is invariant to positive scaling: (a x_i − a μ)/(a σ) = (x_i − μ)/σ. *)
Theorem layernorm_scale_invariant n a x i :
  0 < a -> layernorm n 0 (vscale a x) i = layernorm n 0 x i.
Proof.
  intros Ha. unfold layernorm. rewrite var_scale, mean_scale, !Rplus_0_r.
  rewrite sqrt_mult_alt by (apply Rle_0_sqr). rewrite sqrt_square by lra.
  unfold vscale. rewrite <- Rmult_minus_distr_l. apply div_scale_cancel. lra.
Qed.

(** ** LayerNorm is bounded *)

Theorem layernorm_norm2 n eps x :
  0 <= eps -> norm2 n (layernorm n eps x) = ssd n x / (var n x + eps).
Proof.
  intros He. pose proof (var_nonneg n x).
  unfold norm2, inner, layernorm, ssd.
  set (s := sqrt (var n x + eps)).
  assert (Hs : s * s = var n x + eps) by (apply sqrt_sqrt; lra).
  unfold Rdiv. rewrite <- Hs, Rmult_comm, <- vsum_scal. apply vsum_ext. intros i _.
  unfold Rsqr. rewrite Rinv_mult. ring.
Qed.

(** ‖LN_ε(x)‖² = nσ²/(σ² + ε) ≤ n, hence ‖LN_ε(x)‖ ≤ √n, for every ε ≥ 0. *)
Theorem layernorm_norm2_le n eps x : 0 <= eps -> norm2 n (layernorm n eps x) <= INR n.
Proof.
  intros He. rewrite layernorm_norm2 by exact He. rewrite <- n_var.
  pose proof (var_nonneg n x). pose proof (pos_INR n).
  destruct (Req_dec (var n x + eps) 0) as [Hz|Hz].
  - rewrite Hz. unfold Rdiv. rewrite Rinv_0. lra.
  - apply Rle_trans with (INR n * (var n x + eps) / (var n x + eps)).
    + unfold Rdiv. apply Rmult_le_compat_r; [apply Rlt_le, Rinv_0_lt_compat; lra | nra].
    + right. field. exact Hz.
Qed.

Theorem layernorm_norm_le n eps x : 0 <= eps -> norm n (layernorm n eps x) <= sqrt (INR n).
Proof. intros He. apply sqrt_le_1_alt, layernorm_norm2_le, He. Qed.

(** ** BatchNorm *)

(** Adding a per-feature constant c_k to every sample leaves BatchNorm unchanged. *)
Theorem batchnorm_shift_invariant B eps (c : nat -> R) X b k :
  (b < B)%nat ->
  batchnorm B eps (fun b' k' => X b' k' + c k') b k = batchnorm B eps X b k.
Proof.
  intros Hb. unfold batchnorm. rewrite <- (layernorm_shift_invariant B eps (c k) (col X k) b Hb).
  reflexivity.
Qed.

(** With ε = 0, a per-feature positive scaling a_k > 0 leaves BatchNorm unchanged. *)
Theorem batchnorm_scale_invariant B (a : nat -> R) X b k :
  0 < a k -> batchnorm B 0 (fun b' k' => a k' * X b' k') b k = batchnorm B 0 X b k.
Proof.
  intros Ha. unfold batchnorm. rewrite <- (layernorm_scale_invariant B (a k) (col X k) b Ha).
  reflexivity.
Qed.

Theorem batchnorm_col_norm_le B eps X k :
  0 <= eps -> norm B (col (batchnorm B eps X) k) <= sqrt (INR B).
Proof. intros He. apply (layernorm_norm_le B eps (col X k) He). Qed.
