(** * LeanSharp.Examples.Filter.FilterWitness — concrete instances of the idealised Z-filter results

    Non-vacuity witnesses for Filter.ZMask, ZMaskCount, Invariance, HardThreshold.

    - [g5] = (0, 0, 0, 0, 10) ∈ W 5: μ = 2, Σ(g_i − μ)² = 80, σ² = 16, σ = 4, s = √20.
      At t = 1 the significant mask is (0, 0, 0, 0, 1) ([g5_sig_mask]); at t = 2 the last
      component sits exactly on the boundary |g_4 − μ| = tσ = 8 and is both significant
      and inlier ([g5_boundary]). Non-emptiness, Chebyshev (population and sample) and
      contraction are instantiated on it.
    - [h5] = g5 + 1 = (1, 1, 1, 1, 11): same mask (shift invariance), filtered gradient
      (0, 0, 0, 0, 11) strictly shorter than h5.
    - the sample-std sharp bound at n = 2 with g = (1, −1) = [alt] on [0, 2):
      s = √2, every |g_i − μ| = 1 = √(1/2)·s; at t = 1 > √(1/2) the sample mask is empty,
      at t = √(1/2) it is full.
    - σ = 0: the constant vector keeps all 5 components at t = 2 > 5/4 (Chebyshev fails).
    - hard thresholding at τ = 1 is not Lipschitz; the Z-filter jumps at (1, −1, 1, −1). *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask ZMaskCount Invariance HardThreshold FilterDiscontinuity.
Open Scope R_scope.

Definition g5 : nat -> R := fun i => match i with 4%nat => 10 | _ => 0 end.

Lemma g5_mean : mean 5 g5 = 2.
Proof. unfold mean. simpl. field. Qed.

Lemma g5_ssd : ssd 5 g5 = 80.
Proof. unfold ssd. rewrite g5_mean. simpl. unfold Rsqr. ring. Qed.

Lemma g5_var : var 5 g5 = 16.
Proof. unfold var. rewrite g5_ssd. simpl. field. Qed.

(** σ(g5) = √16 = 4. *)
Lemma g5_sd : sd 5 g5 = 4.
Proof.
  unfold sd. rewrite g5_var. replace 16 with (4 * 4) by ring.
  apply sqrt_square. lra.
Qed.

Lemma g5_sstd : sstd 5 g5 = sqrt 20.
Proof. unfold sstd, svar. rewrite g5_ssd. f_equal. simpl. field. Qed.

Lemma sqrt20_bounds : 4 < sqrt 20 < 8.
Proof.
  split; [rewrite <- (sqrt_square 4) by lra | rewrite <- (sqrt_square 8) by lra];
    apply sqrt_lt_1_alt; lra.
Qed.

(** The deviations |g_i − μ|: 2 for i < 4 and 8 for i = 4. *)
Lemma g5_dev i : (i < 5)%nat ->
  Rabs (g5 i - mean 5 g5) = if Nat.eqb i 4 then 8 else 2.
Proof.
  intros Hi. rewrite g5_mean.
  destruct i as [|[|[|[|[|i]]]]]; try lia; unfold g5; simpl;
    unfold Rabs; destruct Rcase_abs; lra.
Qed.

(** At t = 1 exactly component 4 is kept. *)
Theorem g5_sig_mask i : (i < 5)%nat -> sig_mask 5 1 g5 i = if Nat.eqb i 4 then 1 else 0.
Proof.
  intros Hi. pose proof (g5_dev i Hi) as Hd. unfold sig_mask. rewrite g5_sd in *.
  destruct (Nat.eqb i 4); [apply dev_ge_mask_1 | apply dev_ge_mask_0]; lra.
Qed.

Lemma g5_sig_count : mask_count 5 (sig_mask 5 1 g5) = 1.
Proof.
  unfold mask_count. rewrite (vsum_ext 5 _ (fun i => if Nat.eqb i 4 then 1 else 0))
    by exact g5_sig_mask.
  simpl. ring.
Qed.

(** The sample mask at t = 1 keeps the same single component (8 ≥ √20 > 2). *)
Theorem g5_sig_mask_s i : (i < 5)%nat -> sig_mask_s 5 1 g5 i = if Nat.eqb i 4 then 1 else 0.
Proof.
  intros Hi. pose proof (g5_dev i Hi) as Hd. pose proof sqrt20_bounds.
  unfold sig_mask_s. rewrite g5_sstd in *.
  destruct (Nat.eqb i 4); [apply dev_ge_mask_1 | apply dev_ge_mask_0]; lra.
Qed.

(** At t = 2, |g_4 − μ| = 8 = tσ: component 4 is both significant and inlier. *)
Theorem g5_boundary : sig_mask 5 2 g5 4%nat = 1 /\ inlier_mask 5 2 g5 4%nat = 1.
Proof.
  apply sig_inlier_boundary. rewrite (g5_dev 4%nat ltac:(lia)), g5_sd. simpl. ring.
Qed.

(** Off the boundary (t = 1, component 0) the two masks are complementary. *)
Example sig_inlier_partition_witness : sig_mask 5 1 g5 0%nat + inlier_mask 5 1 g5 0%nat = 1.
Proof.
  apply sig_inlier_partition. rewrite (g5_dev 0%nat ltac:(lia)), g5_sd. simpl. lra.
Qed.

Example zmask_nonempty_witness : 1 <= mask_count 5 (sig_mask 5 1 g5).
Proof. apply zmask_nonempty; [lia | lra]. Qed.

Example zmask_s_nonempty_witness : 1 <= mask_count 5 (sig_mask_s 5 (1 / 2) g5).
Proof.
  apply zmask_s_nonempty; [lia|]. simpl.
  rewrite <- (sqrt_square (1 / 2)) by lra. apply sqrt_le_1_alt. lra.
Qed.

Example zmask_chebyshev_witness : mask_count 5 (sig_mask 5 1 g5) <= INR 5 / (1 * 1).
Proof. apply zmask_chebyshev; [lra | rewrite g5_sd; lra]. Qed.

Example zmask_chebyshev_witness_t2 : mask_count 5 (sig_mask 5 2 g5) <= INR 5 / (2 * 2).
Proof. apply zmask_chebyshev; [lra | rewrite g5_sd; lra]. Qed.

Example zmask_s_chebyshev_witness : mask_count 5 (sig_mask_s 5 1 g5) <= INR (5 - 1) / (1 * 1).
Proof. apply zmask_s_chebyshev; [lia | lra | rewrite g5_sstd; pose proof sqrt20_bounds; lra]. Qed.

Example sig_mask_s_rescaled_witness :
  sig_mask_s 5 1 g5 = sig_mask 5 (1 * sqrt (INR 5 / INR (5 - 1))) g5.
Proof. apply sig_mask_s_rescaled. lia. Qed.

Example norm_zfilter_le_witness : norm 5 (zfilter 5 1 g5) <= norm 5 g5.
Proof. apply norm_zfilter_le. Qed.

(** ** Shift invariance: h5 = g5 + 1 has the same mask, and the filter strictly shrinks it *)

Definition h5 : nat -> R := vshift 1 g5.

Theorem h5_sig_mask i : (i < 5)%nat -> sig_mask 5 1 h5 i = if Nat.eqb i 4 then 1 else 0.
Proof. intros Hi. unfold h5. rewrite sig_mask_shift by exact Hi. now apply g5_sig_mask. Qed.

Lemma h5_zfilter i : (i < 5)%nat -> zfilter 5 1 h5 i = if Nat.eqb i 4 then 11 else 0.
Proof.
  intros Hi. unfold zfilter, hadamard. rewrite h5_sig_mask by exact Hi.
  destruct i as [|[|[|[|[|i]]]]]; try lia; unfold h5, vshift, g5; simpl; ring.
Qed.

Example h5_filter_strict : norm2 5 (zfilter 5 1 h5) = 121 /\ norm2 5 h5 = 125.
Proof.
  split; unfold norm2, inner.
  - rewrite (vsum_ext 5 _ (fun i => if Nat.eqb i 4 then 121 else 0)); [simpl; ring|].
    intros i Hi. rewrite h5_zfilter by exact Hi. destruct (Nat.eqb i 4); ring.
  - unfold h5, vshift, g5. simpl. ring.
Qed.

(** ** Invariance witnesses *)

Example sig_mask_affine_witness : sig_mask 5 1 (vaffine (-2) 3 g5) 4%nat = sig_mask 5 1 g5 4%nat.
Proof. apply sig_mask_affine; [lra | lia]. Qed.

Example sig_mask_scale_witness : sig_mask 5 1 (vscale 3 g5) 4%nat = 1.
Proof. rewrite sig_mask_scale by (lra || lia). rewrite (g5_sig_mask 4%nat) by lia. reflexivity. Qed.

Example zfilter_opp_witness : zfilter 5 1 (vopp g5) 4%nat = -10.
Proof.
  rewrite zfilter_opp by lia. unfold zfilter, hadamard.
  rewrite (g5_sig_mask 4%nat) by lia. simpl. ring.
Qed.

Example zfilter_scale_witness : zfilter 5 1 (vscale 3 g5) 4%nat = 30.
Proof.
  rewrite zfilter_scale by (lra || lia). unfold zfilter, hadamard.
  rewrite (g5_sig_mask 4%nat) by lia. simpl. ring.
Qed.

(** ** The sharp sample bound at n = 2, g = (1, −1) *)

Lemma alt_2 : alt 0 = 1 /\ alt 1 = -1.
Proof. split; reflexivity. Qed.

Lemma even_2 : Nat.Even 2.
Proof. exists 1%nat. reflexivity. Qed.

Lemma sqrt_half_lt_1 : sqrt (INR (2 - 1) / INR 2) < 1.
Proof.
  simpl. apply (Rlt_le_trans _ (sqrt 1)); [apply sqrt_lt_1_alt; lra | rewrite sqrt_1; lra].
Qed.

Example alt_dev_sharp_witness i :
  Rabs (alt i - mean 2 alt) = sqrt (INR (2 - 1) / INR 2) * sstd 2 alt.
Proof. apply alt_dev_sharp; [lia | exact even_2]. Qed.

(** At t = 1 > √(1/2) the sample mask of (1, −1) is empty. *)
Example zmask_s_empty_alt_witness : mask_count 2 (sig_mask_s 2 1 alt) = 0.
Proof.
  apply mask_count_empty, zmask_s_empty_alt; [lia | exact even_2 | exact sqrt_half_lt_1].
Qed.

(** At t = √(1/2) both components are kept. *)
Example zmask_s_full_alt_witness :
  mask_count 2 (sig_mask_s 2 (sqrt (INR (2 - 1) / INR 2)) alt) = 2.
Proof.
  rewrite (mask_count_full 2); [simpl; ring|].
  apply zmask_s_full_alt; [lia | exact even_2].
Qed.

Example zmask_s_nonempty_sharp_witness :
  (forall g, 1 <= mask_count 2 (sig_mask_s 2 1 g)) -> False.
Proof.
  intros H. apply (proj1 (zmask_s_nonempty_sharp 2 1 ltac:(lia) even_2)) in H.
  pose proof sqrt_half_lt_1. lra.
Qed.

(** ** σ = 0 *)

Example zmask_sigma_zero_witness : mask_count 5 (sig_mask 5 2 (fun _ => 7)) = 5.
Proof.
  assert (Hs : sd 5 (fun _ => 7) = 0)
    by (apply (proj2 (sd_eq_0_iff_const 5 _ ltac:(lia))); reflexivity).
  rewrite (proj1 (zmask_count_sigma_zero 5 2 _ Hs)). simpl. ring.
Qed.

Example chebyshev_const_counterexample_witness :
  INR 5 / (2 * 2) < mask_count 5 (sig_mask 5 2 (fun _ => 7)).
Proof. apply chebyshev_const_counterexample. lia. Qed.

(** ** Hard thresholding *)

Example hard_not_lipschitz_witness :
  ~ exists K, forall x y, Rabs (hard 1 x - hard 1 y) <= K * Rabs (x - y).
Proof. apply hard_not_lipschitz. lra. Qed.

Example hard_discontinuous_witness :
  exists y, Rabs (y - 1) < 1 / 100 /\ Rabs (hard 1 y - hard 1 1) = 1.
Proof. apply hard_discontinuous; lra. Qed.

(** The Z-filter jump at δ = 1/2: inputs 1/√2 apart, filtered gradients √2 apart. *)
Example zfilter_jump_witness :
  norm2 4 (vsub (gd (1 / 2)) (gd 0)) = 1 / 2 /\
  norm2 4 (vsub (zfilter 4 1 (gd (1 / 2))) (zfilter 4 1 (gd 0))) = 2.
Proof.
  destruct (zfilter_jump (1 / 2) ltac:(lra)) as [H1 H2]. split; [rewrite H1; field | exact H2].
Qed.
