(** * LeanSharp.Examples.Models — the concrete models every witness file shares

    - [bowl n w] = ½‖w‖² on W n with gradient [bowl_grad n w] = w: a gradient pair
      ([bowl_gradient]), 1-smooth ([bowl_smooth]), 1-strongly convex
      ([bowl_strongly_convex]), bounded below by 0 ([bowl_nonneg]), minimiser 0
      ([bowl_grad_zero]); as records: [bowl_smooth_objective n] (a smooth objective with
      Lc = 1) and [bowl_objective n] (a strongly convex objective with μ = Lc = 1, w* = 0),
      the one argument the convergence theorems take
    - the two-point law: outcomes k = 0, 1 with probability ½ each ([two_point_p]) and noise
      ξ_k = ±a·e₀ ([two_point_xi]): an unbiased oracle with variance a² ([two_point_oracle]);
      on the bowl, the per-sample fields G_k(v) = v ± a·e₀ ([two_point_field], really
      random: [two_point_field_random]) as the record the noisy theorems take,
      [two_point_fields n a] : [sample_fields (bowl_smooth_objective n) 2] with σ² = a²
    - ZSharp's published hyper-parameters [zsharp_lr] = 0.01, [zsharp_rho] = 0.05,
      [zsharp_delta] = 1e-12 (the filter's ε_std = 1e-8 and p = 70 are
      [Filter.ZSharpRule.eps_std], [default_p]) *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Optim Require Export Objective.
From LeanSharp.Stochastic Require Import NoisyFilter.
Open Scope R_scope.

(** ** The quadratic bowl *)

Definition bowl (n : nat) (w : W n) : R := / 2 * norm2 n w.
Definition bowl_grad (n : nat) (w : W n) : W n := w.

Theorem bowl_gradient n : is_gradient n (bowl n) (bowl_grad n).
Proof.
  intros w d t. unfold bowl, bowl_grad, norm2, inner.
  replace (vsum n (fun i => (w i + t * d i) * d i))
    with (/ 2 * vsum n (fun i => 2 * ((w i + t * d i) * d i)))
    by (rewrite vsum_scal; field).
  apply (is_derive_scal (fun s => vsum n (fun i => (w i + s * d i) * (w i + s * d i)))).
  apply (is_derive_vsum n (fun i s => (w i + s * d i) * (w i + s * d i))
                         (fun i s => 2 * ((w i + s * d i) * d i))).
  intros i _. auto_derive; [exact I|]. ring.
Qed.

Theorem bowl_smooth n : lipschitz_grad n (bowl_grad n) 1.
Proof. intros u v. unfold bowl_grad. lra. Qed.

Theorem bowl_strongly_convex n : strongly_convex n (bowl n) (bowl_grad n) 1.
Proof.
  intros u v. unfold bowl, bowl_grad.
  rewrite norm2_sub, inner_sym, inner_sub_l. unfold norm2. lra.
Qed.

Theorem bowl_nonneg n w : 0 <= bowl n w.
Proof. unfold bowl. pose proof (norm2_nonneg n w). lra. Qed.

Lemma bowl_grad_zero n i : (i < n)%nat -> bowl_grad n vzero i = 0.
Proof. reflexivity. Qed.

(** The bowl as the records the convergence theorems take. *)
Definition bowl_smooth_objective n : smooth_objective n :=
  SmoothObjective (bowl n) (bowl_grad n) 1 (bowl_gradient n) (bowl_smooth n) Rlt_0_1.

Definition bowl_objective n : strongly_convex_objective n :=
  StronglyConvexObjective (bowl_smooth_objective n) 1 vzero (bowl_strongly_convex n) Rlt_0_1
    (Rle_refl 1) (bowl_grad_zero n).

(** ** The two-point law *)

Definition e0 : nat -> R := fun i => if Nat.eqb i 0 then 1 else 0.

Definition two_point_p : nat -> R := fun _ => / 2.

Definition two_point_xi (n : nat) (a : R) : nat -> W n :=
  fun k => vscale (if Nat.eqb k 0 then a else - a) e0.

Lemma norm2_e0 n : (0 < n)%nat -> norm2 n e0 = 1.
Proof.
  intros Hn. induction n as [|n IH]; [lia|]. unfold norm2, inner in *. simpl vsum.
  destruct n as [|n]; [simpl; unfold e0; simpl; ring|].
  rewrite IH by lia. unfold e0. simpl. ring.
Qed.

Lemma two_point_law : is_law 2 two_point_p.
Proof. split; [intros; unfold two_point_p; lra | simpl; unfold two_point_p; lra]. Qed.

Lemma two_point_unbiased n a : unbiased n 2 two_point_p (two_point_xi n a).
Proof. intros i _. unfold expect, two_point_p, two_point_xi, vscale. simpl. ring. Qed.

Lemma two_point_variance n a :
  (0 < n)%nat -> expect 2 two_point_p (fun k => norm2 n (two_point_xi n a k)) = a * a.
Proof.
  intros Hn. unfold expect, two_point_xi, two_point_p. simpl.
  rewrite !norm2_scale, norm2_e0 by exact Hn. field.
Qed.

Theorem two_point_oracle n a : (0 < n)%nat -> oracle n 2 two_point_p (two_point_xi n a) (a * a).
Proof.
  intros Hn. split; [apply two_point_law | split; [apply two_point_unbiased|]].
  unfold bounded_variance. rewrite two_point_variance by exact Hn. lra.
Qed.

(** The two-point noise on the bowl, G_k(v) = v ± a·e₀, as sample fields. *)
Definition two_point_field n a : nat -> W n -> W n := additive_field n (bowl_grad n) (two_point_xi n a).

Lemma two_point_mean n a : mean_field n 2 two_point_p (two_point_field n a) (bowl_grad n).
Proof. apply additive_mean_field; [apply two_point_law | apply two_point_unbiased]. Qed.

Lemma norm2_e0_le n : norm2 n e0 <= 1.
Proof. destruct n as [|n]; [unfold norm2, inner; simpl; lra | rewrite norm2_e0 by lia; lra]. Qed.

Lemma two_point_var n a : variance_field n 2 two_point_p (two_point_field n a) (bowl_grad n) (a * a).
Proof.
  apply additive_variance_field. unfold bounded_variance, expect, two_point_xi, two_point_p. simpl.
  rewrite !norm2_scale. pose proof (norm2_e0_le n). pose proof (norm2_nonneg n e0).
  assert (0 <= a * a) by nra. nra.
Qed.

Lemma two_point_lipschitz n a k : (k < 2)%nat -> lipschitz_grad n (two_point_field n a k) 1.
Proof. intros _. apply additive_lipschitz, bowl_smooth. Qed.

Definition two_point_fields n a : sample_fields (bowl_smooth_objective n) 2 :=
  @SampleFields n (bowl_smooth_objective n) 2 two_point_p (two_point_field n a) (a * a) two_point_law (two_point_mean n a)
    (two_point_var n a) (two_point_lipschitz n a).

(** The noise is really random: for a ≠ 0 the two draws give different gradients. *)
Lemma two_point_field_random n a w : a <> 0 -> two_point_field n a 0%nat w 0%nat <> two_point_field n a 1%nat w 0%nat.
Proof. intros Ha. unfold two_point_field, additive_field, two_point_xi, vadd, vscale, e0. simpl. lra. Qed.

(** ** ZSharp's constants *)

Definition zsharp_lr : R := 0.01.
Definition zsharp_rho : R := 0.05.
Definition zsharp_delta : R := 1e-12.

Lemma zsharp_lr_range : 0 < zsharp_lr <= / 1.
Proof. unfold zsharp_lr. rewrite Rinv_1. lra. Qed.

Lemma zsharp_rho_nonneg : 0 <= zsharp_rho.
Proof. unfold zsharp_rho. lra. Qed.

Lemma zsharp_delta_nonneg : 0 <= zsharp_delta.
Proof. unfold zsharp_delta. lra. Qed.

(** Reads the models' fields off the records: [lip (bowl_objective n)] becomes 1,
    [variance (two_point_fields n a)] becomes a·a, and so on. *)
Ltac bowl_fields :=
  cbn [loss grad lip curv minimiser smooth_part bowl_objective bowl_smooth_objective
       law field variance two_point_fields] in *.
