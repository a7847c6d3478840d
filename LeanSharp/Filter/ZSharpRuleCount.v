(** * LeanSharp.Filter.ZSharpRuleCount — how many components ZSharp's actual rule keeps

    For the rule of [ZSharpRule] (global p-th quantile t of the |z| of all layers,
    mask [|z_i| ≥ t], top-max(1, ⌊0.2 n⌋) fallback for a layer whose mask is empty):

    Definitions
    - [total_size Ls] = N = Σ_l n_l, the number of components of the network
    - [total_kept eps p Ls] = Σ_l #kept in layer l (after the fallback)

    Main results (ε > 0 is not needed here; p ∈ [0, 100] where stated)
    - [mask_count_thr]: #{i < n : a_i ≥ c} as a list count
    - [single_layer_nonempty]: with a single layer of n ≥ 1 components the quantile mask
      keeps ≥ 1 component (the quantile is ≤ the max |z|), so
      [single_layer_no_fallback]: the fallback is dead code there
    - [every_layer_keeps_one]: every layer with n ≥ 1 keeps ≥ 1 component (any p, any
      number of layers)
    - [fallback_keeps_topk]: when a layer's quantile mask is empty it keeps EXACTLY
      max(1, ⌊0.2 n⌋) components (the top-k is [TopK.topk_exact])
    - [some_layer_nonempty]: with several layers, some layer keeps ≥ 1 component under
      the quantile mask;  [fallback_needs_another_layer]: a layer's fallback fires only
      when another layer keeps a component
    - [constant_layer_mask]: the exact behaviour of a constant layer (s = 0, all z = 0):
      if t ≤ 0 it keeps everything (quantile mask); if t > 0 its quantile mask is empty,
      the fallback fires, and it keeps exactly its first max(1, ⌊0.2 n⌋) components
      (all |z| tie at 0; ties go to the lowest indices)
    - [kept_lower_bound]: total_kept ≥ N − ⌈(p/100)(N − 1)⌉ ([Quantile.qhi] is the
      ceiling, [Quantile.qhi_ceil]);  [kept_lower_bound_real]: total_kept >
      (1 − p/100)(N − 1) for N ≥ 1 *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec Stats Sorting Quantile.
From LeanSharp.Filter Require Import Mask TopK ZSharpRule.
Import ListNotations.
Open Scope R_scope.

Definition total_size (Ls : list layer) : nat := fold_right (fun L acc => fst L + acc)%nat 0%nat Ls.

Definition kept_from (eps p : R) (G Ks : list layer) : R :=
  fold_right (fun L acc => mask_count (fst L) (layer_mask eps p G (fst L) (snd L)) + acc) 0 Ks.

Definition total_kept (eps p : R) (Ls : list layer) : R := kept_from eps p Ls Ls.

(** ** Counting a threshold mask *)

Lemma mask_count_thr c n a : mask_count n (thr_mask c n a) = INR (count_ge c (map a (seq 0 n))).
Proof.
  unfold mask_count, thr_mask. induction n as [|n IH]; [reflexivity|].
  simpl vsum. rewrite IH, seq_S, map_app, count_ge_app, plus_INR. simpl map.
  rewrite count_ge_cons. change (count_ge c []) with 0%nat. rewrite Nat.add_0_r.
  destruct (Rle_dec c (a n)); simpl; lra.
Qed.

Lemma all_absz_length eps Ls : length (all_absz eps Ls) = total_size Ls.
Proof.
  induction Ls as [|L Ls IH]; [reflexivity|]. unfold all_absz in *. simpl.
  rewrite app_length, IH. unfold layer_absz. now rewrite map_length, seq_length.
Qed.

Lemma INR_ne_0_ge_1 k : INR k <> 0 -> 1 <= INR k.
Proof. intros H. destruct k; [contradiction|]. apply (le_INR 1). lia. Qed.

Lemma map_seq_nonnil (a : nat -> R) n : (1 <= n)%nat -> map a (seq 0 n) <> nil.
Proof. intros Hn E. apply (f_equal (@length R)) in E. rewrite map_length, seq_length in E. simpl in E. lia. Qed.

Lemma topk_count_bounds n : (1 <= n)%nat -> (1 <= topk_count n <= n)%nat.
Proof.
  intros Hn. unfold topk_count. pose proof (Nat.div_le_upper_bound n 5 n ltac:(lia) ltac:(lia)).
  lia.
Qed.

Lemma mask_count_topk k n a : (k <= n)%nat -> mask_count n (topk_mask k n a) = INR k.
Proof. apply topk_exact_count. Qed.

(** ** The fallback *)

(** When a layer's quantile mask is empty, it keeps exactly max(1, ⌊0.2 n⌋) components. *)
Theorem fallback_keeps_topk eps p Ls n g :
  (1 <= n)%nat -> mask_count n (thr_mask (zthreshold eps p Ls) n (absz eps n g)) = 0 ->
  mask_count n (layer_mask eps p Ls n g) = INR (topk_count n).
Proof.
  intros Hn H. rewrite layer_mask_fallback by exact H.
  apply mask_count_topk, topk_count_bounds, Hn.
Qed.

(** Every layer with at least one component keeps at least one component. *)
Theorem every_layer_keeps_one eps p Ls n g :
  (1 <= n)%nat -> 1 <= mask_count n (layer_mask eps p Ls n g).
Proof.
  intros Hn. destruct (Req_EM_T (mask_count n (thr_mask (zthreshold eps p Ls) n (absz eps n g))) 0) as [H|H].
  - pose proof (fallback_keeps_topk eps p Ls n g Hn H).
    pose proof (le_INR 1 _ (proj1 (topk_count_bounds n Hn))). simpl in *. lra.
  - rewrite layer_mask_no_fallback by exact H. rewrite mask_count_thr in *.
    now apply INR_ne_0_ge_1.
Qed.

(** ** A single layer: the quantile rule is never empty *)

Lemma all_absz_single eps n g : all_absz eps [(n, g)] = map (absz eps n g) (seq 0 n).
Proof. unfold all_absz. simpl. apply app_nil_r. Qed.

(** With one layer of n ≥ 1 components, the quantile mask |z_i| ≥ t keeps ≥ 1 component. *)
Theorem single_layer_nonempty eps p n g :
  0 <= p <= 100 -> (1 <= n)%nat ->
  1 <= mask_count n (thr_mask (zthreshold eps p [(n, g)]) n (absz eps n g)).
Proof.
  intros Hp Hn. rewrite mask_count_thr. unfold zthreshold. rewrite all_absz_single.
  apply (le_INR 1). apply count_ge_quantile_pos; [exact Hp | now apply map_seq_nonnil].
Qed.

(** Hence for a single layer the fallback never fires. *)
Corollary single_layer_no_fallback eps p n g :
  0 <= p <= 100 -> (1 <= n)%nat ->
  layer_mask eps p [(n, g)] n g = thr_mask (zthreshold eps p [(n, g)]) n (absz eps n g).
Proof.
  intros Hp Hn. apply layer_mask_no_fallback.
  pose proof (single_layer_nonempty eps p n g Hp Hn). lra.
Qed.

(** ** Several layers: the quantile mask is nonempty in some layer *)

Lemma count_ge_all_absz_exists eps t Ks :
  (1 <= count_ge t (all_absz eps Ks))%nat ->
  exists L, In L Ks /\ (1 <= count_ge t (layer_absz eps L))%nat.
Proof.
  induction Ks as [|L Ks IH]; [unfold count_ge; simpl; lia|]. unfold all_absz in *. simpl.
  rewrite count_ge_app. intros H.
  destruct (Nat.le_gt_cases 1 (count_ge t (layer_absz eps L))) as [HL|HL].
  - exists L. split; [now left | exact HL].
  - destruct IH as [L' [HL' Hc]]; [lia|]. exists L'. split; [now right | exact Hc].
Qed.

(** Some layer — the one holding the largest |z| — keeps ≥ 1 component under the
    quantile mask (p ∈ [0, 100], N ≥ 1). *)
Theorem some_layer_nonempty eps p Ls :
  0 <= p <= 100 -> (1 <= total_size Ls)%nat ->
  exists L, In L Ls /\
    1 <= mask_count (fst L) (thr_mask (zthreshold eps p Ls) (fst L) (absz eps (fst L) (snd L))).
Proof.
  intros Hp HN. destruct (count_ge_all_absz_exists eps (zthreshold eps p Ls) Ls) as [L [HL Hc]].
  - unfold zthreshold. apply count_ge_quantile_pos; [exact Hp|].
    intros E. apply (f_equal (@length R)) in E. rewrite all_absz_length in E. simpl in E. lia.
  - exists L. split; [exact HL|]. rewrite mask_count_thr. apply (le_INR 1), Hc.
Qed.

(** Hence the fallback of a layer only fires when ANOTHER layer of the list keeps a
    component under the quantile mask (so never with a single layer). *)
Corollary fallback_needs_another_layer eps p Ls n g :
  0 <= p <= 100 -> In (n, g) Ls -> (1 <= n)%nat ->
  mask_count n (thr_mask (zthreshold eps p Ls) n (absz eps n g)) = 0 ->
  exists L, In L Ls /\ L <> (n, g) /\
    1 <= mask_count (fst L) (thr_mask (zthreshold eps p Ls) (fst L) (absz eps (fst L) (snd L))).
Proof.
  intros Hp Hin Hn H0.
  assert (HN : (n <= total_size Ls)%nat).
  { clear -Hin. induction Ls as [|L Ls IH]; [destruct Hin|]. simpl.
    destruct Hin as [E|Hin]; [subst L; simpl; lia | specialize (IH Hin); lia]. }
  destruct (some_layer_nonempty eps p Ls Hp ltac:(lia)) as [L [HL Hc]].
  exists L. split; [exact HL|]. split; [|exact Hc].
  intros ->. simpl in Hc. lra.
Qed.

(** ** A constant layer keeps everything *)

Lemma in_map_seq (a : nat -> R) n x : In x (map a (seq 0 n)) -> exists j, (j < n)%nat /\ x = a j.
Proof. rewrite in_map_iff. intros [j [<- Hj]]. apply in_seq in Hj. exists j. split; [lia | reflexivity]. Qed.

Lemma constant_layer_absz eps n g c :
  (forall i, (i < n)%nat -> g i = c) -> forall j, (j < n)%nat -> absz eps n g j = 0.
Proof.
  intros Hc j Hj. unfold absz. rewrite (zscore_const_layer eps n g c Hc j Hj). apply Rabs_R0.
Qed.

Lemma constant_layer_thr_count eps n g c t :
  (forall i, (i < n)%nat -> g i = c) ->
  mask_count n (thr_mask t n (absz eps n g)) = if Rle_dec t 0 then INR n else 0.
Proof.
  intros Hc. pose proof (constant_layer_absz eps n g c Hc) as Ha. unfold mask_count.
  rewrite (vsum_ext n _ (fun _ => if Rle_dec t 0 then 1 else 0)), vsum_const.
  - destruct (Rle_dec t 0); ring.
  - intros i Hi. unfold thr_mask. now rewrite (Ha i Hi).
Qed.

(** A constant layer keeps everything if t ≤ 0, and exactly its first max(1, ⌊0.2 n⌋)
    components (fallback, ties by index) if t > 0. *)
Theorem constant_layer_mask eps p Ls n g c :
  (1 <= n)%nat -> (forall i, (i < n)%nat -> g i = c) ->
  forall i, (i < n)%nat ->
  layer_mask eps p Ls n g i =
  if Rle_dec (zthreshold eps p Ls) 0 then 1 else if Nat.ltb i (topk_count n) then 1 else 0.
Proof.
  intros Hn Hc i Hi. pose proof (constant_layer_absz eps n g c Hc) as Ha.
  pose proof (constant_layer_thr_count eps n g c (zthreshold eps p Ls) Hc) as Hcount.
  destruct (Rle_dec (zthreshold eps p Ls) 0) as [Ht|Ht].
  - rewrite layer_mask_no_fallback by (rewrite Hcount; apply not_0_INR; lia).
    unfold thr_mask. rewrite (Ha i Hi). destruct (Rle_dec _ 0); [reflexivity | contradiction].
  - rewrite layer_mask_fallback by exact Hcount. unfold topk_mask, topk_exact.
    now rewrite (rank_const n (absz eps n g) 0 i Ha Hi).
Qed.

(** ** The total number kept *)

Lemma layer_mask_ge_thr eps p G n g i : (i < n)%nat ->
  thr_mask (zthreshold eps p G) n (absz eps n g) i <= layer_mask eps p G n g i.
Proof.
  intros Hi. destruct (Req_EM_T (mask_count n (thr_mask (zthreshold eps p G) n (absz eps n g))) 0) as [H|H].
  - pose proof (thr_mask_is_mask (zthreshold eps p G) n (absz eps n g)) as Hm.
    rewrite (vsum_nonneg_eq_0 n _ (fun j Hj => proj1 (mask_bounds n _ j Hm Hj)) H i Hi).
    apply (mask_bounds n _ i (layer_mask_is_mask eps p G n g) Hi).
  - rewrite layer_mask_no_fallback by exact H. lra.
Qed.

Lemma kept_from_ge eps p G Ks :
  INR (count_ge (zthreshold eps p G) (all_absz eps Ks)) <= kept_from eps p G Ks.
Proof.
  induction Ks as [|[n g] Ks IH]; [simpl; lra|]. unfold all_absz in *. simpl.
  rewrite count_ge_app, plus_INR.
  assert (INR (count_ge (zthreshold eps p G) (layer_absz eps (n, g)))
          <= mask_count n (layer_mask eps p G n g)); [|lra].
  unfold layer_absz. simpl fst. simpl snd. rewrite <- mask_count_thr.
  apply vsum_le. intros i Hi. now apply layer_mask_ge_thr.
Qed.

(** At least N − ⌈(p/100)(N − 1)⌉ components are kept in total (N = Σ_l n_l). *)
Theorem kept_lower_bound eps p Ls :
  0 <= p <= 100 -> INR (total_size Ls - qhi p (total_size Ls)) <= total_kept eps p Ls.
Proof.
  intros Hp. pose proof (kept_from_ge eps p Ls Ls) as H. unfold total_kept.
  eapply Rle_trans; [|exact H]. apply le_INR. rewrite <- (all_absz_length eps Ls).
  destruct (all_absz eps Ls) as [|x l] eqn:E; [simpl; lia|].
  unfold zthreshold. rewrite E. apply count_ge_quantile; [exact Hp | discriminate].
Qed.

(** In real terms: more than (1 − p/100)(N − 1) components are kept. *)
Corollary kept_lower_bound_real eps p Ls :
  0 <= p <= 100 -> (1 <= total_size Ls)%nat ->
  (1 - p / 100) * INR (total_size Ls - 1) < total_kept eps p Ls.
Proof.
  intros Hp HN. pose proof (kept_lower_bound eps p Ls Hp) as H.
  set (N := total_size Ls) in *. pose proof (qhi_le p N Hp HN).
  pose proof (qhi_ceil p N Hp) as [Hc _]. unfold qpos in Hc.
  rewrite minus_INR in H by lia.
  replace (INR N) with (INR (N - 1) + 1) in H by (rewrite minus_INR by lia; simpl; lra).
  lra.
Qed.
