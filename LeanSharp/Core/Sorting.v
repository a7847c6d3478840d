(** * LeanSharp.Core.Sorting — sorting a list of reals, order statistics, counting

    Definitions
    - [rsort l]      : l sorted ascending (Coq's stable merge sort [Mergesort.Sort]
                       over the boolean order x ≤? y := [Rle_dec x y])
    - [count_ge t l] = #{x ∈ l : t ≤ x}, counted with multiplicity

    Main results
    - [rsort_perm]: rsort l is a permutation of l;
      [rsort_sorted]: rsort l is (strongly) sorted for ≤
    - [sorted_unique]: two sorted lists that are permutations of each other are equal;
      [rsort_unique]: if v is sorted and a permutation of l then rsort l = v.
      ([Rle_dec] does not compute, so this is how a concrete [rsort l] is evaluated.)
    - [sorted_nth_le]: in a sorted list, i ≤ j ⇒ v_i ≤ v_j
    - [rsort_first_le], [rsort_last_ge]: v_0 ≤ x ≤ v_{N−1} for every x ∈ l
    - [count_ge_perm]: the count is invariant under permutation;
      [count_ge_antitone]: t ≤ t' ⇒ count_ge t' l ≤ count_ge t l
    - [count_ge_pos], [count_ge_exists]: count_ge t l ≥ 1 iff some x ∈ l has t ≤ x
    - [count_ge_sorted_nth]: in a sorted list of length N, at least N − j
      elements are ≥ v_j (j < N) *)

From Coq Require Import Reals Lra Lia List Permutation Sorted Mergesort Orders.
Import ListNotations.
Open Scope R_scope.

(** ** The merge sort on reals *)

Module RleBool <: TotalLeBool.
  Definition t := R.
  Definition leb (x y : R) : bool := if Rle_dec x y then true else false.
  Theorem leb_total : forall a b, leb a b = true \/ leb b a = true.
  Proof.
    intros a b. unfold leb.
    destruct (Rle_dec a b); [now left|]. destruct (Rle_dec b a); [now right|lra].
  Qed.
End RleBool.

Module RSort := Sort RleBool.

Definition rsort (l : list R) : list R := RSort.sort l.

Lemma rsort_perm l : Permutation l (rsort l).
Proof. apply RSort.Permuted_sort. Qed.

Lemma sorted_leb_Rle l : Sorted (fun x y => RleBool.leb x y = true) l -> Sorted Rle l.
Proof.
  induction 1 as [|a l _ IH Hd]; constructor; [exact IH|].
  destruct Hd; constructor. unfold RleBool.leb in H. destruct (Rle_dec a b); congruence.
Qed.

Lemma rsort_sorted l : StronglySorted Rle (rsort l).
Proof.
  apply Sorted_StronglySorted; [intros x y z; apply Rle_trans|].
  apply sorted_leb_Rle, RSort.Sorted_sort.
Qed.

(** ** Uniqueness of the sorted permutation *)

Theorem sorted_unique l1 l2 :
  StronglySorted Rle l1 -> StronglySorted Rle l2 -> Permutation l1 l2 -> l1 = l2.
Proof.
  revert l2. induction l1 as [|a l1 IH]; intros l2 H1 H2 HP.
  - symmetry. now apply Permutation_nil.
  - destruct l2 as [|b l2]; [now apply Permutation_sym, Permutation_nil in HP|].
    apply StronglySorted_inv in H1 as [H1 F1]. apply StronglySorted_inv in H2 as [H2 F2].
    assert (a = b) as <-.
    { assert (Ha : In a (b :: l2)) by (apply (Permutation_in a HP); now left).
      assert (Hb : In b (a :: l1)) by (apply (Permutation_in b (Permutation_sym HP)); now left).
      destruct Ha as [->|Ha]; [reflexivity|]. destruct Hb as [->|Hb]; [reflexivity|].
      rewrite Forall_forall in F1, F2. pose proof (F1 b Hb). pose proof (F2 a Ha). lra. }
    f_equal. apply IH; [exact H1 | exact H2 | exact (Permutation_cons_inv HP)].
Qed.

Corollary rsort_unique l v : Sorted Rle v -> Permutation l v -> rsort l = v.
Proof.
  intros Hv HP. apply sorted_unique; [apply rsort_sorted | |].
  - apply Sorted_StronglySorted; [intros x y z; apply Rle_trans | exact Hv].
  - eapply Permutation_trans; [apply Permutation_sym, rsort_perm | exact HP].
Qed.

(** ** Order statistics of a sorted list *)

Lemma sorted_nth_le v i j d :
  StronglySorted Rle v -> (i <= j)%nat -> (j < length v)%nat -> nth i v d <= nth j v d.
Proof.
  revert i j. induction v as [|a v IH]; intros i j Hs Hij Hj; simpl in Hj; [lia|].
  apply StronglySorted_inv in Hs as [Hs F]. rewrite Forall_forall in F.
  destruct i as [|i], j as [|j]; simpl; try lra; try lia.
  - apply F, nth_In. lia.
  - apply IH; [exact Hs | lia | lia].
Qed.

Lemma sorted_first_le v x : StronglySorted Rle v -> In x v -> nth 0 v 0 <= x.
Proof.
  intros Hs Hx. apply In_nth with (d := 0) in Hx as [k [Hk <-]].
  apply sorted_nth_le; [exact Hs | lia | exact Hk].
