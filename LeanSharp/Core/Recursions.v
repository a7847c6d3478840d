(** * LeanSharp.Core.Recursions — step-size recursions on real sequences

    Pure lemmas about real sequences a : nat -> R, used to turn one-step (expected)
    inequalities into rates.

    Definitions
    - [one_over_t_step c t0 t] = η_t = c / (t + t0)
    - [rm_const mu c s2 t0 a0] = K = max(t0·a_0, c²σ²/(μc − 1))

    Main results
    - [recursion_geometric]: a_{t+1} ≤ q a_t, 0 ≤ q  ⇒  a_T ≤ q^T a_0
    - [recursion_geometric_noise]: a_{t+1} ≤ q a_t + b, 0 ≤ q < 1, 0 ≤ b
          ⇒  a_T ≤ q^T a_0 + b/(1 − q)
    - [recursion_one_over_t] (Robbins–Monro): a_{t+1} ≤ (1 − μη_t)a_t + η_t²σ² with
          η_t = c/(t + t0), μc > 1, μc ≤ t0 (so μη_t ≤ 1)  ⇒  a_T ≤ K/(T + t0),
          K = max(t0 a_0, c²σ²/(μc − 1))
    - [recursion_nonconvex_avg]: a_{t+1} ≤ a_t − η b_t + η²C, a_t ≥ 0, η > 0
          ⇒  (1/T)Σ_{t<T} b_t ≤ a_0/(ηT) + ηC
    - [recursion_nonconvex_min]: moreover b_t ≥ 0 ⇒ min_{t<T} b_t ≤ a_0/(ηT) + ηC
          (stated as ∃ t < T, b_t ≤ …)
    - [recursion_nonconvex_sqrt]: with η = 1/√T:  min_{t<T} b_t ≤ (a_0 + C)/√T *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec.
Open Scope R_scope.

(** ** Geometric recursions *)

(** a_{t+1} ≤ q a_t with q ≥ 0 gives a_T ≤ q^T a_0. *)
Theorem recursion_geometric (a : nat -> R) q :
  0 <= q -> (forall t, a (S t) <= q * a t) -> forall T, a T <= q ^ T * a 0%nat.
Proof.
  intros Hq Hrec T. induction T as [|T IH]; simpl; [lra|].
  specialize (Hrec T). assert (q * a T <= q * (q ^ T * a 0%nat)) by nra. lra.
Qed.

(** With additive noise: a_{t+1} ≤ q a_t + b, 0 ≤ q < 1, b ≥ 0 gives
    a_T ≤ q^T a_0 + b/(1 − q) (the fixed point b/(1 − q) of x ↦ qx + b). *)
Theorem recursion_geometric_noise (a : nat -> R) q b :
  0 <= q < 1 -> 0 <= b -> (forall t, a (S t) <= q * a t + b) ->
  forall T, a T <= q ^ T * a 0%nat + b / (1 - q).
Proof.
  intros Hq Hb Hrec T.
  assert (HB : 0 <= b / (1 - q)) by (apply Rle_mult_inv_pos; lra).
  assert (Hfix : q * (b / (1 - q)) + b = b / (1 - q)) by (field; lra).
  induction T as [|T IH]; simpl; [lra|].
  specialize (Hrec T).
  assert (q * a T <= q * (q ^ T * a 0%nat + b / (1 - q))) by nra. lra.
Qed.

(** ** Robbins–Monro: η_t = c/(t + t0) gives O(1/T) *)

Definition one_over_t_step (c t0 : R) (t : nat) : R := c / (INR t + t0).

Definition rm_const (mu c s2 t0 a0 : R) : R := Rmax (t0 * a0) (c * c * s2 / (mu * c - 1)).

(** The inductive step: for s > 0 with μc ≤ s, K ≥ 0 and K(μc − 1) ≥ c²σ²,
    (1 − μc/s)·K/s + (c/s)²σ² ≤ K/(s + 1). *)
Lemma rm_step_bound mu c s2 K s :
  0 < s -> mu * c <= s -> 1 < mu * c -> 0 <= s2 -> 0 <= K -> c * c * s2 <= K * (mu * c - 1) ->
  (1 - mu * (c / s)) * (K / s) + (c / s) ^ 2 * s2 <= K / (s + 1).
Proof.
  intros Hs HmuS Hmuc Hs2 HK HKc.
  assert (Hdiff : K / (s + 1) - ((1 - mu * (c / s)) * (K / s) + (c / s) ^ 2 * s2)
                  = (s * (K * (mu * c - 1) - c * c * s2) + (K * (mu * c) - c * c * s2))
                    / (s * s * (s + 1))) by (field; lra).
  assert (Hnum : 0 <= s * (K * (mu * c - 1) - c * c * s2) + (K * (mu * c) - c * c * s2)).
  { assert (0 <= s * (K * (mu * c - 1) - c * c * s2)) by (apply Rmult_le_pos; lra).
    assert (K * (mu * c - 1) <= K * (mu * c)) by nra. lra. }
  assert (0 <= (s * (K * (mu * c - 1) - c * c * s2) + (K * (mu * c) - c * c * s2))
               / (s * s * (s + 1))).
  { apply Rle_mult_inv_pos; [exact Hnum|].
    apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat|]; lra. }
  lra.
