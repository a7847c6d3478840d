(** * LeanSharp.Layers.Network.Compose — full stability certificates compose along a chain

    Line-wise C² does not compose for arbitrary maps (see [Certificate]), but every layer of
    this library is built from smooth scalar operations on its input components, and such
    layers preserve line-wise C² of whatever comes before them.

    Definitions
    - [c2_post n m g]: for every p and every line-C² map f : W p → W n, g ∘ f : W p → W m is
      line-C² ("g preserves line-wise C² when applied after any line-C² map")

    Main results
    - [c2_post_line_C2]: c2_post g ⇒ g itself is line-C² (take f = id);
      [c2_post_compose]: c2_post is closed under composition
    - [linear_c2_post], [act_c2_post] (σ C²), [softmax_c2_post], [layernorm_c2_post] (ε > 0):
      every layer of the library is c2_post
    - [chain_c2]: a well-formed chain of c2_post layers has a line-C² forward pass
    - [chain_stability_certificate] (headline): a well-formed chain whose layers are
      K_k-Lipschitz and c2_post has the full StabilityCertificate with constant ∏_k K_k *)

From Coq Require Import Reals Lra Lia List.
Import ListNotations.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Layers.Network Require Import Certificate Chain Linear Activation Normalization Softmax LayerNormC2.
Open Scope R_scope.

Definition c2_post (n m : nat) (g : (nat -> R) -> (nat -> R)) : Prop :=
  forall p (f : (nat -> R) -> (nat -> R)), line_C2 p n f -> line_C2 p m (fun x => g (f x)).

Lemma c2_post_line_C2 n m g : c2_post n m g -> line_C2 n m g.
Proof. intros H. exact (H n (fun x => x) (line_C2_id n)). Qed.

Lemma c2_post_compose n m k g1 g2 :
  c2_post n m g1 -> c2_post m k g2 -> c2_post n k (fun x => g2 (g1 x)).
Proof. intros H1 H2 p f Hf. exact (H2 p (fun x => g1 (f x)) (H1 p f Hf)). Qed.

Lemma c2_post_id n : c2_post n n (fun x => x).
Proof. intros p f Hf. exact Hf. Qed.

(** ** Every layer of the library is c2_post *)

Theorem linear_c2_post n m A b : c2_post n m (linear n A b).
Proof.
  intros p f Hf u d k _. unfold linear, matvec.
  change (C2 (fun s => vsum n (fun i => A k i * f (line u d s) i) + b k)).
  apply C2_plus; [|apply C2_const].
  apply (C2_vsum n (fun i s => A k i * f (line u d s) i)). intros i Hi.
  apply (C2_mult (fun _ => A k i)); [apply C2_const | exact (Hf u d i Hi)].
Qed.

Theorem act_c2_post n sigma s1 s2 : scalar_C2 sigma s1 s2 -> c2_post n n (act sigma).
Proof. intros Hs p f Hf. exact (line_C2_elementwise_compose p n f sigma s1 s2 Hs Hf). Qed.

Lemma C2_exp phi : C2 phi -> C2 (fun s => exp (phi s)).
Proof.
  apply (C2_comp_on (fun _ => True) exp exp exp); [intros; exact I|].
  intros y _. split; [apply is_derive_exp | split; [apply is_derive_exp | apply continuous_exp]].
Qed.

Lemma C2_inv_pos phi : (forall s, 0 < phi s) -> C2 phi -> C2 (fun s => / phi s).
Proof.
  intros Hpos. apply (C2_comp_on (fun y => 0 < y) Rinv (fun y => - / (y * y))
                                     (fun y => 2 / (y * y * y))); [exact Hpos|].
  intros y Hy. split; [|split].
  - auto_derive; [lra | field; lra].
  - auto_derive; [repeat split; apply Rgt_not_eq; nra | field; lra].
  - apply (ex_derive_continuous (V := R_NormedModule)). auto_derive.
    apply Rgt_not_eq. assert (0 < y * y) by nra. nra.
Qed.

Theorem softmax_c2_post n : c2_post n n (softmax n).
Proof.
  intros p f Hf u d i Hi.
  change (C2 (fun s => exp (f (line u d s) i) * / sumexp n (f (line u d s)))).
  apply C2_mult; [apply C2_exp, (Hf u d i Hi)|].
  apply C2_inv_pos; [intros s; apply sumexp_pos; lia|].
  unfold sumexp. apply (C2_vsum n (fun j s => exp (f (line u d s) j))). intros j Hj.
  apply C2_exp, (Hf u d j Hj).
