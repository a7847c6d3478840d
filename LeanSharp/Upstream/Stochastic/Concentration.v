(** * LeanSharp.Upstream.Stochastic.Concentration — upstream LeanSharp/Theory/Concentration.lean

    Translates the discrete Chebyshev bound for the components of a vector and the coverage
    of the Z-score mask. Notions as in [Upstream.All]: W ι ↦ W n (any n; upstream's
    [Nonempty ι] is implied by σ² > 0), [vectorMean]/[vectorVariance]/[vectorStd] ↦
    [Core.Stats.mean]/[var]/[sd] (population); the Finset [zScoreTails g z] = {i : |g_i − μ| ≥ zσ}
    ↦ its indicator [zScoreTails n g z] = [Filter.ZMask.sig_mask n z g], and a Finset's card
    ↦ [Filter.Mask.mask_count] of the indicator; upstream's kept set {i : |g_i − μ| ≤ zσ} is
    [Filter.ZMask.inlier_mask n z g].

    Equal:
    - [chebyshev_vector] — #tails/n ≤ 1/z² for z > 0, σ² > 0.
    - [zScoreMask_coverage] — #kept/n ≥ 1 − 1/z².
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask ZMaskCount.
Open Scope R_scope.

Definition zScoreTails (n : nat) (g : W n) (z : R) : W n := sig_mask n z g.

Lemma var_pos_n n g : var n g > 0 -> 0 < INR n.
Proof.
  intros H. destruct n as [|n]; [|apply lt_0_INR; lia].
  unfold var in H. simpl in H. unfold Rdiv in H. rewrite Rinv_0, Rmult_0_r in H. lra.
Qed.

(** [chebyshev_vector]: z > 0, σ² > 0 ⇒ #{i : |g_i − μ| ≥ zσ}/n ≤ 1/z². *)
Theorem chebyshev_vector n (g : W n) z :
  0 < z -> var n g > 0 -> mask_count n (zScoreTails n g z) / INR n <= 1 / z ^ 2.
Proof.
  intros Hz Hv. pose proof (var_pos_n n g Hv) as Hn.
  assert (Hs : 0 < sd n g) by (apply sqrt_lt_R0; lra).
  pose proof (zmask_chebyshev n z g Hz Hs) as H. unfold zScoreTails.
  unfold Rdiv at 1. apply Rle_trans with (INR n / (z * z) * / INR n).
  - apply Rmult_le_compat_r; [apply Rlt_le, Rinv_0_lt_compat; lra | exact H].
  - right. field. lra.
Qed.

(** [zScoreMask_coverage]: z > 0, σ² > 0 ⇒ #{i : |g_i − μ| ≤ zσ}/n ≥ 1 − 1/z². *)
Theorem zScoreMask_coverage n (g : W n) z :
  0 < z -> var n g > 0 -> 1 - 1 / z ^ 2 <= mask_count n (inlier_mask n z g) / INR n.
Proof.
  intros Hz Hv. pose proof (chebyshev_vector n g z Hz Hv) as H. pose proof (var_pos_n n g Hv).
  assert (Hc : INR n - mask_count n (zScoreTails n g z) <= mask_count n (inlier_mask n z g)).
  { unfold mask_count, zScoreTails. rewrite <- (Rmult_1_r (INR n)), <- vsum_const, <- vsum_sub.
    apply vsum_le. intros i _. pose proof (sig_inlier_sum n z g i). destruct Req_EM_T; lra. }
  apply Rle_trans with ((INR n - mask_count n (zScoreTails n g z)) / INR n).
  - replace ((INR n - mask_count n (zScoreTails n g z)) / INR n)
      with (1 - mask_count n (zScoreTails n g z) / INR n) by (field; lra). lra.
  - unfold Rdiv. apply Rmult_le_compat_r; [apply Rlt_le, Rinv_0_lt_compat; lra | exact Hc].
Qed.
