(** * LeanSharp.Theory.Generalization.TotalVariation — total variation, overlap and Bretagnolle–Huber

    Finite laws P, Q on N outcomes as in [Core.FiniteProb] ([is_law N p]), KL as in
    [Theory.Generalization.KL].

    Definitions
    - [tv N p q]      = TV(P, Q) = ½ Σ_k |p_k − q_k|
    - [overlap N p q] = Σ_k min(p_k, q_k)          (the mass P and Q share)
    - [bhatt N p q]   = Σ_k √p_k √q_k               (the Bhattacharyya coefficient)

    Main results
    - [overlap_tv]: Σ_k min(p_k, q_k) = 1 − TV(P, Q); [overmax_tv]: Σ_k max(p_k, q_k) = 1 + TV
    - [tv_bounds]: 0 ≤ TV ≤ 1
    - [jensen_exp]: E_P[f] ≤ ln E_P[e^f] — Donsker–Varadhan with Q = P (KL(P‖P) = 0)
    - [bhatt_ge_exp_kl]: P ≪ Q ⇒ e^{−KL(P‖Q)/2} ≤ BC(P, Q)
      (Jensen with f = ½ ln(q/p): E_P[f] = −KL/2 and E_P[e^f] = BC)
    - [bhatt_sq_le]: BC² ≤ (Σ min)(Σ max) = 1 − TV²   (Cauchy–Schwarz on √min, √max)
    - [bretagnolle_huber] (headline): P ≪ Q ⇒
          1 − TV(P, Q) ≥ ½ e^{−KL(P‖Q)}   and   TV(P, Q) ≤ √(1 − e^{−KL(P‖Q)})
      (both forms of the Bretagnolle–Huber inequality; Pinsker's TV ≤ √(KL/2), sharper for
      small KL, is [Theory.Generalization.Pinsker.pinsker]) *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Theory.Generalization Require Import KL.
Open Scope R_scope.

Definition tv (N : nat) (p q : nat -> R) : R := / 2 * vsum N (fun k => Rabs (p k - q k)).

Definition overlap (N : nat) (p q : nat -> R) : R := vsum N (fun k => Rmin (p k) (q k)).

Definition bhatt (N : nat) (p q : nat -> R) : R := vsum N (fun k => sqrt (p k) * sqrt (q k)).

Lemma exp_le_compat x y : x <= y -> exp x <= exp y.
Proof. intros [H|H]; [now left; apply exp_increasing | right; now rewrite H]. Qed.

(** ** Overlap and total variation *)

Lemma overlap_tv N p q : is_law N p -> is_law N q -> overlap N p q = 1 - tv N p q.
Proof.
  intros [_ Hp] [_ Hq]. unfold overlap, tv.
  rewrite (vsum_ext N _ (fun k => / 2 * p k + / 2 * q k - / 2 * Rabs (p k - q k))).
  - rewrite vsum_sub, vsum_add, !vsum_scal, Hp, Hq. field.
  - intros k _. unfold Rmin, Rabs. destruct Rle_dec, Rcase_abs; lra.
Qed.

Lemma overmax_tv N p q :
  is_law N p -> is_law N q -> vsum N (fun k => Rmax (p k) (q k)) = 1 + tv N p q.
Proof.
  intros [_ Hp] [_ Hq]. unfold tv.
  rewrite (vsum_ext N _ (fun k => / 2 * p k + / 2 * q k + / 2 * Rabs (p k - q k))).
  - rewrite !vsum_add, !vsum_scal, Hp, Hq. field.
  - intros k _. unfold Rmax, Rabs. destruct Rle_dec, Rcase_abs; lra.
Qed.

Lemma tv_bounds N p q : is_law N p -> is_law N q -> 0 <= tv N p q <= 1.
Proof.
  intros Hp Hq. pose proof (overlap_tv N p q Hp Hq) as H. split.
  - unfold tv. apply Rmult_le_pos; [lra|]. apply vsum_nonneg. intros; apply Rabs_pos.
  - assert (0 <= overlap N p q); [|lra]. apply vsum_nonneg. intros k Hk.
    destruct Hp as [Hp _], Hq as [Hq _]. apply Rmin_glb; auto.
Qed.

(** ** Jensen from Donsker–Varadhan, and the Bhattacharyya coefficient *)

Lemma kl_self N p : KL N p p = 0.
Proof.
  unfold KL. rewrite (vsum_ext N _ (fun _ => 0)); [rewrite vsum_const; ring|].
  intros k _. unfold kl_term. destruct Rlt_dec; [|reflexivity].
  unfold Rdiv. rewrite Rinv_r, ln_1 by lra. ring.
Qed.

(** Jensen for exp: Donsker–Varadhan at Q = P. *)
Theorem jensen_exp N p f : is_law N p -> expect N p f <= ln (expect N p (fun k => exp (f k))).
Proof.
  intros Hp. pose proof (donsker_varadhan N p p f Hp Hp (fun k _ H => H)) as H.
  rewrite kl_self in H. lra.
Qed.

Theorem bhatt_ge_exp_kl N p q :
  is_law N p -> is_law N q -> abs_cont N p q -> exp (- KL N p q / 2) <= bhatt N p q.
Proof.
  intros Hp Hq Hac.
  set (f := fun k => if Rlt_dec 0 (p k) then ln (q k / p k) / 2 else 0).
  pose proof (jensen_exp N p f Hp) as H.
  assert (HE : expect N p f = - KL N p q / 2).
  { unfold expect, KL. rewrite <- (vsum_ext N (fun k => - / 2 * kl_term (p k) (q k))).
    - rewrite vsum_scal. field.
    - intros k Hk. unfold f, kl_term. destruct Rlt_dec as [H0|H0]; [|ring].
      pose proof (Hac k Hk H0). rewrite !ln_div_pos by lra. field. }
  assert (HB : expect N p (fun k => exp (f k)) = bhatt N p q).
  { apply vsum_ext. intros k Hk. unfold f. destruct Rlt_dec as [H0|H0].
    - pose proof (Hac k Hk H0). assert (0 < sqrt (p k)) by (apply sqrt_lt_R0; lra).
      replace (ln (q k / p k) / 2) with (/ 2 * ln (q k / p k)) by field.
      fold (Rpower (q k / p k) (/ 2)). rewrite Rpower_sqrt, sqrt_div_alt
        by (try apply Rdiv_lt_0_compat; lra).
      rewrite <- (sqrt_sqrt (p k)) at 1 by lra. field. lra.
    - destruct Hp as [Hp _]. assert (p k = 0) by (pose proof (Hp k Hk); lra).
      rewrite H1, sqrt_0. ring. }
  rewrite HE, HB in H.
  assert (Hpos : 0 < bhatt N p q).
  { destruct (law_has_pos N p Hp) as [k [Hk H0]]. pose proof (Hac k Hk H0).
    apply Rlt_le_trans with (sqrt (p k) * sqrt (q k)).
    - apply Rmult_lt_0_compat; apply sqrt_lt_R0; lra.
    - apply (vsum_term_le N (fun k => sqrt (p k) * sqrt (q k))); [|exact Hk].
      intros i _. apply Rmult_le_pos; apply sqrt_pos. }
  rewrite <- (exp_ln (bhatt N p q)) by exact Hpos. now apply exp_le_compat.
Qed.

(** BC² ≤ (Σ min)(Σ max): √p √q = √min √max termwise, then Cauchy–Schwarz. *)
Theorem bhatt_sq_le N p q :
  is_law N p -> is_law N q -> bhatt N p q ^ 2 <= (1 - tv N p q) * (1 + tv N p q).
Proof.
  intros Hp Hq. rewrite <- overlap_tv, <- overmax_tv by assumption.
  destruct Hp as [Hp _], Hq as [Hq _].
  set (u := fun k => sqrt (Rmin (p k) (q k))). set (v := fun k => sqrt (Rmax (p k) (q k))).
  assert (Hb : bhatt N p q = inner N u v).
  { apply vsum_ext. intros k _. unfold u, v, Rmin, Rmax. destruct Rle_dec; ring. }
  assert (Hsq : forall g : nat -> R, (forall k, (k < N)%nat -> 0 <= g k) ->
                  norm2 N (fun k => sqrt (g k)) = vsum N g).
  { intros g Hg. apply vsum_ext. intros k Hk. now apply sqrt_sqrt, Hg. }
  assert (Hu : norm2 N u = overlap N p q) by (apply Hsq; intros k Hk; apply Rmin_glb; auto).
  assert (Hv : norm2 N v = vsum N (fun k => Rmax (p k) (q k))).
  { apply Hsq. intros k Hk. pose proof (Hp k Hk).
    apply Rle_trans with (p k); [lra | apply Rmax_l]. }
  rewrite Hb, <- Hu, <- Hv. pose proof (cauchy_schwarz N u v). simpl. lra.
Qed.

(** ** Bretagnolle–Huber *)

Theorem bretagnolle_huber N p q :
  is_law N p -> is_law N q -> abs_cont N p q ->
  exp (- KL N p q) / 2 <= 1 - tv N p q /\ tv N p q <= sqrt (1 - exp (- KL N p q)).
Proof.
  intros Hp Hq Hac.
  pose proof (bhatt_ge_exp_kl N p q Hp Hq Hac) as H1.
  pose proof (bhatt_sq_le N p q Hp Hq) as H2. pose proof (tv_bounds N p q Hp Hq).
  assert (He : exp (- KL N p q) <= (1 - tv N p q) * (1 + tv N p q)).
  { replace (- KL N p q) with (- KL N p q / 2 + - KL N p q / 2) by field.
    rewrite exp_plus. pose proof (exp_pos (- KL N p q / 2)).
    apply Rle_trans with (bhatt N p q ^ 2); [|exact H2]. simpl. nra. }
  split; [nra|].
  rewrite <- (sqrt_pow2 (tv N p q)) by lra. apply sqrt_le_1_alt. nra.
Qed.
