(** * LeanSharp.Upstream.Stochastic.SchedulesSamNonconvex — upstream LeanSharp/Stochastic/Foundations/Schedules/SamNonconvex.lean

    Translates the complete SAM non-convex rate: the conditional SAM descent envelope
    ([Upstream.StochasticProcess.ProcessSequence.SAMDescentEnvelope]) gives the O(1/√T)
    average-gradient rate with the perturbation penalty 2L²ρ². Notions as in [Upstream.All]
    and [Upstream.Stochastic.SchedulesNonconvex] (any probability space P, sub-σ-algebras
    F t : sub_sigma P for ℱ t, [weightSequence], a field G for [gradient L], any lower bound
    Linf for sInf (range L)).

    Equal:
    - [sam_nonconvex_rate_complete] — η = 1/(2L√T), L(w_t) and ‖∇L(w_t)‖² integrable, the SAM
      envelopes ⇒ (1/T)Σ_{t<T} E‖∇L(w_t)‖² ≤ (8L(L(w_0) − inf L) + σ² + 2L²ρ²)/√T.
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Expectation.
From LeanSharp.Upstream.StochasticProcess Require Import ProcessSequence.
From LeanSharp.Upstream.Stochastic Require Import SchedulesStronglyConvex SchedulesNonconvex.
Open Scope R_scope.

(** [sam_nonconvex_rate_complete]: η_t = 1/(2L√T), L > 0, L(·) ≥ Linf, L(w_t) and ‖∇L(w_t)‖²
    integrable and the SAM envelopes at every t
    ⇒ (1/T)Σ_{t<T} E‖∇L(w_t)‖² ≤ (8L(L(w_0) − Linf) + (σ² + 2L²ρ²))/√T. *)
Theorem sam_nonconvex_rate_complete {Omega : Type} (P : prob_space Omega) n (L : W n -> R)
  (G : W n -> W n) (w0 : W n) z L_smooth s2 rho (eta : nat -> R) (g_adv : nat -> Omega -> W n) T
  (F : nat -> sub_sigma P) Linf :
  (0 < T)%nat -> (forall t, eta t = 1 / (2 * L_smooth * sqrt (INR T))) ->
  0 < L_smooth -> (forall v, Linf <= L v) ->
  (forall t, integrable P (fun o => L (weightSequence n w0 eta z g_adv t o))) ->
  (forall t, integrable P (fun o => norm2 n (G (weightSequence n w0 eta z g_adv t o)))) ->
  (forall t, SAMDescentEnvelope P n L_smooth L G (weightSequence n w0 eta z g_adv) eta z s2
               rho g_adv F t) ->
  1 / INR T * vsum T (fun t => expectation P (fun o => norm2 n (G (weightSequence n w0 eta z g_adv t o))))
  <= (8 * L_smooth * (L w0 - Linf) + (s2 + 2 * L_smooth ^ 2 * rho ^ 2)) / sqrt (INR T).
Proof. intros. now apply (z_score_nonconvex_rate_complete P n L G w0 z) with F. Qed.
