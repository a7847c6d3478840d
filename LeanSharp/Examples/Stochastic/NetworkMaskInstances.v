(** * LeanSharp.Examples.Stochastic.NetworkMaskInstances — the "any 0/1 mask" theorems at a point where ZSharp filters

    The library's mask and SAM theorems hold for every 0/1 mask; here each is applied to
    ZSharp's network-wide mask ([Filter.NetworkMask.zsharp_net_mask], p = 70, ε_std = 1e-8)
    at [NetworkMaskWitness.gD] ∈ W 8 = two layers of 4, where the mask is
    (0, 0, 0, 1, 1, 1, 1, 1) and drops three nonzero components — so none of these
    witnesses is plain SAM in disguise. Constants: η = 0.01, ρ = 0.05, δ = 1e-12.

    - [contraction_net_witness]: ‖g ⊙ m‖ < ‖g‖ strictly ([PACBayesZSharp.norm_filtered_lt])
    - [perturbation_net_witness]: ‖ε‖ = ‖ρ g_f/(‖g_f‖ + δ)‖ ≤ ρ
    - [descent_direction_net_witness]: ⟨g, g ⊙ m⟩ = ‖g ⊙ m‖²
    - [bowl_aligned_net_witness]: on the bowl, the ZSharp direction at gD is
      (1, 1 + ρ/‖gD‖)-aligned ([QuadraticBowl.bowl_zsharp_aligned])
    - [bowl_converges_net_witness]: ‖w_T‖ ≤ 0.99^T ‖gD‖ + 0.05 ([bowl_zsharp_converges])
    - [illcond_net_witness]: L = ½Σλ_i w_i², λ = (1, 1, 1, 1, 10, 10, 10, 10), started at
      w_0 = gD/λ (so ∇L(w_0) = gD): ‖w_T‖ ≤ 0.99^T ‖w_0‖ + 0.5 ([illcond_zsharp_converges])
    - [nonconvex_net_witness]: on the bowl, the ZSharp trajectory with η = 1/√T has some
      t < T with ‖∇L(w_t)‖² ≤ 2L(gD)/√T + ρ² ([NonConvexRate.zsharp_traj_rate]) *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask NetworkMask.
From LeanSharp.Optim Require Import Smooth SAM ZSharpDirection.
From LeanSharp.Theory.Alignment Require Import Alignment.
From LeanSharp.Theory.Dynamics Require Import NonConvexRate.
From LeanSharp.Theory.Generalization Require Import PACBayesZSharp.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Dynamics Require Import SmoothWitness QuadraticBowl IllConditioned.
From LeanSharp.Examples.Filter Require Import NetworkMaskWitness.
From LeanSharp.Examples.Stochastic Require Import NetworkDynamicsWitness.
Import ListNotations.
Open Scope R_scope.

Definition mD : W 8 := zsharp_net_mask sizesD gD.

Lemma mD_is_mask : is_mask 8 mD.
Proof. exact (net_mask_is_mask _ _ sizesD gD). Qed.

Lemma norm_gD_pos : 0 < norm 8 gD.
Proof. rewrite norm_gD. apply sqrt_lt_R0. lra. Qed.

Theorem contraction_net_witness : norm 8 (hadamard gD mD) < norm 8 gD.
Proof.
  destruct (drop_mask_drops 0 ltac:(lia)) as [Hm Hg].
  apply norm_filtered_lt with (j := 0%nat); [exact mD_is_mask | lia | exact Hm | exact Hg].
Qed.

Theorem perturbation_net_witness : norm 8 (zsharp_eps 8 zsharp_rho zsharp_delta gD mD) <= zsharp_rho.
Proof. apply zsharp_eps_norm_le; [exact zsharp_rho_nonneg | exact zsharp_delta_nonneg]. Qed.

Theorem descent_direction_net_witness : inner 8 gD (hadamard gD mD) = norm2 8 (hadamard gD mD).
Proof. exact (inner_filtered 8 gD mD mD_is_mask). Qed.

Theorem bowl_aligned_net_witness :
  aligned 8 (zsharp_dir 8 zsharp_rho zsharp_delta (bowl_grad 8) mD gD) gD vzero 1 (1 + zsharp_rho / norm 8 gD).
Proof.
  exact (bowl_zsharp_aligned 8 zsharp_rho zsharp_delta zsharp_rho_nonneg zsharp_delta_nonneg
           mD gD (norm 8 gD) mD_is_mask norm_gD_pos (Rle_refl _)).
Qed.

Theorem bowl_converges_net_witness T :
  norm 8 (zsharp_iter 8 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 8) (zsharp_net_mask sizesD) gD T)
  <= (1 - zsharp_lr) ^ T * norm 8 gD + zsharp_rho.
