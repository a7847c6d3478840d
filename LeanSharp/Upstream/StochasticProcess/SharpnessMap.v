(** * LeanSharp.Upstream.StochasticProcess.SharpnessMap — upstream LeanSharp/Stochastic/Mechanics/SharpnessMap.lean

    Translates the stochastic model of upstream's SharpnessMap. The probability space is any
    [Core.Expectation.prob_space] P on a type Ω (the translation of a Mathlib probability
    space (Ω, volume) of [Upstream.All]); 𝔼 ↦ [expectation P], the Bochner integral of a random
    vector ↦ [vexpectation P n], [Integrable] ↦ [integrable P] / [vintegrable P n], ∀ᵐ ↦ [ae P].
    File-specific choices, shared by every file of Upstream/StochasticProcess and
    Upstream/Stochastic:
    - upstream's [gradient L] is replaced by an ARBITRARY field G : W n → W n (no theorem
      here uses that G is the gradient, so each statement holds in particular for it);
    - [filteredGradient n g z] = g ⊙ [Filter.ZMask.inlier_mask n z g], the translation of
      upstream's [filteredGradient g z] = g ⊙ zScoreMask g z (keep i iff |g_i − μ| ≤ zσ,
      σ the population std, as upstream's [vectorStd]);
    - [IsStochasticGradient n P G g w] = g integrable and E g = G w (upstream's two conjuncts);
      [HasBoundedVariance n P G g w σ²] = E‖g − G w‖² ≤ σ².

    Equal:
    - [l2_bias_variance_decomposition] — E‖g‖² = E‖g − E g‖² + ‖E g‖² for g and ‖g‖²
      integrable ([Core.Expectation.expectation_bias_variance]).
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Expectation.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Upstream.Core Require Export Filters.
Open Scope R_scope.

(** ** The translated notions *)

Lemma norm2_filteredGradient_le n g z : norm2 n (filteredGradient n g z) <= norm2 n g.
Proof. apply norm2_filtered_le, inlier_mask_is_mask. Qed.

Lemma norm_filteredGradient_le n g z : norm n (filteredGradient n g z) <= norm n g.
Proof. apply norm_filtered_le, inlier_mask_is_mask. Qed.

Section Model.
Context {Omega : Type} (P : prob_space Omega).

Definition IsStochasticGradient (n : nat) (G : W n -> W n) (g : Omega -> W n) (w : W n) : Prop :=
  vintegrable P n g /\ forall i, (i < n)%nat -> vexpectation P n g i = G w i.

Definition HasBoundedVariance (n : nat) (G : W n -> W n) (g : Omega -> W n) (w : W n) (s2 : R)
  : Prop := expectation P (fun o => norm2 n (vsub (g o) (G w))) <= s2.

(** [l2_bias_variance_decomposition]: E‖g‖² = E‖g − E g‖² + ‖E g‖². *)
Theorem l2_bias_variance_decomposition n (g : Omega -> W n) :
  integrable P (fun o => norm2 n (g o)) -> vintegrable P n g ->
  expectation P (fun o => norm2 n (g o))
  = expectation P (fun o => norm2 n (vsub (g o) (vexpectation P n g)))
    + norm2 n (vexpectation P n g).
Proof. intros H2 Hg. now apply expectation_bias_variance. Qed.

End Model.

Definition stochasticZSharpStep {Omega : Type} (n : nat) (w : W n) (eta : nat -> R) (t : nat)
  (z : R) (g_adv : Omega -> W n) (om : Omega) : W n :=
  vsub w (vscale (eta t) (filteredGradient n (g_adv om) z)).
