(** * LeanSharp.Theory.Dynamics.FixedRhoFloor — with a fixed ρ > 0, SAM does not reach the minimiser

    Setting: the bowl L(w) = ½‖w‖² (gradient G(w) = w, minimiser 0), a step 0 < η < 1, a
    fixed radius ρ > 0, a stabiliser δ ≥ 0 and ANY 0/1 mask rule; the step is ZSharp's
    [Optim.SAM.zsharp_step] with g_f = G(w) ⊙ m:
        w⁺ = (1 − η)w − ηρ g_f/(‖g_f‖ + δ).
    On the kept components it is a scalar map: w⁺ ⊙ m = (1 − η − ηρ/(‖g_f‖ + δ)) g_f, and near
    0 the factor ηρ/(‖g_f‖ + δ) is huge (≈ ηρ/δ = 5·10⁸ at ZSharp's constants): the step
    EXPANDS. This matches the O(ρ) upper bound of [Theory.Dynamics.ZSharpBall] from below.

    Main results
    - [step_masked_part]: w⁺ ⊙ m = (1 − η − ηρ/(‖g_f‖ + δ)) g_f
    - [step_expands]: ‖w⁺‖ ≥ (ηρ/(‖g_f‖ + δ) − (1 − η))‖g_f‖
    - [sam_floor_delta0], [sam_no_two_close_delta0]: δ = 0, g_f ≠ 0:
          ‖w⁺‖ ≥ ηρ − (1 − η)‖w‖, so ‖w‖ < ηρ/(2 − η) ⇒ ‖w⁺‖ > ηρ/(2 − η):
      no two consecutive iterates are both within ηρ/(2 − η) of the minimiser
    - [zsharp_bowl_escapes]: δ ≥ 0, K > 0, A = ηρ/(r₀ + δ) − (1 − η) > K; if w_N ≠ 0 and,
      while the iterates stay in the ball ‖w‖ ≤ r₀, the mask keeps a 1/K share of the
      gradient (‖w_t‖ ≤ K‖g_f(w_t)‖), then some t ≥ N has ‖w_t‖ > r₀
    - [zsharp_bowl_no_convergence]: under the same keep condition inside the ball, if
      w_t → 0 then some iterate is EXACTLY 0 (it can only land on the minimiser)
    - [sam_bowl_escapes], [sam_bowl_no_convergence]: SAM's mask (all ones) keeps everything
      (K = 1): for every r₀ > 0 with ηρ/(r₀ + δ) > 2 − η — at ZSharp's constants any
      r₀ ≤ 2.5·10⁻⁴ — the iterates leave the r₀-ball infinitely often unless one of them
      is exactly 0.
    The keep condition cannot be dropped for ZSharp's rule: its mask may keep only
    components where g vanishes, then ε = 0 and ZSharp converges to 0
    ([Examples.Dynamics.FixedRhoWitness.zsharp_outlier_converges]). *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth SAM ZSharpDirection.
Open Scope R_scope.

Section Bowl.

Context {n : nat} (G : W n -> W n) (eta rho delta : R).
Hypotheses (HG : forall v i, (i < n)%nat -> G v i = v i)
           (Heta : 0 < eta < 1) (Hrho : 0 <= rho) (Hd : 0 <= delta).

Lemma norm_G w : norm n (G w) = norm n w.
Proof. apply norm_ext. exact (HG w). Qed.

(** On the kept components the step is the scalar map x ↦ (1 − η − ηρ/(‖g_f‖ + δ))x. *)
Lemma step_masked_part m w i :
  is_mask n m -> (i < n)%nat ->
  hadamard (zsharp_step n eta rho delta G m w) m i
  = (1 - eta - eta * rho / (norm n (hadamard (G w) m) + delta)) * hadamard (G w) m i.
Proof.
  intros Hm Hi. unfold zsharp_step, sam_step, zsharp_eps, sam_eps, hadamard, vsub, vscale.
  rewrite (HG (vadd w _) i Hi), (HG w i Hi). unfold vadd, vscale, hadamard.
  pose proof (mask_sqr n m i Hm Hi) as Hsq. rewrite (HG w i Hi).
  set (c := rho / (norm n (fun j => G w j * m j) + delta)).
  replace ((w i - eta * (w i + c * (w i * m i))) * m i) with ((1 - eta) * (w i * m i) - eta * c * w i * (m i * m i)) by ring.
  rewrite Hsq. unfold c, Rdiv. ring.
Qed.

(** ‖w⁺‖ ≥ (ηρ/(‖g_f‖ + δ) − (1 − η))‖g_f‖. *)
Theorem step_expands m w :
  is_mask n m ->
  (eta * rho / (norm n (hadamard (G w) m) + delta) - (1 - eta)) * norm n (hadamard (G w) m)
  <= norm n (zsharp_step n eta rho delta G m w).
Proof.
  intros Hm. eapply Rle_trans; [|apply (norm_filtered_le n _ m Hm)].
  rewrite (norm_ext n (hadamard (zsharp_step n eta rho delta G m w) m)
             (vscale (1 - eta - eta * rho / (norm n (hadamard (G w) m) + delta)) (hadamard (G w) m)))
    by (intros i Hi; now rewrite step_masked_part).
  rewrite norm_scale. apply Rmult_le_compat_r; [apply norm_nonneg|].
  rewrite <- Rabs_Ropp. eapply Rle_trans; [|apply RRle_abs]. unfold Rdiv. lra.
Qed.

(** δ = 0: ‖w⁺‖ ≥ ηρ − (1 − η)‖w‖ whenever g_f ≠ 0 (then ‖ε‖ = ρ exactly). *)
Theorem sam_floor_delta0 m w :
  delta = 0 -> 0 < norm n (hadamard (G w) m) ->
  eta * rho - (1 - eta) * norm n w <= norm n (zsharp_step n eta rho delta G m w).
Proof.
  intros H0 Hg. subst delta. set (eps := zsharp_eps n rho 0 (G w) m).
  set (wp := zsharp_step n eta rho 0 G m w).
  pose proof (zsharp_eps_norm n rho (G w) m Hrho Hg) as Hn. fold eps in Hn.
  assert (Hs : norm n (vscale eta eps) = eta * rho) by (rewrite norm_scale, Rabs_pos_eq, Hn; lra).
  rewrite (norm_ext n (vscale eta eps) (vadd (vscale (1 - eta) w) (vscale (-1) wp))) in Hs
    by (intros i Hi; unfold wp, zsharp_step, sam_step, vadd, vsub, vscale; fold eps;
        rewrite (HG (fun j => w j + eps j) i Hi); ring).
  pose proof (norm_triangle n (vscale (1 - eta) w) (vscale (-1) wp)) as Ht.
  rewrite !norm_scale, (Rabs_pos_eq (1 - eta)) in Ht by lra.
  replace (Rabs (-1)) with 1 in Ht by (unfold Rabs; destruct (Rcase_abs (-1)); lra). lra.
Qed.

(** δ = 0, g_f ≠ 0: if ‖w‖ < ηρ/(2 − η) then ‖w⁺‖ > ηρ/(2 − η). *)
Corollary sam_no_two_close_delta0 m w :
  delta = 0 -> 0 < norm n (hadamard (G w) m) -> norm n w < eta * rho / (2 - eta) ->
  eta * rho / (2 - eta) < norm n (zsharp_step n eta rho delta G m w).
Proof.
  intros H0 Hg Hw. pose proof (sam_floor_delta0 m w H0 Hg).
  assert (Hc : eta * rho = (2 - eta) * (eta * rho / (2 - eta))) by (field; lra).
  assert ((1 - eta) * norm n w < (1 - eta) * (eta * rho / (2 - eta))) by (apply Rmult_lt_compat_l; lra).
  lra.
Qed.

(** ** The iterates: leaving every small ball *)

Section Orbit.

Context (mask : W n -> W n) (w0 : W n) (N : nat) (r0 K : R).
Hypotheses (Hmask : forall v, is_mask n (mask v)) (Hr0 : 0 < r0) (HK : 0 < K)
           (HA : K < eta * rho / (r0 + delta) - (1 - eta)).

Let w t := zsharp_iter n eta rho delta G mask w0 t.
Let gf t := hadamard (G (w t)) (mask (G (w t))).

Hypothesis Hkeep : forall t, (N <= t)%nat -> (forall s, (N <= s <= t)%nat -> norm n (w s) <= r0) ->
                   norm n (w t) <= K * norm n (gf t).

Let q := (eta * rho / (r0 + delta) - (1 - eta)) / K.

Lemma q_gt_1 : 1 < q.
Proof.
  unfold q. apply (Rmult_lt_reg_r K); [lra|]. unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra. lra.
Qed.

(** Inside the ball with the keep condition, one step multiplies the norm by ≥ q > 1. *)
Lemma orbit_step t : norm n (w t) <= r0 -> norm n (w t) <= K * norm n (gf t) -> q * norm n (w t) <= norm n (w (S t)).
Proof.
  intros Hin Hk. pose proof q_gt_1.
  assert (Hf : norm n (gf t) <= norm n (w t)) by (rewrite <- (norm_G (w t)); apply norm_filtered_le, Hmask).
  pose proof (norm_nonneg n (gf t)) as Hf0.
  destruct (Req_dec (norm n (gf t)) 0) as [Hz|Hz].
  - assert (norm n (w t) = 0) by (pose proof (norm_nonneg n (w t)); nra).
    rewrite H0, Rmult_0_r. apply norm_nonneg.
  - assert (Hpos : 0 < norm n (gf t) + delta) by lra.
    assert (Hc : eta * rho / (r0 + delta) <= eta * rho / (norm n (gf t) + delta)).
    { unfold Rdiv. apply Rmult_le_compat_l; [nra|]. apply Rinv_le_contravar; lra. }
    pose proof (step_expands (mask (G (w t))) (w t) (Hmask _)) as He. fold (gf t) in He.
    change (zsharp_step n eta rho delta G (mask (G (w t))) (w t)) with (w (S t)) in He.
    assert (HqK : q * K = eta * rho / (r0 + delta) - (1 - eta)) by (unfold q; field; lra).
    assert (q * norm n (w t) <= q * (K * norm n (gf t))) by (apply Rmult_le_compat_l; lra).
    assert ((eta * rho / (r0 + delta) - (1 - eta)) * norm n (gf t)
            <= (eta * rho / (norm n (gf t) + delta) - (1 - eta)) * norm n (gf t))
      by (apply Rmult_le_compat_r; lra).
    nra.
Qed.

Lemma escape_or_grow m :
  (exists t, (N <= t <= N + m)%nat /\ r0 < norm n (w t)) \/
  ((forall s, (N <= s <= N + m)%nat -> norm n (w s) <= r0) /\
   (1 + INR m * (q - 1)) * norm n (w N) <= norm n (w (N + m)%nat)).
Proof.
  pose proof q_gt_1. pose proof (norm_nonneg n (w N)).
  induction m as [|m [[t [Ht Hr]] | [Hall Hg]]].
  - destruct (Rle_dec (norm n (w N)) r0) as [Hle|Hlt].
    + right. split; [intros s Hs; replace s with N by lia; exact Hle|].
      rewrite Nat.add_0_r. simpl. lra.
    + left. exists N. split; [lia | lra].
  - left. exists t. split; [lia | exact Hr].
  - destruct (Rle_dec (norm n (w (N + S m)%nat)) r0) as [Hle|Hlt].
    + right. split.
      * intros s Hs. destruct (Nat.eq_dec s (N + S m)) as [->|Hne]; [exact Hle | apply Hall; lia].
      * replace (N + S m)%nat with (S (N + m)) by lia.
        pose proof (orbit_step (N + m) (Hall (N + m)%nat ltac:(lia))
                      (Hkeep (N + m) ltac:(lia) (fun s Hs => Hall s Hs))) as Hs.
        rewrite S_INR. assert (0 <= INR m) by apply pos_INR.
        assert (q * ((1 + INR m * (q - 1)) * norm n (w N)) <= q * norm n (w (N + m)%nat))
          by (apply Rmult_le_compat_l; lra).
        assert (0 <= INR m * (q - 1) * (q - 1) * norm n (w N))
          by (apply Rmult_le_pos; [apply Rmult_le_pos; [apply Rmult_le_pos|]|]; lra).
        nra.
    + left. exists (N + S m)%nat. split; [lia | lra].
Qed.

(** Leaving the r₀-ball: w_N ≠ 0 ⇒ some t ≥ N has ‖w_t‖ > r₀. *)
Theorem zsharp_bowl_escapes : 0 < norm n (w N) -> exists t, (N <= t)%nat /\ r0 < norm n (w t).
Proof.
  intros Hw. pose proof q_gt_1.
  destruct (archimed_cor1 ((q - 1) * norm n (w N) / r0)) as [m [Hm Hm0]].
  { apply Rdiv_lt_0_compat; [apply Rmult_lt_0_compat|]; lra. }
  destruct (escape_or_grow m) as [[t [Ht Hr]] | [Hall Hg]].
  - exists t. split; [lia | exact Hr].
  - exfalso. pose proof (Hall (N + m)%nat ltac:(lia)).
    assert (HmR : 0 < INR m) by (apply lt_0_INR; lia).
    assert (Hr : r0 < INR m * ((q - 1) * norm n (w N))).
    { apply (Rmult_lt_compat_l (INR m * r0)) in Hm; [|nra].
      replace (INR m * r0 * / INR m) with r0 in Hm by (field; lra).
      replace (INR m * r0 * ((q - 1) * norm n (w N) / r0)) with (INR m * ((q - 1) * norm n (w N))) in Hm
        by (field; lra). exact Hm. }
    nra.
Qed.

End Orbit.

(** If w_t → 0 and the mask keeps a 1/K share of the gradient inside the r₀-ball, some
    iterate is exactly the minimiser. *)
Theorem zsharp_bowl_no_convergence mask w0 r0 K :
  (forall v, is_mask n (mask v)) -> 0 < r0 -> 0 < K -> K < eta * rho / (r0 + delta) - (1 - eta) ->
  (forall t, norm n (zsharp_iter n eta rho delta G mask w0 t) <= r0 ->
             norm n (zsharp_iter n eta rho delta G mask w0 t)
             <= K * norm n (hadamard (G (zsharp_iter n eta rho delta G mask w0 t))
                                     (mask (G (zsharp_iter n eta rho delta G mask w0 t))))) ->
  (forall e, 0 < e -> exists N, forall t, (N <= t)%nat -> norm n (zsharp_iter n eta rho delta G mask w0 t) < e) ->
  exists t, norm n (zsharp_iter n eta rho delta G mask w0 t) = 0.
Proof.
  intros Hm Hr0 HK HA Hkeep Hconv. destruct (Hconv r0 Hr0) as [N HN]. exists N.
  pose proof (norm_nonneg n (zsharp_iter n eta rho delta G mask w0 N)).
  destruct (Req_dec (norm n (zsharp_iter n eta rho delta G mask w0 N)) 0) as [|Hne]; [assumption|].
  destruct (zsharp_bowl_escapes mask w0 N r0 K Hm Hr0 HK HA) as [t [Ht Hr]].
  - intros t Ht Hin. apply Hkeep, Hin. lia.
  - lra.
  - pose proof (HN t Ht). lra.
Qed.

(** ** SAM: the all-ones mask keeps everything (K = 1) *)

Definition sam_mask (v : W n) : W n := fun _ => 1.

Lemma sam_mask_is_mask v : is_mask n (sam_mask v).
Proof. intros i _. right. reflexivity. Qed.

Lemma sam_mask_keeps w : norm n w <= 1 * norm n (hadamard (G w) (sam_mask (G w))).
Proof.
  rewrite Rmult_1_l, (norm_ext n (hadamard (G w) (sam_mask (G w))) w); [lra|]. intros i Hi. unfold hadamard, sam_mask. rewrite HG by exact Hi. ring.
Qed.

Theorem sam_bowl_escapes w0 N r0 :
  0 < r0 -> 2 - eta < eta * rho / (r0 + delta) ->
  0 < norm n (zsharp_iter n eta rho delta G sam_mask w0 N) ->
  exists t, (N <= t)%nat /\ r0 < norm n (zsharp_iter n eta rho delta G sam_mask w0 t).
Proof.
  intros Hr0 HA Hw. apply (zsharp_bowl_escapes sam_mask w0 N r0 1); try assumption; try lra.
  - exact sam_mask_is_mask.
  - intros t _ _. apply sam_mask_keeps.
Qed.

Theorem sam_bowl_no_convergence w0 r0 :
  0 < r0 -> 2 - eta < eta * rho / (r0 + delta) ->
  (forall e, 0 < e -> exists N, forall t, (N <= t)%nat -> norm n (zsharp_iter n eta rho delta G sam_mask w0 t) < e) ->
  exists t, norm n (zsharp_iter n eta rho delta G sam_mask w0 t) = 0.
Proof.
  intros Hr0 HA. apply (zsharp_bowl_no_convergence sam_mask w0 r0 1); try assumption; try lra.
  - exact sam_mask_is_mask.
  - intros t _. apply sam_mask_keeps.
Qed.

End Bowl.
