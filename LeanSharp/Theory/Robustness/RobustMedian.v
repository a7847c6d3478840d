(** * LeanSharp.Theory.Robustness.RobustMedian — the median survives any strict minority of outliers

    The median of n reals is characterised without sorting.
    For x ∈ W n and m ∈ R:

    Definitions
    - [vcount_le n x m] = #{i < n : x_i ≤ m},  [vcount_ge n x m] = #{i < n : x_i ≥ m},
      [vcount_in n x B] = #{i < n : |x_i| ≤ B},  [vcount_agree n x y] = #{i < n : y_i = x_i}
    - [is_median n x m]: 2·#{x_i ≤ m} ≥ n and 2·#{x_i ≥ m} ≥ n
    - [is_coord_median n d X M]: for n points X_0, …, X_{n−1} ∈ W d, every coordinate
      M_c is a median of the c-th coordinates (X_i)_c

    Main results
    - [median_exists]: n ≥ 1 ⇒ a median exists (the smallest data value x_k with
      2·#{x_i ≤ x_k} ≥ n; proved by a finite argmax argument, no sorting)
    - [median_bounded]: if strictly more than half of the points lie in [−B, B]
      (2·#{|x_i| ≤ B} > n), every median lies in [−B, B], whatever the other points are
    - [median_breakdown] (headline): breakdown point ≥ 1/2 — if the clean data x lie in
      [−B, B] and the observed data y agree with x on a strict majority of indices
      (the remaining minority is arbitrary), every median of y lies in [−B, B]
    - [coord_median_exists], [coord_median_breakdown]: the coordinate-wise median of
      points of W d: if, for each coordinate, a strict majority of the points agree
      with clean points lying in the box [−B, B]^d, every coordinate-wise median lies
      in [−B, B]^d
    - [median_half_breaks], [median_half_unbounded]: the strict majority is sharp — with
      k points at 0 and k points at b ≥ 0, b is a median, for every b: half of the points
      fixed in [−0, 0] do not bound the median (breakdown point exactly 1/2) *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
Open Scope R_scope.

(** ** A finite argmax over a decidable set of indices *)

Lemma argmax_on (x : nat -> R) (P : nat -> Prop) (Pdec : forall i, {P i} + {~ P i}) n :
  {j | (j < n)%nat /\ P j /\ forall i, (i < n)%nat -> P i -> x i <= x j}
  + {forall i, (i < n)%nat -> ~ P i}.
Proof.
  induction n as [|n IH]; [right; intros; lia|].
  destruct (Pdec n) as [Hn|Hn]; destruct IH as [[j [Hj [Pj Hmax]]]|Hnone].
  - destruct (Rle_dec (x n) (x j)).
    + left. exists j. repeat split; [lia | exact Pj |]. intros i Hi Pi.
      destruct (Nat.eq_dec i n) as [->|]; [lra | apply Hmax; [lia | exact Pi]].
    + left. exists n. repeat split; [lia | exact Hn |]. intros i Hi Pi.
      destruct (Nat.eq_dec i n) as [->|]; [lra|].
      specialize (Hmax i ltac:(lia) Pi). lra.
  - left. exists n. repeat split; [lia | exact Hn |]. intros i Hi Pi.
    destruct (Nat.eq_dec i n) as [->|]; [lra|].
    exfalso. apply (Hnone i); [lia | exact Pi].
  - left. exists j. repeat split; [lia | exact Pj |]. intros i Hi Pi.
    destruct (Nat.eq_dec i n) as [->|]; [contradiction | apply Hmax; [lia | exact Pi]].
  - right. intros i Hi Pi.
    destruct (Nat.eq_dec i n) as [->|]; [contradiction | apply (Hnone i); [lia | exact Pi]].
Defined.

(** ** Counts and the median *)

Definition vcount_le (n : nat) (x : W n) (m : R) : R :=
  vsum n (fun i => if Rle_dec (x i) m then 1 else 0).
Definition vcount_ge (n : nat) (x : W n) (m : R) : R :=
  vsum n (fun i => if Rle_dec m (x i) then 1 else 0).
Definition vcount_lt (n : nat) (x : W n) (m : R) : R :=
  vsum n (fun i => if Rlt_dec (x i) m then 1 else 0).
Definition vcount_in (n : nat) (x : W n) (B : R) : R :=
  vsum n (fun i => if Rle_dec (Rabs (x i)) B then 1 else 0).
Definition vcount_agree (n : nat) (x y : W n) : R :=
  vsum n (fun i => if Req_EM_T (y i) (x i) then 1 else 0).

Definition is_median (n : nat) (x : W n) (m : R) : Prop :=
  INR n <= 2 * vcount_le n x m /\ INR n <= 2 * vcount_ge n x m.

(** Two indicator families that never fire together have total count ≤ n. *)
Lemma count_disjoint n f g :
  (forall i, (i < n)%nat -> f i + g i <= 1) -> vsum n f + vsum n g <= INR n.
Proof.
  intros H. rewrite <- vsum_add. rewrite <- (Rmult_1_r (INR n)), <- vsum_const.
  apply vsum_le. exact H.
Qed.

Lemma vcount_lt_ge n x m : vcount_lt n x m + vcount_ge n x m = INR n.
Proof.
  unfold vcount_lt, vcount_ge. rewrite <- vsum_add.
  rewrite <- (Rmult_1_r (INR n)), <- vsum_const. apply vsum_ext. intros i _.
  destruct Rlt_dec, Rle_dec; lra.
Qed.

(** ** Existence of a median (n ≥ 1), without sorting *)

Theorem median_exists n (x : W n) : (0 < n)%nat -> {m | is_median n x m}.
Proof.
  intros Hn.
  set (P := fun k => INR n <= 2 * vcount_le n x (x k)).
  assert (Pdec : forall k, {P k} + {~ P k}) by (intros k; apply Rle_dec).
  (* the largest data value satisfies P *)
  assert (HP : exists k, (k < n)%nat /\ P k).
  { destruct (argmax_on x (fun _ => True) (fun _ => left I) n) as [[j [Hj [_ Hmax]]]|Hnone].
    - exists j. split; [exact Hj|]. unfold P, vcount_le.
      rewrite (vsum_ext n _ (fun _ => 1)) by
        (intros i Hi; destruct Rle_dec as [|Hc]; [reflexivity | exfalso; apply Hc, Hmax; auto]).
      rewrite vsum_const. pose proof (pos_INR n). lra.
    - exfalso. apply (Hnone 0%nat); [exact Hn | exact I]. }
  (* the smallest data value satisfying P is a median *)
  destruct (argmax_on (fun i => - x i) P Pdec n) as [[k [Hk [Pk Hmin]]]|Hnone];
    [| exfalso; destruct HP as [k [Hk Pk]]; exact (Hnone k Hk Pk)].
  exists (x k). split; [exact Pk|].
  destruct (Rle_dec (INR n) (2 * vcount_ge n x (x k))) as [|Hlt]; [assumption | exfalso].
  pose proof (vcount_lt_ge n x (x k)) as Hsplit.
  assert (Hpos : 0 < vcount_lt n x (x k)) by (pose proof (pos_INR n); lra).
  destruct (vsum_pos_exists n _ Hpos) as [i [Hi Hxi]].
  destruct (Rlt_dec (x i) (x k)) as [Hik|]; [clear Hxi | lra].
  destruct (argmax_on x (fun i => x i < x k) (fun i => Rlt_dec (x i) (x k)) n)
    as [[j [Hj [Hjk Hmax]]]|Hnone]; [| exact (Hnone i Hi Hik)].
  assert (Heq : vcount_le n x (x j) = vcount_lt n x (x k)).
  { apply vsum_ext. intros l Hl.
    destruct (Rle_dec (x l) (x j)), (Rlt_dec (x l) (x k)); try reflexivity.
    - exfalso. lra.
    - exfalso. pose proof (Hmax l Hl r). lra. }
  assert (Pj : P j) by (unfold P; rewrite Heq; lra).
  pose proof (Hmin j Hj Pj). lra.
Defined.

(** ** The median survives any strict minority *)

(** If strictly more than half of the points lie in [−B, B], every median lies in
    [−B, B] — whatever the remaining points are. *)
Theorem median_bounded n (x : W n) (B m : R) :
  INR n < 2 * vcount_in n x B -> is_median n x m -> - B <= m <= B.
Proof.
  intros Hin [Hle Hge].
  destruct (Rle_dec (- B) m) as [HmB|HmB]; [split; [exact HmB|] | exfalso].
  - destruct (Rle_dec m B) as [|HBm]; [assumption | exfalso].
    assert (vcount_ge n x m + vcount_in n x B <= INR n); [|lra].
    apply count_disjoint. intros i _. pose proof (Rle_abs (x i)).
    destruct Rle_dec, Rle_dec; lra.
  - assert (vcount_le n x m + vcount_in n x B <= INR n); [|lra].
    apply count_disjoint. intros i _. pose proof (Rle_abs (- x i)). pose proof (Rabs_Ropp (x i)).
    destruct Rle_dec, Rle_dec; lra.
Qed.

Lemma vcount_agree_le_in n (x y : W n) B :
  (forall i, (i < n)%nat -> Rabs (x i) <= B) -> vcount_agree n x y <= vcount_in n y B.
Proof.
  intros Hx. apply vsum_le. intros i Hi.
  destruct Req_EM_T as [He|]; destruct Rle_dec as [|Hc]; try lra.
  exfalso. apply Hc. rewrite He. apply Hx, Hi.
Qed.

(** Breakdown point of the median ≥ 1/2: clean data x in [−B, B]; the observed data y
    agree with x on a strict majority of indices and are arbitrary elsewhere. Then every
    median of y lies in [−B, B]. *)
Theorem median_breakdown n (x y : W n) (B m : R) :
  (forall i, (i < n)%nat -> Rabs (x i) <= B) ->
  INR n < 2 * vcount_agree n x y ->
  is_median n y m -> - B <= m <= B.
Proof.
  intros Hx Hag Hm. apply (median_bounded n y); [|exact Hm].
  pose proof (vcount_agree_le_in n x y B Hx). lra.
Qed.

(** ** Coordinate-wise median of n points of W d *)

Definition is_coord_median (n d : nat) (X : nat -> W d) (M : W d) : Prop :=
  forall c, (c < d)%nat -> is_median n (fun i => X i c) (M c).

Theorem coord_median_exists n d (X : nat -> W d) :
  (0 < n)%nat -> {M : W d | is_coord_median n d X M}.
Proof.
  intros Hn. exists (fun c => proj1_sig (median_exists n (fun i => X i c) Hn)).
  intros c _. exact (proj2_sig (median_exists n (fun i => X i c) Hn)).
Defined.

(** Coordinate-wise breakdown ≥ 1/2: clean points X_i in the box [−B, B]^d; the
    observed points Y_i agree with X_i, coordinate by coordinate, on a strict majority
    of indices (e.g. fewer than n/2 whole points are corrupted, arbitrarily). Then every
    coordinate-wise median of the Y_i lies in [−B, B]^d. *)
Theorem coord_median_breakdown n d (X Y : nat -> W d) (B : R) (M : W d) :
  (forall i c, (i < n)%nat -> (c < d)%nat -> Rabs (X i c) <= B) ->
  (forall c, (c < d)%nat -> INR n < 2 * vcount_agree n (fun i => X i c) (fun i => Y i c)) ->
  is_coord_median n d Y M ->
  forall c, (c < d)%nat -> - B <= M c <= B.
Proof.
  intros HX Hag HM c Hc.
  apply (median_breakdown n (fun i => X i c) (fun i => Y i c)).
  - intros i Hi. apply HX; assumption.
  - apply Hag, Hc.
  - apply HM, Hc.
Qed.

(** ** A half is not enough: the strict majority is sharp *)

(** k points at 0 followed by k points at b. *)
Definition half_split (k : nat) (b : R) : nat -> R := fun i => if Nat.ltb i k then 0 else b.

(** With exactly half of the 2k points at 0, b is a median for every b ≥ 0: a median
    can be moved arbitrarily far, so [median_bounded] needs a strict majority. *)
Theorem median_half_breaks k b : 0 <= b -> is_median (k + k) (half_split k b) b.
Proof.
  intros Hb. unfold is_median. rewrite plus_INR. split.
  - unfold vcount_le.
    assert (Hall : vsum (k + k) (fun i => if Rle_dec (half_split k b i) b then 1 else 0)
                   = vsum (k + k) (fun _ => 1)).
    { apply vsum_ext. intros i _. cbv beta. unfold half_split.
      destruct Nat.ltb; cbv iota beta; destruct Rle_dec; lra. }
    rewrite Hall, vsum_const, plus_INR. pose proof (pos_INR k). lra.
  - unfold vcount_ge. rewrite vsum_split.
    rewrite (vsum_ext k (fun j => if Rle_dec b (half_split k b (k + j)) then 1 else 0)
                        (fun _ => 1)).
    + rewrite vsum_const.
      assert (0 <= vsum k (fun i => if Rle_dec b (half_split k b i) then 1 else 0))
        by (apply vsum_nonneg; intros; destruct Rle_dec; lra).
      lra.
    + intros i _. cbv beta. unfold half_split.
      replace (Nat.ltb (k + i) k) with false by (symmetry; apply Nat.ltb_ge; lia).
      cbv iota beta. destruct Rle_dec; lra.
Qed.

Corollary median_half_unbounded k (B : R) :
  exists b, 0 <= b /\ is_median (k + k) (half_split k b) b /\ B < b.
Proof.
  exists (Rabs B + 1). pose proof (Rabs_pos B). pose proof (Rle_abs B).
  split; [lra | split; [apply median_half_breaks; lra | lra]].
Qed.