Qed.

Lemma sorted_last_ge v x : StronglySorted Rle v -> In x v -> x <= nth (length v - 1) v 0.
Proof.
  intros Hs Hx. apply In_nth with (d := 0) in Hx as [k [Hk <-]].
  apply sorted_nth_le; [exact Hs | lia | lia].
Qed.

Lemma rsort_length l : length (rsort l) = length l.
Proof. symmetry. apply Permutation_length, rsort_perm. Qed.

Lemma rsort_nth_In l k : (k < length l)%nat -> In (nth k (rsort l) 0) l.
Proof.
  intros Hk. apply (Permutation_in _ (Permutation_sym (rsort_perm l))).
  apply nth_In. now rewrite rsort_length.
Qed.

Lemma rsort_first_le l x : In x l -> nth 0 (rsort l) 0 <= x.
Proof.
  intros Hx. apply sorted_first_le; [apply rsort_sorted|].
  exact (Permutation_in _ (rsort_perm l) Hx).
Qed.

Lemma rsort_last_ge l x : In x l -> x <= nth (length l - 1) (rsort l) 0.
Proof.
  intros Hx. rewrite <- rsort_length. apply sorted_last_ge; [apply rsort_sorted|].
  exact (Permutation_in _ (rsort_perm l) Hx).
Qed.

(** ** Counting the elements above a level *)

Definition geb (t x : R) : bool := if Rle_dec t x then true else false.

Definition count_ge (t : R) (l : list R) : nat := length (filter (geb t) l).

Lemma count_ge_cons t x l :
  count_ge t (x :: l) = ((if Rle_dec t x then 1 else 0) + count_ge t l)%nat.
Proof. unfold count_ge, geb. simpl. now destruct (Rle_dec t x). Qed.

Lemma count_ge_app t l1 l2 : count_ge t (l1 ++ l2) = (count_ge t l1 + count_ge t l2)%nat.
Proof. unfold count_ge. now rewrite filter_app, app_length. Qed.

Lemma count_ge_le_length t l : (count_ge t l <= length l)%nat.
Proof.
  induction l as [|x l IH]; [unfold count_ge; simpl; lia|]. rewrite count_ge_cons. simpl length.
  destruct (Rle_dec t x); lia.
Qed.

Lemma count_ge_perm t l l' : Permutation l l' -> count_ge t l = count_ge t l'.
Proof.
  induction 1; rewrite ?count_ge_cons; try congruence; lia.
Qed.

Lemma count_ge_antitone t t' l : t <= t' -> (count_ge t' l <= count_ge t l)%nat.
Proof.
  intros Ht. induction l as [|x l IH]; [unfold count_ge; simpl; lia|]. rewrite !count_ge_cons.
  destruct (Rle_dec t' x), (Rle_dec t x); try lia. lra.
Qed.

Lemma count_ge_all t l : Forall (fun x => t <= x) l -> count_ge t l = length l.
Proof.
  induction 1 as [|x l Hx _ IH]; [reflexivity|]. rewrite count_ge_cons, IH.
  simpl. destruct (Rle_dec t x); [lia | contradiction].
Qed.

Lemma count_ge_pos t l : (exists x, In x l /\ t <= x) -> (1 <= count_ge t l)%nat.
Proof.
  intros [x [Hx Ht]]. induction l as [|y l IH]; [destruct Hx|]. rewrite count_ge_cons.
  destruct Hx as [->|Hx]; [destruct (Rle_dec t x); [lia | contradiction]|].
  specialize (IH Hx). lia.
Qed.

Lemma count_ge_exists t l : (1 <= count_ge t l)%nat -> exists x, In x l /\ t <= x.
Proof.
  induction l as [|x l IH]; [unfold count_ge; simpl; lia|]. rewrite count_ge_cons. intros H.
  destruct (Rle_dec t x) as [Hx|Hx]; [exists x; split; [now left | exact Hx]|].
  destruct IH as [y [Hy Ht]]; [lia|]. exists y. split; [now right | exact Ht].
Qed.

(** In a sorted list of length N, the elements v_j, …, v_{N−1} are all ≥ v_j. *)
Theorem count_ge_sorted_nth v j :
  StronglySorted Rle v -> (j < length v)%nat -> (length v - j <= count_ge (nth j v 0%R) v)%nat.
Proof.
  revert j. induction v as [|a v IH]; intros j Hs Hj; simpl in Hj; [lia|].
  pose proof Hs as Hs'. apply StronglySorted_inv in Hs' as [Hv F].
  destruct j as [|j].
  - simpl nth. rewrite count_ge_all; [unfold count_ge; simpl; lia|]. constructor; [lra|].
    eapply Forall_impl; [|exact F]. simpl. intros; lra.
  - simpl nth. simpl length. rewrite count_ge_cons.
    specialize (IH j Hv ltac:(lia)). lia.
Qed.

Corollary count_ge_rsort_nth l j :
  (j < length l)%nat -> (length l - j <= count_ge (nth j (rsort l) 0%R) l)%nat.
Proof.
  intros Hj. rewrite (count_ge_perm _ _ _ (rsort_perm l)), <- rsort_length.
  apply count_ge_sorted_nth; [apply rsort_sorted | now rewrite rsort_length].
Qed.
