(** * LeanSharp.Upstream.StochasticProcess.DescentZScore — upstream LeanSharp/Stochastic/Mechanics/DescentSteps/ZScore.lean

    Translates the descent lemma for the Z-score filtered stochastic gradient: one step
    w − η g_f of an L-smooth f, with g unbiased of bounded variance and the filtered mean
    aligned with ∇f(w), decreases E f by (η/2)‖∇f(w)‖² up to (η²L/2)(σ² + ‖∇f(w)‖²).
    Notions as in [Upstream.All] and [Upstream.StochasticProcess.SharpnessMap] (any
    probability space P, field G for upstream's [gradient f], [filteredGradient] = g ⊙ inlier
    mask, [IsSmooth] of [Upstream.Dynamics.QuadraticBowl]).

    Equal:
    - [z_score_descent] — the filtered one-step descent on any probability space, with
      upstream's integrability/measurability hypotheses (‖g‖², ‖g_f‖², f(w − ηg_f)
      integrable, g_f measurable).
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Expectation.
From LeanSharp.Upstream.Dynamics Require Import QuadraticBowl.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap SampleErrors DescentCore.
Open Scope R_scope.

(** [z_score_descent]: f L-smooth, E g = ∇f(w), E‖g − ∇f(w)‖² ≤ σ², 0 < η ≤ 1/L,
    ‖∇f(w)‖² ≤ 2⟨∇f(w), E g_f⟩ ⇒ E f(w − η g_f) ≤ f(w) − (η/2)‖∇f(w)‖² + (η²L/2)(σ² + ‖∇f(w)‖²). *)
Theorem z_score_descent {Omega : Type} (P : prob_space Omega) n L_smooth f G (g : Omega -> W n)
  (w : W n) eta z s2 :
  IsSmooth n f G L_smooth -> IsStochasticGradient P n G g w ->
  HasBoundedVariance P n G g w s2 -> integrable P (fun o => norm2 n (g o)) ->
  0 < eta /\ eta <= 1 / L_smooth ->
  vmeasurable P n (fun o => filteredGradient n (g o) z) ->
  integrable P (fun o => norm2 n (filteredGradient n (g o) z)) ->
  integrable P (fun o => f (vsub w (vscale eta (filteredGradient n (g o) z)))) ->
  norm2 n (G w) <= 2 * inner n (G w) (vexpectation P n (fun o => filteredGradient n (g o) z)) ->
  expectation P (fun o => f (vsub w (vscale eta (filteredGradient n (g o) z))))
  <= f w - eta / 2 * norm2 n (G w) + eta ^ 2 * L_smooth / 2 * (s2 + norm2 n (G w)).
Proof.
  intros Hs Hg Hv H2 He Hm Hf2 Hf Ha. pose proof (eta_L_le_1 eta L_smooth He) as [HL _].
  pose proof (smooth_expect_step P n f G L_smooth w (fun o => filteredGradient n (g o) z) eta
                Hs (vintegrable_of_integrable_norm2 P n _ Hm Hf2) Hf2 Hf) as H.
  pose proof (zsharp_variance_bound P n G g w z s2 Hg Hv Hf2 H2) as Hb.
  destruct He as [He _].
  assert (eta ^ 2 * L_smooth / 2 * expectation P (fun o => norm2 n (filteredGradient n (g o) z))
          <= eta ^ 2 * L_smooth / 2 * (s2 + norm2 n (G w)))
    by (apply Rmult_le_compat_l; [unfold Rdiv; apply Rmult_le_pos; [nra | lra] | exact Hb]).
  assert (eta * inner n (G w) (vexpectation P n (fun o => filteredGradient n (g o) z))
          >= eta / 2 * norm2 n (G w)) by nra.
  lra.
Qed.
