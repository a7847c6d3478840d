(** * LeanSharp.Examples.Filter.ZSharpRuleWitness — ZSharp's actual rule on concrete gradients

    Non-vacuity witnesses for [Filter.ZSharpRule] and [Filter.ZSharpRuleCount], with the
    published constants ε_std = 1e-8 ([eps_std]) and p = 70 ([default_p]). Quantiles are
    evaluated exactly through [Sorting.rsort_unique] (the sorted permutation is unique).

    1. Two layers: A = (0, 2) and a constant layer B = (5, 5).
       z_A = (−c, c) with c = 1/(√2 + ε) (s_A = √2), z_B = (0, 0); the |z| list is
       (c, c, 0, 0), sorted (0, 0, c, c); pos = 0.7·3 = 2.1, so t = c + 0.1(c − c) = c > 0
       ([two_layer_threshold]). Layer B's quantile mask is empty, the fallback fires
       ([two_layer_fallback_fires]) and keeps exactly max(1, ⌊0.2·2⌋) = 1 component, the
       first (ties at |z| = 0 go to the lowest index) ([two_layer_mask_B]);
       layer A keeps both; 3 ≥ N − ⌈2.1⌉ = 1 components are kept ([total_kept_two]).
    2. One layer (0, 0, 3): |z| = (c', c', 2c') with c' = 1/(√3 + ε); pos = 0.7·2 = 1.4,
       t = c' + 0.4(2c' − c') = 1.4c' ([single_layer_threshold]); the mask is (0, 0, 1)
       ([single_layer_mask]) — nonempty, no fallback, and it really filters.
    Each headline theorem is then applied to these instances ([*_witness]). *)

From Coq Require Import Reals Lra Lia List Permutation Sorted.
From LeanSharp.Core Require Import Vec Stats Sorting Quantile.
From LeanSharp.Filter Require Import Mask ZMask ZSharpRule ZSharpRuleCount.
Import ListNotations.
Open Scope R_scope.

Lemma sqrt2_pos : 0 < sqrt 2.
Proof. apply sqrt_lt_R0. lra. Qed.

Lemma sqrt3_pos : 0 < sqrt 3.
Proof. apply sqrt_lt_R0. lra. Qed.

(** ** Example 1: two layers, one of them constant *)

Definition gA : W 2 := fun i => if Nat.eqb i 0 then 0 else 2.
Definition gB : W 2 := fun _ => 5.
Definition two_layers : list layer := [(2%nat, gA); (2%nat, gB)].

Lemma mean_gA : mean 2 gA = 1.
Proof. unfold mean, gA. simpl. field. Qed.

Lemma sstd_gA : sstd 2 gA = sqrt 2.
Proof. unfold sstd, svar, ssd. rewrite mean_gA. f_equal. unfold gA. simpl. unfold Rsqr. field. Qed.

Lemma sd_gA : sd 2 gA = 1.
Proof.
  unfold sd. replace (var 2 gA) with 1; [apply sqrt_1|].
  unfold var, ssd. rewrite mean_gA. unfold gA. simpl. unfold Rsqr. field.
Qed.

Definition cA (eps : R) : R := / (sqrt 2 + eps).

Lemma cA_pos eps : 0 < eps -> 0 < cA eps.
Proof. intros He. unfold cA. pose proof sqrt2_pos. apply Rinv_0_lt_compat. lra. Qed.

Lemma absz_gA eps i : 0 < eps -> (i < 2)%nat -> absz eps 2 gA i = cA eps.
Proof.
  intros He Hi. pose proof sqrt2_pos. unfold absz, zscore, cA.
  destruct (lt_dec 2 2) as [|_]; [lia|]. rewrite mean_gA, sstd_gA.
  destruct i as [|[|i]]; [| |lia]; unfold gA; simpl.
  - replace ((0 - 1) / (sqrt 2 + eps)) with (- / (sqrt 2 + eps)) by (field; lra).
    rewrite Rabs_Ropp. apply Rabs_pos_eq, Rlt_le, Rinv_0_lt_compat. lra.
  - replace ((2 - 1) / (sqrt 2 + eps)) with (/ (sqrt 2 + eps)) by (field; lra).
    apply Rabs_pos_eq, Rlt_le, Rinv_0_lt_compat. lra.
Qed.

Lemma absz_gB eps i : (i < 2)%nat -> absz eps 2 gB i = 0.
Proof.
  intros Hi. unfold absz. rewrite (zscore_const_layer eps 2 gB 5 (fun _ _ => eq_refl)) by exact Hi.
  apply Rabs_R0.
Qed.

Lemma all_absz_two eps : 0 < eps -> all_absz eps two_layers = [cA eps; cA eps; 0; 0].
Proof.
  intros He. unfold all_absz, layer_absz. simpl.
  rewrite !absz_gA, !absz_gB by (assumption || lia). reflexivity.
Qed.

(** The global threshold of the two-layer example is t = c = 1/(√2 + ε) > 0. *)
Theorem two_layer_threshold eps : 0 < eps -> zthreshold eps 70 two_layers = cA eps.
Proof.
  intros He. pose proof (cA_pos eps He). unfold zthreshold. rewrite all_absz_two by exact He.
  unfold quantile. simpl length.
  destruct (quantile_indices 70 4 2 0.1) as (-> & -> & ->); [unfold qpos; simpl; lra | lra |].
  rewrite (rsort_unique _ [0; 0; cA eps; cA eps]).
  - simpl. ring.
  - repeat constructor; lra.
  - exact (Permutation_app_comm [cA eps; cA eps] [0; 0]).
Qed.

(** Layer B's quantile mask is empty: the fallback fires. *)
Theorem two_layer_fallback_fires eps :
  0 < eps -> mask_count 2 (thr_mask (zthreshold eps 70 two_layers) 2 (absz eps 2 gB)) = 0.
Proof.
  intros He. pose proof (cA_pos eps He). rewrite two_layer_threshold by exact He.
  unfold mask_count, thr_mask. simpl. rewrite !absz_gB by lia.
  destruct (Rle_dec (cA eps) 0); [lra|]. ring.
Qed.

(** ... and the fallback keeps exactly the first component of B (k = 1, ties at
    |z| = 0 broken by index), while A keeps both. *)
Lemma two_layer_mask_B eps : 0 < eps ->
  layer_mask eps 70 two_layers 2 gB 0%nat = 1 /\ layer_mask eps 70 two_layers 2 gB 1%nat = 0.
Proof.
  intros He. pose proof (cA_pos eps He).
  rewrite !(constant_layer_mask eps 70 two_layers 2 gB 5) by (reflexivity || lia).
  rewrite two_layer_threshold by exact He.
  destruct (Rle_dec (cA eps) 0); [lra|]. split; reflexivity.
Qed.

Lemma two_layer_mask_A eps i : 0 < eps -> (i < 2)%nat -> layer_mask eps 70 two_layers 2 gA i = 1.
Proof.
  intros He Hi. rewrite layer_mask_no_fallback.
  - unfold thr_mask. rewrite two_layer_threshold, absz_gA by assumption.
    destruct (Rle_dec (cA eps) (cA eps)); [reflexivity | lra].
  - unfold mask_count, thr_mask. simpl. rewrite two_layer_threshold, !absz_gA by (assumption || lia).
    destruct (Rle_dec (cA eps) (cA eps)); lra.
Qed.

Lemma total_kept_two eps : 0 < eps -> total_kept eps 70 two_layers = 3.
Proof.
  intros He. destruct (two_layer_mask_B eps He) as [HB0 HB1].
  unfold total_kept, kept_from, mask_count. simpl.
  rewrite !two_layer_mask_A, HB0, HB1 by (assumption || lia). ring.
Qed.

(** ** Example 2: a single layer, where the quantile mask is nonempty and filters *)

Definition gS : W 3 := fun i => if Nat.eqb i 2 then 3 else 0.

Lemma mean_gS : mean 3 gS = 1.
Proof. unfold mean, gS. simpl. field. Qed.

Lemma sstd_gS : sstd 3 gS = sqrt 3.
Proof. unfold sstd, svar, ssd. rewrite mean_gS. f_equal. unfold gS. simpl. unfold Rsqr. field. Qed.

Definition cS (eps : R) : R := / (sqrt 3 + eps).

Lemma cS_pos eps : 0 < eps -> 0 < cS eps.
Proof. intros He. unfold cS. pose proof sqrt3_pos. apply Rinv_0_lt_compat. lra. Qed.

Lemma absz_gS eps : 0 < eps ->
  absz eps 3 gS 0%nat = cS eps /\ absz eps 3 gS 1%nat = cS eps /\ absz eps 3 gS 2%nat = 2 * cS eps.
Proof.
  intros He. pose proof sqrt3_pos. pose proof (cS_pos eps He) as Hc. unfold absz, zscore.
  destruct (lt_dec 3 2) as [|_]; [lia|]. rewrite mean_gS, sstd_gS. unfold gS, cS in *. simpl.
  replace ((0 - 1) / (sqrt 3 + eps)) with (- / (sqrt 3 + eps)) by (field; lra).
  replace ((3 - 1) / (sqrt 3 + eps)) with (2 * / (sqrt 3 + eps)) by (field; lra).
  rewrite Rabs_Ropp, !Rabs_pos_eq by lra. auto.
Qed.

(** The threshold of the single-layer example is t = 1.4·c' (c' = 1/(√3 + ε)). *)
Theorem single_layer_threshold eps : 0 < eps -> zthreshold eps 70 [(3%nat, gS)] = 1.4 * cS eps.
Proof.
  intros He. pose proof (cS_pos eps He). destruct (absz_gS eps He) as [H0 [H1 H2]].
  unfold zthreshold. rewrite all_absz_single. simpl. rewrite H0, H1, H2.
  unfold quantile. simpl length.
  destruct (quantile_indices 70 3 1 0.4) as (-> & -> & ->); [unfold qpos; simpl; lra | lra |].
  rewrite (rsort_unique _ [cS eps; cS eps; 2 * cS eps]) by (repeat constructor; lra).
  simpl. lra.
Qed.

(** The actual ZSharp mask of the single layer is (0, 0, 1). *)
Theorem single_layer_mask eps : 0 < eps ->
  layer_mask eps 70 [(3%nat, gS)] 3 gS 0%nat = 0 /\ layer_mask eps 70 [(3%nat, gS)] 3 gS 1%nat = 0 /\
  layer_mask eps 70 [(3%nat, gS)] 3 gS 2%nat = 1.
Proof.
  intros He. pose proof (cS_pos eps He). destruct (absz_gS eps He) as [H0 [H1 H2]].
  rewrite single_layer_no_fallback by (lra || lia). unfold thr_mask.
  rewrite single_layer_threshold, H0, H1, H2 by exact He.
  destruct (Rle_dec (1.4 * cS eps) (cS eps)); [lra|].
  destruct (Rle_dec (1.4 * cS eps) (2 * cS eps)); [|lra]. auto.
Qed.

(** ** The headline theorems applied to the examples (ε = 1e-8, p = 70) *)

Example rule_is_mask_witness : is_mask 2 (layer_mask eps_std default_p two_layers 2 gB).
Proof. apply layer_mask_is_mask. Qed.

Example lnorm_zsharp_filter_le_witness :
  lnorm (zsharp_filter eps_std default_p two_layers) <= lnorm two_layers.
Proof. apply lnorm_zsharp_filter_le. Qed.

Example single_layer_nonempty_witness :
  1 <= mask_count 3 (thr_mask (zthreshold eps_std default_p [(3%nat, gS)]) 3 (absz eps_std 3 gS)).
Proof. apply single_layer_nonempty; [apply default_p_range | lia]. Qed.

Example every_layer_keeps_one_witness :
  mask_count 2 (thr_mask (zthreshold eps_std default_p two_layers) 2 (absz eps_std 2 gB)) = 0 /\
  1 <= mask_count 2 (layer_mask eps_std default_p two_layers 2 gB).
Proof.
  split; [apply two_layer_fallback_fires, eps_std_pos | apply every_layer_keeps_one; lia].
Qed.

Example fallback_keeps_topk_witness :
  mask_count 2 (layer_mask eps_std default_p two_layers 2 gB) = INR (topk_count 2).
Proof.
  apply fallback_keeps_topk; [lia | apply two_layer_fallback_fires, eps_std_pos].
Qed.

Example kept_lower_bound_witness :
  INR (total_size two_layers - qhi default_p (total_size two_layers))
    <= total_kept eps_std default_p two_layers /\
  total_kept eps_std default_p two_layers = 3.
Proof.
  split; [apply kept_lower_bound, default_p_range | apply total_kept_two, eps_std_pos].
Qed.

Example rescaled_threshold_witness t i :
  Rabs (zscore eps_std 2 gA i) >= t <->
  Rabs (gA i - mean 2 gA) >= (t * (sstd 2 gA + eps_std) / sd 2 gA) * sd 2 gA.
Proof.
  apply zscore_rescaled_threshold; [lia | apply eps_std_pos | rewrite sd_gA; lra].
Qed.

Example layer_mask_sig_mask_witness i :
  layer_mask eps_std default_p two_layers 2 gA i =
  sig_mask 2 (zthreshold eps_std default_p two_layers * (sstd 2 gA + eps_std) / sd 2 gA) gA i.
Proof.
  pose proof eps_std_pos. pose proof (cA_pos eps_std eps_std_pos).
  apply layer_mask_sig_mask; [lia | apply eps_std_pos | rewrite sd_gA; lra |].
  unfold mask_count, thr_mask. simpl. unfold default_p.
  rewrite two_layer_threshold, !absz_gA by (assumption || lia).
  destruct (Rle_dec (cA eps_std) (cA eps_std)); lra.
Qed.

Example constant_layer_mask_witness :
  layer_mask eps_std default_p two_layers 2 gB 0%nat = 1 /\
  layer_mask eps_std default_p two_layers 2 gB 1%nat = 0.
Proof. apply two_layer_mask_B, eps_std_pos. Qed.

Example small_layer_zero_witness : zscore eps_std 1 (fun _ => 7) 0%nat = 0.
Proof. apply zscore_small_layer. lia. Qed.

Example fallback_needs_another_layer_witness :
  exists L, In L two_layers /\ L <> (2%nat, gB) /\
    1 <= mask_count (fst L) (thr_mask (zthreshold eps_std default_p two_layers) (fst L)
                               (absz eps_std (fst L) (snd L))).
Proof.
  apply fallback_needs_another_layer; [apply default_p_range | right; left; reflexivity | lia |].
  apply two_layer_fallback_fires, eps_std_pos.
Qed.

Example some_layer_nonempty_witness :
  exists L, In L two_layers /\
    1 <= mask_count (fst L) (thr_mask (zthreshold eps_std default_p two_layers) (fst L)
                               (absz eps_std (fst L) (snd L))).
Proof. apply some_layer_nonempty; [apply default_p_range | simpl; lia]. Qed.
