(** * LeanSharp.Upstream.Robustness.ComparisonResults — upstream LeanSharp/Theory/Robustness/ComparisonResults.lean

    Translates upstream's comparison of the geometric median, the empirical mean and the
    Z-filtered empirical mean (the translation of notions is the one of [Upstream.All];
    sample conventions of [Upstream.Robustness.FilteredMeanBasic]; the median statements
    bound EVERY minimiser, as in [Upstream.Robustness.MedianCore]). In
    [median_bounded_mean_unbounded_one_outlier_of_majority], |s.erase i0| = K − 1 and the
    median hypothesis asks g' = g only at the indices i < K, i ≠ i0, on [0, n) (weaker
    hypothesis). [filtered_gradient_eq_zero_of_neg_threshold] concludes for every index i,
    not only i < n.

    Equal: median_bounded_mean_unbounded_one_outlier_of_majority,
      median_and_zfiltered_mean_bounded_subset, filtered_gradient_eq_zero_of_neg_threshold.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Upstream.Robustness Require Import FilteredMeanBasic FilteredMeanRobustness MedianCore.
Open Scope R_scope.

(** [median_bounded_mean_unbounded_one_outlier_of_majority]: one movable point i0 and
    2|s \ {i0}| > |s| ⇒ the minimisers stay bounded, the mean can exceed any C. *)
Theorem median_bounded_mean_unbounded_one_outlier_of_majority n K (g : nat -> W n) i0 (C : R) :
  (0 < n)%nat -> (i0 < K)%nat -> (K < 2 * (K - 1))%nat ->
  (exists R_b, forall (g' : nat -> W n) (m : W n),
      (forall i, (i < K)%nat -> i <> i0 -> vec_eq n (g' i) (g i)) ->
      isGeometricMedian n K g' m -> norm n m <= R_b) /\
  (exists g' : nat -> W n, (forall i, i <> i0 -> g' i = g i) /\ C < norm n (empiricalMean n K g')).
Proof.
  intros Hn Hi0 Hmaj. split; [|exact (mean_unbounded n K g i0 C Hn Hi0)].
  set (fx := fun i => negb (Nat.eqb i i0)).
  assert (Hcard : card_in K fx = INR K - 1).
  { pose proof (card_in_split K (fun i => Nat.eqb i i0)) as H.
    rewrite card_in_eqb in H by exact Hi0. unfold fx. lra. }
  assert (HM : INR K < 2 * card_in K fx).
  { rewrite Hcard. apply lt_INR in Hmaj. rewrite mult_INR, minus_INR in Hmaj by lia.
    simpl in Hmaj. lra. }
  destruct (median_bounded_subset n K g fx HM) as [R_b HR]. exists R_b.
  intros g' m Hag Hm. apply (HR g' m); [|exact Hm].
  intros i Hi Hf. apply Hag; [exact Hi|]. unfold fx in Hf.
  destruct (Nat.eqb_spec i i0); [discriminate | assumption].
Qed.

(** [median_and_zfiltered_mean_bounded_subset]: a strict majority of fixed points of norm
    ≤ R_fixed, the others of norm ≤ R_out ⇒ the minimisers are bounded by one radius and
    ‖zFEM‖ ≤ max R_fixed R_out. *)
Theorem median_and_zfiltered_mean_bounded_subset n K (g : nat -> W n) (fx : nat -> bool)
    (z R_fixed R_out : R) :
  INR K < 2 * card_in K fx -> (0 < K)%nat ->
  (forall i, (i < K)%nat -> fx i = true -> norm n (g i) <= R_fixed) ->
  exists R_med, forall g' : nat -> W n,
    (forall i, (i < K)%nat -> fx i = true -> vec_eq n (g' i) (g i)) ->
    (forall i, (i < K)%nat -> fx i = false -> norm n (g' i) <= R_out) ->
    (forall m, isGeometricMedian n K g' m -> norm n m <= R_med) /\
    norm n (zFilteredEmpiricalMean n K g' z) <= Rmax R_fixed R_out.
Proof.
  intros Hmaj HK Hfb. destruct (median_bounded_subset n K g fx Hmaj) as [R_med HR].
  exists R_med. intros g' Hag Hout. split.
  - intros m Hm. exact (HR g' m Hag Hm).
  - exact (z_filtered_empirical_mean_bounded_subset_max n (mkRobustSample n K g fx R_fixed R_out Hfb)
             z HK g' Hag Hout).
Qed.

(** [filtered_gradient_eq_zero_of_neg_threshold]: z < 0 and σ(g) ≠ 0 ⇒ g ⊙ m(g) = 0. *)
Theorem filtered_gradient_eq_zero_of_neg_threshold n (g : W n) (z : R) :
  z < 0 -> sd n g <> 0 -> forall i, filteredGradient n g z i = 0.
Proof.
  intros Hz Hsd i. pose proof (sd_nonneg n g).
  assert (z * sd n g < 0) by (assert (0 < sd n g) by lra; nra).
  unfold filteredGradient, zScoreMask, hadamard, inlier_mask, dev_le_mask.
  destruct Rle_dec as [Hle|]; [|ring].
  pose proof (Rabs_pos (g i - mean n g)). lra.
Qed.
