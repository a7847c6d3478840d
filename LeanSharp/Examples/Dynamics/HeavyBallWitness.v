(** * LeanSharp.Examples.Dynamics.HeavyBallWitness — ZSharp's base optimizer on concrete instances

    Witnesses for Core/Clipping.v and Theory/Dynamics/HeavyBall.v at ZSharp's constants
    (clip norm c = 1, lr η = 0.01, momentum β = 0.9, weight decay λ = 5e-4).

    Clipping, on g = (3, 4) (‖g‖ = 5, [SmoothWitness.g34]) with c = 1
    - [clip_coef_g34]: κ = 1/(5 + 1e-6);  [clip_g34_changes]: (clip g)₀ ≠ g₀;
      [norm_clip_g34_le]: ‖clip g‖ ≤ 1;  [zsharp_eps_clipped_witness]: ‖ε‖ ≤ ρ
    - [clipped_descent_bowl_witness]: on the bowl ½‖w‖² (1-smooth) at η = 0.01, for every
      c ≥ 0 and w: bowl(w − 0.01·clip w) ≤ bowl(w) − 0.005·κ·‖w‖²;
      [clipped_descent_g34_strict]: at w = (3, 4), c = 1 the bowl strictly decreases

    Heavy ball, curvature a = 1 so h = a + λ = 1.0005
    - [hb_disc_zsharp_unit]: D = 4β − (1 + β − ηh)² > 0.0279 (the theorem fires)
    - [hb_scalar_witness]: w₀ = 1, b₀ = 0: w_T² ≤ 1.3 · 0.9^T for every T
    - [sgd_momentum_n8_witness]: n = 8, a = 1, w₀ = (1, …, 1), b₀ = 0:
      ‖w_T‖² ≤ 10.4 · 0.9^T for every T
    - [hb_step1_value]: the first scalar step is w₁ = 1 − 0.01·1.0005 = 0.989995 *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth SAM Clipping.
From LeanSharp.Theory.Dynamics Require Import HeavyBall.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Dynamics Require Import SmoothWitness.
Open Scope R_scope.

(** ** Clipping g = (3, 4) to norm 1 *)

Lemma clip_coef_g34 : clip_coef 2 1 g34 = 1 / (5 + 1e-6).
Proof.
  unfold clip_coef, clip_eps. rewrite norm_g34. apply Rmin_right.
  apply (Rmult_le_reg_r (5 + 1e-6)); [lra|]. field_simplify; lra.
Qed.

Example clip_g34_changes : clip 2 1 g34 0%nat <> g34 0%nat.
Proof.
  unfold clip, vscale. rewrite clip_coef_g34. simpl.
  intros H. field_simplify in H; lra.
Qed.

Example norm_clip_g34_le : norm 2 (clip 2 1 g34) <= 1.
Proof. apply norm_clip_le. lra. Qed.

Example zsharp_eps_clipped_witness :
  norm 2 (zsharp_eps 2 (1 / 10) 1e-12 (clip 2 1 g34) m10) <= 1 / 10.
Proof. apply zsharp_eps_clipped_norm_le; lra. Qed.

Example clipped_descent_bowl_witness n c (w : W n) :
  0 <= c ->
  bowl n (vsub w (vscale 0.01 (clip n c w)))
    <= bowl n w - 0.01 / 2 * clip_coef n c w * norm2 n w.
Proof.
  intros Hc.
  apply (clipped_descent (bowl_smooth_objective n)); [bowl_fields; lra | exact Hc].
Qed.

Example clipped_descent_g34_strict :
  bowl 2 (vsub g34 (vscale 0.01 (clip 2 1 g34))) < bowl 2 g34.
Proof.
  pose proof (clipped_descent_bowl_witness 2 1 g34 ltac:(lra)) as H.
  rewrite clip_coef_g34 in H.
  assert (norm2 2 g34 = 25) as E by (unfold norm2, inner, g34; simpl; ring).
  rewrite E in H. assert (0 < 0.01 / 2 * (1 / (5 + 1e-6)) * 25); [|lra].
  apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat|]; lra.
Qed.

(** ** Heavy ball at lr 0.01, momentum 0.9, weight decay 5e-4, curvature 1 *)

Lemma hb_disc_zsharp_unit : 0.0279 < hb_disc 0.01 0.9 (1 + 5e-4).
Proof. unfold hb_disc. lra. Qed.

Example hb_scalar_witness T :
  fst (hb_iter 0.01 0.9 5e-4 (fun y => 1 * y) T (1, 0)) ^ 2 <= 1.3 * 0.9 ^ T.
Proof.
  pose proof hb_disc_zsharp_unit as HD.
  assert (H := hb_iter_w2_le_start 0.01 0.9 5e-4 1). specialize (H ltac:(lra) ltac:(lra) T 1).
  rewrite pow1, Rmult_1_r in H.
  eapply Rle_trans; [exact H|]. pose proof (pow_le 0.9 T ltac:(lra)).
  apply Rmult_le_compat_r; [lra|].
  unfold Rdiv. apply (Rmult_le_reg_r (hb_disc 0.01 0.9 (1 + 5e-4))); [lra|].
  rewrite Rmult_assoc, Rinv_l by lra. lra.
Qed.

Example sgd_momentum_n8_witness T :
  norm2 8 (fst (sgd_momentum_iter 8 0.01 0.9 5e-4 (quad_diag_grad (fun _ => 1)) T
                  (fun _ => 1, vzero)))
    <= 10.4 * 0.9 ^ T.
Proof.
  pose proof hb_disc_zsharp_unit as HD.
  assert (H := sgd_momentum_quad_diag_rate 8 0.01 0.9 5e-4 (fun _ => 1) (1 + 5e-4)).
  specialize (H (hb_disc 0.01 0.9 (1 + 5e-4)) T (fun _ => 1) ltac:(lra) ltac:(lra) ltac:(lra)
                ltac:(intros; lra)).
  assert (norm2 8 (fun _ => 1) = 8) as E by (unfold norm2, inner; simpl; ring).
  rewrite E in H. eapply Rle_trans; [exact H|]. pose proof (pow_le 0.9 T ltac:(lra)).
  replace (10.4 * 0.9 ^ T) with (10.4 / 8 * 0.9 ^ T * 8) by field.
  apply Rmult_le_compat_r; [lra|]. apply Rmult_le_compat_r; [lra|].
  unfold Rdiv. rewrite (Rmult_comm 10.4).
  apply (Rmult_le_reg_r (hb_disc 0.01 0.9 (1 + 5e-4))); [lra|].
  rewrite Rmult_assoc, Rinv_l by lra. lra.
Qed.

Example hb_step1_value : fst (hb_iter 0.01 0.9 5e-4 (fun y => 1 * y) 1 (1, 0)) = 0.989995.
Proof. simpl. lra. Qed.
