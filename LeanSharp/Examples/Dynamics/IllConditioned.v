(** * LeanSharp.Examples.Dynamics.IllConditioned — ZSharp on an ill-conditioned diagonal quadratic

    L(w) = ½ Σ_{i<n} λ_i w_i² ([LeanSharp.Optim.Smooth.quad_diag]) with 0 < μ ≤ λ_i ≤ M;
    ∇L(w) = Λw ([quad_diag_grad]), minimiser w* = 0, condition number M/μ.  The ZSharp
    direction at w, for ANY 0/1 mask m (so for ZSharp's actual mask), is
        d = ∇L(w + ε) = Λ(w + ε),   ε = ρ g_f / (‖g_f‖ + δ),  g_f = (Λw) ⊙ m.

    Main results (ρ, δ ≥ 0)
    - [illcond_eps_inner]: ⟨Λε, w⟩ = (ρ / (‖g_f‖ + δ)) Σ m_i λ_i² w_i² ≥ 0
    - [illcond_zsharp_inner]: ⟨d, w⟩ ≥ μ‖w‖²;  [illcond_zsharp_norm]: ‖d‖ ≤ M(‖w‖ + ρ)
    - [illcond_zsharp_aligned]: on ‖w‖ ≥ r > 0, d is (μ, M(1 + ρ/r))-aligned with w* = 0
    - [illcond_zsharp_step_norm]: for 0 < η ≤ 1/M, ‖w⁺‖ ≤ (1 − ημ)‖w‖ + ηMρ
    - [illcond_zsharp_converges]: the ZSharp iteration (any masks m_t) satisfies
          ‖w_T‖ ≤ (1 − ημ)^T ‖w_0‖ + Mρ/μ
      — geometric convergence to a ball of radius (M/μ)ρ around w*; as for the bowl
      (see LeanSharp.Examples.Dynamics.QuadraticBowl), a fixed ρ prevents alignment near w*.
    - [illcond_gd_aligned] ([Optim.Smooth.quad_diag_strongly_convex], [quad_diag_lipschitz]): L is
      μ-strongly convex and M-smooth, so by [strongly_convex_smooth_aligned] the plain
      gradient direction is (μ, M)-aligned everywhere (non-vacuity of that theorem)

    Concrete instance: n = 2, λ = (1, 100) (condition number 100), ρ = 1/100, δ = 1e-12,
    ZSharp's actual mask ([zsharp_mask1]), w_0 = (3, 4):
    - [illcond2_zsharp_converges]: η = 1/100, ‖w_T‖ ≤ 5 (99/100)^T + 1
    - [illcond2_zsharp_aligned] (+ witness at w_0): r = 1, (1, 101)-aligned
    - [illcond2_step_contracts] (+ witness): η = 1/10201 < 2c/C², so outside the unit ball
      ‖w⁺‖² ≤ (1 − 1/10201)‖w‖² — slow, as ill-conditioning predicts
    - [illcond2_gd_aligned_witness], [illcond2_gradient]
    - [illcond2_gd_geometric], [illcond2_gd_converges]: witnesses of the geometric theorem
      on gradient descent ([gd2], η = 1/10000): ‖w_T‖² ≤ 25 (1 − 1/10000)^T → 0 *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import SAM Smooth ZSharpDirection.
From LeanSharp.Theory.Alignment Require Import Alignment.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Dynamics Require Import SmoothWitness.
Open Scope R_scope.

Section IllConditioned.
  Variables (n : nat) (lam : W n) (mu M rho delta : R).
  Hypotheses (Hmu : 0 < mu) (HmuM : mu <= M)
             (Hlam : forall i, (i < n)%nat -> mu <= lam i <= M)
             (Hrho : 0 <= rho) (Hdelta : 0 <= delta).

  Let G := quad_diag_grad lam.
  Let d m w := zsharp_dir n rho delta G m w.

  Lemma illcond_grad_norm_le v : norm n (G v) <= M * norm n v.
  Proof.
    apply norm_hadamard_le; [lra|]. intros i Hi. specialize (Hlam i Hi).
    rewrite Rabs_pos_eq; lra.
  Qed.

  Lemma illcond_grad_inner_lower w : mu * norm2 n w <= inner n (G w) w.
  Proof.
    unfold norm2, inner, G, quad_diag_grad. rewrite <- vsum_scal. apply vsum_le.
    intros i Hi. specialize (Hlam i Hi). pose proof (Rle_0_sqr (w i)). unfold Rsqr in *. nra.
  Qed.

  Lemma illcond_grad_sym u v : inner n (G u) v = inner n u (G v).
  Proof. apply vsum_ext. intros. unfold G, quad_diag_grad. ring. Qed.

  (** ⟨Λε, w⟩ = (ρ / (‖g_f‖ + δ)) Σ m_i λ_i² w_i² with g_f = (Λw) ⊙ m. *)
  Theorem illcond_eps_inner m w :
    inner n (G (zsharp_eps n rho delta (G w) m)) w =
    rho / (norm n (hadamard (G w) m) + delta) * vsum n (fun i => m i * (lam i * lam i) * (w i * w i)).
  Proof.
    unfold zsharp_eps, sam_eps. rewrite illcond_grad_sym, inner_scale_l. f_equal.
    apply vsum_ext. intros. unfold hadamard, G, quad_diag_grad. ring.
  Qed.

  Lemma illcond_eps_inner_nonneg m w :
    is_mask n m -> 0 <= inner n (G (zsharp_eps n rho delta (G w) m)) w.
  Proof.
    intros Hm. rewrite illcond_grad_sym, inner_sym.
    now apply inner_zsharp_eps_nonneg.
  Qed.

  Lemma illcond_dir_split m w :
    forall i, (i < n)%nat -> d m w i = G w i + G (zsharp_eps n rho delta (G w) m) i.
  Proof. intros. unfold d, zsharp_dir, G, quad_diag_grad, vadd. ring. Qed.

  Theorem illcond_zsharp_inner m w : is_mask n m -> mu * norm2 n w <= inner n (d m w) w.
  Proof.
    intros Hm.
    rewrite (inner_ext n (d m w) (vadd (G w) (G (zsharp_eps n rho delta (G w) m))) w w)
      by (intros i Hi; split; [apply illcond_dir_split | reflexivity]; assumption).
    rewrite inner_add_l. pose proof (illcond_grad_inner_lower w).
    pose proof (illcond_eps_inner_nonneg m w Hm). lra.
  Qed.

  Theorem illcond_zsharp_norm m w : norm n (d m w) <= M * (norm n w + rho).
  Proof.
    unfold d, zsharp_dir. eapply Rle_trans; [apply illcond_grad_norm_le|].
    apply Rmult_le_compat_l; [lra|]. eapply Rle_trans; [apply norm_triangle|].
    pose proof (zsharp_eps_norm_le rho delta (G w) m Hrho Hdelta). lra.
  Qed.

  (** On the region ‖w‖ ≥ r > 0 the ZSharp direction is (μ, M(1 + ρ/r))-aligned, for
      every 0/1 mask m. *)
  Theorem illcond_zsharp_aligned m w r :
    is_mask n m -> 0 < r -> r <= norm n w -> aligned n (d m w) w vzero mu (M * (1 + rho / r)).
  Proof.
    intros Hm Hr Hw. apply aligned_vzero_intro; [now apply illcond_zsharp_inner|].
    eapply Rle_trans; [apply illcond_zsharp_norm|].
    assert (rho <= rho / r * norm n w).
    { apply Rmult_le_reg_l with r; [lra|].
      replace (r * (rho / r * norm n w)) with (rho * norm n w) by (field; lra). nra. }
    assert (0 <= M) by lra. nra.
  Qed.

  (** One ZSharp step, 0 < η ≤ 1/M:  ‖w⁺‖ ≤ (1 − ημ)‖w‖ + ηMρ. *)
  Theorem illcond_zsharp_step_norm eta m w :
    0 < eta -> eta <= 1 / M ->
    norm n (zsharp_step n eta rho delta G m w) <= (1 - eta * mu) * norm n w + eta * M * rho.
  Proof.
    intros He HeM. set (e := zsharp_eps n rho delta (G w) m).
    assert (HM : 0 < M) by lra.
    assert (HeM' : eta * M <= 1).
    { apply Rmult_le_compat_r with (r := M) in HeM; [|lra].
      unfold Rdiv in HeM. rewrite Rmult_1_l, Rinv_l in HeM by lra. exact HeM. }
    rewrite (norm_ext n _ (vadd (hadamard (fun i => 1 - eta * lam i) w) (vscale (- eta) (G e))))
      by (intros; unfold e, zsharp_step, sam_step, G, quad_diag_grad, vsub, vadd, vscale, hadamard;
          ring).
    eapply Rle_trans; [apply norm_triangle|]. rewrite norm_scale, Rabs_left1 by lra.
    assert (norm n (hadamard (fun i => 1 - eta * lam i) w) <= (1 - eta * mu) * norm n w).
    { apply norm_hadamard_le; [nra|]. intros i Hi. specialize (Hlam i Hi).
      rewrite Rabs_pos_eq; nra. }
    pose proof (illcond_grad_norm_le e).
    assert (norm n e <= rho) by exact (zsharp_eps_norm_le rho delta (G w) m Hrho Hdelta).
    assert (eta * norm n (G e) <= eta * M * rho); [|lra].
    rewrite Rmult_assoc. apply Rmult_le_compat_l; [lra|].
    assert (M * norm n e <= M * rho) by (apply Rmult_le_compat_l; lra). lra.
  Qed.

  (** End to end: the ZSharp iteration w_{t+1} = w_t − ηΛ(w_t + ε_t) (any masks m_t),
      0 < η ≤ 1/M, converges geometrically to the ball of radius Mρ/μ:
          ‖w_T‖ ≤ (1 − ημ)^T ‖w_0‖ + Mρ/μ. *)
  Theorem illcond_zsharp_converges (w ms : nat -> W n) eta :
    (forall t i, (i < n)%nat -> w (S t) i = zsharp_step n eta rho delta G (ms t) (w t) i) ->
    0 < eta -> eta <= 1 / M ->
    forall T, norm n (w T) <= (1 - eta * mu) ^ T * norm n (w 0%nat) + M * rho / mu.
  Proof.
    intros Hstep He HeM.
    assert (HeM' : eta * M <= 1).
    { apply Rmult_le_compat_r with (r := M) in HeM; [|lra].
      unfold Rdiv in HeM. rewrite Rmult_1_l, Rinv_l in HeM by lra. exact HeM. }
    apply (linear_recursion_bound (fun t => norm n (w t)) (1 - eta * mu) (eta * M * rho)).
    - split; nra.
    - apply Rmult_le_pos; [nra | apply Rlt_le, Rinv_0_lt_compat; lra].
    - right. field. lra.
    - intros t. rewrite (norm_ext n (w (S t)) _ (Hstep t)).
      now apply illcond_zsharp_step_norm.
  Qed.
End IllConditioned.

(** ** Curvature: the diagonal quadratic is μ-strongly convex and M-smooth
    ([Optim.Smooth.quad_diag_strongly_convex], [quad_diag_lipschitz]) *)

(** Plain gradient descent on L: the gradient direction Λw is (μ, M)-aligned with w* = 0
    at every w — [strongly_convex_smooth_aligned] applied to a genuinely ill-conditioned loss. *)
Theorem illcond_gd_aligned n (lam : W n) mu M w :
  0 <= M -> (forall i, (i < n)%nat -> mu <= lam i <= M) -> 0 <= mu ->
  aligned n (quad_diag_grad lam w) w vzero mu M.
Proof.
  intros HM Hlam Hmu. apply (strongly_convex_smooth_aligned (L := quad_diag n lam)).
  - apply quad_diag_strongly_convex. intros i Hi. apply Hlam, Hi.
  - apply quad_diag_lipschitz; [exact HM|]. intros i Hi. specialize (Hlam i Hi).
    rewrite Rabs_pos_eq; lra.
  - intros i _. unfold quad_diag_grad, vzero. ring.
Qed.

(** ** The concrete instance: n = 2, λ = (1, 100), ρ = 1/100, δ = 1e-12, ZSharp's actual mask *)

Definition lam2 : W 2 := fun i => match i with O => 1 | _ => 100 end.
Definition illcond2_w0 : W 2 := g34.

Lemma lam2_bounds i : (i < 2)%nat -> 1 <= lam2 i <= 100.
Proof. intros _. destruct i; simpl; lra. Qed.

Lemma illcond2_w0_norm : norm 2 illcond2_w0 = 5.
Proof. exact norm_g34. Qed.

Lemma delta12_nonneg : 0 <= 1e-12.
Proof. exact zsharp_delta_nonneg. Qed.

(** λ = (1, 100), η = 1/100, ρ = 1/100, real ZSharp iteration from w_0 = (3, 4):
    ‖w_T‖ ≤ 5 (99/100)^T + 1. *)
Theorem illcond2_zsharp_converges T :
  norm 2 (zsharp_iter 2 (1 / 100) (1 / 100) 1e-12 (quad_diag_grad lam2) (zsharp_mask1 2) illcond2_w0 T)
  <= (99 / 100) ^ T * 5 + 1.
Proof.
  set (w := zsharp_iter 2 (1 / 100) (1 / 100) 1e-12 (quad_diag_grad lam2) (zsharp_mask1 2) illcond2_w0).
  pose proof (illcond_zsharp_converges 2 lam2 1 100 (1 / 100) 1e-12 ltac:(lra) ltac:(lra)
                lam2_bounds ltac:(lra) delta12_nonneg w
                (fun t => zsharp_mask1 2 (quad_diag_grad lam2 (w t))) (1 / 100)
                ltac:(intros; reflexivity) ltac:(lra) ltac:(lra) T) as H.
  replace (1 - 1 / 100 * 1) with (99 / 100) in H by field.
  replace (100 * (1 / 100) / 1) with 1 in H by field.
  unfold w in H. simpl zsharp_iter in H. rewrite illcond2_w0_norm in H. exact H.
Qed.

(** Alignment outside the unit ball (r = 1): the ZSharp direction is (1, 101)-aligned,
    e.g. at w_0 = (3, 4) with ZSharp's actual mask. *)
Lemma illcond2_zsharp_aligned m w :
  is_mask 2 m -> 1 <= norm 2 w ->
  aligned 2 (zsharp_dir 2 (1 / 100) 1e-12 (quad_diag_grad lam2) m w) w vzero 1 101.
Proof.
  intros Hm Hw.
  pose proof (illcond_zsharp_aligned 2 lam2 1 100 (1 / 100) 1e-12 ltac:(lra) ltac:(lra)
                lam2_bounds ltac:(lra) delta12_nonneg m w 1 Hm ltac:(lra) Hw) as H.
  replace (100 * (1 + 1 / 100 / 1)) with 101 in H by field. exact H.
Qed.

Lemma illcond2_zsharp_aligned_witness :
  aligned 2 (zsharp_dir 2 (1 / 100) 1e-12 (quad_diag_grad lam2)
               (zsharp_mask1 2 (quad_diag_grad lam2 illcond2_w0)) illcond2_w0)
          illcond2_w0 vzero 1 101.
Proof.
  apply illcond2_zsharp_aligned; [exact (zsharp_mask1_is_mask 2 _) | rewrite illcond2_w0_norm; lra].
Qed.

(** The alignment theorem fires: with C = 101, η = 1/10201 < 2c/C², one ZSharp step
    outside the unit ball contracts ‖w‖² by q = 1 − 1/10201 (ill-conditioning makes the
    admissible step, hence the rate, small). *)
Theorem illcond2_step_contracts m w :
  is_mask 2 m -> 1 <= norm 2 w ->
  norm2 2 (zsharp_step 2 (1 / 10201) (1 / 100) 1e-12 (quad_diag_grad lam2) m w)
  <= (1 - 1 / 10201) * norm2 2 w.
Proof.
  intros Hm Hw.
  pose proof (aligned_step_contracts (1 / 10201) (illcond2_zsharp_aligned m w Hm Hw) ltac:(lra)) as H.
  rewrite !norm2_vsub_vzero in H.
  replace (contraction_factor (1 / 10201) 1 101) with (1 - 1 / 10201) in H
    by (unfold contraction_factor; field). exact H.
Qed.

Lemma illcond2_step_contracts_witness :
  norm2 2 (zsharp_step 2 (1 / 10201) (1 / 100) 1e-12 (quad_diag_grad lam2)
             (zsharp_mask1 2 (quad_diag_grad lam2 illcond2_w0)) illcond2_w0)
  <= (1 - 1 / 10201) * norm2 2 illcond2_w0.
Proof.
  apply illcond2_step_contracts; [exact (zsharp_mask1_is_mask 2 _) | rewrite illcond2_w0_norm; lra].
Qed.

(** [strongly_convex_smooth_aligned] on λ = (1, 100): the gradient is (1, 100)-aligned at w_0. *)
Lemma illcond2_gd_aligned_witness : aligned 2 (quad_diag_grad lam2 illcond2_w0) illcond2_w0 vzero 1 100.
Proof. apply illcond_gd_aligned; [lra | exact lam2_bounds | lra]. Qed.

(** The gradient of the concrete loss is its gradient. *)
Lemma illcond2_gradient : is_gradient 2 (quad_diag 2 lam2) (quad_diag_grad lam2).
Proof. apply quad_diag_gradient. Qed.

(** ** Witness for the geometric theorem itself: gradient descent on λ = (1, 100)

    w_{t+1} = w_t − η Λ w_t with η = 1/10000 < 2c/C² = 1/5000; the direction is
    (1, 100)-aligned at every iterate, so [aligned_geometric] gives
    ‖w_T‖² ≤ (1 − 1/10000)^T ‖w_0‖² = 25 (1 − 1/10000)^T, and [aligned_converges]
    gives ‖w_T‖² → 0. *)
Fixpoint gd2 (T : nat) : W 2 :=
  match T with
  | O => illcond2_w0
  | S T' => vsub (gd2 T') (vscale (1 / 10000) (quad_diag_grad lam2 (gd2 T')))
  end.

Lemma gd2_aligned t : aligned 2 (quad_diag_grad lam2 (gd2 t)) (gd2 t) vzero 1 100.
Proof. apply illcond_gd_aligned; [lra | exact lam2_bounds | lra]. Qed.

Theorem illcond2_gd_geometric T : norm2 2 (gd2 T) <= (1 - 1 / 10000) ^ T * 25.
Proof.
  assert (H : norm2 2 (vsub (gd2 T) vzero)
              <= contraction_factor (1 / 10000) 1 100 ^ T * norm2 2 (vsub (gd2 0) vzero)).
  { apply (aligned_geometric 2 gd2 (fun t => quad_diag_grad lam2 (gd2 t)) vzero (1 / 10000) 1);
      [intros; reflexivity | lra | lra | lra | lra | intros t _; apply gd2_aligned]. }
  rewrite !norm2_vsub_vzero in H.
  replace (contraction_factor (1 / 10000) 1 100) with (1 - 1 / 10000) in H
    by (unfold contraction_factor; field).
  replace (norm2 2 (gd2 0)) with 25 in H by (unfold norm2, inner; simpl; ring). exact H.
Qed.

Theorem illcond2_gd_converges :
  forall eps, 0 < eps -> exists N, forall T, (N <= T)%nat -> norm2 2 (vsub (gd2 T) vzero) <= eps.
Proof.
  apply (aligned_converges 2 gd2 (fun t => quad_diag_grad lam2 (gd2 t)) vzero)
    with (eta := 1 / 10000) (c := 1) (C := 100);
    [intros; reflexivity | lra | lra | lra | lra | exact gd2_aligned].
Qed.
