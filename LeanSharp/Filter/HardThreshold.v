(** * LeanSharp.Filter.HardThreshold — hard thresholding is idempotent, bounded, NOT Lipschitz

    - [hard τ x] = x if |x| ≥ τ, else 0  (hard thresholding at level τ)

    Main results
    - [hard_idem]: hard τ (hard τ x) = hard τ x
    - [hard_abs_le]: |hard τ x| ≤ |x|;  [hard_dist_le]: |hard τ x − x| ≤ max(τ, 0)
    - [hard_not_lipschitz]: for τ > 0, ¬ ∃ K, ∀ x y, |hard τ x − hard τ y| ≤ K |x − y|
      (the jump of height τ at x = τ); [hard_discontinuous]: hard τ is not continuous at τ
    - [zfilter_centered_hard]: the Z-filter is hard thresholding of the centred gradient,
      m_i·(g_i − μ) = hard (tσ) (g_i − μ)

    Why this matters: the filter g ↦ g ⊙ m(g) inherits the jump, so it is not Lipschitz
    (not even continuous) in g — see Filter.FilterDiscontinuity.zfilter_not_lipschitz. Smooth-analysis arguments can therefore not treat the
    filtered gradient as a smooth or Lipschitz function of the weights; the convergence
    results go through the *alignment condition* (a lower bound on ⟨∇L, g_f⟩ at each step)
    instead, which needs no regularity of the mask. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask.
Open Scope R_scope.

Definition hard (tau x : R) : R := if Rle_dec tau (Rabs x) then x else 0.

Lemma hard_keep tau x : tau <= Rabs x -> hard tau x = x.
Proof. intros H. unfold hard. destruct Rle_dec; [reflexivity | contradiction]. Qed.

Lemma hard_kill tau x : Rabs x < tau -> hard tau x = 0.
Proof. intros H. unfold hard. destruct Rle_dec; [lra | reflexivity]. Qed.

(** Idempotence: thresholding twice is thresholding once. *)
Theorem hard_idem tau x : hard tau (hard tau x) = hard tau x.
Proof.
  destruct (Rle_dec tau (Rabs x)) as [H|H].
  - rewrite (hard_keep tau x H). now apply hard_keep.
  - rewrite (hard_kill tau x) by lra. unfold hard. destruct Rle_dec; reflexivity.
Qed.

(** Hard thresholding never increases the magnitude. *)
Theorem hard_abs_le tau x : Rabs (hard tau x) <= Rabs x.
Proof.
  unfold hard. destruct Rle_dec; [lra|]. rewrite Rabs_R0. apply Rabs_pos.
Qed.

Lemma hard_dist_le tau x : Rabs (hard tau x - x) <= Rmax tau 0.
Proof.
  unfold hard. destruct Rle_dec as [H|H].
  - rewrite Rminus_eq_0, Rabs_R0. apply Rmax_r.
  - rewrite Rminus_0_l, Rabs_Ropp. pose proof (Rmax_l tau 0). lra.
Qed.

(** Hard thresholding as a 0/1 mask: hard τ x = x·[|x| ≥ τ]. *)
Lemma hard_as_mask tau x : hard tau x = x * (if Rle_dec tau (Rabs x) then 1 else 0).
Proof. unfold hard. destruct Rle_dec; ring. Qed.

(** The jump at τ: points just below τ are sent to 0, τ itself to τ. *)
Lemma hard_jump tau d : 0 < d < tau -> hard tau tau - hard tau (tau - d) = tau.
Proof.
  intros Hd. rewrite hard_keep, hard_kill; [ring | |].
  - rewrite Rabs_right; lra.
  - rewrite Rabs_right; lra.
Qed.

(** Not Lipschitz: for τ > 0 no constant K gives |hard x − hard y| ≤ K|x − y|. *)
Theorem hard_not_lipschitz tau :
  0 < tau -> ~ exists K, forall x y, Rabs (hard tau x - hard tau y) <= K * Rabs (x - y).
Proof.
  intros Ht [K HK]. set (A := Rabs K). set (d := tau / (2 * (A + 1))).
  assert (HA : 0 <= A) by apply Rabs_pos.
  assert (Hd2 : d * (2 * (A + 1)) = tau) by (unfold d; field; lra).
  assert (Hd : 0 < d < tau) by nra.
  specialize (HK tau (tau - d)). rewrite hard_jump in HK by exact Hd.
  replace (tau - (tau - d)) with d in HK by ring.
  rewrite Rabs_right in HK by lra. rewrite (Rabs_right d) in HK by lra.
  assert (K <= A) by apply RRle_abs. nra.
Qed.

(** Not even continuous at τ: arbitrarily close to τ there is a point whose image is τ away. *)
Theorem hard_discontinuous tau :
  0 < tau -> forall delta, 0 < delta ->
  exists y, Rabs (y - tau) < delta /\ Rabs (hard tau y - hard tau tau) = tau.
Proof.
  intros Ht delta Hdel. set (d := Rmin (delta / 2) (tau / 2)).
  assert (Hd : 0 < d < tau /\ d < delta).
  { unfold d. pose proof (Rmin_l (delta / 2) (tau / 2)).
    pose proof (Rmin_r (delta / 2) (tau / 2)).
    pose proof (Rmin_glb_lt (delta / 2) (tau / 2) 0 ltac:(lra) ltac:(lra)). lra. }
  exists (tau - d). split.
  - replace (tau - d - tau) with (- d) by ring. rewrite Rabs_Ropp, Rabs_right; lra.
  - replace (hard tau (tau - d) - hard tau tau) with (- (hard tau tau - hard tau (tau - d)))
      by ring.
    rewrite hard_jump by lra. rewrite Rabs_Ropp, Rabs_right; lra.
Qed.

(** The idealised Z-filter is hard thresholding of the centred gradient at level tσ. *)
Theorem zfilter_centered_hard n t g i :
  sig_mask n t g i * (g i - mean n g) = hard (t * sd n g) (g i - mean n g).
Proof. rewrite hard_as_mask, sig_mask_eq. ring. Qed.
