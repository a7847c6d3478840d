(** * LeanSharp.Upstream.StochasticProcess.SharpnessMap — upstream LeanSharp/Stochastic/Mechanics/SharpnessMap.lean

    Translates the stochastic model of upstream's SharpnessMap (the translation of notions
    is the one of [Upstream.All]: W ι ↦ W n, a Mathlib probability space ↦ a finite law
    [Core.FiniteProb.is_law K p] on the outcomes k < K, 𝔼 ↦ [expect K p]). File-specific
    choices, shared by every file of Upstream/StochasticProcess and Upstream/Stochastic:
    - upstream's [gradient L] is replaced by an ARBITRARY field G : W n → W n (no theorem
      here uses that G is the gradient, so each statement holds in particular for it);
    - [filteredGradient n g z] = g ⊙ [Filter.ZMask.inlier_mask n z g], the translation of
      upstream's [filteredGradient g z] = g ⊙ zScoreMask g z (keep i iff |g_i − μ| ≤ zσ,
      σ the population std, as upstream's [vectorStd]);
    - a random vector is g : nat → W n (outcome k ↦ g k), [vexpect] its mean vector;
    - integrability hypotheses disappear (every function is integrable on a finite law);
    - "∀ᵐ ω ∂ℙ" ↦ "for every outcome k < K with p k > 0";
    - a σ-algebra ℱ on the finite outcome set ↦ a labelling c : nat → nat of its atoms
      (k, j in the same atom iff c k = c j); the conditional expectation
      [cond_expect K p c X k] = Σ_{c j = c k} p_j X_j / Σ_{c j = c k} p_j. New facts (not in
      the library): [cond_expect_tower] E[E[X | c]] = E[X], [cond_expect_le_ae] (monotone on
      the support), [cond_expect_measurable] (X constant on the atoms of the support ⇒
      E[X | c] = X on the support). [expect_inner_const]: E⟨u, g⟩ = ⟨u, E g⟩.

    Equal: none.
    Weaker:
    - [l2_bias_variance_decomposition_finite_law] — E‖g‖² = E‖g − E g‖² + ‖E g‖² for a
      finite law (upstream: any probability measure, with integrability hypotheses).
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Upstream.Core Require Export Filters.
Open Scope R_scope.

(** ** The translated notions *)

Lemma norm2_filteredGradient_le n g z : norm2 n (filteredGradient n g z) <= norm2 n g.
Proof. apply norm2_filtered_le, inlier_mask_is_mask. Qed.

Lemma norm_filteredGradient_le n g z : norm n (filteredGradient n g z) <= norm n g.
Proof. apply norm_filtered_le, inlier_mask_is_mask. Qed.

Definition vexpect (n K : nat) (p : nat -> R) (g : nat -> W n) : W n :=
  fun i => expect K p (fun k => g k i).

Definition IsStochasticGradient (n K : nat) (p : nat -> R) (G : W n -> W n) (g : nat -> W n)
  (w : W n) : Prop := forall i, (i < n)%nat -> vexpect n K p g i = G w i.

Definition HasBoundedVariance (n K : nat) (p : nat -> R) (G : W n -> W n) (g : nat -> W n)
  (w : W n) (s2 : R) : Prop := expect K p (fun k => norm2 n (vsub (g k) (G w))) <= s2.

Definition stochasticZSharpStep {Omega : Type} (n : nat) (w : W n) (eta : nat -> R) (t : nat)
  (z : R) (g_adv : Omega -> W n) (om : Omega) : W n :=
  vsub w (vscale (eta t) (filteredGradient n (g_adv om) z)).

(** ** Expectation helpers *)

(** E⟨u, g⟩ = ⟨u, E g⟩ for a fixed u. *)
Lemma expect_inner_const n K p (u : W n) (g : nat -> W n) :
  expect K p (fun k => inner n u (g k)) = inner n u (vexpect n K p g).
Proof.
  unfold expect, inner, vexpect.
  rewrite (vsum_ext K _ (fun k => vsum n (fun i => u i * (p k * g k i))))
    by (intros; rewrite <- vsum_scal; apply vsum_ext; intros; ring).
  rewrite vsum_swap. apply vsum_ext. intros i _. unfold expect. now rewrite vsum_scal.
Qed.

Lemma expect_le_ae K p f g :
  is_law K p -> (forall k, (k < K)%nat -> 0 < p k -> f k <= g k) ->
  expect K p f <= expect K p g.
Proof.
  intros [Hp _] H. apply vsum_le. intros k Hk. destruct (Hp k Hk) as [Hpos | H0].
  - apply Rmult_le_compat_l; [lra | now apply H].
  - rewrite <- H0. lra.
Qed.

Lemma expect_ext_ae K p f g :
  is_law K p -> (forall k, (k < K)%nat -> 0 < p k -> f k = g k) ->
  expect K p f = expect K p g.
Proof.
  intros Hl H. apply Rle_antisym; apply expect_le_ae; auto; intros k Hk Hp; rewrite H by assumption; lra.
Qed.

(** ** Conditional expectation given the atoms of a labelling c *)

Definition same_block (c : nat -> nat) (j k : nat) : R :=
  if Nat.eq_dec (c j) (c k) then 1 else 0.

Definition block_mass (K : nat) (p : nat -> R) (c : nat -> nat) (k : nat) : R :=
  vsum K (fun j => p j * same_block c j k).

Definition cond_expect (K : nat) (p : nat -> R) (c : nat -> nat) (X : nat -> R) (k : nat) : R :=
  vsum K (fun j => p j * same_block c j k * X j) / block_mass K p c k.

