(** * LeanSharp.Upstream.Robustness.PacBayes — upstream LeanSharp/Theory/Robustness/PacBayes.lean

    Translates upstream's ZSharp PAC-Bayes predicate and its two consequences (the
    translation of notions is the one of [Upstream.All]: a probability measure is a finite
    law [FiniteProb.is_law]). File-specific choices:
    - upstream's [gradient L_S w] is an arbitrary vector field [G : W n -> W n] (the
      statements hold for every field, in particular for the gradient of L_S in the
      library's sense [is_gradient]);
    - [PacBayesSharpnessBound] (upstream LeanSharp/Theory/Dynamics/Generalization.lean) is
      restated here because it is needed to state [standard_bound_of_z_sharp];
    - the filtered gradient is [FilteredMeanBasic.filteredGradient] (inlier mask);
    - integrability hypotheses are dropped (finite sums) and the pointwise bound is only
      asked on the support of the law (weaker hypothesis).

    Equal: standard_bound_of_z_sharp.
    Weaker: z_sharp_pac_bayes_expected_finite_law — a finite law P instead of a general
      probability measure.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Upstream.Core Require Import Filters.
From LeanSharp.Upstream.Robustness Require Import FilteredMeanBasic.
Open Scope R_scope.

Definition PacBayesSharpnessBound (n : nat) (L_D L_S : W n -> R) (G : W n -> W n) (w : W n)
    (rho C : R) : Prop :=
  L_D w <= L_S w + norm n (G w) * rho + C.

Definition ZSharpPacBayesBound (n : nat) (L_D L_S : W n -> R) (G : W n -> W n) (w : W n)
    (rho z C : R) : Prop :=
  L_D w <= L_S w + norm n (filteredGradient n (G w) z) * rho + C.

(** [standard_bound_of_z_sharp]: ρ ≥ 0 ⇒ the ZSharp bound implies the SAM bound
    (‖g ⊙ m(g)‖ ≤ ‖g‖). *)
Theorem standard_bound_of_z_sharp n (L_D L_S : W n -> R) (G : W n -> W n) (w : W n) (rho z C : R) :
  0 <= rho -> ZSharpPacBayesBound n L_D L_S G w rho z C -> PacBayesSharpnessBound n L_D L_S G w rho C.
Proof.
  unfold ZSharpPacBayesBound, PacBayesSharpnessBound. intros Hr H.
  pose proof (norm_filteredGradient_le n (G w) z). nra.
Qed.

(** [z_sharp_pac_bayes_expected] (finite law): the pointwise ZSharp bound integrates:
    E_P[L_D] ≤ E_P[L_S] + E_P[‖g ⊙ m(g)‖ρ] + C. *)
Theorem z_sharp_pac_bayes_expected_finite_law n K p (ws : nat -> W n) (L_D L_S : W n -> R)
    (G : W n -> W n) (rho z C : R) :
  is_law K p ->
  (forall k, (k < K)%nat -> ZSharpPacBayesBound n L_D L_S G (ws k) rho z C) ->
  expect K p (fun k => L_D (ws k))
    <= expect K p (fun k => L_S (ws k))
       + expect K p (fun k => norm n (filteredGradient n (G (ws k)) z) * rho) + C.
Proof.
  intros Hl H. rewrite <- (expect_const K p C Hl), <- !expect_add.
  apply expect_le; [exact Hl|]. exact H.
Qed.
