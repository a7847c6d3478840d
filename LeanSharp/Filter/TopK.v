(** * LeanSharp.Filter.TopK — the top-k mask, exactly k components, ties by lowest index

    torch.topk returns exactly k indices and leaves the order among ties unspecified;
    the reference implementation (leansharp_tools.zsharp.top_k_mask, a stable argsort
    on −score) keeps the LOWEST indices among ties. This file defines that mask.

    Definitions, for scores a_0..a_{n−1}
    - [ncount n p]   = #{i < n : p i = true}
    - [before a j i] : j is ranked before i, i.e. a_j > a_i, or a_j = a_i and j < i
    - [rank n a i]   = #{j < n : j ranked before i}  (0 for the best component)
    - [topk_exact k n a i] = [rank n a i < k]

    Main results
    - [before_trans], [before_total], [before_irrefl]: a strict total order on indices
    - [rank_lt], [rank_injective]: rank maps [0, n) injectively into [0, n)
    - [ncount_injective_lt]: an injective map has ≤ k values below k (pigeonhole)
    - [topk_exact_count]: the mask keeps exactly min(k, n) components:
      Σ_i m_i = k for k ≤ n
    - [topk_exact_top]: a kept component has |score| ≥ every dropped one;
      [topk_exact_ties]: among equal scores the lower index is kept first
    - [rank_const]: for constant scores rank i = i, so the first k indices are kept *)

From Coq Require Import Reals Lra Lia Bool.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
Open Scope R_scope.
Local Open Scope bool_scope.

Fixpoint ncount (n : nat) (p : nat -> bool) : nat :=
  match n with O => O | S k => (ncount k p + if p k then 1 else 0)%nat end.

Definition before (a : nat -> R) (j i : nat) : bool :=
  if Rlt_dec (a i) (a j) then true
  else if Req_EM_T (a j) (a i) then Nat.ltb j i else false.

Definition rank (n : nat) (a : nat -> R) (i : nat) : nat := ncount n (fun j => before a j i).

Definition topk_exact (k n : nat) (a : W n) : W n :=
  fun i => if Nat.ltb (rank n a i) k then 1 else 0.

(** ** Counting *)

Lemma ncount_ext n p q : (forall i, (i < n)%nat -> p i = q i) -> ncount n p = ncount n q.
Proof.
  induction n as [|n IH]; intros H; [reflexivity|]. simpl.
  rewrite IH by (intros; apply H; lia). rewrite H by lia. reflexivity.
Qed.

Lemma ncount_le n p : (ncount n p <= n)%nat.
Proof. induction n; simpl; [lia | destruct (p n); lia]. Qed.

Lemma ncount_mono n p q :
  (forall i, (i < n)%nat -> p i = true -> q i = true) -> (ncount n p <= ncount n q)%nat.
Proof.
  induction n as [|n IH]; intros H; simpl; [lia|].
  specialize (IH (fun i Hi => H i ltac:(lia))). specialize (H n ltac:(lia)).
  destruct (p n), (q n); try lia; discriminate (H eq_refl).
Qed.

Lemma ncount_mono_strict n p q j :
  (forall i, (i < n)%nat -> p i = true -> q i = true) ->
  (j < n)%nat -> p j = false -> q j = true -> (ncount n p < ncount n q)%nat.
Proof.
  induction n as [|n IH]; intros H Hj Hp Hq; [lia|]. simpl.
  destruct (Nat.eq_dec j n) as [->|Hne].
  - rewrite Hp, Hq. pose proof (ncount_mono n p q (fun i Hi => H i ltac:(lia))). lia.
  - specialize (IH (fun i Hi => H i ltac:(lia)) ltac:(lia) Hp Hq).
    specialize (H n ltac:(lia)). destruct (p n), (q n); try lia; discriminate (H eq_refl).
Qed.

Lemma ncount_lt_full n p j : (j < n)%nat -> p j = false -> (ncount n p < n)%nat.
Proof.
  intros Hj Hp. eapply Nat.lt_le_trans.
  - apply (ncount_mono_strict n p (fun _ => true) j); auto.
  - clear. induction n; simpl; lia.
Qed.

Lemma ncount_split n p q :
  ncount n p = (ncount n (fun i => p i && q i) + ncount n (fun i => p i && negb (q i)))%nat.
Proof. induction n; simpl; [reflexivity|]. rewrite IHn. destruct (p n), (q n); simpl; lia. Qed.

Lemma ncount_zero n p : (forall i, (i < n)%nat -> p i = false) -> ncount n p = 0%nat.
Proof. induction n; intros H; simpl; [reflexivity|]. rewrite IHn, H; auto. Qed.

(** At most one index hits a given value of an injective map. *)
Lemma ncount_injective_eq n f v :
  (forall i j, (i < n)%nat -> (j < n)%nat -> f i = f j -> i = j) ->
  (ncount n (fun i => Nat.eqb (f i) v) <= 1)%nat.
