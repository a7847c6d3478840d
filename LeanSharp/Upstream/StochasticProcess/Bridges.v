(** * LeanSharp.Upstream.StochasticProcess.Bridges — upstream LeanSharp/Stochastic/Convergence/Bridges.lean

    Translates the expectation-to-almost-sure bridge contract: the hypothesis packaging
    "Robbins–Monro step sizes and the expected descent envelope for every horizon T imply that
    f(w_t) converges almost surely", and its eliminator. Notions as in [Upstream.All] and
    [Upstream.StochasticProcess.ProcessSequence]: as upstream (which omits
    [IsProbabilityMeasure] here), the space is any measure space M
    ([Core.Integral.measure_space]; ∫ ↦ [mu_integral M], ∀ᵐ ↦ [mu_ae M]); a probability space
    P is one through the coercion [Core.Expectation.prob_measure], so the definitions apply to P
    with ∫ = [expectation P], ∀ᵐ = [ae P]. A process w : nat → Ω → W n, a field G for upstream's
    [gradient f], Tendsto … (nhds ℓ) as Coquelicot's [is_lim_seq], Summable as [ex_series].
    Definitions (upstream names): [ZSharpObjectiveAsConvergence] (a.e. f(w_t(ω)) converges),
    [RobbinsMonroStepsize] (η_t ≥ 0, Σ η_t² < ∞, η_t → 0), [ZSharpSupermartingaleAsBridge]
    (Robbins–Monro steps + the expected descent envelope ⇒ a.e. convergence).

    The submartingale theorems are Doob's ([Core.Martingale]): a Mathlib [Filtration] ℕ m₀ is
    F : nat → sub_sigma P with [filtration P F]; [Submartingale X ℱ ℙ] (adapted, integrable,
    X i ≤ E[X j | ℱ i] for i ≤ j) gives the one-step [submartingale P F X] asked here; for an
    integrable X, eLpNorm X 1 ℙ ≤ R is E|X| ≤ R.

    Equal:
    - [zsharp_objective_as_convergence_of_bridge_contract] — the bridge contract applied, on
      any measure space.
    - [zsharp_objective_as_convergence_of_submartingale] — f(w_t) an L¹-bounded submartingale
      ⇒ f(w_t) converges a.s. ([Core.Martingale.submartingale_converges]).
    - [zsharp_objective_as_convergence_of_neg_submartingale] — the same when −f(w_t) is one.
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec Integral Expectation Martingale.
Open Scope R_scope.

Definition ZSharpObjectiveAsConvergence {Omega : Type} (M : measure_space Omega) (n : nat)
  (f : W n -> R) (w : nat -> Omega -> W n) : Prop :=
  mu_ae M (fun o => exists l : R, is_lim_seq (fun t => f (w t o)) l).

Definition RobbinsMonroStepsize (eta : nat -> R) : Prop :=
  (forall t, 0 <= eta t) /\ ex_series (fun t => eta t ^ 2) /\ is_lim_seq eta 0.

Definition ZSharpSupermartingaleAsBridge {Omega : Type} (M : measure_space Omega) (n : nat)
  (L_smooth : R) (f : W n -> R) (G : W n -> W n) (w : nat -> Omega -> W n) (eta : nat -> R)
  (s2 : R) : Prop :=
  RobbinsMonroStepsize eta ->
  (forall T, vsum T (fun t => eta t / 4 * mu_integral M (fun o => norm2 n (G (w t o))))
             <= mu_integral M (fun o => f (w 0%nat o)) - mu_integral M (fun o => f (w T o))
                + vsum T (fun t => eta t ^ 2 * L_smooth / 2 * s2)) ->
  ZSharpObjectiveAsConvergence M n f w.

(** [zsharp_objective_as_convergence_of_bridge_contract]: Robbins–Monro steps, the expected
    descent envelope for every T and the bridge contract ⇒ f(w_t) converges a.e. *)
Theorem zsharp_objective_as_convergence_of_bridge_contract {Omega : Type}
  (M : measure_space Omega) n L_smooth f G (w : nat -> Omega -> W n) eta s2 :
  RobbinsMonroStepsize eta ->
  (forall T, vsum T (fun t => eta t / 4 * mu_integral M (fun o => norm2 n (G (w t o))))
             <= mu_integral M (fun o => f (w 0%nat o)) - mu_integral M (fun o => f (w T o))
                + vsum T (fun t => eta t ^ 2 * L_smooth / 2 * s2)) ->
  ZSharpSupermartingaleAsBridge M n L_smooth f G w eta s2 ->
  ZSharpObjectiveAsConvergence M n f w.
Proof. intros Hr He Hb. exact (Hb Hr He). Qed.

(** [zsharp_objective_as_convergence_of_submartingale]: t ↦ f(w_t) a submartingale with
    E|f(w_t)| ≤ R ⇒ f(w_t) converges a.s. *)
Theorem zsharp_objective_as_convergence_of_submartingale {Omega : Type} (P : prob_space Omega) n
  (f : W n -> R) (w : nat -> Omega -> W n) (F : nat -> sub_sigma P) (R0 : R) :
  filtration P F -> submartingale P F (fun t o => f (w t o)) ->
  (forall t, expectation P (fun o => Rabs (f (w t o))) <= R0) ->
  ZSharpObjectiveAsConvergence P n f w.
Proof. intros HF Hs Hb. exact (submartingale_converges P F (fun t o => f (w t o)) R0 HF Hs Hb). Qed.

(** [zsharp_objective_as_convergence_of_neg_submartingale]: t ↦ −f(w_t) a submartingale with
    E|−f(w_t)| ≤ R ⇒ f(w_t) converges a.s. *)
Theorem zsharp_objective_as_convergence_of_neg_submartingale {Omega : Type} (P : prob_space Omega)
  n (f : W n -> R) (w : nat -> Omega -> W n) (F : nat -> sub_sigma P) (R0 : R) :
  filtration P F -> submartingale P F (fun t o => - f (w t o)) ->
  (forall t, expectation P (fun o => Rabs (- f (w t o))) <= R0) ->
  ZSharpObjectiveAsConvergence P n f w.
Proof.
  intros HF Hs Hb. change (ae P (fun o => exists l : R, is_lim_seq (fun t => f (w t o)) l)).
  refine (ae_mono P _ _ _ (submartingale_converges P F _ R0 HF Hs Hb)).
  intros o H. exact (converges_of_opp_converges (fun t => f (w t o)) H).
Qed.
