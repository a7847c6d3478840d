(** * LeanSharp.Upstream.StochasticProcess.SampleErrors — upstream LeanSharp/Stochastic/Mechanics/SampleErrors.lean

    Translates the variance bound of the Z-score filtered stochastic gradient. Notions as in
    [Upstream.All] and [Upstream.StochasticProcess.SharpnessMap] (finite law (K, p), the
    field G in place of upstream's [gradient L], [filteredGradient] = g ⊙ inlier mask).
    [stochastic_second_moment] (helper): an unbiased estimator has E‖g‖² = E‖g − G w‖² + ‖G w‖².

    Equal: none.
    Weaker:
    - [zsharp_variance_bound_finite_law] — E‖g_f‖² ≤ σ² + ‖∇L(w)‖² for a finite law
      (upstream: any probability measure).
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap.
Open Scope R_scope.

Lemma stochastic_second_moment n K p G (g : nat -> W n) w :
  is_law K p -> IsStochasticGradient n K p G g w ->
  expect K p (fun k => norm2 n (g k))
  = expect K p (fun k => norm2 n (vsub (g k) (G w))) + norm2 n (G w).
Proof.
  intros Hl Hs. rewrite l2_bias_variance_decomposition_finite_law by exact Hl.
  rewrite (norm2_ext n (vexpect n K p g) (G w)) by exact Hs. f_equal.
  apply expect_ext. intros k _. apply norm2_ext. intros i Hi. unfold vsub. now rewrite Hs.
Qed.

(** [zsharp_variance_bound_finite_law]: E g = ∇L(w), E‖g − ∇L(w)‖² ≤ σ²
    ⇒ E‖g ⊙ zScoreMask(g)‖² ≤ σ² + ‖∇L(w)‖². *)
Theorem zsharp_variance_bound_finite_law n K p G (g_adv : nat -> W n) (w : W n) z s2 :
  is_law K p -> IsStochasticGradient n K p G g_adv w -> HasBoundedVariance n K p G g_adv w s2 ->
  expect K p (fun k => norm2 n (filteredGradient n (g_adv k) z)) <= s2 + norm2 n (G w).
Proof.
  intros Hl Hs Hv. unfold HasBoundedVariance in Hv.
  apply Rle_trans with (expect K p (fun k => norm2 n (g_adv k))).
  - apply expect_le; [exact Hl|]. intros k _. apply norm2_filteredGradient_le.
  - rewrite (stochastic_second_moment n K p G g_adv w Hl Hs). lra.
Qed.