Qed.

(** Statistics of a family of C² components are C². *)
Section Stats.
Variables (n : nat) (F : R -> nat -> R).
Hypothesis HF : forall j, (j < n)%nat -> C2 (fun s => F s j).

Lemma mean_C2 : C2 (fun s => mean n (F s)).
Proof.
  unfold mean. apply (C2_ext (fun s => vsum n (fun j => F s j) * / INR n)); [reflexivity|].
  apply C2_mult; [apply (C2_vsum n (fun j s => F s j)), HF | apply C2_const].
Qed.

Lemma dev_C2 j : (j < n)%nat -> C2 (fun s => F s j - mean n (F s)).
Proof.
  intros Hj. apply (C2_ext (fun s => F s j + (-1) * mean n (F s))); [intros; ring|].
  apply C2_plus; [exact (HF j Hj)|].
  apply (C2_mult (fun _ => -1)); [apply C2_const | apply mean_C2].
Qed.

Lemma var_C2 : C2 (fun s => var n (F s)).
Proof.
  unfold var, ssd. apply (C2_ext
    (fun s => vsum n (fun j => (F s j - mean n (F s)) * (F s j - mean n (F s))) * / INR n));
    [reflexivity|].
  apply C2_mult; [|apply C2_const].
  apply (C2_vsum n (fun j s => (F s j - mean n (F s)) * (F s j - mean n (F s)))).
  intros j Hj. apply C2_mult; now apply dev_C2.
Qed.

(** One normalized component (F_i − μ(F))·(σ²(F) + ε)^{−1/2} of a C² family is C²
    (ε > 0): the shared core of LayerNorm's and BatchNorm's certificates. *)
Lemma normalized_C2 eps i :
  0 < eps -> (i < n)%nat -> C2 (fun s => (F s i - mean n (F s)) * isr eps (var n (F s))).
Proof.
  intros He Hi. apply C2_mult; [now apply dev_C2|].
  apply (C2_comp_on (fun y => 0 <= y) (isr eps) (isr1 eps) (isr2 eps)).
  - intros s. apply var_nonneg.
  - intros y Hy. now apply isr_C2_on.
  - apply var_C2.
Qed.

End Stats.

Theorem layernorm_c2_post n eps : 0 < eps -> c2_post n n (layernorm n eps).
Proof.
  intros He p f Hf u d i Hi.
  set (F := fun s => f (line u d s)).
  assert (HF : forall j, (j < n)%nat -> C2 (fun s => F s j)) by (intros j Hj; exact (Hf u d j Hj)).
  exact (normalized_C2 n F HF eps i He Hi).
Qed.

(** ** Chains *)

Fixpoint chain_c2_post (c : Chain) (ps : ChainData) : Prop :=
  match c with
  | [] => True
  | L :: c' => c2_post (l_in L) (l_out L) (l_fwd L (hd vzero ps)) /\ chain_c2_post c' (tl ps)
  end.

Lemma chain_forward_c2_post n m c ps :
  chain_wf n m c -> chain_c2_post c ps -> c2_post n m (forward c ps).
Proof.
  revert n ps. induction c as [|L c IH]; intros n ps Hwf Hc; simpl in *.
  - subst m. apply c2_post_id.
  - destruct Hwf as [<- Hwf], Hc as [HL Hc].
    exact (c2_post_compose _ _ _ _ _ HL (IH _ _ Hwf Hc)).
Qed.

Theorem chain_c2 n m c ps : chain_wf n m c -> chain_c2_post c ps -> line_C2 n m (forward c ps).
Proof. intros Hwf Hc. apply c2_post_line_C2. exact (chain_forward_c2_post n m c ps Hwf Hc). Qed.

(** Full chain certificate: layers that are K_k-Lipschitz and preserve line-wise C² give a
    forward pass that is (∏_k K_k)-Lipschitz and line-wise C². *)
Theorem chain_stability_certificate n m c ps Ks :
  chain_wf n m c -> chain_lipschitz c ps Ks -> chain_c2_post c ps ->
  StabilityCertificate n m (forward c ps) (prod_list Ks).
Proof.
  intros Hwf Hl Hc. split; [exact (chain_certificate n m c ps Ks Hwf Hl) | exact (chain_c2 n m c ps Hwf Hc)].
Qed.
