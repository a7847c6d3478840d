(** * LeanSharp.Examples.Dynamics.TrainerWitness — the three trainer loops at ZSharp's constants, on
      a network where the mask drops components

    The problem of [ZSharpMomentumWitness]: the bowl L(w) = ½‖w‖² on W 8 (a_i = 1), two
    layers of 4, start s_0 = (w_0, b, d) = (gD, 0, 0) with gD = (1, 1, 1, 5, 1, −1, 1, −1);
    ZSharp's trainer constants [zsharp_consts] (η 0.01, β 0.9, λ 5e-4, ρ 0.05, δ 1e-12),
    torch's clipping at 1.0 ([clip 8 1]) and ZSharp's network mask (p = 70, ε_std = 1e-8).

    Witnesses
    - [start_mask_drops]: in every loop, iteration 0 filters the clipped gradient and the
      mask drops components 0, 1, 2 (nonzero: gD_i = 1)
    - [as_written_bounded_witness] ([TrainerBounded.trainer_w2_bounded] for the loop as
      written, the carried gradient included): w_{T,i}² ≤ 1.3·(5.01·0.95^T + 2.05)² for
      every i < 8 and every T — bounded, with a radius ≈ 2.3 that does not shrink (the
      clip level 1 enters the kick); [closure_bounded_witness]: the same loop with the
      closure, radius 0.0975 (the ρ-ball of [ZSharpMomentumWitness])
    - [dropped_first_step_witness] ([TrainerBounded.trainer_dropped_coord]): in every loop,
      coordinates 0, 1, 2 take the exact heavy-ball step at iteration 0, and as written the
      carried gradient there is the fresh w_i ([as_written_dropped_carried])
    - [sam_mask_perturbs_coord]: with SAM's mask (all ones) in place of ZSharp's, the
      same iteration perturbs coordinate 0 (ε_0 ≠ 0): the dropped-coordinate statement is
      about ZSharp's mask, false for SAM's *)

From Coq Require Import Reals Lra Lia List FunctionalExtensionality.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask ZSharpRule NetworkMask.
From LeanSharp.Optim Require Import SAM Clipping.
From LeanSharp.Theory.Dynamics Require Import HeavyBall ZSharpMomentum Trainer TrainerBounded.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Dynamics Require Import SmoothWitness HeavyBallWitness ZSharpMomentumWitness.
From LeanSharp.Examples.Filter Require Import NetworkMaskWitness.
Open Scope R_scope.

Definition s0 : trainer_state 8 := trainer_start gD.

Lemma clip1_bounded (g : W 8) : norm 8 (clip 8 1 g) <= 1.
Proof. apply norm_clip_le. lra. Qed.

Lemma net_mask_D_is_mask (g : W 8) : is_mask 8 (zsharp_net_mask sizesD g).
Proof. apply (net_mask_is_mask eps_std default_p sizesD g). Qed.

Lemma first_grad_start src : trainer_first_grad (bowl_grad 8) src s0 = bowl_grad 8 gD.
Proof.
  destruct src; try reflexivity. apply functional_extensionality. intros i.
  unfold trainer_first_grad, s0, trainer_start, vadd, vzero. cbn. ring.
Qed.

Theorem start_mask_drops src i :
  (i < 3)%nat -> zsharp_net_mask sizesD (clip 8 1 (trainer_first_grad (bowl_grad 8) src s0)) i = 0
                 /\ gD i = 1.
Proof.
  intros Hi. rewrite first_grad_start. split; [now apply first_clipped_mask_drops|].
  destruct i as [|[|[|i]]]; reflexivity || lia.
Qed.

(** ** Every loop stays bounded; as written the radius does not shrink *)

Lemma bowl_coord_ball src i T : (i < 8)%nat ->
  hb_norm 0.01 0.9 (1 + 5e-4)
    (coord (trainer_iter zsharp_consts (clip 8 1) (zsharp_net_mask sizesD) (bowl_grad 8) src T s0) i)
  <= sqrt 0.9 ^ T * hb_norm 0.01 0.9 (1 + 5e-4) (gD i, vzero i)
     + trainer_radius zsharp_consts 1 src 1.
