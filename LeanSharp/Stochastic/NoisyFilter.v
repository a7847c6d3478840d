(** * LeanSharp.Stochastic.NoisyFilter — stochastic ZSharp with the noise passing through the filter

    ZSharp's trainer draws a minibatch k and uses ITS gradient everywhere: the mask (and
    with it the z-scores and the quantile threshold), the perturbation ε and the second
    gradient at w + ε all come from the same noisy gradient field G_k. The model:

    - [sample_fields F K], one record over a smooth objective F = (L, G, Lc): a finite law
      p on K outcomes ([FiniteProb.is_law]); per-sample gradient fields G_k : W n → W n
      with mean E_k G_k(v) = G(v) at every v ([mean_field]) and variance
      E_k ‖G_k(v) − G(v)‖² ≤ σ² at every v ([variance_field]); every G_k Lc-Lipschitz
    - [noisy_zsharp_step n eta rho delta Gk mask k w] = w − η G_k(w + ε_k) with
          ε_k = ρ g_f/(‖g_f‖ + δ),  g_f = G_k(w) ⊙ mask(G_k(w))
      (= [Optim.SAM.zsharp_step] run on the sample's own field) — the mask rule is ANY
      function of the noisy gradient, e.g. ZSharp's network rule
      [Filter.NetworkMask.zsharp_net_mask]
    - [additive_field n G ξ] = (k, v) ↦ G(v) + ξ_k: an unbiased oracle with bounded
      variance is an instance ([additive_mean_field], [additive_variance_field],
      [additive_lipschitz])
    - [noisy_iter ... eta rho w0 h]: the iterate after the draws h (newest first), with
      schedules η_t, ρ_t indexed by the step t = length of the history so far
    - [noisy_err ... t] = E‖w_t − w*‖² over the t-fold product law

    Main results (a strongly convex objective [Optim.Objective.strongly_convex_objective]:
    L μ-strongly convex, ∇L = G Lc-Lipschitz, 0 < μ ≤ Lc, G w* = 0; fields over it)
    - [noisy_step_expected]: for 0 < η ≤ 1/Lc, ρ ≥ 0, δ ≥ 0:
          E_k‖w⁺_k − w*‖² ≤ (1 − ημ/2)‖w − w*‖² + (3/2)η²σ² + 3ηLc²ρ²/μ
      (no condition on δ: the statement holds at ZSharp's δ = 1e-12)
    - [noisy_err_recursion]: a_t = E‖w_t − w*‖² satisfies
          a_{t+1} ≤ (1 − η_tμ/2) a_t + (3/2)η_t²σ² + 3η_t Lc²ρ_t²/μ
    - [noisy_constant_ball]: constant η ≤ 1/Lc and ρ:
          E‖w_T − w*‖² ≤ (1 − ημ/2)^T ‖w_0 − w*‖² + 3ησ²/μ + 6Lc²ρ²/μ²
      — geometric decay to an O(ησ² + ρ²) floor
    - [noisy_decaying_rate]: η_t = c/(t + t0), ρ_t² ≤ r η_t (μc/2 > 1, t0 ≥ max(μc/2, cLc)):
          E‖w_T − w*‖² ≤ K/(T + t0),  K = max(t0‖w_0 − w*‖², c²σ'²/(μc/2 − 1)),
          σ'² = (3/2)σ² + 3Lc²r/μ — convergence to the minimiser itself at rate O(1/T) *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec Recursions FiniteProb.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth Objective SAM Cocoercive.
From LeanSharp.Stochastic Require Import StronglyConvexRate.
Import ListNotations.
Open Scope R_scope.

Definition noisy_zsharp_step (n : nat) (eta rho delta : R) (Gk : nat -> W n -> W n)
    (mask : W n -> W n) (k : nat) (w : W n) : W n :=
  zsharp_step n eta rho delta (Gk k) (mask (Gk k w)) w.

Fixpoint noisy_iter (n : nat) (Gk : nat -> W n -> W n) (mask : W n -> W n) (delta : R)
    (eta rho : nat -> R) (w0 : W n) (h : list nat) : W n :=
  match h with
  | nil => w0
  | k :: h' => noisy_zsharp_step n (eta (length h')) (rho (length h')) delta Gk mask k
                 (noisy_iter n Gk mask delta eta rho w0 h')
  end.

Definition mean_field (n K : nat) (p : nat -> R) (Gk : nat -> W n -> W n) (G : W n -> W n) : Prop :=
  forall v i, (i < n)%nat -> expect K p (fun k => Gk k v i) = G v i.

Definition variance_field (n K : nat) (p : nat -> R) (Gk : nat -> W n -> W n) (G : W n -> W n)
    (s2 : R) : Prop :=
  forall v, expect K p (fun k => norm2 n (vsub (Gk k v) (G v))) <= s2.

(** Additive oracle noise G_k(v) = G(v) + ξ_k is an instance of the model. *)
Definition additive_field (n : nat) (G : W n -> W n) (xi : nat -> W n) : nat -> W n -> W n :=
  fun k v => vadd (G v) (xi k).

Lemma additive_mean_field n K p G xi :
  is_law K p -> unbiased n K p xi -> mean_field n K p (additive_field n G xi) G.
Proof.
  intros Hl Hu v i Hi. unfold additive_field, vadd.
  rewrite expect_add, expect_const, (Hu i Hi) by exact Hl. ring.
Qed.

Lemma additive_variance_field n K p G xi s2 :
  bounded_variance n K p xi s2 -> variance_field n K p (additive_field n G xi) G s2.
Proof.
  intros Hv v. eapply Rle_trans; [|exact Hv]. right. apply expect_ext. intros k _.
  apply norm2_ext. intros i _. unfold additive_field, vsub, vadd. ring.
Qed.

Lemma additive_lipschitz n G xi Lc k :
  lipschitz_grad n G Lc -> lipschitz_grad n (additive_field n G xi k) Lc.
Proof.
  intros Hl u v. rewrite (norm_ext n _ (vsub (G u) (G v))) by (intros; unfold additive_field, vsub, vadd; ring).
  apply Hl.
Qed.

(** ** The noisy model: per-sample fields over a smooth objective *)

Record sample_fields {n} (F : smooth_objective n) (K : nat) : Type := SampleFields {
  law : nat -> R;
  field : nat -> W n -> W n;
  variance : R;
  law_is_law : is_law K law;
  field_mean : mean_field n K law field (grad F);
  field_variance : variance_field n K law field (grad F) variance;
  field_lipschitz : forall k, (k < K)%nat -> lipschitz_grad n (field k) (lip F) }.

Arguments SampleFields {n F K}.
Arguments law {n F K}. Arguments field {n F K}. Arguments variance {n F K}.
Arguments law_is_law {n F K}. Arguments field_mean {n F K}. Arguments field_variance {n F K}.
Arguments field_lipschitz {n F K}.

Section Fields.
Context {n K : nat} {F : smooth_objective n} (N : sample_fields F K).

(** The sampling noise at a fixed point is unbiased. *)
Lemma noise_unbiased w : unbiased n K (law N) (fun k => vsub (field N k w) (grad F w)).
Proof.
  intros i Hi. unfold vsub.
  rewrite (expect_ext K (law N) _ (fun k => field N k w i + (-1) * grad F w i)) by (intros; ring).
  rewrite expect_add, (expect_const K (law N) (-1 * grad F w i) (law_is_law N)), (field_mean N) by exact Hi.
  ring.
Qed.

Lemma s2_nonneg : 0 <= variance N.
Proof.
  eapply Rle_trans; [|apply (field_variance N vzero)].
  apply expect_nonneg; [exact (law_is_law N) | intros; apply norm2_nonneg].
Qed.

(** The drawn sample's second gradient moves by at most Lc·ρ:
    ‖G_k(w + ε_k) − G_k(w)‖ ≤ Lc ρ, ε_k = ρ g_f/(‖g_f‖ + δ) with g_f = G_k(w) ⊙ m. *)
Lemma field_perturbed_le k w rho delta m : (k < K)%nat -> 0 <= rho -> 0 <= delta ->
  norm n (vsub (field N k (vadd w (zsharp_eps n rho delta (field N k w) m))) (field N k w))
    <= lip F * rho.
Proof.
  intros Hk Hr Hd. pose proof (lip_pos F).
  eapply Rle_trans; [apply (field_lipschitz N k Hk)|].
  rewrite (norm_ext n _ (zsharp_eps n rho delta (field N k w) m)) by (intros; unfold vsub, vadd; ring).
  apply Rmult_le_compat_l; [lra|]. now apply zsharp_eps_norm_le.
Qed.

End Fields.

(** (x + y)² ≤ (1 + α)x² + (1 + 1/α)y² for α > 0 (Young). *)
Lemma young_sq x y a : 0 < a -> (x + y) ^ 2 <= (1 + a) * x ^ 2 + (1 + / a) * y ^ 2.
Proof.
  intros Ha. assert (0 <= (a * x - y) ^ 2 / a) by (unfold Rdiv; apply Rmult_le_pos; [apply pow2_ge_0 | left; apply Rinv_0_lt_compat; lra]).
  assert ((1 + a) * x ^ 2 + (1 + / a) * y ^ 2 - (x + y) ^ 2 = (a * x - y) ^ 2 / a)
    by (field; lra). lra.
Qed.

Section OneStep.

(** The model: a strongly convex objective O and sample fields N over it; L, G, Lc, μ, w*,
    p, G_k and σ² below are their fields. The mask rule and δ ≥ 0 are free. *)
Context {n K : nat} (O : strongly_convex_objective n) (N : sample_fields O K).
Context (mask : W n -> W n) (delta : R).
Hypothesis Hd : 0 <= delta.
Local Notation L := (loss O). Local Notation G := (grad O). Local Notation Lc := (lip O).
Local Notation mu := (curv O). Local Notation wstar := (minimiser O).
Local Notation p := (law N). Local Notation Gk := (field N). Local Notation s2 := (variance N).
Let Hlaw := law_is_law N. Let Hvar := field_variance N. Let HlipK := field_lipschitz N.
Let Hg := loss_gradient O. Let Hl := grad_lipschitz O. Let Hs := loss_strongly_convex O.
Let Hmu := curv_pos O. Let HmuL := curv_le_lip O. Let H0 := grad_minimiser O.

(** One noisy ZSharp step, in expectation over the draw:
    E_k‖w⁺_k − w*‖² ≤ (1 − ημ/2)‖w − w*‖² + (3/2)η²σ² + 3ηLc²ρ²/μ. *)
Theorem noisy_step_expected (w : W n) eta rho :
  0 < eta <= / Lc -> 0 <= rho ->
  expect K p (fun k => norm2 n (vsub (noisy_zsharp_step n eta rho delta Gk mask k w) wstar))
  <= (1 - eta * mu / 2) * norm2 n (vsub w wstar) + 3 / 2 * eta ^ 2 * s2
     + 3 * eta * Lc ^ 2 * rho ^ 2 / mu.
Proof.
  intros [He0 He1] Hr.
  assert (HLc : 0 < Lc) by lra.
  assert (HeL : eta * mu <= 1).
  { apply Rle_trans with (eta * Lc); [nra|].
    apply (Rmult_le_compat_r Lc) in He1; [|lra]. rewrite Rinv_l in He1; lra. }
  set (a := vsub (vsub w (vscale eta (G w))) wstar).
  set (u := fun k => vadd a (vscale (- eta) (vsub (Gk k w) (G w)))).
  set (al := eta * mu / 2). assert (Hal : 0 < al) by (unfold al; nra).
  (* pointwise: ‖w⁺_k − w*‖ ≤ ‖u_k‖ + ηLcρ, hence the Young bound *)
  assert (Hpt : forall k, (k < K)%nat ->
            norm2 n (vsub (noisy_zsharp_step n eta rho delta Gk mask k w) wstar)
            <= (1 + al) * norm2 n (u k) + (1 + / al) * (eta * Lc * rho) ^ 2).
  { intros k Hk. set (eps := zsharp_eps n rho delta (Gk k w) (mask (Gk k w))).
    set (b := vsub (Gk k (vadd w eps)) (Gk k w)).
    assert (Hb : norm n b <= Lc * rho) by (apply (field_perturbed_le N); assumption).
    assert (Hn : norm n (vsub (noisy_zsharp_step n eta rho delta Gk mask k w) wstar)
                 <= norm n (u k) + eta * Lc * rho).
    { rewrite (norm_ext n _ (vadd (u k) (vscale (- eta) b)))
        by (intros; unfold u, a, b, eps, noisy_zsharp_step, zsharp_step, sam_step, vadd, vsub, vscale; ring).
      eapply Rle_trans; [apply norm_triangle|]. rewrite norm_scale, Rabs_Ropp, Rabs_pos_eq by lra.
      assert (eta * norm n b <= eta * (Lc * rho)) by (apply Rmult_le_compat_l; lra). lra. }
    rewrite !norm2_norm. pose proof (norm_nonneg n (vsub (noisy_zsharp_step n eta rho delta Gk mask k w) wstar)).
    eapply Rle_trans; [|apply young_sq; exact Hal].
    apply pow_incr. lra. }
  eapply Rle_trans; [apply expect_le; [exact Hlaw | exact Hpt]|].
  rewrite expect_add, expect_scal, expect_const by exact Hlaw.
  unfold u. rewrite expect_norm2_shift by (exact Hlaw || apply (noise_unbiased N)).
  pose proof (gd_step_contracts L G mu Lc Hg Hl HLc Hs (Rlt_le _ _ Hmu) w wstar eta H0 (conj He0 He1)) as Ha.
  fold a in Ha. pose proof (Hvar w) as Hv.
  set (e2 := norm2 n (vsub w wstar)) in *. set (v2 := expect K p _) in Hv |- *.
  assert (0 <= e2) by apply norm2_nonneg.
  assert (Hcoef : (1 + al) * (1 - eta * mu) <= 1 - eta * mu / 2) by (unfold al; nra).
  assert (H1 : (1 + al) * (norm2 n a + - eta * - eta * v2)
               <= (1 - eta * mu / 2) * e2 + 3 / 2 * eta ^ 2 * s2).
  { assert (0 <= v2) by (apply expect_nonneg; [exact Hlaw | intros; apply norm2_nonneg]).
    assert ((1 + al) * norm2 n a <= (1 + al) * ((1 - eta * mu) * e2)) by (apply Rmult_le_compat_l; lra).
    assert ((1 + al) * (eta * eta * v2) <= 3 / 2 * (eta * eta * s2)).
    { apply Rmult_le_compat; try nra. unfold al; lra. }
    nra. }
  assert (H2 : (1 + / al) * (eta * Lc * rho) ^ 2 <= 3 * eta * Lc ^ 2 * rho ^ 2 / mu).
  { replace ((1 + / al) * (eta * Lc * rho) ^ 2)
      with (eta * (Lc * rho) ^ 2 * (eta + 2 / mu)) by (unfold al; field; lra).
    replace (3 * eta * Lc ^ 2 * rho ^ 2 / mu) with (eta * (Lc * rho) ^ 2 * (3 / mu)) by (field; repeat split; lra).
    apply Rmult_le_compat_l; [apply Rmult_le_pos; [lra | apply pow2_ge_0]|].
    assert (eta <= / mu).
    { apply (Rmult_le_reg_r mu); [lra|]. rewrite Rinv_l; lra. }
    unfold Rdiv. lra. }
  unfold al in *. lra.
Qed.

(** ** Iterates: the expected squared distance *)

Definition noisy_err (eta rho : nat -> R) (w0 : W n) (t : nat) : R :=
  hexpect K p t (fun h => norm2 n (vsub (noisy_iter n Gk mask delta eta rho w0 h) wstar)).

(** a_{t+1} ≤ (1 − η_tμ/2) a_t + (3/2)η_t²σ² + 3η_t Lc²ρ_t²/μ. *)
Theorem noisy_err_recursion eta rho w0 t :
  (forall t, 0 < eta t <= / Lc) -> (forall t, 0 <= rho t) ->
  noisy_err eta rho w0 (S t)
  <= (1 - eta t * mu / 2) * noisy_err eta rho w0 t + 3 / 2 * eta t ^ 2 * s2
     + 3 * eta t * Lc ^ 2 * rho t ^ 2 / mu.
Proof.
  intros Heta Hrho. unfold noisy_err. rewrite hexpect_S, Rplus_assoc, <- hexpect_affine by exact Hlaw.
  apply hexpect_le; [exact Hlaw|]. intros h Hh. cbn [noisy_iter]. rewrite Hh.
  rewrite <- Rplus_assoc. now apply noisy_step_expected.
Qed.

(** Constant η, ρ: E‖w_T − w*‖² ≤ (1 − ημ/2)^T‖w_0 − w*‖² + 3ησ²/μ + 6Lc²ρ²/μ² —
    geometric decay to an O(ησ² + ρ²) floor, at any δ ≥ 0. *)
Theorem noisy_constant_ball eta rho w0 T :
  0 < eta <= / Lc -> 0 <= rho ->
  noisy_err (fun _ => eta) (fun _ => rho) w0 T
  <= (1 - eta * mu / 2) ^ T * norm2 n (vsub w0 wstar)
     + (3 * eta * s2 / mu + 6 * Lc ^ 2 * rho ^ 2 / mu ^ 2).
Proof.
  intros [He0 He1] Hr. pose proof (s2_nonneg N).
  assert (HeL : eta * mu <= 1).
  { apply Rle_trans with (eta * Lc); [nra|].
    apply (Rmult_le_compat_r Lc) in He1; [|lra]. rewrite Rinv_l in He1; lra. }
  assert (Hem : 0 < eta * mu) by nra.
  replace (3 * eta * s2 / mu + 6 * Lc ^ 2 * rho ^ 2 / mu ^ 2)
    with ((3 / 2 * eta ^ 2 * s2 + 3 * eta * Lc ^ 2 * rho ^ 2 / mu) / (1 - (1 - eta * mu / 2)))
    by (field; repeat split; lra).
  apply (recursion_geometric_noise (noisy_err (fun _ => eta) (fun _ => rho) w0)).
  - nra.
  - assert (0 <= 3 * eta * Lc ^ 2 * rho ^ 2 / mu).
    { unfold Rdiv. apply Rmult_le_pos; [|left; apply Rinv_0_lt_compat; lra].
      repeat apply Rmult_le_pos; try apply pow2_ge_0; lra. }
    assert (0 <= 3 / 2 * eta ^ 2 * s2) by (apply Rmult_le_pos; [nra | lra]). lra.
  - intros t. rewrite <- Rplus_assoc.
    apply (noisy_err_recursion (fun _ => eta) (fun _ => rho) w0 t); intros; lra.
Qed.

(** Decaying η_t = c/(t + t0) and ρ_t² ≤ r η_t (e.g. ρ_t = √(r η_t)): convergence to the
    minimiser itself, E‖w_T − w*‖² ≤ K/(T + t0) with
    K = max(t0‖w_0 − w*‖², c²σ'²/(μc/2 − 1)), σ'² = (3/2)σ² + 3Lc²r/μ. *)
Theorem noisy_decaying_rate c t0 r rho w0 T :
  0 < c -> 1 < mu / 2 * c -> mu / 2 * c <= t0 -> c * Lc <= t0 -> 0 <= r ->
  (forall t, 0 <= rho t) -> (forall t, rho t ^ 2 <= r * one_over_t_step c t0 t) ->
  noisy_err (one_over_t_step c t0) rho w0 T
  <= rm_const (mu / 2) c (3 / 2 * s2 + 3 * Lc ^ 2 * r / mu) t0 (norm2 n (vsub w0 wstar))
     / (INR T + t0).
Proof.
  intros Hc Hmc Ht0 HcL Hr Hrho0 Hrho. pose proof (s2_nonneg N).
  assert (Ht0p : 0 < t0) by nra.
  assert (Heta : forall t, 0 < one_over_t_step c t0 t <= / Lc).
  { intros t. unfold one_over_t_step. pose proof (pos_INR t). split.
    - apply Rdiv_lt_0_compat; lra.
    - apply (Rmult_le_reg_r (INR t + t0)); [lra|]. unfold Rdiv.
      rewrite Rmult_assoc, Rinv_l, Rmult_1_r by lra.
      apply (Rmult_le_reg_l Lc); [lra|]. rewrite <- Rmult_assoc, Rinv_r, Rmult_1_l by lra. nra. }
  apply (recursion_one_over_t (noisy_err (one_over_t_step c t0) rho w0)); try assumption.
  - assert (0 <= 3 * Lc ^ 2 * r / mu).
    { unfold Rdiv. apply Rmult_le_pos; [|left; apply Rinv_0_lt_compat; lra].
      apply Rmult_le_pos; [|lra]. apply Rmult_le_pos; [lra | apply pow2_ge_0]. }
    lra.
  - intros t. eapply Rle_trans; [apply noisy_err_recursion; assumption|].
    set (e := one_over_t_step c t0 t). destruct (Heta t) as [He0 _]. fold e in He0.
    assert (3 * e * Lc ^ 2 * rho t ^ 2 / mu <= e ^ 2 * (3 * Lc ^ 2 * r / mu)).
    { replace (e ^ 2 * (3 * Lc ^ 2 * r / mu)) with (3 * e * Lc ^ 2 * (r * e) / mu) by (field; repeat split; lra).
      unfold Rdiv. apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat; lra|].
      apply Rmult_le_compat_l; [|apply Hrho]. apply Rmult_le_pos; [lra | apply pow2_ge_0]. }
    assert (Hme : mu / 2 * e = e * mu / 2) by field. rewrite Hme. lra.
Qed.

End OneStep.
