(** * LeanSharp.Examples.Stochastic.LowerBoundsWitness — the stochastic lower bound fires, and is tight

    The 1-D bowl L(w) = ½w² (μ = 1, w* = 0) started at w_0 = 1 (a_0 = 1), with the two-point
    law: stochastic gradient w ± 1 with probability ½ each ([Models.two_point_xi] 1 1,
    σ² = 1 — genuinely random noise, [two_point_noise_random]).

    Witnesses
    - [lower_bound_witness] ([Stochastic.LowerBounds.sgd_quadratic_lower_bound]): for EVERY
      step-size sequence η, E(w_T)² ≥ 1/(1 + T)
    - [optimal_schedule_witness] ([sgd_quadratic_optimal_schedule]): with η_t = 1/(t + 2),
      E(w_T)² = 1/(1 + T) exactly
    - [sandwich_witness]: the Robbins–Monro schedule η_t = 2/(t + 2) of
      [StronglyConvexRate.sgd_rate_one_over_t] satisfies 1/(1 + T) ≤ E(w_T)² ≤ 4/(T + 2):
      the upper O(1/T) rate and the lower bound hold on the same iteration *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Recursions FiniteProb.
From LeanSharp.Stochastic Require Import StronglyConvexRate LowerBounds.
From LeanSharp.Examples Require Import Models.
Open Scope R_scope.

Definition lb_w0 : W 1 := fun _ => 1.

Lemma two_point_noise_random : two_point_xi 1 1 0%nat 0%nat <> two_point_xi 1 1 1%nat 0%nat.
Proof. unfold two_point_xi, vscale, e0. simpl. lra. Qed.

Lemma two_point_coord_var : expect 2 two_point_p (fun k => two_point_xi 1 1 k 0%nat ^ 2) = 1.
Proof. unfold expect, two_point_p, two_point_xi, vscale, e0. simpl. field. Qed.

Lemma lb_a0 : (lb_w0 0%nat - vzero 0%nat) ^ 2 = 1.
Proof. unfold lb_w0, vzero. ring. Qed.

Lemma lower_rate_unit T : lower_rate 1 1 1 T = 1 / (1 + INR T).
Proof. unfold lower_rate. pose proof (pos_INR T). field. lra. Qed.

(** Every step-size sequence: E(w_T)² ≥ 1/(1 + T). *)
Theorem lower_bound_witness (eta : nat -> R) T :
  1 / (1 + INR T) <= err 1 2 two_point_p (two_point_xi 1 1) (quad_center_grad 1 1 vzero) eta lb_w0 vzero T.
Proof.
  rewrite <- lower_rate_unit.
  replace (lower_rate 1 1 1 T) with (lower_rate 1 1 ((lb_w0 0%nat - vzero 0%nat) ^ 2) T) by (now rewrite lb_a0).
  apply (sgd_quadratic_lower_bound two_point_p (two_point_xi 1 1) 1 1 vzero lb_w0).
  - exact two_point_law.
  - apply two_point_unbiased.
  - lia.
  - lra.
  - rewrite two_point_coord_var. lra.
Qed.

Lemma optimal_step_unit t : optimal_step 1 1 1 t = 1 / (INR t + 2).
Proof. unfold optimal_step. pose proof (pos_INR t). field. lra. Qed.

(** η_t = 1/(t + 2) attains it: E(w_T)² = 1/(1 + T). *)
Theorem optimal_schedule_witness T :
  err 1 2 two_point_p (two_point_xi 1 1) (quad_center_grad 1 1 vzero) (fun t => 1 / (INR t + 2)) lb_w0 vzero T
  = 1 / (1 + INR T).
Proof.
  rewrite <- lower_rate_unit.
  replace (lower_rate 1 1 1 T) with (lower_rate 1 1 ((lb_w0 0%nat - vzero 0%nat) ^ 2) T) by (now rewrite lb_a0).
  rewrite <- (sgd_quadratic_optimal_schedule 2 two_point_p (two_point_xi 1 1)).
  - rewrite lb_a0. unfold err. apply hexpect_ext. intros h. f_equal. f_equal.
    (* the two schedules are the same function *)
    assert (Hs : (fun t => 1 / (INR t + 2)) = optimal_step 1 1 1).
    { apply FunctionalExtensionality.functional_extensionality. intros t. now rewrite optimal_step_unit. }
    now rewrite Hs.
  - exact two_point_law.
  - apply two_point_unbiased.
  - lra.
  - exact two_point_coord_var.
Qed.

(** The same iteration under the Robbins–Monro schedule 2/(t + 2): 1/(1 + T) ≤ E(w_T)² ≤ 4/(T + 2). *)
Theorem sandwich_witness T :
  1 / (1 + INR T)
    <= err 1 2 two_point_p (two_point_xi 1 1) (quad_center_grad 1 1 vzero) (one_over_t_step 2 2) lb_w0 vzero T
    <= 4 / (INR T + 2).
Proof.
  split; [apply lower_bound_witness|].
  eapply Rle_trans.
  - apply sgd_rate_one_over_t with (s2 := 1 * 1) (c := 1) (C := 1).
    + apply two_point_oracle. lia.
    + intros w. apply quad_center_aligned. lra.
    + lra.
    + lra.
    + lra.
    + lra.
    + lra.
    + lra.
  - right. unfold rm_const. f_equal.
    replace (norm2 1 (vsub lb_w0 vzero)) with 1 by (unfold norm2, inner, vsub, lb_w0, vzero; simpl; ring).
    unfold Rmax. destruct (Rle_dec _ _); lra.
Qed.
