(** * LeanSharp.Upstream.Structural.ChainStability — upstream LeanSharp/Theory/Structural/ChainStability.lean

    Translates upstream's chain-wise stability of layer-wise Z-score filtering (the
    translation of notions is the one of [Upstream.All]). Upstream's [Layer] carries a
    forward AND a backward map; the library's [Chain.Layer] carries the forward map (and a
    Jacobian–vector product), so this file adds the backward map:
    - [BLayer] = a library [Layer] [bl_layer] with a backward map
      [bl_bwd w x g_out = (gradient w.r.t. the parameters, gradient w.r.t. the input)];
    - a chain is a list of [BLayer]s, first layer first (upstream's [Chain] is built by
      [append] at the output end; the list may also be empty here); its parameters and
      gradients are a library [ChainData] (one vector per layer);
    - [rawBackpropChain c ps x g_out] / [backpropChain z c ps x g_out]: upstream's
      recursive backpropagation, without / with the Z-score filter
      g ↦ g ⊙ zScoreMask g z = [hadamard g (inlier_mask (l_par L) z g)] applied to each
      layer's parameter gradient (the input gradient passed down is never filtered);
    - [chainDataNormSq c ds] = Σ_layers ‖d_k‖² in each layer's parameter dimension.

    Equal: zsharp_chain_stability.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia List.
Import ListNotations.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Layers.Network Require Import Certificate Chain.
Open Scope R_scope.

(** A layer with upstream's backward pass. *)
Record BLayer := mkBLayer {
  bl_layer : Layer;
  bl_bwd : (nat -> R) -> (nat -> R) -> (nat -> R) -> (nat -> R) * (nat -> R)
}.

Definition BChain := list BLayer.

(** Backpropagation without filtering: returns the per-layer parameter gradients and the
    gradient with respect to the chain's input. *)
Fixpoint rawBackpropChain (c : BChain) (ps : ChainData) (x g_out : nat -> R)
  : ChainData * (nat -> R) :=
  match c with
  | [] => ([], g_out)
  | L :: c' =>
      let r := rawBackpropChain c' (tl ps) (l_fwd (bl_layer L) (hd vzero ps) x) g_out in
      let b := bl_bwd L (hd vzero ps) x (snd r) in
      (fst b :: fst r, snd b)
  end.

(** Backpropagation with the Z-score filter applied to every parameter gradient. *)
Fixpoint backpropChain (z : R) (c : BChain) (ps : ChainData) (x g_out : nat -> R)
  : ChainData * (nat -> R) :=
  match c with
  | [] => ([], g_out)
  | L :: c' =>
      let r := backpropChain z c' (tl ps) (l_fwd (bl_layer L) (hd vzero ps) x) g_out in
      let b := bl_bwd L (hd vzero ps) x (snd r) in
      (hadamard (fst b) (inlier_mask (l_par (bl_layer L)) z (fst b)) :: fst r, snd b)
  end.

(** Σ_k ‖d_k‖², the norm of layer k's vector taken in its parameter dimension. *)
Fixpoint chainDataNormSq (c : BChain) (ds : ChainData) : R :=
  match c, ds with
  | L :: c', d :: ds' => norm2 (l_par (bl_layer L)) d + chainDataNormSq c' ds'
  | _, _ => 0
  end.

(** The filter does not change the gradient passed to earlier layers. *)
Lemma backpropChain_snd z c ps x g_out :
  snd (backpropChain z c ps x g_out) = snd (rawBackpropChain c ps x g_out).
Proof.
  revert ps x. induction c as [|L c IH]; intros ps x; simpl; [reflexivity|].
  now rewrite IH.
Qed.

(** [zsharp_chain_stability]: Σ_k ‖filtered gradient_k‖² ≤ Σ_k ‖raw gradient_k‖². *)
Theorem zsharp_chain_stability (c : BChain) z (ps : ChainData) (x g_out : nat -> R) :
  chainDataNormSq c (fst (backpropChain z c ps x g_out))
  <= chainDataNormSq c (fst (rawBackpropChain c ps x g_out)).
Proof.
  revert ps x. induction c as [|L c IH]; intros ps x; simpl; [lra|].
  rewrite backpropChain_snd. apply Rplus_le_compat.
  - apply norm2_filtered_le, inlier_mask_is_mask.
  - apply IH.
Qed.
