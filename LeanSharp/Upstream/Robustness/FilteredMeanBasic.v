(** * LeanSharp.Upstream.Robustness.FilteredMeanBasic — upstream LeanSharp/Theory/Robustness/FilteredMeanProps/Basic.lean

    Translates upstream's empirical mean and Z-filtered empirical mean of a sample of
    vectors, and their norm bounds (the translation of notions is the one of
    [Upstream.All]). File-specific choices, shared by the whole [Upstream.Robustness]
    folder:
    - a finite sample s ⊆ α with points g : α → W ι is K points g_0, …, g_{K−1} of W n
      ([g : nat -> W n], indices [0, K)); every finite set is in bijection with [0, |s|),
      so no generality is lost. A sub-sample s_fixed ⊆ s is a boolean predicate
      [fx : nat -> bool] read on [0, K); [card_in K fx] = |s_fixed| (a real) and
      [card_in K (negb ∘ fx)] = |s \ s_fixed|.
    - two points are equal when they agree on [0, n): [vec_eq n u v]; hypotheses
      "g' i = g i" are stated with [vec_eq] (weaker hypothesis, stronger theorem),
      conclusions with Coq's equality.
    - [filteredGradient n g z] = g ⊙ zScoreMask g z = [hadamard g (inlier_mask n z g)]
      (upstream's mask keeps |g_i − μ| ≤ zσ, population σ: [ZMask.inlier_mask]).
    - [sampleSum n K g] = Σ_{i<K} g_i,  [empiricalMean n K g] = (1/K)·Σ_{i<K} g_i,
      [zFilteredEmpiricalMean n K g z] = (1/K)·Σ_{i<K} g_i ⊙ m(g_i)  (1/0 = 0 as in Lean).
    - [unitVector n] = (1/√n, …, 1/√n); [RobustSample n] = upstream's structure (its
      [h_sub] is automatic: [rs_fixed] is only read on [0, K)).
    New facts (general helpers, not in the library): [norm_sampleSum_le] (triangle
    inequality for a sum of K vectors), [norm_vsub_ge], [norm_vadd_ge], [norm_vsub_sym],
    [norm_vopp], [card_in_split], [card_in_eqb], [vsum_if_card].

    Equal: norm_unit_vector, z_filtered_empirical_mean_norm_le (stronger: no s ≠ ∅),
      z_filtered_empirical_mean_norm_le_of_pointwise_bound.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Upstream.Core Require Export Filters.
Open Scope R_scope.

(** ** Definitions *)

Definition sampleSum (n K : nat) (g : nat -> W n) : W n := fun c => vsum K (fun i => g i c).

Definition empiricalMean (n K : nat) (g : nat -> W n) : W n := vscale (1 / INR K) (sampleSum n K g).

Definition zFilteredEmpiricalMean (n K : nat) (g : nat -> W n) (z : R) : W n :=
  empiricalMean n K (fun i => filteredGradient n (g i) z).

Definition unitVector (n : nat) : W n := fun _ => 1 / sqrt (INR n).

Definition vec_eq (n : nat) (u v : W n) : Prop := forall c, (c < n)%nat -> u c = v c.

Definition card_in (K : nat) (fx : nat -> bool) : R := vsum K (fun i => if fx i then 1 else 0).

(** Upstream's [RobustSample]: K points, the fixed ones (flag [rs_fixed]) of norm ≤ R_fixed. *)
Record RobustSample (n : nat) := mkRobustSample {
  rs_K : nat;
  rs_g : nat -> W n;
  rs_fixed : nat -> bool;
  R_fixed : R;
  R_out : R;
  h_fixed_bound : forall i, (i < rs_K)%nat -> rs_fixed i = true -> norm n (rs_g i) <= R_fixed
}.
Arguments rs_K {n}. Arguments rs_g {n}. Arguments rs_fixed {n}.
Arguments R_fixed {n}. Arguments R_out {n}. Arguments h_fixed_bound {n}.

(** ** Helpers: norms and counts *)

Lemma norm_filteredGradient_le n g z : norm n (filteredGradient n g z) <= norm n g.
Proof. apply norm_filtered_le, inlier_mask_is_mask. Qed.

Lemma norm_zero_vec n : norm n (fun _ => 0) = 0.
Proof.
  apply norm_eq_0. unfold norm2, inner.
  rewrite (vsum_ext n _ (fun _ => 0)) by (intros; ring). rewrite vsum_const. ring.
Qed.

Lemma norm_vopp n v : norm n (vopp v) = norm n v.
Proof. unfold norm, norm2, inner, vopp. f_equal. apply vsum_ext. intros; ring. Qed.

Lemma norm_vsub_sym n u v : norm n (vsub u v) = norm n (vsub v u).
Proof. unfold norm. now rewrite norm2_sub_swap. Qed.

(** ‖u‖ − ‖v‖ ≤ ‖u − v‖ and ‖u‖ − ‖v‖ ≤ ‖u + v‖. *)
Lemma norm_vsub_ge n u v : norm n u - norm n v <= norm n (vsub u v).
Proof.
  pose proof (norm_triangle n (vsub u v) v) as H.
  rewrite (norm_ext n (vadd (vsub u v) v) u) in H by (intros; unfold vadd, vsub; ring). lra.
Qed.

Lemma norm_vadd_ge n u v : norm n u - norm n v <= norm n (vadd u v).
Proof.
  pose proof (norm_vsub_ge n u (vopp v)) as H. rewrite norm_vopp in H.
  rewrite (norm_ext n (vsub u (vopp v)) (vadd u v)) in H by (intros; unfold vadd, vsub, vopp; ring).
  exact H.
Qed.

Lemma norm_vsub_le n u v : norm n (vsub u v) <= norm n u + norm n v.
Proof.
  pose proof (norm_triangle n u (vopp v)) as H. rewrite norm_vopp in H.
  rewrite (norm_ext n (vadd u (vopp v)) (vsub u v)) in H by (intros; unfold vadd, vsub, vopp; ring).
  exact H.
Qed.

(** Triangle inequality for a sum of K vectors: ‖Σ_{i<K} g_i‖ ≤ Σ_{i<K} ‖g_i‖. *)
Lemma norm_sampleSum_le n K g : norm n (sampleSum n K g) <= vsum K (fun i => norm n (g i)).
Proof.
  induction K as [|K IH].
  - simpl. rewrite <- (norm_zero_vec n). right. reflexivity.
  - change (sampleSum n (S K) g) with (vadd (sampleSum n K g) (g K)).
    eapply Rle_trans; [apply norm_triangle|]. simpl vsum. lra.
Qed.

Lemma one_div_INR_nonneg K : 0 <= 1 / INR K.
Proof.
  destruct K as [|K]; [simpl; unfold Rdiv; rewrite Rinv_0; lra|].
  apply Rlt_le, Rdiv_lt_0_compat; [lra | apply lt_0_INR; lia].
Qed.

Lemma card_in_nonneg K fx : 0 <= card_in K fx.
Proof. apply vsum_nonneg. intros i _. destruct (fx i); lra. Qed.

(** |s_fixed| + |s \ s_fixed| = |s|. *)
Lemma card_in_split K fx : card_in K fx + card_in K (fun i => negb (fx i)) = INR K.
Proof.
  unfold card_in. rewrite <- vsum_add, <- (Rmult_1_r (INR K)), <- vsum_const.
  apply vsum_ext. intros i _. destruct (fx i); simpl; ring.
Qed.

(** Σ_{i<K} (if fx i then a else b) = |fixed|·a + |out|·b. *)
Lemma vsum_if_card K (fx : nat -> bool) (a b : R) :
  vsum K (fun i => if fx i then a else b) = card_in K fx * a + card_in K (fun i => negb (fx i)) * b.
Proof.
  unfold card_in. induction K as [|K IH]; simpl; [ring|]. rewrite IH. destruct (fx K); simpl; ring.
Qed.

(** The single index i0 < K: |{i0}| = 1. *)
Lemma card_in_eqb K i0 : (i0 < K)%nat -> card_in K (fun i => Nat.eqb i i0) = 1.
Proof.
  unfold card_in. induction K as [|K IH]; intros H; [lia|]. simpl vsum.
  destruct (Nat.eq_dec i0 K) as [->|Hne].
  - rewrite Nat.eqb_refl, (vsum_ext K _ (fun _ => 0)), vsum_const; [ring|].
    intros i Hi. destruct (Nat.eqb_spec i K); [lia | reflexivity].
  - rewrite IH by lia. destruct (Nat.eqb_spec K i0); [lia | ring].
Qed.

(** ** Upstream statements *)

(** [norm_unit_vector]: ‖(1/√n, …, 1/√n)‖ = 1 for n ≥ 1. *)
Lemma norm_unit_vector n : (0 < n)%nat -> norm n (unitVector n) = 1.
Proof.
  intros Hn. assert (HN : 0 < INR n) by (apply lt_0_INR; lia).
  assert (Hs : sqrt (INR n) * sqrt (INR n) = INR n) by (apply sqrt_sqrt; lra).
  assert (0 < sqrt (INR n)) by (apply sqrt_lt_R0; lra).
  unfold norm, norm2, inner, unitVector. rewrite vsum_const.
  replace (INR n * (1 / sqrt (INR n) * (1 / sqrt (INR n)))) with (INR n / (sqrt (INR n) * sqrt (INR n)))
    by (field; lra).
  rewrite Hs. replace (INR n / INR n) with 1 by (field; lra). apply sqrt_1.
Qed.

(** [z_filtered_empirical_mean_norm_le]: ‖(1/K) Σ g_i ⊙ m(g_i)‖ ≤ (1/K) Σ ‖g_i‖. *)
Theorem z_filtered_empirical_mean_norm_le n K (g : nat -> W n) z :
  norm n (zFilteredEmpiricalMean n K g z) <= 1 / INR K * vsum K (fun i => norm n (g i)).
Proof.
  unfold zFilteredEmpiricalMean, empiricalMean. rewrite norm_scale.
  pose proof (one_div_INR_nonneg K) as H0. rewrite (Rabs_pos_eq _ H0).
  apply Rmult_le_compat_l; [exact H0|]. eapply Rle_trans; [apply norm_sampleSum_le|].
  apply vsum_le. intros i _. apply norm_filteredGradient_le.
Qed.

(** [z_filtered_empirical_mean_norm_le_of_pointwise_bound]: ‖g_i‖ ≤ R on s ≠ ∅ ⇒ ‖zFEM‖ ≤ R. *)
Theorem z_filtered_empirical_mean_norm_le_of_pointwise_bound n K (g : nat -> W n) z R :
  (0 < K)%nat -> (forall i, (i < K)%nat -> norm n (g i) <= R) ->
  norm n (zFilteredEmpiricalMean n K g z) <= R.
Proof.
  intros HK HR. assert (0 < INR K) by (apply lt_0_INR; lia).
  eapply Rle_trans; [apply z_filtered_empirical_mean_norm_le|].
  apply Rle_trans with (1 / INR K * vsum K (fun _ => R)).
  - apply Rmult_le_compat_l; [apply one_div_INR_nonneg | apply vsum_le; exact HR].
  - rewrite vsum_const. right. field. lra.
Qed.
