(** * LeanSharp.Examples.Stochastic.NetworkDynamicsWitness — ZSharp's dynamics theorems fire at ZSharp's constants

    The problem: the quadratic bowl L(w) = ½‖w‖² on W 8 split into two layers of 4
    (μ = Lc = 1, w* = 0; [SmoothWitness.bowl]), started at [NetworkMaskWitness.gD], where
    ∇L(w_0) = gD and ZSharp's network mask is (0, 0, 0, 1, 1, 1, 1, 1)
    ([NetworkMaskWitness.drop_mask_drops]); and the bowl on W 10 split (6, 4), started at
    [FallbackWitness.gF], where the per-layer fallback fires on a non-constant layer whose
    top |z| is unique ([FallbackWitness.fallback_net_mask]). ZSharp's constants throughout: learning rate
    η = 0.01, ρ = 0.05, δ = 1e-12, p = 70, ε_std = 1e-8 ([zsharp_net_mask]).

    Witnesses
    - [ball_drop_witness], [ball_fallback_witness] ([Theory.Dynamics.ZSharpBall.zsharp_net_ball]):
          ‖w_T‖ ≤ 0.995^T ‖w_0‖ + 0.1
    - stochastic, with the noise through the filter: per-sample gradients
      G_k(w) = w ± e_0 with probability ½ each ([Models.two_point_fields]; σ² = 1, genuinely
      random), the mask, ε and second gradient computed from the drawn sample:
      [noisy_ball_witness] ([Stochastic.NoisyFilter.noisy_constant_ball]):
          E‖w_T‖² ≤ 0.995^T ‖w_0‖² + 0.03 + 0.015;
      [noisy_decaying_witness] ([noisy_decaying_rate]): η_t = 4/(t + 4), ρ_t = √(0.0025 η_t)
      (ρ_0 = 0.05): E‖w_T‖² ≤ K/(T + 4);
      [noisy_nonconvex_witness] ([Stochastic.NoisyFilterNonConvex.noisy_nonconvex_rate]):
      some t < T has E‖w_t‖² ≤ (16·L(w_0) + 1)/√T + 3·0.05² *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec Recursions FiniteProb.
From LeanSharp.Filter Require Import Mask NetworkMask.
From LeanSharp.Optim Require Import Smooth SAM ZSharpDirection.
From LeanSharp.Theory.Dynamics Require Import ZSharpBall.
From LeanSharp.Stochastic Require Import StronglyConvexRate NoisyFilter NoisyFilterNonConvex.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Dynamics Require Import SmoothWitness.
From LeanSharp.Examples.Stochastic Require Import StochasticWitness.
From LeanSharp.Examples.Filter Require Import NetworkMaskWitness FallbackWitness.
Import ListNotations.
Open Scope R_scope.



(** ** Deterministic: geometric convergence to the 0.1-ball *)

(** The bowl under ZSharp's network rule on any layer sizes, at ZSharp's constants. *)
Lemma bowl_net_ball sizes (w0 : W (net_size sizes)) T :
  norm (net_size sizes)
    (vsub (zsharp_iter (net_size sizes) zsharp_lr zsharp_rho zsharp_delta (bowl_grad (net_size sizes))
             (zsharp_net_mask sizes) w0 T) vzero)
  <= (1 - zsharp_lr * 1 / 2) ^ T * norm (net_size sizes) (vsub w0 vzero) + 2 * 1 * zsharp_rho / 1.
Proof.
  apply (zsharp_net_ball sizes (bowl_objective (net_size sizes)));
    [exact zsharp_lr_range | exact zsharp_rho_nonneg | exact zsharp_delta_nonneg].
Qed.

Theorem ball_drop_witness T :
  norm 8 (vsub (zsharp_iter 8 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 8) (zsharp_net_mask sizesD) gD T) vzero)
  <= (1 - zsharp_lr * 1 / 2) ^ T * norm 8 (vsub gD vzero) + 2 * 1 * zsharp_rho / 1.
Proof. exact (bowl_net_ball sizesD gD T). Qed.

