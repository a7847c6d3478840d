(** * LeanSharp.Upstream.Robustness.PacBayes — upstream LeanSharp/Theory/Robustness/PacBayes.lean

    Translates upstream's ZSharp PAC-Bayes predicate (L_D(w) ≤ L_S(w) + ‖g ⊙ m(g)‖ρ + C,
    g = ∇L_S(w)) and its two consequences: it implies the SAM bound, and, holding at every w,
    it integrates against any probability measure P on the weights. File-specific choices:
    - upstream's [gradient L_S w] is an arbitrary vector field [G : W n -> W n] (the
      statements hold for every field, in particular for the gradient of L_S in the
      library's sense [is_gradient]);
    - [PacBayesSharpnessBound] (upstream LeanSharp/Theory/Dynamics/Generalization.lean) is
      restated here because it is needed to state [standard_bound_of_z_sharp];
    - the filtered gradient is [FilteredMeanBasic.filteredGradient] (inlier mask);
    - a probability measure P on W ι is a [Core.Expectation.prob_space] on [W n]
      (∫ · ∂P ↦ [expectation P], [Integrable · P] ↦ [integrable P]).

    Equal: standard_bound_of_z_sharp, z_sharp_pac_bayes_expected (any probability space on
      the weights, upstream's three integrability hypotheses).
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Expectation.
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

(** [z_sharp_pac_bayes_expected]: the ZSharp bound at every w, with L_D, L_S and
    ‖g ⊙ m(g)‖ρ integrable, integrates: E_P[L_D] ≤ E_P[L_S] + E_P[‖g ⊙ m(g)‖ρ] + C. *)
Theorem z_sharp_pac_bayes_expected n (L_D L_S : W n -> R) (G : W n -> W n)
    (P : prob_space (W n)) (rho z C : R) :
  (forall w, ZSharpPacBayesBound n L_D L_S G w rho z C) ->
  integrable P L_D -> integrable P L_S ->
  integrable P (fun w => norm n (filteredGradient n (G w) z) * rho) ->
  expectation P L_D
    <= expectation P L_S + expectation P (fun w => norm n (filteredGradient n (G w) z) * rho) + C.
Proof.
  intros H HD HS Hf. set (F := fun w => norm n (filteredGradient n (G w) z) * rho).
  rewrite <- (expectation_const P C), <- (expectation_plus P L_S F), <- expectation_plus
    by auto using integrable_plus, integrable_const.
  apply expectation_le; [exact HD | apply integrable_plus; auto using integrable_plus, integrable_const |].
  exact H.
Qed.
