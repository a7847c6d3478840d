(** * LeanSharp.Examples.Generalization.StabilityWitness — the generalization bound of ZSharp/SGD on a concrete loss

    Per-sample loss: the pseudo-Huber loss on W 8,
        ℓ_z(w) = Σ_{i<8} φ(w_i − a_{z,i}),   φ(x) = √(1 + x²) − 1,   ∇ℓ_z(w)_i = ψ(w_i − a_{z,i}),
    ψ(x) = x/√(1 + x²) ([phuber], [hub]): convex ([hloss_convex]), 1-smooth ([hgrad_lipschitz],
    ψ' = (1 + x²)^{−3/2} ∈ (0, 1]) and with ‖∇ℓ_z‖ ≤ √8 ([hgrad_bounded]). Two samples
    z = 0, 1, drawn with probability ½ each ([Models.two_point_p]), with targets
    a_0 = −x*, a_1 = x*, x*_i = ψ⁻¹(g_i/10) for ZSharp's witness gradient g = [gD].

    Witnesses
    - [first_gradient_is_scaled_gD]: at w_0 = 0 sample 0's gradient is gD/10, and
      [first_mask_drops]: ZSharp's network mask (p = 70, ε_std = 1e-8) of that gradient is 0
      on components 0, 1, 2, where the gradient is nonzero — the first ZSharp step on
      sample 0 really filters
    - [zsharp_gap_witness] ([Stochastic.UniformStability.zsharp_generalization_gap]) at
      ZSharp's constants η = 0.01, ρ = 0.05, δ = 1e-12 and network mask [zsharp_net_mask
      sizesD], Lc = 1, G = √8: for every N ≥ 1 and T,
          |E_D[R(w_T) − R_D(w_T)]| ≤ √8 · T · 0.01 · (0.1 + 2√8/N)
    - [sgd_gap_witness] ([sgd_generalization_gap]) at η = 0.01:
          |E_D[R(w_T) − R_D(w_T)]| ≤ 0.16 · T / N *)

From Coq Require Import Reals Lra Lia List FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Filter Require Import Mask ZSharpRule NetworkMask.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Theory.Generalization Require Import StabilityGeneralization.
From LeanSharp.Stochastic Require Import UniformStability.
From LeanSharp.Layers.Network Require Import Certificate Activation.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Filter Require Import NetworkMaskWitness.
From LeanSharp.Examples.Dynamics Require Import ZSharpMomentumWitness.
Open Scope R_scope.

(** ** The scalar pseudo-Huber loss *)

Definition phuber (x : R) : R := sqrt (1 + x ^ 2) - 1.
Definition hub (x : R) : R := x / sqrt (1 + x ^ 2).
Definition hub1 (x : R) : R := / ((1 + x ^ 2) * sqrt (1 + x ^ 2)).
Definition hinv (y : R) : R := y / sqrt (1 - y ^ 2).

Lemma one_plus_sq_pos x : 0 < 1 + x ^ 2.
Proof. pose proof (pow2_ge_0 x). lra. Qed.

Lemma sqrt_one_plus_sq x : 1 <= sqrt (1 + x ^ 2) /\ sqrt (1 + x ^ 2) * sqrt (1 + x ^ 2) = 1 + x ^ 2.
Proof.
  pose proof (pow2_ge_0 x). split; [|apply sqrt_sqrt; lra].
  apply Rle_trans with (sqrt 1); [rewrite sqrt_1; lra | apply sqrt_le_1_alt; lra].
Qed.

Lemma phuber_deriv x : is_derive phuber x (hub x).
Proof.
  pose proof (one_plus_sq_pos x). unfold phuber, hub.
  auto_derive; [replace (x * (x * 1)) with (x ^ 2) by ring; lra|].
  replace (x * (x * 1)) with (x ^ 2) by ring.
  pose proof (sqrt_one_plus_sq x) as [Hs _]. field. lra.
Qed.

Lemma hub_deriv x : is_derive hub x (hub1 x).
Proof.
  pose proof (one_plus_sq_pos x). destruct (sqrt_one_plus_sq x) as [Hs Hss].
  unfold hub, hub1. auto_derive; [replace (x * (x * 1)) with (x ^ 2) by ring; split; [lra | split; [lra | exact I]]|].
  replace (x * (x * 1)) with (x ^ 2) by ring.
  set (s := sqrt (1 + x ^ 2)) in *. rewrite Hss. field. split; lra.
Qed.

Lemma hub1_bound x : Rabs (hub1 x) <= 1.
Proof.
  pose proof (one_plus_sq_pos x). destruct (sqrt_one_plus_sq x) as [Hs _]. pose proof (pow2_ge_0 x).
  unfold hub1. rewrite Rabs_pos_eq by (left; apply Rinv_0_lt_compat; nra).
  apply Rle_trans with (/ 1); [apply Rinv_le_contravar; [lra | nra] | rewrite Rinv_1; lra].
Qed.

