(** * LeanSharp.Theory.Dynamics.ZSharpBall — ZSharp converges geometrically to an O(ρ) ball, at any δ ≥ 0

    Setting: a strongly convex objective ([Optim.Objective.strongly_convex_objective]): L
    μ-strongly convex with an Lc-Lipschitz gradient G (0 < μ ≤ Lc), a critical point w*
    (G w* = 0); a step 0 < η ≤ 1/Lc. A perturbed-gradient step is
        w⁺ = w − η G(w + ε),   ‖ε‖ ≤ ρ,
    which covers SAM and ZSharp with EVERY stabiliser δ ≥ 0 (ZSharp: δ = 1e-12) and every
    masking rule, since ‖ρ g_f/(‖g_f‖ + δ)‖ ≤ ρ ([Optim.SAM.zsharp_eps_norm_le]). No
    condition links ρ, δ and the curvature: the statements hold at ZSharp's constants.

    Main results
    - [perturbed_step_ball]: ‖w⁺ − w*‖ ≤ (1 − ημ/2)‖w − w*‖ + ηLcρ
      (one gradient step contracts by √(1 − ημ) ≤ 1 − ημ/2 by co-coercivity
      [Optim.Cocoercive.gd_step_contracts]; the perturbation moves the gradient by ≤ Lcρ)
    - [perturbed_iterates_ball]: for iterates with ‖ε_t‖ ≤ ρ,
          ‖w_T − w*‖ ≤ (1 − ημ/2)^T ‖w_0 − w*‖ + 2Lcρ/μ
    - [zsharp_iter_ball]: the ZSharp iteration ([Optim.ZSharpDirection.zsharp_iter]) with
      ANY mask rule w ↦ m(∇L(w)) and any δ ≥ 0 satisfies that bound;
      [zsharp_net_ball]: in particular with ZSharp's network-wide rule
      ([Filter.NetworkMask.zsharp_net_mask]: global quantile p = 70, per-layer sample-std
      z-scores with ε_std = 1e-8, per-layer top-k fallback) *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask NetworkMask.
From LeanSharp.Optim Require Import Smooth Objective SAM Cocoercive ZSharpDirection.
From LeanSharp.Theory.Alignment Require Import Alignment.
Open Scope R_scope.

Section Ball.

(** The model is one record ([Optim.Objective.strongly_convex_objective]): L, G, Lc, μ and
    w* below are its fields, and its facts are the section's local hypotheses. *)
Context {n : nat} (F : strongly_convex_objective n) (eta rho : R).
Hypotheses (Heta : 0 < eta <= / lip F) (Hrho : 0 <= rho).
Local Notation L := (loss F). Local Notation G := (grad F). Local Notation Lc := (lip F).
Local Notation mu := (curv F). Local Notation wstar := (minimiser F).
Let Hg := loss_gradient F. Let Hl := grad_lipschitz F. Let Hs := loss_strongly_convex F.
Let Hmu := curv_pos F. Let HmuL := curv_le_lip F. Let H0 := grad_minimiser F.

Lemma HLc : 0 < Lc.
Proof. exact (lip_pos F). Qed.

Lemma eta_mu_le_1 : eta * mu <= 1.
Proof. exact (curv_le_lip_inv F eta Heta). Qed.

(** The plain gradient step contracts the distance by 1 − ημ/2 ≥ √(1 − ημ). *)
Lemma gd_step_norm_contracts (w : W n) :
  norm n (vsub (vsub w (vscale eta (G w))) wstar) <= (1 - eta * mu / 2) * norm n (vsub w wstar).
Proof.
  pose proof (gd_step_contracts L G mu Lc Hg Hl HLc Hs (Rlt_le _ _ Hmu) w wstar eta H0 Heta) as H.
  pose proof eta_mu_le_1. pose proof (norm_nonneg n (vsub w wstar)).
  apply norm_le_of_norm2_le; [nra|].
  rewrite <- (norm_sqr n (vsub w wstar)) in H. assert (0 <= eta * mu) by (destruct Heta; nra).
  set (e := norm n (vsub w wstar)) in *. set (x := eta * mu) in *.
  assert (0 <= x * x * (e * e)) by (apply Rmult_le_pos; nra). nra.
Qed.

(** One perturbed step: ‖w − ηG(w + ε) − w*‖ ≤ (1 − ημ/2)‖w − w*‖ + ηLcρ. *)
Theorem perturbed_step_ball (w eps : W n) :
  norm n eps <= rho ->
  norm n (vsub (sam_step n eta G w eps) wstar) <= (1 - eta * mu / 2) * norm n (vsub w wstar) + eta * Lc * rho.
Proof.
  intros He. set (a := vsub (vsub w (vscale eta (G w))) wstar).
  set (b := vsub (G (vadd w eps)) (G w)).
  rewrite (norm_ext n _ (vadd a (vscale (- eta) b)))
    by (intros; unfold a, b, sam_step, vadd, vsub, vscale; ring).
  eapply Rle_trans; [apply norm_triangle|]. rewrite norm_scale, Rabs_Ropp, Rabs_pos_eq by lra.
  pose proof (gd_step_norm_contracts w). fold a in H.
  assert (norm n b <= Lc * rho).
  { unfold b. eapply Rle_trans; [apply Hl|].
    rewrite (norm_ext n _ eps) by (intros; unfold vsub, vadd; ring). apply Rmult_le_compat_l; lra. }
  assert (eta * norm n b <= eta * (Lc * rho)) by (apply Rmult_le_compat_l; lra). lra.
Qed.

(** Iterates w_{t+1} = w_t − ηG(w_t + ε_t), ‖ε_t‖ ≤ ρ:
    ‖w_T − w*‖ ≤ (1 − ημ/2)^T ‖w_0 − w*‖ + 2Lcρ/μ. *)
Theorem perturbed_iterates_ball (w eps : nat -> W n) :
  (forall t, w (S t) = sam_step n eta G (w t) (eps t)) -> (forall t, norm n (eps t) <= rho) ->
  forall T, norm n (vsub (w T) wstar)
            <= (1 - eta * mu / 2) ^ T * norm n (vsub (w 0%nat) wstar) + 2 * Lc * rho / mu.
Proof.
  intros Hstep Heps. pose proof eta_mu_le_1. destruct Heta as [He0 _].
  apply (linear_recursion_bound (fun t => norm n (vsub (w t) wstar)) _ (eta * Lc * rho)).
  - split; nra.
  - apply Rmult_le_pos; [nra | left; apply Rinv_0_lt_compat; lra].
  - right. field. lra.
  - intros t. rewrite Hstep. now apply perturbed_step_ball.
Qed.

(** The ZSharp iteration with any mask rule and any δ ≥ 0. *)
Theorem zsharp_iter_ball delta (mask : W n -> W n) (w0 : W n) T :
  0 <= delta ->
  norm n (vsub (zsharp_iter n eta rho delta G mask w0 T) wstar)
    <= (1 - eta * mu / 2) ^ T * norm n (vsub w0 wstar) + 2 * Lc * rho / mu.
Proof.
  intros Hd.
  apply (perturbed_iterates_ball (zsharp_iter n eta rho delta G mask w0)
           (fun t => zsharp_eps n rho delta (G (zsharp_iter n eta rho delta G mask w0 t))
                       (mask (G (zsharp_iter n eta rho delta G mask w0 t))))).
  - intros t. reflexivity.
  - intros t. now apply zsharp_eps_norm_le.
Qed.

End Ball.

(** ZSharp's network-wide rule (layers [sizes], N = Σ n_l, p = 70, ε_std = 1e-8) at any
    δ ≥ 0, in particular δ = 1e-12: ‖w_T − w*‖ ≤ (1 − ημ/2)^T ‖w_0 − w*‖ + 2Lcρ/μ. *)
Corollary zsharp_net_ball sizes (F : strongly_convex_objective (net_size sizes)) eta rho delta
  (w0 : W (net_size sizes)) T :
  0 < eta <= / lip F -> 0 <= rho -> 0 <= delta ->
  norm (net_size sizes) (vsub (zsharp_iter (net_size sizes) eta rho delta (grad F) (zsharp_net_mask sizes) w0 T)
                              (minimiser F))
    <= (1 - eta * curv F / 2) ^ T * norm (net_size sizes) (vsub w0 (minimiser F)) + 2 * lip F * rho / curv F.
Proof. intros Heta Hr Hd. now apply (zsharp_iter_ball F). Qed.
