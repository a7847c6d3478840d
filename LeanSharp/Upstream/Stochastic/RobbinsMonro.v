(** * LeanSharp.Upstream.Stochastic.RobbinsMonro — upstream LeanSharp/Stochastic/Foundations/RobbinsMonro.lean

    Translates the Robbins–Monro convergence interface. Notions as in [Upstream.All],
    [Upstream.StochasticProcess.ProcessSequence] (envelopes for sub-σ-algebras F t) and
    [Upstream.StochasticProcess.Bridges] (a.e. convergence, Robbins–Monro steps, the bridge
    contract), on any probability space P ([Core.Expectation.prob_space]) with sub-σ-algebras
    F t : sub_sigma P.

    Equal:
    - [zsharp_objective_as_convergence_of_bridge] — the bridge contract fed with the
      accumulated descent envelopes (w_{t+1} = step(w_t) a.s., f(w_t) and ‖∇f(w_t)‖²
      integrable) gives a.s. convergence.
    - [zsharp_robbins_monro_almost_sure_convergence] — −f(w_t) adapted to a filtration with
      the submartingale step and E|f(w_t)| ≤ R, the ZSharp steps and envelopes, f(w_t) and
      ‖∇f(w_t)‖² integrable ⇒ the accumulated descent bound for every T and a.s. convergence
      of f(w_t) (Doob, [Core.Martingale]).
    - [zsharp_robbins_monro_almost_sure_convergence_of_model_descent_hypotheses] — the same
      from upstream's bundle [Upstream.Stochastic.Assumptions.ZSharpModelDescentHypotheses]
      (integrability from the structural assumptions' domination).
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Expectation Martingale.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap ProcessSequence Bridges.
From LeanSharp.Upstream.Stochastic Require Import Integrability Assumptions.
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

(** [zsharp_robbins_monro_almost_sure_convergence]: −f(w_t) a submartingale for the filtration
    Ffil (adapted, one-step, E|f(w_t)| ≤ R), w_{t+1} = step(w_t) a.s., the envelopes for F,
    f(w_t) and ‖∇f(w_t)‖² integrable ⇒ the descent bound for every T, and f(w_t) converges a.s. *)
Theorem zsharp_robbins_monro_almost_sure_convergence {Omega : Type} (P : prob_space Omega) n
  L_smooth (f : W n -> R) (G : W n -> W n) (w : nat -> Omega -> W n) (eta : nat -> R) z s2
  (g_adv : nat -> Omega -> W n) (F Ffil : nat -> sub_sigma P) R0 :
  filtration P Ffil -> adapted P Ffil (fun t o => - f (w t o)) ->
  (forall t, ae P (fun o => - f (w t o) <= cond P (Ffil t) (fun o' => - f (w (S t) o')) o)) ->
  (forall t, expectation P (fun o => Rabs (- f (w t o))) <= R0) ->
  (forall t, ae P (fun o => w (S t) o = stochasticZSharpStep n (w t o) eta t z (g_adv t) o)) ->
  (forall t, ZSharpDescentEnvelope P n L_smooth f G w eta z s2 g_adv F t) ->
  (forall t, integrable P (fun o => f (w t o))) ->
  (forall t, integrable P (fun o => norm2 n (G (w t o)))) ->
  (forall T, vsum T (fun t => eta t / 4 * expectation P (fun o => norm2 n (G (w t o))))
             <= expectation P (fun o => f (w 0%nat o)) - expectation P (fun o => f (w T o))
                + vsum T (fun t => eta t ^ 2 * L_smooth / 2 * s2))
  /\ ZSharpObjectiveAsConvergence P n f w.
Proof.
  intros HF Ha Hst Hb Hs He Hi Hig. split.
  - intros T. exact (stochastic_zsharp_sequence_descent P n L_smooth f G w eta z s2 T g_adv F Hs He Hi Hig).
  - apply (zsharp_objective_as_convergence_of_neg_submartingale P n f w Ffil R0 HF); [|exact Hb].
    split; [exact Ha|]. split; [|exact Hst]. intros t. apply (integrable_opp P), Hi.
Qed.

(** [zsharp_robbins_monro_almost_sure_convergence_of_model_descent_hypotheses]: upstream's
    model bundle ⇒ the descent bound for every T, and f(w_t) converges a.s. *)
Theorem zsharp_robbins_monro_almost_sure_convergence_of_model_descent_hypotheses {Omega : Type}
  (P : prob_space Omega) n L_smooth (f : W n -> R) (G : W n -> W n) (w : nat -> Omega -> W n)
  (eta : nat -> R) z s2 (F Ffil : nat -> sub_sigma P) :
  ZSharpModelDescentHypotheses P n L_smooth f G w eta z s2 F Ffil ->
  (forall T, vsum T (fun t => eta t / 4 * expectation P (fun o => norm2 n (G (w t o))))
             <= expectation P (fun o => f (w 0%nat o)) - expectation P (fun o => f (w T o))
                + vsum T (fun t => eta t ^ 2 * L_smooth / 2 * s2))
  /\ ZSharpObjectiveAsConvergence P n f w.
Proof.
  intros [_ [[S] [Hsup [HF He]]]].
  destruct (zsharp_integrability_of_assumptions P n f G w (structural_integrability _ _ _ _ _ _ _ _ S))
    as [Hi Hig].
  split.
  - intros T. exact (stochastic_zsharp_sequence_descent P n L_smooth f G w eta z s2 T
                       (fun t' o => G (w t' o)) F (structural_step _ _ _ _ _ _ _ _ S) He Hi Hig).
  - exact (objective_converges_of_supermartingale P n f w Ffil HF Hsup Hi).
Qed.
