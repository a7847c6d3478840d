(** * LeanSharp.Upstream.Core.SamBounds — upstream LeanSharp/Core/Taylor/SamBounds.lean

    Translates upstream's smoothness bound on the SAM objective and the norm contraction of
    the Z-score filter. The translation of notions is the one of [Upstream/All.v];
    file-specific choices: upstream's [SmoothObjective] is the hypothesis pair
    [is_gradient n L G], [lipschitz_grad n G M] with M ≥ 0 (upstream's M ∈ ℝ≥0), as in
    [Upstream.Core.SmoothDescent]; [samObjective] and [filteredGradient] are those of
    [Upstream.Core.Objective] and [Upstream.Core.Filters].

    Equal: z_sharp_gap_benefit, sam_taylor_bound.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Upstream.Core Require Import Filters Objective SmoothDescent.
Open Scope R_scope.

(** [z_sharp_gap_benefit]: ρ ≥ 0 ⇒ ‖filteredGradient g z‖ ρ ≤ ‖g‖ ρ. *)
Theorem z_sharp_gap_benefit n (g : W n) (z rho : R) :
  0 <= rho -> norm n (filteredGradient n g z) * rho <= norm n g * rho.
Proof. intros Hr. apply Rmult_le_compat_r; [exact Hr | apply norm_filtered_gradient_le]. Qed.

(** [sam_taylor_bound]: samObjective L w ρ ≤ L(w) + ‖∇L(w)‖ρ + (M/2)ρ². *)
Theorem sam_taylor_bound n (L : W n -> R) (G : W n -> W n) (M : R) (w : W n) (rho : R) :
  is_gradient n L G -> lipschitz_grad n G M -> 0 <= M -> 0 <= rho ->
  samObjective n L w rho <= L w + norm n (G w) * rho + M / 2 * rho ^ 2.
Proof.
  intros Hg Hl HM Hr. apply (lub_real_le _ (L w)).
  - exists vzero. split; [unfold perturbationNeighborhood; rewrite norm_vzero; exact Hr|].
    now rewrite vadd_vzero.
  - intros y [e [He ->]]. unfold perturbationNeighborhood in He.
    pose proof (smooth_descent n L G M w e Hg Hl) as Hd.
    pose proof (inner_le_norm n (G w) e). pose proof (norm_nonneg n (G w)).
    pose proof (norm_nonneg n e).
    assert (norm n (G w) * norm n e <= norm n (G w) * rho) by (apply Rmult_le_compat_l; lra).
    assert (M / 2 * norm n e ^ 2 <= M / 2 * rho ^ 2) by (apply Rmult_le_compat_l; [lra | apply pow_incr; lra]).
    lra.
Qed.
