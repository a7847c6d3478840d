(** * LeanSharp.Examples.Alignment.AlignmentBridgesWitness — the filtered gradient stays aligned where ZSharp's mask drops

    The bowl ½‖w‖² on W 8 (∇L = id, w* = 0) at w = [gD] (‖gD‖ = √32), where ZSharp's network
    mask m = (0, 0, 0, 1, 1, 1, 1, 1) drops three nonzero components ([NetworkMaskWitness]).
    The gradient gD is (1, 1)-aligned; the dropped part (1, 1, 1, 0, …) has norm √3 ≤ ‖gD‖/3.

    Witnesses
    - [bowl_filtered_aligned] ([Theory.Alignment.AlignmentBridges.filtered_aligned_of_small_drop]):
      gD ⊙ m is (2/3, 1)-aligned at gD
    - noise: the two-point law ξ_k = ±0.1·gD (probability ½ each): the observed gradient
      (1 ± 0.1)·gD has the same network mask ([noisy_mask_drops], scale invariance
      [ZSharpMomentumWitness.net_mask_scale]), ‖ξ_k‖ = 0.1‖e‖ and the dropped part has norm
      ≤ 0.35‖e‖; [noisy_filtered_step_witness] ([filtered_noisy_step_contracts]): for both
      outcomes, at ZSharp's lr η = 0.01,
          ‖gD − η (gD + ξ_k) ⊙ m_k‖² ≤ (1 − 2η·0.55 + η²·1.1²)‖gD‖²   (factor 0.989121)
    - [noisy_alignment_prob_witness] ([aligned_prob_of_signal_noise], κ = 0.2): with probability
      ≥ 3/4 the observed gradient is (0.8, 1.2)-aligned (here: always)
    - safe drops: the quadratic ½wᵀAw, A = [[1, ½, 0], [½, 1, 0], [0, 0, 1]], at w = (1, −0.1, 0):
      d = Aw = (0.95, 0.4, 0) is (0.9, 1.1)-aligned ([d3_aligned]); the significant mask at
      t = 1 is (1, 0, 1) ([d3_mask_values]: σ(d) ∈ (0.389, 0.39)) and drops the component
      with d_1 e_1 = −0.04 ≤ 0; [safe_drop_witness] ([filtered_aligned_of_safe_drop]):
      d ⊙ m is still (0.9, 1.1)-aligned *)

From Coq Require Import Reals Lra Lia List FunctionalExtensionality.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Core Require Import Stats.
From LeanSharp.Filter Require Import Mask ZMask ZSharpRule NetworkMask.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Theory.Alignment Require Import Alignment AlignmentBridges.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Filter Require Import NetworkMaskWitness.
From LeanSharp.Examples.Dynamics Require Import ZSharpMomentumWitness.
Import ListNotations.
Open Scope R_scope.

Lemma vsub_vzero (w : W 8) : vsub w vzero = w.
Proof. apply functional_extensionality. intros i. unfold vsub, vzero. ring. Qed.

Lemma gD_aligned : aligned 8 gD gD vzero 1 1.
Proof. unfold aligned. rewrite vsub_vzero. unfold norm2. lra. Qed.

Lemma norm_sqrt32 : sqrt 32 = 4 * sqrt 2.
Proof.
  replace 32 with (Rsqr 4 * 2) by (unfold Rsqr; ring). rewrite sqrt_mult by (unfold Rsqr; lra).
  rewrite sqrt_Rsqr by lra. reflexivity.
Qed.

Lemma mD_is_mask8 g : is_mask 8 (zsharp_net_mask sizesD g).
Proof. exact (net_mask_is_mask eps_std default_p sizesD g). Qed.

(** The network mask of c·gD, c > 0, is the drop mask (0, 0, 0, 1, 1, 1, 1, 1). *)
Lemma scaled_mask_values c i :
  0 < c -> (i < 8)%nat -> zsharp_net_mask sizesD (vscale c gD) i = if Nat.ltb i 3 then 0 else 1.
Proof.
  intros Hc Hi. pose proof eps_std_pos. unfold zsharp_net_mask, default_p.
  rewrite net_mask_scale by lra. apply drop_mask_values; [apply Rdiv_lt_0_compat; lra | exact Hi].
Qed.

(** Its dropped part has squared norm 3c². *)
Lemma dropped_scaled_norm2 c :
  0 < c -> norm2 8 (dropped (vscale c gD) (zsharp_net_mask sizesD (vscale c gD))) = 3 * (c * c).
Proof.
  intros Hc. unfold norm2, inner, dropped. simpl vsum.
  rewrite !scaled_mask_values by (lra || lia). unfold vscale, gD. simpl. ring.
Qed.

Lemma dropped_le c beta :
  0 < c -> 0 <= beta -> 3 * (c * c) <= beta * beta * 32 ->
  norm 8 (dropped (vscale c gD) (zsharp_net_mask sizesD (vscale c gD))) <= beta * norm 8 (vsub gD vzero).
