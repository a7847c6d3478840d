(** * LeanSharp.Upstream.StochasticProcess.DescentZScore — upstream LeanSharp/Stochastic/Mechanics/DescentSteps/ZScore.lean

    Translates the descent lemma for the Z-score filtered stochastic gradient. Notions as in
    [Upstream.All] and [Upstream.StochasticProcess.SharpnessMap] (finite law (K, p), field G
    for upstream's [gradient f], [filteredGradient] = g ⊙ inlier mask, [IsSmooth] of
    [Upstream.StochasticProcess.DescentCore]).

    Equal: none.
    Weaker:
    - [z_score_descent_finite_law] — the filtered one-step descent for a finite law
      (upstream: any probability measure, with integrability/measurability hypotheses).
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap SampleErrors DescentCore.
Open Scope R_scope.

(** [z_score_descent_finite_law]: f L-smooth, E g = ∇f(w), E‖g − ∇f(w)‖² ≤ σ², 0 < η ≤ 1/L,
    ‖∇f(w)‖² ≤ 2⟨∇f(w), E g_f⟩ ⇒ E f(w − η g_f) ≤ f(w) − (η/2)‖∇f(w)‖² + (η²L/2)(σ² + ‖∇f(w)‖²). *)
Theorem z_score_descent_finite_law n K p L_smooth f G (g : nat -> W n) (w : W n) eta z s2 :
  is_law K p -> IsSmooth n f G L_smooth -> IsStochasticGradient n K p G g w ->
  HasBoundedVariance n K p G g w s2 -> 0 < eta /\ eta <= 1 / L_smooth ->
  norm2 n (G w) <= 2 * inner n (G w) (vexpect n K p (fun k => filteredGradient n (g k) z)) ->
  expect K p (fun k => f (vsub w (vscale eta (filteredGradient n (g k) z))))
  <= f w - eta / 2 * norm2 n (G w) + eta ^ 2 * L_smooth / 2 * (s2 + norm2 n (G w)).
Proof.
  intros Hl Hs Hg Hv He Ha. pose proof (eta_L_le_1 eta L_smooth He) as [HL _].
  pose proof (smooth_expect_step n K p f G L_smooth w (fun k => filteredGradient n (g k) z) eta
                Hl Hs) as H.
  pose proof (zsharp_variance_bound_finite_law n K p G g w z s2 Hl Hg Hv) as Hb.
  destruct He as [He _].
  assert (eta ^ 2 * L_smooth / 2 * expect K p (fun k => norm2 n (filteredGradient n (g k) z))
          <= eta ^ 2 * L_smooth / 2 * (s2 + norm2 n (G w)))
    by (apply Rmult_le_compat_l; [unfold Rdiv; apply Rmult_le_pos; [nra | lra] | exact Hb]).
  assert (eta * inner n (G w) (vexpect n K p (fun k => filteredGradient n (g k) z))
          >= eta / 2 * norm2 n (G w)) by nra.
  lra.
Qed.
