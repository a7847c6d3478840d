(** * LeanSharp.Layers.Transformer.Attention — scaled dot-product attention is permutation-equivariant

    A sequence of L tokens is a matrix [X : nat -> nat -> R], row l < L is token l.

    Definitions
    - [scores dk Q K l l'] = ⟨Q_l, K_l'⟩_dk / √dk
    - [attention L dk Q K V l c] = Σ_{l'<L} softmax_L(scores_l)_l' · V_l'c
      (row l of softmax(Q Kᵀ/√dk) V)
    - [is_perm L π π⁻¹]: π, π⁻¹ map [0, L) into itself and are mutually inverse there
    - [prows π X] = the rows of X permuted: (prows π X)_l = X_{π l}

    Main results
    - [vsum_perm]: Σ_{l<L} f(π l) = Σ_{l<L} f l  for a permutation π of [0, L)
    - [softmax_perm]: softmax_L(x ∘ π)_l = softmax_L(x)_{π l}
    - [attention_key_perm_invariant]: permuting the key and value rows together does
      not change the output
    - [attention_perm_equivariant] (headline): permuting the query, key and value rows by π
      permutes the output rows by π:
        attention(πQ, πK, πV)_l = attention(Q, K, V)_{π l}
    - [self_attention_perm_equivariant]: for self-attention Q = X W_Q, K = X W_K, V = X W_V,
      permuting the tokens of X permutes the output rows.
    Certificates: dot-product self-attention is not globally Lipschitz in its input
    ([AttentionNonLipschitz]); with keys and values fixed, the query-to-output map is
    certified in [AttentionCertificate]. *)

From Coq Require Import Reals Lra Lia List Permutation.
Import ListNotations.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Layers.Network Require Import Softmax.
Open Scope R_scope.

Definition scores (dk : nat) (Q K : nat -> nat -> R) (l l' : nat) : R :=
  inner dk (Q l) (K l') / sqrt (INR dk).

Definition attention (L dk : nat) (Q K V : nat -> nat -> R) : nat -> nat -> R :=
  fun l c => vsum L (fun l' => softmax L (scores dk Q K l) l' * V l' c).

Definition is_perm (L : nat) (pi pinv : nat -> nat) : Prop :=
  forall l, (l < L)%nat -> (pi l < L)%nat /\ (pinv l < L)%nat /\ pi (pinv l) = l /\ pinv (pi l) = l.

Definition prows (pi : nat -> nat) (X : nat -> nat -> R) : nat -> nat -> R := fun l => X (pi l).

(** ** Sums are invariant under a permutation of the indices *)

Fixpoint sumR (l : list R) : R := match l with [] => 0 | a :: l' => a + sumR l' end.

Lemma sumR_app l1 l2 : sumR (l1 ++ l2) = sumR l1 + sumR l2.
Proof. induction l1; simpl; [ring | rewrite IHl1; ring]. Qed.

Lemma sumR_perm l1 l2 : Permutation l1 l2 -> sumR l1 = sumR l2.
Proof. induction 1; simpl; lra. Qed.

Lemma vsum_sumR L f : vsum L f = sumR (map f (seq 0 L)).
Proof.
  induction L as [|L IH]; [reflexivity|].
  rewrite seq_S, map_app, sumR_app. simpl. rewrite IH. ring.
Qed.

Lemma perm_seq L pi pinv : is_perm L pi pinv -> Permutation (map pi (seq 0 L)) (seq 0 L).
Proof.
  intros H. apply NoDup_Permutation_bis.
  - apply (NoDup_map_inv pinv). rewrite map_map.
    rewrite (map_ext_in _ (fun x => x)) by (intros a Ha; apply in_seq in Ha; apply H; lia).
    rewrite map_id. apply seq_NoDup.
  - rewrite map_length. lia.
  - intros a Ha. apply in_map_iff in Ha. destruct Ha as [x [<- Hx]]. apply in_seq in Hx.
    apply in_seq. pose proof (H x ltac:(lia)). lia.
Qed.

Theorem vsum_perm L pi pinv f : is_perm L pi pinv -> vsum L (fun l => f (pi l)) = vsum L f.
Proof.
  intros H. rewrite !vsum_sumR, <- (map_map pi f). apply sumR_perm, Permutation_map.
  exact (perm_seq L pi pinv H).
Qed.

(** ** Softmax and attention under permutations *)

Theorem softmax_perm L pi pinv x l :
  is_perm L pi pinv -> softmax L (fun l' => x (pi l')) l = softmax L x (pi l).
Proof.
  intros H. unfold softmax, sumexp. f_equal.
  exact (vsum_perm L pi pinv (fun j => exp (x j)) H).
Qed.

(** Permuting the key and value rows together leaves the output unchanged. *)
Theorem attention_key_perm_invariant L dk pi pinv Q K V l c :
  is_perm L pi pinv ->
  attention L dk Q (prows pi K) (prows pi V) l c = attention L dk Q K V l c.
Proof.
  intros H. unfold attention, prows.
  rewrite <- (vsum_perm L pi pinv (fun l' => softmax L (scores dk Q K l) l' * V l' c) H).
  apply vsum_ext. intros l' _. f_equal.
  exact (softmax_perm L pi pinv (scores dk Q K l) l' H).
Qed.

(** Permutation equivariance: attention(πQ, πK, πV)_l = attention(Q, K, V)_{π l}. *)
Theorem attention_perm_equivariant L dk pi pinv Q K V l c :
  is_perm L pi pinv ->
  attention L dk (prows pi Q) (prows pi K) (prows pi V) l c = attention L dk Q K V (pi l) c.
Proof.
  intros H. rewrite (attention_key_perm_invariant L dk pi pinv) by exact H. reflexivity.
Qed.

(** ** Self-attention Q = X W_Q, K = X W_K, V = X W_V *)

(** Row l of X W (X : L×d, W : d×e): (X W)_lc = Σ_{k<d} X_lk W_kc. *)
Definition matmul (d : nat) (X W : nat -> nat -> R) : nat -> nat -> R :=
  fun l c => vsum d (fun k => X l k * W k c).

Definition self_attention (L d dk : nat) (WQ WK WV X : nat -> nat -> R) : nat -> nat -> R :=
  attention L dk (matmul d X WQ) (matmul d X WK) (matmul d X WV).

Lemma matmul_prows d pi X W : matmul d (prows pi X) W = prows pi (matmul d X W).
Proof. reflexivity. Qed.

Theorem self_attention_perm_equivariant L d dk pi pinv WQ WK WV X l c :
  is_perm L pi pinv ->
  self_attention L d dk WQ WK WV (prows pi X) l c = self_attention L d dk WQ WK WV X (pi l) c.
Proof. intros H. exact (attention_perm_equivariant L dk pi pinv _ _ _ l c H). Qed.
