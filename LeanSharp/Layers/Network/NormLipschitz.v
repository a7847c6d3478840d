(** * LeanSharp.Layers.Network.NormLipschitz — LayerNorm with ε > 0 is (2/√ε)-Lipschitz

    LN_ε = h ∘ c with the centering c(x) = x − μ(x)·1 and the radial map
    h(y) = y / √(‖y‖²/n + ε), because σ²(x) = ‖c(x)‖²/n.

    Definitions
    - [center n x]_i = x_i − μ(x),   [radial n ε y]_i = y_i / √(‖y‖²/n + ε)

    Main results (n ≥ 1, ε > 0)
    - [ssd_le_norm2]: Σ(x_i − μ)² = ‖x‖² − nμ² ≤ ‖x‖², so [center_lipschitz]: c is 1-Lipschitz
    - [radial_lipschitz]: h is (2/√ε)-Lipschitz.  With a = √(‖y‖²/n + ε), b = √(‖z‖²/n + ε):
        h y − h z = (y − z)/a + (1/a − 1/b) z,   and |b − a|‖z‖ ≤ b‖y − z‖
      (from (b − a)(b + a) = (‖z‖² − ‖y‖²)/n and ‖z‖ ≤ √n b, ‖y‖ ≤ √n a), so
        ‖h y − h z‖ ≤ 2‖y − z‖/a ≤ (2/√ε)‖y − z‖.
    - [layernorm_lipschitz]: StabilityCertificate's Lipschitz part for LayerNorm:
        ‖LN_ε(u) − LN_ε(v)‖ ≤ (2/√ε)‖u − v‖
    - [batchnorm_col_lipschitz]: the same bound for every feature column of BatchNorm.
    Not proved: the line-wise C² part of a LayerNorm/BatchNorm certificate. *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Layers.Network Require Import Certificate Linear Normalization.
Open Scope R_scope.

Definition center (n : nat) (x : nat -> R) : nat -> R := fun i => x i - mean n x.

Definition radial (n : nat) (eps : R) (y : nat -> R) : nat -> R :=
  fun i => y i / sqrt (norm2 n y / INR n + eps).

(** ** Centering *)

Lemma ssd_norm2_center n x : ssd n x = norm2 n (center n x).
Proof. reflexivity. Qed.

Lemma ssd_le_norm2 n x : ssd n x <= norm2 n x.
Proof.
  assert (E : ssd n x = norm2 n x - INR n * (mean n x * mean n x)).
  { unfold ssd, norm2, inner.
    rewrite (vsum_ext _ _ (fun i => x i * x i - (2 * mean n x * x i - mean n x * mean n x)))
      by (intros; unfold Rsqr; ring).
    rewrite vsum_sub, vsum_sub, vsum_scal, vsum_const, (sum_mean n x). ring. }
  rewrite E. pose proof (pos_INR n). pose proof (Rle_0_sqr (mean n x)). unfold Rsqr in *. nra.
Qed.

Lemma mean_vsub n x y : mean n (vsub x y) = mean n x - mean n y.
Proof. unfold mean, vsub. rewrite vsum_sub. unfold Rdiv. ring. Qed.

Theorem center_lipschitz n : lipschitz_map n n (center n) 1.
Proof.
  split; [lra|]. intros u v. rewrite Rmult_1_l.
  rewrite (norm_ext n _ (center n (vsub u v)))
    by (intros; unfold center at 3; rewrite mean_vsub; unfold center, vsub; ring).
  apply norm_le_of_norm2_le; [apply norm_nonneg|]. rewrite norm_sqr, <- ssd_norm2_center.
  apply ssd_le_norm2.
Qed.

(** ** The radial map *)

(** The scalar core: |b − a|·Z ≤ b·D when b² − a² = (Z² − Y²)/n, |Y − Z| ≤ D, Z² ≤ n b²,
    Y² ≤ n a² (all quantities non-negative, a, b, n > 0). *)
Lemma radial_scalar_core (n Y Z D a b : R) :
  0 < n -> 0 <= Y -> 0 <= Z -> 0 < a -> 0 < b -> Rabs (Y - Z) <= D ->
  n * (b * b - a * a) = Z * Z - Y * Y -> Z * Z <= n * (b * b) -> Y * Y <= n * (a * a) ->
  Rabs (b - a) * Z <= b * D.
Proof.
  intros Hn HY HZ Ha Hb HD Hba HZb HYa.
  assert (HYZ : Y * Z <= n * (a * b)).
  { assert (Y * Z * (Y * Z) <= (n * (a * b)) * (n * (a * b))) by nra.
    apply Rsqr_incr_0_var; unfold Rsqr; nra. }
  assert (Hsum : (Z + Y) * Z <= n * b * (a + b)) by nra.
  assert (Hk : Rabs (b - a) * (a + b) * n = Rabs (Z - Y) * (Z + Y)).
  { rewrite <- (Rabs_pos_eq (a + b)) by lra. rewrite <- (Rabs_pos_eq n) at 1 by lra.
    rewrite <- (Rabs_pos_eq (Z + Y)) by lra. rewrite <- !Rabs_mult. f_equal. nra. }
  assert (HD' : Rabs (Z - Y) <= D) by (rewrite Rabs_minus_sym; exact HD).
  pose proof (Rabs_pos (b - a)). pose proof (Rabs_pos (Z - Y)).
  assert (Hmain : Rabs (b - a) * Z * (n * (a + b)) <= b * D * (n * (a + b))).
  { replace (Rabs (b - a) * Z * (n * (a + b))) with (Rabs (Z - Y) * ((Z + Y) * Z))
      by (rewrite <- Rmult_assoc, <- Hk; ring).
    replace (b * D * (n * (a + b))) with (D * (n * b * (a + b))) by ring.
    apply Rmult_le_compat; [lra | nra | exact HD' | exact Hsum]. }
  apply (Rmult_le_reg_r (n * (a + b))); [nra | exact Hmain].
Qed.

Lemma norm_reverse n y z : Rabs (norm n y - norm n z) <= norm n (vsub y z).
Proof.
  assert (H1 : norm n y <= norm n (vsub y z) + norm n z).
  { rewrite (norm_ext n y (vadd (vsub y z) z)) by (intros; unfold vadd, vsub; ring).
    apply norm_triangle. }
  assert (H2 : norm n z <= norm n (vsub y z) + norm n y).
  { rewrite (norm_ext n z (vadd (vsub z y) y)) by (intros; unfold vadd, vsub; ring).
    unfold norm at 2. rewrite norm2_sub_swap. apply norm_triangle. }
  apply Rabs_le. lra.
Qed.

Lemma norm_le_sqrt_n n y eps :
  (0 < n)%nat -> 0 <= eps ->
  norm n y * norm n y <= INR n * (sqrt (norm2 n y / INR n + eps) * sqrt (norm2 n y / INR n + eps)).
Proof.
  intros Hn He. pose proof (lt_0_INR n Hn). pose proof (norm2_nonneg n y).
  rewrite norm_sqr, sqrt_sqrt.
  - replace (INR n * (norm2 n y / INR n + eps)) with (norm2 n y + INR n * eps) by (field; lra).
    nra.
  - apply Rplus_le_le_0_compat; [apply Rdiv_le_0_compat|]; lra.
Qed.

Theorem radial_lipschitz n eps :
  (0 < n)%nat -> 0 < eps -> lipschitz_map n n (radial n eps) (2 / sqrt eps).
Proof.
  intros Hn He. pose proof (sqrt_lt_R0 eps He) as Hse. pose proof (lt_0_INR n Hn) as HN.
  split; [apply Rlt_le, Rdiv_lt_0_compat; lra|]. intros y z.
  set (a := sqrt (norm2 n y / INR n + eps)). set (b := sqrt (norm2 n z / INR n + eps)).
  assert (Hrad : forall w, 0 <= norm2 n w / INR n + eps)
    by (intros w; pose proof (norm2_nonneg n w); apply Rplus_le_le_0_compat;
        [apply Rdiv_le_0_compat|]; lra).
  assert (Hge : forall w, sqrt eps <= sqrt (norm2 n w / INR n + eps))
    by (intros w; apply sqrt_le_1_alt; pose proof (norm2_nonneg n w);
        assert (0 <= norm2 n w / INR n) by (apply Rdiv_le_0_compat; lra); lra).
  assert (Ha : sqrt eps <= a) by apply Hge. assert (Hb : sqrt eps <= b) by apply Hge.
  set (D := norm n (vsub y z)). pose proof (norm_nonneg n (vsub y z)) as HD. fold D in HD.
  rewrite (norm_ext n _ (vadd (vscale (/ a) (vsub y z)) (vscale (/ a - / b) z)))
    by (intros; unfold radial, vadd, vscale, vsub; fold a b; unfold Rdiv; ring).
  eapply Rle_trans; [apply norm_triangle|]. rewrite !norm_scale. fold D.
  rewrite Rabs_pos_eq by (apply Rlt_le, Rinv_0_lt_compat; lra).
  assert (Hcore : Rabs (b - a) * norm n z <= b * D).
  { apply (radial_scalar_core (INR n) (norm n y) (norm n z)); try lra;
      try apply norm_nonneg; try apply norm_reverse.
    - unfold a, b. rewrite !sqrt_sqrt by apply Hrad. rewrite <- !norm_sqr. field. lra.
    - apply norm_le_sqrt_n; [exact Hn | lra].
    - apply norm_le_sqrt_n; [exact Hn | lra]. }
  assert (Hinv : Rabs (/ a - / b) * norm n z <= / a * D).
  { replace (/ a - / b) with ((b - a) * / (a * b)) by (field; lra).
    rewrite Rabs_mult, (Rabs_pos_eq (/ (a * b))) by (apply Rlt_le, Rinv_0_lt_compat; nra).
    apply Rle_trans with (b * D * / (a * b)).
    - replace (Rabs (b - a) * / (a * b) * norm n z) with (Rabs (b - a) * norm n z * / (a * b))
        by ring.
      apply Rmult_le_compat_r; [apply Rlt_le, Rinv_0_lt_compat; nra | exact Hcore].
    - right. field. lra. }
  assert (Ha' : / a * D <= / sqrt eps * D).
  { apply Rmult_le_compat_r; [exact HD|]. apply Rinv_le_contravar; lra. }
  unfold Rdiv. lra.
Qed.

(** ** LayerNorm and BatchNorm *)

Lemma layernorm_radial n eps x i : layernorm n eps x i = radial n eps (center n x) i.
Proof. reflexivity. Qed.

(** LayerNorm with ε > 0 is (2/√ε)-Lipschitz on W n. *)
Theorem layernorm_lipschitz n eps :
  (0 < n)%nat -> 0 < eps -> lipschitz_map n n (layernorm n eps) (2 / sqrt eps).
Proof.
  intros Hn He. rewrite <- (Rmult_1_r (2 / sqrt eps)).
  apply (lipschitz_compose n n n (center n) (radial n eps)).
  - apply center_lipschitz.
  - now apply radial_lipschitz.
Qed.

Theorem batchnorm_col_lipschitz B eps X Y k :
  (0 < B)%nat -> 0 < eps ->
  norm B (vsub (col (batchnorm B eps X) k) (col (batchnorm B eps Y) k))
    <= 2 / sqrt eps * norm B (vsub (col X k) (col Y k)).
Proof.
  intros HB He. exact (proj2 (layernorm_lipschitz B eps HB He) (col X k) (col Y k)).
Qed.
