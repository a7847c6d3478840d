(** * LeanSharp.Theory.Dynamics.UpdateStability — stability of the ZSharp update (SPEC §2.7)

    The perturbation map φ(g) = ρ g/(‖g‖ + δ) is Lipschitz away from g = 0 with a constant
    that depends on the size of the gradient, NOT on 1/δ: for a, b with ‖a‖ + δ > 0,
        ‖φ(a) − φ(b)‖ ≤ 2ρ‖a − b‖/(‖a‖ + δ)
    (write φ(a) − φ(b) = ρ[(‖b‖ + δ)(a − b) + (‖b‖ − ‖a‖)b]/((‖a‖ + δ)(‖b‖ + δ))). So the
    bounds below hold at ZSharp's δ = 1e-12 with a moderate constant wherever the filtered
    gradient is not tiny. The filter itself is discontinuous ([Filter.FilterDiscontinuity]),
    so a Lipschitz bound can only hold where the two masks agree; where they do not, the
    perturbations still differ by at most 2ρ.

    Main results (G Lc-Lipschitz, Lc ≥ 0, η ≥ 0, ρ ≥ 0, δ ≥ 0)
    - [sam_eps_lipschitz]: ‖φ(a) − φ(b)‖ ≤ 2ρ‖a − b‖/(‖a‖ + δ) when ‖a‖ + δ > 0
    - [zsharp_eps_same_mask]: one 0/1 mask m: ‖ε(g, m) − ε(h, m)‖ ≤ 2ρ‖g − h‖/(‖g ⊙ m‖ + δ)
    - [zsharp_step_stable]: masks agreeing on [0, n) at w and v, ‖G(w) ⊙ m‖ + δ > 0:
          ‖w⁺ − v⁺‖ ≤ (1 + ηLc(1 + 2ρLc/(‖G(w) ⊙ m‖ + δ)))‖w − v‖
    - [zsharp_step_stable_any_masks]: ANY two masks: ‖w⁺ − v⁺‖ ≤ (1 + ηLc)‖w − v‖ + 2ηLcρ
    - [perturbed_ball_invariant]: L μ-strongly convex, 0 < μ ≤ Lc, 0 < η ≤ 1/Lc, G w* = 0,
      R ≥ 2Lcρ/μ: ‖w − w*‖ ≤ R and ‖ε‖ ≤ ρ ⇒ ‖w − ηG(w + ε) − w*‖ ≤ R
    - [zsharp_iter_stays_in_ball]: the ZSharp iterates (any mask rule, δ ≥ 0) stay in the
      ball ‖w_T − w*‖ ≤ max(‖w_0 − w*‖, 2Lcρ/μ), hence ‖w_T − w_0‖ ≤ ‖w_0 − w*‖ +
      max(‖w_0 − w*‖, 2Lcρ/μ) around the reference point w_0 *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth Objective SAM ZSharpDirection.
From LeanSharp.Theory.Dynamics Require Import ZSharpBall.
Open Scope R_scope.

Lemma norm_reverse_triangle n (a b : W n) : Rabs (norm n a - norm n b) <= norm n (vsub a b).
Proof.
  pose proof (norm_triangle n (vsub a b) b) as H1. pose proof (norm_triangle n (vsub b a) a) as H2.
  rewrite (norm_ext n (vadd (vsub a b) b) a) in H1 by (intros; unfold vadd, vsub; ring).
  rewrite (norm_ext n (vadd (vsub b a) a) b) in H2 by (intros; unfold vadd, vsub; ring).
  rewrite (norm_ext n (vsub b a) (vscale (-1) (vsub a b))) in H2 by (intros; unfold vscale, vsub; ring).
  rewrite norm_scale in H2. replace (Rabs (-1)) with 1 in H2 by (unfold Rabs; destruct (Rcase_abs (-1)); lra).
  unfold Rabs. destruct (Rcase_abs _); lra.
Qed.

(** ‖ρa/(‖a‖ + δ) − ρb/(‖b‖ + δ)‖ ≤ 2ρ‖a − b‖/(‖a‖ + δ). *)
Theorem sam_eps_lipschitz n rho delta (a b : W n) :
  0 <= rho -> 0 <= delta -> 0 < norm n a + delta ->
  norm n (vsub (sam_eps n rho delta a) (sam_eps n rho delta b)) <= 2 * rho / (norm n a + delta) * norm n (vsub a b).
Proof.
  intros Hr Hd Ha. set (A := norm n a) in *. set (B := norm n b). set (d := norm n (vsub a b)).
  pose proof (norm_nonneg n b) as HB. fold B in HB. pose proof (norm_nonneg n (vsub a b)) as Hd0. fold d in Hd0.
  pose proof (norm_nonneg n a) as HA. fold A in HA.
  pose proof (norm_reverse_triangle n a b) as Hrev. fold A B d in Hrev.
  assert (HAB : Rabs (B - A) <= d) by (rewrite Rabs_minus_sym; exact Hrev).
  destruct (Req_dec (B + delta) 0) as [H0|H0].
  - (* b = 0 and δ = 0: φ(b) = 0 *)
    assert (HB0 : B = 0) by lra.
    rewrite (norm_ext n _ (sam_eps n rho delta a)) by (intros i _; unfold vsub, sam_eps, vscale; fold B; rewrite H0; unfold Rdiv; rewrite Rinv_0; ring).
    unfold sam_eps. fold A. rewrite norm_scale, Rabs_pos_eq by (apply Rle_mult_inv_pos; lra).
    assert (A <= d) by (rewrite HB0 in HAB; unfold Rabs in HAB; destruct (Rcase_abs _); lra).
    unfold Rdiv. assert (Hk : 0 <= rho * / (A + delta)) by (apply Rle_mult_inv_pos; lra).
    replace (2 * rho * / (A + delta)) with (2 * (rho * / (A + delta))) by ring.
    set (k := rho * / (A + delta)) in *. fold A. nra.
  - assert (HBd : 0 < B + delta) by lra.
    rewrite (norm_ext n _ (vscale (rho / ((A + delta) * (B + delta)))
                              (vadd (vscale (B + delta) (vsub a b)) (vscale (B - A) b))))
      by (intros i _; unfold sam_eps, vsub, vadd, vscale; fold A B; field; lra).
    rewrite norm_scale, Rabs_pos_eq by (apply Rle_mult_inv_pos; nra).
    pose proof (norm_triangle n (vscale (B + delta) (vsub a b)) (vscale (B - A) b)) as Ht.
    rewrite !norm_scale, (Rabs_pos_eq (B + delta)) in Ht by lra. fold B d in Ht.
    assert (Hs : norm n (vadd (vscale (B + delta) (vsub a b)) (vscale (B - A) b)) <= (2 * B + delta) * d).
    { assert (Rabs (B - A) * B <= d * B) by (apply Rmult_le_compat_r; lra). nra. }
    apply Rle_trans with (rho / ((A + delta) * (B + delta)) * ((2 * B + delta) * d)).
    + apply Rmult_le_compat_l; [apply Rle_mult_inv_pos; nra | exact Hs].
    + replace (rho / ((A + delta) * (B + delta)) * ((2 * B + delta) * d))
        with (rho / (A + delta) * d * ((2 * B + delta) / (B + delta))) by (field; lra).
      replace (2 * rho / (A + delta) * d) with (rho / (A + delta) * d * 2) by (field; lra).
      apply Rmult_le_compat_l; [apply Rmult_le_pos; [apply Rle_mult_inv_pos|]; lra|].
      apply (Rmult_le_reg_r (B + delta)); [lra|]. unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra. lra.
Qed.

(** The same mask at both gradients. *)
Corollary zsharp_eps_same_mask n rho delta (g h m : W n) :
  is_mask n m -> 0 <= rho -> 0 <= delta -> 0 < norm n (hadamard g m) + delta ->
  norm n (vsub (zsharp_eps n rho delta g m) (zsharp_eps n rho delta h m))
  <= 2 * rho / (norm n (hadamard g m) + delta) * norm n (vsub g h).
Proof.
  intros Hm Hr Hd Hp. unfold zsharp_eps. eapply Rle_trans; [apply sam_eps_lipschitz; assumption|].
  apply Rmult_le_compat_l; [apply Rle_mult_inv_pos; lra|].
  rewrite (norm_ext n _ (hadamard (vsub g h) m)) by (intros; unfold hadamard, vsub; ring).
  now apply norm_filtered_le.
Qed.

Section Step.

Context {n : nat} (G : W n -> W n) (Lc eta rho delta : R).
Hypotheses (Hl : lipschitz_grad n G Lc) (HLc : 0 <= Lc) (Heta : 0 <= eta) (Hrho : 0 <= rho) (Hd : 0 <= delta).

(** A Lipschitz field only reads its argument on [0, n). *)
Lemma lipschitz_ext u v : (forall i, (i < n)%nat -> u i = v i) -> forall i, (i < n)%nat -> G u i = G v i.
Proof.
  intros H i Hi. assert (Hn : norm n (vsub (G u) (G v)) <= 0).
  { eapply Rle_trans; [apply Hl|]. rewrite (norm_ext n _ vzero) by (intros j Hj; unfold vsub, vzero; rewrite H by exact Hj; ring).
    unfold norm, norm2, inner, vzero. rewrite (vsum_ext n _ (fun _ => 0)) by (intros; ring).
    rewrite vsum_const, Rmult_0_r, sqrt_0. lra. }
  pose proof (norm_nonneg n (vsub (G u) (G v))).
  pose proof (norm2_eq_0 n _ (norm2_of_norm_0 n (vsub (G u) (G v)) ltac:(lra)) i Hi) as Hz. unfold vsub in Hz. lra.
Qed.

(** Two masks that agree on [0, n) give the same step there. *)
Lemma zsharp_step_mask_ext m m' w :
  (forall i, (i < n)%nat -> m i = m' i) ->
  forall i, (i < n)%nat -> zsharp_step n eta rho delta G m w i = zsharp_step n eta rho delta G m' w i.
Proof.
  intros H i Hi. unfold zsharp_step, sam_step, vsub, vscale. f_equal. f_equal. apply lipschitz_ext; [|exact Hi].
  intros j Hj. unfold vadd, zsharp_eps, sam_eps, vscale, hadamard.
  rewrite (norm_ext n (fun k => G w k * m k) (fun k => G w k * m' k)) by (intros k Hk; now rewrite H).
  now rewrite H.
Qed.

Lemma step_diff_bound m m' w v :
  norm n (vsub (zsharp_step n eta rho delta G m w) (zsharp_step n eta rho delta G m' v))
  <= norm n (vsub w v) + eta * Lc * (norm n (vsub w v)
       + norm n (vsub (zsharp_eps n rho delta (G w) m) (zsharp_eps n rho delta (G v) m'))).
Proof.
  set (ew := zsharp_eps n rho delta (G w) m). set (ev := zsharp_eps n rho delta (G v) m').
  rewrite (norm_ext n _ (vadd (vsub w v) (vscale (- eta) (vsub (G (vadd w ew)) (G (vadd v ev))))))
    by (intros; unfold zsharp_step, sam_step, vadd, vsub, vscale; fold ew ev; ring).
  eapply Rle_trans; [apply norm_triangle|]. rewrite norm_scale, Rabs_Ropp, Rabs_pos_eq by exact Heta.
  apply Rplus_le_compat_l. rewrite Rmult_assoc. apply Rmult_le_compat_l; [exact Heta|].
  eapply Rle_trans; [apply Hl|]. apply Rmult_le_compat_l; [exact HLc|].
  rewrite (norm_ext n _ (vadd (vsub w v) (vsub ew ev))) by (intros; unfold vadd, vsub; ring).
  apply norm_triangle.
Qed.

(** Where the masks agree: ‖w⁺ − v⁺‖ ≤ (1 + ηLc(1 + 2ρLc/(‖G(w) ⊙ m‖ + δ)))‖w − v‖. *)
Theorem zsharp_step_stable m m' w v :
  is_mask n m -> (forall i, (i < n)%nat -> m i = m' i) -> 0 < norm n (hadamard (G w) m) + delta ->
  norm n (vsub (zsharp_step n eta rho delta G m w) (zsharp_step n eta rho delta G m' v))
  <= (1 + eta * Lc * (1 + 2 * rho * Lc / (norm n (hadamard (G w) m) + delta))) * norm n (vsub w v).
Proof.
  intros Hm Hmm Hp.
  rewrite (norm_ext n _ (vsub (zsharp_step n eta rho delta G m w) (zsharp_step n eta rho delta G m v)))
    by (intros i Hi; unfold vsub; now rewrite (zsharp_step_mask_ext m m' v Hmm i Hi)).
  eapply Rle_trans; [apply step_diff_bound|].
  pose proof (zsharp_eps_same_mask n rho delta (G w) (G v) m Hm Hrho Hd Hp) as He.
  pose proof (Hl w v) as Hg. set (k := 2 * rho / (norm n (hadamard (G w) m) + delta)) in He.
  assert (Hk : 0 <= k) by (apply Rle_mult_inv_pos; lra).
  assert (norm n (vsub (zsharp_eps n rho delta (G w) m) (zsharp_eps n rho delta (G v) m)) <= k * (Lc * norm n (vsub w v)))
    by (eapply Rle_trans; [exact He | apply Rmult_le_compat_l; assumption]).
  replace (2 * rho * Lc / (norm n (hadamard (G w) m) + delta)) with (k * Lc) by (unfold k; field; lra).
  assert (0 <= eta * Lc) by nra. pose proof (norm_nonneg n (vsub w v)). nra.
Qed.

(** Any two masks: ‖w⁺ − v⁺‖ ≤ (1 + ηLc)‖w − v‖ + 2ηLcρ. *)
Theorem zsharp_step_stable_any_masks m m' w v :
  norm n (vsub (zsharp_step n eta rho delta G m w) (zsharp_step n eta rho delta G m' v))
  <= (1 + eta * Lc) * norm n (vsub w v) + 2 * eta * Lc * rho.
Proof.
  eapply Rle_trans; [apply step_diff_bound|].
  assert (He : norm n (vsub (zsharp_eps n rho delta (G w) m) (zsharp_eps n rho delta (G v) m')) <= 2 * rho).
  { rewrite (norm_ext n _ (vadd (zsharp_eps n rho delta (G w) m) (vscale (-1) (zsharp_eps n rho delta (G v) m'))))
      by (intros; unfold vadd, vsub, vscale; ring).
    eapply Rle_trans; [apply norm_triangle|]. rewrite norm_scale.
    replace (Rabs (-1)) with 1 by (unfold Rabs; destruct (Rcase_abs (-1)); lra).
    pose proof (zsharp_eps_norm_le rho delta (G w) m Hrho Hd).
    pose proof (zsharp_eps_norm_le rho delta (G v) m' Hrho Hd). lra. }
  assert (0 <= eta * Lc) by nra. nra.
Qed.

End Step.

(** ** Staying in a ball *)

Section Ball.

Context {n : nat} (F : strongly_convex_objective n) (eta rho : R).
Hypotheses (Heta : 0 < eta <= / lip F) (Hrho : 0 <= rho).
Local Notation G := (grad F). Local Notation Lc := (lip F).
Local Notation mu := (curv F). Local Notation wstar := (minimiser F).
Let Hmu := curv_pos F.

(** Every ball B(w*, R) with R ≥ 2Lcρ/μ is invariant under a perturbed step, ‖ε‖ ≤ ρ. *)
Theorem perturbed_ball_invariant R w eps :
  2 * Lc * rho / mu <= R -> norm n (vsub w wstar) <= R -> norm n eps <= rho ->
  norm n (vsub (sam_step n eta G w eps) wstar) <= R.
Proof.
  intros HR Hw He. pose proof (perturbed_step_ball F eta rho Heta w eps He).
  pose proof (curv_le_lip_inv F eta Heta). destruct Heta as [He0 _].
  assert (Hc : 0 <= 1 - eta * mu / 2) by lra.
  assert ((1 - eta * mu / 2) * norm n (vsub w wstar) <= (1 - eta * mu / 2) * R) by (apply Rmult_le_compat_l; lra).
  assert (Lc * rho <= mu * R / 2).
  { apply (Rmult_le_compat_r (mu / 2)) in HR; [|lra].
    replace (2 * Lc * rho / mu * (mu / 2)) with (Lc * rho) in HR by (field; lra). lra. }
  assert (eta * (Lc * rho) <= eta * (mu * R / 2)) by (apply Rmult_le_compat_l; lra). nra.
Qed.

(** The ZSharp iterates stay in B(w*, max(‖w_0 − w*‖, 2Lcρ/μ)), hence near w_0. *)
Theorem zsharp_iter_stays_in_ball delta mask w0 T :
  0 <= delta ->
  norm n (vsub (zsharp_iter n eta rho delta G mask w0 T) wstar) <= Rmax (norm n (vsub w0 wstar)) (2 * Lc * rho / mu) /\
  norm n (vsub (zsharp_iter n eta rho delta G mask w0 T) w0)
    <= norm n (vsub w0 wstar) + Rmax (norm n (vsub w0 wstar)) (2 * Lc * rho / mu).
Proof.
  intros Hd. set (R := Rmax (norm n (vsub w0 wstar)) (2 * Lc * rho / mu)).
  assert (Hin : norm n (vsub (zsharp_iter n eta rho delta G mask w0 T) wstar) <= R).
  { induction T as [|T IH]; [apply Rmax_l|]. cbn [zsharp_iter]. unfold zsharp_step.
    apply perturbed_ball_invariant; [apply Rmax_r | exact IH | now apply zsharp_eps_norm_le]. }
  split; [exact Hin|].
  rewrite (norm_ext n _ (vadd (vsub (zsharp_iter n eta rho delta G mask w0 T) wstar) (vscale (-1) (vsub w0 wstar))))
    by (intros; unfold vadd, vsub, vscale; ring).
  eapply Rle_trans; [apply norm_triangle|]. rewrite norm_scale.
  replace (Rabs (-1)) with 1 by (unfold Rabs; destruct (Rcase_abs (-1)); lra). lra.
Qed.

End Ball.
