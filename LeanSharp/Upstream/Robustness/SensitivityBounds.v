(** * LeanSharp.Upstream.Robustness.SensitivityBounds — upstream LeanSharp/Theory/Robustness/SensitivityBounds.lean

    Translates upstream's signal-plus-noise model g(ω) = g_true + ξ(ω) with E ξ = 0 and the
    sensitivity of the Z-score mask to the noise: coordinate variances ≤ σ² give
    E‖ξ‖² ≤ nσ², Markov's P(‖ξ‖² ≥ l) ≤ nσ²/l, E[μ(g_true + ξ)] = μ(g_true), and
    P(component i kept) ≥ 1 − nσ²/threshold when ‖ξ‖² < threshold forces it to be kept.
    As upstream, the model lives on any measure space (Ω, volume) — a [Core.Integral.measure_space]
    M (∫ ↦ [mu_integral M], [Integrable] ↦ [mu_integrable M], (volume A).toReal ↦
    [mu_measure M A]) — and the last two results on a probability space, a
    [Core.Expectation.prob_space] P seen as the measure space [prob_measure P]. File-specific
    choices:
    - [SignalNoiseModel n M]: the signal [g_true], the noise [noise : Ω → W n], upstream's
      h_mean (∫ ξ = 0, coordinatewise on [0, n)) and h_int (ξ integrable, coordinatewise);
    - [PreservationEvent m z i]: the set of ω with |obs_i − μ(obs)| ≤ zσ(obs), obs = g_true + ξ(ω)
      (population σ, as upstream's [vectorStd]); [preservationProb m z i] = μ(that event);
    - [vector_mean_stability] is stated for ANY signal g_true and any noise vector x = ξ(ω)
      (upstream's statement for every model, every ω and any dimension, not only n ≥ 1);
      [vector_mean_observed_expected] holds for every n (upstream: ι nonempty) and
      [preservation_prob_lower_bound] for every index i.

    Equal: vector_mean_stability, noise_expected_norm_sq (any measure space),
      noise_norm_sq_tail_prob (any measure space), vector_mean_observed_expected (any
      probability space), preservation_prob_lower_bound (any probability space).
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats Integral Expectation.
From LeanSharp.Theory.Alignment Require Import SignalNoise.
Open Scope R_scope.

Record SignalNoiseModel (n : nat) {Omega : Type} (M : measure_space Omega) := mkSignalNoiseModel {
  g_true : W n;
  noise : Omega -> W n;
  h_mean : forall i, (i < n)%nat -> mu_integral M (fun o => noise o i) = 0;
  h_int : forall i, (i < n)%nat -> mu_integrable M (fun o => noise o i)
}.
Arguments g_true {n Omega M}. Arguments noise {n Omega M}.
Arguments h_mean {n Omega M}. Arguments h_int {n Omega M}.

Section Model.
Context {n : nat} {Omega : Type} {M : measure_space Omega}.

Definition observed (m : SignalNoiseModel n M) (o : Omega) : W n := vadd (g_true m) (noise m o).

Definition NoiseVarianceBound (m : SignalNoiseModel n M) (s2 : R) : Prop :=
  forall i, (i < n)%nat -> mu_integral M (fun o => noise m o i ^ 2) <= s2.

Definition PreservationEvent (m : SignalNoiseModel n M) (z : R) (i : nat) (o : Omega) : Prop :=
  Rabs (observed m o i - mean n (observed m o)) <= z * sd n (observed m o).

Definition preservationProb (m : SignalNoiseModel n M) (z : R) (i : nat) : R :=
  mu_measure M (PreservationEvent m z i).

End Model.

(** [vector_mean_stability]: |μ(g_true + ξ) − μ(g_true)| ≤ μ(|ξ|). *)
Lemma vector_mean_stability n (g_true x : W n) :
  Rabs (mean n (vadd g_true x) - mean n g_true) <= mean n (fun i => Rabs (x i)).
Proof. apply SignalNoise.vector_mean_stability. Qed.

(** ‖x‖² = Σ_{i<n} x_i². *)
Lemma norm_sq_as_sum n (x : W n) : norm n x ^ 2 = vsum n (fun i => x i ^ 2).
Proof. rewrite <- norm2_norm. apply vsum_ext. intros; ring. Qed.

(** [noise_expected_norm_sq]: ∫ ξ_i² ≤ σ² with ξ_i² integrable for all i ⇒ ∫‖ξ‖² ≤ n σ². *)
Lemma noise_expected_norm_sq n {Omega} {M : measure_space Omega}
    (m : SignalNoiseModel n M) (s2 : R) :
  NoiseVarianceBound m s2 ->
  (forall i, (i < n)%nat -> mu_integrable M (fun o => noise m o i ^ 2)) ->
  mu_integral M (fun o => norm n (noise m o) ^ 2) <= INR n * s2.
Proof.
  intros H Hi. rewrite (mu_integral_ext M _ (fun o => vsum n (fun i => noise m o i ^ 2)))
    by (intros; apply norm_sq_as_sum).
  rewrite (mu_integral_vsum M n (fun i o => noise m o i ^ 2)) by exact Hi.
  rewrite <- vsum_const. apply vsum_le. exact H.
Qed.

(** [noise_norm_sq_tail_prob]: μ(‖ξ‖² ≥ l) ≤ n σ²/l for l > 0 (Markov). *)
Lemma noise_norm_sq_tail_prob n {Omega} {M : measure_space Omega}
    (m : SignalNoiseModel n M) (s2 l : R) :
  0 < l -> NoiseVarianceBound m s2 ->
  (forall i, (i < n)%nat -> mu_integrable M (fun o => noise m o i ^ 2)) ->
  mu_measure M (fun o => norm n (noise m o) ^ 2 >= l) <= INR n * s2 / l.
Proof.
  intros Hl H Hi. eapply Rle_trans.
  - apply mu_markov; [| intros; apply pow2_ge_0 | exact Hl].
    apply (mu_integrable_ext M (fun o => vsum n (fun i => noise m o i ^ 2)));
      [intros; symmetry; apply norm_sq_as_sum | now apply mu_integrable_vsum].
  - unfold Rdiv. apply Rmult_le_compat_r; [left; now apply Rinv_0_lt_compat|].
    now apply noise_expected_norm_sq.
Qed.

(** [vector_mean_observed_expected]: E[μ(g_true + ξ)] = μ(g_true). *)
Lemma vector_mean_observed_expected n {Omega} {P : prob_space Omega}
    (m : SignalNoiseModel n (prob_measure P)) :
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
Theorem preservation_prob_lower_bound n {Omega} {P : prob_space Omega}
    (m : SignalNoiseModel n (prob_measure P)) (z : R) (i : nat) (s2 : R) :
  NoiseVarianceBound m s2 ->
  (forall j, (j < n)%nat -> integrable P (fun o => noise m o j ^ 2)) ->
  forall threshold, 0 < threshold ->
  (forall o, norm n (noise m o) ^ 2 < threshold -> PreservationEvent m z i o) ->
  preservationProb m z i >= 1 - INR n * s2 / threshold.
Proof.
  intros Hv Hi threshold Ht Himpl.
  pose proof (noise_norm_sq_tail_prob n m s2 threshold Ht Hv Hi) as Htail.
  pose proof (prob_cover P (PreservationEvent m z i) (fun o => norm n (noise m o) ^ 2 >= threshold))
    as Hcov.
  unfold preservationProb. change (mu_measure (prob_measure P)) with (prob P) in Htail |- *.
  apply Rle_ge.
  enough (1 <= prob P (PreservationEvent m z i) + prob P (fun o => norm n (noise m o) ^ 2 >= threshold))
    by lra.
  apply Hcov, ae_of_all. intros o.
  destruct (Rlt_or_le (norm n (noise m o) ^ 2) threshold) as [Hlt|Hge];
    [left; now apply Himpl | right; lra].
Qed.