Qed.

(** Robbins–Monro recursion: if a_{t+1} ≤ (1 − μη_t)a_t + η_t²σ² with η_t = c/(t + t0),
    μc > 1 and t0 ≥ μc (so that 0 ≤ μη_t ≤ 1), then for every T
    a_T ≤ K/(T + t0) with K = max(t0·a_0, c²σ²/(μc − 1)). *)
Theorem recursion_one_over_t (a : nat -> R) mu c s2 t0 :
  0 < c -> 1 < mu * c -> mu * c <= t0 -> 0 <= s2 ->
  (forall t, a (S t) <= (1 - mu * one_over_t_step c t0 t) * a t
                        + one_over_t_step c t0 t ^ 2 * s2) ->
  forall T, a T <= rm_const mu c s2 t0 (a 0%nat) / (INR T + t0).
Proof.
  intros Hc Hmuc Ht0 Hs2 Hrec.
  set (K := rm_const mu c s2 t0 (a 0%nat)).
  assert (HK1 : t0 * a 0%nat <= K) by apply Rmax_l.
  assert (HK2 : c * c * s2 / (mu * c - 1) <= K) by apply Rmax_r.
  assert (HK0 : 0 <= K).
  { eapply Rle_trans; [|exact HK2]. apply Rle_mult_inv_pos; [|lra].
    apply Rmult_le_pos; [nra | lra]. }
  assert (HKc : c * c * s2 <= K * (mu * c - 1)).
  { apply Rmult_le_compat_r with (r := mu * c - 1) in HK2; [|lra].
    unfold Rdiv in HK2. rewrite Rmult_assoc, Rinv_l, Rmult_1_r in HK2; lra. }
  intros T. induction T as [|T IH].
  - simpl. apply (Rmult_le_reg_l t0); [lra|].
    replace (t0 * (K / (0 + t0))) with K by (field; lra). exact HK1.
  - set (s := INR T + t0) in *.
    assert (Hs : 0 < s) by (unfold s; pose proof (pos_INR T); lra).
    assert (HsS : INR (S T) + t0 = s + 1) by (unfold s; rewrite S_INR; ring).
    rewrite HsS. unfold one_over_t_step in Hrec. specialize (Hrec T). fold s in Hrec.
    assert (Hcoef : 0 <= 1 - mu * (c / s)).
    { assert (mu * (c / s) <= 1); [|lra].
      replace (mu * (c / s)) with (mu * c / s) by (field; lra).
      apply Rmult_le_reg_r with s; [lra|]. unfold Rdiv.
      rewrite Rmult_assoc, Rinv_l, Rmult_1_r by lra.
      pose proof (pos_INR T). unfold s. lra. }
    eapply Rle_trans; [exact Hrec|].
    eapply Rle_trans; [|apply (rm_step_bound mu c s2 K s); try lra].
    + apply Rplus_le_compat_r. apply Rmult_le_compat_l; [exact Hcoef | exact IH].
    + pose proof (pos_INR T). unfold s. lra.
