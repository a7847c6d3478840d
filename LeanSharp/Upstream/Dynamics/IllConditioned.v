(** * LeanSharp.Upstream.Dynamics.IllConditioned — upstream LeanSharp/Examples/IllConditioned/Basic.lean and Properties.lean

    Translates upstream's ill-conditioned 2-D quadratic (both files; the translation of
    notions is the one of [Upstream.All]):
    - W (Fin 2) is [W 2]; [advancedLoss w] = 10w₀² + w₁², [exactGradientAdvanced w] =
      (20w₀, 2w₁) (component i ≥ 1 reads 2w₁ as upstream's [if i = 0 … else …]; only
      i < 2 is ever read);
    - [gradient advancedLoss = exactGradientAdvanced] is [Smooth.is_gradient]; the Fréchet
      derivative at w is the directional derivative d ↦ 20w₀d₀ + 2w₁d₁ at s = 0;
    - [IsLSmooth], [IsStronglyConvex], [StronglyConvexObjective] are those of
      [Upstream.Dynamics.Convergence], [IsSmooth] that of [Upstream.Dynamics.QuadraticBowl];
    - [advancedLossBundled] is built as a [StronglyConvexObjective 2] (Lc = 20, μ = 2).
    The library's ill-conditioned example ([Examples.Dynamics.IllConditioned]) is
    ½Σλ_i w_i²; this one is [Smooth.quad_diag 2 (20, 2)] ([advancedLoss_quad]).

    Equal: hasFDerivAt_advancedLoss, gradient_advanced_eq, advanced_L_smooth,
    advanced_strongly_convex, advanced_IsSmooth.
    Weaker: none.
    Open: none (upstream's [advancedTwiceDifferentiable] is a definition, not a theorem). *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth Objective.
From LeanSharp.Upstream.Dynamics Require Import Convergence QuadraticBowl.
Open Scope R_scope.

Definition advancedLoss (w : W 2) : R := 10 * w 0%nat ^ 2 + w 1%nat ^ 2.

Definition exactGradientAdvanced (w : W 2) : W 2 :=
  fun i => match i with O => 20 * w 0%nat | _ => 2 * w 1%nat end.

Definition advanced_lam : W 2 := fun i => match i with O => 20 | _ => 2 end.

Lemma advancedLoss_quad w : advancedLoss w = quad_diag 2 advanced_lam w.
Proof. unfold advancedLoss, quad_diag, advanced_lam. simpl. field. Qed.

(** [gradient_advanced_eq]: ∇advancedLoss = exactGradientAdvanced = (20w₀, 2w₁). *)
Theorem gradient_advanced_eq : is_gradient 2 advancedLoss exactGradientAdvanced.
Proof.
  apply (is_gradient_of_quad_diag 2 advanced_lam); [apply advancedLoss_quad|].
  intros w i Hi. destruct i as [|[|i]]; [reflexivity | reflexivity | lia].
Qed.

(** [hasFDerivAt_advancedLoss]: the derivative of advancedLoss at w is d ↦ 20w₀d₀ + 2w₁d₁. *)
Theorem hasFDerivAt_advancedLoss (w d : W 2) :
  is_derive (fun s => advancedLoss (fun i => w i + s * d i)) 0
            (20 * w 0%nat * d 0%nat + 2 * w 1%nat * d 1%nat).
Proof.
  replace (20 * w 0%nat * d 0%nat + 2 * w 1%nat * d 1%nat)
    with (inner 2 (exactGradientAdvanced (fun i => w i + 0 * d i)) d)
    by (unfold inner, exactGradientAdvanced; simpl; ring).
  apply gradient_advanced_eq.
Qed.

(** [advanced_L_smooth]: ∇advancedLoss is 20-Lipschitz. *)
Theorem advanced_L_smooth : IsLSmooth 2 exactGradientAdvanced 20.
Proof.
  split; [lra|]. intros u v.
  rewrite (norm_ext 2 _ (vsub (quad_diag_grad advanced_lam u) (quad_diag_grad advanced_lam v)))
    by (intros [|[|i]] Hi; [reflexivity | reflexivity | lia]).
  apply quad_diag_lipschitz; [lra|]. intros [|[|i]] Hi; simpl; rewrite ?Rabs_pos_eq; lra || lia.
Qed.

(** [advanced_strongly_convex]: advancedLoss is 2-strongly convex. *)
Theorem advanced_strongly_convex : IsStronglyConvex 2 advancedLoss exactGradientAdvanced 2.
Proof.
  split; [lra|]. intros u v. unfold advancedLoss, norm2, inner, vsub, exactGradientAdvanced. simpl.
  pose proof (Rle_0_sqr (v 0%nat - u 0%nat)). unfold Rsqr in *. lra.
Qed.

(** [advanced_IsSmooth]: advancedLoss y ≤ advancedLoss x + ⟨∇ x, y − x⟩ + 10‖y − x‖². *)
Theorem advanced_IsSmooth : IsSmooth 2 advancedLoss exactGradientAdvanced 20.
Proof.
  intros x y. unfold advancedLoss, norm2, inner, vsub, exactGradientAdvanced. simpl.
  pose proof (Rle_0_sqr (y 1%nat - x 1%nat)). unfold Rsqr in *. lra.
Qed.

(** Upstream's bundled objective: Lc = 20, μ = 2. *)
Definition advancedSmoothObjective : smooth_objective 2 :=
  SmoothObjective advancedLoss exactGradientAdvanced 20 gradient_advanced_eq (proj2 advanced_L_smooth)
    ltac:(lra).

Definition advancedLossBundled : StronglyConvexObjective 2 :=
  MkStronglyConvexObjective 2 advancedSmoothObjective 2 advanced_strongly_convex.
