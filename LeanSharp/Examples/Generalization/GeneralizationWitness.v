(** * LeanSharp.Examples.Generalization.GeneralizationWitness — concrete instances of the §2.5 theorems

    Two-point laws: posterior Q = (1/4, 3/4), prior P = (1/2, 1/2), f = (0, 1).
    - [KL_Qw_Pu]: KL(Q‖P) = ¼ ln ½ + ¾ ln (3/2) (≈ 0.13), [gibbs_witness]: it is ≥ 0
    - [donsker_varadhan_witness]: ¾ = E_Q[f] ≤ KL(Q‖P) + ln((1 + e)/2)
    - [donsker_varadhan_attained_witness]: equality at the tilted law P_f
    PAC-Bayes on two hypotheses w_0 = (1, 0), w_1 = (0, 2) ∈ W 2, training loss the
    bowl L_S(w) = ½‖w‖² (gradient w, 1-smooth), population loss L_D = L_S + 1/10,
    λ = 1, ρ = 1/20:
    - [pac_bayes_change_of_measure_witness], [pac_bayes_sharpness_witness] (sharpness
      bound ρ‖∇L_S‖ + ρ²/2 from [smooth_sharpness_bound]), [pac_bayes_zsharp_witness]
      and [pac_bayes_zsharp_perturbed_witness] with ZSharp's mask sig_mask 2 1 (these
      only show the hypotheses are satisfiable: with n = 2 both components deviate from
      the mean by exactly σ, the mask keeps everything and the two bounds coincide)
    ZSharp's ACTUAL mask really filters, on g = (1, 1, 4) ∈ W 3 ([g114] = (0, 0, 3) + 1,
    so its z-scores are those of [ZSharpRuleWitness.gS]):
    - [zsharp_mask1_g114]: [ZSharpDirection.zsharp_mask1] 3 g = (0, 0, 1), dropping
      g_0 = g_1 = 1 ≠ 0; ‖g‖ = √18, ‖g ⊙ m‖ = 4
    - [zsharp_first_order_sharpness_le_sam_witness], and with ρ = 1/10
      [zsharp_first_order_sharpness_lt_sam_witness]: ⟨g, ε_f⟩ = 2/5 < √18/10 = ⟨g, ε_SAM⟩
      (strict)
    - [zsharp_sharpness_second_order_witness]: on the bowl at w = g,
      L_S(w + ε_f) − L_S(w) ≤ 4/10 + 1/200
    - [zsharp_term_below_sharpness_witness]: ZSharp's term is not a sharpness bound:
      ε_SAM (‖ε_SAM‖ = 1/10) ascends the bowl by √18/10 + 1/200 > 4/10 + 1/200 *)

From Coq Require Import Reals Lra Lia.
From Coq Require Import List.
From LeanSharp.Core Require Import Vec Stats FiniteProb.
From LeanSharp.Filter Require Import Mask ZMask ZSharpRule ZSharpRuleCount.
From LeanSharp.Optim Require Import SAM Smooth ZSharpDirection.
From LeanSharp.Theory.Generalization Require Import KL PACBayes PACBayesZSharp.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Dynamics Require Import SmoothWitness.
From LeanSharp.Examples.Filter Require Import ZSharpRuleWitness.
Import ListNotations.
Open Scope R_scope.

(** ** Two-point laws *)

Definition Qw : nat -> R := fun k => match k with O => 1 / 4 | _ => 3 / 4 end.
Definition Pu : nat -> R := fun _ => 1 / 2.
Definition fw : nat -> R := fun k => match k with O => 0 | _ => 1 end.

Lemma Qw_law : is_law 2 Qw.
Proof. unfold Qw. split; [intros [|[|k]] Hk; [lra | lra | lia] | simpl; lra]. Qed.

Lemma Pu_law : is_law 2 Pu.
Proof. unfold Pu. split; [intros k _; lra | simpl; lra]. Qed.

Lemma Qw_Pu_abs_cont : abs_cont 2 Qw Pu.
Proof. intros k _ _. unfold Pu. lra. Qed.

