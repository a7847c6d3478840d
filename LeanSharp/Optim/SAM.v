(** * LeanSharp.Optim.SAM — the SAM perturbation and update, and ZSharp's filtered version

    Faithful to ZSharp's optimizer: the perturbation is normalised with a small additive
    δ in the denominator (δ = 1e-12 in ZSharp; here any δ ≥ 0).

    Definitions
    - [sam_eps n rho delta gf] = ε = ρ · gf / (‖gf‖ + δ)
    - [sam_step n eta G w eps] = w⁺ = w − η ∇L(w + ε)          (G = ∇L)
    - [zsharp_eps n rho delta g m] = ε for the filtered gradient gf = g ⊙ m
    - [zsharp_step n eta rho delta G m w] = w − η ∇L(w + zsharp_eps(∇L(w), m))

    Main results
    - [sam_eps_norm]: δ = 0, ‖gf‖ > 0, ρ ≥ 0 ⇒ ‖ε‖ = ρ
    - [sam_eps_norm_le]: δ ≥ 0, ρ ≥ 0 ⇒ ‖ε‖ ≤ ρ (for every gf, including gf = 0)
    - [inner_sam_eps_nonneg]: ⟨gf, ε⟩ ≥ 0 (ε is an ascent direction of gf)
    - [zsharp_eps_norm_le]: ‖ε_ZSharp‖ ≤ ρ;  [zsharp_eps_norm]: = ρ when δ = 0, g ⊙ m ≠ 0
    - [inner_zsharp_eps_nonneg]: for a 0/1 mask, ⟨g, ε_ZSharp⟩ ≥ 0: the filtered
      perturbation still ascends the *full* gradient *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
Open Scope R_scope.

Definition sam_eps (n : nat) (rho delta : R) (gf : W n) : W n :=
  vscale (rho / (norm n gf + delta)) gf.

Definition sam_step (n : nat) (eta : R) (G : W n -> W n) (w eps : W n) : W n :=
  vsub w (vscale eta (G (vadd w eps))).

Definition zsharp_eps (n : nat) (rho delta : R) (g m : W n) : W n :=
  sam_eps n rho delta (hadamard g m).

Definition zsharp_step (n : nat) (eta rho delta : R) (G : W n -> W n) (m w : W n) : W n :=
  sam_step n eta G w (zsharp_eps n rho delta (G w) m).

Lemma sam_eps_coef_nonneg n rho delta gf :
  0 <= rho -> 0 <= delta -> 0 <= rho / (norm n gf + delta).
Proof.
  intros Hr Hd. pose proof (norm_nonneg n gf).
  destruct (Req_dec (norm n gf + delta) 0) as [H0|H0].
  - rewrite H0. unfold Rdiv. rewrite Rinv_0. lra.
  - apply Rle_mult_inv_pos; lra.
Qed.

(** With δ = 0, the SAM perturbation of a nonzero gradient has norm exactly ρ. *)
Theorem sam_eps_norm n rho gf :
  0 <= rho -> 0 < norm n gf -> norm n (sam_eps n rho 0 gf) = rho.
Proof.
  intros Hr Hg. unfold sam_eps. rewrite norm_scale, Rplus_0_r.
  rewrite Rabs_pos_eq by (apply Rle_mult_inv_pos; lra). field. lra.
Qed.

(** For every δ ≥ 0 (ZSharp's δ = 1e-12) the perturbation lies in the ρ-ball. *)
Theorem sam_eps_norm_le n rho delta gf :
  0 <= rho -> 0 <= delta -> norm n (sam_eps n rho delta gf) <= rho.
Proof.
  intros Hr Hd. unfold sam_eps. rewrite norm_scale.
  rewrite Rabs_pos_eq by (apply sam_eps_coef_nonneg; lra).
  pose proof (norm_nonneg n gf).
  destruct (Req_dec (norm n gf) 0) as [H0|H0].
  - rewrite H0. lra.
  - unfold Rdiv. rewrite Rmult_assoc.
    assert (/ (norm n gf + delta) * norm n gf <= 1); [|nra].
    apply (Rmult_le_reg_l (norm n gf + delta)); [lra|].
    field_simplify; lra.
Qed.

Theorem inner_sam_eps_nonneg n rho delta gf :
  0 <= rho -> 0 <= delta -> 0 <= inner n gf (sam_eps n rho delta gf).
Proof.
  intros Hr Hd. unfold sam_eps. rewrite inner_sym, inner_scale_l.
  apply Rmult_le_pos; [apply sam_eps_coef_nonneg; lra | apply norm2_nonneg].
Qed.

(** ** ZSharp: SAM on the filtered gradient g ⊙ m *)

Theorem zsharp_eps_norm_le {n} rho delta (g m : W n) :
  0 <= rho -> 0 <= delta -> norm n (zsharp_eps n rho delta g m) <= rho.
Proof. apply sam_eps_norm_le. Qed.

Theorem zsharp_eps_norm n rho g m :
  0 <= rho -> 0 < norm n (hadamard g m) -> norm n (zsharp_eps n rho 0 g m) = rho.
Proof. apply sam_eps_norm. Qed.

Theorem inner_zsharp_eps_nonneg {n} rho delta (g m : W n) :
  is_mask n m -> 0 <= rho -> 0 <= delta -> 0 <= inner n g (zsharp_eps n rho delta g m).
Proof.
  intros Hm Hr Hd. unfold zsharp_eps, sam_eps.
  rewrite inner_sym, inner_scale_l, inner_sym, inner_filtered by exact Hm.
  apply Rmult_le_pos; [apply sam_eps_coef_nonneg; lra | apply norm2_nonneg].
Qed.

(** The ZSharp update, componentwise. *)
Lemma zsharp_step_unfold n eta rho delta G m w i :
  zsharp_step n eta rho delta G m w i
  = w i - eta * G (vadd w (vscale (rho / (norm n (hadamard (G w) m) + delta))
                                  (hadamard (G w) m))) i.
Proof. reflexivity. Qed.
