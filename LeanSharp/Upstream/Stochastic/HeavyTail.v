(** * LeanSharp.Upstream.Stochastic.HeavyTail — upstream LeanSharp/Stochastic/Convergence/HeavyTail.lean

    Upstream's two theorems conclude ALMOST-SURE convergence of f(w_t) from a
    supermartingale hypothesis (E[f(w_{t+1}) | ℱ_t] ≤ f(w_t), uniformly L¹-bounded) plus a
    polynomial-tail oracle on the increments; the tail oracle is not used by the proof, which
    is Doob's convergence theorem ([Core.Martingale.supermartingale_converges]). Notions as in
    [Upstream.Stochastic.Assumptions] (a probability space P, a filtration Ffil, the oracle
    bundle [ZSharpOracleDescentHypotheses]); the tail oracles are
    [Upstream.Stochastic.Oracles]'s on the probabilities [prob P] (any probability space). The
    library's own heavy-tail results are [Stochastic.HeavyTails] and
    [Stochastic.ClippedHeavyTail].

    Equal:
    - [zsharp_heavy_tail_convergence] — the oracle bundle and f(w_t) integrable ⇒ f(w_t)
      converges a.s.
    - [zsharp_heavy_tail_convergence_of_alpha_stable] — the same from an α-stable oracle
      (α ≥ 1) on the increments, through [alpha_stable_is_non_gaussian].
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec Expectation Martingale.
From LeanSharp.Upstream.StochasticProcess Require Import Bridges.
From LeanSharp.Upstream.Stochastic Require Import Oracles Assumptions.
Open Scope R_scope.

Section HeavyTail.
Context {Omega : Type} (P : prob_space Omega) (n : nat).

(** [zsharp_heavy_tail_convergence]: the oracle bundle (Robbins–Monro steps, a non-Gaussian
    tail oracle on the increments, f(w_t) an L¹-bounded supermartingale for a filtration) and
    f(w_t) integrable ⇒ f(w_t) converges a.s. *)
Theorem zsharp_heavy_tail_convergence (f : W n -> R) (w : nat -> Omega -> W n) (eta : nat -> R)
  (F Ffil : nat -> sub_sigma P) :
  ZSharpOracleDescentHypotheses P n f w eta F Ffil ->
  (forall t, integrable P (fun o => f (w t o))) ->
  ZSharpObjectiveAsConvergence P n f w.
Proof.
  intros [_ [_ [Hsup HF]]] Hi. exact (objective_converges_of_supermartingale P n f w Ffil HF Hsup Hi).
Qed.

(** [zsharp_heavy_tail_convergence_of_alpha_stable]: an α-stable oracle (α ≥ 1) on the
    increments is non-Gaussian, so the same a.s. convergence holds. *)
Theorem zsharp_heavy_tail_convergence_of_alpha_stable (f : W n -> R) (w : nat -> Omega -> W n)
  (eta : nat -> R) (F Ffil : nat -> sub_sigma P) (alpha : R) :
  1 <= alpha -> RobbinsMonroStepsize eta ->
  AlphaStableProbabilityOracleProcess (prob P) n (fun t o => vsub (w (S t) o) (w t o)) alpha ->
  objective_supermartingale P n f w Ffil -> filtration P Ffil ->
  (forall t, integrable P (fun o => f (w t o))) ->
  ZSharpObjectiveAsConvergence P n f w.
Proof.
  intros Ha Hrm Hst Hsup HF Hi. apply (zsharp_heavy_tail_convergence f w eta F Ffil); [|exact Hi].
  split; [exact Hrm|]. split; [|split; assumption].
  exists 1, 1. split; [lra|]. split; [lra|].
  intros t. exact (alpha_stable_is_non_gaussian P n alpha _ Ha (Hst t)).
Qed.

End HeavyTail.
