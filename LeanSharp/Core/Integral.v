(** * LeanSharp.Core.Integral — the integral against a measure, finite or not

    A measure μ on a type Ω is described, as [Core.Expectation.prob_space] describes a
    probability space, by what the theorems use of it: the μ-integrable functions, the
    integral ∫ · dμ on them (linear, monotone), "μ-almost everywhere", and the measure of a
    set as a real number. Nothing asks μ(Ω) = 1 or μ(Ω) < ∞: constants need not be
    integrable.

    Definitions
    - [measure_space Ω]: the record. Fields: [mu_integrable], [mu_integral], [mu_measurable]
      (Mathlib's [AEStronglyMeasurable]), [mu_ae] (∀ᵐ), [mu_measure] (A ↦ (μ A).toReal).

    Why a theorem proved for every [measure_space] holds for every Mathlib measure space
    (Ω, volume): take mu_integrable := [Integrable], mu_integral := [∫ · ∂volume],
    mu_measurable := [AEStronglyMeasurable], mu_ae := [∀ᵐ], mu_measure A := [(volume A).toReal].
    Each axiom below is then a Mathlib lemma: [integrable_zero], [Integrable.add],
    [Integrable.const_mul], [Integrable.abs], [Integrable.mono'], [integral_add],
    [integral_const_mul], [integral_mono_ae], [Eventually.of_forall], [Eventually.mp], and
    ([mu_measure_le_integral]) Markov's [mul_meas_ge_le_integral_of_nonneg] with
    [measure_mono_ae] (when μ A = ∞ its toReal is 0 and the bound is trivial).

    Main results
    - [mu_integral_zero], [mu_integral_opp], [mu_integral_minus], [mu_integral_le]
    - [mu_integrable_vsum], [mu_integral_vsum]: the integral of a finite sum
    - [mu_markov]: 0 ≤ f, l > 0 ⇒ μ(f ≥ l) ≤ ∫ f / l
    - [vector_integral A E]: the integral of functions valued in a real vector space E
      (Coquelicot's [ModuleSpace]) with ∫(−f) = −∫ f (Mathlib's [integral_neg]);
      [module_eq_opp_zero]: x = −x ⇒ x = 0 *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From Coquelicot Require Hierarchy.
From LeanSharp.Core Require Import Vec.
Open Scope R_scope.

Record measure_space (Omega : Type) := mk_measure_space {
  mu_integrable : (Omega -> R) -> Prop;
  mu_integral : (Omega -> R) -> R;
  mu_measurable : (Omega -> R) -> Prop;
  mu_ae : (Omega -> Prop) -> Prop;
  mu_measure : (Omega -> Prop) -> R;
  mu_integrable_zero : mu_integrable (fun _ => 0);
  mu_integrable_plus : forall f g, mu_integrable f -> mu_integrable g ->
    mu_integrable (fun w => f w + g w);
  mu_integrable_scal : forall c f, mu_integrable f -> mu_integrable (fun w => c * f w);
  mu_integrable_abs : forall f, mu_integrable f -> mu_integrable (fun w => Rabs (f w));
  mu_integrable_dominated : forall f g, mu_measurable f -> mu_integrable g ->
    mu_ae (fun w => Rabs (f w) <= g w) -> mu_integrable f;
  mu_integral_plus : forall f g, mu_integrable f -> mu_integrable g ->
    mu_integral (fun w => f w + g w) = mu_integral f + mu_integral g;
  mu_integral_scal : forall c f, mu_integral (fun w => c * f w) = c * mu_integral f;
  mu_integral_mono : forall f g, mu_integrable f -> mu_integrable g ->
    mu_ae (fun w => f w <= g w) -> mu_integral f <= mu_integral g;
  mu_ae_of_all : forall (A : Omega -> Prop), (forall w, A w) -> mu_ae A;
  mu_ae_mp : forall (A B : Omega -> Prop), mu_ae A -> mu_ae (fun w => A w -> B w) -> mu_ae B;
  mu_measure_le_integral : forall (A : Omega -> Prop) g, mu_integrable g ->
    mu_ae (fun w => 0 <= g w) -> mu_ae (fun w => A w -> 1 <= g w) -> mu_measure A <= mu_integral g
}.

Arguments mu_integrable {Omega} _ _. Arguments mu_integral {Omega} _ _.
Arguments mu_measurable {Omega} _ _. Arguments mu_ae {Omega} _ _. Arguments mu_measure {Omega} _ _.
Arguments mu_integrable_zero {Omega} _. Arguments mu_integrable_plus {Omega} _ _ _ _ _.
Arguments mu_integrable_scal {Omega} _ _ _ _. Arguments mu_integrable_abs {Omega} _ _ _.
Arguments mu_integrable_dominated {Omega} _ _ _ _ _ _.
Arguments mu_integral_plus {Omega} _ _ _ _ _. Arguments mu_integral_scal {Omega} _ _ _.
Arguments mu_integral_mono {Omega} _ _ _ _ _ _.
Arguments mu_ae_of_all {Omega} _ _ _. Arguments mu_ae_mp {Omega} _ _ _ _ _.
Arguments mu_measure_le_integral {Omega} _ _ _ _ _ _.

Section Integral.
Context {Omega : Type} (M : measure_space Omega).

Local Notation I := (mu_integrable M).
Local Notation S := (mu_integral M).

Lemma mu_integrable_ext f g : (forall w, f w = g w) -> I f -> I g.
Proof. intros H. now replace g with f by (apply functional_extensionality; exact H). Qed.

Lemma mu_integral_ext f g : (forall w, f w = g w) -> S f = S g.
Proof. intros H. now replace g with f by (apply functional_extensionality; exact H). Qed.

Lemma mu_integral_zero : S (fun _ => 0) = 0.
Proof.
  rewrite (mu_integral_ext _ (fun _ => 0 * 0)) by (intros; ring).
  rewrite (mu_integral_scal M 0 (fun _ => 0)). ring.
Qed.

Lemma mu_integral_opp f : S (fun w => - f w) = - S f.
Proof.
  rewrite (mu_integral_ext _ (fun w => -1 * f w)) by (intros; ring).
  rewrite mu_integral_scal. ring.
Qed.

Lemma mu_integrable_minus f g : I f -> I g -> I (fun w => f w - g w).
Proof.
  intros Hf Hg. apply (mu_integrable_ext (fun w => f w + -1 * g w)); [intros; ring|].
  apply mu_integrable_plus; [exact Hf | now apply mu_integrable_scal].
Qed.

Lemma mu_integral_minus f g : I f -> I g -> S (fun w => f w - g w) = S f - S g.
Proof.
  intros Hf Hg. rewrite (mu_integral_ext _ (fun w => f w + -1 * g w)) by (intros; ring).
  rewrite mu_integral_plus, mu_integral_scal by (auto using mu_integrable_scal). ring.
Qed.

Lemma mu_integral_le f g : I f -> I g -> (forall w, f w <= g w) -> S f <= S g.
Proof. intros Hf Hg H. apply mu_integral_mono; [exact Hf | exact Hg | now apply mu_ae_of_all]. Qed.

Lemma mu_integrable_vsum n (f : nat -> Omega -> R) :
  (forall i, (i < n)%nat -> I (f i)) -> I (fun w => vsum n (fun i => f i w)).
Proof.
  induction n as [|n IH]; intros H; simpl.
  - apply mu_integrable_zero.
  - apply mu_integrable_plus; [apply IH; intros; apply H; lia | apply H; lia].
Qed.

Lemma mu_integral_vsum n (f : nat -> Omega -> R) :
  (forall i, (i < n)%nat -> I (f i)) -> S (fun w => vsum n (fun i => f i w)) = vsum n (fun i => S (f i)).
Proof.
  induction n as [|n IH]; intros H; simpl.
  - apply mu_integral_zero.
  - rewrite mu_integral_plus, IH by (try apply mu_integrable_vsum; intros; apply H; lia).
    reflexivity.
Qed.

(** Markov: f ≥ 0 integrable, l > 0 ⇒ μ(f ≥ l) ≤ ∫ f / l. *)
Theorem mu_markov f l : I f -> (forall w, 0 <= f w) -> 0 < l ->
  mu_measure M (fun w => f w >= l) <= S f / l.
Proof.
  intros Hf H0 Hl. unfold Rdiv. rewrite Rmult_comm, <- mu_integral_scal.
  apply mu_measure_le_integral; [now apply mu_integrable_scal | |]; apply mu_ae_of_all.
  - intros w. pose proof (H0 w). pose proof (Rinv_0_lt_compat l Hl). nra.
  - intros w Hw. apply (Rmult_le_reg_l l); [exact Hl|].
    rewrite <- Rmult_assoc, Rinv_r, Rmult_1_l, Rmult_1_r by lra. lra.
Qed.

End Integral.

(** ** The integral of vector-valued functions *)

Section VectorIntegral.
Import Coquelicot.Hierarchy.

(** The Bochner integral of functions valued in a real vector space E, as far as the library
    uses it: ∫ (−f) = −∫ f (Mathlib's [integral_neg], for every f). *)
Record vector_integral (A : Type) (E : ModuleSpace R_Ring) := mk_vector_integral {
  v_integrable : (A -> E) -> Prop;
  v_integral : (A -> E) -> E;
  v_integral_opp : forall f, v_integral (fun a => opp (f a)) = opp (v_integral f) }.


(** In a real vector space, x = −x only for x = 0. *)
Lemma module_eq_opp_zero {E : ModuleSpace R_Ring} (x : E) :
  x = opp x -> x = zero.
Proof.
  intros H.
  assert (H2 : scal 2 x = zero).
  { replace 2 with (plus (one : R_Ring) one)
      by (unfold plus, one; simpl; ring).
    rewrite scal_distr_r, scal_one. rewrite H at 2. apply plus_opp_r. }
  rewrite <- (scal_one x).
  replace (one : R_Ring) with (mult (/ 2 : R_Ring) 2)
    by (unfold mult, one; simpl; field).
  rewrite <- scal_assoc, H2. apply scal_zero_r.
Qed.

End VectorIntegral.

Arguments v_integrable {A E} _ _. Arguments v_integral {A E} _ _. Arguments v_integral_opp {A E} _ _.