Lemma KL_Qw_Pu : KL 2 Qw Pu = 1 / 4 * ln (1 / 2) + 3 / 4 * ln (3 / 2).
Proof.
  unfold KL, kl_term, Qw, Pu. simpl.
  destruct (Rlt_dec 0 (1 / 4)); [|lra]. destruct (Rlt_dec 0 (3 / 4)); [|lra].
  replace (1 / 4 / (1 / 2)) with (1 / 2) by field.
  replace (3 / 4 / (1 / 2)) with (3 / 2) by field. ring.
Qed.

Example gibbs_witness : 0 <= 1 / 4 * ln (1 / 2) + 3 / 4 * ln (3 / 2).
Proof. rewrite <- KL_Qw_Pu. apply gibbs_law; [exact Qw_law | exact Pu_law | exact Qw_Pu_abs_cont]. Qed.

Example donsker_varadhan_witness :
  3 / 4 <= 1 / 4 * ln (1 / 2) + 3 / 4 * ln (3 / 2) + ln ((1 + exp 1) / 2).
Proof.
  pose proof (donsker_varadhan 2 Qw Pu fw) as H.
  specialize (H Qw_law Pu_law Qw_Pu_abs_cont).
  rewrite KL_Qw_Pu in H. unfold expect, Qw, Pu, fw in H. simpl in H. rewrite exp_0 in H.
  replace ((1 + exp 1) / 2) with (0 + 1 / 2 * 1 + 1 / 2 * exp 1) by field. lra.
Qed.

Example donsker_varadhan_attained_witness :
  expect 2 (tilt 2 Pu fw) fw
  = KL 2 (tilt 2 Pu fw) Pu + ln (expect 2 Pu (fun k => exp (fw k))).
Proof. apply donsker_varadhan_attained, Pu_law. Qed.

(** ** PAC-Bayes on two hypotheses with the bowl loss *)

Definition ws (k : nat) : W 2 :=
  match k with O => fun i => match i with O => 1 | _ => 0 end
             | _ => fun i => match i with O => 0 | _ => 2 end end.
Definition LD (w : W 2) : R := bowl 2 w + 1 / 10.

Example pac_bayes_change_of_measure_witness :
  expect 2 Qw (fun k => gen LD (bowl 2) (ws k))
    <= complexity 2 Qw Pu 1 (fun k => gen LD (bowl 2) (ws k)).
Proof.
  apply pac_bayes_change_of_measure; [exact Qw_law | exact Pu_law | exact Qw_Pu_abs_cont | lra].
Qed.

Example pac_bayes_sharpness_witness :
  expect 2 Qw (fun k => LD (ws k))
    <= expect 2 Qw (fun k => bowl 2 (ws k)
                             + (1 / 20 * norm 2 (bowl_grad 2 (ws k)) + 1 / 2 * (1 / 20 * (1 / 20))))
       + complexity 2 Qw Pu 1 (fun k => gen LD (bowl 2) (ws k)).
Proof.
  apply pac_bayes_sharpness with (rho := 1 / 20)
    (sh := fun w => 1 / 20 * norm 2 (bowl_grad 2 w) + 1 / 2 * (1 / 20 * (1 / 20))).
  - exact Qw_law.
  - exact Pu_law.
  - exact Qw_Pu_abs_cont.
  - lra.
  - lra.
  - apply smooth_sharpness_bound; [apply bowl_gradient | apply bowl_smooth | lra | lra].
Qed.

Example pac_bayes_zsharp_witness :
  let M := sig_mask 2 1 in
  expect 2 Qw (fun k => LD (ws k))
    <= expect 2 Qw (fun k => bowl 2 (ws k)
                             + 1 / 20 * norm 2 (hadamard (bowl_grad 2 (ws k)) (M (bowl_grad 2 (ws k)))))
       + complexity 2 Qw Pu 1 (fun k => gen LD (bowl 2) (ws k))
  /\ expect 2 Qw (fun k => bowl 2 (ws k)
                           + 1 / 20 * norm 2 (hadamard (bowl_grad 2 (ws k)) (M (bowl_grad 2 (ws k)))))
    <= expect 2 Qw (fun k => bowl 2 (ws k) + 1 / 20 * norm 2 (bowl_grad 2 (ws k))).
