(** * LeanSharp.Stochastic.ClippedHeavyTail — clipped stochastic ZSharp under heavy-tailed noise

    ZSharp's trainer clips every gradient at c (= 1.0): clip_c(g) = κg with
    κ = min(1, c/(‖g‖ + 10⁻⁶)) ([Optim.Clipping.clip]). The sample fields G_k of
    [NoisyFilter.sample_fields] (mean ∇L, each Lc-Lipschitz) are assumed to have noise
    ξ_k(v) = G_k(v) − ∇L(v) with only a p-th moment, p ≥ 1 (the heavy-tailed case is
    1 < p < 2):
        E_k ‖ξ_k(v)‖^p ≤ M  for every v                                   ([pth_moment_field]).
    A finite law has every moment finite; no bound below involves the record's variance σ²,
    so every bound is uniform over laws of arbitrarily large variance with the same M
    (the witness [Examples.Stochastic.ClippedHeavyTailWitness] has variance M·√a, a → ∞).

    The clipped ZSharp step with draw k ([Optim.Clipping.clipped_zsharp_step]), mask rule m
    arbitrary:
        g_k = clip_c(G_k(w)),  ε_k = ρ (g_k ⊙ m(g_k))/(‖g_k ⊙ m(g_k)‖ + δ),
        w⁺_k = w − η clip_c(G_k(w + ε_k)),
    so ‖ε_k‖ ≤ ρ for every mask and δ ≥ 0 ([Optim.SAM.zsharp_eps_norm_le]).

    The clipping bias is controlled where the signal is well inside the clipping ball:
    the region R = {w : ‖∇L(w)‖ + Lcρ + 10⁻⁶ ≤ c/2} ([in_clip_region]).

    Definitions (x^p is [Optim.ClipNoise.ppow], the iterates [Optim.Clipping.clipped_iter])
    - [pth_moment_field N p M]: E_k ‖G_k(v) − ∇L(v)‖^p ≤ M for every v
    - [clip_bias c p M] = 2M/(c/2)^{p−1}
    - [clipped_err ... T] = E‖w_T − w*‖² over the T-fold product law

    Main results (c > 0, p ≥ 1, M ≥ 0 where needed)
    - pointwise bias ([Optim.ClipNoise.clip_residual_le]): ‖u‖ + 10⁻⁶ ≤ c/2 ⇒
          ‖clip_c(g) − g‖ ≤ 2‖g − u‖^p/(c/2)^{p−1}
    - [clipped_step_expected] (one step, strongly convex objective O, fields N over it):
          w ∈ R, 0 < η ≤ 1/Lc, ρ, δ ≥ 0 ⇒
          E_k‖w⁺_k − w*‖² ≤ (1 − ημ/2)‖w − w*‖² + (9/4)η²c² + (2η/μ)(Lcρ + 2M/(c/2)^{p−1})²
    - [clipped_constant_ball]: if every iterate w_t, t < T, lies in R (on every history):
          E‖w_T − w*‖² ≤ (1 − ημ/2)^T‖w_0 − w*‖² + 9ηc²/(2μ) + 4(Lcρ + 2M/(c/2)^{p−1})²/μ²
    - [Optim.Clipping.clipped_iter_moves]: ‖w_t − w_0‖ ≤ tηc on every history
    - [clipped_horizon_ball]: the region hypothesis discharged on a horizon:
          ‖∇L(w_0)‖ + Lcρ + 10⁻⁶ + Lc·Tηc ≤ c/2 ⇒ the bound of [clipped_constant_ball] at T

    Every horizon, any start, any Lc-smooth loss L ≥ Linf (section [ClippedNonconvex], fields N
    over a smooth objective, 1 ≤ p ≤ 2), with the gain φ(a) = (a²/2)·min(1, c/(3a/2 + 10⁻⁶))
    ([Optim.ClipNoise.clip_gain]) and the bias B = 32(c^{2−p}M + Lcρ·min(c, Lcρ))
    ([clip_bias_nc]):
    - [clipped_descent_expected]: E_k L(w⁺_k) ≤ L(w) − η φ(‖∇L(w)‖) + ηB + Lcη²c²/2 at EVERY w
      (from [Optim.ClipNoise.inner_clip_signal_ge]: clipping keeps a share of any signal)
    - [clipped_nonconvex_rate]: (1/T)Σ_{t<T} E φ(‖∇L(w_t)‖) ≤ (L(w_0) − Linf)/(ηT) + B + Lcηc²/2.

    Open: the distance ball for every T without the region hypothesis. On a worst history the
    clipped steps can all push the same way (the witness's two-sided noise does), so R is not
    invariant for every history; outside R the clipped direction still correlates with ∇L(w)
    ([clipped_descent_expected]) but no lower bound on ⟨w − w*, E clip_c(g)⟩ follows from M
    alone (‖E clip_c(g)‖ ≤ c < ‖∇L(w)‖ once ‖∇L(w)‖ > c); what is missing is such a bound or a
    high-probability confinement of the iterates to R over the whole history. *)

From Coq Require Import Reals Lra Lia List FunctionalExtensionality.
From LeanSharp.Core Require Import Vec FiniteProb Recursions.
From LeanSharp.Optim Require Import Smooth Objective SAM Cocoercive Clipping ClipNoise.
From LeanSharp.Stochastic Require Import StronglyConvexRate NoisyFilter.
Open Scope R_scope.

(** ** The clipping bias and the heavy-tail hypothesis *)

Definition clip_bias (c p M : R) : R := 2 * M / Rpower (c / 2) (p - 1).

Lemma clip_bias_nonneg c p M : 0 <= M -> 0 <= clip_bias c p M.
Proof. intros HM. unfold clip_bias. pose proof (rpower_pos (c / 2) (p - 1)). apply Rle_mult_inv_pos; lra. Qed.

Definition pth_moment_field {n K} {F : smooth_objective n} (N : sample_fields F K) (p M : R) : Prop :=
  forall v, expect K (law N) (fun k => ppow (norm n (vsub (field N k v) (grad F v))) p) <= M.

Definition in_clip_region {n} (O : smooth_objective n) (c rho : R) (w : W n) : Prop :=
  norm n (grad O w) + lip O * rho + clip_eps <= c / 2.

Lemma inner_add_r n (a u v : W n) : inner n a (vadd u v) = inner n a u + inner n a v.
Proof. rewrite !(inner_sym n a), inner_add_l. reflexivity. Qed.

Section ClippedStep.

Context {n K : nat} (O : strongly_convex_objective n) (N : sample_fields O K).
Context (mask : W n -> W n) (delta c p M : R).
Hypotheses (Hd : 0 <= delta) (Hc : 0 < c) (Hp : 1 <= p) (HM : pth_moment_field N p M).
Local Notation G := (grad O). Local Notation Lc := (lip O).
Local Notation mu := (curv O). Local Notation wstar := (minimiser O).
Local Notation Pk := (law N). Local Notation Gk := (field N).
Let Hlaw := law_is_law N. Let Hg := loss_gradient O. Let Hl := grad_lipschitz O.
Let Hs := loss_strongly_convex O. Let Hmu := curv_pos O. Let H0 := grad_minimiser O.

(** One clipped ZSharp step in expectation over the draw, with the bias explicit:
    E_k‖w⁺_k − w*‖² ≤ (1 − ημ/2)‖w − w*‖² + (9/4)η²c² + (2η/μ)(Lcρ + 2M/(c/2)^{p−1})². *)
Theorem clipped_step_expected (w : W n) eta rho :
  0 < eta <= / Lc -> 0 <= rho -> in_clip_region O c rho w ->
  expect K Pk (fun k => norm2 n (vsub (clipped_zsharp_step n eta rho delta c Gk mask k w) wstar))
  <= (1 - eta * mu / 2) * norm2 n (vsub w wstar) + 9 / 4 * eta ^ 2 * c ^ 2
     + 2 * eta / mu * (Lc * rho + clip_bias c p M) ^ 2.
Proof.
  intros [He0 He1] Hr Hreg. unfold in_clip_region in Hreg.
  pose proof (lip_pos O) as HLc. pose proof clip_eps_pos. pose proof (rpower_pos (c / 2) (p - 1)).
  set (a := vsub (vsub w (vscale eta (G w))) wstar).
  set (xi := fun k => vsub (Gk k w) (G w)).
  set (Rp := Rpower (c / 2) (p - 1)) in *.
  set (na := norm n a). assert (Hna : 0 <= na) by apply norm_nonneg.
  assert (Hpt : forall k, (k < K)%nat ->
    norm2 n (vsub (clipped_zsharp_step n eta rho delta c Gk mask k w) wstar)
    <= norm2 n a + (- 2 * eta) * inner n a (xi k) + (4 * eta * na / Rp) * ppow (norm n (xi k)) p
       + (2 * eta * na * (Lc * rho) + 9 / 4 * eta ^ 2 * c ^ 2)).
  { intros k Hk. unfold clipped_zsharp_step. cbv zeta.
    set (eps := zsharp_eps n rho delta _ _).
    set (g := Gk k (vadd w eps)). set (u := vadd (G w) (vsub g (Gk k w))).
    set (d := vsub (clip n c g) (G w)).
    assert (Hb : norm n (vsub g (Gk k w)) <= Lc * rho).
    { eapply Rle_trans; [apply (field_lipschitz N k Hk)|]. apply Rmult_le_compat_l; [lra|].
      rewrite (norm_ext n _ eps) by (intros; unfold vsub, vadd; ring). now apply zsharp_eps_norm_le. }
    assert (Hu : norm n u + clip_eps <= c / 2)
      by (pose proof (norm_triangle n (G w) (vsub g (Gk k w))) as Ht; fold u in Ht; lra).
    assert (Hr1 := clip_residual_le n c p g u Hc Hp Hu).
    rewrite (norm_ext n (vsub g u) (xi k)) in Hr1 by (intros; unfold u, xi, vsub, vadd; ring).
    rewrite (norm2_ext n _ (vsub a (vscale eta d))) by (intros; unfold a, d, vsub, vscale; ring).
    rewrite norm2_sub, inner_scale_r, norm2_scale.
    rewrite (inner_ext n a a d (vadd (vadd (vsub (clip n c g) g) (vsub g (Gk k w))) (xi k)))
      by (intros i _; split; [reflexivity | unfold d, xi, vadd, vsub; ring]).
    rewrite !inner_add_r.
    assert (Hcs1 := abs_inner_le_norm n a (vsub (clip n c g) g)).
    assert (Hcs2 := abs_inner_le_norm n a (vsub g (Gk k w))). fold na in Hcs1, Hcs2.
    pose proof (RRle_abs (- inner n a (vsub (clip n c g) g))) as Hn1.
    pose proof (RRle_abs (- inner n a (vsub g (Gk k w)))) as Hn2. rewrite Rabs_Ropp in Hn1, Hn2.
    assert (Hd2 : norm2 n d <= 9 / 4 * c ^ 2).
    { rewrite norm2_norm. pose proof (norm_nonneg n d).
      assert (norm n d <= c + c / 2); [|nra].
      rewrite (norm_ext n d (vadd (clip n c g) (vscale (-1) (G w)))) by (intros; unfold d, vadd, vsub, vscale; ring).
      eapply Rle_trans; [apply norm_triangle|]. rewrite norm_scale, (Rabs_left1 (-1)) by lra.
      pose proof (norm_clip_le n c g ltac:(lra)). pose proof (norm_nonneg n (vsub g (Gk k w))). nra. }
    assert (na * norm n (vsub (clip n c g) g) <= na * (2 * ppow (norm n (xi k)) p / Rp))
      by (apply Rmult_le_compat_l; assumption).
    assert (na * norm n (vsub g (Gk k w)) <= na * (Lc * rho)) by (apply Rmult_le_compat_l; assumption).
    assert (eta * eta * norm2 n d <= eta ^ 2 * (9 / 4 * c ^ 2)) by (rewrite <- Rsqr_pow2; unfold Rsqr; apply Rmult_le_compat_l; nra).
    replace (4 * eta * na / Rp * ppow (norm n (xi k)) p) with (2 * eta * (na * (2 * ppow (norm n (xi k)) p / Rp)))
      by (field; lra).
    assert (0 < eta) by lra. nra. }
  eapply Rle_trans; [apply expect_le; [exact Hlaw | exact Hpt]|].
  rewrite !expect_add, !expect_scal, !expect_const by exact Hlaw.
  rewrite (expect_inner_noise n K Pk xi a (noise_unbiased N w)).
  pose proof (HM w) as HMw. fold xi in HMw.
  assert (HMw' : 4 * eta * na / Rp * expect K Pk (fun k => ppow (norm n (xi k)) p)
                 <= 2 * eta * na * clip_bias c p M).
  { unfold clip_bias. fold Rp. replace (2 * eta * na * (2 * M / Rp)) with (4 * eta * na / Rp * M) by (field; lra).
    apply Rmult_le_compat_l; [|exact HMw]. apply Rle_mult_inv_pos; nra. }
  pose proof (gd_step_contracts _ _ mu Lc Hg Hl HLc Hs (Rlt_le _ _ Hmu) w wstar eta H0 (conj He0 He1)) as Ha.
  fold a in Ha. rewrite norm2_norm in Ha. fold na in Ha.
  pose proof (curv_le_lip_inv O eta (conj He0 He1)) as HeL.
  set (B := Lc * rho + clip_bias c p M). pose proof (norm2_nonneg n (vsub w wstar)).
  set (e2 := norm2 n (vsub w wstar)) in *.
  (* Young: 2ηnaB ≤ (ημ/2)na² + (2η/μ)B², and (1 + ημ/2)(1 − ημ) ≤ 1 − ημ/2 *)
  assert (Hy : 2 * eta * na * B <= eta * mu / 2 * na ^ 2 + 2 * eta / mu * B ^ 2).
  { assert (0 <= eta / (2 * mu) * (mu * na - 2 * B) ^ 2)
      by (apply Rmult_le_pos; [apply Rle_mult_inv_pos; lra | apply pow2_ge_0]).
    assert (eta / (2 * mu) * (mu * na - 2 * B) ^ 2
            = eta * mu / 2 * na ^ 2 + 2 * eta / mu * B ^ 2 - 2 * eta * na * B) by (field; lra).
    lra. }
  assert (Hq : (1 + eta * mu / 2) * na ^ 2 <= (1 - eta * mu / 2) * e2).
  { assert ((1 + eta * mu / 2) * na ^ 2 <= (1 + eta * mu / 2) * ((1 - eta * mu) * e2))
      by (apply Rmult_le_compat_l; [nra | exact Ha]).
    assert (0 <= (eta * mu) ^ 2 / 2 * e2) by (apply Rmult_le_pos; [nra | lra]).
    assert ((1 + eta * mu / 2) * ((1 - eta * mu) * e2) = (1 - eta * mu / 2) * e2 - (eta * mu) ^ 2 / 2 * e2)
      by (clear; field). lra. }
  assert (2 * eta * na * B = 2 * eta * na * (Lc * rho) + 2 * eta * na * clip_bias c p M) by (unfold B; ring).
  rewrite norm2_norm. fold na. lra.
Qed.

(** ** Iterates *)

Definition clipped_err (eta rho : R) (w0 : W n) (t : nat) : R :=
  hexpect K Pk t (fun h => norm2 n (vsub (clipped_iter n Gk mask eta rho delta c w0 h) wstar)).

(** Finite horizon: a_{t+1} ≤ q a_t + b for t < T, 0 ≤ q < 1, b ≥ 0 ⇒ a_T ≤ q^T a_0 + b/(1 − q). *)
Lemma recursion_geometric_noise_upto (a : nat -> R) q b T :
  0 <= q < 1 -> 0 <= b -> (forall t, (t < T)%nat -> a (S t) <= q * a t + b) ->
  a T <= q ^ T * a 0%nat + b / (1 - q).
Proof.
  intros Hq Hb Hrec. assert (HB : 0 <= b / (1 - q)) by (apply Rle_mult_inv_pos; lra).
  assert (Hfix : q * (b / (1 - q)) + b = b / (1 - q)) by (field; lra).
  assert (H : forall t, (t <= T)%nat -> a t <= q ^ t * a 0%nat + b / (1 - q)); [|apply H; lia].
  induction t as [|t IH]; intros Ht; simpl; [lra|].
  specialize (IH ltac:(lia)). specialize (Hrec t ltac:(lia)).
  assert (q * a t <= q * (q ^ t * a 0%nat + b / (1 - q))) by nra. lra.
Qed.

(** Constant η, ρ, every iterate before T in the region (on every history):
    E‖w_T − w*‖² ≤ (1 − ημ/2)^T‖w_0 − w*‖² + 9ηc²/(2μ) + 4(Lcρ + 2M/(c/2)^{p−1})²/μ². *)
Theorem clipped_constant_ball eta rho w0 T :
  0 < eta <= / Lc -> 0 <= rho -> 0 <= M ->
  (forall h, (length h < T)%nat -> in_clip_region O c rho (clipped_iter n Gk mask eta rho delta c w0 h)) ->
  clipped_err eta rho w0 T
  <= (1 - eta * mu / 2) ^ T * norm2 n (vsub w0 wstar)
     + (9 * eta * c ^ 2 / (2 * mu) + 4 * (Lc * rho + clip_bias c p M) ^ 2 / mu ^ 2).
Proof.
  intros He Hr HM0 Hreg. pose proof (curv_le_lip_inv O eta He) as HeL. destruct He as [He0 He1].
  pose proof (clip_bias_nonneg c p M HM0). pose proof (lip_pos O).
  assert (Hem : 0 < eta * mu) by nra.
  replace (9 * eta * c ^ 2 / (2 * mu) + 4 * (Lc * rho + clip_bias c p M) ^ 2 / mu ^ 2)
    with ((9 / 4 * eta ^ 2 * c ^ 2 + 2 * eta / mu * (Lc * rho + clip_bias c p M) ^ 2)
          / (1 - (1 - eta * mu / 2))) by (field; lra).
  apply (recursion_geometric_noise_upto (clipped_err eta rho w0)); [nra| |].
  - assert (0 <= 2 * eta / mu * (Lc * rho + clip_bias c p M) ^ 2)
      by (apply Rmult_le_pos; [apply Rle_mult_inv_pos | apply pow2_ge_0]; lra).
    assert (0 <= 9 / 4 * eta ^ 2 * c ^ 2) by (apply Rmult_le_pos; [nra | apply pow2_ge_0]). lra.
  - intros t Ht. unfold clipped_err. rewrite hexpect_S, <- hexpect_affine by exact Hlaw.
    apply hexpect_le; [exact Hlaw|]. intros h Hh. cbn [clipped_iter].
    rewrite <- Rplus_assoc. apply clipped_step_expected; [lra | exact Hr | apply Hreg; lia].
Qed.

(** The region hypothesis discharged on a horizon: the iterates move by ≤ tηc, so
    ‖∇L(w_0)‖ + Lcρ + 10⁻⁶ + Lc·Tηc ≤ c/2 keeps every w_t, t < T, in the region. *)
Theorem clipped_horizon_ball eta rho w0 T :
  0 < eta <= / Lc -> 0 <= rho -> 0 <= M ->
  norm n (G w0) + Lc * rho + clip_eps + Lc * (INR T * (eta * c)) <= c / 2 ->
  clipped_err eta rho w0 T
  <= (1 - eta * mu / 2) ^ T * norm2 n (vsub w0 wstar)
     + (9 * eta * c ^ 2 / (2 * mu) + 4 * (Lc * rho + clip_bias c p M) ^ 2 / mu ^ 2).
Proof.
  intros He Hr HM0 H0T. apply clipped_constant_ball; try assumption.
  intros h Hh. unfold in_clip_region. set (w := clipped_iter n Gk mask eta rho delta c w0 h).
  pose proof (lip_pos O). destruct He as [He0 _].
  pose proof (clipped_iter_moves n Gk mask eta rho delta c w0 h (Rlt_le _ _ He0) (Rlt_le _ _ Hc)) as Hm.
  fold w in Hm. pose proof (Hl w w0) as Hlw.
  assert (HT : INR (length h) * (eta * c) <= INR T * (eta * c))
    by (apply Rmult_le_compat_r; [nra | apply le_INR; lia]).
  assert (norm n (G w) <= norm n (G w0) + norm n (vsub (G w) (G w0))).
  { rewrite (norm_ext n (G w) (vadd (G w0) (vsub (G w) (G w0)))) at 1 by (intros; unfold vadd, vsub; ring).
    apply norm_triangle. }
  assert (Lc * norm n (vsub w w0) <= Lc * (INR T * (eta * c))) by (apply Rmult_le_compat_l; lra).
  lra.
Qed.

End ClippedStep.

(** ** Every horizon, any smooth loss bounded below: the clipped non-convex rate *)

(** The clipping bias of the non-convex rate: 32(c^{2−p}M + Lcρ·min(c, Lcρ)). *)
Definition clip_bias_nc (c p M b : R) : R := 32 * (Rpower c (2 - p) * M + trunc2 c b).

Section ClippedNonconvex.
Context {n K : nat} (O : smooth_objective n) (N : sample_fields O K).
Context (mask : W n -> W n) (delta c p M : R).
Hypotheses (Hd : 0 <= delta) (Hc : 0 < c) (Hp : 1 <= p <= 2) (HM : pth_moment_field N p M).
Local Notation L := (loss O). Local Notation G := (grad O). Local Notation Lc := (lip O).
Local Notation Pk := (law N). Local Notation Gk := (field N).
Let Hlaw := law_is_law N. Let Hg := loss_gradient O. Let Hl := grad_lipschitz O.

(** One clipped ZSharp step in expectation over the draw, at ANY point w (no region):
    E_k L(w⁺_k) ≤ L(w) − η φ(‖∇L(w)‖) + η·32(c^{2−p}M + Lcρ·min(c, Lcρ)) + Lc η² c²/2. *)
Theorem clipped_descent_expected (w : W n) eta rho :
  0 < eta -> 0 <= rho ->
  expect K Pk (fun k => L (clipped_zsharp_step n eta rho delta c Gk mask k w))
  <= L w - eta * clip_gain c (norm n (G w)) + eta * clip_bias_nc c p M (Lc * rho)
     + Lc * eta ^ 2 * c ^ 2 / 2.
Proof.
  intros He Hr. pose proof (lip_pos O) as HLc.
  set (xi := fun k => norm n (vsub (Gk k w) (G w))).
  set (Cp := Rpower c (2 - p)). assert (HCp : 0 < Cp) by apply rpower_pos.
  assert (Hpt : forall k, (k < K)%nat ->
    L (clipped_zsharp_step n eta rho delta c Gk mask k w)
    <= (L w - eta * clip_gain c (norm n (G w)) + 32 * eta * trunc2 c (Lc * rho) + Lc * eta ^ 2 * c ^ 2 / 2)
       + (32 * eta * Cp) * ppow (xi k) p).
  { intros k Hk. unfold clipped_zsharp_step. cbv zeta.
    set (eps := zsharp_eps n rho delta _ _). set (g := Gk k (vadd w eps)).
    set (d := vsub g (G w)).
    assert (Hb : norm n (vsub g (Gk k w)) <= Lc * rho).
    { eapply Rle_trans; [apply (field_lipschitz N k Hk)|]. apply Rmult_le_compat_l; [lra|].
      rewrite (norm_ext n _ eps) by (intros; unfold vsub, vadd; ring). now apply zsharp_eps_norm_le. }
    assert (Hdn : norm n d <= xi k + Lc * rho).
    { rewrite (norm_ext n d (vadd (vsub (Gk k w) (G w)) (vsub g (Gk k w))))
        by (intros; unfold d, vadd, vsub; ring).
      eapply Rle_trans; [apply norm_triangle|]. fold (xi k). lra. }
    pose proof (norm_nonneg n d). pose proof (norm_nonneg n (vsub (Gk k w) (G w))) as Hx. fold (xi k) in Hx.
    assert (Ht : trunc2 c (norm n d) <= 4 * (Cp * ppow (xi k) p + trunc2 c (Lc * rho))).
    { eapply Rle_trans; [apply (trunc2_mono c (norm n d) (xi k + Lc * rho)); nra|].
      eapply Rle_trans; [apply trunc2_add_le; nra|].
      pose proof (trunc2_le_ppow c (xi k) p Hc Hx Hp). unfold Cp. lra. }
    pose proof (inner_clip_signal_ge n c (G w) d Hc) as Hin.
    replace (vadd (G w) d) with g in Hin
      by (apply functional_extensionality; intros; unfold d, vadd, vsub; ring).
    pose proof (descent_lemma_step Hg Hl eta w (clip n c g)) as Hdesc.
    assert (Hn2 : norm2 n (clip n c g) <= c ^ 2).
    { rewrite norm2_norm. pose proof (norm_clip_le n c g ltac:(lra)). pose proof (norm_nonneg n (clip n c g)).
      apply pow_incr. lra. }
    assert (Lc * eta ^ 2 / 2 * norm2 n (clip n c g) <= Lc * eta ^ 2 * c ^ 2 / 2).
    { replace (Lc * eta ^ 2 * c ^ 2 / 2) with (Lc * eta ^ 2 / 2 * c ^ 2) by field.
      apply Rmult_le_compat_l; [nra | exact Hn2]. }
    nra. }
  eapply Rle_trans; [apply expect_le; [exact Hlaw | exact Hpt]|].
  rewrite expect_add, expect_scal, expect_const by exact Hlaw.
  pose proof (HM w) as HMw. fold xi in HMw. unfold clip_bias_nc. fold Cp.
  assert (32 * eta * Cp * expect K Pk (fun k => ppow (xi k) p) <= 32 * eta * Cp * M)
    by (apply Rmult_le_compat_l; [nra | exact HMw]).
  lra.
Qed.

(** Every horizon T ≥ 1, constant η > 0, ρ ≥ 0, L ≥ Linf: the average expected gain
    (1/T) Σ_{t<T} E φ(‖∇L(w_t)‖) ≤ (L(w_0) − Linf)/(ηT) + 32(c^{2−p}M + Lcρ·min(c, Lcρ))
    + Lc η c²/2, for every mask rule. *)
Theorem clipped_nonconvex_rate eta rho (w0 : W n) Linf T :
  0 < eta -> 0 <= rho -> (0 < T)%nat -> (forall v, Linf <= L v) ->
  1 / INR T * vsum T (fun t => hexpect K Pk t
      (fun h => clip_gain c (norm n (G (clipped_iter n Gk mask eta rho delta c w0 h)))))
  <= (L w0 - Linf) / (eta * INR T) + clip_bias_nc c p M (Lc * rho) + Lc * eta * c ^ 2 / 2.
Proof.
  intros He Hr HT HL. pose proof (lip_pos O).
  set (a := fun t => hexpect K Pk t (fun h => L (clipped_iter n Gk mask eta rho delta c w0 h))).
  set (s := fun t => hexpect K Pk t
      (fun h => clip_gain c (norm n (G (clipped_iter n Gk mask eta rho delta c w0 h))))).
  (* the telescoping and averaging are Core.Recursions': a_t − Linf ≥ 0 and a step bound η²C *)
  set (C := clip_bias_nc c p M (Lc * rho) / eta + Lc * c ^ 2 / 2).
  assert (Hstep : forall t, a (S t) <= a t - eta * s t + eta ^ 2 * C).
  { intros t. unfold a, s. rewrite hexpect_S.
    eapply Rle_trans.
    - apply hexpect_le; [exact Hlaw|]. intros h _. cbn [clipped_iter].
      apply (clipped_descent_expected _ eta rho He Hr).
    - apply Req_le. unfold C.
      rewrite (hexpect_ext K Pk t _ (fun h => 1 * (L (clipped_iter n Gk mask eta rho delta c w0 h)
          + (- eta) * clip_gain c (norm n (G (clipped_iter n Gk mask eta rho delta c w0 h))))
          + (eta * clip_bias_nc c p M (Lc * rho) + Lc * eta ^ 2 * c ^ 2 / 2)))
        by (intros; ring).
      rewrite hexpect_affine, hexpect_add, hexpect_scal by exact Hlaw. field. lra. }
  assert (Hlow : forall t, 0 <= a t - Linf).
  { intros t. enough (Linf <= a t) by lra. unfold a.
    replace Linf with (hexpect K Pk t (fun h => 0 * L (clipped_iter n Gk mask eta rho delta c w0 h) + Linf))
      by (rewrite hexpect_affine by exact Hlaw; ring).
    apply hexpect_le; [exact Hlaw|]. intros h _. rewrite Rmult_0_l, Rplus_0_l. apply HL. }
  assert (Hrec : forall t, a (S t) - Linf <= a t - Linf - eta * s t + eta ^ 2 * C)
    by (intros t; pose proof (Hstep t); lra).
  pose proof (recursion_nonconvex_avg (fun t => a t - Linf) s eta C He Hlow Hrec T HT) as Havg.
  assert (Ha0 : a 0%nat = L w0) by reflexivity.
  assert (HTp : 0 < INR T) by (apply lt_0_INR; exact HT).
  cbv beta in Havg. rewrite Ha0 in Havg. fold s. unfold C in Havg.
  replace (1 / INR T * vsum T s) with (vsum T s / INR T) by (field; lra).
  replace (eta * (clip_bias_nc c p M (Lc * rho) / eta + Lc * c ^ 2 / 2))
    with (clip_bias_nc c p M (Lc * rho) + Lc * eta * c ^ 2 / 2) in Havg by (field; lra).
  lra.
Qed.

End ClippedNonconvex.
