(** * LeanSharp.Filter.Mask — 0/1 masks and the filtered gradient g ⊙ m

    Definitions
    - [hadamard u v]  = u ⊙ v, the componentwise product
    - [is_mask n m]   : every m_i (i < n) is 0 or 1
    - [mask_count n m] = Σ_{i<n} m_i, the number of kept components

    Main results, for any 0/1 mask m
    - [mask_sqr]: m_i² = m_i,  [mask_idem]: m ⊙ m = m
    - [filtered_idem]: (g ⊙ m) ⊙ m = g ⊙ m
    - [inner_filtered]: ⟨g, g ⊙ m⟩ = ‖g ⊙ m‖² ≥ 0 (never an ascent direction)
    - [norm2_filtered_le], [norm_filtered_le]: ‖g ⊙ m‖² ≤ ‖g‖², ‖g ⊙ m‖ ≤ ‖g‖
    - [mask_count_le]: 0 ≤ #kept ≤ n

    Tactic
    - [filter_decide]: settles a goal about concrete filter decisions — every
      [Rle_dec]/[Rlt_dec]/[Req_EM_T] test is split, every z-score |(x − μ)/(s + ε)| is
      taken apart (|·/(s + ε)| = |·|/(s + ε) when s + ε > 0 follows by [lra]) and every
      remaining |·| split on its sign; the branches close by [lra]. The one tactic the
      library uses to unfold a filter's decisions. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec.
Open Scope R_scope.

Definition hadamard (u v : nat -> R) : nat -> R := fun i => u i * v i.

Definition is_mask (n : nat) (m : W n) : Prop :=
  forall i, (i < n)%nat -> m i = 0 \/ m i = 1.

Definition mask_count (n : nat) (m : W n) : R := vsum n m.

Lemma mask_sqr n m i : is_mask n m -> (i < n)%nat -> m i * m i = m i.
Proof. intros Hm Hi. destruct (Hm i Hi) as [-> | ->]; ring. Qed.

Lemma mask_bounds n m i : is_mask n m -> (i < n)%nat -> 0 <= m i <= 1.
Proof. intros Hm Hi. destruct (Hm i Hi) as [-> | ->]; lra. Qed.

Lemma mask_idem n m i : is_mask n m -> (i < n)%nat -> hadamard m m i = m i.
Proof. apply mask_sqr. Qed.

Lemma filtered_idem n g m i :
  is_mask n m -> (i < n)%nat -> hadamard (hadamard g m) m i = hadamard g m i.
Proof.
  intros Hm Hi. unfold hadamard. rewrite Rmult_assoc, (mask_sqr n m i Hm Hi). ring.
Qed.

Theorem inner_filtered n g m :
  is_mask n m -> inner n g (hadamard g m) = norm2 n (hadamard g m).
Proof.
  intros Hm. apply vsum_ext. intros i Hi. unfold hadamard.
  replace (g i * m i * (g i * m i)) with (g i * g i * (m i * m i)) by ring.
  rewrite (mask_sqr n m i Hm Hi). ring.
Qed.

Corollary inner_filtered_nonneg n g m : is_mask n m -> 0 <= inner n g (hadamard g m).
Proof. intros Hm. rewrite inner_filtered by exact Hm. apply norm2_nonneg. Qed.

Theorem norm2_filtered_le n g m : is_mask n m -> norm2 n (hadamard g m) <= norm2 n g.
Proof.
  intros Hm. apply vsum_le. intros i Hi. unfold hadamard.
  destruct (Hm i Hi) as [-> | ->]; nra.
Qed.

Theorem norm_filtered_le n g m : is_mask n m -> norm n (hadamard g m) <= norm n g.
Proof. intros Hm. apply sqrt_le_1_alt, norm2_filtered_le, Hm. Qed.

Lemma mask_count_le n m : is_mask n m -> 0 <= mask_count n m <= INR n.
Proof.
  intros Hm. unfold mask_count. split.
  - apply vsum_nonneg. intros i Hi. now apply (mask_bounds n m i Hm Hi).
  - rewrite <- (Rmult_1_r (INR n)), <- vsum_const. apply vsum_le.
    intros i Hi. now apply (mask_bounds n m i Hm Hi).
Qed.

(** ** Deciding concrete filters *)

Ltac filter_decide :=
  repeat match goal with
  | |- context [Rabs (?x * / ?d)] =>
      rewrite (Rabs_mult x (/ d)), (Rabs_pos_eq (/ d)) by (left; apply Rinv_0_lt_compat; lra)
  | |- context [Rabs (?x / ?d)] => unfold Rdiv
  | |- context [Rle_dec ?a ?b] => destruct (Rle_dec a b)
  | |- context [Rlt_dec ?a ?b] => destruct (Rlt_dec a b)
  | |- context [Req_EM_T ?a ?b] => destruct (Req_EM_T a b)
  | |- context [Rabs ?a] => unfold Rabs
  | |- context [Rcase_abs ?a] => destruct (Rcase_abs a)
  end;
  try lra;
  try (match goal with H : ?a <> ?a |- _ => exfalso; exact (H eq_refl) end).