Proof.
  intros Hi. pose proof hb_disc_zsharp_unit.
  apply (trainer_coord_ball zsharp_consts (clip 8 1) (zsharp_net_mask sizesD) (bowl_grad 8) (fun _ => 1)).
  - exact bowl_grad_diag.
  - exact net_mask_D_is_mask.
  - exact clip1_bounded.
  - exact zsharp_consts_ok.
  - exact Hi.
  - lra.
  - cbn [tc_lr tc_momentum tc_wd zsharp_consts]. lra.
Qed.

Lemma as_written_radius : 0 <= trainer_radius zsharp_consts 1 as_written 1 <= 2.05.
Proof.
  unfold trainer_radius, kick_bound. cbn [tc_rho tc_lr tc_momentum zsharp_consts].
  rewrite Rabs_R1. apply unit_radius_le; lra.
Qed.

Theorem as_written_bounded_witness i T : (i < 8)%nat ->
  st_w (trainer_iter zsharp_consts (clip 8 1) (zsharp_net_mask sizesD) (bowl_grad 8) as_written T s0) i ^ 2
    <= 1.3 * (5.01 * 0.95 ^ T + 2.05) ^ 2.
Proof.
  intros Hi. exact (unit_w2_le _ _ _ _ T (start_norm_le i Hi) as_written_radius
                      (bowl_coord_ball as_written i T Hi)).
Qed.

Theorem closure_bounded_witness i T : (i < 8)%nat ->
  st_w (trainer_iter zsharp_consts (clip 8 1) (zsharp_net_mask sizesD) (bowl_grad 8) closure T s0) i ^ 2
    <= 1.3 * (5.01 * 0.95 ^ T + 0.0975) ^ 2.
Proof.
  intros Hi.
  assert (Hr : 0 <= trainer_radius zsharp_consts 1 closure 1 <= 0.0975)
    by (unfold trainer_radius, kick_bound; cbn [tc_rho tc_lr tc_momentum zsharp_consts];
        rewrite Rabs_R1; apply unit_radius_le; lra).
  exact (unit_w2_le _ _ _ _ T (start_norm_le i Hi) Hr (bowl_coord_ball closure i T Hi)).
Qed.

(** ** Where ZSharp's mask drops, the step is the exact heavy ball; SAM's mask perturbs *)

Theorem dropped_first_step_witness src i : (i < 3)%nat ->
  coord (trainer_step zsharp_consts (clip 8 1) (zsharp_net_mask sizesD) (bowl_grad 8) src s0) i
    = hb_step 0.01 0.9 5e-4 (fun y => 1 * y) (gD i, 0)
  /\ st_d (trainer_step zsharp_consts (clip 8 1) (zsharp_net_mask sizesD) (bowl_grad 8) as_written s0) i
     = 1 * gD i.
Proof.
  intros Hi. destruct (start_mask_drops src i Hi) as [Hm _].
  destruct (start_mask_drops as_written i Hi) as [Hm' _]. split.
  - apply (trainer_dropped_coord zsharp_consts (clip 8 1) (zsharp_net_mask sizesD) (bowl_grad 8) (fun _ => 1));
      [exact bowl_grad_diag | lia | exact Hm].
  - apply (as_written_dropped_carried zsharp_consts (clip 8 1) (zsharp_net_mask sizesD) (bowl_grad 8) (fun _ => 1));
      [exact bowl_grad_diag | lia | exact Hm'].
Qed.

Definition sam_mask : W 8 -> W 8 := fun _ _ => 1.

Theorem sam_mask_perturbs_coord src :
  trainer_eps zsharp_consts (clip 8 1) sam_mask (bowl_grad 8) src s0 0%nat <> 0.
Proof.
  unfold trainer_eps, sam_eps, vscale, trainer_filtered.
  rewrite first_grad_start. cbn [tc_rho tc_delta zsharp_consts].
  set (f := hadamard (clip 8 1 (bowl_grad 8 gD)) (sam_mask (clip 8 1 (bowl_grad 8 gD)))).
  pose proof (clip_coef_pos 8 1 (bowl_grad 8 gD) ltac:(lra)) as Hk.
  assert (Hf : f 0%nat > 0)
    by (unfold f, hadamard, sam_mask, clip, vscale; change (bowl_grad 8 gD 0%nat) with 1; lra).
  pose proof (norm_nonneg 8 f).
  assert (0 < 0.05 / (norm 8 f + 1e-12)) by (apply Rdiv_lt_0_compat; lra).
  apply Rmult_integral_contrapositive_currified; lra.
Qed.
