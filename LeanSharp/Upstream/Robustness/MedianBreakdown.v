(** * LeanSharp.Upstream.Robustness.MedianBreakdown — upstream LeanSharp/Theory/Robustness/MedianComparison/Breakdown.lean

    Translates upstream's unbounded side of the 50% breakdown point of the geometric
    median (the translation of notions is the one of [Upstream.All]; sample conventions of
    [Upstream.Robustness.FilteredMeanBasic]; minimisers as in
    [Upstream.Robustness.MedianCore]: [median_breakdown] gives ONE contaminated sample g'
    on which EVERY minimiser has norm > C, stronger than upstream's statement about the
    chosen minimiser). In the two sum bounds, upstream's finite sets s_out, s_fixed are
    reindexed as [0, k).

    Equal: median_breakdown_lower_bound, median_breakdown_upper_bound, median_breakdown.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Upstream.Robustness Require Import FilteredMeanBasic MedianCore.
Open Scope R_scope.

(** [median_breakdown_lower_bound]: ‖m‖ ≤ C, ‖v‖ = R ⇒ Σ_{s_out} ‖v − m‖ ≥ |s_out|(R − C). *)
Theorem median_breakdown_lower_bound n (k : nat) (v m : W n) (R C : R) :
  norm n m <= C -> norm n v = R ->
  INR k * (R - C) <= vsum k (fun _ => norm n (vsub v m)).
Proof.
  intros Hm Hv. rewrite vsum_const. apply Rmult_le_compat_l; [apply pos_INR|].
  pose proof (norm_vsub_ge n v m). lra.
Qed.

(** [median_breakdown_upper_bound]: ‖v‖ = R ⇒ Σ_{s_fixed} ‖g_i − v‖ ≤ Σ ‖g_i‖ + |s_fixed| R. *)
Theorem median_breakdown_upper_bound n (k : nat) (g : nat -> W n) (v : W n) (R : R) :
  norm n v = R ->
  vsum k (fun i => norm n (vsub (g i) v)) <= vsum k (fun i => norm n (g i)) + INR k * R.
Proof.
  intros Hv. rewrite <- vsum_const, <- vsum_add. apply vsum_le. intros i _.
  rewrite <- Hv. apply norm_vsub_le.
Qed.

(** [median_breakdown]: n ≥ 1 and 2|s_fixed| < |s| ⇒ for every C there is g' equal to g on
    s_fixed whose minimisers all have norm > C. *)
Theorem median_breakdown n K (g : nat -> W n) (fx : nat -> bool) (C : R) :
  (0 < n)%nat -> 2 * card_in K fx < INR K ->
  exists g' : nat -> W n, (forall i, fx i = true -> g' i = g i) /\
    forall m, isGeometricMedian n K g' m -> C < norm n m.
Proof.
  intros Hn Hbreak. pose proof (card_in_split K fx) as Hsplit.
  set (cf := card_in K fx) in *. set (co := card_in K (fun i => negb (fx i))) in *.
  set (B := vsum K (fun i => if fx i then norm n (g i) else 0)).
  assert (Hd : 0 < co - cf) by lra.
  set (Rv := Rmax (Rabs C + 2) ((co * C + B) / (co - cf) + 1)).
  assert (HR1 : Rabs C + 2 <= Rv) by apply Rmax_l.
  assert (HR2 : (co * C + B) / (co - cf) + 1 <= Rv) by apply Rmax_r.
  pose proof (Rabs_pos C). pose proof (Rle_abs C).
  set (v := vscale Rv (unitVector n)).
  assert (Hv : norm n v = Rv)
    by (unfold v; rewrite norm_scale, norm_unit_vector, Rmult_1_r, Rabs_pos_eq by (auto; lra); reflexivity).
  exists (fun i => if fx i then g i else v). split.
  - intros i Hi. rewrite Hi. reflexivity.
  - intros m Hm. destruct (Rlt_dec C (norm n m)) as [|Hle]; [assumption|exfalso].
    apply Rnot_lt_le in Hle.
    (* the outliers at v are far from m *)
    assert (Hlow : co * (Rv - C) <= vsum K (fun i => norm n (vsub (if fx i then g i else v) m))).
    { apply Rle_trans with (vsum K (fun i => if fx i then 0 else Rv - C)).
      - rewrite vsum_if_card. fold cf co. lra.
      - apply vsum_le. intros i _. destruct (fx i).
        + apply norm_nonneg.
        + pose proof (norm_vsub_ge n v m). lra. }
    (* at v only the fixed points cost *)
    assert (Hup : vsum K (fun i => norm n (vsub (if fx i then g i else v) v)) <= B + cf * Rv).
    { apply Rle_trans with (vsum K (fun i => (if fx i then norm n (g i) else 0) + Rv * (if fx i then 1 else 0))).
      - apply vsum_le. intros i _. destruct (fx i).
        + pose proof (norm_vsub_le n (g i) v). lra.
        + rewrite (norm_ext n (vsub v v) (fun _ => 0)) by (intros; unfold vsub; ring).
          rewrite norm_zero_vec. lra.
      - rewrite vsum_add, vsum_scal. fold B. unfold cf, card_in. lra. }
    pose proof (Hm v) as Hmin. cbv beta in Hmin.
    pose proof (Rle_trans _ _ _ (Rle_trans _ _ _ Hlow Hmin) Hup) as Hc.
    assert (Hkey : Rv * (co - cf) <= co * C + B) by (clear -Hc; lra).
    assert (Hbig : (co * C + B) / (co - cf) * (co - cf) = co * C + B) by (field; lra).
    assert ((co * C + B) / (co - cf) * (co - cf) + (co - cf) <= Rv * (co - cf))
      by (apply Rle_trans with (((co * C + B) / (co - cf) + 1) * (co - cf)); [right; ring |
          apply Rmult_le_compat_r; lra]).
    lra.
Qed.
