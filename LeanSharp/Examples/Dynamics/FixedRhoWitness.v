(** * LeanSharp.Examples.Dynamics.FixedRhoWitness — fixed-ρ SAM and ZSharp on the bowl, at ZSharp's constants

    The bowl L(w) = ½‖w‖² ([Models.bowl], G = id, minimiser 0), lr η = 0.01, ρ = 0.05,
    δ = 1e-12 ([Models.zsharp_lr], [zsharp_rho], [zsharp_delta]).

    SAM (all-ones mask), on W 8:
    - [sam_no_convergence_witness] ([Theory.Dynamics.FixedRhoFloor.sam_bowl_no_convergence]): from
      [NetworkMaskWitness.gD], if w_t → 0 then some w_t is exactly 0 (r₀ = 2.5·10⁻⁴)
    - [sam_escape_witness] ([sam_bowl_escapes]): started at 10⁻⁵·gD (inside the ball), some
      iterate has ‖w_t‖ > 2.5·10⁻⁴
    - [sam_two_close_witness] ([sam_no_two_close_delta0], δ = 0): ‖10⁻⁵·gD‖ < ηρ/(2 − η)
      and the next iterate is outside that radius

    ZSharp's rule on one layer of four ([Optim.ZSharpDirection.zsharp_mask1]: sample-std
    z-scores, ε_std = 1e-8, p = 70), where the mask keeps only the outlier component
    ([OutlierMaskWitness]: on (a, a, a, d), a ≠ d, the mask is (0, 0, 0, 1)):
    - [zsharp_outlier_escapes] ([zsharp_bowl_escapes], K = 2, r₀ = 1.6·10⁻⁴): from
      10⁻⁵·(1, 1, 1, 2) the keep condition ‖w_t‖ ≤ 2‖g_f(w_t)‖ holds while the iterates stay
      in the ball, and some iterate leaves it; the mask drops three nonzero components
      there ([escape_start_mask_drops])
    - [zsharp_outlier_converges]: the keep condition is NECESSARY — from (1, 1, 1, 0) ZSharp's
      mask keeps only the zero component, ε = 0, and w_T = 0.99^T·(1, 1, 1, 0) → 0 without
      ever being 0: with its actual rule, fixed-ρ ZSharp CAN converge to the minimiser
      ([converge_start_mask_drops]: the mask drops the three nonzero components). *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import SAM ZSharpDirection.
From LeanSharp.Theory.Dynamics Require Import FixedRhoFloor.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Filter Require Import NetworkMaskWitness OutlierMaskWitness.
Open Scope R_scope.

Lemma bowl_grad_id n v i : (i < n)%nat -> bowl_grad n v i = v i.
Proof. reflexivity. Qed.

Lemma zsharp_lr_range' : 0 < zsharp_lr < 1.
Proof. unfold zsharp_lr. lra. Qed.

Lemma zsharp_rho_pos : 0 < zsharp_rho.
Proof. unfold zsharp_rho. lra. Qed.

Lemma lt_div_of_mul x y z : 0 < z -> x * z < y -> x < y / z.
Proof. intros Hz H. apply (Rmult_lt_reg_r z); [lra|]. replace (y / z * z) with y by (field; lra). lra. Qed.

(** ηρ/(r₀ + δ) at r₀ = 2.5·10⁻⁴ exceeds 2 − η. *)
Lemma sam_radius_ok : 2 - zsharp_lr < zsharp_lr * zsharp_rho / (2.5e-4 + zsharp_delta).
Proof. unfold zsharp_lr, zsharp_rho, zsharp_delta. apply lt_div_of_mul; lra. Qed.

(** ** SAM *)

Theorem sam_no_convergence_witness :
  (forall e, 0 < e -> exists N, forall t, (N <= t)%nat ->
     norm 8 (zsharp_iter 8 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 8) sam_mask gD t) < e) ->
  exists t, norm 8 (zsharp_iter 8 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 8) sam_mask gD t) = 0.
Proof.
  apply (sam_bowl_no_convergence (bowl_grad 8) zsharp_lr zsharp_rho zsharp_delta) with (r0 := 2.5e-4).
  - exact (bowl_grad_id 8).
  - exact zsharp_lr_range'.
  - exact zsharp_rho_nonneg.
  - exact zsharp_delta_nonneg.
  - lra.
  - exact sam_radius_ok.
Qed.

Definition small_gD : W 8 := vscale 1e-5 gD.

