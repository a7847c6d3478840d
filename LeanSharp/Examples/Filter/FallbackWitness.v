(** * LeanSharp.Examples.Filter.FallbackWitness — ZSharp's fallback fires, with no tie for torch.topk

    The fallback keeps a layer's top max(1, ⌊0.2·n⌋) components by |z| (torch.topk). An
    earlier witness fired it on B = (1, −1, 1, −1), where all four |z| are equal and
    torch.topk's choice among them is unspecified (the model keeps index 0, torch 2.13
    keeps index 2). This one fires it on a layer whose largest |z| is unique, so every
    implementation keeps the same component.

    [gF] ∈ W 10, layers of sizes (6, 4): A = (1, 1, 1, −1, −1, −1) (|z_A| = a' =
    1/(√(6/5) + ε) everywhere, as in [NetworkMaskWitness]) and B = (1, −0.96, −0.96, 0.92):
    mean 0, sample variance 2306/1875, s_B = √(2306/1875) ≈ 1.1090 > √(6/5) ≈ 1.0954, so
    |z_B| = (1, 0.96, 0.96, 0.92)/(s_B + ε) are all below a' for every ε > 0, and the first
    is the unique largest.

    Witnesses (any ε_std > 0, p = 70)
    - [fallback_threshold]: sorted |z| = (B's four, a' six times), pos = 0.7·9 = 6.3, t = a'
    - [fallback_fires]: B is not constant, yet its quantile mask is empty
    - [fallback_top_unique]: B's first |z| is strictly larger than the other three
    - [fallback_net_mask]: at ZSharp's constants the network mask on B is (1, 0, 0, 0) — the
      top-1 component, with no tie to break *)

From Coq Require Import Reals Lra Lia List Permutation Sorted.
From LeanSharp.Core Require Import Vec Stats Sorting Quantile.
From LeanSharp.Filter Require Import Mask TopK ZSharpRule NetworkMask.
From LeanSharp.Examples.Filter Require Import NetworkMaskWitness.
Import ListNotations.
Open Scope R_scope.

Definition gF : W 10 := fun i => nth i [1; 1; 1; -1; -1; -1; 1; -(24/25); -(24/25); 23/25] 0.
Definition sizesF : list nat := [6%nat; 4%nat].

Definition sB : R := sqrt (2306 / 1875).

Lemma sB_bounds : 1.1089 < sB < 1.109.
Proof. apply sqrt_between; lra. Qed.

(** B's deviations from its mean (0): the numerators of its z-scores. *)
Definition devB (i : nat) : R := nth i [1; 24/25; 24/25; 23/25] 0.

Lemma fallback_layer_not_constant : shift 6 gF 0%nat <> shift 6 gF 1%nat.
Proof. unfold shift, gF. simpl. lra. Qed.

Section Untied.
Variable eps : R.
Hypothesis He : 0 < eps.

Definition za' : R := / (s65 + eps).
Definition zB (i : nat) : R := devB i / (sB + eps).

Lemma zB_lt_za' i : (i < 4)%nat -> 0 < zB i < za'.
Proof.
  intros Hi. pose proof sB_bounds. pose proof s65_bounds.
  assert (Hd : 0 < devB i <= 1) by (destruct i as [|[|[|[|i]]]]; unfold devB; simpl; lra || lia).
  unfold zB, za'. split; [apply Rdiv_lt_0_compat; lra|].
  apply (Rle_lt_trans _ (/ (sB + eps))).
  - unfold Rdiv. rewrite <- (Rmult_1_l (/ (sB + eps))) at 2.
    apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat; lra | lra].
  - apply Rinv_lt_contravar; [apply Rmult_lt_0_compat|]; lra.
Qed.

Lemma absz_F_A i : (i < 6)%nat -> absz eps 6 gF i = za'.
Proof.
  intros Hi. unfold absz, zscore. destruct (lt_dec 6 2) as [|_]; [lia|].
  assert (Hm : mean 6 gF = 0) by (unfold mean, gF; simpl; field).
  assert (Hs : sstd 6 gF = s65).
  { unfold sstd, s65, svar, ssd. rewrite Hm. unfold gF. simpl. unfold Rsqr. f_equal. field. }
  rewrite Hm, Hs. pose proof s65_bounds. unfold za', gF.
  destruct i as [|[|[|[|[|[|i]]]]]]; simpl; try lia; filter_decide.
Qed.

Lemma absz_F_B i : (i < 4)%nat -> absz eps 4 (shift 6 gF) i = zB i.
Proof.
  intros Hi. unfold absz, zscore. destruct (lt_dec 4 2) as [|_]; [lia|].
  assert (Hm : mean 4 (shift 6 gF) = 0) by (unfold mean, shift, gF; simpl; field).
  assert (Hs : sstd 4 (shift 6 gF) = sB).
  { unfold sstd, sB, svar, ssd. rewrite Hm. unfold shift, gF. simpl. unfold Rsqr. f_equal. field. }
  rewrite Hm, Hs. pose proof sB_bounds. unfold zB, devB, shift, gF.
  destruct i as [|[|[|[|i]]]]; simpl; try lia; filter_decide.
Qed.

