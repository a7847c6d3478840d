(** * LeanSharp.Optim.ZSharpDirection — the ZSharp step direction and the ZSharp iteration

    For a gradient field G, a 0/1 mask m, a radius ρ ≥ 0 and a stabiliser δ ≥ 0 (ZSharp:
    δ = 1e-12), ZSharp perturbs w by ε = ρ g_f / (‖g_f‖ + δ) with g_f = G(w) ⊙ m
    ([LeanSharp.Optim.SAM.zsharp_eps]) and moves along the gradient at w + ε.  The
    alignment theory (LeanSharp.Theory.Alignment.Alignment) talks about the step *direction*.

    Definitions
    - [zsharp_dir n rho delta G m w] = d = G(w + ε),  ε = zsharp_eps(G(w), m)
    - [zsharp_iter n eta rho delta G mask w0 T] = w_T, where w_{t+1} = w_t − η d_t and
      d_t = zsharp_dir at w_t with the mask m_t = mask(G(w_t)) recomputed from the
      current gradient
    - [zsharp_mask1 n g] = ZSharp's actual mask ([LeanSharp.Filter.ZSharpRule.layer_mask]
      with ε_std = 1e-8, p = 70: sample-std z-scores, quantile threshold, top-k
      fallback) for a model with a single layer of n parameters

    Main results
    - [zsharp_step_dir]: [zsharp_step] (Core/SAM) is w − η·[zsharp_dir]
    - [zsharp_mask1_is_mask]: it is a 0/1 mask, so every "any mask" theorem applies to it
    - [zsharp_eps_norm_le_grad]: for δ > 0, ‖ε‖ ≤ (ρ/δ)‖G(w)‖ (any 0/1 mask)
    - [zsharp_iter_step]: the iteration satisfies w_{t+1} = w_t − η d_t componentwise,
      the recursion hypothesis of [LeanSharp.Theory.Alignment.Alignment.aligned_geometric] *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask ZSharpRule.
From LeanSharp.Optim Require Import SAM.
Import ListNotations.
Open Scope R_scope.

Definition zsharp_dir (n : nat) (rho delta : R) (G : W n -> W n) (m w : W n) : W n :=
  G (vadd w (zsharp_eps n rho delta (G w) m)).

Lemma zsharp_step_dir n eta rho delta G m w :
  zsharp_step n eta rho delta G m w = vsub w (vscale eta (zsharp_dir n rho delta G m w)).
Proof. reflexivity. Qed.

Fixpoint zsharp_iter (n : nat) (eta rho delta : R) (G : W n -> W n) (mask : W n -> W n)
    (w0 : W n) (T : nat) : W n :=
  match T with
  | O => w0
  | S T' =>
      let w := zsharp_iter n eta rho delta G mask w0 T' in
      zsharp_step n eta rho delta G (mask (G w)) w
  end.

Lemma zsharp_iter_step n eta rho delta G mask w0 t i :
  zsharp_iter n eta rho delta G mask w0 (S t) i =
  zsharp_iter n eta rho delta G mask w0 t i
  - eta * zsharp_dir n rho delta G (mask (G (zsharp_iter n eta rho delta G mask w0 t)))
                     (zsharp_iter n eta rho delta G mask w0 t) i.
Proof. reflexivity. Qed.

(** ZSharp's actual mask on a one-layer model with gradient g. *)
Definition zsharp_mask1 (n : nat) (g : W n) : W n :=
  layer_mask eps_std default_p [(n, g)] n g.

Lemma zsharp_mask1_is_mask n g : is_mask n (zsharp_mask1 n g).
Proof. exact (layer_mask_is_mask eps_std default_p [(n, g)] n g). Qed.

(** With δ > 0 the perturbation is also small near a critical point:
    ‖ε‖ = ρ‖g ⊙ m‖/(‖g ⊙ m‖ + δ) ≤ (ρ/δ)‖g‖ for every 0/1 mask m. *)
Lemma zsharp_eps_norm_le_grad {n} rho delta (g m : W n) :
  is_mask n m -> 0 <= rho -> 0 < delta -> norm n (zsharp_eps n rho delta g m) <= rho / delta * norm n g.
Proof.
  intros Hm Hr Hd. unfold zsharp_eps, sam_eps. rewrite norm_scale.
  rewrite Rabs_pos_eq by (apply sam_eps_coef_nonneg; lra).
  pose proof (norm_nonneg n (hadamard g m)) as H0. pose proof (norm_filtered_le n g m Hm).
  assert (Hc : rho / (norm n (hadamard g m) + delta) <= rho / delta).
  { unfold Rdiv. apply Rmult_le_compat_l; [lra|]. apply Rinv_le_contravar; lra. }
  assert (0 <= rho / delta) by (unfold Rdiv; apply Rmult_le_pos; [lra | apply Rlt_le, Rinv_0_lt_compat; lra]).
  apply Rle_trans with (rho / delta * norm n (hadamard g m)); [|apply Rmult_le_compat_l; lra].
  apply Rmult_le_compat_r; lra.
Qed.
