(** * LeanSharp.Optim.Smooth — gradients, L-smoothness, the descent lemma, strong convexity

    A loss is any [L : W n -> R]; a gradient field is any [G : W n -> W n].

    Definitions
    - [is_gradient n L G]: G is the gradient of L along every line: for all w, d, t,
        d/ds L(w + s d) |_{s=t} = ⟨G(w + t d), d⟩            (Coquelicot [is_derive])
    - [lipschitz_grad n G Lc]: ‖G u − G v‖ ≤ Lc ‖u − v‖     (L is Lc-smooth)
    - [strongly_convex n L G mu]: L v ≥ L u + ⟨G u, v − u⟩ + (mu/2)‖v − u‖²
    - [quad_diag n a w] = ½ Σ_{i<n} a_i w_i², with gradient [quad_diag_grad a w]_i = a_i w_i

    Main results
    - [is_derive_vsum]: the derivative of a finite sum is the sum of the derivatives
    - [descent_slope_nonpos]: ⟨G(w + s d), d⟩ ≤ ⟨G w, d⟩ + Lc s‖d‖² for s ≥ 0 (the slope the MVT bounds)
    - [descent_lemma]: L(w + d) ≤ L(w) + ⟨∇L(w), d⟩ + (Lc/2)‖d‖²
    - [descent_lemma_step]: L(w − η d) ≤ L(w) − η⟨∇L(w), d⟩ + (Lc η²/2)‖d‖²
    - [grad_norm2_le_gap]: L ≥ Linf ⇒ ‖∇L(w)‖² ≤ 2Lc(L(w) − Linf)
    - [strongly_convex_monotone]: ⟨G u − G v, u − v⟩ ≥ mu ‖u − v‖²
    - [strongly_convex_at_min]: G w* = 0 ⇒ ⟨G w, w − w*⟩ ≥ mu ‖w − w*‖²
    - [quad_diag_gradient]: ½ Σ a_i w_i² has gradient (a_i w_i)_i (any real a);
      [quad_diag_strongly_convex]: a_i ≥ μ ⇒ μ-strongly convex;  [quad_diag_lipschitz]:
      |a_i| ≤ M ⇒ M-Lipschitz gradient (from [norm_hadamard_le]: ‖a ⊙ v‖ ≤ K‖v‖ for |a_i| ≤ K)

    Note: Coquelicot also defines a [norm]; this file imports Coquelicot *before* Vec, so
    [norm] below is Vec's Euclidean norm. Files importing both should do the same. *)

From Coq Require Import Reals Lra FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
Open Scope R_scope.

Definition is_gradient (n : nat) (L : W n -> R) (G : W n -> W n) : Prop :=
  forall (w d : W n) (t : R),
    is_derive (fun s => L (fun i => w i + s * d i)) t
              (inner n (G (fun i => w i + t * d i)) d).

Definition lipschitz_grad (n : nat) (G : W n -> W n) (Lc : R) : Prop :=
  forall u v : W n, norm n (vsub (G u) (G v)) <= Lc * norm n (vsub u v).

Definition strongly_convex (n : nat) (L : W n -> R) (G : W n -> W n) (mu : R) : Prop :=
  forall u v : W n, L u + inner n (G u) (vsub v u) + mu / 2 * norm2 n (vsub v u) <= L v.

(** ** Derivative of a finite sum *)

Lemma is_derive_vsum n (f df : nat -> R -> R) t :
  (forall i, (i < n)%nat -> is_derive (f i) t (df i t)) ->
  is_derive (fun s => vsum n (fun i => f i s)) t (vsum n (fun i => df i t)).
Proof.
  induction n as [|n IH]; intros H; simpl.
  - apply (is_derive_const (V := R_NormedModule)).
  - apply (is_derive_plus (V := R_NormedModule)).
    + apply IH. intros i Hi. apply H. auto.
    + apply H. auto.
Qed.

(** ** The descent lemma *)

(** The smoothness block: L has gradient G, and G is Lc-Lipschitz (no sign condition on Lc
    is needed). The dimension, the loss, its gradient and Lc are implicit: they are read off
    the hypotheses, so a use is [descent_lemma Hg Hl w d]. *)
Section Smoothness.
Context {n : nat} {L : W n -> R} {G : W n -> W n} {Lc : R}.
Hypotheses (Hg : is_gradient n L G) (Hl : lipschitz_grad n G Lc).

(** The slope of ψ(s) = L(w + s d) − s⟨G w, d⟩ − (Lc/2)s²‖d‖² is nonpositive for s ≥ 0:
    ⟨G(w + s d), d⟩ − (⟨G w, d⟩ + Lc s ‖d‖²) ≤ 0 (Cauchy–Schwarz, then Lipschitz). *)
Lemma descent_slope_nonpos (w d : W n) s : 0 <= s ->
  inner n (G (fun i => w i + s * d i)) d - (inner n (G w) d + Lc * s * norm2 n d) <= 0.
Proof.
  intros Hs.
  assert (Hsub : inner n (G (fun i => w i + s * d i)) d - inner n (G w) d
                 = inner n (vsub (G (fun i => w i + s * d i)) (G w)) d)
    by (rewrite inner_sub_l; ring).
  pose proof (inner_le_norm n (vsub (G (fun i => w i + s * d i)) (G w)) d) as Hcs.
  pose proof (Hl (fun i => w i + s * d i) w) as Hlip.
  rewrite (norm_ext n (vsub (fun i => w i + s * d i) w) (vscale s d)), norm_scale, Rabs_pos_eq in Hlip
    by (intros; unfold vsub, vscale; ring || lra).
  rewrite <- norm_sqr. pose proof (norm_nonneg n d).
  assert (norm n (vsub (G (fun i => w i + s * d i)) (G w)) * norm n d
          <= Lc * (s * norm n d) * norm n d) by (apply Rmult_le_compat_r; lra).
  nra.
Qed.

(** Auxiliary: with φ(s) = L(w + s d), φ(1) − φ(0) ≤ ⟨G w, d⟩ + (Lc/2)‖d‖², by the mean
    value theorem applied to ψ(s) = φ(s) − s⟨G w, d⟩ − (Lc/2)s²‖d‖², whose derivative
    ψ'(s) = ⟨G(w + s d) − G w, d⟩ − Lc s ‖d‖² is ≤ 0 for s ≥ 0 (Cauchy–Schwarz, Lipschitz). *)
Lemma descent_line (w d : W n) :
  L (fun i => w i + 1 * d i) - L (fun i => w i + 0 * d i)
    <= inner n (G w) d + Lc / 2 * norm2 n d.
Proof.
  set (a := inner n (G w) d). set (b := norm2 n d).
  set (psi := fun s => L (fun i => w i + s * d i) - (s * a + Lc / 2 * (s * s) * b)).
  set (dpsi := fun s => inner n (G (fun i => w i + s * d i)) d - (a + Lc * s * b)).
  assert (Hd : forall s : R, is_derive psi s (dpsi s)).
  { intros s. unfold psi, dpsi.
    apply (is_derive_minus (V := R_NormedModule)); [apply Hg|].
    auto_derive; [exact I|]. field. }
  destruct (MVT_gen psi 0 1 dpsi) as [c [Hc Heq]].
  - intros x _. apply Hd.
  - intros x _. apply derivable_continuous_pt. exists (dpsi x).
    apply is_derive_Reals, Hd.
  - rewrite Rmin_left, Rmax_right in Hc by lra.
    assert (Hneg : dpsi c <= 0) by (apply descent_slope_nonpos; lra).
    unfold psi in Heq. nra.
Qed.

(** Descent lemma: for Lc-smooth L, L(w + d) ≤ L(w) + ⟨∇L(w), d⟩ + (Lc/2)‖d‖². *)
Theorem descent_lemma (w d : W n) :
  L (vadd w d) <= L w + inner n (G w) d + Lc / 2 * norm2 n d.
Proof.
  pose proof (descent_line w d) as H.
  replace (fun i => w i + 1 * d i) with (vadd w d) in H
    by (apply functional_extensionality; intros; unfold vadd; ring).
  replace (fun i => w i + 0 * d i) with w in H
    by (apply functional_extensionality; intros; ring).
  lra.
Qed.

(** Descent lemma, step form: L(w − η d) ≤ L(w) − η⟨∇L(w), d⟩ + (Lc η²/2)‖d‖². *)
Theorem descent_lemma_step eta (w d : W n) :
  L (vsub w (vscale eta d))
    <= L w - eta * inner n (G w) d + Lc * eta ^ 2 / 2 * norm2 n d.
Proof.
  pose proof (descent_lemma w (vscale (- eta) d)) as H.
  replace (vadd w (vscale (- eta) d)) with (vsub w (vscale eta d)) in H
    by (apply functional_extensionality; intros; unfold vadd, vsub, vscale; ring).
  rewrite inner_scale_r, norm2_scale in H. lra.
Qed.

End Smoothness.

(** Smooth and bounded below: ‖∇L(w)‖² ≤ 2Lc(L(w) − Linf) (one step of length 1/Lc). *)
Corollary grad_norm2_le_gap {n L G Lc} Linf (w : W n) :
  is_gradient n L G -> lipschitz_grad n G Lc -> 0 < Lc -> (forall v, Linf <= L v) ->
  norm2 n (G w) <= 2 * Lc * (L w - Linf).
Proof.
  intros Hg Hl HLc Hinf.
  pose proof (descent_lemma_step Hg Hl (/ Lc) w (G w)) as H.
  pose proof (Hinf (vsub w (vscale (/ Lc) (G w)))) as Hi.
  unfold norm2 in H |- *.
  replace (Lc * (/ Lc) ^ 2 / 2) with (/ Lc / 2) in H by (field; lra).
  apply (Rmult_le_reg_l (/ (2 * Lc))); [apply Rinv_0_lt_compat; lra|].
  replace (/ (2 * Lc) * (2 * Lc * (L w - Linf))) with (L w - Linf) by (field; lra).
  replace (/ (2 * Lc)) with (/ Lc / 2) by (field; lra). lra.
Qed.

(** ** Strong convexity *)

Section StrongConvexity.
Context {n : nat} {L : W n -> R} {G : W n -> W n} {mu : R}.
Hypothesis Hs : strongly_convex n L G mu.

(** Strong monotonicity of the gradient: ⟨G u − G v, u − v⟩ ≥ mu ‖u − v‖². *)
Theorem strongly_convex_monotone (u v : W n) :
  mu * norm2 n (vsub u v) <= inner n (vsub (G u) (G v)) (vsub u v).
Proof.
  pose proof (Hs u v) as H1. pose proof (Hs v u) as H2.
  rewrite inner_sub_swap, norm2_sub_swap in H1. rewrite inner_sub_l. lra.
Qed.

(** At a critical point w* (G w* = 0): ⟨G w, w − w*⟩ ≥ mu ‖w − w*‖². *)
Theorem strongly_convex_at_min (w wstar : W n) :
  (forall i, (i < n)%nat -> G wstar i = 0) ->
  mu * norm2 n (vsub w wstar) <= inner n (G w) (vsub w wstar).
Proof.
  intros H0. pose proof (strongly_convex_monotone w wstar) as H.
  rewrite inner_sub_l in H.
  assert (inner n (G wstar) (vsub w wstar) = 0) as Hz; [|lra].
  rewrite <- (Rmult_0_r (INR n)), <- vsum_const. apply vsum_ext.
  intros i Hi. rewrite H0 by exact Hi. ring.
Qed.

(** A strongly convex function is bounded below by its value at a critical point. *)
Corollary strongly_convex_min_le (w wstar : W n) :
  0 <= mu -> (forall i, (i < n)%nat -> G wstar i = 0) -> L wstar <= L w.
Proof.
  intros Hmu H0. pose proof (Hs wstar w) as H.
  assert (inner n (G wstar) (vsub w wstar) = 0) as Hz.
  { rewrite <- (Rmult_0_r (INR n)), <- vsum_const. apply vsum_ext.
    intros i Hi. rewrite H0 by exact Hi. ring. }
  pose proof (norm2_nonneg n (vsub w wstar)). nra.
Qed.

End StrongConvexity.

(** ** Diagonal quadratics ½ Σ a_i w_i² *)

Definition quad_diag (n : nat) (a : W n) (w : W n) : R :=
  / 2 * vsum n (fun i => a i * (w i * w i)).

Definition quad_diag_grad (a : nat -> R) (w : nat -> R) : nat -> R := fun i => a i * w i.

Theorem quad_diag_gradient n a : is_gradient n (quad_diag n a) (quad_diag_grad a).
Proof.
  intros w d t. unfold quad_diag, quad_diag_grad, inner.
  replace (vsum n (fun i => a i * (w i + t * d i) * d i))
    with (/ 2 * vsum n (fun i => 2 * (a i * (w i + t * d i) * d i)))
    by (rewrite vsum_scal; field).
  apply (is_derive_scal (fun s => vsum n (fun i => a i * ((w i + s * d i) * (w i + s * d i))))).
  apply (is_derive_vsum n (fun i s => a i * ((w i + s * d i) * (w i + s * d i)))
                         (fun i s => 2 * (a i * (w i + s * d i) * d i))).
  intros i _. auto_derive; [exact I|]. ring.
Qed.

(** A diagonal scaling by |a_i| ≤ K stretches norms by at most K. *)
Lemma norm_hadamard_le n (a v : W n) K :
  0 <= K -> (forall i, (i < n)%nat -> Rabs (a i) <= K) -> norm n (hadamard a v) <= K * norm n v.
Proof.
  intros HK Ha. apply norm_le_of_norm2_le; [pose proof (norm_nonneg n v); nra|].
  replace (K * norm n v * (K * norm n v)) with (K * K * norm2 n v) by (rewrite <- norm_sqr; ring).
  unfold norm2, inner, hadamard. rewrite <- vsum_scal. apply vsum_le. intros i Hi.
  specialize (Ha i Hi). pose proof (Rabs_pos (a i)).
  assert (Habs : Rabs (a i) * Rabs (a i) = a i * a i)
    by (rewrite <- Rabs_mult; apply Rabs_pos_eq, Rle_0_sqr).
  assert (a i * a i <= K * K) by nra.
  replace (a i * v i * (a i * v i)) with (a i * a i * (v i * v i)) by ring.
  apply Rmult_le_compat_r; [apply Rle_0_sqr | assumption].
Qed.

(** λ_i ≥ μ ⇒ ½ Σ λ_i w_i² is μ-strongly convex;  |λ_i| ≤ M ⇒ its gradient is M-Lipschitz. *)
Theorem quad_diag_strongly_convex n (lam : W n) mu :
  (forall i, (i < n)%nat -> mu <= lam i) ->
  strongly_convex n (quad_diag n lam) (quad_diag_grad lam) mu.
Proof.
  intros Hlam u v. unfold quad_diag, quad_diag_grad, norm2, inner, vsub.
  rewrite <- !vsum_scal, <- !vsum_add. apply vsum_le. intros i Hi.
  specialize (Hlam i Hi).
  assert (0 <= (lam i - mu) * ((v i - u i) * (v i - u i)))
    by (apply Rmult_le_pos; [lra | apply Rle_0_sqr]).
  nra.
Qed.

Theorem quad_diag_lipschitz n (lam : W n) M :
  0 <= M -> (forall i, (i < n)%nat -> Rabs (lam i) <= M) ->
  lipschitz_grad n (quad_diag_grad lam) M.
Proof.
  intros HM Hlam u v.
  rewrite (norm_ext n _ (hadamard lam (vsub u v)))
    by (intros; unfold quad_diag_grad, vsub, hadamard; ring).
  now apply norm_hadamard_le.
Qed.
