(** * LeanSharp.Core.FiniteSpace — a finite law is a probability space, a finite sum of Dirac masses a measure space

    A finite law (K outcomes, weights p, [Core.FiniteProb.is_law K p]) is a
    [Core.Expectation.prob_space] on nat: every function is integrable and measurable,
    E = [expect K p], "almost surely" = at every outcome of positive weight ([on_support]),
    P(A) = E[1_A] ([event_indicator]), and the sub-σ-algebras are the labellings c : nat → nat
    of the outcomes' atoms (k, j in one atom iff c k = c j), with the conditional expectation
    E[X | c](k) = Σ_{c j = c k} p_j X_j / Σ_{c j = c k} p_j ([atom_expect]).

    Main results
    - [atom_expect_tower]: E[E[X | c]] = E[X];  [atom_expect_le_ae]: monotone on the support;
      [atom_expect_measurable]: X constant on the atoms of the support ⇒ E[X | c] = X there;
      [atom_expect_pull]: such an H pulls out, E[H·E[X | c]] = E[H·X];  [atom_le]: the order
      of labellings (every atom of c' inside one of c), the filtration order
    - [finite_le_at_support]: f ≥ 0, E f ≤ R ⇒ f(i) ≤ R/p_i on the support (Fatou's lemma
      of a finite law)
    - [finite_space K p Hl]: the probability space;  [finite_space_expectation]: its
      expectation is [expect K p];  [finite_space_ae]: its "a.s." is [on_support]
    - [dirac_sum K p y]: μ = Σ_{k<K} p_k δ_{y_k} on any type A (p_k ≥ 0, any total mass) as a
      [Core.Integral.measure_space]: ∫ f dμ = Σ p_k f(y_k) ([dirac_sum_integral]), so the
      measure-space results apply to measures that are not probabilities *)

From Coq Require Import Reals Lra Lia Classical_Prop IndefiniteDescription.
From LeanSharp.Core Require Import Vec FiniteProb Integral Expectation.
Open Scope R_scope.

(** Classical logic, informatively: {A} + {¬A} (from [classic] and the indefinite description
    the library already uses, so no further axiom). *)
Lemma informative_em (A : Prop) : {A} + {~ A}.
Proof.
  destruct (constructive_indefinite_description (fun b : bool => if b then A else ~ A)) as [[|] H].
  - destruct (classic A) as [a|na]; [exists true; exact a | exists false; exact na].
  - left. exact H.
  - right. exact H.
Qed.

(** Nonnegative weights: f ≤ g at every outcome of positive weight ⇒ Σ p_k f_k ≤ Σ p_k g_k. *)
Lemma expect_le_on_support K p f g : (forall k, (k < K)%nat -> 0 <= p k) ->
  (forall k, (k < K)%nat -> 0 < p k -> f k <= g k) -> expect K p f <= expect K p g.
Proof.
  intros Hp H. apply vsum_le. intros k Hk.
  destruct (Hp k Hk) as [Hpos|H0]; [apply Rmult_le_compat_l; [lra | now apply H] | rewrite <- H0; lra].
Qed.

Section FiniteSpace.
Variables (K : nat) (p : nat -> R).
Hypothesis Hl : is_law K p.

Definition on_support (A : nat -> Prop) : Prop := forall k, (k < K)%nat -> 0 < p k -> A k.

Definition event_indicator (A : nat -> Prop) (k : nat) : R :=
  if informative_em (A k) then 1 else 0.

Lemma finite_expect_le_ae f g : on_support (fun k => f k <= g k) -> expect K p f <= expect K p g.
Proof. apply expect_le_on_support, Hl. Qed.

(** Conditioning on the atoms of a labelling c (k, j in one atom iff c k = c j). *)
Definition atom_indicator (c : nat -> nat) (j k : nat) : R := if Nat.eq_dec (c j) (c k) then 1 else 0.

Definition atom_mass (c : nat -> nat) (k : nat) : R := vsum K (fun j => p j * atom_indicator c j k).

Definition atom_expect (c : nat -> nat) (X : nat -> R) (k : nat) : R :=
  vsum K (fun j => p j * atom_indicator c j k * X j) / atom_mass c k.

Lemma atom_mass_ge c k : (k < K)%nat -> p k <= atom_mass c k.
Proof.
  intros Hk. destruct Hl as [Hp _]. unfold atom_mass.
  replace (p k) with (p k * atom_indicator c k k)
    by (unfold atom_indicator; destruct Nat.eq_dec; [ring | congruence]).
  apply (vsum_term_le K (fun j => p j * atom_indicator c j k)); [|exact Hk].
  intros i Hi. unfold atom_indicator. destruct Nat.eq_dec; pose proof (Hp i Hi); lra.
Qed.

(** Tower property: E[E[X | c]] = E[X]. *)
Lemma atom_expect_tower c X : expect K p (atom_expect c X) = expect K p X.
Proof.
  unfold expect, atom_expect.
  rewrite (vsum_ext K _ (fun k => vsum K (fun j =>
             p k * atom_indicator c k j * (p j * X j / atom_mass c j)))).
  2: { intros k Hk. unfold Rdiv. rewrite (Rmult_comm (vsum K _)), <- Rmult_assoc, <- vsum_scal.
       apply vsum_ext. intros j Hj. unfold atom_indicator.
       destruct (Nat.eq_dec (c j) (c k)) as [E|E], (Nat.eq_dec (c k) (c j)) as [E'|E']; try congruence.
       - replace (atom_mass c k) with (atom_mass c j)
           by (apply vsum_ext; intros i _; unfold atom_indicator; now rewrite E).
         ring.
       - ring. }
  rewrite vsum_swap. apply vsum_ext. intros j Hj.
  rewrite (vsum_ext K _ (fun k => (p j * X j / atom_mass c j) * (p k * atom_indicator c k j)))
    by (intros; ring).
  rewrite vsum_scal. fold (atom_mass c j).
  pose proof (atom_mass_ge c j Hj) as Hge. destruct Hl as [Hp _]. pose proof (Hp j Hj).
  destruct (Req_dec (atom_mass c j) 0) as [Hz|Hz].
  - assert (Hpj : p j = 0) by lra. rewrite Hz, Hpj. ring.
  - field. exact Hz.
Qed.

Lemma atom_expect_le_ae c X Y k :
  on_support (fun j => X j <= Y j) -> atom_expect c X k <= atom_expect c Y k.
Proof.
  intros H. unfold atom_expect. pose proof Hl as [Hp _].
  assert (Hm : 0 <= atom_mass c k).
  { apply vsum_nonneg. intros j Hj. unfold atom_indicator. destruct Nat.eq_dec;
      pose proof (Hp j Hj); lra. }
  assert (Hi : 0 <= / atom_mass c k).
  { destruct (Req_dec (atom_mass c k) 0) as [E|E];
      [rewrite E, Rinv_0; lra | apply Rlt_le, Rinv_0_lt_compat; lra]. }
  unfold Rdiv. apply Rmult_le_compat_r; [exact Hi|].
  apply vsum_le. intros j Hj. destruct (Hp j Hj) as [Hpj|Hpj].
  - apply Rmult_le_compat_l; [unfold atom_indicator; destruct Nat.eq_dec; lra | now apply H].
  - rewrite <- Hpj. lra.
Qed.

(** X constant on the atoms of the support (c-measurable a.s.). *)
Definition atom_measurable (c : nat -> nat) (X : nat -> R) : Prop :=
  forall j k, (j < K)%nat -> (k < K)%nat -> 0 < p j -> 0 < p k -> c j = c k -> X j = X k.

Lemma atom_expect_measurable c X k :
  (k < K)%nat -> 0 < p k -> atom_measurable c X -> atom_expect c X k = X k.
Proof.
  intros Hk Hpk H. unfold atom_expect. pose proof (atom_mass_ge c k Hk) as Hm.
  pose proof Hl as [Hp _].
  rewrite (vsum_ext K _ (fun j => X k * (p j * atom_indicator c j k))).
  - rewrite vsum_scal. fold (atom_mass c k). field. lra.
  - intros j Hj. unfold atom_indicator. destruct Nat.eq_dec as [E|E]; [|ring].
    destruct (Hp j Hj) as [Hpj|Hpj]; [rewrite (H j k Hj Hk Hpj Hpk E); ring | rewrite <- Hpj; ring].
Qed.

(** Pull-out: H constant on the atoms of the support ⇒ E[H·E[X | c]] = E[H·X]. *)
Lemma atom_expect_pull c H X :
  atom_measurable c H -> expect K p (fun k => H k * atom_expect c X k) = expect K p (fun k => H k * X k).
Proof.
  intros HH. unfold expect, atom_expect.
  rewrite (vsum_ext K _ (fun k => vsum K (fun j => p k * atom_indicator c k j * (H k / atom_mass c k) * (p j * X j)))).
  2: { intros k Hk. unfold Rdiv.
       transitivity (p k * (H k * / atom_mass c k) * vsum K (fun j => p j * atom_indicator c j k * X j));
         [ring|]. rewrite <- vsum_scal. apply vsum_ext. intros j Hj.
       unfold atom_indicator. destruct (Nat.eq_dec (c j) (c k)), (Nat.eq_dec (c k) (c j)); try congruence; ring. }
  rewrite vsum_swap. apply vsum_ext. intros j Hj. pose proof Hl as [Hp _]. pose proof (Hp j Hj) as Hpj.
  destruct Hpj as [Hpj|Hpj]; [|rewrite <- Hpj; rewrite (vsum_ext K _ (fun _ => 0)) by (intros; ring);
                                 rewrite vsum_const; ring].
  pose proof (atom_mass_ge c j Hj) as Hm.
  rewrite (vsum_ext K _ (fun k => (H j / atom_mass c j * (p j * X j)) * (p k * atom_indicator c k j))).
  - rewrite vsum_scal. fold (atom_mass c j). field. lra.
  - intros k Hk. unfold atom_indicator. destruct (Nat.eq_dec (c k) (c j)) as [E|E]; [|ring].
    destruct (Hp k Hk) as [Hpk|Hpk]; [|rewrite <- Hpk; ring].
    rewrite (HH k j Hk Hj Hpk Hpj E).
    replace (atom_mass c k) with (atom_mass c j)
      by (apply vsum_ext; intros i _; unfold atom_indicator; now rewrite E).
    ring.
Qed.

(** A nonnegative f_k with E f_k ≤ R is at most R/p_i at every outcome i of the support. *)
Lemma finite_le_at_support f R0 i :
  (i < K)%nat -> 0 < p i -> (forall k, 0 <= f k) -> expect K p f <= R0 -> f i <= R0 / p i.
Proof.
  intros Hi Hpi H0 HE. pose proof Hl as [Hp _].
  assert (p i * f i <= expect K p f).
  { apply (vsum_term_le K (fun k => p k * f k)); [|exact Hi]. intros k Hk.
    apply Rmult_le_pos; [apply Hp, Hk | apply H0]. }
  apply (Rmult_le_reg_l (p i)); [exact Hpi|]. unfold Rdiv. rewrite <- Rmult_assoc, Rinv_r_simpl_m by lra. lra.
Qed.

(** The filtration order on labellings: c ≤ c' when every atom of c' (on the support) lies in one of c. *)
Definition atom_le (c c' : nat -> nat) : Prop :=
  forall j k, (j < K)%nat -> (k < K)%nat -> 0 < p j -> 0 < p k -> c' j = c' k -> c j = c k.

Definition finite_space : prob_space nat.
Proof.
  refine (mk_prob_space nat (fun _ => True) (expect K p) (fun _ => True) on_support
            (fun A => expect K p (event_indicator A)) (nat -> nat) atom_expect
            _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ atom_measurable _ _ _ _ _ _ _
            atom_le _ _ _ _ _ _ _ _);
    try (intros; exact I).
  - intros f g _ _. apply expect_add.
  - intros c f. apply expect_scal.
  - intros c. now apply expect_const.
  - intros f g _ _ H. now apply finite_expect_le_ae.
  - intros f g H. apply Rle_antisym; apply finite_expect_le_ae; intros k Hk Hp;
      rewrite (H k Hk Hp); apply Rle_refl.
  - intros A HA k _ _. apply HA.
  - intros A B HA HB k Hk Hp. now apply HB, HA.
  - intros A g _ H0 H1. apply finite_expect_le_ae. intros k Hk Hp.
    unfold event_indicator. destruct informative_em as [a|a];
      [now apply H1 | now apply H0].
  - intros A B H. rewrite <- expect_add, <- (expect_const K p 1 Hl).
    apply finite_expect_le_ae. intros k Hk Hp. unfold event_indicator.
    destruct (H k Hk Hp) as [a|b];
      destruct informative_em, informative_em; tauto || lra.
  - intros c X. apply atom_expect_tower.
  - intros c a j k _ _ _ _ _. reflexivity.
  - intros c f g Hf Hg j k Hj Hk Hpj Hpk E. now rewrite (Hf j k), (Hg j k).
  - intros c a f Hf j k Hj Hk Hpj Hpk E. now rewrite (Hf j k).
  - intros c f g _ _ H k _ _. now apply atom_expect_le_ae.
  - intros c f Hf _ k Hk Hpk. now apply atom_expect_measurable.
  - intros c f g H k _ _. apply Rle_antisym; apply atom_expect_le_ae; intros j Hj Hpj;
      rewrite (H j Hj Hpj); apply Rle_refl.
  - intros c a X k _ _. unfold atom_expect, Rdiv.
    rewrite (vsum_ext K _ (fun j => a * (p j * atom_indicator c j k * X j))) by (intros; ring).
    rewrite vsum_scal. ring.
  - intros c c' f Hle Hf j k Hj Hk Hpj Hpk E. now apply Hf, (Hle j k).
  - intros c f g Hf Hg j k Hj Hk Hpj Hpk E. now rewrite (Hf j k), (Hg j k).
  - intros c f a Hf j k Hj Hk Hpj Hpk E. now rewrite (Hf j k).
  - intros c H X HH _ _. symmetry. now apply atom_expect_pull.
  - intros A HA k Hk Hpk i. now apply HA.
  - intros f R0 _ H0 HE k Hk Hpk. exists (R0 / p k). intros N. exists N. split; [lia|].
    now apply finite_le_at_support.
Defined.

Lemma finite_space_expectation f : expectation finite_space f = expect K p f.
Proof. reflexivity. Qed.

Lemma finite_space_ae A : ae finite_space A = on_support A.
Proof. reflexivity. Qed.

End FiniteSpace.


(** ** A finite combination of Dirac masses is a measure space *)

Section DiracSum.
Context {A : Type} (K : nat) (p : nat -> R) (y : nat -> A).
Hypothesis Hp : forall k, (k < K)%nat -> 0 <= p k.

(** μ = Σ_{k<K} p_k δ_{y_k} (p_k ≥ 0, any total mass): ∫ f dμ = Σ p_k f(y_k). *)
Definition dirac_ae (B : A -> Prop) : Prop := forall k, (k < K)%nat -> 0 < p k -> B (y k).

Definition dirac_sum : measure_space A.
Proof.
  refine (mk_measure_space A (fun _ => True) (fun f => expect K p (fun k => f (y k))) (fun _ => True)
            dirac_ae (fun B => expect K p (fun k => if informative_em (B (y k)) then 1 else 0))
            _ _ _ _ _ _ _ _ _ _ _); try (intros; exact I).
  - intros f g _ _. apply expect_add.
  - intros c f. apply expect_scal.
  - intros f g _ _ H. now apply expect_le_on_support.
  - intros B HB k _ _. apply HB.
  - intros B C HB HC k Hk Hpk. now apply HC, HB.
  - intros B g _ H0 H1. apply expect_le_on_support; [exact Hp|]. intros k Hk Hpk.
    destruct informative_em; [now apply H1 | now apply H0].
Defined.

Lemma dirac_sum_integral f : mu_integral dirac_sum f = vsum K (fun k => p k * f (y k)).
Proof. reflexivity. Qed.

End DiracSum.
