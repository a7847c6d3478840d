(** * LeanSharp.Core.SmoothFunctions — C^∞ real functions of one variable

    A function f : R → R is [smooth] when every derivative exists everywhere (Coquelicot's
    [ex_derive_n f k t] for every k and t).

    Definitions
    - [smooth f];  [quad_fn f]: f(s) = a + b s + c s² for some a, b, c

    Main results
    - [quad_smooth]: a real quadratic is smooth
    - [smooth_ext], [smooth_Derive]: smooth functions are closed under pointwise equality and
      under d/ds;  [class_smooth]: a class of differentiable functions closed under d/ds has
      only smooth members
    - [smooth_plus], [smooth_mult] (Leibniz, by strong induction on the order)
    - [smooth_quad_power]: s ↦ X(s)^y = exp(y·ln X(s)) is smooth for a positive quadratic X and
      any real y (the class P·X^y, P smooth, is closed under d/ds) *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
Open Scope R_scope.


(** f : R → R has derivatives of every order everywhere. *)
Definition smooth (f : R -> R) : Prop := forall k t, ex_derive_n f k t.

Definition quad_fn (f : R -> R) : Prop := exists a b c, forall s, f s = a + b * s + c * (s * s).

(** A real quadratic is C^∞. *)
Lemma quad_smooth f : quad_fn f -> smooth f.
Proof.
  assert (Hd : forall k, quad_fn (Derive_n f k) -> quad_fn (Derive_n f (S k))).
  { intros k [a [b [c H]]]. exists b, (2 * c), 0. intros s. simpl.
    rewrite (Derive_ext _ (fun s => a + b * s + c * (s * s))) by exact H.
    apply is_derive_unique. auto_derive; [exact I | ring]. }
  intros Hf k t. destruct k as [|k]; [exact I|].
  assert (Hk : quad_fn (Derive_n f k)) by (induction k; [exact Hf | now apply Hd]).
  destruct Hk as [a [b [c H]]]. simpl.
  apply (ex_derive_ext (fun s => a + b * s + c * (s * s))); [intros; now rewrite H|].
  auto_derive. exact I.
Qed.

Lemma smooth_ext f g : (forall t, f t = g t) -> smooth f -> smooth g.
Proof. intros H Hf k t. exact (ex_derive_n_ext f g k t H (Hf k t)). Qed.

Lemma Derive_n_S_Derive f k t : Derive_n f (S k) t = Derive_n (Derive f) k t.
Proof. rewrite <- Nat.add_1_r, <- Derive_n_comp. reflexivity. Qed.

Lemma ex_derive_n_SS_of_Derive f k t :
  ex_derive_n (Derive f) (S k) t -> ex_derive_n f (S (S k)) t.
Proof.
  intros H. apply (ex_derive_ext (Derive_n (Derive f) k)); [|exact H].
  intros s. symmetry. apply Derive_n_S_Derive.
Qed.

Lemma smooth_Derive f : smooth f -> smooth (Derive f).
Proof.
  intros Hf [|k] t; [exact I|]. apply (ex_derive_ext (Derive_n f (S k))); [|exact (Hf (S (S k)) t)].
  intros s. apply Derive_n_S_Derive.
Qed.

(** A class of differentiable functions closed under d/ds consists of C^∞ functions. *)
Lemma class_smooth (C : (R -> R) -> Prop) :
  (forall f, C f -> (forall t, ex_derive f t) /\ exists g, C g /\ forall t, Derive f t = g t) ->
  forall f, C f -> smooth f.
Proof.
  intros H f Cf k. revert f Cf. induction k as [|k IH]; intros f Cf t; [exact I|].
  destruct (H f Cf) as [Hd [g [Cg Hg]]]. destruct k as [|k]; [apply Hd|].
  apply ex_derive_n_SS_of_Derive, (ex_derive_n_ext g); [intros; symmetry; apply Hg | now apply IH].
Qed.

Lemma smooth_plus f g : smooth f -> smooth g -> smooth (fun t => f t + g t).
Proof. intros Hf Hg k t. apply ex_derive_n_plus; apply filter_forall; intros y m _; auto. Qed.

(** The Leibniz rule, qualitatively: a product of C^∞ functions is C^∞. *)
Lemma smooth_mult f g : smooth f -> smooth g -> smooth (fun t => f t * g t).
Proof.
  intros Hf Hg k t. cut (forall f g, smooth f -> smooth g ->
    forall m t, (m <= k)%nat -> ex_derive_n (fun t => f t * g t) m t); [eauto|].
  clear f g Hf Hg t.
  induction k as [|k IH]; intros f g Hf Hg [|[|m]] s Hm; try exact I; try lia.
  - exact (ex_derive_mult f g s (Hf 1%nat s) (Hg 1%nat s)).
  - apply ex_derive_n_SS_of_Derive.
    apply (ex_derive_n_ext (fun t => Derive f t * g t + f t * Derive g t)).
    { intros r. symmetry. apply Derive_mult; [exact (Hf 1%nat r) | exact (Hg 1%nat r)]. }
    apply ex_derive_n_plus; apply filter_forall; intros y i Hi;
      apply IH; auto using smooth_Derive; lia.
Qed.

(** s ↦ X(s)^y = exp (y ln X(s)) is C^∞ for a positive quadratic X: the class
    P·X^y, P C^∞, is closed under d/ds, as (P X^y)' = (P' X + y P X')·X^(y−1). *)
Lemma smooth_quad_power X y : quad_fn X -> (forall s, 0 < X s) ->
  smooth (fun s => exp (y * ln (X s))).
Proof.
  intros HXq Hpos. pose proof (quad_smooth X HXq) as HX. destruct HXq as [a [b [c HXe]]].
  apply (class_smooth (fun h => exists P z, smooth P /\ forall s, h s = P s * exp (z * ln (X s)))).
  2: { exists (fun _ => 1), y. split; [apply quad_smooth; exists 1, 0, 0; intros; ring|].
       intros; ring. }
  intros h [P [z [HP Hh]]].
  assert (Hd : forall t : R, is_derive h t
    ((Derive P t * X t + P t * (z * (b + 2 * c * t))) * exp ((z - 1) * ln (X t)))).
  { intros t. apply (is_derive_ext (fun s => P s * exp (z * ln (a + b * s + c * (s * s))))).
    { intros s. now rewrite Hh, HXe. }
    pose proof (Hpos t) as Ht. rewrite HXe in Ht. auto_derive.
    - split; [exact (HP 1%nat t) | split; [exact Ht | exact I]].
    - rewrite <- HXe. replace (z * ln (X t)) with (ln (X t) + (z - 1) * ln (X t)) by ring.
      rewrite exp_plus, exp_ln by apply Hpos. rewrite HXe.
      change (Derive (fun x => P x) t) with (Derive P t). field. lra. }
  split; [intros t; eexists; apply Hd|].
  eexists. split; [|intros t; apply is_derive_unique, Hd].
  eexists _, (z - 1). split; [|intros; reflexivity].
  apply smooth_plus; (apply smooth_mult; [auto using smooth_Derive|]); [exact HX|].
  apply quad_smooth. exists (z * b), (z * 2 * c), 0. intros; ring.
Qed.

