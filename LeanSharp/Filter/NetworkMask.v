(** * LeanSharp.Filter.NetworkMask — ZSharp's rule over all layers, as one mask on W N

    A network has layers of sizes n_0, …, n_{k−1}; its parameters (and its gradient) are
    one flat vector of [W N], N = n_0 + … + n_{k−1}, layer l occupying the indices
    [n_0 + … + n_{l−1}, n_0 + … + n_l). ZSharp filters the gradient layer by layer with
    one GLOBAL threshold ([Filter.ZSharpRule.layer_mask]: per-layer z-scores with the sample
    std + ε_std, z = 0 for layers of < 2 components, the p-th quantile of |z| over all
    layers concatenated, per-layer top-max(1, ⌊0.2 n_l⌋) fallback). This file turns that
    list-of-layers rule into a mask on the flat vector, so that the perturbation
    ε = ρ·g_f/(‖g_f‖ + δ) and the update w⁺ = w − η∇L(w + ε) of [Optim.SAM] — with the
    GLOBAL norm ‖g_f‖ — are those of ZSharp's trainer.

    Definitions
    - [net_size sizes] = N = Σ n_l
    - [split_layers sizes g] = the list of layers (n_l, g restricted to layer l)
    - [concat_layers Ls] = the flat vector of a list of layers
    - [net_mask eps p sizes g] : W N — the actual ZSharp mask of every layer, laid end to
      end; [zsharp_net_mask sizes] = [net_mask eps_std default_p sizes] (ε_std = 1e-8,
      p = 70)
    - [net_filtered eps p sizes g] = g ⊙ [net_mask eps p sizes g]

    Main results
    - [net_filtered_layers]: split into layers, g ⊙ m is EXACTLY [zsharp_filter] of the
      split gradient (layer by layer, component by component)
    - [net_mask_is_mask]: the network mask is a 0/1 mask on W N — every "any mask" theorem
      of the library applies to ZSharp's network-wide rule
    - [lnorm2_split]: ‖g‖² on W N = Σ_l ‖g_l‖² (the global norm is the norm of the
      concatenation), [norm2_net_filtered]: ‖g ⊙ m‖² = [lnorm2] of [zsharp_filter]
    - [net_mask_layer]: on layer l the network mask is that layer's [layer_mask] *)

From Coq Require Import Reals Lra Lia List FunctionalExtensionality.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask ZSharpRule.
Import ListNotations.
Open Scope R_scope.

Fixpoint net_size (sizes : list nat) : nat :=
  match sizes with [] => O | n :: r => (n + net_size r)%nat end.

Definition shift (k : nat) (g : nat -> R) : nat -> R := fun i => g (k + i)%nat.

Fixpoint split_layers (sizes : list nat) (g : nat -> R) : list layer :=
  match sizes with
  | [] => []
  | n :: r => (n, g) :: split_layers r (shift n g)
  end.

Fixpoint concat_layers (Ls : list layer) : nat -> R :=
  match Ls with
  | [] => fun _ => 0
  | L :: r => fun i => if Nat.ltb i (fst L) then snd L i else concat_layers r (i - fst L)
  end.

(** The masks of all layers, each computed with the global list [G] (global threshold). *)
Definition layer_masks (eps p : R) (G Ls : list layer) : list layer :=
  map (fun L : layer => (fst L, layer_mask eps p G (fst L) (snd L) : nat -> R)) Ls.

Definition net_mask (eps p : R) (sizes : list nat) (g : nat -> R) : nat -> R :=
  let Ls := split_layers sizes g in concat_layers (layer_masks eps p Ls Ls).

Definition zsharp_net_mask (sizes : list nat) : (nat -> R) -> (nat -> R) :=
  net_mask eps_std default_p sizes.

Definition net_filtered (eps p : R) (sizes : list nat) (g : nat -> R) : nat -> R :=
  hadamard g (net_mask eps p sizes g).

(** Two layers agree when they have the same size and the same components. *)
Definition layer_eq (L L' : layer) : Prop :=
  fst L = fst L' /\ forall i, (i < fst L)%nat -> snd L i = snd L' i.

(** [zsharp_filter] with the global list [G] kept apart from the list being filtered. *)
Definition filter_with (eps p : R) (G Ls : list layer) : list layer :=
  map (fun L => (fst L, hadamard (snd L) (layer_mask eps p G (fst L) (snd L)))) Ls.

Lemma zsharp_filter_with eps p Ls : zsharp_filter eps p Ls = filter_with eps p Ls Ls.
Proof. reflexivity. Qed.

(** ** Concatenation and shifting *)

Lemma shift_concat_cons n h Ls : shift n (concat_layers ((n, h) :: Ls)) = concat_layers Ls.
Proof.
  apply functional_extensionality. intros j. unfold shift. simpl.
  destruct (Nat.ltb_spec (n + j) n); [lia|]. f_equal. lia.
Qed.

Lemma shift_hadamard n g m : shift n (hadamard g m) = hadamard (shift n g) (shift n m).
Proof. reflexivity. Qed.

Lemma split_layers_length sizes g : length (split_layers sizes g) = length sizes.
Proof. revert g. induction sizes; intros; simpl; auto. Qed.

Lemma layer_masks_length eps p G Ls : length (layer_masks eps p G Ls) = length Ls.
Proof. apply map_length. Qed.

Lemma layer_masks_cons eps p G L Ls :
  layer_masks eps p G (L :: Ls)
  = (fst L, layer_mask eps p G (fst L) (snd L) : nat -> R) :: layer_masks eps p G Ls.
Proof. reflexivity. Qed.

Lemma filter_with_cons eps p G L Ls :
  filter_with eps p G (L :: Ls)
  = (fst L, hadamard (snd L) (layer_mask eps p G (fst L) (snd L))) :: filter_with eps p G Ls.
Proof. reflexivity. Qed.

(** ** The network mask is ZSharp's filter, layer by layer *)

Lemma net_filtered_layers_gen eps p G sizes g :
  Forall2 layer_eq
    (split_layers sizes (hadamard g (concat_layers (layer_masks eps p G (split_layers sizes g)))))
    (filter_with eps p G (split_layers sizes g)).
Proof.
  revert g. induction sizes as [|n r IH]; intros g; [constructor|].
  cbn [split_layers]. rewrite layer_masks_cons, filter_with_cons.
  cbn [split_layers]. constructor.
  - split; [reflexivity|]. intros i Hi. simpl in Hi |- *. unfold hadamard.
    destruct (Nat.ltb_spec i n); [reflexivity | lia].
  - rewrite shift_hadamard, shift_concat_cons. apply IH.
Qed.

(** Split into its layers, the network-filtered gradient g ⊙ m is [zsharp_filter] of
    the split gradient: the flat mask computes exactly ZSharp's list-of-layers rule. *)
Theorem net_filtered_layers eps p sizes g :
  Forall2 layer_eq (split_layers sizes (net_filtered eps p sizes g))
                   (zsharp_filter eps p (split_layers sizes g)).
Proof. apply net_filtered_layers_gen. Qed.

Lemma concat_is_mask Ls :
  Forall (fun L => is_mask (fst L) (snd L)) Ls -> is_mask (net_size (map fst Ls)) (concat_layers Ls).
Proof.
  induction Ls as [|L Ls IH]; intros HF i Hi; simpl in *; [lia|].
  inversion HF as [|? ? HL HLs]; subst.
  destruct (Nat.ltb_spec i (fst L)); [now apply HL|]. apply IH; [exact HLs | lia].
Qed.

Lemma map_fst_split sizes g : map fst (split_layers sizes g) = sizes.
Proof. revert g. induction sizes; intros; simpl; f_equal; auto. Qed.

Lemma map_fst_layer_masks eps p G Ls : map fst (layer_masks eps p G Ls) = map fst Ls.
Proof. unfold layer_masks. rewrite map_map. reflexivity. Qed.

(** ZSharp's network-wide mask is a 0/1 mask on W N. *)
Theorem net_mask_is_mask eps p sizes g : is_mask (net_size sizes) (net_mask eps p sizes g).
Proof.
  set (Ls := split_layers sizes g).
  assert (H : Forall (fun L => is_mask (fst L) (snd L)) (layer_masks eps p Ls Ls)).
  { apply Forall_forall. intros L HL. unfold layer_masks in HL.
    apply in_map_iff in HL as [L' [<- _]]. apply layer_mask_is_mask. }
  pose proof (concat_is_mask _ H) as Hm.
  rewrite map_fst_layer_masks in Hm. unfold Ls in Hm. rewrite map_fst_split in Hm. exact Hm.
Qed.

(** ** The global norm *)

(** ‖g‖² on W N is the sum of the squared norms of its layers. *)
Theorem lnorm2_split sizes g : lnorm2 (split_layers sizes g) = norm2 (net_size sizes) g.
Proof.
  revert g. induction sizes as [|n r IH]; intros g; simpl; [reflexivity|].
  rewrite IH. unfold norm2, inner. rewrite vsum_split. reflexivity.
Qed.

Lemma lnorm2_layer_eq Ls Ls' : Forall2 layer_eq Ls Ls' -> lnorm2 Ls = lnorm2 Ls'.
Proof.
  induction 1 as [|L L' Ls Ls' [Hn Hc] _ IH]; simpl; [reflexivity|].
  rewrite IH, <- Hn. f_equal. apply inner_ext. intros i Hi. now rewrite Hc.
Qed.

(** The global norm of the filtered gradient is the norm of ZSharp's filtered layers. *)
Theorem norm2_net_filtered eps p sizes g :
  norm2 (net_size sizes) (net_filtered eps p sizes g)
  = lnorm2 (zsharp_filter eps p (split_layers sizes g)).
Proof. rewrite <- lnorm2_split. apply lnorm2_layer_eq, net_filtered_layers. Qed.

Lemma split_concat_masks eps p G sizes g :
  Forall2 layer_eq (split_layers sizes (concat_layers (layer_masks eps p G (split_layers sizes g))))
    (layer_masks eps p G (split_layers sizes g)).
Proof.
  revert g. induction sizes as [|n r IH]; intros g; [constructor|].
  cbn [split_layers]. rewrite layer_masks_cons. constructor.
  - split; [reflexivity|]. intros i Hi. simpl in Hi |- *.
    destruct (Nat.ltb_spec i n); [reflexivity | lia].
  - rewrite shift_concat_cons. apply IH.
Qed.

(** Split into layers, the network mask is the list of the layers' own masks. *)
Theorem net_mask_layer eps p sizes g :
  Forall2 layer_eq (split_layers sizes (net_mask eps p sizes g))
    (layer_masks eps p (split_layers sizes g) (split_layers sizes g)).
Proof. apply split_concat_masks. Qed.