Proof.
  intros M.
  apply pac_bayes_zsharp.
  - exact Qw_law.
  - exact Pu_law.
  - exact Qw_Pu_abs_cont.
  - lra.
  - lra.
  - intros g. apply sig_mask_is_mask.
Qed.

Example pac_bayes_zsharp_perturbed_witness :
  let M := sig_mask 2 1 in
  let epsf := fun w => zsharp_eps 2 (1 / 20) 0 (bowl_grad 2 w) (M (bowl_grad 2 w)) in
  expect 2 Qw (fun k => LD (ws k))
    <= expect 2 Qw (fun k => bowl 2 (ws k)
                             + 1 / 20 * norm 2 (hadamard (bowl_grad 2 (ws k)) (M (bowl_grad 2 (ws k))))
                             + 1 / 2 * (1 / 20 * (1 / 20)))
       + complexity 2 Qw Pu 1 (fun k => LD (ws k) - bowl 2 (vadd (ws k) (epsf (ws k)))).
Proof.
  intros M epsf.
  apply pac_bayes_zsharp_perturbed.
  - exact Qw_law.
  - exact Pu_law.
  - exact Qw_Pu_abs_cont.
  - lra.
  - lra.
  - apply bowl_gradient.
  - apply bowl_smooth.
  - lra.
  - intros g. apply sig_mask_is_mask.
Qed.

