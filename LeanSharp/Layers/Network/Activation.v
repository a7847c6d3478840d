(** * LeanSharp.Layers.Network.Activation — elementwise activations and their certificates

    Definitions
    - [act σ x]_j = σ(x_j)  (σ applied componentwise; a map W n → W n)
    - [scalar_lipschitz σ K]: 0 ≤ K and |σ a − σ b| ≤ K |a − b|
    - [scalar_C2 σ σ₁ σ₂]: σ' = σ₁, σ₁' = σ₂ on R and σ₂ is continuous
    - [sigmoid x] = 1/(1 + e^{−x}) (the logistic function), with
      [sigmoid1] = σ(1 − σ) and [sigmoid2] = σ(1 − σ)(1 − 2σ)
    - [activation_layer n σ σ₁]: the parameter-free layer W n → W n, JVP d ↦ (σ₁(x_j) d_j)_j

    Main results
    - [act_lipschitz]: σ K-Lipschitz ⇒ act σ is K-Lipschitz on W n
    - [scalar_lipschitz_of_deriv]: |σ'| ≤ K everywhere ⇒ σ is K-Lipschitz (mean value theorem)
    - [line_C2_elementwise_compose]: σ C² and f line-C² ⇒ act σ ∘ f line-C²
      (one-variable chain rule: (σ∘φ)'' = σ''(φ)φ'² + σ'(φ)φ'')
    - [act_certificate]: σ C² with |σ'| ≤ K ⇒ StabilityCertificate n n (act σ) K
    - [sigmoid_C2], [sigmoid1_bound]: 0 ≤ σ' ≤ 1/4;
      [sigmoid_certificate]: the logistic activation has certificate K = 1/4
    - [act_jvp]: d/ds σ(u_j + s d_j) = σ₁(u_j + s d_j) d_j *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Layers.Network Require Import Certificate Chain Linear.
Open Scope R_scope.

Definition act (sigma : R -> R) (x : nat -> R) : nat -> R := fun j => sigma (x j).

Definition scalar_lipschitz (sigma : R -> R) (K : R) : Prop :=
  0 <= K /\ forall a b, Rabs (sigma a - sigma b) <= K * Rabs (a - b).

Definition scalar_C2 (sigma s1 s2 : R -> R) : Prop :=
  forall x, is_derive sigma x (s1 x) /\ is_derive s1 x (s2 x) /\ continuous s2 x.

(** ** Lipschitz *)

Theorem act_lipschitz n sigma K : scalar_lipschitz sigma K -> lipschitz_map n n (act sigma) K.
Proof.
  intros [HK H]. split; [exact HK|]. intros u v.
  apply norm_le_of_norm2_le_scale; [exact HK|].
  unfold norm2, inner. rewrite <- vsum_scal. apply vsum_le. intros i _.
  unfold vsub, act. pose proof (H (u i) (v i)) as Hi.
  pose proof (Rabs_pos (sigma (u i) - sigma (v i))). pose proof (Rabs_pos (u i - v i)).
  assert (E1 : (sigma (u i) - sigma (v i)) * (sigma (u i) - sigma (v i))
               = Rabs (sigma (u i) - sigma (v i)) * Rabs (sigma (u i) - sigma (v i)))
    by (rewrite <- Rabs_mult; symmetry; apply Rabs_pos_eq, Rle_0_sqr).
  assert (E2 : (u i - v i) * (u i - v i) = Rabs (u i - v i) * Rabs (u i - v i))
    by (rewrite <- Rabs_mult; symmetry; apply Rabs_pos_eq, Rle_0_sqr).
  rewrite E1, E2. nra.
Qed.

Theorem scalar_lipschitz_of_deriv sigma s1 K :
  0 <= K -> (forall x, is_derive sigma x (s1 x)) -> (forall x, Rabs (s1 x) <= K) ->
  scalar_lipschitz sigma K.
Proof.
  intros HK Hd Hb. split; [exact HK|]. intros a b.
  destruct (MVT_gen sigma b a s1) as [c [_ Heq]].
  - intros x _. apply Hd.
  - intros x _. apply derivable_continuous_pt. exists (s1 x). apply is_derive_Reals, Hd.
  - rewrite Heq, Rabs_mult. apply Rmult_le_compat_r; [apply Rabs_pos | apply Hb].
Qed.

(** ** Line-wise C² through an elementwise activation *)

Lemma continuous_Rmult (f g : R -> R) x :
  continuous f x -> continuous g x -> continuous (fun y => f y * g y) x.
Proof. intros Hf Hg. exact (continuous_mult (K := R_AbsRing) f g x Hf Hg). Qed.

Lemma continuous_Rplus (f g : R -> R) x :
  continuous f x -> continuous g x -> continuous (fun y => f y + g y) x.
Proof. intros Hf Hg. exact (continuous_plus (V := R_NormedModule) f g x Hf Hg). Qed.

Lemma is_derive_continuous (f : R -> R) x l : is_derive f x l -> continuous f x.
Proof. intros H. apply (ex_derive_continuous (V := R_NormedModule)). now exists l. Qed.

Lemma is_derive_comp_R (sigma s1 phi : R -> R) x dphi :
  is_derive sigma (phi x) (s1 (phi x)) -> is_derive phi x dphi ->
  is_derive (fun y => sigma (phi y)) x (s1 (phi x) * dphi).
Proof.
  intros H1 H2. rewrite Rmult_comm.
  exact (is_derive_comp sigma phi x (s1 (phi x)) dphi H1 H2).
Qed.

(** σ C², φ with φ', φ'' (φ'' continuous) ⇒ σ∘φ is C² along s. *)
Theorem line_C2_elementwise_compose n m f sigma s1 s2 :
  scalar_C2 sigma s1 s2 -> line_C2 n m f -> line_C2 n m (fun x => act sigma (f x)).
Proof.
  intros Hs Hf u d j Hj. destruct (Hf u d j Hj) as [p1 [p2 Hp]].
  set (phi := fun s => f (line u d s) j).
  exists (fun s => s1 (phi s) * p1 s),
         (fun s => s2 (phi s) * p1 s * p1 s + s1 (phi s) * p2 s).
  intros s. destruct (Hp s) as [H1 [H2 H3]]. unfold act. split; [|split].
  - apply is_derive_comp_R; [apply Hs | exact H1].
  - replace (s2 (phi s) * p1 s * p1 s + s1 (phi s) * p2 s)
      with ((s2 (phi s) * p1 s) * p1 s + s1 (phi s) * p2 s) by ring.
    apply (Derive.is_derive_mult (fun y => s1 (phi y)) p1); [|exact H2].
    apply is_derive_comp_R; [apply Hs | exact H1].
  - apply continuous_Rplus; apply continuous_Rmult.
    + apply continuous_Rmult; [|exact (is_derive_continuous _ _ _ H2)].
      apply (continuous_comp phi s2); [exact (is_derive_continuous _ _ _ H1)|apply Hs].
    + exact (is_derive_continuous _ _ _ H2).
    + apply (continuous_comp phi s1); [exact (is_derive_continuous _ _ _ H1)|].
      apply (is_derive_continuous _ _ _ (proj1 (proj2 (Hs (phi s))))).
    + exact H3.
Qed.

Lemma line_C2_id n : line_C2 n n (fun x => x).
Proof.
  apply line_C2_affine. intros u d s j _. unfold line. ring.
Qed.

(** Activation certificate: σ C² with |σ'| ≤ K ⇒ act σ is K-Lipschitz and line-C². *)
Theorem act_certificate n sigma s1 s2 K :
  0 <= K -> scalar_C2 sigma s1 s2 -> (forall x, Rabs (s1 x) <= K) ->
  StabilityCertificate n n (act sigma) K.
Proof.
  intros HK Hs Hb. split.
  - apply act_lipschitz, (scalar_lipschitz_of_deriv sigma s1); [exact HK| |exact Hb].
    intros x. apply Hs.
  - exact (line_C2_elementwise_compose n n (fun x => x) sigma s1 s2 Hs (line_C2_id n)).
Qed.

Theorem act_jvp n sigma s1 :
  (forall x, is_derive sigma x (s1 x)) ->
  has_jvp n n (act sigma) (fun x d j => s1 (x j) * d j).
Proof.
  intros Hd u d t j _. unfold act, line.
  apply (is_derive_comp_R sigma s1 (fun s => u j + s * d j)); [apply Hd|].
  auto_derive; [exact I|]. ring.
Qed.

Definition activation_layer (n : nat) (sigma s1 : R -> R) : Layer :=
  {| l_in := n; l_out := n; l_par := 0;
     l_fwd := fun _ => act sigma;
     l_jvp := fun _ x d j => s1 (x j) * d j |}.

(** ** The logistic sigmoid *)

Definition sigmoid (x : R) : R := / (1 + exp (- x)).
Definition sigmoid1 (x : R) : R := sigmoid x * (1 - sigmoid x).
Definition sigmoid2 (x : R) : R := sigmoid1 x * (1 - 2 * sigmoid x).

Lemma exp_den_pos x : 0 < 1 + exp (- x).
Proof. pose proof (exp_pos (- x)). lra. Qed.

Lemma sigmoid_bounds x : 0 < sigmoid x < 1.
Proof.
  unfold sigmoid. pose proof (exp_pos (- x)). split.
  - apply Rinv_0_lt_compat. lra.
  - rewrite <- Rinv_1. apply Rinv_lt_contravar; lra.
Qed.

Lemma sigmoid1_bound x : 0 <= sigmoid1 x <= 1 / 4.
Proof.
  unfold sigmoid1. pose proof (sigmoid_bounds x). pose proof (Rle_0_sqr (sigmoid x - 1 / 2)).
  unfold Rsqr in *. split; nra.
Qed.

Lemma is_derive_sigmoid x : is_derive sigmoid x (sigmoid1 x).
Proof.
  pose proof (exp_den_pos x). unfold sigmoid1, sigmoid.
  auto_derive; [lra|]. field. lra.
Qed.

Lemma is_derive_sigmoid1 x : is_derive sigmoid1 x (sigmoid2 x).
Proof.
  pose proof (exp_den_pos x). unfold sigmoid2, sigmoid1, sigmoid.
  auto_derive; [repeat split; lra|]. field. lra.
Qed.

Lemma sigmoid_C2 : scalar_C2 sigmoid sigmoid1 sigmoid2.
Proof.
  intros x. split; [apply is_derive_sigmoid|split; [apply is_derive_sigmoid1|]].
  apply (ex_derive_continuous (V := R_NormedModule)). pose proof (exp_den_pos x).
  unfold sigmoid2, sigmoid1, sigmoid. auto_derive. repeat split; lra.
Qed.

(** The logistic activation has a stability certificate with K = 1/4 (σ' = σ(1 − σ) ≤ 1/4). *)
Theorem sigmoid_certificate n : StabilityCertificate n n (act sigmoid) (1 / 4).
Proof.
  apply (act_certificate n sigmoid sigmoid1 sigmoid2); [lra | exact sigmoid_C2|].
  intros x. pose proof (sigmoid1_bound x). rewrite Rabs_pos_eq; lra.
Qed.

Lemma sigmoid_layer_jvp_correct n : layer_jvp_correct (activation_layer n sigmoid sigmoid1).
Proof. intros p. apply act_jvp, is_derive_sigmoid. Qed.
