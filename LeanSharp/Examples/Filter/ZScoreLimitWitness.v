(** * LeanSharp.Examples.Filter.ZScoreLimitWitness — the coverage of the oracle Z-mask on a symmetric law

    Components i.i.d. uniform on the values (1, 2, −1, −2) (outcomes 0..3, weight ¼ each,
    outcome 2 + k the mirror of k: [sym4_symmetric]). The law has mean 0 ([sym4_mean]) and
    variance 5/2 ([sym4_var]); at threshold t = 1 the oracle cutoff is c = σ = √(5/2) ∈ (1.58, 1.59)
    ([c4_bounds]): the values ±1 are dropped, ±2 kept, so p_c = ½ ([sym4_coverage]).

    Witnesses
    - [sym4_layer_mask_drops]: on the layer (1, 2, −1, −2) the oracle mask is (0, 1, 0, 1): it
      drops two nonzero components
    - [sym4_coverage_mean] ([Stochastic.ZScoreLimit.coverage_mean]): E[count/n] = ½ for every n ≥ 1
    - [sym4_coverage_chebyshev] ([coverage_chebyshev]): P(|count/n − ½| ≥ ε) ≤ 1/(4nε²)
    - [sym4_filtered_mean_chebyshev] ([filtered_mean_chebyshev], [symmetric_filtered_mean_zero]):
      E[X b(X)] = 0 and P(|(1/n)Σ v_i m_i| ≥ ε) ≤ 2/(nε²)
    - [sym4_coverage_converges] ([coverage_converges_in_probability]),
      [sym4_filtered_mean_converges] ([filtered_mean_converges_in_probability]): as the width
      n → ∞, P(|count/n − ½| ≥ ε) → 0 and P(|(1/n)Σ v_i m_i| ≥ ε) → 0 for every ε > 0 *)

From Coq Require Import Reals Lra Lia List.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Stochastic Require Import StronglyConvexRate ZScoreLimit.
Import ListNotations.
Open Scope R_scope.

Definition p4 : nat -> R := fun _ => / 4.
Definition x4 : nat -> R := fun k => nth k [1; 2; -1; -2] 0.
Definition c4 : R := sqrt (5 / 2).

Lemma p4_law : is_law 4 p4.
Proof. split; [intros; unfold p4; lra | unfold p4; simpl; lra]. Qed.

Lemma sym4_symmetric : symmetric_law 2 p4 x4.
Proof.
  intros k Hk. split; [reflexivity|]. unfold x4.
  destruct k as [|[|k]]; [simpl; lra | simpl; lra | lia].
Qed.

Lemma sym4_mean : expect 4 p4 x4 = 0.
Proof. unfold expect, p4, x4. simpl. lra. Qed.

Lemma sym4_var : expect 4 p4 (fun k => (x4 k - 0) ^ 2) = 5 / 2.
Proof. unfold expect, p4, x4. simpl. lra. Qed.

Lemma c4_bounds : 1.58 < c4 < 1.59.
Proof.
  unfold c4. split.
  - rewrite <- (sqrt_square 1.58) by lra. apply sqrt_lt_1_alt. lra.
  - rewrite <- (sqrt_square 1.59) by lra. apply sqrt_lt_1_alt. lra.
Qed.

Lemma kept4 k : (k < 4)%nat -> kept x4 0 c4 k = if Nat.even k then 0 else 1.
Proof.
  intros Hk. pose proof c4_bounds. unfold kept, x4.
  destruct k as [|[|[|[|k]]]]; try lia; simpl; rewrite Rminus_0_r;
    [rewrite Rabs_pos_eq by lra | rewrite Rabs_pos_eq by lra
    | rewrite Rabs_left by lra | rewrite Rabs_left by lra];
    destruct Rle_dec; lra.
Qed.

Theorem sym4_coverage : coverage_prob 4 p4 x4 0 c4 = 1 / 2.
Proof.
  unfold coverage_prob, expect. simpl vsum.
  rewrite !kept4 by lia. unfold p4. simpl. lra.
