(** * LeanSharp.Upstream.Dynamics.Generalization — upstream LeanSharp/Theory/Dynamics/Generalization.lean

    Translates upstream's concrete SAM generalization bound (the translation of notions is
    the one of [Upstream.All]):
    - [samObjective] is [Upstream.Dynamics.SamBound.samObjective] (sup of L(w + ε), ‖ε‖ ≤ ρ);
    - upstream's [SmoothObjective] L_S (differentiable, ∇L_S Lc-Lipschitz with Lc : ℝ≥0) is
      its hypothesis block: a loss L_S with gradient field G ([Smooth.is_gradient]),
      [lipschitz_grad n G Lc] and 0 ≤ Lc. The library record [Objective.smooth_objective]
      asks Lc > 0, which would exclude upstream's Lc = 0; a record F gives the block as
      [loss_gradient F], [grad_lipschitz F], [Rlt_le _ _ (lip_pos F)].
    - [PacBayesSharpnessBound L_D L_S w ρ C] := L_D w ≤ L_S w + ‖∇L_S w‖ρ + C, with ∇L_S = G.
    New fact (stated here): [sam_taylor_bound_block], samObjective ≤ L(w) + ‖∇L(w)‖ρ + (Lc/2)ρ²
    (upstream's [sam_taylor_bound] of Core/Taylor/SamBounds.lean, for the hypothesis block).

    Equal: sam_concrete_generalization.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Upstream.Dynamics Require Import SamBound.
Open Scope R_scope.

Definition PacBayesSharpnessBound (n : nat) (L_D L_S : W n -> R) (G : W n -> W n) (w : W n) (rho C : R) : Prop :=
  L_D w <= L_S w + norm n (G w) * rho + C.

(** samObjective ≤ L(w) + ‖∇L(w)‖ρ + (Lc/2)ρ² (descent lemma on every ‖ε‖ ≤ ρ). *)
Lemma sam_taylor_bound_block n (L : W n -> R) G Lc (w : W n) rho :
  is_gradient n L G -> lipschitz_grad n G Lc -> 0 <= Lc -> 0 <= rho ->
  samObjective n L w rho <= L w + norm n (G w) * rho + Lc / 2 * rho ^ 2.
Proof.
  intros Hg Hl HLc Hr. apply samObjective_le; [exact Hr|]. intros y [e [He ->]].
  pose proof (descent_lemma Hg Hl w e) as Hd. pose proof (inner_le_norm n (G w) e).
  pose proof (norm_nonneg n e). pose proof (norm_nonneg n (G w)).
  rewrite <- (norm_sqr n e) in Hd.
  assert (norm n (G w) * norm n e <= norm n (G w) * rho) by (apply Rmult_le_compat_l; lra).
  assert (norm n e * norm n e <= rho * rho) by nra.
  assert (Lc / 2 * (norm n e * norm n e) <= Lc / 2 * (rho * rho)) by (apply Rmult_le_compat_l; lra).
  simpl. lra.
Qed.

(** [sam_concrete_generalization]: L_D w ≤ samObjective(L_S) + C ⇒
    L_D w ≤ L_S w + ‖∇L_S w‖ρ + (Lc/2)ρ² + C. *)
Theorem sam_concrete_generalization n (L_D L_S : W n -> R) (G : W n -> W n) Lc (w : W n) rho C :
  is_gradient n L_S G -> lipschitz_grad n G Lc -> 0 <= Lc ->
  0 <= rho -> L_D w <= samObjective n L_S w rho + C ->
  L_D w <= L_S w + norm n (G w) * rho + Lc / 2 * rho ^ 2 + C.
Proof.
  intros Hg Hl HLc Hr Hgen. pose proof (sam_taylor_bound_block n L_S G Lc w rho Hg Hl HLc Hr). lra.
Qed.
