(** * LeanSharp.Stochastic.NoisyFilterNonConvex — the non-convex rate of stochastic ZSharp, noise through the filter

    The model of [Stochastic.NoisyFilter]: a smooth objective F = (L, G, Lc) and
    [sample_fields F K] over it, per-sample gradient fields G_k (each Lc-Lipschitz) with
    mean G = ∇L and variance ≤ σ² at every point; the mask, the
    threshold, ε and the second gradient all come from the drawn sample:
        w⁺_k = w − η G_k(w + ε_k),  ε_k = ρ g_f/(‖g_f‖ + δ),  g_f = G_k(w) ⊙ mask(G_k(w)).
    L is Lc-smooth and bounded below by Linf; no convexity.

    Main results (any mask rule, any δ ≥ 0 — so ZSharp's network rule at δ = 1e-12)
    - [noisy_descent_expected]: 0 < η ≤ 1/(4Lc), ρ ≥ 0:
          E_k L(w⁺_k) ≤ L(w) − (η/4)‖∇L(w)‖² + (3/4)ηLc²ρ² + Lcη²σ²
    - [noisy_nonconvex_min]: T ≥ 1 steps of constant η: some t < T has
          E‖∇L(w_t)‖² ≤ 4(L(w_0) − Linf)/(ηT) + 4Lcησ² + 3Lc²ρ²
    - [noisy_nonconvex_rate]: with η = 1/(4Lc√T): some t < T has
          E‖∇L(w_t)‖² ≤ (16Lc(L(w_0) − Linf) + σ²)/√T + 3Lc²ρ²
      — the O(1/√T) + O(ρ²) stationarity bound *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec Recursions FiniteProb.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth Objective SAM.
From LeanSharp.Stochastic Require Import StronglyConvexRate NoisyFilter.
Import ListNotations.
Open Scope R_scope.

Section NonConvex.

Context {n K : nat} (F : smooth_objective n) (N : sample_fields F K).
Context (mask : W n -> W n) (delta Linf : R).
Hypotheses (Hd : 0 <= delta) (Hinf : forall v, Linf <= loss F v).
Local Notation L := (loss F). Local Notation G := (grad F). Local Notation Lc := (lip F).
Local Notation p := (law N). Local Notation Gk := (field N). Local Notation s2 := (variance N).
Let Hlaw := law_is_law N. Let Hvar := field_variance N. Let HlipK := field_lipschitz N.
Let Hg := loss_gradient F. Let Hl := grad_lipschitz F. Let HLc := lip_pos F.
Let noise_unbiased_at w := noise_unbiased N w.

(** E_k L(w⁺_k) ≤ L(w) − (η/4)‖∇L(w)‖² + (3/4)ηLc²ρ² + Lcη²σ². *)
Theorem noisy_descent_expected (w : W n) eta rho :
  0 < eta <= / (4 * Lc) -> 0 <= rho ->
  expect K p (fun k => L (noisy_zsharp_step n eta rho delta Gk mask k w))
  <= L w - eta / 4 * norm2 n (G w) + 3 / 4 * eta * Lc ^ 2 * rho ^ 2 + Lc * eta ^ 2 * s2.
Proof.
  intros [He0 He1] Hr.
  assert (HeL : eta * Lc <= / 4).
  { apply (Rmult_le_compat_r Lc) in He1; [|lra].
    replace (/ (4 * Lc) * Lc) with (/ 4) in He1 by (field; lra). exact He1. }
  set (g := G w). set (xi := fun k => vsub (Gk k w) g).
  set (gx := fun k => vadd g (vscale 1 (xi k))).
  set (c := norm n g * (Lc * rho)).
  assert (Hpt : forall k, (k < K)%nat ->
            L (noisy_zsharp_step n eta rho delta Gk mask k w)
            <= L w - eta * (norm2 n g + inner n g (xi k)) + eta * c
               + Lc * eta ^ 2 * (norm2 n (gx k) + Lc ^ 2 * rho ^ 2)).
  { intros k Hk. set (eps := zsharp_eps n rho delta (Gk k w) (mask (Gk k w))).
    set (b := vsub (Gk k (vadd w eps)) (Gk k w)).
    assert (Hb : norm n b <= Lc * rho) by (apply (field_perturbed_le N); assumption).
    assert (Hdk : forall i, (i < n)%nat -> Gk k (vadd w eps) i = vadd (gx k) b i)
      by (intros; unfold gx, xi, b, vadd, vsub, vscale; ring).
    pose proof (descent_lemma_step Hg Hl eta w (Gk k (vadd w eps))) as H.
    unfold noisy_zsharp_step, zsharp_step, sam_step. fold g in H. fold eps.
    rewrite (inner_ext n g g _ (vadd (gx k) b)) in H by (intros i Hi; split; [reflexivity | now apply Hdk]).
    rewrite (norm2_ext n _ (vadd (gx k) b) Hdk) in H.
    assert (Hin : inner n g (vadd (gx k) b) >= norm2 n g + inner n g (xi k) - c).
    { rewrite inner_sym, inner_add_l, (inner_sym n b). unfold gx.
      rewrite inner_add_l, inner_scale_l, (inner_sym n (xi k)). fold (norm2 n g).
      pose proof (abs_inner_le_norm n g b). pose proof (norm_nonneg n g).
      assert (norm n g * norm n b <= c) by (apply Rmult_le_compat_l; lra).
      apply Rabs_def2b in H0 || idtac. unfold Rabs in *. destruct (Rcase_abs _); lra. }
    assert (Hn2 : norm2 n (vadd (gx k) b) <= 2 * norm2 n (gx k) + 2 * (Lc ^ 2 * rho ^ 2)).
    { rewrite !norm2_norm. eapply Rle_trans; [apply pow_incr; split; [apply norm_nonneg | apply norm_triangle]|].
      pose proof (norm_nonneg n b).
      assert (Hb2 : norm n b ^ 2 <= Lc ^ 2 * rho ^ 2)
        by (replace (Lc ^ 2 * rho ^ 2) with ((Lc * rho) ^ 2) by ring; apply pow_incr; lra).
      pose proof (young_sq (norm n (gx k)) (norm n b) 1 Rlt_0_1) as Hy. rewrite Rinv_1 in Hy. lra. }
    assert (Lc * eta ^ 2 / 2 * norm2 n (vadd (gx k) b)
            <= Lc * eta ^ 2 * (norm2 n (gx k) + Lc ^ 2 * rho ^ 2)).
    { apply Rle_trans with (Lc * eta ^ 2 / 2 * (2 * norm2 n (gx k) + 2 * (Lc ^ 2 * rho ^ 2))).
      - apply Rmult_le_compat_l; [|exact Hn2]. apply Rmult_le_pos; [nra | lra].
      - right. field. }
    nra. }
  eapply Rle_trans; [apply expect_le; [exact Hlaw | exact Hpt]|].
  rewrite !expect_add, expect_scal.
  rewrite (expect_ext K p (fun k => L w - eta * (norm2 n g + inner n g (xi k)))
             (fun k => (L w - eta * norm2 n g) + (- eta) * inner n g (xi k))) by (intros; ring).
  rewrite expect_add, expect_scal, expect_inner_noise by apply noise_unbiased_at.
  rewrite (expect_ext K p (fun k => Lc * eta ^ 2 * (norm2 n (gx k) + Lc ^ 2 * rho ^ 2))
             (fun k => Lc * eta ^ 2 * norm2 n (gx k) + Lc * eta ^ 2 * (Lc ^ 2 * rho ^ 2))) by (intros; ring).
  rewrite expect_add, expect_scal. unfold gx.
  rewrite expect_norm2_shift by (exact Hlaw || apply noise_unbiased_at).
  rewrite !expect_const by exact Hlaw.
  set (v2 := expect K p (fun k => norm2 n (xi k))).
  assert (Hv2 : v2 <= s2) by exact (Hvar w).
  assert (Hc : eta * c <= eta * (norm2 n g / 2 + Lc ^ 2 * rho ^ 2 / 2)).
  { apply Rmult_le_compat_l; [lra|]. unfold c. rewrite <- norm_sqr. pose proof (pow2_ge_0 (norm n g - Lc * rho)). nra. }
  assert (Lc * eta ^ 2 * (1 * 1 * v2) <= Lc * eta ^ 2 * s2) by (apply Rmult_le_compat_l; nra).
  assert (Lc * eta ^ 2 * norm2 n g <= eta / 4 * norm2 n g).
  { pose proof (norm2_nonneg n g). replace (Lc * eta ^ 2) with (eta * (eta * Lc)) by ring.
    replace (eta / 4) with (eta * / 4) by (unfold Rdiv; ring).
    apply Rmult_le_compat_r; [lra|]. apply Rmult_le_compat_l; lra. }
  assert (Lc * eta ^ 2 * (Lc ^ 2 * rho ^ 2) <= / 4 * eta * Lc ^ 2 * rho ^ 2).
  { replace (Lc * eta ^ 2 * (Lc ^ 2 * rho ^ 2)) with (eta * Lc * (eta * Lc ^ 2 * rho ^ 2)) by ring.
    replace (/ 4 * eta * Lc ^ 2 * rho ^ 2) with (/ 4 * (eta * Lc ^ 2 * rho ^ 2)) by ring.
    apply Rmult_le_compat_r; [|lra]. apply Rmult_le_pos; [|nra]. apply Rmult_le_pos; nra. }
  nra.
Qed.

(** ** T steps with constant η, ρ *)

Definition noisy_gap (eta rho : R) (w0 : W n) (t : nat) : R :=
  hexpect K p t (fun h => L (noisy_iter n Gk mask delta (fun _ => eta) (fun _ => rho) w0 h) - Linf).

Definition noisy_grad2 (eta rho : R) (w0 : W n) (t : nat) : R :=
  hexpect K p t (fun h => norm2 n (G (noisy_iter n Gk mask delta (fun _ => eta) (fun _ => rho) w0 h))).

Lemma noisy_gap_recursion eta rho w0 t :
  0 < eta <= / (4 * Lc) -> 0 <= rho ->
  noisy_gap eta rho w0 (S t)
  <= noisy_gap eta rho w0 t - eta * (noisy_grad2 eta rho w0 t / 4 - 3 / 4 * Lc ^ 2 * rho ^ 2)
     + eta ^ 2 * (Lc * s2).
Proof.
  intros He Hr. unfold noisy_gap, noisy_grad2. rewrite hexpect_S.
  set (w := noisy_iter n Gk mask delta (fun _ => eta) (fun _ => rho) w0).
  set (c := 3 / 4 * eta * Lc ^ 2 * rho ^ 2 + Lc * eta ^ 2 * s2).
  apply Rle_trans with (hexpect K p t (fun h => (L (w h) - Linf) + (- (eta / 4) * norm2 n (G (w h)) + c))).
  - apply hexpect_le; [exact Hlaw|]. intros h Hh. unfold w. cbn [noisy_iter]. fold w.
    rewrite (expect_ext K p _ (fun k => L (noisy_zsharp_step n eta rho delta Gk mask k (w h)) + - Linf))
      by (intros; ring).
    rewrite expect_add, expect_const by exact Hlaw.
    pose proof (noisy_descent_expected (w h) eta rho He Hr). unfold c. lra.
  - rewrite hexpect_add, hexpect_affine by exact Hlaw. unfold c. lra.
Qed.

(** Some t < T has E‖∇L(w_t)‖² ≤ 4(L(w_0) − Linf)/(ηT) + 4Lcησ² + 3Lc²ρ². *)
Theorem noisy_nonconvex_min eta rho w0 T :
  0 < eta <= / (4 * Lc) -> 0 <= rho -> (0 < T)%nat ->
  exists t, (t < T)%nat /\
    noisy_grad2 eta rho w0 t <= 4 * (L w0 - Linf) / (eta * INR T) + 4 * Lc * eta * s2 + 3 * Lc ^ 2 * rho ^ 2.
Proof.
  intros He Hr HT.
  destruct (recursion_nonconvex_min (noisy_gap eta rho w0)
              (fun t => noisy_grad2 eta rho w0 t / 4 - 3 / 4 * Lc ^ 2 * rho ^ 2) eta (Lc * s2)
              (proj1 He)
              ltac:(intros; apply hexpect_nonneg; [exact Hlaw | intros; specialize (Hinf (noisy_iter n Gk mask delta (fun _ => eta) (fun _ => rho) w0 h)); lra])
              ltac:(intros; now apply noisy_gap_recursion) T HT) as [t [Ht Hb]].
  exists t. split; [exact Ht|]. unfold noisy_gap in Hb. simpl in Hb. lra.
Qed.

(** With η = 1/(4Lc√T): some t < T has
    E‖∇L(w_t)‖² ≤ (16Lc(L(w_0) − Linf) + σ²)/√T + 3Lc²ρ². *)
Theorem noisy_nonconvex_rate rho w0 T :
  0 <= rho -> (0 < T)%nat ->
  exists t, (t < T)%nat /\
    noisy_grad2 (/ (4 * Lc * sqrt (INR T))) rho w0 t
    <= (16 * Lc * (L w0 - Linf) + s2) / sqrt (INR T) + 3 * Lc ^ 2 * rho ^ 2.
Proof.
  intros Hr HT. pose proof (lt_0_INR _ HT) as HTr.
  pose proof (sqrt_lt_R0 _ HTr) as Hs. pose proof (sqrt_sqrt _ (Rlt_le _ _ HTr)) as Hss.
  assert (Hs1 : 1 <= sqrt (INR T)).
  { rewrite <- sqrt_1. apply sqrt_le_1_alt. apply (le_INR 1). lia. }
  destruct (noisy_nonconvex_min (/ (4 * Lc * sqrt (INR T))) rho w0 T) as [t [Ht Hb]]; try assumption.
  - split; [apply Rinv_0_lt_compat; nra|]. apply Rinv_le_contravar; nra.
  - exists t. split; [exact Ht|]. eapply Rle_trans; [exact Hb|]. right.
    set (s := sqrt (INR T)) in *. rewrite <- Hss. field. lra.
Qed.

End NonConvex.
