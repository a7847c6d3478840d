(** * LeanSharp.Upstream.Core.Landscape — upstream LeanSharp/Core/Landscape.lean

    Translates upstream's calculus layer: the symmetry of the Hessian of a C² loss
    (Schwarz), the squared-norm expansion of a descent step, the Riesz representative read
    coordinate-wise, and the derivative and gradient of the diagonal quadratic a x₀² + b x₁²
    on W 2. The translation of notions is the one of [Upstream/All.v]; file-specific
    choices:
    - upstream's [TwiceDifferentiable] (L is C², Fréchet) is the record
      [TwiceDifferentiable n]: a loss [toFun] with gradient field [gradient]
      ([is_gradient]), whose derivative along every line is [hessian w x]
      ([is_hessian]: d/ds ∇L(w + s x) = ∇²L(w + s x) x, componentwise, Coquelicot
      [is_derive]), and w ↦ ∇²L(w) x is continuous ([continuous_field]) for every x.
      In finite dimension this is C²: continuous directional derivatives of ∇L make ∇L
      C¹. Upstream's [hessian L w] (the derivative of the gradient) is the field
      [hessian L w]; [IsSymmetric] is ⟨H x, y⟩ = ⟨x, H y⟩ for all x, y.
    - [HasFDerivAt f f' w] is: s ↦ f(w + s d) has derivative f'(d) at 0 for every d;
      [gradient f w = v] for all w is [is_gradient 2 f (w ↦ v)].
    - [InnerProductSpace.toDual.symm g] for a functional g is any v with g x = ⟨v, x⟩
      for all x (the Riesz representative; [EuclideanSpace.single i 1] is [unit_vec i]).
    - W (Fin 2) is W 2; the MeasurableSpace instance is not a theorem.

    Equal: hessian_symmetric, norm_sub_smul_sq, norm_descent_step_sq,
      coordinate_dual_apply, hasFDerivAt_quadratic, gradient_diagonal_quadratic_eq.
    Weaker: none.  Open: none.

    New fact (not in the library): [hessian_symmetric] is Schwarz's theorem on R^n,
    from Coquelicot's two-variable [Schwarz] applied to (s, t) ↦ L(w + s x + t y). *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
Open Scope R_scope.

(** ** C² losses and the Hessian *)

(** H is the derivative of the field G along every line: d/ds G(w + s x) = H(w + s x) x. *)
Definition is_hessian (n : nat) (G : W n -> W n) (H : W n -> W n -> W n) : Prop :=
  forall (w x : W n) (t : R) (j : nat), (j < n)%nat ->
    is_derive (fun s => G (fun i => w i + s * x i) j) t (H (fun i => w i + t * x i) x j).

(** F : W n → W n is continuous (Euclidean norm on [0, n)). *)
Definition continuous_field (n : nat) (F : W n -> W n) : Prop :=
  forall (w : W n) (eps : R), 0 < eps -> exists delta, 0 < delta /\
    forall v, norm n (vsub v w) < delta -> norm n (vsub (F v) (F w)) < eps.

Record TwiceDifferentiable (n : nat) : Type := MkTwiceDifferentiable {
  toFun : W n -> R;
  gradient : W n -> W n;
  hessian : W n -> W n -> W n;
  toFun_gradient : is_gradient n toFun gradient;
  gradient_hessian : is_hessian n gradient hessian;
  hessian_continuous : forall x, continuous_field n (fun w => hessian w x) }.

Arguments toFun {n}. Arguments gradient {n}. Arguments hessian {n}.
Arguments toFun_gradient {n}. Arguments gradient_hessian {n}. Arguments hessian_continuous {n}.

Definition plane (w x y : nat -> R) (s t : R) : nat -> R := fun i => w i + s * x i + t * y i.

Lemma plane_swap w x y s t : plane w x y s t = plane w y x t s.
Proof. apply functional_extensionality. intros i. unfold plane. ring. Qed.

Lemma plane_0 w x y : plane w x y 0 0 = w.
Proof. apply functional_extensionality. intros i. unfold plane. ring. Qed.

(** d/ds ⟨G(q + s d), a⟩ = ⟨H(q + s d) d, a⟩. *)
Lemma inner_line_derive n G H (q d a : W n) t :
  is_hessian n G H ->
  is_derive (fun s => inner n (G (fun i => q i + s * d i)) a) t (inner n (H (fun i => q i + t * d i) d) a).
Proof.
  intros HH. unfold inner.
  apply (is_derive_vsum n (fun j s => G (fun i => q i + s * d i) j * a j)
                         (fun j s => H (fun i => q i + s * d i) d j * a j)).
  intros j Hj. apply (is_derive_ext (fun s => a j * G (fun i => q i + s * d i) j));
    [intros; apply Rmult_comm|].
  rewrite Rmult_comm. apply is_derive_scal. now apply HH.
Qed.

(** (u, v) ↦ ⟨F(w + u x + v y), a⟩ is continuous at (0, 0) when F is continuous. *)
Lemma plane_continuity n (F : W n -> W n) (w x y a : W n) :
  continuous_field n F -> continuity_2d_pt (fun u v => inner n (F (plane w x y u v)) a) 0 0.
Proof.
  intros HF eps. set (ca := norm n a + 1). set (cxy := norm n x + norm n y + 1).
  pose proof (norm_nonneg n a). pose proof (norm_nonneg n x). pose proof (norm_nonneg n y).
  destruct (HF w (eps / ca)) as [d [Hd HFd]]; [apply Rdiv_lt_0_compat; [apply cond_pos | unfold ca; lra]|].
  assert (Hp : 0 < d / cxy) by (apply Rdiv_lt_0_compat; [exact Hd | unfold cxy; lra]).
  exists (mkposreal _ Hp). intros u v Hu Hv. simpl in Hu, Hv. rewrite Rminus_0_r in Hu, Hv.
  rewrite plane_0, <- inner_sub_l.
  assert (Hn : norm n (vsub (plane w x y u v) w) < d).
  { rewrite (norm_ext n _ (vadd (vscale u x) (vscale v y))) by (intros; unfold vsub, vadd, vscale, plane; ring).
    eapply Rle_lt_trans; [apply norm_triangle|]. rewrite !norm_scale.
    assert (E : d / cxy * cxy = d) by (field; unfold cxy; lra).
    pose proof (Rabs_pos u). pose proof (Rabs_pos v). unfold cxy in *. nra. }
  specialize (HFd _ Hn).
  eapply Rle_lt_trans; [apply abs_inner_le_norm|].
  assert (E : eps / ca * ca = eps) by (field; unfold ca; lra).
  pose proof (cond_pos eps). pose proof (norm_nonneg n (vsub (F (plane w x y u v)) (F w))).
  unfold ca in *. nra.
Qed.

Lemma cont2d_ext (g1 g2 : R -> R -> R) a b :
  (forall u v, g1 u v = g2 u v) -> continuity_2d_pt g2 a b -> continuity_2d_pt g1 a b.
Proof.
  intros E H eps. destruct (H eps) as [d Hd]. exists d. intros u v Hu Hv. rewrite !E. now apply Hd.
Qed.

(** [hessian_symmetric]: for a C² loss, ⟨∇²L(w) x, y⟩ = ⟨x, ∇²L(w) y⟩. *)
Theorem hessian_symmetric n (L : TwiceDifferentiable n) (w x y : W n) :
  inner n (hessian L w x) y = inner n x (hessian L w y).
Proof.
  set (f := fun s t => toFun L (plane w x y s t)).
  assert (D2 : forall s t, is_derive (fun t' => f s t') t (inner n (gradient L (plane w x y s t)) y))
    by (intros s t; exact (toFun_gradient L (fun i => w i + s * x i) y t)).
  assert (D1 : forall s t, is_derive (fun s' => f s' t) s (inner n (gradient L (plane w x y s t)) x)).
  { intros s t. rewrite plane_swap. unfold f.
    apply (is_derive_ext (fun s' => toFun L (plane w y x t s'))); [intros; now rewrite plane_swap|].
    exact (toFun_gradient L (fun i => w i + t * y i) x s). }
  assert (DD2 : forall s t, is_derive (fun s' => inner n (gradient L (plane w x y s' t)) y) s
                                      (inner n (hessian L (plane w x y s t) x) y)).
  { intros s t. rewrite plane_swap.
    apply (is_derive_ext (fun s' => inner n (gradient L (plane w y x t s')) y)); [intros; now rewrite plane_swap|].
    exact (inner_line_derive n _ _ (fun i => w i + t * y i) x y s (gradient_hessian L)). }
  assert (DD1 : forall s t, is_derive (fun t' => inner n (gradient L (plane w x y s t')) x) t
                                      (inner n (hessian L (plane w x y s t) y) x))
    by (intros s t; exact (inner_line_derive n _ _ (fun i => w i + s * x i) y x t (gradient_hessian L))).
  assert (E2 : forall u v, Derive (fun z => Derive (fun t => f z t) v) u = inner n (hessian L (plane w x y u v) x) y).
  { intros u v. rewrite (Derive_ext _ (fun z => inner n (gradient L (plane w x y z v)) y))
      by (intros z; apply is_derive_unique, D2). apply is_derive_unique, DD2. }
  assert (E1 : forall u v, Derive (fun z => Derive (fun t => f t z) u) v = inner n (hessian L (plane w x y u v) y) x).
  { intros u v. rewrite (Derive_ext _ (fun z => inner n (gradient L (plane w x y u z)) x))
      by (intros z; apply is_derive_unique, D1). apply is_derive_unique, DD1. }
  assert (HS := Schwarz f 0 0).
  rewrite E2, E1, plane_0 in HS. rewrite HS; [apply inner_sym| | |].
  - exists (mkposreal 1 Rlt_0_1). intros u v _ _. split; [|split; [|split]].
    + eexists. apply D1.
    + eexists. apply D2.
    + apply (ex_derive_ext (fun z => inner n (gradient L (plane w x y z v)) y));
        [intros z; symmetry; apply is_derive_unique, D2|]. eexists. apply DD2.
    + apply (ex_derive_ext (fun z => inner n (gradient L (plane w x y u z)) x));
        [intros z; symmetry; apply is_derive_unique, D1|]. eexists. apply DD1.
  - apply (cont2d_ext _ (fun u v => inner n (hessian L (plane w x y u v) x) y)); [exact E2|].
    exact (plane_continuity n (fun q => hessian L q x) w x y y (hessian_continuous L x)).
  - apply (cont2d_ext _ (fun u v => inner n (hessian L (plane w x y u v) y) x)); [exact E1|].
    exact (plane_continuity n (fun q => hessian L q y) w x y x (hessian_continuous L y)).