Lemma hub_sq_le x : hub x * hub x <= 1.
Proof.
  pose proof (one_plus_sq_pos x). destruct (sqrt_one_plus_sq x) as [Hs Hss].
  unfold hub. set (s := sqrt (1 + x ^ 2)) in *.
  replace (x / s * (x / s)) with (x ^ 2 * / (s * s)) by (field; lra). rewrite Hss.
  apply Rle_trans with ((1 + x ^ 2) * / (1 + x ^ 2)).
  - apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat|]; lra.
  - rewrite Rinv_r; lra.
Qed.

(** Convexity: φ(y) ≥ φ(x) + ψ(x)(y − x), from (1 + xy)² ≤ (1 + x²)(1 + y²). *)
Lemma phuber_convex x y : phuber x + hub x * (y - x) <= phuber y.
Proof.
  destruct (sqrt_one_plus_sq x) as [Hx Hxx]. destruct (sqrt_one_plus_sq y) as [Hy Hyy].
  set (sx := sqrt (1 + x ^ 2)) in *. set (sy := sqrt (1 + y ^ 2)) in *.
  assert (Hxy : 1 + x * y <= sx * sy).
  { assert (0 <= (x - y) ^ 2) by apply pow2_ge_0.
    assert ((1 + x * y) ^ 2 <= (sx * sy) ^ 2) by (replace ((sx * sy) ^ 2) with ((sx * sx) * (sy * sy)) by ring;
                                                 rewrite Hxx, Hyy; nra).
    apply Rsqr_incr_0_var; [unfold Rsqr; nra | apply Rmult_le_pos; lra]. }
  unfold phuber, hub. fold sx sy.
  replace (x / sx * (y - x)) with ((1 + x * y - sx * sx) * / sx) by (rewrite Hxx; field; lra).
  assert ((1 + x * y - sx * sx) * / sx <= (sx * sy - sx * sx) * / sx)
    by (apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat; lra | lra]).
  replace ((sx * sy - sx * sx) * / sx) with (sy - sx) in H by (field; lra). lra.
Qed.

Lemma hub_hinv y : y ^ 2 < 1 -> hub (hinv y) = y.
Proof.
  intros Hy. assert (Hr : 0 < sqrt (1 - y ^ 2)) by (apply sqrt_lt_R0; lra).
  assert (Hrr : sqrt (1 - y ^ 2) * sqrt (1 - y ^ 2) = 1 - y ^ 2) by (apply sqrt_sqrt; lra).
  unfold hub, hinv. set (r := sqrt (1 - y ^ 2)) in *.
  assert (E : 1 + (y / r) ^ 2 = (/ r) ^ 2).
  { replace ((/ r) ^ 2) with (/ (r * r)) by (field; lra).
    replace ((y / r) ^ 2) with (y ^ 2 / (r * r)) by (field; lra). rewrite Hrr. field. lra. }
  rewrite E.
  rewrite sqrt_pow2 by (left; apply Rinv_0_lt_compat; lra). field. lra.
Qed.

(** ** The per-sample losses on W 8 *)

Definition xstar : nat -> R := fun i => hinv (gD i / 10).
Definition tgt (z : nat) : nat -> R := if Nat.eqb z 0 then vopp xstar else xstar.

Definition hloss (z : nat) (w : W 8) : R := vsum 8 (fun i => phuber (w i - tgt z i)).
Definition hgrad (z : nat) (w : W 8) : W 8 := act hub (vsub w (tgt z)).

Theorem hloss_gradient z : is_gradient 8 (hloss z) (hgrad z).
Proof.
  intros w d t. unfold hloss, hgrad, inner, act, vsub.
  apply (is_derive_vsum 8 (fun i s => phuber (w i + s * d i - tgt z i))
                          (fun i s => hub (w i + s * d i - tgt z i) * d i)).
  intros i _.
  assert (Hl : is_derive (fun s => w i + s * d i - tgt z i) t (d i)) by (auto_derive; [exact I | ring]).
  pose proof (is_derive_comp phuber (fun s => w i + s * d i - tgt z i) t _ _
                (phuber_deriv (w i + t * d i - tgt z i)) Hl) as H.
  rewrite Rmult_comm. exact H.
Qed.

Theorem hgrad_lipschitz z : lipschitz_grad 8 (hgrad z) 1.
Proof.
  intros u v. unfold hgrad.
  destruct (act_lipschitz 8 hub 1 (scalar_lipschitz_of_deriv hub hub1 1 ltac:(lra) hub_deriv hub1_bound))
    as [_ H].
  eapply Rle_trans; [apply H|]. right. f_equal. apply norm_ext. intros i _. unfold vsub. ring.
Qed.

Theorem hloss_convex z : strongly_convex 8 (hloss z) (hgrad z) 0.
Proof.
  intros u v. unfold hloss, hgrad, inner, act, vsub.
  replace (0 / 2) with 0 by field. rewrite Rmult_0_l, Rplus_0_r, <- vsum_add.
  apply vsum_le. intros i _.
  replace (v i - u i) with ((v i - tgt z i) - (u i - tgt z i)) by ring. apply phuber_convex.