Qed.

Theorem sym4_layer_mask_drops :
  let v := comp x4 [0; 1; 2; 3]%nat in
  (forall i, (i < 4)%nat -> oracle_mask 0 c4 v i = if Nat.even i then 0 else 1) /\ v 0%nat <> 0 /\ v 2%nat <> 0.
Proof.
  intros v. split; [|unfold v, comp, x4; simpl; lra].
  intros i Hi. unfold oracle_mask, v, comp. rewrite <- (kept4 i Hi).
  destruct i as [|[|[|[|i]]]]; try lia; reflexivity.
Qed.

Theorem sym4_coverage_mean n :
  (1 <= n)%nat -> hexpect 4 p4 n (fun h => mask_count n (oracle_mask 0 c4 (comp x4 h)) / INR n) = 1 / 2.
Proof. intros Hn. rewrite coverage_mean by (exact p4_law || exact Hn). exact sym4_coverage. Qed.

Theorem sym4_coverage_chebyshev n eps :
  (1 <= n)%nat -> 0 < eps ->
  hexpect 4 p4 n (fun h => indicator_ge (Rabs (mask_count n (oracle_mask 0 c4 (comp x4 h)) / INR n - 1 / 2)) eps)
  <= 1 / (4 * INR n * eps ^ 2).
Proof.
  intros Hn He. rewrite <- sym4_coverage.
  eapply Rle_trans; [apply coverage_chebyshev; [exact p4_law | exact Hn | exact He]|].
  rewrite sym4_coverage. assert (0 < INR n) by (apply lt_0_INR; lia).
  assert (0 < eps ^ 2) by (apply pow_lt; lra). right. field. lra.
Qed.

Lemma sym4_filtered_mean : expect 4 p4 (fun k => x4 k * kept x4 0 c4 k) = 0.
Proof. exact (symmetric_filtered_mean_zero 2 p4 x4 c4 sym4_symmetric). Qed.

Lemma sym4_filtered_var : variance 4 p4 (fun k => x4 k * kept x4 0 c4 k) = 2.
Proof.
  unfold variance. rewrite sym4_filtered_mean.
  unfold expect. simpl vsum. rewrite !kept4 by lia. unfold p4, x4. simpl. lra.
Qed.

Theorem sym4_filtered_mean_chebyshev n eps :
  (1 <= n)%nat -> 0 < eps ->
  hexpect 4 p4 n (fun h => indicator_ge
     (Rabs (vsum n (hadamard (comp x4 h) (oracle_mask 0 c4 (comp x4 h))) / INR n)) eps)
  <= 2 / (INR n * eps ^ 2).
Proof.
  intros Hn He. rewrite <- sym4_filtered_var.
  eapply Rle_trans; [|apply filtered_mean_chebyshev; [exact p4_law | exact Hn | exact He]].
  right. apply hexpect_ext. intros h. f_equal. f_equal.
  rewrite sym4_filtered_mean. ring.
Qed.

Theorem sym4_coverage_converges eps :
  0 < eps ->
  is_lim_seq (fun n => hexpect 4 p4 n (fun h => indicator_ge
     (Rabs (mask_count n (oracle_mask 0 c4 (comp x4 h)) / INR n - 1 / 2)) eps)) 0.
Proof.
  intros He. rewrite <- sym4_coverage. now apply coverage_converges_in_probability; [exact p4_law|].
Qed.

Theorem sym4_filtered_mean_converges eps :
  0 < eps ->
  is_lim_seq (fun n => hexpect 4 p4 n (fun h => indicator_ge
     (Rabs (vsum n (hadamard (comp x4 h) (oracle_mask 0 c4 (comp x4 h))) / INR n)) eps)) 0.
Proof.
  intros He. eapply is_lim_seq_ext; [|eapply (filtered_mean_converges_in_probability 4 p4 p4_law x4 0 c4), He].
  intros n. simpl. apply hexpect_ext. intros h. rewrite sym4_filtered_mean, Rminus_0_r. reflexivity.
Qed.
