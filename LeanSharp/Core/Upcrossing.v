(** * LeanSharp.Core.Upcrossing — upcrossings of a real sequence

    Pure real analysis on sequences x : nat -> R and levels a < b, used for Doob's
    martingale convergence theorem (no probability here).

    Definitions
    - [hold x a b k]: the buy-low/sell-high strategy on [a, b] holds at time k: it starts
      holding at a time with x_k ≤ a and stops at the next time with x_k ≥ b
    - [upcrossings x a b N] = U_N = #{k < N : hold k ∧ ¬ hold (k+1)} (completed upcrossings)
    - [hold_ind x a b k] = 1 if hold k, 0 otherwise
    - [strategy_gain x a b N] = S_N = Σ_{k<N} [hold k]·(x_{k+1} − x_k)
    - [qlevel j i1 i2] = (i1 − i2)/(j + 1): a dense countable family of levels

    Main results
    - [upcrossing_pathwise]: a < b ⇒ (b − a)·U_N − max(0, a − x_N) ≤ S_N
    - [upcrossings_mono]: N ≤ M ⇒ U_N ≤ U_M;  [upcrossings_as_sum]: U_N = Σ_{k<N} [hold k]·(1 − [hold (k+1)])
    - [hold_of_le]: x_m ≤ a, a < b ⇒ hold m;  [upcrossings_succ_of_hold]: hold m, m < m',
      x_{m'} ≥ b ⇒ U_m + 1 ≤ U_{m'};  [upcrossings_unbounded_of_io]: x ≤ a and x ≥ b
      infinitely often ⇒ (U_N) unbounded
    - [qlevel_between]: a < b ⇒ ∃ levels a < q < q' < b of the form [qlevel]
    - [converges_of_bounded_upcrossings]: bounded upcrossings of every pair of levels
      [qlevel] and liminf |x_n| < ∞ ⇒ x converges to a finite limit *)

From Coq Require Import Reals Lra Lia Bool.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
Open Scope R_scope.

(** ** The strategy and its upcrossings *)

