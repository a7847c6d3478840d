(** * LeanSharp.Examples.Dynamics.ZSharpMomentumWitness — the closure-use training loop at ZSharp's constants

    The problem: the bowl L(w) = ½‖w‖² on W 8 ([SmoothWitness.bowl], ∇L = id, μ = Lc = 1,
    w* = 0), split into two layers of 4, started at w_0 = [NetworkMaskWitness.gD] =
    (1, 1, 1, 5, 1, −1, 1, −1) (‖w_0‖ = √32), momentum buffer b_0 = 0 (torch). ZSharp's
    constants: clip norm c = 1, lr η = 0.01, momentum β = 0.9, weight decay λ = 5e-4,
    ρ = 0.05, δ = 1e-12, mask = ZSharp's network rule [zsharp_net_mask sizesD]
    (p = 70, ε_std = 1e-8), computed from the CLIPPED gradient as the trainer does.

    Witnesses
    - [net_mask_scale]: for k > 0, ε > 0, the network mask of k·g is the mask of g computed
      with ε/k in place of ε (all layers scaled alike, as clip_grad_norm_ does);
      [first_clipped_mask_drops]: at w_0 the gradient is clipped (‖gD‖ = √32 > 1,
      [first_step_clips]) and the mask of the clipped gradient still drops components
      0, 1, 2, which are nonzero ([first_clipped_filter_changes]: g ⊙ m ≠ g) — the
      first perturbation really is filtered
    - [clipped_ball_witness] ([Theory.Dynamics.ZSharpMomentum.zsharp_clipped_iter_ball]), plain
      base optimizer:  ‖w_T‖ ≤ 0.995^T·√32 + 0.1
    - [momentum_ball_witness] ([zsharp_momentum_ball]), the closure-use loop (gradient
      zeroed before each backward; not upstream's trainer as written, which carries the
      gradient and stays at distance ≈ 0.26: [TrainerWitness]) with momentum and weight
      decay, every coordinate i < 8:
          w_{T,i}² ≤ 1.3·(5.01·0.95^T + 0.0975)²
      (the theorem's √β^T √Q(x_0) + |a_i|ρ√η/(1 − √β), with h = 1.0005, D > 0.0279
      [HeavyBallWitness.hb_disc_zsharp_unit], √0.9 ≤ 0.95);
      [momentum_norm_witness]: ‖w_T‖² ≤ 10.4·(5.01·0.95^T + 0.0975)²: geometric
      convergence to a ball of radius ≈ 0.11 per coordinate. *)

From Coq Require Import Reals Lra Lia List FunctionalExtensionality.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask ZSharpRule NetworkMask.
From LeanSharp.Optim Require Import Smooth SAM Clipping.
From LeanSharp.Theory.Dynamics Require Import HeavyBall ZSharpMomentum.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Dynamics Require Import SmoothWitness HeavyBallWitness.
From LeanSharp.Examples.Filter Require Import NetworkMaskWitness.
Import ListNotations.
Open Scope R_scope.

(** ** The network mask of a scaled gradient *)

Lemma absz_scale eps n k (g : W n) :
  0 < eps -> 0 < k -> absz eps n (vscale k g) = absz (eps / k) n g.
Proof.
  intros He Hk. apply functional_extensionality. intros i. unfold absz.
  now rewrite zscore_scale.
Qed.

Definition scale_layers (k : R) (Ls : list layer) : list layer :=
  map (fun L : layer => (fst L, vscale k (snd L))) Ls.

Lemma split_layers_scale sizes k g :
  split_layers sizes (vscale k g) = scale_layers k (split_layers sizes g).
Proof.
  revert g. induction sizes as [|m r IH]; intros g; [reflexivity|].
  simpl. f_equal. exact (IH (shift m g)).
Qed.

Lemma all_absz_scale eps k Ls :
  0 < eps -> 0 < k -> all_absz eps (scale_layers k Ls) = all_absz (eps / k) Ls.
Proof.
  intros He Hk. induction Ls as [|L Ls IH]; [reflexivity|].
  unfold all_absz in *. simpl. rewrite IH. unfold layer_absz. simpl.
  now rewrite absz_scale.
Qed.

Lemma layer_mask_scale eps p k Ls n (g : W n) :
  0 < eps -> 0 < k ->
  layer_mask eps p (scale_layers k Ls) n (vscale k g) = layer_mask (eps / k) p Ls n g.
Proof.
  intros He Hk. unfold layer_mask, zthreshold.
  now rewrite all_absz_scale, absz_scale.
Qed.

Theorem net_mask_scale eps p k sizes g :
  0 < eps -> 0 < k -> net_mask eps p sizes (vscale k g) = net_mask (eps / k) p sizes g.