Qed.

(** ** Norm expansions *)

(** [norm_sub_smul_sq]: ‖a − ηb‖² = ‖a‖² − 2η⟨b, a⟩ + η²‖b‖². *)
Theorem norm_sub_smul_sq n (a b : W n) (eta : R) :
  norm n (vsub a (vscale eta b)) ^ 2
  = norm n a ^ 2 - 2 * eta * inner n b a + eta ^ 2 * norm n b ^ 2.
Proof. rewrite <- !norm2_norm, norm2_sub, norm2_scale, inner_scale_r, (inner_sym n a b). ring. Qed.

(** [norm_descent_step_sq]: ‖(w − ηg) − w*‖² = ‖w − w*‖² − 2η⟨g, w − w*⟩ + η²‖g‖². *)
Theorem norm_descent_step_sq n (w wstar g : W n) (eta : R) :
  norm n (vsub (vsub w (vscale eta g)) wstar) ^ 2
  = norm n (vsub w wstar) ^ 2 - 2 * eta * inner n g (vsub w wstar) + eta ^ 2 * norm n g ^ 2.
Proof.
  rewrite (norm_ext n _ (vsub (vsub w wstar) (vscale eta g))) by (intros; unfold vsub, vscale; ring).
  apply norm_sub_smul_sq.
