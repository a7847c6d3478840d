(** * LeanSharp.Layers.Transformer.TransformerLipschitz — a Lipschitz certificate for the pre-LN transformer block

    The block of [TransformerBlock]: Y = X + SA(LN_ε(X)), Z = Y + f(LN_ε(Y)) on L tokens × d
    features (W_V : d × d so the residual is defined). Self-attention is Lipschitz only on
    bounded token sets ([AttentionLipschitz]); the pre-LayerNorm supplies the bound: every
    token of LN_ε(X) has norm ≤ √d ([Normalization.layernorm_norm_le]), WHATEVER X is. So
    the block is Lipschitz on all inputs, in the Frobenius norm ([TokenMatrix]), with
        K_block = (1 + (2/√ε) K_f) · (1 + (2/√ε) K_att),
        K_att = ‖W_Vᵀ‖_F (√L + 2 L d ‖W_Qᵀ‖_F ‖W_Kᵀ‖_F/√dk)   ([att_const] at R = √d),
    for ε > 0, L, d, dk ≥ 1 and a K_f-Lipschitz per-token map f.

    Main results
    - [ln_rows_lipschitz]: ‖LN(X) − LN(Y)‖_F ≤ (2/√ε)‖X − Y‖_F  ([NormLipschitz.layernorm_lipschitz])
    - [attn_sublayer_lipschitz]: X ↦ X + SA(LN X) is (1 + (2/√ε)K_att)-Lipschitz
    - [mlp_sublayer_lipschitz]: Y ↦ Y + f(LN Y) is (1 + (2/√ε)K_f)-Lipschitz
    - [tblock_lipschitz] (headline): the block is K_block-Lipschitz
    - [mlp_lipschitz]: the MLP W₂σ(W₁y + b₁) + b₂ with a K_σ-Lipschitz σ is
      ‖W₂‖_F K_σ ‖W₁‖_F-Lipschitz;  [tblock_mlp_lipschitz]: the block with that MLP
    Not proved: the line-wise C² half of a StabilityCertificate for the block. *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Layers.Network Require Import Certificate Linear Activation Normalization NormLipschitz.
From LeanSharp.Layers.Transformer Require Import Attention TokenMatrix AttentionLipschitz TransformerBlock.
Open Scope R_scope.

Section Block.
Context (L d dk : nat) (eps : R) (WQ WK WV : nat -> nat -> R) (f : (nat -> R) -> (nat -> R)) (Kf : R).
Hypotheses (HL : (1 <= L)%nat) (Hd : (1 <= d)%nat) (Hdk : (1 <= dk)%nat) (He : 0 < eps)
           (Hf : lipschitz_map d d f Kf).

Definition K_ln : R := 2 / sqrt eps.
Definition K_att : R := att_const L d dk d WQ WK WV (sqrt (INR d)).

Lemma K_ln_nonneg : 0 <= K_ln.
Proof. unfold K_ln. apply Rlt_le, Rdiv_lt_0_compat; [lra | apply sqrt_lt_R0, He]. Qed.

Lemma K_att_nonneg : 0 <= K_att.
Proof.
  unfold K_att, att_const. apply Rmult_le_pos; [apply frob_nonneg|].
  assert (0 < sqrt (INR dk)) by (apply sqrt_lt_R0, lt_0_INR; lia).
  pose proof (sqrt_pos (INR L)). pose proof (pos_INR L). pose proof (sqrt_pos (INR d)).
  pose proof (frob_nonneg dk d (tr WQ)). pose proof (frob_nonneg dk d (tr WK)).
  apply Rplus_le_le_0_compat; [lra|]. unfold Rdiv. apply Rmult_le_pos; [|left; apply Rinv_0_lt_compat; lra].
  repeat apply Rmult_le_pos; lra.
Qed.

Theorem ln_rows_lipschitz X Y :
  frob L d (msub (ln_rows d eps X) (ln_rows d eps Y)) <= K_ln * frob L d (msub X Y).
Proof.
  apply frob_le_scale; [apply K_ln_nonneg|]. intros l _.
  destruct (layernorm_lipschitz d eps ltac:(lia) He) as [_ H]. apply H.
Qed.

Lemma ln_rows_bounded X l : norm d (ln_rows d eps X l) <= sqrt (INR d).
Proof. apply layernorm_norm_le. lra. Qed.

(** A residual layer X ↦ X + F X with F K-Lipschitz (Frobenius) is (1 + K)-Lipschitz. *)
Lemma residual_lipschitz (F : (nat -> nat -> R) -> nat -> nat -> R) K X Y :
  frob L d (msub (F X) (F Y)) <= K * frob L d (msub X Y) ->
  frob L d (msub (madd X (F X)) (madd Y (F Y))) <= (1 + K) * frob L d (msub X Y).
Proof.
  intros H. rewrite (frob_ext L d _ (fun l => vadd (msub X Y l) (msub (F X) (F Y) l)))
    by (intros; unfold msub, madd, vsub, vadd; ring).
  eapply Rle_trans; [apply frob_triangle|]. lra.
Qed.

Theorem attn_sublayer_lipschitz X Y :
  frob L d (msub (attn_sublayer L d dk eps WQ WK WV X) (attn_sublayer L d dk eps WQ WK WV Y))
  <= (1 + K_ln * K_att) * frob L d (msub X Y).
Proof.
  apply (residual_lipschitz (fun X => self_attention L d dk WQ WK WV (ln_rows d eps X))).
  eapply Rle_trans.
  - apply (self_attention_lipschitz_bounded L d dk d WQ WK WV (sqrt (INR d)) HL Hdk (sqrt_pos _));
      intros; apply ln_rows_bounded.
  - fold K_att. rewrite (Rmult_comm K_ln K_att), Rmult_assoc.
    apply Rmult_le_compat_l; [apply K_att_nonneg | apply ln_rows_lipschitz].
Qed.

Theorem mlp_sublayer_lipschitz X Y :
  frob L d (msub (mlp_sublayer d eps f X) (mlp_sublayer d eps f Y)) <= (1 + K_ln * Kf) * frob L d (msub X Y).
Proof.
  apply (residual_lipschitz (fun Y => rows f (ln_rows d eps Y))).
  destruct Hf as [HK Hl]. eapply Rle_trans.
  - apply (frob_le_scale L d d _ (msub (ln_rows d eps X) (ln_rows d eps Y)) Kf HK).
    intros l _. apply Hl.
  - rewrite (Rmult_comm K_ln Kf), Rmult_assoc. apply Rmult_le_compat_l; [exact HK | apply ln_rows_lipschitz].
Qed.

(** The pre-LN transformer block is Lipschitz on ALL inputs:
    ‖block(X) − block(Y)‖_F ≤ (1 + (2/√ε)K_f)(1 + (2/√ε)K_att)‖X − Y‖_F. *)
Theorem tblock_lipschitz X Y :
  frob L d (msub (tblock L d dk eps WQ WK WV f X) (tblock L d dk eps WQ WK WV f Y))
  <= (1 + K_ln * Kf) * (1 + K_ln * K_att) * frob L d (msub X Y).
Proof.
  unfold tblock. eapply Rle_trans; [apply mlp_sublayer_lipschitz|].
  rewrite Rmult_assoc. apply Rmult_le_compat_l.
  - pose proof K_ln_nonneg. destruct Hf as [HK _]. nra.
  - apply attn_sublayer_lipschitz.
Qed.

End Block.

(** The two-layer perceptron y ↦ W₂σ(W₁y + b₁) + b₂ (hidden width h) is ‖W₂‖_F K_σ ‖W₁‖_F-Lipschitz. *)
Theorem mlp_lipschitz d h W1 b1 W2 b2 sigma Ks :
  scalar_lipschitz sigma Ks ->
  lipschitz_map d d (mlp d h W1 b1 W2 b2 sigma) (frob d h W2 * (Ks * frob h d W1)).
Proof.
  intros Hs. unfold mlp.
  apply (lipschitz_compose d h d (fun y => act sigma (linear d W1 b1 y))).
  - apply (lipschitz_compose d h h); [apply linear_lipschitz | now apply act_lipschitz].
  - apply linear_lipschitz.
Qed.

Corollary tblock_mlp_lipschitz L d dk h eps WQ WK WV W1 b1 W2 b2 sigma Ks X Y :
  (1 <= L)%nat -> (1 <= d)%nat -> (1 <= dk)%nat -> 0 < eps -> scalar_lipschitz sigma Ks ->
  frob L d (msub (tblock L d dk eps WQ WK WV (mlp d h W1 b1 W2 b2 sigma) X)
                 (tblock L d dk eps WQ WK WV (mlp d h W1 b1 W2 b2 sigma) Y))
  <= (1 + K_ln eps * (frob d h W2 * (Ks * frob h d W1))) * (1 + K_ln eps * K_att L d dk WQ WK WV)
     * frob L d (msub X Y).
Proof.
  intros HL Hd Hdk He Hs. apply tblock_lipschitz; try assumption. now apply mlp_lipschitz.
Qed.
