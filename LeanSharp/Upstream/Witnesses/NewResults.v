(** * LeanSharp.Upstream.Witnesses.NewResults — concrete instances of upstream's new results

    Non-vacuity witnesses for results of [Upstream/] that have no counterpart among the
    library's own theorems (each fires the theorem named after the arrow on concrete data):
    - [gm_breakdown_witness] → [Upstream.Robustness.BreakdownPoint.geometric_median_breakdown_point_ge_half]:
      K = 3 points (0, 0), (1, 0), (0, 1) of W 2, estimator = the chosen median
      [Upstream.Core.Stats.geometricMedian] (a minimiser for every sample:
      [gm_is_geometric_median], from [geometricMedian_isMin]); its breakdown point exists
      and is ≥ 1/2.
    - [zfem_drop_witness] → [Upstream.Robustness.FilteredMeanBasic.z_filtered_empirical_mean_norm_le_of_pointwise_bound]:
      K = 2 points of W 5, g5 = (0, 0, 0, 0, 10) (μ = 2, σ = 4) and 0, z = 1, R = 10; the
      inlier mask of g5 drops component 4 (|10 − 2| = 8 > 4 = zσ): [g5_dropped].
    - [zfem_robust_drop_witness] → [Upstream.Robustness.FilteredMeanRobustness.z_filtered_empirical_mean_bounded_subset_max]:
      the same sample as the [RobustSample] [zs_robust] (point 0 fixed, ‖g5‖ ≤ R_fixed = 10;
      point 1 free, norm ≤ R_out = 1), z = 1: ‖zFEM‖ ≤ max 10 1.
    - [diag_hessian_symmetric_witness] → [Upstream.Core.Landscape.hessian_symmetric]:
      the record [diag_twice] of the diagonal quadratic x₀² + 3x₁² on W 2 (gradient
      (2x₀, 6x₁), constant Hessian diag(2, 6)).
    - [bowl_taylor_witness] → [Upstream.Core.Multilinear.multilinear_taylor_bound]:
      the record [bowl_smoothN] of the bowl x₀² + x₁² on W 2 with second directional
      derivative 2‖ε‖² (M = 2, order n + 1 = 2): |L(w + ε) − L(w) − φ'(0)| ≤ 2‖ε‖².
    - [width_mean_dominated_witness] → [Upstream.Stochastic.InfiniteLimit.filteredMeanDominated]:
      widths d m = m + 1, g_m = e₀ (‖g_m‖ = 1 → 1), z = 1, ε = 1/100; at width 3 the
      mask drops the only nonzero component ([width3_dropped]: |1 − 1/3| > σ = √2/3). *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec Stats SmoothFunctions.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Upstream.Core Require Import Stats Landscape Multilinear.
From LeanSharp.Upstream.Robustness Require Import FilteredMeanBasic FilteredMeanRobustness MedianCore
  BreakdownPoint.
From LeanSharp.Upstream.Stochastic Require Import InfiniteLimit.
Open Scope R_scope.

(** ** 1. The geometric median's breakdown point: 3 points of W 2 *)

Definition gm_pts (i : nat) : W 2 :=
  fun c => match i, c with 1%nat, 0%nat => 1 | 2%nat, 1%nat => 1 | _, _ => 0 end.

Lemma gm_is_geometric_median (g' : nat -> W 2) : isGeometricMedian 2 3 g' (geometricMedian 2 3 g').
Proof. intros x. apply geometricMedian_isMin. Qed.

Theorem gm_breakdown_witness :
  exists b, isFiniteSampleBreakdownPoint 2 3 gm_pts (geometricMedian 2 3) b /\ 1 / 2 <= b.
Proof.
  destruct (finiteSampleBreakdownPoint_exists 2 3 gm_pts (geometricMedian 2 3)) as [b Hb].
  exists b. split; [exact Hb|].
  exact (geometric_median_breakdown_point_ge_half 2 3 gm_pts (geometricMedian 2 3)
           ltac:(lia) gm_is_geometric_median b Hb).
Qed.

(** ** 2. The Z-filtered empirical mean where the inlier mask drops a component *)

Definition g5 : W 5 := fun i => match i with 4%nat => 10 | _ => 0 end.
Definition zs (i : nat) : W 5 := match i with O => g5 | _ => vzero end.

Lemma g5_mean : mean 5 g5 = 2.
Proof. unfold mean. simpl. field. Qed.

Lemma g5_sd : sd 5 g5 = 4.
Proof.
  unfold sd, var, ssd. rewrite g5_mean. simpl. unfold Rsqr.
  replace ((0 + (0 - 2) * (0 - 2) + (0 - 2) * (0 - 2) + (0 - 2) * (0 - 2) + (0 - 2) * (0 - 2)
            + (10 - 2) * (10 - 2)) / (1 + 1 + 1 + 1 + 1)) with (4 * 4) by field.
  apply sqrt_square. lra.
Qed.

(** At z = 1 the inlier mask of g5 drops component 4: |g5₄ − μ| = 8 > zσ = 4. *)
Theorem g5_dropped : zScoreMask 5 g5 1 4%nat = 0 /\ filteredGradient 5 g5 1 4%nat = 0 /\ g5 4%nat = 10.
Proof.
  assert (Hm : zScoreMask 5 g5 1 4%nat = 0).
  { unfold zScoreMask, inlier_mask. rewrite g5_sd. apply dev_le_mask_0.
    rewrite g5_mean. unfold g5. filter_decide. }
  split; [exact Hm | split; [|reflexivity]]. unfold filteredGradient, hadamard. rewrite Hm. ring.
Qed.

Lemma norm_g5 : norm 5 g5 = 10.
Proof.
  unfold norm, norm2, inner, g5. simpl.
  replace (0 + 0 * 0 + 0 * 0 + 0 * 0 + 0 * 0 + 10 * 10) with (10 * 10) by ring.
  apply sqrt_square. lra.
Qed.

Theorem zfem_drop_witness : norm 5 (zFilteredEmpiricalMean 5 2 zs 1) <= 10.
Proof.
  apply z_filtered_empirical_mean_norm_le_of_pointwise_bound; [lia|].
  intros i Hi. destruct i as [|[|i]]; [..|lia]; simpl.
  - rewrite norm_g5. lra.
  - change (norm 5 (fun _ => 0) <= 10). rewrite (norm_zero_vec 5). lra.
Qed.

(** The same sample as a [RobustSample]: point 0 fixed (‖g5‖ ≤ 10), point 1 free with
    norm ≤ 1 (here 0); the filtered mean stays within max 10 1. *)
Definition zs_robust : RobustSample 5.
Proof.
  refine (mkRobustSample 5 2 zs (fun i => Nat.eqb i 0) 10 1 _).
  intros i Hi Hf. apply Nat.eqb_eq in Hf. subst i. simpl. rewrite norm_g5. lra.
Defined.

Theorem zfem_robust_drop_witness : norm 5 (zFilteredEmpiricalMean 5 2 zs 1) <= Rmax 10 1.
Proof.
  apply (z_filtered_empirical_mean_bounded_subset_max 5 zs_robust 1 ltac:(simpl; lia) zs).
  - intros i Hi _ c Hc. reflexivity.
  - intros i Hi Hf. destruct i as [|[|i]]; [discriminate | | simpl in Hi; lia].
    simpl. change (norm 5 (fun _ => 0) <= 1). rewrite (norm_zero_vec 5). lra.
Qed.

(** ** 3. Schwarz on the diagonal quadratic x₀² + 3x₁² *)

Definition diag_grad : W 2 -> W 2 :=
  fun w i => if Nat.eq_dec i 0 then 2 * 1 * w 0%nat else 2 * 3 * w 1%nat.
Definition diag_hess : W 2 -> W 2 -> W 2 :=
  fun _ x i => if Nat.eq_dec i 0 then 2 * 1 * x 0%nat else 2 * 3 * x 1%nat.

Lemma diag_is_hessian : is_hessian 2 diag_grad diag_hess.
Proof.
  intros w x t j _. unfold diag_grad, diag_hess.
  destruct (Nat.eq_dec j 0); auto_derive; try exact I; ring.
Qed.

Lemma diag_hess_continuous x : continuous_field 2 (fun w => diag_hess w x).
Proof.
  intros w eps He. exists 1. split; [lra|]. intros v _.
  rewrite (norm_ext 2 _ (fun _ => 0)) by (intros; unfold vsub, diag_hess; ring).
  rewrite (norm_zero_vec 2). exact He.
Qed.

Definition diag_twice : TwiceDifferentiable 2 :=
  MkTwiceDifferentiable 2 (quad2 1 3) diag_grad diag_hess (gradient_diagonal_quadratic_eq 1 3)
    diag_is_hessian diag_hess_continuous.

Theorem diag_hessian_symmetric_witness (w x y : W 2) :
  inner 2 (Landscape.hessian diag_twice w x) y = inner 2 x (Landscape.hessian diag_twice w y).
Proof. apply hessian_symmetric. Qed.

(** ** 4. Second-order Taylor bound for the bowl x₀² + x₁² *)

Definition bowl2 : W 2 -> R := fun x => x 0%nat ^ 2 + x 1%nat ^ 2.

Lemma bowl2_line_quad (w e : W 2) : quad_fn (fun s => bowl2 (fun i => w i + s * e i)).
Proof.
  exists (w 0%nat ^ 2 + w 1%nat ^ 2), (2 * (w 0%nat * e 0%nat + w 1%nat * e 1%nat)),
    (e 0%nat ^ 2 + e 1%nat ^ 2).
  intros s. unfold bowl2. ring.
Qed.

Lemma bowl2_second (w e : W 2) y :
  Derive_n (fun s => bowl2 (fun i => w i + s * e i)) 2 y = 2 * (e 0%nat ^ 2 + e 1%nat ^ 2).
Proof.
  change (Derive (Derive (fun s => bowl2 (fun i => w i + s * e i))) y = 2 * (e 0%nat ^ 2 + e 1%nat ^ 2)).
  rewrite (Derive_ext _ (fun s => 2 * (w 0%nat + s * e 0%nat) * e 0%nat + 2 * (w 1%nat + s * e 1%nat) * e 1%nat)).
  - apply is_derive_unique. auto_derive; [exact I | ring].
  - intros s. apply is_derive_unique. unfold bowl2. auto_derive; [exact I | ring].
Qed.

Lemma bowl2_bound (w e : W 2) y : 0 <= y <= 1 ->
  Rabs (Derive_n (fun s => bowl2 (fun i => w i + s * e i)) 2 y) <= 2 * norm 2 e ^ 2.
Proof.
  intros _. rewrite bowl2_second, <- norm2_norm. unfold norm2, inner. simpl.
  rewrite Rabs_pos_eq by nra. right. ring.
Qed.

Definition bowl_smoothN : SmoothObjectiveN 2 2 :=
  MkSmoothObjectiveN 2 2 bowl2 2 ltac:(lra)
    (fun w e k t _ => quad_smooth _ (bowl2_line_quad w e) k t) bowl2_bound.

Theorem bowl_taylor_witness (w e : W 2) :
  Rabs (bowl2 (vadd w e) - taylorWithinEval (fun t => bowl2 (fun i => w i + t * e i)) 1 0 1)
  <= 2 * norm 2 e ^ 2 / INR (fact 1).
Proof. exact (multilinear_taylor_bound 2 1 bowl_smoothN w e). Qed.

(** ** 5. Infinite width: g_m = e₀ at width m + 1 *)

Definition width (m : nat) : nat := S m.
Definition e0 : nat -> R := fun i => match i with O => 1 | _ => 0 end.
Definition e0_seq (m : nat) : nat -> R := e0.

Lemma norm_e0_seq m : norm (width m) (e0_seq m) = 1.
Proof.
  unfold norm, norm2, inner, width, e0_seq. replace (vsum (S m) _) with 1; [apply sqrt_1|].
  induction m as [|m IH]; [simpl; ring|].
  change (1 = vsum (S m) (fun i => e0 i * e0 i) + e0 (S m) * e0 (S m)). rewrite <- IH. simpl. ring.
Qed.

Lemma e0_norm_limit : is_lim_seq (fun m => norm (width m) (e0_seq m)) 1.
Proof. apply (is_lim_seq_ext (fun _ => 1)); [intros m; symmetry; apply norm_e0_seq | apply is_lim_seq_const]. Qed.

Theorem width_mean_dominated_witness :
  eventually (fun m => Rabs (mean (width m) (FilteredSequence width e0_seq 1 m)) <= 1 + 1 / 100).
Proof. apply (filteredMeanDominated width e0_seq 1 1 e0_norm_limit). lra. Qed.

(** At width 3 the mask drops component 0: μ = 1/3, σ = √(2/9) < 2/3 = |1 − μ|. *)
Theorem width3_dropped : FilteredSequence width e0_seq 1 2%nat 0%nat = 0 /\ e0_seq 2%nat 0%nat = 1.
Proof.
  split; [|reflexivity].
  assert (Hmu : mean 3 (e0_seq 2) = 1 / 3) by (unfold mean; simpl; field).
  assert (Hsd : sd 3 (e0_seq 2) < 2 / 3).
  { unfold sd, var, ssd. rewrite Hmu. simpl. unfold Rsqr.
    rewrite <- (sqrt_square (2 / 3)) by lra. apply sqrt_lt_1_alt. split; [nra | lra]. }
  pose proof (sd_nonneg 3 (e0_seq 2)).
  unfold FilteredSequence, filteredGradient, hadamard, zScoreMask, inlier_mask, width.
  rewrite dev_le_mask_0; [ring|]. rewrite Hmu. simpl. filter_decide.
Qed.
