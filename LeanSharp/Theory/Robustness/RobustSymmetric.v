(** * LeanSharp.Theory.Robustness.RobustSymmetric — the Z-filter is unbiased under symmetric noise

    A finite noise law on W n with outcomes in symmetric pairs: 2N outcomes
    ξ_0, …, ξ_{2N−1} with probabilities p_k, where outcome N + k is the negation of
    outcome k with the same probability:  ξ_{N+k} = −ξ_k,  p_{N+k} = p_k  (k < N).
    Every symmetric finite law can be written this way (split the weight of an outcome
    equal to its own negation, i.e. ξ = 0, into two halves). Laws and expectations are
    those of [Core.FiniteProb] (E[f] = Σ_k p_k f(k)).

    Definitions
    - [symmetric_pairs n N p xi]: the pairing above
    - a mask rule is a map m : W n → W n; it commutes with negation when
      m(−g)_i = m(g)_i for i < n

    Main results
    - [symmetric_noise_unbiased] (for any mask rule commuting with negation):
      E[ξ ⊙ m(ξ)] = 0, coordinate by coordinate
    - [zfilter_symmetric_unbiased]: E[zfilter_t(ξ)] = 0 for the significant Z-mask
      (population σ), [zfilter_s_symmetric_unbiased] for the sample-σ mask,
      [inlier_filter_symmetric_unbiased] for the inlier mask; negation invariance is
      [Filter.Invariance.sig_mask_opp] etc.
    - [zfilter_noise_unbiased]: stated as the [FiniteProb.unbiased] predicate: the
      filtered noise is again an unbiased oracle noise.
    The filter introduces no bias for symmetric noise; for asymmetric zero-mean noise it
    can (the mask is a nonlinear function of ξ). *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats FiniteProb.
From LeanSharp.Filter Require Import Mask ZMask Invariance.
Open Scope R_scope.

Definition symmetric_pairs (n N : nat) (p : nat -> R) (xi : nat -> W n) : Prop :=
  forall k, (k < N)%nat -> p (N + k)%nat = p k /\ xi (N + k)%nat = vopp (xi k).

(** E[ξ ⊙ m(ξ)] = 0 for a symmetric law and any mask rule with m(−g) = m(g). *)
Theorem symmetric_noise_unbiased n N p (xi : nat -> W n) (mrule : W n -> W n) :
  symmetric_pairs n N p xi ->
  (forall (g : W n) i, (i < n)%nat -> mrule (vopp g) i = mrule g i) ->
  forall i, (i < n)%nat ->
  expect (N + N) p (fun k => hadamard (xi k) (mrule (xi k)) i) = 0.
Proof.
  intros Hs Hm i Hi. unfold expect. rewrite vsum_split.
  rewrite (vsum_ext N (fun k => p (N + k)%nat * hadamard (xi (N + k)%nat)
                                   (mrule (xi (N + k)%nat)) i)
                      (fun k => - (p k * hadamard (xi k) (mrule (xi k)) i))).
  - rewrite vsum_opp. ring.
  - intros k Hk. destruct (Hs k Hk) as [Hp Hx]. rewrite Hp, Hx.
    unfold hadamard. rewrite (Hm (xi k) i Hi). unfold vopp. ring.
Qed.

(** The idealised Z-filter (significant mask, population σ) is unbiased. *)
Corollary zfilter_symmetric_unbiased n N p (xi : nat -> W n) t :
  symmetric_pairs n N p xi ->
  forall i, (i < n)%nat -> expect (N + N) p (fun k => zfilter n t (xi k) i) = 0.
Proof.
  intros Hs. apply (symmetric_noise_unbiased n N p xi (sig_mask n t) Hs). intros g j. apply sig_mask_opp.
Qed.

(** The same with ZSharp's sample standard deviation. *)
Corollary zfilter_s_symmetric_unbiased n N p (xi : nat -> W n) t :
  symmetric_pairs n N p xi ->
  forall i, (i < n)%nat -> expect (N + N) p (fun k => zfilter_s n t (xi k) i) = 0.
Proof.
  intros Hs. apply (symmetric_noise_unbiased n N p xi (sig_mask_s n t) Hs). intros g j. apply sig_mask_s_opp.
Qed.

(** And with the inlier mask |ξ_i − μ| ≤ tσ. *)
Corollary inlier_filter_symmetric_unbiased n N p (xi : nat -> W n) t :
  symmetric_pairs n N p xi ->
  forall i, (i < n)%nat ->
  expect (N + N) p (fun k => hadamard (xi k) (inlier_mask n t (xi k)) i) = 0.
Proof.
  intros Hs. apply (symmetric_noise_unbiased n N p xi (inlier_mask n t) Hs). intros g j. apply inlier_mask_opp.
Qed.

(** In the language of [FiniteProb]: the filtered noise is unbiased. *)
Corollary zfilter_noise_unbiased n N p (xi : nat -> W n) t :
  symmetric_pairs n N p xi -> unbiased n (N + N) p (fun k => zfilter n t (xi k)).
Proof. intros Hs i Hi. exact (zfilter_symmetric_unbiased n N p xi t Hs i Hi). Qed.