Proof.
  set (w := zsharp_iter 8 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 8) (zsharp_net_mask sizesD) gD).
  apply (bowl_zsharp_converges 8 zsharp_rho zsharp_delta zsharp_rho_nonneg zsharp_delta_nonneg w
           (fun t => zsharp_net_mask sizesD (bowl_grad 8 (w t)))); [intros; reflexivity|].
  unfold zsharp_lr. lra.
Qed.

(** The ill-conditioned quadratic λ = (1, 1, 1, 1, 10, 10, 10, 10) from w_0 = gD/λ. *)
Definition lamD : W 8 := fun i => if Nat.ltb i 4 then 1 else 10.
Definition illD_w0 : W 8 := fun i => gD i / lamD i.

Lemma illD_grad_w0 i : (i < 8)%nat -> quad_diag_grad lamD illD_w0 i = gD i.
Proof.
  intros Hi. unfold quad_diag_grad, illD_w0, lamD.
  destruct (Nat.ltb i 4); field.
Qed.

Lemma lamD_bounds i : (i < 8)%nat -> 1 <= lamD i <= 10.
Proof. intros _. unfold lamD. destruct (Nat.ltb i 4); lra. Qed.

Theorem illcond_net_witness T :
  norm 8 (zsharp_iter 8 zsharp_lr zsharp_rho zsharp_delta (quad_diag_grad lamD) (zsharp_net_mask sizesD) illD_w0 T)
  <= (1 - zsharp_lr * 1) ^ T * norm 8 illD_w0 + 10 * zsharp_rho / 1.
Proof.
  set (w := zsharp_iter 8 zsharp_lr zsharp_rho zsharp_delta (quad_diag_grad lamD) (zsharp_net_mask sizesD) illD_w0).
  apply (illcond_zsharp_converges 8 lamD 1 10 zsharp_rho zsharp_delta ltac:(lra) ltac:(lra) lamD_bounds
           zsharp_rho_nonneg zsharp_delta_nonneg w (fun t => zsharp_net_mask sizesD (quad_diag_grad lamD (w t))));
    [intros; reflexivity | unfold zsharp_lr; lra | unfold zsharp_lr; lra].
Qed.

Theorem nonconvex_net_witness T : (0 < T)%nat ->
  let w := sam_traj 8 (1 / (1 * sqrt (INR T))) (bowl_grad 8)
             (fun v => zsharp_eps 8 zsharp_rho zsharp_delta (bowl_grad 8 v) (zsharp_net_mask sizesD (bowl_grad 8 v))) gD in
  exists t, (t < T)%nat /\ norm2 8 (bowl_grad 8 (w t)) <= 2 * 1 * (bowl 8 gD - 0) / sqrt (INR T) + 1 ^ 2 * zsharp_rho ^ 2.
Proof.
  intros HT.
  apply (zsharp_traj_rate (bowl_smooth_objective 8) zsharp_rho zsharp_delta 0
           (fun v => zsharp_net_mask sizesD (bowl_grad 8 v)));
    [exact HT | exact zsharp_rho_nonneg | exact zsharp_delta_nonneg | apply bowl_nonneg].
Qed.
