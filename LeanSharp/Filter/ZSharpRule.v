(** * LeanSharp.Filter.ZSharpRule — ZSharp's actual filtering rule over a list of layers

    The rule of ZSharp's published PyTorch optimizer (SPEC §2.1). A layer is a pair
    (n, g) with g ∈ W n; a network gradient is a list of layers.

    Definitions
    - [eps_std] = 1e-8 (the theorems keep ε_std > 0 a parameter [eps]),
      [default_p] = 70 (the theorems keep p ∈ [0, 100] a parameter)
    - [zscore eps n g i] = z_i = (g_i − μ)/(s + ε)  with μ = [mean], s = [sstd] (sample std,
      divisor n − 1, torch.std); z = 0 for a layer with n < 2 components
    - [absz eps n g i] = |z_i|;  [all_absz eps Ls] = the |z| of all layers concatenated
    - [zthreshold eps p Ls] = t = the p-th quantile of [all_absz] ([Quantile.quantile],
      torch.quantile's linear interpolation)
    - [thr_mask c n a i] = [a_i ≥ c];  the quantile mask of a layer is [|z_i| ≥ t]
    - [topk_count n] = max(1, ⌊0.2·n⌋) (= Python's max(1, int(0.2*n)), since the
      double 0.2 exceeds 1/5 and the product cannot reach the next integer)
    - [topk_mask k n a] = [TopK.topk_exact k n a]: the top k components by |z|, EXACTLY
      k of them (k ≤ n), like torch.topk. TIES: torch.topk leaves the choice among equal
      |z| unspecified; here (as in the reference implementation's stable argsort) the
      lowest indices win ([TopK.topk_exact_ties]); a kept component always has |z| ≥
      every dropped one ([TopK.topk_exact_top]), so the kept set is one of the sets
      torch.topk may return.
    - [layer_mask eps p Ls n g] = the quantile mask of the layer, or [topk_mask
      (topk_count n)] of its |z| when the quantile mask is empty (mask.sum() == 0)
    - [zsharp_filter eps p Ls] = the layers (n, g ⊙ m), [lnorm2]/[lnorm] = the norm of
      the concatenated gradient

    Main results
    - [zscore_small_layer]: z = 0 when n < 2;  [zscore_const_layer], [zscore_sstd_0]:
      a constant layer (equivalently s = 0) has all z_i = 0
    - [zscore_rescaled_threshold]: for n ≥ 2, ε > 0, σ > 0:
      |z_i| ≥ t ⟺ |g_i − μ| ≥ t'σ with t' = t(s + ε)/σ = t(√(n/(n−1)) + ε/σ)
      ([rescaled_threshold_eq]); [thr_mask_sig_mask], [layer_mask_sig_mask]: when the
      fallback does not fire, the actual layer mask IS the idealised significant mask
      [ZMask.sig_mask] at the rescaled threshold t' = t(s + ε)/σ
    - [layer_mask_fallback], [layer_mask_no_fallback]: the two branches of the rule
    - [layer_mask_is_mask]: the actual mask is a 0/1 mask; hence
      [norm_layer_filtered_le] ‖g ⊙ m‖ ≤ ‖g‖ per layer, [inner_layer_filtered]
      ⟨g, g ⊙ m⟩ = ‖g ⊙ m‖² ≥ 0, and [lnorm_zsharp_filter_le] ‖g_f‖ ≤ ‖g‖ for the whole
      network *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec Stats Sorting Quantile.
From LeanSharp.Filter Require Import Mask ZMask TopK.
Import ListNotations.
Open Scope R_scope.

Definition eps_std : R := 1e-8.
Definition default_p : R := 70.

Lemma eps_std_pos : 0 < eps_std.
Proof. unfold eps_std. lra. Qed.

Lemma default_p_range : 0 <= default_p <= 100.
Proof. unfold default_p. lra. Qed.

(** ** Z-scores, threshold, masks *)

Definition layer : Type := (nat * (nat -> R))%type.

Definition zscore (eps : R) (n : nat) (g : W n) : W n :=
  fun i => if lt_dec n 2 then 0 else (g i - mean n g) / (sstd n g + eps).

Definition absz (eps : R) (n : nat) (g : W n) : W n := fun i => Rabs (zscore eps n g i).

Definition layer_absz (eps : R) (L : layer) : list R :=
  map (absz eps (fst L) (snd L)) (seq 0 (fst L)).

Definition all_absz (eps : R) (Ls : list layer) : list R := flat_map (layer_absz eps) Ls.

Definition zthreshold (eps p : R) (Ls : list layer) : R := quantile p (all_absz eps Ls).

Definition thr_mask (c : R) (n : nat) (a : W n) : W n :=
  fun i => if Rle_dec c (a i) then 1 else 0.

Definition topk_count (n : nat) : nat := Nat.max 1 (n / 5).

Definition topk_mask (k n : nat) (a : W n) : W n := topk_exact k n a.

Definition layer_mask (eps p : R) (Ls : list layer) (n : nat) (g : W n) : W n :=
  let m := thr_mask (zthreshold eps p Ls) n (absz eps n g) in
  if Req_EM_T (mask_count n m) 0 then topk_mask (topk_count n) n (absz eps n g) else m.

Definition zsharp_filter (eps p : R) (Ls : list layer) : list layer :=
  map (fun L => (fst L, hadamard (snd L) (layer_mask eps p Ls (fst L) (snd L)))) Ls.

Definition lnorm2 (Ls : list layer) : R :=
  fold_right (fun L acc => norm2 (fst L) (snd L) + acc) 0 Ls.
Definition lnorm (Ls : list layer) : R := sqrt (lnorm2 Ls).

(** ** Small and constant layers *)

(** A layer with fewer than 2 components gets z = 0. *)
Theorem zscore_small_layer eps n g i : (n < 2)%nat -> zscore eps n g i = 0.
Proof. intros Hn. unfold zscore. destruct (lt_dec n 2); [reflexivity | contradiction]. Qed.

Lemma zscore_at_mean eps n g i : g i = mean n g -> zscore eps n g i = 0.
Proof.
  intros H. unfold zscore. destruct (lt_dec n 2); [reflexivity|].
  rewrite H, Rminus_diag_eq by reflexivity. unfold Rdiv. ring.
Qed.

(** A constant layer has all its z-scores 0. *)
Theorem zscore_const_layer eps n g c :
  (forall i, (i < n)%nat -> g i = c) -> forall i, (i < n)%nat -> zscore eps n g i = 0.
Proof.
  intros Hc i Hi. apply zscore_at_mean.
  rewrite (mean_ext n g (fun _ => c) Hc), mean_const by lia. now apply Hc.
Qed.

(** s = 0 (the exact degenerate case) forces all z-scores to 0, for any ε. *)
Theorem zscore_sstd_0 eps n g :
  sstd n g = 0 -> forall i, (i < n)%nat -> zscore eps n g i = 0.
Proof.
  intros Hs i Hi. destruct (lt_dec n 2) as [Hn|Hn]; [now apply zscore_small_layer|].
  apply zscore_at_mean. apply (var_eq_0 n g ltac:(lia)); [|exact Hi].
  apply sqrt_eq_0 in Hs; [|apply svar_nonneg].
  pose proof (svar_var n g ltac:(lia)) as H. rewrite Hs, Rmult_0_r in H.
  assert (0 < INR n) by (apply lt_0_INR; lia). nra.
Qed.

(** ** The actual mask is a rescaled idealised significant mask *)

Lemma sstd_eps_pos eps n g : 0 < eps -> 0 < sstd n g + eps.
Proof. intros He. pose proof (sqrt_pos (svar n g)). unfold sstd. lra. Qed.

(** For n ≥ 2, ε > 0, σ > 0: |z_i| ≥ t ⟺ |g_i − μ| ≥ t'σ with t' = t(s + ε)/σ. *)
Theorem zscore_rescaled_threshold eps n g t i :
  (2 <= n)%nat -> 0 < eps -> 0 < sd n g ->
  (Rabs (zscore eps n g i) >= t <->
   Rabs (g i - mean n g) >= (t * (sstd n g + eps) / sd n g) * sd n g).
Proof.
  intros Hn He Hsd. pose proof (sstd_eps_pos eps n g He) as Hd.
  replace (t * (sstd n g + eps) / sd n g * sd n g) with (t * (sstd n g + eps))
    by (field; lra).
  unfold zscore. destruct (lt_dec n 2) as [|_]; [lia|].
  unfold Rdiv. rewrite Rabs_mult, (Rabs_pos_eq (/ _)) by (apply Rlt_le, Rinv_0_lt_compat, Hd).
  set (a := Rabs (g i - mean n g)). set (d := sstd n g + eps).
  assert (Hd' : 0 < d) by exact Hd. pose proof (Rinv_0_lt_compat d Hd) as Hi.
  split; intros Hle.
  - assert (0 <= (a * / d - t) * d) by (apply Rmult_le_pos; lra).
    assert ((a * / d - t) * d = a - t * d) by (field; lra). lra.
  - assert (0 <= (a - t * d) * / d) by (apply Rmult_le_pos; lra).
    assert ((a - t * d) * / d = a * / d - t) by (field; lra). lra.
Qed.

(** The rescaled threshold in terms of σ alone: t' = t(√(n/(n−1)) + ε/σ). *)
Lemma rescaled_threshold_eq eps n g t :
  (2 <= n)%nat -> 0 < sd n g ->
  t * (sstd n g + eps) / sd n g = t * (sqrt (INR n / INR (n - 1)) + eps / sd n g).
Proof. intros Hn Hsd. rewrite (sstd_sd n g Hn). field. lra. Qed.

(** Any cutoff on |z| is the significant mask [ZMask.sig_mask] at a rescaled threshold. *)
Theorem thr_mask_sig_mask eps n g c :
  (2 <= n)%nat -> 0 < eps -> 0 < sd n g ->
  forall i, thr_mask c n (absz eps n g) i = sig_mask n (c * (sstd n g + eps) / sd n g) g i.
Proof.
  intros Hn He Hsd i. unfold thr_mask, absz. rewrite sig_mask_eq.
  pose proof (zscore_rescaled_threshold eps n g c i Hn He Hsd) as H.
  destruct (Rle_dec c _), (Rle_dec _ (Rabs (g i - mean n g))); try reflexivity.
  - exfalso. apply n0. apply Rge_le, H. lra.
  - exfalso. apply n0. apply Rge_le, H. lra.
Qed.

(** The two branches of the rule. *)
Lemma layer_mask_fallback eps p Ls n g :
  mask_count n (thr_mask (zthreshold eps p Ls) n (absz eps n g)) = 0 ->
  layer_mask eps p Ls n g = topk_mask (topk_count n) n (absz eps n g).
Proof. intros H. unfold layer_mask. destruct (Req_EM_T _ 0); [reflexivity | contradiction]. Qed.

Lemma layer_mask_no_fallback eps p Ls n g :
  mask_count n (thr_mask (zthreshold eps p Ls) n (absz eps n g)) <> 0 ->
  layer_mask eps p Ls n g = thr_mask (zthreshold eps p Ls) n (absz eps n g).
Proof. intros H. unfold layer_mask. destruct (Req_EM_T _ 0); [contradiction | reflexivity]. Qed.

(** When the fallback does not fire, the actual layer mask is the idealised significant
    mask |g_i − μ| ≥ t'σ at the rescaled threshold t' = t(s + ε)/σ. *)
Theorem layer_mask_sig_mask eps p Ls n g :
  (2 <= n)%nat -> 0 < eps -> 0 < sd n g ->
  mask_count n (thr_mask (zthreshold eps p Ls) n (absz eps n g)) <> 0 ->
  forall i, layer_mask eps p Ls n g i =
            sig_mask n (zthreshold eps p Ls * (sstd n g + eps) / sd n g) g i.
Proof.
  intros Hn He Hsd H i. rewrite layer_mask_no_fallback by exact H.
  now apply thr_mask_sig_mask.
Qed.

(** ** The actual mask is a 0/1 mask: contraction and descent *)

Lemma thr_mask_is_mask c n a : is_mask n (thr_mask c n a).
Proof. intros i _. unfold thr_mask. destruct (Rle_dec c (a i)); auto. Qed.

(** ZSharp's actual mask is a 0/1 mask. *)
Theorem layer_mask_is_mask eps p Ls n g : is_mask n (layer_mask eps p Ls n g).
Proof.
  unfold layer_mask, topk_mask.
  destruct (Req_EM_T _ 0); [apply topk_exact_is_mask | apply thr_mask_is_mask].
Qed.

(** ‖g ⊙ m‖ ≤ ‖g‖ for each layer, with m the actual ZSharp mask. *)
Corollary norm_layer_filtered_le eps p Ls n g :
  norm n (hadamard g (layer_mask eps p Ls n g)) <= norm n g.
Proof. apply norm_filtered_le, layer_mask_is_mask. Qed.

(** ⟨g, g ⊙ m⟩ = ‖g ⊙ m‖² ≥ 0: the filtered layer gradient is never an ascent direction. *)
Corollary inner_layer_filtered eps p Ls n g :
  inner n g (hadamard g (layer_mask eps p Ls n g)) =
  norm2 n (hadamard g (layer_mask eps p Ls n g)).
Proof. apply inner_filtered, layer_mask_is_mask. Qed.

Lemma lnorm2_nonneg Ls : 0 <= lnorm2 Ls.
Proof.
  induction Ls as [|L Ls IH]; simpl; [lra|]. pose proof (norm2_nonneg (fst L) (snd L)). lra.
Qed.

(** ‖g_f‖² ≤ ‖g‖² for the whole network (all layers concatenated). *)
Theorem lnorm2_zsharp_filter_le eps p Ls : lnorm2 (zsharp_filter eps p Ls) <= lnorm2 Ls.
Proof.
  unfold zsharp_filter. generalize Ls at 1 as G.
  induction Ls as [|L Ls IH]; intros G; simpl; [lra|].
  pose proof (norm2_filtered_le (fst L) (snd L) _ (layer_mask_is_mask eps p G (fst L) (snd L))).
  specialize (IH G). lra.
Qed.

(** ‖g_f‖ ≤ ‖g‖ for ZSharp's actual rule. *)
Corollary lnorm_zsharp_filter_le eps p Ls : lnorm (zsharp_filter eps p Ls) <= lnorm Ls.
Proof. apply sqrt_le_1_alt, lnorm2_zsharp_filter_le. Qed.
