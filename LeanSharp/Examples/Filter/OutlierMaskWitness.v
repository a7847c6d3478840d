(** * LeanSharp.Examples.Filter.OutlierMaskWitness — ZSharp's one-layer mask keeps only the outlier

    A layer of four components g = (a, a, a, d) with a ≠ d (any values: the pattern is
    preserved by the ZSharp/SAM dynamics on the bowl, which scale the kept and the dropped
    components separately). With ε_std > 0 (ZSharp: 1e-8) and p = 70:
    μ = (3a + d)/4, s = |d − a|/2, |z| = (z, z, z, 3z) with z = u/(2u + ε), u = |d − a|/4;
    pos = 0.7·3 = 2.1, t = z + 0.1·(3z − z) = 1.2z ([outlier_threshold]), so the mask is
    (0, 0, 0, 1) ([outlier_mask_values]): ZSharp keeps only the outlier component d and
    drops the three others (which are nonzero when a ≠ 0, [outlier_mask_drops]).

    When d = 0 the filtered gradient g ⊙ m is ZERO although g ≠ 0 ([outlier_filter_zero]):
    the perturbation ε = ρ g_f/(‖g_f‖ + δ) vanishes and ZSharp takes a plain gradient step. *)

From Coq Require Import Reals Lra Lia List Permutation Sorted.
From LeanSharp.Core Require Import Vec Stats Sorting Quantile.
From LeanSharp.Filter Require Import Mask ZSharpRule.
From LeanSharp.Optim Require Import ZSharpDirection.
Import ListNotations.
Open Scope R_scope.

Section Outlier.

Variables (eps a d : R) (g : W 4).
Hypotheses (He : 0 < eps) (Had : a <> d)
           (Hg0 : g 0%nat = a) (Hg1 : g 1%nat = a) (Hg2 : g 2%nat = a) (Hg3 : g 3%nat = d).

Let u := Rabs (d - a) / 4.
Definition outlier_z : R := u / (2 * u + eps).

Lemma outlier_u_pos : 0 < u.
Proof. unfold u. assert (0 < Rabs (d - a)) by (apply Rabs_pos_lt; lra). lra. Qed.

Lemma outlier_z_pos : 0 < outlier_z.
Proof. pose proof outlier_u_pos. unfold outlier_z. apply Rdiv_lt_0_compat; lra. Qed.

Lemma outlier_mean : mean 4 g = (3 * a + d) / 4.
Proof. unfold mean. simpl. rewrite Hg0, Hg1, Hg2, Hg3. field. Qed.

Lemma outlier_sstd : sstd 4 g = 2 * u.
Proof.
  unfold sstd, svar, ssd. rewrite outlier_mean. simpl. rewrite Hg0, Hg1, Hg2, Hg3. unfold Rsqr, u.
  replace ((0 + (a - (3 * a + d) / 4) * (a - (3 * a + d) / 4) + (a - (3 * a + d) / 4) * (a - (3 * a + d) / 4)
            + (a - (3 * a + d) / 4) * (a - (3 * a + d) / 4) + (d - (3 * a + d) / 4) * (d - (3 * a + d) / 4))
           / (1 + 1 + 1)) with (Rabs (d - a) / 2 * (Rabs (d - a) / 2)).
  - rewrite sqrt_square; [lra | pose proof (Rabs_pos (d - a)); lra].
  - replace (Rabs (d - a) / 2 * (Rabs (d - a) / 2)) with (Rabs (d - a) * Rabs (d - a) / 4) by field.
    rewrite <- Rabs_mult, Rabs_pos_eq by nra. field.
Qed.

Lemma outlier_dev_a : Rabs (a - (3 * a + d) / 4) = u.
Proof.
  unfold u. replace (a - (3 * a + d) / 4) with (- ((d - a) / 4)) by field.
  rewrite Rabs_Ropp. unfold Rdiv. rewrite Rabs_mult, (Rabs_pos_eq (/ 4)) by lra. reflexivity.
Qed.

Lemma outlier_dev_d : Rabs (d - (3 * a + d) / 4) = 3 * u.
Proof.
  unfold u. replace (d - (3 * a + d) / 4) with (3 * ((d - a) / 4)) by field.
  unfold Rdiv. rewrite !Rabs_mult, (Rabs_pos_eq 3), (Rabs_pos_eq (/ 4)) by lra. ring.
Qed.

