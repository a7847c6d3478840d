(** * LeanSharp.Theory.Dynamics.NonConvexRate — the O(1/√T) rate of SAM / ZSharp on non-convex losses

    Setting: a smooth objective ([Optim.Objective.smooth_objective]: L with gradient G,
    [lipschitz_grad n G Lc], Lc > 0), bounded below
    by Linf; iterates w_{t+1} = w_t − η ∇L(w_t + ε_t) with any perturbations ‖ε_t‖ ≤ ρ —
    this covers SAM (ε = ρ g/(‖g‖+δ)) and ZSharp (ε = ρ g⊙m/(‖g⊙m‖+δ), any masks).

    Main results
    - [sam_one_step]: 0 < η ≤ 1/Lc, ‖ε‖ ≤ ρ ⇒
        L(w − η∇L(w + ε)) ≤ L(w) − (η/2)‖∇L(w)‖² + (η/2)Lc²ρ²
    - [sam_sum_bound]: Σ_{t<T} ‖∇L(w_t)‖² ≤ 2(L(w_0) − L(w_T))/η + T Lc²ρ²
    - [sam_nonconvex_avg]: (1/T) Σ_{t<T} ‖∇L(w_t)‖² ≤ 2(L(w_0) − Linf)/(ηT) + Lc²ρ²
    - [sam_nonconvex_min]: ∃ t < T, ‖∇L(w_t)‖² ≤ 2(L(w_0) − Linf)/(ηT) + Lc²ρ²
    - [sam_nonconvex_rate]: with η = 1/(Lc√T): ∃ t < T,
        ‖∇L(w_t)‖² ≤ 2Lc(L(w_0) − Linf)/√T + Lc²ρ²        (the O(1/√T) rate)
    - [sam_nonconvex_rate_spec]: the same with SPEC's (weaker) penalty 2Lc²ρ²
    - [gd_nonconvex_rate]: ρ = 0, plain gradient descent: ≤ 2Lc(L(w_0) − Linf)/√T
    - [sam_traj], [sam_traj_rate], [zsharp_traj_rate]: the rate for the actual SAM and
      ZSharp trajectories (any δ ≥ 0, any masking rule w ↦ m(w)) *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth Objective SAM.
Open Scope R_scope.

(** ** One step *)

(** The model is one record, a smooth objective ([Optim.Objective.smooth_objective]): L, G
    and Lc below are its fields, and every result takes it first. *)
Section NonConvex.
Context {n : nat} (F : smooth_objective n).
Local Notation L := (loss F). Local Notation G := (grad F). Local Notation Lc := (lip F).
Let Hg := loss_gradient F. Let Hl := grad_lipschitz F. Let HLc := lip_pos F.

(** One perturbed-gradient step, with d = g + e, e = ∇L(w+ε) − ∇L(w), ‖e‖ ≤ Lc ρ:
    −η⟨g, d⟩ + (η/2)‖d‖² = (η/2)(‖e‖² − ‖g‖²). *)
Theorem sam_one_step eta rho (w eps : W n) :
  0 < eta <= 1 / Lc -> norm n eps <= rho ->
  L (sam_step n eta G w eps)
    <= L w - eta / 2 * norm2 n (G w) + eta / 2 * (Lc ^ 2 * rho ^ 2).
Proof.
  intros [He0 He1] Hr. unfold sam_step.
  set (g := G w). set (d := G (vadd w eps)).
  pose proof (descent_lemma_step Hg Hl eta w d) as H.
  fold g in H.
  assert (HLe : Lc * eta <= 1).
  { apply (Rmult_le_compat_l Lc) in He1; [|lra]. field_simplify in He1; lra. }
  (* the error e = d − g *)
  assert (Hen : norm n (vsub d g) <= Lc * rho).
  { pose proof (Hl (vadd w eps) w) as Hlip. fold d g in Hlip.
    rewrite (norm_ext n (vsub (vadd w eps) w) eps) in Hlip
      by (intros; unfold vsub, vadd; ring).
    apply (Rmult_le_compat_l Lc) in Hr; lra. }
  assert (He2 : norm2 n (vsub d g) <= Lc ^ 2 * rho ^ 2).
  { rewrite <- norm_sqr. pose proof (norm_nonneg n (vsub d g)).
    replace (Lc ^ 2 * rho ^ 2) with ((Lc * rho) * (Lc * rho)) by ring.
    apply Rmult_le_compat; lra. }
  pose proof (norm2_sub n d g) as Hsub. rewrite inner_sym in Hsub. fold g in Hsub.
  pose proof (norm2_nonneg n d) as Hd.
  assert (Lc * eta ^ 2 / 2 * norm2 n d <= eta / 2 * norm2 n d).
  { apply Rmult_le_compat_r; [exact Hd|]. nra. }
  nra.
Qed.

(** ** Summing over T steps *)

Section Trajectory.
Variables (eta rho Linf : R) (w eps : nat -> W n).
Hypotheses (Heta : 0 < eta <= 1 / Lc) (Heps : forall t, norm n (eps t) <= rho)
  (Hstep : forall t, w (S t) = sam_step n eta G (w t) (eps t)).

Lemma sam_sum_bound T :
  vsum T (fun t => norm2 n (G (w t)))
    <= 2 * (L (w O) - L (w T)) / eta + INR T * (Lc ^ 2 * rho ^ 2).
Proof.
  induction T as [|T IH]; simpl vsum.
  - simpl. unfold Rdiv. lra.
  - pose proof (sam_one_step eta rho (w T) (eps T) Heta (Heps T)) as H1.
    rewrite <- Hstep in H1. rewrite S_INR.
    assert (norm2 n (G (w T))
            <= 2 * (L (w T) - L (w (S T))) / eta + Lc ^ 2 * rho ^ 2).
    { apply (Rmult_le_reg_l (eta / 2)); [lra|]. field_simplify; [|lra]. lra. }
    assert (2 * (L (w O) - L (w T)) / eta + 2 * (L (w T) - L (w (S T))) / eta
            = 2 * (L (w O) - L (w (S T))) / eta) by (field; lra).
    lra.
Qed.

Hypothesis Hinf : forall v, Linf <= L v.

(** Average form: (1/T) Σ_{t<T} ‖∇L(w_t)‖² ≤ 2(L(w_0) − Linf)/(ηT) + Lc²ρ². *)
Theorem sam_nonconvex_avg T : (0 < T)%nat ->
  vsum T (fun t => norm2 n (G (w t))) / INR T
    <= 2 * (L (w O) - Linf) / (eta * INR T) + Lc ^ 2 * rho ^ 2.
Proof.
  intros HT. pose proof (lt_0_INR T HT) as HT'.
  pose proof (sam_sum_bound T) as H. pose proof (Hinf (w T)).
  assert (2 * (L (w O) - L (w T)) / eta <= 2 * (L (w O) - Linf) / eta).
  { unfold Rdiv. apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat; lra | lra]. }
  apply (Rmult_le_reg_l (INR T)); [exact HT'|].
  replace (INR T * (vsum T (fun t => norm2 n (G (w t))) / INR T))
    with (vsum T (fun t => norm2 n (G (w t)))) by (field; lra).
  replace (INR T * (2 * (L (w O) - Linf) / (eta * INR T) + Lc ^ 2 * rho ^ 2))
    with (2 * (L (w O) - Linf) / eta + INR T * (Lc ^ 2 * rho ^ 2)) by (field; lra).
  lra.
Qed.

(** Min form: some iterate t < T has ‖∇L(w_t)‖² ≤ 2(L(w_0) − Linf)/(ηT) + Lc²ρ². *)
Theorem sam_nonconvex_min T : (0 < T)%nat ->
  exists t, (t < T)%nat /\
    norm2 n (G (w t)) <= 2 * (L (w O) - Linf) / (eta * INR T) + Lc ^ 2 * rho ^ 2.
Proof.
  intros HT. apply vsum_le_const_exists; [exact HT|].
  pose proof (sam_nonconvex_avg T HT) as H. pose proof (lt_0_INR T HT).
  apply (Rmult_le_compat_l (INR T)) in H; [|lra].
  replace (INR T * (vsum T (fun t => norm2 n (G (w t))) / INR T))
    with (vsum T (fun t => norm2 n (G (w t)))) in H by (field; lra). exact H.
Qed.

End Trajectory.

(** The O(1/√T) rate: with η = 1/(Lc√T), some t < T has
    ‖∇L(w_t)‖² ≤ 2Lc(L(w_0) − Linf)/√T + Lc²ρ². *)
Theorem sam_nonconvex_rate rho Linf (w eps : nat -> W n) T :
  (0 < T)%nat -> (forall t, norm n (eps t) <= rho) ->
  (forall t, w (S t) = sam_step n (1 / (Lc * sqrt (INR T))) G (w t) (eps t)) ->
  (forall v, Linf <= L v) ->
  exists t, (t < T)%nat /\
    norm2 n (G (w t)) <= 2 * Lc * (L (w O) - Linf) / sqrt (INR T) + Lc ^ 2 * rho ^ 2.
Proof.
  intros HT Heps Hstep Hinf.
  pose proof (lt_0_INR T HT) as HT'.
  assert (Hs1 : 1 <= sqrt (INR T)).
  { rewrite <- sqrt_1. apply sqrt_le_1_alt. apply (le_INR 1). lia. }
  assert (Heta : 0 < 1 / (Lc * sqrt (INR T)) <= 1 / Lc).
  { split; [apply Rdiv_lt_0_compat; nra|].
    apply Rmult_le_compat_l; [lra|]. apply Rinv_le_contravar; nra. }
  destruct (sam_nonconvex_min _ rho Linf w eps Heta Heps Hstep Hinf T HT) as [t [Ht Hb]].
  exists t. split; [exact Ht|].
  replace (2 * Lc * (L (w O) - Linf) / sqrt (INR T))
    with (2 * (L (w O) - Linf) / (1 / (Lc * sqrt (INR T)) * INR T)); [exact Hb|].
  pose proof (sqrt_sqrt (INR T) (Rlt_le _ _ HT')) as Hss.
  set (s := sqrt (INR T)) in *. rewrite <- Hss. field. lra.
Qed.

(** SPEC §2.2's form, with the explicit (weaker) penalty 2Lc²ρ². *)
Corollary sam_nonconvex_rate_spec rho Linf (w eps : nat -> W n) T :
  (0 < T)%nat -> (forall t, norm n (eps t) <= rho) ->
  (forall t, w (S t) = sam_step n (1 / (Lc * sqrt (INR T))) G (w t) (eps t)) ->
  (forall v, Linf <= L v) ->
  exists t, (t < T)%nat /\
    norm2 n (G (w t)) <= 2 * Lc * (L (w O) - Linf) / sqrt (INR T) + 2 * Lc ^ 2 * rho ^ 2.
Proof.
  intros HT Heps Hstep Hinf.
  destruct (sam_nonconvex_rate rho Linf w eps T HT Heps Hstep Hinf) as [t [Ht Hb]].
  exists t. split; [exact Ht|]. pose proof (pow2_ge_0 (Lc * rho)). nra.
Qed.

(** ρ = 0: plain gradient descent w_{t+1} = w_t − η∇L(w_t) with η = 1/(Lc√T) has
    min_{t<T} ‖∇L(w_t)‖² ≤ 2Lc(L(w_0) − Linf)/√T. *)
Corollary gd_nonconvex_rate Linf (w : nat -> W n) T :
  (0 < T)%nat ->
  (forall t, w (S t) = vsub (w t) (vscale (1 / (Lc * sqrt (INR T))) (G (w t)))) ->
  (forall v, Linf <= L v) ->
  exists t, (t < T)%nat /\ norm2 n (G (w t)) <= 2 * Lc * (L (w O) - Linf) / sqrt (INR T).
Proof.
  intros HT Hstep Hinf.
  destruct (sam_nonconvex_rate 0 Linf w (fun _ => vzero) T HT)
    as [t [Ht Hb]]; [| |exact Hinf|exists t; split; [exact Ht|lra]].
  - intros _. unfold norm, norm2, inner, vzero.
    rewrite (vsum_ext n _ (fun _ => 0)) by (intros; ring).
    rewrite vsum_const, Rmult_0_r, sqrt_0. lra.
  - intros t. rewrite Hstep. unfold sam_step. f_equal. f_equal. f_equal.
    apply functional_extensionality. intros i. unfold vadd, vzero. ring.
Qed.

End NonConvex.

(** ** The actual SAM and ZSharp trajectories *)

(** w_0 given, w_{t+1} = w_t − η ∇L(w_t + E(w_t)) for a perturbation rule E. *)
Fixpoint sam_traj (n : nat) (eta : R) (G : W n -> W n) (E : W n -> W n) (w0 : W n)
    (t : nat) : W n :=
  match t with
  | O => w0
  | S t' => let w := sam_traj n eta G E w0 t' in sam_step n eta G w (E w)
  end.

(** SAM (ε = ρ∇L(w)/(‖∇L(w)‖ + δ)) with η = 1/(Lc√T): the O(1/√T) rate. *)
Theorem sam_traj_rate {n} (F : smooth_objective n) rho delta Linf (w0 : W n) T :
  (0 < T)%nat -> 0 <= rho -> 0 <= delta -> (forall v, Linf <= loss F v) ->
  let w := sam_traj n (1 / (lip F * sqrt (INR T))) (grad F) (fun v => sam_eps n rho delta (grad F v)) w0 in
  exists t, (t < T)%nat /\
    norm2 n (grad F (w t)) <= 2 * lip F * (loss F w0 - Linf) / sqrt (INR T) + lip F ^ 2 * rho ^ 2.
Proof.
  intros HT Hr Hd Hinf w.
  apply (sam_nonconvex_rate F rho Linf w (fun t => sam_eps n rho delta (grad F (w t))));
    try assumption.
  - intros t. now apply sam_eps_norm_le.
  - intros t. reflexivity.
Qed.

(** ZSharp (ε = ρ g⊙m/(‖g⊙m‖ + δ), g = ∇L(w), masks m = M(w) from any rule M) with
    η = 1/(Lc√T): the same O(1/√T) rate. *)
Theorem zsharp_traj_rate {n} (F : smooth_objective n) rho delta Linf (M : W n -> W n) (w0 : W n) T :
  (0 < T)%nat -> 0 <= rho -> 0 <= delta -> (forall v, Linf <= loss F v) ->
  let w := sam_traj n (1 / (lip F * sqrt (INR T))) (grad F)
             (fun v => zsharp_eps n rho delta (grad F v) (M v)) w0 in
  exists t, (t < T)%nat /\
    norm2 n (grad F (w t)) <= 2 * lip F * (loss F w0 - Linf) / sqrt (INR T) + lip F ^ 2 * rho ^ 2.
Proof.
  intros HT Hr Hd Hinf w.
  apply (sam_nonconvex_rate F rho Linf w
           (fun t => zsharp_eps n rho delta (grad F (w t)) (M (w t)))); try assumption.
  - intros t. now apply zsharp_eps_norm_le.
  - intros t. reflexivity.
Qed.
