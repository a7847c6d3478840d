(** * LeanSharp.Optim.Cocoercive — co-coercivity of the gradient of a convex smooth loss

    For L convex (μ-strongly convex with μ ≥ 0) with an Lc-Lipschitz gradient G (Lc > 0):

    - [tilted_gradient]: for a fixed x, φ(y) = L(y) − ⟨G x, y⟩ has gradient G y − G x
    - [lower_bound_grad_gap] :  L(y) ≥ L(x) + ⟨G x, y − x⟩ + ‖G y − G x‖²/(2Lc)
      (φ is minimised at x, and one gradient step of length 1/Lc from y lowers φ by
      ‖∇φ(y)‖²/(2Lc), by the descent lemma)
    - [cocoercive]:  ⟨G u − G v, u − v⟩ ≥ ‖G u − G v‖²/Lc
    - [gd_step_contracts]: with G w* = 0, 0 < η ≤ 1/Lc:
          ‖w − η G w − w*‖² ≤ (1 − ημ)‖w − w*‖²
      — the contraction of one gradient step for all η ≤ 1/Lc (not only η ≤ μ/Lc²). *)

From Coq Require Import Reals Lra FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
Open Scope R_scope.

Section Cocoercive.

Context {n : nat} (L : W n -> R) (G : W n -> W n) (mu Lc : R).
Hypotheses (Hg : is_gradient n L G) (Hl : lipschitz_grad n G Lc) (HLc : 0 < Lc)
           (Hs : strongly_convex n L G mu) (Hmu : 0 <= mu).

(** The tilted loss φ_x(y) = L(y) − ⟨G x, y⟩ has gradient G y − G x. *)
Lemma tilted_gradient x :
  is_gradient n (fun y => L y - inner n (G x) y) (fun y => vsub (G y) (G x)).
Proof.
  intros w d t. rewrite inner_sub_l.
  apply (is_derive_minus (V := R_NormedModule)); [apply Hg|].
  unfold inner. apply (is_derive_vsum n (fun i s => G x i * (w i + s * d i))
                                         (fun i _ => G x i * d i)).
  intros i _. auto_derive; [exact I|]. ring.
Qed.

Lemma tilted_smooth x : lipschitz_grad n (fun y => vsub (G y) (G x)) Lc.
Proof.
  intros u v. rewrite (norm_ext n _ (vsub (G u) (G v))) by (intros; unfold vsub; ring).
  apply Hl.
Qed.

(** L(y) ≥ L(x) + ⟨G x, y − x⟩ + ‖G y − G x‖²/(2Lc). *)
Theorem lower_bound_grad_gap x y :
  L x + inner n (G x) (vsub y x) + / (2 * Lc) * norm2 n (vsub (G y) (G x)) <= L y.
Proof.
  set (phi := fun y => L y - inner n (G x) y). set (d := vsub (G y) (G x)).
  pose proof (descent_lemma_step (tilted_gradient x) (tilted_smooth x) (/ Lc) y d) as Hdesc.
  fold d in Hdesc. fold (norm2 n d) in Hdesc.
  set (z := vsub y (vscale (/ Lc) d)) in Hdesc.
  (* φ is minimised at x, by convexity *)
  assert (Hmin : phi x <= phi z).
  { unfold phi. pose proof (Hs x z) as H. pose proof (norm2_nonneg n (vsub z x)).
    rewrite inner_sub_r in H. nra. }
  assert (Hk : Lc * (/ Lc) ^ 2 / 2 = / (2 * Lc)) by (field; lra).
  assert (Hk' : / Lc = 2 * / (2 * Lc)) by (field; lra).
  rewrite Hk in Hdesc. rewrite (inner_sub_r n (G x) y x).
  unfold phi in Hmin, Hdesc. rewrite Hk' in Hdesc. change (inner n (vsub (G y) (G x)) d) with (norm2 n d) in Hdesc. lra.
Qed.

(** Co-coercivity: ⟨G u − G v, u − v⟩ ≥ ‖G u − G v‖²/Lc. *)
Theorem cocoercive u v :
  / Lc * norm2 n (vsub (G u) (G v)) <= inner n (vsub (G u) (G v)) (vsub u v).
Proof.
  pose proof (lower_bound_grad_gap u v) as H1. pose proof (lower_bound_grad_gap v u) as H2.
  rewrite norm2_sub_swap, inner_sub_swap in H1.
  rewrite inner_sub_l. replace (/ Lc) with (2 * / (2 * Lc)) by (field; lra). lra.
Qed.

(** One gradient step contracts: ‖w − ηGw − w*‖² ≤ (1 − ημ)‖w − w*‖² for 0 < η ≤ 1/Lc. *)
Theorem gd_step_contracts (w wstar : W n) eta :
  (forall i, (i < n)%nat -> G wstar i = 0) -> 0 < eta <= / Lc ->
  norm2 n (vsub (vsub w (vscale eta (G w))) wstar) <= (1 - eta * mu) * norm2 n (vsub w wstar).
Proof.
  intros H0 [He0 He1].
  assert (Hgw : forall i, (i < n)%nat -> vsub (G w) (G wstar) i = G w i)
    by (intros i Hi; unfold vsub; rewrite (H0 i Hi); ring).
  pose proof (cocoercive w wstar) as Hco. pose proof (strongly_convex_monotone Hs w wstar) as Hmon.
  rewrite (norm2_ext n _ (G w) Hgw) in Hco.
  rewrite (inner_ext n _ (G w) (vsub w wstar) (vsub w wstar)) in Hco, Hmon
    by (intros i Hi; split; [apply Hgw | reflexivity]; assumption).
  rewrite (norm2_ext n _ (vsub (vsub w wstar) (vscale eta (G w)))) by (intros; unfold vsub, vscale; ring).
  rewrite norm2_sub, inner_sym, inner_scale_l, norm2_scale.
  set (e2 := norm2 n (vsub w wstar)). set (gi := inner n (G w) (vsub w wstar)).
  set (g2 := norm2 n (G w)). pose proof (norm2_nonneg n (G w)).
  assert (Hg2 : g2 <= Lc * gi).
  { apply (Rmult_le_reg_l (/ Lc)); [apply Rinv_0_lt_compat; lra|].
    replace (/ Lc * (Lc * gi)) with gi by (field; lra). exact Hco. }
  assert (HeL : eta * Lc <= 1).
  { apply (Rmult_le_compat_r Lc) in He1; [|lra]. rewrite Rinv_l in He1; lra. }
  assert (He2 : 0 <= e2) by apply norm2_nonneg.
  assert (Hgi : mu * e2 <= gi) by exact Hmon.
  assert (0 <= gi) by nra.
  assert (eta * eta * g2 <= eta * (eta * Lc) * gi).
  { replace (eta * (eta * Lc) * gi) with (eta * eta * (Lc * gi)) by ring.
    apply Rmult_le_compat_l; nra. }
  assert (eta * (eta * Lc) * gi <= eta * gi).
  { apply Rmult_le_compat_r; [lra|]. nra. }
  assert (eta * mu * e2 <= eta * gi) by nra.
  nra.
Qed.

End Cocoercive.
