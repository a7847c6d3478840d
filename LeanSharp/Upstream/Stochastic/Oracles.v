(** * LeanSharp.Upstream.Stochastic.Oracles — upstream LeanSharp/Stochastic/Foundations/Oracles.lean

    Translates the probability oracles for heavy-tailed noise. Upstream's oracles read only the
    numbers (ℙ (normTailEvent ξ r)).toReal, ℙ = volume of any measure space; here they are
    stated for ANY set function mu : (Ω → Prop) → R in that role (for a Mathlib measure space,
    mu A = (volume A).toReal; for a [Core.Expectation.prob_space] P, mu = [prob P]), on a random
    vector ξ : Ω → W n. [normTailEvent ξ r] is the event r ≤ ‖ξ‖; r^α for real α is
    [Rpower r α]. Definitions (upstream names): [CauchyProbabilityOracle] (mu(‖ξ‖ ≥ r) ≤ γ/r),
    [NonGaussianProbabilityOracle] (≤ C/r^p, p ∈ ℕ, p ≥ 1), [AlphaStableProbabilityOracle]
    (0 < α ≤ 2, ≤ C/r^α), and the process versions (every time index).

    Equal:
    - [alpha_stable_is_non_gaussian] — α ≥ 1: an α-stable oracle is non-Gaussian, on any
      probability space (mu = [prob P]; upstream: any probability measure).
    - [cauchy_probability_oracle_is_non_gaussian] — a Cauchy oracle is non-Gaussian, for any
      set function mu (upstream: any measure).
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Expectation.
Open Scope R_scope.

Section Oracles.
Context {Omega : Type} (mu : (Omega -> Prop) -> R) (n : nat).

Definition normTailEvent (xi : Omega -> W n) (r : R) : Omega -> Prop := fun o => r <= norm n (xi o).

Definition CauchyProbabilityOracle (xi : Omega -> W n) : Prop :=
  exists gamma, 0 < gamma /\ forall r, 0 < r -> mu (normTailEvent xi r) <= gamma / r.

Definition NonGaussianProbabilityOracle (xi : Omega -> W n) : Prop :=
  exists (q : nat) (C : R), (1 <= q)%nat /\ 0 < C /\
    forall r, 0 < r -> mu (normTailEvent xi r) <= C / r ^ q.

Definition AlphaStableProbabilityOracle (xi : Omega -> W n) (alpha : R) : Prop :=
  0 < alpha /\ alpha <= 2 /\ exists C, 0 < C /\
    forall r, 0 < r -> mu (normTailEvent xi r) <= C / Rpower r alpha.

Definition CauchyProbabilityOracleProcess (xi : nat -> Omega -> W n) : Prop :=
  forall t, CauchyProbabilityOracle (xi t).

Definition NonGaussianProbabilityOracleProcess (xi : nat -> Omega -> W n) : Prop :=
  forall t, NonGaussianProbabilityOracle (xi t).

Definition AlphaStableProbabilityOracleProcess (xi : nat -> Omega -> W n) (alpha : R) : Prop :=
  forall t, AlphaStableProbabilityOracle (xi t) alpha.

(** [cauchy_probability_oracle_is_non_gaussian]: mu(‖ξ‖ ≥ r) ≤ γ/r is the non-Gaussian oracle
    with p = 1, C = γ. *)
Theorem cauchy_probability_oracle_is_non_gaussian (xi : Omega -> W n) :
  CauchyProbabilityOracle xi -> NonGaussianProbabilityOracle xi.
Proof.
  intros [g [Hg Ht]]. exists 1%nat, g. split; [lia|]. split; [exact Hg|].
  intros r Hr. rewrite pow_1. now apply Ht.
Qed.

End Oracles.

(** An event has probability at most 1. *)
Lemma prob_le_1 {Omega : Type} (P : prob_space Omega) (A : Omega -> Prop) : prob P A <= 1.
Proof.
  rewrite <- (expectation_const P 1). apply prob_le_expectation; [apply integrable_const | |];
    apply ae_of_all; intros; lra.
Qed.

(** [alpha_stable_is_non_gaussian]: α ≥ 1 and P(‖ξ‖ ≥ r) ≤ C/r^α
    ⇒ P(‖ξ‖ ≥ r) ≤ max(C, 1)/r for every r > 0. *)
Theorem alpha_stable_is_non_gaussian {Omega : Type} (P : prob_space Omega) n (alpha : R)
    (xi : Omega -> W n) :
  1 <= alpha -> AlphaStableProbabilityOracle (prob P) n xi alpha ->
  NonGaussianProbabilityOracle (prob P) n xi.
Proof.
  intros Ha [_ [_ [C [HC Ht]]]]. exists 1%nat, (Rmax C 1).
  split; [lia|]. split; [pose proof (Rmax_r C 1); lra|]. intros r Hr. rewrite pow_1.
  destruct (Rle_lt_dec 1 r) as [H1|H1].
  - eapply Rle_trans; [apply (Ht r Hr)|].
    assert (Hp : r <= Rpower r alpha).
    { rewrite <- (Rpower_1 r) at 1 by exact Hr. now apply Rle_Rpower. }
    apply Rle_trans with (C / r).
    + unfold Rdiv. apply Rmult_le_compat_l; [lra|]. apply Rinv_le_contravar; lra.
    + unfold Rdiv. apply Rmult_le_compat_r; [apply Rlt_le, Rinv_0_lt_compat; lra | apply Rmax_l].
  - eapply Rle_trans; [apply prob_le_1|].
    apply Rle_trans with (1 / r).
    + unfold Rdiv. rewrite Rmult_1_l. rewrite <- Rinv_1 at 1. apply Rinv_le_contravar; lra.
    + unfold Rdiv. apply Rmult_le_compat_r; [apply Rlt_le, Rinv_0_lt_compat; lra | apply Rmax_r].
Qed.
