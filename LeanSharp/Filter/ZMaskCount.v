(** * LeanSharp.Filter.ZMaskCount — how many components the idealised Z-filter keeps

    For g ∈ W n, μ = mean, σ = population sd, s = sample sd, #m = mask_count n m:

    Main results
    - [zmask_nonempty]: n ≥ 1, t ≤ 1 ⇒ #sig_mask n t g ≥ 1
      (Σ(g_i − μ)² = nσ², so some |g_i − μ| ≥ σ ≥ tσ)
    - [zmask_s_nonempty]: n ≥ 2, t ≤ √((n−1)/n) ⇒ #sig_mask_s n t g ≥ 1
    - [zmask_s_nonempty_sharp]: for every even n ≥ 2 the bound is sharp: the ±1 vector
      [alt] has |g_i − μ| = √((n−1)/n)·s for every i, so for t > √((n−1)/n) the sample
      mask is empty; hence  (∀ g, #sig_mask_s n t g ≥ 1) ⇔ t ≤ √((n−1)/n)
    - [zmask_chebyshev]: t > 0, σ > 0 ⇒ #sig_mask n t g ≤ n / t²   (discrete Chebyshev)
    - [zmask_s_chebyshev]: n ≥ 2, t > 0, s > 0 ⇒ #sig_mask_s n t g ≤ (n − 1) / t²
      (both instances of [dev_ge_chebyshev_scaled]: cutoff t·s with Σ(g_i − μ)² = K s²)
    - σ = 0: [sd_eq_0_iff_const] (σ = 0 ⇔ all g_i equal), [zmask_sigma_zero]
      (then both masks keep every component, for every t, so # = n; via
      [dev_masks_sigma_zero]), and
      [chebyshev_needs_sigma_pos]: the constant vector with t = 2 keeps n > n/4. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask.
Open Scope R_scope.

(** ** Counting lemmas *)

Lemma mask_count_ge_1 n m i : is_mask n m -> (i < n)%nat -> m i = 1 -> 1 <= mask_count n m.
Proof.
  intros Hm Hi H1. rewrite <- H1. apply vsum_term_le; [|exact Hi].
  intros j Hj. now apply (mask_bounds n m j Hm Hj).
Qed.

Lemma mask_count_full n m : (forall i, (i < n)%nat -> m i = 1) -> mask_count n m = INR n.
Proof.
  intros H. unfold mask_count. rewrite (vsum_ext n m (fun _ => 1)) by exact H.
  rewrite vsum_const. ring.
Qed.

Lemma mask_count_empty n m : (forall i, (i < n)%nat -> m i = 0) -> mask_count n m = 0.
Proof.
  intros H. unfold mask_count. rewrite (vsum_ext n m (fun _ => 0)) by exact H.
  rewrite vsum_const. ring.
Qed.

Lemma ssd_sd n g : ssd n g = INR n * (sd n g * sd n g).
Proof. rewrite sd_sqr, n_var. reflexivity. Qed.

Lemma ssd_sstd n g : (2 <= n)%nat -> ssd n g = INR (n - 1) * (sstd n g * sstd n g).
Proof. intros Hn. rewrite sstd_sqr, svar_var, n_var by exact Hn. reflexivity. Qed.

(** ** Non-emptiness *)

(** Some deviation reaches σ: if every |g_i − μ| < σ then Σ(g_i − μ)² < nσ². *)
Lemma exists_dev_ge_sd n g c :
  (0 < n)%nat -> c <= sd n g -> exists i, (i < n)%nat /\ c <= Rabs (g i - mean n g).
Proof.
  intros Hn Hc. destruct (Rle_dec c 0) as [Hc0|Hc0].
  - exists 0%nat. split; [exact Hn|]. pose proof (Rabs_pos (g 0%nat - mean n g)). lra.
  - assert (Hs : 0 <= vsum n (fun i => (g i - mean n g)² - c * c)).
    { rewrite vsum_sub, vsum_const. fold (ssd n g). rewrite ssd_sd.
      assert (c * c <= sd n g * sd n g) by nra. pose proof (pos_INR n). nra. }
    destruct (vsum_nonneg_exists n _ Hn Hs) as [i [Hi Hd]].
    exists i. split; [exact Hi|]. rewrite Rsqr_abs in Hd. unfold Rsqr in Hd.
    pose proof (Rabs_pos (g i - mean n g)). nra.
Qed.

Lemma dev_ge_mask_nonempty n c g :
  (0 < n)%nat -> c <= sd n g -> 1 <= mask_count n (dev_ge_mask n c g).
Proof.
  intros Hn Hc. destruct (exists_dev_ge_sd n g c Hn Hc) as [i [Hi Hd]].
  apply (mask_count_ge_1 n _ i (dev_ge_mask_is_mask n c g) Hi), dev_ge_mask_1, Hd.
Qed.

(** Non-emptiness (population σ): with n ≥ 1 and t ≤ 1 at least one component is kept. *)
Theorem zmask_nonempty n t g : (0 < n)%nat -> t <= 1 -> 1 <= mask_count n (sig_mask n t g).
Proof.
  intros Hn Ht. apply dev_ge_mask_nonempty; [exact Hn|].
  pose proof (sd_nonneg n g). nra.
Qed.

(** Non-emptiness (sample std): with n ≥ 2 and t ≤ √((n−1)/n) at least one is kept. *)
Theorem zmask_s_nonempty n t g :
  (2 <= n)%nat -> t <= sqrt (INR (n - 1) / INR n) -> 1 <= mask_count n (sig_mask_s n t g).
Proof.
  intros Hn Ht. apply dev_ge_mask_nonempty; [lia|].
  rewrite (sd_sstd n g Hn). pose proof (sqrt_pos (svar n g)). unfold sstd. nra.
Qed.

(** ** Sharpness of the sample bound: the ±1 vector *)

Definition alt : nat -> R := fun i => if Nat.even i then 1 else -1.

Lemma alt_sqr i : alt i * alt i = 1.
Proof. unfold alt. destruct (Nat.even i); ring. Qed.

Lemma vsum_alt_even k : vsum (2 * k) alt = 0.
Proof.
  induction k as [|k IH]; [reflexivity|].
  replace (2 * S k)%nat with (S (S (2 * k))) by lia.
  change (vsum (S (S (2 * k))) alt) with (vsum (2 * k) alt + alt (2 * k) + alt (S (2 * k)))%R.
  rewrite IH.
  unfold alt. rewrite Nat.even_succ.
  assert (Nat.even (2 * k) = true) as -> by (apply Nat.even_spec; now exists k).
  assert (Nat.odd (2 * k) = false) as ->.
  { rewrite <- Nat.negb_even. apply Bool.negb_false_iff, Nat.even_spec. now exists k. }
  ring.
Qed.

Lemma mean_alt n : Nat.Even n -> mean n alt = 0.
Proof.
  intros [k ->]. unfold mean. rewrite vsum_alt_even. unfold Rdiv. ring.
Qed.

Lemma sstd_alt n : (2 <= n)%nat -> Nat.Even n -> sstd n alt = sqrt (INR n / INR (n - 1)).
Proof.
  intros Hn He. unfold sstd, svar, ssd. rewrite mean_alt by exact He. f_equal. f_equal.
  rewrite (vsum_ext n _ (fun _ => 1)) by (intros; unfold Rsqr; rewrite Rminus_0_r; apply alt_sqr).
  rewrite vsum_const. ring.
Qed.

(** For the ±1 vector (n even) every deviation equals √((n−1)/n)·s exactly. *)
Theorem alt_dev_sharp n i :
  (2 <= n)%nat -> Nat.Even n ->
  Rabs (alt i - mean n alt) = sqrt (INR (n - 1) / INR n) * sstd n alt.
Proof.
  intros Hn He. assert (0 < INR n) by (apply lt_0_INR; lia).
  assert (0 < INR (n - 1)) by (apply lt_0_INR; lia).
  rewrite mean_alt, sstd_alt by assumption.
  rewrite <- sqrt_mult_alt by (apply Rlt_le, Rdiv_lt_0_compat; lra).
  replace (INR (n - 1) / INR n * (INR n / INR (n - 1))) with 1 by (field; lra).
  rewrite sqrt_1, Rminus_0_r. unfold alt.
  unfold Rabs. destruct (Nat.even i), Rcase_abs; lra.
Qed.

(** Above √((n−1)/n) the sample mask of the ±1 vector is empty. *)
Theorem zmask_s_empty_alt n t :
  (2 <= n)%nat -> Nat.Even n -> sqrt (INR (n - 1) / INR n) < t ->
  forall i, (i < n)%nat -> sig_mask_s n t alt i = 0.
Proof.
  intros Hn He Ht i Hi. apply dev_ge_mask_0. rewrite alt_dev_sharp by assumption.
  assert (0 < sstd n alt).
  { rewrite sstd_alt by assumption. apply sqrt_lt_R0, Rdiv_lt_0_compat;
      apply lt_0_INR; lia. }
  nra.
Qed.

(** At t = √((n−1)/n) itself the ±1 vector keeps every component. *)
Theorem zmask_s_full_alt n :
  (2 <= n)%nat -> Nat.Even n ->
  forall i, (i < n)%nat -> sig_mask_s n (sqrt (INR (n - 1) / INR n)) alt i = 1.
Proof.
  intros Hn He i Hi. apply dev_ge_mask_1. rewrite alt_dev_sharp by assumption. lra.
Qed.

(** Sharp non-emptiness (sample std, n even ≥ 2): the sample mask is non-empty for
    every g iff t ≤ √((n−1)/n). *)
Theorem zmask_s_nonempty_sharp n t :
  (2 <= n)%nat -> Nat.Even n ->
  ((forall g, 1 <= mask_count n (sig_mask_s n t g)) <-> t <= sqrt (INR (n - 1) / INR n)).
Proof.
  intros Hn He. split.
  - intros H. apply Rnot_lt_le. intros Ht. specialize (H alt).
    rewrite (mask_count_empty n _ (zmask_s_empty_alt n t Hn He Ht)) in H. lra.
  - intros Ht g. now apply zmask_s_nonempty.
Qed.

(** ** Discrete Chebyshev *)

(** #[|g_i − μ| ≥ c] · c² ≤ Σ(g_i − μ)² for c > 0. *)
Lemma dev_ge_chebyshev n c g :
  0 < c -> mask_count n (dev_ge_mask n c g) * (c * c) <= ssd n g.
Proof.
  intros Hc. unfold mask_count, ssd. rewrite Rmult_comm, <- vsum_scal.
  apply vsum_le. intros i _. unfold dev_ge_mask. rewrite Rsqr_abs. unfold Rsqr.
  pose proof (Rabs_pos (g i - mean n g)).
  destruct Rle_dec; nra.
Qed.

(** The same with the cutoff t·s for any scale s with Σ(g_i − μ)² = K·s². *)
Lemma dev_ge_chebyshev_scaled n t s K g :
  0 < t -> 0 < s -> ssd n g = K * (s * s) -> mask_count n (dev_ge_mask n (t * s) g) <= K / (t * t).
Proof.
  intros Ht Hs HK. pose proof (dev_ge_chebyshev n (t * s) g ltac:(nra)) as H.
  rewrite HK in H. apply (Rmult_le_reg_r (t * t)); [nra|].
  unfold Rdiv. rewrite Rmult_assoc, Rinv_l, Rmult_1_r by nra.
  apply (Rmult_le_reg_r (s * s)); nra.
Qed.

(** Discrete Chebyshev (population σ): t > 0, σ > 0 ⇒ at most n/t² components kept. *)
Theorem zmask_chebyshev n t g :
  0 < t -> 0 < sd n g -> mask_count n (sig_mask n t g) <= INR n / (t * t).
Proof. intros Ht Hs. apply dev_ge_chebyshev_scaled; [exact Ht | exact Hs | apply ssd_sd]. Qed.

(** Discrete Chebyshev (sample std): n ≥ 2, t > 0, s > 0 ⇒ at most (n−1)/t² kept. *)
Theorem zmask_s_chebyshev n t g :
  (2 <= n)%nat -> 0 < t -> 0 < sstd n g ->
  mask_count n (sig_mask_s n t g) <= INR (n - 1) / (t * t).
Proof. intros Hn Ht Hs. apply dev_ge_chebyshev_scaled; [exact Ht | exact Hs | now apply ssd_sstd]. Qed.

(** ** The degenerate case σ = 0 *)

(** σ = 0 iff all components are equal (n ≥ 1). *)
Theorem sd_eq_0_iff_const n g :
  (0 < n)%nat -> sd n g = 0 <-> forall i, (i < n)%nat -> g i = g 0%nat.
Proof.
  intros Hn. unfold sd. split.
  - intros H i Hi. apply sqrt_eq_0 in H; [|apply var_nonneg].
    rewrite (proj1 (var_eq_0 n g Hn) H i Hi), (proj1 (var_eq_0 n g Hn) H 0%nat Hn).
    reflexivity.
  - intros H. unfold var. rewrite (ssd_ext n g (fun _ => g 0%nat) H).
    fold (var n (fun _ => g 0%nat)). rewrite var_const. apply sqrt_0.
Qed.

Lemma dev_sigma_zero n g i : sd n g = 0 -> (i < n)%nat -> Rabs (g i - mean n g) = 0.
Proof.
  intros H Hi. unfold sd in H. apply sqrt_eq_0 in H; [|apply var_nonneg].
  rewrite (proj1 (var_eq_0 n g ltac:(lia)) H i Hi), Rminus_eq_0. apply Rabs_R0.
Qed.

(** σ = 0: both cutoff masks at a cutoff 0 keep every component. *)
Lemma dev_masks_sigma_zero n c g i :
  sd n g = 0 -> c = 0 -> (i < n)%nat -> dev_ge_mask n c g i = 1 /\ dev_le_mask n c g i = 1.
Proof.
  intros H -> Hi. pose proof (dev_sigma_zero n g i H Hi).
  split; [apply dev_ge_mask_1 | apply dev_le_mask_1]; lra.
Qed.

(** σ = 0: the significant and the inlier mask both keep every component, for every t. *)
Theorem zmask_sigma_zero n t g :
  sd n g = 0 -> forall i, (i < n)%nat -> sig_mask n t g i = 1 /\ inlier_mask n t g i = 1.
Proof. intros H i Hi. apply dev_masks_sigma_zero; [exact H | rewrite H; ring | exact Hi]. Qed.

Corollary zmask_count_sigma_zero n t g :
  sd n g = 0 -> mask_count n (sig_mask n t g) = INR n /\ mask_count n (inlier_mask n t g) = INR n.
Proof.
  intros H. split; apply mask_count_full; intros i Hi; apply (zmask_sigma_zero n t g H i Hi).
Qed.

(** The same for the sample masks (s = 0 iff σ = 0 when n ≥ 2). *)
Theorem zmask_s_sigma_zero n t g :
  (2 <= n)%nat -> sstd n g = 0 ->
  forall i, (i < n)%nat -> sig_mask_s n t g i = 1 /\ inlier_mask_s n t g i = 1.
Proof.
  intros Hn H i Hi. apply dev_masks_sigma_zero; [|rewrite H; ring | exact Hi].
  rewrite sd_sstd, H by exact Hn. ring.
Qed.

(** Chebyshev needs σ > 0: a constant vector (σ = 0) with t = 2 keeps all n > n/4. *)
Theorem chebyshev_const_counterexample n c :
  (0 < n)%nat -> INR n / (2 * 2) < mask_count n (sig_mask n 2 (fun _ => c)).
Proof.
  intros Hn. assert (Hs : sd n (fun _ => c) = 0) by (unfold sd; rewrite var_const; apply sqrt_0).
  rewrite (proj1 (zmask_count_sigma_zero n 2 _ Hs)). pose proof (lt_0_INR n Hn). lra.
Qed.

Corollary chebyshev_needs_sigma_pos :
  ~ (forall n t g, 0 < t -> mask_count n (sig_mask n t g) <= INR n / (t * t)).
Proof.
  intros H. pose proof (chebyshev_const_counterexample 1 0 ltac:(lia)).
  specialize (H 1%nat 2 (fun _ => 0) ltac:(lra)). lra.
Qed.
