(** * LeanSharp.Upstream.StochasticProcess.ProcessDescent — upstream LeanSharp/Stochastic/Convergence/Process/Descent.lean

    Translates the one-step expected descent results. Notions as in [Upstream.All] and
    [Upstream.StochasticProcess.SharpnessMap]: finite law (K, p) on the outcomes, a process
    w : nat → nat → W n (time t, outcome k), the σ-algebras ℱ t as labellings F t of their
    atoms with [cond_expect], "a.e." as "for every outcome of positive weight", a field G for
    upstream's [gradient f]. Upstream's [SmoothObjective] (differentiable, ∇L
    Lc-Lipschitz, Lc ≥ 0) is (L, G, Lc) with [Optim.Smooth.is_gradient n L G],
    [lipschitz_grad n G Lc] and 0 ≤ Lc (the library's [smooth_objective] record asks Lc > 0).

    Equal: none.
    Weaker:
    - [stochastic_expected_descent_step_finite_law] — conditional descent ⇒ descent in
      expectation, on a finite law with partition σ-algebras (upstream: any probability
      space and sub-σ-algebra).
    - [stochastic_zsharp_convergence_finite_law] — E‖w⁺ − w*‖² ≤ (1 − ημ)‖w − w*‖² under
      stochastic alignment, finite law.
    - [sam_expected_descent_step_finite_law] — the SAM-filtered expected descent, finite law.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap DescentCore ProcessBasic.
Open Scope R_scope.

(** [stochastic_expected_descent_step_finite_law]: w_{t+1} = step(w_t) a.e. and
    E[f(step) | ℱ_t] ≤ f(w_t) − (η_t/4)‖∇f(w_t)‖² + (η_t²L/2)σ² a.e.
    ⇒ E f(w_{t+1}) ≤ E f(w_t) − (η_t/4)E‖∇f(w_t)‖² + (η_t²L/2)σ². *)
Theorem stochastic_expected_descent_step_finite_law n K p (F : nat -> nat -> nat) L_smooth
  (f : W n -> R) (G : W n -> W n) (w : nat -> nat -> W n) (eta : nat -> R) z s2 t
  (g_adv : nat -> nat -> W n) :
  is_law K p ->
  (forall k, (k < K)%nat -> 0 < p k ->
     w (S t) k = stochasticZSharpStep n (w t k) eta t z (g_adv t) k) ->
  (forall k, (k < K)%nat -> 0 < p k ->
     cond_expect K p (F t) (fun k' => f (stochasticZSharpStep n (w t k') eta t z (g_adv t) k')) k
     <= f (w t k) - eta t / 4 * norm2 n (G (w t k)) + eta t ^ 2 * L_smooth / 2 * s2) ->
  expect K p (fun k => f (w (S t) k))
  <= expect K p (fun k => f (w t k)) - eta t / 4 * expect K p (fun k => norm2 n (G (w t k)))
     + eta t ^ 2 * L_smooth / 2 * s2.
Proof.
  intros Hl Hs Hd.
  rewrite (expect_ext_ae K p _ (fun k => f (stochasticZSharpStep n (w t k) eta t z (g_adv t) k))
             Hl) by (intros k Hk Hp; now rewrite Hs).
  rewrite <- (cond_expect_tower K p (F t)) by exact Hl.
  eapply Rle_trans; [apply expect_le_ae; [exact Hl | exact Hd]|].
  rewrite expect_add, (expect_ext K p _ (fun k => f (w t k) + (- (eta t / 4)) * norm2 n (G (w t k))))
    by (intros; ring).
  rewrite expect_add, expect_scal, expect_const by exact Hl. lra.
Qed.

(** [stochastic_zsharp_convergence_finite_law]: stochastic alignment at w
    ⇒ E‖w − η_t g_f − w*‖² ≤ (1 − η_tμ)‖w − w*‖². *)
Theorem stochastic_zsharp_convergence_finite_law n K p (w_star : W n) (g_adv : nat -> W n)
  (w : W n) (eta : nat -> R) t z mu :
  is_law K p -> StochasticAlignmentCondition n K p w w_star g_adv (eta t) mu z ->
  expect K p (fun k => norm2 n (vsub (stochasticZSharpStep n w eta t z g_adv k) w_star))
  <= (1 - eta t * mu) * norm2 n (vsub w w_star).
Proof.
  intros Hl Ha. unfold StochasticAlignmentCondition in Ha.
  rewrite (expect_ext K p _ (fun k => norm2 n (vsub (vsub w w_star)
                                   (vscale (eta t) (filteredGradient n (g_adv k) z))))).
  - rewrite stochastic_dist_expansion_finite_law by exact Hl.
    replace ((1 - eta t * mu) * norm2 n (vsub w w_star))
      with (norm2 n (vsub w w_star) - eta t * mu * norm2 n (vsub w w_star)) by ring.
    unfold Rminus in *. lra.
  - intros k _. apply norm2_ext. intros i _. unfold stochasticZSharpStep, vsub, vscale. ring.
Qed.

(** [sam_expected_descent_step_finite_law]: L Lc-smooth, η > 0,
    E‖g_f‖² ≤ σ² + (‖∇L(w)‖ + Lcρ)², ‖∇L(w)‖² ≤ 2⟨∇L(w), E g_f⟩
    ⇒ E L(w − ηg_f) ≤ L(w) − (η/2)‖∇L(w)‖² + (η²Lc/2)(σ² + (‖∇L(w)‖ + Lcρ)²). *)
Theorem sam_expected_descent_step_finite_law n K p (L : W n -> R) (G : W n -> W n) Lc
  (g : nat -> W n) (w : W n) eta z rho s2 :
  is_law K p -> is_gradient n L G -> lipschitz_grad n G Lc -> 0 <= Lc -> 0 < eta ->
  expect K p (fun k => norm2 n (filteredGradient n (g k) z))
    <= s2 + (norm n (G w) + Lc * rho) ^ 2 ->
  norm2 n (G w) <= 2 * inner n (G w) (vexpect n K p (fun k => filteredGradient n (g k) z)) ->
  expect K p (fun k => L (vsub w (vscale eta (filteredGradient n (g k) z))))
  <= L w - eta / 2 * norm2 n (G w) + eta ^ 2 * Lc / 2 * (s2 + (norm n (G w) + Lc * rho) ^ 2).
Proof.
  intros Hl Hg Hlip HLc He Hsec Ha.
  pose proof (smooth_expect_step n K p L G Lc w (fun k => filteredGradient n (g k) z) eta Hl
                (smooth_of_gradient n L G Lc Hg Hlip)) as H.
  assert (eta ^ 2 * Lc / 2 * expect K p (fun k => norm2 n (filteredGradient n (g k) z))
          <= eta ^ 2 * Lc / 2 * (s2 + (norm n (G w) + Lc * rho) ^ 2))
    by (apply Rmult_le_compat_l; [unfold Rdiv; apply Rmult_le_pos; [nra | lra] | exact Hsec]).
  assert (eta * inner n (G w) (vexpect n K p (fun k => filteredGradient n (g k) z))
          >= eta / 2 * norm2 n (G w)) by nra.
  lra.
Qed.
