(** * LeanSharp.Examples.Stochastic.ClippedHeavyTailWitness — the clipped heavy-tail rate at ZSharp's constants

    The law: a symmetric three-point noise on R² with a rare large value. For a ≥ 1 and
    0 ≤ M ≤ 1, with q = M/(a√a) ∈ [0, 1]:
        ξ = +a·e₀ with probability q/2,  −a·e₀ with probability q/2,  0 with probability 1 − q,
    and the per-sample fields on the bowl L = ½‖w‖² (μ = Lc = 1, w* = 0): G_k(v) = v + ξ_k
    ([tp_fields a M]). Its p-th moment at p = 3/2 is E‖ξ‖^{3/2} = q·a^{3/2} = M for every a,
    while its variance is E‖ξ‖² = a²q = M√a, unbounded as a → ∞.

    The mask: the top-1 rule on R², keep the coordinate of larger magnitude, drop the other
    ([top1_mask]); it is a 0/1 mask ([top1_is_mask]) that drops a component of every
    gradient ([top1_drops]).

    Witnesses
    - [tp_pth_moment]: E_k ‖G_k(v) − ∇L(v)‖^{3/2} = M at every v (the only noise hypothesis)
    - [tp_variance_value]: E‖ξ‖² = M√a;  [tp_variance_unbounded]: for M > 0 and every V some
      a ≥ 1 has E‖ξ‖² ≥ V
    - [clipped_heavy_tail_witness]: ZSharp's constants η = 0.01, ρ = 0.05, δ = 10⁻¹², clip
      c = 1, the top-1 mask, M = 10⁻⁴, p = 3/2, w₀ = 0.2·e₀, T = 24: for EVERY a ≥ 1
          E‖w_24 − w*‖² ≤ 1/10
      ([ClippedHeavyTail.clipped_horizon_ball]); the worst case of the clipped steps alone
      ([clipped_iter_moves]: ‖w_24‖ ≤ 0.2 + 24·0.01) only gives 0.44² = 0.1936
    - [clipped_heavy_tail_uniform]: for every V there is a law of the family with variance
      ≥ V on which the same bound E‖w_24 − w*‖² ≤ 1/10 holds
    - [clipped_nonconvex_witness]: the same law, mask and constants, from w₀ = 10·e₀, outside
      the clipping region ([w0_far_outside_region]) with gain φ(‖∇L(w₀)‖) > 3.3 ([w0_far_gain]):
      for every T ≥ 10⁵, (1/T)Σ_{t<T} E φ(‖∇L(w_t)‖) < 0.14
      ([ClippedHeavyTail.clipped_nonconvex_rate]) *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth Objective Clipping ClipNoise.
From LeanSharp.Stochastic Require Import StronglyConvexRate NoisyFilter ClippedHeavyTail.
From LeanSharp.Examples Require Import Models.
Open Scope R_scope.

(** ** The three-point law *)

Section Law.
Variables (a M : R).
Hypotheses (Ha : 1 <= a) (HM : 0 <= M <= 1).

Definition tp_q : R := M / (a * sqrt a).
Definition tp_p (k : nat) : R := match k with 0 | 1 => tp_q / 2 | _ => 1 - tp_q end.
Definition tp_sign (k : nat) : R := match k with 0 => 1 | 1 => -1 | _ => 0 end.
Definition tp_xi (k : nat) : W 2 := vscale (tp_sign k * a) e0.

Lemma sqrt_a_ge_1 : 1 <= sqrt a.
Proof. rewrite <- sqrt_1. apply sqrt_le_1_alt. exact Ha. Qed.

Lemma tp_q_range : 0 <= tp_q <= 1.
Proof.
  pose proof sqrt_a_ge_1. assert (1 <= a * sqrt a) by nra. unfold tp_q. split.
  - apply Rle_mult_inv_pos; lra.
  - apply (Rmult_le_reg_r (a * sqrt a)); [lra|]. unfold Rdiv. rewrite Rmult_assoc, Rinv_l; lra.
Qed.

Lemma tp_law : is_law 3 tp_p.
Proof.
  pose proof tp_q_range. split; [intros k Hk; destruct k as [|[|k]]; simpl; lra | simpl; lra].
Qed.

Lemma tp_unbiased : unbiased 2 3 tp_p tp_xi.
Proof. intros i _. unfold expect, tp_xi, vscale. simpl. ring. Qed.

Lemma tp_norm_xi k : norm 2 (tp_xi k) = Rabs (tp_sign k * a).
Proof. unfold tp_xi, norm. rewrite norm2_scale, norm2_e0, Rmult_1_r by lia. apply sqrt_Rsqr_abs. Qed.

Lemma tp_variance_value : expect 3 tp_p (fun k => norm2 2 (tp_xi k)) = M * sqrt a.
Proof.
  pose proof sqrt_a_ge_1. unfold expect, tp_xi. simpl. rewrite !norm2_scale, norm2_e0 by lia.
  unfold tp_q. assert (Hs : sqrt a * sqrt a = a) by (apply sqrt_sqrt; lra).
  transitivity (M * (sqrt a * sqrt a) / sqrt a); [rewrite Hs | rewrite <- Rmult_assoc]; field; nra.
Qed.

Definition tp_fields : sample_fields (bowl_smooth_objective 2) 3 :=
  @SampleFields 2 (bowl_smooth_objective 2) 3 tp_p (additive_field 2 (bowl_grad 2) tp_xi) (M * sqrt a)
    tp_law (additive_mean_field 2 3 tp_p (bowl_grad 2) tp_xi tp_law tp_unbiased)
    (additive_variance_field 2 3 tp_p (bowl_grad 2) tp_xi (M * sqrt a) (Req_le _ _ tp_variance_value))
    (fun k _ => additive_lipschitz 2 (bowl_grad 2) tp_xi 1 k (bowl_smooth 2)).

Lemma rpower_three_halves x : 0 < x -> Rpower x (3 / 2) = x * sqrt x.
Proof.
  intros Hx. replace (3 / 2) with (1 + / 2) by field.
  rewrite Rpower_plus, Rpower_1, Rpower_sqrt by exact Hx. reflexivity.
Qed.

(** The p-th moment, p = 3/2: E_k ‖G_k(v) − ∇L(v)‖^{3/2} = M at every v. *)
Theorem tp_pth_moment : pth_moment_field tp_fields (3 / 2) M.
Proof.
  intros v. cbn [law field tp_fields grad bowl_smooth_objective].
  rewrite (expect_ext 3 tp_p _ (fun k => ppow (norm 2 (tp_xi k)) (3 / 2)))
    by (intros k _; f_equal; apply norm_ext; intros; unfold additive_field, vadd, vsub; ring).
  unfold expect. simpl vsum. rewrite !tp_norm_xi. unfold tp_sign.
  rewrite Rmult_0_l, Rabs_R0, Rmult_1_l, Rabs_pos_eq by lra.
  replace (-1 * a) with (- a) by ring. rewrite Rabs_Ropp, Rabs_pos_eq by lra.
  unfold ppow. destruct (Rlt_dec 0 0); [lra|]. destruct (Rlt_dec 0 a); [|lra].
  rewrite rpower_three_halves by lra. pose proof sqrt_a_ge_1. unfold tp_p, tp_q. right. field. nra.
Qed.

End Law.

Theorem tp_variance_unbounded M V : 0 < M <= 1 ->
  exists a, 1 <= a /\ V <= expect 3 (tp_p a M) (fun k => norm2 2 (tp_xi a k)).
Proof.
  intros HM. exists ((V / M) ^ 2 + 1). assert (0 <= (V / M) ^ 2) by apply pow2_ge_0. split; [lra|].
  rewrite tp_variance_value by lra.
  assert (Rabs (V / M) <= sqrt ((V / M) ^ 2 + 1)).
  { rewrite <- sqrt_Rsqr_abs. apply sqrt_le_1_alt. unfold Rsqr. simpl. lra. }
  assert (V / M <= sqrt ((V / M) ^ 2 + 1)) by (pose proof (RRle_abs (V / M)); lra).
  replace V with (M * (V / M)) at 1 by (field; lra). apply Rmult_le_compat_l; lra.
Qed.

(** ** The top-1 mask on R² *)

Definition e1 : W 2 := fun i => if Nat.eqb i 1 then 1 else 0.
Definition top1_mask (g : W 2) : W 2 := if Rle_dec (Rabs (g 1%nat)) (Rabs (g 0%nat)) then e0 else e1.

Lemma top1_is_mask g : is_mask 2 (top1_mask g).
Proof.
  intros i Hi. unfold top1_mask, e0, e1. destruct Rle_dec; destruct (Nat.eqb i _); auto.
Qed.

Lemma top1_drops g : exists i, (i < 2)%nat /\ top1_mask g i = 0.
Proof. unfold top1_mask. destruct Rle_dec; [exists 1%nat | exists 0%nat]; split; auto. Qed.

(** ** The rate at ZSharp's constants *)

Lemma clip_bias_witness : clip_bias 1 (3 / 2) (1e-4) <= 3e-4.
Proof.
  unfold clip_bias. replace (3 / 2 - 1) with (/ 2) by field. rewrite Rpower_sqrt by lra.
  assert (Hs : 2 / 3 <= sqrt (1 / 2)).
  { rewrite <- (sqrt_Rsqr (2 / 3)) by lra. apply sqrt_le_1_alt. unfold Rsqr. lra. }
  apply (Rmult_le_reg_r (sqrt (1 / 2))); [lra|]. unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra. nra.
Qed.

Definition w0_witness : W 2 := vscale (2 / 10) e0.

Lemma M_witness_range : 0 <= 1e-4 <= 1.
Proof. lra. Qed.

(** For every a ≥ 1 (variance 10⁻⁴·√a): E‖w_24 − w*‖² ≤ 1/10 at ZSharp's constants. *)
Theorem clipped_heavy_tail_witness a (Ha : 1 <= a) :
  clipped_err (bowl_objective 2) (tp_fields a 1e-4 Ha M_witness_range) top1_mask zsharp_delta 1 zsharp_lr zsharp_rho
    w0_witness 24 <= 1 / 10.
Proof.
  assert (Hw0 : norm 2 w0_witness = 2 / 10).
  { unfold w0_witness, norm. rewrite norm2_scale, norm2_e0, Rmult_1_r by lia.
    apply sqrt_square. lra. }
  eapply Rle_trans; [apply (clipped_horizon_ball (bowl_objective 2) (tp_fields a 1e-4 Ha M_witness_range) top1_mask
                              zsharp_delta 1 (3 / 2) 1e-4)|].
  - apply zsharp_delta_nonneg.
  - lra.
  - lra.
  - apply tp_pth_moment.
  - exact zsharp_lr_range.
  - apply zsharp_rho_nonneg.
  - lra.
  - bowl_fields. unfold bowl_grad. rewrite Hw0, INR_IZR_INZ. simpl.
    unfold zsharp_lr, zsharp_rho, clip_eps. lra.
  - bowl_fields. pose proof clip_bias_witness. pose proof (clip_bias_nonneg 1 (3 / 2) 1e-4 ltac:(lra)).
    assert (Hn : norm2 2 (vsub w0_witness vzero) = 4 / 100).
    { rewrite (norm2_ext 2 _ w0_witness) by (intros; unfold vsub, vzero; ring).
      rewrite norm2_norm, Hw0. lra. }
    rewrite Hn. unfold zsharp_lr, zsharp_rho.
    assert (Hq : (1 - 0.01 * 1 / 2) ^ 24 <= 1) by (rewrite <- (pow1 24); apply pow_incr; lra).
    assert (0 <= (1 - 0.01 * 1 / 2) ^ 24) by (apply pow_le; lra).
    set (b := clip_bias 1 (3 / 2) 1e-4) in *.
    assert ((1 * 0.05 + b) ^ 2 <= 0.0503 ^ 2) by (apply pow_incr; lra).
    replace (4 * (1 * 0.05 + b) ^ 2 / 1 ^ 2) with (4 * (1 * 0.05 + b) ^ 2) by field.
    nra.
Qed.

(** Uniform over the variance: however large V, a law of the family has E‖ξ‖² ≥ V, the
    same p-th moment M = 10⁻⁴, and the same bound. *)
Corollary clipped_heavy_tail_uniform V : exists a (Ha : 1 <= a),
  V <= expect 3 (tp_p a 1e-4) (fun k => norm2 2 (tp_xi a k)) /\
  clipped_err (bowl_objective 2) (tp_fields a 1e-4 Ha M_witness_range) top1_mask zsharp_delta 1 zsharp_lr zsharp_rho
    w0_witness 24 <= 1 / 10.
Proof.
  destruct (tp_variance_unbounded 1e-4 V ltac:(lra)) as [a [Ha HV]].
  exists a, Ha. split; [exact HV | apply clipped_heavy_tail_witness].
Qed.

(** ** Every horizon, from outside the clipping region: the clipped non-convex rate *)

Definition w0_far : W 2 := vscale 10 e0.

Lemma norm_w0_far : norm 2 w0_far = 10.
Proof. unfold w0_far, norm. rewrite norm2_scale, norm2_e0, Rmult_1_r by lia. apply sqrt_square. lra. Qed.

(** The start w₀ = 10·e₀ is far outside the region ‖∇L‖ + Lcρ + 10⁻⁶ ≤ c/2 of the ball
    theorems (‖∇L(w₀)‖ = 10, c/2 = 1/2), and its gain φ(‖∇L(w₀)‖) = 50/(15 + 10⁻⁶) > 3.3. *)
Lemma w0_far_outside_region : ~ in_clip_region (bowl_smooth_objective 2) 1 zsharp_rho w0_far.
Proof.
  unfold in_clip_region. cbn [grad lip bowl_smooth_objective]. unfold bowl_grad.
  rewrite norm_w0_far. unfold clip_eps, zsharp_rho. lra.
Qed.

Lemma w0_far_gain : 33 / 10 < clip_gain 1 (norm 2 (bowl_grad 2 w0_far)).
Proof.
  unfold bowl_grad. rewrite norm_w0_far. unfold clip_gain, clip_eps.
  rewrite Rmin_right by (apply (Rmult_le_reg_r (3 * 10 / 2 + 1e-6)); [lra|];
                         unfold Rdiv; rewrite Rmult_assoc, Rinv_l by lra; lra).
  apply (Rmult_lt_reg_r (3 * 10 / 2 + 1e-6)); [lra|].
  unfold Rdiv. rewrite !Rmult_assoc, Rinv_l by lra. lra.
Qed.

(** The bias at ZSharp's constants: 32(1^{1/2}·10⁻⁴ + 0.05·min(1, 0.05)) = 0.0832. *)
Lemma clip_bias_nc_witness : clip_bias_nc 1 (3 / 2) 1e-4 (1 * zsharp_rho) = 0.0832.
Proof.
  unfold clip_bias_nc, trunc2, zsharp_rho.
  replace (Rpower 1 (2 - 3 / 2)) with 1 by (unfold Rpower; rewrite ln_1, Rmult_0_r, exp_0; reflexivity).
  rewrite Rmin_right by lra. lra.
Qed.

(** For every a ≥ 1 (variance 10⁻⁴·√a) and the top-1 mask, at ZSharp's constants
    (η = 0.01, ρ = 0.05, δ = 10⁻¹², c = 1, p = 3/2, M = 10⁻⁴), from w₀ = 10·e₀ over any
    T ≥ 10⁵ steps: (1/T) Σ_{t<T} E φ(‖∇L(w_t)‖) ≤ 50/(0.01 T) + 0.0832 + 0.005 < 0.14, against
    φ(‖∇L(w₀)‖) > 3.3 at the start ([ClippedHeavyTail.clipped_nonconvex_rate]). *)
Theorem clipped_nonconvex_witness a (Ha : 1 <= a) T :
  100000 <= INR T ->
  1 / INR T * vsum T (fun t => hexpect 3 (tp_p a 1e-4) t
      (fun h => clip_gain 1 (norm 2 (bowl_grad 2
         (clipped_iter 2 (field (tp_fields a 1e-4 Ha M_witness_range)) top1_mask zsharp_lr zsharp_rho
            zsharp_delta 1 w0_far h)))))
  < 14 / 100.
Proof.
  intros HT. assert (HT0 : (0 < T)%nat) by (destruct T; [simpl in HT; lra | lia]).
  eapply Rle_lt_trans.
  - apply (clipped_nonconvex_rate (bowl_smooth_objective 2) (tp_fields a 1e-4 Ha M_witness_range)
             top1_mask zsharp_delta 1 (3 / 2) 1e-4); try lra.
    + apply zsharp_delta_nonneg.
    + apply tp_pth_moment.
    + unfold zsharp_lr. lra.
    + apply zsharp_rho_nonneg.
    + exact HT0.
    + intros v. apply (bowl_nonneg 2 v).
  - cbn [loss lip bowl_smooth_objective]. rewrite clip_bias_nc_witness.
    assert (Hb : bowl 2 w0_far = 50).
    { unfold bowl. rewrite norm2_norm, norm_w0_far. lra. }
    rewrite Hb. unfold zsharp_lr.
    assert (50 / (0.01 * INR T) <= 5 / 100).
    { apply (Rmult_le_reg_r (0.01 * INR T)); [lra|].
      unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra. lra. }
    lra.
Qed.