Proof.
  induction n as [|n IH]; intros Hinj; simpl; [lia|].
  destruct (Nat.eqb_spec (f n) v) as [Hv|Hv].
  - rewrite ncount_zero; [lia|]. intros i Hi. apply Nat.eqb_neq. intros Hf.
    assert (i = n) by (apply Hinj; lia). lia.
  - specialize (IH (fun i j Hi Hj => Hinj i j ltac:(lia) ltac:(lia))). lia.
Qed.

(** Pigeonhole: an injective map has at most d values in [lo, lo + d). *)
Lemma ncount_injective_range n f lo d :
  (forall i j, (i < n)%nat -> (j < n)%nat -> f i = f j -> i = j) ->
  (ncount n (fun i => Nat.leb lo (f i) && Nat.ltb (f i) (lo + d)) <= d)%nat.
Proof.
  intros Hinj. induction d as [|d IH].
  - rewrite ncount_zero; [lia|]. intros i _.
    destruct (Nat.leb_spec lo (f i)), (Nat.ltb_spec (f i) (lo + 0)); simpl; auto; lia.
  - pose proof (ncount_injective_eq n f (lo + d) Hinj).
    assert (ncount n (fun i => Nat.leb lo (f i) && Nat.ltb (f i) (lo + S d)) <=
            ncount n (fun i => Nat.leb lo (f i) && Nat.ltb (f i) (lo + d)) +
            ncount n (fun i => Nat.eqb (f i) (lo + d)))%nat; [|lia].
    clear IH H. induction n as [|n IHn]; simpl; [lia|].
    specialize (IHn (fun i j Hi Hj => Hinj i j ltac:(lia) ltac:(lia))).
    destruct (Nat.leb_spec lo (f n)), (Nat.ltb_spec (f n) (lo + S d)),
      (Nat.ltb_spec (f n) (lo + d)), (Nat.eqb_spec (f n) (lo + d)); simpl; lia.
Qed.

Corollary ncount_injective_lt n f k :
  (forall i j, (i < n)%nat -> (j < n)%nat -> f i = f j -> i = j) ->
  (ncount n (fun i => Nat.ltb (f i) k) <= k)%nat.
Proof.
  intros Hinj. rewrite (ncount_ext n _ (fun i => Nat.leb 0 (f i) && Nat.ltb (f i) (0 + k))).
  - apply ncount_injective_range, Hinj.
  - intros i _. reflexivity.
Qed.

(** ** The ranking order *)

Lemma before_irrefl a i : before a i i = false.
Proof.
  unfold before. destruct (Rlt_dec (a i) (a i)); [lra|].
  destruct (Req_EM_T (a i) (a i)); [apply Nat.ltb_irrefl | reflexivity].
Qed.

Lemma before_spec a j i :
  before a j i = true <-> a i < a j \/ (a j = a i /\ (j < i)%nat).
Proof.
  unfold before. destruct (Rlt_dec (a i) (a j)) as [H|H]; [split; auto|].
  destruct (Req_EM_T (a j) (a i)) as [E|E].
  - rewrite Nat.ltb_lt. split; [right; auto | intros [H1|[_ H1]]; [contradiction | exact H1]].
  - split; [discriminate | intros [H1|[H1 _]]; contradiction].
Qed.

Lemma before_trans a i j l : before a i j = true -> before a j l = true -> before a i l = true.
Proof.
  rewrite !before_spec. intros [H1|[H1 H1']] [H2|[H2 H2']].
  - left. lra.
  - left. lra.
  - left. lra.
  - right. split; [lra | lia].
Qed.

Lemma before_total a i j : i <> j -> before a i j = true \/ before a j i = true.
Proof.
  intros Hne. rewrite !before_spec.
  destruct (Rtotal_order (a i) (a j)) as [H|[H|H]]; [right; now left | | left; now left].
  destruct (Nat.lt_total i j) as [Hlt|[Heq|Hgt]]; [left; right; auto | contradiction |].
  right; right; split; [lra | lia].
Qed.

Lemma rank_lt n a i : (i < n)%nat -> (rank n a i < n)%nat.
Proof. intros Hi. apply (ncount_lt_full n _ i Hi), before_irrefl. Qed.

(** If i is ranked before i' then rank i < rank i'. *)
Lemma rank_before n a i i' :
  (i < n)%nat -> before a i i' = true -> (rank n a i < rank n a i')%nat.
