(** * LeanSharp.Examples.Layers.LayersWitness — concrete instances of the tier-3 layer theorems

    - [chain2]: the 2-layer chain W 2 → W 2, linear x ↦ A x + b with A = [[1,1],[1,1]],
      b = 0 (‖A‖_F = 2), then the logistic sigmoid (K = 1/4);
      [chain2_certificate]: its forward pass is 1/2-Lipschitz ([Chain.chain_certificate]
      applied with K = (2, 1/4)); [chain2_full_certificate]: the full certificate
      ([Compose.chain_stability_certificate]); [chain3_full_certificate]: linear → sigmoid →
      softmax, W 2 → W 3, constant √6 · 1/4 · 1; [chain_ln_full_certificate]: linear →
      LayerNorm(ε = 1) → softmax, constant √6 · 2 · 1; [chain2_stability]: σ ∘ (A · + b) has the full
      StabilityCertificate with constant 1/4 · 2 ([Certificate.certificate_compose_affine]).
    - [ln_x] = (1, 2, 3): LN_0(2 x) = LN_0(x) ([layernorm_scale_witness]), LN_1(x + 5) = LN_1(x)
      ([layernorm_shift_witness]), LN_0(x)_1 = 0 (the mean component), and LN_1 is
      2-Lipschitz on W 3 ([layernorm_lipschitz_witness]) with the full certificate
      ([layernorm_certificate_witness]); BatchNorm on a 2×2 batch with ε = 1 has its
      certificate ([batchnorm_certificate_witness]).
    - softmax(0, ln 2) = (1/3, 2/3) ([softmax_witness]); it sums to 1; both are < 1.
    - [swap2]: the transposition of [0, 2) is a permutation; attention over 2 tokens is
      equivariant under it ([attention_swap_witness]). *)

From Coq Require Import Reals Lra Lia List.
Import ListNotations.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask Invariance.
From LeanSharp.Layers.Network Require Import Certificate Chain Linear Activation Normalization NormLipschitz LayerNormC2 Softmax Compose BatchNormCertificate LayerLibrary.
From LeanSharp.Layers.Transformer Require Import Attention.
Open Scope R_scope.

(** ** A two-layer chain: linear then sigmoid *)

Definition p_lin : nat -> R := fun k => if (k <? 4)%nat then 1 else 0.

Definition chain2 : Chain := [linear_layer 2 2; activation_layer 2 sigmoid sigmoid1].
Definition data2 : ChainData := [p_lin; vzero].

Lemma chain2_wf : chain_wf 2 2 chain2.
Proof. simpl. auto. Qed.

Lemma frob_p_lin : frob 2 2 (lin_A 2 p_lin) = 2.
Proof.
  unfold frob, frob2, norm2, inner, lin_A, p_lin. simpl.
  replace (0 + (0 + 1 * 1 + 1 * 1) + (0 + 1 * 1 + 1 * 1)) with (2 * 2) by ring.
  apply sqrt_square. lra.
Qed.

Lemma chain2_layers : chain_lipschitz chain2 data2 [2; 1 / 4].
Proof.
  simpl. split; [|split; [|exact I]].
  - rewrite <- frob_p_lin. apply linear_layer_lipschitz.
  - exact (proj1 (sigmoid_certificate 2)).
Qed.

(** The forward pass of [chain2] is 1/2-Lipschitz: ‖f u − f v‖ ≤ (2 · 1/4)‖u − v‖. *)
Theorem chain2_certificate : lipschitz_map 2 2 (forward chain2 data2) (1 / 2).
Proof.
  replace (1 / 2) with (prod_list [2; 1 / 4]) by (simpl; field).
  apply chain_certificate; [exact chain2_wf | exact chain2_layers].
Qed.

Lemma chain2_c2_post : chain_c2_post chain2 data2.
Proof.
  simpl. split; [apply linear_c2_post | split; [apply (act_c2_post 2 sigmoid sigmoid1 sigmoid2 sigmoid_C2) | exact I]].
Qed.

