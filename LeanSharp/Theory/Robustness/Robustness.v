(** * LeanSharp.Theory.Robustness.Robustness — breakdown of the mean; what the Z-filters keep

    Data are n reals x ∈ W n, μ = mean n x, σ = sd n x (population).

    Definitions
    - [replace_at x j v]    = x with coordinate j replaced by v (one corrupted point)
    - [masked_mean n m x]   = Σ m_i x_i / Σ m_i, the mean of the points a 0/1 mask keeps
      (Coq's convention r/0 = 0 makes it 0 for an empty mask)
    - [zfiltered_mean n t x] = the mean of the points the significant mask keeps
      (|x_i − μ| ≥ tσ, [ZMask.sig_mask])
    - [inlier_mean n t x]   = the mean of the points the inlier mask keeps
      (|x_i − μ| ≤ tσ, [ZMask.inlier_mask])
    - [count_eq n x a]      = K = #{i < n : x_i = a}  ([at_ind x a i] = [x_i = a])

    Main results
    - [mean_replace_at]: mean(x[j ↦ v]) = mean x + (v − x_j)/n
    - [mean_breakdown] (headline): n ≥ 1: for any data x, any bound B and any index j
      there is a change of the ONE coordinate j making |mean| > B (breakdown point 1/n).
    - [masked_mean_near_kept]: if every KEPT point satisfies |x_i − c| ≤ C (non-empty
      mask) then |masked mean − c| ≤ C; [masked_mean_bounded]: |x_i| ≤ C for all i ⇒
      |masked mean| ≤ C; [zfiltered_mean_bounded_by_data]: hence |zfiltered mean| ≤ C
      (t ≤ 1). The filter plays no role in the last two: any mask gives them.
    - The significant mask keeps the points FAR from μ, i.e. preferentially the outliers
      ([RobustOutlier.single_outlier_passes]). The inlier mask does the robust job:
      [inlier_mask_drops_far]: |x_i − μ| > tσ ⇒ x_i is dropped;
      [inlier_mask_nonempty]: t ≥ 1 ⇒ some point is kept;
      [inlier_mean_near_mean]: |inlier mean − μ| ≤ tσ.
    - [majority_dev_sq_le]: K (a − μ)² ≤ (n − K) σ², whatever the other n − K points;
      [majority_kept_by_inlier_mask]: n − K ≤ t²K ⇒ every point equal to a is kept
      ([majority_kept_t_ge_1]: K ≥ n/2 and t ≥ 1).
    - Two clusters (K points at a, n − K at b), n − K ≤ t²K and t²(n − K) < K (t = 1:
      a strict majority): [minority_cluster_inlier_mask] keeps exactly the points at a,
      [minority_cluster_inlier_mean] = a for EVERY b, while the plain mean is
      a + (n − K)(b − a)/n ([minority_cluster_mean]), unbounded in b.
      [inlier_mean_survives_one_outlier] (headline): n ≥ 3 points equal to a, one of them
      replaced by an arbitrary b: the inlier mean (t = 1) is a, the mean a + (b − a)/n.
    - The limit (a strict majority does NOT bound the inlier mean): the outliers inflate σ
      too. [spread_outliers_inlier_mean]: on (0, 0, 0, s, 2s), s > 0 (3 of 5 points at 0),
      σ = 4s/5 and for 3/4 ≤ t < 7/4 the mask keeps (0, 0, 0, s): inlier mean = s/4;
      [inlier_mean_majority_unbounded]: it exceeds any M for a suitable s. What holds
      in general is relative to σ: the majority is kept and the kept points are within
      tσ of μ — and σ is itself moved by the outliers. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask ZMaskCount.
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
  intros Hj. assert (0 < INR n) by (apply lt_0_INR; lia).
  unfold mean. rewrite vsum_replace_at by exact Hj. field. lra.
Qed.

(** Breakdown of the empirical mean (breakdown point 1/n): whatever the data x and the
    bound B, replacing the single coordinate j by a suitable value makes |mean| > B. *)
Theorem mean_breakdown n (x : W n) (B : R) (j : nat) :
  (j < n)%nat ->
  exists y : W n, (forall i, i <> j -> y i = x i) /\ B < Rabs (mean n y).
Proof.
  intros Hj. assert (Hn : 0 < INR n) by (apply lt_0_INR; lia).
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

Definition inlier_mean (n : nat) (t : R) (x : W n) : R :=
  masked_mean n (inlier_mask n t x) x.

Lemma masked_sum_centered n (m x : W n) c :
  vsum n (fun i => m i * x i) - c * mask_count n m = vsum n (fun i => m i * (x i - c)).
Proof. unfold mask_count. rewrite <- vsum_scal, <- vsum_sub. apply vsum_ext. intros i _. ring. Qed.

(** A mean of kept points is within C of c as soon as every KEPT point is. *)
Theorem masked_mean_near_kept n (m x : W n) (c C : R) :
  is_mask n m -> 0 < mask_count n m ->
  (forall i, (i < n)%nat -> m i = 1 -> Rabs (x i - c) <= C) ->
  Rabs (masked_mean n m x - c) <= C.
Proof.
  intros Hm Hc Hx.
  assert (Hs : Rabs (vsum n (fun i => m i * (x i - c))) <= C * mask_count n m).
  { eapply Rle_trans; [apply vsum_abs_le|].
    unfold mask_count. rewrite <- vsum_scal. apply vsum_le.
    intros i Hi. destruct (Hm i Hi) as [H|H]; rewrite H.
    - rewrite Rmult_0_l, Rabs_R0. lra.
    - rewrite Rmult_1_l, Rmult_1_r. now apply Hx. }
  unfold masked_mean.
  replace (vsum n (fun i => m i * x i) / mask_count n m - c)
    with (vsum n (fun i => m i * (x i - c)) / mask_count n m)
    by (rewrite <- masked_sum_centered; field; lra).
  unfold Rdiv. rewrite Rabs_mult, Rabs_inv, (Rabs_right (mask_count n m)) by lra.
  apply (Rmult_le_reg_r (mask_count n m)); [exact Hc|].
  rewrite Rmult_assoc, Rinv_l by lra. lra.
Qed.

(** A mean of kept points is a convex combination: it is bounded by any bound C on
    ALL the points (whatever the mask). *)
Corollary masked_mean_bounded n (m x : W n) (C : R) :
  is_mask n m -> 0 < mask_count n m ->
  (forall i, (i < n)%nat -> Rabs (x i) <= C) ->
  Rabs (masked_mean n m x) <= C.
Proof.
  intros Hm Hc Hx. rewrite <- (Rminus_0_r (masked_mean n m x)).
  apply masked_mean_near_kept; [exact Hm | exact Hc|].
  intros i Hi _. rewrite Rminus_0_r. now apply Hx.
Qed.

(** The significant-mask mean is bounded by a bound C on the data (t ≤ 1 makes the
    mask non-empty). The filter plays no role: every masked mean obeys this bound. *)
Corollary zfiltered_mean_bounded_by_data n t (x : W n) (C : R) :
  (0 < n)%nat -> t <= 1 -> (forall i, (i < n)%nat -> Rabs (x i) <= C) ->
  Rabs (zfiltered_mean n t x) <= C.
Proof.
  intros Hn Ht Hx. apply masked_mean_bounded; [apply sig_mask_is_mask | | exact Hx].
  pose proof (zmask_nonempty n t x Hn Ht). lra.
Qed.

(** ** The inlier mask keeps the points near the mean *)

Lemma inlier_kept_within n t (x : W n) i :
  inlier_mask n t x i = 1 -> Rabs (x i - mean n x) <= t * sd n x.
Proof. rewrite inlier_mask_eq. destruct Rle_dec; [auto | intros H; lra]. Qed.

(** A point farther than tσ from the mean is dropped, whatever its value. *)
Theorem inlier_mask_drops_far n t (x : W n) i :
  t * sd n x < Rabs (x i - mean n x) -> inlier_mask n t x i = 0.
Proof. apply dev_le_mask_0. Qed.

(** Some point lies within σ of the mean (else Σ(x_i − μ)² > nσ²). *)
Lemma exists_dev_le_sd n (x : W n) :
  (0 < n)%nat -> exists i, (i < n)%nat /\ Rabs (x i - mean n x) <= sd n x.
Proof.
  intros Hn.
  assert (Hs : 0 <= vsum n (fun i => sd n x * sd n x - (x i - mean n x)²)).
  { rewrite vsum_sub, vsum_const. fold (ssd n x). rewrite ssd_sd. lra. }
  destruct (vsum_nonneg_exists n _ Hn Hs) as [i [Hi Hd]].
  exists i. split; [exact Hi|]. rewrite Rsqr_abs in Hd. unfold Rsqr in Hd.
  pose proof (Rabs_pos (x i - mean n x)). pose proof (sd_nonneg n x). nra.
Qed.

(** For t ≥ 1 the inlier mask keeps at least one point. *)
Theorem inlier_mask_nonempty n t (x : W n) :
  (0 < n)%nat -> 1 <= t -> 1 <= mask_count n (inlier_mask n t x).
Proof.
  intros Hn Ht. destruct (exists_dev_le_sd n x Hn) as [i [Hi Hd]].
  apply (mask_count_ge_1 n _ i (inlier_mask_is_mask n t x) Hi), dev_le_mask_1.
  pose proof (sd_nonneg n x). nra.
Qed.

(** The inlier-filtered mean lies within tσ of the mean μ (non-empty mask). *)
Theorem inlier_mean_near_mean n t (x : W n) :
  0 < mask_count n (inlier_mask n t x) ->
  Rabs (inlier_mean n t x - mean n x) <= t * sd n x.
Proof.
  intros Hc. apply masked_mean_near_kept; [apply inlier_mask_is_mask | exact Hc|].
  intros i _. apply inlier_kept_within.
Qed.

Corollary inlier_mean_near_mean_t_ge_1 n t (x : W n) :
  (0 < n)%nat -> 1 <= t -> Rabs (inlier_mean n t x - mean n x) <= t * sd n x.
Proof.
  intros Hn Ht. apply inlier_mean_near_mean.
  pose proof (inlier_mask_nonempty n t x Hn Ht). lra.
Qed.

(** ** A majority of equal points is kept *)

Definition at_ind (x : nat -> R) (a : R) (i : nat) : R := if Req_EM_T (x i) a then 1 else 0.

(** K = #{i < n : x_i = a}. *)
Definition count_eq (n : nat) (x : W n) (a : R) : R := vsum n (at_ind x a).

Lemma count_eq_ge_1 n (x : W n) a i : (i < n)%nat -> x i = a -> 1 <= count_eq n x a.
Proof.
  intros Hi Ha. replace 1 with (at_ind x a i) by (unfold at_ind; destruct Req_EM_T; tauto).
  apply vsum_term_le; [|exact Hi]. intros j _. unfold at_ind. destruct Req_EM_T; lra.
Qed.

Lemma count_eq_le n (x : W n) a : 0 <= count_eq n x a <= INR n.
Proof.
  split.
  - apply vsum_nonneg. intros j _. unfold at_ind. destruct Req_EM_T; lra.
  - rewrite <- (Rmult_1_r (INR n)), <- vsum_const. apply vsum_le.
    intros j _. unfold at_ind. destruct Req_EM_T; lra.
Qed.

(** With K points equal to a (outliers arbitrary), K (a − μ)² ≤ (n − K) σ²: the outliers
    move μ, but they also inflate σ at least as much (equality for two clusters). *)
Theorem majority_dev_sq_le n (x : W n) a :
  count_eq n x a * ((a - mean n x) * (a - mean n x))
    <= (INR n - count_eq n x a) * (sd n x * sd n x).
Proof.
  destruct (Nat.eq_dec n 0) as [->|Hn]; [unfold count_eq; simpl; lra|].
  pose proof (lt_0_INR n ltac:(lia)) as Hn0.
  set (K := count_eq n x a). set (mu := mean n x). set (s2 := sd n x * sd n x).
  set (e := fun i => 1 - at_ind x a i).
  set (S1 := vsum n (fun i => e i * (x i - mu))).
  set (S2 := vsum n (fun i => e i * (x i - mu) * (e i * (x i - mu)))).
  assert (Hee : forall i, e i * e i = e i)
    by (intros i; unfold e, at_ind; destruct Req_EM_T; ring).
  assert (Hk : vsum n (fun i => e i * e i) = INR n - K).
  { unfold K, count_eq. rewrite <- (Rmult_1_r (INR n)), <- vsum_const, <- vsum_sub.
    apply vsum_ext. intros i _. rewrite Hee. reflexivity. }
  assert (H1 : (a - mu) * K + S1 = 0).
  { rewrite <- (sum_centered n x). unfold K, count_eq, S1. rewrite <- vsum_scal, <- vsum_add.
    apply vsum_ext. intros i _. unfold e, at_ind, mu.
    destruct Req_EM_T as [E|E]; [rewrite E|]; ring. }
  assert (H2 : INR n * s2 = (a - mu) * (a - mu) * K + S2).
  { unfold s2. rewrite <- ssd_sd. unfold ssd, K, count_eq, S2. rewrite <- vsum_scal, <- vsum_add.
    apply vsum_ext. intros i _. unfold e, at_ind, mu, Rsqr.
    destruct Req_EM_T as [E|E]; [rewrite E|]; ring. }
  assert (HCS : S1 * S1 <= (INR n - K) * S2).
  { pose proof (cauchy_schwarz n e (fun i => e i * (x i - mu))) as H.
    unfold norm2, inner in H. rewrite Hk in H.
    replace (vsum n (fun i => e i * (e i * (x i - mu)))) with S1 in H; [exact H|].
    unfold S1. apply vsum_ext. intros i _. rewrite <- Rmult_assoc, Hee. reflexivity. }
  assert (Hd : INR n * ((INR n - K) * s2 - K * ((a - mu) * (a - mu)))
               = (INR n - K) * S2 - S1 * S1).
  { replace S1 with (- ((a - mu) * K)) by lra. rewrite Rmult_minus_distr_l.
    replace (INR n * ((INR n - K) * s2)) with ((INR n - K) * (INR n * s2)) by ring.
    rewrite H2. ring. }
  assert (0 <= (INR n - K) * s2 - K * ((a - mu) * (a - mu))); [|lra].
  apply (Rmult_le_reg_l (INR n)); [exact Hn0|]. rewrite Hd. lra.
Qed.

(** Every point of the majority value a is kept by the inlier mask as soon as
    n − K ≤ t² K (K = #{x_i = a}); the outliers may take any values. *)
Theorem majority_kept_by_inlier_mask n t (x : W n) a i :
  0 <= t -> INR n - count_eq n x a <= t * t * count_eq n x a ->
  (i < n)%nat -> x i = a -> inlier_mask n t x i = 1.
Proof.
  intros Ht Hk Hi Ha. apply dev_le_mask_1. rewrite Ha.
  pose proof (majority_dev_sq_le n x a) as H.
  pose proof (count_eq_ge_1 n x a i Hi Ha) as HK.
  pose proof (sd_nonneg n x) as Hs.
  set (K := count_eq n x a) in *. set (d := a - mean n x) in *.
  assert (K * (d * d) <= K * ((t * sd n x) * (t * sd n x))).
  { eapply Rle_trans; [exact H|].
    replace (K * (t * sd n x * (t * sd n x))) with (t * t * K * (sd n x * sd n x)) by ring.
    apply Rmult_le_compat_r; [nra | lra]. }
  assert (Hsq : d * d <= (t * sd n x) * (t * sd n x))
    by (apply (Rmult_le_reg_l K); lra).
  apply Rsqr_le_abs_0 in Hsq. rewrite (Rabs_pos_eq (t * sd n x)) in Hsq by nra. exact Hsq.
Qed.

(** In particular with half the points or more equal to a and t ≥ 1. *)
Corollary majority_kept_t_ge_1 n t (x : W n) a i :
  INR n <= 2 * count_eq n x a -> 1 <= t -> (i < n)%nat -> x i = a -> inlier_mask n t x i = 1.
Proof.
  intros Hk Ht. apply majority_kept_by_inlier_mask; [lra|].
  pose proof (count_eq_le n x a). assert (1 <= t * t) by nra.
  assert (count_eq n x a <= t * t * count_eq n x a) by nra. lra.
Qed.

(** ** Two clusters: the minority cluster is dropped *)

(** Sums over data with two values: Σ f(x_i) = K f(a) + (n − K) f(b). *)
Lemma vsum_two_valued n (x : W n) a b (f : R -> R) :
  (forall i, (i < n)%nat -> x i = a \/ x i = b) ->
  vsum n (fun i => f (x i)) = count_eq n x a * f a + (INR n - count_eq n x a) * f b.
Proof.
  intros Hab. unfold count_eq.
  rewrite (vsum_ext n _ (fun i => f a * at_ind x a i + (f b - f b * at_ind x a i))).
  - rewrite vsum_add, vsum_sub, !vsum_scal, vsum_const. ring.
  - intros i Hi. unfold at_ind. destruct Req_EM_T as [E|E]; [rewrite E; ring|].
    destruct (Hab i Hi) as [H|H]; [contradiction | rewrite H; ring].
Qed.

(** K points at a, the other n − K at b: the inlier mask keeps exactly the points at a
    when n − K ≤ t² K and t² (n − K) < K (e.g. t = 1 and a strict majority K > n/2). *)
Theorem minority_cluster_inlier_mask n t (x : W n) a b :
  (forall i, (i < n)%nat -> x i = a \/ x i = b) ->
  0 <= t -> INR n - count_eq n x a <= t * t * count_eq n x a ->
  t * t * (INR n - count_eq n x a) < count_eq n x a ->
  forall i, (i < n)%nat -> inlier_mask n t x i = at_ind x a i.
Proof.
  intros Hab Ht Hkeep Hdrop i Hi. unfold at_ind at 1. destruct Req_EM_T as [E|E].
  - now apply (majority_kept_by_inlier_mask n t x a i).
  - destruct (Hab i Hi) as [H|Hb]; [contradiction|]. apply dev_le_mask_0. rewrite Hb.
    assert (Hn : (0 < n)%nat) by lia. pose proof (lt_0_INR n Hn) as Hn0.
    assert (Hk1 : 1 <= INR n - count_eq n x a).
    { unfold count_eq. rewrite <- (Rmult_1_r (INR n)), <- vsum_const, <- vsum_sub.
      replace 1 with (1 - at_ind x a i) at 1
        by (unfold at_ind; destruct Req_EM_T; [contradiction | ring]).
      apply (vsum_term_le n (fun j => 1 - at_ind x a j)); [|exact Hi].
      intros j _. unfold at_ind. destruct Req_EM_T; lra. }
    pose proof (vsum_two_valued n x a b (fun v => v) Hab) as Hsum.
    cbv beta in Hsum. change (vsum n (fun i => x i)) with (vsum n x) in Hsum.
    rewrite (sum_mean n x) in Hsum.
    pose proof (vsum_two_valued n x a b (fun v => (v - mean n x)²) Hab) as Hssd.
    cbv beta in Hssd. change (vsum n (fun i => (x i - mean n x)²)) with (ssd n x) in Hssd.
    rewrite ssd_sd in Hssd. unfold Rsqr in Hssd.
    assert (Hba : b <> a) by (intros Hba; apply E; rewrite Hb; exact Hba).
    pose proof (sd_nonneg n x).
    set (K := count_eq n x a) in *. set (mu := mean n x) in *. set (s := sd n x) in *.
    set (k := INR n - K) in *. set (d := a - mu). set (e := b - mu).
    assert (HK : 0 < K) by nra.
    assert (Hc : d * K = - (e * k)) by (unfold d, e, k in *; nra).
    assert (Hs2 : INR n * (s * s) = K * (d * d) + k * (e * e)) by (unfold d, e; lra).
    (* K σ² = k (b − μ)² *)
    assert (Hb2 : K * (s * s) = k * (e * e)).
    { apply (Rmult_eq_reg_l (INR n)); [|lra].
      replace (INR n * (K * (s * s))) with (K * (INR n * (s * s))) by ring. rewrite Hs2.
      replace (K * (K * (d * d) + k * (e * e))) with ((d * K) * (d * K) + K * k * (e * e)) by ring.
      rewrite Hc. replace (INR n) with (K + k) by (unfold k; ring). ring. }
    assert (He : e <> 0).
    { intros He0. rewrite He0, Rmult_0_r, Rmult_0_r in Hb2.
      assert (Hss : s * s = 0) by nra. rewrite Hss, He0 in Hs2.
      assert (Hdd : K * (d * d) = 0) by lra.
      apply Rmult_integral in Hdd as [|Hdd]; [lra|]. apply Rmult_integral in Hdd as [Hd|Hd];
        apply Hba; unfold d, e in *; lra. }
    assert (Hlt : k * (t * s * (t * s)) < k * (e * e)).
    { destruct (Req_dec s 0) as [Hs0|Hs0].
      - rewrite Hs0. assert (0 < e * e) by nra. nra.
      - rewrite <- Hb2. replace (k * (t * s * (t * s))) with ((t * t * k) * (s * s)) by ring.
        apply Rmult_lt_compat_r; [nra | lra]. }
    assert (Hsq : t * s * (t * s) < e * e) by (apply (Rmult_lt_reg_l k); lra).
    apply Rsqr_lt_abs_0 in Hsq. rewrite (Rabs_pos_eq (t * s)) in Hsq by nra. exact Hsq.
Qed.


(** ... so the inlier-filtered mean is exactly a, whatever the value b of the minority. *)
Theorem minority_cluster_inlier_mean n t (x : W n) a b :
  (forall i, (i < n)%nat -> x i = a \/ x i = b) ->
  0 <= t -> INR n - count_eq n x a <= t * t * count_eq n x a ->
  t * t * (INR n - count_eq n x a) < count_eq n x a ->
  inlier_mean n t x = a.
Proof.
  intros Hab Ht Hkeep Hdrop.
  pose proof (minority_cluster_inlier_mask n t x a b Hab Ht Hkeep Hdrop) as Hm.
  pose proof (count_eq_le n x a) as HK. assert (0 <= t * t) by nra.
  assert (0 < count_eq n x a) by nra.
  unfold inlier_mean, masked_mean, mask_count.
  rewrite (vsum_ext n (inlier_mask n t x) (at_ind x a)) by exact Hm.
  rewrite (vsum_ext n (fun i => inlier_mask n t x i * x i) (fun i => a * at_ind x a i)).
  - rewrite vsum_scal. fold (count_eq n x a). field. lra.
  - intros i Hi. rewrite Hm by exact Hi. unfold at_ind.
    destruct Req_EM_T as [E|E]; [rewrite E|]; ring.
Qed.

(** The plain mean of the same data, μ = a + (n − K)(b − a)/n, follows b. *)
Theorem minority_cluster_mean n (x : W n) a b :
  (0 < n)%nat -> (forall i, (i < n)%nat -> x i = a \/ x i = b) ->
  mean n x = a + (INR n - count_eq n x a) * (b - a) / INR n.
Proof.
  intros Hn Hab. pose proof (lt_0_INR n Hn).
  pose proof (vsum_two_valued n x a b (fun v => v) Hab) as Hs. cbv beta in Hs.
  unfold mean. change (vsum n x) with (vsum n (fun i => x i)). rewrite Hs. field. lra.
Qed.

(** At t = 1: a strict majority K > n/2 at a, the rest at b ⇒ inlier mean = a. *)
Corollary minority_cluster_inlier_mean_t1 n (x : W n) a b :
  (forall i, (i < n)%nat -> x i = a \/ x i = b) -> INR n < 2 * count_eq n x a ->
  inlier_mean n 1 x = a.
Proof.
  intros Hab Hk. apply (minority_cluster_inlier_mean n 1 x a b Hab); lra.
Qed.

(** One corrupted point among n ≥ 3 equal ones: the inlier mean (t = 1) stays at a for
    every value b, while the plain mean is a + (b − a)/n (compare [mean_breakdown]). *)
Theorem inlier_mean_survives_one_outlier n j a b :
  (3 <= n)%nat -> (j < n)%nat ->
  inlier_mean n 1 (replace_at (fun _ => a) j b) = a /\
  mean n (replace_at (fun _ => a) j b) = a + (b - a) / INR n.
Proof.
  intros Hn Hj. set (x := replace_at (fun _ => a) j b).
  assert (Hab : forall i, (i < n)%nat -> x i = a \/ x i = b).
  { intros i _. unfold x, replace_at. destruct Nat.eq_dec; auto. }
  split.
  - apply (minority_cluster_inlier_mean_t1 n x a b Hab).
    assert (Hk : INR n - count_eq n x a <= 1).
    { unfold count_eq. rewrite <- (Rmult_1_r (INR n)), <- vsum_const, <- vsum_sub.
      apply Rle_trans with (vsum n (replace_at (fun _ => 0) j 1)).
      - apply vsum_le. intros i _. unfold x, at_ind, replace_at.
        destruct Nat.eq_dec; destruct Req_EM_T; lra.
      - rewrite vsum_replace_at, vsum_const by exact Hj. lra. }
    assert (H3 : INR 3 <= INR n) by (apply le_INR; exact Hn). simpl in H3. lra.
  - unfold x. rewrite mean_replace_at, mean_const by lia. reflexivity.
Qed.

(** ** A strict majority does not bound the inlier mean: two spread outliers *)

(** (0, 0, 0, s, 2s): three of five points at 0. μ = 3s/5, σ = 4s/5 (s ≥ 0); the
    deviations are 3s/5, 2s/5, 7s/5, so for 3/4 ≤ t < 7/4 the inlier mask is
    (1, 1, 1, 1, 0): the far outlier 2s inflates σ enough to let s through. *)
Definition spread_outliers (s : R) : nat -> R :=
  fun i => match i with 3%nat => s | 4%nat => 2 * s | _ => 0 end.

Lemma mean_spread_outliers s : mean 5 (spread_outliers s) = 3 * s / 5.
Proof. unfold mean, spread_outliers. simpl. field. Qed.

Lemma sd_spread_outliers s : 0 <= s -> sd 5 (spread_outliers s) = 4 * s / 5.
Proof.
  intros Hs. unfold sd, var, ssd. rewrite mean_spread_outliers.
  apply sqrt_lem_1; [| lra |]; unfold spread_outliers, Rsqr; simpl.
  - apply Rmult_le_pos; [|lra]. nra.
  - field.
Qed.

Theorem spread_outliers_majority s : s <> 0 -> 5 < 2 * count_eq 5 (spread_outliers s) 0.
Proof.
  intros Hs. unfold count_eq, at_ind, spread_outliers. simpl.
  repeat destruct Req_EM_T; try lra; exfalso; lra.
Qed.

Theorem spread_outliers_inlier_mean s t :
  0 < s -> 3 / 4 <= t < 7 / 4 -> inlier_mean 5 t (spread_outliers s) = s / 4.
Proof.
  intros Hs Ht. unfold inlier_mean, masked_mean, mask_count, inlier_mask, dev_le_mask.
  rewrite sd_spread_outliers, mean_spread_outliers by lra.
  unfold spread_outliers. simpl.
  replace (0 - 3 * s / 5) with (- (3 * s / 5)) by ring.
  replace (s - 3 * s / 5) with (2 * s / 5) by field.
  replace (2 * s - 3 * s / 5) with (7 * s / 5) by field.
  rewrite Rabs_Ropp, !Rabs_pos_eq by lra.
  repeat destruct Rle_dec; try (exfalso; nra). field.
Qed.

(** Hence, under a strict majority (3 of 5 points at 0), the inlier mean is unbounded. *)
Corollary inlier_mean_majority_unbounded t (M : R) :
  3 / 4 <= t < 7 / 4 ->
  exists s, 5 < 2 * count_eq 5 (spread_outliers s) 0 /\ M < inlier_mean 5 t (spread_outliers s).
Proof.
  intros Ht. exists (4 * (Rabs M + 1)). pose proof (Rle_abs M). pose proof (Rabs_pos M).
  split; [apply spread_outliers_majority; lra|].
  rewrite spread_outliers_inlier_mean by lra. lra.
Qed.