Lemma same_block_sym c j k : same_block c j k = same_block c k j.
Proof. unfold same_block. destruct Nat.eq_dec, Nat.eq_dec; congruence. Qed.

Lemma block_mass_eq K p c j k : c j = c k -> block_mass K p c j = block_mass K p c k.
Proof.
  intros H. apply vsum_ext. intros i _. unfold same_block. now rewrite H.
Qed.

Lemma block_mass_ge K p c k : is_law K p -> (k < K)%nat -> p k <= block_mass K p c k.
Proof.
  intros [Hp _] Hk. unfold block_mass.
  replace (p k) with (p k * same_block c k k)
    by (unfold same_block; destruct Nat.eq_dec; [ring | congruence]).
  apply (vsum_term_le K (fun j => p j * same_block c j k)); [|exact Hk].
  intros i Hi. unfold same_block. destruct Nat.eq_dec; pose proof (Hp i Hi); lra.
Qed.

(** Tower property: E[E[X | c]] = E[X]. *)
Theorem cond_expect_tower K p c X : is_law K p -> expect K p (cond_expect K p c X) = expect K p X.
Proof.
  intros Hl. unfold expect, cond_expect.
  rewrite (vsum_ext K _ (fun k => vsum K (fun j =>
             p k * same_block c k j * (p j * X j / block_mass K p c j)))).
  2: { intros k Hk. unfold Rdiv. rewrite (Rmult_comm (vsum K _)), <- Rmult_assoc, <- vsum_scal.
       apply vsum_ext.
       intros j Hj. rewrite (same_block_sym c k j). unfold same_block.
       destruct Nat.eq_dec as [E|E]; [rewrite (block_mass_eq K p c k j) by congruence|]; ring. }
  rewrite vsum_swap. apply vsum_ext. intros j Hj.
  rewrite (vsum_ext K _ (fun k => (p j * X j / block_mass K p c j) * (p k * same_block c k j)))
    by (intros; ring).
  rewrite vsum_scal. fold (block_mass K p c j).
  pose proof (block_mass_ge K p c j Hl Hj) as Hge. destruct Hl as [Hp _]. pose proof (Hp j Hj).
  destruct (Req_dec (block_mass K p c j) 0) as [Hz|Hz].
  - assert (Hpj : p j = 0) by lra. rewrite Hz, Hpj. ring.
  - field. exact Hz.
Qed.

(** Monotone on the support: X ≤ Y a.e. ⇒ E[X | c] ≤ E[Y | c]. *)
Lemma cond_expect_le_ae K p c X Y k :
  is_law K p -> (forall j, (j < K)%nat -> 0 < p j -> X j <= Y j) ->
  cond_expect K p c X k <= cond_expect K p c Y k.
Proof.
  intros Hl H. unfold cond_expect. pose proof Hl as [Hp _].
  assert (Hm : 0 <= block_mass K p c k).
  { apply vsum_nonneg. intros j Hj. unfold same_block. destruct Nat.eq_dec;
      pose proof (Hp j Hj); lra. }
  assert (Hi : 0 <= / block_mass K p c k).
  { destruct (Req_dec (block_mass K p c k) 0) as [E|E];
      [rewrite E, Rinv_0; lra | apply Rlt_le, Rinv_0_lt_compat; lra]. }
  unfold Rdiv. apply Rmult_le_compat_r; [exact Hi|].
  apply vsum_le. intros j Hj. destruct (Hp j Hj) as [Hpj|Hpj].
  - apply Rmult_le_compat_l; [unfold same_block; destruct Nat.eq_dec; lra | now apply H].
  - rewrite <- Hpj. lra.
Qed.

(** X constant on the atoms of the support (c-measurable a.e.) ⇒ E[X | c] = X on the support. *)
Lemma cond_expect_measurable K p c X k :
  is_law K p -> (k < K)%nat -> 0 < p k ->
  (forall j, (j < K)%nat -> 0 < p j -> c j = c k -> X j = X k) ->
  cond_expect K p c X k = X k.
Proof.
  intros Hl Hk Hpk H. unfold cond_expect. pose proof (block_mass_ge K p c k Hl Hk) as Hm.
  pose proof Hl as [Hp _].
  rewrite (vsum_ext K _ (fun j => X k * (p j * same_block c j k))).
  - rewrite vsum_scal. fold (block_mass K p c k). field. lra.
  - intros j Hj. unfold same_block. destruct Nat.eq_dec as [E|E]; [|ring].
    destruct (Hp j Hj) as [Hpj|Hpj]; [rewrite (H j Hj Hpj E); ring | rewrite <- Hpj; ring].
Qed.

(** ** The theorem *)

(** [l2_bias_variance_decomposition_finite_law]: E‖g‖² = E‖g − E g‖² + ‖E g‖². *)
Theorem l2_bias_variance_decomposition_finite_law n K p (g : nat -> W n) :
  is_law K p ->
  expect K p (fun k => norm2 n (g k))
  = expect K p (fun k => norm2 n (vsub (g k) (vexpect n K p g))) + norm2 n (vexpect n K p g).
Proof.
  intros Hl. set (m := vexpect n K p g).
  assert (Hu : unbiased n K p (fun k => vsub (g k) m)).
  { intros i Hi. unfold vsub. rewrite (expect_ext K p _ (fun k => g k i + (-1) * m i))
      by (intros; ring).
    rewrite expect_add, expect_scal, expect_const by exact Hl. unfold m, vexpect. ring. }
  rewrite Rplus_comm, <- (expect_norm2_noisy_grad n K p (fun k => vsub (g k) m) m Hl Hu).
  apply expect_ext. intros k _. apply norm2_ext. intros i _.
  unfold vadd, vsub. ring.
Qed.
