(** * LeanSharp.Examples.Filter.NetworkMaskWitness — two networks where ZSharp's mask really filters

    ZSharp's network-wide rule ([Filter.NetworkMask.net_mask], p = 70, any ε_std > 0, in
    particular 1e-8) computed exactly on two gradients. The quantile is evaluated through
    [Sorting.rsort_unique] (the sorted permutation is unique).

    1. [gD] ∈ W 8, layers of sizes (4, 4): A = (1, 1, 1, 5), B = (1, −1, 1, −1).
       s_A = 2, |z_A| = (a, a, a, 3a) with a = 1/(2 + ε); s_B = √(4/3), |z_B| = (b, b, b, b)
       with b = 1/(√(4/3) + ε); a < b < 3a. Sorted |z| = (a, a, a, b, b, b, b, 3a),
       pos = 0.7·7 = 4.9, t = b ([drop_threshold]). Layer A keeps only its 4th component,
       no fallback: the mask is (0, 0, 0, 1, 1, 1, 1, 1) ([drop_mask_values]) — it DROPS
       three nonzero components ([drop_mask_drops]): g ⊙ m ≠ g ([drop_filter_changes]).
    2. The fallback firing on a non-constant layer is [Examples.Filter.FallbackWitness] (a layer
       whose largest |z| is unique, so torch.topk has no tie to break). *)

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
  destruct i as [|[|[|[|i]]]]; simpl; try lia; filter_decide.
Qed.

Lemma absz_D_B i : (i < 4)%nat -> absz eps 4 (shift 4 gD) i = zb.
Proof.
  intros Hi. unfold absz, zscore. destruct (lt_dec 4 2) as [|_]; [lia|].
  assert (Hm : mean 4 (shift 4 gD) = 0) by (unfold mean, shift, gD; simpl; field).
  assert (Hs : sstd 4 (shift 4 gD) = s43).
  { unfold sstd, s43, svar, ssd. rewrite Hm. unfold shift, gD. simpl. unfold Rsqr. f_equal. field. }
  rewrite Hm, Hs. pose proof s43_bounds. unfold zb, shift, gD.
  destruct i as [|[|[|[|i]]]]; simpl; try lia; filter_decide.
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
