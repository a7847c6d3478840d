(** * LeanSharp.Upstream.Core.SmoothDescent — upstream LeanSharp/Core/Taylor/SmoothDescent.lean

    Translates upstream's L-smooth descent lemma (on a segment and global), the SAM gradient
    error bound and the one-step descent of the deterministic SAM-filtered update. The
    translation of notions is the one of [Upstream/All.v]; file-specific choices:
    - upstream's [SmoothObjective] (L differentiable, ∇L M-Lipschitz, M ∈ ℝ≥0) is the pair
      of hypotheses [is_gradient n L G] and [lipschitz_grad n G M] on a loss L and a field
      G (the library's [Optim.Smooth] block) — no record, and no sign condition on M unless
      the proof needs M ≥ 0; a theorem that does not use [is_gradient] omits it. So every
      statement covers every library [smooth_objective] and also M = 0.
    - [smooth_descent_on_segment]: [ContinuousOn φ (Icc 0 1)] for φ(t) = L(w + tε) is
      ε–δ continuity of φ within [0, 1]; "L differentiable at w + tε, t ∈ [0, 1)" with the
      M-Lipschitz gradient G is: φ has derivative ⟨G(w + tε), ε⟩ at every t ∈ [0, 1)
      (Coquelicot [is_derive]). Upstream's hypotheses give these (its [gradient L] is such
      a G), so the statement here is at least as strong.
    - The SAM perturbation and the filtered gradient are [Upstream.Core.Objective]'s
      [samPerturbation] and [Upstream.Core.Filters]' [filteredGradient].

    Equal: gradient_samPerturbation_error_le, smooth_descent_on_segment, smooth_descent,
      sam_filtered_smooth_descent_step.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Upstream.Core Require Import Stats Filters Objective.
Open Scope R_scope.

(** [gradient_samPerturbation_error_le]: ‖∇L(w + ε(w)) − ∇L(w)‖ ≤ Mρ. *)
Theorem gradient_samPerturbation_error_le n (G : W n -> W n) (M : R) (w : W n) (rho : R) :
  lipschitz_grad n G M -> 0 <= M -> 0 <= rho ->
  norm n (vsub (G (vadd w (samPerturbation n G w rho))) (G w)) <= M * rho.
Proof.
  intros Hl HM Hr. eapply Rle_trans; [apply Hl|].
  rewrite (norm_ext n _ (samPerturbation n G w rho)) by (intros; unfold vsub, vadd; ring).
  apply Rmult_le_compat_l; [exact HM | now apply norm_samPerturbation_le].
Qed.

(** If φ is continuous within [0, 1] at 1, |q s − q 1| ≤ K|s − 1| and φ ≤ q on (0, 1),
    then φ(1) ≤ q(1). *)
Lemma le_at_1 (phi q : R -> R) K :
  0 <= K ->
  (forall eps, 0 < eps -> exists delta, 0 < delta /\ forall s, 0 <= s <= 1 ->
     Rabs (s - 1) < delta -> Rabs (phi s - phi 1) < eps) ->
  (forall s, 0 <= s <= 1 -> Rabs (q s - q 1) <= K * Rabs (s - 1)) ->
  (forall s, 0 < s < 1 -> phi s <= q s) -> phi 1 <= q 1.
Proof.
  intros HK Hc Hq Hle. destruct (Rle_lt_dec (phi 1) (q 1)) as [H|H]; [exact H|]. exfalso.
  set (e := phi 1 - q 1).
  destruct (Hc (e / 2)) as [delta [Hd Hs]]; [unfold e; lra|].
  set (h := Rmin (delta / 2) (Rmin (e / (2 * (K + 1))) (1 / 2))).
  assert (Hh0 : 0 < h).
  { unfold h. repeat apply Rmin_pos; try lra. apply Rdiv_lt_0_compat; unfold e; lra. }
  assert (Hh1 : h <= delta / 2) by apply Rmin_l.
  assert (Hh2 : h <= e / (2 * (K + 1))) by (eapply Rle_trans; [apply Rmin_r | apply Rmin_l]).
  assert (Hh3 : h <= 1 / 2) by (eapply Rle_trans; [apply Rmin_r | apply Rmin_r]).
  assert (Habs : Rabs ((1 - h) - 1) = h).
  { replace ((1 - h) - 1) with (- h) by ring. rewrite Rabs_Ropp. apply Rabs_pos_eq. lra. }
  assert (H1 : Rabs (phi (1 - h) - phi 1) < e / 2) by (apply Hs; [lra | rewrite Habs; lra]).
  pose proof (Hq (1 - h) ltac:(lra)) as H2. rewrite Habs in H2.
  pose proof (Hle (1 - h) ltac:(lra)) as H3.
  assert (HKh : K * h <= e / 2).
  { assert (E : e / (2 * (K + 1)) * (2 * (K + 1)) = e) by (field; lra). unfold e in *. nra. }
  apply Rabs_def2 in H1. pose proof (abs_le_split _ _ H2). unfold e in *. lra.
Qed.

(** [smooth_descent_on_segment]: φ(t) = L(w + tε) continuous on [0, 1], with derivative
    ⟨G(w + tε), ε⟩ on [0, 1), G M-Lipschitz ⇒ L(w + ε) ≤ L(w) + ⟨G(w), ε⟩ + (M/2)‖ε‖². *)
Theorem smooth_descent_on_segment n (L : W n -> R) (G : W n -> W n) (w e : W n) (M : R) :
  (forall t, 0 <= t <= 1 -> forall eps, 0 < eps -> exists delta, 0 < delta /\
     forall s, 0 <= s <= 1 -> Rabs (s - t) < delta ->
       Rabs (L (fun i => w i + s * e i) - L (fun i => w i + t * e i)) < eps) ->
  (forall t, 0 <= t < 1 ->
     is_derive (fun s => L (fun i => w i + s * e i)) t (inner n (G (fun i => w i + t * e i)) e)) ->
  lipschitz_grad n G M ->
  L (vadd w e) <= L w + inner n (G w) e + M / 2 * norm n e ^ 2.
Proof.
  intros Hc Hd Hl. set (phi := fun s => L (fun i => w i + s * e i)).
  set (a := inner n (G w) e). set (b := norm2 n e).
  set (q := fun s => phi 0 + (s * a + M / 2 * (s * s) * b)).
  set (psi := fun s => phi s - (s * a + M / 2 * (s * s) * b)).
  set (dpsi := fun s => inner n (G (fun i => w i + s * e i)) e - (a + M * s * b)).
  assert (Hpsi : forall x, 0 <= x < 1 -> is_derive psi x (dpsi x)).
  { intros x Hx. unfold psi, dpsi. apply (is_derive_minus (V := R_NormedModule)); [now apply Hd|].
    auto_derive; [exact I|]. field. }
  assert (Hneg : forall c, 0 <= c -> dpsi c <= 0)
    by (intros c Hc0; now apply (descent_slope_nonpos Hl)).
  assert (Hin : forall c, 0 < c < 1 -> phi c <= q c).
  { intros c Hc1. destruct (MVT_gen psi 0 c dpsi) as [z [Hz Heq]].
    - intros x Hx. rewrite Rmin_left, Rmax_right in Hx by lra. apply Hpsi. lra.
    - intros x Hx. rewrite Rmin_left, Rmax_right in Hx by lra.
      apply derivable_continuous_pt. exists (dpsi x). apply is_derive_Reals, Hpsi. lra.
    - rewrite Rmin_left, Rmax_right in Hz by lra. pose proof (Hneg z (proj1 Hz)).
      unfold psi in Heq. unfold q. nra. }
  assert (H1 : phi 1 <= q 1).
  { apply (le_at_1 phi q (Rabs a + Rabs (M * b))).
    - pose proof (Rabs_pos a). pose proof (Rabs_pos (M * b)). lra.
    - apply Hc. lra.
    - intros s Hs. replace (q s - q 1) with ((s - 1) * (a + M * b * ((s + 1) / 2)))
        by (unfold q; field). rewrite Rabs_mult, (Rmult_comm (Rabs a + Rabs (M * b))).
      apply Rmult_le_compat_l; [apply Rabs_pos|]. eapply Rle_trans; [apply Rabs_triang|].
      apply Rplus_le_compat_l. rewrite Rabs_mult, (Rabs_pos_eq ((s + 1) / 2)) by lra.
      pose proof (Rabs_pos (M * b)). nra.
    - exact Hin. }
  assert (E1 : phi 1 = L (vadd w e)).
  { unfold phi. f_equal. apply functional_extensionality. intros i. unfold vadd. ring. }
  assert (E0 : phi 0 = L w).
  { unfold phi. f_equal. apply functional_extensionality. intros i. ring. }
  unfold q in H1. rewrite E1, E0 in H1. unfold b in H1. rewrite norm2_norm in H1. lra.
Qed.

(** [smooth_descent]: L(w + ε) ≤ L(w) + ⟨∇L(w), ε⟩ + (M/2)‖ε‖². *)
Theorem smooth_descent n (L : W n -> R) (G : W n -> W n) (M : R) (w e : W n) :
  is_gradient n L G -> lipschitz_grad n G M ->
  L (vadd w e) <= L w + inner n (G w) e + M / 2 * norm n e ^ 2.
Proof. intros Hg Hl. rewrite <- norm2_norm. exact (descent_lemma Hg Hl w e). Qed.

(** [sam_filtered_smooth_descent_step]: with g_f = filteredGradient (∇L(w + ε(w))) z,
    L(w − η g_f) ≤ L(w) − η⟨∇L(w), g_f⟩ + (M/2)η²‖g_f‖². *)
Theorem sam_filtered_smooth_descent_step n (L : W n -> R) (G : W n -> W n) (M : R) (w : W n)
    (eta z rho : R) :
  is_gradient n L G -> lipschitz_grad n G M ->
  L (vsub w (vscale eta (filteredGradient n (G (vadd w (samPerturbation n G w rho))) z)))
  <= L w - eta * inner n (G w) (filteredGradient n (G (vadd w (samPerturbation n G w rho))) z)
     + M / 2 * eta ^ 2 * norm n (filteredGradient n (G (vadd w (samPerturbation n G w rho))) z) ^ 2.
Proof.
  intros Hg Hl. eapply Rle_trans; [apply (descent_lemma_step Hg Hl)|].
  rewrite norm2_norm. right. field.
Qed.
