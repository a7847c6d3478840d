(** * LeanSharp.Upstream.Stochastic.RobbinsMonro — upstream LeanSharp/Stochastic/Foundations/RobbinsMonro.lean

    Translates the Robbins–Monro convergence interface. Notions as in [Upstream.All],
    [Upstream.StochasticProcess.ProcessSequence] (envelopes, atom labellings F t for ℱ t) and
    [Upstream.StochasticProcess.Bridges] (a.e. convergence, Robbins–Monro steps, the bridge
    contract), on any probability space P ([Core.Expectation.prob_space]) with sub-σ-algebras
    F t : sub_sigma P.

    Equal:
    - [zsharp_objective_as_convergence_of_bridge] — the bridge contract fed with the
      accumulated descent envelopes (w_{t+1} = step(w_t) a.s., f(w_t) and ‖∇f(w_t)‖²
      integrable) gives a.s. convergence.
    Weaker: none.
    Open:
    - [zsharp_robbins_monro_almost_sure_convergence] — builds a submartingale from −f(w_t) and
      applies Doob's a.s. convergence theorem: needs that theorem (the upcrossing inequality),
      hence countable additivity / monotone convergence, which the library's probability
      spaces ([Core.Expectation.prob_space]) do not assume.
    - [zsharp_robbins_monro_almost_sure_convergence_of_model_descent_hypotheses] — the same from
      upstream's bundled model hypotheses (adapted, supermartingale, L¹-bounded); same missing
      layer. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Expectation.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap ProcessSequence Bridges.
Open Scope R_scope.

(** [zsharp_objective_as_convergence_of_bridge]: Robbins–Monro steps, the bridge contract,
    w_{t+1} = step(w_t) a.s., the ZSharp envelopes and f(w_t), ‖∇f(w_t)‖² integrable
    ⇒ f(w_t) converges a.s. *)
Theorem zsharp_objective_as_convergence_of_bridge {Omega : Type} (P : prob_space Omega) n
  (F : nat -> sub_sigma P) L_smooth (f : W n -> R) (G : W n -> W n) (w : nat -> Omega -> W n)
  (eta : nat -> R) z s2 (g_adv : nat -> Omega -> W n) :
  RobbinsMonroStepsize eta ->
  ZSharpSupermartingaleAsBridge P n L_smooth f G w eta s2 ->
  (forall t, ae P (fun o => w (S t) o = stochasticZSharpStep n (w t o) eta t z (g_adv t) o)) ->
  (forall t, ZSharpDescentEnvelope P n L_smooth f G w eta z s2 g_adv F t) ->
  (forall t, integrable P (fun o => f (w t o))) ->
  (forall t, integrable P (fun o => norm2 n (G (w t o)))) ->
  ZSharpObjectiveAsConvergence P n f w.
Proof.
  intros Hr Hb Hs He Hi Hig. apply Hb; [exact Hr|]. intros T.
  exact (stochastic_zsharp_sequence_descent P n L_smooth f G w eta z s2 T g_adv F Hs He Hi Hig).
Qed.
