(** * LeanSharp.Upstream.StochasticProcess.DescentCore — upstream LeanSharp/Stochastic/Mechanics/DescentSteps/Core.lean

    Translates the filtered variance bound and the stochastic Taylor descent step: filtering an
    unbiased estimator g of G w with E‖g − G w‖² ≤ σ² keeps its variance ≤ σ² + ‖G w‖², and one
    SGD step on an L-smooth f with 0 < η ≤ 1/L gives E f(w − ηg) ≤ f(w) − (η/2)‖∇f(w)‖² +
    (η²L/2)E‖g − ∇f(w)‖². Notions as in [Upstream.All] and
    [Upstream.StochasticProcess.SharpnessMap]: any probability space P, a field G in place of
    upstream's [gradient f]. Upstream's [IsSmooth f L] (f y ≤ f x + ⟨∇f x, y − x⟩ +
    (L/2)‖y − x‖²) is [Upstream.Dynamics.QuadraticBowl.IsSmooth n f G L], reused here;
    [smooth_of_gradient]: the library's is_gradient + lipschitz_grad give it.
    Helpers (new, general): [vintegrable_of_integrable_norm2] (a measurable random vector with
    ‖g‖² integrable is integrable: |g_i| ≤ ‖g‖² + 1), [smooth_expect_step]
    (E f(w − η d) ≤ f w − η⟨G w, E d⟩ + (η²L/2)E‖d‖² for an integrable random direction d),
    [eta_L_le_1] (0 < η ≤ 1/L ⇒ 0 < L, ηL ≤ 1).

    Equal:
    - [filtered_variance_bound] — E‖g_f − E g_f‖² ≤ σ² + ‖∇L(w)‖² on any probability space
      (upstream's hypotheses: unbiased, bounded variance, ‖g‖² integrable, g_f measurable,
      ‖g_f‖² integrable).
    - [stochastic_taylor_descent] — the expected SGD descent step on any probability space
      (‖g‖² and f(w − ηg) integrable, as upstream).
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From LeanSharp.Core Require Import Vec Expectation.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Upstream.Dynamics Require Import QuadraticBowl.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap SampleErrors.
Open Scope R_scope.

(** The library's smoothness (G the gradient of f, G Lc-Lipschitz) gives [IsSmooth]. *)
Lemma smooth_of_gradient n f G Lc :
  is_gradient n f G -> lipschitz_grad n G Lc -> IsSmooth n f G Lc.
Proof.
  intros Hg Hl x y. pose proof (descent_lemma Hg Hl x (vsub y x)) as H.
  replace (vadd x (vsub y x)) with y in H; [exact H|].
  apply functional_extensionality. intros i. unfold vadd, vsub. ring.
Qed.

Lemma eta_L_le_1 eta L : 0 < eta /\ eta <= 1 / L -> 0 < L /\ eta * L <= 1.
Proof.
  intros [He HL]. destruct (Rlt_le_dec 0 L) as [Hp|Hn].
  - split; [exact Hp|]. apply (Rmult_le_compat_r L) in HL; [|lra].
    unfold Rdiv in HL. rewrite Rmult_1_l, Rinv_l in HL by lra. exact HL.
  - exfalso. destruct (Req_dec L 0) as [Z|Z].
    + rewrite Z in HL. unfold Rdiv in HL. rewrite Rinv_0 in HL. lra.
    + assert (/ L < 0) by (apply Rinv_lt_0_compat; lra). unfold Rdiv in HL. lra.
Qed.

Section Descent.
Context {Omega : Type} (P : prob_space Omega).

Lemma vintegrable_of_integrable_norm2 n (g : Omega -> W n) :
  vmeasurable P n g -> integrable P (fun o => norm2 n (g o)) -> vintegrable P n g.
Proof.
  intros Hm H2 i Hi. apply (integrable_dominated P _ (fun o => norm2 n (g o) + 1)).
  - now apply Hm.
  - apply integrable_plus; [exact H2 | apply integrable_const].
  - apply ae_of_all. intros o.
    assert (g o i * g o i <= norm2 n (g o)).
    { apply (vsum_term_le n (fun j => g o j * g o j)); [intros; nra | exact Hi]. }
    destruct (Rcase_abs (g o i)); [rewrite Rabs_left | rewrite Rabs_right]; nra.
Qed.

(** [filtered_variance_bound]: the Z-score filtered estimator has variance ≤ σ² + ‖∇L(w)‖². *)
Theorem filtered_variance_bound n G (g : Omega -> W n) (w : W n) s2 z :
  IsStochasticGradient P n G g w -> HasBoundedVariance P n G g w s2 ->
  integrable P (fun o => norm2 n (g o)) ->
  vmeasurable P n (fun o => filteredGradient n (g o) z) ->
  integrable P (fun o => norm2 n (filteredGradient n (g o) z)) ->
  expectation P (fun o => norm2 n (vsub (filteredGradient n (g o) z)
                                       (vexpectation P n (fun o' => filteredGradient n (g o') z))))
  <= s2 + norm2 n (G w).
Proof.
  intros Hs Hv Hg Hm Hf.
  pose proof (vintegrable_of_integrable_norm2 n _ Hm Hf) as Hgf.
  pose proof (l2_bias_variance_decomposition P n (fun o => filteredGradient n (g o) z) Hf Hgf)
    as Hd.
  pose proof (norm2_nonneg n (vexpectation P n (fun o => filteredGradient n (g o) z))).
  pose proof (zsharp_variance_bound P n G g w z s2 Hs Hv Hf Hg). lra.
Qed.

Lemma smooth_expect_step n f G L (w : W n) (d : Omega -> W n) eta :
  IsSmooth n f G L -> vintegrable P n d -> integrable P (fun o => norm2 n (d o)) ->
  integrable P (fun o => f (vsub w (vscale eta (d o)))) ->
  expectation P (fun o => f (vsub w (vscale eta (d o))))
  <= f w - eta * inner n (G w) (vexpectation P n d)
     + eta ^ 2 * L / 2 * expectation P (fun o => norm2 n (d o)).
Proof.
  intros Hs Hd Hd2 Hf.
  assert (Hi : integrable P (fun o => inner n (G w) (d o))) by now apply integrable_inner_const.
  apply Rle_trans with (expectation P (fun o => f w + (- eta) * inner n (G w) (d o)
                                                 + (eta ^ 2 * L / 2) * norm2 n (d o))).
  - apply expectation_le; [exact Hf | |].
    + apply integrable_plus; [apply integrable_plus|];
        auto using integrable_const, integrable_scal.
    + intros o. pose proof (Hs w (vsub w (vscale eta (d o)))) as H.
      rewrite (inner_ext n (G w) (G w) _ (vscale (- eta) (d o))) in H
        by (intros; unfold vsub, vscale; split; ring).
      rewrite (norm2_ext n _ (vscale (- eta) (d o))) in H by (intros; unfold vsub, vscale; ring).
      rewrite inner_scale_r, norm2_scale in H.
      apply (Rle_trans _ _ _ H). apply Req_le. unfold Rdiv. ring.
  - rewrite expectation_plus, expectation_plus, !expectation_scal, expectation_const,
      expectation_inner_const by auto using integrable_plus, integrable_const, integrable_scal.
    lra.
Qed.

(** [stochastic_taylor_descent]: f L-smooth, E g = ∇f(w), ‖g‖² and f(w − ηg) integrable,
    0 < η ≤ 1/L ⇒ E f(w − ηg) ≤ f(w) − (η/2)‖∇f(w)‖² + (η²L/2)·E‖g − ∇f(w)‖². *)
Theorem stochastic_taylor_descent n L_smooth f G (g : Omega -> W n) (w : W n) eta :
  IsSmooth n f G L_smooth -> IsStochasticGradient P n G g w ->
  integrable P (fun o => norm2 n (g o)) -> 0 < eta /\ eta <= 1 / L_smooth ->
  integrable P (fun o => f (vsub w (vscale eta (g o)))) ->
  expectation P (fun o => f (vsub w (vscale eta (g o))))
  <= f w - eta / 2 * norm2 n (G w)
     + eta ^ 2 * L_smooth / 2 * expectation P (fun o => norm2 n (vsub (g o) (G w))).
Proof.
  intros Hs Hg H2 He Hf. pose proof (eta_L_le_1 eta L_smooth He) as [HL HeL].
  pose proof (smooth_expect_step n f G L_smooth w g eta Hs (proj1 Hg) H2 Hf) as H.
  rewrite (inner_ext n (G w) (G w) (vexpectation P n g) (G w)) in H
    by (intros i Hi; split; [reflexivity | now apply (proj2 Hg)]).
  rewrite (stochastic_second_moment P n G g w Hg H2) in H. fold (norm2 n (G w)) in H.
  pose proof (norm2_nonneg n (G w)). destruct He as [He _].
  assert (eta ^ 2 * L_smooth / 2 * norm2 n (G w) <= eta / 2 * norm2 n (G w)).
  { apply Rmult_le_compat_r; [lra|]. nra. }
  lra.
Qed.

End Descent.