Lemma norm_small_gD : norm 8 small_gD = 1e-5 * sqrt 32.
Proof. unfold small_gD. rewrite norm_scale, norm_gD, Rabs_pos_eq; lra. Qed.

Lemma sqrt_32_bounds : 5.6 < sqrt 32 < 5.7.
Proof. apply sqrt_between; lra. Qed.

Theorem sam_escape_witness :
  exists t, 2.5e-4 < norm 8 (zsharp_iter 8 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 8) sam_mask small_gD t).
Proof.
  (* the model: the bowl on W 8 at ZSharp's η, ρ, δ; then the start and the radius *)
  pose proof (sam_bowl_escapes (bowl_grad 8) zsharp_lr zsharp_rho zsharp_delta (bowl_grad_id 8)
                zsharp_lr_range') as Hesc.
  destruct (Hesc zsharp_rho_nonneg zsharp_delta_nonneg small_gD 0%nat 2.5e-4) as [t [_ Ht]].
  - lra.
  - exact sam_radius_ok.
  - simpl. rewrite norm_small_gD. pose proof sqrt_32_bounds. lra.
  - now exists t.
Qed.

(** δ = 0: the start 10⁻⁵·gD is within ηρ/(2 − η) ≈ 2.51·10⁻⁴, its successor is not. *)
Theorem sam_two_close_witness :
  norm 8 small_gD < zsharp_lr * zsharp_rho / (2 - zsharp_lr) /\
  zsharp_lr * zsharp_rho / (2 - zsharp_lr)
    < norm 8 (zsharp_step 8 zsharp_lr zsharp_rho 0 (bowl_grad 8) (sam_mask (bowl_grad 8 small_gD)) small_gD).
Proof.
  assert (Hw : norm 8 small_gD < zsharp_lr * zsharp_rho / (2 - zsharp_lr)).
  { rewrite norm_small_gD. pose proof sqrt_32_bounds. unfold zsharp_lr, zsharp_rho.
    apply lt_div_of_mul; lra. }
  split; [exact Hw|].
  pose proof (sam_no_two_close_delta0 (bowl_grad 8) zsharp_lr zsharp_rho 0 (bowl_grad_id 8)
                zsharp_lr_range') as Hclose.
  apply (Hclose zsharp_rho_nonneg ltac:(lra)); [reflexivity| |exact Hw].
  rewrite (norm_ext 8 _ small_gD) by (intros i Hi; unfold hadamard, sam_mask, bowl_grad; ring).
  rewrite norm_small_gD. pose proof sqrt_32_bounds. lra.
Qed.

(** ** ZSharp's one-layer rule: the step on (a, a, a, d) *)

Section OutlierStep.

Variables (eta rho delta a d : R) (w : W 4).
Hypotheses (Hd : 0 <= delta) (Had : a <> d)
           (Hw0 : w 0%nat = a) (Hw1 : w 1%nat = a) (Hw2 : w 2%nat = a) (Hw3 : w 3%nat = d).

Let m := zsharp_mask1 4 (bowl_grad 4 w).
Let wp := zsharp_step 4 eta rho delta (bowl_grad 4) m w.

Lemma outlier_m i : (i < 4)%nat -> m i = if Nat.eqb i 3 then 1 else 0.
Proof. intros Hi. unfold m, bowl_grad. now apply (outlier_zsharp_mask a d). Qed.

Lemma outlier_gf_norm : norm 4 (hadamard (bowl_grad 4 w) m) = Rabs d.
Proof.
  unfold norm, norm2, inner, hadamard, bowl_grad. simpl vsum.
  rewrite !outlier_m by lia. simpl. rewrite Hw3. rewrite <- sqrt_Rsqr_abs. f_equal. unfold Rsqr. ring.
Qed.

Lemma outlier_step_a i : (i < 3)%nat -> wp i = (1 - eta) * a.
Proof.
  intros Hi. unfold wp, zsharp_step, sam_step, zsharp_eps, sam_eps, vsub, vscale, vadd, hadamard, bowl_grad.
  rewrite outlier_m by lia. destruct i as [|[|[|i]]]; try lia; simpl;
    [rewrite Hw0 | rewrite Hw1 | rewrite Hw2]; ring.
Qed.

Lemma outlier_step_d : wp 3%nat = (1 - eta - eta * rho / (Rabs d + delta)) * d.
Proof.
  unfold wp, zsharp_step, sam_step, zsharp_eps, sam_eps. rewrite outlier_gf_norm.
  unfold vsub, vscale, vadd, hadamard, bowl_grad. rewrite outlier_m by lia. simpl. rewrite Hw3. unfold Rdiv. ring.
Qed.

Lemma outlier_norm : norm 4 w = sqrt (3 * a ^ 2 + d ^ 2).
Proof. unfold norm, norm2, inner. simpl vsum. rewrite Hw0, Hw1, Hw2, Hw3. f_equal. ring. Qed.

End OutlierStep.

Lemma abs_sq x : Rabs x * Rabs x = x * x.
Proof. rewrite <- Rabs_mult. apply Rabs_pos_eq. nra. Qed.

Lemma le_div_of_mul x y z : 0 < z -> x * z <= y -> x <= y / z.
Proof. intros Hz H. apply (Rmult_le_reg_r z); [lra|]. replace (y / z * z) with y by (field; lra). lra. Qed.

(** ** ZSharp converges when its mask keeps only a zero component *)

Definition conv_w0 : W 4 := fun i => if Nat.eqb i 3 then 0 else 1.

Definition conv_iter (T : nat) : W 4 :=
  zsharp_iter 4 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 4) (zsharp_mask1 4) conv_w0 T.

Lemma conv_iter_values T i : (i < 4)%nat -> conv_iter T i = 0.99 ^ T * conv_w0 i.
Proof.
  revert i. induction T as [|T IH]; intros i Hi; [unfold conv_iter; simpl; ring|].
  assert (Ha : 0 < 0.99 ^ T) by (apply pow_lt; lra).
  assert (Had : 0.99 ^ T <> 0) by lra.
  unfold conv_iter. cbn [zsharp_iter]. fold (conv_iter T).
  destruct i as [|[|[|[|i]]]]; try lia;
    first [ rewrite (outlier_step_a _ _ _ (0.99 ^ T) 0) by (lia || assumption || (rewrite IH by lia; unfold conv_w0; simpl; ring))
          | rewrite (outlier_step_d _ _ _ (0.99 ^ T) 0) by (assumption || (rewrite IH by lia; unfold conv_w0; simpl; ring)) ];
    unfold conv_w0, zsharp_lr; simpl; first [ring | lra | field].
Qed.

Lemma conv_iter_norm T : norm 4 (conv_iter T) = sqrt (3 * (0.99 ^ T) ^ 2 + 0 ^ 2).
Proof.
  apply (outlier_norm (0.99 ^ T) 0); rewrite conv_iter_values by lia; unfold conv_w0; simpl; ring.
Qed.

(** From (1, 1, 1, 0): w_T = 0.99^T·(1, 1, 1, 0), never 0, and w_T → 0. *)
Theorem zsharp_outlier_converges :
  (forall T i, (i < 4)%nat -> conv_iter T i = 0.99 ^ T * conv_w0 i) /\
  (forall T, 0 < norm 4 (conv_iter T)) /\
  (forall e, 0 < e -> exists N, forall t, (N <= t)%nat -> norm 4 (conv_iter t) < e).
Proof.
  split; [exact conv_iter_values|]. split.
  - intros T. rewrite conv_iter_norm. apply sqrt_lt_R0. pose proof (pow_lt 0.99 T ltac:(lra)). nra.
  - intros e He. destruct (pow_lt_1_zero 0.99 ltac:(rewrite Rabs_pos_eq; lra) (e / 2) ltac:(lra)) as [N HN].
    exists N. intros t Ht. specialize (HN t Ht). rewrite Rabs_pos_eq in HN by (apply pow_le; lra).
    pose proof (pow_lt 0.99 t ltac:(lra)). rewrite conv_iter_norm.
    apply Rle_lt_trans with (sqrt ((2 * 0.99 ^ t) * (2 * 0.99 ^ t))); [apply sqrt_le_1_alt; nra|].
    rewrite sqrt_square by lra. lra.
Qed.

Corollary converge_start_mask_drops i : (i < 3)%nat -> zsharp_mask1 4 conv_w0 i = 0 /\ conv_w0 i <> 0.
Proof.
  intros Hi. apply (outlier_mask_drops 1 0); try lra; try reflexivity; exact Hi.
Qed.

(** ** ZSharp leaves the small ball when its mask keeps the outlier *)

Definition esc_w0 : W 4 := fun i => if Nat.eqb i 3 then 2e-5 else 1e-5.

Definition esc_iter (T : nat) : W 4 :=
  zsharp_iter 4 zsharp_lr zsharp_rho zsharp_delta (bowl_grad 4) (zsharp_mask1 4) esc_w0 T.

Lemma esc_coef_ok x : 0 <= x <= 1.6e-4 -> 3.12 <= zsharp_lr * zsharp_rho / (x + zsharp_delta).
Proof. intros Hx. unfold zsharp_lr, zsharp_rho, zsharp_delta. apply le_div_of_mul; lra. Qed.

(** While the iterates stay in the ball of radius 1.6·10⁻⁴ they have the shape (a, a, a, d),
    a > 0, |d| ≥ 2a. *)
Lemma esc_invariant t :
  (forall s, (s < t)%nat -> norm 4 (esc_iter s) <= 1.6e-4) ->
  exists a d, 0 < a /\ 2 * a <= Rabs d /\
    esc_iter t 0%nat = a /\ esc_iter t 1%nat = a /\ esc_iter t 2%nat = a /\ esc_iter t 3%nat = d.
Proof.
  induction t as [|t IH]; intros Hin.
  - exists 1e-5, 2e-5. rewrite (Rabs_pos_eq 2e-5) by lra. repeat split; try lra; reflexivity.
  - destruct IH as [a [d [Ha [Hd [H0 [H1 [H2 H3]]]]]]]; [intros s Hs; apply Hin; lia|].
    assert (Had : a <> d) by (intros ->; rewrite Rabs_pos_eq in Hd; lra).
    pose proof (Hin t ltac:(lia)) as Hn. rewrite (outlier_norm a d) in Hn by assumption.
    assert (Hdn : Rabs d <= 1.6e-4).
    { eapply Rle_trans; [|exact Hn]. rewrite <- sqrt_Rsqr_abs. apply sqrt_le_1_alt. unfold Rsqr. nra. }
    pose proof (esc_coef_ok (Rabs d) (conj (Rabs_pos d) Hdn)) as Hc.
    exists ((1 - zsharp_lr) * a), ((1 - zsharp_lr - zsharp_lr * zsharp_rho / (Rabs d + zsharp_delta)) * d).
    unfold esc_iter. cbn [zsharp_iter]. fold (esc_iter t).
    rewrite !(outlier_step_a _ _ _ a d), (outlier_step_d _ _ _ a d) by (assumption || lia).
    unfold zsharp_lr in *. repeat split; try lra.
    rewrite Rabs_mult, (Rabs_left (1 - 0.01 - _)) by lra. nra.
Qed.

Theorem zsharp_outlier_escapes :
  norm 4 esc_w0 < 1.6e-4 /\ exists t, 1.6e-4 < norm 4 (esc_iter t).
Proof.
  assert (Hn0 : norm 4 esc_w0 = sqrt (3 * 1e-5 ^ 2 + 2e-5 ^ 2)) by (apply (outlier_norm 1e-5 2e-5); reflexivity).
  split.
  - rewrite Hn0. rewrite <- (sqrt_square 1.6e-4) by lra. apply sqrt_lt_1_alt. split; [nra | lra].
  - pose proof (zsharp_bowl_escapes (bowl_grad 4) zsharp_lr zsharp_rho zsharp_delta (bowl_grad_id 4)
                  zsharp_lr_range') as Hesc.
    destruct (Hesc zsharp_rho_nonneg zsharp_delta_nonneg (zsharp_mask1 4) esc_w0 0%nat 1.6e-4 2)
      as [t [_ Ht]].
    + apply zsharp_mask1_is_mask.
    + lra.
    + lra.
    + pose proof (esc_coef_ok 1.6e-4 ltac:(lra)). unfold zsharp_lr in *. lra.
    + intros t _ Hin. fold (esc_iter t).
      destruct (esc_invariant t) as [a [d [Ha [Hd [H0 [H1 [H2 H3]]]]]]]; [intros s Hs; apply Hin; lia|].
      assert (Had : a <> d) by (intros ->; rewrite Rabs_pos_eq in Hd; lra).
      rewrite (outlier_norm a d), (outlier_gf_norm a d) by assumption.
      rewrite <- (sqrt_square (2 * Rabs d)) by (pose proof (Rabs_pos d); lra).
      apply sqrt_le_1_alt. pose proof (abs_sq d). nra.
    + simpl. rewrite Hn0. apply sqrt_lt_R0. lra.
    + now exists t.
Qed.

Corollary escape_start_mask_drops i : (i < 3)%nat -> zsharp_mask1 4 esc_w0 i = 0 /\ esc_w0 i <> 0.
Proof.
  intros Hi. apply (outlier_mask_drops 1e-5 2e-5); try lra; try reflexivity; exact Hi.
Qed.