Theorem ball_fallback_witness T :
  norm 10 (vsub (zsharp_iter 10 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 10) (zsharp_net_mask sizesF) gF T) vzero)
  <= (1 - zsharp_lr * 1 / 2) ^ T * norm 10 (vsub gF vzero) + 2 * 1 * zsharp_rho / 1.
Proof. exact (bowl_net_ball sizesF gF T). Qed.

(** ** Stochastic: two-point noise on the first coordinate, through the filter *)

(** The model of every stochastic witness below: the bowl on W 8 ([Models.bowl_objective])
    with the two-point noise ±e₀ ([Models.two_point_fields], σ² = 1·1, really random:
    [Models.two_point_field_random]) and ZSharp's network mask on sizesD. *)

Theorem noisy_ball_witness T :
  noisy_err (bowl_objective 8) (two_point_fields 8 1) (zsharp_net_mask sizesD) zsharp_delta
    (fun _ => zsharp_lr) (fun _ => zsharp_rho) gD T
  <= (1 - zsharp_lr * 1 / 2) ^ T * norm2 8 (vsub gD vzero)
     + (3 * zsharp_lr * 1 / 1 + 6 * 1 ^ 2 * zsharp_rho ^ 2 / 1 ^ 2).
Proof.
  eapply Rle_trans; [apply (noisy_constant_ball (bowl_objective 8) (two_point_fields 8 1))|].
  - exact zsharp_delta_nonneg.
  - exact zsharp_lr_range.
  - exact zsharp_rho_nonneg.
  - bowl_fields. right. now replace (1 * 1) with 1 by ring.
Qed.

(** Decaying schedule η_t = 4/(t + 4) (η_0 = 1), ρ_t = √(0.0025 η_t) (ρ_0 = 0.05). *)
Definition decaying_rho (t : nat) : R := sqrt (0.0025 * one_over_t_step 4 4 t).

Lemma one_over_t_step_pos c t0 t : 0 < c -> 0 < t0 -> 0 < one_over_t_step c t0 t.
Proof. intros. unfold one_over_t_step. pose proof (pos_INR t). apply Rdiv_lt_0_compat; lra. Qed.

Theorem noisy_decaying_witness T :
  noisy_err (bowl_objective 8) (two_point_fields 8 1) (zsharp_net_mask sizesD) zsharp_delta
    (one_over_t_step 4 4) decaying_rho gD T
  <= rm_const (1 / 2) 4 (3 / 2 * 1 + 3 * 1 ^ 2 * 0.0025 / 1) 4 (norm2 8 (vsub gD vzero)) / (INR T + 4).
Proof.
  eapply Rle_trans;
    [apply (noisy_decaying_rate (bowl_objective 8) (two_point_fields 8 1)) with (r := 0.0025)|];
    bowl_fields; try lra; [exact zsharp_delta_nonneg| | |].
  - intros t. apply sqrt_pos.
  - intros t. unfold decaying_rho. pose proof (one_over_t_step_pos 4 4 t ltac:(lra) ltac:(lra)).
    rewrite <- Rsqr_pow2, Rsqr_sqrt by lra. lra.
  - right. now replace (1 * 1) with 1 by ring.
Qed.

Theorem noisy_nonconvex_witness T : (0 < T)%nat ->
  exists t, (t < T)%nat /\
    noisy_grad2 (bowl_smooth_objective 8) (two_point_fields 8 1) (zsharp_net_mask sizesD) zsharp_delta
      (/ (4 * 1 * sqrt (INR T))) zsharp_rho gD t
    <= (16 * 1 * (bowl 8 gD - 0) + 1 * 1) / sqrt (INR T) + 3 * 1 ^ 2 * zsharp_rho ^ 2.
Proof.
  intros HT.
  apply (noisy_nonconvex_rate (bowl_smooth_objective 8) (two_point_fields 8 1));
    [exact zsharp_delta_nonneg | apply bowl_nonneg | exact zsharp_rho_nonneg | exact HT].
Qed.
