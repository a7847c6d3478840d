(** * LeanSharp.Upstream.Robustness.FilterBias — upstream LeanSharp/Theory/Robustness/FilterBias.lean

    Translates upstream's unbiasedness of the Z-score filter under symmetric noise: the mask
    of −g is the mask of g, so g ↦ g ⊙ m(g) is odd, and an odd function has integral 0 against
    a law invariant under negation. As upstream, the measures are general (not necessarily
    finite): [Core.Integral.measure_space]s (∫ ↦ [mu_integral], [Integrable] ↦ [mu_integrable]);
    sample conventions of [Upstream.Robustness.FilteredMeanBasic] (samples i < K). Translations:
    - negation on the space A is any map [neg : A → A] (upstream: x ↦ −x on a normed group);
    - "μ.map neg = μ" is [symmetricLaw M neg]: for every μ-integrable f, f ∘ neg is
      μ-integrable with the same integral (what [integral_map] gives from μ.map neg = μ);
    - "η has law D under P" ([HasLaw η D P]) is [hasLaw P η D]: for every D-integrable f,
      f ∘ η is P-integrable with ∫ f ∘ η dP = ∫ f dD (again [integral_map]);
    - a W n-valued integral is taken coordinatewise; the Bochner integral of functions valued
      in a real normed space E is a [Core.Integral.vector_integral] (∫(−f) = −∫ f, Mathlib's
      [integral_neg]), and "μ.map neg = μ" gives [vsymmetricLaw] by [integral_map].

    Equal: integral_odd_eq_zero_of_symmetric (f valued in any real vector space E, with the
      integral a [Core.Integral.vector_integral] and "μ.map neg = μ" as [vsymmetricLaw]),
      zScoreMask_neg (as [inlier_mask n z (vopp g) i = inlier_mask n z g i], i < n),
      filteredGradient_neg, filtered_noise_mean_zero (any measure on W n),
      zFilteredEmpiricalMean_symmetric_noise_mean_zero (any measures P and D).
    Helper: [integral_odd_eq_zero_of_symmetric_euclidean], the R^m-valued case on a
    [measure_space], coordinate by coordinate, used by the two mean-zero results.
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From Coquelicot Require Hierarchy.
From LeanSharp.Core Require Import Vec Integral.
From LeanSharp.Filter Require Import Mask ZMask Invariance.
From LeanSharp.Upstream.Core Require Import Filters.
From LeanSharp.Upstream.Robustness Require Import FilteredMeanBasic.
Open Scope R_scope.

Definition symmetricLaw {A : Type} (M : measure_space A) (neg : A -> A) : Prop :=
  forall f : A -> R, mu_integrable M f ->
    mu_integrable M (fun a => f (neg a)) /\ mu_integral M (fun a => f (neg a)) = mu_integral M f.

Definition hasLaw {Omega : Type} (n : nat) (P : measure_space Omega) (X : Omega -> W n)
    (D : measure_space (W n)) : Prop :=
  forall f : W n -> R, mu_integrable D f ->
    mu_integrable P (fun o => f (X o)) /\ mu_integral P (fun o => f (X o)) = mu_integral D f.

(** [integral_odd_eq_zero_of_symmetric] (R^m-valued): μ symmetric, f odd and integrable
    ⇒ ∫ f dμ = 0. *)
Lemma integral_odd_eq_zero_of_symmetric_euclidean {A : Type} m (M : measure_space A)
    (neg : A -> A) (f : A -> W m) :
  symmetricLaw M neg -> (forall j, (j < m)%nat -> mu_integrable M (fun a => f a j)) ->
  (forall a j, (j < m)%nat -> f (neg a) j = - f a j) ->
  forall j, (j < m)%nat -> mu_integral M (fun a => f a j) = 0.
Proof.
  intros Hs Hi Hodd j Hj. destruct (Hs (fun a => f a j) (Hi j Hj)) as [_ H].
  rewrite (mu_integral_ext M (fun a => f (neg a) j) (fun a => - f a j)) in H
    by (intros; now rewrite Hodd).
  rewrite mu_integral_opp in H. lra.
Qed.

Section VectorValued.
Import Coquelicot.Hierarchy.

(** "μ.map neg = μ" for E-valued integrands: f ∘ neg is integrable with the same integral. *)
Definition vsymmetricLaw {A : Type} {E : ModuleSpace R_Ring} (I : vector_integral A E) (neg : A -> A)
  : Prop :=
  forall f : A -> E, v_integrable I f ->
    v_integrable I (fun a => f (neg a)) /\ v_integral I (fun a => f (neg a)) = v_integral I f.

(** [integral_odd_eq_zero_of_symmetric]: μ symmetric, f odd and integrable, valued in any real
    vector space E ⇒ ∫ f dμ = 0. *)
Theorem integral_odd_eq_zero_of_symmetric {A : Type} {E : ModuleSpace R_Ring} (I : vector_integral A E)
    (neg : A -> A) (f : A -> E) :
  vsymmetricLaw I neg -> v_integrable I f -> (forall a, f (neg a) = opp (f a)) -> v_integral I f = zero.
Proof.
  intros Hs Hi Hodd. apply module_eq_opp_zero. destruct (Hs f Hi) as [_ H].
  rewrite <- H at 1. rewrite <- v_integral_opp. f_equal. apply functional_extensionality. exact Hodd.
Qed.

End VectorValued.

(** [zScoreMask_neg]: the mask of −g is the mask of g. *)
Lemma zScoreMask_neg n (g : W n) (z : R) :
  forall i, (i < n)%nat -> zScoreMask n (vopp g) z i = zScoreMask n g z i.
Proof. intros i Hi. unfold zScoreMask. apply inlier_mask_opp, Hi. Qed.

(** [filteredGradient_neg]: (−g) ⊙ m(−g) = −(g ⊙ m(g)). *)
Lemma filteredGradient_neg n (g : W n) (z : R) :
  forall i, (i < n)%nat -> filteredGradient n (vopp g) z i = - filteredGradient n g z i.
Proof.
  intros i Hi. unfold filteredGradient, hadamard. rewrite zScoreMask_neg by exact Hi.
  unfold vopp. ring.
Qed.

(** [filtered_noise_mean_zero]: D symmetric, g ⊙ m(g) D-integrable ⇒ ∫ g ⊙ m(g) dD = 0. *)
Lemma filtered_noise_mean_zero n (D : measure_space (W n)) (z : R) :
  symmetricLaw D vopp ->
  (forall j, (j < n)%nat -> mu_integrable D (fun g => filteredGradient n g z j)) ->
  forall j, (j < n)%nat -> mu_integral D (fun g => filteredGradient n g z j) = 0.
Proof.
  intros Hs Hi. apply (integral_odd_eq_zero_of_symmetric_euclidean n D vopp
                        (fun g => filteredGradient n g z) Hs Hi).
  intros a j Hj. apply filteredGradient_neg, Hj.
Qed.

(** [zFilteredEmpiricalMean_symmetric_noise_mean_zero]: every η_i (i < K) has the symmetric
    law D under P, g ⊙ m(g) D-integrable ⇒ ∫ (1/K) Σ_i η_i ⊙ m(η_i) dP = 0. *)
Lemma zFilteredEmpiricalMean_symmetric_noise_mean_zero {Omega : Type} n K
    (P : measure_space Omega) (eta : nat -> Omega -> W n) (z : R) (D : measure_space (W n)) :
  symmetricLaw D vopp ->
  (forall i, (i < K)%nat -> hasLaw n P (eta i) D) ->
  (forall j, (j < n)%nat -> mu_integrable D (fun g => filteredGradient n g z j)) ->
  forall j, (j < n)%nat ->
  mu_integral P (fun o => zFilteredEmpiricalMean n K (fun i => eta i o) z j) = 0.
Proof.
  intros Hs Hlaw Hi j Hj. unfold zFilteredEmpiricalMean, empiricalMean, vscale, sampleSum.
  rewrite mu_integral_scal, (mu_integral_vsum P K (fun i o => filteredGradient n (eta i o) z j))
    by (intros i Hk; apply (Hlaw i Hk (fun g => filteredGradient n g z j) (Hi j Hj))).
  rewrite (vsum_ext K _ (fun _ => 0)); [rewrite vsum_const; ring|].
  intros i Hk. destruct (Hlaw i Hk (fun g => filteredGradient n g z j) (Hi j Hj)) as [_ ->].
  apply (filtered_noise_mean_zero n D z Hs Hi j Hj).
Qed.
