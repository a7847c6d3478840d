(** * LeanSharp.Upstream.Structural.HardThresholding — upstream LeanSharp/Theory/Structural/HardThresholding.lean

    Translates upstream's hard thresholding (the translation of notions is the one of
    [Upstream.All]):
    - [hardThresholdScalar x τ] = (if |x| < τ then 0 else x) is the library's
      [HardThreshold.hard τ x] (= x if τ ≤ |x|, else 0) with the arguments swapped;
    - [hardThreshold w τ] applies it to every component (a vector of [W n]);
    - [LipschitzWith K f] on ℝ (K : ℝ≥0) is ∀ x y, |f x − f y| ≤ K|x − y|.

    Equal: hard_threshold_scalar_abs_le, hard_threshold_scalar_idempotent,
    hard_threshold_idempotent (equality of functions), hard_threshold_scalar_not_lipschitz
    (for every real K, not only K ≥ 0).
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra FunctionalExtensionality.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import HardThreshold.
Open Scope R_scope.

(** Upstream's scalar hard thresholding at radius τ. *)
Definition hardThresholdScalar (x tau : R) : R := hard tau x.

(** Upstream's coordinate-wise hard thresholding of a vector. *)
Definition hardThreshold (w : nat -> R) (tau : R) : nat -> R := fun i => hardThresholdScalar (w i) tau.

(** The definition is upstream's: [if |x| < τ then 0 else x]. *)
Lemma hardThresholdScalar_eq x tau : hardThresholdScalar x tau = if Rlt_dec (Rabs x) tau then 0 else x.
Proof. unfold hardThresholdScalar, hard. destruct Rle_dec, Rlt_dec; lra. Qed.

(** [hard_threshold_scalar_abs_le]: |H_τ(x)| ≤ |x|. *)
Theorem hard_threshold_scalar_abs_le x tau : Rabs (hardThresholdScalar x tau) <= Rabs x.
Proof. apply hard_abs_le. Qed.

(** [hard_threshold_scalar_idempotent]: H_τ(H_τ(x)) = H_τ(x). *)
Theorem hard_threshold_scalar_idempotent x tau :
  hardThresholdScalar (hardThresholdScalar x tau) tau = hardThresholdScalar x tau.
Proof. apply hard_idem. Qed.

(** [hard_threshold_idempotent]: H_τ(H_τ(w)) = H_τ(w) for vectors. *)
Theorem hard_threshold_idempotent (w : nat -> R) tau :
  hardThreshold (hardThreshold w tau) tau = hardThreshold w tau.
Proof. apply functional_extensionality. intros i. apply hard_idem. Qed.

(** [hard_threshold_scalar_not_lipschitz]: for τ > 0, x ↦ H_τ(x) is K-Lipschitz for no K. *)
Theorem hard_threshold_scalar_not_lipschitz tau :
  0 < tau -> forall K : R,
  ~ (forall x y, Rabs (hardThresholdScalar x tau - hardThresholdScalar y tau) <= K * Rabs (x - y)).
Proof. intros Ht K HK. apply (hard_not_lipschitz tau Ht). exists K. exact HK. Qed.
