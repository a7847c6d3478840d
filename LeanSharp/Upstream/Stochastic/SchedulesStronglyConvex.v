(** * LeanSharp.Upstream.Stochastic.SchedulesStronglyConvex — upstream LeanSharp/Stochastic/Foundations/Schedules/StronglyConvex.lean

    Translates the weight iterates of stochastic ZSharp and their O(1/T) rate. Notions as in
    [Upstream.All] and [Upstream.StochasticProcess.SharpnessMap]: any probability space P
    ([Core.Expectation.prob_space]) on a type Ω, the sub-σ-algebras ℱ t ≤ m₀ as F t : sub_sigma P
    with conditional expectations [cond P (F t)]. [weightSequence] is defined for ANY type Ω
    (w_0 = w0, w_{t+1}(ω) = w_t(ω) − η_t·filteredGradient(g_adv t ω, z)), as upstream's.
    [conditional_contraction] names upstream's hypothesis h_cond_bound: for every t, a.s.
    E[‖w_{t+1} − w*‖² | ℱ_t] ≤ (1 − η_tμ)‖w_t − w*‖².

    Equal:
    - [weight_sequence_step_eventually] — stronger: the recursion holds at EVERY ω of any type
      (upstream: almost everywhere).
    - [zsharp_strongly_convex_rate] — the conditional contraction, ‖w_t − w*‖² integrable,
      η_t = 1/(μ(t + 1)), μ > 0 and the stochastic alignment at w_0
      ⇒ E‖w_T − w*‖² ≤ (‖w_0 − w*‖² + 1)/T for every T > 0.
    - [weight_sequence_robbins_monro_almost_sure_convergence_of_model_descent_hypotheses] —
      upstream's model bundle for the iterates of [weightSequence] ⇒ their recursion a.s., the
      accumulated descent bound for every T, and a.s. convergence of f(w_t) (Doob).
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Expectation.
From LeanSharp.Upstream.Dynamics Require Import Alignment.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap ProcessDescent Bridges.
From LeanSharp.Upstream.Stochastic Require Import Assumptions RobbinsMonro.
Open Scope R_scope.

Fixpoint weightSequence {Omega : Type} (n : nat) (w0 : W n) (eta : nat -> R) (z : R)
  (g_adv : nat -> Omega -> W n) (t : nat) (om : Omega) : W n :=
  match t with
  | O => w0
  | S t' => stochasticZSharpStep n (weightSequence n w0 eta z g_adv t' om) eta t' z (g_adv t') om
  end.

(** [weight_sequence_step_eventually]: w_{t+1}(ω) = stochasticZSharpStep(w_t(ω)) for every t, ω. *)
Theorem weight_sequence_step_eventually {Omega : Type} n (w0 : W n) eta z
  (g_adv : nat -> Omega -> W n) :
  forall t om, weightSequence n w0 eta z g_adv (S t) om
               = stochasticZSharpStep n (weightSequence n w0 eta z g_adv t om) eta t z (g_adv t) om.
Proof. reflexivity. Qed.

Section Rate.
Context {Omega : Type} (P : prob_space Omega) (n : nat).

Definition conditional_contraction (F : nat -> sub_sigma P) (w_star w0 : W n) (eta : nat -> R) z mu
    (g_adv : nat -> Omega -> W n) : Prop :=
  forall t, ae P (fun o =>
    cond P (F t) (fun o' => norm2 n (vsub (weightSequence n w0 eta z g_adv (S t) o') w_star)) o
    <= (1 - eta t * mu) * norm2 n (vsub (weightSequence n w0 eta z g_adv t o) w_star)).

(** [zsharp_strongly_convex_rate]: E[‖w_{t+1} − w*‖² | ℱ_t] ≤ (1 − η_tμ)‖w_t − w*‖² a.s.,
    ‖w_t − w*‖² integrable, η_t = 1/(μ(t + 1)), μ > 0, stochastic alignment at w_0
    ⇒ E‖w_T − w*‖² ≤ (‖w_0 − w*‖² + 1)/T for every T > 0. *)
