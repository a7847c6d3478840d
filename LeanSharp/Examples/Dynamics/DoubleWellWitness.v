(** * LeanSharp.Examples.Dynamics.DoubleWellWitness — ZSharp in a basin of a non-convex double well

    The loss L(w) = Σ_{i<4} (w_i² − 4)²/4 on W 4 (one layer of four), gradient
    G(w)_i = w_i(w_i² − 4) ([dw_gradient]); it has the minimisers (±2, ±2, ±2, ±2) and is NOT
    convex ([dw_not_convex]: at u = (0, 2, 2, 2), v = (2, 2, 2, 2) the convexity inequality
    fails for every μ ≥ 0). Around w* = (2, 2, 2, 2), on the ball of radius R = 0.6 every
    coordinate lies in [1.4, 2.6], where
        G_i(u)(u_i − 2) = u_i(u_i + 2)(u_i − 2)² ≥ 4.76(u_i − 2)²          ([dw_monotone], μ = 4.7)
        |G_i(u) − G_i(v)| = |u_i − v_i|·(u_i² + u_iv_i + v_i² − 4) ≤ 16.28|u_i − v_i|
                                                                    ([dw_lipschitz], Lc = 16.5).
    ZSharp's constants lr 0.01 ≤ μ/Lc² ≈ 0.0173, ρ = 0.05, δ = 1e-12, and the margin
    ρ + 2Lcρ/μ ≈ 0.401 ≤ 0.6. The start w_0 = (1.75, 1.75, 1.75, 2.25) is in the basin
    B(w*, 0.55) (‖w_0 − w*‖ = 0.5); its gradient (−1.640625 ×3, 2.390625) has the shape
    (a, a, a, d), so ZSharp's one-layer mask there is (0, 0, 0, 1) and drops three nonzero
    components ([dw_start_mask_drops]).

    Witness: [double_well_witness] ([Theory.Dynamics.LocalConvergence.zsharp_local_ball]): every ZSharp
    iterate stays in B(w*, 0.55) and ‖w_T − w*‖ ≤ (1 − 0.0235)^T·0.5 + 2·16.5·0.05/4.7. *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth SAM ZSharpDirection.
From LeanSharp.Theory.Dynamics Require Import LocalConvergence.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Filter Require Import OutlierMaskWitness.
Open Scope R_scope.

Definition dw (n : nat) (w : W n) : R := vsum n (fun i => (w i ^ 2 - 4) ^ 2 / 4).
Definition dw_grad (w : nat -> R) : nat -> R := fun i => w i * (w i ^ 2 - 4).
Definition dw_star : nat -> R := fun _ => 2.

Theorem dw_gradient n : is_gradient n (dw n) dw_grad.
Proof.
  intros w d t. unfold dw, dw_grad, inner.
  apply (is_derive_vsum n (fun i s => ((w i + s * d i) ^ 2 - 4) ^ 2 / 4)
                         (fun i s => (w i + s * d i) * ((w i + s * d i) ^ 2 - 4) * d i)).
  intros i _. auto_derive; [exact I | field].
Qed.

Lemma dw_grad_star i : dw_grad dw_star i = 0.
Proof. unfold dw_grad, dw_star. ring. Qed.

(** Not convex: the convexity inequality fails between (0, 2, 2, 2) and (2, 2, 2, 2). *)
Theorem dw_not_convex mu : 0 <= mu -> ~ strongly_convex 4 (dw 4) dw_grad mu.
Proof.
  intros Hmu Hsc. set (u := fun i : nat => if Nat.eqb i 0 then 0 else 2).
  specialize (Hsc u dw_star). unfold dw, dw_grad, dw_star, u, norm2, inner, vsub in Hsc. simpl in Hsc. lra.
Qed.

Lemma coord_le_norm n (v : W n) i : (i < n)%nat -> Rabs (v i) <= norm n v.
Proof.
  intros Hi. rewrite <- sqrt_Rsqr_abs. apply sqrt_le_1_alt. unfold norm2, inner, Rsqr.
  apply (vsum_term_le n (fun j => v j * v j)); [intros; nra | exact Hi].
Qed.

Lemma in_ball_coord n (u : W n) i :
  norm n (vsub u dw_star) <= 0.6 -> (i < n)%nat -> 1.4 <= u i <= 2.6.
Proof.
  intros Hu Hi. pose proof (coord_le_norm n (vsub u dw_star) i Hi) as H.
  change (vsub u dw_star i) with (u i - 2) in H.
  assert (Habs : Rabs (u i - 2) <= 0.6) by lra. unfold Rabs in Habs. destruct (Rcase_abs _); lra.
Qed.

Theorem dw_monotone n (u : W n) :
  norm n (vsub u dw_star) <= 0.6 -> 4.7 * norm2 n (vsub u dw_star) <= inner n (dw_grad u) (vsub u dw_star).
Proof.
  intros Hu. unfold norm2, inner. rewrite <- vsum_scal. apply vsum_le. intros i Hi.
  pose proof (in_ball_coord n u i Hu Hi). unfold dw_grad, vsub, dw_star.
  replace (u i * (u i ^ 2 - 4) * (u i - 2)) with (u i * (u i + 2) * ((u i - 2) * (u i - 2))) by ring.
  assert (0 <= (u i - 1.4) * (u i + 3.4)) by (apply Rmult_le_pos; lra).
  assert (4.7 <= u i * (u i + 2)) by nra. pose proof (Rle_0_sqr (u i - 2)) as Hs. unfold Rsqr in Hs.
  apply Rmult_le_compat_r; [exact Hs | exact H1].
Qed.

Theorem dw_lipschitz n (u v : W n) :
  norm n (vsub u dw_star) <= 0.6 -> norm n (vsub v dw_star) <= 0.6 ->
  norm n (vsub (dw_grad u) (dw_grad v)) <= 16.5 * norm n (vsub u v).
Proof.
  intros Hu Hv. pose proof (norm_nonneg n (vsub u v)).
  apply norm_le_of_norm2_le; [nra|].
  replace (16.5 * norm n (vsub u v) * (16.5 * norm n (vsub u v))) with (16.5 * 16.5 * norm2 n (vsub u v))
    by (rewrite <- norm_sqr; ring).
  unfold norm2, inner. rewrite <- vsum_scal. apply vsum_le. intros i Hi.
  pose proof (in_ball_coord n u i Hu Hi). pose proof (in_ball_coord n v i Hv Hi). unfold dw_grad, vsub.
  set (x := u i) in *. set (y := v i) in *. set (q := x * x + x * y + y * y - 4).
  replace (x * (x ^ 2 - 4) - y * (y ^ 2 - 4)) with ((x - y) * q) by (unfold q; ring).
  assert (0 <= q <= 16.5) by (unfold q; split; nra).
  pose proof (Rle_0_sqr (x - y)) as Hs. unfold Rsqr in Hs.
  replace ((x - y) * q * ((x - y) * q)) with (q * q * ((x - y) * (x - y))) by ring.
  apply Rmult_le_compat_r; [exact Hs | apply Rmult_le_compat; lra].
Qed.

Definition dw_w0 : W 4 := fun i => if Nat.eqb i 3 then 2.25 else 1.75.

Lemma dw_w0_dist : norm 4 (vsub dw_w0 dw_star) = 0.5.
Proof.
  rewrite <- (sqrt_square 0.5) by lra. unfold norm. f_equal.
  unfold norm2, inner, vsub, dw_w0, dw_star. simpl. lra.
Qed.

Lemma dw_start_mask_drops i : (i < 3)%nat -> zsharp_mask1 4 (dw_grad dw_w0) i = 0 /\ dw_grad dw_w0 i <> 0.
Proof.
  intros Hi. apply (outlier_mask_drops (1.75 * (1.75 ^ 2 - 4)) (2.25 * (2.25 ^ 2 - 4)));
    try (unfold dw_grad, dw_w0; simpl; lra); exact Hi.
Qed.

Theorem double_well_witness T :
  norm 4 (vsub (zsharp_iter 4 zsharp_lr zsharp_rho zsharp_delta dw_grad (zsharp_mask1 4) dw_w0 T) dw_star)
    <= 0.6 - zsharp_rho /\
  norm 4 (vsub (zsharp_iter 4 zsharp_lr zsharp_rho zsharp_delta dw_grad (zsharp_mask1 4) dw_w0 T) dw_star)
    <= (1 - zsharp_lr * 4.7 / 2) ^ T * 0.5 + 2 * 16.5 * zsharp_rho / 4.7.
Proof.
  rewrite <- dw_w0_dist.
  apply (zsharp_local_ball dw_grad 4.7 16.5 zsharp_lr zsharp_rho 0.6).
  - apply dw_monotone.
  - apply dw_lipschitz.
  - intros i _. apply dw_grad_star.
  - lra.
  - lra.
  - unfold zsharp_lr. split; [lra|]. apply (Rmult_le_reg_r (16.5 ^ 2)); [lra|].
    replace (4.7 / 16.5 ^ 2 * 16.5 ^ 2) with 4.7 by (field; lra). lra.
  - exact zsharp_rho_nonneg.
  - unfold zsharp_rho. apply (Rle_trans _ (0.05 + 0.36)); [|lra].
    apply Rplus_le_compat_l. apply (Rmult_le_reg_r 4.7); [lra|].
    replace (2 * 16.5 * 0.05 / 4.7 * 4.7) with (2 * 16.5 * 0.05) by (field; lra). lra.
  - exact zsharp_delta_nonneg.
  - rewrite dw_w0_dist. unfold zsharp_rho. lra.
Qed.

(** [local_strongly_convex_monotone] fires on the bowl ½‖w‖² (strongly convex on every ball). *)
Theorem local_monotone_bowl_witness (u : W 4) :
  norm 4 (vsub u vzero) <= 0.6 -> 1 * norm2 4 (vsub u vzero) <= inner 4 (bowl_grad 4 u) (vsub u vzero).
Proof.
  apply (local_strongly_convex_monotone 4 (bowl 4) (bowl_grad 4) 1 0.6 vzero); [lra | apply bowl_grad_zero |].
  intros v w _ _. apply bowl_strongly_convex.
Qed.
