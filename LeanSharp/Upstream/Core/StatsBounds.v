(** * LeanSharp.Upstream.Core.StatsBounds — upstream LeanSharp/Core/StatsBounds.lean

    Translates upstream's norm bounds on the mean and the population standard deviation of
    a vector g ∈ W n (the library's [mean], [sd]; see [Upstream.Core.Stats]). The
    translation of notions is the one of [Upstream/All.v].

    Equal: abs_vectorMean_le_norm, vectorStd_le_norm.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Layers.Network Require Import NormLipschitz.
From LeanSharp.Upstream.Core Require Import Stats.
Open Scope R_scope.

(** [abs_vectorMean_le_norm]: |μ(g)| ≤ ‖g‖ (Cauchy–Schwarz against the all-ones vector). *)
Theorem abs_vectorMean_le_norm n (g : W n) : Rabs (vectorMean n g) <= norm n g.
Proof.
  destruct n as [|k]; [unfold mean; simpl; unfold Rdiv; rewrite Rinv_0, Rmult_0_r, Rabs_R0;
    apply norm_nonneg|].
  set (n := S k). assert (Hn : 1 <= INR n) by (apply (le_INR 1); unfold n; lia).
  assert (Hs : vsum n g = inner n g (fun _ => 1)) by (apply vsum_ext; intros; ring).
  assert (H1 : norm n (fun _ => 1) = sqrt (INR n)).
  { unfold norm, norm2, inner. f_equal. rewrite vsum_const. ring. }
  pose proof (abs_inner_le_norm n g (fun _ => 1)) as Hcs. rewrite <- Hs, H1 in Hcs.
  pose proof (sqrt_sqrt (INR n) ltac:(lra)) as Hq. pose proof (sqrt_pos (INR n)).
  assert (Hq1 : 1 <= sqrt (INR n)) by (rewrite <- sqrt_1; apply sqrt_le_1_alt; lra).
  pose proof (norm_nonneg n g).
  unfold mean. unfold Rdiv. rewrite Rabs_mult, (Rabs_pos_eq (/ INR n)) by (apply Rlt_le, Rinv_0_lt_compat; lra).
  apply (Rmult_le_reg_r (INR n)); [lra|]. rewrite Rmult_assoc, Rinv_l by lra.
  assert (sqrt (INR n) <= INR n) by nra. nra.
Qed.

(** [vectorStd_le_norm]: σ(g) ≤ ‖g‖. *)
Theorem vectorStd_le_norm n (g : W n) : vectorStd n g <= norm n g.
Proof.
  apply sqrt_le_1_alt. pose proof (ssd_le_norm2 n g). pose proof (ssd_nonneg n g).
  unfold var. destruct n as [|k]; [simpl; unfold Rdiv; rewrite Rinv_0, Rmult_0_r; apply norm2_nonneg|].
  assert (Hn : 1 <= INR (S k)) by (apply (le_INR 1); lia).
  apply (Rmult_le_reg_r (INR (S k))); [lra|]. unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra.
  pose proof (norm2_nonneg (S k) g). nra.
Qed.
