(** * LeanSharp.Core.FiniteProb — finite probability spaces and a stochastic gradient oracle

    A law on K outcomes is a weight vector p : nat -> R read on [0, K).

    Definitions
    - [is_law K p]           : p_k ≥ 0 for k < K and Σ_{k<K} p_k = 1
    - [expect K p f]         = E[f] = Σ_{k<K} p_k f(k)
    - [prob_ge K p f r]      = P(f ≥ r) = E[1_{f ≥ r}]
    - [unbiased n K p xi]    : noise ξ : nat -> W n (one vector per outcome) with
                               E[ξ_i] = 0 for every coordinate i < n
    - [bounded_variance n K p xi s2] : E[‖ξ‖²] ≤ σ²
    - [oracle n K p xi s2]   : law + unbiased + bounded variance

    Main results
    - [expect_add], [expect_scal], [expect_const], [expect_le], [expect_nonneg]:
      linearity and monotonicity of E
    - [expect_sq_le] (Jensen for squares): E[f]² ≤ E[f²]
    - [markov]: f ≥ 0, r > 0  ⇒  P(f ≥ r) ≤ E[f]/r
    - [expect_inner_noise]: ξ unbiased ⇒ E[⟨u, ξ⟩] = 0 for every fixed u
    - [expect_norm2_shift]: ξ unbiased ⇒ E‖v + cξ‖² = ‖v‖² + c²E‖ξ‖²
    - [expect_norm2_noisy_grad]: ξ unbiased ⇒ E‖g + ξ‖² = ‖g‖² + E‖ξ‖² *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec.
Open Scope R_scope.

Definition is_law (K : nat) (p : nat -> R) : Prop :=
  (forall k, (k < K)%nat -> 0 <= p k) /\ vsum K p = 1.

Definition expect (K : nat) (p : nat -> R) (f : nat -> R) : R := vsum K (fun k => p k * f k).

Definition indicator_ge (x r : R) : R := if Rle_dec r x then 1 else 0.

Definition prob_ge (K : nat) (p : nat -> R) (f : nat -> R) (r : R) : R :=
  expect K p (fun k => indicator_ge (f k) r).

(** ** Linearity and monotonicity *)

Lemma expect_ext K p f g : (forall k, (k < K)%nat -> f k = g k) -> expect K p f = expect K p g.
Proof. intros H. apply vsum_ext. intros k Hk. now rewrite H. Qed.

Lemma expect_add K p f g : expect K p (fun k => f k + g k) = expect K p f + expect K p g.
Proof. unfold expect. rewrite <- vsum_add. apply vsum_ext. intros; ring. Qed.

Lemma expect_scal K p c f : expect K p (fun k => c * f k) = c * expect K p f.
Proof. unfold expect. rewrite <- vsum_scal. apply vsum_ext. intros; ring. Qed.

Lemma expect_const K p c : is_law K p -> expect K p (fun _ => c) = c.
Proof.
  intros [_ H1]. unfold expect. rewrite (vsum_ext K _ (fun k => c * p k)) by (intros; ring).
  rewrite vsum_scal, H1. ring.
Qed.

Lemma expect_le K p f g :
  is_law K p -> (forall k, (k < K)%nat -> f k <= g k) -> expect K p f <= expect K p g.
Proof.
  intros [Hp _] H. apply vsum_le. intros k Hk. apply Rmult_le_compat_l; auto.
Qed.

Lemma expect_nonneg K p f :
  is_law K p -> (forall k, (k < K)%nat -> 0 <= f k) -> 0 <= expect K p f.
Proof.
  intros Hl H. rewrite <- (expect_const K p 0 Hl). now apply expect_le.
Qed.

(** Variance decomposition: E[(f − E f)²] = E[f²] − E[f]². *)
Lemma expect_centered_sq K p f :
  is_law K p ->
  expect K p (fun k => (f k - expect K p f) ^ 2) = expect K p (fun k => f k ^ 2) - expect K p f ^ 2.
Proof.
  intros Hl. set (m := expect K p f).
  rewrite (expect_ext K p _ (fun k => (f k ^ 2 + (-2 * m) * f k) + m ^ 2)) by (intros; ring).
  rewrite !expect_add, expect_scal, expect_const by exact Hl. fold m. ring.
Qed.

(** Jensen for squares: E[f]² ≤ E[f²]. *)
Theorem expect_sq_le K p f : is_law K p -> expect K p f ^ 2 <= expect K p (fun k => f k ^ 2).
Proof.
  intros Hl. pose proof (expect_centered_sq K p f Hl) as Hc.
  assert (0 <= expect K p (fun k => (f k - expect K p f) ^ 2))
    by (apply expect_nonneg; [exact Hl | intros; apply pow2_ge_0]).
  lra.
Qed.

(** Markov's inequality: for f ≥ 0 on the support and r > 0, P(f ≥ r) ≤ E[f]/r. *)
Theorem markov K p f r :
  is_law K p -> (forall k, (k < K)%nat -> 0 <= f k) -> 0 < r -> prob_ge K p f r <= expect K p f / r.
Proof.
  intros Hl Hf Hr. apply (Rmult_le_reg_l r); [exact Hr|].
  replace (r * (expect K p f / r)) with (expect K p f) by (field; lra).
  unfold prob_ge. rewrite <- expect_scal. apply expect_le; [exact Hl|].
  intros k Hk. unfold indicator_ge. destruct (Rle_dec r (f k)); [lra|].
  pose proof (Hf k Hk). lra.
Qed.

Lemma prob_ge_bounds K p f r : is_law K p -> 0 <= prob_ge K p f r <= 1.
Proof.
  intros Hl. unfold prob_ge. split.
  - apply expect_nonneg; [exact Hl|]. intros k _. unfold indicator_ge. destruct Rle_dec; lra.
  - eapply Rle_trans; [|right; apply (expect_const K p 1 Hl)]. apply expect_le; [exact Hl|].
    intros k _. unfold indicator_ge. destruct Rle_dec; lra.
Qed.

(** ** The stochastic gradient oracle *)

Definition unbiased (n K : nat) (p : nat -> R) (xi : nat -> W n) : Prop :=
  forall i, (i < n)%nat -> expect K p (fun k => xi k i) = 0.

Definition bounded_variance (n K : nat) (p : nat -> R) (xi : nat -> W n) (s2 : R) : Prop :=
  expect K p (fun k => norm2 n (xi k)) <= s2.

Definition oracle (n K : nat) (p : nat -> R) (xi : nat -> W n) (s2 : R) : Prop :=
  is_law K p /\ unbiased n K p xi /\ bounded_variance n K p xi s2.

(** Exchange of two finite sums. *)
Lemma vsum_swap K n (f : nat -> nat -> R) :
  vsum K (fun k => vsum n (fun i => f k i)) = vsum n (fun i => vsum K (fun k => f k i)).
Proof.
  induction K as [|K IH]; simpl.
  - symmetry. rewrite vsum_const. ring.
  - rewrite IH, <- vsum_add. reflexivity.
Qed.

(** E[⟨u, ξ⟩] = ⟨u, E ξ⟩ = 0 for an unbiased ξ and a fixed u. *)
Theorem expect_inner_noise n K p xi (u : W n) :
  unbiased n K p xi -> expect K p (fun k => inner n u (xi k)) = 0.
Proof.
  intros Hu. unfold expect, inner.
  rewrite (vsum_ext K _ (fun k => vsum n (fun i => u i * (p k * xi k i))))
    by (intros; rewrite <- vsum_scal; apply vsum_ext; intros; ring).
  rewrite vsum_swap. unfold unbiased, expect in Hu.
  rewrite (vsum_ext n _ (fun _ => 0)); [rewrite vsum_const; ring|].
  intros i Hi. rewrite vsum_scal, (Hu i Hi). ring.
Qed.

(** E‖v + cξ‖² = ‖v‖² + c² E‖ξ‖² for unbiased ξ and fixed v, c. *)
Theorem expect_norm2_shift n K p xi (v : W n) c :
  is_law K p -> unbiased n K p xi ->
  expect K p (fun k => norm2 n (vadd v (vscale c (xi k))))
  = norm2 n v + c * c * expect K p (fun k => norm2 n (xi k)).
Proof.
  intros Hl Hu.
  rewrite (expect_ext K p _ (fun k => (norm2 n v + (2 * c) * inner n v (xi k))
                                     + (c * c) * norm2 n (xi k))).
  - rewrite !expect_add, !expect_scal, expect_const, expect_inner_noise by assumption. ring.
  - intros k _. rewrite norm2_add, norm2_scale. unfold inner, vscale.
    rewrite (vsum_ext n (fun i => v i * (c * xi k i)) (fun i => c * (v i * xi k i)))
      by (intros; ring).
    rewrite vsum_scal. ring.
Qed.

(** A noisy gradient g + ξ with unbiased ξ: E‖g + ξ‖² = ‖g‖² + E‖ξ‖². *)
Corollary expect_norm2_noisy_grad n K p xi (g : W n) :
  is_law K p -> unbiased n K p xi ->
  expect K p (fun k => norm2 n (vadd g (xi k))) = norm2 n g + expect K p (fun k => norm2 n (xi k)).
Proof.
  intros Hl Hu. rewrite <- (Rmult_1_l (expect K p (fun k => norm2 n (xi k)))).
  rewrite <- (Rmult_1_l 1) at 1. rewrite <- expect_norm2_shift by assumption.
  apply expect_ext. intros k _. unfold norm2, inner, vadd, vscale.
  apply vsum_ext. intros; ring.
Qed.