Theorem zsharp_strongly_convex_rate (F : nat -> sub_sigma P) (w_star w0 : W n)
  (eta : nat -> R) z mu (g_adv : nat -> Omega -> W n) :
  conditional_contraction F w_star w0 eta z mu g_adv ->
  0 < mu -> (forall t, eta t = 1 / (mu * (INR t + 1))) ->
  StochasticAlignmentCondition P n w0 w_star (g_adv 0%nat) (eta 0%nat) mu z ->
  (forall t, integrable P (fun o => norm2 n (vsub (weightSequence n w0 eta z g_adv t o) w_star))) ->
  forall T, (0 < T)%nat ->
  expectation P (fun o => norm2 n (vsub (weightSequence n w0 eta z g_adv T o) w_star))
  <= (norm2 n (vsub w0 w_star) + 1) / INR T.
Proof.
  intros Hc Hmu Hs Ha Hi T HT. set (C := norm2 n (vsub w0 w_star) + 1).
  assert (HC : 0 <= C) by (pose proof (norm2_nonneg n (vsub w0 w_star)); unfold C; lra).
  induction T as [|t IH]; [lia|]. destruct t as [|t].
  - pose proof (stochastic_zsharp_convergence P n w_star (g_adv 0%nat) w0 eta 0 z mu Ha) as H.
    assert (E : 1 - eta 0%nat * mu = 0)
      by (rewrite Hs; simpl INR; field; lra).
    rewrite E, Rmult_0_l in H. simpl INR. unfold Rdiv. rewrite Rinv_1, Rmult_1_r.
    cbn [weightSequence]. lra.
  - specialize (IH ltac:(lia)). set (a := INR (S t)) in *.
    assert (Ha0 : 0 < a) by (apply lt_0_INR; lia).
    assert (E : 1 - eta (S t) * mu = a / (a + 1)) by (rewrite Hs; fold a; field; lra).
    rewrite <- (expectation_cond P (F (S t))).
    eapply Rle_trans;
      [apply (expectation_mono P); [apply integrable_cond | apply integrable_scal, Hi | exact (Hc (S t))]|].
    rewrite expectation_scal, E, S_INR. fold a.
    apply Rle_trans with (a / (a + 1) * (C / a)).
    + apply Rmult_le_compat_l; [apply Rlt_le; unfold Rdiv; apply Rmult_lt_0_compat;
        [lra | apply Rinv_0_lt_compat; lra] | exact IH].
    + right. field. lra.
Qed.

End Rate.

(** [weight_sequence_robbins_monro_almost_sure_convergence_of_model_descent_hypotheses]: the model
    bundle for w_t = weightSequence ⇒ the recursion a.s., the descent bound for every T, and
    f(w_t) converges a.s. *)
Theorem weight_sequence_robbins_monro_almost_sure_convergence_of_model_descent_hypotheses
  {Omega : Type} (P : prob_space Omega) n L_smooth (f : W n -> R) (G : W n -> W n) (w0 : W n)
  (eta : nat -> R) z s2 (g_adv : nat -> Omega -> W n) (F Ffil : nat -> sub_sigma P) :
  ZSharpModelDescentHypotheses P n L_smooth f G (weightSequence n w0 eta z g_adv) eta z s2 F Ffil ->
  (forall t, ae P (fun o => weightSequence n w0 eta z g_adv (S t) o
                            = stochasticZSharpStep n (weightSequence n w0 eta z g_adv t o) eta t z (g_adv t) o))
  /\ (forall T, vsum T (fun t => eta t / 4
                  * expectation P (fun o => norm2 n (G (weightSequence n w0 eta z g_adv t o))))
        <= expectation P (fun o => f (weightSequence n w0 eta z g_adv 0%nat o))
           - expectation P (fun o => f (weightSequence n w0 eta z g_adv T o))
           + vsum T (fun t => eta t ^ 2 * L_smooth / 2 * s2))
  /\ ZSharpObjectiveAsConvergence P n f (weightSequence n w0 eta z g_adv).
Proof.
  intros Hm. split; [intros t; apply ae_of_all; reflexivity|].
  exact (zsharp_robbins_monro_almost_sure_convergence_of_model_descent_hypotheses P n L_smooth f G _
           eta z s2 F Ffil Hm).
Qed.
