(** * LeanSharp.Examples.Stochastic.LeCamWitness — the two-point minimax lower bound is positive

    σ = 1, ε = 1/4: the oracle returns g(w, k) = w − s_k with s_0 = −1, s_1 = 1, and k drawn
    from q_0 = (5/8, 3/8) (problem L_0(w) = ½(w + 1/4)²) or q_1 = (3/8, 5/8) (problem
    L_1(w) = ½(w − 1/4)²); both oracles are unbiased with noise variance 15/16 ≤ 1.

    Witnesses
    - [witness_laws], [witness_oracles]: the two laws, the two unbiased oracles of variance ≤ 1
    - [witness_kl]: KL(q_0‖q_1) ≤ 3/8
    - [witness_minimax] ([Stochastic.LeCam.coin_minimax]): for EVERY T and EVERY algorithm
      A (any function of the T observed draws), max_j E_j(A − θ_j)² ≥ e^{−3T/8}/32 > 0
    - [witness_sgd]: in particular SGD on the observed gradients, w_{t+1} = w_t − η_t(w_t − s_{k_t}),
      with ANY step sizes and any start: max_j E_j(w_T − θ_j)² ≥ e^{−3T/8}/32
    - [witness_rate] ([coin_minimax_rate]): for every T ≥ 1 there is a pair of such problems
      (ε² = 1/(6T)) on which every algorithm has max_j E_j(A − θ_j)² ≥ e^{−1}/(12T) > 0
    - [witness_mix_rate] ([coin_mix_minimax_rate]): the same for the randomised algorithm that
      outputs 0 or 1 with probability ½ each (mixture of two constant estimators) *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Theory.Generalization Require Import KL.
From LeanSharp.Stochastic Require Import StronglyConvexRate LeCam.
Open Scope R_scope.

Lemma witness_laws :
  (coin (- / 4) 0%nat = 5 / 8 /\ coin (- / 4) 1%nat = 3 / 8)
  /\ (coin (/ 4) 0%nat = 3 / 8 /\ coin (/ 4) 1%nat = 5 / 8)
  /\ is_law 2 (coin (- / 4)) /\ is_law 2 (coin (/ 4)).
Proof.
  unfold coin; simpl. repeat split; try field; (apply coin_is_law || idtac); lra.
Qed.

Lemma witness_oracles w :
  oracle 1 2 (coin (- / 4)) (fun k _ => 1 * - / 4 - sgn_sample 1 k) (1 ^ 2)
  /\ oracle 1 2 (coin (/ 4)) (fun k _ => 1 * / 4 - sgn_sample 1 k) (1 ^ 2)
  /\ forall k, w - sgn_sample 1 k = (w - 1 * / 4) + (1 * / 4 - sgn_sample 1 k).
Proof.
  destruct (coin_oracle 1 (- / 4) w) as [H0 _]; [lra|].
  destruct (coin_oracle 1 (/ 4) w) as [H1 H2]; [lra|]. auto.
Qed.

Lemma witness_kl : KL 2 (coin (- / 4)) (coin (/ 4)) <= 3 / 8.
Proof. pose proof (coin_kl_le (/ 4) ltac:(lra)). lra. Qed.

Theorem witness_minimax T (A : list nat -> R) :
  le_cam_risk 2 (coin (- / 4)) (coin (/ 4)) T A (1 * - / 4) (1 * / 4)
  >= exp (- (3 / 8 * INR T)) / 32
  /\ 0 < exp (- (3 / 8 * INR T)) / 32.
Proof.
  split; [|pose proof (exp_pos (- (3 / 8 * INR T))); lra].
  pose proof (coin_minimax 1 (/ 4) T A ltac:(lra)) as H.
  replace (- (6 * INR T * (/ 4) ^ 2)) with (- (3 / 8 * INR T)) in H by field.
  lra.
Qed.

(** SGD on the observed gradients w − s_k: the direction field D(w) = w and the noise −s_k. *)
Definition witness_sgd_iterate (eta : nat -> R) (w0 : R) (h : list nat) : R :=
  sgd_iter 1 (fun k _ => - sgn_sample 1 k) (fun w => w) eta (fun _ => w0) h 0%nat.

Lemma witness_sgd_step eta w0 k h :
  witness_sgd_iterate eta w0 (k :: h)
  = witness_sgd_iterate eta w0 h
    - eta (length h) * (witness_sgd_iterate eta w0 h - sgn_sample 1 k).
Proof. unfold witness_sgd_iterate. simpl. unfold stoch_step, vsub, vscale, vadd. ring. Qed.

Theorem witness_sgd (eta : nat -> R) w0 T :
  le_cam_risk 2 (coin (- / 4)) (coin (/ 4)) T (witness_sgd_iterate eta w0) (1 * - / 4) (1 * / 4)
  >= exp (- (3 / 8 * INR T)) / 32.
Proof. apply witness_minimax. Qed.

Theorem witness_rate T (A : list nat -> R) : (1 <= T)%nat ->
  let e := sqrt (/ (6 * INR T)) in
  le_cam_risk 2 (coin (- e)) (coin e) T A (1 * - e) (1 * e) >= exp (- 1) / (12 * INR T)
  /\ 0 < exp (- 1) / (12 * INR T).
Proof.
  intros HT e. pose proof (le_INR 1 T HT) as HT'. simpl in HT'. split.
  - pose proof (coin_minimax_rate 1 T A HT) as H. simpl in H. fold e in H. lra.
  - apply Rdiv_lt_0_compat; [apply exp_pos | lra].
Qed.

Theorem witness_mix_rate T : (1 <= T)%nat ->
  let e := sqrt (/ (6 * INR T)) in
  le_cam_mix_risk 2 (coin (- e)) (coin e) T 2 (fun _ => / 2) (fun j _ => INR j) (1 * - e) (1 * e)
  >= exp (- 1) / (12 * INR T).
Proof.
  intros HT e. pose proof (coin_mix_minimax_rate 1 T 2 (fun _ => / 2) (fun j _ => INR j) HT
    ltac:(split; [intros; lra | simpl; lra])) as H. simpl in H. fold e in H. lra.
Qed.
