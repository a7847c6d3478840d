(** * LeanSharp.Upstream.StochasticProcess.SampleErrors — upstream LeanSharp/Stochastic/Mechanics/SampleErrors.lean

    Translates the variance bound of the Z-score filtered stochastic gradient: if g is an
    unbiased estimator of G w with E‖g − G w‖² ≤ σ², its filtered version g_f = g ⊙ zScoreMask
    has second moment E‖g_f‖² ≤ σ² + ‖G w‖² (the filter is a coordinatewise contraction).
    Notions as in [Upstream.All] and [Upstream.StochasticProcess.SharpnessMap]: any probability
    space P ([Core.Expectation.prob_space]), the field G in place of upstream's [gradient L],
    [filteredGradient] = g ⊙ inlier mask.
    [stochastic_second_moment] (helper): an unbiased estimator with ‖g‖² integrable has
    E‖g‖² = E‖g − G w‖² + ‖G w‖².

    Equal:
    - [zsharp_variance_bound] — E‖g_f‖² ≤ σ² + ‖∇L(w)‖² on any probability space, with
      upstream's hypotheses (unbiased, bounded variance, ‖g_f‖² and ‖g‖² integrable).
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Expectation.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap.
Open Scope R_scope.

Section SampleErrors.
Context {Omega : Type} (P : prob_space Omega).

Lemma stochastic_second_moment n G (g : Omega -> W n) w :
  IsStochasticGradient P n G g w -> integrable P (fun o => norm2 n (g o)) ->
  expectation P (fun o => norm2 n (g o))
  = expectation P (fun o => norm2 n (vsub (g o) (G w))) + norm2 n (G w).
Proof.
  intros [Hg Hs] H2. rewrite l2_bias_variance_decomposition by assumption.
  rewrite (norm2_ext n (vexpectation P n g) (G w)) by exact Hs. f_equal.
  apply expectation_ext. intros o. apply norm2_ext. intros i Hi. unfold vsub. now rewrite Hs.
Qed.

(** [zsharp_variance_bound]: E g = ∇L(w), E‖g − ∇L(w)‖² ≤ σ², ‖g_f‖², ‖g‖² integrable
    ⇒ E‖g ⊙ zScoreMask(g)‖² ≤ σ² + ‖∇L(w)‖². *)
Theorem zsharp_variance_bound n G (g_adv : Omega -> W n) (w : W n) z s2 :
  IsStochasticGradient P n G g_adv w -> HasBoundedVariance P n G g_adv w s2 ->
  integrable P (fun o => norm2 n (filteredGradient n (g_adv o) z)) ->
  integrable P (fun o => norm2 n (g_adv o)) ->
  expectation P (fun o => norm2 n (filteredGradient n (g_adv o) z)) <= s2 + norm2 n (G w).
Proof.
  intros Hs Hv Hf Hg. unfold HasBoundedVariance in Hv.
  apply Rle_trans with (expectation P (fun o => norm2 n (g_adv o))).
  - apply expectation_le; [exact Hf | exact Hg|]. intros o. apply norm2_filteredGradient_le.
  - rewrite (stochastic_second_moment n G g_adv w Hs Hg). lra.
Qed.

End SampleErrors.
