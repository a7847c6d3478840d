(** * LeanSharp.Layers.Transformer.TokenMatrix — the Frobenius norm on sequences of tokens

    A sequence of L tokens with d features is X : nat -> nat -> R (row l = token l); its size
    is the Frobenius norm [Linear.frob L d X] = √(Σ_{l<L} ‖X_l‖²).

    Definitions
    - [msub X Y]_l = X_l − Y_l;  [rownorms d X]_l = ‖X_l‖

    Main results
    - [frob_rownorms]: ‖X‖_F = ‖(‖X_l‖)_l‖ — the Frobenius norm is the norm of the row norms
    - [norm_mono]: 0 ≤ a_l ≤ b_l ⇒ ‖a‖ ≤ ‖b‖
    - [frob_triangle]: ‖X + Y‖_F ≤ ‖X‖_F + ‖Y‖_F
    - [frob_le_scale]: ‖A_l‖ ≤ K‖B_l‖ for every row ⇒ ‖A‖_F ≤ K‖B‖_F (row-wise maps lift)
    - [frob_le_sqrt]: ‖A_l‖² ≤ c_l for every row ⇒ ‖A‖_F ≤ √(Σ_l c_l)
    - [row_le_frob]: ‖X_l‖ ≤ ‖X‖_F;  [frob_bounded_rows]: ‖X_l‖ ≤ R ⇒ ‖X‖_F ≤ √L·R *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Layers.Network Require Import Linear.
Open Scope R_scope.

Definition msub (X Y : nat -> nat -> R) : nat -> nat -> R := fun l => vsub (X l) (Y l).
Definition rownorms (d : nat) (X : nat -> nat -> R) : nat -> R := fun l => norm d (X l).

Lemma norm2_rownorms L d X : norm2 L (rownorms d X) = frob2 L d X.
Proof. unfold norm2 at 1, inner, rownorms, frob2. apply vsum_ext. intros. apply norm_sqr. Qed.

Theorem frob_rownorms L d X : frob L d X = norm L (rownorms d X).
Proof. unfold frob, norm at 1. now rewrite norm2_rownorms. Qed.

Theorem norm_mono L (a b : nat -> R) :
  (forall l, (l < L)%nat -> 0 <= a l <= b l) -> norm L a <= norm L b.
Proof.
  intros H. apply sqrt_le_1_alt. unfold norm2, inner. apply vsum_le. intros l Hl.
  destruct (H l Hl). nra.
Qed.

Theorem frob_triangle L d X Y :
  frob L d (fun l => vadd (X l) (Y l)) <= frob L d X + frob L d Y.
Proof.
  rewrite !frob_rownorms. eapply Rle_trans; [|apply norm_triangle]. apply norm_mono.
  intros l _. split; [apply norm_nonneg|].
  change (vadd (rownorms d X) (rownorms d Y) l) with (norm d (X l) + norm d (Y l)).
  apply norm_triangle.
Qed.

Theorem frob_le_scale L d d' (A B : nat -> nat -> R) K :
  0 <= K -> (forall l, (l < L)%nat -> norm d' (A l) <= K * norm d (B l)) ->
  frob L d' A <= K * frob L d B.
Proof.
  intros HK H. rewrite !frob_rownorms.
  replace (K * norm L (rownorms d B)) with (norm L (vscale K (rownorms d B)))
    by (rewrite norm_scale, Rabs_pos_eq; auto). apply norm_mono.
  intros l Hl. split; [apply norm_nonneg|]. unfold vscale, rownorms.
  now apply H.
Qed.

Theorem frob_le_sqrt L d (A : nat -> nat -> R) (c : nat -> R) :
  (forall l, (l < L)%nat -> norm2 d (A l) <= c l) -> frob L d A <= sqrt (vsum L c).
Proof. intros H. apply sqrt_le_1_alt. unfold frob2. now apply vsum_le. Qed.

Lemma row_le_frob L d X l : (l < L)%nat -> norm d (X l) <= frob L d X.
Proof.
  intros Hl. apply sqrt_le_1_alt. unfold frob2.
  apply (vsum_term_le L (fun j => norm2 d (X j)) l); [intros; apply norm2_nonneg | exact Hl].
Qed.

Lemma frob_bounded_rows L d X R0 :
  0 <= R0 -> (forall l, (l < L)%nat -> norm d (X l) <= R0) -> frob L d X <= sqrt (INR L) * R0.
Proof.
  intros HR H. replace (sqrt (INR L) * R0) with (sqrt (vsum L (fun _ => R0 * R0)))
    by (rewrite vsum_const, sqrt_mult_alt, sqrt_square by (apply pos_INR || lra); reflexivity).
  apply frob_le_sqrt. intros l Hl. rewrite <- norm_sqr.
  pose proof (H l Hl). pose proof (norm_nonneg d (X l)). nra.
Qed.
