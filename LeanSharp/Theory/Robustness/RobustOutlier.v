(** * LeanSharp.Theory.Robustness.RobustOutlier — a single concentrated outlier passes the Z-filter

    The exact limit of the Z-filter's robustness. Take n = k + 1 points, k of them equal
    to a and one (index k) equal to b:  [spike k a b] = (a, …, a, b) ∈ W (k+1).
    With μ the mean and σ the population standard deviation:

    - [mean_spike]: μ = (k a + b)/(k + 1)
    - [sd_spike]:   σ = √k·|b − a|/(k + 1)
    - [spike_outlier_dev]: |b − μ| = √k·σ, i.e. the outlier's z-score is exactly
      √(n − 1) (when a ≠ b, [spike_outlier_zscore]: |b − μ|/σ = √(n−1));
      [spike_inlier_dev]: √k·|a − μ| = σ, the inliers' z-score is 1/√(n − 1)
    - [single_outlier_passes] (headline): for every threshold t ≤ √(n − 1) the
      significant mask keeps the outlier (for every a, b); [single_outlier_dropped]:
      for a ≠ b and t > √(n − 1) it drops it — so √(n − 1) is exact
    - [spike_zfiltered_mean_ge]: a < b, t ≤ √(n−1) ⇒ filtered mean ≥ a + (b − a)/n;
      [spike_zfiltered_mean_unbounded]: the filtered mean exceeds any M for a suitable b.
      A strict majority of fixed points (k ≥ 1 of k + 1 at a) does not protect the
      Z-filtered mean, while [spike_median] shows a is a median (k ≥ 1).
    Since √(n − 1) grows with n and practical thresholds are O(1), in high dimension a
    single concentrated outlier always passes: robustness of the Z-filtered mean needs a
    bound on the outliers ([Robustness.zfiltered_mean_bounded_by_data]); the inlier mask
    drops such an outlier ([Robustness.inlier_mean_survives_one_outlier]). *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Theory.Robustness Require Import Robustness RobustMedian.
Open Scope R_scope.

Definition spike (k : nat) (a b : R) : nat -> R := fun i => if Nat.eq_dec i k then b else a.

Lemma spike_lt k a b i : (i < k)%nat -> spike k a b i = a.
Proof. intros H. unfold spike. destruct Nat.eq_dec; [lia | reflexivity]. Qed.

Lemma spike_k k a b : spike k a b k = b.
Proof. unfold spike. destruct Nat.eq_dec; [reflexivity | lia]. Qed.

(** A sum over (a, …, a, b): k equal terms and a last one. *)
Lemma vsum_spike k (f : nat -> R) A Bv :
  (forall i, (i < k)%nat -> f i = A) -> f k = Bv -> vsum (S k) f = INR k * A + Bv.
Proof.
  intros HA HB. simpl. rewrite (vsum_ext k f (fun _ => A)) by exact HA.
  rewrite vsum_const, HB. reflexivity.
Qed.

Ltac spike_side := first
  [ intros ? ?; cbv beta; rewrite spike_lt by assumption; reflexivity
  | cbv beta; rewrite spike_k; reflexivity ].

Lemma mean_spike k a b : mean (S k) (spike k a b) = (INR k * a + b) / (INR k + 1).
Proof.
  unfold mean. rewrite (vsum_spike k _ a b) by spike_side. rewrite S_INR. reflexivity.
Qed.

Lemma var_spike k a b :
  var (S k) (spike k a b) = INR k * ((b - a) * (b - a)) / ((INR k + 1) * (INR k + 1)).
Proof.
  pose proof (pos_INR k). unfold var, ssd. rewrite mean_spike.
  rewrite (vsum_spike k _ (Rsqr (a - (INR k * a + b) / (INR k + 1)))
                          (Rsqr (b - (INR k * a + b) / (INR k + 1)))) by spike_side.
  rewrite S_INR. unfold Rsqr. field. lra.
Qed.

Lemma sd_spike k a b : sd (S k) (spike k a b) = sqrt (INR k) * Rabs (b - a) / (INR k + 1).
Proof.
  pose proof (pos_INR k). unfold sd. apply sqrt_lem_1; [apply var_nonneg | |].
  - apply Rmult_le_pos; [apply Rmult_le_pos; [apply sqrt_pos | apply Rabs_pos]|].
    apply Rlt_le, Rinv_0_lt_compat. lra.
  - rewrite var_spike.
    assert (Hs : sqrt (INR k) * sqrt (INR k) = INR k) by (apply sqrt_sqrt; lra).
    assert (Ha : Rabs (b - a) * Rabs (b - a) = (b - a) * (b - a))
      by (rewrite <- Rabs_mult; apply Rabs_right, Rle_ge, Rle_0_sqr).
    replace (sqrt (INR k) * Rabs (b - a) / (INR k + 1) * (sqrt (INR k) * Rabs (b - a) / (INR k + 1)))
      with (sqrt (INR k) * sqrt (INR k) * (Rabs (b - a) * Rabs (b - a))
            / ((INR k + 1) * (INR k + 1))) by (field; lra).
    rewrite Hs, Ha. reflexivity.
Qed.

(** The outlier sits exactly √(n − 1) population standard deviations from the mean. *)
Theorem spike_outlier_dev k a b :
  Rabs (spike k a b k - mean (S k) (spike k a b)) = sqrt (INR k) * sd (S k) (spike k a b).
Proof.
  pose proof (pos_INR k). rewrite spike_k, mean_spike, sd_spike.
  replace (b - (INR k * a + b) / (INR k + 1)) with (INR k * (b - a) / (INR k + 1))
    by (field; lra).
  unfold Rdiv. rewrite !Rabs_mult, Rabs_inv, (Rabs_right (INR k)), (Rabs_right (INR k + 1))
    by lra.
  rewrite <- (sqrt_sqrt (INR k)) at 1 by lra. ring.
Qed.

(** Each inlier sits 1/√(n − 1) standard deviations from the mean: √k·|a − μ| = σ. *)
Theorem spike_inlier_dev k a b i :
  (i < k)%nat ->
  sqrt (INR k) * Rabs (spike k a b i - mean (S k) (spike k a b)) = sd (S k) (spike k a b).
Proof.
  intros Hi. pose proof (pos_INR k). rewrite spike_lt, mean_spike, sd_spike by exact Hi.
  replace (a - (INR k * a + b) / (INR k + 1)) with (- ((b - a) / (INR k + 1)))
    by (field; lra).
  rewrite Rabs_Ropp. unfold Rdiv. rewrite Rabs_mult, Rabs_inv, (Rabs_right (INR k + 1))
    by lra.
  ring.
Qed.

Lemma sd_spike_pos k a b : (1 <= k)%nat -> a <> b -> 0 < sd (S k) (spike k a b).
Proof.
  intros Hk Hab. rewrite sd_spike.
  assert (0 < INR k) by (apply lt_0_INR; lia).
  assert (0 < sqrt (INR k)) by (apply sqrt_lt_R0; lra).
  assert (0 < Rabs (b - a)) by (apply Rabs_pos_lt; lra).
  apply Rdiv_lt_0_compat; [nra | lra].
Qed.

(** The outlier's z-score is exactly √(n − 1) (n = k + 1 ≥ 2, a ≠ b, population σ). *)
Theorem spike_outlier_zscore k a b :
  (1 <= k)%nat -> a <> b ->
  Rabs (spike k a b k - mean (S k) (spike k a b)) / sd (S k) (spike k a b) = sqrt (INR k).
Proof.
  intros Hk Hab. pose proof (sd_spike_pos k a b Hk Hab).
  rewrite spike_outlier_dev. field. lra.
Qed.

(** A single concentrated outlier passes the mask: for every threshold t ≤ √(n − 1)
    the significant mask keeps it (whatever a and b are). *)
Theorem single_outlier_passes k a b t :
  t <= sqrt (INR k) -> sig_mask (S k) t (spike k a b) k = 1.
Proof.
  intros Ht. apply dev_ge_mask_1. rewrite spike_outlier_dev.
  pose proof (sd_nonneg (S k) (spike k a b)). nra.
Qed.

(** ... and √(n − 1) is exact: above it the outlier is dropped (a ≠ b, n ≥ 2). *)
Theorem single_outlier_dropped k a b t :
  (1 <= k)%nat -> a <> b -> sqrt (INR k) < t -> sig_mask (S k) t (spike k a b) k = 0.
Proof.
  intros Hk Hab Ht. apply dev_ge_mask_0. rewrite spike_outlier_dev.
  pose proof (sd_spike_pos k a b Hk Hab). nra.
Qed.

(** ** The filtered mean follows the outlier *)

Theorem spike_zfiltered_mean_ge k a b t :
  a < b -> t <= sqrt (INR k) ->
  a + (b - a) / INR (S k) <= zfiltered_mean (S k) t (spike k a b).
Proof.
  intros Hab Ht. pose proof (pos_INR k). rewrite S_INR.
  set (c := if Rle_dec (t * sd (S k) (spike k a b))
                       (Rabs (a - mean (S k) (spike k a b))) then 1 else 0).
  assert (Hm : forall i, (i < k)%nat -> sig_mask (S k) t (spike k a b) i = c)
    by (intros i Hi; rewrite sig_mask_eq, spike_lt by exact Hi; reflexivity).
  pose proof (single_outlier_passes k a b t Ht) as Hb.
  unfold zfiltered_mean, masked_mean, mask_count.
  rewrite (vsum_spike k _ (c * a) (1 * b)), (vsum_spike k _ c 1);
    try (intros i Hi; cbv beta; rewrite (Hm i Hi), ?spike_lt by exact Hi; reflexivity);
    try (cbv beta; rewrite Hb, ?spike_k; reflexivity).
  assert (c = 0 \/ c = 1) as [-> | ->] by (unfold c; destruct Rle_dec; auto).
  - replace (INR k * (0 * a) + 1 * b) with b by ring.
    replace (INR k * 0 + 1) with 1 by ring.
    assert (Hi : 0 < / (INR k + 1) <= 1).
    { split; [apply Rinv_0_lt_compat; lra|].
      rewrite <- Rinv_1. apply Rinv_le_contravar; lra. }
    unfold Rdiv. rewrite Rinv_1. nra.
  - apply Req_le. field. lra.
Qed.

(** As b → ∞ the filtered mean is moved arbitrarily far, for every t ≤ √(n − 1). *)
Corollary spike_zfiltered_mean_unbounded k a t (M : R) :
  t <= sqrt (INR k) -> exists b, M < zfiltered_mean (S k) t (spike k a b).
Proof.
  intros Ht. pose proof (pos_INR k) as Hn.
  exists (a + (INR (S k)) * (Rabs M + Rabs a + 1)).
  eapply Rlt_le_trans; [|apply spike_zfiltered_mean_ge; [|exact Ht]].
  - rewrite S_INR. replace (a + (INR k + 1) * (Rabs M + Rabs a + 1) - a) with
      ((INR k + 1) * (Rabs M + Rabs a + 1)) by ring.
    replace ((INR k + 1) * (Rabs M + Rabs a + 1) / (INR k + 1))
      with (Rabs M + Rabs a + 1) by (field; lra).
    pose proof (Rle_abs M). pose proof (Rle_abs (- a)). rewrite Rabs_Ropp in *. lra.
  - rewrite S_INR. pose proof (Rabs_pos M). pose proof (Rabs_pos a). nra.
Qed.

(** For contrast, a is a median of the spike data (k ≥ 1): the median ignores b. *)
Theorem spike_median k a b : (1 <= k)%nat -> is_median (S k) (spike k a b) a.
Proof.
  intros Hk. assert (1 <= INR k) by (apply (le_INR 1); lia).
  unfold is_median, vcount_le, vcount_ge.
  rewrite (vsum_spike k _ 1 (if Rle_dec b a then 1 else 0)),
          (vsum_spike k _ 1 (if Rle_dec a b then 1 else 0));
    try (intros i Hi; cbv beta; rewrite spike_lt by exact Hi; destruct Rle_dec;
         [reflexivity | lra]);
    try (cbv beta; rewrite spike_k; reflexivity).
  rewrite S_INR. split; destruct Rle_dec; lra.
Qed.
