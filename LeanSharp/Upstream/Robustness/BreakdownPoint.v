(** * LeanSharp.Upstream.Robustness.BreakdownPoint — upstream LeanSharp/Theory/Robustness/BreakdownPoint.lean

    Translates upstream's finite-sample breakdown point and its values for the empirical
    mean (≤ 1/|s|) and the geometric median (≥ 1/2) (the translation of notions is the one
    of [Upstream.All]; sample conventions of [Upstream.Robustness.FilteredMeanBasic]).
    - [outlierCount n K g g'] = #{i < K : g'_i ≠ g_i} (on [0, n), decided by [vec_eqb]);
    - [IsBoundedAtOutlierCount n K g k est]: ∃ R, every g' with at most k moved points has
      ‖est g'‖ ≤ R (as upstream);
    - upstream's [finiteSampleBreakdownPoint s g est] (Nat.find of the first k at which
      [est] is unbounded, divided by |s|; 1 if there is none) is the relation
      [isFiniteSampleBreakdownPoint n K g est b]; it is total and functional
      ([finiteSampleBreakdownPoint_exists], [finiteSampleBreakdownPoint_unique]), so a
      statement "∀ b, isFiniteSampleBreakdownPoint … b → P b" is upstream's "P (the value)".
    - upstream's estimator [geometricMedian s] (one minimiser chosen for each g') is here
      ANY estimator [est] with [est g'] a minimiser for every g' (stronger).
    New fact: [median_bounded_below_half], fewer than |s|/2 moved points keep every
    minimiser within 2Σ‖g_i‖/(|s| − 2k).

    Equal: mean_breakdown_point_zero, geometric_median_breakdown_point_ge_half
      (every minimiser-valued estimator).
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia Classical Wf_nat.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Upstream.Robustness Require Import FilteredMeanBasic MedianCore.
Open Scope R_scope.

(** Boolean test: u and v agree on [0, n). *)
Fixpoint vec_eqb (n : nat) (u v : nat -> R) : bool :=
  match n with
  | O => true
  | S k => vec_eqb k u v && (if Req_EM_T (u k) (v k) then true else false)
  end.

Lemma vec_eqb_true n u v : vec_eqb n u v = true -> vec_eq n u v.
Proof.
  induction n as [|n IH]; simpl; intros H c Hc; [lia|].
  apply andb_prop in H as [H1 H2]. destruct (Nat.eq_dec c n) as [->|Hne].
  - destruct Req_EM_T; [assumption | discriminate].
  - apply IH; [exact H1 | lia].
Qed.

Lemma vec_eqb_refl n u : vec_eqb n u u = true.
Proof. induction n as [|n IH]; simpl; [reflexivity|]. rewrite IH. destruct Req_EM_T; auto. Qed.

Definition outlierCount (n K : nat) (g g' : nat -> W n) : R :=
  card_in K (fun i => negb (vec_eqb n (g' i) (g i))).

Definition IsBoundedAtOutlierCount (n K : nat) (g : nat -> W n) (k : nat)
    (est : (nat -> W n) -> W n) : Prop :=
  exists R_b, forall g' : nat -> W n, outlierCount n K g g' <= INR k -> norm n (est g') <= R_b.

Definition isFiniteSampleBreakdownPoint (n K : nat) (g : nat -> W n)
    (est : (nat -> W n) -> W n) (b : R) : Prop :=
  (exists k, ~ IsBoundedAtOutlierCount n K g k est /\
             (forall j, (j < k)%nat -> IsBoundedAtOutlierCount n K g j est) /\ b = INR k / INR K)
  \/ ((forall k, IsBoundedAtOutlierCount n K g k est) /\ b = 1).

(** The breakdown point exists (classically) ... *)
Lemma finiteSampleBreakdownPoint_exists n K g est :
  exists b, isFiniteSampleBreakdownPoint n K g est b.
Proof.
  destruct (classic (exists k, ~ IsBoundedAtOutlierCount n K g k est)) as [Hex|Hno].
  - destruct (dec_inh_nat_subset_has_unique_least_element
                (fun k => ~ IsBoundedAtOutlierCount n K g k est) (fun k => classic _) Hex)
      as [k [[Hk Hmin] _]].
    exists (INR k / INR K). left. exists k. split; [exact Hk | split; [|reflexivity]].
    intros j Hj. apply NNPP. intros Hnb. specialize (Hmin j Hnb). lia.
  - exists 1. right. split; [|reflexivity]. intros k. apply NNPP. intros Hk. apply Hno. now exists k.
Qed.

(** ... and is unique. *)
Lemma finiteSampleBreakdownPoint_unique n K g est b b' :
  isFiniteSampleBreakdownPoint n K g est b -> isFiniteSampleBreakdownPoint n K g est b' -> b = b'.
Proof.
  intros [[k [Hk [Hlt ->]]]|[Hall ->]] [[k' [Hk' [Hlt' ->]]]|[Hall' ->]].
  - destruct (lt_eq_lt_dec k k') as [[H|H]|H].
    + exfalso. exact (Hk (Hlt' k H)).
    + now subst.
    + exfalso. exact (Hk' (Hlt k' H)).
  - exfalso. exact (Hk (Hall' k)).
  - exfalso. exact (Hk' (Hall k')).
  - reflexivity.
Qed.

(** [mean_breakdown_point_zero]: n ≥ 1, s ≠ ∅ ⇒ breakdown point of the mean ≤ 1/|s|. *)
Theorem mean_breakdown_point_zero n K (g : nat -> W n) :
  (0 < n)%nat -> (0 < K)%nat ->
  forall b, isFiniteSampleBreakdownPoint n K g (empiricalMean n K) b -> b <= 1 / INR K.
Proof.
  intros Hn HK.
  assert (Hone : ~ IsBoundedAtOutlierCount n K g 1 (empiricalMean n K)).
  { intros [Rb HR]. destruct (mean_unbounded n K g 0 Rb Hn HK) as [g' [Hg' Hgt]].
    assert (outlierCount n K g g' <= INR 1); [|specialize (HR g' H); lra].
    change (INR 1) with 1. rewrite <- (card_in_eqb K 0 HK). apply vsum_le. intros i _.
    destruct (Nat.eqb_spec i 0); [destruct negb; lra|].
    rewrite (Hg' i n0), vec_eqb_refl. simpl. lra. }
  assert (HKp : 0 < INR K) by (apply lt_0_INR; lia).
  intros b [[k [Hk [Hlt ->]]]|[Hall _]].
  - destruct k as [|[|k]].
    + simpl. unfold Rdiv. rewrite Rmult_0_l. apply Rlt_le, Rdiv_lt_0_compat; lra.
    + simpl. lra.
    + exfalso. apply Hone, Hlt. lia.
  - exfalso. exact (Hone (Hall 1%nat)).
Qed.

(** Fewer than half of the points moved: every minimiser stays within 2Σ‖g_i‖/(|s| − 2k). *)
Lemma median_bounded_below_half n K (g : nat -> W n) (est : (nat -> W n) -> W n) k :
  (forall g', isGeometricMedian n K g' (est g')) -> (2 * k < K)%nat ->
  IsBoundedAtOutlierCount n K g k est.
Proof.
  intros Hest Hk. apply lt_INR in Hk. rewrite mult_INR in Hk. simpl in Hk.
  set (S := vsum K (fun i => norm n (g i))).
  exists (2 * S / (INR K - 2 * INR k)). intros g' Hout.
  set (fx := fun i => vec_eqb n (g' i) (g i)).
  pose proof (median_fixed_bound n K g g' fx (est g')
                (fun i _ H => vec_eqb_true n (g' i) (g i) H) (Hest g')) as H.
  pose proof (card_in_split K fx) as Hsplit. change (card_in K (fun i => negb (fx i)) <= INR k) in Hout.
  assert (HB : vsum K (fun i => if fx i then norm n (g i) else 0) <= S).
  { apply vsum_le. intros i _. pose proof (norm_nonneg n (g i)). destruct (fx i); lra. }
  pose proof (norm_nonneg n (est g')).
  assert (Hd : (INR K - 2 * INR k) * norm n (est g') <= 2 * S).
  { apply Rle_trans with ((card_in K fx - card_in K (fun i => negb (fx i))) * norm n (est g')); [|lra].
    apply Rmult_le_compat_r; lra. }
  apply (Rmult_le_reg_l (INR K - 2 * INR k)); [lra|].
  replace ((INR K - 2 * INR k) * (2 * S / (INR K - 2 * INR k))) with (2 * S) by (field; lra).
  exact Hd.
Qed.

(** [geometric_median_breakdown_point_ge_half]: s ≠ ∅ ⇒ the breakdown point of any
    estimator returning a minimiser of Σ‖g_i − m‖ is ≥ 1/2. *)
Theorem geometric_median_breakdown_point_ge_half n K (g : nat -> W n) (est : (nat -> W n) -> W n) :
  (0 < K)%nat -> (forall g', isGeometricMedian n K g' (est g')) ->
  forall b, isFiniteSampleBreakdownPoint n K g est b -> 1 / 2 <= b.
Proof.
  intros HK Hest b [[k [Hk [_ ->]]]|[_ ->]]; [|lra].
  assert (Hle : (K <= 2 * k)%nat).
  { destruct (le_lt_dec K (2 * k)) as [|Hlt]; [assumption|].
    exfalso. exact (Hk (median_bounded_below_half n K g est k Hest Hlt)). }
  apply le_INR in Hle. rewrite mult_INR in Hle. simpl in Hle.
  assert (HKp : 0 < INR K) by (apply lt_0_INR; lia).
  apply (Rmult_le_reg_r (INR K)); [exact HKp|].
  replace (INR k / INR K * INR K) with (INR k) by (field; lra). lra.
Qed.
