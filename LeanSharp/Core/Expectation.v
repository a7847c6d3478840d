(** * LeanSharp.Core.Expectation — probability spaces given by their expectation

    A probability space on a type Ω is described by what the theorems use of it: a class
    of integrable random variables, the expectation E on it (linear, monotone, E[c] = c),
    "almost surely", the probability of an event, and conditional expectations given
    sub-σ-algebras (Daniell's view of an integral, plus the operations Mathlib builds on
    the Lebesgue integral).

    Definitions
    - [prob_space Ω]: the record. Fields: [integrable], [expectation], [measurable] (Mathlib's
      [AEStronglyMeasurable]), [ae] (∀ᵐ), [prob] (A ↦ (μ A).toReal), [sub_sigma] (the
      sub-σ-algebras m ≤ m₀), [cond] (m, X ↦ μ[X | m]), [measurable_in m] (Mathlib's
      [AEStronglyMeasurable[m]]).
    - [vintegrable P n g], [vexpectation P n g], [vmeasurable P n g]: a random vector g : Ω → W n is integrable when
      each coordinate is; its mean is the vector of the coordinates' means.
    - [finite_space K p]: a finite law (K outcomes, weights p, [Core.FiniteProb.is_law]) as a
      probability space on nat: everything integrable, E = [expect K p], "a.s." = on the
      support, conditioning on a labelling c of the outcomes' atoms.

    Why a theorem proved for every [prob_space] holds for every Mathlib probability space
    (Ω, volume): take integrable := [Integrable], expectation := [∫ · ∂volume], measurable :=
    [AEStronglyMeasurable], ae := [∀ᵐ], prob A := [(volume A).toReal], sub_sigma :=
    {m // m ≤ m₀}, cond := [volume[· | m]], measurable_in m := [AEStronglyMeasurable[m]].
    Each axiom below is then a Mathlib lemma:
    [integrable_const], [Integrable.add], [Integrable.const_mul], [Integrable.abs], [Integrable.mono']
    ([integrable_dominated]), [Integrable.aestronglyMeasurable], [integral_add],
    [integral_const_mul], [integral_const] with [probReal_univ], [integral_mono_ae],
    [integral_congr_ae], [Integrable.congr],
    [Eventually.of_forall], [Eventually.mp], Markov's [mul_meas_ge_le_integral_of_nonneg]
    with [measure_mono_ae] ([prob_le_expectation]), [measure_union_le] with
    [measure_mono_ae] and [probReal_univ] ([prob_cover]), [integrable_condExp], and
    [integral_condExp] (a probability measure's trim is finite), [condExp_mono],
    [condExp_of_aestronglyMeasurable'], [condExp_congr_ae], and [AEStronglyMeasurable]'s
    [const]/[add]/[const_mul] for [measurable_in]. A vector-valued
    g : Ω → EuclideanSpace ℝ ι is integrable (a.e.-strongly measurable) iff each coordinate
    is, and its Bochner integral is the vector of the coordinates' integrals, as
    [vintegrable]/[vexpectation] say.

    Main results
    - [expectation_minus], [expectation_le], [expectation_nonneg], [ae_and], [ae_mono]
    - [integrable_vsum], [expectation_vsum], [expectation_inner_const]: E⟨u, g⟩ = ⟨u, E g⟩
    - [expectation_bias_variance]: E‖g‖² = E‖g − E g‖² + ‖E g‖²
    - [finite_space_expectation]: on a finite law, [expectation] is [expect K p]
    - [prob_measure P]: a probability space is a measure space ([Core.Integral.measure_space])
      with the same integrable functions, integral, a.s. and event probabilities *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality ClassicalEpsilon.
From LeanSharp.Core Require Import Vec FiniteProb Integral.
Open Scope R_scope.

Record prob_space (Omega : Type) := mk_prob_space {
  integrable : (Omega -> R) -> Prop;
  expectation : (Omega -> R) -> R;
  measurable : (Omega -> R) -> Prop;
  ae : (Omega -> Prop) -> Prop;
  prob : (Omega -> Prop) -> R;
  sub_sigma : Type;
  cond : sub_sigma -> (Omega -> R) -> Omega -> R;
  integrable_const : forall c, integrable (fun _ => c);
  integrable_plus : forall f g, integrable f -> integrable g -> integrable (fun w => f w + g w);
  integrable_scal : forall c f, integrable f -> integrable (fun w => c * f w);
  integrable_abs : forall f, integrable f -> integrable (fun w => Rabs (f w));
  integrable_measurable : forall f, integrable f -> measurable f;
  integrable_dominated : forall f g, measurable f -> integrable g ->
    ae (fun w => Rabs (f w) <= g w) -> integrable f;
  expectation_plus : forall f g, integrable f -> integrable g ->
    expectation (fun w => f w + g w) = expectation f + expectation g;
  expectation_scal : forall c f, expectation (fun w => c * f w) = c * expectation f;
  expectation_const : forall c, expectation (fun _ => c) = c;
  expectation_mono : forall f g, integrable f -> integrable g ->
    ae (fun w => f w <= g w) -> expectation f <= expectation g;
  expectation_congr_ae : forall f g, ae (fun w => f w = g w) -> expectation f = expectation g;
  integrable_congr_ae : forall f g, ae (fun w => f w = g w) -> integrable f -> integrable g;
  ae_of_all : forall (A : Omega -> Prop), (forall w, A w) -> ae A;
  ae_mp : forall (A B : Omega -> Prop), ae A -> ae (fun w => A w -> B w) -> ae B;
  prob_le_expectation : forall (A : Omega -> Prop) g, integrable g ->
    ae (fun w => 0 <= g w) -> ae (fun w => A w -> 1 <= g w) -> prob A <= expectation g;
  prob_cover : forall (A B : Omega -> Prop), ae (fun w => A w \/ B w) -> 1 <= prob A + prob B;
  integrable_cond : forall m X, integrable (cond m X);
  expectation_cond : forall m X, expectation (cond m X) = expectation X;
  measurable_in : sub_sigma -> (Omega -> R) -> Prop;
  measurable_in_const : forall m c, measurable_in m (fun _ => c);
  measurable_in_plus : forall m f g, measurable_in m f -> measurable_in m g ->
    measurable_in m (fun w => f w + g w);
  measurable_in_scal : forall m c f, measurable_in m f -> measurable_in m (fun w => c * f w);
  cond_mono : forall m f g, integrable f -> integrable g -> ae (fun w => f w <= g w) ->
    ae (fun w => cond m f w <= cond m g w);
  cond_of_measurable : forall m f, measurable_in m f -> integrable f ->
    ae (fun w => cond m f w = f w);
  cond_congr_ae : forall m f g, ae (fun w => f w = g w) -> ae (fun w => cond m f w = cond m g w)
}.

Arguments integrable {Omega} _ _. Arguments expectation {Omega} _ _.
Arguments measurable {Omega} _ _. Arguments ae {Omega} _ _. Arguments prob {Omega} _ _.
Arguments sub_sigma {Omega} _. Arguments cond {Omega} _ _ _ _.
Arguments integrable_const {Omega} _ _. Arguments integrable_plus {Omega} _ _ _ _ _.
Arguments integrable_scal {Omega} _ _ _ _. Arguments integrable_measurable {Omega} _ _ _.
Arguments integrable_abs {Omega} _ _ _.
Arguments integrable_dominated {Omega} _ _ _ _ _ _.
Arguments expectation_plus {Omega} _ _ _ _ _. Arguments expectation_scal {Omega} _ _ _.
Arguments expectation_const {Omega} _ _. Arguments expectation_mono {Omega} _ _ _ _ _ _.
Arguments expectation_congr_ae {Omega} _ _ _ _. Arguments integrable_congr_ae {Omega} _ _ _ _ _.
Arguments ae_of_all {Omega} _ _ _. Arguments ae_mp {Omega} _ _ _ _ _.
Arguments prob_le_expectation {Omega} _ _ _ _ _ _. Arguments prob_cover {Omega} _ _ _ _.
Arguments integrable_cond {Omega} _ _ _. Arguments expectation_cond {Omega} _ _ _.
Arguments measurable_in {Omega} _ _ _. Arguments measurable_in_const {Omega} _ _ _.
Arguments measurable_in_plus {Omega} _ _ _ _ _ _. Arguments measurable_in_scal {Omega} _ _ _ _ _.
Arguments cond_mono {Omega} _ _ _ _ _ _ _. Arguments cond_of_measurable {Omega} _ _ _ _ _.
Arguments cond_congr_ae {Omega} _ _ _ _ _.

Section Expectation.
Context {Omega : Type} (P : prob_space Omega).

Local Notation E := (expectation P).
Local Notation I := (integrable P).

(** ** Scalar random variables *)

Lemma ae_and (A B : Omega -> Prop) : ae P A -> ae P B -> ae P (fun w => A w /\ B w).
Proof.
  intros HA HB. apply (ae_mp P B); [exact HB|].
  apply (ae_mp P A); [exact HA|]. apply ae_of_all. auto.
Qed.

Lemma ae_mono (A B : Omega -> Prop) : (forall w, A w -> B w) -> ae P A -> ae P B.
Proof. intros H HA. apply (ae_mp P A); [exact HA | now apply ae_of_all]. Qed.

Lemma integrable_ext f g : (forall w, f w = g w) -> I f -> I g.
Proof. intros H. now replace g with f by (apply functional_extensionality; exact H). Qed.

Lemma expectation_ext f g : (forall w, f w = g w) -> E f = E g.
Proof. intros H. now replace g with f by (apply functional_extensionality; exact H). Qed.

Lemma integrable_opp f : I f -> I (fun w => - f w).
Proof.
  intros H. replace (fun w => - f w) with (fun w => -1 * f w)
    by (apply functional_extensionality; intros; ring).
  now apply integrable_scal.
Qed.

Lemma integrable_minus f g : I f -> I g -> I (fun w => f w - g w).
Proof.
  intros Hf Hg. apply (integrable_ext (fun w => f w + - g w)); [intros; ring|].
  apply (integrable_plus P f (fun w => - g w)); [exact Hf | now apply integrable_opp].
Qed.

Lemma expectation_opp f : E (fun w => - f w) = - E f.
Proof.
  rewrite (expectation_ext _ (fun w => -1 * f w)) by (intros; ring).
  rewrite expectation_scal. ring.
Qed.

Lemma expectation_minus f g : I f -> I g -> E (fun w => f w - g w) = E f - E g.
Proof.
  intros Hf Hg. rewrite (expectation_ext _ (fun w => f w + - g w)) by (intros; ring).
  rewrite (expectation_plus P f (fun w => - g w)) by (auto using integrable_opp).
  rewrite expectation_opp. ring.
Qed.

Lemma expectation_le f g : I f -> I g -> (forall w, f w <= g w) -> E f <= E g.
Proof. intros Hf Hg H. apply expectation_mono; [exact Hf | exact Hg | now apply ae_of_all]. Qed.

Lemma expectation_nonneg f : I f -> (forall w, 0 <= f w) -> 0 <= E f.
Proof.
  intros Hf H. rewrite <- (expectation_const P 0).
  apply expectation_le; [apply integrable_const | exact Hf | exact H].
Qed.

Lemma integrable_vsum n (f : nat -> Omega -> R) :
  (forall i, (i < n)%nat -> I (f i)) -> I (fun w => vsum n (fun i => f i w)).
Proof.
  induction n as [|n IH]; intros H; simpl.
  - apply integrable_const.
  - apply integrable_plus; [apply IH; intros; apply H; lia | apply H; lia].
Qed.

Lemma expectation_vsum n (f : nat -> Omega -> R) :
  (forall i, (i < n)%nat -> I (f i)) -> E (fun w => vsum n (fun i => f i w)) = vsum n (fun i => E (f i)).
Proof.
  induction n as [|n IH]; intros H; simpl.
  - apply expectation_const.
  - rewrite expectation_plus, IH by (try apply integrable_vsum; intros; apply H; lia). reflexivity.
Qed.

(** ** Random vectors *)

Definition vintegrable (n : nat) (g : Omega -> W n) : Prop :=
  forall i, (i < n)%nat -> I (fun w => g w i).

Definition vexpectation (n : nat) (g : Omega -> W n) : W n := fun i => E (fun w => g w i).

Definition vmeasurable (n : nat) (g : Omega -> W n) : Prop :=
  forall i, (i < n)%nat -> measurable P (fun w => g w i).

Lemma vexpectation_const n (c : W n) : vexpectation n (fun _ => c) = c.
Proof. apply functional_extensionality. intros i. unfold vexpectation. apply expectation_const. Qed.

Lemma vintegrable_const n (c : W n) : vintegrable n (fun _ => c).
Proof. intros i _. apply integrable_const. Qed.

Lemma integrable_inner_const n (u : W n) g :
  vintegrable n g -> I (fun w => inner n u (g w)).
Proof.
  intros H. apply (integrable_vsum n (fun i w => u i * g w i)). intros i Hi.
  now apply integrable_scal, H.
Qed.

(** E⟨u, g⟩ = ⟨u, E g⟩ for a fixed u. *)
Theorem expectation_inner_const n (u : W n) g :
  vintegrable n g -> E (fun w => inner n u (g w)) = inner n u (vexpectation n g).
Proof.
  intros H. unfold inner. rewrite (expectation_vsum n (fun i w => u i * g w i)).
  - apply vsum_ext. intros i _. apply expectation_scal.
  - intros i Hi. now apply integrable_scal, H.
Qed.

(** E‖g‖² = E‖g − E g‖² + ‖E g‖² (g and ‖g‖² integrable). *)
Theorem expectation_bias_variance n g :
  vintegrable n g -> I (fun w => norm2 n (g w)) ->
  E (fun w => norm2 n (g w))
  = E (fun w => norm2 n (vsub (g w) (vexpectation n g))) + norm2 n (vexpectation n g).
Proof.
  intros Hg H2. set (m := vexpectation n g).
  rewrite (expectation_ext (fun w => norm2 n (vsub (g w) m))
             (fun w => (norm2 n (g w) + (-2) * inner n m (g w)) + norm2 n m)).
  - rewrite expectation_plus, expectation_plus, expectation_scal, expectation_const,
      expectation_inner_const by
      (auto using integrable_const, integrable_plus, integrable_scal, integrable_inner_const).
    fold m. unfold norm2. ring.
  - intros w. rewrite norm2_sub, (inner_sym n (g w) m). ring.
Qed.

End Expectation.

(** ** A finite law is a probability space *)

Section FiniteSpace.
Variables (K : nat) (p : nat -> R).
Hypothesis Hl : is_law K p.

Definition on_support (A : nat -> Prop) : Prop := forall k, (k < K)%nat -> 0 < p k -> A k.

Definition event_indicator (A : nat -> Prop) (k : nat) : R :=
  if excluded_middle_informative (A k) then 1 else 0.

Lemma finite_expect_le_ae f g : on_support (fun k => f k <= g k) -> expect K p f <= expect K p g.
Proof.
  intros H. destruct Hl as [Hp _]. apply vsum_le. intros k Hk.
  destruct (Hp k Hk) as [Hpos|H0]; [apply Rmult_le_compat_l; [lra | now apply H] | rewrite <- H0; lra].
Qed.

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

Definition finite_space : prob_space nat.
Proof.
  refine (mk_prob_space nat (fun _ => True) (expect K p) (fun _ => True) on_support
            (fun A => expect K p (event_indicator A)) (nat -> nat) atom_expect
            _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ atom_measurable _ _ _ _ _ _);
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
    unfold event_indicator. destruct excluded_middle_informative as [a|a];
      [now apply H1 | now apply H0].
  - intros A B H. rewrite <- expect_add, <- (expect_const K p 1 Hl).
    apply finite_expect_le_ae. intros k Hk Hp. unfold event_indicator.
    destruct (H k Hk Hp) as [a|b];
      destruct excluded_middle_informative, excluded_middle_informative; tauto || lra.
  - intros c X. apply atom_expect_tower.
  - intros c a j k _ _ _ _ _. reflexivity.
  - intros c f g Hf Hg j k Hj Hk Hpj Hpk E. now rewrite (Hf j k), (Hg j k).
  - intros c a f Hf j k Hj Hk Hpj Hpk E. now rewrite (Hf j k).
  - intros c f g _ _ H k _ _. now apply atom_expect_le_ae.
  - intros c f Hf _ k Hk Hpk. now apply atom_expect_measurable.
  - intros c f g H k _ _. apply Rle_antisym; apply atom_expect_le_ae; intros j Hj Hpj;
      rewrite (H j Hj Hpj); apply Rle_refl.
Defined.

Lemma finite_space_expectation f : expectation finite_space f = expect K p f.
Proof. reflexivity. Qed.

Lemma finite_space_ae A : ae finite_space A = on_support A.
Proof. reflexivity. Qed.

End FiniteSpace.

(** ** A probability space is a measure space *)

Definition prob_measure {Omega : Type} (P : prob_space Omega) : measure_space Omega.
Proof.
  refine (mk_measure_space Omega (integrable P) (expectation P) (measurable P) (ae P) (prob P)
            (integrable_const P 0) (integrable_plus P) (integrable_scal P) (integrable_abs P)
            (integrable_dominated P) (expectation_plus P) (expectation_scal P)
            (expectation_mono P) (ae_of_all P) (ae_mp P) (prob_le_expectation P)).
Defined.

(** A probability space is read as a measure space where one is expected. *)
Coercion prob_measure : prob_space >-> measure_space.

Lemma prob_measure_integral {Omega : Type} (P : prob_space Omega) f :
  mu_integral (prob_measure P) f = expectation P f.
Proof. reflexivity. Qed.
