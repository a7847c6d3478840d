(** * LeanSharp.Stochastic.ZScoreLimit — the Z-score mask as the layer grows (finite n, oracle normalisation)

    The n components of a layer are i.i.d. draws from a finite law p on K outcomes; outcome
    k has value x_k. A history h (n draws, [StronglyConvexRate.hexpect] over the n-fold
    product law) gives the layer [comp x h] ∈ W n, component i = x_{h_i}.
    The ORACLE mask uses the law's mean m and a fixed cutoff c (c = tσ with σ the law's
    standard deviation): [oracle_mask m c v]_i = [|v_i − m| ≥ c]. Its indicator for one
    component is a fixed function b(k) = [|x_k − m| ≥ c] of that component's draw, so the
    number of kept components is a sum of n i.i.d. Bernoulli(p_c) variables,
    p_c = P(|X − m| ≥ c) ([coverage_prob]).

    The EMPIRICAL mask of ZSharp ([Filter.ZMask.sig_mask_s], and the quantile rule) uses the
    layer's own mean and standard deviation; its indicators are not independent and it is
    a different object: its limit as n → ∞ is NOT proved here (roadmap, open).

    Main results
    - [hexpect_hsum], [hexpect_hsum_var]: for any φ of one draw, S_n = Σ_{i<n} φ(k_i) has
      E S_n = n E φ and E (S_n − n E φ)² = n Var φ
    - [iid_chebyshev]: P(|S_n/n − E φ| ≥ ε) ≤ Var φ/(n ε²)
    - [coverage_mean]: E[count/n] = p_c;  [coverage_var]: E(count − n p_c)² = n p_c(1 − p_c)
    - [coverage_chebyshev]: P(|count/n − p_c| ≥ ε) ≤ p_c(1 − p_c)/(n ε²)
    - [iid_converges_in_probability], [coverage_converges_in_probability] (weak law of large
      numbers): for every ε > 0, P(|count/n − p_c| ≥ ε) → 0 as the width n → ∞
    - [filtered_mean_chebyshev]: the filtered mean (1/n)Σ_i v_i m_i has expectation
      E[X·b(X)] and P(|(1/n)Σ v_i m_i − E[X b]| ≥ ε) ≤ Var(X b)/(n ε²)
    - [filtered_mean_converges_in_probability]: P(|(1/n)Σ v_i m_i − E[X b]| ≥ ε) → 0
    - [symmetric_filtered_mean_zero]: for a symmetric law (outcome M + k is −x_k with the
      same weight, m = 0): E[X b(X)] = 0, so the filtered mean concentrates at 0 *)

From Coq Require Import Reals Lra Lia List.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Theory.Robustness Require Import RobustSymmetric.
From LeanSharp.Stochastic Require Import StronglyConvexRate.
Import ListNotations.
Open Scope R_scope.

Definition comp (x : nat -> R) (h : list nat) : nat -> R := fun i => x (nth i h 0%nat).

Definition oracle_mask (m c : R) (v : nat -> R) : nat -> R :=
  fun i => if Rle_dec c (Rabs (v i - m)) then 1 else 0.

Definition kept (x : nat -> R) (m c : R) : nat -> R := fun k => if Rle_dec c (Rabs (x k - m)) then 1 else 0.

Definition coverage_prob (K : nat) (p x : nat -> R) (m c : R) : R := expect K p (kept x m c).

Fixpoint hsum (phi : nat -> R) (h : list nat) : R :=
  match h with [] => 0 | k :: h' => phi k + hsum phi h' end.

Lemma oracle_mask_is_mask n m c v : is_mask n (oracle_mask m c v).
Proof. intros i _. unfold oracle_mask. destruct Rle_dec; auto. Qed.

(** ** Sums over the draws *)

Lemma vsum_shift1 L f : vsum (S L) f = f 0%nat + vsum L (fun i => f (S i)).
Proof.
  induction L as [|L IH]; simpl in *; [ring|]. rewrite IH. simpl. ring.
Qed.

Lemma vsum_nth (phi : nat -> R) h :
  vsum (length h) (fun i => phi (nth i h 0%nat)) = hsum phi h.
