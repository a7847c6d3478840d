(** * LeanSharp.Upstream.StochasticProcess.ProcessDescent — upstream LeanSharp/Stochastic/Convergence/Process/Descent.lean

    Translates the one-step expected descent results of the stochastic ZSharp process: a
    conditional descent bound at step t integrates (tower property) to a bound on E f(w_{t+1});
    stochastic alignment contracts E‖w⁺ − w*‖² by (1 − ημ); an aligned filtered step with a
    second-moment bound decreases E L. Notions as in [Upstream.All] and
    [Upstream.StochasticProcess.SharpnessMap]: any probability space P, a process
    w : nat → Ω → W n, the σ-algebras ℱ t as F : nat → [sub_sigma P] (upstream's ℱ t ≤ m₀ is
    then part of the type), volume[X | ℱ t] as [cond P (F t) X], ∀ᵐ as [ae P], a field G for
    upstream's [gradient f]. Upstream's [SmoothObjective] (differentiable, ∇L Lc-Lipschitz,
    Lc ≥ 0) is (L, G, Lc) with [Optim.Smooth.is_gradient n L G], [lipschitz_grad n G Lc] and
    0 ≤ Lc (the library's [smooth_objective] record asks Lc > 0). [StochasticAlignmentCondition]
    is [Upstream.Dynamics.Alignment]'s.

    Equal (any probability space, upstream's hypotheses):
    - [stochastic_expected_descent_step] — conditional descent a.s. (f(w_t), ‖∇f(w_t)‖²
      integrable) ⇒ E f(w_{t+1}) ≤ E f(w_t) − (η_t/4)E‖∇f(w_t)‖² + (η_t²L/2)σ².
    - [stochastic_zsharp_convergence] — E‖w⁺ − w*‖² ≤ (1 − ημ)‖w − w*‖² under stochastic
      alignment.
    - [sam_expected_descent_step] — the SAM-filtered expected descent (g_f, ‖g_f‖²,
      L(w − ηg_f) integrable).
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Expectation.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Upstream.Dynamics Require Import Alignment.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap DescentCore ProcessBasic.
Open Scope R_scope.

Section Descent.
Context {Omega : Type} (P : prob_space Omega).

(** [stochastic_expected_descent_step]: w_{t+1} = step(w_t) a.s. and
    E[f(step) | ℱ_t] ≤ f(w_t) − (η_t/4)‖∇f(w_t)‖² + (η_t²L/2)σ² a.s., f(w_t) and
    ‖∇f(w_t)‖² integrable ⇒ E f(w_{t+1}) ≤ E f(w_t) − (η_t/4)E‖∇f(w_t)‖² + (η_t²L/2)σ². *)
Theorem stochastic_expected_descent_step n L_smooth (f : W n -> R) (G : W n -> W n)
  (w : nat -> Omega -> W n) (eta : nat -> R) z s2 t (g_adv : nat -> Omega -> W n)
  (F : nat -> sub_sigma P) :
  ae P (fun o => w (S t) o = stochasticZSharpStep n (w t o) eta t z (g_adv t) o) ->
  ae P (fun o =>
    cond P (F t) (fun o' => f (stochasticZSharpStep n (w t o') eta t z (g_adv t) o')) o
    <= f (w t o) - eta t / 4 * norm2 n (G (w t o)) + eta t ^ 2 * L_smooth / 2 * s2) ->
  integrable P (fun o => f (w t o)) -> integrable P (fun o => norm2 n (G (w t o))) ->
  expectation P (fun o => f (w (S t) o))
  <= expectation P (fun o => f (w t o)) - eta t / 4 * expectation P (fun o => norm2 n (G (w t o)))
     + eta t ^ 2 * L_smooth / 2 * s2.
Proof.
  intros Hs Hd Hf Hg.
  rewrite (expectation_congr_ae P _
             (fun o => f (stochasticZSharpStep n (w t o) eta t z (g_adv t) o)))
    by (apply (ae_mono P _ _ (fun o H => f_equal f H) Hs)).
  rewrite <- (expectation_cond P (F t)).
  assert (Hr : integrable P (fun o => (f (w t o) + (- (eta t / 4)) * norm2 n (G (w t o)))
                                      + eta t ^ 2 * L_smooth / 2 * s2))
    by auto using integrable_plus, integrable_scal, integrable_const.
  eapply Rle_trans.
  - apply (expectation_mono P _ _ (integrable_cond P _ _) Hr).
    eapply ae_mono; [|exact Hd]. intros o H. cbv beta in *. lra.
  - rewrite expectation_plus, expectation_plus, expectation_scal, expectation_const
      by auto using integrable_plus, integrable_scal, integrable_const.
    lra.
Qed.

(** [stochastic_zsharp_convergence]: stochastic alignment at w
    ⇒ E‖w − η_t g_f − w*‖² ≤ (1 − η_tμ)‖w − w*‖². *)
Theorem stochastic_zsharp_convergence n (w_star : W n) (g_adv : Omega -> W n) (w : W n)
  (eta : nat -> R) t z mu :
  StochasticAlignmentCondition P n w w_star g_adv (eta t) mu z ->
  expectation P (fun o => norm2 n (vsub (stochasticZSharpStep n w eta t z g_adv o) w_star))
  <= (1 - eta t * mu) * norm2 n (vsub w w_star).
Proof.
  intros [Hi [Hi2 Ha]].
  rewrite (expectation_ext P _ (fun o => norm2 n (vsub (vsub w w_star)
                                   (vscale (eta t) (filteredGradient n (g_adv o) z))))).
  - rewrite stochastic_dist_expansion by exact Hi || exact Hi2.
    replace ((1 - eta t * mu) * norm2 n (vsub w w_star))
      with (norm2 n (vsub w w_star) - eta t * mu * norm2 n (vsub w w_star)) by ring.
    unfold filteredGradient, zScoreMask in *. unfold Rminus in *. lra.
  - intros o. apply norm2_ext. intros i _. unfold stochasticZSharpStep, vsub, vscale. ring.
Qed.

(** [sam_expected_descent_step]: L Lc-smooth, η > 0, g_f, ‖g_f‖², L(w − ηg_f) integrable,
    E‖g_f‖² ≤ σ² + (‖∇L(w)‖ + Lcρ)², ‖∇L(w)‖² ≤ 2⟨∇L(w), E g_f⟩
    ⇒ E L(w − ηg_f) ≤ L(w) − (η/2)‖∇L(w)‖² + (η²Lc/2)(σ² + (‖∇L(w)‖ + Lcρ)²). *)
Theorem sam_expected_descent_step n (L : W n -> R) (G : W n -> W n) Lc
  (g : Omega -> W n) (w : W n) eta z rho s2 :
  is_gradient n L G -> lipschitz_grad n G Lc -> 0 <= Lc -> 0 < eta ->
  vintegrable P n (fun o => filteredGradient n (g o) z) ->
  integrable P (fun o => norm2 n (filteredGradient n (g o) z)) ->
  integrable P (fun o => L (vsub w (vscale eta (filteredGradient n (g o) z)))) ->
  expectation P (fun o => norm2 n (filteredGradient n (g o) z))
    <= s2 + (norm n (G w) + Lc * rho) ^ 2 ->
  norm2 n (G w) <= 2 * inner n (G w) (vexpectation P n (fun o => filteredGradient n (g o) z)) ->
  expectation P (fun o => L (vsub w (vscale eta (filteredGradient n (g o) z))))
  <= L w - eta / 2 * norm2 n (G w) + eta ^ 2 * Lc / 2 * (s2 + (norm n (G w) + Lc * rho) ^ 2).
Proof.
  intros Hg Hlip HLc He Hi Hi2 Hf Hsec Ha.
  pose proof (smooth_expect_step P n L G Lc w (fun o => filteredGradient n (g o) z) eta
                (smooth_of_gradient n L G Lc Hg Hlip) Hi Hi2 Hf) as H.
  assert (eta ^ 2 * Lc / 2 * expectation P (fun o => norm2 n (filteredGradient n (g o) z))
          <= eta ^ 2 * Lc / 2 * (s2 + (norm n (G w) + Lc * rho) ^ 2))
    by (apply Rmult_le_compat_l; [unfold Rdiv; apply Rmult_le_pos; [nra | lra] | exact Hsec]).
  assert (eta * inner n (G w) (vexpectation P n (fun o => filteredGradient n (g o) z))
          >= eta / 2 * norm2 n (G w)) by nra.
  lra.
Qed.

End Descent.
