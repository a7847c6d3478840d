(** * LeanSharp.Theory.Generalization.StabilityGeneralization — uniform stability bounds the generalization gap

    Finite setting. Samples are the outcomes z < K of a law p ([FiniteProb.is_law]); a data
    set of N samples is a function S : nat -> nat read on [0, N) (sample j is S j), drawn
    i.i.d. from p. A learning rule is seen through its expected loss [Lval S z] (for a
    randomised algorithm A: the expectation of ℓ(A(S), z) over A's own randomness).

    Definitions
    - [upd S j z]: the data set S with sample j replaced by z
    - [dexp K p N F] = E_{S ~ p^N} F(S), the expectation over the N-fold product law
    - [swap j k] = the transposition of j and k;  [perm σ S] = S ∘ σ
    - [pop_risk K p Lval S] = E_{z ~ p} Lval S z          (population risk)
    - [emp_risk N Lval S]   = (1/N) Σ_{j<N} Lval S (S j)  (empirical risk)
    - [local_rule N Lval]: Lval S z depends on S only through S_0, …, S_{N−1}
    - [uniformly_stable N Lval ε]: replacing any one sample changes the expected loss at
      any point by at most ε: |Lval (upd S j z') z − Lval S z| ≤ ε for every S, j < N, z', z

    Main results
    - [dexp_swap]: the product law is exchangeable: for j < N, swapping sample j with
      sample N does not change E over N + 1 samples
    - [generalization_of_stability] (Bousquet–Elisseeff): a local, ε-uniformly stable rule
      has |E_S[pop_risk(S) − emp_risk(S)]| ≤ ε  (N ≥ 1) *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From LeanSharp.Core Require Import Vec FiniteProb.
Open Scope R_scope.

Definition upd (S : nat -> nat) (j z : nat) : nat -> nat :=
  fun i => if Nat.eqb i j then z else S i.

Fixpoint dexp (K : nat) (p : nat -> R) (N : nat) (F : (nat -> nat) -> R) : R :=
  match N with
  | O => F (fun _ => O)
  | S N' => dexp K p N' (fun s => expect K p (fun z => F (upd s N' z)))
  end.

Definition swap (j k : nat) : nat -> nat :=
  fun i => if Nat.eqb i j then k else if Nat.eqb i k then j else i.

Definition perm (sigma : nat -> nat) (S : nat -> nat) : nat -> nat := fun i => S (sigma i).

Definition pop_risk (K : nat) (p : nat -> R) (Lval : (nat -> nat) -> nat -> R) (S : nat -> nat) : R :=
  expect K p (Lval S).

Definition emp_risk (N : nat) (Lval : (nat -> nat) -> nat -> R) (S : nat -> nat) : R :=
  / INR N * vsum N (fun j => Lval S (S j)).

Definition local_rule (N : nat) (Lval : (nat -> nat) -> nat -> R) : Prop :=
  forall S S' z, (forall i, (i < N)%nat -> S i = S' i) -> Lval S z = Lval S' z.

Definition uniformly_stable (N : nat) (Lval : (nat -> nat) -> nat -> R) (eps : R) : Prop :=
  forall S j z' z, (j < N)%nat -> Rabs (Lval (upd S j z') z - Lval S z) <= eps.

(** Case analysis on every [Nat.eqb] in the goal, then arithmetic. *)
Ltac eqb_cases :=
  repeat (match goal with
          | |- context [Nat.eqb ?a ?b] =>
              tryif (match a with context [Nat.eqb _ _] => idtac end) then fail
              else destruct (Nat.eqb_spec a b)
          end; cbv beta iota);
  try lia; try reflexivity.

Lemma abs_le_bounds x a : Rabs x <= a -> - a <= x <= a.
Proof. unfold Rabs. destruct (Rcase_abs x); lra. Qed.

(** ** The product expectation is linear and monotone *)

Section Dexp.
Context (K : nat) (p : nat -> R).
Hypothesis Hlaw : is_law K p.

Lemma dexp_ext N F G : (forall s, F s = G s) -> dexp K p N F = dexp K p N G.
Proof.
  revert F G. induction N as [|N IH]; intros F G H; simpl; [apply H|].
  apply IH. intros s. apply expect_ext. intros; apply H.
Qed.

Lemma dexp_affine N F a b : dexp K p N (fun s => a * F s + b) = a * dexp K p N F + b.
Proof.
  revert F. induction N as [|N IH]; intros F; simpl; [reflexivity|].
  rewrite <- IH. apply dexp_ext. intros s.
  rewrite expect_add, expect_scal, expect_const by exact Hlaw. reflexivity.
Qed.

Lemma dexp_add N F G : dexp K p N (fun s => F s + G s) = dexp K p N F + dexp K p N G.
Proof.
  revert F G. induction N as [|N IH]; intros F G; simpl; [reflexivity|].
  rewrite <- IH. apply dexp_ext. intros s. apply expect_add.
Qed.

Lemma dexp_le N F G : (forall s, F s <= G s) -> dexp K p N F <= dexp K p N G.
Proof.
  revert F G. induction N as [|N IH]; intros F G H; simpl; [apply H|].
  apply IH. intros s. apply expect_le; [exact Hlaw|]. intros; apply H.
Qed.

Lemma dexp_const N c : dexp K p N (fun _ => c) = c.
Proof.
  rewrite (dexp_ext N _ (fun s => 0 * 0 + c)) by (intros; ring).
  rewrite dexp_affine. ring.
Qed.

Lemma dexp_scal N F a : dexp K p N (fun s => a * F s) = a * dexp K p N F.
Proof.
  rewrite (dexp_ext N _ (fun s => a * F s + 0)) by (intros; ring).
  rewrite dexp_affine. ring.
Qed.

Lemma dexp_sub N F G : dexp K p N (fun s => F s - G s) = dexp K p N F - dexp K p N G.
Proof.
  rewrite (dexp_ext N _ (fun s => F s + ((-1) * G s + 0))) by (intros; ring).
  rewrite dexp_add, dexp_affine. ring.
Qed.

(** ** Exchangeability *)

Lemma expect_fubini (f : nat -> nat -> R) :
  expect K p (fun a => expect K p (fun b => f a b)) = expect K p (fun b => expect K p (fun a => f a b)).
Proof.
  unfold expect.
  rewrite (vsum_ext K _ (fun a => vsum K (fun b => p a * p b * f a b)))
    by (intros; rewrite <- vsum_scal; apply vsum_ext; intros; ring).
  rewrite vsum_swap. apply vsum_ext. intros b _.
  rewrite <- vsum_scal. apply vsum_ext. intros; ring.
Qed.

(** Swapping the last two samples. *)
Lemma dexp_swap_top M F :
  dexp K p (S (S M)) (fun T => F (perm (swap M (S M)) T)) = dexp K p (S (S M)) F.
Proof.
  simpl. apply dexp_ext. intros r. rewrite expect_fubini. apply expect_ext. intros a _.
  apply expect_ext. intros b _. f_equal. apply functional_extensionality. intros i.
  unfold perm, swap, upd. eqb_cases; subst; eqb_cases.
Qed.

(** A transposition of two samples below N lifts to N + 1 samples. *)
Lemma dexp_swap_lift N j k F :
  (j < N)%nat -> (k < N)%nat ->
  (forall G, dexp K p N (fun T => G (perm (swap j k) T)) = dexp K p N G) ->
  dexp K p (S N) (fun T => F (perm (swap j k) T)) = dexp K p (S N) F.
Proof.
  intros Hj Hk IH. simpl.
  rewrite <- (IH (fun s => expect K p (fun z => F (upd s N z)))).
  apply dexp_ext. intros s. apply expect_ext. intros z _. f_equal.
  apply functional_extensionality. intros i. unfold perm, swap, upd.
  eqb_cases; subst; eqb_cases.
Qed.

Theorem dexp_swap N j F :
  (j < N)%nat -> dexp K p (S N) (fun T => F (perm (swap j N) T)) = dexp K p (S N) F.
Proof.
  revert j F. induction N as [|M IH]; intros j F Hj; [lia|].
  destruct (Nat.eq_dec j M) as [->|Hne]; [apply dexp_swap_top|].
  (* swap j (M+1) = swap M (M+1) ∘ swap j M ∘ swap M (M+1) *)
  set (G2 := fun V => F (perm (swap M (S M)) V)).
  set (G1 := fun U => G2 (perm (swap j M) U)).
  transitivity (dexp K p (S (S M)) (fun T => G1 (perm (swap M (S M)) T))).
  { apply dexp_ext. intros T. unfold G1, G2. f_equal. apply functional_extensionality.
    intros i. unfold perm, swap. eqb_cases; subst; eqb_cases. }
  rewrite dexp_swap_top. unfold G1.
  rewrite dexp_swap_lift by (lia || (intros; apply IH; lia)).
  unfold G2. apply dexp_swap_top.
Qed.

End Dexp.

(** ** Stability implies generalization *)

Section Generalization.
Context (K N : nat) (p : nat -> R) (Lval : (nat -> nat) -> nat -> R) (eps : R).
Hypotheses (Hlaw : is_law K p) (HN : (1 <= N)%nat)
           (Hloc : local_rule N Lval) (Hstab : uniformly_stable N Lval eps).

(** E_S[pop_risk] = E over N + 1 samples of Lval S (S_N): the fresh sample is sample N. *)
Lemma pop_risk_as_fresh :
  dexp K p N (pop_risk K p Lval) = dexp K p (S N) (fun T => Lval T (T N)).
Proof.
  simpl. apply dexp_ext. intros s. unfold pop_risk. apply expect_ext. intros z _.
  unfold upd at 2. rewrite Nat.eqb_refl. apply Hloc. intros i Hi. unfold upd.
  destruct (Nat.eqb_spec i N); [lia | reflexivity].
Qed.

Lemma sample_risk_as_fresh j :
  (j < N)%nat -> dexp K p N (fun S => Lval S (S j)) = dexp K p (S N) (fun T => Lval T (T j)).
Proof.
  intros Hj. simpl. apply dexp_ext. intros s.
  rewrite (expect_ext K p _ (fun _ => Lval s (s j))); [now rewrite expect_const|].
  intros z _. unfold upd at 2. destruct (Nat.eqb_spec j N); [lia|].
  apply Hloc. intros i Hi. unfold upd. destruct (Nat.eqb_spec i N); [lia | reflexivity].
Qed.

(** For each j < N: E[pop_risk] − E[Lval S (S_j)] is within ε of 0 (swap sample j with the
    fresh sample, then use stability). *)
Lemma gap_term_bound j :
  (j < N)%nat ->
  Rabs (dexp K p N (pop_risk K p Lval) - dexp K p N (fun S => Lval S (S j))) <= eps.
Proof.
  intros Hj. rewrite pop_risk_as_fresh, sample_risk_as_fresh by exact Hj.
  rewrite <- (dexp_swap K p N j (fun T => Lval T (T N)) Hj).
  assert (Hd : forall T, Lval (perm (swap j N) T) (perm (swap j N) T N) - Lval T (T j)
                         = Lval (upd T j (T N)) (T j) - Lval T (T j)).
  { intros T. unfold perm at 2, swap. rewrite Nat.eqb_refl.
    destruct (Nat.eqb_spec N j); [lia|]. f_equal. apply Hloc. intros i Hi.
    unfold perm, swap, upd. eqb_cases; subst; eqb_cases. }
  rewrite <- dexp_sub by exact Hlaw. rewrite (dexp_ext K p (S N) _ _ Hd).
  apply Rabs_le. split.
  - rewrite <- (dexp_const K p Hlaw (S N) (- eps)). apply dexp_le; [exact Hlaw|]. intros T.
    pose proof (Hstab T j (T N) (T j) Hj) as H. apply abs_le_bounds in H. lra.
  - rewrite <- (dexp_const K p Hlaw (S N) eps). apply dexp_le; [exact Hlaw|]. intros T.
    pose proof (Hstab T j (T N) (T j) Hj) as H. apply abs_le_bounds in H. lra.
Qed.

Lemma dexp_vsum M (f : nat -> (nat -> nat) -> R) :
  dexp K p N (fun S => vsum M (fun j => f j S)) = vsum M (fun j => dexp K p N (f j)).
Proof.
  induction M as [|M IH]; simpl.
  - apply dexp_const, Hlaw.
  - rewrite dexp_add, IH by exact Hlaw. reflexivity.
Qed.

(** Uniform stability bounds the expected generalization gap:
    |E_S[pop_risk(S) − emp_risk(S)]| ≤ ε. *)
Theorem generalization_of_stability :
  Rabs (dexp K p N (fun S => pop_risk K p Lval S - emp_risk N Lval S)) <= eps.
Proof.
  assert (HNp : 0 < INR N) by (apply lt_0_INR; lia).
  set (A := dexp K p N (pop_risk K p Lval)).
  set (B := fun j => dexp K p N (fun S => Lval S (S j))).
  assert (Heq : dexp K p N (fun S => pop_risk K p Lval S - emp_risk N Lval S)
                = / INR N * vsum N (fun j => A - B j)).
  { unfold emp_risk. rewrite dexp_sub, dexp_scal, dexp_vsum by exact Hlaw.
    rewrite vsum_sub, vsum_const. fold A. unfold B. field. lra. }
  rewrite Heq. apply Rabs_le.
  assert (Hb : forall j, (j < N)%nat -> - eps <= A - B j <= eps)
    by (intros j Hj; apply abs_le_bounds, gap_term_bound, Hj).
  assert (Hlo : vsum N (fun _ => - eps) <= vsum N (fun j => A - B j))
    by (apply vsum_le; intros j Hj; apply Hb, Hj).
  assert (Hhi : vsum N (fun j => A - B j) <= vsum N (fun _ => eps))
    by (apply vsum_le; intros j Hj; apply Hb, Hj).
  rewrite vsum_const in Hlo, Hhi.
  assert (Hinv : 0 < / INR N) by (apply Rinv_0_lt_compat; exact HNp).
  split.
  - apply (Rmult_le_compat_l (/ INR N)) in Hlo; [|lra].
    replace (/ INR N * (INR N * - eps)) with (- eps) in Hlo by (field; lra). exact Hlo.
  - apply (Rmult_le_compat_l (/ INR N)) in Hhi; [|lra].
    replace (/ INR N * (INR N * eps)) with eps in Hhi by (field; lra). exact Hhi.
Qed.

End Generalization.
