(** * LeanSharp.Theory.Alignment.SignalNoise — sensitivity of the Z-score statistics and mask to additive noise

    The observed gradient is v = g + ξ: a fixed signal g ∈ W n plus noise ξ (for the
    probabilistic statements, ξ = ξ_k drawn from a finite law p, [Core.FiniteProb]).
    μ, σ are the population mean and standard deviation of [Core.Stats]; the mask is the
    idealised significant mask [Filter.ZMask.sig_mask] m_i = [|v_i − μ(v)| ≥ tσ(v)].

    Main results (n ≥ 1, t ≥ 0)
    - [vector_mean_stability]: |μ(g + ξ) − μ(g)| ≤ (1/n)Σ_i |ξ_i|
    - [observed_mean_expected]: ξ unbiased ⇒ E_k μ(g + ξ_k) = μ(g)
    - [noise_energy_bound]: E ξ_i² ≤ s for every i ⇒ E‖ξ‖² ≤ n s
    - [deviation_stability]: |(v_i − μ(v)) − (g_i − μ(g))| ≤ ‖ξ‖
    - [sd_add_le], [sd_sub_le]: σ(g) − ‖ξ‖ ≤ σ(g + ξ) ≤ σ(g) + ‖ξ‖
    - [signal_preserved]: ‖ξ‖ ≤ r and |g_i − μ(g)| ≥ tσ(g) + (1 + t)r ⇒ m_i(g + ξ) = 1
    - [noise_dropped]: ‖ξ‖ ≤ r and |g_i − μ(g)| + (1 + t)r < tσ(g) ⇒ m_i(g + ξ) = 0
    - [preservation_prob_lower_bound]: with margin γ = |g_i − μ(g)| − tσ(g) > 0,
          P(m_i(g + ξ_k) = 1) ≥ 1 − (1 + t)² E‖ξ‖²/γ²     (Markov on ‖ξ‖²)
    - [drop_prob_lower_bound]: with margin γ = tσ(g) − |g_i − μ(g)| > 0,
          P(m_i(g + ξ_k) = 0) ≥ 1 − (1 + t)² E‖ξ‖²/γ² *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats FiniteProb.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Optim Require Import Smooth.
Open Scope R_scope.

Definition centered (n : nat) (g : W n) : W n := fun i => g i - mean n g.

(** ** The statistics of g + ξ *)

Lemma mean_vadd n g x : mean n (vadd g x) = mean n g + mean n x.
Proof. unfold mean, vadd. rewrite vsum_add. unfold Rdiv. ring. Qed.

(** |μ(g + ξ) − μ(g)| ≤ (1/n) Σ_i |ξ_i|. *)
Theorem vector_mean_stability n g x :
  Rabs (mean n (vadd g x) - mean n g) <= mean n (fun i => Rabs (x i)).
Proof.
  rewrite mean_vadd. replace (mean n g + mean n x - mean n g) with (mean n x) by ring.
  unfold mean. destruct n as [|n]; [simpl; unfold Rdiv; rewrite Rinv_0, !Rmult_0_r, Rabs_R0; lra|].
  assert (0 < INR (S n)) by (apply lt_0_INR; lia).
  unfold Rdiv. rewrite Rabs_mult, (Rabs_pos_eq (/ _)) by (left; apply Rinv_0_lt_compat; lra).
  apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat; lra | apply vsum_abs_le].
Qed.

(** E_k μ(g + ξ_k) = μ(g) for unbiased noise. *)
Theorem observed_mean_expected n K p g (xi : nat -> W n) :
  is_law K p -> unbiased n K p xi -> expect K p (fun k => mean n (vadd g (xi k))) = mean n g.
Proof.
  intros Hl Hu. rewrite (expect_ext K p _ (fun k => mean n g + / INR n * vsum n (xi k)))
    by (intros; rewrite mean_vadd; unfold mean, Rdiv; ring).
  rewrite expect_add, expect_scal, expect_const by exact Hl.
  unfold expect. rewrite (vsum_ext K _ (fun k => vsum n (fun i => p k * xi k i)))
    by (intros; rewrite <- vsum_scal; reflexivity).
  rewrite vsum_swap, (vsum_ext n _ (fun _ => 0)), vsum_const by (intros i Hi; apply (Hu i Hi)).
  ring.
