(** * LeanSharp.Stochastic.UniformStability — ZSharp and SGD are uniformly stable; their generalization gap

    Setting (Hardt–Recht–Singer, on finite probability spaces). Samples are outcomes z < K
    of a law p; a data set is S : nat -> nat read on [0, N). The per-sample losses are one
    record [sample_losses n Lc G]: every sample z has a loss ℓ_z : W n → R with gradient
    ∇ℓ_z that is convex ([Optim.Smooth.strongly_convex] with μ = 0), Lc-smooth (Lc > 0) and
    bounded: ‖∇ℓ_z(w)‖ ≤ G (so ℓ_z is G-Lipschitz).
    At step t the index k_t is drawn uniformly from [0, N) ([unif N]) and the ZSharp step
    on sample S k_t is taken with that sample's own gradient field for the mask, the
    perturbation and the update ([NoisyFilter.noisy_zsharp_step], any mask rule, δ ≥ 0,
    radius ρ ≥ 0); ρ = 0 is plain SGD ([sgd_step_is_gradient_step]). [zs_run S h] is the
    iterate after the index history h, from the same w_0 for every data set.

    Main results (S, S' differ only in sample j0 < N; 0 < η_t ≤ 2/Lc)
    - [gd_nonexpansive]: u ↦ u − η∇ℓ(u) is 1-Lipschitz for η ≤ 2/Lc (co-coercivity)
    - [same_sample_step]: same sample: ‖u⁺ − v⁺‖ ≤ ‖u − v‖ + 2ηLcρ
      (the two perturbations are each of norm ≤ ρ but may differ: the mask is discontinuous)
    - [diff_sample_step]: different samples: ‖u⁺ − v⁺‖ ≤ ‖u − v‖ + 2ηG
    - [divergence_bound]: E_h‖w_T(S) − w_T(S')‖ ≤ Σ_{t<T} η_t (2Lcρ + 2G/N)
    - [zsharp_uniformly_stable]: |E_h ℓ_z(w_T(S)) − E_h ℓ_z(w_T(S'))| ≤ G Σ_{t<T} η_t (2Lcρ + 2G/N)
    - [zsharp_generalization_gap]: |E_S[R(w_T) − R_S(w_T)]| ≤ G Σ_{t<T} η_t (2Lcρ + 2G/N)
      ([Theory.Generalization.StabilityGeneralization.generalization_of_stability])
    - [sgd_generalization_gap]: SGD (ρ = 0): |E_S[R(w_T) − R_S(w_T)]| ≤ 2G² Σ_{t<T} η_t / N
    Honest reading: ZSharp's perturbation adds 2η_tLcρ per step whatever N is, so its
    bound does not vanish as N → ∞; SGD's does, at rate 1/N. *)

From Coq Require Import Reals Lra Lia List FunctionalExtensionality.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth SAM Cocoercive.
From LeanSharp.Theory.Generalization Require Import StabilityGeneralization.
From LeanSharp.Stochastic Require Import StronglyConvexRate NoisyFilter UniformDraws.
Import ListNotations.
Open Scope R_scope.

(** The per-sample losses: convex, Lc-smooth (Lc > 0), gradients bounded by G. *)
Record sample_losses (n : nat) (Lc Gb : R) : Type := SampleLosses {
  sample_loss : nat -> W n -> R;
  sample_grad : nat -> W n -> W n;
  sample_gradient : forall z, is_gradient n (sample_loss z) (sample_grad z);
  sample_lipschitz : forall z, lipschitz_grad n (sample_grad z) Lc;
  sample_convex : forall z, strongly_convex n (sample_loss z) (sample_grad z) 0;
  sample_lip_pos : 0 < Lc;
  sample_grad_bounded : forall z w, norm n (sample_grad z w) <= Gb }.

Arguments SampleLosses {n Lc Gb}.
Arguments sample_loss {n Lc Gb}. Arguments sample_grad {n Lc Gb}.
Arguments sample_gradient {n Lc Gb}. Arguments sample_lipschitz {n Lc Gb}.
Arguments sample_convex {n Lc Gb}. Arguments sample_lip_pos {n Lc Gb}.
Arguments sample_grad_bounded {n Lc Gb}.

(** ρ = 0: the ZSharp step is the plain gradient step, for every mask and δ. *)
Lemma sgd_step_is_gradient_step n eta delta (G : W n -> W n) m w :
  zsharp_step n eta 0 delta G m w = vsub w (vscale eta (G w)).
Proof.
  unfold zsharp_step, sam_step, zsharp_eps, sam_eps. f_equal. f_equal. f_equal.
  apply functional_extensionality. intros i. unfold vadd, vscale, Rdiv. ring.
Qed.

Definition zs_run (n : nat) (grad : nat -> W n -> W n) (mask : W n -> W n) (delta : R)
    (eta : nat -> R) (rho : R) (w0 : W n) (S : nat -> nat) (h : list nat) : W n :=
  noisy_iter n (fun k => grad (S k)) mask delta eta (fun _ => rho) w0 h.

Section Stability.

Context {n : nat} {Lc Gb : R} (Z : sample_losses n Lc Gb) (mask : W n -> W n).
Context (rho delta : R) (eta : nat -> R) (w0 : W n).
Hypotheses (Hrho : 0 <= rho) (Hdelta : 0 <= delta) (Heta : forall t, 0 < eta t <= 2 / Lc).
Local Notation loss := (sample_loss Z). Local Notation grad := (sample_grad Z).
Let Hg := sample_gradient Z. Let Hl := sample_lipschitz Z. Let Hc := sample_convex Z.
Let HLc := sample_lip_pos Z. Let HG := sample_grad_bounded Z.

Lemma Gb_nonneg : 0 <= Gb.
Proof. eapply Rle_trans; [apply norm_nonneg | apply (HG 0%nat vzero)]. Qed.

(** Co-coercivity: for η ≤ 2/Lc the gradient step is non-expansive. *)
Theorem gd_nonexpansive z (u v : W n) e :
  0 < e <= 2 / Lc ->
  norm n (vsub (vsub u (vscale e (grad z u))) (vsub v (vscale e (grad z v)))) <= norm n (vsub u v).
Proof.
  intros [He0 He1]. apply norm_le_of_norm2_le; [apply norm_nonneg|]. rewrite norm_sqr.
  pose proof (cocoercive (loss z) (grad z) 0 Lc (Hg z) (Hl z) HLc (Hc z) (Rle_refl 0) u v) as Hco.
  set (dg := vsub (grad z u) (grad z v)) in *. set (dw := vsub u v) in *.
  rewrite (norm2_ext n _ (vsub dw (vscale e dg))) by (intros; unfold dw, dg, vsub, vscale; ring).
  rewrite norm2_sub, inner_sym, inner_scale_l, norm2_scale.
  pose proof (norm2_nonneg n dg).
  assert (Hee : e * e <= 2 * e * / Lc).
  { apply (Rmult_le_compat_l e) in He1; [|lra]. unfold Rdiv in He1. lra. }
  assert (e * e * norm2 n dg <= 2 * e * (/ Lc * norm2 n dg)) by nra.
  assert (2 * e * (/ Lc * norm2 n dg) <= 2 * e * inner n dg dw) by (apply Rmult_le_compat_l; lra).
  lra.
Qed.

Definition zstep (e : R) (z : nat) (w : W n) : W n :=
  zsharp_step n e rho delta (grad z) (mask (grad z w)) w.

Lemma zstep_eps_le z w : norm n (zsharp_eps n rho delta (grad z w) (mask (grad z w))) <= rho.
Proof. now apply zsharp_eps_norm_le. Qed.

(** Same sample: ‖u⁺ − v⁺‖ ≤ ‖u − v‖ + 2ηLcρ. *)
Theorem same_sample_step z (u v : W n) e :
  0 < e <= 2 / Lc -> norm n (vsub (zstep e z u) (zstep e z v)) <= norm n (vsub u v) + 2 * e * Lc * rho.
Proof.
  intros He. set (G := grad z).
  set (eu := zsharp_eps n rho delta (G u) (mask (G u))).
  set (ev := zsharp_eps n rho delta (G v) (mask (G v))).
  set (a := vsub (vsub u (vscale e (G u))) (vsub v (vscale e (G v)))).
  set (bu := vsub (G (vadd u eu)) (G u)). set (bv := vsub (G (vadd v ev)) (G v)).
  rewrite (norm_ext n _ (vadd a (vscale (- e) (vsub bu bv))))
    by (intros; unfold zstep, zsharp_step, sam_step, a, bu, bv, eu, ev, G, vadd, vsub, vscale; ring).
  eapply Rle_trans; [apply norm_triangle|]. rewrite norm_scale, Rabs_Ropp, Rabs_pos_eq by lra.
  assert (Hb : forall w ew, norm n ew <= rho -> norm n (vsub (G (vadd w ew)) (G w)) <= Lc * rho).
  { intros w ew Hew. eapply Rle_trans; [apply (Hl z)|]. apply Rmult_le_compat_l; [lra|].
    rewrite (norm_ext n _ ew) by (intros; unfold vsub, vadd; ring). exact Hew. }
  pose proof (Hb u eu (zstep_eps_le z u)) as Hu. pose proof (Hb v ev (zstep_eps_le z v)) as Hv.
  fold bu in Hu. fold bv in Hv.
  pose proof (norm_vsub_le n bu bv). pose proof (gd_nonexpansive z u v e He) as Hne.
  fold G a in Hne. destruct He as [He0 _].
  assert (e * norm n (vsub bu bv) <= e * (2 * (Lc * rho))) by (apply Rmult_le_compat_l; lra).
  lra.
Qed.

(** Different samples: ‖u⁺ − v⁺‖ ≤ ‖u − v‖ + 2ηG. *)
Theorem diff_sample_step z z' (u v : W n) e :
  0 < e -> norm n (vsub (zstep e z u) (zstep e z' v)) <= norm n (vsub u v) + 2 * e * Gb.
Proof.
  intros He. set (gu := grad z (vadd u (zsharp_eps n rho delta (grad z u) (mask (grad z u))))).
  set (gv := grad z' (vadd v (zsharp_eps n rho delta (grad z' v) (mask (grad z' v))))).
  rewrite (norm_ext n _ (vadd (vsub u v) (vscale (- e) (vsub gu gv))))
    by (intros; unfold zstep, zsharp_step, sam_step, gu, gv, vadd, vsub, vscale; ring).
  eapply Rle_trans; [apply norm_triangle|]. rewrite norm_scale, Rabs_Ropp, Rabs_pos_eq by lra.
  pose proof (norm_vsub_le n gu gv). pose proof (HG z (vadd u (zsharp_eps n rho delta (grad z u) (mask (grad z u))))).
  pose proof (HG z' (vadd v (zsharp_eps n rho delta (grad z' v) (mask (grad z' v))))).
  fold gu gv in H0, H1.
  assert (e * norm n (vsub gu gv) <= e * (2 * Gb)) by (apply Rmult_le_compat_l; lra). lra.
Qed.

(** ** Two runs on neighbouring data sets *)

Context (N j0 : nat) (D D' : nat -> nat).
Hypotheses (HN : (1 <= N)%nat) (Hj0 : (j0 < N)%nat) (Hdiff : forall k, k <> j0 -> D k = D' k).

Definition divergence (t : nat) : R :=
  hexpect N (unif N) t (fun h => norm n (vsub (zs_run n grad mask delta eta rho w0 D h)
                                              (zs_run n grad mask delta eta rho w0 D' h))).

(** One step in expectation over the uniform index:
    E_k‖u⁺ − v⁺‖ ≤ ‖u − v‖ + η(2Lcρ + 2G/N). *)
Theorem expected_step_divergence (u v : W n) e :
  0 < e <= 2 / Lc ->
  expect N (unif N) (fun k => norm n (vsub (zstep e (D k) u) (zstep e (D' k) v)))
  <= norm n (vsub u v) + e * (2 * Lc * rho + 2 * Gb / INR N).
Proof.
  intros He. assert (HNp : 0 < INR N) by (apply lt_0_INR; lia).
  eapply Rle_trans.
  - apply (expect_le N (unif N) _
             (fun k => (norm n (vsub u v) + 2 * e * Lc * rho) + (if Nat.eqb k j0 then 2 * e * Gb else 0))).
    + now apply unif_law.
    + intros k _. destruct (Nat.eqb_spec k j0) as [->|Hne].
      * pose proof (diff_sample_step (D j0) (D' j0) u v e (proj1 He)).
        assert (0 <= 2 * e * Lc * rho) by (destruct He; repeat apply Rmult_le_pos; lra). lra.
      * rewrite <- (Hdiff k Hne). pose proof (same_sample_step (D k) u v e He). lra.
  - rewrite expect_add, expect_const by now apply unif_law.
    unfold expect, unif. rewrite (vsum_ext N _ (fun k => if Nat.eqb k j0 then / INR N * (2 * e * Gb) else 0))
      by (intros k _; destruct (Nat.eqb k j0); ring).
    rewrite vsum_indicator by exact Hj0. right. field. lra.
Qed.

Lemma divergence_recursion t :
  divergence (S t) <= divergence t + eta t * (2 * Lc * rho + 2 * Gb / INR N).
Proof.
  assert (Hlaw : is_law N (unif N)) by now apply unif_law.
  unfold divergence. rewrite hexpect_S.
  eapply Rle_trans.
  - apply (hexpect_le N (unif N) t _
             (fun h => 1 * norm n (vsub (zs_run n grad mask delta eta rho w0 D h)
                                        (zs_run n grad mask delta eta rho w0 D' h))
                       + eta t * (2 * Lc * rho + 2 * Gb / INR N))); [exact Hlaw|].
    intros h Hh. cbn [zs_run noisy_iter]. rewrite Hh, Rmult_1_l.
    apply expected_step_divergence, Heta.
  - rewrite hexpect_affine, Rmult_1_l by exact Hlaw. apply Rle_refl.
Qed.

(** E_h‖w_T(S) − w_T(S')‖ ≤ Σ_{t<T} η_t (2Lcρ + 2G/N). *)
Theorem divergence_bound T :
  divergence T <= vsum T (fun t => eta t * (2 * Lc * rho + 2 * Gb / INR N)).
Proof.
  induction T as [|T IH].
  - unfold divergence. cbn [hexpect zs_run noisy_iter].
    assert (Hz : norm n (vsub w0 w0) = 0).
    { unfold norm, norm2, inner, vsub. rewrite (vsum_ext n _ (fun _ => 0)) by (intros; ring).
      rewrite vsum_const, Rmult_0_r. apply sqrt_0. }
    rewrite Hz. right. reflexivity.
  - simpl. pose proof (divergence_recursion T). lra.
Qed.

(** A convex loss with gradients bounded by G is G-Lipschitz. *)
Lemma loss_lipschitz z (u v : W n) : Rabs (loss z u - loss z v) <= Gb * norm n (vsub u v).
Proof.
  pose proof (Hc z u v) as H1. pose proof (Hc z v u) as H2.
  pose proof (inner_le_norm n (grad z u) (vsub u v)) as C1.
  pose proof (inner_le_norm n (grad z v) (vsub v u)) as C2.
  rewrite norm2_sub_swap in H1. rewrite (norm_ext n (vsub v u) (vscale (-1) (vsub u v))) in C2
    by (intros; unfold vsub, vscale; ring).
  rewrite norm_scale in C2. replace (Rabs (-1)) with 1 in C2 by (rewrite Rabs_left; lra).
  rewrite Rmult_1_l, inner_sub_swap in C2.
  rewrite inner_sub_swap in H1. pose proof (norm_nonneg n (vsub u v)).
  assert (norm n (grad z u) * norm n (vsub u v) <= Gb * norm n (vsub u v)) by (apply Rmult_le_compat_r; auto).
  assert (norm n (grad z v) * norm n (vsub u v) <= Gb * norm n (vsub u v)) by (apply Rmult_le_compat_r; auto).
  apply Rabs_le. lra.
Qed.

(** Uniform stability: |E_h ℓ_z(w_T(S)) − E_h ℓ_z(w_T(S'))| ≤ G Σ_{t<T} η_t (2Lcρ + 2G/N). *)
Theorem zsharp_uniformly_stable T z :
  Rabs (hexpect N (unif N) T (fun h => loss z (zs_run n grad mask delta eta rho w0 D h))
        - hexpect N (unif N) T (fun h => loss z (zs_run n grad mask delta eta rho w0 D' h)))
  <= Gb * vsum T (fun t => eta t * (2 * Lc * rho + 2 * Gb / INR N)).
Proof.
  pose proof (divergence_bound T) as Hd. unfold divergence in Hd. pose proof Gb_nonneg.
  eapply Rle_trans; [|apply Rmult_le_compat_l; [exact H | exact Hd]].
  apply hexpect_diff_le; [now apply unif_law | exact H |]. intros h. apply loss_lipschitz.
Qed.

End Stability.

(** ** Generalization *)

(** The learning rule: the expected loss at z of the T-th iterate on the data set D. *)
Definition zs_expected_loss (n : nat) (loss : nat -> W n -> R) (grad : nat -> W n -> W n)
    (mask : W n -> W n) (delta : R) (eta : nat -> R) (rho : R) (w0 : W n) (N T : nat)
    : (nat -> nat) -> nat -> R :=
  fun D z => hexpect N (unif N) T (fun h => loss z (zs_run n grad mask delta eta rho w0 D h)).

(** The run reads the data set only at the drawn indices. *)
Lemma zs_run_local n grad mask delta eta rho w0 N (D D' : nat -> nat) h :
  (forall i, (i < N)%nat -> D i = D' i) -> Forall (fun k => (k < N)%nat) h ->
  zs_run n grad mask delta eta rho w0 D h = zs_run n grad mask delta eta rho w0 D' h.
Proof.
  intros Hag. induction h as [|k h IH]; intros Hh; [reflexivity|].
  inversion Hh as [|k' h' Hk Hh']; subst. unfold zs_run in *. cbn [noisy_iter].
  rewrite IH by exact Hh'. unfold noisy_zsharp_step. now rewrite (Hag k Hk).
Qed.

Section Generalization.

Context {n : nat} {Lc Gb : R} (K N T : nat) (p : nat -> R) (Z : sample_losses n Lc Gb).
Context (mask : W n -> W n) (rho delta : R) (eta : nat -> R) (w0 : W n).
Hypotheses (Hlaw : is_law K p) (HN : (1 <= N)%nat)
           (Hrho : 0 <= rho) (Hdelta : 0 <= delta) (Heta : forall t, 0 < eta t <= 2 / Lc).
Local Notation loss := (sample_loss Z). Local Notation grad := (sample_grad Z).

(** Expected generalization gap of ZSharp (any mask rule, δ ≥ 0) after T steps:
    |E_D[R(w_T) − R_D(w_T)]| ≤ G Σ_{t<T} η_t (2Lcρ + 2G/N). *)
Theorem zsharp_generalization_gap :
  let Lval := zs_expected_loss n loss grad mask delta eta rho w0 N T in
  Rabs (dexp K p N (fun D => pop_risk K p Lval D - emp_risk N Lval D))
  <= Gb * vsum T (fun t => eta t * (2 * Lc * rho + 2 * Gb / INR N)).
Proof.
  intros Lval. apply generalization_of_stability; [exact Hlaw | exact HN | |].
  - intros D D' z Hag. unfold Lval, zs_expected_loss. apply hexpect_ext_in. intros h Hh.
    f_equal. now apply zs_run_local with (N := N).
  - intros D j z' z Hj. unfold Lval, zs_expected_loss.
    apply (zsharp_uniformly_stable Z mask rho delta eta w0 Hrho Hdelta Heta N j); [exact HN | exact Hj |].
    intros k Hk. unfold upd. destruct (Nat.eqb_spec k j); [contradiction | reflexivity].
Qed.

End Generalization.

(** SGD (ρ = 0, the plain gradient step [sgd_step_is_gradient_step]):
    |E_D[R(w_T) − R_D(w_T)]| ≤ 2G² Σ_{t<T} η_t / N. *)
Corollary sgd_generalization_gap {n Lc Gb} K N T p (Z : sample_losses n Lc Gb) mask delta eta w0 :
  is_law K p -> (1 <= N)%nat -> 0 <= delta -> (forall t, 0 < eta t <= 2 / Lc) ->
  let Lval := zs_expected_loss n (sample_loss Z) (sample_grad Z) mask delta eta 0 w0 N T in
  Rabs (dexp K p N (fun D => pop_risk K p Lval D - emp_risk N Lval D))
  <= 2 * Gb ^ 2 * vsum T eta / INR N.
Proof.
  intros Hlaw HN Hd Heta Lval. assert (HNp : 0 < INR N) by (apply lt_0_INR; lia).
  eapply Rle_trans.
  - apply (zsharp_generalization_gap K N T p Z mask 0 delta eta w0); assumption || lra.
  - rewrite (vsum_ext T _ (fun t => (2 * Gb / INR N) * eta t)) by (intros; ring).
    rewrite vsum_scal. right. field. lra.
Qed.
