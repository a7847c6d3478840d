(** * LeanSharp.Layers.Transformer.AttentionCertificate — a certificate for attention in its query

    Dot-product *self*-attention X ↦ attn(XW_Q, XW_K, XW_V) is not globally Lipschitz
    (Kim, Papamakarios, Mnih 2021; proved here for two scalar tokens in
    [AttentionNonLipschitz.self_attention_not_lipschitz]), so no global certificate exists
    for it and none is claimed.  With the memory (keys K ∈ R^{L×dk}, values V ∈ R^{L×dv}) fixed, the map from
    one query q ∈ W dk to its output row is a chain of three certified layers:
        q ↦ K q/√dk  (linear)  ↦ softmax  ↦ Vᵀ p  (linear).

    Definitions
    - [attn_query L dk K V q]_c = Σ_{l<L} softmax_L(⟨q, K_l⟩/√dk)_l V_lc
    - [key_map dk K]_li = K_li/√dk,  [val_map V]_cl = V_lc (Vᵀ)

    Main results
    - [attention_row]: row l of [Attention.attention] is attn_query applied to Q_l
    - [attn_query_certificate]: StabilityCertificate dk dv (attn_query L dk K V)
        (‖Vᵀ‖_F · 1 · ‖K/√dk‖_F)
      (Lipschitz by [lipschitz_compose], line-wise C² by [Compose]'s c2_post layers) *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Layers.Network Require Import Certificate Linear Softmax LayerNormC2 Compose.
From LeanSharp.Layers.Transformer Require Import Attention.
Open Scope R_scope.

Definition attn_query (L dk : nat) (K V : nat -> nat -> R) (q : nat -> R) : nat -> R :=
  fun c => vsum L (fun l' => softmax L (fun l => inner dk q (K l) / sqrt (INR dk)) l' * V l' c).

Definition key_map (dk : nat) (K : nat -> nat -> R) : nat -> nat -> R :=
  fun l i => K l i / sqrt (INR dk).

Definition val_map (V : nat -> nat -> R) : nat -> nat -> R := fun c l => V l c.

Lemma attention_row L dk Q K V l c :
  attention L dk Q K V l c = attn_query L dk K V (Q l) c.
Proof. reflexivity. Qed.

(** The three-layer form of attn_query. *)
Lemma attn_query_chain L dk dv K V q c :
  (c < dv)%nat ->
  linear L (val_map V) vzero (softmax L (linear dk (key_map dk K) vzero q)) c
  = attn_query L dk K V q c.
Proof.
  intros _. unfold linear, matvec, attn_query, vzero, val_map. rewrite Rplus_0_r.
  apply vsum_ext. intros l' _. rewrite Rmult_comm. f_equal.
  unfold softmax, sumexp.
  assert (Hs : forall l, vsum dk (fun i => key_map dk K l i * q i) + 0
                         = inner dk q (K l) / sqrt (INR dk)).
  { intros l. unfold key_map, inner, Rdiv. rewrite Rplus_0_r, (Rmult_comm (vsum dk _)), <- vsum_scal.
    apply vsum_ext. intros. ring. }
  rewrite Hs. f_equal. apply vsum_ext. intros l _. now rewrite Hs.
Qed.

(** Attention certificate in the query: keys and values fixed, q ↦ attention output is
    (‖Vᵀ‖_F · ‖K‖_F/√dk)-Lipschitz (written ‖Vᵀ‖_F · 1 · ‖K/√dk‖_F) and line-wise C². *)
Theorem attn_query_certificate L dk dv K V :
  StabilityCertificate dk dv (attn_query L dk K V)
    (frob dv L (val_map V) * (1 * frob L dk (key_map dk K))).
Proof.
  set (g := fun q => linear L (val_map V) vzero (softmax L (linear dk (key_map dk K) vzero q))).
  assert (Hg : forall q c, (c < dv)%nat -> g q c = attn_query L dk K V q c)
    by (intros; now apply (attn_query_chain L dk dv)).
  split.
  - apply (lipschitz_ext dk dv g); [exact Hg|].
    apply (lipschitz_compose dk L dv (fun q => softmax L (linear dk (key_map dk K) vzero q))).
    + apply (lipschitz_compose dk L L); [apply linear_lipschitz | apply softmax_lipschitz].
    + apply linear_lipschitz.
  - apply (line_C2_ext dk dv g); [exact Hg|]. apply c2_post_line_C2.
    apply (c2_post_compose dk L dv (fun q => softmax L (linear dk (key_map dk K) vzero q)));
      [|apply linear_c2_post].
    apply (c2_post_compose dk L L); [apply linear_c2_post | apply softmax_c2_post].
Qed.
