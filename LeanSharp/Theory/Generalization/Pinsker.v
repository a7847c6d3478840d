(** * LeanSharp.Theory.Generalization.Pinsker — Pinsker's inequality on finite laws

    Finite laws P ≪ Q on N outcomes ([Core.FiniteProb.is_law], [KL.abs_cont]), TV as in
    [Theory.Generalization.TotalVariation].

    The proof (no binary reduction): with x = p/q the one-variable inequality
        φ(x) = (4 + 2x)(x ln x − x + 1) − 3(x − 1)² ≥ 0          (x > 0)
    holds because φ(1) = 0 and φ'(x) = 4(x + 1)(ln x − 2(x − 1)/(x + 1)) has the sign of
    x − 1 (ln x − 2(x − 1)/(x + 1) is increasing, derivative (x − 1)²/(x(x + 1)²), and
    vanishes at 1). Termwise 3(p − q)² ≤ (4q + 2p)·u with u = p ln(p/q) − p + q ≥ 0, and
    Cauchy–Schwarz gives (Σ|p − q|)² ≤ (Σ(4q + 2p)/3)(Σu) = 2·KL(P‖Q).

    Main results
    - [ln_pade_sign]: (x − 1)(ln x − 2(x − 1)/(x + 1)) ≥ 0 for x > 0
    - [pinsker_phi]: (4 + 2x)(x ln x − x + 1) ≥ 3(x − 1)² for x > 0
    - [pinsker_term]: p, q ≥ 0, p > 0 ⇒ q > 0:  3(p − q)² ≤ (4q + 2p)(kl_term p q − p + q)
    - [pinsker] (headline): P ≪ Q ⇒ TV(P, Q)² ≤ KL(P‖Q)/2 and TV(P, Q) ≤ √(KL(P‖Q)/2) *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Theory.Generalization Require Import KL TotalVariation.
Open Scope R_scope.

(** ** One-variable calculus on (0, ∞) *)

(** A function with derivative ≥ 0 on (0, ∞) is nondecreasing there. *)
Lemma mono_pos f df : (forall c, 0 < c -> is_derive f c (df c)) -> (forall c, 0 < c -> 0 <= df c) ->
  forall x y, 0 < x -> x <= y -> f x <= f y.
Proof.
  intros Hd Hs x y Hx [Hxy|Hxy]; [|subst; lra].
  destruct (MVT_cor2 f df x y Hxy) as [c [Hc Hc']].
  - intros c Hc. apply is_derive_Reals, Hd. lra.
  - pose proof (Hs c ltac:(lra)). nra.
Qed.

(** A function whose derivative has the sign of c − x0 on (0, ∞) is minimal at x0. *)
Lemma min_at_pos f df x0 : (forall c, 0 < c -> is_derive f c (df c)) ->
  (forall c, 0 < c -> 0 <= (c - x0) * df c) -> 0 < x0 -> forall x, 0 < x -> f x0 <= f x.
Proof.
  intros Hd Hs H0 x Hx. destruct (Rtotal_order x0 x) as [Hlt|[Heq|Hgt]]; [| subst; lra |].
  - destruct (MVT_cor2 f df x0 x Hlt) as [c [Hc Hc']].
    + intros c Hc. apply is_derive_Reals, Hd. lra.
    + pose proof (Hs c ltac:(lra)). assert (0 <= df c) by nra. nra.
  - destruct (MVT_cor2 f df x x0 Hgt) as [c [Hc Hc']].
    + intros c Hc. apply is_derive_Reals, Hd. lra.
    + pose proof (Hs c ltac:(lra)). assert (df c <= 0) by nra. nra.
Qed.

Lemma ln_pade_sign x : 0 < x -> 0 <= (x - 1) * (ln x - 2 * (x - 1) / (x + 1)).
Proof.
  intros Hx.
  pose proof (mono_pos (fun x => ln x - 2 * (x - 1) / (x + 1)) (fun x => / x - 4 / (x + 1) ^ 2))
    as Hm.
  assert (Hd : forall c, 0 < c -> is_derive (fun x => ln x - 2 * (x - 1) / (x + 1)) c
                                            (/ c - 4 / (c + 1) ^ 2)).
  { intros c Hc. auto_derive; [repeat split; lra | field; lra]. }
  assert (Hs : forall c, 0 < c -> 0 <= / c - 4 / (c + 1) ^ 2).
  { intros c Hc. replace (/ c - 4 / (c + 1) ^ 2) with ((c - 1) ^ 2 / (c * (c + 1) ^ 2))
      by (field; lra).
    apply Rmult_le_pos; [apply pow2_ge_0 | apply Rlt_le, Rinv_0_lt_compat].
    apply Rmult_lt_0_compat; [lra | apply pow_lt; lra]. }
  assert (H1 : ln 1 - 2 * (1 - 1) / (1 + 1) = 0) by (rewrite ln_1; field).
  destruct (Rle_dec 1 x) as [Hx1|Hx1].
  - pose proof (Hm Hd Hs 1 x ltac:(lra) Hx1). simpl in *. nra.
  - pose proof (Hm Hd Hs x 1 Hx ltac:(lra)). simpl in *. nra.
Qed.

Theorem pinsker_phi x : 0 < x -> 3 * (x - 1) ^ 2 <= (4 + 2 * x) * (x * ln x - x + 1).
Proof.
  intros Hx.
  set (phi := fun x => (4 + 2 * x) * (x * ln x - x + 1) - 3 * (x - 1) ^ 2).
  assert (Hd : forall c, 0 < c -> is_derive phi c (4 * (c + 1) * (ln c - 2 * (c - 1) / (c + 1)))).
  { intros c Hc. unfold phi. auto_derive; [repeat split; lra | field; lra]. }
  assert (Hs : forall c, 0 < c -> 0 <= (c - 1) * (4 * (c + 1) * (ln c - 2 * (c - 1) / (c + 1)))).
  { intros c Hc. pose proof (ln_pade_sign c Hc).
    replace ((c - 1) * (4 * (c + 1) * (ln c - 2 * (c - 1) / (c + 1))))
      with (4 * (c + 1) * ((c - 1) * (ln c - 2 * (c - 1) / (c + 1)))) by ring.
    apply Rmult_le_pos; [lra | assumption]. }
  pose proof (min_at_pos phi _ 1 Hd Hs ltac:(lra) x Hx) as H.
  unfold phi in H. rewrite ln_1 in H. lra.
Qed.

(** ** Termwise bound and Cauchy–Schwarz *)

Lemma pinsker_term p q : 0 <= p -> 0 <= q -> (0 < p -> 0 < q) ->
  3 * (p - q) ^ 2 <= (4 * q + 2 * p) * (kl_term p q - p + q).
Proof.
  intros Hp Hq Hac. unfold kl_term. destruct (Rlt_dec 0 p) as [Hp'|Hp'].
  - specialize (Hac Hp'). pose proof (pinsker_phi (p / q) (Rdiv_lt_0_compat _ _ Hp' Hac)) as H.
    assert (Hq2 : 0 < q ^ 2) by (apply pow_lt; lra).
    apply (Rmult_le_compat_l (q ^ 2)) in H; [|lra].
    replace (q ^ 2 * (3 * (p / q - 1) ^ 2)) with (3 * (p - q) ^ 2) in H by (field; lra).
    replace (q ^ 2 * ((4 + 2 * (p / q)) * (p / q * ln (p / q) - p / q + 1)))
      with ((4 * q + 2 * p) * (p * ln (p / q) - p + q)) in H by (field; lra).
    exact H.
  - replace p with 0 by lra. nra.
Qed.

Theorem pinsker N p q :
  is_law N p -> is_law N q -> abs_cont N p q ->
  tv N p q ^ 2 <= KL N p q / 2 /\ tv N p q <= sqrt (KL N p q / 2).
Proof.
  intros [Hp Hp1] [Hq Hq1] Hac.
  set (a := fun k => (4 * q k + 2 * p k) / 3). set (u := fun k => kl_term (p k) (q k) - p k + q k).
  assert (Ha : forall k, (k < N)%nat -> 0 <= a k)
    by (intros k Hk; unfold a; pose proof (Hp k Hk); pose proof (Hq k Hk); lra).
  assert (Hu : forall k, (k < N)%nat -> 0 <= u k).
  { intros k Hk. unfold u. pose proof (kl_term_ge (p k) (q k) (Hp k Hk) (Hq k Hk) (Hac k Hk)). lra. }
  assert (Hsq : forall g : nat -> R, (forall k, (k < N)%nat -> 0 <= g k) ->
                  norm N (fun k => sqrt (g k)) = sqrt (vsum N g)).
  { intros g Hg. unfold norm. f_equal. apply vsum_ext. intros k Hk. now apply sqrt_sqrt, Hg. }
  assert (HA : vsum N a = 2).
  { unfold a. rewrite (vsum_ext N _ (fun k => 4 / 3 * q k + 2 / 3 * p k)) by (intros; field).
    rewrite vsum_add, !vsum_scal, Hp1, Hq1. field. }
  assert (HU : vsum N u = KL N p q) by (unfold u, KL; rewrite vsum_add, vsum_sub, Hp1, Hq1; ring).
  assert (Hs : vsum N (fun k => Rabs (p k - q k)) <= sqrt 2 * sqrt (KL N p q)).
  { rewrite <- HA, <- HU, <- !Hsq by assumption.
    eapply Rle_trans; [|apply inner_le_norm]. apply vsum_le. intros k Hk.
    rewrite <- sqrt_mult_alt by (apply Ha, Hk). rewrite <- sqrt_Rsqr_abs. apply sqrt_le_1_alt.
    pose proof (pinsker_term (p k) (q k) (Hp k Hk) (Hq k Hk) (Hac k Hk)). unfold Rsqr, a, u.
    lra. }
  assert (HK : 0 <= KL N p q) by (rewrite <- HU; apply vsum_nonneg, Hu).
  assert (HT : 0 <= tv N p q) by (apply (tv_bounds N p q); split; assumption).
  assert (H2 : tv N p q ^ 2 <= KL N p q / 2).
  { assert (HS : 0 <= sqrt 2 * sqrt (KL N p q)) by (apply Rmult_le_pos; apply sqrt_pos).
    assert (Hsq2 : (sqrt 2 * sqrt (KL N p q)) ^ 2 = 2 * KL N p q)
      by (rewrite Rpow_mult_distr, !pow2_sqrt; lra).
    unfold tv in *. nra. }
  split; [exact H2|]. rewrite <- (sqrt_pow2 (tv N p q)) by exact HT. now apply sqrt_le_1_alt.
Qed.