(** The full chain certificate: the forward pass is 1/2-Lipschitz and line-wise C². *)
Theorem chain2_full_certificate : StabilityCertificate 2 2 (forward chain2 data2) (1 / 2).
Proof.
  replace (1 / 2) with (prod_list [2; 1 / 4]) by (simpl; field).
  apply chain_stability_certificate; [exact chain2_wf | exact chain2_layers | exact chain2_c2_post].
Qed.

Theorem chain2_stability :
  StabilityCertificate 2 2 (fun x => act sigmoid (linear 2 (lin_A 2 p_lin) (lin_b 2 2 p_lin) x))
    (1 / 4 * 2).
Proof.
  apply (certificate_compose_affine 2 2 2); [apply linear_affine | | apply sigmoid_certificate].
  rewrite <- frob_p_lin. apply linear_certificate.
Qed.

Lemma chain2_forward x : forward chain2 data2 x = act sigmoid (linear 2 (lin_A 2 p_lin) (lin_b 2 2 p_lin) x).
Proof. reflexivity. Qed.

(** A three-layer chain W 2 → W 3 → W 3 → W 3: linear (A = all ones, ‖A‖_F = √6), sigmoid,
    softmax; full certificate with constant √6 · 1/4 · 1. *)
Definition chain3 : Chain :=
  [linear_layer 2 3; activation_layer 3 sigmoid sigmoid1; softmax_layer 3].
Definition data3 : ChainData := [fun _ => 1; vzero; vzero].

(** The first layer of both chains below, weights all 1: √6-Lipschitz (its Frobenius norm). *)
Lemma linear_ones_lipschitz :
  lipschitz_map 2 3 (linear 2 (lin_A 2 (fun _ : nat => 1)) (lin_b 2 3 (fun _ : nat => 1))) (sqrt 6).
Proof.
  replace (sqrt 6) with (frob 3 2 (lin_A 2 (fun _ => 1))) by
    (unfold frob, frob2, norm2, inner, lin_A; simpl; f_equal; ring).
  apply linear_layer_lipschitz.
Qed.

Theorem chain3_full_certificate :
  StabilityCertificate 2 3 (forward chain3 data3) (prod_list [sqrt 6; 1 / 4; 1]).
Proof.
  apply chain_stability_certificate.
  - simpl. auto.
  - simpl. split; [|split; [|split; [|exact I]]].
    + exact linear_ones_lipschitz.
    + exact (proj1 (sigmoid_certificate 3)).
    + apply softmax_lipschitz.
  - simpl. split; [apply linear_c2_post|].
    split; [apply (act_c2_post 3 sigmoid sigmoid1 sigmoid2 sigmoid_C2)|].
    split; [apply softmax_c2_post | exact I].
Qed.