Proof.
  intros He Hk. unfold net_mask. rewrite split_layers_scale. f_equal.
  unfold layer_masks, scale_layers. rewrite map_map. apply map_ext. intros L.
  simpl. f_equal. fold (scale_layers k (split_layers sizes g)).
  now apply layer_mask_scale.
Qed.

(** ** The first step: the gradient is clipped, the clipped gradient's mask still filters *)

Theorem first_step_clips : clip_coef 8 1 (bowl_grad 8 gD) < 1.
Proof.
  unfold clip_coef, bowl_grad, clip_eps. rewrite norm_gD.
  pose proof (sqrt_between 32 5.6 5.7 ltac:(lra) ltac:(lra) ltac:(lra)).
  assert (E : 1 / (sqrt 32 + 1e-6) * (sqrt 32 + 1e-6) = 1) by (field; lra).
  rewrite Rmin_right.
  - apply (Rmult_lt_reg_r (sqrt 32 + 1e-6)); lra.
  - apply (Rmult_le_reg_r (sqrt 32 + 1e-6)); lra.
Qed.

Theorem first_clipped_mask_drops i :
  (i < 3)%nat -> zsharp_net_mask sizesD (clip 8 1 (bowl_grad 8 gD)) i = 0.
Proof.
  intros Hi. pose proof (clip_coef_pos 8 1 (bowl_grad 8 gD) ltac:(lra)) as Hk.
  pose proof eps_std_pos as He.
  unfold zsharp_net_mask, default_p, clip, bowl_grad. rewrite net_mask_scale by assumption.
  rewrite drop_mask_values by first [lia | apply Rdiv_lt_0_compat; assumption].
  destruct (Nat.ltb_spec i 3); [reflexivity | lia].
Qed.

Corollary first_clipped_filter_changes :
  let g := clip 8 1 (bowl_grad 8 gD) in hadamard g (zsharp_net_mask sizesD g) 0%nat <> g 0%nat.
Proof.
  intros g. unfold hadamard, g. rewrite first_clipped_mask_drops by lia.
  pose proof (clip_coef_pos 8 1 (bowl_grad 8 gD) ltac:(lra)).
  unfold clip, vscale. change (bowl_grad 8 gD 0%nat) with 1. lra.
Qed.

(** ** 1. Plain base optimizer: ‖w_T‖ ≤ 0.995^T·√32 + 0.1 *)

Theorem clipped_ball_witness T :
  norm 8 (zsharp_clipped_iter 8 0.01 0.05 1e-12 1 (bowl_grad 8) (zsharp_net_mask sizesD) gD T)
    <= 0.995 ^ T * sqrt 32 + 0.1.
Proof.
  assert (Heta : 0 < 0.01 <= / lip (bowl_objective 8)) by (bowl_fields; rewrite Rinv_1; lra).
  pose proof (zsharp_clipped_iter_ball (bowl_objective 8) 0.01 0.05 1e-12 1 (zsharp_net_mask sizesD)) as H.
  specialize (H gD T Heta ltac:(lra) ltac:(lra)). bowl_fields.
  rewrite !(norm_ext 8 (vsub _ vzero) _ (fun i _ => Rminus_0_r _)), norm_gD in H.
  replace (1 - 0.01 * 1 / 2) with 0.995 in H by lra. lra.
Qed.

(** ** 2. The closure-use loop: clip, network mask, ε, momentum 0.9, weight decay 5e-4 *)

Lemma bowl_grad_diag (v : W 8) j : (j < 8)%nat -> bowl_grad 8 v j = 1 * v j.
Proof. intros _. unfold bowl_grad. ring. Qed.

Lemma gD_sq_le i : (i < 8)%nat -> gD i ^ 2 <= 25.
Proof. intros Hi. unfold gD. destruct i as [|[|[|[|[|[|[|[|i]]]]]]]]; simpl; lra || lia. Qed.

Lemma sqrt_001 : sqrt 0.01 = 0.1.
Proof. rewrite <- (sqrt_square 0.1) by lra. f_equal. lra. Qed.

(** The numeric tail shared by the witnesses at curvature 1 (h = 1 + 5e-4) and ZSharp's
    η, β: from √Q(x) ≤ √0.9^T·S0 + r with S0 ≤ 5.01 and r ≤ B, w² ≤ 1.3·(5.01·0.95^T + B)². *)
Lemma unit_w2_le (x : R * R) S0 r B T :
  0 <= S0 <= 5.01 -> 0 <= r <= B ->
  hb_norm 0.01 0.9 (1 + 5e-4) x <= sqrt 0.9 ^ T * S0 + r ->
  fst x ^ 2 <= 1.3 * (5.01 * 0.95 ^ T + B) ^ 2.
Proof.
  intros HS0 Hr Hx. pose proof hb_disc_zsharp_unit as HD.
  pose proof (sqrt_between 0.9 0.9486 0.94869 ltac:(lra) ltac:(lra) ltac:(lra)) as Hs9.
  assert (Hpow : 0 <= sqrt 0.9 ^ T <= 0.95 ^ T)
    by (split; [apply pow_le; lra | apply pow_incr; lra]).
  assert (Hc : 4 * 0.01 * 0.9 / hb_disc 0.01 0.9 (1 + 5e-4) <= 1.3).
  { apply (Rmult_le_reg_r (hb_disc 0.01 0.9 (1 + 5e-4))); [lra|].
    unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra. lra. }
  assert (HN : hb_norm 0.01 0.9 (1 + 5e-4) x <= 5.01 * 0.95 ^ T + B) by nra.
  eapply Rle_trans; [apply (hb_w2_le_norm 0.01 0.9 (1 + 5e-4) x); [lra | lra | exact HN]|].
  apply Rmult_le_compat_r; [apply pow2_ge_0 | exact Hc].
Qed.

(** The radius K√η/(1 − √β) at ZSharp's η, β: at most B when 0.1·K ≤ 0.05131·B
    (√0.9 < 0.94869). *)
Lemma unit_radius_le K B : 0 <= K -> K * 0.1 <= B * 0.05131 ->
  0 <= K * sqrt 0.01 / (1 - sqrt 0.9) <= B.
Proof.
  intros HK HB. pose proof (sqrt_between 0.9 0.9486 0.94869 ltac:(lra) ltac:(lra) ltac:(lra)).
  rewrite sqrt_001. split; [apply Rle_mult_inv_pos; lra|].
  apply (Rmult_le_reg_r (1 - sqrt 0.9)); [lra|]. unfold Rdiv.
  rewrite Rmult_assoc, Rinv_l by lra. nra.
Qed.

(** √Q at the start (w_i, b_i) = (gD_i, 0): at most 5.01. *)
Lemma start_norm_le i : (i < 8)%nat -> 0 <= hb_norm 0.01 0.9 (1 + 5e-4) (gD i, vzero i) <= 5.01.
Proof.
  intros Hi. unfold hb_norm, hb_energy, vzero. cbn [fst snd]. pose proof (gD_sq_le i Hi).
  split; [apply sqrt_pos|]. rewrite <- (sqrt_square 5.01) by lra.
  apply sqrt_le_1_alt. nra.
Qed.

Theorem momentum_ball_witness i T :
  (i < 8)%nat ->
  fst (zsharp_momentum_iter 8 0.01 0.9 5e-4 0.05 1e-12 1 (bowl_grad 8) (zsharp_net_mask sizesD)
         T (gD, vzero)) i ^ 2
    <= 1.3 * (5.01 * 0.95 ^ T + 0.0975) ^ 2.
Proof.
  intros Hi. pose proof hb_disc_zsharp_unit as HD.
  (* the model: ZSharp's constants on the bowl's coordinates (curvature 1) *)
  pose proof (zsharp_momentum_ball zsharp_consts (fun _ => 1) (bowl_grad 8) zsharp_consts_ok bowl_grad_diag)
    as Hball.
  cbn [tc_lr tc_momentum tc_wd tc_rho tc_delta zsharp_consts] in Hball.
  destruct (Hball 1 (zsharp_net_mask sizesD) (gD, vzero) i T Hi ltac:(lra)) as [H _].
  cbv beta zeta in H.
  assert (Hr : 0 <= momentum_radius zsharp_consts 1 <= 0.0975)
    by (unfold momentum_radius; cbn [tc_rho tc_lr tc_momentum zsharp_consts]; rewrite Rabs_R1;
        apply unit_radius_le; lra).
  exact (unit_w2_le _ _ _ _ T (start_norm_le i Hi) Hr H).
Qed.

Theorem momentum_norm_witness T :
  norm2 8 (fst (zsharp_momentum_iter 8 0.01 0.9 5e-4 0.05 1e-12 1 (bowl_grad 8)
                  (zsharp_net_mask sizesD) T (gD, vzero)))
    <= 10.4 * (5.01 * 0.95 ^ T + 0.0975) ^ 2.
Proof.
  unfold norm2, inner.
  eapply Rle_trans; [apply (vsum_le 8 _ (fun _ => 1.3 * (5.01 * 0.95 ^ T + 0.0975) ^ 2))|].
  - intros i Hi. pose proof (momentum_ball_witness i T Hi). lra.
  - rewrite vsum_const. simpl INR. lra.
Qed.