Qed.

(** ** The non-convex recursion: O(1/√T) for the minimum *)

(** Some term is at most the average: Σ_{t<T} b_t ≤ T·B ⇒ ∃ t < T, b_t ≤ B. *)
Section NonConvex.
  Variables (a b : nat -> R) (eta C : R).
  Hypothesis Heta : 0 < eta.
  Hypothesis Ha : forall t, 0 <= a t.
  Hypothesis Hrec : forall t, a (S t) <= a t - eta * b t + eta ^ 2 * C.

  (** Telescoping: η Σ_{t<T} b_t ≤ a_0 − a_T + T η² C. *)
  Lemma nonconvex_telescope T : eta * vsum T b <= a 0%nat - a T + INR T * (eta ^ 2 * C).
  Proof.
    induction T as [|T IH]; simpl vsum; [simpl; lra|].
    rewrite S_INR. specialize (Hrec T). lra.
  Qed.

  (** Average: (1/T)Σ_{t<T} b_t ≤ a_0/(ηT) + ηC for T ≥ 1. *)
  Theorem recursion_nonconvex_avg T :
    (0 < T)%nat -> vsum T b / INR T <= a 0%nat / (eta * INR T) + eta * C.
  Proof.
    intros HT. pose proof (lt_0_INR _ HT) as HTr.
    pose proof (nonconvex_telescope T). pose proof (Ha T).
    apply (Rmult_le_reg_l (eta * INR T)); [nra|].
    replace (eta * INR T * (vsum T b / INR T)) with (eta * vsum T b) by (field; lra).
    replace (eta * INR T * (a 0%nat / (eta * INR T) + eta * C))
      with (a 0%nat + INR T * (eta ^ 2 * C)) by (field; lra).
    lra.
  Qed.

  (** Minimum: some t < T has b_t ≤ a_0/(ηT) + ηC (min ≤ average). *)
  Theorem recursion_nonconvex_min T :
    (0 < T)%nat -> exists t, (t < T)%nat /\ b t <= a 0%nat / (eta * INR T) + eta * C.
  Proof.
    intros HT. apply vsum_le_const_exists; [exact HT|].
    pose proof (recursion_nonconvex_avg T HT) as Havg. pose proof (lt_0_INR _ HT).
    apply (Rmult_le_compat_r (INR T)) in Havg; [|lra].
    replace (vsum T b / INR T * INR T) with (vsum T b) in Havg by (field; lra). lra.
  Qed.
End NonConvex.

(** With η = 1/√T: min_{t<T} b_t ≤ (a_0 + C)/√T (given the recursion for that η). *)
Theorem recursion_nonconvex_sqrt (a b : nat -> R) C T :
  (0 < T)%nat -> (forall t, 0 <= a t) ->
  (forall t, a (S t) <= a t - / sqrt (INR T) * b t + (/ sqrt (INR T)) ^ 2 * C) ->
  exists t, (t < T)%nat /\ b t <= (a 0%nat + C) / sqrt (INR T).
Proof.
  intros HT Ha Hrec. pose proof (lt_0_INR _ HT) as HTr.
  pose proof (sqrt_lt_R0 _ HTr) as Hs. pose proof (sqrt_sqrt _ (Rlt_le _ _ HTr)) as Hss.
  destruct (recursion_nonconvex_min a b (/ sqrt (INR T)) C
              ltac:(apply Rinv_0_lt_compat; lra) Ha Hrec T HT) as [t [Ht Hb]].
  exists t. split; [exact Ht|]. eapply Rle_trans; [exact Hb|].
  right. set (s := sqrt (INR T)) in *. rewrite <- Hss. field. lra.
Qed.
