(** * LeanSharp.Upstream.Robustness.SensitivityBounds — upstream LeanSharp/Theory/Robustness/SensitivityBounds.lean

    Translates upstream's signal-plus-noise model g(ω) = g_true + ξ(ω) with E ξ = 0 and the
    sensitivity of the Z-score mask to the noise: coordinate variances ≤ σ² give
    E‖ξ‖² ≤ nσ², Markov's P(‖ξ‖² ≥ l) ≤ nσ²/l, E[μ(g_true + ξ)] = μ(g_true), and
    P(component i kept) ≥ 1 − nσ²/threshold when ‖ξ‖² < threshold forces it to be kept.
    The probability space is any [Core.Expectation.prob_space] P on a type Ω (𝔼 ↦
    [expectation P], [Integrable] ↦ [integrable P] / [vintegrable P n], (volume A).toReal ↦
    [prob P A]). File-specific choices:
    - [SignalNoiseModel n P]: the signal [g_true], the noise [noise : Ω → W n], upstream's
      h_mean (E ξ = 0, coordinatewise on [0, n)) and h_int (ξ integrable);
    - [PreservationEvent m z i]: the set of ω with |obs_i − μ(obs)| ≤ zσ(obs), obs = g_true + ξ(ω)
      (population σ, as upstream's [vectorStd]); [preservationProb m z i] = P(that event);
    - [vector_mean_stability] is stated for ANY signal g_true and any noise vector x = ξ(ω)
      (upstream's statement for every model, every ω and any dimension, not only n ≥ 1);
      [vector_mean_observed_expected] holds for every n (upstream: ι nonempty) and
      [preservation_prob_lower_bound] for every index i.

    Equal: vector_mean_stability, vector_mean_observed_expected, preservation_prob_lower_bound.
    Weaker (upstream states them for any measure space (Ω, volume), proved here for
      probability spaces only, the suffix [_prob_space]):
      noise_expected_norm_sq_prob_space, noise_norm_sq_tail_prob_prob_space.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats Expectation.
From LeanSharp.Theory.Alignment Require Import SignalNoise.
Open Scope R_scope.

Record SignalNoiseModel (n : nat) {Omega : Type} (P : prob_space Omega) := mkSignalNoiseModel {
  g_true : W n;
  noise : Omega -> W n;
  h_mean : forall i, (i < n)%nat -> vexpectation P n noise i = 0;
  h_int : vintegrable P n noise
}.
Arguments g_true {n Omega P}. Arguments noise {n Omega P}.
Arguments h_mean {n Omega P}. Arguments h_int {n Omega P}.

Section Model.
Context {n : nat} {Omega : Type} {P : prob_space Omega}.

Definition observed (m : SignalNoiseModel n P) (o : Omega) : W n := vadd (g_true m) (noise m o).

Definition NoiseVarianceBound (m : SignalNoiseModel n P) (s2 : R) : Prop :=
  forall i, (i < n)%nat -> expectation P (fun o => noise m o i ^ 2) <= s2.

Definition PreservationEvent (m : SignalNoiseModel n P) (z : R) (i : nat) (o : Omega) : Prop :=
  Rabs (observed m o i - mean n (observed m o)) <= z * sd n (observed m o).

Definition preservationProb (m : SignalNoiseModel n P) (z : R) (i : nat) : R :=
  prob P (PreservationEvent m z i).

End Model.

(** [vector_mean_stability]: |μ(g_true + ξ) − μ(g_true)| ≤ μ(|ξ|). *)
Lemma vector_mean_stability n (g_true x : W n) :
  Rabs (mean n (vadd g_true x) - mean n g_true) <= mean n (fun i => Rabs (x i)).
Proof. apply SignalNoise.vector_mean_stability. Qed.

(** ‖x‖² = Σ_{i<n} x_i². *)
Lemma norm_sq_as_sum n (x : W n) : norm n x ^ 2 = vsum n (fun i => x i ^ 2).
Proof. rewrite <- norm2_norm. apply vsum_ext. intros; ring. Qed.

(** [noise_expected_norm_sq] (probability space): E ξ_i² ≤ σ² with ξ_i² integrable for all
    i ⇒ E‖ξ‖² ≤ n σ². *)
Lemma noise_expected_norm_sq_prob_space n {Omega} {P : prob_space Omega}
    (m : SignalNoiseModel n P) (s2 : R) :
  NoiseVarianceBound m s2 ->
  (forall i, (i < n)%nat -> integrable P (fun o => noise m o i ^ 2)) ->
  expectation P (fun o => norm n (noise m o) ^ 2) <= INR n * s2.
Proof.
  intros H Hi. rewrite (expectation_ext P _ (fun o => vsum n (fun i => noise m o i ^ 2)))
    by (intros; apply norm_sq_as_sum).
  rewrite (expectation_vsum P n (fun i o => noise m o i ^ 2)) by exact Hi.
  rewrite <- vsum_const. apply vsum_le. exact H.
Qed.

(** [noise_norm_sq_tail_prob] (probability space): P(‖ξ‖² ≥ l) ≤ n σ²/l for l > 0 (Markov). *)
Lemma noise_norm_sq_tail_prob_prob_space n {Omega} {P : prob_space Omega}
    (m : SignalNoiseModel n P) (s2 l : R) :
  0 < l -> NoiseVarianceBound m s2 ->
  (forall i, (i < n)%nat -> integrable P (fun o => noise m o i ^ 2)) ->
  prob P (fun o => norm n (noise m o) ^ 2 >= l) <= INR n * s2 / l.
Proof.
  intros Hl H Hi.
  assert (Hint : integrable P (fun o => norm n (noise m o) ^ 2)).
  { apply (integrable_ext P (fun o => vsum n (fun i => noise m o i ^ 2)));
      [intros; symmetry; apply norm_sq_as_sum | now apply integrable_vsum]. }
  eapply Rle_trans.
  - apply (prob_le_expectation P _ (fun o => / l * norm n (noise m o) ^ 2)).
    + now apply integrable_scal.
    + apply ae_of_all. intros o. apply Rmult_le_pos; [left; now apply Rinv_0_lt_compat | apply pow2_ge_0].
    + apply ae_of_all. intros o Ho. apply (Rmult_le_reg_l l); [exact Hl|].
      rewrite <- Rmult_assoc, Rinv_r by lra. lra.
  - rewrite expectation_scal. unfold Rdiv. rewrite Rmult_comm.
    apply Rmult_le_compat_r; [left; now apply Rinv_0_lt_compat|].
    now apply noise_expected_norm_sq_prob_space.
Qed.

(** [vector_mean_observed_expected]: E[μ(g_true + ξ)] = μ(g_true). *)
Lemma vector_mean_observed_expected n {Omega} {P : prob_space Omega} (m : SignalNoiseModel n P) :
  expectation P (fun o => mean n (observed m o)) = mean n (g_true m).
Proof.
  pose proof (h_int m) as Hi.
  rewrite (expectation_ext P _ (fun o => mean n (g_true m) + / INR n * vsum n (fun i => noise m o i)))
    by (intros; unfold observed; rewrite mean_vadd; unfold mean at 2, Rdiv; f_equal; apply Rmult_comm).
  rewrite expectation_plus, expectation_scal, expectation_const
    by auto using integrable_const, integrable_scal, integrable_vsum.
  rewrite (expectation_vsum P n (fun i o => noise m o i)) by exact Hi.
  rewrite (vsum_ext n _ (fun _ => 0)), vsum_const by (intros i Hi'; apply (h_mean m i Hi')).
  ring.
Qed.

(** [preservation_prob_lower_bound]: if ‖ξ‖² < threshold implies that component i is kept,
    then P(kept) ≥ 1 − n σ²/threshold. *)
Theorem preservation_prob_lower_bound n {Omega} {P : prob_space Omega} (m : SignalNoiseModel n P)
    (z : R) (i : nat) (s2 : R) :
  NoiseVarianceBound m s2 ->
  (forall j, (j < n)%nat -> integrable P (fun o => noise m o j ^ 2)) ->
  forall threshold, 0 < threshold ->
  (forall o, norm n (noise m o) ^ 2 < threshold -> PreservationEvent m z i o) ->
  preservationProb m z i >= 1 - INR n * s2 / threshold.
Proof.
  intros Hv Hi threshold Ht Himpl.
  pose proof (noise_norm_sq_tail_prob_prob_space n m s2 threshold Ht Hv Hi) as Htail.
  pose proof (prob_cover P (PreservationEvent m z i) (fun o => norm n (noise m o) ^ 2 >= threshold))
    as Hcov.
  unfold preservationProb. apply Rle_ge.
  enough (1 <= prob P (PreservationEvent m z i) + prob P (fun o => norm n (noise m o) ^ 2 >= threshold))
    by lra.
  apply Hcov, ae_of_all. intros o.
  destruct (Rlt_or_le (norm n (noise m o) ^ 2) threshold) as [Hlt|Hge];
    [left; now apply Himpl | right; lra].
Qed.
