(** * LeanSharp.Examples.Dynamics.UpdateStabilityWitness — stability of ZSharp's update at its constants

    The bowl L(w) = ½‖w‖² on W 8 (two layers of 4, Lc = μ = 1, w* = 0), ZSharp's network
    rule [zsharp_net_mask sizesD] (p = 70, ε_std = 1e-8), lr η = 0.01, ρ = 0.05, δ = 1e-12.
    The two points are w = [NetworkMaskWitness.gD] and v = 1.1·gD: by
    [ZSharpMomentumWitness.net_mask_scale] the mask of 1.1·gD is that of gD computed with
    ε_std/1.1, and [NetworkMaskWitness.drop_mask_values] holds for every ε > 0, so both
    masks are (0, 0, 0, 1, 1, 1, 1, 1) — they agree and they drop three nonzero
    components ([drop_mask_drops]); ‖g_f(gD)‖ = √29.

    Witnesses
    - [stable_witness] ([Theory.Dynamics.UpdateStability.zsharp_step_stable]):
          ‖w⁺ − v⁺‖ ≤ (1 + 0.01·(1 + 2·0.05/(√29 + 10⁻¹²)))·‖gD − 1.1·gD‖
    - [stable_any_masks_witness] ([zsharp_step_stable_any_masks]): ≤ 1.01·‖w − v‖ + 0.001
    - [ball_invariant_witness] ([perturbed_ball_invariant]) at gD with R = √32
    - [stays_in_ball_witness] ([zsharp_iter_stays_in_ball]): from gD, every iterate has
      ‖w_T‖ ≤ max(√32, 0.1) and ‖w_T − gD‖ ≤ √32 + max(√32, 0.1) *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask ZSharpRule NetworkMask.
From LeanSharp.Optim Require Import Smooth SAM ZSharpDirection.
From LeanSharp.Theory.Dynamics Require Import UpdateStability.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Filter Require Import NetworkMaskWitness.
From LeanSharp.Examples.Dynamics Require Import ZSharpMomentumWitness.
Open Scope R_scope.

Definition vD : W 8 := vscale 1.1 gD.

Definition mD' : W 8 := zsharp_net_mask sizesD (bowl_grad 8 gD).
Definition mV : W 8 := zsharp_net_mask sizesD (bowl_grad 8 vD).

Lemma mV_values i : (i < 8)%nat -> mV i = if Nat.ltb i 3 then 0 else 1.
Proof.
  intros Hi. pose proof eps_std_pos. unfold mV, vD, zsharp_net_mask, default_p, bowl_grad.
  rewrite net_mask_scale by lra. apply drop_mask_values; [apply Rdiv_lt_0_compat; lra | exact Hi].
Qed.

Lemma mD'_values i : (i < 8)%nat -> mD' i = if Nat.ltb i 3 then 0 else 1.
Proof.
  intros Hi. unfold mD', zsharp_net_mask, default_p, bowl_grad. apply drop_mask_values; [apply eps_std_pos | exact Hi].
Qed.

Lemma masks_agree i : (i < 8)%nat -> mD' i = mV i.
Proof. intros Hi. now rewrite mD'_values, mV_values. Qed.

Lemma norm_filtered_gD : norm 8 (hadamard (bowl_grad 8 gD) mD') = sqrt 29.
Proof.
  unfold norm. f_equal. unfold norm2, inner, hadamard, bowl_grad. simpl vsum.
  rewrite !mD'_values by lia. unfold gD. simpl. ring.
Qed.

Lemma sqrt_29_pos : 0 < sqrt 29.
Proof. apply sqrt_lt_R0. lra. Qed.

(** Where the masks agree: the Lipschitz bound with constant 1 + η(1 + 2ρ/(√29 + δ)). *)
Theorem stable_witness :
  norm 8 (vsub (zsharp_step 8 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 8) mD' gD)
               (zsharp_step 8 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 8) mV vD))
  <= (1 + zsharp_lr * 1 * (1 + 2 * zsharp_rho * 1 / (sqrt 29 + zsharp_delta))) * norm 8 (vsub gD vD).
Proof.
  rewrite <- norm_filtered_gD at 1.
  apply (zsharp_step_stable (bowl_grad 8) 1 zsharp_lr zsharp_rho zsharp_delta (bowl_smooth 8)).
  - lra.
  - unfold zsharp_lr. lra.
  - exact zsharp_rho_nonneg.
  - exact zsharp_delta_nonneg.
  - exact (net_mask_is_mask eps_std default_p sizesD (bowl_grad 8 gD)).
  - exact masks_agree.
  - rewrite norm_filtered_gD. pose proof sqrt_29_pos. unfold zsharp_delta. lra.
Qed.

Theorem stable_any_masks_witness :
  norm 8 (vsub (zsharp_step 8 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 8) mD' gD)
               (zsharp_step 8 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 8) mV vD))
  <= (1 + zsharp_lr * 1) * norm 8 (vsub gD vD) + 2 * zsharp_lr * 1 * zsharp_rho.
Proof.
  apply (zsharp_step_stable_any_masks (bowl_grad 8) 1 zsharp_lr zsharp_rho zsharp_delta (bowl_smooth 8)).
  - lra.
  - unfold zsharp_lr. lra.
  - exact zsharp_rho_nonneg.
  - exact zsharp_delta_nonneg.
Qed.

Lemma sqrt_32_ge : 0.1 <= sqrt 32.
Proof. rewrite <- (sqrt_square 0.1) by lra. apply sqrt_le_1_alt. lra. Qed.

Lemma norm_gD_vzero : norm 8 (vsub gD vzero) = sqrt 32.
Proof. rewrite (norm_ext 8 _ gD) by (intros; unfold vsub, vzero; ring). apply norm_gD. Qed.

Theorem ball_invariant_witness :
  norm 8 (vsub (sam_step 8 zsharp_lr (bowl_grad 8) gD (zsharp_eps 8 zsharp_rho zsharp_delta (bowl_grad 8 gD) mD')) vzero)
  <= sqrt 32.
Proof.
  apply (perturbed_ball_invariant (bowl_objective 8) zsharp_lr zsharp_rho zsharp_lr_range); bowl_fields.
  - pose proof sqrt_32_ge. unfold zsharp_rho. lra.
  - rewrite norm_gD_vzero. lra.
  - apply zsharp_eps_norm_le; [exact zsharp_rho_nonneg | exact zsharp_delta_nonneg].
Qed.

Theorem stays_in_ball_witness T :
  norm 8 (vsub (zsharp_iter 8 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 8) (zsharp_net_mask sizesD) gD T) vzero)
    <= Rmax (sqrt 32) (2 * 1 * zsharp_rho / 1) /\
  norm 8 (vsub (zsharp_iter 8 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 8) (zsharp_net_mask sizesD) gD T) gD)
    <= sqrt 32 + Rmax (sqrt 32) (2 * 1 * zsharp_rho / 1).
Proof.
  rewrite <- norm_gD_vzero.
  apply (zsharp_iter_stays_in_ball (bowl_objective 8) zsharp_lr zsharp_rho zsharp_lr_range zsharp_rho_nonneg).
  exact zsharp_delta_nonneg.
Qed.
