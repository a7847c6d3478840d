(** * LeanSharp.Examples.Alignment.SignalNoiseWitness — signal survives, noise is dropped, under random noise

    Signal g = (0, 0, 0, 4) ∈ W 4: μ = 1, σ = √3 ∈ (1.73, 1.74) ([g4_mean], [g4_sd]). At
    t = 1 the significant mask of g is (0, 0, 0, 1): it drops three components. Noise: the
    two-point law ξ_k = ±0.3·e₀ with probability ½ each ([Models.two_point_xi]), so
    ‖ξ_k‖ = 0.3 and E‖ξ‖² = 0.09.

    Witnesses
    - [g4_observed_mask]: for BOTH outcomes the observed mask of g + ξ_k is (0, 0, 0, 1)
      ([Theory.Alignment.SignalNoise.signal_preserved] on component 3, margin 3 − √3 ≥ 2·0.3;
      [noise_dropped] on components 0, 1, 2: 1 + 2·0.3 < √3)
    - [g4_mean_stability] ([vector_mean_stability]) and [g4_observed_mean] ([observed_mean_expected]):
      E_k μ(g + ξ_k) = 1
    - [g4_preservation_prob] ([preservation_prob_lower_bound]): P(m_3 = 1) ≥ 0.77
    - [g4_drop_prob] ([drop_prob_lower_bound]): P(m_1 = 0) ≥ 0.32 *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec Stats FiniteProb.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Theory.Alignment Require Import SignalNoise.
From LeanSharp.Examples Require Import Models.
Import ListNotations.
Open Scope R_scope.

Definition g4 : W 4 := fun i => nth i [0; 0; 0; 4] 0.
Definition xi4 : nat -> W 4 := two_point_xi 4 (3 / 10).

Lemma g4_mean : mean 4 g4 = 1.
Proof. unfold mean, g4. simpl. lra. Qed.

Lemma g4_sd : sd 4 g4 = sqrt 3.
Proof. unfold sd, var, ssd. rewrite g4_mean. unfold g4, Rsqr. simpl. f_equal. lra. Qed.

Lemma sqrt3_bounds : 1.73 < sqrt 3 < 1.74.
Proof.
  split.
  - rewrite <- (sqrt_square 1.73) by lra. apply sqrt_lt_1_alt. lra.
  - rewrite <- (sqrt_square 1.74) by lra. apply sqrt_lt_1_alt. lra.
Qed.

Lemma xi4_norm k : norm 4 (xi4 k) = 3 / 10.
Proof.
  unfold xi4, two_point_xi. rewrite norm_scale. unfold norm. rewrite norm2_e0, sqrt_1 by lia.
  destruct (Nat.eqb k 0); [rewrite Rabs_pos_eq | rewrite Rabs_Ropp, Rabs_pos_eq]; lra.
Qed.

Lemma xi4_energy : expect 2 two_point_p (fun k => norm2 4 (xi4 k)) = 9 / 100.
Proof. unfold xi4. rewrite two_point_variance by lia. lra. Qed.

(** The observed mask is (0, 0, 0, 1) for both outcomes: the signal component survives the
    noise and the three others are dropped. *)
Theorem g4_observed_mask k i :
  (i < 4)%nat -> sig_mask 4 1 (vadd g4 (xi4 k)) i = if Nat.eqb i 3 then 1 else 0.
Proof.
  intros Hi. pose proof sqrt3_bounds. pose proof (xi4_norm k) as Hx.
  destruct (Nat.eqb_spec i 3) as [->|Hne].
  - apply (signal_preserved 4 1 (3 / 10)); try lia; try lra.
    rewrite g4_mean, g4_sd. unfold g4. simpl. rewrite Rabs_pos_eq; lra.
  - apply (noise_dropped 4 1 (3 / 10)); try lia; try lra.
    rewrite g4_mean, g4_sd. unfold g4.
    destruct i as [|[|[|i]]]; try lia; simpl; rewrite Rabs_left; lra.
Qed.

Theorem g4_mask_drops i : (i < 3)%nat -> sig_mask 4 1 g4 i = 0 /\ sig_mask 4 1 g4 3%nat = 1.
Proof.
  intros Hi. pose proof sqrt3_bounds. rewrite !sig_mask_eq, g4_mean, g4_sd. unfold g4.
  destruct i as [|[|[|i]]]; try lia; simpl;
    (rewrite Rabs_left by lra; destruct Rle_dec; [lra|]); rewrite Rabs_pos_eq by lra;
    (destruct Rle_dec; [|lra]); split; reflexivity.
Qed.

Theorem g4_mean_stability k :
  Rabs (mean 4 (vadd g4 (xi4 k)) - mean 4 g4) <= mean 4 (fun i => Rabs (xi4 k i)).
Proof. apply vector_mean_stability. Qed.

Theorem g4_observed_mean : expect 2 two_point_p (fun k => mean 4 (vadd g4 (xi4 k))) = 1.
Proof.
  rewrite observed_mean_expected; [exact g4_mean | exact two_point_law | apply two_point_unbiased].
Qed.

Theorem g4_preservation_prob :
  0.77 <= expect 2 two_point_p (fun k => sig_mask 4 1 (vadd g4 (xi4 k)) 3%nat).
Proof.
  pose proof sqrt3_bounds.
  assert (Hgam : Rabs (g4 3%nat - mean 4 g4) - 1 * sd 4 g4 = 3 - sqrt 3).
  { rewrite g4_mean, g4_sd. unfold g4. simpl. rewrite Rabs_pos_eq; lra. }
  eapply Rle_trans; [|apply preservation_prob_lower_bound];
    [| exact two_point_law | lia | lia | lra | simpl; rewrite Hgam; lra].
  simpl. rewrite Hgam, xi4_energy.
  assert (1.58 < (3 - sqrt 3) * ((3 - sqrt 3) * 1)) by nra.
  set (q := (3 - sqrt 3) * ((3 - sqrt 3) * 1)) in *.
  replace (1 - (1 + 1) * ((1 + 1) * 1) * (9 / 100) / q) with (1 - 36 / 100 / q) by (field; lra).
  apply (Rmult_le_reg_r q); [lra|].
  replace ((1 - 36 / 100 / q) * q) with (q - 36 / 100) by (field; lra). lra.
Qed.

Theorem g4_drop_prob :
  0.32 <= expect 2 two_point_p (fun k => 1 - sig_mask 4 1 (vadd g4 (xi4 k)) 1%nat).
Proof.
  pose proof sqrt3_bounds.
  assert (Hgam : 1 * sd 4 g4 - Rabs (g4 1%nat - mean 4 g4) = sqrt 3 - 1).
  { rewrite g4_mean, g4_sd. unfold g4. simpl. rewrite Rabs_left; lra. }
  eapply Rle_trans; [|apply drop_prob_lower_bound];
    [| exact two_point_law | lia | lia | lra | simpl; rewrite Hgam; lra].
  simpl. rewrite Hgam, xi4_energy.
  assert (0.5329 < (sqrt 3 - 1) * ((sqrt 3 - 1) * 1)) by nra.
  set (q := (sqrt 3 - 1) * ((sqrt 3 - 1) * 1)) in *.
  replace (1 - (1 + 1) * ((1 + 1) * 1) * (9 / 100) / q) with (1 - 36 / 100 / q) by (field; lra).
  apply (Rmult_le_reg_r q); [lra|].
  replace ((1 - 36 / 100 / q) * q) with (q - 36 / 100) by (field; lra). lra.
Qed.
