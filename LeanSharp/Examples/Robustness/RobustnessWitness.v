(** * LeanSharp.Examples.Robustness.RobustnessWitness — concrete instances of the robustness theorems

    Every hypothesis of the robustness results (SPEC §2.4) is met by explicit data:
    - [mean_breakdown_witness]: data (1, 2, 3); changing the first point pushes
      |mean| above 1000
    - [dirty_median], [median_breakdown_witness]: clean data (0, 1, 2) ⊂ [−2, 2],
      observed (0, 1, 10⁶) (one of three points corrupted); 1 is a median and every
      median lies in [−2, 2]; [coord_median_breakdown_witness]: the same in W 2;
      [median_half_breaks_witness]: with half the points corrupted, (0, 0, 5, 5) has
      median 5
    - [zfiltered_mean_bounded_by_data_witness]: (0, 1, 10), every |x_i| ≤ 10, t = 1/2:
      |Z-filtered mean| ≤ 10 (a bound on the data, not an effect of the filter)
    - inlier mask on (0, 0, 100) = 0 with its last point replaced by 100, t = 1:
      [inlier_drops_outlier_witness]: the outlier is dropped, the inlier mean is 0, the
      mean is 100/3; [inlier_mean_survives_one_outlier_witness]: inlier mean 0 for every
      value b of the third point, mean b/3
    - (0, 0, 0, 100, 200), 3 of 5 points at 0, t = 1: [majority_kept_witness]: the
      zeros are kept; [inlier_mean_near_mean_witness]: |inlier mean − 60| ≤ 80;
      [spread_outliers_inlier_mean_witness]: the inlier mean is 25 (the majority does
      not bound it: [inlier_mean_majority_unbounded_witness])
    - spike (0, 0, 0, 100): outlier z-score exactly √3 ([spike_zscore_witness]); kept at
      t = 1 ≤ √3, dropped at t = 2 > √3; filtered mean at t = 1 is ≥ 25; 0 is a median
    - symmetric law on W 2 with outcomes ±(1, −3) (prob. 1/8 each) and ±(2, 1/2)
      (prob. 3/8 each): the Z-filtered noise has mean 0 *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats FiniteProb.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Theory.Robustness Require Import Robustness RobustMedian RobustOutlier RobustSymmetric.
Open Scope R_scope.

(** ** Breakdown of the mean *)

Definition x123 : nat -> R := fun i => match i with O => 1 | S O => 2 | _ => 3 end.

Example mean_breakdown_witness :
  exists y : W 3, (forall i, i <> 0%nat -> y i = x123 i) /\ 1000 < Rabs (mean 3 y).
Proof. apply mean_breakdown. lia. Qed.

(** ** The median survives one corrupted point out of three *)

Definition clean : nat -> R := fun i => match i with O => 0 | S O => 1 | _ => 2 end.
Definition dirty : nat -> R := fun i => match i with O => 0 | S O => 1 | _ => 1000000 end.

Lemma clean_bounded i : (i < 3)%nat -> Rabs (clean i) <= 2.
Proof.
  intros Hi. destruct i as [|[|[|i]]]; [..|lia]; simpl;
    rewrite Rabs_right by lra; lra.
Qed.

Lemma clean_dirty_agree : INR 3 < 2 * vcount_agree 3 clean dirty.
Proof. unfold vcount_agree, clean, dirty. simpl. filter_decide. Qed.

Example dirty_median : is_median 3 dirty 1.
Proof. unfold is_median, vcount_le, vcount_ge, dirty. simpl. split; filter_decide. Qed.

Example median_breakdown_witness m : is_median 3 dirty m -> -2 <= m <= 2.
Proof.
  apply (median_breakdown 3 clean dirty 2 m); [exact clean_bounded | exact clean_dirty_agree].
Qed.

(** Coordinate-wise, in W 2: the third point is corrupted in both coordinates. *)
Definition Xclean (i : nat) : W 2 := fun c => clean i + INR c.
Definition Ydirty (i : nat) : W 2 := fun c => dirty i + INR c.

Example coord_median_breakdown_witness (M : W 2) :
  is_coord_median 3 2 Ydirty M -> forall c, (c < 2)%nat -> -3 <= M c <= 3.
Proof.
  apply (coord_median_breakdown 3 2 Xclean Ydirty 3 M).
  - intros i c Hi Hc. unfold Xclean.
    destruct i as [|[|[|i]]]; destruct c as [|[|c]]; try lia; simpl;
      rewrite Rabs_right by lra; lra.
  - intros c Hc. unfold vcount_agree, Xclean, Ydirty, clean, dirty.
    destruct c as [|[|c]]; try lia; simpl; filter_decide.
Qed.

Example coord_median_exists_witness : {M : W 2 | is_coord_median 3 2 Ydirty M}.
Proof. apply coord_median_exists. lia. Defined.

(** Half is not enough: (0, 0, 5, 5) has median 5. *)
Example median_half_breaks_witness : is_median (2 + 2) (half_split 2 5) 5.
Proof. apply median_half_breaks. lra. Qed.

(** ** Z-filtered mean of bounded data *)

Definition x_out : nat -> R := fun i => match i with O => 0 | S O => 1 | _ => 10 end.

Example zfiltered_mean_bounded_by_data_witness : Rabs (zfiltered_mean 3 (1 / 2) x_out) <= 10.
Proof.
  apply zfiltered_mean_bounded_by_data; [lia | lra |].
  intros i Hi. destruct i as [|[|[|i]]]; [..|lia]; simpl; rewrite Rabs_right by lra; lra.
Qed.

(** ** The inlier mask drops a single outlier: (0, 0, 100) *)

Definition x_one_out : nat -> R := replace_at (fun _ => 0) 2%nat 100.

Lemma x_one_out_values : forall i, (i < 3)%nat -> x_one_out i = 0 \/ x_one_out i = 100.
Proof. intros i _. unfold x_one_out, replace_at. destruct Nat.eq_dec; auto. Qed.

Lemma count_eq_x_one_out : count_eq 3 x_one_out 0 = 2.
Proof.
  unfold count_eq, at_ind, x_one_out, replace_at. simpl.
  repeat (destruct Nat.eq_dec; try lia); repeat destruct Req_EM_T; lra.
Qed.

Example inlier_drops_outlier_witness :
  inlier_mask 3 1 x_one_out 2%nat = 0 /\ inlier_mean 3 1 x_one_out = 0
  /\ mean 3 x_one_out = 100 / 3.
Proof.
  split; [|split].
  - rewrite (minority_cluster_inlier_mask 3 1 x_one_out 0 100 x_one_out_values)
      by (rewrite ?count_eq_x_one_out; simpl; lra || lia).
    unfold at_ind, x_one_out. rewrite replace_at_same. destruct Req_EM_T; lra.
  - apply (minority_cluster_inlier_mean_t1 3 x_one_out 0 100 x_one_out_values).
    rewrite count_eq_x_one_out. simpl. lra.
  - rewrite (minority_cluster_mean 3 x_one_out 0 100) by (exact x_one_out_values || lia).
    rewrite count_eq_x_one_out. simpl. field.
Qed.

Example inlier_mean_survives_one_outlier_witness b :
  inlier_mean 3 1 (replace_at (fun _ => 0) 2%nat b) = 0
  /\ mean 3 (replace_at (fun _ => 0) 2%nat b) = 0 + (b - 0) / INR 3.
Proof. apply inlier_mean_survives_one_outlier; lia. Qed.

(** ** A strict majority does not bound the inlier mean: (0, 0, 0, 100, 200) *)

Example majority_kept_witness : inlier_mask 5 1 (spread_outliers 100) 0%nat = 1.
Proof.
  apply (majority_kept_t_ge_1 5 1 (spread_outliers 100) 0); [| lra | lia | reflexivity].
  pose proof (spread_outliers_majority 100 ltac:(lra)).
  replace (INR 5) with 5 by (simpl; lra). lra.
Qed.

Example inlier_mean_near_mean_witness :
  Rabs (inlier_mean 5 1 (spread_outliers 100) - 60) <= 80.
Proof.
  pose proof (inlier_mean_near_mean_t_ge_1 5 1 (spread_outliers 100) ltac:(lia) ltac:(lra)) as H.
  rewrite mean_spread_outliers, sd_spread_outliers in H by lra.
  replace 60 with (3 * 100 / 5) by field. lra.
Qed.

Example spread_outliers_inlier_mean_witness :
  5 < 2 * count_eq 5 (spread_outliers 100) 0 /\ inlier_mean 5 1 (spread_outliers 100) = 25.
Proof.
  split; [apply spread_outliers_majority; lra|].
  rewrite spread_outliers_inlier_mean by lra. field.
Qed.

Example inlier_mean_majority_unbounded_witness :
  exists s, 5 < 2 * count_eq 5 (spread_outliers s) 0 /\ 1000 < inlier_mean 5 1 (spread_outliers s).
Proof. apply inlier_mean_majority_unbounded. lra. Qed.

(** ** A single concentrated outlier: (0, 0, 0, 100), n = 4, √(n − 1) = √3 *)

Lemma one_le_sqrt3 : 1 <= sqrt (INR 3).
Proof. rewrite <- sqrt_1. apply sqrt_le_1_alt. simpl. lra. Qed.

Lemma sqrt3_lt_2 : sqrt (INR 3) < 2.
Proof.
  replace 2 with (sqrt (2 * 2)) by (apply sqrt_square; lra).
  apply sqrt_lt_1_alt. simpl. lra.
Qed.

Example spike_zscore_witness :
  Rabs (spike 3 0 100 3%nat - mean 4 (spike 3 0 100)) / sd 4 (spike 3 0 100) = sqrt (INR 3).
Proof. apply spike_outlier_zscore; [lia | lra]. Qed.

Example single_outlier_passes_witness : sig_mask 4 1 (spike 3 0 100) 3%nat = 1.
Proof. apply single_outlier_passes, one_le_sqrt3. Qed.

Example single_outlier_dropped_witness : sig_mask 4 2 (spike 3 0 100) 3%nat = 0.
Proof. apply single_outlier_dropped; [lia | lra | exact sqrt3_lt_2]. Qed.

Example spike_zfiltered_mean_witness : 25 <= zfiltered_mean 4 1 (spike 3 0 100).
Proof.
  eapply Rle_trans; [|apply spike_zfiltered_mean_ge; [lra | exact one_le_sqrt3]].
  simpl. lra.
Qed.

Example spike_zfiltered_mean_unbounded_witness :
  exists b, 1000 < zfiltered_mean 4 1 (spike 3 0 b).
Proof. apply spike_zfiltered_mean_unbounded, one_le_sqrt3. Qed.

Example spike_median_witness : is_median 4 (spike 3 0 100) 0.
Proof. apply spike_median. lia. Qed.

(** ** Symmetric noise on W 2 *)

Definition xi0 : nat -> R := fun i => match i with O => 1 | _ => -3 end.
Definition xi1 : nat -> R := fun i => match i with O => 2 | _ => 1 / 2 end.
Definition xis (k : nat) : W 2 :=
  match k with O => xi0 | S O => xi1 | S (S O) => vopp xi0 | _ => vopp xi1 end.
Definition psym (k : nat) : R :=
  match k with O => 1 / 8 | S O => 3 / 8 | S (S O) => 1 / 8 | _ => 3 / 8 end.

Lemma psym_law : is_law 4 psym.
Proof.
  split; [intros k Hk; destruct k as [|[|[|[|k]]]]; simpl; lra | simpl; lra].
Qed.

Lemma xis_symmetric : symmetric_pairs 2 2 psym xis.
Proof. intros k Hk. destruct k as [|[|k]]; [split; reflexivity .. | lia]. Qed.

Example zfilter_symmetric_unbiased_witness i :
  (i < 2)%nat -> expect (2 + 2) psym (fun k => zfilter 2 1 (xis k) i) = 0.
Proof. apply zfilter_symmetric_unbiased, xis_symmetric. Qed.

Example zfilter_s_symmetric_unbiased_witness i :
  (i < 2)%nat -> expect (2 + 2) psym (fun k => zfilter_s 2 1 (xis k) i) = 0.
Proof. apply zfilter_s_symmetric_unbiased, xis_symmetric. Qed.
