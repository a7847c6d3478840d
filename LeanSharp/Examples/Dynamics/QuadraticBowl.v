(** * LeanSharp.Examples.Dynamics.QuadraticBowl — ZSharp on the quadratic bowl L(w) = ½‖w‖²

    The loss L(w) = ½‖w‖² has gradient ∇L(w) = w and minimiser w* = 0.  The ZSharp
    direction at w, for ANY 0/1 mask m (so in particular for ZSharp's own mask, which is
    a 0/1 mask computed from the gradient), is
        d = ∇L(w + ε) = w + ε,    ε = ρ g_f / (‖g_f‖ + δ),  g_f = w ⊙ m.
    Since ⟨ε, w⟩ = ρ‖g_f‖² / (‖g_f‖ + δ) ≥ 0 and ‖ε‖ ≤ ρ:
        ⟨d, w⟩ ≥ ‖w‖²   and   ‖d‖ ≤ ‖w‖ + ρ.

    Why two statements.  With a FIXED radius ρ > 0 the ZSharp direction cannot be
    (c, C)-aligned near w* = 0: alignment at w would force ‖d‖ ≤ C‖w‖ → 0, while
    ‖d‖ = ‖w + ε‖ stays of order ρ (for w ≠ 0 with w ⊙ m ≠ 0, ‖d‖ ≥ ⟨d, w⟩/‖w‖ ≥ ‖w‖ +
    ⟨ε, w⟩/‖w‖, and ε does not shrink with w).  So the faithful results are:
    (a) on the region ‖w‖ ≥ r > 0 the ZSharp direction is (1, 1 + ρ/r)-aligned
        ([bowl_zsharp_aligned]); the alignment theorem fires there — e.g. for ρ = r = 1,
        C = 2, η = 1/4 each step contracts ‖w‖² by q = 3/4 ([bowl_zsharp_step_contracts]),
        and iterates that stay outside the r-ball converge geometrically
        ([bowl_zsharp_geometric_outside_ball]);
    (b) end to end, for 0 < η ≤ 1, the ZSharp iteration w_{t+1} = w_t − η(w_t + ε_t)
        satisfies ‖w_{t+1}‖ ≤ (1 − η)‖w_t‖ + ηρ, hence
            ‖w_T‖ ≤ (1 − η)^T ‖w_0‖ + ρ        ([bowl_zsharp_converges]):
        geometric convergence to the ρ-ball — the true behaviour of SAM with fixed ρ.
    The role of δ: with δ = 0, alignment provably fails near w*
    ([bowl_zsharp_not_aligned_near_min]); with δ > 0, ‖ε‖ ≤ (ρ/δ)‖w‖ makes the direction
    (1, 1 + ρ/δ)-aligned everywhere ([bowl_zsharp_aligned_global]) and the iteration
    converges to w* ([bowl_zsharp_geometric_delta]) — but for ZSharp's δ = 1e-12 the
    step must be η < 2/(1 + 10¹²ρ)² ([bowl_zsharp_geometric_delta_witness]).

    The loss [bowl n w] = ½‖w‖², its gradient [bowl_grad n w] = w and [bowl_gradient]
    (is_gradient) are reused from LeanSharp.Examples.Dynamics.SmoothWitness.
    Other results: [bowl_gd_aligned] (plain GD is (1, 1)-aligned), [bowl_zsharp_inner],
    [bowl_zsharp_norm];
    witnesses on w_0 = (3, 4) ∈ R² with ZSharp's actual mask ([zsharp_mask1]). *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import SAM Smooth ZSharpDirection.
From LeanSharp.Theory.Alignment Require Import Alignment.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Dynamics Require Import SmoothWitness.
Open Scope R_scope.

(** The bowl and its gradient are those of LeanSharp.Examples.Dynamics.SmoothWitness:
    [bowl n w] = ½‖w‖², [bowl_grad n w] = w, [bowl_gradient] (∇(½‖w‖²) = w),
    [bowl_smooth] (1-smooth), [bowl_strongly_convex] (1-strongly convex). *)

(** Plain gradient descent on the bowl is (1, 1)-aligned everywhere (curvature ⇒ alignment). *)
Lemma bowl_gd_aligned n (w : W n) : aligned n (bowl_grad n w) w vzero 1 1.
Proof.
  apply (strongly_convex_smooth_aligned (bowl_strongly_convex n) (bowl_smooth n)).
  intros; apply bowl_grad_zero; assumption.
Qed.

Section Bowl.
  Variables (n : nat) (rho delta : R).
  Hypotheses (Hrho : 0 <= rho) (Hdelta : 0 <= delta).

  Let d m w := zsharp_dir n rho delta (bowl_grad n) m w.

  (** ⟨ε, w⟩ = ρ‖w ⊙ m‖² / (‖w ⊙ m‖ + δ). *)
  Lemma bowl_zsharp_eps_inner m w :
    is_mask n m ->
    inner n (zsharp_eps n rho delta w m) w =
    rho * norm2 n (hadamard w m) / (norm n (hadamard w m) + delta).
  Proof.
    intros Hm. unfold zsharp_eps, sam_eps.
    rewrite inner_scale_l, inner_sym, inner_filtered by exact Hm. unfold Rdiv. ring.
  Qed.

  Lemma bowl_zsharp_inner m w : is_mask n m -> norm2 n w <= inner n (d m w) w.
  Proof.
    intros Hm. unfold d, zsharp_dir, bowl_grad. rewrite inner_add_l, (inner_sym n (zsharp_eps _ _ _ _ _)).
    assert (0 <= inner n w (zsharp_eps n rho delta w m)) by (apply inner_zsharp_eps_nonneg; assumption).
    unfold norm2. lra.
  Qed.

  Lemma bowl_zsharp_norm m w : norm n (d m w) <= norm n w + rho.
  Proof.
    unfold d, zsharp_dir, bowl_grad. eapply Rle_trans; [apply norm_triangle|].
    pose proof (zsharp_eps_norm_le rho delta w m Hrho Hdelta). lra.
  Qed.

  (** (a) Outside the r-ball the ZSharp direction is (1, 1 + ρ/r)-aligned with w* = 0,
      for every 0/1 mask m. *)
  Theorem bowl_zsharp_aligned m w r :
    is_mask n m -> 0 < r -> r <= norm n w -> aligned n (d m w) w vzero 1 (1 + rho / r).
  Proof.
    intros Hm Hr Hw. apply aligned_vzero_intro.
    - rewrite Rmult_1_l. now apply bowl_zsharp_inner.
    - eapply Rle_trans; [apply bowl_zsharp_norm|].
      assert (rho <= rho / r * norm n w); [|lra].
      apply Rmult_le_reg_l with r; [lra|].
      replace (r * (rho / r * norm n w)) with (rho * norm n w) by (field; lra). nra.
  Qed.

  (** (a), iterated: while the ZSharp iterates (any masks m_t) stay outside the r-ball,
      ‖w_T‖² ≤ q^T ‖w_0‖², q = 1 − 2η + η²(1 + ρ/r)², for 0 < η < 2/(1 + ρ/r)². *)
  Theorem bowl_zsharp_geometric_outside_ball (w ms : nat -> W n) eta r T :
    (forall t, is_mask n (ms t)) ->
    (forall t i, (i < n)%nat -> w (S t) i = zsharp_step n eta rho delta (bowl_grad n) (ms t) (w t) i) ->
    0 < r -> 0 < eta -> eta < 2 * 1 / ((1 + rho / r) * (1 + rho / r)) ->
    (forall t, (t < T)%nat -> r <= norm n (w t)) ->
    norm2 n (w T) <= contraction_factor eta 1 (1 + rho / r) ^ T * norm2 n (w 0%nat).
  Proof.
    intros Hm Hstep Hr He Hlt Hout.
    rewrite <- (norm2_vsub_vzero n (w T)), <- (norm2_vsub_vzero n (w 0%nat)).
    apply (aligned_geometric n w (fun t => d (ms t) (w t))); try lra.
    - intros t i Hi. rewrite Hstep by exact Hi. reflexivity.
    - assert (0 <= rho / r) by (apply Rmult_le_pos; [lra | apply Rlt_le, Rinv_0_lt_compat; lra]).
      lra.
    - intros t Ht. apply bowl_zsharp_aligned; auto.
  Qed.

  (** (b) One step: ‖w⁺‖ ≤ (1 − η)‖w‖ + ηρ for 0 ≤ η ≤ 1. *)
  Lemma bowl_zsharp_step_norm eta m w :
    0 <= eta <= 1 ->
    norm n (zsharp_step n eta rho delta (bowl_grad n) m w) <= (1 - eta) * norm n w + eta * rho.
  Proof.
    intros He.
    rewrite (norm_ext n _ (vadd (vscale (1 - eta) w) (vscale (- eta) (zsharp_eps n rho delta w m))))
      by (intros; unfold zsharp_step, sam_step, bowl_grad, vsub, vadd, vscale; ring).
    eapply Rle_trans; [apply norm_triangle|]. rewrite !norm_scale.
    rewrite Rabs_pos_eq by lra. rewrite Rabs_left1 by lra.
    pose proof (zsharp_eps_norm_le rho delta w m Hrho Hdelta). nra.
  Qed.

  (** (b) End to end: the ZSharp iteration (any masks m_t) converges geometrically to the
      ρ-ball:  ‖w_T‖ ≤ (1 − η)^T ‖w_0‖ + ρ  for 0 < η ≤ 1. *)
  Theorem bowl_zsharp_converges (w ms : nat -> W n) eta :
    (forall t i, (i < n)%nat -> w (S t) i = zsharp_step n eta rho delta (bowl_grad n) (ms t) (w t) i) ->
    0 < eta <= 1 ->
    forall T, norm n (w T) <= (1 - eta) ^ T * norm n (w 0%nat) + rho.
  Proof.
    intros Hstep He. apply (linear_recursion_bound (fun t => norm n (w t)) (1 - eta) (eta * rho));
      [lra | lra | lra |].
    intros t. rewrite (norm_ext n (w (S t)) _ (Hstep t)). apply bowl_zsharp_step_norm. lra.
  Qed.
End Bowl.

(** ** Witnesses: R², w_0 = (3, 4), ρ = 1, δ = 1e-12, and ZSharp's actual mask
    ([zsharp_mask1]: ε_std = 1e-8, p = 70, top-k fallback) recomputed from each gradient *)

Definition bowl_w0 : W 2 := g34.

Lemma bowl_w0_norm : norm 2 bowl_w0 = 5.
Proof. exact norm_g34. Qed.

Lemma bowl_delta_nonneg : 0 <= 1e-12.
Proof. exact zsharp_delta_nonneg. Qed.

(** (a) at w_0: the ZSharp direction is (1, 2)-aligned (r = ρ = 1). *)
Lemma bowl_zsharp_aligned_witness :
  aligned 2 (zsharp_dir 2 1 1e-12 (bowl_grad 2) (zsharp_mask1 2 (bowl_grad 2 bowl_w0)) bowl_w0)
          bowl_w0 vzero 1 2.
Proof.
  pose proof (bowl_zsharp_aligned 2 1 1e-12 ltac:(lra) bowl_delta_nonneg
                (zsharp_mask1 2 (bowl_grad 2 bowl_w0)) bowl_w0 1 (zsharp_mask1_is_mask _ _)
                ltac:(lra) ltac:(rewrite bowl_w0_norm; lra)) as H.
  replace (1 + 1 / 1) with 2 in H by field. exact H.
Qed.

(** (a) with ρ = r = 1, C = 2, η = 1/4: outside the unit ball one ZSharp step contracts
    ‖w‖² by q = 3/4, for every 0/1 mask m. *)
Theorem bowl_zsharp_step_contracts n delta m (w : W n) :
  0 <= delta -> is_mask n m -> 1 <= norm n w ->
  norm2 n (zsharp_step n (1 / 4) 1 delta (bowl_grad n) m w) <= 3 / 4 * norm2 n w.
Proof.
  intros Hd Hm Hw.
  assert (Hal := bowl_zsharp_aligned n 1 delta ltac:(lra) Hd m w 1 Hm ltac:(lra) Hw).
  pose proof (aligned_step_contracts (1 / 4) Hal ltac:(lra)) as H.
  rewrite norm2_vsub_vzero, norm2_vsub_vzero in H.
  replace (contraction_factor (1 / 4) 1 (1 + 1 / 1)) with (3 / 4) in H
    by (unfold contraction_factor; field). exact H.
Qed.

Lemma bowl_zsharp_step_contracts_witness :
  norm2 2 (zsharp_step 2 (1 / 4) 1 1e-12 (bowl_grad 2) (zsharp_mask1 2 bowl_w0) bowl_w0)
  <= 3 / 4 * norm2 2 bowl_w0.
Proof.
  apply bowl_zsharp_step_contracts;
    [apply bowl_delta_nonneg | exact (zsharp_mask1_is_mask 2 _) | rewrite bowl_w0_norm; lra].
Qed.

(** (b) on the real ZSharp iteration from w_0 = (3, 4) with η = 1/2:
    ‖w_T‖ ≤ 5/2^T + 1. *)
Theorem bowl_zsharp_converges_witness T :
  norm 2 (zsharp_iter 2 (1 / 2) 1 1e-12 (bowl_grad 2) (zsharp_mask1 2) bowl_w0 T)
  <= (1 / 2) ^ T * 5 + 1.
Proof.
  rewrite <- bowl_w0_norm. replace (1 / 2) with (1 - 1 / 2) at 2 by field.
  apply (bowl_zsharp_converges 2 1 1e-12 ltac:(lra) bowl_delta_nonneg
           (zsharp_iter 2 (1 / 2) 1 1e-12 (bowl_grad 2) (zsharp_mask1 2) bowl_w0)
           (fun t => zsharp_mask1 2 (bowl_grad 2 (zsharp_iter 2 (1 / 2) 1 1e-12 (bowl_grad 2) (zsharp_mask1 2) bowl_w0 t))));
    [intros; reflexivity | lra].
Qed.

(** ** The role of δ

    With δ = 0 (the idealised ε = ρ g_f/‖g_f‖, ‖ε‖ = ρ) alignment genuinely fails near
    w* = 0.  With δ > 0 the perturbation shrinks near w* (‖ε‖ ≤ (ρ/δ)‖w‖), so the ZSharp
    direction is formally (1, 1 + ρ/δ)-aligned everywhere and converges to w* itself —
    but for ZSharp's δ = 1e-12 the admissible step is η < 2/(1 + 10¹²ρ)², and the rate
    q = 1 − 1/(1 + 10¹²)² (ρ = 1) is useless in practice: statement (b) above is the
    meaningful one. *)

(** δ = 0: if w ⊙ m ≠ 0 and (C + 1)‖w‖ < ρ, the ZSharp direction is not (c, C)-aligned
    at w, whatever c. *)
Theorem bowl_zsharp_not_aligned_near_min n rho m (w : W n) c C :
  0 <= C -> 0 < norm n (hadamard w m) -> (C + 1) * norm n w < rho ->
  ~ aligned n (zsharp_dir n rho 0 (bowl_grad n) m w) w vzero c C.
Proof.
  intros HC Hgf Hsmall [_ Hn].
  change (norm n (vadd w (zsharp_eps n rho 0 w m)) <= C * norm n (vsub w vzero)) in Hn.
  rewrite (norm_ext n (vsub w vzero) w) in Hn by (intros; unfold vsub, vzero; ring).
  pose proof (norm_nonneg n w) as Hw.
  assert (Hr : 0 <= rho) by (assert (0 <= (C + 1) * norm n w) by (apply Rmult_le_pos; lra); lra).
  pose proof (zsharp_eps_norm n rho w m Hr Hgf) as He.
  assert (Htri : norm n (zsharp_eps n rho 0 w m)
                 <= norm n (vadd w (zsharp_eps n rho 0 w m)) + norm n w).
  { rewrite (norm_ext n (zsharp_eps n rho 0 w m)
               (vadd (vadd w (zsharp_eps n rho 0 w m)) (vscale (-1) w)))
      by (intros; unfold vadd, vscale; ring).
    eapply Rle_trans; [apply norm_triangle|]. rewrite norm_scale, Rabs_left1 by lra. lra. }
  lra.
Qed.

(** δ > 0: the ZSharp direction is (1, 1 + ρ/δ)-aligned at every w, for every 0/1 mask. *)
Theorem bowl_zsharp_aligned_global n rho delta m (w : W n) :
  0 <= rho -> 0 < delta -> is_mask n m ->
  aligned n (zsharp_dir n rho delta (bowl_grad n) m w) w vzero 1 (1 + rho / delta).
Proof.
  intros Hr Hd Hm. apply aligned_vzero_intro.
  - rewrite Rmult_1_l. exact (bowl_zsharp_inner n rho delta Hr (Rlt_le _ _ Hd) m w Hm).
  - change (norm n (vadd w (zsharp_eps n rho delta w m)) <= (1 + rho / delta) * norm n w).
    eapply Rle_trans; [apply norm_triangle|].
    assert (norm n (zsharp_eps n rho delta w m) <= rho / delta * norm n w)
      by (apply zsharp_eps_norm_le_grad; assumption). lra.
Qed.

(** δ > 0: the ZSharp iteration (any masks) converges geometrically to w* = 0 for
    0 < η < 2/(1 + ρ/δ)². *)
Corollary bowl_zsharp_geometric_delta n rho delta (w ms : nat -> W n) eta T :
  0 <= rho -> 0 < delta -> (forall t, is_mask n (ms t)) ->
  (forall t i, (i < n)%nat -> w (S t) i = zsharp_step n eta rho delta (bowl_grad n) (ms t) (w t) i) ->
  0 < eta -> eta < 2 * 1 / ((1 + rho / delta) * (1 + rho / delta)) ->
  norm2 n (w T) <= contraction_factor eta 1 (1 + rho / delta) ^ T * norm2 n (w 0%nat).
Proof.
  intros Hr Hd Hm Hstep He Hlt.
  assert (0 <= rho / delta) by (unfold Rdiv; apply Rmult_le_pos; [lra | apply Rlt_le, Rinv_0_lt_compat; lra]).
  rewrite <- (norm2_vsub_vzero n (w T)), <- (norm2_vsub_vzero n (w 0%nat)).
  apply (aligned_geometric n w (fun t => zsharp_dir n rho delta (bowl_grad n) (ms t) (w t)));
    try lra.
  - intros t i Hi. rewrite Hstep by exact Hi. reflexivity.
  - intros t _. now apply bowl_zsharp_aligned_global.
Qed.

(** With ZSharp's real constants ρ = 1, δ = 1e-12 and its actual mask, from w_0 = (3, 4):
    ‖w_T‖² ≤ 25 (1 − 1/C²)^T with C = 1 + 10¹², η = 1/C². *)
Theorem bowl_zsharp_geometric_delta_witness T :
  let C := 1 + 1 / 1e-12 in
  norm2 2 (zsharp_iter 2 (1 / (C * C)) 1 1e-12 (bowl_grad 2) (zsharp_mask1 2) bowl_w0 T)
  <= (1 - 1 / (C * C)) ^ T * 25.
Proof.
  intros C. assert (HC : 1 <= C) by (unfold C; lra).
  assert (HC2 : 0 < C * C) by nra.
  set (w := zsharp_iter 2 (1 / (C * C)) 1 1e-12 (bowl_grad 2) (zsharp_mask1 2) bowl_w0).
  pose proof (bowl_zsharp_geometric_delta 2 1 1e-12 w
                (fun t => zsharp_mask1 2 (bowl_grad 2 (w t))) (1 / (C * C)) T
                ltac:(lra) ltac:(lra) (fun t => zsharp_mask1_is_mask 2 _)
                ltac:(intros; reflexivity)) as H.
  fold C in H. specialize (H ltac:(apply Rdiv_lt_0_compat; lra)).
  assert (Hlt : 1 / (C * C) < 2 * 1 / (C * C))
    by (unfold Rdiv; apply Rmult_lt_compat_r; [apply Rinv_0_lt_compat|]; lra).
  specialize (H Hlt).
  replace (contraction_factor (1 / (C * C)) 1 C) with (1 - 1 / (C * C)) in H
    by (unfold contraction_factor; field; lra).
  replace (norm2 2 (w 0%nat)) with 25 in H by (unfold w, norm2, inner; simpl; ring). exact H.
Qed.

(** The hypotheses of [bowl_zsharp_not_aligned_near_min] are satisfiable: in R¹, w = 1/100,
    m = 1, ρ = 1, C = 1: the ZSharp direction (δ = 0) is not (c, 1)-aligned, for any c. *)
Lemma bowl_zsharp_not_aligned_witness c :
  ~ aligned 1 (zsharp_dir 1 1 0 (bowl_grad 1) (fun _ => 1) (fun _ => 1 / 100))
            (fun _ => 1 / 100) vzero c 1.
Proof.
  assert (Hn : forall x, 0 <= x -> norm 1 (fun _ => x) = x)
    by (intros x Hx; unfold norm, norm2, inner; simpl; rewrite Rplus_0_l; apply sqrt_square, Hx).
  apply bowl_zsharp_not_aligned_near_min; [lra | |].
  - rewrite (norm_ext 1 _ (fun _ => 1 / 100)) by (intros; unfold hadamard; ring).
    rewrite Hn; lra.
  - rewrite Hn; lra.
Qed.
