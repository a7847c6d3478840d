(** * LeanSharp.Stochastic.StronglyConvexRate — O(1/T) expected convergence of stochastic (filtered) SAM

    The stochastic step at w with outcome k of a finite law p on K outcomes is
        w⁺_k = w − η (D(w) + ξ_k),
    where D is a deterministic direction field (for ZSharp: D(w) = ∇L(w + ε(w)),
    ε = ρ·g_f/(‖g_f‖ + δ), g_f = ∇L(w) ⊙ m(w)) and ξ is an unbiased oracle noise.
    Iterating over T steps, the iterate w_T is a function of the history (k_0, …, k_{T−1})
    of independent draws; [hexpect T] is the expectation over the T-fold product law.

    Definitions
    - [stoch_step n eta D w x] = w − η(D(w) + x)
    - [sgd_iter n xi D eta w0 h]: the iterate after the history h (newest draw first),
          w_{t+1} = w_t − η_t (D(w_t) + ξ_{k_t})
    - [hexpect K p t f]: expectation of f over histories of length t (product law)
    - [zsharp_field n rho delta G mask] = w ↦ G(w + ε(w)), the filtered SAM direction

    Main results
    - [expected_step_aligned]: D(w) (c, C)-aligned at w, oracle with variance ≤ σ², η ≥ 0 ⇒
          E_k ‖w⁺_k − w*‖² ≤ (1 − 2ηc + η²C²)‖w − w*‖² + η²σ²
    - [expected_error_recursion]: a_t = E‖w_t − w*‖² satisfies
          a_{t+1} ≤ (1 − 2η_t c + η_t²C²) a_t + η_t²σ²
    - [rate_of_expected_recursion]: any a_t ≥ 0 with that recursion, η_t = k/(t + t0),
          ck > 1, kC² ≤ c·t0, ck ≤ t0  ⇒  a_T ≤ K/(T + t0), K = max(t0 a_0, k²σ²/(ck − 1))
    - [sgd_rate_one_over_t]: hence E‖w_T − w*‖² ≤ K/(T + t0) = O(1/T)
    - [sgd_geometric_deterministic]: σ² = 0, constant η ⇒ E‖w_T − w*‖² ≤ q^T‖w_0 − w*‖²
    - [sgd_constant_step_ball]: constant η, q < 1 ⇒ E‖w_T − w*‖² ≤ q^T‖w_0 − w*‖² + η²σ²/(1 − q)
    - [zsharp_field_aligned]: L μ-strongly convex, ∇L Lc-Lipschitz, ∇L vanishes at w*, masks 0/1,
          δ > 0 ⇒ the filtered SAM direction is (μ − Lc²ρ/δ, Lc(1 + Lcρ/δ))-aligned
    - [zsharp_sgd_rate_one_over_t]: stochastic ZSharp with η_t = k/(t + t0) on such an L
          (ρLc² < μδ) has E‖w_T − w*‖² = O(1/T) *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec Recursions FiniteProb.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import SAM Smooth.
From LeanSharp.Theory.Alignment Require Import Alignment.
Open Scope R_scope.

Definition stoch_step (n : nat) (eta : R) (D : W n -> W n) (w x : W n) : W n :=
  vsub w (vscale eta (vadd (D w) x)).

Fixpoint sgd_iter (n : nat) (xi : nat -> W n) (D : W n -> W n) (eta : nat -> R) (w0 : W n)
  (h : list nat) : W n :=
  match h with
  | nil => w0
  | k :: h' => stoch_step n (eta (length h')) D (sgd_iter n xi D eta w0 h') (xi k)
  end.

Fixpoint hexpect (K : nat) (p : nat -> R) (t : nat) (f : list nat -> R) : R :=
  match t with
  | O => f nil
  | S t' => hexpect K p t' (fun h => expect K p (fun k => f (k :: h)))
  end.

(** ** Expectation over histories *)

Lemma hexpect_S K p t f :
  hexpect K p (S t) f = hexpect K p t (fun h => expect K p (fun k => f (k :: h))).
Proof. reflexivity. Qed.

Lemma hexpect_le K p t f g :
  is_law K p -> (forall h, length h = t -> f h <= g h) -> hexpect K p t f <= hexpect K p t g.
Proof.
  intros Hl. revert f g. induction t as [|t IH]; intros f g H; simpl; [now apply H|].
  apply IH. intros h Hh. apply expect_le; [exact Hl|]. intros k _. apply H. simpl. lia.
Qed.

Lemma hexpect_ext K p t f g : (forall h, f h = g h) -> hexpect K p t f = hexpect K p t g.
Proof.
  revert f g. induction t as [|t IH]; intros f g H; simpl; [apply H|].
  apply IH. intros h. apply expect_ext. intros k _. apply H.
Qed.

Lemma hexpect_add K p t f g :
  hexpect K p t (fun h => f h + g h) = hexpect K p t f + hexpect K p t g.
Proof.
  revert f g. induction t as [|t IH]; intros f g; simpl; [reflexivity|].
  rewrite <- IH. apply hexpect_ext. intros h. apply expect_add.
Qed.

Lemma hexpect_scal K p t c f : hexpect K p t (fun h => c * f h) = c * hexpect K p t f.
Proof.
  revert f. induction t as [|t IH]; intros f; simpl; [reflexivity|].
  rewrite <- IH. apply hexpect_ext. intros h. apply expect_scal.
Qed.

Lemma hexpect_affine K p t f a b :
  is_law K p -> hexpect K p t (fun h => a * f h + b) = a * hexpect K p t f + b.
Proof.
  intros Hl. revert f. induction t as [|t IH]; intros f; simpl; [reflexivity|].
  rewrite <- IH. apply hexpect_ext. intros h.
  rewrite expect_add, expect_scal, expect_const by exact Hl. reflexivity.
Qed.

Lemma hexpect_nonneg K p t f : is_law K p -> (forall h, 0 <= f h) -> 0 <= hexpect K p t f.
Proof.
  intros Hl H. replace 0 with (hexpect K p t (fun h => 0 * f h + 0)).
  - apply hexpect_le; [exact Hl|]. intros h _. rewrite Rmult_0_l, Rplus_0_l. apply H.
  - rewrite hexpect_affine by exact Hl. ring.
Qed.

(** ** One step in expectation *)

(** For a deterministic w whose direction D(w) is (c, C)-aligned and an unbiased oracle
    with E‖ξ‖² ≤ σ²:  E_k ‖w − η(D(w) + ξ_k) − w*‖² ≤ (1 − 2ηc + η²C²)‖w − w*‖² + η²σ². *)
Theorem expected_step_aligned n K p xi s2 D (w wstar : W n) c C eta :
  oracle n K p xi s2 -> aligned n (D w) w wstar c C -> 0 <= eta ->
  expect K p (fun k => norm2 n (vsub (stoch_step n eta D w (xi k)) wstar))
  <= contraction_factor eta c C * norm2 n (vsub w wstar) + eta ^ 2 * s2.
Proof.
  intros [Hl [Hu Hv]] Hal He.
  rewrite (expect_ext K p _ (fun k => norm2 n (vadd (vsub (vsub w (vscale eta (D w))) wstar)
                                                   (vscale (- eta) (xi k))))).
  - rewrite expect_norm2_shift by assumption.
    pose proof (aligned_step_contracts eta Hal He).
    unfold bounded_variance in Hv.
    assert (- eta * - eta * expect K p (fun k => norm2 n (xi k)) <= eta ^ 2 * s2)
      by (replace (- eta * - eta) with (eta ^ 2) by ring;
          apply Rmult_le_compat_l; [apply pow2_ge_0 | exact Hv]).
    lra.
  - intros k _. apply norm2_ext. intros i _. unfold stoch_step, vsub, vadd, vscale. ring.
Qed.

Section Iterates.
  Variables (n K : nat) (p : nat -> R) (xi : nat -> W n) (s2 : R) (D : W n -> W n)
            (eta : nat -> R) (w0 wstar : W n) (c C : R).
  Hypothesis Horacle : oracle n K p xi s2.
  Hypothesis Hal : forall w, aligned n (D w) w wstar c C.
  Hypothesis Heta : forall t, 0 <= eta t.

  (** a_t = E‖w_t − w*‖² over the t first draws. *)
  Definition err (t : nat) : R :=
    hexpect K p t (fun h => norm2 n (vsub (sgd_iter n xi D eta w0 h) wstar)).

  Lemma err_nonneg t : 0 <= err t.
  Proof.
    destruct Horacle as [Hl _]. apply hexpect_nonneg; [exact Hl|]. intros; apply norm2_nonneg.
  Qed.

  Lemma err_0 : err 0 = norm2 n (vsub w0 wstar).
  Proof. reflexivity. Qed.

  (** The expected error recursion a_{t+1} ≤ q(η_t) a_t + η_t²σ². *)
  Theorem expected_error_recursion t :
    err (S t) <= contraction_factor (eta t) c C * err t + eta t ^ 2 * s2.
  Proof.
    destruct Horacle as [Hl _]. unfold err. rewrite hexpect_S.
    rewrite <- hexpect_affine by exact Hl.
    apply hexpect_le; [exact Hl|]. intros h Hh. simpl sgd_iter. rewrite Hh.
    apply expected_step_aligned; [exact Horacle | apply Hal | apply Heta].
  Qed.
End Iterates.

(** ** From the recursion to the rate *)

(** Any a_t ≥ 0 with a_{t+1} ≤ (1 − 2η_t c + η_t²C²)a_t + η_t²σ², η_t = k/(t + t0),
    ck > 1, kC² ≤ c·t0 and ck ≤ t0, satisfies a_T ≤ K/(T + t0), K = max(t0 a_0, k²σ²/(ck − 1)). *)
Theorem rate_of_expected_recursion (a : nat -> R) c C k t0 s2 :
  0 < c -> 0 < k -> 1 < c * k -> k * (C * C) <= c * t0 -> c * k <= t0 -> 0 <= s2 ->
  (forall t, 0 <= a t) ->
  (forall t, a (S t) <= contraction_factor (one_over_t_step k t0 t) c C * a t
                        + one_over_t_step k t0 t ^ 2 * s2) ->
  forall T, a T <= rm_const c k s2 t0 (a 0%nat) / (INR T + t0).
Proof.
  intros Hc Hk Hck HkC Ht0 Hs2 Ha Hrec.
  apply recursion_one_over_t; try assumption.
  intros t. eapply Rle_trans; [apply Hrec|]. apply Rplus_le_compat_r.
  apply Rmult_le_compat_r; [apply Ha|]. unfold contraction_factor.
  set (e := one_over_t_step k t0 t).
  assert (He : 0 < e).
  { unfold e, one_over_t_step. pose proof (pos_INR t). apply Rdiv_lt_0_compat; nra. }
  assert (HeC : e * (C * C) <= c).
  { assert (e <= k / t0).
    { unfold e, one_over_t_step. pose proof (pos_INR t). unfold Rdiv.
      apply Rmult_le_compat_l; [lra|]. apply Rinv_le_contravar; nra. }
    assert (Hkt : k / t0 * (C * C) <= c).
    { assert (0 < t0) by nra. apply (Rmult_le_reg_r t0); [lra|].
      replace (k / t0 * (C * C) * t0) with (k * (C * C)) by (field; lra). lra. }
    assert (e * (C * C) <= k / t0 * (C * C)) by (apply Rmult_le_compat_r; nra).
    lra. }
  assert (e * (e * (C * C)) <= e * c) by (apply Rmult_le_compat_l; lra).
  nra.
Qed.

(** O(1/T) expected convergence of the stochastic iteration with η_t = k/(t + t0):
    E‖w_T − w*‖² ≤ max(t0‖w_0 − w*‖², k²σ²/(ck − 1)) / (T + t0). *)
Theorem sgd_rate_one_over_t n K p xi s2 D (w0 wstar : W n) c C k t0 :
  oracle n K p xi s2 -> (forall w, aligned n (D w) w wstar c C) ->
  0 < c -> 0 < k -> 1 < c * k -> k * (C * C) <= c * t0 -> c * k <= t0 -> 0 <= s2 ->
  forall T, err n K p xi D (one_over_t_step k t0) w0 wstar T
            <= rm_const c k s2 t0 (norm2 n (vsub w0 wstar)) / (INR T + t0).
Proof.
  intros Ho Hal Hc Hk Hck HkC Ht0 Hs2.
  assert (Heta : forall t, 0 <= one_over_t_step k t0 t).
  { intros t. unfold one_over_t_step. pose proof (pos_INR t).
    left. apply Rdiv_lt_0_compat; nra. }
  rewrite <- (err_0 n K p xi D (one_over_t_step k t0) w0 wstar).
  apply (rate_of_expected_recursion _ c C); try assumption.
  - intros t. eapply err_nonneg; exact Ho.
  - intros t. apply expected_error_recursion with (s2 := s2); assumption.
Qed.

(** Deterministic case σ² = 0, constant η: geometric convergence. *)
Theorem sgd_geometric_deterministic n K p xi D (w0 wstar : W n) c C eta :
  oracle n K p xi 0 -> (forall w, aligned n (D w) w wstar c C) -> 0 <= eta -> 0 <= c <= C ->
  forall T, err n K p xi D (fun _ => eta) w0 wstar T
            <= contraction_factor eta c C ^ T * norm2 n (vsub w0 wstar).
Proof.
  intros Ho Hal He HcC. rewrite <- (err_0 n K p xi D (fun _ => eta) w0 wstar).
  apply recursion_geometric.
  - pose proof (contraction_factor_nonneg eta c C HcC). lra.
  - intros t. pose proof (expected_error_recursion n K p xi 0 D (fun _ => eta) w0 wstar c C
                            Ho Hal (fun _ => He) t). lra.
Qed.

(** Constant η with noise: convergence to a ball of radius² η²σ²/(1 − q). *)
Theorem sgd_constant_step_ball n K p xi s2 D (w0 wstar : W n) c C eta :
  oracle n K p xi s2 -> (forall w, aligned n (D w) w wstar c C) -> 0 <= eta -> 0 <= c <= C ->
  0 <= s2 -> contraction_factor eta c C < 1 ->
  forall T, err n K p xi D (fun _ => eta) w0 wstar T
            <= contraction_factor eta c C ^ T * norm2 n (vsub w0 wstar)
               + eta ^ 2 * s2 / (1 - contraction_factor eta c C).
Proof.
  intros Ho Hal He HcC Hs2 Hq. rewrite <- (err_0 n K p xi D (fun _ => eta) w0 wstar).
  apply recursion_geometric_noise.
  - pose proof (contraction_factor_nonneg eta c C HcC). lra.
  - apply Rmult_le_pos; [apply pow2_ge_0 | exact Hs2].
  - intros t. apply (expected_error_recursion n K p xi s2 D (fun _ => eta) w0 wstar c C
                       Ho Hal (fun _ => He) t).
Qed.

(** ** The filtered SAM direction on a strongly convex smooth loss *)

Definition zsharp_field (n : nat) (rho delta : R) (G : W n -> W n) (mask : W n -> W n) : W n -> W n :=
  fun w => G (vadd w (zsharp_eps n rho delta (G w) (mask w))).

(** ‖ε‖ ≤ (ρ/δ)‖g ⊙ m‖ for the stabilised perturbation (δ > 0). *)
Lemma zsharp_eps_norm_le_ratio n rho delta g m :
  0 <= rho -> 0 < delta -> norm n (zsharp_eps n rho delta g m) <= rho / delta * norm n (hadamard g m).
Proof.
  intros Hr Hd. unfold zsharp_eps, sam_eps. rewrite norm_scale.
  set (x := norm n (hadamard g m)). assert (Hx : 0 <= x) by apply norm_nonneg.
  rewrite Rabs_pos_eq by (apply Rle_mult_inv_pos; lra).
  apply Rmult_le_compat_r; [exact Hx|]. unfold Rdiv. apply Rmult_le_compat_l; [exact Hr|].
  apply Rinv_le_contravar; lra.
Qed.

(** Strong convexity (μ) + Lc-Lipschitz gradient + ∇L vanishes at w* + 0/1 masks + δ > 0:
    D(w) = ∇L(w + ε(w)) is (μ − Lc²ρ/δ, Lc(1 + Lcρ/δ))-aligned at every w. *)
Section ZSharpField.
(** μ-strong convexity and an Lc-Lipschitz gradient (Lc ≥ 0), with {n L G mu Lc} implicit. *)
Context {n : nat} {L : W n -> R} {G : W n -> W n} {mu Lc : R}.
Hypotheses (Hsc : strongly_convex n L G mu) (Hlip : lipschitz_grad n G Lc) (HL : 0 <= Lc).

Theorem zsharp_field_aligned rho delta mask (w wstar : W n) :
  0 <= rho -> 0 < delta ->
  (forall i, (i < n)%nat -> G wstar i = 0) -> is_mask n (mask w) ->
  aligned n (zsharp_field n rho delta G mask w) w wstar
          (mu - Lc * Lc * rho / delta) (Lc * (1 + Lc * rho / delta)).
Proof.
  intros Hr Hd H0 Hm. unfold aligned, zsharp_field.
  pose proof (strongly_convex_at_min Hsc w wstar H0) as Hmin.
  set (e := vsub w wstar) in *. set (eps := zsharp_eps n rho delta (G w) (mask w)).
  assert (Hx : 0 <= norm n e) by apply norm_nonneg.
  assert (HGw : norm n (G w) <= Lc * norm n e).
  { rewrite <- (norm_ext n (vsub (G w) (G wstar)) (G w))
      by (intros i Hi; unfold vsub; rewrite (H0 i Hi); ring). unfold e. apply Hlip. }
  assert (Heps : norm n eps <= rho / delta * Lc * norm n e).
  { eapply Rle_trans; [apply zsharp_eps_norm_le_ratio; assumption|].
    rewrite Rmult_assoc. apply Rmult_le_compat_l; [apply Rle_mult_inv_pos; lra|].
    eapply Rle_trans; [apply norm_filtered_le; exact Hm | exact HGw]. }
  assert (Hdiff : norm n (vsub (G (vadd w eps)) (G w)) <= Lc * (rho / delta * Lc * norm n e)).
  { eapply Rle_trans; [apply Hlip|]. apply Rmult_le_compat_l; [exact HL|].
    rewrite (norm_ext n (vsub (vadd w eps) w) eps) by (intros i _; unfold vsub, vadd; ring).
    exact Heps. }
  set (x := norm n e) in *. split.
  - pose proof (abs_inner_le_norm n (vsub (G (vadd w eps)) (G w)) e) as Hcs.
    rewrite inner_sub_l in Hcs. fold x in Hcs.
    pose proof (RRle_abs (- (inner n (G (vadd w eps)) e - inner n (G w) e))) as Hneg.
    rewrite Rabs_Ropp in Hneg.
    assert (Hn2 : norm2 n e = x * x) by (unfold x; symmetry; apply norm_sqr).
    rewrite Hn2 in Hmin |- *.
    assert (norm n (vsub (G (vadd w eps)) (G w)) * x <= Lc * (rho / delta * Lc * x) * x)
      by (apply Rmult_le_compat_r; assumption).
    assert (Heq : (mu - Lc * Lc * rho / delta) * (x * x)
                  = mu * (x * x) - Lc * (rho / delta * Lc * x) * x) by (field; lra).
    lra.
  - rewrite (norm_ext n (G (vadd w eps)) (vadd (vsub (G (vadd w eps)) (G w)) (G w)))
      by (intros i _; unfold vsub, vadd; ring).
    eapply Rle_trans; [apply norm_triangle|].
    assert (Heq : Lc * (1 + Lc * rho / delta) * x = Lc * (rho / delta * Lc * x) + Lc * x)
      by (field; lra).
    lra.
Qed.

(** O(1/T) for stochastic ZSharp on a μ-strongly convex, Lc-smooth loss: with
    c = μ − Lc²ρ/δ > 0, C = Lc(1 + Lcρ/δ), η_t = k/(t + t0), ck > 1, kC² ≤ c·t0, ck ≤ t0,
    E‖w_T − w*‖² ≤ max(t0‖w_0 − w*‖², k²σ²/(ck − 1)) / (T + t0). *)
Theorem zsharp_sgd_rate_one_over_t K p xi s2 rho delta mask (w0 wstar : W n) k t0 :
  oracle n K p xi s2 -> 0 <= rho -> 0 < delta -> (forall i, (i < n)%nat -> G wstar i = 0) ->
  (forall w, is_mask n (mask w)) -> 0 < mu - Lc * Lc * rho / delta -> 0 < k ->
  1 < (mu - Lc * Lc * rho / delta) * k ->
  k * (Lc * (1 + Lc * rho / delta) * (Lc * (1 + Lc * rho / delta)))
    <= (mu - Lc * Lc * rho / delta) * t0 ->
  (mu - Lc * Lc * rho / delta) * k <= t0 -> 0 <= s2 ->
  forall T, err n K p xi (zsharp_field n rho delta G mask) (one_over_t_step k t0) w0 wstar T
            <= rm_const (mu - Lc * Lc * rho / delta) k s2 t0 (norm2 n (vsub w0 wstar))
               / (INR T + t0).
Proof.
  intros Ho Hr Hd H0 Hm Hc Hk Hck HkC Ht0 Hs2.
  apply (sgd_rate_one_over_t n K p xi s2 _ w0 wstar _ (Lc * (1 + Lc * rho / delta)));
    try assumption.
  intros w. apply zsharp_field_aligned; auto.
Qed.

End ZSharpField.
