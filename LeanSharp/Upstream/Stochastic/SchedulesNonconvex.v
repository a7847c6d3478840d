(** * LeanSharp.Upstream.Stochastic.SchedulesNonconvex — upstream LeanSharp/Stochastic/Foundations/Schedules/Nonconvex.lean

    Translates the O(1/√T) non-convex rates of stochastic ZSharp. Notions as in
    [Upstream.All] and [Upstream.Stochastic.SchedulesStronglyConvex]: any probability space P,
    the iterates [weightSequence] driven by g_adv : nat → Ω → W n, a field G for upstream's
    [gradient L], sub-σ-algebras F t : sub_sigma P for ℱ t. Upstream's BddBelow (range L) and
    sInf (range L) become ANY lower bound Linf of L (∀ v, Linf ≤ L v) in hypothesis and
    conclusion: at Linf = inf L (which exists: R is complete) this is upstream's bound. The
    averaged telescoping is [Core.Recursions.recursion_nonconvex_avg]; helpers: [rate_finish],
    [expectation_lower].

    Equal:
    - [zsharp_nonconvex_rate] — η = 1/√T, L(w_t) integrable and the expected descent recursion
      ⇒ (1/T)Σ_{t<T} E‖∇L(w_t)‖² ≤ (2(L(w_0) − inf L) + Lσ²)/√T.
    - [z_score_nonconvex_rate_complete] — η = 1/(2L√T), L(w_t) and ‖∇L(w_t)‖² integrable and
      the conditional envelopes ⇒ (1/T)Σ E‖∇L(w_t)‖² ≤ (8L(L(w_0) − inf L) + σ²)/√T.
    - [sam_nonconvex_rate_from_envelope] — the same as the first with σ² + 2L²ρ².
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Expectation Recursions.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap ProcessSequence.
From LeanSharp.Upstream.Stochastic Require Import SchedulesStronglyConvex.
Open Scope R_scope.

Lemma rate_finish s S X : 0 < s -> S * / s <= X -> 1 / (s * s) * S <= X / s.
Proof.
  intros Hs H. replace (1 / (s * s) * S) with (S * / s * / s) by (field; lra).
  unfold Rdiv. apply Rmult_le_compat_r; [apply Rlt_le, Rinv_0_lt_compat; lra | exact H].
Qed.

Lemma expectation_lower {Omega : Type} (P : prob_space Omega) (X : Omega -> R) Linf :
  integrable P X -> (forall o, Linf <= X o) -> Linf <= expectation P X.
Proof.
  intros Hi H. rewrite <- (expectation_const P Linf).
  apply expectation_le; [apply integrable_const | exact Hi | exact H].
Qed.

Lemma sqrt_T_sq T : (0 < T)%nat -> 0 < sqrt (INR T) /\ INR T = sqrt (INR T) * sqrt (INR T).
Proof.
  intros HT. assert (0 < INR T) by (apply lt_0_INR; lia).
  split; [now apply sqrt_lt_R0 | rewrite sqrt_sqrt; lra].
Qed.

Section Rates.
Context {Omega : Type} (P : prob_space Omega) (n : nat).

(** [zsharp_nonconvex_rate]: η_t = 1/√T, L ≥ Linf, L(w_t) integrable, and
    E L(w_{t+1}) ≤ E L(w_t) − (η_t/2)E‖∇L(w_t)‖² + (η_t²L_s/2)σ² for every t
    ⇒ (1/T)Σ_{t<T} E‖∇L(w_t)‖² ≤ (2(L(w_0) − Linf) + L_sσ²)/√T. *)
Theorem zsharp_nonconvex_rate (L : W n -> R) (G : W n -> W n) (w0 : W n)
  z L_smooth s2 (eta : nat -> R) (g_adv : nat -> Omega -> W n) T Linf :
  (0 < T)%nat -> (forall t, eta t = 1 / sqrt (INR T)) -> (forall v, Linf <= L v) ->
  (forall t, integrable P (fun o => L (weightSequence n w0 eta z g_adv t o))) ->
  (forall t,
     expectation P (fun o => L (weightSequence n w0 eta z g_adv (S t) o))
     <= expectation P (fun o => L (weightSequence n w0 eta z g_adv t o))
        - eta t / 2 * expectation P (fun o => norm2 n (G (weightSequence n w0 eta z g_adv t o)))
        + eta t ^ 2 * L_smooth / 2 * s2) ->
  1 / INR T * vsum T (fun t => expectation P (fun o => norm2 n (G (weightSequence n w0 eta z g_adv t o))))
  <= (2 * (L w0 - Linf) + L_smooth * s2) / sqrt (INR T).
Proof.
  intros HT Hs Hb Hi Hd. destruct (sqrt_T_sq T HT) as [Hsp HTs]. set (s := sqrt (INR T)) in *.
  set (a := fun t => expectation P (fun o => L (weightSequence n w0 eta z g_adv t o))).
  set (E := fun t => expectation P (fun o => norm2 n (G (weightSequence n w0 eta z g_adv t o)))).
  (* Core.Recursions' averaged telescoping with a_t − Linf ≥ 0, b_t = E_t/2, η = 1/s, C = L_sσ²/2 *)
  assert (Hrec : forall t, a (S t) - Linf <= a t - Linf - 1 / s * (E t / 2) + (1 / s) ^ 2 * (L_smooth * s2 / 2))
    by (intros t; pose proof (Hd t) as H; rewrite (Hs t) in H; unfold a, E; lra).
  assert (Hlow : forall t, 0 <= a t - Linf)
    by (intros t; enough (Linf <= a t) by lra; apply expectation_lower; [apply Hi | intros; apply Hb]).
  pose proof (recursion_nonconvex_avg (fun t => a t - Linf) (fun t => E t / 2) (1 / s) (L_smooth * s2 / 2)
                ltac:(apply Rdiv_lt_0_compat; lra) Hlow Hrec T HT) as Havg.
  assert (Ha0 : a 0%nat = L w0) by (apply (expectation_const P (L w0))).
  cbv beta in Havg. rewrite Ha0 in Havg.
  rewrite (vsum_ext T _ (fun t => / 2 * E t)), vsum_scal in Havg by (intros; unfold Rdiv; ring).
  fold E. rewrite HTs in Havg |- *.
  replace (1 / (s * s) * vsum T E) with (2 * (/ 2 * vsum T E / (s * s))) by (field; lra).
  replace ((2 * (L w0 - Linf) + L_smooth * s2) / s)
    with (2 * ((L w0 - Linf) / (1 / s * (s * s)) + 1 / s * (L_smooth * s2 / 2))) by (field; lra).
  lra.
Qed.

(** [z_score_nonconvex_rate_complete]: η_t = 1/(2L_s√T), L_s > 0, L ≥ Linf, L(w_t) and
    ‖∇L(w_t)‖² integrable and the ZSharp descent envelopes at every t
    ⇒ (1/T)Σ_{t<T} E‖∇L(w_t)‖² ≤ (8L_s(L(w_0) − Linf) + σ²)/√T. *)
Theorem z_score_nonconvex_rate_complete (L : W n -> R) (G : W n -> W n)
  (w0 : W n) z L_smooth s2 (eta : nat -> R) (g_adv : nat -> Omega -> W n) T
  (F : nat -> sub_sigma P) Linf :
  (0 < T)%nat -> (forall t, eta t = 1 / (2 * L_smooth * sqrt (INR T))) ->
  0 < L_smooth -> (forall v, Linf <= L v) ->
  (forall t, integrable P (fun o => L (weightSequence n w0 eta z g_adv t o))) ->
  (forall t, integrable P (fun o => norm2 n (G (weightSequence n w0 eta z g_adv t o)))) ->
  (forall t, ZSharpDescentEnvelope P n L_smooth L G (weightSequence n w0 eta z g_adv) eta z s2
               g_adv F t) ->
  1 / INR T * vsum T (fun t => expectation P (fun o => norm2 n (G (weightSequence n w0 eta z g_adv t o))))
  <= (8 * L_smooth * (L w0 - Linf) + s2) / sqrt (INR T).
Proof.
  intros HT Hs HL Hb Hi Hig He. destruct (sqrt_T_sq T HT) as [Hsp HTs]. set (s := sqrt (INR T)) in *.
  pose proof (stochastic_zsharp_sequence_descent P n L_smooth L G
                (weightSequence n w0 eta z g_adv) eta z s2 T g_adv F
                (fun t => ae_of_all P _ (fun o => eq_refl)) He Hi Hig) as H.
  set (E := fun t => expectation P (fun o => norm2 n (G (weightSequence n w0 eta z g_adv t o)))).
  set (e0 := 1 / (2 * L_smooth * s)).
  rewrite (vsum_ext T _ (fun t => e0 / 4 * E t)) in H by (intros; unfold e0; now rewrite Hs).
  rewrite (vsum_ext T (fun t => eta t ^ 2 * L_smooth / 2 * s2) (fun _ => e0 ^ 2 * L_smooth / 2 * s2)) in H
    by (intros; unfold e0; now rewrite Hs).
  rewrite vsum_scal, vsum_const, HTs in H.
  replace (s * s * (e0 ^ 2 * L_smooth / 2 * s2)) with (s2 / (8 * L_smooth)) in H
    by (unfold e0; field; lra).
  assert (HaT : Linf <= expectation P (fun o => L (weightSequence n w0 eta z g_adv T o)))
    by (apply expectation_lower; [apply Hi | intros; apply Hb]).
  assert (Ha0 : expectation P (fun o => L (weightSequence n w0 eta z g_adv 0%nat o)) = L w0)
    by exact (expectation_const P (L w0)).
  rewrite Ha0 in H.
  rewrite HTs. apply rate_finish; [exact Hsp|].
  replace (vsum T E * / s) with (8 * L_smooth * (e0 / 4 * vsum T E)) by (unfold e0; field; lra).
  apply Rle_trans with (8 * L_smooth * (L w0 - Linf + s2 / (8 * L_smooth))).
  - apply Rmult_le_compat_l; lra.
  - right. field. lra.
Qed.

(** [sam_nonconvex_rate_from_envelope]: the descent recursion with the effective variance
    σ² + 2L_s²ρ², L(w_t) integrable and η_t = 1/√T ⇒ (1/T)Σ E‖∇L(w_t)‖² ≤
    (2(L(w_0) − Linf) + L_s(σ² + 2L_s²ρ²))/√T. *)
Theorem sam_nonconvex_rate_from_envelope (L : W n -> R) (G : W n -> W n)
  (w0 : W n) z L_smooth s2 rho (eta : nat -> R) (g_adv : nat -> Omega -> W n) T Linf :
  (0 < T)%nat -> (forall t, eta t = 1 / sqrt (INR T)) -> (forall v, Linf <= L v) ->
  (forall t, integrable P (fun o => L (weightSequence n w0 eta z g_adv t o))) ->
  (forall t,
     expectation P (fun o => L (weightSequence n w0 eta z g_adv (S t) o))
     <= expectation P (fun o => L (weightSequence n w0 eta z g_adv t o))
        - eta t / 2 * expectation P (fun o => norm2 n (G (weightSequence n w0 eta z g_adv t o)))
        + eta t ^ 2 * L_smooth / 2 * (s2 + 2 * L_smooth ^ 2 * rho ^ 2)) ->
  1 / INR T * vsum T (fun t => expectation P (fun o => norm2 n (G (weightSequence n w0 eta z g_adv t o))))
  <= (2 * (L w0 - Linf) + L_smooth * (s2 + 2 * L_smooth ^ 2 * rho ^ 2)) / sqrt (INR T).
Proof. apply zsharp_nonconvex_rate. Qed.

End Rates.
