(** * LeanSharp.Examples.NetworkMaskWitness — two networks where ZSharp's mask really filters

    ZSharp's network-wide rule ([Filter.NetworkMask.net_mask], p = 70, any ε_std > 0, in
    particular 1e-8) computed exactly on two gradients. The quantile is evaluated through
    [Sorting.rsort_unique] (the sorted permutation is unique).

    1. [gD] ∈ W 8, layers of sizes (4, 4): A = (1, 1, 1, 5), B = (1, −1, 1, −1).
       s_A = 2, |z_A| = (a, a, a, 3a) with a = 1/(2 + ε); s_B = √(4/3), |z_B| = (b, b, b, b)
       with b = 1/(√(4/3) + ε); a < b < 3a. Sorted |z| = (a, a, a, b, b, b, b, 3a),
       pos = 0.7·7 = 4.9, t = b ([drop_threshold]). Layer A keeps only its 4th component,
       no fallback: the mask is (0, 0, 0, 1, 1, 1, 1, 1) ([drop_mask_values]) — it DROPS
       three nonzero components ([drop_mask_drops]): g ⊙ m ≠ g ([drop_filter_changes]).
    2. [gF] ∈ W 10, layers of sizes (6, 4): A = (1, 1, 1, −1, −1, −1), B = (1, −1, 1, −1).
       |z_A| = a' = 1/(√(6/5) + ε) > b = |z_B| (all components); sorted |z| = (b×4, a'×6),
       pos = 0.7·9 = 6.3, t = a' ([fallback_threshold]). Layer B is NOT constant
       ([fallback_layer_not_constant]) yet its quantile mask is empty: the fallback fires
       ([fallback_fires]) and keeps max(1, ⌊0.2·4⌋) = 1 component, the first (ties to the
       lowest index): the network mask is 1 at index 6 and 0 at indices 7, 8, 9
       ([fallback_mask_B]). *)

From Coq Require Import Reals Lra Lia List Permutation Sorted.
From LeanSharp.Core Require Import Vec Stats Sorting Quantile.
From LeanSharp.Filter Require Import Mask TopK ZSharpRule NetworkMask.
Import ListNotations.
Open Scope R_scope.

(** ** Square roots that appear *)

Definition s43 : R := sqrt (4 / 3).
Definition s65 : R := sqrt (6 / 5).

Lemma s43_bounds : 1.15 < s43 < 1.16.
Proof. apply sqrt_between; lra. Qed.

Lemma s65_bounds : 1.09 < s65 < 1.1.
Proof. apply sqrt_between; lra. Qed.

(** |(x − μ)/(s + ε)| for a concrete component: split on the sign, then linear arithmetic
    in the atom 1/(s + ε). *)
Ltac abs_of_quotient :=
  unfold Rdiv; rewrite Rabs_mult, (Rabs_pos_eq (/ _)) by (left; apply Rinv_0_lt_compat; lra);
  unfold Rabs; destruct (Rcase_abs _); lra.

(** ** Example 1: the mask drops components *)

Definition gD : W 8 := fun i => nth i [1; 1; 1; 5; 1; -1; 1; -1] 0.
Definition sizesD : list nat := [4%nat; 4%nat].

Section Drop.
Variable eps : R.
Hypothesis He : 0 < eps.

Definition za : R := / (2 + eps).
Definition zb : R := / (s43 + eps).

Lemma za_lt_zb : 0 < za < zb.
Proof.
  pose proof s43_bounds. unfold za, zb. split; [apply Rinv_0_lt_compat; lra|].
  apply Rinv_lt_contravar; nra.
Qed.

Lemma zb_lt_3za : zb < 3 * za.
Proof.
  pose proof s43_bounds. unfold za, zb.
  apply (Rmult_lt_reg_r ((s43 + eps) * (2 + eps))); [nra|].
  field_simplify; lra.
Qed.

Lemma absz_D_A i : (i < 4)%nat -> absz eps 4 gD i = if Nat.eqb i 3 then 3 * za else za.
Proof.
  intros Hi. unfold absz, zscore. destruct (lt_dec 4 2) as [|_]; [lia|].
  assert (Hm : mean 4 gD = 2) by (unfold mean, gD; simpl; field).
  assert (Hs : sstd 4 gD = 2).
  { unfold sstd, svar, ssd. rewrite Hm. unfold gD. simpl. unfold Rsqr.
    transitivity (sqrt (2 * 2)); [f_equal; field | apply sqrt_square; lra]. }
  rewrite Hm, Hs. unfold za, gD.
  destruct i as [|[|[|[|i]]]]; simpl; try lia; abs_of_quotient.
Qed.

