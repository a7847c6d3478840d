(** * LeanSharp.Theory.Robustness — breakdown of the mean, boundedness of masked means

    Data are n reals x ∈ W n.

    Definitions
    - [replace_at x j v]    = x with coordinate j replaced by v (one corrupted point)
    - [masked_mean n m x]   = Σ m_i x_i / Σ m_i, the mean of the points a 0/1 mask keeps
      (Coq's convention r/0 = 0 makes it 0 for an empty mask)
    - [zfiltered_mean n t x] = masked_mean n (sig_mask n t x) x, the mean of the points
      the idealised Z-filter keeps (|x_i − μ| ≥ tσ)

    Main results
    - [mean_replace_at]: mean(x[j ↦ v]) = mean x + (v − x_j)/n
    - [mean_breakdown] (headline): n ≥ 1: for any data x, any bound B and any index j
      there is a change of the ONE coordinate j making |mean| > B.
      The finite-sample breakdown point of the mean is 1/n.
    - [masked_mean_bounded]: 0/1 mask m, Σ m > 0, |x_i| ≤ C on [0, n) ⇒ |masked mean| ≤ C
    - [zfiltered_mean_bounded]: if every point is an inlier (|x_i| ≤ B) or a bounded
      outlier (|x_i| ≤ R), the Z-filtered mean lies in [−max(B,R), max(B,R)]
      (t ≤ 1 guarantees the mask is non-empty, [ZMaskCount.zmask_nonempty]).

    What depends on R. The bound is max(B, R), not B, and no "strict majority of inliers"
    hypothesis improves it for the *significant* mask: that mask keeps the points FAR
    from the mean, i.e. preferentially the outliers. A bounded-outlier hypothesis is
    necessary: [RobustOutlier.spike_zfiltered_mean_ge] shows n − 1 points fixed at a and
    one point b is kept by the mask for every t ≤ √(n−1) and drags the filtered mean to
    at least a + (b − a)/n → ∞ as b → ∞. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats Mask ZMask ZMaskCount.
Open Scope R_scope.

(** ** One corrupted coordinate *)

Definition replace_at (x : nat -> R) (j : nat) (v : R) : nat -> R :=
  fun i => if Nat.eq_dec i j then v else x i.

Lemma replace_at_other (x : nat -> R) j v i : i <> j -> replace_at x j v i = x i.
Proof. intros H. unfold replace_at. destruct Nat.eq_dec; [contradiction | reflexivity]. Qed.

Lemma replace_at_same (x : nat -> R) j v : replace_at x j v j = v.
Proof. unfold replace_at. destruct Nat.eq_dec; [reflexivity | contradiction]. Qed.

Lemma vsum_replace_at n (x : W n) j v :
  (j < n)%nat -> vsum n (replace_at x j v) = vsum n x + (v - x j).
Proof.
  induction n as [|n IH]; intros Hj; [lia|]. simpl.
  destruct (Nat.eq_dec n j) as [->|Hne].
  - rewrite (vsum_ext j _ x) by (intros i Hi; apply replace_at_other; lia).
    rewrite replace_at_same. ring.
  - rewrite IH by lia. rewrite replace_at_other by exact Hne. ring.
Qed.

(** Changing one coordinate by v − x_j moves the mean by (v − x_j)/n. *)
Theorem mean_replace_at n (x : W n) j v :
  (j < n)%nat -> mean n (replace_at x j v) = mean n x + (v - x j) / INR n.
Proof.
  intros Hj. assert (0 < INR n) by (apply INR_pos; lia).
  unfold mean. rewrite vsum_replace_at by exact Hj. field. lra.
Qed.

(** Breakdown of the empirical mean (breakdown point 1/n): whatever the data x and the
    bound B, replacing the single coordinate j by a suitable value makes |mean| > B. *)
Theorem mean_breakdown n (x : W n) (B : R) (j : nat) :
  (j < n)%nat ->
  exists y : W n, (forall i, i <> j -> y i = x i) /\ B < Rabs (mean n y).
Proof.
  intros Hj. assert (Hn : 0 < INR n) by (apply INR_pos; lia).
  set (c := INR n * (Rabs B + Rabs (mean n x) + 1)).
  exists (replace_at x j (x j + c)). split; [apply replace_at_other|].
  rewrite mean_replace_at by exact Hj.
  replace ((x j + c - x j) / INR n) with (Rabs B + Rabs (mean n x) + 1)
    by (unfold c; field; lra).
  pose proof (Rle_abs B). pose proof (Rabs_pos B).
  destruct (Rcase_abs (mean n x)) as [Hm|Hm];
    [rewrite (Rabs_left _ Hm) | rewrite (Rabs_right _ Hm)];
    rewrite Rabs_right; lra.
Qed.

(** ** Masked means *)

Definition masked_mean (n : nat) (m x : W n) : R :=
  vsum n (fun i => m i * x i) / mask_count n m.

Definition zfiltered_mean (n : nat) (t : R) (x : W n) : R :=
  masked_mean n (sig_mask n t x) x.

Lemma vsum_abs_le n f : Rabs (vsum n f) <= vsum n (fun i => Rabs (f i)).
Proof.
  apply Rabs_le. split.
  - rewrite <- vsum_opp. apply vsum_le. intros i _.
    pose proof (Rle_abs (- f i)). rewrite Rabs_Ropp in H. lra.
  - apply vsum_le. intros i _. apply Rle_abs.
Qed.

(** A mean of kept points is a convex combination: it is bounded by any bound C on the
    points. *)
Theorem masked_mean_bounded n (m x : W n) (C : R) :
  is_mask n m -> 0 < mask_count n m ->
  (forall i, (i < n)%nat -> Rabs (x i) <= C) ->
  Rabs (masked_mean n m x) <= C.
Proof.
  intros Hm Hc Hx. unfold masked_mean.
  assert (Hs : Rabs (vsum n (fun i => m i * x i)) <= C * mask_count n m).
  { eapply Rle_trans; [apply vsum_abs_le|].
    unfold mask_count. rewrite <- vsum_scal. apply vsum_le.
    intros i Hi. pose proof (mask_bounds n m i Hm Hi).
    rewrite Rabs_mult, (Rabs_right (m i)) by lra. pose proof (Hx i Hi). nra. }
  unfold Rdiv. rewrite Rabs_mult, Rabs_inv, (Rabs_right (mask_count n m)) by lra.
  apply (Rmult_le_reg_r (mask_count n m)); [exact Hc|].
  rewrite Rmult_assoc, Rinv_l by lra. lra.
Qed.

(** The Z-filtered mean stays bounded when every point is an inlier in [−B, B] or an
    outlier bounded by R (any threshold t ≤ 1, so that the mask is non-empty). *)
Theorem zfiltered_mean_bounded n t (x : W n) (B R : R) :
  (0 < n)%nat -> t <= 1 ->
  (forall i, (i < n)%nat -> Rabs (x i) <= B \/ Rabs (x i) <= R) ->
  Rabs (zfiltered_mean n t x) <= Rmax B R.
Proof.
  intros Hn Ht Hx. apply masked_mean_bounded.
  - apply sig_mask_is_mask.
  - pose proof (zmask_nonempty n t x Hn Ht). lra.
  - intros i Hi. destruct (Hx i Hi) as [H|H];
      [pose proof (Rmax_l B R) | pose proof (Rmax_r B R)]; lra.
Qed.

(** The same for any threshold, provided the mask keeps at least one point. *)
Theorem zfiltered_mean_bounded_any_t n t (x : W n) (B R : R) :
  0 < mask_count n (sig_mask n t x) ->
  (forall i, (i < n)%nat -> Rabs (x i) <= B \/ Rabs (x i) <= R) ->
  Rabs (zfiltered_mean n t x) <= Rmax B R.
Proof.
  intros Hc Hx. apply masked_mean_bounded; [apply sig_mask_is_mask | exact Hc|].
  intros i Hi. destruct (Hx i Hi) as [H|H];
    [pose proof (Rmax_l B R) | pose proof (Rmax_r B R)]; lra.
Qed.
