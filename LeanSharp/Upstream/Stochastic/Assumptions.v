(** * LeanSharp.Upstream.Stochastic.Assumptions — upstream LeanSharp/Stochastic/Convergence/Assumptions.lean

    Translates upstream's two hypothesis bundles for almost-sure convergence (definitions
    only; upstream states no theorem in this file). Notions as in [Upstream.All]: a
    probability space P, a process w : nat → Ω → W n, a field G for upstream's [gradient f];
    a sub-σ-algebra ℱ t ≤ m₀ is F t : sub_sigma P; a Mathlib [Filtration] ℕ m₀ is
    Ffil : nat → sub_sigma P with [Core.Martingale.filtration P Ffil]; [StronglyAdapted] is
    [Core.Martingale.adapted]; for integrable X, eLpNorm X 1 ℙ ≤ R is E|X| ≤ R.
    - [ZSharpModelDescentHypotheses]: Robbins–Monro steps, the structural assumptions
      ([Upstream.Stochastic.Integrability.ZSharpStructuralAssumptions]), f(w_t) adapted, a
      supermartingale step E[f(w_{t+1}) | Ffil t] ≤ f(w_t) a.s., E|f(w_t)| ≤ R, Ffil a
      filtration, and the ZSharp descent envelopes of the gradient process at every t;
    - [ZSharpOracleDescentHypotheses]: Robbins–Monro steps, a polynomial-tail (non-Gaussian)
      oracle on the increments w_{t+1} − w_t (with upstream's unused constants C > 0, p ≥ 1),
      the same supermartingale conditions, Ffil a filtration.

    Equal: none (no theorem upstream). Weaker: none. Open: none. *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec Expectation Martingale.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap ProcessSequence Bridges.
From LeanSharp.Upstream.Stochastic Require Import Oracles Integrability.
Open Scope R_scope.

Section Hypotheses.
Context {Omega : Type} (P : prob_space Omega) (n : nat).

(** f(w_t) is adapted, a supermartingale step holds and E|f(w_t)| ≤ R, for some R. *)
Definition objective_supermartingale (f : W n -> R) (w : nat -> Omega -> W n)
  (Ffil : nat -> sub_sigma P) : Prop :=
  exists R0, adapted P Ffil (fun t o => f (w t o))
    /\ (forall t, ae P (fun o => cond P (Ffil t) (fun o' => f (w (S t) o')) o <= f (w t o)))
    /\ (forall t, expectation P (fun o => Rabs (f (w t o))) <= R0).

Definition ZSharpModelDescentHypotheses (L_smooth : R) (f : W n -> R) (G : W n -> W n)
  (w : nat -> Omega -> W n) (eta : nat -> R) (z s2 : R) (F Ffil : nat -> sub_sigma P) : Prop :=
  RobbinsMonroStepsize eta
  /\ inhabited (ZSharpStructuralAssumptions P n f G w eta z s2)
  /\ objective_supermartingale f w Ffil
  /\ filtration P Ffil
  /\ (forall t, ZSharpDescentEnvelope P n L_smooth f G w eta z s2 (fun t' o => G (w t' o)) F t).

Definition ZSharpOracleDescentHypotheses (f : W n -> R) (w : nat -> Omega -> W n) (eta : nat -> R)
  (F Ffil : nat -> sub_sigma P) : Prop :=
  RobbinsMonroStepsize eta
  /\ (exists C p : R, 0 < C /\ 1 <= p
        /\ NonGaussianProbabilityOracleProcess (prob P) n (fun t o => vsub (w (S t) o) (w t o)))
  /\ objective_supermartingale f w Ffil
  /\ filtration P Ffil.

(** The supermartingale conditions and integrability make f(w_t) converge a.s. (Doob). *)
Lemma objective_converges_of_supermartingale f w Ffil :
  filtration P Ffil -> objective_supermartingale f w Ffil ->
  (forall t, integrable P (fun o => f (w t o))) -> ZSharpObjectiveAsConvergence P n f w.
Proof.
  intros HF [R0 [Ha [Hs Hb]]] Hi.
  exact (supermartingale_converges P Ffil (fun t o => f (w t o)) HF R0 (conj Ha (conj Hi Hs)) Hb).
Qed.

End Hypotheses.
