(** * LeanSharp.Upstream.StochasticProcess.DescentCore — upstream LeanSharp/Stochastic/Mechanics/DescentSteps/Core.lean

    Translates the filtered variance bound and the stochastic Taylor descent step. Notions as
    in [Upstream.All] and [Upstream.StochasticProcess.SharpnessMap]: a finite law (K, p), a
    field G in place of upstream's [gradient f]. Upstream's [IsSmooth f L] (the quadratic
    upper bound f y ≤ f x + ⟨∇f x, y − x⟩ + (L/2)‖y − x‖²) is [IsSmooth n f G L] with G for
    ∇f; [smooth_of_gradient]: the library's is_gradient + lipschitz_grad give it. Helpers (new, general): [smooth_expect_step] (E f(w − η d) ≤ f w − η⟨G w, E d⟩ +
    (η²L/2)E‖d‖² for any random direction d), [eta_L_le_1] (0 < η ≤ 1/L ⇒ 0 < L, ηL ≤ 1).

    Equal: none.
    Weaker:
    - [filtered_variance_bound_finite_law] — E‖g_f − E g_f‖² ≤ σ² + ‖∇L(w)‖² for a finite
      law (upstream: any probability measure).
    - [stochastic_taylor_descent_finite_law] — the expected SGD descent step for a finite law.
    Open: none. *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap SampleErrors.
Open Scope R_scope.

(** [filtered_variance_bound_finite_law]: the Z-score filtered estimator has variance
    ≤ σ² + ‖∇L(w)‖². *)
Theorem filtered_variance_bound_finite_law n K p G (g : nat -> W n) (w : W n) s2 z :
  is_law K p -> IsStochasticGradient n K p G g w -> HasBoundedVariance n K p G g w s2 ->
  expect K p (fun k => norm2 n (vsub (filteredGradient n (g k) z)
                                     (vexpect n K p (fun j => filteredGradient n (g j) z))))
  <= s2 + norm2 n (G w).
Proof.
  intros Hl Hs Hv.
  pose proof (l2_bias_variance_decomposition_finite_law n K p
                (fun k => filteredGradient n (g k) z) Hl) as Hd.
  pose proof (norm2_nonneg n (vexpect n K p (fun j => filteredGradient n (g j) z))).
  pose proof (zsharp_variance_bound_finite_law n K p G g w z s2 Hl Hs Hv). lra.
Qed.

Definition IsSmooth (n : nat) (f : W n -> R) (G : W n -> W n) (L : R) : Prop :=
  forall x y : W n, f y <= f x + inner n (G x) (vsub y x) + L / 2 * norm2 n (vsub y x).

(** The library's smoothness (G the gradient of f, G Lc-Lipschitz) gives [IsSmooth]. *)
Lemma smooth_of_gradient n f G Lc :
  is_gradient n f G -> lipschitz_grad n G Lc -> IsSmooth n f G Lc.
Proof.
  intros Hg Hl x y. pose proof (descent_lemma Hg Hl x (vsub y x)) as H.
  replace (vadd x (vsub y x)) with y in H; [exact H|].
  apply functional_extensionality. intros i. unfold vadd, vsub. ring.
Qed.

Lemma smooth_expect_step n K p f G L (w : W n) (d : nat -> W n) eta :
  is_law K p -> IsSmooth n f G L ->
  expect K p (fun k => f (vsub w (vscale eta (d k))))
  <= f w - eta * inner n (G w) (vexpect n K p d)
     + eta ^ 2 * L / 2 * expect K p (fun k => norm2 n (d k)).
Proof.
  intros Hl Hs.
  apply Rle_trans with (expect K p (fun k => f w + (- eta) * inner n (G w) (d k)
                                              + (eta ^ 2 * L / 2) * norm2 n (d k))).
  - apply expect_le; [exact Hl|]. intros k _.
    pose proof (Hs w (vsub w (vscale eta (d k)))) as H.
    rewrite (inner_ext n (G w) (G w) _ (vscale (- eta) (d k))) in H
      by (intros; unfold vsub, vscale; split; ring).
    rewrite (norm2_ext n _ (vscale (- eta) (d k))) in H by (intros; unfold vsub, vscale; ring).
    rewrite inner_scale_r, norm2_scale in H.
    apply (Rle_trans _ _ _ H). apply Req_le. cbv beta. unfold Rdiv. ring.
  - rewrite !expect_add, !expect_scal, expect_const, expect_inner_const by exact Hl. lra.
Qed.

Lemma eta_L_le_1 eta L : 0 < eta /\ eta <= 1 / L -> 0 < L /\ eta * L <= 1.
Proof.
  intros [He HL]. destruct (Rlt_le_dec 0 L) as [Hp|Hn].
  - split; [exact Hp|]. apply (Rmult_le_compat_r L) in HL; [|lra].
    unfold Rdiv in HL. rewrite Rmult_1_l, Rinv_l in HL by lra. exact HL.
  - exfalso. destruct (Req_dec L 0) as [Z|Z].
    + rewrite Z in HL. unfold Rdiv in HL. rewrite Rinv_0 in HL. lra.
    + assert (/ L < 0) by (apply Rinv_lt_0_compat; lra). unfold Rdiv in HL. lra.
Qed.

(** [stochastic_taylor_descent_finite_law]: f L-smooth, E g = ∇f(w), 0 < η ≤ 1/L
    ⇒ E f(w − ηg) ≤ f(w) − (η/2)‖∇f(w)‖² + (η²L/2)·E‖g − ∇f(w)‖². *)
Theorem stochastic_taylor_descent_finite_law n K p L_smooth f G (g : nat -> W n) (w : W n) eta :
  is_law K p -> IsSmooth n f G L_smooth -> IsStochasticGradient n K p G g w ->
  0 < eta /\ eta <= 1 / L_smooth ->
  expect K p (fun k => f (vsub w (vscale eta (g k))))
  <= f w - eta / 2 * norm2 n (G w)
     + eta ^ 2 * L_smooth / 2 * expect K p (fun k => norm2 n (vsub (g k) (G w))).
Proof.
  intros Hl Hs Hg He. pose proof (eta_L_le_1 eta L_smooth He) as [HL HeL].
  pose proof (smooth_expect_step n K p f G L_smooth w g eta Hl Hs) as H.
  rewrite (inner_ext n (G w) (G w) (vexpect n K p g) (G w)) in H by (intros; split; auto).
  rewrite (stochastic_second_moment n K p G g w Hl Hg) in H. fold (norm2 n (G w)) in H.
  pose proof (norm2_nonneg n (G w)). destruct He as [He _].
  assert (eta ^ 2 * L_smooth / 2 * norm2 n (G w) <= eta / 2 * norm2 n (G w)).
  { apply Rmult_le_compat_r; [lra|]. nra. }
  lra.
Qed.
