(** * LeanSharp.Layers.Network.LayerNormC2 — C² functions of one variable; LayerNorm's certificate

    [Certificate.C2 φ]: φ : R → R has φ', φ'' on all of R and φ'' is continuous
    ([Certificate.line_C2 n m f] says: every s ↦ f(u + s d)_j, j < m, is [C2]).

    Definitions
    - [isr ε y] = 1/√(y + ε), with [isr1] = −1/(2(y + ε)^{3/2}), [isr2] = 3/(4(y + ε)^{5/2})

    Main results
    - closure of [C2]: constants, affine maps, sums, products, finite sums ([C2_vsum]),
      and composition σ ∘ φ with σ C² on a set S containing the range of φ ([C2_comp_on])
    - [isr_C2_on]: for ε > 0, y ↦ 1/√(y + ε) is C² on y ≥ 0
    - [layernorm_line_C2]: for ε > 0, LayerNorm is line-wise C²: along a line,
      LN_ε(u + s d)_i = (x_i(s) − μ(s)) · isr_ε(σ²(s)), an affine function times
      isr_ε of a quadratic polynomial σ²(s) ≥ 0
    - [layernorm_certificate] (n ≥ 1, ε > 0): StabilityCertificate n n LN_ε (2/√ε) *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Layers.Network Require Import Certificate Activation Normalization NormLipschitz.
Open Scope R_scope.

(** ** Closure properties *)

Lemma C2_ext f g : (forall s, f s = g s) -> C2 f -> C2 g.
Proof.
  intros Hfg [d1 [d2 H]]. exists d1, d2. intros s. destruct (H s) as [H1 H2].
  split; [|exact H2]. eapply is_derive_ext; [exact Hfg | exact H1].
Qed.

Lemma C2_const c : C2 (fun _ => c).
Proof.
  exists (fun _ => 0), (fun _ => 0). intros s.
  split; [|split]; [apply (is_derive_const (V := R_NormedModule)) ..|apply continuous_const].
Qed.

Lemma C2_affine a b : C2 (fun s => a + s * b).
Proof.
  exists (fun _ => b), (fun _ => 0). intros s. split; [|split].
  - auto_derive; [exact I | ring].
  - apply (is_derive_const (V := R_NormedModule)).
  - apply continuous_const.
Qed.

Lemma C2_plus f g : C2 f -> C2 g -> C2 (fun s => f s + g s).
Proof.
  intros [f1 [f2 Hf]] [g1 [g2 Hg]]. exists (fun s => f1 s + g1 s), (fun s => f2 s + g2 s).
  intros s. destruct (Hf s) as [Hf1 [Hf2 Hf3]], (Hg s) as [Hg1 [Hg2 Hg3]]. split; [|split].
  - apply (is_derive_plus (V := R_NormedModule)); assumption.
  - apply (is_derive_plus (V := R_NormedModule)); assumption.
  - now apply continuous_Rplus.
Qed.

(** (f g)'' = f'' g + f' g' + (f' g' + f g''). *)
Lemma C2_mult f g : C2 f -> C2 g -> C2 (fun s => f s * g s).
Proof.
  intros [f1 [f2 Hf]] [g1 [g2 Hg]].
  exists (fun s => f1 s * g s + f s * g1 s),
         (fun s => f2 s * g s + f1 s * g1 s + (f1 s * g1 s + f s * g2 s)).
  intros s. destruct (Hf s) as [Hf1 [Hf2 Hf3]], (Hg s) as [Hg1 [Hg2 Hg3]].
  pose proof (is_derive_continuous _ _ _ Hf1). pose proof (is_derive_continuous _ _ _ Hf2).
  pose proof (is_derive_continuous _ _ _ Hg1). pose proof (is_derive_continuous _ _ _ Hg2).
  split; [|split].
  - now apply Derive.is_derive_mult.
  - apply (is_derive_plus (V := R_NormedModule)); now apply Derive.is_derive_mult.
  - apply continuous_Rplus; apply continuous_Rplus; now apply continuous_Rmult.
Qed.

Lemma C2_vsum n (F : nat -> R -> R) :
  (forall j, (j < n)%nat -> C2 (F j)) -> C2 (fun s => vsum n (fun j => F j s)).
Proof.
  induction n as [|n IH]; intros H; simpl; [apply C2_const|].
  apply C2_plus; [apply IH; intros; apply H; lia | apply H; lia].
Qed.

Lemma C2_comp_on (S : R -> Prop) sigma s1 s2 phi :
  (forall s, S (phi s)) ->
  (forall y, S y -> is_derive sigma y (s1 y) /\ is_derive s1 y (s2 y) /\ continuous s2 y) ->
  C2 phi -> C2 (fun s => sigma (phi s)).
Proof.
  intros HS Hs [p1 [p2 Hp]].
  exists (fun s => s1 (phi s) * p1 s),
         (fun s => s2 (phi s) * p1 s * p1 s + s1 (phi s) * p2 s).
  intros s. destruct (Hp s) as [H1 [H2 H3]]. destruct (Hs (phi s) (HS s)) as [G1 [G2 G3]].
  pose proof (is_derive_continuous _ _ _ H1) as C1.
  split; [|split].
  - now apply is_derive_comp_R.
  - replace (s2 (phi s) * p1 s * p1 s + s1 (phi s) * p2 s)
      with ((s2 (phi s) * p1 s) * p1 s + s1 (phi s) * p2 s) by ring.
    apply (Derive.is_derive_mult (fun y => s1 (phi y)) p1); [|exact H2].
    now apply is_derive_comp_R.
  - apply continuous_Rplus; apply continuous_Rmult.
    + apply continuous_Rmult; [|exact (is_derive_continuous _ _ _ H2)].
      now apply (continuous_comp phi s2).
    + exact (is_derive_continuous _ _ _ H2).
    + apply (continuous_comp phi s1); [exact C1|]. exact (is_derive_continuous _ _ _ G2).
    + exact H3.
Qed.

(** ** y ↦ 1/√(y + ε) *)

Definition isr (eps y : R) : R := / sqrt (y + eps).
Definition isr1 (eps y : R) : R := - / (2 * ((y + eps) * sqrt (y + eps))).
Definition isr2 (eps y : R) : R := 3 / (4 * ((y + eps) * (y + eps) * sqrt (y + eps))).

Lemma isr_C2_on eps y :
  0 < eps -> 0 <= y ->
  is_derive (isr eps) y (isr1 eps y) /\ is_derive (isr1 eps) y (isr2 eps y) /\
  continuous (isr2 eps) y.
Proof.
  intros He Hy. assert (Hp : 0 < y + eps) by lra.
  pose proof (sqrt_lt_R0 _ Hp) as Hs. pose proof (sqrt_sqrt (y + eps) (Rlt_le _ _ Hp)) as Hss.
  unfold isr, isr1, isr2. split; [|split].
  - auto_derive; [repeat split; lra|]. set (t := sqrt (y + eps)) in *.
    rewrite <- Hss. field. lra.
  - auto_derive; [repeat split; try lra; apply Rgt_not_eq; nra|].
    set (t := sqrt (y + eps)) in *. rewrite <- Hss. field. lra.
  - apply (ex_derive_continuous (V := R_NormedModule)). auto_derive.
    repeat split; try lra. apply Rgt_not_eq.
    assert (0 < (y + eps) * (y + eps) * sqrt (y + eps)) by (apply Rmult_lt_0_compat; nra).
    lra.
Qed.

(** ** LayerNorm along a line *)

Lemma mean_line_C2 n u d : C2 (fun s => mean n (line u d s)).
Proof.
  unfold mean. apply (C2_ext (fun s => vsum n (fun j => u j + s * d j) * / INR n));
    [intros; reflexivity|].
  apply C2_mult; [|apply C2_const].
  apply (C2_vsum n (fun j s => u j + s * d j)). intros. apply C2_affine.
Qed.

Lemma dev_line_C2 n u d j : C2 (fun s => line u d s j - mean n (line u d s)).
Proof.
  apply (C2_ext (fun s => (u j + s * d j) + (-1) * mean n (line u d s)));
    [intros; unfold line; ring|].
  apply C2_plus; [apply C2_affine|].
  apply (C2_mult (fun _ => -1)); [apply C2_const | apply mean_line_C2].
Qed.

Lemma var_line_C2 n u d : C2 (fun s => var n (line u d s)).
Proof.
  unfold var, ssd. apply (C2_ext
    (fun s => vsum n (fun j => (line u d s j - mean n (line u d s)) * (line u d s j - mean n (line u d s)))
              * / INR n)); [intros; reflexivity|].
  apply C2_mult; [|apply C2_const].
  apply (C2_vsum n (fun j s => (line u d s j - mean n (line u d s)) * (line u d s j - mean n (line u d s)))).
  intros j _. apply C2_mult; apply dev_line_C2.
Qed.

(** For ε > 0, LayerNorm is C² along every line. *)
Theorem layernorm_line_C2 n eps : 0 < eps -> line_C2 n n (layernorm n eps).
Proof.
  intros He u d i _.
  assert (H : C2 (fun s => layernorm n eps (line u d s) i)).
  { apply (C2_ext (fun s => (line u d s i - mean n (line u d s)) * isr eps (var n (line u d s))));
      [intros; reflexivity|].
    apply C2_mult; [apply dev_line_C2|].
    apply (C2_comp_on (fun y => 0 <= y) (isr eps) (isr1 eps) (isr2 eps)).
    - intros s. apply var_nonneg.
    - intros y Hy. now apply isr_C2_on.
    - apply var_line_C2. }
  exact H.
Qed.

(** LayerNorm certificate (n ≥ 1, ε > 0): (2/√ε)-Lipschitz and line-wise C². *)
Theorem layernorm_certificate n eps :
  (0 < n)%nat -> 0 < eps -> StabilityCertificate n n (layernorm n eps) (2 / sqrt eps).
Proof.
  intros Hn He. split; [now apply layernorm_lipschitz | now apply layernorm_line_C2].
Qed.
