(** * LeanSharp.Stochastic.HighProbability — convergence in probability, for every T

    The law of the first T draws is the T-fold product law of a finite law p
    ([StronglyConvexRate.hexpect]); [hprob K p T f r] = P(f ≥ r) under it, i.e. the expectation
    of the indicator 1_{f ≥ r} ([FiniteProb.indicator_ge]) over the histories of length T.

    Main results
    - [hmarkov]: Markov's inequality over histories: f ≥ 0, r > 0 ⇒ P_T(f ≥ r) ≤ E_T[f]/r
    - [high_probability_of_expect]: E_T[f] ≤ B, B > 0, 0 < β ≤ 1 ⇒ P_T(f ≥ B/β) ≤ β
      (with probability ≥ 1 − β, f < B/β)
    - [in_probability_of_rate]: E_T[f_T] ≤ C/(T + t0) for all T ⇒ for every r > 0, β > 0
      there is T0 with P_T(f_T ≥ r) ≤ β for all T ≥ T0 (convergence in probability)
    - stochastic ZSharp with the noise through the filter ([NoisyFilter]):
      [noisy_constant_ball_prob]: P(‖w_T − w*‖² ≥ r) ≤ ((1 − ημ/2)^T‖w_0 − w*‖² + 3ησ²/μ
      + 6Lc²ρ²/μ²)/r for every T; [noisy_decaying_prob]: with η_t = c/(t + t0),
      ρ_t² ≤ rη_t: P(‖w_T − w*‖² ≥ r) ≤ K/((T + t0)r) for every T, and
      [noisy_decaying_in_probability]: w_T → w* in probability
    - stochastic filtered SAM with additive noise ([StronglyConvexRate]):
      [sgd_in_probability]: w_T → w* in probability at rate K/((T + t0)r)

    Not here: almost-sure convergence. [hexpect] is the law of finitely many draws; an
    almost-sure statement is about the infinite sequence of draws and needs the product
    measure on infinite histories, which the library does not build (roadmap item
    stochastic.almost_sure, open). *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec Recursions FiniteProb.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth Objective SAM.
From LeanSharp.Theory.Alignment Require Import Alignment.
From LeanSharp.Stochastic Require Import StronglyConvexRate NoisyFilter.
Open Scope R_scope.

Definition hprob (K : nat) (p : nat -> R) (t : nat) (f : list nat -> R) (r : R) : R :=
  hexpect K p t (fun h => indicator_ge (f h) r).

Section Markov.

Context (K : nat) (p : nat -> R).
Hypothesis Hlaw : is_law K p.

Lemma hprob_bounds t f r : 0 <= hprob K p t f r <= 1.
Proof.
  unfold hprob. split.
  - apply hexpect_nonneg; [exact Hlaw|]. intros h. unfold indicator_ge. destruct Rle_dec; lra.
  - replace 1 with (hexpect K p t (fun h => 0 * f h + 1)) by (rewrite hexpect_affine by exact Hlaw; ring).
    apply hexpect_le; [exact Hlaw|]. intros h _. unfold indicator_ge. destruct Rle_dec; lra.
Qed.

(** Markov over histories: P_T(f ≥ r) ≤ E_T[f]/r. *)
Theorem hmarkov t f r :
  (forall h, length h = t -> 0 <= f h) -> 0 < r -> hprob K p t f r <= hexpect K p t f / r.
Proof.
  intros Hf Hr. apply (Rmult_le_reg_l r); [exact Hr|].
  replace (r * (hexpect K p t f / r)) with (hexpect K p t f) by (field; lra).
  unfold hprob. rewrite <- hexpect_scal. apply hexpect_le; [exact Hlaw|].
  intros h Hh. unfold indicator_ge. destruct (Rle_dec r (f h)); [lra|]. pose proof (Hf h Hh). lra.
Qed.

Corollary hprob_of_expect_bound t f r B :
  (forall h, length h = t -> 0 <= f h) -> 0 < r -> hexpect K p t f <= B -> hprob K p t f r <= B / r.
Proof.
  intros Hf Hr HB. eapply Rle_trans; [now apply hmarkov|]. unfold Rdiv.
  apply Rmult_le_compat_r; [left; now apply Rinv_0_lt_compat | exact HB].
Qed.

(** With probability ≥ 1 − β: f < B/β. *)
Theorem high_probability_of_expect t f B beta :
  (forall h, length h = t -> 0 <= f h) -> hexpect K p t f <= B -> 0 < B -> 0 < beta <= 1 ->
  hprob K p t f (B / beta) <= beta.
Proof.
  intros Hf HB HB0 Hb. eapply Rle_trans; [apply hprob_of_expect_bound; try eassumption|].
  - apply Rdiv_lt_0_compat; lra.
  - right. field. lra.
Qed.

(** E_T[f_T] ≤ C/(T + t0) for all T ⇒ f_T → 0 in probability. *)
Theorem in_probability_of_rate (f : nat -> list nat -> R) C t0 :
  (forall T h, length h = T -> 0 <= f T h) -> 0 < t0 -> 0 <= C ->
  (forall T, hexpect K p T (f T) <= C / (INR T + t0)) ->
  forall r beta, 0 < r -> 0 < beta -> exists T0, forall T, (T0 <= T)%nat -> hprob K p T (f T) r <= beta.
Proof.
  intros Hf Ht0 HC Hrate r beta Hr Hb.
  destruct (archimed_cor1 (r * beta / (C + 1))) as [T0 [HT0 HT0p]].
  { apply Rdiv_lt_0_compat; [nra | lra]. }
  exists T0. intros T HT. eapply Rle_trans; [apply hprob_of_expect_bound; [apply Hf | exact Hr | apply Hrate]|].
  assert (HI : INR T0 <= INR T) by (apply le_INR; lia). assert (HI0 : 0 < INR T0) by (apply lt_0_INR; lia).
  assert (Hbig : C + 1 < INR T0 * (r * beta)).
  { apply (Rmult_lt_compat_l (INR T0 * (C + 1))) in HT0; [|nra].
    replace (INR T0 * (C + 1) * / INR T0) with (C + 1) in HT0 by (field; lra).
    replace (INR T0 * (C + 1) * (r * beta / (C + 1))) with (INR T0 * (r * beta)) in HT0 by (field; lra). exact HT0. }
  assert (Hpos : 0 < INR T + t0) by lra.
  unfold Rdiv. rewrite Rmult_assoc. apply (Rmult_le_reg_l ((INR T + t0) * r)); [nra|].
  replace ((INR T + t0) * r * (C * (/ (INR T + t0) * / r))) with C by (field; lra). nra.
Qed.

End Markov.

(** ** Stochastic ZSharp with the noise through the filter *)

Section Noisy.

(** The model of [NoisyFilter]: a strongly convex objective O and sample fields N over it. *)
Context {n K : nat} (O : strongly_convex_objective n) (N : sample_fields O K).
Context (mask : W n -> W n) (delta : R).
Hypothesis Hd : 0 <= delta.
Local Notation Lc := (lip O). Local Notation mu := (curv O). Local Notation wstar := (minimiser O).
Local Notation p := (law N). Local Notation Gk := (field N). Local Notation s2 := (variance N).
Let Hlaw := law_is_law N.

(** P(‖w_T − w*‖² ≥ r) over the T-fold product law. *)
Definition noisy_prob (eta rho : nat -> R) (w0 : W n) (T : nat) (r : R) : R :=
  hprob K p T (fun h => norm2 n (vsub (noisy_iter n Gk mask delta eta rho w0 h) wstar)) r.

Theorem noisy_constant_ball_prob eta rho w0 T r :
  0 < eta <= / Lc -> 0 <= rho -> 0 < r ->
  noisy_prob (fun _ => eta) (fun _ => rho) w0 T r
  <= ((1 - eta * mu / 2) ^ T * norm2 n (vsub w0 wstar) + (3 * eta * s2 / mu + 6 * Lc ^ 2 * rho ^ 2 / mu ^ 2)) / r.
Proof.
  intros He Hr Hr0. apply hprob_of_expect_bound; [exact Hlaw | intros; apply norm2_nonneg | exact Hr0 |].
  change (noisy_err O N mask delta (fun _ => eta) (fun _ => rho) w0 T
          <= (1 - eta * mu / 2) ^ T * norm2 n (vsub w0 wstar) + (3 * eta * s2 / mu + 6 * Lc ^ 2 * rho ^ 2 / mu ^ 2)).
  apply noisy_constant_ball; assumption.
Qed.

Theorem noisy_decaying_prob c t0 rb rho w0 T r :
  0 < c -> 1 < mu / 2 * c -> mu / 2 * c <= t0 -> c * Lc <= t0 -> 0 <= rb ->
  (forall t, 0 <= rho t) -> (forall t, rho t ^ 2 <= rb * one_over_t_step c t0 t) -> 0 < r ->
  noisy_prob (one_over_t_step c t0) rho w0 T r
  <= rm_const (mu / 2) c (3 / 2 * s2 + 3 * Lc ^ 2 * rb / mu) t0 (norm2 n (vsub w0 wstar)) / (INR T + t0) / r.
Proof.
  intros Hc Hmc Ht0 HcL Hrb Hrho0 Hrho Hr. apply hprob_of_expect_bound; [exact Hlaw | intros; apply norm2_nonneg | exact Hr |].
  change (noisy_err O N mask delta (one_over_t_step c t0) rho w0 T
          <= rm_const (mu / 2) c (3 / 2 * s2 + 3 * Lc ^ 2 * rb / mu) t0 (norm2 n (vsub w0 wstar)) / (INR T + t0)).
  apply noisy_decaying_rate; assumption.
Qed.

(** Convergence in probability to the minimiser itself. *)
Theorem noisy_decaying_in_probability c t0 rb rho w0 :
  0 < c -> 1 < mu / 2 * c -> mu / 2 * c <= t0 -> c * Lc <= t0 -> 0 <= rb ->
  (forall t, 0 <= rho t) -> (forall t, rho t ^ 2 <= rb * one_over_t_step c t0 t) ->
  forall r beta, 0 < r -> 0 < beta ->
  exists T0, forall T, (T0 <= T)%nat -> noisy_prob (one_over_t_step c t0) rho w0 T r <= beta.
Proof.
  intros Hc Hmc Ht0 HcL Hrb Hrho0 Hrho.
  apply (in_probability_of_rate K p Hlaw (fun T h => norm2 n (vsub (noisy_iter n Gk mask delta (one_over_t_step c t0) rho w0 h) wstar))
           (rm_const (mu / 2) c (3 / 2 * s2 + 3 * Lc ^ 2 * rb / mu) t0 (norm2 n (vsub w0 wstar))) t0).
  - intros; apply norm2_nonneg.
  - nra.
  - unfold rm_const. eapply Rle_trans; [|apply Rmax_l]. apply Rmult_le_pos; [nra | apply norm2_nonneg].
  - intros T. change (noisy_err O N mask delta (one_over_t_step c t0) rho w0 T
                      <= rm_const (mu / 2) c (3 / 2 * s2 + 3 * Lc ^ 2 * rb / mu) t0 (norm2 n (vsub w0 wstar)) / (INR T + t0)).
    apply noisy_decaying_rate; assumption.
Qed.

End Noisy.

(** ** Filtered SAM with additive oracle noise *)

Theorem sgd_in_probability n K p xi s2 D (w0 wstar : W n) c C k t0 :
  oracle n K p xi s2 -> (forall w, aligned n (D w) w wstar c C) ->
  0 < c -> 0 < k -> 1 < c * k -> k * (C * C) <= c * t0 -> c * k <= t0 -> 0 <= s2 ->
  forall r beta, 0 < r -> 0 < beta -> exists T0, forall T, (T0 <= T)%nat ->
    hprob K p T (fun h => norm2 n (vsub (sgd_iter n xi D (one_over_t_step k t0) w0 h) wstar)) r <= beta.
Proof.
  intros Ho Hal Hc Hk Hck HkC Ht0 Hs2. destruct Ho as [Hlaw Ho'] eqn:E.
  apply (in_probability_of_rate K p Hlaw (fun T h => norm2 n (vsub (sgd_iter n xi D (one_over_t_step k t0) w0 h) wstar))
           (rm_const c k s2 t0 (norm2 n (vsub w0 wstar))) t0).
  - intros; apply norm2_nonneg.
  - nra.
  - unfold rm_const. eapply Rle_trans; [|apply Rmax_l]. apply Rmult_le_pos; [nra | apply norm2_nonneg].
  - intros T. subst. exact (sgd_rate_one_over_t n K p xi s2 D w0 wstar c C k t0 (conj Hlaw Ho') Hal Hc Hk Hck HkC Ht0 Hs2 T).
Qed.