(** ** ZSharp's actual mask filters g = (1, 1, 4) ∈ W 3 *)

(** g = (0, 0, 3) + 1: the z-scores, hence the actual mask, are those of
    [ZSharpRuleWitness.gS] = (0, 0, 3). *)
Definition g114 : W 3 := fun i => gS i + 1.

Lemma mean_g114 : mean 3 g114 = 2.
Proof. unfold mean, g114, gS. simpl. field. Qed.

Lemma sstd_g114 : sstd 3 g114 = sqrt 3.
Proof.
  unfold sstd, svar, ssd. rewrite mean_g114. f_equal. unfold g114, gS. simpl.
  unfold Rsqr. field.
Qed.

Lemma absz_g114 eps i : absz eps 3 g114 i = absz eps 3 gS i.
Proof.
  unfold absz, zscore. destruct (lt_dec 3 2) as [|_]; [reflexivity|].
  rewrite mean_g114, mean_gS, sstd_g114, sstd_gS. unfold g114.
  replace (gS i + 1 - 2) with (gS i - 1) by ring. reflexivity.
Qed.

Lemma layer_mask_g114 eps i :
  layer_mask eps 70 [(3%nat, g114)] 3 g114 i = layer_mask eps 70 [(3%nat, gS)] 3 gS i.
Proof.
  rewrite !single_layer_no_fallback by (lra || lia). unfold thr_mask, zthreshold.
  rewrite !all_absz_single, (map_ext (absz eps 3 g114) (absz eps 3 gS) (absz_g114 eps)).
  rewrite absz_g114. reflexivity.
Qed.

(** The actual ZSharp mask of g = (1, 1, 4) is (0, 0, 1): it drops g_0 = g_1 = 1 ≠ 0. *)
Theorem zsharp_mask1_g114 :
  zsharp_mask1 3 g114 0%nat = 0 /\ zsharp_mask1 3 g114 1%nat = 0 /\
  zsharp_mask1 3 g114 2%nat = 1.
Proof.
  unfold zsharp_mask1, default_p. rewrite !layer_mask_g114.
  apply single_layer_mask, eps_std_pos.
Qed.

Lemma norm_g114 : norm 3 g114 = sqrt 18.
Proof. unfold norm, norm2, inner, g114, gS. simpl. f_equal. ring. Qed.

Lemma norm_g114_filtered : norm 3 (hadamard g114 (zsharp_mask1 3 g114)) = 4.
Proof.
  destruct zsharp_mask1_g114 as [H0 [H1 H2]].
  unfold norm, norm2, inner, hadamard. cbn [vsum]. rewrite H0, H1, H2.
  rewrite <- (sqrt_square 4) by lra. f_equal. unfold g114, gS. simpl. ring.
Qed.

Example zsharp_first_order_sharpness_le_sam_witness :
  inner 3 g114 (zsharp_eps 3 (1 / 10) 0 g114 (zsharp_mask1 3 g114)) = 1 / 10 * 4
  /\ 1 / 10 * 4 <= 1 / 10 * sqrt 18
  /\ 1 / 10 * sqrt 18 = inner 3 g114 (sam_eps 3 (1 / 10) 0 g114).
Proof.
  pose proof (zsharp_first_order_sharpness_le_sam (1 / 10) g114 (zsharp_mask1 3 g114)
                (zsharp_mask1_is_mask 3 g114) ltac:(lra)) as H.
  rewrite norm_g114_filtered, norm_g114 in H. exact H.
Qed.

(** The strict inequality: ⟨g, ε_f⟩ = 2/5 < √18/10 = ⟨g, ε_SAM⟩. *)
Example zsharp_first_order_sharpness_lt_sam_witness :
  inner 3 g114 (zsharp_eps 3 (1 / 10) 0 g114 (zsharp_mask1 3 g114)) = 2 / 5
  /\ inner 3 g114 (sam_eps 3 (1 / 10) 0 g114) = 1 / 10 * sqrt 18
  /\ inner 3 g114 (zsharp_eps 3 (1 / 10) 0 g114 (zsharp_mask1 3 g114))
     < inner 3 g114 (sam_eps 3 (1 / 10) 0 g114).
Proof.
  destruct zsharp_mask1_g114 as [H0 _]. split; [|split].
  - rewrite zsharp_first_order_sharpness by apply zsharp_mask1_is_mask.
    rewrite norm_g114_filtered. field.
  - rewrite sam_first_order_sharpness, norm_g114. reflexivity.
  - apply (zsharp_first_order_sharpness_lt_sam (1 / 10) g114 (zsharp_mask1 3 g114) 0);
      [apply zsharp_mask1_is_mask | lra | lia | exact H0 | unfold g114, gS; simpl; lra].
Qed.

Example zsharp_sharpness_second_order_witness :
  bowl 3 (vadd g114 (zsharp_eps 3 (1 / 10) 0 (bowl_grad 3 g114) (zsharp_mask1 3 g114)))
    - bowl 3 g114
    <= 1 / 10 * 4 + 1 / 2 * (1 / 10 * (1 / 10)).
Proof.
  destruct (zsharp_sharpness_second_order (bowl 3) (bowl_grad 3) 1 (1 / 10) g114)
    with (m := zsharp_mask1 3 g114) as [H _];
    [apply bowl_gradient | apply bowl_smooth | lra | lra | apply zsharp_mask1_is_mask |].
  change (bowl_grad 3 g114) with g114 in H |- *. rewrite norm_g114_filtered in H. lra.
Qed.

(** ZSharp's term (even with the smoothness remainder) does not bound the sharpness: on
    the bowl at w = g, ε_SAM (‖ε_SAM‖ = ρ) ascends by ρ‖g‖ + ρ²/2 > ρ‖g ⊙ m‖ + ρ²/2. *)
Example zsharp_term_below_sharpness_witness :
  norm 3 (sam_eps 3 (1 / 10) 0 g114) = 1 / 10 /\
  1 / 10 * norm 3 (hadamard g114 (zsharp_mask1 3 g114)) + 1 / 2 * (1 / 10 * (1 / 10))
    < bowl 3 (vadd g114 (sam_eps 3 (1 / 10) 0 g114)) - bowl 3 g114.
Proof.
  assert (Hg : 0 < norm 3 g114) by (rewrite norm_g114; apply sqrt_lt_R0; lra).
  assert (He : norm 3 (sam_eps 3 (1 / 10) 0 g114) = 1 / 10) by (apply sam_eps_norm; lra).
  split; [exact He|].
  unfold bowl. rewrite norm2_add, <- (norm_sqr 3 (sam_eps 3 (1 / 10) 0 g114)), He.
  rewrite sam_first_order_sharpness, norm_g114_filtered, norm_g114.
  assert (4 < sqrt 18) by (rewrite <- (sqrt_square 4) by lra; apply sqrt_lt_1_alt; lra).
  lra.
Qed.
