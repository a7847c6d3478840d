(** * LeanSharp.Core.Quantile — torch.quantile's linearly interpolated p-th quantile

    For a list l of N reals and p ∈ [0, 100], with v = [rsort l] (v_0 ≤ … ≤ v_{N−1}):
    - [qpos p N]  = pos = (p/100)(N − 1)
    - [qlo p N]   = lo  = ⌊pos⌋                 (torch: ranks.long())
    - [qfrac p N] = pos − lo ∈ [0, 1)           (the interpolation weight)
    - [qhi p N]   = hi  = ⌈pos⌉                 (torch: ranks.ceil())
    - [quantile p l] = v_lo + (pos − lo)(v_hi − v_lo)     (torch.lerp)
    - [kth_largest k l] = v_{N−k}, the k-th largest element (k ≥ 1)

    Main results (N ≥ 1, 0 ≤ p ≤ 100)
    - [qlo_floor], [qhi_ceil]: lo and hi are the floor and ceiling of pos; hi ≤ N − 1
    - [quantile_between]: v_lo ≤ quantile ≤ v_hi
    - [quantile_ge_min], [quantile_le_max]: min l ≤ quantile ≤ max l
      (the quantile is ≥ some element and ≤ some element of l)
    - [count_ge_quantile]: at least N − ⌈(p/100)(N − 1)⌉ ≥ 1 elements of l are ≥ the
      quantile;  [count_ge_quantile_pos]: at least one is
    - [count_ge_kth_largest]: at least k elements are ≥ the k-th largest (1 ≤ k ≤ N;
      more when there are ties)
    - [qlo_eq]: lo = k whenever k ≤ pos < k + 1 (to evaluate concrete quantiles);
      [quantile_indices]: pos = k + r with 0 < r < 1 gives lo = k, hi = k + 1, weight r *)

From Coq Require Import Reals Lra Lia List ZArith.
From LeanSharp.Core Require Import Sorting.
Open Scope R_scope.

Definition qpos (p : R) (N : nat) : R := p / 100 * INR (N - 1).
Definition qlo (p : R) (N : nat) : nat := Z.to_nat (Int_part (qpos p N)).
Definition qfrac (p : R) (N : nat) : R := qpos p N - INR (qlo p N).
Definition qhi (p : R) (N : nat) : nat :=
  if Req_EM_T (qfrac p N) 0 then qlo p N else S (qlo p N).

Definition quantile (p : R) (l : list R) : R :=
  let v := rsort l in let N := length l in
  nth (qlo p N) v 0 + qfrac p N * (nth (qhi p N) v 0 - nth (qlo p N) v 0).

Definition kth_largest (k : nat) (l : list R) : R := nth (length l - k) (rsort l) 0.

(** ** Floor and ceiling of the position *)

Section Position.
Variables (p : R) (N : nat).
Hypothesis Hp : 0 <= p <= 100.

Lemma qpos_bounds : 0 <= qpos p N <= INR (N - 1).
Proof.
  unfold qpos. pose proof (pos_INR (N - 1)). split; [|nra].
  apply Rmult_le_pos; [lra | exact H].
Qed.

Lemma Int_part_INR r : 0 <= r -> INR (Z.to_nat (Int_part r)) = IZR (Int_part r).
Proof.
  intros Hr. destruct (base_Int_part r) as [H1 H2].
  assert (H0 : (0 <= Int_part r)%Z).
  { assert (H : -1 < IZR (Int_part r)) by lra. apply lt_IZR in H. lia. }
  rewrite INR_IZR_INZ, Z2Nat.id by exact H0. reflexivity.
Qed.

Theorem qlo_floor : INR (qlo p N) <= qpos p N < INR (qlo p N) + 1.
Proof.
  unfold qlo. pose proof qpos_bounds as Hb.
  rewrite Int_part_INR by lra. destruct (base_Int_part (qpos p N)). lra.
Qed.

Lemma qfrac_bounds : 0 <= qfrac p N < 1.
Proof. unfold qfrac. pose proof qlo_floor. lra. Qed.

Lemma qlo_le : (N >= 1)%nat -> (qlo p N <= N - 1)%nat.
Proof.
  intros HN. apply INR_le. pose proof qlo_floor. pose proof qpos_bounds. lra.
Qed.

Lemma qhi_le : (N >= 1)%nat -> (qhi p N <= N - 1)%nat.
Proof.
  intros HN. unfold qhi. destruct (Req_EM_T (qfrac p N) 0) as [H|H]; [now apply qlo_le|].
  pose proof qlo_floor. pose proof qpos_bounds. pose proof qfrac_bounds. unfold qfrac in *.
  assert (INR (qlo p N) < INR (N - 1)) as Hlt by lra. apply INR_lt in Hlt. lia.
Qed.

Lemma qlo_le_qhi : (qlo p N <= qhi p N)%nat.
Proof. unfold qhi. destruct (Req_EM_T (qfrac p N) 0); lia. Qed.