Qed.

(** ** The Riesz representative, coordinate-wise *)

(** The basis vector e_i (EuclideanSpace.single i 1). *)
Definition unit_vec (i : nat) : nat -> R := fun j => if Nat.eq_dec j i then 1 else 0.

Lemma inner_unit_vec n (v : W n) i : (i < n)%nat -> inner n v (unit_vec i) = v i.
Proof.
  induction n as [|n IH]; intros Hi; [lia|]. unfold inner in *. cbn [vsum].
  destruct (Nat.eq_dec i n) as [->|Hne].
  - rewrite (vsum_ext n _ (fun _ => 0))
      by (intros j Hj; unfold unit_vec; destruct (Nat.eq_dec j n); [lia | ring]).
    rewrite vsum_const. unfold unit_vec. destruct (Nat.eq_dec n n); [ring | congruence].
  - rewrite IH by lia. unfold unit_vec. destruct (Nat.eq_dec n i); [congruence | ring].
Qed.

(** [coordinate_dual_apply]: if v represents φ (φ x = ⟨v, x⟩), then v_i = φ(e_i). *)
Theorem coordinate_dual_apply n (phi : W n -> R) (v : W n) i :
  (forall x, phi x = inner n v x) -> (i < n)%nat -> v i = phi (unit_vec i).
Proof. intros Hv Hi. rewrite Hv. symmetry. now apply inner_unit_vec. Qed.

(** ** The diagonal quadratic a x₀² + b x₁² on W 2 *)

Definition quad2 (a b : R) : W 2 -> R := fun x => a * x 0%nat ^ 2 + b * x 1%nat ^ 2.

(** [hasFDerivAt_quadratic]: the derivative of a x₀² + b x₁² at w is
    d ↦ 2a w₀ d₀ + 2b w₁ d₁. *)
Theorem hasFDerivAt_quadratic (a b : R) (w : W 2) :
  forall d : W 2, is_derive (fun s => quad2 a b (fun i => w i + s * d i)) 0
                            (2 * a * w 0%nat * d 0%nat + 2 * b * w 1%nat * d 1%nat).
Proof. intros d. unfold quad2. auto_derive; [exact I | ring]. Qed.

(** [gradient_diagonal_quadratic_eq]: ∇(a x₀² + b x₁²)(w) = (2a w₀, 2b w₁). *)
Theorem gradient_diagonal_quadratic_eq (a b : R) :
  is_gradient 2 (quad2 a b)
    (fun w i => if Nat.eq_dec i 0 then 2 * a * w 0%nat else 2 * b * w 1%nat).
Proof.
  intros w d t. unfold quad2, inner. cbn [vsum].
  destruct (Nat.eq_dec 0 0) as [_|C]; [|congruence].
  destruct (Nat.eq_dec 1 0) as [C|_]; [discriminate|].
  auto_derive; [exact I | ring].
Qed.
