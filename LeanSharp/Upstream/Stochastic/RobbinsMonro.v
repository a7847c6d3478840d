(** * LeanSharp.Upstream.Stochastic.RobbinsMonro — upstream LeanSharp/Stochastic/Foundations/RobbinsMonro.lean

    Translates the Robbins–Monro convergence interface. Notions as in [Upstream.All],
    [Upstream.StochasticProcess.ProcessSequence] (envelopes, atom labellings F t for ℱ t) and
    [Upstream.StochasticProcess.Bridges] (a.e. convergence, Robbins–Monro steps, the bridge
    contract), on a finite law (K, p).

    Equal: none.
    Weaker:
    - [zsharp_objective_as_convergence_of_bridge_finite_law] — the bridge contract fed with
      the accumulated descent envelopes gives a.e. convergence, finite law with partition
      σ-algebras (upstream: any probability space).
    Open:
    - [zsharp_robbins_monro_almost_sure_convergence] — builds a submartingale from −f(w_t) and
      applies Doob's a.s. convergence theorem: needs that theorem and filtrations on an
      infinite-history probability space (a product of countably many laws), absent here.
    - [zsharp_robbins_monro_almost_sure_convergence_of_model_descent_hypotheses] — the same from
      upstream's bundled model hypotheses (adapted, supermartingale, L¹-bounded); same missing
      layer. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap ProcessSequence Bridges.
Open Scope R_scope.

(** [zsharp_objective_as_convergence_of_bridge_finite_law]: Robbins–Monro steps, the bridge
    contract, w_{t+1} = step(w_t) a.e. and the ZSharp envelopes ⇒ f(w_t) converges a.e. *)
Theorem zsharp_objective_as_convergence_of_bridge_finite_law n K p (F : nat -> nat -> nat)
  L_smooth (f : W n -> R) (G : W n -> W n) (w : nat -> nat -> W n) (eta : nat -> R) z s2
  (g_adv : nat -> nat -> W n) :
  is_law K p -> RobbinsMonroStepsize eta ->
  ZSharpSupermartingaleAsBridge n K p L_smooth f G w eta s2 ->
  (forall t k, (k < K)%nat -> 0 < p k ->
     w (S t) k = stochasticZSharpStep n (w t k) eta t z (g_adv t) k) ->
  (forall t, ZSharpDescentEnvelope n K p F L_smooth f G w eta z s2 g_adv t) ->
  ZSharpObjectiveAsConvergence n K p f w.
Proof.
  intros Hl Hr Hb Hs He. apply Hb; [exact Hr|]. intros T.
  exact (stochastic_zsharp_sequence_descent_finite_law n K p F L_smooth f G w eta z s2 T g_adv
           Hl Hs He).
Qed.
