(** * LeanSharp.Filter.ZMask — the idealised Z-score masks and the filtered gradient

    The idealised rule of the analysis: a fixed threshold t, no ε terms.
    For g ∈ W n with μ = mean n g, σ = sd n g (population) and s = sstd n g (sample):

    Definitions
    - [dev_ge_mask n c g i] = [|g_i − μ| ≥ c],  [dev_le_mask n c g i] = [|g_i − μ| ≤ c]
      (the two masks for an absolute cutoff c; everything below is an instance)
    - [sig_mask n t g]     = [|g_i − μ| ≥ tσ]   the *significant* mask (kept components)
    - [inlier_mask n t g]  = [|g_i − μ| ≤ tσ]   the *inlier* mask of other write-ups
    - [sig_mask_s], [inlier_mask_s]: the same with the sample std s in place of σ
    - [zfilter n t g] = g ⊙ sig_mask n t g,   [zfilter_s n t g] = g ⊙ sig_mask_s n t g

    Main results
    - [sig_mask_is_mask], [inlier_mask_is_mask], ...: all four are 0/1 masks
    - [sig_inlier_sum]: sig_i + inl_i = 1 + [|g_i − μ| = tσ]
      (they partition the components, except the boundary where both keep)
    - [sstd_sd]: s = √(n/(n−1))·σ for n ≥ 2, and [sd_sstd]: σ = √((n−1)/n)·s
    - [sig_mask_s_rescaled], [inlier_mask_s_rescaled]: the sample mask at t is the
      population mask at the rescaled threshold t·√(n/(n−1)) (n ≥ 2)
    - [norm_zfilter_le], [inner_zfilter]: contraction and descent for the filter *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask.
Open Scope R_scope.

(** ** Masks for an absolute cutoff c on the deviation |g_i − μ| *)

Definition dev_ge_mask (n : nat) (c : R) (g : W n) : W n :=
  fun i => if Rle_dec c (Rabs (g i - mean n g)) then 1 else 0.

Definition dev_le_mask (n : nat) (c : R) (g : W n) : W n :=
  fun i => if Rle_dec (Rabs (g i - mean n g)) c then 1 else 0.

Lemma dev_ge_mask_is_mask n c g : is_mask n (dev_ge_mask n c g).
Proof. intros i _. unfold dev_ge_mask. destruct Rle_dec; auto. Qed.

Lemma dev_le_mask_is_mask n c g : is_mask n (dev_le_mask n c g).
Proof. intros i _. unfold dev_le_mask. destruct Rle_dec; auto. Qed.

Lemma dev_ge_mask_1 n c g i : c <= Rabs (g i - mean n g) -> dev_ge_mask n c g i = 1.
Proof. intros H. unfold dev_ge_mask. destruct Rle_dec; [reflexivity | contradiction]. Qed.

Lemma dev_ge_mask_0 n c g i : Rabs (g i - mean n g) < c -> dev_ge_mask n c g i = 0.
Proof. intros H. unfold dev_ge_mask. destruct Rle_dec; [lra | reflexivity]. Qed.

Lemma dev_le_mask_1 n c g i : Rabs (g i - mean n g) <= c -> dev_le_mask n c g i = 1.
Proof. intros H. unfold dev_le_mask. destruct Rle_dec; [reflexivity | contradiction]. Qed.

Lemma dev_le_mask_0 n c g i : c < Rabs (g i - mean n g) -> dev_le_mask n c g i = 0.
Proof. intros H. unfold dev_le_mask. destruct Rle_dec; [lra | reflexivity]. Qed.

(** The two cutoff masks partition the components up to the boundary |g_i − μ| = c. *)
Lemma dev_ge_le_sum n c g i :
  dev_ge_mask n c g i + dev_le_mask n c g i =
  1 + (if Req_EM_T (Rabs (g i - mean n g)) c then 1 else 0).
Proof.
  unfold dev_ge_mask, dev_le_mask.
  destruct (Rle_dec c _), (Rle_dec _ c), (Req_EM_T _ c); lra.
Qed.

(** ** The significant and inlier masks *)

Definition sig_mask (n : nat) (t : R) (g : W n) : W n := dev_ge_mask n (t * sd n g) g.
Definition inlier_mask (n : nat) (t : R) (g : W n) : W n := dev_le_mask n (t * sd n g) g.
Definition sig_mask_s (n : nat) (t : R) (g : W n) : W n := dev_ge_mask n (t * sstd n g) g.
Definition inlier_mask_s (n : nat) (t : R) (g : W n) : W n := dev_le_mask n (t * sstd n g) g.

(** The filtered gradients g ⊙ m. *)
Definition zfilter (n : nat) (t : R) (g : W n) : W n := hadamard g (sig_mask n t g).
Definition zfilter_s (n : nat) (t : R) (g : W n) : W n := hadamard g (sig_mask_s n t g).

(** Unfolded form: sig_mask n t g i = 1 if |g_i − μ| ≥ tσ, else 0. *)
Lemma sig_mask_eq n t g i :
  sig_mask n t g i = if Rle_dec (t * sd n g) (Rabs (g i - mean n g)) then 1 else 0.
Proof. reflexivity. Qed.

Lemma inlier_mask_eq n t g i :
  inlier_mask n t g i = if Rle_dec (Rabs (g i - mean n g)) (t * sd n g) then 1 else 0.
Proof. reflexivity. Qed.

Theorem sig_mask_is_mask n t g : is_mask n (sig_mask n t g).
Proof. apply dev_ge_mask_is_mask. Qed.

Theorem inlier_mask_is_mask n t g : is_mask n (inlier_mask n t g).
Proof. apply dev_le_mask_is_mask. Qed.

Theorem sig_mask_s_is_mask n t g : is_mask n (sig_mask_s n t g).
Proof. apply dev_ge_mask_is_mask. Qed.

Theorem inlier_mask_s_is_mask n t g : is_mask n (inlier_mask_s n t g).
Proof. apply dev_le_mask_is_mask. Qed.

(** Significant + inlier = 1 + [|g_i − μ| = tσ]: each component is in exactly one of
    the two masks, except on the boundary |g_i − μ| = tσ where it is in both. *)
Theorem sig_inlier_sum n t g i :
  sig_mask n t g i + inlier_mask n t g i =
  1 + (if Req_EM_T (Rabs (g i - mean n g)) (t * sd n g) then 1 else 0).
Proof. apply dev_ge_le_sum. Qed.

Corollary sig_inlier_partition n t g i :
  Rabs (g i - mean n g) <> t * sd n g -> sig_mask n t g i + inlier_mask n t g i = 1.
Proof.
  intros H. rewrite sig_inlier_sum. destruct Req_EM_T; [contradiction | ring].
Qed.

Corollary sig_inlier_boundary n t g i :
  Rabs (g i - mean n g) = t * sd n g -> sig_mask n t g i = 1 /\ inlier_mask n t g i = 1.
Proof.
  intros H. split; [apply dev_ge_mask_1 | apply dev_le_mask_1]; lra.
Qed.

Theorem sig_inlier_sum_s n t g i :
  sig_mask_s n t g i + inlier_mask_s n t g i =
  1 + (if Req_EM_T (Rabs (g i - mean n g)) (t * sstd n g) then 1 else 0).
Proof. apply dev_ge_le_sum. Qed.

(** ** Sample versus population standard deviation *)

(** s = √(n/(n−1))·σ for n ≥ 2. *)
Theorem sstd_sd n g : (2 <= n)%nat -> sstd n g = sqrt (INR n / INR (n - 1)) * sd n g.
Proof.
  intros Hn. assert (0 < INR n) by (apply lt_0_INR; lia).
  assert (0 < INR (n - 1)) by (apply lt_0_INR; lia).
  unfold sd, sstd. rewrite <- sqrt_mult_alt by (apply Rlt_le, Rdiv_lt_0_compat; lra).
  f_equal. unfold svar, var. field. lra.
Qed.

(** σ = √((n−1)/n)·s for n ≥ 2. *)
Theorem sd_sstd n g : (2 <= n)%nat -> sd n g = sqrt (INR (n - 1) / INR n) * sstd n g.
Proof.
  intros Hn. assert (0 < INR n) by (apply lt_0_INR; lia).
  assert (0 < INR (n - 1)) by (apply lt_0_INR; lia).
  rewrite (sstd_sd n g Hn), <- Rmult_assoc, <- sqrt_mult_alt by (apply Rlt_le, Rdiv_lt_0_compat; lra).
  replace (INR (n - 1) / INR n * (INR n / INR (n - 1))) with 1 by (field; lra).
  rewrite sqrt_1. ring.
Qed.

(** The sample mask (ZSharp's std convention, without ε) at threshold t is the
    population mask at the rescaled threshold t·√(n/(n−1)). *)
Theorem sig_mask_s_rescaled n t g :
  (2 <= n)%nat -> sig_mask_s n t g = sig_mask n (t * sqrt (INR n / INR (n - 1))) g.
Proof. intros Hn. unfold sig_mask_s, sig_mask. now rewrite (sstd_sd n g Hn), Rmult_assoc. Qed.

Theorem inlier_mask_s_rescaled n t g :
  (2 <= n)%nat -> inlier_mask_s n t g = inlier_mask n (t * sqrt (INR n / INR (n - 1))) g.
Proof. intros Hn. unfold inlier_mask_s, inlier_mask. now rewrite (sstd_sd n g Hn), Rmult_assoc. Qed.

(** ** The filtered gradient inherits the mask theorems *)

Theorem norm_zfilter_le n t g : norm n (zfilter n t g) <= norm n g.
Proof. apply norm_filtered_le, sig_mask_is_mask. Qed.

Theorem inner_zfilter n t g : inner n g (zfilter n t g) = norm2 n (zfilter n t g).
Proof. apply inner_filtered, sig_mask_is_mask. Qed.

Theorem norm_zfilter_s_le n t g : norm n (zfilter_s n t g) <= norm n g.
Proof. apply norm_filtered_le, sig_mask_s_is_mask. Qed.

Theorem inner_zfilter_s n t g : inner n g (zfilter_s n t g) = norm2 n (zfilter_s n t g).
Proof. apply inner_filtered, sig_mask_s_is_mask. Qed.

(** ** Masks only read g on [0, n) *)

Lemma sd_ext n g h : (forall i, (i < n)%nat -> g i = h i) -> sd n g = sd n h.
Proof. intros H. unfold sd, var. now rewrite (ssd_ext n g h H). Qed.

Lemma sstd_ext n g h : (forall i, (i < n)%nat -> g i = h i) -> sstd n g = sstd n h.
Proof. intros H. unfold sstd, svar. now rewrite (ssd_ext n g h H). Qed.

Lemma dev_ge_mask_ext n c c' g h i :
  c = c' -> (forall j, (j < n)%nat -> g j = h j) -> (i < n)%nat ->
  dev_ge_mask n c g i = dev_ge_mask n c' h i.
Proof.
  intros -> H Hi. unfold dev_ge_mask. now rewrite (mean_ext n g h H), (H i Hi).
Qed.

Lemma dev_le_mask_ext n c c' g h i :
  c = c' -> (forall j, (j < n)%nat -> g j = h j) -> (i < n)%nat ->
  dev_le_mask n c g i = dev_le_mask n c' h i.
Proof.
  intros -> H Hi. unfold dev_le_mask. now rewrite (mean_ext n g h H), (H i Hi).
Qed.
