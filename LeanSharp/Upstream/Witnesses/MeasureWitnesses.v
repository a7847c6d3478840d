(** * LeanSharp.Upstream.Witnesses.MeasureWitnesses — the measure-space ports fire on a measure that is not a probability

    The translated statements of [Upstream.Robustness.FilterBias] hold for every measure
    ([Core.Integral.measure_space]), as upstream's. Here they fire on
        D = 3·δ_g + 3·δ_{−g},  g = (0, 0, 100) ∈ R³,
    a symmetric measure of total mass 6 ([sym_measure], a [Core.FiniteSpace.dirac_sum]), at
    z = 1, where the Z-score mask of g drops its outlying coordinate
    ([Examples.Robustness.RobustnessWitness.inlier_drops_outlier_witness]: mask 0 at i = 2).

    Witnesses
    - [sym_measure_mass]: D(R³) = 6 (not a probability)
    - [sym_measure_symmetric]: D is invariant under g ↦ −g ([FilterBias.symmetricLaw])
    - [sym_filtered_mean_zero]: ∫ g ⊙ m(g) dD = 0 coordinatewise ([FilterBias.filtered_noise_mean_zero])
    - [sym_filtered_drops]: the mask of g is 0 at its outlier (so the filter really acts) *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From LeanSharp.Core Require Import Vec FiniteProb Integral FiniteSpace.
From LeanSharp.Filter Require Import ZMask.
From LeanSharp.Upstream.Core Require Import Filters.
From LeanSharp.Upstream.Robustness Require Import FilterBias.
From LeanSharp.Examples.Robustness Require Import RobustnessWitness.
Open Scope R_scope.

Definition sym_points (k : nat) : W 3 := if Nat.eqb k 0 then x_one_out else vopp x_one_out.

Lemma three_nonneg k : (k < 2)%nat -> 0 <= 3.
Proof. intros; lra. Qed.

Definition sym_measure : measure_space (W 3) := dirac_sum 2 (fun _ => 3) sym_points three_nonneg.

Lemma sym_measure_mass : mu_integral sym_measure (fun _ => 1) = 6.
Proof. unfold sym_measure. rewrite dirac_sum_integral. simpl. lra. Qed.

Lemma sym_measure_symmetric : symmetricLaw sym_measure vopp.
Proof.
  intros f _. split; [exact I|]. unfold sym_measure. rewrite !dirac_sum_integral. simpl.
  unfold sym_points. simpl.
  replace (vopp (vopp x_one_out)) with x_one_out
    by (apply functional_extensionality; intros; unfold vopp; ring).
  ring.
Qed.

Theorem sym_filtered_mean_zero j : (j < 3)%nat ->
  mu_integral sym_measure (fun g => filteredGradient 3 g 1 j) = 0.
Proof.
  apply (filtered_noise_mean_zero 3 sym_measure 1 sym_measure_symmetric). intros; exact I.
Qed.

Lemma sym_filtered_drops : zScoreMask 3 x_one_out 1 2%nat = 0.
Proof. unfold zScoreMask. apply inlier_drops_outlier_witness. Qed.
