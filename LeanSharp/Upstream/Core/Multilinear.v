(** * LeanSharp.Upstream.Core.Multilinear — upstream LeanSharp/Core/Taylor/Multilinear.lean

    Translates upstream's n-th order Taylor bound along a segment: for L with an
    (n+1)-th directional derivative bounded by M‖ε‖^{n+1} on [0, 1],
    |L(w + ε) − Taylor_n(φ; 0)(1)| ≤ M‖ε‖^{n+1}/n!, φ(t) = L(w + tε). The translation of
    notions is the one of [Upstream/All.v]; file-specific choices:
    - upstream's [SmoothObjectiveN ι n] (L is C^n Fréchet, M ∈ ℝ≥0, the n-th derivative of
      φ(t) = L(w + tε) within [0, 1] bounded by M‖ε‖ⁿ) is the record
      [SmoothObjectiveN N n] on W N: φ has derivatives of every order k ≤ n everywhere
      (Coquelicot [ex_derive_n], along every line — continuity of the n-th one is not
      required, a weaker hypothesis), M ≥ 0, and |φ⁽ⁿ⁾(y)| ≤ M‖ε‖ⁿ for y ∈ [0, 1].
    - [taylorWithinEval f n (Icc 0 1) x₀ x] = Σ_{k ≤ n} f⁽ᵏ⁾(x₀)/k! (x − x₀)^k is
      [taylorWithinEval f n x₀ x] with Coquelicot's [Derive_n]: for f differentiable on
      ℝ the derivatives within [0, 1] at its points are the two-sided ones.
    - The bound is proved through Coquelicot's Taylor–Lagrange theorem, which gives the
      sharper M‖ε‖^{n+1}/(n+1)!; upstream's /n! follows.

    Equal: multilinear_taylor_bound.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
Open Scope R_scope.

Record SmoothObjectiveN (N n : nat) : Type := MkSmoothObjectiveN {
  toFun : W N -> R;
  smoothness : R;
  smoothness_nonneg : 0 <= smoothness;
  iterated_differentiable : forall (w e : W N) (k : nat) (t : R), (k <= n)%nat ->
    ex_derive_n (fun s => toFun (fun i => w i + s * e i)) k t;
  bound : forall (w e : W N) (y : R), 0 <= y <= 1 ->
    Rabs (Derive_n (fun s => toFun (fun i => w i + s * e i)) n y) <= smoothness * norm N e ^ n }.

Arguments toFun {N n}. Arguments smoothness {N n}. Arguments smoothness_nonneg {N n}.
Arguments iterated_differentiable {N n}. Arguments bound {N n}.

(** taylorWithinEval f n x₀ x = Σ_{k ≤ n} (x − x₀)^k / k! · f⁽ᵏ⁾(x₀). *)
Definition taylorWithinEval (f : R -> R) (n : nat) (x0 x : R) : R :=
  sum_f_R0 (fun k => (x - x0) ^ k / INR (fact k) * Derive_n f k x0) n.

(** [multilinear_taylor_bound]:
    |L(w + ε) − taylorWithinEval (t ↦ L(w + tε)) n 0 1| ≤ M‖ε‖^{n+1}/n!. *)
Theorem multilinear_taylor_bound N n (L : SmoothObjectiveN N (S n)) (w e : W N) :
  Rabs (toFun L (vadd w e) - taylorWithinEval (fun t => toFun L (fun i => w i + t * e i)) n 0 1)
  <= smoothness L * norm N e ^ (S n) / INR (fact n).
Proof.
  set (phi := fun t => toFun L (fun i => w i + t * e i)).
  destruct (Taylor_Lagrange phi n 0 1 Rlt_0_1) as [z [Hz Heq]].
  { intros t _ k Hk. now apply iterated_differentiable. }
  assert (E1 : toFun L (vadd w e) = phi 1).
  { unfold phi. f_equal. apply functional_extensionality. intros i. unfold vadd. ring. }
  rewrite E1, Heq. unfold taylorWithinEval.
  match goal with |- Rabs (?a + ?b - ?c) <= _ => replace (a + b - c) with b by ring end.
  replace (1 - 0) with 1 by ring. rewrite pow1.
  pose proof (bound L w e z ltac:(lra)) as Hb.
  assert (HF0 : 0 < INR (fact n)) by (apply lt_0_INR, lt_O_fact).
  assert (HF : INR (fact n) <= INR (fact (S n))) by (apply le_INR; simpl; lia).
  pose proof (Rabs_pos (Derive_n phi (S n) z)).
  rewrite Rabs_mult, (Rabs_pos_eq (1 / INR (fact (S n)))) by (apply Rlt_le, Rdiv_lt_0_compat; lra).
  apply Rle_trans with (Rabs (Derive_n phi (S n) z) / INR (fact n)).
  - unfold Rdiv. rewrite Rmult_1_l, Rmult_comm. apply Rmult_le_compat_l; [lra|].
    apply Rinv_le_contravar; lra.
  - unfold Rdiv. apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat; lra | exact Hb].
Qed.