Proof.
  induction h as [|k h IH]; [reflexivity|]. cbn [length]. rewrite vsum_shift1.
  simpl. now rewrite IH.
Qed.

(** The oracle mask keeps [hsum b h] components of the layer drawn by h. *)
Theorem oracle_count (x : nat -> R) m c h :
  mask_count (length h) (oracle_mask m c (comp x h)) = hsum (kept x m c) h.
Proof. unfold mask_count. rewrite <- vsum_nth. apply vsum_ext. reflexivity. Qed.

Theorem oracle_filtered_sum (x : nat -> R) m c h :
  vsum (length h) (hadamard (comp x h) (oracle_mask m c (comp x h)))
  = hsum (fun k => x k * kept x m c k) h.
Proof. rewrite <- vsum_nth. apply vsum_ext. reflexivity. Qed.

Section IID.

Context (K : nat) (p : nat -> R).
Hypothesis Hlaw : is_law K p.

Lemma hexpect_ext_len t f g :
  (forall h, length h = t -> f h = g h) -> hexpect K p t f = hexpect K p t g.
Proof.
  intros H. apply Rle_antisym; apply hexpect_le; try exact Hlaw; intros h Hh; rewrite (H h Hh); lra.
Qed.

Theorem hexpect_hsum phi t : hexpect K p t (hsum phi) = INR t * expect K p phi.
Proof.
  induction t as [|t IH]; [simpl; ring|]. rewrite hexpect_S.
  rewrite (hexpect_ext K p t _ (fun h => 1 * hsum phi h + expect K p phi)).
  - rewrite hexpect_affine, IH, S_INR by exact Hlaw. ring.
  - intros h. simpl. rewrite expect_add, expect_const by exact Hlaw. ring.
Qed.

Definition variance (phi : nat -> R) : R := expect K p (fun k => (phi k - expect K p phi) ^ 2).

Theorem hexpect_hsum_var phi t :
  hexpect K p t (fun h => (hsum phi h - INR t * expect K p phi) ^ 2) = INR t * variance phi.
Proof.
  set (mu := expect K p phi).
  assert (Hc : expect K p (fun k => phi k - mu) = 0).
  { rewrite (expect_ext K p _ (fun k => phi k + (-1) * mu)) by (intros; ring).
    rewrite expect_add, expect_const by exact Hlaw. unfold mu. ring. }
  induction t as [|t IH]; [simpl; ring|]. rewrite hexpect_S.
  rewrite (hexpect_ext K p t _ (fun h => 1 * (hsum phi h - INR t * mu) ^ 2 + variance phi)).
  - rewrite hexpect_affine, IH, S_INR by exact Hlaw. ring.
  - intros h. simpl hsum. rewrite S_INR.
    rewrite (expect_ext K p _ (fun k => ((phi k - mu) ^ 2 + (2 * (hsum phi h - INR t * mu)) * (phi k - mu))
                                        + (hsum phi h - INR t * mu) ^ 2)) by (intros; ring).
    rewrite !expect_add, expect_scal, Hc, expect_const by exact Hlaw. unfold variance. fold mu. ring.
Qed.

(** Chebyshev for the i.i.d. mean: P(|S_n/n − E φ| ≥ ε) ≤ Var φ/(n ε²). *)
Theorem iid_chebyshev phi n eps :
  (1 <= n)%nat -> 0 < eps ->
  hexpect K p n (fun h => indicator_ge (Rabs (hsum phi h / INR n - expect K p phi)) eps)
  <= variance phi / (INR n * eps ^ 2).
