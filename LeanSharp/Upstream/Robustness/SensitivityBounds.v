(** * LeanSharp.Upstream.Robustness.SensitivityBounds — upstream LeanSharp/Theory/Robustness/SensitivityBounds.lean

    Translates upstream's signal-plus-noise model g(ω) = g_true + ξ(ω) and the
    sensitivity of the Z-score mask to the noise (the translation of notions is the one of
    [Upstream.All]: the probability space is a finite law [FiniteProb.is_law] on the
    outcomes [0, K)). File-specific choices:
    - [SignalNoiseModel n]: K outcomes with law p, the signal [g_true], the noise
      [noise k] (one vector per outcome) with E[ξ_i] = 0 ([FiniteProb.unbiased]);
      upstream's integrability fields and hypotheses are dropped (finite sums);
    - [PreservationEvent m z i k]: |obs_i − μ(obs)| ≤ zσ(obs) at outcome k (upstream's
      event, population σ); [preservationProb m z i] = E[inlier_mask n z obs i], the
      probability of that event (the mask is its indicator);
    - [vector_mean_stability] is stated for ANY signal g_true and any noise vector x = ξ(ω)
      (upstream's statement for every model, every ω and any dimension, not only n ≥ 1);
    - in [preservation_prob_lower_bound_finite_law], the implication h_impl is only asked
      on the support and i is any index.

    Equal: vector_mean_stability.
    Weaker (a finite law instead of a general (probability) measure):
      noise_expected_norm_sq_finite_law, noise_norm_sq_tail_prob_finite_law,
      vector_mean_observed_expected_finite_law (any n, not only n ≥ 1),
      preservation_prob_lower_bound_finite_law.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats FiniteProb.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Theory.Alignment Require Import SignalNoise.
Open Scope R_scope.

Record SignalNoiseModel (n : nat) := mkSignalNoiseModel {
  snm_K : nat;
  snm_p : nat -> R;
  g_true : W n;
  noise : nat -> W n;
  h_law : is_law snm_K snm_p;
  h_mean : unbiased n snm_K snm_p noise
}.
Arguments snm_K {n}. Arguments snm_p {n}. Arguments g_true {n}. Arguments noise {n}.
Arguments h_law {n}. Arguments h_mean {n}.

Definition observed {n} (m : SignalNoiseModel n) (k : nat) : W n := vadd (g_true m) (noise m k).

Definition NoiseVarianceBound {n} (m : SignalNoiseModel n) (s2 : R) : Prop :=
  forall i, (i < n)%nat -> expect (snm_K m) (snm_p m) (fun k => noise m k i ^ 2) <= s2.

Definition PreservationEvent {n} (m : SignalNoiseModel n) (z : R) (i k : nat) : Prop :=
  Rabs (observed m k i - mean n (observed m k)) <= z * sd n (observed m k).

Definition preservationProb {n} (m : SignalNoiseModel n) (z : R) (i : nat) : R :=
  expect (snm_K m) (snm_p m) (fun k => inlier_mask n z (observed m k) i).

(** [vector_mean_stability]: |μ(g_true + ξ) − μ(g_true)| ≤ μ(|ξ|). *)
Lemma vector_mean_stability n (g_true x : W n) :
  Rabs (mean n (vadd g_true x) - mean n g_true) <= mean n (fun i => Rabs (x i)).
Proof. apply SignalNoise.vector_mean_stability. Qed.

(** [noise_expected_norm_sq] (finite law): E ξ_i² ≤ σ² for all i ⇒ E‖ξ‖² ≤ n σ². *)
Lemma noise_expected_norm_sq_finite_law n (m : SignalNoiseModel n) (s2 : R) :
  NoiseVarianceBound m s2 ->
  expect (snm_K m) (snm_p m) (fun k => norm n (noise m k) ^ 2) <= INR n * s2.
Proof.
  intros H. rewrite (expect_ext _ _ _ (fun k => norm2 n (noise m k))) by (intros; symmetry; apply norm2_norm).
  apply noise_energy_bound, H.
Qed.

(** [noise_norm_sq_tail_prob] (finite law): P(‖ξ‖² ≥ l) ≤ n σ²/l for l > 0. *)
Lemma noise_norm_sq_tail_prob_finite_law n (m : SignalNoiseModel n) (s2 l : R) :
  0 < l -> NoiseVarianceBound m s2 ->
  prob_ge (snm_K m) (snm_p m) (fun k => norm n (noise m k) ^ 2) l <= INR n * s2 / l.
Proof.
  intros Hl H. eapply Rle_trans.
  - apply markov; [apply (h_law m) | intros; apply pow2_ge_0 | exact Hl].
  - unfold Rdiv. apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat, Hl|].
    apply noise_expected_norm_sq_finite_law, H.
Qed.

(** [vector_mean_observed_expected] (finite law): E[μ(g_true + ξ)] = μ(g_true). *)
Lemma vector_mean_observed_expected_finite_law n (m : SignalNoiseModel n) :
  expect (snm_K m) (snm_p m) (fun k => mean n (observed m k)) = mean n (g_true m).
Proof. apply observed_mean_expected; [apply (h_law m) | apply (h_mean m)]. Qed.

(** [preservation_prob_lower_bound] (finite law): if ‖ξ‖² < threshold implies that
    component i is kept, then P(kept) ≥ 1 − n σ²/threshold. *)
Theorem preservation_prob_lower_bound_finite_law n (m : SignalNoiseModel n) (z : R) (i : nat)
    (s2 : R) (threshold : R) :
  NoiseVarianceBound m s2 -> 0 < threshold ->
  (forall k, (k < snm_K m)%nat -> norm n (noise m k) ^ 2 < threshold -> PreservationEvent m z i k) ->
  1 - INR n * s2 / threshold <= preservationProb m z i.
Proof.
  intros Hv Ht Himpl. pose proof (h_law m) as Hl.
  pose proof (noise_norm_sq_tail_prob_finite_law n m s2 threshold Ht Hv) as Htail.
  unfold prob_ge in Htail. unfold preservationProb.
  eapply Rle_trans; [|apply (expect_le _ _ (fun k => 1 + -1 * indicator_ge (norm n (noise m k) ^ 2) threshold))].
  - rewrite expect_add, expect_scal, expect_const by exact Hl. lra.
  - exact Hl.
  - intros k Hk. unfold indicator_ge. destruct (Rle_dec threshold (norm n (noise m k) ^ 2)) as [|Hlt].
    + unfold inlier_mask, dev_le_mask. destruct Rle_dec; lra.
    + unfold inlier_mask. rewrite dev_le_mask_1; [lra|]. apply (Himpl k Hk). lra.
Qed.
