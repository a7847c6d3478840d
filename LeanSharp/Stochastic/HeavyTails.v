(** * LeanSharp.Stochastic.HeavyTails — a heavy-tailed noise with infinite variance, and what survives

    A finite law always has finite variance, so the heavy-tailed witness is a countable law,
    handled through its partial sums Σ_{k<N} (the weights [p] are read on [0, N) by the
    finite-space definitions of [LeanSharp.Core.FiniteProb]; a bound for every N is a
    bound for the series).

    Definitions
    - [ht_p k] = 2^{−(k+1)},  [ht_x k] = 2^k: the law P(X = 2^k) = 2^{−(k+1)}, k ≥ 0
    - [tail_bound p f C alpha]: P(f ≥ r) ≤ C / r^α for every r > 0 (every partial sum)
    - [clip n tau v] = min(1, τ/‖v‖)·v: norm clipping at level τ

    Main results
    - [ht_mass_partial]: Σ_{k<N} p_k = 1 − 2^{−N};  [ht_law_series]: Σ_k p_k = 1 (Coquelicot)
    - [ht_tail_bound]: P(X ≥ r) ≤ 1/r for every r > 0, i.e. [ht_tail_alpha_1]: the tail
          condition with C = 1, α = 1;  [ht_tail_lower]: P(X ≥ 2^j) ≥ 2^{−(j+1)} (α = 1 is sharp)
    - [ht_second_moment_partial]: Σ_{k<N} p_k x_k² ≥ N/2;  [ht_infinite_variance]: the partial
          sums of E[X²] are unbounded;  [ht_second_moment_not_summable]: Σ p_k x_k² diverges
    - [ht_tail_vanishes]: P(X ≥ r) → 0 as r → ∞, uniformly in N
    - What survives:
      [zsharp_eps_bounded_under_noise]: the filtered SAM perturbation has ‖ε‖ ≤ ρ whatever the
          noise added to the gradient;
      [step_deviation_tail]: P(‖w⁺_k − w̄⁺‖ ≥ ηr) = P(‖ξ_k‖ ≥ r), w̄⁺ the noiseless step;
      [ht_step_whp]: with the heavy noise ξ_k = X_k e₀, P(‖w⁺ − w̄⁺‖ ≥ ηr) ≤ 1/r: with
          probability ≥ 1 − 1/r one step is within ηr of the noiseless step;
      [clip_norm_le], [clipped_bounded_variance], [ht_clipped_second_moment]: clipped noise
          has E‖clip ξ‖² ≤ τ² (even the heavy noise), so the bounded-variance hypothesis of
          the O(1/T) theory holds after clipping (clipping may add bias: it is not claimed
          unbiased). *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec Recursions FiniteProb.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import SAM Smooth.
From LeanSharp.Stochastic Require Import StronglyConvexRate.
Open Scope R_scope.

Definition ht_p (k : nat) : R := (/ 2) ^ (S k).
Definition ht_x (k : nat) : R := 2 ^ k.

Definition tail_bound (p f : nat -> R) (C alpha : R) : Prop :=
  forall N r, 0 < r -> prob_ge N p f r <= C / Rpower r alpha.

Lemma ht_p_nonneg k : 0 <= ht_p k.
Proof. unfold ht_p. apply pow_le. lra. Qed.

Lemma ht_x_ge_1 k : 1 <= ht_x k.
Proof. unfold ht_x. apply pow_R1_Rle. lra. Qed.

(** ** The law *)

Lemma ht_mass_partial N : vsum N ht_p = 1 - (/ 2) ^ N.
Proof.
  induction N as [|N IH]; simpl vsum; [rewrite pow_O; ring|].
  rewrite IH. unfold ht_p. rewrite <- !tech_pow_Rmult. lra.
Qed.

Theorem ht_law_series : is_series ht_p 1.
Proof.
  pose proof (is_series_geom (/ 2) ltac:(rewrite Rabs_pos_eq; lra)) as H.
  apply (is_series_scal (/ 2)) in H.
  replace 1 with (scal (/ 2) (/ (1 - / 2))).
  - eapply is_series_ext; [|exact H]. intros k. reflexivity.
  - change (@eq R (/ 2 * / (1 - / 2)) 1). field.
Qed.

(** ** The tail: P(X ≥ r) ≤ 1/r *)

Lemma ht_tail_le_1 N r : prob_ge N ht_p ht_x r <= 1.
Proof.
  unfold prob_ge, expect. eapply Rle_trans.
  - apply (vsum_le N _ ht_p). intros k _. cbv beta. unfold indicator_ge. pose proof (ht_p_nonneg k).
    destruct Rle_dec; lra.
  - rewrite ht_mass_partial. pose proof (pow_le (/ 2) N ltac:(lra)). lra.
Qed.

Lemma ind_shift k r : indicator_ge (ht_x (S k)) r = indicator_ge (ht_x k) (r / 2).
Proof.
  unfold indicator_ge, ht_x. change (2 ^ S k) with (2 * 2 ^ k).
  destruct (Rle_dec r (2 * 2 ^ k)), (Rle_dec (r / 2) (2 ^ k)); try reflexivity; exfalso; lra.
Qed.

Theorem ht_tail_bound N r : 0 < r -> prob_ge N ht_p ht_x r <= / r.
Proof.
  revert r. induction N as [|N IH]; intros r Hr.
  - pose proof (Rinv_0_lt_compat r Hr). unfold prob_ge, expect. simpl vsum. lra.
  - destruct (Rle_dec r 1) as [Hr1|Hr1].
    + eapply Rle_trans; [apply ht_tail_le_1|]. rewrite <- Rinv_1. apply Rinv_le_contravar; lra.
    + specialize (IH (r / 2) ltac:(lra)). unfold prob_ge, expect in IH |- *.
      rewrite vsum_shift. cbv beta.
      rewrite (vsum_ext N _ (fun k => / 2 * (ht_p k * indicator_ge (ht_x k) (r / 2))))
        by (intros k _; cbv beta; rewrite ind_shift; unfold ht_p;
            rewrite <- !tech_pow_Rmult; set (q := (/ 2) ^ k); ring).
      rewrite vsum_scal.
      assert (Hi0 : indicator_ge (ht_x 0) r = 0)
        by (unfold indicator_ge, ht_x; rewrite pow_O; destruct Rle_dec; lra).
      rewrite Hi0. replace (/ (r / 2)) with (2 / r) in IH by (field; lra).
      assert (/ 2 * vsum N (fun k => ht_p k * indicator_ge (ht_x k) (r / 2)) <= / r)
        by (replace (/ r) with (/ 2 * (2 / r)) by (field; lra);
            apply Rmult_le_compat_l; lra).
      lra.
Qed.

(** The tail condition P(X ≥ r) ≤ C/r^α holds with C = 1, α = 1. *)
Theorem ht_tail_alpha_1 : tail_bound ht_p ht_x 1 1.
Proof.
  intros N r Hr. rewrite Rpower_1 by exact Hr. unfold Rdiv. rewrite Rmult_1_l.
  now apply ht_tail_bound.
Qed.

(** The tail is no lighter: P(X ≥ 2^j) ≥ 2^{−(j+1)} once N > j. *)
Theorem ht_tail_lower N j : (j < N)%nat -> (/ 2) ^ (S j) <= prob_ge N ht_p ht_x (2 ^ j).
Proof.
  intros Hj. unfold prob_ge, expect.
  replace ((/ 2) ^ (S j)) with (ht_p j * indicator_ge (ht_x j) (2 ^ j)).
  - apply (vsum_term_le N (fun k => ht_p k * indicator_ge (ht_x k) (2 ^ j)) j); [|exact Hj].
    intros k _. cbv beta. unfold indicator_ge. pose proof (ht_p_nonneg k). destruct Rle_dec; lra.
  - unfold indicator_ge, ht_x. destruct (Rle_dec (2 ^ j) (2 ^ j)) as [_|Hn];
      [| exfalso; apply Hn; apply Rle_refl]. unfold ht_p. ring.
Qed.

(** Uniform vanishing of the tail: ∀ ε > 0, P(X ≥ r) ≤ ε for r ≥ 1/ε. *)
Corollary ht_tail_vanishes eps : 0 < eps ->
  forall r, / eps <= r -> forall N, prob_ge N ht_p ht_x r <= eps.
Proof.
  intros He r Hr N. pose proof (Rinv_0_lt_compat eps He).
  eapply Rle_trans; [apply ht_tail_bound; lra|].
  rewrite <- (Rinv_inv eps). apply Rinv_le_contravar; lra.
Qed.

(** ** Infinite variance *)

Lemma ht_second_moment_term k : ht_p k * ht_x k ^ 2 = ht_x k / 2.
Proof.
  unfold ht_p, ht_x.
  assert (H : (/ 2) ^ k * 2 ^ k = 1) by (rewrite <- Rpow_mult_distr, Rinv_l, pow1 by lra; reflexivity).
  transitivity (/ 2 * ((/ 2) ^ k * 2 ^ k) * 2 ^ k);
    [rewrite <- tech_pow_Rmult; set (a := (/ 2) ^ k); set (b := 2 ^ k); ring|].
  rewrite H. field.
Qed.

Theorem ht_second_moment_partial N : INR N / 2 <= vsum N (fun k => ht_p k * ht_x k ^ 2).
Proof.
  replace (INR N / 2) with (vsum N (fun _ => / 2)) by (rewrite vsum_const; field).
  apply vsum_le. intros k _. rewrite ht_second_moment_term. pose proof (ht_x_ge_1 k). lra.
Qed.

(** E[X²] = ∞: the partial sums Σ_{k<N} p_k x_k² exceed every bound. *)
Theorem ht_infinite_variance M : exists N, M <= vsum N (fun k => ht_p k * ht_x k ^ 2).
Proof.
  destruct (Rle_dec M 0) as [HM|HM].
  - exists 0%nat. simpl. lra.
  - destruct (archimed_cor1 (/ (2 * M)) ltac:(apply Rinv_0_lt_compat; lra)) as [N [HN HN0]].
    exists N. eapply Rle_trans; [|apply ht_second_moment_partial].
    pose proof (lt_0_INR _ HN0).
    destruct (Rle_dec (INR N) (2 * M)) as [Hle|Hgt].
    + exfalso. assert (/ (2 * M) <= / INR N) by (apply Rinv_le_contravar; lra). lra.
    + apply Rnot_le_lt in Hgt. lra.
Qed.

(** In Coquelicot's terms: the series Σ p_k x_k² does not converge (its terms are ≥ 1/2). *)
Theorem ht_second_moment_not_summable : ~ ex_series (fun k => ht_p k * ht_x k ^ 2).
Proof.
  intros Hs. apply ex_series_lim_0, is_lim_seq_spec in Hs.
  assert (Hq : 0 < / 4) by lra. set (e := mkposreal (/ 4) Hq).
  destruct (Hs e) as [N HN]. specialize (HN N (le_n N)).
  change (pos e) with (/ 4) in HN. cbv beta in HN. pose proof (ht_x_ge_1 N).
  rewrite Rminus_0_r, ht_second_moment_term, Rabs_pos_eq in HN by lra. lra.
Qed.

(** ** What survives *)

(** The filtered SAM perturbation stays in the ρ-ball whatever noise ξ corrupts the gradient. *)
Theorem zsharp_eps_bounded_under_noise n rho delta (g xi m : W n) :
  0 <= rho -> 0 <= delta -> norm n (zsharp_eps n rho delta (vadd g xi) m) <= rho.
Proof. apply zsharp_eps_norm_le. Qed.

Lemma indicator_ge_scale x r c : 0 < c -> indicator_ge (c * x) (c * r) = indicator_ge x r.
Proof.
  intros Hc. unfold indicator_ge.
  destruct (Rle_dec (c * r) (c * x)) as [H1|H1], (Rle_dec r x) as [H2|H2]; try reflexivity.
  - exfalso. apply H2. apply (Rmult_le_reg_l c); assumption.
  - exfalso. apply H1. apply Rmult_le_compat_l; lra.
Qed.

(** The deviation of the stochastic step from the noiseless step w̄⁺ = w − ηD(w) is η‖ξ_k‖,
    so P(‖w⁺_k − w̄⁺‖ ≥ ηr) = P(‖ξ_k‖ ≥ r) (for any weights, any number of outcomes). *)
Theorem step_deviation_tail n N p (xi : nat -> W n) D (w : W n) eta r :
  0 < eta ->
  prob_ge N p (fun k => norm n (vsub (stoch_step n eta D w (xi k)) (vsub w (vscale eta (D w)))))
          (eta * r)
  = prob_ge N p (fun k => norm n (xi k)) r.
Proof.
  intros He. unfold prob_ge. apply expect_ext. intros k _. cbv beta.
  replace (norm n (vsub (stoch_step n eta D w (xi k)) (vsub w (vscale eta (D w)))))
    with (eta * norm n (xi k)).
  - now apply indicator_ge_scale.
  - rewrite (norm_ext n (vsub (stoch_step n eta D w (xi k)) (vsub w (vscale eta (D w))))
                       (vscale (- eta) (xi k)))
      by (intros i _; unfold stoch_step, vsub, vscale, vadd; ring).
    rewrite norm_scale, Rabs_left by lra. ring.
Qed.

(** Under a tail condition P(‖ξ‖ ≥ r) ≤ C/r^α, one step is within ηr of the noiseless step
    with probability ≥ 1 − C/r^α. *)
Corollary step_within_whp n p (xi : nat -> W n) D (w : W n) eta C alpha :
  tail_bound p (fun k => norm n (xi k)) C alpha -> 0 < eta ->
  forall N r, 0 < r ->
  prob_ge N p (fun k => norm n (vsub (stoch_step n eta D w (xi k)) (vsub w (vscale eta (D w)))))
          (eta * r) <= C / Rpower r alpha.
Proof. intros Ht He N r Hr. rewrite step_deviation_tail by exact He. now apply Ht. Qed.

(** The heavy noise as a vector: ξ_k = X_k e₀. *)
Definition ht_xi (n : nat) (k : nat) : W n := fun i => if Nat.eqb i 0 then ht_x k else 0.

Lemma norm2_coord0 n x : (0 < n)%nat -> norm2 n (fun i => if Nat.eqb i 0 then x else 0) = x * x.
Proof.
  intros Hn. induction n as [|n IH]; [lia|]. unfold norm2, inner in *. simpl vsum.
  destruct n as [|n]; [simpl; ring|]. rewrite IH by lia. simpl. ring.
Qed.

Lemma ht_xi_norm n k : (0 < n)%nat -> norm n (ht_xi n k) = ht_x k.
Proof.
  intros Hn. unfold norm, ht_xi. rewrite norm2_coord0 by exact Hn.
  apply sqrt_square. pose proof (ht_x_ge_1 k). lra.
Qed.

Theorem ht_noise_tail n : (0 < n)%nat -> tail_bound ht_p (fun k => norm n (ht_xi n k)) 1 1.
Proof.
  intros Hn N r Hr. unfold prob_ge.
  rewrite (expect_ext N ht_p _ (fun k => indicator_ge (ht_x k) r))
    by (intros k _; cbv beta; now rewrite ht_xi_norm).
  exact (ht_tail_alpha_1 N r Hr).
Qed.

(** One step under the heavy-tailed noise (infinite variance): with probability ≥ 1 − 1/r the
    stochastic step is within ηr of the noiseless step w − ηD(w). *)
Theorem ht_step_whp n D (w : W n) eta N r :
  (0 < n)%nat -> 0 < eta -> 0 < r ->
  prob_ge N ht_p (fun k => norm n (vsub (stoch_step n eta D w (ht_xi n k))
                                         (vsub w (vscale eta (D w))))) (eta * r) <= / r.
Proof.
  intros Hn He Hr. eapply Rle_trans; [apply (step_within_whp n ht_p (ht_xi n) D w eta 1 1);
    [apply ht_noise_tail; exact Hn | exact He | exact Hr]|].
  rewrite Rpower_1 by exact Hr. right. unfold Rdiv. ring.
Qed.

(** ** Clipping restores a finite second moment *)

Definition clip (n : nat) (tau : R) (v : W n) : W n := vscale (Rmin 1 (tau / norm n v)) v.

Theorem clip_norm_le n tau v : 0 <= tau -> norm n (clip n tau v) <= tau.
Proof.
  intros Ht. unfold clip. rewrite norm_scale. pose proof (norm_nonneg n v) as Hv.
  destruct (Req_dec (norm n v) 0) as [H0|H0]; [rewrite H0, Rmult_0_r; exact Ht|].
  assert (Hpos : 0 < norm n v)
    by (destruct Hv as [Hv|Hv]; [exact Hv | exfalso; apply H0; symmetry; exact Hv]).
  assert (Hm : 0 <= Rmin 1 (tau / norm n v)) by (apply Rmin_glb; [lra | apply Rle_mult_inv_pos; lra]).
  rewrite Rabs_pos_eq by exact Hm.
  apply Rle_trans with (tau / norm n v * norm n v).
  - apply Rmult_le_compat_r; [exact Hv | apply Rmin_r].
  - right. field. exact H0.
Qed.

Theorem clipped_bounded_variance n K p (xi : nat -> W n) tau :
  is_law K p -> 0 <= tau -> bounded_variance n K p (fun k => clip n tau (xi k)) (tau * tau).
Proof.
  intros Hl Ht. unfold bounded_variance.
  eapply Rle_trans; [|right; apply (expect_const K p (tau * tau) Hl)].
  apply expect_le; [exact Hl|]. intros k _. cbv beta. rewrite <- norm_sqr.
  pose proof (clip_norm_le n tau (xi k) Ht). pose proof (norm_nonneg n (clip n tau (xi k))).
  nra.
Qed.

(** Even the infinite-variance noise has E‖clip ξ‖² ≤ τ² (every partial sum). *)
Theorem ht_clipped_second_moment n tau N :
  0 <= tau -> vsum N (fun k => ht_p k * norm2 n (clip n tau (ht_xi n k))) <= tau * tau.
Proof.
  intros Ht. eapply Rle_trans; [apply (vsum_le N _ (fun k => tau * tau * ht_p k))|].
  - intros k _. cbv beta. rewrite <- norm_sqr. pose proof (ht_p_nonneg k).
    pose proof (clip_norm_le n tau (ht_xi n k) Ht). pose proof (norm_nonneg n (clip n tau (ht_xi n k))).
    assert (norm n (clip n tau (ht_xi n k)) * norm n (clip n tau (ht_xi n k)) <= tau * tau) by nra.
    nra.
  - rewrite vsum_scal, ht_mass_partial. pose proof (pow_le (/ 2) N ltac:(lra)).
    assert (0 <= tau * tau) by nra. nra.
Qed.