Proof.
  intros Hc Hb H. rewrite vsub_vzero, norm_gD.
  apply norm_le_of_norm2_le; [pose proof (sqrt_pos 32); nra|].
  rewrite dropped_scaled_norm2 by exact Hc.
  replace (beta * sqrt 32 * (beta * sqrt 32)) with (beta * beta * (sqrt 32 * sqrt 32)) by ring.
  rewrite sqrt_sqrt by lra. exact H.
Qed.

Lemma vscale_1 (g : W 8) : vscale 1 g = g.
Proof. apply functional_extensionality. intros i. unfold vscale. ring. Qed.

Theorem bowl_filtered_aligned :
  aligned 8 (hadamard gD (zsharp_net_mask sizesD gD)) gD vzero (1 - 1 / 3) 1.
Proof.
  apply filtered_aligned_of_small_drop; [exact gD_aligned | apply mD_is_mask8 |].
  rewrite <- (vscale_1 gD) at 1 2. apply dropped_le; lra.
Qed.

(** ** Multiplicative two-point noise *)

Definition xiD (k : nat) : W 8 := vscale (if Nat.eqb k 0 then 1 / 10 else - (1 / 10)) gD.
Definition sD (k : nat) : R := if Nat.eqb k 0 then 11 / 10 else 9 / 10.

Lemma observed_scaled k : vadd gD (xiD k) = vscale (sD k) gD.
Proof.
  apply functional_extensionality. intros i. unfold vadd, xiD, sD, vscale.
  destruct (Nat.eqb k 0); field.
Qed.

Lemma sD_range k : 9 / 10 <= sD k <= 11 / 10.
Proof. unfold sD. destruct (Nat.eqb k 0); lra. Qed.

Theorem noisy_mask_drops k i :
  (i < 3)%nat -> zsharp_net_mask sizesD (vadd gD (xiD k)) i = 0 /\ vadd gD (xiD k) i <> 0.
Proof.
  intros Hi. pose proof (sD_range k). rewrite observed_scaled.
  rewrite scaled_mask_values by (lra || lia). destruct (Nat.ltb_spec i 3); [|lia].
  split; [reflexivity|]. destruct (drop_mask_drops i Hi) as [_ Hg]. unfold vscale.
  intros Hz. apply Hg. apply (Rmult_eq_reg_l (sD k)); lra.
Qed.

Lemma xiD_norm k : norm 8 (xiD k) = 1 / 10 * norm 8 (vsub gD vzero).
Proof.
  unfold xiD. rewrite norm_scale, vsub_vzero. f_equal.
  destruct (Nat.eqb k 0); [rewrite Rabs_pos_eq | rewrite Rabs_Ropp, Rabs_pos_eq]; lra.
Qed.

(** For both outcomes, at η = 0.01: ‖gD − η (gD + ξ_k) ⊙ m_k‖² ≤ 0.989121·‖gD‖². *)
Theorem noisy_filtered_step_witness k :
  let m := zsharp_net_mask sizesD (vadd gD (xiD k)) in
  norm2 8 (vsub (vsub gD (vscale zsharp_lr (hadamard (vadd gD (xiD k)) m))) vzero)
  <= contraction_factor zsharp_lr (1 - 1 / 10 - 35 / 100) (1 + 1 / 10) * norm2 8 (vsub gD vzero)
  /\ contraction_factor zsharp_lr (1 - 1 / 10 - 35 / 100) (1 + 1 / 10) = 0.989121.
Proof.
  intros m. split; [|unfold contraction_factor, zsharp_lr; lra].
  pose proof (sD_range k).
  apply filtered_noisy_step_contracts; [exact gD_aligned | apply mD_is_mask8 | unfold zsharp_lr; lra
                                       | rewrite xiD_norm; lra |].
  unfold m. rewrite observed_scaled. apply dropped_le; nra.
Qed.

(** With probability ≥ 3/4 the noise is below 0.2‖e‖, where the observed gradient is
    (0.8, 1.2)-aligned. *)
Theorem noisy_alignment_prob_witness :
  (forall k, norm 8 (xiD k) <= 2 / 10 * norm 8 (vsub gD vzero) ->
             aligned 8 (vadd gD (xiD k)) gD vzero (1 - 2 / 10) (1 + 2 / 10)) /\
  3 / 4 <= expect 2 two_point_p
             (fun k => if Rle_dec (norm 8 (xiD k)) (2 / 10 * norm 8 (vsub gD vzero)) then 1 else 0).