Lemma absz_D_B i : (i < 4)%nat -> absz eps 4 (shift 4 gD) i = zb.
Proof.
  intros Hi. unfold absz, zscore. destruct (lt_dec 4 2) as [|_]; [lia|].
  assert (Hm : mean 4 (shift 4 gD) = 0) by (unfold mean, shift, gD; simpl; field).
  assert (Hs : sstd 4 (shift 4 gD) = s43).
  { unfold sstd, s43, svar, ssd. rewrite Hm. unfold shift, gD. simpl. unfold Rsqr. f_equal. field. }
  rewrite Hm, Hs. pose proof s43_bounds. unfold zb, shift, gD.
  destruct i as [|[|[|[|i]]]]; simpl; try lia; abs_of_quotient.
Qed.

Lemma all_absz_D : all_absz eps (split_layers sizesD gD) = [za; za; za; 3 * za; zb; zb; zb; zb].
Proof.
  unfold all_absz, layer_absz. simpl.
  rewrite !absz_D_A, !absz_D_B by lia. reflexivity.
Qed.

(** The global threshold is B's common |z|: t = 1/(√(4/3) + ε). *)
Theorem drop_threshold : zthreshold eps 70 (split_layers sizesD gD) = zb.
Proof.
  pose proof za_lt_zb. pose proof zb_lt_3za.
  unfold zthreshold. rewrite all_absz_D. unfold quantile. simpl length.
  destruct (quantile_indices 70 8 4 0.9) as (-> & -> & ->); [unfold qpos; simpl; lra | lra |].
  rewrite (rsort_unique _ [za; za; za; zb; zb; zb; zb; 3 * za]).
  - simpl. ring.
  - repeat constructor; lra.
  - do 3 apply perm_skip. exact (Permutation_cons_append [zb; zb; zb; zb] (3 * za)).
Qed.

Lemma drop_mask_A i : (i < 4)%nat ->
  layer_mask eps 70 (split_layers sizesD gD) 4 gD i = if Nat.eqb i 3 then 1 else 0.
Proof.
  intros Hi. pose proof za_lt_zb. pose proof zb_lt_3za. rewrite layer_mask_no_fallback.
  - unfold thr_mask. rewrite drop_threshold, absz_D_A by exact Hi.
    destruct (Nat.eqb i 3); destruct (Rle_dec _ _); lra.
  - unfold mask_count, thr_mask. rewrite drop_threshold. simpl. rewrite !absz_D_A by lia. simpl.
    repeat (destruct (Rle_dec _ _); try lra).
Qed.

Lemma drop_mask_B i : (i < 4)%nat -> layer_mask eps 70 (split_layers sizesD gD) 4 (shift 4 gD) i = 1.
Proof.
  intros Hi. rewrite layer_mask_no_fallback.
  - unfold thr_mask. rewrite drop_threshold, absz_D_B by exact Hi. destruct (Rle_dec zb zb); lra.
  - unfold mask_count, thr_mask. rewrite drop_threshold. simpl. rewrite !absz_D_B by lia.
    destruct (Rle_dec zb zb); lra.
Qed.

(** The network mask is (0, 0, 0, 1, 1, 1, 1, 1): no fallback, three components dropped. *)
Theorem drop_mask_values i : (i < 8)%nat ->
  net_mask eps 70 sizesD gD i = if Nat.ltb i 3 then 0 else 1.
Proof.
  intros Hi. unfold net_mask. cbv zeta.
  set (Ls := split_layers sizesD gD) at 1.
  change (split_layers sizesD gD) with [(4%nat, gD); (4%nat, shift 4 gD)].
  cbn [concat_layers layer_masks map fst snd].
  destruct i as [|[|[|[|[|[|[|[|i]]]]]]]]; try lia; simpl;
    first [rewrite drop_mask_A by lia | rewrite drop_mask_B by lia]; reflexivity.
Qed.

End Drop.

(** At ZSharp's constants the mask drops the first three components of layer A, which are
    nonzero (g_i = 1). *)
Theorem drop_mask_drops i : (i < 3)%nat -> zsharp_net_mask sizesD gD i = 0 /\ gD i <> 0.
Proof.
  intros Hi. unfold zsharp_net_mask, default_p.
  rewrite drop_mask_values by (apply eps_std_pos || lia).
  destruct (Nat.ltb_spec i 3); [|lia]. split; [reflexivity|].
  destruct i as [|[|[|i]]]; try lia; unfold gD; simpl; lra.
Qed.

Lemma norm2_gD : norm2 8 gD = 32.
Proof. unfold norm2, inner, gD. simpl. ring. Qed.

Lemma norm_gD : norm 8 gD = sqrt 32.
Proof. unfold norm. now rewrite norm2_gD. Qed.

(** Hence ZSharp's filtered gradient differs from the gradient: ZSharp is not SAM here. *)
Corollary drop_filter_changes : hadamard gD (zsharp_net_mask sizesD gD) 0%nat <> gD 0%nat.
Proof.
  destruct (drop_mask_drops 0 ltac:(lia)) as [Hm Hg]. unfold hadamard. rewrite Hm. lra.
Qed.

(** ** Example 2: the fallback fires on a layer that is not constant *)

Definition gF : W 10 := fun i => nth i [1; 1; 1; -1; -1; -1; 1; -1; 1; -1] 0.
Definition sizesF : list nat := [6%nat; 4%nat].

Lemma fallback_layer_not_constant : shift 6 gF 0%nat <> shift 6 gF 1%nat.
Proof. unfold shift, gF. simpl. lra. Qed.

Section Fallback.
Variable eps : R.
Hypothesis He : 0 < eps.

Definition za' : R := / (s65 + eps).

Lemma zb_lt_za' : 0 < zb eps < za'.
Proof.
  pose proof s43_bounds. pose proof s65_bounds. unfold za', zb. split; [apply Rinv_0_lt_compat; lra|].
  apply Rinv_lt_contravar; nra.
Qed.

Lemma absz_F_A i : (i < 6)%nat -> absz eps 6 gF i = za'.
Proof.
  intros Hi. unfold absz, zscore. destruct (lt_dec 6 2) as [|_]; [lia|].
  assert (Hm : mean 6 gF = 0) by (unfold mean, gF; simpl; field).
  assert (Hs : sstd 6 gF = s65).
  { unfold sstd, s65, svar, ssd. rewrite Hm. unfold gF. simpl. unfold Rsqr. f_equal. field. }
  rewrite Hm, Hs. pose proof s65_bounds. unfold za', gF.
  destruct i as [|[|[|[|[|[|i]]]]]]; simpl; try lia; abs_of_quotient.
Qed.

Lemma absz_F_B i : (i < 4)%nat -> absz eps 4 (shift 6 gF) i = zb eps.
Proof.
  intros Hi. unfold absz, zscore. destruct (lt_dec 4 2) as [|_]; [lia|].
  assert (Hm : mean 4 (shift 6 gF) = 0) by (unfold mean, shift, gF; simpl; field).
  assert (Hs : sstd 4 (shift 6 gF) = s43).
  { unfold sstd, s43, svar, ssd. rewrite Hm. unfold shift, gF. simpl. unfold Rsqr. f_equal. field. }
  rewrite Hm, Hs. pose proof s43_bounds. unfold zb, shift, gF.
  destruct i as [|[|[|[|i]]]]; simpl; try lia; abs_of_quotient.
Qed.

(** The global threshold is layer A's common |z|: t = 1/(√(6/5) + ε). *)
Theorem fallback_threshold : zthreshold eps 70 (split_layers sizesF gF) = za'.
Proof.
  pose proof zb_lt_za'. unfold zthreshold, all_absz, layer_absz. simpl.
  rewrite !absz_F_A, !absz_F_B by lia.
  unfold quantile. simpl length.
  destruct (quantile_indices 70 10 6 0.3) as (-> & -> & ->); [unfold qpos; simpl; lra | lra |].
  rewrite (rsort_unique _ [zb eps; zb eps; zb eps; zb eps; za'; za'; za'; za'; za'; za']).
  - simpl. ring.
  - repeat constructor; lra.
  - exact (Permutation_app_comm [za'; za'; za'; za'; za'; za'] [zb eps; zb eps; zb eps; zb eps]).
Qed.

(** Layer B's quantile mask is empty although B is not constant: the fallback fires. *)
Theorem fallback_fires :
  mask_count 4 (thr_mask (zthreshold eps 70 (split_layers sizesF gF)) 4 (absz eps 4 (shift 6 gF))) = 0.
Proof.
  pose proof zb_lt_za'. rewrite fallback_threshold. unfold mask_count, thr_mask. simpl.
  rewrite !absz_F_B by lia. destruct (Rle_dec za' (zb eps)); [lra | ring].
Qed.

(** The fallback keeps exactly B's first component (k = max(1, ⌊0.8⌋) = 1, ties to the
    lowest index). *)
Theorem fallback_mask_B i : (i < 4)%nat ->
  layer_mask eps 70 (split_layers sizesF gF) 4 (shift 6 gF) i = if Nat.eqb i 0 then 1 else 0.
Proof.
  intros Hi. rewrite layer_mask_fallback by exact fallback_fires.
  unfold topk_mask, topk_exact. rewrite (rank_const 4 _ (zb eps) i) by (exact absz_F_B || exact Hi).
  destruct i as [|[|[|[|i]]]]; try lia; reflexivity.
Qed.

End Fallback.

(** At ZSharp's constants: the network mask on layer B is (1, 0, 0, 0). *)
Theorem fallback_net_mask i : (6 <= i < 10)%nat ->
  zsharp_net_mask sizesF gF i = if Nat.eqb i 6 then 1 else 0.
Proof.
  intros Hi. unfold zsharp_net_mask, net_mask, default_p. cbv zeta.
  set (Ls := split_layers sizesF gF) at 1.
  change (split_layers sizesF gF) with [(6%nat, gF); (4%nat, shift 6 gF)].
  cbn [concat_layers layer_masks map fst snd].
  destruct i as [|[|[|[|[|[|[|[|[|[|i]]]]]]]]]]; try lia; simpl;
    rewrite fallback_mask_B by (apply eps_std_pos || lia); reflexivity.
Qed.