(** The buy-low/sell-high strategy on [a, b]: hold from a time with x ≤ a until a time with x ≥ b. *)
Fixpoint hold (x : nat -> R) (a b : R) (k : nat) : bool :=
  match k with
  | O => if Rle_dec (x O) a then true else false
  | S k' => if hold x a b k' then (if Rle_dec b (x (S k')) then false else true)
            else (if Rle_dec (x (S k')) a then true else false)
  end.

(** Completed upcrossings of [a, b] up to time N: the releases (hold k = true, hold (k+1) = false), k < N. *)
Fixpoint upcrossings (x : nat -> R) (a b : R) (N : nat) : nat :=
  match N with
  | O => O
  | S N' => (upcrossings x a b N' + (if hold x a b N' && negb (hold x a b (S N')) then 1 else 0))%nat
  end.

Definition hold_ind (x : nat -> R) (a b : R) (k : nat) : R := if hold x a b k then 1 else 0.

(** The gain of the strategy: Σ_{k<N} [hold k]·(x_{k+1} − x_k). *)
Definition strategy_gain (x : nat -> R) (a b : R) (N : nat) : R :=
  vsum N (fun k => hold_ind x a b k * (x (S k) - x k)).

(** U_N as a sum of release indicators: U_N = Σ_{k<N} [hold k]·(1 − [hold (k+1)]). *)
Lemma upcrossings_as_sum x a b N :
  INR (upcrossings x a b N) = vsum N (fun k => hold_ind x a b k * (1 - hold_ind x a b (S k))).
Proof.
  induction N as [|N IH]; [reflexivity|]. cbn [upcrossings vsum]. rewrite plus_INR, IH.
  f_equal. unfold hold_ind. destruct (hold x a b N), (hold x a b (S N)); simpl; lra.
Qed.

(** ** The pathwise upcrossing inequality *)

(** Invariant: S_N ≥ (b − a)U_N + x_N − a while holding, S_N ≥ (b − a)U_N otherwise. *)
Lemma strategy_gain_invariant x a b N : a < b ->
  (if hold x a b N then (b - a) * INR (upcrossings x a b N) + x N - a
   else (b - a) * INR (upcrossings x a b N)) <= strategy_gain x a b N.
Proof.
  intros Hab. induction N as [|N IH].
  - unfold strategy_gain; simpl. destruct (Rle_dec (x 0%nat) a); simpl; lra.
  - unfold strategy_gain in *. cbn [vsum upcrossings hold]. unfold hold_ind in *.
    destruct (hold x a b N); simpl in *.
    + destruct (Rle_dec b (x (S N))); simpl; rewrite ?plus_INR; simpl; lra.
    + destruct (Rle_dec (x (S N)) a); simpl; rewrite ?Nat.add_0_r; lra.
Qed.

Theorem upcrossing_pathwise x a b N : a < b ->
  (b - a) * INR (upcrossings x a b N) - Rmax 0 (a - x N) <= strategy_gain x a b N.
Proof.
  intros Hab. pose proof (strategy_gain_invariant x a b N Hab) as H.
  pose proof (Rmax_l 0 (a - x N)). pose proof (Rmax_r 0 (a - x N)).
  destruct (hold x a b N); lra.
Qed.

Lemma upcrossings_mono x a b N M : (N <= M)%nat -> (upcrossings x a b N <= upcrossings x a b M)%nat.
Proof. induction 1; simpl; lia. Qed.

(** ** Infinitely many crossings give unboundedly many upcrossings *)

Lemma hold_of_le x a b m : a < b -> x m <= a -> hold x a b m = true.
Proof.
  intros Hab Hm. destruct m as [|k]; simpl.
  - destruct (Rle_dec (x 0%nat) a); [reflexivity | lra].
  - destruct (hold x a b k).
    + destruct (Rle_dec b (x (S k))); [lra | reflexivity].
    + destruct (Rle_dec (x (S k)) a); [reflexivity | lra].
Qed.

(** From a holding time m, either an upcrossing is completed by m + d or we still hold. *)
Lemma upcrossings_succ_or_hold x a b m d : hold x a b m = true ->
  (S (upcrossings x a b m) <= upcrossings x a b (m + d))%nat \/ hold x a b (m + d) = true.
Proof.
  intros Hm. induction d as [|d IH]; [right; rewrite Nat.add_0_r; exact Hm|].
  rewrite Nat.add_succ_r.
  assert (Hmono := upcrossings_mono x a b m (m + d) ltac:(lia)).
  destruct IH as [IH|IH]; [left; simpl; lia|].
  destruct (hold x a b (S (m + d))) eqn:E; [right; reflexivity|].
  left. cbn [upcrossings]. rewrite IH, E. simpl. lia.
Qed.

Lemma upcrossings_succ_of_hold x a b m m' : hold x a b m = true -> (m < m')%nat ->
  b <= x m' -> (S (upcrossings x a b m) <= upcrossings x a b m')%nat.
Proof.
  intros Hm Hlt Hb. destruct m' as [|k]; [lia|].
  assert (Hmono := upcrossings_mono x a b m k ltac:(lia)).
  replace k with (m + (k - m))%nat in Hmono |- * by lia.
  destruct (upcrossings_succ_or_hold x a b m (k - m) Hm) as [H|H].
  - pose proof (upcrossings_mono x a b (m + (k - m)) (S (m + (k - m))) ltac:(lia)). lia.
  - replace (m + (k - m))%nat with k in * by lia. simpl. rewrite H. simpl.
    destruct (Rle_dec b (x (S k))) as [_|]; [simpl; lia | lra].
Qed.

Lemma upcrossings_unbounded_of_io x a b : a < b ->
  (forall N, exists n, (N <= n)%nat /\ x n <= a) ->
  (forall N, exists n, (N <= n)%nat /\ b <= x n) ->
  forall k, exists N, (k <= upcrossings x a b N)%nat.
Proof.
  intros Hab Hlo Hhi k. induction k as [|k [N HN]]; [exists O; lia|].
  destruct (Hlo N) as [m [Hm Hxm]]. destruct (Hhi (S m)) as [m' [Hm' Hxm']].
  exists m'. pose proof (upcrossings_mono x a b N m Hm).
  pose proof (upcrossings_succ_of_hold x a b m m' (hold_of_le x a b m Hab Hxm)
    ltac:(lia) Hxm'). lia.
Qed.

(** ** Dense levels *)

(** A dense countable family of levels: (i1 − i2)/(j + 1). *)
Definition qlevel (j i1 i2 : nat) : R := (INR i1 - INR i2) / INR (S j).

Lemma IZR_as_nat_diff z : IZR z = INR (Z.to_nat z) - INR (Z.to_nat (- z)).
Proof. rewrite !INR_IZR_INZ, <- minus_IZR. f_equal. lia. Qed.

Lemma qlevel_between a b : a < b -> exists j i1 i2 i3 i4,
  a < qlevel j i1 i2 /\ qlevel j i1 i2 < qlevel j i3 i4 /\ qlevel j i3 i4 < b.
Proof.
  intros Hab. destruct (archimed_cor1 ((b - a) / 3)) as [N [HN HN0]]; [lra|].
  destruct (archimed (a * INR N)) as [H1 H2]. set (z := up (a * INR N)) in *.
  exists (pred N), (Z.to_nat z), (Z.to_nat (- z)), (Z.to_nat (z + 1)), (Z.to_nat (- (z + 1))).
  unfold qlevel. rewrite Nat.succ_pred_pos by lia.
  rewrite <- !IZR_as_nat_diff, plus_IZR.
  assert (Hn : 0 < INR N) by (apply lt_0_INR; lia).
  set (n := INR N) in *. set (h := / n) in *.
  assert (Hh : n * h = 1) by (unfold h; field; lra).
  assert (0 < h) by (unfold h; apply Rinv_0_lt_compat; lra).
  unfold Rdiv. fold h. split; [|split]; [| nra |].
  - assert (a = a * n * h) by (rewrite Rmult_assoc, Hh; ring). nra.
  - assert (a = a * n * h) by (rewrite Rmult_assoc, Hh; ring). nra.
Qed.

(** ** Convergence *)

Section Convergence.

Variable x : nat -> R.

Hypothesis Hup : forall j i1 i2 i3 i4, qlevel j i1 i2 < qlevel j i3 i4 ->
  exists U, forall N, (upcrossings x (qlevel j i1 i2) (qlevel j i3 i4) N <= U)%nat.

(** For a < b, x ends up above a or ends up below b. *)
Lemma eventually_above_or_below a b : a < b ->
  (exists N, forall n, (N <= n)%nat -> a < x n) \/
  (exists N, forall n, (N <= n)%nat -> x n < b).
Proof.
  intros Hab. destruct (qlevel_between a b Hab) as (j & i1 & i2 & i3 & i4 & Ha & Hq & Hb).
  set (q := qlevel j i1 i2) in *. set (q' := qlevel j i3 i4) in *.
  destruct (Classical_Prop.classic (exists N, forall n, (N <= n)%nat -> q < x n))
    as [[N HN]|Hno]; [left; exists N; intros n Hn; specialize (HN n Hn); lra|].
  destruct (Classical_Prop.classic (exists N, forall n, (N <= n)%nat -> x n < q'))
    as [[N HN]|Hno']; [right; exists N; intros n Hn; specialize (HN n Hn); lra|].
  exfalso. destruct (Hup j i1 i2 i3 i4 Hq) as [U HU].
  destruct (upcrossings_unbounded_of_io x q q' Hq) with (k := S U) as [N HN].
  - intros N. destruct (Classical_Prop.classic (exists n, (N <= n)%nat /\ x n <= q))
      as [|H]; [assumption|]. exfalso. apply Hno. exists N. intros n Hn.
    apply Rnot_le_lt. intros Hx. apply H. now exists n.
  - intros N. destruct (Classical_Prop.classic (exists n, (N <= n)%nat /\ q' <= x n))
      as [|H]; [assumption|]. exfalso. apply Hno'. exists N. intros n Hn.
    apply Rnot_le_lt. intros Hx. apply H. now exists n.
  - specialize (HU N). fold q q' in HU. lia.
Qed.

Hypothesis Hbd : exists B, forall N, exists n, (N <= n)%nat /\ Rabs (x n) <= B.

Theorem converges_of_bounded_upcrossings_aux : exists l : R, is_lim_seq x l.
Proof.
  destruct Hbd as [B HB].
  set (E := fun a => exists N, forall n, (N <= n)%nat -> a < x n).
  assert (HE : bound E).
  { exists B. intros a [N HN]. destruct (HB N) as [n [Hn Hx]].
    specialize (HN n Hn). apply Rabs_le_between in Hx. lra. }
  assert (HE0 : exists a, E a).
  { destruct (eventually_above_or_below (- B - 1) (- B)) as [H|[N HN]]; [lra|now exists (- B - 1)|].
    exfalso. destruct (HB N) as [n [Hn Hx]]. specialize (HN n Hn).
    apply Rabs_le_between in Hx. lra. }
  destruct (completeness E HE HE0) as [c [Hub Hlub]].
  exists c. apply is_lim_seq_Reals. intros eps Heps.
  destruct (eventually_above_or_below (c + eps / 2) (c + eps)) as [H|[N1 HN1]]; [lra|specialize (Hub _ H); lra|].
  destruct (Classical_Prop.classic (exists a, E a /\ c - eps < a)) as [[a [[N2 HN2] Ha]]|H].
  - exists (max N1 N2). intros n Hn. unfold R_dist.
    specialize (HN1 n ltac:(lia)). specialize (HN2 n ltac:(lia)).
    apply Rabs_def1; lra.
  - exfalso. assert (c <= c - eps); [|lra]. apply Hlub. intros a Ha.
    apply Rnot_lt_le. intros Hlt. apply H. now exists a.
Qed.

End Convergence.

(** A sequence whose upcrossings of every pair of levels (qlevel j i1 i2 < qlevel j i3 i4) are bounded,
    and which comes back infinitely often to a bounded set (liminf |x_n| < ∞), converges. *)
Theorem converges_of_bounded_upcrossings (x : nat -> R) :
  (forall j i1 i2 i3 i4, qlevel j i1 i2 < qlevel j i3 i4 ->
     exists U, forall N, (upcrossings x (qlevel j i1 i2) (qlevel j i3 i4) N <= U)%nat) ->
  (exists B, forall N, exists n, (N <= n)%nat /\ Rabs (x n) <= B) ->
  exists l : R, is_lim_seq x l.
Proof. exact (converges_of_bounded_upcrossings_aux x). Qed.
