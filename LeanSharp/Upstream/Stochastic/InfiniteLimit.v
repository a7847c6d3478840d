(** * LeanSharp.Upstream.Stochastic.InfiniteLimit — upstream LeanSharp/Theory/InfiniteLimit.lean

    Translates the infinite-width statements. Notions as in [Upstream.All]: upstream's
    [DimensionSequence] (finite index types ι_m) is a width sequence d : nat → nat, a
    [GradientSequence] is g : nat → W _ with g m read on [0, d m); [vectorMean]/[vectorStd]
    ↦ [Core.Stats.mean]/[sd]; Mathlib's Tendsto … atTop (nhds c) ↦ Coquelicot's
    [is_lim_seq]; ∀ᶠ m in atTop ↦ Coquelicot's [eventually]; [FilteredSequence d g z m] =
    [filteredGradient] (g ⊙ inlier mask, [Upstream.StochasticProcess.SharpnessMap]);
    [zScoreTails] as in [Upstream.Stochastic.Concentration]. New facts (helpers):
    [abs_mean_le_norm] |μ(v)| ≤ ‖v‖ and [sd_le_norm] σ(v) ≤ ‖v‖ (upstream's
    abs_vectorMean_le_norm / vectorStd_le_norm, Core/StatsBounds, not in this set).

    Equal:
    - [std_analytical_nonneg] — a limit of standard deviations is ≥ 0.
    - [ConcentrationStabilityTheorem] — stronger: the tail fraction is ≤ 1/z² at EVERY width
      (upstream: eventually, i.e. Tendsto into the principal filter of Iic (1/z²)); upstream's
      nonemptiness hypothesis is not needed (σ² > 0 forces d m ≥ 1).
    - [filteredNormDominated], [filteredMeanDominated], [filteredStdDominated] — if
      ‖g_m‖ → c then eventually ‖g_f‖, |μ(g_f)|, σ(g_f) ≤ c + ε, for every ε > 0.
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Theory.Alignment Require Import SignalNoise.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap.
From LeanSharp.Upstream.Stochastic Require Import Concentration.
Open Scope R_scope.

Definition HasAnalyticalMean (d : nat -> nat) (g : nat -> nat -> R) (mu : R) : Prop :=
  is_lim_seq (fun m => mean (d m) (g m)) mu.

Definition HasAnalyticalStd (d : nat -> nat) (g : nat -> nat -> R) (s : R) : Prop :=
  is_lim_seq (fun m => sd (d m) (g m)) s.

Definition FilteredSequence (d : nat -> nat) (g : nat -> nat -> R) (z : R) : nat -> nat -> R :=
  fun m => filteredGradient (d m) (g m) z.

(** [std_analytical_nonneg]: σ(g_m) → σ ⇒ 0 ≤ σ. *)
Theorem std_analytical_nonneg (d : nat -> nat) (g : nat -> nat -> R) (s : R) :
  HasAnalyticalStd d g s -> 0 <= s.
Proof.
  intros H. apply (is_lim_seq_le (fun _ => 0) (fun m => sd (d m) (g m)) 0 s); [|apply is_lim_seq_const|exact H].
  intros m. apply sd_nonneg.
Qed.

(** [ConcentrationStabilityTheorem]: z > 0, σ²(g_m) > 0 for every m
    ⇒ #{i : |g_{m,i} − μ| ≥ zσ}/d_m ≤ 1/z² for every width m. *)
Theorem ConcentrationStabilityTheorem (d : nat -> nat) (g : nat -> nat -> R) z :
  0 < z -> (forall m, var (d m) (g m) > 0) ->
  forall m, mask_count (d m) (zScoreTails (d m) (g m) z) / INR (d m) <= 1 / z ^ 2.
Proof. intros Hz Hv m. now apply chebyshev_vector. Qed.

Lemma abs_mean_le_norm n (v : W n) : Rabs (mean n v) <= norm n v.
Proof.
  destruct n as [|n].
  - unfold mean. simpl. unfold Rdiv. rewrite Rmult_0_l, Rabs_R0. apply norm_nonneg.
  - assert (HN : 1 <= INR (S n)) by (apply (le_INR 1); lia).
    assert (Hs : ssd (S n) v = norm2 (S n) v - INR (S n) * (mean (S n) v * mean (S n) v)).
    { unfold ssd, norm2, inner, Rsqr. set (m := mean (S n) v).
      rewrite (vsum_ext _ _ (fun i => v i * v i + (-2 * m * v i + m * m))) by (intros; ring).
      rewrite vsum_add, vsum_add, vsum_scal, vsum_const, (sum_mean (S n) v). fold m. ring. }
    pose proof (ssd_nonneg (S n) v). pose proof (Rle_0_sqr (mean (S n) v)). unfold Rsqr in *.
    rewrite <- (sqrt_Rsqr_abs (mean (S n) v)). apply sqrt_le_1_alt. unfold Rsqr. nra.
Qed.

Lemma sd_le_norm n (v : W n) : sd n v <= norm n v.
Proof.
  unfold sd, var. destruct n as [|n].
  - simpl INR. unfold Rdiv. rewrite Rinv_0, Rmult_0_r, sqrt_0. apply norm_nonneg.
  - eapply Rle_trans; [|apply sqrt_ssd_le_norm]. apply sqrt_le_1_alt.
    assert (HN : 1 <= INR (S n)) by (apply (le_INR 1); lia). pose proof (ssd_nonneg (S n) v).
    unfold Rdiv. rewrite <- (Rmult_1_r (ssd (S n) v)) at 2. apply Rmult_le_compat_l; [lra|].
    rewrite <- Rinv_1. apply Rinv_le_contravar; lra.
Qed.

(** [filteredNormDominated]: ‖g_m‖ → c ⇒ for every ε > 0, eventually ‖g_m ⊙ mask‖ ≤ c + ε. *)
Theorem filteredNormDominated (d : nat -> nat) (g : nat -> nat -> R) (z c : R) :
  is_lim_seq (fun m => norm (d m) (g m)) c ->
  forall eps, 0 < eps -> eventually (fun m => norm (d m) (FilteredSequence d g z m) <= c + eps).
Proof.
  intros H eps He. apply is_lim_seq_spec in H. unfold is_lim_seq' in H.
  apply (filter_imp (fun m => Rabs (norm (d m) (g m) - c) < eps)); [|exact (H (mkposreal eps He))].
  intros m Hm. apply Rabs_lt_between' in Hm. unfold FilteredSequence.
  pose proof (norm_filteredGradient_le (d m) (g m) z). lra.
Qed.

(** [filteredMeanDominated]: ‖g_m‖ → c ⇒ for every ε > 0, eventually |μ(g_m ⊙ mask)| ≤ c + ε. *)
Theorem filteredMeanDominated (d : nat -> nat) (g : nat -> nat -> R) (z c : R) :
  is_lim_seq (fun m => norm (d m) (g m)) c ->
  forall eps, 0 < eps ->
  eventually (fun m => Rabs (mean (d m) (FilteredSequence d g z m)) <= c + eps).
Proof.
  intros H eps He. eapply filter_imp; [|exact (filteredNormDominated d g z c H eps He)].
  intros m Hm. eapply Rle_trans; [apply abs_mean_le_norm | exact Hm].
Qed.

(** [filteredStdDominated]: ‖g_m‖ → c ⇒ for every ε > 0, eventually σ(g_m ⊙ mask) ≤ c + ε. *)
Theorem filteredStdDominated (d : nat -> nat) (g : nat -> nat -> R) (z c : R) :
  is_lim_seq (fun m => norm (d m) (g m)) c ->
  forall eps, 0 < eps -> eventually (fun m => sd (d m) (FilteredSequence d g z m) <= c + eps).
Proof.
  intros H eps He. eapply filter_imp; [|exact (filteredNormDominated d g z c H eps He)].
  intros m Hm. eapply Rle_trans; [apply sd_le_norm | exact Hm].
Qed.
