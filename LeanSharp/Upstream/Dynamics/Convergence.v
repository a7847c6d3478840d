(** * LeanSharp.Upstream.Dynamics.Convergence — upstream LeanSharp/Theory/Dynamics/Convergence.lean

    Translates upstream's ZSharp convergence theorem (the translation of notions is the one
    of [Upstream.All]):
    - [IsLSmooth L Lc] (Lc > 0, ∇L Lc-Lipschitz) is [IsLSmooth n G Lc] for the gradient
      field G of L ([Smooth.lipschitz_grad]); [IsStronglyConvex L μ] (μ > 0 and
      L v ≥ L w + ⟨∇L w, v − w⟩ + (μ/2)‖v − w‖²) is [IsStronglyConvex n L G μ]
      ([Smooth.strongly_convex]);
    - upstream's [SmoothObjective] is the library record [Objective.smooth_objective]
      (its Lc > 0 is implied here by upstream's hypotheses 0 < μ < Lc); upstream's
      [StronglyConvexObjective] (a smooth objective, μ, strong convexity) is the record
      [StronglyConvexObjective] below — NOT the library's [strongly_convex_objective], which
      also asks for a critical point that upstream does not have;
    - [ZSharpModel]: the same fields as upstream (objective, w*, ρ, z, alignment at every w);
    - [zsharpStep L w η t ρ z] = w − η_t·filteredGradient(∇L(w + ε_SAM), z) with
      ε_SAM = [Upstream.Dynamics.Alignment.samPerturbation], the filter g ⊙ zScoreMask g z =
      [hadamard g (inlier_mask n z g)]; a [Schedule] is a sequence nat → R.

    Equal: zsharp_convergence.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Optim Require Import Smooth Objective SAM.
From LeanSharp.Theory.Alignment Require Import Alignment.
From LeanSharp.Upstream.Dynamics Require Import Alignment.
Open Scope R_scope.

Local Notation filteredGradient n g z := (hadamard g (inlier_mask n z g%function)).

Definition IsLSmooth (n : nat) (G : W n -> W n) (L_smooth : R) : Prop :=
  L_smooth > 0 /\ lipschitz_grad n G L_smooth.

Definition IsStronglyConvex (n : nat) (L : W n -> R) (G : W n -> W n) (mu : R) : Prop :=
  mu > 0 /\ strongly_convex n L G mu.

(** Upstream's strongly convex objective: a smooth objective, μ and μ-strong convexity. *)
Record StronglyConvexObjective (n : nat) : Type := MkStronglyConvexObjective {
  sco_smooth : smooth_objective n;
  sco_mu : R;
  sco_strongly_convex : IsStronglyConvex n (loss sco_smooth) (grad sco_smooth) sco_mu }.
Arguments sco_smooth {n}. Arguments sco_mu {n}. Arguments sco_strongly_convex {n}.

(** One ZSharp step with step-size schedule η: w − η_t g_f(∇L(w + ε_SAM)). *)
Definition zsharpStep (n : nat) (G : W n -> W n) (w : W n) (eta : nat -> R) (t : nat) (rho z : R) : W n :=
  let g := G (vadd w (samPerturbation n G w rho)) in
  vsub w (vscale (eta t) (filteredGradient n g z)).

Definition ZSharpConvergenceHolds (n : nat) (L : W n -> R) (G : W n -> W n) (wstar : W n)
    (eta : nat -> R) (rho z L_smooth mu : R) : Prop :=
  IsLSmooth n G L_smooth -> IsStronglyConvex n L G mu ->
  (forall t, eta t > 0) /\ rho > 0 ->
  exists c : nat -> R, (forall t, 0 < c t /\ c t < 1) /\
    forall (w : W n) t, norm2 n (vsub (zsharpStep n G w eta t rho z) wstar) <= c t * norm2 n (vsub w wstar).

(** Upstream's bundle of assumptions for ZSharp convergence. *)
Record ZSharpModel (n : nat) : Type := MkZSharpModel {
  zm_L : StronglyConvexObjective n;
  zm_wstar : W n;
  zm_rho : R;
  zm_z : R;
  zm_alignment : forall w : W n,
    let g := grad (sco_smooth zm_L) (vadd w (samPerturbation n (grad (sco_smooth zm_L)) w zm_rho)) in
    AlignmentCondition n w zm_wstar (filteredGradient n g zm_z) (sco_mu zm_L) (lip (sco_smooth zm_L)) }.
Arguments zm_L {n}. Arguments zm_wstar {n}. Arguments zm_rho {n}. Arguments zm_z {n}.
Arguments zm_alignment {n}.

(** [zsharp_convergence]: η_t Lc² ≤ μ < Lc ⇒ each ZSharp step contracts ‖w − w*‖² by
    c_t = 1 − η_t μ ∈ (0, 1). *)
Theorem zsharp_convergence {n} (M : ZSharpModel n) (eta : nat -> R) :
  (forall t, eta t * lip (sco_smooth (zm_L M)) ^ 2 <= sco_mu (zm_L M)) ->
  sco_mu (zm_L M) < lip (sco_smooth (zm_L M)) ->
  ZSharpConvergenceHolds n (loss (sco_smooth (zm_L M))) (grad (sco_smooth (zm_L M))) (zm_wstar M)
    eta (zm_rho M) (zm_z M) (lip (sco_smooth (zm_L M))) (sco_mu (zm_L M)).
Proof.
  intros Ht HmuL _ [Hmu _] [Heta _].
  set (Lc := lip (sco_smooth (zm_L M))) in *. set (mu := sco_mu (zm_L M)) in *.
  exists (fun t => 1 - eta t * mu). split.
  - intros t. specialize (Ht t). specialize (Heta t).
    assert (eta t * mu * (Lc * Lc) <= mu * mu) by (simpl in Ht; nra).
    assert (mu * mu < Lc * Lc) by nra. split; nra.
  - intros w t. specialize (Ht t). specialize (Heta t). unfold zsharpStep.
    eapply Rle_trans; [apply (aligned_step_contracts (eta t) (zm_alignment M w)); lra|].
    apply Rmult_le_compat_r; [apply norm2_nonneg|]. unfold contraction_factor.
    fold Lc mu. simpl in Ht. nra.
Qed.
