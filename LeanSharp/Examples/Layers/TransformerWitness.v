(** * LeanSharp.Examples.Layers.TransformerWitness — the pre-LN block on two tokens, tokens swapped

    L = 2 tokens, d = 2 features, dk = 1, LayerNorm ε = 1e-5, W_Q = W_K = W_V = I (d × d,
    W_Q, W_K read on their first column), a sigmoid MLP with hidden width 3 and all-ones
    weights. The permutation π swaps the two tokens ([swap2_perm]).

    Witnesses
    - [tblock_swap_witness] ([Layers.Transformer.TransformerBlock.tblock_perm_equivariant]): for the
      tokens X = ((1, 2), (3, −1)), the block applied to the swapped sequence has, as its
      token 0, the original output's token 1, and vice versa
    - [tblock_lipschitz_witness] ([Layers.Transformer.TransformerLipschitz.tblock_mlp_lipschitz], σ the
      sigmoid, ¼-Lipschitz [sigmoid_scalar_lipschitz]): the same block is Lipschitz in the
      Frobenius norm on all pairs of token sequences, with the explicit constant
      (1 + (2/√ε)‖W₂‖_F ¼ ‖W₁‖_F)(1 + (2/√ε)K_att). *)

From Coq Require Import Reals Lra Lia List.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Layers.Network Require Import Linear Activation.
From LeanSharp.Layers.Transformer Require Import Attention TransformerBlock TokenMatrix AttentionLipschitz TransformerLipschitz.
Import ListNotations.
Open Scope R_scope.

Definition swap2 (l : nat) : nat := if Nat.eqb l 0 then 1%nat else 0%nat.

Lemma swap2_perm : is_perm 2 swap2 swap2.
Proof. intros l Hl. unfold swap2. destruct l as [|[|l]]; simpl; lia. Qed.

Definition Id2 : nat -> nat -> R := fun i j => if Nat.eqb i j then 1 else 0.
Definition ones : nat -> nat -> R := fun _ _ => 1.
Definition onesv : nat -> R := fun _ => 1.
Definition X2 : nat -> nat -> R := fun l c => nth c (nth l [[1; 2]; [3; -1]] []) 0.

Definition block2 : (nat -> nat -> R) -> nat -> nat -> R :=
  tblock 2 2 1 1e-5 Id2 Id2 Id2 (mlp 2 3 ones onesv ones onesv sigmoid).

Theorem tblock_swap_witness c :
  block2 (prows swap2 X2) 0%nat c = block2 X2 1%nat c /\
  block2 (prows swap2 X2) 1%nat c = block2 X2 0%nat c.
Proof.
  unfold block2. split; apply tblock_perm_equivariant with (pi := swap2) (pinv := swap2), swap2_perm.
Qed.

(** ** The Lipschitz certificate fires *)

Lemma sigmoid_scalar_lipschitz : scalar_lipschitz sigmoid (1 / 4).
Proof.
  apply (scalar_lipschitz_of_deriv sigmoid sigmoid1); [lra | exact is_derive_sigmoid |].
  intros x. pose proof (sigmoid1_bound x). rewrite Rabs_pos_eq; lra.
Qed.

(** ‖block(X) − block(Y)‖_F ≤ K‖X − Y‖_F for ALL token sequences X, Y (no bound on the
    inputs is needed: the pre-LayerNorm bounds the tokens the attention sees). *)
Theorem tblock_lipschitz_witness X Y :
  frob 2 2 (msub (block2 X) (block2 Y))
  <= (1 + K_ln 1e-5 * (frob 2 3 ones * (1 / 4 * frob 3 2 ones))) * (1 + K_ln 1e-5 * K_att 2 2 1 Id2 Id2 Id2)
     * frob 2 2 (msub X Y).
Proof.
  apply tblock_mlp_lipschitz; [lia | lia | lia | lra | exact sigmoid_scalar_lipschitz].
Qed.