Qed.

(** Per-coordinate variance ≤ s ⇒ E‖ξ‖² ≤ n s. *)
Theorem noise_energy_bound n K p (xi : nat -> W n) s :
  (forall i, (i < n)%nat -> expect K p (fun k => xi k i ^ 2) <= s) ->
  expect K p (fun k => norm2 n (xi k)) <= INR n * s.
Proof.
  intros H. unfold expect, norm2, inner.
  rewrite (vsum_ext K _ (fun k => vsum n (fun i => p k * (xi k i * xi k i))))
    by (intros; rewrite <- vsum_scal; reflexivity).
  rewrite vsum_swap, <- vsum_const. apply vsum_le. intros i Hi.
  eapply Rle_trans; [|apply (H i Hi)]. right. apply vsum_ext. intros; ring.
Qed.

Lemma ssd_centered n g : ssd n g = norm2 n (centered n g).
Proof. reflexivity. Qed.

Lemma ssd_le_norm2 n x : ssd n x <= norm2 n x.
Proof.
  unfold ssd, norm2, inner, Rsqr. set (m := mean n x).
  rewrite (vsum_ext n _ (fun i => x i * x i + (-2 * m * x i + m * m))) by (intros; ring).
  rewrite vsum_add, vsum_add, vsum_scal, vsum_const.
  change (vsum n (fun i => x i)) with (vsum n x). rewrite (sum_mean n x). fold m.
  pose proof (pos_INR n). pose proof (Rle_0_sqr m). unfold Rsqr in *. nra.
Qed.

Lemma sqrt_ssd_le_norm n x : sqrt (ssd n x) <= norm n x.
Proof. apply sqrt_le_1_alt, ssd_le_norm2. Qed.

(** σ(g + ξ) ≤ σ(g) + ‖ξ‖ (Minkowski on the centred vectors). *)
Theorem sd_add_le n g x : (1 <= n)%nat -> sd n (vadd g x) <= sd n g + norm n x.
Proof.
  intros Hn. assert (HN : 1 <= INR n) by (apply (le_INR 1); lia).
  assert (Hsd : forall y, sd n y = sqrt (ssd n y) / sqrt (INR n))
    by (intros; unfold sd, var; apply sqrt_div_alt; lra).
  assert (Hs1 : 1 <= sqrt (INR n)) by (rewrite <- sqrt_1; apply sqrt_le_1_alt; lra).
  assert (Htri : sqrt (ssd n (vadd g x)) <= sqrt (ssd n g) + sqrt (ssd n x)).
  { rewrite !ssd_centered. fold (norm n (centered n (vadd g x))).
    fold (norm n (centered n g)) (norm n (centered n x)).
    rewrite (norm_ext n _ (vadd (centered n g) (centered n x)))
      by (intros; unfold centered; rewrite mean_vadd; unfold vadd; ring).
    apply norm_triangle. }
  pose proof (sqrt_ssd_le_norm n x). pose proof (sqrt_pos (ssd n x)).
  rewrite !Hsd. unfold Rdiv.
  assert (Hinv : 0 < / sqrt (INR n) <= 1).
  { split; [apply Rinv_0_lt_compat; lra|]. rewrite <- Rinv_1. apply Rinv_le_contravar; lra. }
  assert (sqrt (ssd n (vadd g x)) * / sqrt (INR n) <= (sqrt (ssd n g) + sqrt (ssd n x)) * / sqrt (INR n))
    by (apply Rmult_le_compat_r; lra).
  assert (sqrt (ssd n x) * / sqrt (INR n) <= sqrt (ssd n x)).
  { rewrite <- (Rmult_1_r (sqrt (ssd n x))) at 2. apply Rmult_le_compat_l; lra. }
  lra.
Qed.

