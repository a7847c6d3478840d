(** * LeanSharp.Layers.Network.LayerLibrary — every line-C² map is a layer with a correct JVP

    A [Chain.Layer] carries its directional derivative.  For maps whose derivative has no
    convenient closed form (LayerNorm, BatchNorm) the JVP is taken to be Coquelicot's
    [Derive] along the line, and this is correct as soon as the map is line-wise C².

    Definitions
    - [derive_jvp f x d]_j = d/ds f(x + s d)_j at s = 0  (Coquelicot [Derive])
    - [layer_of_map n m f]: the parameter-free layer with forward map f and JVP [derive_jvp f]
    - [layernorm_layer n ε], [batchnorm_layer B f ε] (on the flattened batch W (B·f))

    Main results
    - [has_jvp_of_line_C2]: f line-C² ⇒ [derive_jvp f] is its directional derivative
      at every point of every line (the derivative of s ↦ f(u + s d) at t is the derivative
      of s ↦ f((u + t d) + s d) at 0)
    - [layernorm_layer_jvp_correct] (ε > 0), [batchnorm_layer_jvp_correct] (ε > 0) *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Layers.Network Require Import Certificate Chain Normalization LayerNormC2 Compose BatchNormCertificate.
Open Scope R_scope.

Definition derive_jvp (f : (nat -> R) -> (nat -> R)) (x d : nat -> R) : nat -> R :=
  fun j => Derive (fun s => f (line x d s) j) 0.

Definition layer_of_map (n m : nat) (f : (nat -> R) -> (nat -> R)) : Layer :=
  {| l_in := n; l_out := m; l_par := 0; l_fwd := fun _ => f; l_jvp := fun _ => derive_jvp f |}.

Lemma line_shift u d t s : line (line u d t) d s = line u d (t + s).
Proof. apply functional_extensionality. intros i. unfold line. ring. Qed.

Theorem has_jvp_of_line_C2 n m f : line_C2 n m f -> has_jvp n m f (derive_jvp f).
Proof.
  intros Hf u d t j Hj. destruct (Hf u d j Hj) as [d1 [d2 H]].
  destruct (H t) as [H1 _].
  assert (Hs : is_derive (fun s => f (line (line u d t) d s) j) 0 (d1 t)).
  { eapply is_derive_ext; [intros s; rewrite line_shift; reflexivity|].
    replace (d1 t) with (1 * d1 t) by ring.
    apply (is_derive_comp (fun y => f (line u d y) j) (fun s => t + s) 0 (d1 t) 1).
    - rewrite Rplus_0_r. exact H1.
    - auto_derive; [exact I | ring]. }
  assert (E : d1 t = derive_jvp f (line u d t) d j)
    by (unfold derive_jvp; symmetry; apply is_derive_unique; exact Hs).
  rewrite <- E. exact H1.
Qed.

Lemma layer_of_map_jvp_correct n m f : line_C2 n m f -> layer_jvp_correct (layer_of_map n m f).
Proof. intros H p. exact (has_jvp_of_line_C2 n m f H). Qed.

Definition layernorm_layer (n : nat) (eps : R) : Layer := layer_of_map n n (layernorm n eps).

Lemma layernorm_layer_jvp_correct n eps : 0 < eps -> layer_jvp_correct (layernorm_layer n eps).
Proof. intros He. apply layer_of_map_jvp_correct, layernorm_line_C2, He. Qed.

Definition batchnorm_layer (B f : nat) (eps : R) : Layer :=
  layer_of_map (B * f) (B * f) (bn_flat B f eps).

Lemma batchnorm_layer_jvp_correct B f eps :
  0 < eps -> layer_jvp_correct (batchnorm_layer B f eps).
Proof. intros He. apply layer_of_map_jvp_correct, c2_post_line_C2, bn_flat_c2_post, He. Qed.
