(** * LeanSharp.Upstream.Dynamics.QuadraticBowl — upstream LeanSharp/Examples/QuadraticBowl.lean

    Translates upstream's 2-D quadratic bowl example (the translation of notions is the one
    of [Upstream.All]):
    - W (Fin 2) is [W 2]; [toyLoss w] = w₀² + w₁², [exactGradientToy w] = (2w₀, 2w₁);
    - [gradient toyLoss = exactGradientToy] is [Smooth.is_gradient 2 toyLoss exactGradientToy];
      [HasFDerivAt toyLoss (2w₀·proj₀ + 2w₁·proj₁) w] is: for every direction d,
      s ↦ toyLoss(w + s d) has derivative 2w₀d₀ + 2w₁d₁ at s = 0 (Coquelicot [is_derive]);
    - [IsLSmooth], [IsStronglyConvex], [StronglyConvexObjective] are those of
      [Upstream.Dynamics.Convergence]; upstream's [IsSmooth f L] (Stochastic/Mechanics/
      DescentSteps/Core.lean: f y ≤ f x + ⟨∇f x, y − x⟩ + (L/2)‖y − x‖²) is [IsSmooth] below;
    - [toyLossBundled] is built as a [StronglyConvexObjective 2] (μ = Lc = 2).
    The library's own bowl ([Examples.Models.bowl]) is ½‖w‖²; this one is its double in
    R², i.e. [Smooth.quad_diag 2 (2, 2)] ([toyLoss_quad]).
    New fact (stated here): [is_gradient_of_quad_diag], a loss equal to a diagonal
    quadratic with the matching gradient field has that gradient.

    Equal: hasFDerivAt_toyLoss, gradient_toy_eq, toy_L_smooth, toy_strongly_convex,
    toy_IsSmooth.
    Weaker: none.
    Open: none (upstream's [toyTwiceDifferentiable] and [wInit] are definitions, not theorems). *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth Objective.
From LeanSharp.Upstream.Dynamics Require Import Convergence.
Open Scope R_scope.

(** Upstream's Taylor smoothness predicate (the gradient field G of f). *)
Definition IsSmooth (n : nat) (f : W n -> R) (G : W n -> W n) (L : R) : Prop :=
  forall x y : W n, f y <= f x + inner n (G x) (vsub y x) + L / 2 * norm2 n (vsub y x).

Lemma is_gradient_of_quad_diag n (a : W n) (L : W n -> R) (G : W n -> W n) :
  (forall w, L w = quad_diag n a w) -> (forall w i, (i < n)%nat -> G w i = a i * w i) ->
  is_gradient n L G.
Proof.
  intros HL HG w d t.
  apply (is_derive_ext (fun s => quad_diag n a (fun i => w i + s * d i))); [intros s; symmetry; apply HL|].
  rewrite (inner_ext n _ (quad_diag_grad a (fun i => w i + t * d i)) d d)
    by (intros i Hi; split; [apply HG, Hi | reflexivity]).
  apply quad_diag_gradient.
Qed.

Definition toyLoss (w : W 2) : R := w 0%nat ^ 2 + w 1%nat ^ 2.

Definition exactGradientToy (w : W 2) : W 2 := fun i => 2 * w i.

Lemma toyLoss_quad w : toyLoss w = quad_diag 2 (fun _ => 2) w.
Proof. unfold toyLoss, quad_diag. simpl. field. Qed.

(** [gradient_toy_eq]: ∇toyLoss = exactGradientToy = (2w₀, 2w₁). *)
Theorem gradient_toy_eq : is_gradient 2 toyLoss exactGradientToy.
Proof. apply (is_gradient_of_quad_diag 2 (fun _ => 2)); [apply toyLoss_quad | reflexivity]. Qed.

(** [hasFDerivAt_toyLoss]: the derivative of toyLoss at w is d ↦ 2w₀d₀ + 2w₁d₁. *)
Theorem hasFDerivAt_toyLoss (w d : W 2) :
  is_derive (fun s => toyLoss (fun i => w i + s * d i)) 0 (2 * w 0%nat * d 0%nat + 2 * w 1%nat * d 1%nat).
Proof.
  replace (2 * w 0%nat * d 0%nat + 2 * w 1%nat * d 1%nat)
    with (inner 2 (exactGradientToy (fun i => w i + 0 * d i)) d)
    by (unfold inner, exactGradientToy; simpl; ring).
  apply gradient_toy_eq.
Qed.

(** [toy_L_smooth]: ∇toyLoss is 2-Lipschitz. *)
Theorem toy_L_smooth : IsLSmooth 2 exactGradientToy 2.
Proof.
  split; [lra|]. apply (quad_diag_lipschitz 2 (fun _ => 2)); [lra|].
  intros; rewrite Rabs_pos_eq; lra.
Qed.

(** [toy_strongly_convex]: toyLoss is 2-strongly convex. *)
Theorem toy_strongly_convex : IsStronglyConvex 2 toyLoss exactGradientToy 2.
Proof.
  split; [lra|]. intros u v. unfold toyLoss, norm2, inner, vsub, exactGradientToy. simpl. nra.
Qed.

(** [toy_IsSmooth]: toyLoss y ≤ toyLoss x + ⟨∇toyLoss x, y − x⟩ + ‖y − x‖². *)
Theorem toy_IsSmooth : IsSmooth 2 toyLoss exactGradientToy 2.
Proof. intros x y. unfold toyLoss, norm2, inner, vsub, exactGradientToy. simpl. nra. Qed.

(** Upstream's bundled objective for the bowl: Lc = 2, μ = 2. *)
Definition toySmoothObjective : smooth_objective 2 :=
  SmoothObjective toyLoss exactGradientToy 2 gradient_toy_eq (proj2 toy_L_smooth) ltac:(lra).

Definition toyLossBundled : StronglyConvexObjective 2 :=
  MkStronglyConvexObjective 2 toySmoothObjective 2 toy_strongly_convex.