(** A transformer-style block W 2 → W 3: linear, LayerNorm (ε = 1), softmax; full
    certificate with constant √6 · 2/√1 · 1, and LayerNorm's JVP ([derive_jvp]) is correct. *)
Definition chain_ln : Chain := [linear_layer 2 3; layernorm_layer 3 1; softmax_layer 3].

Lemma layernorm_layer_witness : layer_jvp_correct (layernorm_layer 3 1).
Proof. apply layernorm_layer_jvp_correct. lra. Qed.

Theorem chain_ln_full_certificate :
  StabilityCertificate 2 3 (forward chain_ln data3) (prod_list [sqrt 6; 2 / sqrt 1; 1]).
Proof.
  apply chain_stability_certificate.
  - simpl. auto.
  - simpl. split; [|split; [|split; [|exact I]]].
    + exact linear_ones_lipschitz.
    + apply layernorm_lipschitz; [lia | lra].
    + apply softmax_lipschitz.
  - simpl. split; [apply linear_c2_post|].
    split; [apply layernorm_c2_post; lra|].
    split; [apply softmax_c2_post | exact I].
Qed.

(** ** LayerNorm on x = (1, 2, 3) *)

Definition ln_x : nat -> R := fun i => INR i + 1.

Lemma layernorm_scale_witness i : layernorm 3 0 (vscale 2 ln_x) i = layernorm 3 0 ln_x i.
Proof. apply layernorm_scale_invariant. lra. Qed.

Lemma layernorm_shift_witness i :
  (i < 3)%nat -> layernorm 3 1 (vshift 5 ln_x) i = layernorm 3 1 ln_x i.
Proof. apply layernorm_shift_invariant. Qed.

Lemma mean_ln_x : mean 3 ln_x = 2.
Proof. unfold mean, ln_x. simpl. field. Qed.

Lemma layernorm_ln_x_1 : layernorm 3 0 ln_x 1 = 0.
Proof. unfold layernorm. rewrite mean_ln_x. unfold ln_x. simpl. unfold Rdiv. ring. Qed.

Lemma layernorm_ln_x_bounded : norm 3 (layernorm 3 1 ln_x) <= sqrt 3.
Proof.
  replace (sqrt 3) with (sqrt (INR 3)) by (f_equal; simpl; ring). apply layernorm_norm_le. lra.
Qed.

(** LN_1 on W 3 is 2-Lipschitz (2/√ε with ε = 1). *)
Lemma layernorm_lipschitz_witness : lipschitz_map 3 3 (layernorm 3 1) 2.
Proof.
  replace (lipschitz_map 3 3 (layernorm 3 1) 2) with (lipschitz_map 3 3 (layernorm 3 1) (2 / sqrt 1))
    by (rewrite sqrt_1; f_equal; field).
  apply layernorm_lipschitz; [lia | lra].
Qed.

(** The full LayerNorm certificate on W 3 with ε = 1. *)
Lemma layernorm_certificate_witness : StabilityCertificate 3 3 (layernorm 3 1) (2 / sqrt 1).
Proof. apply layernorm_certificate; [lia | lra]. Qed.

(** BatchNorm with ε = 1 on a batch of 2 samples with 2 features (flattened into W 4). *)
Lemma batchnorm_certificate_witness : StabilityCertificate (2 * 2) (2 * 2) (bn_flat 2 2 1) (2 / sqrt 1).
Proof. apply bn_flat_certificate; [lia | lra]. Qed.

(** ** Softmax on (0, ln 2) *)

Definition sm_x : nat -> R := fun i => if (i =? 0)%nat then 0 else ln 2.

Lemma sumexp_sm_x : sumexp 2 sm_x = 3.
Proof. unfold sumexp, sm_x. simpl. rewrite exp_0, exp_ln by lra. ring. Qed.

Theorem softmax_witness : softmax 2 sm_x 0 = 1 / 3 /\ softmax 2 sm_x 1 = 2 / 3.
Proof.
  unfold softmax. rewrite sumexp_sm_x. unfold sm_x. simpl.
  rewrite exp_0, exp_ln by lra. split; reflexivity.
Qed.

Lemma softmax_witness_sum : vsum 2 (softmax 2 sm_x) = 1.
Proof. apply softmax_sum. lia. Qed.

Lemma softmax_witness_lt_1 : softmax 2 sm_x 0 < 1 /\ softmax 2 sm_x 1 < 1.
Proof. split; apply softmax_lt_1; lia. Qed.

Lemma softmax_witness_shift : softmax 2 (fun j => sm_x j + 7) 1 = 2 / 3.
Proof. rewrite softmax_shift_invariant. exact (proj2 softmax_witness). Qed.

(** ** Attention over two tokens, swapped *)

Definition swap2 (l : nat) : nat := (1 - l)%nat.

Lemma swap2_perm : is_perm 2 swap2 swap2.
Proof. intros l Hl. unfold swap2. lia. Qed.

Theorem attention_swap_witness (Q K V : nat -> nat -> R) l c :
  attention 2 3 (prows swap2 Q) (prows swap2 K) (prows swap2 V) l c
  = attention 2 3 Q K V (swap2 l) c.
Proof. apply (attention_perm_equivariant 2 3 swap2 swap2), swap2_perm. Qed.

(** A concrete instance: Q = K = V = the 2×1 matrix with rows 0 and 1. *)
Definition tok : nat -> nat -> R := fun l _ => INR l.

Lemma attention_swap_concrete :
  attention 2 1 (prows swap2 tok) (prows swap2 tok) (prows swap2 tok) 0 0
  = attention 2 1 tok tok tok 1 0.
Proof. apply (attention_perm_equivariant 2 1 swap2 swap2), swap2_perm. Qed.