(** [qhi] is the ceiling ⌈pos⌉. *)
Theorem qhi_ceil : INR (qhi p N) - 1 < qpos p N <= INR (qhi p N).
Proof.
  pose proof qlo_floor. pose proof qfrac_bounds. unfold qhi, qfrac in *.
  destruct (Req_EM_T (qpos p N - INR (qlo p N)) 0); [lra|]. rewrite S_INR. lra.
Qed.

End Position.

(** [qlo] evaluated: lo = k when k ≤ pos < k + 1. *)
Lemma qlo_eq p N k : INR k <= qpos p N < INR k + 1 -> qlo p N = k.
Proof.
  intros [H1 H2]. unfold qlo, Int_part.
  replace (up (qpos p N)) with (Z.of_nat k + 1)%Z.
  - rewrite Z.add_simpl_r. apply Nat2Z.id.
  - apply tech_up; rewrite plus_IZR, <- INR_IZR_INZ; simpl; lra.
Qed.

(** A position strictly between k and k + 1, pos = k + r with 0 < r < 1: lo = k, hi = k + 1
    and the interpolation weight is r (to evaluate concrete quantiles in one step). *)
Lemma quantile_indices p N k r :
  qpos p N = INR k + r -> 0 < r < 1 -> qlo p N = k /\ qhi p N = S k /\ qfrac p N = r.
Proof.
  intros Hpos Hr. assert (Hlo : qlo p N = k) by (apply qlo_eq; lra).
  assert (Hfr : qfrac p N = r) by (unfold qfrac; rewrite Hlo; lra).
  unfold qhi. rewrite Hlo, Hfr. destruct (Req_EM_T r 0); [lra | auto].
Qed.

(** ** The quantile lies between two order statistics *)

Section Quantile.
Variables (p : R) (l : list R).
Hypothesis Hp : 0 <= p <= 100.
Hypothesis Hl : l <> nil.

Let N := length l.
Lemma N_pos : (N >= 1)%nat.
Proof. unfold N. destruct l; [contradiction | simpl; lia]. Qed.

Theorem quantile_between :
  nth (qlo p N) (rsort l) 0 <= quantile p l <= nth (qhi p N) (rsort l) 0.
Proof.
  pose proof (qfrac_bounds p N Hp). pose proof (qhi_le p N Hp N_pos).
  assert (nth (qlo p N) (rsort l) 0 <= nth (qhi p N) (rsort l) 0).
  { apply sorted_nth_le; [apply rsort_sorted | apply qlo_le_qhi |].
    rewrite rsort_length. fold N. pose proof N_pos. lia. }
  unfold quantile. fold N. nra.
Qed.

Theorem quantile_ge_min : exists x, In x l /\ x <= quantile p l.
Proof.
  exists (nth (qlo p N) (rsort l) 0). split; [|apply quantile_between].
  apply rsort_nth_In. pose proof (qlo_le p N Hp N_pos). pose proof N_pos. fold N. lia.
Qed.

Theorem quantile_le_max : exists x, In x l /\ quantile p l <= x.
Proof.
  exists (nth (qhi p N) (rsort l) 0). split; [|apply quantile_between].
  apply rsort_nth_In. pose proof (qhi_le p N Hp N_pos). pose proof N_pos. fold N. lia.
Qed.

(** min l ≤ quantile ≤ max l, with min/max the first/last order statistics. *)
Corollary quantile_min_max :
  nth 0 (rsort l) 0 <= quantile p l <= nth (N - 1) (rsort l) 0.
Proof.
  destruct quantile_ge_min as [x [Hx Hxq]]. destruct quantile_le_max as [y [Hy Hyq]].
  pose proof (rsort_first_le l x Hx). pose proof (rsort_last_ge l y Hy). unfold N. lra.
Qed.

(** At least N − ⌈(p/100)(N − 1)⌉ elements are ≥ the p-th quantile. *)
Theorem count_ge_quantile : (N - qhi p N <= count_ge (quantile p l) l)%nat.
Proof.
  pose proof (qhi_le p N Hp N_pos). pose proof N_pos.
  eapply Nat.le_trans; [apply count_ge_rsort_nth; fold N; lia|].
  apply count_ge_antitone, quantile_between.
Qed.

Corollary count_ge_quantile_pos : (1 <= count_ge (quantile p l) l)%nat.
Proof.
  pose proof count_ge_quantile. pose proof (qhi_le p N Hp N_pos). pose proof N_pos. lia.
Qed.

End Quantile.

(** The k-th largest element has at least k elements ≥ it. *)
Theorem count_ge_kth_largest k l :
  (1 <= k <= length l)%nat -> (k <= count_ge (kth_largest k l) l)%nat.
Proof.
  intros Hk. unfold kth_largest.
  eapply Nat.le_trans; [|apply count_ge_rsort_nth; lia]. lia.
Qed.

Lemma kth_largest_In k l : (1 <= k <= length l)%nat -> In (kth_largest k l) l.
Proof. intros Hk. apply rsort_nth_In. lia. Qed.