Proof.
  intros Hi H. apply (ncount_mono_strict n _ _ i).
  - intros j _ Hj. exact (before_trans a j i i' Hj H).
  - exact Hi.
  - apply before_irrefl.
  - exact H.
Qed.

Theorem rank_injective n a i j :
  (i < n)%nat -> (j < n)%nat -> rank n a i = rank n a j -> i = j.
Proof.
  intros Hi Hj Heq. destruct (Nat.eq_dec i j) as [|Hne]; [assumption|].
  destruct (before_total a i j Hne) as [H|H].
  - pose proof (rank_before n a i j Hi H). lia.
  - pose proof (rank_before n a j i Hj H). lia.
Qed.

(** ** The exact top-k mask *)

Lemma topk_exact_is_mask k n a : is_mask n (topk_exact k n a).
Proof. intros i _. unfold topk_exact. destruct (Nat.ltb _ k); auto. Qed.

Lemma vsum_ncount n (p : nat -> bool) :
  vsum n (fun i => if p i then 1 else 0) = INR (ncount n p).
Proof.
  induction n as [|n IH]; [reflexivity|]. simpl vsum. simpl ncount.
  rewrite IH, plus_INR. destruct (p n); simpl; lra.
Qed.

(** The top-k mask keeps exactly k components (k ≤ n), like torch.topk. *)
Theorem topk_exact_count k n a : (k <= n)%nat -> mask_count n (topk_exact k n a) = INR k.
Proof.
  intros Hk. unfold mask_count, topk_exact. rewrite vsum_ncount. f_equal.
  pose proof (rank_injective n a) as Hinj.
  pose proof (ncount_injective_lt n (rank n a) k Hinj) as HA.
  pose proof (ncount_injective_range n (rank n a) k (n - k) Hinj) as HB.
  assert (Hn : ncount n (fun _ => true) = n) by (clear; induction n; simpl; lia).
  pose proof (ncount_split n (fun _ => true) (fun i => Nat.ltb (rank n a i) k)) as Hs.
  assert (ncount n (fun i => true && negb (Nat.ltb (rank n a i) k)) <=
          ncount n (fun i => Nat.leb k (rank n a i) && Nat.ltb (rank n a i) (k + (n - k))))%nat.
  { apply ncount_mono. intros i Hi Hp. pose proof (rank_lt n a i Hi).
    destruct (Nat.ltb_spec (rank n a i) k); simpl in Hp; [discriminate|].
    destruct (Nat.leb_spec k (rank n a i)); [|lia].
    destruct (Nat.ltb_spec (rank n a i) (k + (n - k))); [reflexivity | lia]. }
  cbv beta in Hs. change (ncount n (fun i => true && Nat.ltb (rank n a i) k))
    with (ncount n (fun i => Nat.ltb (rank n a i) k)) in Hs.
  lia.
Qed.

(** Every kept component scores at least as high as every dropped one. *)
Theorem topk_exact_top k n a i i' :
  (i < n)%nat -> (i' < n)%nat -> topk_exact k n a i = 1 -> topk_exact k n a i' = 0 ->
  a i' <= a i.
Proof.
  unfold topk_exact. intros Hi Hi' H1 H0.
  destruct (Nat.ltb_spec (rank n a i) k); [|lra]. destruct (Nat.ltb_spec (rank n a i') k); [lra|].
  apply Rnot_lt_le. intros Hlt.
  assert (Hb : before a i' i = true) by (apply before_spec; now left).
  pose proof (rank_before n a i' i Hi' Hb). lia.
Qed.

(** Among equal scores, the lower index is kept first. *)
Theorem topk_exact_ties k n a i i' :
  (i < i')%nat -> (i' < n)%nat -> a i = a i' -> topk_exact k n a i' = 1 -> topk_exact k n a i = 1.
Proof.
  unfold topk_exact. intros Hii Hi' Heq H.
  assert (Hb : before a i i' = true) by (apply before_spec; right; auto).
  pose proof (rank_before n a i i' ltac:(lia) Hb).
  destruct (Nat.ltb_spec (rank n a i') k); [|lra]. destruct (Nat.ltb_spec (rank n a i) k); [auto|lia].
Qed.

(** For constant scores the rank is the index: the first k indices are kept. *)
Theorem rank_const n a c i : (forall j, (j < n)%nat -> a j = c) -> (i < n)%nat -> rank n a i = i.
Proof.
  intros Hc Hi. unfold rank. rewrite (ncount_ext n _ (fun j => Nat.ltb j i)).
  - clear Hc. induction n as [|n IH]; [lia|]. simpl.
    destruct (Nat.eq_dec i n) as [->|Hne].
    + rewrite Nat.ltb_irrefl. clear. assert (forall m, m <= n -> ncount m (fun j => Nat.ltb j n) = m)%nat.
      { induction m; intros Hm; simpl; [reflexivity|]. rewrite IHm by lia.
        destruct (Nat.ltb_spec m n); lia. }
      rewrite H; lia.
    + rewrite IH by lia. destruct (Nat.ltb_spec n i); lia.
  - intros j Hj. unfold before. rewrite (Hc i Hi), (Hc j Hj).
    destruct (Rlt_dec c c); [lra|]. destruct (Req_EM_T c c); [reflexivity | contradiction].
Qed.
