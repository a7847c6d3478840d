(** * LeanSharp.Layers.Network.BatchNormCertificate — BatchNorm (ε > 0) as a certified map

    A batch of B samples with f features is flattened into W (B·f): entry (b, k) sits at
    index b·f + k.  BatchNorm normalizes every feature column over the batch.

    Definitions
    - [flatten f X]_i = X_{i / f, i mod f};  [bn_flat B f ε x]_i = LN_ε(col_{i mod f} x)_{i / f}
      with [col] x k = (x_{b·f + k})_{b<B}

    Main results
    - [vsum_blocks] (with [Vec.vsum_split]): Σ_{i<B·f} g i = Σ_{k<f} Σ_{b<B} g(b·f + k)
    - [bn_flat_batchnorm]: bn_flat on the flattened batch is [Normalization.batchnorm]
    - [bn_flat_lipschitz] (B ≥ 1, ε > 0): ‖BN(x) − BN(y)‖ ≤ (2/√ε)‖x − y‖ on W (B·f)
      (the column bound [layernorm_lipschitz], squared and summed over the columns)
    - [bn_flat_c2_post], [bn_flat_certificate]: BatchNorm with ε > 0 preserves line-wise C²
      and has the StabilityCertificate (2/√ε) *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Layers.Network Require Import Certificate Linear Normalization NormLipschitz LayerNormC2 Compose.
Open Scope R_scope.

Definition flatten (f : nat) (X : nat -> nat -> R) : nat -> R := fun i => X (i / f)%nat (i mod f)%nat.

Definition fcol (f : nat) (x : nat -> R) (k : nat) : nat -> R := fun b => x (b * f + k)%nat.

Definition bn_flat (B f : nat) (eps : R) (x : nat -> R) : nat -> R :=
  fun i => layernorm B eps (fcol f x (i mod f)) (i / f).

Lemma divmod_block f b k : (k < f)%nat -> ((b * f + k) / f = b /\ (b * f + k) mod f = k)%nat.
Proof.
  intros Hk. split; symmetry.
  - apply (Nat.div_unique _ _ _ k); lia.
  - apply (Nat.mod_unique _ _ b); lia.
Qed.

Lemma bn_flat_batchnorm B f eps X b k :
  (k < f)%nat -> bn_flat B f eps (flatten f X) (b * f + k) = batchnorm B eps X b k.
Proof.
  intros Hk. destruct (divmod_block f b k Hk) as [Hd Hm]. unfold bn_flat, batchnorm.
  rewrite Hd, Hm. f_equal. apply functional_extensionality. intros b'.
  unfold fcol, flatten, col. destruct (divmod_block f b' k Hk) as [-> ->]. reflexivity.
Qed.

(** ** Block sums *)

Lemma vsum_blocks B f g : vsum (B * f) g = vsum f (fun k => vsum B (fun b => g (b * f + k)%nat)).
Proof.
  induction B as [|B IH]; simpl.
  - transitivity (INR f * 0); [ring|]. rewrite <- vsum_const. apply vsum_ext. intros. reflexivity.
  - rewrite Nat.add_comm, vsum_split, IH, <- vsum_add. apply vsum_ext. intros k _. reflexivity.
Qed.

Lemma block_index B f b k : (b < B)%nat -> (k < f)%nat -> (b * f + k < B * f)%nat.
Proof. intros Hb Hk. pose proof (Nat.mul_le_mono_r (S b) B f Hb). simpl in *. lia. Qed.

(** ** Lipschitz *)

Lemma norm2_le_of_norm_le m n a b K :
  0 <= K -> norm m a <= K * norm n b -> norm2 m a <= K * K * norm2 n b.
Proof.
  intros HK H. rewrite <- !norm_sqr. pose proof (norm_nonneg m a). pose proof (norm_nonneg n b).
  assert (norm m a * norm m a <= (K * norm n b) * (K * norm n b)) by (apply Rmult_le_compat; lra).
  lra.
Qed.

Theorem bn_flat_lipschitz B f eps :
  (0 < B)%nat -> 0 < eps -> lipschitz_map (B * f) (B * f) (bn_flat B f eps) (2 / sqrt eps).
Proof.
  intros HB He. destruct (layernorm_lipschitz B eps HB He) as [HK HL].
  split; [exact HK|]. intros x y. apply norm_le_of_norm2_le_scale; [exact HK|].
  unfold norm2 at 1 2, inner at 1 2. rewrite !vsum_blocks, <- vsum_scal. apply vsum_le.
  intros k Hk.
  pose proof (norm2_le_of_norm_le B B _ _ _ HK (HL (fcol f x k) (fcol f y k))) as Hc.
  unfold norm2, inner in Hc. eapply Rle_trans; [|eapply Rle_trans; [exact Hc|]].
  - right. apply vsum_ext. intros b _. unfold vsub, bn_flat.
    destruct (divmod_block f b k Hk) as [-> ->]. reflexivity.
  - right. reflexivity.
Qed.

(** ** Line-wise C² *)

Theorem bn_flat_c2_post B f eps : 0 < eps -> c2_post (B * f) (B * f) (bn_flat B f eps).
Proof.
  intros He p g Hg u d i Hi.
  assert (Hf : (0 < f)%nat) by (destruct f; lia).
  assert (Hk : (i mod f < f)%nat) by (apply Nat.mod_upper_bound; lia).
  assert (Hb : (i / f < B)%nat) by (apply Nat.div_lt_upper_bound; lia).
  set (F := fun s b => g (line u d s) (b * f + i mod f)%nat).
  assert (HF : forall b, (b < B)%nat -> C2 (fun s => F s b))
    by (intros b Hb'; exact (Hg u d _ (block_index B f b _ Hb' Hk))).
  change (C2 (fun s => (F s (i / f)%nat - mean B (F s)) * isr eps (var B (F s)))).
  exact (normalized_C2 B F HF eps (i / f) He Hb).
Qed.

(** BatchNorm certificate (B ≥ 1, ε > 0) on the flattened batch. *)
Theorem bn_flat_certificate B f eps :
  (0 < B)%nat -> 0 < eps -> StabilityCertificate (B * f) (B * f) (bn_flat B f eps) (2 / sqrt eps).
Proof.
  intros HB He. split; [now apply bn_flat_lipschitz|].
  apply c2_post_line_C2. now apply bn_flat_c2_post.
Qed.
