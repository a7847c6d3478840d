(** * LeanSharp.Layers.Network.Chain — layers, chains of layers, and the chain certificate

    Definitions
    - [Layer]: a record with input dimension [l_in], output dimension [l_out], parameter
      dimension [l_par], forward map [l_fwd : W l_par → W l_in → W l_out] and its
      directional derivative in the input [l_jvp p x d] (a Jacobian–vector product);
      [layer_jvp_correct L]: l_jvp really is the derivative of l_fwd along lines
      ([Certificate.has_jvp] for every parameter p).
    - [Chain] = list of layers; [chain_wf n m c]: the dimensions match,
      l_in(L₁) = n, l_out(L_k) = l_in(L_{k+1}), l_out(L_last) = m.
    - [ChainData] = list of parameter vectors, one per layer (a missing entry reads as 0).
    - [forward c ps x]: the forward pass, layer 1 first.
    - [chain_lipschitz c ps Ks]: layer k with its parameters fixed is K_k-Lipschitz
      ([Certificate.lipschitz_map (l_in L) (l_out L) (l_fwd L p_k) K_k]), one K per layer.
    - [prod_list Ks] = ∏ K_k.

    Main results
    - [chain_certificate] (headline): a well-formed chain whose layers have Lipschitz
      certificates K_k has the Lipschitz certificate ∏_k K_k:
        ‖forward c ps u − forward c ps v‖_m ≤ (∏ K_k) ‖u − v‖_n.
    - [forward_app]: the forward pass of c₁ ++ c₂ runs c₁ then c₂;
      [chain_lipschitz_length]: one constant per layer. *)

From Coq Require Import Reals Lra Lia List.
Import ListNotations.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Layers.Network Require Import Certificate.
Open Scope R_scope.

Record Layer := mkLayer {
  l_in : nat;
  l_out : nat;
  l_par : nat;
  l_fwd : (nat -> R) -> (nat -> R) -> (nat -> R);
  l_jvp : (nat -> R) -> (nat -> R) -> (nat -> R) -> (nat -> R)
}.

Definition layer_jvp_correct (L : Layer) : Prop :=
  forall p, has_jvp (l_in L) (l_out L) (l_fwd L p) (l_jvp L p).

Definition Chain := list Layer.
Definition ChainData := list (nat -> R).

Fixpoint chain_wf (n m : nat) (c : Chain) : Prop :=
  match c with
  | [] => n = m
  | L :: c' => l_in L = n /\ chain_wf (l_out L) m c'
  end.

Fixpoint forward (c : Chain) (ps : ChainData) (x : nat -> R) : nat -> R :=
  match c with
  | [] => x
  | L :: c' => forward c' (tl ps) (l_fwd L (hd vzero ps) x)
  end.

Fixpoint chain_lipschitz (c : Chain) (ps : ChainData) (Ks : list R) : Prop :=
  match c, Ks with
  | [], [] => True
  | L :: c', K :: Ks' =>
      lipschitz_map (l_in L) (l_out L) (l_fwd L (hd vzero ps)) K /\ chain_lipschitz c' (tl ps) Ks'
  | _, _ => False
  end.

Fixpoint prod_list (Ks : list R) : R :=
  match Ks with [] => 1 | K :: Ks' => K * prod_list Ks' end.

Lemma chain_lipschitz_length c ps Ks : chain_lipschitz c ps Ks -> length Ks = length c.
Proof.
  revert ps Ks. induction c as [|L c IH]; intros ps [|K Ks]; simpl; try tauto.
  intros [_ H]. f_equal. exact (IH _ _ H).
Qed.

Lemma forward_app c1 c2 ps x :
  forward (c1 ++ c2) ps x = forward c2 (skipn (length c1) ps) (forward c1 ps x).
Proof.
  revert ps x. induction c1 as [|L c1 IH]; intros ps x; simpl; [reflexivity|].
  rewrite IH. f_equal. destruct ps; simpl; [now destruct (length c1)|reflexivity].
Qed.

(** Chain certificate: if every layer, with its parameters fixed, is K_k-Lipschitz between
    its dimensions, the whole forward pass W n → W m is (∏_k K_k)-Lipschitz. *)
Theorem chain_certificate n m c ps Ks :
  chain_wf n m c -> chain_lipschitz c ps Ks ->
  lipschitz_map n m (forward c ps) (prod_list Ks).
Proof.
  revert n ps Ks. induction c as [|L c IH]; intros n ps Ks Hwf Hl.
  - destruct Ks; [|contradiction]. simpl in *. subst m. apply lipschitz_id.
  - destruct Ks as [|K Ks]; [contradiction|]. simpl in Hwf, Hl |- *.
    destruct Hwf as [Hin Hwf]. destruct Hl as [HL Hl]. subst n.
    rewrite Rmult_comm.
    apply (lipschitz_compose (l_in L) (l_out L) m (l_fwd L (hd vzero ps)) (forward c (tl ps))).
    + exact HL.
    + now apply IH.
Qed.
