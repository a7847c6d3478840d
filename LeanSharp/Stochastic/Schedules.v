(** * LeanSharp.Stochastic.Schedules — learning-rate schedules

    Definitions
    - [cosine_lr eta_min eta_max T t] = η_min + (η_max − η_min)(1 + cos(πt/T))/2
    - [const_lr eta t] = η
    - [step_lr eta0 gamma k t] = η_0 · γ^{⌊t/k⌋}
    - the 1/t schedule is [LeanSharp.Core.Recursions.one_over_t_step c t0 t] = c/(t + t0)

    Main results
    - [cosine_lr_bounds]: η_min ≤ η_max, 0 < T  ⇒  η_min ≤ η_t ≤ η_max  (every t)
    - [cosine_lr_antitone]: 0 ≤ s ≤ t ≤ T  ⇒  η_t ≤ η_s
    - [cosine_lr_start], [cosine_lr_end]: η_0 = η_max, η_T = η_min
    - [recursion_varying_step]: a_{t+1} ≤ (1 − μη_t)a_t, a_t ≥ 0, η_lo ≤ η_t, μη_t ≤ 1
          ⇒  a_T ≤ (1 − μη_lo)^T a_0  (any schedule bounded below, e.g. cosine with η_lo = η_min)
    - [const_lr_contraction]: 0 < η, 0 < μ, μη ≤ 1  ⇒  0 ≤ 1 − μη < 1  (hypothesis of
          [recursion_geometric_noise])
    - [step_lr_pos], [step_lr_le], [step_lr_antitone], [step_lr_horizon_lower]:
          0 < η_t ≤ η_0, antitone, η_t ≥ η_0 γ^{⌊T/k⌋} for t ≤ T
    - [one_over_t_pos], [one_over_t_mu_le_1], [one_over_t_antitone], [one_over_t_le_eta0]:
          0 < η_t,  μη_t ≤ 1 when μc ≤ t0,  antitone,  η_t ≤ c/t0
    - [one_over_t_sum_ln]: Σ_{t<T} c/(t + t0) ≥ c·(ln(T + t0) − ln t0)   (Σ η_t = ∞)
    - [one_over_t_rate_two_over_mu]: with c = 2/μ and t0 ≥ 2 the recursion
          a_{t+1} ≤ (1 − μη_t)a_t + η_t²σ² gives a_T ≤ max(t0 a_0, 4σ²/μ²)/(T + t0) *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Recursions.
Open Scope R_scope.

(** ** Cosine decay *)

Definition cosine_lr (eta_min eta_max T t : R) : R :=
  eta_min + (eta_max - eta_min) * (1 + cos (PI * t / T)) / 2.

Lemma cosine_angle_range T t : 0 < T -> 0 <= t <= T -> 0 <= PI * t / T <= PI.
Proof.
  intros HT Ht. pose proof PI_RGT_0.
  assert (Hq : 0 <= t / T <= 1).
  { split; [apply Rle_mult_inv_pos; lra|].
    apply (Rmult_le_reg_r T); [lra|]. unfold Rdiv.
    rewrite Rmult_assoc, Rinv_l by lra. lra. }
  unfold Rdiv. rewrite Rmult_assoc. fold (t / T).
  split; [apply Rmult_le_pos; lra|].
  rewrite <- (Rmult_1_r PI) at 2. apply Rmult_le_compat_l; lra.
Qed.

(** The cosine schedule stays in [η_min, η_max]. *)
Theorem cosine_lr_bounds eta_min eta_max T t :
  eta_min <= eta_max -> eta_min <= cosine_lr eta_min eta_max T t <= eta_max.
Proof.
  intros Hm. unfold cosine_lr. pose proof (COS_bound (PI * t / T)) as Hc.
  assert (0 <= (eta_max - eta_min) * (1 + cos (PI * t / T))) by (apply Rmult_le_pos; lra).
  assert ((eta_max - eta_min) * (1 + cos (PI * t / T)) <= (eta_max - eta_min) * 2)
    by (apply Rmult_le_compat_l; lra).
  lra.
Qed.

(** The cosine schedule is antitone on [0, T]. *)
Theorem cosine_lr_antitone eta_min eta_max T s t :
  eta_min <= eta_max -> 0 < T -> 0 <= s -> s <= t -> t <= T ->
  cosine_lr eta_min eta_max T t <= cosine_lr eta_min eta_max T s.
Proof.
  intros Hm HT Hs Hst HtT. unfold cosine_lr.
  assert (Hcos : cos (PI * t / T) <= cos (PI * s / T)).
  { destruct (Req_dec s t) as [->|Hne]; [lra|].
    pose proof (cosine_angle_range T s HT ltac:(lra)).
    pose proof (cosine_angle_range T t HT ltac:(lra)).
    left. apply cos_decreasing_1; try lra.
    unfold Rdiv. apply Rmult_lt_compat_r; [apply Rinv_0_lt_compat; lra|].
    apply Rmult_lt_compat_l; [apply PI_RGT_0 | lra]. }
  assert ((eta_max - eta_min) * (1 + cos (PI * t / T))
          <= (eta_max - eta_min) * (1 + cos (PI * s / T))) by (apply Rmult_le_compat_l; lra).
  lra.
Qed.

Theorem cosine_lr_start eta_min eta_max T : 0 < T -> cosine_lr eta_min eta_max T 0 = eta_max.
Proof.
  intros HT. unfold cosine_lr. replace (PI * 0 / T) with 0 by (field; lra).
  rewrite cos_0. field.
Qed.

Theorem cosine_lr_end eta_min eta_max T : 0 < T -> cosine_lr eta_min eta_max T T = eta_min.
Proof.
  intros HT. unfold cosine_lr. replace (PI * T / T) with PI by (field; lra).
  rewrite cos_PI. field.
Qed.

Lemma cosine_lr_pos eta_min eta_max T t :
  0 < eta_min -> eta_min <= eta_max -> 0 < cosine_lr eta_min eta_max T t.
Proof. intros H0 Hm. pose proof (cosine_lr_bounds eta_min eta_max T t Hm). lra. Qed.

(** ** Varying step sizes bounded below *)

(** a_{t+1} ≤ (1 − μη_t)a_t with a_t ≥ 0, μ ≥ 0, η_lo ≤ η_t and μη_t ≤ 1 gives
    a_T ≤ (1 − μη_lo)^T a_0. *)
Theorem recursion_varying_step (a eta : nat -> R) mu eta_lo :
  0 <= mu -> mu * eta_lo <= 1 -> (forall t, 0 <= a t) ->
  (forall t, eta_lo <= eta t) ->
  (forall t, a (S t) <= (1 - mu * eta t) * a t) ->
  forall T, a T <= (1 - mu * eta_lo) ^ T * a 0%nat.
Proof.
  intros Hmu Hlo Ha Heta Hrec. apply recursion_geometric; [lra|].
  intros t. eapply Rle_trans; [apply Hrec|]. apply Rmult_le_compat_r; [apply Ha|].
  pose proof (Heta t). assert (mu * eta_lo <= mu * eta t) by (apply Rmult_le_compat_l; lra).
  lra.
Qed.

(** ** Constant schedule *)

Definition const_lr (eta : R) (t : nat) : R := eta.

Lemma const_lr_contraction eta mu :
  0 < eta -> 0 < mu -> mu * const_lr eta 0 <= 1 -> 0 <= 1 - mu * const_lr eta 0 < 1.
Proof. unfold const_lr. intros He Hm H1. split; [lra|]. assert (0 < mu * eta) by nra. lra. Qed.

(** ** Step decay *)

Definition step_lr (eta0 gamma : R) (k t : nat) : R := eta0 * gamma ^ (t / k).

Lemma pow_antitone gamma a b : 0 <= gamma <= 1 -> (a <= b)%nat -> gamma ^ b <= gamma ^ a.
Proof.
  intros Hg Hab. induction Hab as [|m Hm IH]; [lra|]. simpl.
  pose proof (pow_le gamma m ltac:(lra)). nra.
Qed.

Lemma step_lr_pos eta0 gamma k t : 0 < eta0 -> 0 < gamma -> 0 < step_lr eta0 gamma k t.
Proof. intros He Hg. unfold step_lr. apply Rmult_lt_0_compat; [lra | now apply pow_lt]. Qed.

Lemma step_lr_le eta0 gamma k t :
  0 < eta0 -> 0 < gamma <= 1 -> step_lr eta0 gamma k t <= eta0.
Proof.
  intros He Hg. unfold step_lr. rewrite <- (Rmult_1_r eta0) at 2.
  apply Rmult_le_compat_l; [lra|]. rewrite <- (pow_O gamma).
  apply pow_antitone; [lra | lia].
Qed.

Lemma step_lr_antitone eta0 gamma k s t :
  0 < eta0 -> 0 < gamma <= 1 -> (s <= t)%nat -> step_lr eta0 gamma k t <= step_lr eta0 gamma k s.
Proof.
  intros He Hg Hst. unfold step_lr. apply Rmult_le_compat_l; [lra|].
  apply pow_antitone; [lra|]. destruct k as [|k]; [simpl; lia|].
  apply Nat.div_le_mono; lia.
Qed.

Lemma step_lr_horizon_lower eta0 gamma k t T :
  0 < eta0 -> 0 < gamma <= 1 -> (t <= T)%nat -> eta0 * gamma ^ (T / k) <= step_lr eta0 gamma k t.
Proof. intros He Hg Ht. exact (step_lr_antitone eta0 gamma k t T He Hg Ht). Qed.

Lemma step_lr_mu_le_1 eta0 gamma k t mu :
  0 < eta0 -> 0 < gamma <= 1 -> 0 <= mu -> mu * eta0 <= 1 -> mu * step_lr eta0 gamma k t <= 1.
Proof.
  intros He Hg Hm H1. pose proof (step_lr_le eta0 gamma k t He Hg).
  assert (mu * step_lr eta0 gamma k t <= mu * eta0) by (apply Rmult_le_compat_l; lra). lra.
Qed.

(** ** The 1/t schedule η_t = c/(t + t0) *)

Lemma one_over_t_pos c t0 t : 0 < c -> 0 < t0 -> 0 < one_over_t_step c t0 t.
Proof.
  intros Hc Ht. unfold one_over_t_step. pose proof (pos_INR t).
  apply Rdiv_lt_0_compat; lra.
Qed.

Lemma one_over_t_le_eta0 c t0 t : 0 < c -> 0 < t0 -> one_over_t_step c t0 t <= c / t0.
Proof.
  intros Hc Ht. unfold one_over_t_step. pose proof (pos_INR t).
  unfold Rdiv. apply Rmult_le_compat_l; [lra|]. apply Rinv_le_contravar; lra.
Qed.

Lemma one_over_t_antitone c t0 s t :
  0 < c -> 0 < t0 -> (s <= t)%nat -> one_over_t_step c t0 t <= one_over_t_step c t0 s.
Proof.
  intros Hc Ht Hst. unfold one_over_t_step. pose proof (pos_INR s). apply le_INR in Hst.
  unfold Rdiv. apply Rmult_le_compat_l; [lra|]. apply Rinv_le_contravar; lra.
Qed.

(** μη_t ≤ 1 as soon as t0 ≥ μc. *)
Lemma one_over_t_mu_le_1 mu c t0 t :
  0 <= mu -> 0 < c -> 0 < t0 -> mu * c <= t0 -> mu * one_over_t_step c t0 t <= 1.
Proof.
  intros Hm Hc Ht H. pose proof (one_over_t_le_eta0 c t0 t Hc Ht).
  assert (mu * one_over_t_step c t0 t <= mu * (c / t0)) by (apply Rmult_le_compat_l; lra).
  assert (mu * (c / t0) <= 1).
  { replace (mu * (c / t0)) with (mu * c / t0) by (field; lra).
    apply (Rmult_le_reg_r t0); [lra|]. unfold Rdiv.
    rewrite Rmult_assoc, Rinv_l by lra. lra. }
  lra.
Qed.

(** 1/s ≥ ln(s + 1) − ln s, from 1 + x ≤ eˣ. *)
Lemma ln_succ_le_inv s : 0 < s -> ln (s + 1) - ln s <= / s.
Proof.
  intros Hs. pose proof (Rinv_0_lt_compat s Hs) as Hi.
  replace (s + 1) with (s * (1 + / s)) by (field; lra).
  rewrite ln_mult by lra.
  assert (ln (1 + / s) < / s).
  { rewrite <- (ln_exp (/ s)) at 2. apply ln_increasing; [lra | apply exp_ineq1; lra]. }
  lra.
Qed.

(** Divergence of Σ η_t: Σ_{t<T} c/(t + t0) ≥ c·(ln(T + t0) − ln t0). *)
Theorem one_over_t_sum_ln c t0 T :
  0 < c -> 0 < t0 -> c * (ln (INR T + t0) - ln t0) <= vsum T (one_over_t_step c t0).
Proof.
  intros Hc Ht. induction T as [|T IH]; simpl vsum.
  - simpl. rewrite Rplus_0_l. lra.
  - rewrite S_INR. pose proof (pos_INR T).
    pose proof (ln_succ_le_inv (INR T + t0) ltac:(lra)).
    unfold one_over_t_step at 2. replace (INR T + 1 + t0) with (INR T + t0 + 1) by ring.
    assert (c * (ln (INR T + t0 + 1) - ln (INR T + t0)) <= c / (INR T + t0))
      by (unfold Rdiv; apply Rmult_le_compat_l; lra).
    lra.
Qed.

(** The canonical choice c = 2/μ, t0 ≥ 2: a_T ≤ max(t0 a_0, 4σ²/μ²)/(T + t0). *)
Theorem one_over_t_rate_two_over_mu (a : nat -> R) mu s2 t0 :
  0 < mu -> 2 <= t0 -> 0 <= s2 ->
  (forall t, a (S t) <= (1 - mu * one_over_t_step (2 / mu) t0 t) * a t
                        + one_over_t_step (2 / mu) t0 t ^ 2 * s2) ->
  forall T, a T <= Rmax (t0 * a 0%nat) (4 * s2 / (mu * mu)) / (INR T + t0).
Proof.
  intros Hmu Ht0 Hs2 Hrec T.
  assert (Hmc : mu * (2 / mu) = 2) by (field; lra).
  pose proof (recursion_one_over_t a mu (2 / mu) s2 t0
                ltac:(apply Rdiv_lt_0_compat; lra) ltac:(lra) ltac:(lra) Hs2 Hrec T) as H.
  unfold rm_const in H. rewrite Hmc in H.
  replace (2 / mu * (2 / mu) * s2 / (2 - 1)) with (4 * s2 / (mu * mu)) in H by (field; lra).
  exact H.
Qed.
