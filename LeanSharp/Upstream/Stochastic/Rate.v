(** * LeanSharp.Upstream.Stochastic.Rate — upstream LeanSharp/Stochastic/Rate.lean

    Translates the O(1/T) rate of stochastic ZSharp and its variant with the alignment
    derived from a deterministic condition. Notions as in [Upstream.All] and
    [Upstream.Stochastic.SchedulesStronglyConvex] (any probability space P, sub-σ-algebras
    F t : sub_sigma P, [weightSequence], [conditional_contraction]); [AlignmentCondition] and
    [StochasticAlignmentCondition] are [Upstream.Dynamics.Alignment]'s. Upstream's [gradient L]
    is a field G; its hypothesis g_adv 0 = (fun _ => ∇L(w_0 + ε)) is asked pointwise
    (∀ ω, g_adv 0 ω = G(w_0 + ε)), the same function equality.

    Equal:
    - [stochastic_zsharp_rate_O1_T] — E‖w_T − w*‖² ≤ (‖w_0 − w*‖² + 1)/T.
    - [stochastic_zsharp_rate_O1_T_of_deterministic_alignment] — the same with the
      first-step alignment from the deterministic condition.
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From LeanSharp.Core Require Import Vec Expectation.
From LeanSharp.Upstream.Dynamics Require Import Alignment.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap.
From LeanSharp.Upstream.Stochastic Require Import SchedulesStronglyConvex.
Open Scope R_scope.

Section Rate.
Context {Omega : Type} (P : prob_space Omega) (n : nat).

(** [stochastic_zsharp_rate_O1_T]: the conditional contraction, η_t = 1/(μ(t + 1)), μ > 0,
    alignment at w_0 and ‖w_t − w*‖² integrable ⇒ E‖w_T − w*‖² ≤ (‖w_0 − w*‖² + 1)/T for every
    T > 0. *)
Theorem stochastic_zsharp_rate_O1_T (F : nat -> sub_sigma P) (w_star w0 : W n)
  (eta : nat -> R) z mu (g_adv : nat -> Omega -> W n) :
  conditional_contraction P n F w_star w0 eta z mu g_adv ->
  0 < mu -> (forall t, eta t = 1 / (mu * (INR t + 1))) ->
  StochasticAlignmentCondition P n w0 w_star (g_adv 0%nat) (eta 0%nat) mu z ->
  (forall t, integrable P (fun o => norm2 n (vsub (weightSequence n w0 eta z g_adv t o) w_star))) ->
  forall T, (0 < T)%nat ->
  expectation P (fun o => norm2 n (vsub (weightSequence n w0 eta z g_adv T o) w_star))
  <= (norm2 n (vsub w0 w_star) + 1) / INR T.
Proof. exact (zsharp_strongly_convex_rate P n F w_star w0 eta z mu g_adv). Qed.

(** [stochastic_zsharp_rate_O1_T_of_deterministic_alignment]: the same rate when
    g_adv 0 ≡ ∇L(w_0 + ε), the filtered ∇L(w_0 + ε) is (μ, L)-aligned, η_0L² ≤ μ, η_0 ≥ 0. *)
Theorem stochastic_zsharp_rate_O1_T_of_deterministic_alignment (F : nat -> sub_sigma P)
  (G : W n -> W n) (w_star w0 : W n) (eta : nat -> R) z mu L_smooth
  (g_adv : nat -> Omega -> W n) (eps : W n) :
  conditional_contraction P n F w_star w0 eta z mu g_adv ->
  0 < mu -> (forall t, eta t = 1 / (mu * (INR t + 1))) ->
  (forall o, g_adv 0%nat o = G (vadd w0 eps)) ->
  AlignmentCondition n w0 w_star (filteredGradient n (G (vadd w0 eps)) z) mu L_smooth ->
  eta 0%nat * L_smooth ^ 2 <= mu -> 0 <= eta 0%nat ->
  (forall t, integrable P (fun o => norm2 n (vsub (weightSequence n w0 eta z g_adv t o) w_star))) ->
  forall T, (0 < T)%nat ->
  expectation P (fun o => norm2 n (vsub (weightSequence n w0 eta z g_adv T o) w_star))
  <= (norm2 n (vsub w0 w_star) + 1) / INR T.
Proof.
  intros Hc Hmu Hs Hg Ha Ht He Hi.
  apply (stochastic_zsharp_rate_O1_T F w_star w0 eta z mu g_adv); try assumption.
  replace (g_adv 0%nat) with (fun _ : Omega => G (vadd w0 eps))
    by (symmetry; apply functional_extensionality; exact Hg).
  exact (deterministic_implies_stochastic_alignment P n G w0 w_star eps z mu L_smooth eta 0 Ha Ht He).
Qed.

End Rate.
