(** * LeanSharp.Stochastic.LowerBounds — the O(1/T) stochastic rate cannot be improved

    The quadratic L(w) = (μ/2)‖w − w*‖² ([quad_center], gradient [quad_center_grad]
    w ↦ μ·(w − w* ), run with stochastic gradients μ·(w − w* ) + ξ_k, k drawn from a finite law,
    the noise unbiased with first-coordinate variance E ξ_{k,0}² ≥ σ² > 0 (e.g. the two-point
    law ξ = ±σ e₀). This is the iteration [StronglyConvexRate.sgd_iter] with the direction
    field D = ∇L, so [StronglyConvexRate.err] is the same E‖w_T − w*‖² that
    [StronglyConvexRate.sgd_rate_one_over_t] bounds by K/(T + t0).

    The step sizes η_t are ANY deterministic real sequence (not even positive).

    Main results
    - [one_step_lower]: for every real η and a ≥ 0,
          (1 − ημ)²a + η²σ² ≥ aσ²/(σ² + μ²a)
      (the left side is a quadratic in η, minimal at η = μa/(μ²a + σ²))
    - [recursion_lower_bound]: a_{t+1} ≥ (1 − η_tμ)²a_t + η_t²σ², a_0 ≥ 0
          ⇒ a_T ≥ a_0σ²/(σ² + Tμ²a_0)          (1/a_{t+1} ≤ 1/a_t + μ²/σ²)
    - [err0_recursion]: a_t = E(w_{t,0} − w*_0)² satisfies a_{t+1} = (1 − η_tμ)²a_t + η_t²E ξ_0²
    - [sgd_quadratic_lower_bound]: for n ≥ 1, every step-size sequence and every T,
          E‖w_T − w*‖² ≥ a_0σ²/(σ² + Tμ²a_0),   a_0 = (w_{0,0} − w*_0)²
      — the O(1/T) rate of [sgd_rate_one_over_t] is optimal up to its constant
    - [sgd_quadratic_optimal_schedule]: in one dimension with E ξ² = σ², the schedule
          η_t = μa_0/(σ² + (t + 1)μ²a_0)
      ATTAINS the bound: E(w_T − w* )² = a_0σ²/(σ² + Tμ²a_0) exactly (≤ σ²/(Tμ²))
    - [quad_center_gradient], [quad_center_aligned]: the model is a gradient pair and its
      gradient is (μ, μ)-aligned, so the upper bound applies to the same iteration *)

From Coq Require Import Reals Lra Lia List.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec Recursions FiniteProb.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Theory.Alignment Require Import Alignment.
From LeanSharp.Stochastic Require Import StronglyConvexRate.
Open Scope R_scope.

(** ** The model *)

Definition quad_center (n : nat) (mu : R) (wstar : W n) (w : W n) : R :=
  mu / 2 * norm2 n (vsub w wstar).

Definition quad_center_grad (n : nat) (mu : R) (wstar : W n) (w : W n) : W n :=
  vscale mu (vsub w wstar).

Theorem quad_center_gradient n mu wstar : is_gradient n (quad_center n mu wstar) (quad_center_grad n mu wstar).
Proof.
  intros w d t. unfold quad_center, quad_center_grad, norm2, inner, vsub, vscale.
  replace (vsum n (fun i => mu * (w i + t * d i - wstar i) * d i))
    with (mu / 2 * vsum n (fun i => 2 * ((w i + t * d i - wstar i) * d i)))
    by (rewrite <- !vsum_scal; apply vsum_ext; intros; field).
  apply (is_derive_scal (fun s => vsum n (fun i => (w i + s * d i - wstar i) * (w i + s * d i - wstar i)))).
  apply (is_derive_vsum n (fun i s => (w i + s * d i - wstar i) * (w i + s * d i - wstar i))
                         (fun i s => 2 * ((w i + s * d i - wstar i) * d i))).
  intros i _. auto_derive; [exact I|]. ring.
Qed.

Theorem quad_center_aligned n mu wstar (w : W n) :
  0 <= mu -> aligned n (quad_center_grad n mu wstar w) w wstar mu mu.
Proof.
  intros Hmu. unfold quad_center_grad. split.
  - rewrite inner_scale_l. unfold norm2. lra.
  - rewrite norm_scale, Rabs_pos_eq by exact Hmu. lra.
Qed.

(** ** The one-step and the sequence lower bounds *)

(** (1 − ημ)²a + η²σ² ≥ aσ²/(σ² + μ²a) for every real η. *)
Lemma one_step_lower mu s2 eta a :
  0 < s2 -> 0 <= a -> a * s2 / (s2 + mu ^ 2 * a) <= (1 - eta * mu) ^ 2 * a + eta ^ 2 * s2.
Proof.
  intros Hs Ha. assert (HS : 0 < s2 + mu ^ 2 * a) by (pose proof (pow2_ge_0 mu); nra).
  apply (Rmult_le_reg_l (s2 + mu ^ 2 * a)); [exact HS|].
  replace ((s2 + mu ^ 2 * a) * (a * s2 / (s2 + mu ^ 2 * a))) with (a * s2) by (field; lra).
  assert (0 <= (eta * (s2 + mu ^ 2 * a) - mu * a) ^ 2) by apply pow2_ge_0. nra.
Qed.

Definition lower_rate (mu s2 a0 : R) (T : nat) : R := a0 * s2 / (s2 + INR T * mu ^ 2 * a0).

Lemma lower_rate_S mu s2 a0 T :
  0 < s2 -> 0 <= a0 ->
  lower_rate mu s2 a0 (S T) = lower_rate mu s2 a0 T * s2 / (s2 + mu ^ 2 * lower_rate mu s2 a0 T).
Proof.
  intros Hs Ha. unfold lower_rate. rewrite S_INR. pose proof (pos_INR T).
  assert (0 <= INR T * mu ^ 2 * a0) by (apply Rmult_le_pos; [apply Rmult_le_pos; [lra | apply pow2_ge_0] | lra]).
  assert (0 <= mu ^ 2 * a0) by (apply Rmult_le_pos; [apply pow2_ge_0 | lra]).
  field. split; nra.
Qed.

(** x ↦ xσ²/(σ² + μ²x) is non-decreasing on [0, ∞). *)
Lemma lower_map_monotone mu s2 x y :
  0 < s2 -> 0 <= x <= y -> x * s2 / (s2 + mu ^ 2 * x) <= y * s2 / (s2 + mu ^ 2 * y).
Proof.
  intros Hs [Hx Hxy]. pose proof (pow2_ge_0 mu).
  assert (Hx' : 0 < s2 + mu ^ 2 * x) by nra. assert (Hy' : 0 < s2 + mu ^ 2 * y) by nra.
  unfold Rdiv. apply (Rmult_le_reg_r ((s2 + mu ^ 2 * x) * (s2 + mu ^ 2 * y))); [nra|].
  replace (x * s2 * / (s2 + mu ^ 2 * x) * ((s2 + mu ^ 2 * x) * (s2 + mu ^ 2 * y)))
    with (x * s2 * (s2 + mu ^ 2 * y)) by (field; lra).
  replace (y * s2 * / (s2 + mu ^ 2 * y) * ((s2 + mu ^ 2 * x) * (s2 + mu ^ 2 * y)))
    with (y * s2 * (s2 + mu ^ 2 * x)) by (field; lra).
  nra.
Qed.

Lemma lower_rate_nonneg mu s2 a0 T : 0 < s2 -> 0 <= a0 -> 0 <= lower_rate mu s2 a0 T.
Proof.
  intros Hs Ha. unfold lower_rate. apply Rle_mult_inv_pos; [nra|].
  pose proof (pos_INR T). pose proof (pow2_ge_0 mu).
  assert (0 <= INR T * mu ^ 2 * a0) by (apply Rmult_le_pos; [apply Rmult_le_pos|]; lra). lra.
Qed.

(** a_{t+1} ≥ (1 − η_tμ)²a_t + η_t²σ² for ANY real η_t gives a_T ≥ a_0σ²/(σ² + Tμ²a_0). *)
Theorem recursion_lower_bound (a eta : nat -> R) mu s2 :
  0 < s2 -> 0 <= a 0%nat ->
  (forall t, (1 - eta t * mu) ^ 2 * a t + eta t ^ 2 * s2 <= a (S t)) ->
  forall T, lower_rate mu s2 (a 0%nat) T <= a T.
Proof.
  intros Hs Ha0 Hrec T. induction T as [|T IH].
  - unfold lower_rate. simpl. right. field. lra.
  - rewrite lower_rate_S by assumption. pose proof (lower_rate_nonneg mu s2 (a 0%nat) T Hs Ha0).
    eapply Rle_trans; [apply (lower_map_monotone mu s2 _ (a T)); [exact Hs | lra]|].
    eapply Rle_trans; [apply (one_step_lower mu s2 (eta T)); lra | apply Hrec].
Qed.

(** ** The stochastic iteration on the quadratic *)

Section Quadratic.

Context {n K : nat} (p : nat -> R) (xi : nat -> W n) (mu s2 : R) (wstar w0 : W n).
Hypotheses (Hlaw : is_law K p) (Hunb : unbiased n K p xi) (Hn : (0 < n)%nat).

Let D := quad_center_grad n mu wstar.

(** The error in the first coordinate, a_t = E(w_{t,0} − w*_0)². *)
Definition err0 (eta : nat -> R) (t : nat) : R :=
  hexpect K p t (fun h => (sgd_iter n xi D eta w0 h 0%nat - wstar 0%nat) ^ 2).

Lemma hexpect_ext_len t (f g : list nat -> R) :
  (forall h, length h = t -> f h = g h) -> hexpect K p t f = hexpect K p t g.
Proof.
  intros H. apply Rle_antisym; apply hexpect_le; try exact Hlaw; intros h Hh; rewrite H by exact Hh; lra.
Qed.

Theorem err0_recursion eta t :
  err0 eta (S t) = (1 - eta t * mu) ^ 2 * err0 eta t + eta t ^ 2 * expect K p (fun k => xi k 0%nat ^ 2).
Proof.
  unfold err0. rewrite hexpect_S, <- hexpect_affine by exact Hlaw. apply hexpect_ext_len. intros h Hh.
  cbn [sgd_iter]. rewrite Hh. set (e := sgd_iter n xi D eta w0 h 0%nat - wstar 0%nat).
  rewrite (expect_ext K p _ (fun k => ((1 - eta t * mu) ^ 2 * e ^ 2 + (eta t ^ 2) * xi k 0%nat ^ 2)
                                      + (-2 * (1 - eta t * mu) * e * eta t) * xi k 0%nat))
    by (intros k _; unfold e, stoch_step, D, quad_center_grad, vsub, vadd, vscale; ring).
  rewrite expect_add, expect_add, expect_const, expect_scal, expect_scal, (Hunb 0%nat Hn) by exact Hlaw.
  ring.
Qed.

Lemma norm2_ge_coord0 (v : W n) : v 0%nat ^ 2 <= norm2 n v.
Proof.
  unfold norm2, inner. replace (v 0%nat ^ 2) with ((fun i => v i * v i) 0%nat) by (simpl; ring).
  apply (vsum_term_le n (fun i => v i * v i)); [intros; nra | exact Hn].
Qed.

Lemma err_ge_err0 eta T : err0 eta T <= err n K p xi D eta w0 wstar T.
Proof.
  unfold err0, err. apply hexpect_le; [exact Hlaw|]. intros h _.
  replace (sgd_iter n xi D eta w0 h 0%nat - wstar 0%nat) with (vsub (sgd_iter n xi D eta w0 h) wstar 0%nat)
    by reflexivity.
  apply norm2_ge_coord0.
Qed.

(** Every step-size sequence: E‖w_T − w*‖² ≥ a_0σ²/(σ² + Tμ²a_0), a_0 = (w_{0,0} − w*_0)². *)
Theorem sgd_quadratic_lower_bound (eta : nat -> R) T :
  0 < s2 -> s2 <= expect K p (fun k => xi k 0%nat ^ 2) ->
  lower_rate mu s2 ((w0 0%nat - wstar 0%nat) ^ 2) T <= err n K p xi D eta w0 wstar T.
Proof.
  intros Hs Hv. eapply Rle_trans; [|apply err_ge_err0].
  apply (recursion_lower_bound (err0 eta) eta mu s2 Hs); [apply pow2_ge_0|].
  intros t. rewrite err0_recursion.
  assert (eta t ^ 2 * s2 <= eta t ^ 2 * expect K p (fun k => xi k 0%nat ^ 2))
    by (apply Rmult_le_compat_l; [apply pow2_ge_0 | exact Hv]). lra.
Qed.

End Quadratic.

(** The schedule that attains the bound. *)
Definition optimal_step (mu s2 a0 : R) (t : nat) : R := mu * a0 / (s2 + (INR t + 1) * mu ^ 2 * a0).

(** In one dimension with E ξ² = σ², η_t = μa_0/(σ² + (t + 1)μ²a_0) gives
    E(w_T − w* )² = a_0σ²/(σ² + Tμ²a_0) exactly. *)
Theorem sgd_quadratic_optimal_schedule K p (xi : nat -> W 1) mu s2 (wstar w0 : W 1) T :
  is_law K p -> unbiased 1 K p xi -> 0 < s2 -> expect K p (fun k => xi k 0%nat ^ 2) = s2 ->
  err 1 K p xi (quad_center_grad 1 mu wstar) (optimal_step mu s2 ((w0 0%nat - wstar 0%nat) ^ 2)) w0 wstar T
  = lower_rate mu s2 ((w0 0%nat - wstar 0%nat) ^ 2) T.
Proof.
  intros Hl Hu Hs Hv. set (a0 := (w0 0%nat - wstar 0%nat) ^ 2). assert (Ha0 : 0 <= a0) by apply pow2_ge_0.
  transitivity (@err0 1 K p xi mu wstar w0 (optimal_step mu s2 a0) T).
  { unfold err, err0. apply hexpect_ext. intros h. unfold norm2, inner, vsub. simpl. ring. }
  induction T as [|T IH].
  - unfold err0, lower_rate. cbn [hexpect sgd_iter INR]. fold a0. field. lra.
  - rewrite err0_recursion by (assumption || lia). rewrite IH, Hv.
    unfold lower_rate, optimal_step. rewrite S_INR. pose proof (pos_INR T). pose proof (pow2_ge_0 mu).
    assert (0 <= INR T * mu ^ 2 * a0) by (apply Rmult_le_pos; [apply Rmult_le_pos|]; lra).
    assert (0 <= mu ^ 2 * a0) by (apply Rmult_le_pos; lra).
    field. split; nra.
Qed.

(** The attained value is at most σ²/(Tμ²): the optimal schedule has the O(1/T) rate. *)
Lemma lower_rate_le_inv mu s2 a0 T :
  0 < s2 -> 0 <= a0 -> mu <> 0 -> (0 < T)%nat -> lower_rate mu s2 a0 T <= s2 / (INR T * mu ^ 2).
Proof.
  intros Hs Ha Hmu HT. unfold lower_rate. assert (HT' : 0 < INR T) by (apply lt_0_INR; lia).
  assert (Hm : 0 < mu ^ 2) by (pose proof (Rsqr_pos_lt mu Hmu); unfold Rsqr in *; nra).
  assert (0 < INR T * mu ^ 2) by nra. assert (0 <= INR T * mu ^ 2 * a0) by nra.
  unfold Rdiv. apply (Rmult_le_reg_r ((s2 + INR T * mu ^ 2 * a0) * (INR T * mu ^ 2))); [nra|].
  replace (a0 * s2 * / (s2 + INR T * mu ^ 2 * a0) * ((s2 + INR T * mu ^ 2 * a0) * (INR T * mu ^ 2)))
    with (a0 * s2 * (INR T * mu ^ 2)) by (field; lra).
  replace (s2 * / (INR T * mu ^ 2) * ((s2 + INR T * mu ^ 2 * a0) * (INR T * mu ^ 2)))
    with (s2 * (s2 + INR T * mu ^ 2 * a0)) by (field; lra).
  nra.
Qed.