Proof.
  assert (He : 0 < norm 8 (vsub gD vzero)) by (rewrite vsub_vzero, norm_gD; apply sqrt_lt_R0; lra).
  edestruct aligned_prob_of_signal_noise with (xi := xiD) (kappa := 2 / 10) as [Ha Hp];
    [exact two_point_law | exact gD_aligned | lra | exact He |].
  split; [exact Ha|]. eapply Rle_trans; [|exact Hp].
  assert (Hn : forall k, norm2 8 (xiD k) = 1 / 100 * norm2 8 (vsub gD vzero)).
  { intros k. rewrite <- !norm_sqr, xiD_norm. field. }
  rewrite (expect_ext 2 two_point_p _ (fun _ => 1 / 100 * norm2 8 (vsub gD vzero))) by (intros; apply Hn).
  rewrite expect_const by exact two_point_law. rewrite <- norm_sqr.
  set (x := norm 8 (vsub gD vzero)) in *.
  replace (1 / 100 * (x * x) / (2 / 10 * x) ^ 2) with (1 / 4) by (field; lra). lra.
Qed.

(** ** A mask that drops only a harmful component *)

Definition A3 : nat -> nat -> R := fun i j => nth j (nth i [[1; 1 / 2; 0]; [1 / 2; 1; 0]; [0; 0; 1]] []) 0.
Definition w3 : W 3 := fun i => nth i [1; - (1 / 10); 0] 0.
Definition d3 : W 3 := fun i => vsum 3 (fun j => A3 i j * w3 j).

Lemma d3_values : d3 0%nat = 95 / 100 /\ d3 1%nat = 4 / 10 /\ d3 2%nat = 0.
Proof. unfold d3, A3, w3. simpl. repeat split; lra. Qed.

Lemma norm2_w3 : norm2 3 (vsub w3 vzero) = 101 / 100.
Proof. unfold norm2, inner, vsub, vzero, w3. simpl. lra. Qed.

Theorem d3_aligned : aligned 3 d3 w3 vzero (9 / 10) (11 / 10).
Proof.
  destruct d3_values as [H0 [H1 H2]]. split.
  - rewrite norm2_w3. unfold inner, vsub, vzero. simpl vsum. rewrite H0, H1, H2. unfold w3. simpl. lra.
  - apply norm_le_of_norm2_le; [pose proof (norm_nonneg 3 (vsub w3 vzero)); lra|].
    replace (11 / 10 * norm 3 (vsub w3 vzero) * (11 / 10 * norm 3 (vsub w3 vzero)))
      with (121 / 100 * norm2 3 (vsub w3 vzero)) by (rewrite <- norm_sqr; field).
    rewrite norm2_w3. unfold norm2, inner. simpl vsum. rewrite H0, H1, H2. lra.
Qed.

Lemma d3_mean : mean 3 d3 = 45 / 100.
Proof. destruct d3_values as [H0 [H1 H2]]. unfold mean. simpl vsum. rewrite H0, H1, H2. simpl. lra. Qed.

Lemma d3_sd : 389 / 1000 < sd 3 d3 < 39 / 100.
Proof.
  assert (Hv : var 3 d3 = 455 / 3000).
  { destruct d3_values as [H0 [H1 H2]]. unfold var, ssd. rewrite d3_mean. simpl vsum.
    rewrite H0, H1, H2. unfold Rsqr. simpl. lra. }
  unfold sd. rewrite Hv. split.
  - rewrite <- (sqrt_square (389 / 1000)) by lra. apply sqrt_lt_1_alt. lra.
  - rewrite <- (sqrt_square (39 / 100)) by lra. apply sqrt_lt_1_alt. lra.
Qed.

Theorem d3_mask_values : sig_mask 3 1 d3 0%nat = 1 /\ sig_mask 3 1 d3 1%nat = 0 /\ sig_mask 3 1 d3 2%nat = 1.
Proof.
  destruct d3_values as [H0 [H1 H2]]. pose proof d3_sd. rewrite !sig_mask_eq, d3_mean, H0, H1, H2.
  rewrite (Rabs_pos_eq (95 / 100 - 45 / 100)), (Rabs_left (4 / 10 - 45 / 100)), (Rabs_left (0 - 45 / 100)) by lra.
  repeat split; destruct Rle_dec; lra.
Qed.

Theorem safe_drop_witness :
  safe_drop 3 d3 (vsub w3 vzero) (sig_mask 3 1 d3) /\ d3 1%nat <> 0 /\
  aligned 3 (hadamard d3 (sig_mask 3 1 d3)) w3 vzero (9 / 10) (11 / 10).
Proof.
  assert (Hs : safe_drop 3 d3 (vsub w3 vzero) (sig_mask 3 1 d3)).
  { destruct d3_values as [H0 [H1 H2]]. destruct d3_mask_values as [M0 [M1 M2]].
    intros i Hi Hm. destruct i as [|[|[|i]]]; try lia.
    - rewrite M0 in Hm. lra.
    - rewrite H1. unfold vsub, vzero, w3. simpl. lra.
    - rewrite M2 in Hm. lra. }
  split; [exact Hs|]. split; [destruct d3_values as [_ [H1 _]]; rewrite H1; lra|].
  apply filtered_aligned_of_safe_drop; [exact d3_aligned | apply sig_mask_is_mask | exact Hs].
Qed.
