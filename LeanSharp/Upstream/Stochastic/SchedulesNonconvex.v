(** * LeanSharp.Upstream.Stochastic.SchedulesNonconvex — upstream LeanSharp/Stochastic/Foundations/Schedules/Nonconvex.lean

    Translates the O(1/√T) non-convex rates of stochastic ZSharp. Notions as in
    [Upstream.All] and [Upstream.Stochastic.SchedulesStronglyConvex]: a finite law (K, p), the
    iterates [weightSequence] driven by g_adv : nat → nat → W n, a field G for upstream's
    [gradient L], the atom labellings F t for ℱ t. Upstream's BddBelow (range L) and
    sInf (range L) become ANY lower bound Linf of L (∀ v, Linf ≤ L v) in hypothesis and
    conclusion: at Linf = inf L this is upstream's bound. New facts (helpers):
    [telescope_le] (a_{t+1} ≤ a_t − b_t + c_t ⇒ Σ b ≤ a_0 − a_T + Σ c) and [rate_finish].

    Equal: none.
    Weaker (finite law instead of a probability space):
    - [zsharp_nonconvex_rate_finite_law] — η = 1/√T and the expected descent recursion
      ⇒ (1/T)Σ_{t<T} E‖∇L(w_t)‖² ≤ (2(L(w_0) − inf L) + Lσ²)/√T.
    - [z_score_nonconvex_rate_complete_finite_law] — η = 1/(2L√T) and the conditional
      envelopes ⇒ (1/T)Σ E‖∇L(w_t)‖² ≤ (8L(L(w_0) − inf L) + σ²)/√T.
    - [sam_nonconvex_rate_from_envelope_finite_law] — the same as the first with σ² + 2L²ρ².
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap ProcessSequence.
From LeanSharp.Upstream.Stochastic Require Import SchedulesStronglyConvex.
Open Scope R_scope.

Lemma telescope_le (a b c : nat -> R) T :
  (forall t, a (S t) <= a t - b t + c t) -> vsum T b <= a 0%nat - a T + vsum T c.
Proof. intros H. induction T as [|T IH]; cbn [vsum]; [lra|]. pose proof (H T). lra. Qed.

Lemma rate_finish s S X : 0 < s -> S * / s <= X -> 1 / (s * s) * S <= X / s.
Proof.
  intros Hs H. replace (1 / (s * s) * S) with (S * / s * / s) by (field; lra).
  unfold Rdiv. apply Rmult_le_compat_r; [apply Rlt_le, Rinv_0_lt_compat; lra | exact H].
Qed.

Lemma expect_lower K p (X : nat -> R) Linf :
  is_law K p -> (forall k, Linf <= X k) -> Linf <= expect K p X.
Proof.
  intros Hl H. rewrite <- (expect_const K p Linf Hl). apply expect_le; [exact Hl|]. auto.
Qed.

Lemma sqrt_T_sq T : (0 < T)%nat -> 0 < sqrt (INR T) /\ INR T = sqrt (INR T) * sqrt (INR T).
Proof.
  intros HT. assert (0 < INR T) by (apply lt_0_INR; lia).
  split; [now apply sqrt_lt_R0 | rewrite sqrt_sqrt; lra].
Qed.

(** [zsharp_nonconvex_rate_finite_law]: η_t = 1/√T, L ≥ Linf, and
    E L(w_{t+1}) ≤ E L(w_t) − (η_t/2)E‖∇L(w_t)‖² + (η_t²L_s/2)σ² for every t
    ⇒ (1/T)Σ_{t<T} E‖∇L(w_t)‖² ≤ (2(L(w_0) − Linf) + L_sσ²)/√T. *)
Theorem zsharp_nonconvex_rate_finite_law n K p (L : W n -> R) (G : W n -> W n) (w0 : W n)
  z L_smooth s2 (eta : nat -> R) (g_adv : nat -> nat -> W n) T Linf :
  is_law K p -> (0 < T)%nat -> (forall t, eta t = 1 / sqrt (INR T)) -> (forall v, Linf <= L v) ->
  (forall t,
     expect K p (fun k => L (weightSequence n w0 eta z g_adv (S t) k))
     <= expect K p (fun k => L (weightSequence n w0 eta z g_adv t k))
        - eta t / 2 * expect K p (fun k => norm2 n (G (weightSequence n w0 eta z g_adv t k)))
        + eta t ^ 2 * L_smooth / 2 * s2) ->
  1 / INR T * vsum T (fun t => expect K p (fun k => norm2 n (G (weightSequence n w0 eta z g_adv t k))))
  <= (2 * (L w0 - Linf) + L_smooth * s2) / sqrt (INR T).
Proof.
  intros Hl HT Hs Hb Hd. destruct (sqrt_T_sq T HT) as [Hsp HTs]. set (s := sqrt (INR T)) in *.
  set (a := fun t => expect K p (fun k => L (weightSequence n w0 eta z g_adv t k))).
  set (E := fun t => expect K p (fun k => norm2 n (G (weightSequence n w0 eta z g_adv t k)))).
  assert (Hstep : forall t, a (S t) <= a t - 1 / s / 2 * E t + (1 / s) ^ 2 * L_smooth / 2 * s2)
    by (intros t; rewrite <- (Hs t); apply Hd).
  pose proof (telescope_le a (fun t => 1 / s / 2 * E t)
                (fun t => (1 / s) ^ 2 * L_smooth / 2 * s2) T Hstep) as H.
  rewrite vsum_scal, vsum_const in H.
  assert (HaT : Linf <= a T) by (apply expect_lower; [exact Hl | intros; apply Hb]).
  assert (Ha0 : a 0%nat = L w0) by (apply (expect_const K p (L w0) Hl)).
  rewrite HTs in H.
  replace (s * s * ((1 / s) ^ 2 * L_smooth / 2 * s2)) with (L_smooth * s2 / 2) in H
    by (field; lra).
  rewrite HTs. apply rate_finish; [exact Hsp|].
  replace (vsum T E * / s) with (2 * (1 / s / 2 * vsum T E)) by (field; lra). lra.
Qed.

(** [z_score_nonconvex_rate_complete_finite_law]: η_t = 1/(2L_s√T), L_s > 0, L ≥ Linf and the
    ZSharp descent envelopes at every t ⇒ (1/T)Σ_{t<T} E‖∇L(w_t)‖² ≤ (8L_s(L(w_0) − Linf) + σ²)/√T. *)
Theorem z_score_nonconvex_rate_complete_finite_law n K p (L : W n -> R) (G : W n -> W n)
  (w0 : W n) z L_smooth s2 (eta : nat -> R) (g_adv : nat -> nat -> W n) T
  (F : nat -> nat -> nat) Linf :
  is_law K p -> (0 < T)%nat -> (forall t, eta t = 1 / (2 * L_smooth * sqrt (INR T))) ->
  0 < L_smooth -> (forall v, Linf <= L v) ->
  (forall t, ZSharpDescentEnvelope n K p F L_smooth L G (weightSequence n w0 eta z g_adv) eta z s2
               g_adv t) ->
  1 / INR T * vsum T (fun t => expect K p (fun k => norm2 n (G (weightSequence n w0 eta z g_adv t k))))
  <= (8 * L_smooth * (L w0 - Linf) + s2) / sqrt (INR T).
Proof.
  intros Hl HT Hs HL Hb He. destruct (sqrt_T_sq T HT) as [Hsp HTs]. set (s := sqrt (INR T)) in *.
  pose proof (stochastic_zsharp_sequence_descent_finite_law n K p F L_smooth L G
                (weightSequence n w0 eta z g_adv) eta z s2 T g_adv Hl
                (fun t k _ _ => eq_refl) He) as H.
  set (E := fun t => expect K p (fun k => norm2 n (G (weightSequence n w0 eta z g_adv t k)))).
  set (e0 := 1 / (2 * L_smooth * s)).
  rewrite (vsum_ext T _ (fun t => e0 / 4 * E t)) in H by (intros; unfold e0; now rewrite Hs).
  rewrite (vsum_ext T (fun t => eta t ^ 2 * L_smooth / 2 * s2) (fun _ => e0 ^ 2 * L_smooth / 2 * s2)) in H
    by (intros; unfold e0; now rewrite Hs).
  rewrite vsum_scal, vsum_const, HTs in H.
  replace (s * s * (e0 ^ 2 * L_smooth / 2 * s2)) with (s2 / (8 * L_smooth)) in H
    by (unfold e0; field; lra).
  assert (HaT : Linf <= expect K p (fun k => L (weightSequence n w0 eta z g_adv T k)))
    by (apply expect_lower; [exact Hl | intros; apply Hb]).
  assert (Ha0 : expect K p (fun k => L (weightSequence n w0 eta z g_adv 0%nat k)) = L w0)
    by exact (expect_const K p (L w0) Hl).
  rewrite Ha0 in H.
  rewrite HTs. apply rate_finish; [exact Hsp|].
  replace (vsum T E * / s) with (8 * L_smooth * (e0 / 4 * vsum T E)) by (unfold e0; field; lra).
  apply Rle_trans with (8 * L_smooth * (L w0 - Linf + s2 / (8 * L_smooth))).
  - apply Rmult_le_compat_l; lra.
  - right. field. lra.
Qed.

(** [sam_nonconvex_rate_from_envelope_finite_law]: the descent recursion with the effective
    variance σ² + 2L_s²ρ² and η_t = 1/√T ⇒ (1/T)Σ E‖∇L(w_t)‖² ≤
    (2(L(w_0) − Linf) + L_s(σ² + 2L_s²ρ²))/√T. *)
Theorem sam_nonconvex_rate_from_envelope_finite_law n K p (L : W n -> R) (G : W n -> W n)
  (w0 : W n) z L_smooth s2 rho (eta : nat -> R) (g_adv : nat -> nat -> W n) T Linf :
  is_law K p -> (0 < T)%nat -> (forall t, eta t = 1 / sqrt (INR T)) -> (forall v, Linf <= L v) ->
  (forall t,
     expect K p (fun k => L (weightSequence n w0 eta z g_adv (S t) k))
     <= expect K p (fun k => L (weightSequence n w0 eta z g_adv t k))
        - eta t / 2 * expect K p (fun k => norm2 n (G (weightSequence n w0 eta z g_adv t k)))
        + eta t ^ 2 * L_smooth / 2 * (s2 + 2 * L_smooth ^ 2 * rho ^ 2)) ->
  1 / INR T * vsum T (fun t => expect K p (fun k => norm2 n (G (weightSequence n w0 eta z g_adv t k))))
  <= (2 * (L w0 - Linf) + L_smooth * (s2 + 2 * L_smooth ^ 2 * rho ^ 2)) / sqrt (INR T).
Proof. apply zsharp_nonconvex_rate_finite_law. Qed.
