(** * LeanSharp.Filter.FilterDiscontinuity — the idealised Z-filter is not Lipschitz in g

    Hard thresholding jumps (Filter.HardThreshold); this file shows the jump survives the
    data-dependent centring and scaling of the Z-filter.

    - [gd δ] = (1, −1, 1 − δ, −(1 − δ)) ∈ W 4: μ = 0, σ² = (1 + (1 − δ)²)/2.
      At δ = 0 every |g_i − μ| = σ = 1 and the filter (t = 1) keeps everything; for
      0 < δ < 1 the last two components fall below σ and are dropped.

    Main results
    - [zfilter_jump]: for 0 < δ < 1, ‖gd δ − gd 0‖² = 2δ² while
      ‖zfilter(gd δ) − zfilter(gd 0)‖² = 2 — an O(δ) change of g moves the filter by √2
    - [zfilter_not_lipschitz]: ¬ ∃ K, ∀ g h ∈ W 4,
      ‖zfilter 4 1 g − zfilter 4 1 h‖ ≤ K ‖g − h‖ *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask.
Open Scope R_scope.

Definition gd (d : R) : nat -> R :=
  fun i => match i with 0%nat => 1 | 1%nat => -1 | 2%nat => 1 - d | _ => - (1 - d) end.

Lemma gd_mean d : mean 4 (gd d) = 0.
Proof. unfold mean. replace (vsum 4 (gd d)) with 0 by (simpl; ring). unfold Rdiv. ring. Qed.

Lemma gd_var d : var 4 (gd d) = (1 + (1 - d) * (1 - d)) / 2.
Proof. unfold var, ssd. rewrite gd_mean. simpl. unfold Rsqr. field. Qed.

Lemma gd_sd_le_1 d : 0 <= d <= 1 -> sd 4 (gd d) <= 1.
Proof.
  intros Hd. unfold sd. rewrite gd_var.
  apply (Rle_trans _ (sqrt 1)); [apply sqrt_le_1_alt; nra | rewrite sqrt_1; lra].
Qed.

Lemma gd_sd_gt d : 0 < d < 1 -> 1 - d < sd 4 (gd d).
Proof.
  intros Hd. unfold sd. rewrite gd_var.
  apply (Rle_lt_trans _ (sqrt ((1 - d) * (1 - d)))); [rewrite sqrt_square; lra|].
  apply sqrt_lt_1_alt. split; nra.
Qed.

Lemma gd_dev d i : (i < 4)%nat ->
  Rabs (gd d i - mean 4 (gd d)) = if (i <? 2)%nat then 1 else Rabs (1 - d).
Proof.
  intros Hi. rewrite gd_mean, Rminus_0_r.
  destruct i as [|[|[|[|i]]]]; try lia; simpl;
    rewrite ?Rabs_Ropp; try reflexivity; unfold Rabs; destruct Rcase_abs; lra.
Qed.

(** For 0 < δ < 1 the filter keeps the first two components and drops the last two. *)
Lemma zfilter_gd d i : 0 < d < 1 -> (i < 4)%nat ->
  zfilter 4 1 (gd d) i = if (i <? 2)%nat then gd d i else 0.
Proof.
  intros Hd Hi. pose proof (gd_dev d i Hi) as Hdev. unfold zfilter, hadamard, sig_mask.
  pose proof (gd_sd_le_1 d ltac:(lra)). pose proof (gd_sd_gt d Hd).
  destruct (i <? 2)%nat.
  - rewrite dev_ge_mask_1 by lra. ring.
  - rewrite (Rabs_right (1 - d)) in Hdev by lra. rewrite dev_ge_mask_0 by lra. ring.
Qed.

(** At δ = 0 every component sits on the boundary |g_i − μ| = σ = 1 and is kept. *)
Lemma zfilter_gd0 i : (i < 4)%nat -> zfilter 4 1 (gd 0) i = gd 0 i.
Proof.
  intros Hi. pose proof (gd_dev 0 i Hi) as Hdev. unfold zfilter, hadamard, sig_mask.
  pose proof (gd_sd_le_1 0 ltac:(lra)).
  rewrite Rminus_0_r, Rabs_R1 in Hdev.
  rewrite dev_ge_mask_1; [ring|]. destruct (i <? 2)%nat; lra.
Qed.

(** The jump: an input change of norm √2·δ moves the filtered gradient by √2. *)
Theorem zfilter_jump d : 0 < d < 1 ->
  norm2 4 (vsub (gd d) (gd 0)) = 2 * (d * d) /\
  norm2 4 (vsub (zfilter 4 1 (gd d)) (zfilter 4 1 (gd 0))) = 2.
Proof.
  intros Hd. split.
  - unfold norm2, inner, vsub, gd. simpl. ring.
  - unfold norm2, inner.
    rewrite (vsum_ext 4 _ (fun i => if (i <? 2)%nat then 0 else 1)); [simpl; ring|].
    intros i Hi. unfold vsub. rewrite zfilter_gd, zfilter_gd0 by assumption.
    destruct i as [|[|[|[|i]]]]; try lia; unfold gd; simpl; ring.
Qed.

(** The idealised Z-filter (n = 4, t = 1) is not Lipschitz: no K with
    ‖zfilter g − zfilter h‖ ≤ K‖g − h‖ for all g, h. *)
Theorem zfilter_not_lipschitz :
  ~ exists K, forall g h : W 4,
      norm 4 (vsub (zfilter 4 1 g) (zfilter 4 1 h)) <= K * norm 4 (vsub g h).
Proof.
  intros [K HK]. set (A := Rabs K). set (d := 1 / (2 * (A + 1))).
  assert (HA : 0 <= A) by apply Rabs_pos.
  assert (Hd2 : d * (2 * (A + 1)) = 1) by (unfold d; field; lra).
  assert (Hd : 0 < d < 1) by nra.
  specialize (HK (gd d) (gd 0)). destruct (zfilter_jump d Hd) as [Hin Hout].
  pose proof (norm_nonneg 4 (vsub (zfilter 4 1 (gd d)) (zfilter 4 1 (gd 0)))).
  pose proof (norm_nonneg 4 (vsub (gd d) (gd 0))).
  pose proof (norm_sqr 4 (vsub (zfilter 4 1 (gd d)) (zfilter 4 1 (gd 0)))) as Ho.
  pose proof (norm_sqr 4 (vsub (gd d) (gd 0))) as Hi.
  rewrite Hout in Ho. rewrite Hin in Hi.
  set (a := norm 4 (vsub (zfilter 4 1 (gd d)) (zfilter 4 1 (gd 0)))) in *.
  set (b := norm 4 (vsub (gd d) (gd 0))) in *.
  assert (Hkb : K * b <= A * b) by (apply Rmult_le_compat_r; [lra | apply RRle_abs]).
  (* a² = 2 ≤ (A b)² = A²·2d² < 2 since A d < 1/2 *)
  assert (HAd : A * d < 1) by nra.
  assert (a * a <= (A * b) * (A * b)) by nra.
  nra.
Qed.
