(** * LeanSharp.Examples.Dynamics.PerturbationDerivativeWitness — the perturbation's derivative at gD

    ZSharp's constants ρ = 0.05, δ = 1e-12; the gradient line s ↦ gD + s·e₀ on W 8 through
    [NetworkMaskWitness.gD] (‖gD‖ = √32), ZSharp's network mask at gD held fixed
    (mD = (0, 0, 0, 1, 1, 1, 1, 1), it drops three nonzero components, ‖gD ⊙ mD‖ = √29).

    Witnesses
    - [sam_derive_witness] ([Optim.PerturbationDerivative.sam_eps_line_derive]) at t = 0
    - [zsharp_derive_witness] ([zsharp_eps_line_derive]) with ZSharp's mask at gD
    - [radial_witness] ([eps_line_deriv_radial]): with δ = 0, ⟨gD, ε'(0)⟩ = 0
    - [jump_witness] ([sam_eps_jump_at_zero]): along s·gD with δ = 0 the first component of
      ε is ρ/√32 for s = 1 and −ρ/√32 for s = −1 *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask ZSharpRule NetworkMask.
From LeanSharp.Optim Require Import SAM PerturbationDerivative.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Filter Require Import NetworkMaskWitness.
Open Scope R_scope.

Lemma line_at_0 (g d : nat -> R) : forall j, line g d 0 j = g j.
Proof. intros j. unfold line. ring. Qed.

Lemma norm_line_gD : norm 8 (line gD e0 0) = sqrt 32.
Proof. rewrite (norm_ext 8 _ gD) by (intros; apply line_at_0). apply norm_gD. Qed.

Lemma sqrt_32_pos : 0 < sqrt 32.
Proof. apply sqrt_lt_R0. lra. Qed.

Theorem sam_derive_witness i :
  is_derive (fun s => sam_eps 8 zsharp_rho zsharp_delta (line gD e0 s) i) 0
            (eps_line_deriv 8 zsharp_rho zsharp_delta gD e0 0 i).
Proof.
  apply sam_eps_line_derive; [exact zsharp_delta_nonneg|]. rewrite norm_line_gD. exact sqrt_32_pos.
Qed.

Definition mD0 : W 8 := zsharp_net_mask sizesD gD.

Lemma norm_filtered_line : norm 8 (hadamard (line gD e0 0) mD0) = sqrt 29.
Proof.
  unfold norm. f_equal. unfold norm2, inner, hadamard, line. simpl vsum.
  unfold mD0, zsharp_net_mask, default_p. rewrite !drop_mask_values by (apply eps_std_pos || lia).
  unfold gD. simpl. ring.
Qed.

Theorem zsharp_derive_witness i :
  is_derive (fun s => zsharp_eps 8 zsharp_rho zsharp_delta (line gD e0 s) mD0 i) 0
            (eps_line_deriv 8 zsharp_rho zsharp_delta (hadamard gD mD0) (hadamard e0 mD0) 0 i).
Proof.
  apply zsharp_eps_line_derive; [exact zsharp_delta_nonneg|]. rewrite norm_filtered_line.
  apply sqrt_lt_R0. lra.
Qed.

Theorem radial_witness :
  inner 8 (line gD e0 0) (eps_line_deriv 8 zsharp_rho 0 gD e0 0) = 0.
Proof.
  rewrite eps_line_deriv_radial by (lra || (rewrite norm_line_gD; exact sqrt_32_pos)).
  unfold Rdiv. ring.
Qed.

Theorem jump_witness :
  sam_eps 8 zsharp_rho 0 (vscale 1 gD) 0%nat = zsharp_rho / sqrt 32 /\
  sam_eps 8 zsharp_rho 0 (vscale (-1) gD) 0%nat = - (zsharp_rho / sqrt 32).
Proof.
  pose proof sqrt_32_pos. rewrite <- norm_gD.
  rewrite !sam_eps_jump_at_zero by (rewrite ?norm_gD; lra).
  destruct (Rlt_dec 0 1); [|lra]. destruct (Rlt_dec 0 (-1)); [lra|].
  unfold gD. simpl. split; ring.
Qed.