Lemma outlier_absz i : (i < 4)%nat -> absz eps 4 g i = if Nat.eqb i 3 then 3 * outlier_z else outlier_z.
Proof.
  intros Hi. pose proof outlier_u_pos as Hu. unfold absz, zscore. destruct (lt_dec 4 2) as [|_]; [lia|].
  rewrite outlier_mean, outlier_sstd. unfold outlier_z.
  assert (Hq : forall x, Rabs (x / (2 * u + eps)) = Rabs x / (2 * u + eps)).
  { intros x. unfold Rdiv. rewrite Rabs_mult, (Rabs_pos_eq (/ (2 * u + eps))) by (left; apply Rinv_0_lt_compat; lra).
    reflexivity. }
  rewrite Hq. destruct i as [|[|[|[|i]]]]; try lia; simpl;
    [rewrite Hg0, outlier_dev_a | rewrite Hg1, outlier_dev_a | rewrite Hg2, outlier_dev_a
    | rewrite Hg3, outlier_dev_d]; unfold Rdiv; ring.
Qed.

Lemma outlier_all_absz : all_absz eps [(4%nat, g)] = [outlier_z; outlier_z; outlier_z; 3 * outlier_z].
Proof. unfold all_absz, layer_absz. simpl. rewrite !outlier_absz by lia. reflexivity. Qed.

Lemma qlo_70_4 : qlo 70 4 = 2%nat.
Proof. apply qlo_eq. unfold qpos. simpl. lra. Qed.

Lemma qfrac_70_4 : qfrac 70 4 = 0.1.
Proof. unfold qfrac. rewrite qlo_70_4. unfold qpos. simpl. lra. Qed.

Lemma qhi_70_4 : qhi 70 4 = 3%nat.
Proof.
  unfold qhi. rewrite qlo_70_4. destruct (Req_EM_T (qfrac 70 4) 0) as [H|]; [|reflexivity].
  rewrite qfrac_70_4 in H. lra.
Qed.

(** The threshold is t = 1.2z. *)
Theorem outlier_threshold : zthreshold eps 70 [(4%nat, g)] = 1.2 * outlier_z.
Proof.
  pose proof outlier_z_pos. unfold zthreshold. rewrite outlier_all_absz. unfold quantile. simpl length.
  rewrite qlo_70_4, qhi_70_4, qfrac_70_4.
  rewrite (rsort_unique _ [outlier_z; outlier_z; outlier_z; 3 * outlier_z]).
  - simpl. lra.
  - repeat constructor; lra.
  - apply Permutation_refl.
Qed.

Lemma outlier_thr_mask i : (i < 4)%nat ->
  thr_mask (zthreshold eps 70 [(4%nat, g)]) 4 (absz eps 4 g) i = if Nat.eqb i 3 then 1 else 0.
Proof.
  intros Hi. pose proof outlier_z_pos. unfold thr_mask. rewrite outlier_threshold, outlier_absz by exact Hi.
  destruct (Nat.eqb i 3); destruct (Rle_dec _ _); lra.
Qed.

(** The mask is (0, 0, 0, 1): only the outlier is kept (no fallback). *)
Theorem outlier_mask_values i : (i < 4)%nat ->
  layer_mask eps 70 [(4%nat, g)] 4 g i = if Nat.eqb i 3 then 1 else 0.
Proof.
  intros Hi. rewrite layer_mask_no_fallback; [now apply outlier_thr_mask|].
  unfold mask_count. simpl. rewrite !outlier_thr_mask by lia. simpl. lra.
Qed.

End Outlier.

(** At ZSharp's constants (ε_std = 1e-8, p = 70). *)
Theorem outlier_zsharp_mask a d (g : W 4) i :
  a <> d -> g 0%nat = a -> g 1%nat = a -> g 2%nat = a -> g 3%nat = d -> (i < 4)%nat ->
  zsharp_mask1 4 g i = if Nat.eqb i 3 then 1 else 0.
Proof.
  intros Had H0 H1 H2 H3 Hi. unfold zsharp_mask1, default_p.
  now apply (outlier_mask_values eps_std a d g eps_std_pos Had).
Qed.

(** The three dropped components are nonzero when a ≠ 0. *)
Corollary outlier_mask_drops a d (g : W 4) i :
  a <> 0 -> a <> d -> g 0%nat = a -> g 1%nat = a -> g 2%nat = a -> g 3%nat = d -> (i < 3)%nat ->
  zsharp_mask1 4 g i = 0 /\ g i <> 0.
Proof.
  intros Ha Had H0 H1 H2 H3 Hi. rewrite (outlier_zsharp_mask a d) by (assumption || lia).
  destruct i as [|[|[|i]]]; try lia; simpl; split; try reflexivity; congruence.
Qed.

(** With d = 0 the filtered gradient vanishes although g ≠ 0. *)
Corollary outlier_filter_zero a (g : W 4) i :
  a <> 0 -> g 0%nat = a -> g 1%nat = a -> g 2%nat = a -> g 3%nat = 0 -> (i < 4)%nat ->
  hadamard g (zsharp_mask1 4 g) i = 0.
Proof.
  intros Ha H0 H1 H2 H3 Hi. unfold hadamard. rewrite (outlier_zsharp_mask a 0) by (assumption || lia).
  destruct i as [|[|[|[|i]]]]; try lia; simpl; rewrite ?H3; ring.
Qed.
