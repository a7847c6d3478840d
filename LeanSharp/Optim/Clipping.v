(** * LeanSharp.Optim.Clipping — gradient-norm clipping (torch.nn.utils.clip_grad_norm_)

    ZSharp clips the gradient to norm c = 1.0 before its perturbation step. torch computes
    κ = c / (‖g‖ + 1e-6), clamps it to 1, and multiplies the gradient by κ.

    Definitions
    - [clip_eps] = 1e-6 (torch's constant)
    - [clip_coef n c g] = κ = min(1, c / (‖g‖ + 1e-6))
    - [clip n c g] = κ·g

    Main results (c ≥ 0 unless said otherwise)
    - [clip_coef_le_1]: κ ≤ 1;  [clip_coef_nonneg]: κ ≥ 0;  [clip_coef_pos]: c > 0 ⇒ κ > 0
      (clipping never reverses nor kills a nonzero gradient)
    - [norm_clip]: ‖clip g‖ = κ‖g‖;  [norm_clip_le]: ‖clip g‖ ≤ c;
      [norm_clip_le_norm]: ‖clip g‖ ≤ ‖g‖
    - [inner_clip]: ⟨clip g, g⟩ = κ‖g‖² (any c);  [inner_clip_nonneg]: ⟨clip g, g⟩ ≥ 0
    - [clip_id]: ‖g‖ + 1e-6 ≤ c ⇒ clip g = g on [0, n)
    - [clipped_descent]: L with gradient G, Lc-smooth, 0 < η ≤ 1/Lc:
        L(w − η·clip(G w)) ≤ L(w) − (η/2)·κ·‖G w‖²,  κ = clip_coef(G w);
      [clipped_descent_nonincreasing]: L(w − η·clip(G w)) ≤ L(w)
    - [zsharp_eps_clipped_norm_le]: ε = ρ·(clip g ⊙ m)/(‖clip g ⊙ m‖ + δ) has ‖ε‖ ≤ ρ
      (δ ≥ 0), so every result that only uses ‖ε‖ ≤ ρ covers the clipped ZSharp step
    - Masks of the clipped gradient. Clipping is the positive scaling g ↦ κg (c > 0).
      [sig_mask_clip]: the IDEALISED z-score mask (ZMask.sig_mask, z = (g − μ)/σ) of clip g
      is exactly that of g. The ACTUAL z-score of ZSharp (ZSharpRule.zscore, with
      z = (g − μ)/(s + ε_std)) is NOT exactly scale invariant; what is true is
      [zscore_scale]: zscore_ε(κg) = zscore_{ε/κ}(g) for κ > 0, hence
      [zscore_clip]: the z-scores of clip g are those of g computed with ε_std / κ ≥ ε_std
      in place of ε_std ([zscore_clip_inactive]: identical when clipping does not fire).
      These are stated for one vector (one layer): clip_grad_norm_ scales every layer by
      the same κ, so they apply layer by layer.
    - The clipped ZSharp step with sample fields G_k and any mask rule m
      ([clipped_zsharp_step]): g = clip(G_k(w)), ε = ρ (g ⊙ m(g))/(‖g ⊙ m(g)‖ + δ),
      w⁺ = w − η clip(G_k(w + ε)); [clipped_iter] its iterate after the draws h (newest
      first); [clipped_iter_moves]: ‖w_t − w_0‖ ≤ tηc on every history. *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask Invariance ZSharpRule.
From LeanSharp.Optim Require Import Smooth Objective SAM.
Open Scope R_scope.

Definition clip_eps : R := 1e-6.

Definition clip_coef (n : nat) (c : R) (g : W n) : R := Rmin 1 (c / (norm n g + clip_eps)).

Definition clip (n : nat) (c : R) (g : W n) : W n := vscale (clip_coef n c g) g.

Lemma clip_eps_pos : 0 < clip_eps.
Proof. unfold clip_eps. lra. Qed.

Lemma clip_denom_pos n g : 0 < norm n g + clip_eps.
Proof. pose proof (norm_nonneg n g). pose proof clip_eps_pos. lra. Qed.

(** ** The coefficient κ *)

Lemma clip_coef_le_1 n c g : clip_coef n c g <= 1.
Proof. apply Rmin_l. Qed.

Lemma clip_coef_nonneg n c g : 0 <= c -> 0 <= clip_coef n c g.
Proof.
  intros Hc. apply Rmin_glb; [lra|]. apply Rle_mult_inv_pos; [lra | apply clip_denom_pos].
Qed.

(** Clipping with c > 0 never reverses nor kills a gradient: κ > 0. *)
Theorem clip_coef_pos n c g : 0 < c -> 0 < clip_coef n c g.
Proof.
  intros Hc. apply Rmin_glb_lt; [lra|]. apply Rdiv_lt_0_compat; [lra | apply clip_denom_pos].
Qed.

Lemma clip_coef_mul_norm_le n c g : 0 <= c -> clip_coef n c g * norm n g <= c.
Proof.
  intros Hc. pose proof (norm_nonneg n g) as HN. pose proof (clip_denom_pos n g) as HD.
  apply Rle_trans with (c / (norm n g + clip_eps) * norm n g);
    [apply Rmult_le_compat_r; [lra | apply Rmin_r]|].
  replace (c / (norm n g + clip_eps) * norm n g)
    with (c - c * clip_eps / (norm n g + clip_eps)) by (field; lra).
  assert (0 <= c * clip_eps / (norm n g + clip_eps)); [|lra].
  apply Rle_mult_inv_pos; [pose proof clip_eps_pos; nra | lra].
Qed.

(** ** Norm and inner product of the clipped gradient *)

Theorem norm_clip n c g : 0 <= c -> norm n (clip n c g) = clip_coef n c g * norm n g.
Proof.
  intros Hc. unfold clip. rewrite norm_scale, Rabs_pos_eq by (now apply clip_coef_nonneg).
  reflexivity.
Qed.

Theorem norm_clip_le n c g : 0 <= c -> norm n (clip n c g) <= c.
Proof. intros Hc. rewrite norm_clip by exact Hc. now apply clip_coef_mul_norm_le. Qed.

Theorem norm_clip_le_norm n c g : 0 <= c -> norm n (clip n c g) <= norm n g.
Proof.
  intros Hc. rewrite norm_clip by exact Hc.
  pose proof (clip_coef_le_1 n c g). pose proof (norm_nonneg n g). nra.
Qed.

Theorem inner_clip n c g : inner n (clip n c g) g = clip_coef n c g * norm2 n g.
Proof. unfold clip. rewrite inner_scale_l. reflexivity. Qed.

Theorem inner_clip_nonneg n c g : 0 <= c -> 0 <= inner n (clip n c g) g.
Proof.
  intros Hc. rewrite inner_clip.
  apply Rmult_le_pos; [now apply clip_coef_nonneg | apply norm2_nonneg].
Qed.

(** A gradient already inside the ball (with torch's margin 1e-6) is left unchanged. *)
Theorem clip_id n c g : norm n g + clip_eps <= c -> forall i, (i < n)%nat -> clip n c g i = g i.
Proof.
  intros Hc i _. pose proof (clip_denom_pos n g) as HD.
  assert (Hk : clip_coef n c g = 1).
  { unfold clip_coef. apply Rmin_left.
    unfold Rdiv. rewrite <- (Rinv_r (norm n g + clip_eps)) by lra.
    apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat|]; lra. }
  unfold clip, vscale. rewrite Hk. ring.
Qed.

(** ** Descent under clipping *)

Section ClippedDescent.
Context {n : nat} (F : smooth_objective n).
Local Notation L := (loss F). Local Notation G := (grad F). Local Notation Lc := (lip F).
Let Hg := loss_gradient F. Let Hl := grad_lipschitz F. Let HLc := lip_pos F.

(** With d = κg, κ ∈ [0, 1], Lcη ≤ 1: −ηκ‖g‖² + (Lcη²/2)κ²‖g‖² ≤ −(η/2)κ‖g‖². *)
Theorem clipped_descent eta c (w : W n) :
  0 < eta <= 1 / Lc -> 0 <= c ->
  L (vsub w (vscale eta (clip n c (G w))))
    <= L w - eta / 2 * clip_coef n c (G w) * norm2 n (G w).
Proof.
  intros Heta Hc.
  pose proof (descent_lemma_step Hg Hl eta w (clip n c (G w))) as H.
  unfold clip in H |- *. rewrite inner_scale_r, norm2_scale in H.
  change (inner n (G w) (G w)) with (norm2 n (G w)) in H.
  pose proof (clip_coef_nonneg n c (G w) Hc) as Hk0. pose proof (clip_coef_le_1 n c (G w)).
  pose proof (norm2_nonneg n (G w)) as HN.
  set (k := clip_coef n c (G w)) in *. set (N := norm2 n (G w)) in *.
  assert (HLe : Lc * eta <= 1).
  { replace 1 with (Lc * (1 / Lc)) by (field; lra). apply Rmult_le_compat_l; lra. }
  assert (0 <= eta * k * N) by (apply Rmult_le_pos; [apply Rmult_le_pos|]; lra).
  assert (Lc * eta * k <= 1) by nra.
  assert (0 <= eta * k * N * (1 - Lc * eta * k)) by (apply Rmult_le_pos; lra).
  nra.
Qed.

Corollary clipped_descent_nonincreasing eta c (w : W n) :
  0 < eta <= 1 / Lc -> 0 <= c -> L (vsub w (vscale eta (clip n c (G w)))) <= L w.
Proof.
  intros Heta Hc. pose proof (clipped_descent eta c w Heta Hc).
  pose proof (clip_coef_nonneg n c (G w) Hc). pose proof (norm2_nonneg n (G w)).
  assert (0 <= eta / 2 * clip_coef n c (G w) * norm2 n (G w)); [|lra].
  apply Rmult_le_pos; [apply Rmult_le_pos|]; lra.
Qed.

End ClippedDescent.

(** ** The ZSharp perturbation of a clipped gradient *)

Theorem zsharp_eps_clipped_norm_le n rho delta c g m :
  0 <= rho -> 0 <= delta -> norm n (zsharp_eps n rho delta (clip n c g) m) <= rho.
Proof. apply zsharp_eps_norm_le. Qed.

(** ** Masks and z-scores of the clipped gradient *)

(** The idealised significant mask does not see clipping. *)
Theorem sig_mask_clip n t c g i :
  0 < c -> (i < n)%nat -> sig_mask n t (clip n c g) i = sig_mask n t g i.
Proof. intros Hc Hi. apply sig_mask_scale; [now apply clip_coef_pos | exact Hi]. Qed.

Lemma sstd_scale n a g : sstd n (vscale a g) = Rabs a * sstd n g.
Proof. rewrite (sstd_ext n _ (vaffine a 0 g)) by apply vscale_affine. apply sstd_affine. Qed.

(** The actual z-score is not scale invariant: scaling by κ > 0 divides its ε by κ. *)
Theorem zscore_scale eps n k g i :
  0 < eps -> 0 < k -> zscore eps n (vscale k g) i = zscore (eps / k) n g i.
Proof.
  intros He Hk. unfold zscore. destruct (lt_dec n 2); [reflexivity|].
  rewrite mean_scale, sstd_scale, Rabs_pos_eq by lra. unfold vscale.
  pose proof (sqrt_pos (svar n g)). unfold sstd.
  field. split; [lra|]. apply Rgt_not_eq. nra.
Qed.

(** The z-scores of clip g are those of g with ε_std replaced by ε_std / κ ≥ ε_std. *)
Corollary zscore_clip eps n c g i :
  0 < eps -> 0 < c -> zscore eps n (clip n c g) i = zscore (eps / clip_coef n c g) n g i.
Proof. intros He Hc. apply zscore_scale; [exact He | now apply clip_coef_pos]. Qed.

Lemma clip_eps_ratio_ge eps n c g : 0 < eps -> 0 < c -> eps <= eps / clip_coef n c g.
Proof.
  intros He Hc. pose proof (clip_coef_pos n c g Hc). pose proof (clip_coef_le_1 n c g).
  apply (Rmult_le_reg_r (clip_coef n c g)); [lra|].
  unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra. nra.
Qed.

Corollary zscore_clip_inactive eps n c g i :
  norm n g + clip_eps <= c -> (i < n)%nat -> zscore eps n (clip n c g) i = zscore eps n g i.
Proof.
  intros Hc Hi. unfold zscore. destruct (lt_dec n 2); [reflexivity|].
  pose proof (clip_id n c g Hc) as Hid.
  now rewrite (mean_ext n _ g Hid), (sstd_ext n _ g Hid), (Hid i Hi).
Qed.

(** ** The clipped ZSharp step and its iterates *)

Lemma norm_vzero_of n (v : W n) : (forall i, (i < n)%nat -> v i = 0) -> norm n v = 0.
Proof.
  intros H. rewrite (norm_ext n v (vscale 0 v)) by (intros i Hi; unfold vscale; rewrite H by exact Hi; ring).
  rewrite norm_scale, Rabs_R0. ring.
Qed.

Definition clipped_zsharp_step (n : nat) (eta rho delta c : R) (Gk : nat -> W n -> W n)
    (mask : W n -> W n) (k : nat) (w : W n) : W n :=
  let g := clip n c (Gk k w) in
  vsub w (vscale eta (clip n c (Gk k (vadd w (zsharp_eps n rho delta g (mask g)))))).

Fixpoint clipped_iter (n : nat) (Gk : nat -> W n -> W n) (mask : W n -> W n)
    (eta rho delta c : R) (w0 : W n) (h : list nat) : W n :=
  match h with
  | nil => w0
  | k :: h' => clipped_zsharp_step n eta rho delta c Gk mask k (clipped_iter n Gk mask eta rho delta c w0 h')
  end.

(** Every clipped step moves by at most ηc: ‖w_t − w_0‖ ≤ tηc on every history. *)
Theorem clipped_iter_moves n Gk mask eta rho delta c w0 h :
  0 <= eta -> 0 <= c ->
  norm n (vsub (clipped_iter n Gk mask eta rho delta c w0 h) w0) <= INR (length h) * (eta * c).
Proof.
  intros He Hc. induction h as [|k h IH]; cbn [clipped_iter length].
  - rewrite norm_vzero_of by (intros; unfold vsub; ring). simpl. lra.
  - rewrite S_INR. unfold clipped_zsharp_step. cbv zeta.
    set (w := clipped_iter n Gk mask eta rho delta c w0 h) in *.
    set (x := clip n c _).
    rewrite (norm_ext n _ (vadd (vsub w w0) (vscale (- eta) x))) by (intros; unfold vadd, vsub, vscale; ring).
    eapply Rle_trans; [apply norm_triangle|]. rewrite norm_scale, Rabs_Ropp, Rabs_pos_eq by exact He.
    assert (eta * norm n x <= eta * c) by (apply Rmult_le_compat_l; [exact He | apply norm_clip_le; exact Hc]).
    lra.
Qed.
