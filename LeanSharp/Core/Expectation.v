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
    [condExp_of_aestronglyMeasurable'], [condExp_congr_ae], [condExp_smul] ([cond_scal]), and [AEStronglyMeasurable]'s
    [const]/[add]/[const_mul]/[mul] for [measurable_in]. For filtrations and Doob's theorem
    ([Core.Martingale]): [sub_le] is ≤ on sub-σ-algebras with [AEStronglyMeasurable.mono]
    ([measurable_in_mono], [measurable_in_measurable]: m ≤ m₀); the indicator of {f ≤ a} for
    an a.e.-strongly m-measurable f is a.e. that of {g ≤ a}, g strongly m-measurable, a
    measurable set ([measurable_in_indicator_le]); [AEStronglyMeasurable.mul]
    ([measurable_mul]); the pull-out property [condExp_mul_of_aestronglyMeasurable_left] with
    [integral_condExp] ([expectation_mul_cond], H bounded, so H·X is integrable);
    [ae_all_iff] over ℕ ([ae_forall_nat]); Fatou's [lintegral_liminf_le] with [ae_lt_top]
    ([ae_liminf_bounded]: nonnegative f_k with E f_k ≤ R have liminf_k f_k < ∞ a.s.). A vector-valued
    g : Ω → EuclideanSpace ℝ ι is integrable (a.e.-strongly measurable) iff each coordinate
    is, and its Bochner integral is the vector of the coordinates' integrals, as
    [vintegrable]/[vexpectation] say.

    Main results
    - [expectation_minus], [expectation_le], [expectation_nonneg], [ae_and], [ae_mono]
    - [integrable_vsum], [expectation_vsum], [expectation_inner_const]: E⟨u, g⟩ = ⟨u, E g⟩
    - [expectation_bias_variance]: E‖g‖² = E‖g − E g‖² + ‖E g‖²
    - [prob_measure P]: a probability space is a measure space ([Core.Integral.measure_space])
      with the same integrable functions, integral, a.s. and event probabilities *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From LeanSharp.Core Require Import Vec Integral.
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
  cond_congr_ae : forall m f g, ae (fun w => f w = g w) -> ae (fun w => cond m f w = cond m g w);
  cond_scal : forall m c X, ae (fun w => cond m (fun w' => c * X w') w = c * cond m X w);
  (* filtrations and Doob's theorem *)
  sub_le : sub_sigma -> sub_sigma -> Prop;
  measurable_in_mono : forall m m' f, sub_le m m' -> measurable_in m f -> measurable_in m' f;
  measurable_in_measurable : forall m f, measurable_in m f -> measurable f;
  measurable_in_mul : forall m f g, measurable_in m f -> measurable_in m g ->
    measurable_in m (fun w => f w * g w);
  measurable_in_indicator_le : forall m f a, measurable_in m f ->
    measurable_in m (fun w => if Rle_dec (f w) a then 1 else 0);
  measurable_mul : forall f g, measurable f -> measurable g -> measurable (fun w => f w * g w);
  expectation_mul_cond : forall m H X, measurable_in m H -> (forall w, Rabs (H w) <= 1) ->
    integrable X -> expectation (fun w => H w * X w) = expectation (fun w => H w * cond m X w);
  ae_forall_nat : forall (A : nat -> Omega -> Prop), (forall k, ae (A k)) ->
    ae (fun w => forall k, A k w);
  ae_liminf_bounded : forall (f : nat -> Omega -> R) R0, (forall k, integrable (f k)) ->
    (forall k w, 0 <= f k w) -> (forall k, expectation (f k) <= R0) ->
    ae (fun w => exists B, forall N, exists k, (N <= k)%nat /\ f k w <= B)
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
Arguments cond_scal {Omega} _ _ _ _.
Arguments sub_le {Omega} _ _ _. Arguments measurable_in_mono {Omega} _ _ _ _ _ _.
Arguments measurable_in_measurable {Omega} _ _ _ _. Arguments measurable_in_mul {Omega} _ _ _ _ _ _.
Arguments measurable_in_indicator_le {Omega} _ _ _ _ _. Arguments measurable_mul {Omega} _ _ _ _ _.
Arguments expectation_mul_cond {Omega} _ _ _ _ _ _ _. Arguments ae_forall_nat {Omega} _ _ _.
Arguments ae_liminf_bounded {Omega} _ _ _ _ _ _.

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

Lemma measurable_in_ext m f g : (forall w, f w = g w) -> measurable_in P m f -> measurable_in P m g.
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
Proof. exact (mu_integrable_minus (prob_measure P) f g). Qed.

Lemma expectation_opp f : E (fun w => - f w) = - E f.
Proof. exact (mu_integral_opp (prob_measure P) f). Qed.

Lemma expectation_minus f g : I f -> I g -> E (fun w => f w - g w) = E f - E g.
Proof. exact (mu_integral_minus (prob_measure P) f g). Qed.

Lemma expectation_le f g : I f -> I g -> (forall w, f w <= g w) -> E f <= E g.
Proof. exact (mu_integral_le (prob_measure P) f g). Qed.

Lemma expectation_nonneg f : I f -> (forall w, 0 <= f w) -> 0 <= E f.
Proof.
  intros Hf H. rewrite <- (expectation_const P 0).
  apply expectation_le; [apply integrable_const | exact Hf | exact H].
Qed.

Lemma integrable_vsum n (f : nat -> Omega -> R) :
  (forall i, (i < n)%nat -> I (f i)) -> I (fun w => vsum n (fun i => f i w)).
Proof. exact (mu_integrable_vsum (prob_measure P) n f). Qed.

Lemma expectation_vsum n (f : nat -> Omega -> R) :
  (forall i, (i < n)%nat -> I (f i)) -> E (fun w => vsum n (fun i => f i w)) = vsum n (fun i => E (f i)).
Proof. exact (mu_integral_vsum (prob_measure P) n f). Qed.

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
