(** * LeanSharp.Theory.Dynamics.LocalConvergence — ZSharp near a local minimiser of a non-convex loss

    Only LOCAL assumptions, on the ball B(w*, R) around a critical point w* (G w* = 0):
    - strong monotonicity towards w*: μ‖u − w*‖² ≤ ⟨G u, u − w*⟩ for ‖u − w*‖ ≤ R (it follows
      from μ-strong convexity of L on the ball, [local_strongly_convex_monotone])
    - an Lc-Lipschitz gradient on the ball: ‖G u − G v‖ ≤ Lc‖u − v‖ for u, v in the ball
    and 0 < μ ≤ Lc, 0 < η ≤ μ/Lc², ρ ≥ 0 and the margin ρ + 2Lcρ/μ ≤ R.
    A perturbed step w⁺ = w − ηG(w + ε), ‖ε‖ ≤ ρ (SAM, ZSharp at every δ ≥ 0 and every mask
    rule) evaluates G only inside the ball as long as ‖w − w*‖ ≤ R − ρ, since
    ‖w + ε − w*‖ ≤ ‖w − w*‖ + ρ.

    Main results
    - [local_gd_contract]: ‖w − ηG(w) − w*‖ ≤ (1 − ημ/2)‖w − w*‖ on the ball
      (‖·‖² ≤ (1 − 2ημ + η²Lc²)‖w − w*‖² ≤ (1 − ημ)‖w − w*‖²)
    - [local_step_ball]: ‖w − w*‖ ≤ R − ρ ⇒ ‖w⁺ − w*‖ ≤ (1 − ημ/2)‖w − w*‖ + ηLcρ
    - [local_ball_invariant]: B(w*, R − ρ) is invariant
    - [local_iterates]: started in B(w*, R − ρ), every iterate stays there and
          ‖w_T − w*‖ ≤ (1 − ημ/2)^T‖w_0 − w*‖ + 2Lcρ/μ
    - [zsharp_local_ball]: the ZSharp iteration, any mask rule, any δ ≥ 0 *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth SAM ZSharpDirection.
From LeanSharp.Theory.Alignment Require Import Alignment.
Open Scope R_scope.

(** μ-strong convexity of L on the ball gives strong monotonicity towards a critical w*. *)
Lemma local_strongly_convex_monotone n (L : W n -> R) (G : W n -> W n) mu R (wstar : W n) :
  0 <= R -> (forall i, (i < n)%nat -> G wstar i = 0) ->
  (forall u v, norm n (vsub u wstar) <= R -> norm n (vsub v wstar) <= R ->
               L u + inner n (G u) (vsub v u) + mu / 2 * norm2 n (vsub v u) <= L v) ->
  forall u, norm n (vsub u wstar) <= R -> mu * norm2 n (vsub u wstar) <= inner n (G u) (vsub u wstar).
Proof.
  intros HR H0 Hsc u Hu.
  assert (Hw : norm n (vsub wstar wstar) <= R).
  { rewrite (norm_ext n _ vzero) by (intros; unfold vsub, vzero; ring).
    unfold norm, norm2, inner, vzero. rewrite (vsum_ext n _ (fun _ => 0)) by (intros; ring).
    rewrite vsum_const, Rmult_0_r, sqrt_0. exact HR. }
  pose proof (Hsc u wstar Hu Hw) as H1. pose proof (Hsc wstar u Hw Hu) as H2.
  rewrite (inner_ext n (G wstar) vzero (vsub u wstar) (vsub u wstar)) in H2
    by (intros i Hi; split; [unfold vzero; now apply H0 | reflexivity]).
  assert (Hz : inner n vzero (vsub u wstar) = 0)
    by (unfold inner, vzero; rewrite (vsum_ext n _ (fun _ => 0)) by (intros; ring); rewrite vsum_const; ring).
  rewrite Hz in H2. rewrite inner_sub_swap, norm2_sub_swap in H1. lra.
Qed.

Section Local.

Context {n : nat} (G : W n -> W n) (mu Lc eta rho R : R) (wstar : W n).
Hypotheses
  (Hmon : forall u, norm n (vsub u wstar) <= R -> mu * norm2 n (vsub u wstar) <= inner n (G u) (vsub u wstar))
  (Hlip : forall u v, norm n (vsub u wstar) <= R -> norm n (vsub v wstar) <= R ->
                      norm n (vsub (G u) (G v)) <= Lc * norm n (vsub u v))
  (H0 : forall i, (i < n)%nat -> G wstar i = 0)
  (Hmu : 0 < mu) (HmuL : mu <= Lc) (Heta : 0 < eta <= mu / Lc ^ 2) (Hrho : 0 <= rho)
  (Hmargin : rho + 2 * Lc * rho / mu <= R).

Lemma local_R_nonneg : 0 <= R - rho.
Proof.
  assert (0 <= 2 * Lc * rho / mu) by (apply Rle_mult_inv_pos; [nra | lra]). lra.
Qed.

Lemma local_eta_mu : eta * Lc ^ 2 <= mu /\ eta * mu <= 1.
Proof.
  destruct Heta as [He0 He1]. assert (HL : 0 < Lc ^ 2) by nra.
  assert (H1 : eta * Lc ^ 2 <= mu).
  { apply (Rmult_le_compat_r (Lc ^ 2)) in He1; [|lra].
    replace (mu / Lc ^ 2 * Lc ^ 2) with mu in He1 by (field; lra). exact He1. }
  split; [exact H1|]. assert (mu * mu <= Lc ^ 2) by nra. nra.
Qed.

Lemma norm_self_zero : norm n (vsub wstar wstar) = 0.
Proof.
  unfold norm, norm2, inner, vsub. rewrite (vsum_ext n _ (fun _ => 0)) by (intros; ring).
  rewrite vsum_const, Rmult_0_r. apply sqrt_0.
Qed.

(** The plain gradient step contracts inside the ball. *)
Theorem local_gd_contract w :
  norm n (vsub w wstar) <= R ->
  norm n (vsub (vsub w (vscale eta (G w))) wstar) <= (1 - eta * mu / 2) * norm n (vsub w wstar).
Proof.
  intros Hw. destruct local_eta_mu as [H1 H2]. destruct Heta as [He0 _].
  set (x := norm n (vsub w wstar)). assert (Hx : 0 <= x) by apply norm_nonneg.
  assert (HG : norm n (G w) <= Lc * x).
  { rewrite <- (norm_ext n (vsub (G w) (G wstar)) (G w)) by (intros i Hi; unfold vsub; rewrite (H0 i Hi); ring).
    apply Hlip; [exact Hw | rewrite norm_self_zero; pose proof local_R_nonneg; lra]. }
  pose proof (Hmon w Hw) as Hm. rewrite <- (norm_sqr n (vsub w wstar)) in Hm. fold x in Hm.
  apply norm_le_of_norm2_le; [nra|]. rewrite step_error. rewrite <- (norm_sqr n (vsub w wstar)). fold x.
  rewrite <- (norm_sqr n (G w)). pose proof (norm_nonneg n (G w)).
  assert (norm n (G w) * norm n (G w) <= Lc * x * (Lc * x)) by (apply Rmult_le_compat; lra).
  assert (eta * eta * (Lc * x * (Lc * x)) <= eta * mu * (x * x)).
  { replace (eta * eta * (Lc * x * (Lc * x))) with (eta * (eta * Lc ^ 2) * (x * x)) by ring.
    apply Rmult_le_compat_r; [nra|]. apply Rmult_le_compat_l; lra. }
  assert (0 <= eta * mu * eta * mu * (x * x)) by (apply Rmult_le_pos; [nra | nra]).
  nra.
Qed.

(** One perturbed step from B(w*, R − ρ): ‖w⁺ − w*‖ ≤ (1 − ημ/2)‖w − w*‖ + ηLcρ. *)
Theorem local_step_ball w eps :
  norm n (vsub w wstar) <= R - rho -> norm n eps <= rho ->
  norm n (vsub (sam_step n eta G w eps) wstar) <= (1 - eta * mu / 2) * norm n (vsub w wstar) + eta * Lc * rho.
Proof.
  intros Hw He. destruct Heta as [He0 _].
  assert (Hw' : norm n (vsub w wstar) <= R) by lra.
  assert (Hwe : norm n (vsub (vadd w eps) wstar) <= R).
  { rewrite (norm_ext n _ (vadd (vsub w wstar) eps)) by (intros; unfold vadd, vsub; ring).
    eapply Rle_trans; [apply norm_triangle|]. lra. }
  set (a := vsub (vsub w (vscale eta (G w))) wstar). set (b := vsub (G (vadd w eps)) (G w)).
  rewrite (norm_ext n _ (vadd a (vscale (- eta) b))) by (intros; unfold a, b, sam_step, vadd, vsub, vscale; ring).
  eapply Rle_trans; [apply norm_triangle|]. rewrite norm_scale, Rabs_Ropp, Rabs_pos_eq by lra.
  pose proof (local_gd_contract w Hw'). fold a in H.
  assert (norm n b <= Lc * rho).
  { unfold b. eapply Rle_trans; [apply Hlip; assumption|].
    rewrite (norm_ext n _ eps) by (intros; unfold vsub, vadd; ring).
    apply Rmult_le_compat_l; [pose proof (norm_nonneg n eps); lra | exact He]. }
  assert (eta * norm n b <= eta * (Lc * rho)) by (apply Rmult_le_compat_l; lra). lra.
Qed.

(** B(w*, R − ρ) is invariant. *)
Theorem local_ball_invariant w eps :
  norm n (vsub w wstar) <= R - rho -> norm n eps <= rho -> norm n (vsub (sam_step n eta G w eps) wstar) <= R - rho.
Proof.
  intros Hw He. pose proof (local_step_ball w eps Hw He). destruct local_eta_mu as [_ H2]. destruct Heta as [He0 _].
  assert ((1 - eta * mu / 2) * norm n (vsub w wstar) <= (1 - eta * mu / 2) * (R - rho)) by (apply Rmult_le_compat_l; lra).
  assert (HL : Lc * rho <= mu * (R - rho) / 2).
  { assert (Hm : 2 * Lc * rho / mu <= R - rho) by lra.
    apply (Rmult_le_compat_r (mu / 2)) in Hm; [|lra].
    replace (2 * Lc * rho / mu * (mu / 2)) with (Lc * rho) in Hm by (field; lra). lra. }
  assert (eta * (Lc * rho) <= eta * (mu * (R - rho) / 2)) by (apply Rmult_le_compat_l; lra). nra.
Qed.

(** Started in B(w*, R − ρ): every iterate stays there and converges geometrically to an
    O(ρ) neighbourhood, ‖w_T − w*‖ ≤ (1 − ημ/2)^T‖w_0 − w*‖ + 2Lcρ/μ. *)
Theorem local_iterates (w eps : nat -> W n) :
  (forall t, w (S t) = sam_step n eta G (w t) (eps t)) -> (forall t, norm n (eps t) <= rho) ->
  norm n (vsub (w 0%nat) wstar) <= R - rho ->
  forall T, norm n (vsub (w T) wstar) <= R - rho /\
            norm n (vsub (w T) wstar) <= (1 - eta * mu / 2) ^ T * norm n (vsub (w 0%nat) wstar) + 2 * Lc * rho / mu.
Proof.
  intros Hstep Heps Hw0.
  assert (Hin : forall T, norm n (vsub (w T) wstar) <= R - rho).
  { intros T. induction T as [|T IH]; [exact Hw0|]. rewrite Hstep. now apply local_ball_invariant. }
  intros T. split; [apply Hin|]. destruct local_eta_mu as [_ H2]. destruct Heta as [He0 _].
  apply (linear_recursion_bound (fun t => norm n (vsub (w t) wstar)) _ (eta * Lc * rho)).
  - split; nra.
  - apply Rle_mult_inv_pos; [nra | lra].
  - right. field. lra.
  - intros t. rewrite Hstep. apply local_step_ball; [apply Hin | apply Heps].
Qed.

(** The ZSharp iteration, any mask rule, any δ ≥ 0. *)
Corollary zsharp_local_ball delta (mask : W n -> W n) (w0 : W n) :
  0 <= delta -> norm n (vsub w0 wstar) <= R - rho ->
  forall T, norm n (vsub (zsharp_iter n eta rho delta G mask w0 T) wstar) <= R - rho /\
            norm n (vsub (zsharp_iter n eta rho delta G mask w0 T) wstar)
            <= (1 - eta * mu / 2) ^ T * norm n (vsub w0 wstar) + 2 * Lc * rho / mu.
Proof.
  intros Hd Hw0.
  apply (local_iterates (zsharp_iter n eta rho delta G mask w0)
           (fun t => zsharp_eps n rho delta (G (zsharp_iter n eta rho delta G mask w0 t))
                       (mask (G (zsharp_iter n eta rho delta G mask w0 t))))).
  - intros t. reflexivity.
  - intros t. now apply zsharp_eps_norm_le.
  - exact Hw0.
Qed.

End Local.
