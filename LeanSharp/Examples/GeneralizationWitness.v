(** * LeanSharp.Examples.GeneralizationWitness — concrete instances of the §2.5 theorems

    Two-point laws: posterior Q = (1/4, 3/4), prior P = (1/2, 1/2), f = (0, 1).
    - [KL_Qw_Pu]: KL(Q‖P) = ¼ ln ½ + ¾ ln (3/2) (≈ 0.13), [gibbs_witness]: it is ≥ 0
    - [donsker_varadhan_witness]: ¾ = E_Q[f] ≤ KL(Q‖P) + ln((1 + e)/2)
    - [donsker_varadhan_attained_witness]: equality at the tilted law P_f
    PAC-Bayes on two hypotheses w_0 = (1, 0), w_1 = (0, 2) ∈ W 2, training loss the
    bowl L_S(w) = ½‖w‖² (gradient w, 1-smooth), population loss L_D = L_S + 1/10,
    λ = 1, ρ = 1/20:
    - [pac_bayes_change_of_measure_witness], [pac_bayes_sharpness_witness] (sharpness
      bound ρ‖∇L_S‖ + ρ²/2 from [smooth_sharpness_bound]), [pac_bayes_zsharp_witness]
      and [pac_bayes_zsharp_perturbed_witness] with ZSharp's mask sig_mask 2 1
    - [zsharp_tighter_witness]: g = (3, 4), m = (1, 0), ρ = 1/10:
      ⟨g, ε_f⟩ = 3/10 < 1/2 = ⟨g, ε_SAM⟩ (the inequality is strict here) *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Mask ZMask SAM Smooth.
From LeanSharp.Stochastic Require Import FiniteProb.
From LeanSharp.Theory Require Import KL PACBayes PACBayesZSharp.
From LeanSharp.Examples Require Import SmoothWitness.
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
  pose proof (donsker_varadhan 2 Qw Pu fw Qw_law Pu_law Qw_Pu_abs_cont) as H.
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
  apply (pac_bayes_sharpness 2 2 Qw Pu ws LD (bowl 2) (1 / 20)
           (fun w => 1 / 20 * norm 2 (bowl_grad 2 w) + 1 / 2 * (1 / 20 * (1 / 20))));
    [exact Qw_law | exact Pu_law | exact Qw_Pu_abs_cont | lra | lra |].
  apply smooth_sharpness_bound; [apply bowl_gradient | apply bowl_smooth | lra | lra].
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
  apply (pac_bayes_zsharp 2 2 Qw Pu ws LD (bowl 2) (bowl_grad 2) M (1 / 20) 1);
    [exact Qw_law | exact Pu_law | exact Qw_Pu_abs_cont | lra | lra |].
  intros g. apply sig_mask_is_mask.
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
  apply (pac_bayes_zsharp_perturbed 2 2 Qw Pu ws LD (bowl 2) (bowl_grad 2) M 1 (1 / 20) 1);
    [exact Qw_law | exact Pu_law | exact Qw_Pu_abs_cont | lra | lra
    | apply bowl_gradient | apply bowl_smooth | lra | intros g; apply sig_mask_is_mask].
Qed.

(** ** ZSharp's first-order sharpness term is strictly smaller on g = (3, 4), m = (1, 0) *)

Lemma m10_mask : is_mask 2 m10.
Proof. intros [|[|i]] Hi; simpl; auto; lia. Qed.

Lemma norm_g34_m10 : norm 2 (hadamard g34 m10) = 3.
Proof.
  unfold norm, norm2, inner, hadamard. simpl.
  apply sqrt_lem_1; [nra | lra | ring].
Qed.

Example zsharp_tighter_witness :
  inner 2 g34 (zsharp_eps 2 (1 / 10) 0 g34 m10) = 3 / 10
  /\ inner 2 g34 (sam_eps 2 (1 / 10) 0 g34) = 1 / 2
  /\ inner 2 g34 (zsharp_eps 2 (1 / 10) 0 g34 m10) < inner 2 g34 (sam_eps 2 (1 / 10) 0 g34).
Proof.
  destruct (zsharp_tighter 2 (1 / 10) g34 m10 m10_mask ltac:(lra)) as [H1 [H2 H3]].
  rewrite norm_g34_m10 in H1, H2. rewrite norm_g34 in H2, H3.
  repeat split; lra.
Qed.

Example zsharp_sharpness_second_order_witness :
  bowl 2 (vadd g34 (zsharp_eps 2 (1 / 10) 0 (bowl_grad 2 g34) m10)) - bowl 2 g34
    <= 1 / 10 * 3 + 1 / 2 * (1 / 10 * (1 / 10)).
Proof.
  destruct (zsharp_sharpness_second_order 2 (bowl 2) (bowl_grad 2) 1 (1 / 10) g34 m10
              (bowl_gradient 2) (bowl_smooth 2) ltac:(lra) ltac:(lra) m10_mask) as [H _].
  replace (norm 2 (hadamard (bowl_grad 2 g34) m10)) with 3 in H
    by (symmetry; exact norm_g34_m10).
  lra.
Qed.
