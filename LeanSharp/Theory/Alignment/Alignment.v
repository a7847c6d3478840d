(** * LeanSharp.Theory.Alignment.Alignment — the alignment condition and geometric convergence

    The filter (hard thresholding of z-scores) is discontinuous, so smooth-analysis
    arguments cannot be run on the ZSharp update directly.  Instead we isolate the one
    geometric property a step direction needs.

    Definitions
    - [aligned n d w wstar c C]: the direction d at w is (c, C)-aligned with w*, i.e.
          ⟨d, w − w*⟩ ≥ c‖w − w*‖²   and   ‖d‖ ≤ C‖w − w*‖
    - [contraction_factor eta c C] = q = 1 − 2ηc + η²C²

    Main results
    - [aligned_step_contracts]: aligned, η ≥ 0, w⁺ = w − ηd  ⇒
          ‖w⁺ − w*‖² ≤ (1 − 2ηc + η²C²)‖w − w*‖²
    - [aligned_c_le_C]: aligned and w ≠ w* ⇒ c ≤ C   (Cauchy–Schwarz);
      [aligned_at_min_stays]: aligned at w = w* ⇒ d = 0 and the step stays at w*
    - [contraction_factor_lt_1], [contraction_factor_nonneg]:
          0 < c, 0 < η < 2c/C² ⇒ q < 1;   0 ≤ c ≤ C ⇒ q ≥ 0
    - [aligned_geometric]: w_{t+1} = w_t − ηd_t with d_t (c, C)-aligned at w_t for all
          t < T, 0 < c, 0 < η < 2c/C²  ⇒  ‖w_T − w*‖² ≤ q^T ‖w_0 − w*‖²
    - [aligned_converges]: alignment at every t ⇒ ‖w_T − w*‖² → 0 (at rate O(q^T))
    - [curvature_implies_aligned]: G w* = 0, ⟨G w − G w*, w − w*⟩ ≥ μ‖w − w*‖²,
          ‖G w − G w*‖ ≤ L‖w − w*‖  ⇒  d = G w is (μ, L)-aligned at w
    - [strongly_convex_smooth_aligned]: for μ-strongly convex, Lc-smooth L with gradient
          G and critical point w* (G w* = 0), d = G w is (μ, Lc)-aligned at every w
    - [linear_recursion_bound]: a_{t+1} ≤ k a_t + b, 0 ≤ k ≤ 1, 0 ≤ B, b ≤ (1 − k)B
          ⇒ a_T ≤ k^T a_0 + B  (used for the "convergence to a ball" statements)
    - [aligned_vzero_intro]: with w* = 0, alignment is c‖w‖² ≤ ⟨d, w⟩ and ‖d‖ ≤ C‖w‖ *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
Open Scope R_scope.

Definition aligned (n : nat) (d w wstar : W n) (c C : R) : Prop :=
  c * norm2 n (vsub w wstar) <= inner n d (vsub w wstar) /\
  norm n d <= C * norm n (vsub w wstar).

Definition contraction_factor (eta c C : R) : R := 1 - 2 * eta * c + eta * eta * (C * C).

(** The error after a step: e⁺ = e − ηd, where e = w − w* *)
Lemma step_error n w d wstar eta :
  norm2 n (vsub (vsub w (vscale eta d)) wstar) =
  norm2 n (vsub w wstar) - 2 * eta * inner n d (vsub w wstar) + eta * eta * norm2 n d.
Proof.
  rewrite (norm2_ext n _ (vsub (vsub w wstar) (vscale eta d)))
    by (intros; unfold vsub, vscale; ring).
  rewrite norm2_sub, norm2_scale, inner_sym, inner_scale_l. ring.
Qed.

(** ** One step *)

(** Under (c, C)-alignment, one step of length η ≥ 0 multiplies the squared distance to
    the minimiser by at most q = 1 − 2ηc + η²C². *)
Theorem aligned_step_contracts {n} {d w wstar : W n} {c C} eta :
  aligned n d w wstar c C -> 0 <= eta ->
  norm2 n (vsub (vsub w (vscale eta d)) wstar) <=
  contraction_factor eta c C * norm2 n (vsub w wstar).
Proof.
  intros [Hin Hnd] Heta. rewrite step_error. unfold contraction_factor.
  pose proof (norm_nonneg n d). pose proof (norm_nonneg n (vsub w wstar)).
  assert (Hd2 : norm2 n d <= C * C * norm2 n (vsub w wstar)).
  { rewrite <- !norm_sqr. nra. }
  assert (eta * (c * norm2 n (vsub w wstar)) <= eta * inner n d (vsub w wstar)) by nra.
  assert (eta * eta * norm2 n d <= eta * eta * (C * C * norm2 n (vsub w wstar))).
  { apply Rmult_le_compat_l; [nra | exact Hd2]. }
  nra.
Qed.

(** Alignment at a point w ≠ w* forces c ≤ C:  c‖e‖² ≤ ⟨d, e⟩ ≤ ‖d‖‖e‖ ≤ C‖e‖². *)
Lemma aligned_c_le_C n d w wstar c C :
  aligned n d w wstar c C -> 0 < norm2 n (vsub w wstar) -> c <= C.
Proof.
  intros [Hin Hnd] Hpos. pose proof (inner_le_norm n d (vsub w wstar)) as Hcs.
  pose proof (norm_nonneg n (vsub w wstar)) as He.
  rewrite <- norm_sqr in Hin, Hpos.
  assert (0 < norm n (vsub w wstar)) by nra.
  assert (c * norm n (vsub w wstar) <= C * norm n (vsub w wstar)); [nra|].
  apply Rmult_le_reg_r with (norm n (vsub w wstar)); assumption.
Qed.

(** If alignment holds at w = w*, then d = 0 and the step stays at w*. *)
Lemma aligned_at_min_stays n d w wstar c C eta :
  aligned n d w wstar c C -> norm2 n (vsub w wstar) = 0 ->
  norm2 n (vsub (vsub w (vscale eta d)) wstar) = 0.
Proof.
  intros [_ Hnd] H0. rewrite step_error, H0.
  rewrite (norm_eq_0 n _ H0), Rmult_0_r in Hnd.
  assert (Hd : norm n d = 0) by (apply Rle_antisym; [exact Hnd | apply norm_nonneg]).
  pose proof (abs_inner_le_norm n d (vsub w wstar)) as Hi.
  rewrite Hd, Rmult_0_l in Hi. rewrite (norm2_of_norm_0 n d Hd).
  assert (inner n d (vsub w wstar) = 0) as ->; [|ring].
  unfold Rabs in Hi. destruct (Rcase_abs _); lra.
Qed.

(** ** The contraction factor *)

Lemma contraction_factor_lt_1 eta c C :
  0 < c -> 0 < C -> 0 < eta -> eta < 2 * c / (C * C) -> contraction_factor eta c C < 1.
Proof.
  intros Hc HC He Hlt. unfold contraction_factor.
  assert (HC2 : 0 < C * C) by nra.
  assert (eta * (C * C) < 2 * c).
  { apply Rmult_lt_compat_r with (r := C * C) in Hlt; [|exact HC2].
    unfold Rdiv in Hlt. rewrite Rmult_assoc, Rinv_l in Hlt by lra. lra. }
  nra.
Qed.

Lemma contraction_factor_nonneg eta c C :
  0 <= c <= C -> contraction_factor eta c C >= 0.
Proof.
  intros Hc. unfold contraction_factor.
  assert (c * c <= C * C) by nra.
  assert (eta * eta * (c * c) <= eta * eta * (C * C)).
  { apply Rmult_le_compat_l; [apply Rle_0_sqr | assumption]. }
  assert (0 <= (1 - eta * c) * (1 - eta * c)) by apply Rle_0_sqr. nra.
Qed.

(** ** Geometric convergence *)

Section Iteration.
  Variables (n : nat) (w d : nat -> W n) (wstar : W n) (eta c C : R).
  Hypothesis Hstep :
    forall t i, (i < n)%nat -> w (S t) i = w t i - eta * d t i.

  Let e t := norm2 n (vsub (w t) wstar).

  Lemma iter_step_eq t : e (S t) = norm2 n (vsub (vsub (w t) (vscale eta (d t))) wstar).
  Proof. apply norm2_ext. intros i Hi. unfold vsub, vscale. now rewrite Hstep. Qed.

  (** Geometric convergence under alignment: for 0 < c, 0 < η < 2c/C² and d_t
      (c, C)-aligned at w_t for every t < T, ‖w_T − w*‖² ≤ q^T ‖w_0 − w*‖² with
      q = 1 − 2ηc + η²C² ∈ [0, 1) (q ≥ 0 as soon as some w_t ≠ w*, and then c ≤ C). *)
  Theorem aligned_geometric T :
    0 < c -> 0 < C -> 0 < eta -> eta < 2 * c / (C * C) ->
    (forall t, (t < T)%nat -> aligned n (d t) (w t) wstar c C) ->
    norm2 n (vsub (w T) wstar) <= contraction_factor eta c C ^ T * norm2 n (vsub (w 0%nat) wstar).
  Proof.
    intros Hc HC He Hlt Hal. fold (e T) (e 0%nat).
    destruct (Rle_dec c C) as [HcC|HcC].
    - pose proof (contraction_factor_nonneg eta c C (conj (Rlt_le _ _ Hc) HcC)) as Hq.
      induction T as [|T IH]; [simpl; lra|].
      rewrite iter_step_eq.
      eapply Rle_trans; [apply (aligned_step_contracts eta (Hal T ltac:(lia))); lra|].
      fold (e T). simpl. rewrite Rmult_assoc.
      apply Rmult_le_compat_l; [lra|]. apply IH. intros; apply Hal; lia.
    - (* c > C: alignment can only hold at w* itself, so every error is 0 *)
      assert (Hzero : forall t, (t < T)%nat -> e t = 0).
      { intros t Ht. destruct (Req_dec (e t) 0) as [|Hne]; [assumption|].
        exfalso. apply HcC. apply (aligned_c_le_C n (d t) (w t) wstar c C (Hal t Ht)).
        pose proof (norm2_nonneg n (vsub (w t) wstar)). unfold e in Hne. lra. }
      destruct T as [|T]; [simpl; lra|].
      rewrite iter_step_eq, (aligned_at_min_stays n (d T) (w T) wstar c C eta)
        by (apply Hal || apply Hzero; lia).
      rewrite (Hzero 0%nat) by lia. lra.
  Qed.

  (** Convergence: if d_t is (c, C)-aligned at w_t for every t, then ‖w_T − w*‖² → 0. *)
  Corollary aligned_converges :
    0 < c -> 0 < C -> 0 < eta -> eta < 2 * c / (C * C) ->
    (forall t, aligned n (d t) (w t) wstar c C) ->
    forall eps, 0 < eps -> exists N, forall T, (N <= T)%nat -> norm2 n (vsub (w T) wstar) <= eps.
  Proof.
    intros Hc HC He Hlt Hal eps Heps.
    pose proof (norm2_nonneg n (vsub (w 0%nat) wstar)) as H0.
    destruct (Req_dec (e 0%nat) 0) as [Hz|Hnz].
    - exists 0%nat. intros T _.
      eapply Rle_trans; [apply aligned_geometric; auto|]. fold (e 0%nat). rewrite Hz. lra.
    - assert (HcC : c <= C)
        by (apply (aligned_c_le_C n (d 0%nat) (w 0%nat) wstar); [apply Hal | unfold e in Hnz; lra]).
      set (q := contraction_factor eta c C).
      pose proof (contraction_factor_nonneg eta c C (conj (Rlt_le _ _ Hc) HcC)) as Hq0.
      pose proof (contraction_factor_lt_1 eta c C Hc HC He Hlt) as Hq1. fold q in Hq0, Hq1.
      assert (Hpos : 0 < e 0%nat) by (unfold e in *; lra).
      destruct (pow_lt_1_zero q ltac:(rewrite Rabs_right; lra) (eps / e 0%nat)) as [N HN].
      { apply Rdiv_lt_0_compat; lra. }
      exists N. intros T HT. eapply Rle_trans; [apply aligned_geometric; auto|].
      fold q (e 0%nat). specialize (HN T HT).
      rewrite Rabs_right in HN by (apply Rle_ge, pow_le; lra).
      apply Rmult_lt_compat_r with (r := e 0%nat) in HN; [|exact Hpos].
      unfold Rdiv in HN. rewrite Rmult_assoc, Rinv_l, Rmult_1_r in HN; lra.
  Qed.
End Iteration.

(** ** A linear recursion: a_{t+1} ≤ k a_t + b  ⇒  a_T ≤ k^T a_0 + B when b ≤ (1 − k)B *)

Lemma linear_recursion_bound (a : nat -> R) k b B :
  0 <= k <= 1 -> 0 <= B -> b <= (1 - k) * B ->
  (forall t, a (S t) <= k * a t + b) ->
  forall T, a T <= k ^ T * a 0%nat + B.
Proof.
  intros Hk HB HbB Hrec.
  induction T as [|T IH]; simpl; [lra|].
  specialize (Hrec T). assert (k * a T <= k * (k ^ T * a 0%nat + B)) by nra. nra.
Qed.

(** ** A curvature bound implies alignment (hypothesis form)

    If the gradient field G vanishes at w* and satisfies, at w,
    ⟨G w − G w*, w − w*⟩ ≥ μ‖w − w*‖² (strong monotonicity, from μ-strong convexity) and
    ‖G w − G w*‖ ≤ L‖w − w*‖ (L-Lipschitz gradient), then the gradient direction
    d = G w is (μ, L)-aligned at w. *)
Theorem curvature_implies_aligned n (G : W n -> W n) w wstar mu L :
  (forall i, (i < n)%nat -> G wstar i = 0) ->
  mu * norm2 n (vsub w wstar) <= inner n (vsub (G w) (G wstar)) (vsub w wstar) ->
  norm n (vsub (G w) (G wstar)) <= L * norm n (vsub w wstar) ->
  aligned n (G w) w wstar mu L.
Proof.
  intros H0 Hmon Hlip.
  assert (Hg : forall i, (i < n)%nat -> vsub (G w) (G wstar) i = G w i)
    by (intros i Hi; unfold vsub; rewrite (H0 i Hi); ring).
  split.
  - rewrite (inner_ext n (vsub (G w) (G wstar)) (G w) (vsub w wstar) (vsub w wstar)) in Hmon
      by (intros i Hi; split; [apply Hg | reflexivity]; assumption).
    exact Hmon.
  - rewrite (norm_ext n _ (G w) Hg) in Hlip. exact Hlip.
Qed.

(** Alignment with the minimiser w* = 0 reads c‖w‖² ≤ ⟨d, w⟩ and ‖d‖ ≤ C‖w‖. *)
Lemma aligned_vzero_intro n d w c C :
  c * norm2 n w <= inner n d w -> norm n d <= C * norm n w -> aligned n d w vzero c C.
Proof.
  intros H1 H2. unfold aligned.
  assert (He : forall i, (i < n)%nat -> vsub w vzero i = w i)
    by (intros; unfold vsub, vzero; ring).
  rewrite (norm2_ext n _ w He), (norm_ext n _ w He).
  rewrite (inner_ext n d d (vsub w vzero) w) by (intros i Hi; split; [reflexivity | now apply He]).
  split; assumption.
Qed.

Lemma norm2_vsub_vzero n w : norm2 n (vsub w vzero) = norm2 n w.
Proof. apply norm2_ext. intros; unfold vsub, vzero; ring. Qed.

(** A curvature bound implies alignment: if L is μ-strongly convex with gradient field G,
    G is Lc-Lipschitz (L is Lc-smooth) and G w* = 0, then at every w the gradient
    direction d = ∇L(w) is (μ, Lc)-aligned with w*. *)
Theorem strongly_convex_smooth_aligned {n L G mu Lc} :
  strongly_convex n L G mu -> lipschitz_grad n G Lc ->
  forall w wstar : W n, (forall i, (i < n)%nat -> G wstar i = 0) ->
  aligned n (G w) w wstar mu Lc.
Proof.
  intros Hs Hl w wstar H0. apply curvature_implies_aligned; [exact H0 | | apply Hl].
  exact (strongly_convex_monotone Hs w wstar).
Qed.