Proof.
  intros Hn He. assert (HN : 0 < INR n) by (apply lt_0_INR; lia).
  set (mu := expect K p phi). set (a := / (INR n ^ 2 * eps ^ 2)).
  assert (Ha : 0 < a) by (unfold a; apply Rinv_0_lt_compat; apply Rmult_lt_0_compat; apply pow_lt; lra).
  eapply Rle_trans.
  - apply (hexpect_le K p n _ (fun h => a * (hsum phi h - INR n * mu) ^ 2 + 0)); [exact Hlaw|].
    intros h _. unfold indicator_ge. set (s := hsum phi h).
    assert (0 <= a * (s - INR n * mu) ^ 2) by (apply Rmult_le_pos; [lra | apply pow2_ge_0]).
    destruct (Rle_dec eps (Rabs (s / INR n - mu))) as [Hge|]; [|lra].
    assert (Hsq : eps ^ 2 <= (s / INR n - mu) ^ 2).
    { rewrite <- (pow2_abs (s / INR n - mu)). apply pow_incr. lra. }
    replace (a * (s - INR n * mu) ^ 2) with ((s / INR n - mu) ^ 2 / eps ^ 2)
      by (unfold a; field; lra).
    assert (1 <= (s / INR n - mu) ^ 2 / eps ^ 2); [|lra].
    apply Rle_trans with (eps ^ 2 / eps ^ 2); [right; field; lra|].
    apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat, pow_lt; lra | exact Hsq].
  - rewrite hexpect_affine, hexpect_hsum_var by exact Hlaw. unfold a. right. field. lra.
Qed.

Lemma is_lim_seq_inv_INR : is_lim_seq (fun n => / INR n) 0.
Proof.
  replace (Finite 0) with (Rbar_inv p_infty) by reflexivity.
  apply (is_lim_seq_inv INR p_infty); [apply is_lim_seq_INR | discriminate].
Qed.

(** Weak law of large numbers: P(|S_n/n − E φ| ≥ ε) → 0 as n → ∞, for every ε > 0. *)
Theorem iid_converges_in_probability phi eps :
  0 < eps ->
  is_lim_seq (fun n => hexpect K p n (fun h => indicator_ge (Rabs (hsum phi h / INR n - expect K p phi)) eps)) 0.
Proof.
  intros He. apply (is_lim_seq_le_le_loc (fun _ => 0) _ (fun n => variance phi / eps ^ 2 * / INR n)).
  - exists 1%nat. intros n Hn. split.
    + apply hexpect_nonneg; [exact Hlaw|]. intros h. unfold indicator_ge. destruct Rle_dec; lra.
    + eapply Rle_trans; [apply iid_chebyshev; [exact Hn | exact He]|].
      assert (0 < INR n) by (apply lt_0_INR; lia). assert (0 < eps ^ 2) by (apply pow_lt; lra).
      right. field. lra.
  - apply is_lim_seq_const.
  - replace (Finite 0) with (Rbar_mult (variance phi / eps ^ 2) 0) by (simpl; f_equal; ring).
    apply is_lim_seq_scal_l, is_lim_seq_inv_INR.
Qed.

(** ** Coverage of the oracle mask *)

Context (x : nat -> R) (m c : R).

Lemma kept_sq k : kept x m c k ^ 2 = kept x m c k.
Proof. unfold kept. destruct Rle_dec; ring. Qed.

Theorem coverage_variance : variance (kept x m c) = coverage_prob K p x m c * (1 - coverage_prob K p x m c).
Proof.
  unfold variance, coverage_prob. set (q := expect K p (kept x m c)).
  rewrite (expect_ext K p _ (fun k => (1 - 2 * q) * kept x m c k + q ^ 2))
    by (intros k _; unfold kept; destruct Rle_dec; ring).
  rewrite expect_add, expect_scal, expect_const by exact Hlaw. fold q. ring.
Qed.

(** E[count/n] = p_c for the layer of n i.i.d. components. *)
Theorem coverage_mean n :
  (1 <= n)%nat ->
  hexpect K p n (fun h => mask_count n (oracle_mask m c (comp x h)) / INR n) = coverage_prob K p x m c.
Proof.
  intros Hn. assert (0 < INR n) by (apply lt_0_INR; lia).
  rewrite (hexpect_ext_len n _ (fun h => / INR n * hsum (kept x m c) h + 0)).
  - rewrite hexpect_affine, hexpect_hsum by exact Hlaw. unfold coverage_prob. field. lra.
  - intros h Hh. subst n. rewrite oracle_count. unfold Rdiv. ring.
Qed.

(** E(count − n p_c)² = n p_c (1 − p_c). *)
Theorem coverage_var n :
  hexpect K p n (fun h => (mask_count n (oracle_mask m c (comp x h)) - INR n * coverage_prob K p x m c) ^ 2)
  = INR n * (coverage_prob K p x m c * (1 - coverage_prob K p x m c)).
