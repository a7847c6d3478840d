(** * LeanSharp.Upstream.Core.Filters — upstream LeanSharp/Core/Filters.lean

    Translates upstream's Z-score mask and filtered gradient. The translation of notions is
    the one of [Upstream/All.v]; file-specific choices:
    - upstream [zScoreMask g z] keeps i iff |g_i − μ| ≤ z·σ with the population σ: it is
      the library's inlier mask [ZMask.inlier_mask n z g] (NOT [ZMask.sig_mask], which
      keeps |g_i − μ| ≥ tσ); [filteredGradient g z] = g ⊙ zScoreMask g z; upstream's
      [hadamard] is the library's [Mask.hadamard].
    - A vector equality in W ι is agreement on [0, n) (the library's convention), except
      [zscore_mask_idempotent], proved as an equality of functions; [Nonempty ι] is 0 < n,
      dropped where the statement holds for n = 0 too.

    Equal: norm_sq_filtered_gradient_le, norm_filtered_gradient_le, zscore_mask_nonempty,
      filtered_gradient_eq_self_of_std_zero, zscore_mask_idempotent.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Theory.Robustness Require Import Robustness.
From LeanSharp.Upstream.Core Require Import Stats.
Open Scope R_scope.

(** zScoreMask g z: 1 where |g_i − μ| ≤ zσ, else 0. *)
Definition zScoreMask (n : nat) (g : W n) (z : R) : W n := inlier_mask n z g.

(** filteredGradient g z = g ⊙ zScoreMask g z. *)
Definition filteredGradient (n : nat) (g : W n) (z : R) : W n := hadamard g (zScoreMask n g z).

Lemma zScoreMask_is_mask n g z : is_mask n (zScoreMask n g z).
Proof. apply inlier_mask_is_mask. Qed.

(** [norm_sq_filtered_gradient_le]: ‖filteredGradient g z‖² ≤ ‖g‖². *)
Theorem norm_sq_filtered_gradient_le n (g : W n) (z : R) :
  norm n (filteredGradient n g z) ^ 2 <= norm n g ^ 2.
Proof. rewrite <- !norm2_norm. apply norm2_filtered_le, zScoreMask_is_mask. Qed.

(** [norm_filtered_gradient_le]: ‖filteredGradient g z‖ ≤ ‖g‖. *)
Theorem norm_filtered_gradient_le n (g : W n) (z : R) : norm n (filteredGradient n g z) <= norm n g.
Proof. apply norm_filtered_le, zScoreMask_is_mask. Qed.

(** [zscore_mask_nonempty]: n ≥ 1, z ≥ 1 ⇒ the mask keeps some component. *)
Theorem zscore_mask_nonempty n (g : W n) (z : R) :
  (0 < n)%nat -> 1 <= z -> exists i, (i < n)%nat /\ zScoreMask n g z i = 1.
Proof.
  intros Hn Hz. destruct (exists_dev_le_sd n g Hn) as [i [Hi Hd]].
  exists i. split; [exact Hi|]. apply dev_le_mask_1. pose proof (sd_nonneg n g). nra.
Qed.

(** [filtered_gradient_eq_self_of_std_zero]: σ(g) = 0 ⇒ filteredGradient g z = g. *)
Theorem filtered_gradient_eq_self_of_std_zero n (g : W n) (z : R) :
  vectorStd n g = 0 -> forall i, (i < n)%nat -> filteredGradient n g z i = g i.
Proof.
  intros Hs i Hi. assert (Hv : var n g = 0) by (rewrite <- sd_sqr, Hs; ring).
  pose proof (eq_mean_of_vectorVariance_eq_zero n g Hv i Hi) as He.
  unfold filteredGradient, hadamard, zScoreMask, inlier_mask. rewrite dev_le_mask_1; [ring|].
  rewrite Hs, He, Rminus_diag_eq, Rabs_R0 by reflexivity. lra.
Qed.

(** [zscore_mask_idempotent]: m ⊙ m = m for m = zScoreMask g z. *)
Theorem zscore_mask_idempotent n (g : W n) (z : R) :
  hadamard (zScoreMask n g z) (zScoreMask n g z) = zScoreMask n g z.
Proof.
  apply functional_extensionality. intros i. unfold hadamard, zScoreMask, inlier_mask, dev_le_mask.
  destruct Rle_dec; ring.
Qed.