Qed.

Theorem hgrad_bounded z w : norm 8 (hgrad z w) <= sqrt 8.
Proof.
  apply norm_le_of_norm2_le; [apply sqrt_pos|]. rewrite sqrt_sqrt by lra.
  apply Rle_trans with (vsum 8 (fun _ => 1)).
  - unfold norm2, inner. apply vsum_le. intros i _. apply hub_sq_le.
  - rewrite vsum_const. simpl. lra.
Qed.

(** ** The mask really filters at the start of a run *)

Lemma gD_small i : (gD i / 10) ^ 2 < 1.
Proof.
  unfold gD. do 8 (destruct i as [|i]; [simpl; nra|]). destruct i; simpl; nra.
Qed.

Theorem first_gradient_is_scaled_gD : hgrad 0 vzero = vscale (/ 10) gD.
Proof.
  apply functional_extensionality. intros i. unfold hgrad, act, vsub, tgt, vzero, vopp, vscale, xstar.
  simpl. replace (0 - - hinv (gD i / 10)) with (hinv (gD i / 10)) by ring.
  rewrite hub_hinv by apply gD_small. field.
Qed.

Theorem first_mask_drops i :
  (i < 3)%nat -> zsharp_net_mask sizesD (hgrad 0 vzero) i = 0 /\ hgrad 0 vzero i <> 0.
Proof.
  intros Hi. rewrite first_gradient_is_scaled_gD. split.
  - unfold zsharp_net_mask, default_p. rewrite net_mask_scale by (apply eps_std_pos || lra).
    rewrite drop_mask_values by (lia || (apply Rdiv_lt_0_compat; [apply eps_std_pos | lra])).
    destruct (Nat.ltb_spec i 3); [reflexivity | lia].
  - destruct (drop_mask_drops i Hi) as [_ Hg]. unfold vscale.
    intros H. apply Hg. apply (Rmult_eq_reg_l (/ 10)); [lra | lra].
Qed.

(** The two samples' losses as the record the stability theorems take. *)
Definition hsamples : sample_losses 8 1 (sqrt 8) :=
  SampleLosses hloss hgrad hloss_gradient hgrad_lipschitz hloss_convex Rlt_0_1 hgrad_bounded.

(** ** The bounds fire *)

Lemma zsharp_lr_step t : 0 < (fun _ : nat => zsharp_lr) t <= 2 / 1.
Proof. unfold zsharp_lr. lra. Qed.

(** ZSharp at η = 0.01, ρ = 0.05, δ = 1e-12, network mask: |gap| ≤ √8·T·0.01·(0.1 + 2√8/N). *)
Theorem zsharp_gap_witness N T :
  (1 <= N)%nat ->
  let Lval := zs_expected_loss 8 hloss hgrad (zsharp_net_mask sizesD) zsharp_delta
                (fun _ => zsharp_lr) zsharp_rho vzero N T in
  Rabs (dexp 2 two_point_p N (fun D => pop_risk 2 two_point_p Lval D - emp_risk N Lval D))
  <= sqrt 8 * (INR T * (0.01 * (0.1 + 2 * sqrt 8 / INR N))).
Proof.
  intros HN Lval. eapply Rle_trans.
  - apply (zsharp_generalization_gap 2 N T two_point_p hsamples);
      [exact two_point_law | exact HN | exact zsharp_rho_nonneg | exact zsharp_delta_nonneg
      | exact zsharp_lr_step].
  - rewrite (vsum_ext T _ (fun _ => 0.01 * (2 * 1 * 0.05 + 2 * sqrt 8 / INR N)))
      by (intros; unfold zsharp_lr, zsharp_rho; reflexivity).
    rewrite vsum_const. replace (2 * 1 * 0.05) with 0.1 by lra. lra.
Qed.

(** SGD at η = 0.01: |gap| ≤ 0.16·T/N. *)
Theorem sgd_gap_witness N T :
  (1 <= N)%nat ->
  let Lval := zs_expected_loss 8 hloss hgrad (zsharp_net_mask sizesD) zsharp_delta
                (fun _ => zsharp_lr) 0 vzero N T in
  Rabs (dexp 2 two_point_p N (fun D => pop_risk 2 two_point_p Lval D - emp_risk N Lval D))
  <= 0.16 * INR T / INR N.
Proof.
  intros HN Lval. eapply Rle_trans.
  - apply (sgd_generalization_gap 2 N T two_point_p hsamples);
      [exact two_point_law | exact HN | exact zsharp_delta_nonneg | exact zsharp_lr_step].
  - rewrite (vsum_ext T _ (fun _ => 0.01)) by (intros; unfold zsharp_lr; reflexivity).
    rewrite vsum_const. replace (sqrt 8 ^ 2) with 8 by (simpl; rewrite Rmult_1_r, sqrt_sqrt; lra).
    replace (2 * 8 * (INR T * 0.01)) with (0.16 * INR T) by lra. lra.
Qed.
