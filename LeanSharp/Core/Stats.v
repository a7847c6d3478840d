(** * LeanSharp.Core.Stats — mean, variance and standard deviation of a vector

    For g ∈ W n (the statistics are 0 when n = 0, as Coq's x / 0 = 0):
    - [mean n g]  = μ(g)  = (1/n) Σ_{i<n} g_i
    - [ssd n g]   = Σ_{i<n} (g_i − μ)²         (sum of squared deviations)
    - [var n g]   = σ²(g) = ssd / n             (population variance)
    - [sd n g]    = σ(g)  = √σ²
    - [svar n g]  = s²(g) = ssd / (n − 1)       (sample variance, torch.std's)
    - [sstd n g]  = s(g)  = √s²

    Main results
    - [sum_centered]: Σ_{i<n} (g_i − μ) = 0
    - [var_nonneg], [svar_nonneg]: σ² ≥ 0, s² ≥ 0
    - [n_var]: n·σ² = Σ (g_i − μ)²
    - [var_const]: a constant vector has σ² = 0
    - [var_eq_0]: σ² = 0 with n > 0 iff every component equals μ
    - [svar_var]: (n − 1)·s² = n·σ² for n ≥ 2 *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec.
Open Scope R_scope.

Definition mean (n : nat) (g : W n) : R := vsum n g / INR n.
Definition ssd (n : nat) (g : W n) : R := vsum n (fun i => (g i - mean n g)²).
Definition var (n : nat) (g : W n) : R := ssd n g / INR n.
Definition sd (n : nat) (g : W n) : R := sqrt (var n g).
Definition svar (n : nat) (g : W n) : R := ssd n g / INR (n - 1).
Definition sstd (n : nat) (g : W n) : R := sqrt (svar n g).

Lemma mean_ext n g h : (forall i, (i < n)%nat -> g i = h i) -> mean n g = mean n h.
Proof. intros H. unfold mean. now rewrite (vsum_ext n g h H). Qed.

Lemma ssd_ext n g h : (forall i, (i < n)%nat -> g i = h i) -> ssd n g = ssd n h.
Proof.
  intros H. unfold ssd. rewrite (mean_ext n g h H). apply vsum_ext.
  intros i Hi. now rewrite H.
Qed.

Lemma sum_mean n g : vsum n g = INR n * mean n g.
Proof.
  unfold mean. destruct n as [|n]; [simpl; lra|].
  field. apply Rgt_not_eq, lt_0_INR. lia.
Qed.

Theorem sum_centered n g : vsum n (fun i => g i - mean n g) = 0.
Proof. rewrite vsum_sub, vsum_const, sum_mean. ring. Qed.

Lemma ssd_nonneg n g : 0 <= ssd n g.
Proof. apply vsum_nonneg. intros. apply Rle_0_sqr. Qed.

Theorem var_nonneg n g : 0 <= var n g.
Proof.
  unfold var. destruct n as [|n]; [simpl; unfold Rdiv; rewrite Rinv_0; lra|].
  apply Rmult_le_pos; [apply ssd_nonneg | apply Rlt_le, Rinv_0_lt_compat, lt_0_INR; lia].
Qed.

Theorem svar_nonneg n g : 0 <= svar n g.
Proof.
  unfold svar. destruct (n - 1)%nat as [|k]; [simpl; unfold Rdiv; rewrite Rinv_0; lra|].
  apply Rmult_le_pos; [apply ssd_nonneg | apply Rlt_le, Rinv_0_lt_compat, lt_0_INR; lia].
Qed.

Theorem n_var n g : INR n * var n g = ssd n g.
Proof.
  unfold var. destruct n as [|n]; [simpl; unfold ssd; simpl; ring|].
  field. apply Rgt_not_eq, lt_0_INR. lia.
Qed.

Theorem svar_var n g : (2 <= n)%nat -> INR (n - 1) * svar n g = INR n * var n g.
Proof.
  intros Hn. rewrite n_var. unfold svar. field.
  apply Rgt_not_eq, lt_0_INR. lia.
Qed.

Lemma mean_const n c : (0 < n)%nat -> mean n (fun _ => c) = c.
Proof.
  intros Hn. unfold mean. rewrite vsum_const. field.
  apply Rgt_not_eq, lt_0_INR. lia.
Qed.

Theorem var_const n c : var n (fun _ => c) = 0.
Proof.
  destruct n as [|n]; [unfold var; simpl; unfold Rdiv; rewrite Rinv_0; ring|].
  unfold var, ssd. rewrite mean_const by lia.
  rewrite (vsum_ext _ _ (fun _ => 0)) by (intros; unfold Rsqr; ring).
  rewrite vsum_const. unfold Rdiv. ring.
Qed.

Theorem var_eq_0 n g :
  (0 < n)%nat -> var n g = 0 <-> forall i, (i < n)%nat -> g i = mean n g.
Proof.
  intros Hn. split.
  - intros H i Hi.
    assert (Hs : ssd n g = 0) by (rewrite <- n_var, H; ring).
    pose proof (vsum_nonneg_eq_0 n _ (fun i _ => Rle_0_sqr (g i - mean n g)) Hs i Hi) as Hz.
    apply Rsqr_0_uniq in Hz. lra.
  - intros H. unfold var, ssd.
    rewrite (vsum_ext _ _ (fun _ => 0)) by (intros i Hi; rewrite <- (H i Hi);
      unfold Rsqr; ring).
    rewrite vsum_const. unfold Rdiv. ring.
Qed.

Lemma sd_nonneg n g : 0 <= sd n g.
Proof. apply sqrt_pos. Qed.

Lemma sd_sqr n g : sd n g * sd n g = var n g.
Proof. apply sqrt_sqrt, var_nonneg. Qed.

Lemma sstd_sqr n g : sstd n g * sstd n g = svar n g.
Proof. apply sqrt_sqrt, svar_nonneg. Qed.