Theorem sd_sub_le n g x : (1 <= n)%nat -> sd n g <= sd n (vadd g x) + norm n x.
Proof.
  intros Hn. pose proof (sd_add_le n (vadd g x) (vopp x) Hn) as H.
  rewrite (sd_ext n (vadd (vadd g x) (vopp x)) g) in H by (intros; unfold vadd, vopp; ring).
  rewrite (norm_ext n (vopp x) (vscale (-1) x)), norm_scale in H by (intros; unfold vopp, vscale; ring).
  replace (Rabs (-1)) with 1 in H by (rewrite Rabs_left; lra). lra.
Qed.

(** |(v_i − μ(v)) − (g_i − μ(g))| = |ξ_i − μ(ξ)| ≤ ‖ξ‖. *)
Theorem deviation_stability n g x i :
  (i < n)%nat -> Rabs ((vadd g x i - mean n (vadd g x)) - (g i - mean n g)) <= norm n x.
Proof.
  intros Hi. rewrite mean_vadd.
  replace (vadd g x i - (mean n g + mean n x) - (g i - mean n g)) with (x i - mean n x)
    by (unfold vadd; ring).
  eapply Rle_trans; [|apply sqrt_ssd_le_norm]. rewrite <- sqrt_Rsqr_abs.
  apply sqrt_le_1_alt. unfold ssd.
  apply (vsum_term_le n (fun j => (x j - mean n x)²) i); [intros; apply Rle_0_sqr | exact Hi].
Qed.

(** ** The mask under small noise *)

Section Mask.
Context (n : nat) (t r : R) (g x : W n) (i : nat).
Hypotheses (Hn : (1 <= n)%nat) (Hi : (i < n)%nat) (Ht : 0 <= t) (Hx : norm n x <= r).

(** A component whose deviation exceeds tσ(g) by (1 + t)r survives noise of norm ≤ r. *)
Theorem signal_preserved :
  t * sd n g + (1 + t) * r <= Rabs (g i - mean n g) -> sig_mask n t (vadd g x) i = 1.
Proof.
  intros Hm. apply dev_ge_mask_1.
  pose proof (deviation_stability n g x i Hi) as Hd. pose proof (sd_add_le n g x Hn).
  pose proof (Rabs_triang_inv (vadd g x i - mean n (vadd g x)) (g i - mean n g)) as Hrev.
  pose proof (Rabs_triang_inv (g i - mean n g) (vadd g x i - mean n (vadd g x))) as Hrev2.
  rewrite Rabs_minus_sym in Hd.
  assert (t * sd n (vadd g x) <= t * (sd n g + r)) by (apply Rmult_le_compat_l; lra).
  lra.
Qed.

(** A component whose deviation is below tσ(g) by (1 + t)r is dropped under noise of norm ≤ r. *)
Theorem noise_dropped :
  Rabs (g i - mean n g) + (1 + t) * r < t * sd n g -> sig_mask n t (vadd g x) i = 0.
Proof.
  intros Hm. apply dev_ge_mask_0.
  pose proof (deviation_stability n g x i Hi) as Hd. pose proof (sd_sub_le n g x Hn).
  pose proof (Rabs_triang_inv (vadd g x i - mean n (vadd g x)) (g i - mean n g)) as Hrev.
  assert (t * (sd n g - r) <= t * sd n (vadd g x)) by (apply Rmult_le_compat_l; lra).
  lra.
Qed.

End Mask.

(** ** Probability of preserving a signal component, of dropping a noise component *)

Section Probability.
Context (n K : nat) (p : nat -> R) (xi : nat -> W n) (g : W n) (t : R) (i : nat).
Hypotheses (Hl : is_law K p) (Hn : (1 <= n)%nat) (Hi : (i < n)%nat) (Ht : 0 <= t).

Lemma small_noise_event gam k :
  0 < gam -> norm2 n (xi k) < (gam / (1 + t)) ^ 2 -> (1 + t) * norm n (xi k) < gam.
Proof.
  intros Hg H. assert (Hr : 0 < gam / (1 + t)) by (apply Rdiv_lt_0_compat; lra).
  assert (norm n (xi k) < gam / (1 + t)).
  { destruct (Rlt_dec (norm n (xi k)) (gam / (1 + t))) as [|Hge]; [assumption|].
    pose proof (norm_sqr n (xi k)). simpl in H. nra. }
  apply (Rmult_lt_compat_l (1 + t)) in H0; [|lra].
  replace ((1 + t) * (gam / (1 + t))) with gam in H0 by (field; lra). exact H0.