Theorem fallback_threshold : zthreshold eps 70 (split_layers sizesF gF) = za'.
Proof.
  pose proof (zB_lt_za' 0 ltac:(lia)). pose proof (zB_lt_za' 1 ltac:(lia)).
  pose proof (zB_lt_za' 3 ltac:(lia)).
  assert (H32 : zB 3 <= zB 1).
  { unfold zB, devB. simpl. pose proof sB_bounds. apply Rmult_le_compat_r; [|lra].
    left. apply Rinv_0_lt_compat. lra. }
  assert (H10 : zB 1 <= zB 0).
  { unfold zB, devB. simpl. pose proof sB_bounds. apply Rmult_le_compat_r; [|lra].
    left. apply Rinv_0_lt_compat. lra. }
  unfold zthreshold, all_absz, layer_absz. simpl.
  rewrite !absz_F_A, !absz_F_B by lia.
  unfold quantile. simpl length.
  destruct (quantile_indices 70 10 6 0.3) as (-> & -> & ->); [unfold qpos; simpl; lra | lra |].
  change (zB 2) with (zB 1).
  rewrite (rsort_unique _ [zB 3; zB 1; zB 1; zB 0; za'; za'; za'; za'; za'; za']).
  - simpl. ring.
  - repeat first [apply Sorted_nil | apply Sorted_cons | apply HdRel_nil | (apply HdRel_cons; lra)].
  - apply (Permutation_trans (Permutation_app_comm [za'; za'; za'; za'; za'; za']
                                [zB 0; zB 1; zB 1; zB 3])).
    apply (Permutation_app_tail [za'; za'; za'; za'; za'; za']
             (l := [zB 0; zB 1; zB 1; zB 3]) (l' := rev [zB 0; zB 1; zB 1; zB 3])).
    apply Permutation_rev.
Qed.

Lemma zB_order : zB 3 < zB 1 /\ zB 1 < zB 0 /\ zB 2 = zB 1.
Proof.
  pose proof sB_bounds. assert (Hp : 0 < / (sB + eps)) by (apply Rinv_0_lt_compat; lra).
  unfold zB, devB, Rdiv. simpl. split; [|split]; [nra | nra | reflexivity].
Qed.

(** B is not constant, yet none of its |z| reaches the threshold: the fallback fires. *)
Theorem fallback_fires :
  mask_count 4 (thr_mask (zthreshold eps 70 (split_layers sizesF gF)) 4 (absz eps 4 (shift 6 gF))) = 0.
Proof.
  rewrite fallback_threshold. unfold mask_count, thr_mask. simpl.
  rewrite !absz_F_B by lia. pose proof zB_order.
  pose proof (zB_lt_za' 0 ltac:(lia)). pose proof (zB_lt_za' 1 ltac:(lia)).
  pose proof (zB_lt_za' 2 ltac:(lia)). pose proof (zB_lt_za' 3 ltac:(lia)).
  repeat (destruct (Rle_dec _ _); [lra|]). ring.
Qed.

(** B's largest |z| is unique: no tie for torch.topk to break. *)
Theorem fallback_top_unique i : (1 <= i < 4)%nat ->
  absz eps 4 (shift 6 gF) i < absz eps 4 (shift 6 gF) 0%nat.
Proof.
  intros Hi. rewrite !absz_F_B by lia. destruct zB_order as (H3 & H1 & H2).
  destruct i as [|[|[|[|i]]]]; try lia; lra.
Qed.

(** The fallback keeps exactly B's first component (k = max(1, ⌊0.8⌋) = 1), the unique top. *)
Theorem fallback_mask_B i : (i < 4)%nat ->
  layer_mask eps 70 (split_layers sizesF gF) 4 (shift 6 gF) i = if Nat.eqb i 0 then 1 else 0.
Proof.
  intros Hi. rewrite layer_mask_fallback by exact fallback_fires.
  unfold topk_mask, topk_exact, rank. change (topk_count 4) with 1%nat.
  assert (Ha : forall j, (j < 4)%nat -> absz eps 4 (shift 6 gF) j = zB j) by exact absz_F_B.
  destruct zB_order as (H3 & H1 & H2).
  destruct i as [|[|[|[|i]]]]; try lia; cbn [ncount]; unfold before;
    rewrite !Ha by lia; rewrite ?H2;
    repeat (destruct (Rlt_dec _ _)); repeat (destruct (Req_EM_T _ _)); try lra; reflexivity.
Qed.

End Untied.

(** At ZSharp's constants the network mask on B is (1, 0, 0, 0). *)
Theorem fallback_net_mask i : (6 <= i < 10)%nat ->
  zsharp_net_mask sizesF gF i = if Nat.eqb i 6 then 1 else 0.
Proof.
  intros Hi. unfold zsharp_net_mask, net_mask, default_p. cbv zeta.
  change (split_layers sizesF gF) with [(6%nat, gF); (4%nat, shift 6 gF)].
  cbn [concat_layers layer_masks map fst snd].
  destruct i as [|[|[|[|[|[|[|[|[|[|i]]]]]]]]]]; try lia; simpl;
    rewrite fallback_mask_B by (apply eps_std_pos || lia); reflexivity.
Qed.
