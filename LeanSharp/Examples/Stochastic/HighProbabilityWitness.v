(** * LeanSharp.Examples.Stochastic.HighProbabilityWitness — tail bounds for stochastic ZSharp at its constants

    The setting of [NetworkDynamicsWitness]: the bowl on W 8 (layers 4 + 4) started at gD,
    per-sample gradients G_k(w) = w ± e₀ with probability ½ each (σ² = 1, genuinely random:
    [Models.two_point_field_random]), ZSharp's network mask computed from
    the drawn sample, δ = 1e-12.

    Witnesses
    - [ball_prob_witness] ([Stochastic.HighProbability.noisy_constant_ball_prob]), lr 0.01,
      ρ = 0.05: P(‖w_T‖² ≥ r) ≤ (0.995^T·32 + 0.045)/r for every T and r > 0
    - [ball_whp_witness] ([high_probability_of_expect]): with probability ≥ 0.9,
      ‖w_T‖² < 10·(0.995^T·32 + 0.045)
    - [decaying_in_probability_witness] ([noisy_decaying_in_probability]): η_t = 4/(t + 4),
      ρ_t = √(0.0025η_t): for every r, β > 0, P(‖w_T‖² ≥ r) ≤ β from some T0 on
    - [sgd_in_probability_witness] ([sgd_in_probability]): the 1-D noisy quadratic of
      [LowerBoundsWitness] with η_t = 2/(t + 2) converges in probability *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Recursions FiniteProb.
From LeanSharp.Filter Require Import Mask NetworkMask.
From LeanSharp.Optim Require Import Smooth SAM.
From LeanSharp.Stochastic Require Import StronglyConvexRate NoisyFilter LowerBounds HighProbability.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Filter Require Import NetworkMaskWitness.
From LeanSharp.Examples.Stochastic Require Import NetworkDynamicsWitness LowerBoundsWitness.
Open Scope R_scope.

Lemma norm2_gD_vzero : norm2 8 (vsub gD vzero) = 32.
Proof. rewrite <- norm2_gD. apply norm2_ext. intros; unfold vsub, vzero; ring. Qed.

Lemma ball_bound_value T :
  (1 - zsharp_lr * 1 / 2) ^ T * norm2 8 (vsub gD vzero) + (3 * zsharp_lr * 1 / 1 + 6 * 1 ^ 2 * zsharp_rho ^ 2 / 1 ^ 2)
  = 0.995 ^ T * 32 + 0.045.
Proof.
  rewrite norm2_gD_vzero. unfold zsharp_lr, zsharp_rho.
  replace (1 - 0.01 * 1 / 2) with 0.995 by lra. lra.
Qed.

Theorem ball_prob_witness T r :
  0 < r ->
  noisy_prob (bowl_objective 8) (two_point_fields 8 1) (zsharp_net_mask sizesD) zsharp_delta
    (fun _ => zsharp_lr) (fun _ => zsharp_rho) gD T r
  <= (0.995 ^ T * 32 + 0.045) / r.
Proof.
  intros Hr. rewrite <- ball_bound_value.
  eapply Rle_trans; [apply (noisy_constant_ball_prob (bowl_objective 8) (two_point_fields 8 1))|].
  - exact zsharp_delta_nonneg.
  - exact zsharp_lr_range.
  - exact zsharp_rho_nonneg.
  - exact Hr.
  - bowl_fields. right. now replace (1 * 1) with 1 by ring.
Qed.

(** With probability at least 0.9, ‖w_T‖² < 10·(0.995^T·32 + 0.045). *)
Theorem ball_whp_witness T :
  noisy_prob (bowl_objective 8) (two_point_fields 8 1) (zsharp_net_mask sizesD) zsharp_delta
    (fun _ => zsharp_lr) (fun _ => zsharp_rho) gD T ((0.995 ^ T * 32 + 0.045) / 0.1)
  <= 0.1.
Proof.
  assert (0 < 0.995 ^ T) by (apply pow_lt; lra).
  apply (high_probability_of_expect 2 two_point_p two_point_law); [intros; apply norm2_nonneg | | lra | lra].
  rewrite <- ball_bound_value. apply noisy_ball_witness.
Qed.

Theorem decaying_in_probability_witness r beta :
  0 < r -> 0 < beta -> exists T0, forall T, (T0 <= T)%nat ->
  noisy_prob (bowl_objective 8) (two_point_fields 8 1) (zsharp_net_mask sizesD) zsharp_delta
    (one_over_t_step 4 4) decaying_rho gD T r <= beta.
Proof.
  intros Hr Hb.
  apply (noisy_decaying_in_probability (bowl_objective 8) (two_point_fields 8 1)) with (rb := 0.0025);
    bowl_fields; try lra; [exact zsharp_delta_nonneg| |].
  - intros t. apply sqrt_pos.
  - intros t. unfold decaying_rho. pose proof (one_over_t_step_pos 4 4 t ltac:(lra) ltac:(lra)).
    rewrite <- Rsqr_pow2, Rsqr_sqrt by lra. lra.
Qed.

Theorem sgd_in_probability_witness r beta :
  0 < r -> 0 < beta -> exists T0, forall T, (T0 <= T)%nat ->
  hprob 2 two_point_p T (fun h => norm2 1 (vsub (sgd_iter 1 (two_point_xi 1 1) (quad_center_grad 1 1 vzero)
                                                   (one_over_t_step 2 2) lb_w0 h) vzero)) r <= beta.
Proof.
  intros Hr Hb. apply sgd_in_probability with (s2 := 1 * 1) (c := 1) (C := 1); try lra.
  - apply two_point_oracle. lia.
  - intros w. apply quad_center_aligned. lra.
Qed.
