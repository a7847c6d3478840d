(** * LeanSharp.Upstream.Stochastic.SchedulesSamNonconvex — upstream LeanSharp/Stochastic/Foundations/Schedules/SamNonconvex.lean

    Translates the complete SAM non-convex rate: the conditional SAM descent envelope
    ([Upstream.StochasticProcess.ProcessSequence.SAMDescentEnvelope]) gives the O(1/√T)
    average-gradient rate with the perturbation penalty 2L²ρ². Notions as in [Upstream.All]
    and [Upstream.Stochastic.SchedulesNonconvex] (finite law, atom labellings F t for ℱ t,
    [weightSequence], a field G for [gradient L], any lower bound Linf for sInf (range L)).

    Equal: none.
    Weaker:
    - [sam_nonconvex_rate_complete_finite_law] — (1/T)Σ_{t<T} E‖∇L(w_t)‖² ≤
      (8L(L(w_0) − inf L) + σ² + 2L²ρ²)/√T for a finite law (upstream: any probability space).
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Upstream.StochasticProcess Require Import ProcessSequence.
From LeanSharp.Upstream.Stochastic Require Import SchedulesStronglyConvex SchedulesNonconvex.
Open Scope R_scope.

(** [sam_nonconvex_rate_complete_finite_law]: η_t = 1/(2L√T), L > 0, L(·) ≥ Linf and the SAM
    envelopes at every t ⇒ (1/T)Σ_{t<T} E‖∇L(w_t)‖² ≤ (8L(L(w_0) − Linf) + (σ² + 2L²ρ²))/√T. *)
Theorem sam_nonconvex_rate_complete_finite_law n K p (L : W n -> R) (G : W n -> W n)
  (w0 : W n) z L_smooth s2 rho (eta : nat -> R) (g_adv : nat -> nat -> W n) T
  (F : nat -> nat -> nat) Linf :
  is_law K p -> (0 < T)%nat -> (forall t, eta t = 1 / (2 * L_smooth * sqrt (INR T))) ->
  0 < L_smooth -> (forall v, Linf <= L v) ->
  (forall t, SAMDescentEnvelope n K p F L_smooth L G (weightSequence n w0 eta z g_adv) eta z s2
               rho g_adv t) ->
  1 / INR T * vsum T (fun t => expect K p (fun k => norm2 n (G (weightSequence n w0 eta z g_adv t k))))
  <= (8 * L_smooth * (L w0 - Linf) + (s2 + 2 * L_smooth ^ 2 * rho ^ 2)) / sqrt (INR T).
Proof. intros. now apply (z_score_nonconvex_rate_complete_finite_law n K p L G w0 z) with F. Qed.
