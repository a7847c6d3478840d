(** * LeanSharp.Upstream.Stochastic.SchedulesStronglyConvex — upstream LeanSharp/Stochastic/Foundations/Schedules/StronglyConvex.lean

    Translates the weight iterates of stochastic ZSharp and their O(1/T) rate. Notions as in
    [Upstream.All] and [Upstream.StochasticProcess.SharpnessMap]: a finite law (K, p) on the
    outcomes, the σ-algebras ℱ t as atom labellings F t with [cond_expect], "a.e." as "for
    every outcome of positive weight". [weightSequence] is defined for ANY outcome type Omega
    (w_0 = w0, w_{t+1}(ω) = w_t(ω) − η_t·filteredGradient(g_adv t ω, z)), as upstream's; the
    rate instantiates Omega = nat with the finite law.

    Equal:
    - [weight_sequence_step_eventually] — stronger: the recursion holds at EVERY ω of any type
      (upstream: almost everywhere).
    Weaker:
    - [zsharp_strongly_convex_rate_finite_law] — E‖w_T − w*‖² ≤ (‖w_0 − w*‖² + 1)/T for a finite
      law with partition σ-algebras (upstream: any probability space and sub-σ-algebras).
    Open:
    - [weight_sequence_robbins_monro_almost_sure_convergence_of_model_descent_hypotheses] —
      almost-sure convergence of f(w_t): needs Doob's L¹-bounded (super)martingale convergence
      theorem and filtrations/submartingales on an infinite-history probability space (a
      product of countably many laws), which the library does not have. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap ProcessBasic ProcessDescent.
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

(** The hypothesis the rates share: a.e. E[‖w_{t+1} − w*‖² | ℱ_t] ≤ (1 − η_tμ)‖w_t − w*‖². *)
Definition conditional_contraction n K p (F : nat -> nat -> nat) (w_star w0 : W n) (eta : nat -> R) z mu
    (g_adv : nat -> nat -> W n) : Prop :=
  forall t k, (k < K)%nat -> 0 < p k ->
    cond_expect K p (F t)
      (fun k' => norm2 n (vsub (weightSequence n w0 eta z g_adv (S t) k') w_star)) k
    <= (1 - eta t * mu) * norm2 n (vsub (weightSequence n w0 eta z g_adv t k) w_star).

(** [zsharp_strongly_convex_rate_finite_law]: E[‖w_{t+1} − w*‖² | ℱ_t] ≤ (1 − η_tμ)‖w_t − w*‖²
    a.e., η_t = 1/(μ(t + 1)), μ > 0, stochastic alignment at w_0
    ⇒ E‖w_T − w*‖² ≤ (‖w_0 − w*‖² + 1)/T for every T > 0. *)
Theorem zsharp_strongly_convex_rate_finite_law n K p (F : nat -> nat -> nat) (w_star w0 : W n)
  (eta : nat -> R) z mu (g_adv : nat -> nat -> W n) :
  is_law K p ->
  conditional_contraction n K p F w_star w0 eta z mu g_adv ->
  0 < mu -> (forall t, eta t = 1 / (mu * (INR t + 1))) ->
  StochasticAlignmentCondition n K p w0 w_star (g_adv 0%nat) (eta 0%nat) mu z ->
  forall T, (0 < T)%nat ->
  expect K p (fun k => norm2 n (vsub (weightSequence n w0 eta z g_adv T k) w_star))
  <= (norm2 n (vsub w0 w_star) + 1) / INR T.
Proof.
  intros Hl Hc Hmu Hs Ha T HT. set (C := norm2 n (vsub w0 w_star) + 1).
  assert (HC : 0 <= C) by (pose proof (norm2_nonneg n (vsub w0 w_star)); unfold C; lra).
  induction T as [|t IH]; [lia|]. destruct t as [|t].
  - pose proof (stochastic_zsharp_convergence_finite_law n K p w_star (g_adv 0%nat) w0 eta 0 z mu
                  Hl Ha) as H.
    assert (E : 1 - eta 0%nat * mu = 0)
      by (rewrite Hs; simpl INR; field; lra).
    rewrite E, Rmult_0_l in H. simpl INR. unfold Rdiv. rewrite Rinv_1, Rmult_1_r.
    cbn [weightSequence]. lra.
  - specialize (IH ltac:(lia)). set (a := INR (S t)) in *.
    assert (Ha0 : 0 < a) by (apply lt_0_INR; lia).
    assert (E : 1 - eta (S t) * mu = a / (a + 1)) by (rewrite Hs; fold a; field; lra).
    rewrite <- (cond_expect_tower K p (F (S t))) by exact Hl.
    eapply Rle_trans; [apply expect_le_ae; [exact Hl | exact (Hc (S t))]|].
    rewrite expect_scal, E, S_INR. fold a.
    apply Rle_trans with (a / (a + 1) * (C / a)).
    + apply Rmult_le_compat_l; [apply Rlt_le; unfold Rdiv; apply Rmult_lt_0_compat;
        [lra | apply Rinv_0_lt_compat; lra] | exact IH].
    + right. field. lra.
Qed.
