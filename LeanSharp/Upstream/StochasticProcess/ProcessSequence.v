(** * LeanSharp.Upstream.StochasticProcess.ProcessSequence — upstream LeanSharp/Stochastic/Convergence/Process/Sequence.lean

    Translates the descent envelopes and their accumulation along the iterates: a conditional
    one-step descent bound (the envelope) at every step t sums, through the tower property, to
    Σ_{t<T} (η_t/4)E‖∇f(w_t)‖² ≤ E f(w_0) − E f(w_T) + Σ_{t<T} (η_t²L/2)σ²; an a.s. pointwise
    descent with ℱ_t-measurable f(w_t), ‖∇f(w_t)‖² gives the envelope. Notions as in
    [Upstream.All] and [Upstream.StochasticProcess.ProcessDescent]: any probability space P, a
    process w : nat → Ω → W n, the σ-algebras ℱ t as F : nat → [sub_sigma P], volume[X | ℱ t]
    as [cond P (F t) X], AEStronglyMeasurable[ℱ t] as [measurable_in P (F t)], a field G for
    upstream's [gradient f].

    Definitions: [ZSharpDescentEnvelope] (E[f(step) | ℱ_t] ≤ f(w_t) − (η_t/4)‖∇f(w_t)‖² +
    (η_t²L/2)σ² a.s.), [SAMDescentEnvelope] (the same with σ² + 2L²ρ²).

    Equal (any probability space, upstream's hypotheses incl. integrability):
    - [zsharp_envelope_of_pointwise_descent] — pointwise a.s. descent + ℱ_t-measurability
      ⇒ the conditional envelope.
    - [stochastic_zsharp_sequence_descent] — Σ_{t<T} (η_t/4)E‖∇f(w_t)‖² ≤
      E f(w_0) − E f(w_T) + Σ_{t<T} (η_t²L/2)σ².
    - [sam_sequence_descent] — the same with σ² + 2L²ρ².
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Expectation.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap ProcessDescent.
Open Scope R_scope.

Section Sequence.
Context {Omega : Type} (P : prob_space Omega).

Definition ZSharpDescentEnvelope (n : nat) (L_smooth : R) (f : W n -> R) (G : W n -> W n)
  (w : nat -> Omega -> W n) (eta : nat -> R) (z s2 : R) (g_adv : nat -> Omega -> W n)
  (F : nat -> sub_sigma P) (t : nat) : Prop :=
  ae P (fun o =>
    cond P (F t) (fun o' => f (stochasticZSharpStep n (w t o') eta t z (g_adv t) o')) o
    <= f (w t o) - eta t / 4 * norm2 n (G (w t o)) + eta t ^ 2 * L_smooth / 2 * s2).

Definition SAMDescentEnvelope (n : nat) (L_smooth : R) (f : W n -> R) (G : W n -> W n)
  (w : nat -> Omega -> W n) (eta : nat -> R) (z s2 rho : R) (g_adv : nat -> Omega -> W n)
  (F : nat -> sub_sigma P) (t : nat) : Prop :=
  ZSharpDescentEnvelope n L_smooth f G w eta z (s2 + 2 * L_smooth ^ 2 * rho ^ 2) g_adv F t.

(** [zsharp_envelope_of_pointwise_descent]: w_{t+1} = step(w_t) a.s., the one-step descent
    holds a.s., f(w_t) and ‖∇f(w_t)‖² are ℱ_t-measurable, f(w_t), ‖∇f(w_t)‖², f(w_{t+1})
    integrable ⇒ the envelope at t. *)
Theorem zsharp_envelope_of_pointwise_descent n L_smooth f G (w : nat -> Omega -> W n) eta z s2
  (g_adv : nat -> Omega -> W n) (F : nat -> sub_sigma P) t :
  ae P (fun o => w (S t) o = stochasticZSharpStep n (w t o) eta t z (g_adv t) o) ->
  ae P (fun o =>
    f (w (S t) o) <= f (w t o) - eta t / 4 * norm2 n (G (w t o)) + eta t ^ 2 * L_smooth / 2 * s2) ->
  measurable_in P (F t) (fun o => f (w t o)) ->
  measurable_in P (F t) (fun o => norm2 n (G (w t o))) ->
  integrable P (fun o => f (w t o)) -> integrable P (fun o => norm2 n (G (w t o))) ->
  integrable P (fun o => f (w (S t) o)) ->
  ZSharpDescentEnvelope n L_smooth f G w eta z s2 g_adv F t.
Proof.
  intros Hs Hp Hmf Hmg Hf Hg Hn.
  set (B := fun o => (f (w t o) + (- (eta t / 4)) * norm2 n (G (w t o)))
                     + eta t ^ 2 * L_smooth / 2 * s2).
  assert (HB : integrable P B)
    by (unfold B; auto using integrable_plus, integrable_scal, integrable_const).
  assert (HmB : measurable_in P (F t) B)
    by (unfold B; auto using measurable_in_plus, measurable_in_scal, measurable_in_const).
  assert (Hmono : ae P (fun o => cond P (F t) (fun o' => f (w (S t) o')) o <= cond P (F t) B o)).
  { apply cond_mono; [exact Hn | exact HB|].
    eapply ae_mono; [|exact Hp]. intros o H. unfold B. cbv beta in *.
    apply (Rle_trans _ _ _ H). right. ring. }
  assert (Hc : ae P (fun o =>
            cond P (F t) (fun o' => f (stochasticZSharpStep n (w t o') eta t z (g_adv t) o')) o
            = cond P (F t) (fun o' => f (w (S t) o')) o)).
  { apply cond_congr_ae. eapply ae_mono; [|exact Hs]. intros o H. cbv beta. now rewrite H. }
  pose proof (cond_of_measurable P (F t) B HmB HB) as HcB.
  unfold ZSharpDescentEnvelope.
  eapply ae_mono; [|exact (ae_and P _ _ HcB (ae_and P _ _ Hmono Hc))].
  intros o [H1 [H2 H3]]. cbv beta in *. rewrite H3. rewrite H1 in H2. unfold B in H2.
  apply (Rle_trans _ _ _ H2). right. ring.
