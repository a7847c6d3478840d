(** * LeanSharp.Stochastic.LeCam — a minimax lower bound for every algorithm that sees T noisy gradients

    An oracle draws its outcome k from a finite law q on K outcomes and returns a noisy
    gradient that is a function of the query point w and of k. After T calls an algorithm —
    adaptive or not: its queries may depend on what it has seen — knows the history
    h = (k_T, …, k_1) (newest first, as in [StronglyConvexRate.sgd_iter]), and its output is
    ANY function A(h). The history has the product law q^T; [StronglyConvexRate.hexpect K q T]
    is its expectation, and [hexpect_prod_law] identifies it with the finite law
    [prod_law K T q] on the K^T indices j = k_T + K k_{T−1} + … (base-K digits), so that the
    divergences of [Theory.Generalization] apply to it.

    Le Cam's two-point method. Two problems with minimisers θ_0, θ_1, Δ = (θ_1 − θ_0)/2, and
    oracle laws q_0 ≪ q_1. For every estimate a, (a − θ_0)² + (a − θ_1)² ≥ 2Δ², so
        E_0(A − θ_0)² + E_1(A − θ_1)² ≥ 2Δ² Σ_h min(q_0^T(h), q_1^T(h)) = 2Δ²(1 − TV(q_0^T, q_1^T)),
    and Bretagnolle–Huber with the tensorization KL(q_0^T‖q_1^T) = T·KL(q_0‖q_1) gives
        max_j E_j(A − θ_j)² ≥ Δ²(1 − TV) ≥ (Δ²/2) e^{−T·KL(q_0‖q_1)}.

    The instance. The quadratics L_j(w) = ½(w − θ_j)² and the oracle g(w, k) = w − s_k with
    s_0 = −σ, s_1 = σ, k drawn from the coin [coin e] (P(k = 1) = (1 + e)/2): under q_0 =
    coin(−ε) and q_1 = coin(ε) it is an unbiased gradient oracle of L_0, L_1 (θ_j = ∓σε) with
    noise variance σ²(1 − ε²) ≤ σ², and KL(q_0‖q_1) ≤ 6ε² for ε ≤ ½. With ε² = 1/(6T) every
    algorithm has max_j E_j(A − θ_j)² ≥ σ² e^{−1}/(12T): the O(1/T) upper bounds
    ([StronglyConvexRate.sgd_rate_one_over_t], [NoisyFilter.noisy_decaying_rate]) are optimal
    up to constants over all algorithms, not only over step-size schedules
    ([LowerBounds.sgd_quadratic_lower_bound]).

    Definitions
    - [prod_law K T q], [history K T j]: the law of T draws on K^T indices, index ↦ history
    - [le_cam_risk K q0 q1 T A th0 th1] = max(E_{q_0^T}(A − θ_0)², E_{q_1^T}(A − θ_1)²)
    - [mix_risk], [le_cam_mix_risk K q0 q1 T m r As th0 th1]: the same for a randomised algorithm,
      a finite mixture (law r on m seeds) of deterministic A_j = As j: R_i = Σ_j r_j E_i(A_j − θ_i)²
    - [coin e], [sgn_sample s k]: the two-point instance

    Main results
    - [hexpect_prod_law]: hexpect K q T f = E_{prod_law K T q}[f ∘ history]
    - [prod_law_is_law], [prod_abs_cont]; [kl_prod] (tensorization): KL(q_0^T‖q_1^T) = T·KL(q_0‖q_1)
    - [two_point_sum]: E_{P_0}(A − θ_0)² + E_{P_1}(A − θ_1)² ≥ 2Δ²(1 − TV(P_0, P_1))
    - [two_point_lower_bound]: any laws P_0, P_1, any A: max_j E_{P_j}(A − θ_j)² ≥ Δ²(1 − TV(P_0, P_1))
    - [le_cam_minimax] (headline): any A : history → R,
          le_cam_risk ≥ Δ²(1 − TV(q_0^T, q_1^T)) ≥ (Δ²/2) e^{−T·KL(q_0‖q_1)},
          and TV(q_0^T, q_1^T) ≤ √(1 − e^{−T·KL(q_0‖q_1)})   (Bretagnolle–Huber)
    - [le_cam_mix_minimax]: every randomised algorithm (is_law m r, any A_1..A_m):
          le_cam_mix_risk ≥ Δ²(1 − TV(q_0^T, q_1^T)) ≥ (Δ²/2) e^{−T·KL(q_0‖q_1)}
    - [le_cam_pinsker]: le_cam_risk ≥ Δ²(1 − √(T·KL(q_0‖q_1)/2))   (Pinsker)
    - [coin_oracle]: the coin instance is an unbiased oracle ([FiniteProb.oracle]) of ∇L_j with
      variance ≤ σ²; [coin_kl_le]: KL(coin(−ε)‖coin(ε)) ≤ 6ε² (0 < ε ≤ ½)
    - [coin_minimax]: any A, 0 < ε ≤ ½: le_cam_risk ≥ σ²ε² e^{−6Tε²}/2
    - [coin_minimax_rate]: T ≥ 1, ε = √(1/(6T)): any A has le_cam_risk ≥ σ² e^{−1}/(12T)
    - [coin_mix_minimax], [coin_mix_minimax_rate]: the same two bounds for le_cam_mix_risk
      (every randomised algorithm); [coin_bound], [coin_rate_bound] are the shared arithmetic

    Both TV–KL bounds are given: Pinsker ([Theory.Generalization.Pinsker]) is sharper for
    small T·KL, Bretagnolle–Huber stays positive for every T·KL; the rate uses the latter.
    Randomised algorithms (own finite randomness, independent of the oracle) are mixtures of
    deterministic ones; the sum form is linear in the algorithm, so they obey the same bound. *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Theory.Generalization Require Import KL TotalVariation Pinsker.
From LeanSharp.Stochastic Require Import StronglyConvexRate.
Open Scope R_scope.

Fixpoint prod_law (K T : nat) (q : nat -> R) : nat -> R :=
  match T with
  | O => fun _ => 1
  | S T' => fun j => q (j mod K)%nat * prod_law K T' q (j / K)%nat
  end.

Fixpoint history (K T j : nat) : list nat :=
  match T with
  | O => nil
  | S T' => (j mod K)%nat :: history K T' (j / K)
  end.

(** ** The law of T draws as a finite law on K^T indices *)

Lemma law_K_pos K q : is_law K q -> K <> 0%nat.
Proof. intros [_ H] ->. simpl in H. lra. Qed.

Lemma vsum_mul K M g :
  vsum (K * M) g = vsum M (fun j => vsum K (fun k => g (k + K * j)%nat)).
Proof.
  induction M as [|M IH]; [now rewrite Nat.mul_0_r|].
  rewrite Nat.mul_succ_r, vsum_split, IH. simpl. f_equal.
  apply vsum_ext. intros k _. now rewrite Nat.add_comm.
Qed.

Lemma mod_div_digit K k j : K <> 0%nat -> (k < K)%nat ->
  ((k + j * K) mod K = k /\ (k + j * K) / K = j)%nat.
Proof.
  intros HK Hk. rewrite Nat.mod_add, Nat.div_add, Nat.mod_small, Nat.div_small by assumption.
  split; reflexivity.
Qed.

(** Fubini for one more draw: the newest draw k is the lowest base-K digit. *)
Lemma expect_prod_S K T q F : K <> 0%nat ->
  expect (K ^ S T) (prod_law K (S T) q) F
  = expect (K ^ T) (prod_law K T q) (fun j => expect K q (fun k => F (k + K * j)%nat)).
Proof.
  intros HK. unfold expect. simpl Nat.pow. rewrite vsum_mul. apply vsum_ext. intros j _.
  rewrite <- vsum_scal. apply vsum_ext. intros k Hk. simpl.
  rewrite Nat.mul_comm. destruct (mod_div_digit K k j HK Hk) as [-> ->]. ring.
Qed.

Theorem hexpect_prod_law K q T f : K <> 0%nat ->
  hexpect K q T f = expect (K ^ T) (prod_law K T q) (fun j => f (history K T j)).
Proof.
  intros HK. revert f. induction T as [|T IH]; intros f.
  - unfold expect. simpl. ring.
  - rewrite hexpect_S, IH, expect_prod_S by exact HK. apply expect_ext. intros j _.
    apply expect_ext. intros k Hk. simpl. rewrite Nat.mul_comm.
    destruct (mod_div_digit K k j HK Hk) as [-> ->]. reflexivity.
Qed.

Theorem prod_law_is_law K T q : is_law K q -> is_law (K ^ T) (prod_law K T q).
Proof.
  intros Hq. pose proof (law_K_pos K q Hq) as HK. induction T as [|T IH].
  - split; [intros; simpl; lra | simpl; ring].
  - split.
    + intros j Hj. simpl. destruct Hq as [Hq _], IH as [IH _].
      apply Rmult_le_pos; [apply Hq, Nat.mod_upper_bound, HK|].
      apply IH, Nat.div_lt_upper_bound; [exact HK | exact Hj].
    + rewrite (vsum_ext _ _ (fun j => prod_law K (S T) q j * 1)) by (intros; ring).
      fold (expect (K ^ S T) (prod_law K (S T) q) (fun _ => 1)).
      rewrite expect_prod_S, (expect_ext _ _ _ (fun _ => 1)), expect_const by
        (try intros; try apply expect_const; assumption). reflexivity.
Qed.

Lemma prod_abs_cont K T q0 q1 :
  is_law K q0 -> abs_cont K q0 q1 -> abs_cont (K ^ T) (prod_law K T q0) (prod_law K T q1).
Proof.
  intros Hq Hac. pose proof (law_K_pos K q0 Hq) as HK. induction T as [|T IH]; [now intros|].
  intros j Hj Hpos. simpl in *.
  pose proof (Nat.mod_upper_bound j K HK) as Hm.
  pose proof (Nat.div_lt_upper_bound j K _ HK Hj) as Hd.
  pose proof (proj1 Hq _ Hm). pose proof (proj1 (prod_law_is_law K T q0 Hq) _ Hd).
  assert (0 < q0 (j mod K)%nat /\ 0 < prod_law K T q0 (j / K)%nat) as [H1 H2].
  { split; apply Rnot_le_lt; intros Hle; nra. }
  apply Rmult_lt_0_compat; [apply Hac|apply IH]; assumption.
Qed.

Lemma kl_term_mul a b c d : 0 <= a -> 0 <= b -> (0 < a -> 0 < c) -> (0 < b -> 0 < d) ->
  kl_term (a * b) (c * d) = b * kl_term a c + a * kl_term b d.
Proof.
  intros Ha Hb Hac Hbd. unfold kl_term.
  destruct (Rlt_dec 0 a) as [Ha'|Ha']; [|replace a with 0 by lra;
    rewrite Rmult_0_l; destruct Rlt_dec; [lra | ring]].
  destruct (Rlt_dec 0 b) as [Hb'|Hb']; [|replace b with 0 by lra;
    rewrite Rmult_0_r; destruct Rlt_dec; [lra | ring]].
  specialize (Hac Ha'). specialize (Hbd Hb').
  destruct Rlt_dec as [_|H]; [|exfalso; apply H, Rmult_lt_0_compat; assumption].
  replace (a * b / (c * d)) with (a / c * (b / d)) by (field; lra).
  rewrite ln_mult by (apply Rdiv_lt_0_compat; assumption). ring.
Qed.

(** Tensorization: KL(q_0^T‖q_1^T) = T·KL(q_0‖q_1). *)
Theorem kl_prod K T q0 q1 : is_law K q0 -> abs_cont K q0 q1 ->
  KL (K ^ T) (prod_law K T q0) (prod_law K T q1) = INR T * KL K q0 q1.
Proof.
  intros Hq Hac. pose proof (law_K_pos K q0 Hq) as HK. induction T as [|T IH].
  - unfold KL, kl_term. simpl. destruct Rlt_dec; [|lra].
    unfold Rdiv. rewrite Rinv_1, Rmult_1_r, ln_1. ring.
  - pose proof (prod_law_is_law K T q0 Hq) as [HP HP1].
    unfold KL at 1. simpl Nat.pow. rewrite vsum_mul, S_INR.
    rewrite (vsum_ext _ _ (fun j => KL K q0 q1 * prod_law K T q0 j
                                    + kl_term (prod_law K T q0 j) (prod_law K T q1 j))).
    + rewrite vsum_add, vsum_scal, HP1.
      change (vsum (K ^ T) (fun j => kl_term (prod_law K T q0 j) (prod_law K T q1 j)))
        with (KL (K ^ T) (prod_law K T q0) (prod_law K T q1)). rewrite IH. ring.
    + intros j Hj. destruct Hq as [Hq Hq1].
      transitivity (vsum K (fun k => prod_law K T q0 j * kl_term (q0 k) (q1 k)
                               + kl_term (prod_law K T q0 j) (prod_law K T q1 j) * q0 k)).
      * apply vsum_ext. intros k Hk. simpl. rewrite Nat.mul_comm.
        destruct (mod_div_digit K k j HK Hk) as [-> ->].
        rewrite kl_term_mul; [ring | auto | auto | now apply Hac |].
        now apply (prod_abs_cont K T q0 q1 (conj Hq Hq1) Hac).
      * rewrite vsum_add, !vsum_scal, Hq1. unfold KL. ring.
Qed.

(** ** Le Cam's two-point bound *)

(** The sum form: E_{P_0}(A − θ_0)² + E_{P_1}(A − θ_1)² ≥ 2Δ²(1 − TV(P_0, P_1)). *)
Lemma two_point_sum N P0 P1 (A : nat -> R) th0 th1 : is_law N P0 -> is_law N P1 ->
  2 * ((th1 - th0) / 2) ^ 2 * (1 - tv N P0 P1)
  <= expect N P0 (fun j => (A j - th0) ^ 2) + expect N P1 (fun j => (A j - th1) ^ 2).
Proof.
  intros H0 H1. rewrite <- overlap_tv by assumption. unfold expect, overlap.
  rewrite <- vsum_add, <- vsum_scal. apply vsum_le. intros j Hj.
  pose proof (proj1 H0 j Hj). pose proof (proj1 H1 j Hj).
  pose proof (Rmin_l (P0 j) (P1 j)). pose proof (Rmin_r (P0 j) (P1 j)).
  pose proof (pow2_ge_0 (A j - (th0 + th1) / 2)).
  assert (Hd : 2 * ((th1 - th0) / 2) ^ 2 <= (A j - th0) ^ 2 + (A j - th1) ^ 2) by nra.
  assert (Hm : 0 <= Rmin (P0 j) (P1 j)) by (apply Rmin_glb; assumption).
  pose proof (Rmult_le_compat_r ((A j - th0) ^ 2) _ _ (pow2_ge_0 _) (Rmin_l (P0 j) (P1 j))).
  pose proof (Rmult_le_compat_r ((A j - th1) ^ 2) _ _ (pow2_ge_0 _) (Rmin_r (P0 j) (P1 j))).
  pose proof (Rmult_le_compat_l _ _ _ Hm Hd). nra.
Qed.

Theorem two_point_lower_bound N P0 P1 (A : nat -> R) th0 th1 :
  is_law N P0 -> is_law N P1 ->
  Rmax (expect N P0 (fun j => (A j - th0) ^ 2)) (expect N P1 (fun j => (A j - th1) ^ 2))
  >= ((th1 - th0) / 2) ^ 2 * (1 - tv N P0 P1).
Proof.
  intros H0 H1. pose proof (two_point_sum N P0 P1 A th0 th1 H0 H1).
  pose proof (Rmax_l (expect N P0 (fun j => (A j - th0) ^ 2)) (expect N P1 (fun j => (A j - th1) ^ 2))).
  pose proof (Rmax_r (expect N P0 (fun j => (A j - th0) ^ 2)) (expect N P1 (fun j => (A j - th1) ^ 2))).
  lra.
Qed.

Definition le_cam_risk (K : nat) (q0 q1 : nat -> R) (T : nat) (A : list nat -> R) (th0 th1 : R) : R :=
  Rmax (hexpect K q0 T (fun h => (A h - th0) ^ 2)) (hexpect K q1 T (fun h => (A h - th1) ^ 2)).

Theorem le_cam_minimax K q0 q1 T (A : list nat -> R) th0 th1 :
  is_law K q0 -> is_law K q1 -> abs_cont K q0 q1 ->
  le_cam_risk K q0 q1 T A th0 th1
    >= ((th1 - th0) / 2) ^ 2 * (1 - tv (K ^ T) (prod_law K T q0) (prod_law K T q1))
  /\ ((th1 - th0) / 2) ^ 2 * (1 - tv (K ^ T) (prod_law K T q0) (prod_law K T q1))
    >= ((th1 - th0) / 2) ^ 2 * (exp (- (INR T * KL K q0 q1)) / 2)
  /\ tv (K ^ T) (prod_law K T q0) (prod_law K T q1) <= sqrt (1 - exp (- (INR T * KL K q0 q1))).
Proof.
  intros H0 H1 Hac. pose proof (law_K_pos K q0 H0) as HK.
  pose proof (prod_law_is_law K T q0 H0) as P0. pose proof (prod_law_is_law K T q1 H1) as P1.
  destruct (bretagnolle_huber _ _ _ P0 P1 (prod_abs_cont K T q0 q1 H0 Hac)) as [B1 B2].
  rewrite kl_prod in B1, B2 by assumption. split; [|split; [|exact B2]].
  - unfold le_cam_risk. rewrite !hexpect_prod_law by exact HK.
    now apply (two_point_lower_bound _ _ _ (fun j => A (history K T j))).
  - apply Rle_ge, Rmult_le_compat_l; [apply pow2_ge_0 | exact B1].
Qed.

(** The Pinsker form: le_cam_risk ≥ Δ²(1 − √(T·KL(q_0‖q_1)/2)). *)
Corollary le_cam_pinsker K q0 q1 T (A : list nat -> R) th0 th1 :
  is_law K q0 -> is_law K q1 -> abs_cont K q0 q1 ->
  le_cam_risk K q0 q1 T A th0 th1
    >= ((th1 - th0) / 2) ^ 2 * (1 - sqrt (INR T * KL K q0 q1 / 2)).
Proof.
  intros H0 H1 Hac. destruct (le_cam_minimax K q0 q1 T A th0 th1 H0 H1 Hac) as [H _].
  destruct (pinsker _ _ _ (prod_law_is_law K T q0 H0) (prod_law_is_law K T q1 H1)
                    (prod_abs_cont K T q0 q1 H0 Hac)) as [_ HP].
  rewrite kl_prod in HP by assumption.
  assert (((th1 - th0) / 2) ^ 2 * (1 - sqrt (INR T * KL K q0 q1 / 2))
          <= ((th1 - th0) / 2) ^ 2 * (1 - tv (K ^ T) (prod_law K T q0) (prod_law K T q1)))
    by (apply Rmult_le_compat_l; [apply pow2_ge_0 | lra]).
  lra.
Qed.

(** ** Randomised algorithms: finite mixtures of deterministic ones

    A randomised algorithm draws a seed j from a finite law r on m seeds, independently of
    the oracle, and then runs the deterministic algorithm A_j : history → R. Its risk under
    problem i is R_i = Σ_j r_j E_{q_i^T}(A_j − θ_i)². Each A_j satisfies the sum form
    E_0(A_j − θ_0)² + E_1(A_j − θ_1)² ≥ 2Δ²(1 − TV(q_0^T, q_1^T)); averaging with the weights
    r_j (Σ_j r_j = 1) gives R_0 + R_1 ≥ 2Δ²(1 − TV), hence
        max(R_0, R_1) ≥ Δ²(1 − TV(q_0^T, q_1^T)) ≥ (Δ²/2) e^{−T·KL(q_0‖q_1)}. *)

Definition mix_risk K q T m (r : nat -> R) (As : nat -> list nat -> R) th : R :=
  vsum m (fun j => r j * hexpect K q T (fun h => (As j h - th) ^ 2)).

Definition le_cam_mix_risk K q0 q1 T m r As th0 th1 : R :=
  Rmax (mix_risk K q0 T m r As th0) (mix_risk K q1 T m r As th1).

Theorem le_cam_mix_minimax K q0 q1 T m r (As : nat -> list nat -> R) th0 th1 :
  is_law K q0 -> is_law K q1 -> abs_cont K q0 q1 -> is_law m r ->
  le_cam_mix_risk K q0 q1 T m r As th0 th1
    >= ((th1 - th0) / 2) ^ 2 * (1 - tv (K ^ T) (prod_law K T q0) (prod_law K T q1))
  /\ ((th1 - th0) / 2) ^ 2 * (1 - tv (K ^ T) (prod_law K T q0) (prod_law K T q1))
    >= ((th1 - th0) / 2) ^ 2 * (exp (- (INR T * KL K q0 q1)) / 2).
Proof.
  intros H0 H1 Hac [Hr Hr1]. split; [|apply (le_cam_minimax K q0 q1 T (fun _ => 0)); assumption].
  set (B := ((th1 - th0) / 2) ^ 2 * (1 - tv (K ^ T) (prod_law K T q0) (prod_law K T q1))).
  assert (Hs : 2 * B <= mix_risk K q0 T m r As th0 + mix_risk K q1 T m r As th1).
  { unfold mix_risk. rewrite <- vsum_add, <- (Rmult_1_r (2 * B)), <- Hr1, <- vsum_scal.
    apply vsum_le. intros j Hj. rewrite <- Rmult_plus_distr_l, (Rmult_comm (2 * B)).
    apply Rmult_le_compat_l; [now apply Hr|]. unfold B.
    rewrite !hexpect_prod_law by exact (law_K_pos K q0 H0).
    rewrite <- Rmult_assoc. apply (two_point_sum _ _ _ (fun i => As j (history K T i)));
      now apply prod_law_is_law. }
  unfold le_cam_mix_risk, Rmax. destruct Rle_dec; lra.
Qed.

(** ** The instance: a ±σ sample drawn from a biased coin *)

Definition coin (e : R) : nat -> R := fun k => if Nat.eqb k 0 then (1 - e) / 2 else (1 + e) / 2.

Definition sgn_sample (s : R) (k : nat) : R := if Nat.eqb k 0 then - s else s.

Lemma coin_is_law e : -1 <= e <= 1 -> is_law 2 (coin e).
Proof.
  intros He. split; [|unfold coin; simpl; field].
  intros k Hk. unfold coin. destruct (Nat.eqb k 0); lra.
Qed.

Lemma coin_abs_cont e e' : -1 < e' < 1 -> abs_cont 2 (coin e) (coin e').
Proof. intros He k _ _. unfold coin. destruct (Nat.eqb k 0); lra. Qed.

(** Under coin(e) the observation g(w, k) = w − s_k is ∇L(w) + ξ_k for L(w) = ½(w − σe)²,
    with ξ_k = σe − s_k an oracle noise of variance σ²(1 − e²) ≤ σ². *)
Theorem coin_oracle s e w : -1 <= e <= 1 ->
  oracle 1 2 (coin e) (fun k _ => s * e - sgn_sample s k) (s ^ 2)
  /\ forall k, w - sgn_sample s k = (w - s * e) + (s * e - sgn_sample s k).
Proof.
  intros He. split; [|intros; ring]. split; [now apply coin_is_law|split].
  - intros i Hi. unfold expect, coin, sgn_sample. simpl. field.
  - unfold bounded_variance, expect, norm2, inner, coin, sgn_sample. simpl.
    assert (0 <= s ^ 2 * e ^ 2) by (apply Rmult_le_pos; apply pow2_ge_0). nra.
Qed.

Theorem coin_kl_le e : 0 < e <= / 2 -> KL 2 (coin (- e)) (coin e) <= 6 * e ^ 2.
Proof.
  intros He. unfold KL, coin. cbn [vsum Nat.eqb].
  assert (Hb : forall a b, 0 < a -> 0 < b -> kl_term a b <= a * (a - b) / b).
  { intros a b Ha Hb. unfold kl_term. destruct Rlt_dec; [|lra].
    pose proof (ln_le_sub_1 (a / b) (Rdiv_lt_0_compat _ _ Ha Hb)).
    replace (a * (a - b) / b) with (a * (a / b - 1)) by (field; lra).
    apply Rmult_le_compat_l; lra. }
  pose proof (Hb ((1 - - e) / 2) ((1 - e) / 2) ltac:(lra) ltac:(lra)).
  pose proof (Hb ((1 + - e) / 2) ((1 + e) / 2) ltac:(lra) ltac:(lra)).
  assert (Hd : 0 < 1 - e ^ 2) by nra.
  assert (((1 - - e) / 2) * (((1 - - e) / 2) - (1 - e) / 2) / ((1 - e) / 2)
          + ((1 + - e) / 2) * (((1 + - e) / 2) - (1 + e) / 2) / ((1 + e) / 2)
          = 4 * e ^ 2 / (1 - e ^ 2)) by (field; repeat split; lra).
  assert (4 * e ^ 2 / (1 - e ^ 2) <= 6 * e ^ 2).
  { apply (Rmult_le_reg_r (1 - e ^ 2)); [exact Hd|]. unfold Rdiv.
    rewrite Rmult_assoc, Rinv_l, Rmult_1_r by lra.
    assert (e ^ 2 <= / 4) by nra. pose proof (pow2_ge_0 e). nra. }
  lra.
Qed.

(** Any risk X above the Le Cam bound Δ²(1 − TV) of the coin pair is above σ²ε² e^{−6Tε²}/2. *)
Lemma coin_bound s e T X : 0 < e <= / 2 ->
  X >= ((s * e - s * - e) / 2) ^ 2
       * (1 - tv (2 ^ T) (prod_law 2 T (coin (- e))) (prod_law 2 T (coin e))) ->
  X >= s ^ 2 * e ^ 2 * exp (- (6 * INR T * e ^ 2)) / 2.
Proof.
  intros He H1.
  destruct (le_cam_minimax 2 (coin (- e)) (coin e) T (fun _ => 0) (s * - e) (s * e))
    as [_ [H2 _]]; [apply coin_is_law; lra | apply coin_is_law; lra | apply coin_abs_cont; lra|].
  pose proof (coin_kl_le e He). pose proof (pos_INR T).
  assert (exp (- (6 * INR T * e ^ 2)) <= exp (- (INR T * KL 2 (coin (- e)) (coin e))))
    by (apply exp_le_compat; nra).
  replace (((s * e - s * - e) / 2) ^ 2) with (s ^ 2 * e ^ 2) in * by field.
  assert (0 <= s ^ 2 * e ^ 2) by (apply Rmult_le_pos; apply pow2_ge_0). nra.
Qed.

(** With ε² = 1/(6T) the same X is above σ² e^{−1}/(12T). *)
Lemma coin_rate_bound s T X : (1 <= T)%nat ->
  let e := sqrt (/ (6 * INR T)) in
  (0 < e <= / 2 -> X >= ((s * e - s * - e) / 2) ^ 2
                        * (1 - tv (2 ^ T) (prod_law 2 T (coin (- e))) (prod_law 2 T (coin e)))) ->
  X >= s ^ 2 * exp (- 1) / (12 * INR T).
Proof.
  intros HT e HX. pose proof (le_INR 1 T HT) as HT'. simpl in HT'.
  assert (He2 : e ^ 2 = / (6 * INR T))
    by (unfold e; apply pow2_sqrt, Rlt_le, Rinv_0_lt_compat; lra).
  assert (He : 0 < e <= / 2).
  { split; [apply sqrt_lt_R0, Rinv_0_lt_compat; lra|].
    rewrite <- (sqrt_pow2 (/ 2)) by lra. apply sqrt_le_1_alt.
    replace ((/ 2) ^ 2) with (/ 4) by field. apply Rinv_le_contravar; lra. }
  pose proof (coin_bound s e T X He (HX He)) as H.
  replace (6 * INR T * e ^ 2) with 1 in H by (rewrite He2; field; lra).
  rewrite He2 in H. replace (s ^ 2 * exp (- 1) / (12 * INR T))
    with (s ^ 2 * / (6 * INR T) * exp (- 1) / 2) by (field; lra). exact H.
Qed.

(** Every algorithm, against θ_0 = −σε and θ_1 = σε. *)
Theorem coin_minimax s e T (A : list nat -> R) : 0 < e <= / 2 ->
  le_cam_risk 2 (coin (- e)) (coin e) T A (s * - e) (s * e)
  >= s ^ 2 * e ^ 2 * exp (- (6 * INR T * e ^ 2)) / 2.
Proof.
  intros He. apply coin_bound; [exact He|]. apply (le_cam_minimax 2 (coin (- e)) (coin e));
    [apply coin_is_law; lra | apply coin_is_law; lra | apply coin_abs_cont; lra].
Qed.

Theorem coin_mix_minimax s e T m r (As : nat -> list nat -> R) : 0 < e <= / 2 -> is_law m r ->
  le_cam_mix_risk 2 (coin (- e)) (coin e) T m r As (s * - e) (s * e)
  >= s ^ 2 * e ^ 2 * exp (- (6 * INR T * e ^ 2)) / 2.
Proof.
  intros He Hr. apply coin_bound; [exact He|]. apply (le_cam_mix_minimax 2 (coin (- e)) (coin e));
    [apply coin_is_law; lra | apply coin_is_law; lra | apply coin_abs_cont; lra | exact Hr].
Qed.

(** The rate: ε² = 1/(6T) gives the σ²/T order of the upper bounds, for every algorithm. *)
Theorem coin_minimax_rate s T (A : list nat -> R) : (1 <= T)%nat ->
  let e := sqrt (/ (6 * INR T)) in
  le_cam_risk 2 (coin (- e)) (coin e) T A (s * - e) (s * e) >= s ^ 2 * exp (- 1) / (12 * INR T).
Proof.
  intros HT e. apply coin_rate_bound; [exact HT|]. fold e. intros He.
  apply (le_cam_minimax 2 (coin (- e)) (coin e));
    [apply coin_is_law; lra | apply coin_is_law; lra | apply coin_abs_cont; lra].
Qed.

(** ... and for every randomised algorithm (finite mixture r over A_1, …, A_m). *)
Theorem coin_mix_minimax_rate s T m r (As : nat -> list nat -> R) : (1 <= T)%nat -> is_law m r ->
  let e := sqrt (/ (6 * INR T)) in
  le_cam_mix_risk 2 (coin (- e)) (coin e) T m r As (s * - e) (s * e)
  >= s ^ 2 * exp (- 1) / (12 * INR T).
Proof.
  intros HT Hr e. apply coin_rate_bound; [exact HT|]. fold e. intros He.
  apply (le_cam_mix_minimax 2 (coin (- e)) (coin e));
    [apply coin_is_law; lra | apply coin_is_law; lra | apply coin_abs_cont; lra | exact Hr].
Qed.
