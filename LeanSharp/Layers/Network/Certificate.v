(** * LeanSharp.Layers.Network.Certificate — Lipschitz maps, line-wise C², stability certificates

    A map from [W n] to [W m] is any [f : (nat -> R) -> (nat -> R)]; the dimensions are
    explicit arguments of the predicates (inputs read on [0, n), outputs on [0, m)).

    Definitions
    - [line u d s] = u + s·d  (the line through u in direction d)
    - [lipschitz_map n m f K]: 0 ≤ K and ∀ u v, ‖f u − f v‖_m ≤ K ‖u − v‖_n
    - [C2 φ]: φ : R → R is twice differentiable on R with a continuous second derivative:
      ∃ φ', φ'', ∀ s, φ has derivative φ'(s), φ' has derivative φ''(s), φ'' is continuous
      at s  (Coquelicot [is_derive], [continuous]); its closure properties are in
      [LayerNormC2] ([C2_plus], [C2_mult], ...) and [Compose]
    - [line_C2 n m f]: every output component along every line, φ(s) = f(u + s d)_j with
      j < m, is [C2]
    - [StabilityCertificate n m f K] = [lipschitz_map n m f K] ∧ [line_C2 n m f]
    - [has_jvp n m f D]: D u d is the directional derivative of f at u in direction d,
      i.e. d/ds f(u + s d)_j |_{s=t} = (D (u + t d) d)_j  for j < m
    - [affine_map n m f]: f maps lines to lines, f(u + s d)_j = f(u)_j + s (f(u + d)_j − f(u)_j)

    Choice of C² ("line-wise C²").  Fréchet C² (a continuous second derivative as a map
    into bilinear forms) is not what the analysis consumes: the descent lemma of
    [Optim.Smooth] and the second-order results only ever differentiate along the segment
    s ↦ w + s d.  Line-wise C² is exactly that hypothesis.  It is strictly weaker than
    Fréchet C² (there are functions smooth along every line yet not even continuous), and
    it is therefore NOT closed under composition in general: g ∘ f restricted to a line is
    g along the *curve* f(u + s d), about which line-wise regularity of g says nothing.
    So the certificate is split honestly:
    - the Lipschitz part composes for arbitrary maps, constant K₁K₂
      ([lipschitz_compose], [LipschitzCertificate]);
    - the C² part composes when the inner map is affine ([line_C2_compose_affine]),
      which covers "activation ∘ linear" and "anything ∘ linear"; the other case used by
      networks, an elementwise C² activation *after* a line-C² map, is
      [Activation.line_C2_elementwise_compose];
    - [Layers.Network.Compose] closes the gap for this library: every layer here (linear, C²
      activations, softmax, LayerNorm with ε > 0) preserves line-wise C² of whatever map
      precedes it, so chains of them carry the full certificate with constant ∏ K_k.

    Main results
    - [lipschitz_compose]: f K₁-Lipschitz, g K₂-Lipschitz ⇒ g ∘ f is K₂K₁-Lipschitz
    - [lipschitz_id]: the identity is 1-Lipschitz;  [lipschitz_mono]: K ≤ K' weakens
    - [lipschitz_respects]: a Lipschitz map only reads its input on [0, n)
    - [line_C2_compose_affine], [certificate_compose_affine]: certificates compose
      (constant K₂K₁) when the inner map is affine
    - [lipschitz_of_jvp_bound]: if f has directional derivatives with ‖D u d‖ ≤ K‖d‖,
      then f is K-Lipschitz (mean value theorem along the segment) *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
Open Scope R_scope.

Definition line (u d : nat -> R) (s : R) : nat -> R := fun i => u i + s * d i.

Definition lipschitz_map (n m : nat) (f : (nat -> R) -> (nat -> R)) (K : R) : Prop :=
  0 <= K /\ forall u v, norm m (vsub (f u) (f v)) <= K * norm n (vsub u v).

Definition LipschitzCertificate := lipschitz_map.

(** φ : R → R is C²: twice differentiable everywhere with a continuous second derivative. *)
Definition C2 (phi : R -> R) : Prop :=
  exists d1 d2 : R -> R,
    forall s, is_derive phi s (d1 s) /\ is_derive d1 s (d2 s) /\ continuous d2 s.

(** f is C² along every line: each output coordinate s ↦ f(u + s d)_j is [C2]. *)
Definition line_C2 (n m : nat) (f : (nat -> R) -> (nat -> R)) : Prop :=
  forall (u d : nat -> R) (j : nat), (j < m)%nat -> C2 (fun s => f (line u d s) j).

Definition StabilityCertificate (n m : nat) (f : (nat -> R) -> (nat -> R)) (K : R) : Prop :=
  lipschitz_map n m f K /\ line_C2 n m f.

Definition has_jvp (n m : nat) (f : (nat -> R) -> (nat -> R))
    (D : (nat -> R) -> (nat -> R) -> (nat -> R)) : Prop :=
  forall (u d : nat -> R) (t : R) (j : nat), (j < m)%nat ->
    is_derive (fun s => f (line u d s) j) t (D (line u d t) d j).

Definition affine_map (n m : nat) (f : (nat -> R) -> (nat -> R)) : Prop :=
  forall (u d : nat -> R) (s : R) (j : nat), (j < m)%nat ->
    f (line u d s) j = f u j + s * (f (line u d 1) j - f u j).

(** ** Lipschitz maps *)

Lemma line_1 u v : line u (vsub v u) 1 = v.
Proof. apply functional_extensionality. intros i. unfold line, vsub. ring. Qed.

Lemma line_0 u d : line u d 0 = u.
Proof. apply functional_extensionality. intros i. unfold line. ring. Qed.

Lemma lipschitz_nonneg n m f K : lipschitz_map n m f K -> 0 <= K.
Proof. now intros [H _]. Qed.

Lemma lipschitz_id n : lipschitz_map n n (fun x => x) 1.
Proof. split; [lra|]. intros. lra. Qed.

Lemma lipschitz_mono n m f K K' : K <= K' -> lipschitz_map n m f K -> lipschitz_map n m f K'.
Proof.
  intros HK [H0 H]. split; [lra|]. intros u v.
  pose proof (H u v). pose proof (norm_nonneg n (vsub u v)). nra.
Qed.

(** Certificates compose: ‖g(f u) − g(f v)‖ ≤ K₂‖f u − f v‖ ≤ K₂K₁‖u − v‖. *)
Theorem lipschitz_compose n m p f g K1 K2 :
  lipschitz_map n m f K1 -> lipschitz_map m p g K2 ->
  lipschitz_map n p (fun x => g (f x)) (K2 * K1).
Proof.
  intros [H1 Hf] [H2 Hg]. split; [nra|]. intros u v.
  eapply Rle_trans; [apply Hg|]. rewrite Rmult_assoc.
  apply Rmult_le_compat_l; [exact H2 | apply Hf].
Qed.

Lemma lipschitz_ext n m f g K :
  (forall x j, (j < m)%nat -> f x j = g x j) -> lipschitz_map n m f K -> lipschitz_map n m g K.
Proof.
  intros Hfg [H0 H]. split; [exact H0|]. intros u v.
  rewrite (norm_ext m _ (vsub (f u) (f v))) by (intros; unfold vsub; now rewrite !Hfg).
  apply H.
Qed.

(** A Lipschitz map only reads its input on [0, n). *)
Lemma lipschitz_respects n m f K u v :
  lipschitz_map n m f K -> (forall i, (i < n)%nat -> u i = v i) ->
  forall j, (j < m)%nat -> f u j = f v j.
Proof.
  intros [H0 H] Huv j Hj.
  assert (Hz : norm n (vsub u v) = 0).
  { unfold norm. rewrite (norm2_ext n _ vzero) by (intros i Hi; unfold vsub, vzero; rewrite Huv by lia; ring).
    unfold norm2, inner, vzero. rewrite (vsum_ext _ _ (fun _ => 0)) by (intros; ring).
    rewrite vsum_const, Rmult_0_r. apply sqrt_0. }
  pose proof (H u v) as Hl. rewrite Hz, Rmult_0_r in Hl.
  assert (Hn : norm2 m (vsub (f u) (f v)) = 0).
  { pose proof (norm_nonneg m (vsub (f u) (f v))). rewrite <- norm_sqr. nra. }
  pose proof (norm2_eq_0 m _ Hn j Hj) as Hj0. unfold vsub in Hj0. lra.
Qed.

(** ** Line-wise C² *)

Lemma line_C2_ext n m f g :
  (forall x j, (j < m)%nat -> f x j = g x j) -> line_C2 n m f -> line_C2 n m g.
Proof.
  intros Hfg H u d j Hj. destruct (H u d j Hj) as [d1 [d2 Hd]].
  exists d1, d2. intros s. destruct (Hd s) as [Ha Hb]. split; [|exact Hb].
  eapply is_derive_ext; [|exact Ha]. intros t. simpl. now rewrite Hfg.
Qed.

(** An affine map is line-C²: each component along a line is s ↦ a + s b. *)
Lemma line_C2_affine n m f : affine_map n m f -> line_C2 n m f.
Proof.
  intros Ha u d j Hj. exists (fun _ => f (line u d 1) j - f u j), (fun _ => 0).
  intros s. split; [|split].
  - eapply is_derive_ext.
    + intros t. simpl. symmetry. now apply Ha.
    + auto_derive; [exact I|]. ring.
  - apply (is_derive_const (V := R_NormedModule)).
  - apply continuous_const.
Qed.

(** Composition with an affine inner map: g(f(u + s d)) = g(f u + s (f(u + d) − f u)) on the
    components g reads, so g ∘ f along a line is g along a line. *)
Theorem line_C2_compose_affine n m p f g K :
  affine_map n m f -> lipschitz_map m p g K -> line_C2 m p g ->
  line_C2 n p (fun x => g (f x)).
Proof.
  intros Ha Hl Hg u d k Hk.
  set (e := vsub (f (line u d 1)) (f u)).
  destruct (Hg (f u) e k Hk) as [d1 [d2 Hd]]. exists d1, d2. intros s.
  destruct (Hd s) as [H1 H2]. split; [|exact H2].
  eapply is_derive_ext; [|exact H1]. intros t. simpl.
  apply (lipschitz_respects m p g K); [exact Hl| |exact Hk].
  intros i Hi. unfold line at 1, e, vsub. rewrite (Ha u d t i Hi). reflexivity.
Qed.

Theorem certificate_compose_affine n m p f g K1 K2 :
  affine_map n m f -> StabilityCertificate n m f K1 -> StabilityCertificate m p g K2 ->
  StabilityCertificate n p (fun x => g (f x)) (K2 * K1).
Proof.
  intros Ha [Hl1 _] [Hl2 Hc2]. split.
  - now apply lipschitz_compose with m.
  - now apply line_C2_compose_affine with m K2.
Qed.

(** ** Lipschitz from a bound on directional derivatives *)

Lemma is_derive_inner_line m (g : R -> nat -> R) (dg : R -> nat -> R) (w : nat -> R) t :
  (forall j, (j < m)%nat -> is_derive (fun s => g s j) t (dg t j)) ->
  is_derive (fun s => inner m (g s) w) t (inner m (dg t) w).
Proof.
  intros H. unfold inner.
  apply (is_derive_vsum m (fun j s => g s j * w j) (fun j s => dg s j * w j)).
  intros j Hj. apply is_derive_ext with (fun s => w j * g s j); [intros; simpl; ring|].
  rewrite Rmult_comm. apply is_derive_scal. now apply H.
Qed.

(** Mean value theorem along the segment: with w = f v − f u and ψ(s) = ⟨f(u + s(v − u)), w⟩,
    ‖w‖² = ψ(1) − ψ(0) = ⟨D(ξ)(v − u), w⟩ ≤ K‖v − u‖‖w‖. *)
Theorem lipschitz_of_jvp_bound n m f D K :
  0 <= K -> has_jvp n m f D ->
  (forall x d, norm m (D x d) <= K * norm n d) ->
  lipschitz_map n m f K.
Proof.
  intros HK Hj Hb. split; [exact HK|]. intros v u.
  set (d := vsub v u). set (w := vsub (f v) (f u)).
  set (psi := fun s => inner m (f (line u d s)) w).
  set (dpsi := fun s => inner m (D (line u d s) d) w).
  assert (Hd : forall s, is_derive psi s (dpsi s)).
  { intros s. apply (is_derive_inner_line m (fun s => f (line u d s)) (fun s => D (line u d s) d)).
    intros j Hjm. now apply Hj. }
  destruct (MVT_gen psi 0 1 dpsi) as [c [_ Heq]].
  - intros x _. apply Hd.
  - intros x _. apply derivable_continuous_pt. exists (dpsi x). apply is_derive_Reals, Hd.
  - unfold psi in Heq. unfold d in Heq. rewrite line_1, line_0 in Heq.
    rewrite Rminus_0_r, Rmult_1_r in Heq.
    assert (Hw : norm2 m w = dpsi c)
      by (rewrite <- Heq; unfold w, norm2; rewrite inner_sub_l; reflexivity).
    pose proof (inner_le_norm m (D (line u d c) d) w) as Hcs. fold (dpsi c) in Hcs.
    pose proof (Hb (line u d c) d) as Hbd.
    pose proof (norm_nonneg m w). pose proof (norm_nonneg n d).
    pose proof (norm_nonneg m (D (line u d c) d)).
    rewrite <- norm_sqr in Hw. fold w d.
    destruct (Req_dec (norm m w) 0) as [Hz|Hz]; [rewrite Hz; nra|].
    assert (norm m w <= norm m (D (line u d c) d)); [|lra].
    apply (Rmult_le_reg_r (norm m w)); [lra | nra].
Qed.