Qed.

(** [stochastic_zsharp_sequence_descent]: the envelopes at every t (f(w_t), ‖∇f(w_t)‖²
    integrable) give Σ_{t<T} (η_t/4)E‖∇f(w_t)‖² ≤ E f(w_0) − E f(w_T) + Σ_{t<T} (η_t²L/2)σ². *)
Theorem stochastic_zsharp_sequence_descent n L_smooth f G (w : nat -> Omega -> W n) eta z s2 T
  (g_adv : nat -> Omega -> W n) (F : nat -> sub_sigma P) :
  (forall t, ae P (fun o => w (S t) o = stochasticZSharpStep n (w t o) eta t z (g_adv t) o)) ->
  (forall t, ZSharpDescentEnvelope n L_smooth f G w eta z s2 g_adv F t) ->
  (forall t, integrable P (fun o => f (w t o))) ->
  (forall t, integrable P (fun o => norm2 n (G (w t o)))) ->
  vsum T (fun t => eta t / 4 * expectation P (fun o => norm2 n (G (w t o))))
  <= expectation P (fun o => f (w 0%nat o)) - expectation P (fun o => f (w T o))
     + vsum T (fun t => eta t ^ 2 * L_smooth / 2 * s2).
Proof.
  intros Hs He Hf Hg. induction T as [|T IH]; cbn [vsum]; [lra|].
  pose proof (stochastic_expected_descent_step P n L_smooth f G w eta z s2 T g_adv F
                (Hs T) (He T) (Hf T) (Hg T)). lra.
Qed.

(** [sam_sequence_descent]: the SAM envelopes give the same accumulation with the effective
    variance σ² + 2L²ρ². *)
Theorem sam_sequence_descent n L_smooth f G (w : nat -> Omega -> W n) eta z s2 rho T
  (g_adv : nat -> Omega -> W n) (F : nat -> sub_sigma P) :
  (forall t, ae P (fun o => w (S t) o = stochasticZSharpStep n (w t o) eta t z (g_adv t) o)) ->
  (forall t, SAMDescentEnvelope n L_smooth f G w eta z s2 rho g_adv F t) ->
  (forall t, integrable P (fun o => f (w t o))) ->
  (forall t, integrable P (fun o => norm2 n (G (w t o)))) ->
  vsum T (fun t => eta t / 4 * expectation P (fun o => norm2 n (G (w t o))))
  <= expectation P (fun o => f (w 0%nat o)) - expectation P (fun o => f (w T o))
     + vsum T (fun t => eta t ^ 2 * L_smooth / 2 * (s2 + 2 * L_smooth ^ 2 * rho ^ 2)).
Proof.
  intros Hs He Hf Hg. exact (stochastic_zsharp_sequence_descent n L_smooth f G w eta z
    (s2 + 2 * L_smooth ^ 2 * rho ^ 2) T g_adv F Hs He Hf Hg).
Qed.

End Sequence.
