(** * LeanSharp.Upstream.Stochastic.Oracles — upstream LeanSharp/Stochastic/Foundations/Oracles.lean

    Translates the probability oracles for heavy-tailed noise. Notions as in [Upstream.All]:
    a random vector ξ : nat → W n under a finite law (K, p); upstream's
    ℙ(normTailEvent ξ r) = P(‖ξ‖ ≥ r) is [normTailProb n K p ξ r] =
    [Core.FiniteProb.prob_ge K p (‖ξ‖) r]; r^α for real α is [Rpower r α].
    Definitions (upstream names): [CauchyProbabilityOracle] (P(‖ξ‖ ≥ r) ≤ γ/r),
    [NonGaussianProbabilityOracle] (≤ C/r^p, p ∈ ℕ, p ≥ 1), [AlphaStableProbabilityOracle]
    (0 < α ≤ 2, ≤ C/r^α), and the process versions (every time index).

    Equal: none.
    Weaker (a finite law instead of any measure space):
    - [alpha_stable_is_non_gaussian_finite_law] — α ≥ 1: an α-stable oracle is non-Gaussian.
    - [cauchy_probability_oracle_is_non_gaussian_finite_law] — a Cauchy oracle is non-Gaussian.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
Open Scope R_scope.

Definition normTailProb (n K : nat) (p : nat -> R) (xi : nat -> W n) (r : R) : R :=
  prob_ge K p (fun k => norm n (xi k)) r.

Definition CauchyProbabilityOracle (n K : nat) (p : nat -> R) (xi : nat -> W n) : Prop :=
  exists gamma, 0 < gamma /\ forall r, 0 < r -> normTailProb n K p xi r <= gamma / r.

Definition NonGaussianProbabilityOracle (n K : nat) (p : nat -> R) (xi : nat -> W n) : Prop :=
  exists (q : nat) (C : R), (1 <= q)%nat /\ 0 < C /\
    forall r, 0 < r -> normTailProb n K p xi r <= C / r ^ q.

Definition AlphaStableProbabilityOracle (n K : nat) (p : nat -> R) (xi : nat -> W n) (alpha : R)
  : Prop :=
  0 < alpha /\ alpha <= 2 /\ exists C, 0 < C /\
    forall r, 0 < r -> normTailProb n K p xi r <= C / Rpower r alpha.

Definition CauchyProbabilityOracleProcess (n K : nat) (p : nat -> R) (xi : nat -> nat -> W n)
  : Prop := forall t, CauchyProbabilityOracle n K p (xi t).

Definition NonGaussianProbabilityOracleProcess (n K : nat) (p : nat -> R)
  (xi : nat -> nat -> W n) : Prop := forall t, NonGaussianProbabilityOracle n K p (xi t).

Definition AlphaStableProbabilityOracleProcess (n K : nat) (p : nat -> R)
  (xi : nat -> nat -> W n) (alpha : R) : Prop :=
  forall t, AlphaStableProbabilityOracle n K p (xi t) alpha.

(** [alpha_stable_is_non_gaussian_finite_law]: α ≥ 1 and P(‖ξ‖ ≥ r) ≤ C/r^α
    ⇒ P(‖ξ‖ ≥ r) ≤ max(C, 1)/r for every r > 0. *)
Theorem alpha_stable_is_non_gaussian_finite_law n K p (alpha : R) (xi : nat -> W n) :
  1 <= alpha -> is_law K p -> AlphaStableProbabilityOracle n K p xi alpha ->
  NonGaussianProbabilityOracle n K p xi.
Proof.
  intros Ha Hl [_ [_ [C [HC Ht]]]]. exists 1%nat, (Rmax C 1).
  split; [lia|]. split; [pose proof (Rmax_r C 1); lra|]. intros r Hr. rewrite pow_1.
  destruct (Rle_lt_dec 1 r) as [H1|H1].
  - eapply Rle_trans; [apply (Ht r Hr)|].
    assert (Hp : r <= Rpower r alpha).
    { rewrite <- (Rpower_1 r) at 1 by exact Hr. now apply Rle_Rpower. }
    apply Rle_trans with (C / r).
    + unfold Rdiv. apply Rmult_le_compat_l; [lra|]. apply Rinv_le_contravar; lra.
    + unfold Rdiv. apply Rmult_le_compat_r; [apply Rlt_le, Rinv_0_lt_compat; lra | apply Rmax_l].
  - pose proof (prob_ge_bounds K p (fun k => norm n (xi k)) r Hl) as [_ Hb].
    unfold normTailProb. eapply Rle_trans; [exact Hb|].
    apply Rle_trans with (1 / r).
    + unfold Rdiv. rewrite Rmult_1_l. rewrite <- Rinv_1 at 1. apply Rinv_le_contravar; lra.
    + unfold Rdiv. apply Rmult_le_compat_r; [apply Rlt_le, Rinv_0_lt_compat; lra | apply Rmax_r].
Qed.

(** [cauchy_probability_oracle_is_non_gaussian_finite_law]: P(‖ξ‖ ≥ r) ≤ γ/r is the
    non-Gaussian oracle with p = 1, C = γ. *)
Theorem cauchy_probability_oracle_is_non_gaussian_finite_law n K p (xi : nat -> W n) :
  CauchyProbabilityOracle n K p xi -> NonGaussianProbabilityOracle n K p xi.
Proof.
  intros [g [Hg Ht]]. exists 1%nat, g. split; [lia|]. split; [exact Hg|].
  intros r Hr. rewrite pow_1. now apply Ht.
Qed.