Qed.

(** An event that holds whenever the noise is small, ‖ξ_k‖ < γ/(1 + t), has probability
    ≥ 1 − (1 + t)² E‖ξ‖²/γ² (Markov on ‖ξ‖²). *)
Lemma small_noise_prob (f : nat -> R) gam :
  0 < gam -> (forall k, (k < K)%nat -> 0 <= f k) ->
  (forall k, (k < K)%nat -> (1 + t) * norm n (xi k) < gam -> f k = 1) ->
  1 - (1 + t) ^ 2 * expect K p (fun k => norm2 n (xi k)) / gam ^ 2 <= expect K p f.
Proof.
  intros Hg Hf0 Hf1. set (r := gam / (1 + t)). assert (Hr : 0 < r) by (apply Rdiv_lt_0_compat; lra).
  assert (Hpt : forall k, (k < K)%nat -> 1 + (-1) * indicator_ge (norm2 n (xi k)) (r ^ 2) <= f k).
  { intros k Hk. unfold indicator_ge. destruct (Rle_dec (r ^ 2) (norm2 n (xi k))) as [|Hlt].
    - pose proof (Hf0 k Hk). lra.
    - rewrite (Hf1 k Hk (small_noise_event gam k Hg ltac:(fold r; lra))). lra. }
  eapply Rle_trans; [|apply expect_le; [exact Hl | exact Hpt]].
  rewrite expect_add, expect_scal, expect_const by exact Hl.
  pose proof (markov K p (fun k => norm2 n (xi k)) (r ^ 2) Hl (fun k _ => norm2_nonneg n (xi k))
                (pow_lt r 2 Hr)) as Hm. unfold prob_ge in Hm.
  replace ((1 + t) ^ 2 * expect K p (fun k => norm2 n (xi k)) / gam ^ 2)
    with (expect K p (fun k => norm2 n (xi k)) / r ^ 2) by (unfold r; field; lra).
  lra.
Qed.

(** P(m_i(g + ξ_k) = 1) ≥ 1 − (1 + t)² E‖ξ‖²/γ²,  γ = |g_i − μ(g)| − tσ(g) > 0. *)
Theorem preservation_prob_lower_bound :
  let gam := Rabs (g i - mean n g) - t * sd n g in
  0 < gam ->
  1 - (1 + t) ^ 2 * expect K p (fun k => norm2 n (xi k)) / gam ^ 2
  <= expect K p (fun k => sig_mask n t (vadd g (xi k)) i).
Proof.
  intros gam Hg. apply small_noise_prob; [exact Hg | |].
  - intros k _. pose proof (sig_mask_is_mask n t (vadd g (xi k)) i Hi) as [H|H]; rewrite H; lra.
  - intros k _ Hs. apply (signal_preserved n t (norm n (xi k)) g (xi k) i Hn Hi Ht (Rle_refl _)).
    unfold gam in *. lra.
Qed.

(** P(m_i(g + ξ_k) = 0) ≥ 1 − (1 + t)² E‖ξ‖²/γ²,  γ = tσ(g) − |g_i − μ(g)| > 0. *)
Theorem drop_prob_lower_bound :
  let gam := t * sd n g - Rabs (g i - mean n g) in
  0 < gam ->
  1 - (1 + t) ^ 2 * expect K p (fun k => norm2 n (xi k)) / gam ^ 2
  <= expect K p (fun k => 1 - sig_mask n t (vadd g (xi k)) i).
Proof.
  intros gam Hg. apply small_noise_prob; [exact Hg | |].
  - intros k _. pose proof (sig_mask_is_mask n t (vadd g (xi k)) i Hi) as [H|H]; rewrite H; lra.
  - intros k _ Hs. rewrite (noise_dropped n t (norm n (xi k)) g (xi k) i Hn Hi Ht (Rle_refl _)); [lra|].
    unfold gam in *. lra.
Qed.

End Probability.
