(** * LeanSharp.Upstream.Robustness.FilterBias — upstream LeanSharp/Theory/Robustness/FilterBias.lean

    Translates upstream's unbiasedness of the Z-score filter under symmetric noise (the
    translation of notions is the one of [Upstream.All]: a measure is a finite law; sample
    conventions of [Upstream.Robustness.FilteredMeanBasic]).
    - a finite measure on a type A: outcomes [x : nat -> A] with weights p on [0, K)
      (E[f] = [expect K p f] = Σ_k p_k f(x_k); no sign or total-mass condition is needed);
      negation is any map [neg : A -> A] (upstream: x ↦ −x on a normed group);
    - "μ.map neg = μ" is [symmetricLaw K p x neg]: E[f ∘ neg] = E[f] for every f : A → R
      (equality of the two laws tested on all functions);
    - a vector-valued f : A → E is f : A → W m, odd coordinatewise on [0, m);
    - "η_i has law D under P" ([HasLaw]) is [hasLaw M P X L d y]: E_P[f(X)] = E_D[f] for
      every f : W n → R, with D the finite law (y_l, d_l)_{l<L};
    - integrability hypotheses are dropped (finite sums).

    Equal: zScoreMask_neg (as [inlier_mask n z (vopp g) i = inlier_mask n z g i], i < n),
      filteredGradient_neg.
    Weaker: integral_odd_eq_zero_of_symmetric_finite_law, filtered_noise_mean_zero_finite_law,
      zFilteredEmpiricalMean_symmetric_noise_mean_zero_finite_law — finitely supported
      laws instead of general measures.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Filter Require Import Mask ZMask Invariance.
From LeanSharp.Upstream.Core Require Import Filters.
From LeanSharp.Upstream.Robustness Require Import FilteredMeanBasic.
Open Scope R_scope.

Definition symmetricLaw {A : Type} (K : nat) (p : nat -> R) (x : nat -> A) (neg : A -> A) : Prop :=
  forall f : A -> R, expect K p (fun k => f (neg (x k))) = expect K p (fun k => f (x k)).

Definition hasLaw (n M : nat) (P : nat -> R) (X : nat -> W n) (L : nat) (d : nat -> R)
    (y : nat -> W n) : Prop :=
  forall f : W n -> R, expect M P (fun w => f (X w)) = expect L d (fun l => f (y l)).

(** [integral_odd_eq_zero_of_symmetric] (finite law): μ symmetric, f odd ⇒ E[f] = 0. *)
Lemma integral_odd_eq_zero_of_symmetric_finite_law {A : Type} m K p (x : nat -> A)
    (neg : A -> A) (f : A -> W m) :
  symmetricLaw K p x neg -> (forall a j, (j < m)%nat -> f (neg a) j = - f a j) ->
  forall j, (j < m)%nat -> expect K p (fun k => f (x k) j) = 0.
Proof.
  intros Hs Hodd j Hj. pose proof (Hs (fun a => f a j)) as H. cbv beta in H.
  rewrite (expect_ext K p (fun k => f (neg (x k)) j) (fun k => -1 * f (x k) j)) in H
    by (intros; rewrite Hodd by exact Hj; ring).
  rewrite expect_scal in H. lra.
Qed.

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

(** [filtered_noise_mean_zero] (finite law): D symmetric ⇒ E_D[g ⊙ m(g)] = 0. *)
Lemma filtered_noise_mean_zero_finite_law n L d (y : nat -> W n) (z : R) :
  symmetricLaw L d y vopp ->
  forall j, (j < n)%nat -> expect L d (fun l => filteredGradient n (y l) z j) = 0.
Proof.
  intros Hs. apply (integral_odd_eq_zero_of_symmetric_finite_law n L d y vopp
                      (fun g => filteredGradient n g z) Hs).
  intros a j Hj. apply filteredGradient_neg, Hj.
Qed.

(** E_P[Σ_{i<K} F_i] = Σ_{i<K} E_P[F_i]. *)
Lemma expect_vsum M P K (F : nat -> nat -> R) :
  expect M P (fun w => vsum K (fun i => F i w)) = vsum K (fun i => expect M P (F i)).
Proof.
  unfold expect.
  rewrite (vsum_ext M _ (fun w => vsum K (fun i => P w * F i w)))
    by (intros; rewrite <- vsum_scal; reflexivity).
  apply vsum_swap.
Qed.

(** [zFilteredEmpiricalMean_symmetric_noise_mean_zero] (finite law): every η_i has the
    symmetric law D ⇒ E_P[(1/K) Σ_i η_i ⊙ m(η_i)] = 0. *)
Lemma zFilteredEmpiricalMean_symmetric_noise_mean_zero_finite_law n K M P
    (eta : nat -> nat -> W n) (z : R) L d (y : nat -> W n) :
  symmetricLaw L d y vopp ->
  (forall i, (i < K)%nat -> hasLaw n M P (eta i) L d y) ->
  forall j, (j < n)%nat ->
  expect M P (fun w => zFilteredEmpiricalMean n K (fun i => eta i w) z j) = 0.
Proof.
  intros Hs Hlaw j Hj. unfold zFilteredEmpiricalMean, empiricalMean, vscale, sampleSum.
  rewrite expect_scal, (expect_vsum M P K (fun i w => filteredGradient n (eta i w) z j)).
  rewrite (vsum_ext K _ (fun _ => 0)); [rewrite vsum_const; ring|].
  intros i Hi. rewrite (Hlaw i Hi (fun g => filteredGradient n g z j)).
  apply (filtered_noise_mean_zero_finite_law n L d y z Hs j Hj).
Qed.