Proof.
  rewrite <- coverage_variance, <- hexpect_hsum_var.
  apply hexpect_ext_len. intros h Hh. subst n. now rewrite oracle_count.
Qed.

(** Concentration of the coverage: P(|count/n − p_c| ≥ ε) ≤ p_c(1 − p_c)/(n ε²). *)
Theorem coverage_chebyshev n eps :
  (1 <= n)%nat -> 0 < eps ->
  hexpect K p n (fun h => indicator_ge
                   (Rabs (mask_count n (oracle_mask m c (comp x h)) / INR n - coverage_prob K p x m c)) eps)
  <= coverage_prob K p x m c * (1 - coverage_prob K p x m c) / (INR n * eps ^ 2).
Proof.
  intros Hn He. rewrite <- coverage_variance.
  eapply Rle_trans; [|apply (iid_chebyshev (kept x m c) n eps Hn He)]. right.
  apply hexpect_ext_len. intros h Hh. subst n. now rewrite oracle_count.
Qed.

(** The coverage converges in probability to p_c as the width grows. *)
Theorem coverage_converges_in_probability eps :
  0 < eps ->
  is_lim_seq (fun n => hexpect K p n (fun h => indicator_ge
     (Rabs (mask_count n (oracle_mask m c (comp x h)) / INR n - coverage_prob K p x m c)) eps)) 0.
Proof.
  intros He. eapply is_lim_seq_ext; [|apply (iid_converges_in_probability (kept x m c) eps He)].
  intros n. apply hexpect_ext_len. intros h Hh. subst n. now rewrite oracle_count.
Qed.

(** The filtered mean converges in probability to E[X b(X)]. *)
Theorem filtered_mean_converges_in_probability eps :
  0 < eps ->
  is_lim_seq (fun n => hexpect K p n (fun h => indicator_ge
     (Rabs (vsum n (hadamard (comp x h) (oracle_mask m c (comp x h))) / INR n
            - expect K p (fun k => x k * kept x m c k))) eps)) 0.
Proof.
  intros He. eapply is_lim_seq_ext; [|apply (iid_converges_in_probability (fun k => x k * kept x m c k) eps He)].
  intros n. apply hexpect_ext_len. intros h Hh. subst n. now rewrite oracle_filtered_sum.
Qed.

(** The filtered mean (1/n)Σ_i v_i m_i concentrates at E[X b(X)]. *)
Theorem filtered_mean_chebyshev n eps :
  (1 <= n)%nat -> 0 < eps ->
  hexpect K p n (fun h => indicator_ge
     (Rabs (vsum n (hadamard (comp x h) (oracle_mask m c (comp x h))) / INR n
            - expect K p (fun k => x k * kept x m c k))) eps)
  <= variance (fun k => x k * kept x m c k) / (INR n * eps ^ 2).
Proof.
  intros Hn He. eapply Rle_trans; [|apply (iid_chebyshev _ n eps Hn He)]. right.
  apply hexpect_ext_len. intros h Hh. subst n. now rewrite oracle_filtered_sum.
Qed.

End IID.

(** ** Symmetric laws *)

(** Outcome M + k is the mirror image of outcome k: x_{M+k} = −x_k, same weight. *)
Definition symmetric_law (M : nat) (p x : nat -> R) : Prop :=
  forall k, (k < M)%nat -> p (M + k)%nat = p k /\ x (M + k)%nat = - x k.

(** For a symmetric law and the oracle mask centred at m = 0: E[X b(X)] = 0. *)
Theorem symmetric_filtered_mean_zero M p x c :
  symmetric_law M p x -> expect (M + M) p (fun k => x k * kept x 0 c k) = 0.
Proof.
  intros Hs. unfold expect. rewrite vsum_split.
  rewrite (vsum_ext M (fun k => p (M + k)%nat * (x (M + k)%nat * kept x 0 c (M + k)%nat))
                      (fun k => - (p k * (x k * kept x 0 c k)))).
  - rewrite vsum_opp. ring.
  - intros k Hk. destruct (Hs k Hk) as [Hp Hx]. rewrite Hp. unfold kept. rewrite Hx.
    rewrite !Rminus_0_r, Rabs_Ropp. ring.
Qed.
