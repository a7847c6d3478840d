(** * LeanSharp.Upstream.StochasticProcess.ProcessSequence — upstream LeanSharp/Stochastic/Convergence/Process/Sequence.lean

    Translates the descent envelopes and their accumulation along the iterates. Notions as in
    [Upstream.All] and [Upstream.StochasticProcess.ProcessDescent]: finite law (K, p), a
    process w : nat → nat → W n, the σ-algebras ℱ t as atom labellings F t with
    [cond_expect]; "f(w_t) is ℱ_t-measurable (a.e.)" ↦ f(w_t j) = f(w_t k) whenever j, k
    have positive weight and F t j = F t k; a field G for upstream's [gradient f].

    Definitions: [ZSharpDescentEnvelope] (E[f(step) | ℱ_t] ≤ f(w_t) − (η_t/4)‖∇f(w_t)‖² +
    (η_t²L/2)σ² a.e.), [SAMDescentEnvelope] (the same with σ² + 2L²ρ²).

    Equal: none.
    Weaker (finite law with partition σ-algebras instead of a probability space with
    sub-σ-algebras; integrability hypotheses dropped):
    - [zsharp_envelope_of_pointwise_descent_finite_law] — pointwise descent + measurability
      ⇒ the conditional envelope.
    - [stochastic_zsharp_sequence_descent_finite_law] — Σ_{t<T} (η_t/4)E‖∇f(w_t)‖² ≤
      E f(w_0) − E f(w_T) + Σ_{t<T} (η_t²L/2)σ².
    - [sam_sequence_descent_finite_law] — the same with σ² + 2L²ρ².
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap ProcessDescent.
Open Scope R_scope.

Definition ZSharpDescentEnvelope (n K : nat) (p : nat -> R) (F : nat -> nat -> nat)
  (L_smooth : R) (f : W n -> R) (G : W n -> W n) (w : nat -> nat -> W n) (eta : nat -> R)
  (z s2 : R) (g_adv : nat -> nat -> W n) (t : nat) : Prop :=
  forall k, (k < K)%nat -> 0 < p k ->
    cond_expect K p (F t) (fun k' => f (stochasticZSharpStep n (w t k') eta t z (g_adv t) k')) k
    <= f (w t k) - eta t / 4 * norm2 n (G (w t k)) + eta t ^ 2 * L_smooth / 2 * s2.

Definition SAMDescentEnvelope (n K : nat) (p : nat -> R) (F : nat -> nat -> nat)
  (L_smooth : R) (f : W n -> R) (G : W n -> W n) (w : nat -> nat -> W n) (eta : nat -> R)
  (z s2 rho : R) (g_adv : nat -> nat -> W n) (t : nat) : Prop :=
  ZSharpDescentEnvelope n K p F L_smooth f G w eta z (s2 + 2 * L_smooth ^ 2 * rho ^ 2) g_adv t.

(** [zsharp_envelope_of_pointwise_descent_finite_law]: w_{t+1} = step(w_t) a.e., the one-step
    descent holds a.e., f(w_t) and ‖∇f(w_t)‖² are ℱ_t-measurable ⇒ the envelope at t. *)
Theorem zsharp_envelope_of_pointwise_descent_finite_law n K p F L_smooth f G w eta z s2 g_adv t :
  is_law K p ->
  (forall k, (k < K)%nat -> 0 < p k ->
     w (S t) k = stochasticZSharpStep n (w t k) eta t z (g_adv t) k) ->
  (forall k, (k < K)%nat -> 0 < p k ->
     f (w (S t) k) <= f (w t k) - eta t / 4 * norm2 n (G (w t k)) + eta t ^ 2 * L_smooth / 2 * s2) ->
  (forall j k, (j < K)%nat -> (k < K)%nat -> 0 < p j -> 0 < p k -> F t j = F t k ->
     f (w t j) = f (w t k)) ->
  (forall j k, (j < K)%nat -> (k < K)%nat -> 0 < p j -> 0 < p k -> F t j = F t k ->
     norm2 n (G (w t j)) = norm2 n (G (w t k))) ->
  ZSharpDescentEnvelope n K p F L_smooth f G w eta z s2 g_adv t.
Proof.
  intros Hl Hs Hp Hf Hg k Hk Hpk.
  eapply Rle_trans.
  - apply (cond_expect_le_ae K p (F t) _
             (fun j => f (w t j) - eta t / 4 * norm2 n (G (w t j)) + eta t ^ 2 * L_smooth / 2 * s2)
             k Hl).
    intros j Hj Hpj. rewrite <- Hs by assumption. now apply Hp.
  - right. apply (cond_expect_measurable K p (F t)
      (fun j => f (w t j) - eta t / 4 * norm2 n (G (w t j)) + eta t ^ 2 * L_smooth / 2 * s2)
      k Hl Hk Hpk).
    intros j Hj Hpj E. rewrite (Hf j k), (Hg j k) by assumption. reflexivity.
Qed.

(** [stochastic_zsharp_sequence_descent_finite_law]: the envelopes at every t give
    Σ_{t<T} (η_t/4)E‖∇f(w_t)‖² ≤ E f(w_0) − E f(w_T) + Σ_{t<T} (η_t²L/2)σ². *)
Theorem stochastic_zsharp_sequence_descent_finite_law n K p F L_smooth f G w eta z s2 T g_adv :
  is_law K p ->
  (forall t k, (k < K)%nat -> 0 < p k ->
     w (S t) k = stochasticZSharpStep n (w t k) eta t z (g_adv t) k) ->
  (forall t, ZSharpDescentEnvelope n K p F L_smooth f G w eta z s2 g_adv t) ->
  vsum T (fun t => eta t / 4 * expect K p (fun k => norm2 n (G (w t k))))
  <= expect K p (fun k => f (w 0%nat k)) - expect K p (fun k => f (w T k))
     + vsum T (fun t => eta t ^ 2 * L_smooth / 2 * s2).
Proof.
  intros Hl Hs He. induction T as [|T IH]; cbn [vsum]; [lra|].
  pose proof (stochastic_expected_descent_step_finite_law n K p F L_smooth f G w eta z s2 T g_adv
                Hl (Hs T) (He T)). lra.
Qed.

(** [sam_sequence_descent_finite_law]: the SAM envelopes give the same accumulation with
    the effective variance σ² + 2L²ρ². *)
Theorem sam_sequence_descent_finite_law n K p F L_smooth f G w eta z s2 rho T g_adv :
  is_law K p ->
  (forall t k, (k < K)%nat -> 0 < p k ->
     w (S t) k = stochasticZSharpStep n (w t k) eta t z (g_adv t) k) ->
  (forall t, SAMDescentEnvelope n K p F L_smooth f G w eta z s2 rho g_adv t) ->
  vsum T (fun t => eta t / 4 * expect K p (fun k => norm2 n (G (w t k))))
  <= expect K p (fun k => f (w 0%nat k)) - expect K p (fun k => f (w T k))
     + vsum T (fun t => eta t ^ 2 * L_smooth / 2 * (s2 + 2 * L_smooth ^ 2 * rho ^ 2)).
Proof.
  intros Hl Hs He. exact (stochastic_zsharp_sequence_descent_finite_law n K p F L_smooth f G w eta z
    (s2 + 2 * L_smooth ^ 2 * rho ^ 2) T g_adv Hl Hs He).
Qed.
