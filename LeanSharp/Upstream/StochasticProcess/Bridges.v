(** * LeanSharp.Upstream.StochasticProcess.Bridges — upstream LeanSharp/Stochastic/Convergence/Bridges.lean

    Translates the expectation-to-almost-sure bridge contract. Notions as in [Upstream.All]
    and [Upstream.StochasticProcess.ProcessSequence]: a finite law (K, p) on the outcomes, a
    process w : nat → nat → W n, a field G for upstream's [gradient f], "a.e." as "for every
    outcome of positive weight", Tendsto … (nhds ℓ) as Coquelicot's [is_lim_seq], Summable as
    [ex_series]. Definitions (upstream names): [ZSharpObjectiveAsConvergence] (a.e. f(w_t(ω))
    converges), [RobbinsMonroStepsize] (η_t ≥ 0, Σ η_t² < ∞, η_t → 0),
    [ZSharpSupermartingaleAsBridge] (Robbins–Monro steps + the expected descent envelope ⇒
    a.e. convergence).

    Equal: none.
    Weaker:
    - [zsharp_objective_as_convergence_of_bridge_contract_finite_law] — the bridge contract
      applied, on a finite law (upstream: any probability space).
    Open:
    - [zsharp_objective_as_convergence_of_submartingale] — an L¹-bounded submartingale
      converges a.s.: needs Doob's martingale convergence theorem (upcrossings) and
      filtrations/submartingales on a probability space carrying an infinite sequence of draws
      (a product of countably many laws); the library has only finite laws and finite-history
      products ([Stochastic.StronglyConvexRate.hexpect]).
    - [zsharp_objective_as_convergence_of_neg_submartingale] — the same theorem for −f(w_t);
      same missing layer. *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec FiniteProb.
Open Scope R_scope.

Definition ZSharpObjectiveAsConvergence (n K : nat) (p : nat -> R) (f : W n -> R)
  (w : nat -> nat -> W n) : Prop :=
  forall k, (k < K)%nat -> 0 < p k -> exists l : R, is_lim_seq (fun t => f (w t k)) l.

Definition RobbinsMonroStepsize (eta : nat -> R) : Prop :=
  (forall t, 0 <= eta t) /\ ex_series (fun t => eta t ^ 2) /\ is_lim_seq eta 0.

Definition ZSharpSupermartingaleAsBridge (n K : nat) (p : nat -> R) (L_smooth : R)
  (f : W n -> R) (G : W n -> W n) (w : nat -> nat -> W n) (eta : nat -> R) (s2 : R) : Prop :=
  RobbinsMonroStepsize eta ->
  (forall T, vsum T (fun t => eta t / 4 * expect K p (fun k => norm2 n (G (w t k))))
             <= expect K p (fun k => f (w 0%nat k)) - expect K p (fun k => f (w T k))
                + vsum T (fun t => eta t ^ 2 * L_smooth / 2 * s2)) ->
  ZSharpObjectiveAsConvergence n K p f w.

(** [zsharp_objective_as_convergence_of_bridge_contract_finite_law]: Robbins–Monro steps, the
    expected descent envelope for every T and the bridge contract ⇒ f(w_t) converges a.e. *)
Theorem zsharp_objective_as_convergence_of_bridge_contract_finite_law n K p L_smooth f G w eta s2 :
  RobbinsMonroStepsize eta ->
  (forall T, vsum T (fun t => eta t / 4 * expect K p (fun k => norm2 n (G (w t k))))
             <= expect K p (fun k => f (w 0%nat k)) - expect K p (fun k => f (w T k))
                + vsum T (fun t => eta t ^ 2 * L_smooth / 2 * s2)) ->
  ZSharpSupermartingaleAsBridge n K p L_smooth f G w eta s2 ->
  ZSharpObjectiveAsConvergence n K p f w.
Proof. intros Hr He Hb. exact (Hb Hr He). Qed.
