(** * LeanSharp.Upstream.Robustness.FilteredMeanRobustness — upstream LeanSharp/Theory/Robustness/FilteredMeanProps/Robustness.lean

    Translates upstream's bounds on the Z-filtered empirical mean when the fixed points
    of a [RobustSample] keep their values and the other points have norm ≤ R_out (the
    translation of notions is the one of [Upstream.All]; the sample conventions are
    those of [Upstream.Robustness.FilteredMeanBasic]: S.s = [0, K), S.s_fixed = the
    indices with [rs_fixed S i = true], S.s \ S.s_fixed = those with [rs_fixed S i = false]).

    Equal: z_filtered_empirical_mean_bounded_subset,
      z_filtered_empirical_mean_bounded_subset_max.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Upstream.Robustness Require Import FilteredMeanBasic.
Open Scope R_scope.

(** [z_filtered_empirical_mean_bounded_subset]: fixed points unchanged (norm ≤ R_fixed),
    the others of norm ≤ R_out ⇒
    ‖zFEM‖ ≤ (1/|s|)(|s_fixed|·R_fixed + |s \ s_fixed|·R_out). *)
Theorem z_filtered_empirical_mean_bounded_subset n (S : RobustSample n) z :
  (0 < rs_K S)%nat ->
  forall g' : nat -> W n,
  (forall i, (i < rs_K S)%nat -> rs_fixed S i = true -> vec_eq n (g' i) (rs_g S i)) ->
  (forall i, (i < rs_K S)%nat -> rs_fixed S i = false -> norm n (g' i) <= R_out S) ->
  norm n (zFilteredEmpiricalMean n (rs_K S) g' z)
    <= 1 / INR (rs_K S) * (card_in (rs_K S) (rs_fixed S) * R_fixed S
                           + card_in (rs_K S) (fun i => negb (rs_fixed S i)) * R_out S).
Proof.
  intros _ g' Hfix Hout. eapply Rle_trans; [apply z_filtered_empirical_mean_norm_le|].
  apply Rmult_le_compat_l; [apply one_div_INR_nonneg|]. rewrite <- vsum_if_card.
  apply vsum_le. intros i Hi. destruct (rs_fixed S i) eqn:E.
  - rewrite (norm_ext n (g' i) (rs_g S i)) by (apply Hfix; assumption).
    apply (h_fixed_bound S i Hi E).
  - apply Hout; assumption.
Qed.

(** [z_filtered_empirical_mean_bounded_subset_max]: under the same hypotheses,
    ‖zFEM‖ ≤ max R_fixed R_out. *)
Theorem z_filtered_empirical_mean_bounded_subset_max n (S : RobustSample n) z :
  (0 < rs_K S)%nat ->
  forall g' : nat -> W n,
  (forall i, (i < rs_K S)%nat -> rs_fixed S i = true -> vec_eq n (g' i) (rs_g S i)) ->
  (forall i, (i < rs_K S)%nat -> rs_fixed S i = false -> norm n (g' i) <= R_out S) ->
  norm n (zFilteredEmpiricalMean n (rs_K S) g' z) <= Rmax (R_fixed S) (R_out S).
Proof.
  intros HK g' Hfix Hout.
  eapply Rle_trans; [apply (z_filtered_empirical_mean_bounded_subset n S z HK g' Hfix Hout)|].
  assert (HN : 0 < INR (rs_K S)) by (apply lt_0_INR; lia).
  pose proof (card_in_split (rs_K S) (rs_fixed S)).
  pose proof (card_in_nonneg (rs_K S) (rs_fixed S)).
  pose proof (card_in_nonneg (rs_K S) (fun i => negb (rs_fixed S i))).
  pose proof (Rmax_l (R_fixed S) (R_out S)). pose proof (Rmax_r (R_fixed S) (R_out S)).
  apply Rle_trans with (1 / INR (rs_K S) * (INR (rs_K S) * Rmax (R_fixed S) (R_out S))).
  - apply Rmult_le_compat_l; [apply one_div_INR_nonneg | nra].
  - right. field. lra.
Qed.
