(** * LeanSharp.Upstream.Dynamics.SecondOrder — upstream LeanSharp/Theory/Dynamics/SecondOrder.lean

    Translates upstream's second-order descent lemma for a filtered step (the translation
    of notions is the one of [Upstream.All]):
    - [Differentiable ℝ f] with [gradient f] is [Smooth.is_gradient n f G] for a field G;
      [IsLSmooth f Lc] is [Upstream.Dynamics.Convergence.IsLSmooth n G Lc];
    - [AlignmentCondition] is [Upstream.Dynamics.Alignment.AlignmentCondition]; the filter
      g ⊙ zScoreMask g z is [hadamard g (inlier_mask n z g)];
    - in [alignment_condition_of_curvature_bound] only [gradient f] occurs: it is any field G.

    Equal: zsharp_second_order_descent, alignment_condition_of_curvature_bound.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Theory.Alignment Require Import Alignment.
From LeanSharp.Upstream.Dynamics Require Import Alignment Convergence.
Open Scope R_scope.

Local Notation filteredGradient n g z := (hadamard g (inlier_mask n z g%function)).

(** [zsharp_second_order_descent]: (Lc/2)‖g_f‖² ≤ (κ/2)‖g_base‖² ⇒
    f(w − η g_f) ≤ f(w) − η⟨∇f(w), g_f⟩ + (η²/2) κ ‖g_base‖². *)
Theorem zsharp_second_order_descent n (f : W n -> R) (G : W n -> W n) (w g_base g_f : W n)
    eta L_smooth kappa :
  is_gradient n f G -> IsLSmooth n G L_smooth ->
  L_smooth / 2 * norm2 n g_f <= kappa / 2 * norm2 n g_base ->
  f (vsub w (vscale eta g_f)) <= f w - eta * inner n (G w) g_f + eta ^ 2 / 2 * kappa * norm2 n g_base.
Proof.
  intros Hg [_ Hl] Hc. pose proof (descent_lemma_step Hg Hl eta w g_f) as H.
  assert (0 <= eta ^ 2) by (simpl; nra). nra.
Qed.

(** [alignment_condition_of_curvature_bound]: the two bounds on the filtered gradient of
    G(g_base) are the alignment condition. *)
Theorem alignment_condition_of_curvature_bound n (G : W n -> W n) (w wstar g_base : W n) z mu L_smooth :
  mu * norm2 n (vsub w wstar) <= inner n (filteredGradient n (G g_base) z) (vsub w wstar) ->
  norm n (filteredGradient n (G g_base) z) <= L_smooth * norm n (vsub w wstar) ->
  AlignmentCondition n w wstar (filteredGradient n (G g_base) z) mu L_smooth.
Proof. intros H1 H2. split; assumption. Qed.
