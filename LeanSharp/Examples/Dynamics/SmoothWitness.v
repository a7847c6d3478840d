(** * LeanSharp.Examples.Dynamics.SmoothWitness — the smoothness and SAM theorems fire on the quadratic bowl

    The bowl ½‖w‖² and its facts are in [Examples.Models].

    Non-vacuity witnesses (each headline theorem applied to the bowl):
    - [descent_lemma_witness], [descent_lemma_step_witness], [strongly_convex_at_min_witness],
      [grad_norm2_le_gap_witness], [gd_nonconvex_rate_witness]
    - [filtered_step_decrease_witness] (with the genuinely filtering mask [m0] = e₀)
    - [sam_nonconvex_rate_witness], [sam_traj_rate_witness], [zsharp_traj_rate_witness],
      [sam_nonconvex_min_witness], [sam_nonconvex_rate_spec_witness]
    - [sam_eps_norm_witness]: gf = (3, 4), ‖gf‖ = 5, ‖ε‖ = ρ = 1/10 exactly;
      [zsharp_eps_norm_witness]: g = (3, 4), m = (1, 0), ‖ε‖ = ρ *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth SAM.
From LeanSharp.Theory.Dynamics Require Import SecondOrder NonConvexRate.
From LeanSharp.Examples Require Import Models.
Open Scope R_scope.

(** ** Smoothness and strong convexity instantiated *)

Example descent_lemma_witness n (w d : W n) :
  bowl n (vadd w d) <= bowl n w + inner n w d + 1 / 2 * norm2 n d.
Proof. exact (descent_lemma (bowl_gradient n) (bowl_smooth n) w d). Qed.

Example descent_lemma_step_witness n eta (w d : W n) :
  bowl n (vsub w (vscale eta d)) <= bowl n w - eta * inner n w d + 1 * eta ^ 2 / 2 * norm2 n d.
Proof.
  exact (descent_lemma_step (bowl_gradient n) (bowl_smooth n) eta w d).
Qed.

Example strongly_convex_at_min_witness n (w : W n) :
  1 * norm2 n (vsub w vzero) <= inner n w (vsub w vzero).
Proof.
  exact (strongly_convex_at_min (bowl_strongly_convex n) w vzero (bowl_grad_zero n)).
Qed.

Example grad_norm2_le_gap_witness n (w : W n) : norm2 n w <= 2 * 1 * (bowl n w - 0).
Proof.
  exact (grad_norm2_le_gap 0 w (bowl_gradient n) (bowl_smooth n) ltac:(lra) (bowl_nonneg n)).
Qed.

(** ** Second-order descent with a genuinely filtering mask: keep component 0 only *)

Definition m0 : nat -> R := fun i => if Nat.eqb i 0 then 1 else 0.

Lemma m0_mask n : is_mask n m0.
Proof. intros i _. unfold m0. destruct (Nat.eqb i 0); auto. Qed.

Example filtered_step_decrease_witness n eta (w : W n) :
  bowl n (vsub w (vscale eta (hadamard w m0)))
    <= bowl n w - eta * (1 - 1 * eta / 2) * norm2 n (hadamard w m0).
Proof.
  exact (filtered_step_decrease (bowl_gradient n) (bowl_smooth n) eta w m0 (m0_mask n)).
Qed.

(** ** The non-convex rate on the bowl (Lc = 1, Linf = 0, T = 4, η = 1/(1·√4) = 1/2) *)

Example sam_traj_rate_witness n rho (w0 : W n) :
  0 <= rho ->
  exists t, (t < 4)%nat /\
    norm2 n (sam_traj n (1 / (1 * sqrt (INR 4))) (bowl_grad n)
               (fun v => sam_eps n rho (1e-12) (bowl_grad n v)) w0 t)
      <= 2 * 1 * (bowl n w0 - 0) / sqrt (INR 4) + 1 ^ 2 * rho ^ 2.
Proof.
  intros Hr.
  apply (sam_traj_rate (bowl_smooth_objective n)); [lia | exact Hr | lra | apply bowl_nonneg].
Qed.

Example zsharp_traj_rate_witness n rho (w0 : W n) :
  0 <= rho ->
  exists t, (t < 4)%nat /\
    norm2 n (sam_traj n (1 / (1 * sqrt (INR 4))) (bowl_grad n)
               (fun v => zsharp_eps n rho (1e-12) (bowl_grad n v) m0) w0 t)
      <= 2 * 1 * (bowl n w0 - 0) / sqrt (INR 4) + 1 ^ 2 * rho ^ 2.
Proof.
  intros Hr.
  apply (zsharp_traj_rate (bowl_smooth_objective n) rho 1e-12 0 (fun _ => m0));
    [lia | exact Hr | lra | apply bowl_nonneg].
Qed.

(** The sequence-form theorems, with the SAM trajectory as the sequence. *)
Section SeqWitness.
Variables (n : nat) (rho : R) (w0 : W n).
Hypothesis Hr : 0 <= rho.
Let eta := 1 / (1 * sqrt (INR 4)).
Let E := fun v => sam_eps n rho 0 (bowl_grad n v).
Let w := sam_traj n eta (bowl_grad n) E w0.

Lemma w_step t : w (S t) = sam_step n eta (bowl_grad n) (w t) (E (w t)).
Proof. reflexivity. Qed.

Lemma E_le t : norm n (E (w t)) <= rho.
Proof. apply sam_eps_norm_le; lra. Qed.

Example sam_nonconvex_rate_witness :
  exists t, (t < 4)%nat /\
    norm2 n (bowl_grad n (w t)) <= 2 * 1 * (bowl n (w O) - 0) / sqrt (INR 4) + 1 ^ 2 * rho ^ 2.
Proof.
  apply (sam_nonconvex_rate (bowl_smooth_objective n) rho 0 w (fun t => E (w t)));
    [lia | exact E_le | exact w_step | apply bowl_nonneg].
Qed.

Example gd_nonconvex_rate_witness :
  let v := sam_traj n eta (bowl_grad n) (fun _ => vzero) w0 in
  exists t, (t < 4)%nat /\ norm2 n (bowl_grad n (v t)) <= 2 * 1 * (bowl n (v O) - 0) / sqrt (INR 4).
Proof.
  intros v.
  apply (gd_nonconvex_rate (bowl_smooth_objective n) 0 v); [lia | | apply bowl_nonneg].
  intros t. bowl_fields. change (v (S t)) with (sam_step n eta (bowl_grad n) (v t) vzero).
  apply functional_extensionality. intros i.
  unfold eta, sam_step, vsub, vscale, vadd, vzero, bowl_grad. ring.
Qed.

Example sam_nonconvex_rate_spec_witness :
  exists t, (t < 4)%nat /\
    norm2 n (bowl_grad n (w t))
      <= 2 * 1 * (bowl n (w O) - 0) / sqrt (INR 4) + 2 * 1 ^ 2 * rho ^ 2.
Proof.
  apply (sam_nonconvex_rate_spec (bowl_smooth_objective n) rho 0 w (fun t => E (w t)));
    [lia | exact E_le | exact w_step | apply bowl_nonneg].
Qed.

Example sam_nonconvex_min_witness :
  exists t, (t < 4)%nat /\
    norm2 n (bowl_grad n (w t)) <= 2 * (bowl n (w O) - 0) / (eta * INR 4) + 1 ^ 2 * rho ^ 2.
Proof.
  assert (Heta : 0 < eta <= 1 / 1).
  { unfold eta. replace (INR 4) with (2 * 2) by (simpl; lra).
    rewrite sqrt_square by lra. lra. }
  apply (sam_nonconvex_min (bowl_smooth_objective n) eta rho 0 w (fun t => E (w t)));
    [exact Heta | exact E_le | exact w_step | apply bowl_nonneg | lia].
Qed.
End SeqWitness.

(** ** A concrete SAM perturbation of norm exactly ρ *)

Definition g34 : nat -> R := fun i => match i with O => 3 | S O => 4 | _ => 0 end.

Lemma norm_g34 : norm 2 g34 = 5.
Proof.
  unfold norm, norm2, inner. simpl. replace (0 + 3 * 3 + 4 * 4) with (5 * 5) by ring.
  apply sqrt_square. lra.
Qed.

Example sam_eps_norm_witness : norm 2 (sam_eps 2 (1 / 10) 0 g34) = 1 / 10.
Proof. apply sam_eps_norm; [lra | rewrite norm_g34; lra]. Qed.

Definition m10 : nat -> R := fun i => match i with O => 1 | _ => 0 end.

Example zsharp_eps_norm_witness :
  is_mask 2 m10 /\ norm 2 (zsharp_eps 2 (1 / 10) 0 g34 m10) = 1 / 10.
Proof.
  split; [intros [|[|i]] Hi; simpl; auto; lia|].
  apply zsharp_eps_norm; [lra|].
  unfold norm, norm2, inner, hadamard. simpl. apply sqrt_lt_R0. lra.
Qed.
