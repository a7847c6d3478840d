(** * LeanSharp.Upstream.Robustness.MedianCore — upstream LeanSharp/Theory/Robustness/MedianComparison/Core.lean

    Translates upstream's non-robustness of the empirical mean and the boundedness of the
    geometric median under a strict majority of fixed points (the translation of notions
    is the one of [Upstream.All]; sample conventions of
    [Upstream.Robustness.FilteredMeanBasic]).
    Upstream's [geometricMedian s g] is a minimiser of m ↦ Σ_{i∈s} ‖g_i − m‖ picked by
    choice. Here [isGeometricMedian n K g m] says that m is such a minimiser, and the
    median statements quantify over EVERY minimiser (stronger than a statement about one
    chosen minimiser; existence of a minimiser is not needed for, nor proved by, this file).
    New fact: [median_fixed_bound], (|fixed| − |out|)·‖m‖ ≤ 2 Σ_{fixed} ‖g_i‖ for every
    minimiser m (compare m with the point 0).

    Equal: mean_unbounded, median_bounded_subset (every minimiser; the radius is uniform).
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Theory.Robustness Require Import Robustness.
From LeanSharp.Upstream.Robustness Require Import FilteredMeanBasic.
Open Scope R_scope.

Definition isGeometricMedian (n K : nat) (g : nat -> W n) (m : W n) : Prop :=
  forall x : W n, vsum K (fun i => norm n (vsub (g i) m)) <= vsum K (fun i => norm n (vsub (g i) x)).

(** Every minimiser m for data g' that agree with g on the fixed points satisfies
    (|fixed| − |out|)·‖m‖ ≤ 2 Σ_{i fixed} ‖g_i‖. *)
Lemma median_fixed_bound n K (g g' : nat -> W n) (fx : nat -> bool) (m : W n) :
  (forall i, (i < K)%nat -> fx i = true -> vec_eq n (g' i) (g i)) ->
  isGeometricMedian n K g' m ->
  (card_in K fx - card_in K (fun i => negb (fx i))) * norm n m
    <= 2 * vsum K (fun i => if fx i then norm n (g i) else 0).
Proof.
  intros Hag Hm. specialize (Hm vzero).
  rewrite (vsum_ext K (fun i => norm n (vsub (g' i) vzero)) (fun i => norm n (g' i))) in Hm
    by (intros; apply norm_ext; intros; unfold vsub, vzero; ring).
  assert (Hpt : vsum K (fun i => norm n m * (if fx i then 1 else 0)
                                 - norm n m * (if negb (fx i) then 1 else 0)
                                 - 2 * (if fx i then norm n (g i) else 0))
                <= vsum K (fun i => norm n (vsub (g' i) m) - norm n (g' i))).
  { apply vsum_le. intros i Hi. destruct (fx i) eqn:E; simpl.
    - rewrite (norm_ext n (g' i) (g i)) by (apply Hag; assumption).
      rewrite (norm_ext n (vsub (g' i) m) (vsub (g i) m))
        by (intros c Hc; unfold vsub; rewrite (Hag i Hi E c Hc); reflexivity).
      pose proof (norm_vsub_ge n m (g i)) as H. rewrite norm_vsub_sym in H. lra.
    - pose proof (norm_vsub_ge n (g' i) m). lra. }
  rewrite !vsum_sub, !vsum_scal in Hpt. unfold card_in. lra.
Qed.

(** [mean_unbounded]: n ≥ 1, i0 ∈ s: for every C some g' equal to g off i0 has
    ‖empiricalMean g'‖ > C. *)
Lemma mean_unbounded n K (g : nat -> W n) i0 C :
  (0 < n)%nat -> (i0 < K)%nat ->
  exists g' : nat -> W n, (forall i, i <> i0 -> g' i = g i) /\ C < norm n (empiricalMean n K g').
Proof.
  intros Hn Hi0. assert (HK : 0 < INR K) by (apply lt_0_INR; lia).
  set (S := sampleSum n K g). set (e := unitVector n).
  set (c := INR K * (Rabs C + 1) + norm n S).
  assert (Hc : 0 <= c) by (pose proof (norm_nonneg n S); pose proof (Rabs_pos C); unfold c; nra).
  exists (fun i => if Nat.eqb i i0 then vadd (g i0) (vscale c e) else g i). split.
  - intros i Hi. destruct (Nat.eqb_spec i i0); [contradiction | reflexivity].
  - assert (Hsum : forall j, sampleSum n K (fun i => if Nat.eqb i i0 then vadd (g i0) (vscale c e) else g i) j
                            = vadd S (vscale c e) j).
    { intros j. unfold sampleSum.
      rewrite (vsum_ext K _ (replace_at (fun i => g i j) i0 (g i0 j + c * e j))).
      - rewrite vsum_replace_at by exact Hi0. unfold S, sampleSum, vadd, vscale. ring.
      - intros i _. unfold replace_at. destruct (Nat.eq_dec i i0), (Nat.eqb_spec i i0);
          try contradiction; try reflexivity. }
    unfold empiricalMean. rewrite (norm_ext n _ (vscale (1 / INR K) (vadd S (vscale c e))))
      by (intros j _; unfold vscale at 1 3; rewrite Hsum; reflexivity).
    rewrite norm_scale, Rabs_pos_eq by apply one_div_INR_nonneg.
    pose proof (norm_vadd_ge n (vscale c e) S) as H.
    rewrite (norm_ext n (vadd (vscale c e) S) (vadd S (vscale c e))) in H
      by (intros; unfold vadd; ring).
    rewrite norm_scale, Rabs_pos_eq, norm_unit_vector, Rmult_1_r in H by assumption.
    apply Rlt_le_trans with (1 / INR K * (c - norm n S)).
    + replace (1 / INR K * (c - norm n S)) with (Rabs C + 1) by (unfold c; field; lra).
      pose proof (Rle_abs C). lra.
    + apply Rmult_le_compat_l; [apply one_div_INR_nonneg | exact H].
Qed.

(** [median_bounded_subset]: 2|s_fixed| > |s| ⇒ one radius R bounds every minimiser of
    every g' that agrees with g on s_fixed. *)
Theorem median_bounded_subset n K (g : nat -> W n) (fx : nat -> bool) :
  INR K < 2 * card_in K fx ->
  exists R_med, forall (g' : nat -> W n) (m : W n),
    (forall i, (i < K)%nat -> fx i = true -> vec_eq n (g' i) (g i)) ->
    isGeometricMedian n K g' m -> norm n m <= R_med.
Proof.
  intros Hmaj. pose proof (card_in_split K fx) as Hsplit.
  set (d := card_in K fx - card_in K (fun i => negb (fx i))).
  set (B := vsum K (fun i => if fx i then norm n (g i) else 0)).
  assert (Hd : 0 < d) by (unfold d; lra).
  exists (2 * B / d). intros g' m Hag Hm.
  pose proof (median_fixed_bound n K g g' fx m Hag Hm) as H. fold d B in H.
  apply (Rmult_le_reg_l d); [exact Hd|].
  replace (d * (2 * B / d)) with (2 * B) by (field; lra). exact H.
Qed.
