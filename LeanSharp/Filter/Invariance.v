(** * LeanSharp.Filter.Invariance — the Z-score masks are affine invariant (SPEC §2.7)

    z-scores (g_i − μ)/σ do not change under g ↦ a·g + b·1 with a > 0, and only change
    sign when a < 0; the masks only look at |z_i|, so they are invariant for every a ≠ 0.

    Definitions
    - [vaffine a b g] = a·g + b·1, i.e. i ↦ a g_i + b;  [vshift b g] = g + b·1

    Main results (n ≥ 1 where a shift is involved; masks compared on [0, n))
    - [mean_affine]: μ(a g + b) = a μ(g) + b,  [ssd_affine]: Σ(·−μ)² scales by a²
    - [sd_affine]: σ(a g + b) = |a| σ(g),  [sstd_affine]: s(a g + b) = |a| s(g)
    - [mean_scale], [sd_scale]: μ(a g) = a μ, σ(a g) = |a| σ;
      [mean_shift], [sd_shift]: μ(g + b) = μ + b, σ(g + b) = σ
    - [scaled_mask_affine], [scaled_mask_scale], [scaled_mask_shift], [scaled_mask_opp]:
      proved once for any mask [cut n (t · scale n g) g] whose cutoff mask and scale
      functional are affine equivariant; the four masks are one-line instances:
    - [sig_mask_affine] (and inlier/sample versions): for a ≠ 0 the masks of a g + b and
      of g coincide; [sig_mask_scale] (a > 0), [sig_mask_shift], [sig_mask_opp]
      and the same for [inlier_mask_*] and [sig_mask_s_*]
    - [zfilter_opp]: zfilter(−g) = −zfilter(g);  [zfilter_scale]: zfilter(a g) = a·zfilter(g)
      for a > 0 (componentwise on [0, n)) *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask.
Open Scope R_scope.

Definition vaffine (a b : R) (g : nat -> R) : nat -> R := fun i => a * g i + b.
Definition vshift (b : R) (g : nat -> R) : nat -> R := fun i => g i + b.

(** ** Statistics of an affine image *)

Lemma mean_affine n a b g : (0 < n)%nat -> mean n (vaffine a b g) = a * mean n g + b.
Proof.
  intros Hn. pose proof (lt_0_INR n Hn). unfold mean, vaffine.
  rewrite vsum_add, vsum_scal, vsum_const. field. lra.
Qed.

Lemma ssd_affine n a b g : ssd n (vaffine a b g) = a * a * ssd n g.
Proof.
  destruct n as [|k]; [unfold ssd; simpl; ring|].
  unfold ssd. rewrite mean_affine by lia. rewrite <- vsum_scal.
  apply vsum_ext. intros i _. unfold vaffine, Rsqr. ring.
Qed.

Theorem sd_affine n a b g : sd n (vaffine a b g) = Rabs a * sd n g.
Proof.
  unfold sd, var. rewrite ssd_affine.
  replace (a * a * ssd n g / INR n) with (a * a * (ssd n g / INR n)) by (unfold Rdiv; ring).
  apply sqrt_scale_sqr, var_nonneg.
Qed.

Theorem sstd_affine n a b g : sstd n (vaffine a b g) = Rabs a * sstd n g.
Proof.
  unfold sstd, svar. rewrite ssd_affine.
  replace (a * a * ssd n g / INR (n - 1)) with (a * a * (ssd n g / INR (n - 1)))
    by (unfold Rdiv; ring).
  apply sqrt_scale_sqr, svar_nonneg.
Qed.

(** Scaling and shifting separately (for the plain pointwise operations of Vec). *)
Lemma vscale_affine n a g i : (i < n)%nat -> vscale a g i = vaffine a 0 g i.
Proof. intros _. unfold vscale, vaffine. ring. Qed.

Lemma vshift_affine n b g i : (i < n)%nat -> vshift b g i = vaffine 1 b g i.
Proof. intros _. unfold vshift, vaffine. ring. Qed.

Lemma vopp_affine n g i : (i < n)%nat -> vopp g i = vaffine (-1) 0 g i.
Proof. intros _. unfold vopp, vaffine. ring. Qed.

Theorem mean_scale n a g : mean n (vscale a g) = a * mean n g.
Proof. unfold mean, vscale. rewrite vsum_scal. unfold Rdiv. ring. Qed.

Theorem sd_scale n a g : sd n (vscale a g) = Rabs a * sd n g.
Proof. rewrite (sd_ext n _ (vaffine a 0 g)) by apply vscale_affine. apply sd_affine. Qed.

Theorem mean_shift n b g : (0 < n)%nat -> mean n (vshift b g) = mean n g + b.
Proof.
  intros Hn. rewrite (mean_ext n _ (vaffine 1 b g)) by apply vshift_affine.
  rewrite mean_affine by exact Hn. ring.
Qed.

Theorem sd_shift n b g : sd n (vshift b g) = sd n g.
Proof.
  rewrite (sd_ext n _ (vaffine 1 b g)) by apply vshift_affine.
  rewrite sd_affine, Rabs_R1. ring.
Qed.

(** ** Invariance of the masks *)

(** |(a g_i + b) − μ(a g + b)| = |a|·|g_i − μ(g)|. *)
Lemma dev_affine n a b g i : (i < n)%nat ->
  Rabs (vaffine a b g i - mean n (vaffine a b g)) = Rabs a * Rabs (g i - mean n g).
Proof.
  intros Hi. rewrite mean_affine by lia. unfold vaffine. rewrite <- Rabs_mult. f_equal. ring.
Qed.

(** Cutoff masks: scaling the cutoff by |a| compensates the affine map. *)
Lemma dev_ge_mask_affine n a b c g i :
  a <> 0 -> (i < n)%nat -> dev_ge_mask n (Rabs a * c) (vaffine a b g) i = dev_ge_mask n c g i.
Proof.
  intros Ha Hi. pose proof (Rabs_pos_lt a Ha). unfold dev_ge_mask. rewrite dev_affine by exact Hi.
  destruct (Rle_dec (Rabs a * c) _), (Rle_dec c _); try reflexivity; exfalso; nra.
Qed.

Lemma dev_le_mask_affine n a b c g i :
  a <> 0 -> (i < n)%nat -> dev_le_mask n (Rabs a * c) (vaffine a b g) i = dev_le_mask n c g i.
Proof.
  intros Ha Hi. pose proof (Rabs_pos_lt a Ha). unfold dev_le_mask. rewrite dev_affine by exact Hi.
  destruct (Rle_dec _ (Rabs a * c)), (Rle_dec _ c); try reflexivity; exfalso; nra.
Qed.

(** One proof for the four masks: each is [cut n (t · scale n g) g] for a cutoff mask [cut]
    ([dev_ge_mask] or [dev_le_mask]) and a scale functional [scale] ([sd] or [sstd]) that
    is affine equivariant; the instances below are one line each. *)
Section ScaledMask.
Variables (cut : nat -> R -> (nat -> R) -> nat -> R) (scale : nat -> (nat -> R) -> R).
Hypotheses
  (cut_affine : forall n a b c g i, a <> 0 -> (i < n)%nat ->
     cut n (Rabs a * c) (vaffine a b g) i = cut n c g i)
  (cut_ext : forall n c c' g h i, c = c' -> (forall j, (j < n)%nat -> g j = h j) ->
     (i < n)%nat -> cut n c g i = cut n c' h i)
  (scale_affine : forall n a b g, scale n (vaffine a b g) = Rabs a * scale n g)
  (scale_ext : forall n g h, (forall j, (j < n)%nat -> g j = h j) -> scale n g = scale n h).

Lemma scaled_mask_ext n t g h i : (forall j, (j < n)%nat -> g j = h j) -> (i < n)%nat ->
  cut n (t * scale n g) g i = cut n (t * scale n h) h i.
Proof. intros H Hi. apply cut_ext; [now rewrite (scale_ext n g h H) | exact H | exact Hi]. Qed.

Lemma scaled_mask_affine n t a b g i : a <> 0 -> (i < n)%nat ->
  cut n (t * scale n (vaffine a b g)) (vaffine a b g) i = cut n (t * scale n g) g i.
Proof.
  intros Ha Hi. rewrite scale_affine, <- (cut_affine n a b _ g i Ha Hi). f_equal. ring.
Qed.

Lemma scaled_mask_scale n t a g i : 0 < a -> (i < n)%nat ->
  cut n (t * scale n (vscale a g)) (vscale a g) i = cut n (t * scale n g) g i.
Proof.
  intros Ha Hi. rewrite (scaled_mask_ext n t _ (vaffine a 0 g)) by (apply vscale_affine || exact Hi).
  apply scaled_mask_affine; [lra | exact Hi].
Qed.

Lemma scaled_mask_shift n t b g i : (i < n)%nat ->
  cut n (t * scale n (vshift b g)) (vshift b g) i = cut n (t * scale n g) g i.
Proof.
  intros Hi. rewrite (scaled_mask_ext n t _ (vaffine 1 b g)) by (apply vshift_affine || exact Hi).
  apply scaled_mask_affine; [lra | exact Hi].
Qed.

Lemma scaled_mask_opp n t g i : (i < n)%nat ->
  cut n (t * scale n (vopp g)) (vopp g) i = cut n (t * scale n g) g i.
Proof.
  intros Hi. rewrite (scaled_mask_ext n t _ (vaffine (-1) 0 g)) by (apply vopp_affine || exact Hi).
  apply scaled_mask_affine; [lra | exact Hi].
Qed.

End ScaledMask.

(** Each instance: unfold the mask, apply the generic lemma, discharge its hypotheses. *)
Local Ltac scaled_mask L :=
  intros; unfold sig_mask, sig_mask_s, inlier_mask, inlier_mask_s; apply L;
  auto using dev_ge_mask_affine, dev_le_mask_affine, dev_ge_mask_ext, dev_le_mask_ext,
    sd_affine, sstd_affine, sd_ext, sstd_ext.

(** Affine invariance: for a ≠ 0 the significant mask of a·g + b equals that of g. *)
Theorem sig_mask_affine n t a b g i :
  a <> 0 -> (i < n)%nat -> sig_mask n t (vaffine a b g) i = sig_mask n t g i.
Proof. scaled_mask scaled_mask_affine. Qed.

Theorem inlier_mask_affine n t a b g i :
  a <> 0 -> (i < n)%nat -> inlier_mask n t (vaffine a b g) i = inlier_mask n t g i.
Proof. scaled_mask scaled_mask_affine. Qed.

Theorem sig_mask_s_affine n t a b g i :
  a <> 0 -> (i < n)%nat -> sig_mask_s n t (vaffine a b g) i = sig_mask_s n t g i.
Proof. scaled_mask scaled_mask_affine. Qed.

Theorem inlier_mask_s_affine n t a b g i :
  a <> 0 -> (i < n)%nat -> inlier_mask_s n t (vaffine a b g) i = inlier_mask_s n t g i.
Proof. scaled_mask scaled_mask_affine. Qed.

(** Positive scaling, shift and negation leave each mask unchanged. *)
Theorem sig_mask_scale n t a g i :
  0 < a -> (i < n)%nat -> sig_mask n t (vscale a g) i = sig_mask n t g i.
Proof. scaled_mask scaled_mask_scale. Qed.

Theorem sig_mask_shift n t b g i : (i < n)%nat -> sig_mask n t (vshift b g) i = sig_mask n t g i.
Proof. scaled_mask scaled_mask_shift. Qed.

Theorem sig_mask_opp n t g i : (i < n)%nat -> sig_mask n t (vopp g) i = sig_mask n t g i.
Proof. scaled_mask scaled_mask_opp. Qed.

Theorem sig_mask_s_scale n t a g i :
  0 < a -> (i < n)%nat -> sig_mask_s n t (vscale a g) i = sig_mask_s n t g i.
Proof. scaled_mask scaled_mask_scale. Qed.

Theorem sig_mask_s_shift n t b g i :
  (i < n)%nat -> sig_mask_s n t (vshift b g) i = sig_mask_s n t g i.
Proof. scaled_mask scaled_mask_shift. Qed.

Theorem sig_mask_s_opp n t g i : (i < n)%nat -> sig_mask_s n t (vopp g) i = sig_mask_s n t g i.
Proof. scaled_mask scaled_mask_opp. Qed.

Theorem inlier_mask_scale n t a g i :
  0 < a -> (i < n)%nat -> inlier_mask n t (vscale a g) i = inlier_mask n t g i.
Proof. scaled_mask scaled_mask_scale. Qed.

Theorem inlier_mask_shift n t b g i :
  (i < n)%nat -> inlier_mask n t (vshift b g) i = inlier_mask n t g i.
Proof. scaled_mask scaled_mask_shift. Qed.

Theorem inlier_mask_opp n t g i : (i < n)%nat -> inlier_mask n t (vopp g) i = inlier_mask n t g i.
Proof. scaled_mask scaled_mask_opp. Qed.

(** ** The filter commutes with negation and positive scaling *)

(** zfilter(−g) = −zfilter(g) on [0, n). *)
Theorem zfilter_opp n t g i : (i < n)%nat -> zfilter n t (vopp g) i = - zfilter n t g i.
Proof.
  intros Hi. unfold zfilter, hadamard. rewrite sig_mask_opp by exact Hi.
  unfold vopp. ring.
Qed.

(** zfilter(a g) = a·zfilter(g) on [0, n), for a > 0. *)
Theorem zfilter_scale n t a g i :
  0 < a -> (i < n)%nat -> zfilter n t (vscale a g) i = a * zfilter n t g i.
Proof.
  intros Ha Hi. unfold zfilter, hadamard. rewrite sig_mask_scale by assumption.
  unfold vscale. ring.
Qed.

Theorem zfilter_s_opp n t g i : (i < n)%nat -> zfilter_s n t (vopp g) i = - zfilter_s n t g i.
Proof.
  intros Hi. unfold zfilter_s, hadamard. rewrite sig_mask_s_opp by exact Hi.
  unfold vopp. ring.
Qed.

Theorem zfilter_s_scale n t a g i :
  0 < a -> (i < n)%nat -> zfilter_s n t (vscale a g) i = a * zfilter_s n t g i.
Proof.
  intros Ha Hi. unfold zfilter_s, hadamard. rewrite sig_mask_s_scale by assumption.
  unfold vscale. ring.
Qed.
