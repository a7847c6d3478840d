(** * LeanSharp.Theory.Generalization.KL — Kullback–Leibler divergence, Gibbs and Donsker–Varadhan

    Finite laws on K outcomes as in [Core.FiniteProb]: [is_law K q] (q_k ≥ 0,
    Σ q_k = 1) and E_q[f] = [expect K q f] = Σ_k q_k f_k.

    Definitions
    - [kl_term q p] = q ln(q/p) if q > 0, and 0 if q = 0  (the 0·ln 0 = 0 convention)
    - [KL K q p]    = KL(Q‖P) = Σ_{k<K} kl_term q_k p_k
    - [abs_cont K q p]: Q ≪ P, i.e. q_k > 0 ⇒ p_k > 0
    - [tilt K p f] = the Gibbs (tilted) law P_f, p_k e^{f_k} / E_P[e^f]

    Main results
    - [ln_le_sub_1]: ln x ≤ x − 1 for x > 0
    - [kl_term_ge]: q ln(q/p) ≥ q − p (pointwise Gibbs)
    - [gibbs] (KL ≥ 0): Q a law, P ≥ 0 with Σ p ≤ 1, Q ≪ P ⇒ KL(Q‖P) ≥ 0
    - [kl_tilt]: KL(Q‖P_f) = KL(Q‖P) − E_Q[f] + ln E_P[e^f]
    - [donsker_varadhan] (headline): Q, P laws, Q ≪ P, every f:
          E_Q[f] ≤ KL(Q‖P) + ln E_P[e^f]
      (proof: Gibbs applied to Q versus the tilted law P_f)
    - [donsker_varadhan_attained]: equality for Q = P_f, so the bound is the exact
      variational formula ln E_P[e^f] = max_Q (E_Q[f] − KL(Q‖P)) on finite spaces *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
Open Scope R_scope.

Definition kl_term (q p : R) : R := if Rlt_dec 0 q then q * ln (q / p) else 0.

Definition KL (K : nat) (q p : nat -> R) : R := vsum K (fun k => kl_term (q k) (p k)).

Definition abs_cont (K : nat) (q p : nat -> R) : Prop :=
  forall k, (k < K)%nat -> 0 < q k -> 0 < p k.

(** ** Logarithm facts *)

Lemma ln_le_sub_1 x : 0 < x -> ln x <= x - 1.
Proof. intros Hx. pose proof (exp_ineq1_le (ln x)). rewrite exp_ln in H by exact Hx. lra. Qed.

Lemma ln_div_pos x y : 0 < x -> 0 < y -> ln (x / y) = ln x - ln y.
Proof.
  intros Hx Hy. unfold Rdiv. rewrite ln_mult, ln_Rinv; [ring | exact Hy | exact Hx|].
  apply Rinv_0_lt_compat, Hy.
Qed.

(** ** Gibbs' inequality *)

(** Pointwise: q ln(q/p) ≥ q − p (with 0·ln 0 = 0). *)
Lemma kl_term_ge q p : 0 <= q -> 0 <= p -> (0 < q -> 0 < p) -> q - p <= kl_term q p.
Proof.
  intros Hq Hp Hac. unfold kl_term. destruct (Rlt_dec 0 q) as [Hq'|Hq']; [|lra].
  specialize (Hac Hq'). pose proof (ln_le_sub_1 (p / q)) as H.
  rewrite ln_div_pos in H by assumption. rewrite ln_div_pos by assumption.
  assert (H1 : q * (ln p - ln q) <= q * (p / q - 1))
    by (apply Rmult_le_compat_l; [lra | apply H, Rdiv_lt_0_compat; lra]).
  replace (q * (p / q - 1)) with (p - q) in H1 by (field; lra). lra.
Qed.

(** Gibbs: KL(Q‖P) ≥ 0 for a law Q and a sub-probability P with Q ≪ P. *)
Theorem gibbs K q p :
  is_law K q -> (forall k, (k < K)%nat -> 0 <= p k) -> vsum K p <= 1 -> abs_cont K q p ->
  0 <= KL K q p.
Proof.
  intros [Hq Hq1] Hp Hp1 Hac. unfold KL.
  apply Rle_trans with (vsum K (fun k => q k - p k)).
  - rewrite vsum_sub. lra.
  - apply vsum_le. intros k Hk. apply kl_term_ge; auto.
Qed.

Corollary gibbs_law K q p : is_law K q -> is_law K p -> abs_cont K q p -> 0 <= KL K q p.
Proof. intros Hq [Hp Hp1] Hac. apply gibbs; auto; lra. Qed.

(** ** The tilted law and Donsker–Varadhan *)

Definition partition (K : nat) (p f : nat -> R) : R := expect K p (fun k => exp (f k)).

Definition tilt (K : nat) (p f : nat -> R) : nat -> R :=
  fun k => p k * exp (f k) / partition K p f.

Lemma law_has_pos K p : is_law K p -> exists k, (k < K)%nat /\ 0 < p k.
Proof. intros [_ H1]. apply vsum_pos_exists. lra. Qed.

Lemma partition_pos K p f : is_law K p -> 0 < partition K p f.
Proof.
  intros Hp. destruct (law_has_pos K p Hp) as [k [Hk Hpk]].
  apply Rlt_le_trans with (p k * exp (f k)).
  - apply Rmult_lt_0_compat; [exact Hpk | apply exp_pos].
  - apply (vsum_term_le K (fun k => p k * exp (f k))); [|exact Hk].
    intros i Hi. destruct Hp as [Hp _].
    apply Rmult_le_pos; [apply Hp, Hi | apply Rlt_le, exp_pos].
Qed.

Theorem tilt_is_law K p f : is_law K p -> is_law K (tilt K p f).
Proof.
  intros Hp. pose proof (partition_pos K p f Hp) as HZ. split.
  - intros k Hk. destruct Hp as [Hp _]. unfold tilt.
    apply Rmult_le_pos; [apply Rmult_le_pos; [apply Hp, Hk | apply Rlt_le, exp_pos]|].
    apply Rlt_le, Rinv_0_lt_compat, HZ.
  - unfold tilt, Rdiv. rewrite (vsum_ext K _ (fun k => / partition K p f * (p k * exp (f k))))
      by (intros; ring).
    rewrite vsum_scal. fold (expect K p (fun k => exp (f k))). fold (partition K p f).
    field. lra.
Qed.

Lemma tilt_abs_cont K q p f : is_law K p -> abs_cont K q p -> abs_cont K q (tilt K p f).
Proof.
  intros Hp Hac k Hk Hq. pose proof (partition_pos K p f Hp). unfold tilt.
  apply Rdiv_lt_0_compat; [apply Rmult_lt_0_compat; [apply Hac; auto | apply exp_pos]|lra].
Qed.

(** KL against the tilted law: KL(Q‖P_f) = KL(Q‖P) − E_Q[f] + ln E_P[e^f]. *)
Theorem kl_tilt K q p f :
  is_law K q -> is_law K p -> abs_cont K q p ->
  KL K q (tilt K p f) = KL K q p - expect K q f + ln (partition K p f).
Proof.
  intros Hq Hp Hac. pose proof (partition_pos K p f Hp) as HZ.
  unfold KL, expect.
  rewrite (vsum_ext K _ (fun k => kl_term (q k) (p k) - q k * f k
                                  + ln (partition K p f) * q k)).
  - rewrite vsum_add, vsum_sub, vsum_scal. destruct Hq as [_ ->]. ring.
  - intros k Hk. unfold kl_term. destruct (Rlt_dec 0 (q k)) as [Hqk|Hqk].
    + pose proof (Hac k Hk Hqk) as Hpk. unfold tilt.
      assert (He : 0 < exp (f k)) by apply exp_pos.
      assert (H1 : 0 < p k * exp (f k)) by (apply Rmult_lt_0_compat; assumption).
      assert (H2 : 0 < p k * exp (f k) / partition K p f)
        by (apply Rdiv_lt_0_compat; assumption).
      rewrite (ln_div_pos (q k)), (ln_div_pos (p k * exp (f k))), (ln_div_pos (q k)),
        ln_mult, ln_exp by assumption.
      ring.
    + destruct Hq as [Hq _]. assert (q k = 0) by (pose proof (Hq k Hk); lra).
      rewrite H. ring.
Qed.

(** Donsker–Varadhan: E_Q[f] ≤ KL(Q‖P) + ln E_P[e^f] for finite laws Q ≪ P and any f. *)
Theorem donsker_varadhan K q p f :
  is_law K q -> is_law K p -> abs_cont K q p ->
  expect K q f <= KL K q p + ln (expect K p (fun k => exp (f k))).
Proof.
  intros Hq Hp Hac.
  pose proof (gibbs_law K q (tilt K p f) Hq (tilt_is_law K p f Hp)
                        (tilt_abs_cont K q p f Hp Hac)) as H.
  rewrite kl_tilt in H by assumption. unfold partition in H. lra.
Qed.

(** The bound is attained at Q = P_f:  E_{P_f}[f] = KL(P_f‖P) + ln E_P[e^f]. *)
Theorem donsker_varadhan_attained K p f :
  is_law K p ->
  expect K (tilt K p f) f = KL K (tilt K p f) p + ln (expect K p (fun k => exp (f k))).
Proof.
  intros Hp. pose proof (partition_pos K p f Hp) as HZ.
  pose proof (tilt_is_law K p f Hp) as [Ht Ht1]. fold (partition K p f).
  unfold KL, expect.
  rewrite (vsum_ext K (fun k => kl_term (tilt K p f k) (p k))
                      (fun k => tilt K p f k * f k - ln (partition K p f) * tilt K p f k)).
  - rewrite vsum_sub, vsum_scal, Ht1. ring.
  - intros k Hk. unfold kl_term. destruct (Rlt_dec 0 (tilt K p f k)) as [Hpos|Hpos].
    + assert (Hpk : 0 < p k).
      { destruct Hp as [Hp _]. destruct (Req_dec (p k) 0) as [H0|H0].
        - exfalso. unfold tilt in Hpos. rewrite H0 in Hpos. lra.
        - pose proof (Hp k Hk). lra. }
      replace (tilt K p f k / p k) with (exp (f k) / partition K p f)
        by (unfold tilt; field; lra).
      rewrite ln_div_pos, ln_exp by (try apply exp_pos; lra). ring.
    + assert (tilt K p f k = 0) by (pose proof (Ht k Hk); lra). rewrite H. ring.
Qed.
