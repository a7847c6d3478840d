(** * LeanSharp.Upstream.Structural.FilterAlgebra — upstream LeanSharp/Theory/Structural/FilterAlgebra.lean

    Translates the coordinate algebra of upstream's Z-score filter (the translation of
    notions is the one of [Upstream.All]). Upstream's notions, read in the library:
    - [zScoreMask g z] (keep i when |g_i − μ| ≤ zσ, population σ) is [ZMask.inlier_mask n z g];
    - [filteredGradient g z] = g ⊙ zScoreMask g z is [hadamard g (inlier_mask n z g)]
      (the local notation [filteredGradient n g z] below);
    - [vectorMean], [vectorStd] are [mean n], [sd n]; [k • g] is [vscale k g].
    Upstream's vector equalities are equalities of functions on ι: here they are stated on
    [0, n), or as equalities of functions [nat -> R] where they hold everywhere.

    Equal: filtered_gradient_coord_eq_mask_mul, filtered_gradient_coord_preservation,
    filtered_gradient_zero_of_outlier, single_outlier_extraction (the outlier index i need
    not be < n), z_score_mask_scale_invariance (equality of functions on all of nat).
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask Invariance.
Open Scope R_scope.

Local Notation filteredGradient n g z := (hadamard g (inlier_mask n z g%function)).

(** [filtered_gradient_coord_eq_mask_mul]: (g ⊙ m(g))_i = m(g)_i · g_i. *)
Theorem filtered_gradient_coord_eq_mask_mul n (g : W n) z i :
  filteredGradient n g z i = inlier_mask n z g i * g i.
Proof. unfold hadamard. ring. Qed.

(** [filtered_gradient_coord_preservation]: a kept component is unchanged. *)
Theorem filtered_gradient_coord_preservation n (g : W n) z i :
  inlier_mask n z g i = 1 -> filteredGradient n g z i = g i.
Proof. intros H. unfold hadamard. rewrite H. ring. Qed.

(** [filtered_gradient_zero_of_outlier]: zσ < |g_i − μ| ⇒ (g ⊙ m(g))_i = 0. *)
Theorem filtered_gradient_zero_of_outlier n (g : W n) z i :
  z * sd n g < Rabs (g i - mean n g) -> filteredGradient n g z i = 0.
Proof. intros H. unfold hadamard, inlier_mask. rewrite dev_le_mask_0 by exact H. ring. Qed.

(** [single_outlier_extraction]: μ = 0, one outlier i (zσ < |g_i|), every other
    component inside (|g_j| ≤ zσ) ⇒ the filtered gradient is g with g_i set to 0. *)
Theorem single_outlier_extraction n (g : W n) z i :
  mean n g = 0 -> z * sd n g < Rabs (g i) ->
  (forall j, (j < n)%nat -> j <> i -> Rabs (g j) <= z * sd n g) ->
  forall j, (j < n)%nat -> filteredGradient n g z j = if Nat.eq_dec j i then 0 else g j.
Proof.
  intros Hmu Hout Hoth j Hj. destruct (Nat.eq_dec j i) as [->|Hne].
  - apply filtered_gradient_zero_of_outlier. rewrite Hmu, Rminus_0_r. exact Hout.
  - apply filtered_gradient_coord_preservation. unfold inlier_mask.
    apply dev_le_mask_1. rewrite Hmu, Rminus_0_r. exact (Hoth j Hj Hne).
Qed.

(** [z_score_mask_scale_invariance]: k ≠ 0 ⇒ m(k g) = m(g) (as functions). *)
Theorem z_score_mask_scale_invariance n (g : W n) z k :
  k <> 0 -> inlier_mask n z (vscale k g) = inlier_mask n z g.
Proof.
  intros Hk. apply functional_extensionality. intros i.
  pose proof (Rabs_pos_lt k Hk).
  unfold inlier_mask, dev_le_mask. rewrite mean_scale, sd_scale. unfold vscale.
  replace (k * g i - k * mean n g) with (k * (g i - mean n g)) by ring. rewrite Rabs_mult.
  destruct (Rle_dec (Rabs k * Rabs (g i - mean n g)) (z * (Rabs k * sd n g))),
    (Rle_dec (Rabs (g i - mean n g)) (z * sd n g)); try reflexivity; exfalso; nra.
Qed.
