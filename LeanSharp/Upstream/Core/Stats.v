(** * LeanSharp.Upstream.Core.Stats — upstream LeanSharp/Core/Stats.lean

    Translates upstream's statistics of a vector (mean, population variance and std, the
    normalisation x ↦ (x − μ)/√(σ² + ε)), their smoothness, and the geometric median: the
    existence of a minimiser of m ↦ Σ_i ‖g_i − m‖. The translation of notions is the one of
    [Upstream/All.v]; file-specific choices:
    - [vectorMean], [vectorVariance], [vectorStd] are the library's [mean], [var], [sd]
      (population statistics, 0 when n = 0 as upstream's x/0 = 0); [vectorNormalize] is
      the library's [layernorm] up to the form 1/√(σ² + ε)·(x_i − μ).
    - A vector equality of upstream (in W ι) is agreement on [0, n) (the library's
      convention); ∀ i : ι is ∀ i < n, and [Nonempty ι] is 0 < n (dropped where not needed).
    - A family indexed by a [Finset α] is g : nat → W n read on [0, K) (every finite index
      set is so enumerated); s.Nonempty is 0 < K.
    - [Continuous] on W n is ε–δ continuity for the Euclidean norm; "tends to +∞ along
      [cocompact]" is ∀ B, ∃ R, ‖m‖ ≥ R ⇒ f m ≥ B (compact = closed and bounded in R^n).
    - [ContDiff ℝ ⊤ f] (C^∞) is C^∞ along every line: every derivative of s ↦ f(u + s d)
      exists everywhere (Coquelicot [ex_derive_n]) — [line_smooth].
    - [geometricMedian] picks the minimiser with [constructive_indefinite_description]
      (upstream's [Classical.choose]), one of the standard axioms.

    Equal: vectorMean_smul, vectorVariance_nonneg, vectorVariance_smul, vectorStd_smul,
      continuous_sum_distances, tendsto_sum_distances_cocompact,
      exists_isMin_on_finite_sum_norm, geometricMedian_eq_choose,
      eq_mean_of_vectorVariance_eq_zero, vectorMean_sub_mean, vectorMean_normalize,
      contDiff_vectorMean, contDiff_vectorVariance, contDiff_vectorNormalize (C^∞ along
      lines, see above; for vectorNormalize coordinatewise, ∀ j < n).
    Weaker: none.
    Open: none.

    New facts (not in the library): [box_min] — a function on W k that is Lipschitz for
    the Euclidean norm attains its minimum on the box [−R, R]^k (by induction on k: the
    partial minimum over the first k − 1 coordinates is Lipschitz in the last, then the
    one-dimensional extreme value theorem [continuity_ab_min]). The C^∞ calculus the
    smoothness results use (quadratics, sums, products, powers of a positive quadratic) is
    [Core.SmoothFunctions]. *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality IndefiniteDescription.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec Stats SmoothFunctions.
From LeanSharp.Filter Require Import Invariance.
From LeanSharp.Layers.Network Require Import Certificate Normalization NormLipschitz.
Open Scope R_scope.

Notation vectorMean := mean.
Notation vectorVariance := var.
Notation vectorStd := sd.

(** vectorNormalize x ε = 1/√(σ²(x) + ε) · (x − μ(x)). *)
Definition vectorNormalize (n : nat) (x : W n) (eps : R) : W n :=
  vscale (1 / sqrt (var n x + eps)) (fun i => x i - mean n x).

(** ** Scaling *)

(** [vectorMean_smul]: μ(k g) = k μ(g). *)
Theorem vectorMean_smul n (k : R) (g : W n) : vectorMean n (vscale k g) = k * vectorMean n g.
Proof. apply mean_scale. Qed.

(** [vectorVariance_nonneg]: σ²(g) ≥ 0. *)
Theorem vectorVariance_nonneg n (g : W n) : 0 <= vectorVariance n g.
Proof. apply var_nonneg. Qed.

(** [vectorVariance_smul]: σ²(k g) = k² σ²(g). *)
Theorem vectorVariance_smul n (k : R) (g : W n) :
  vectorVariance n (vscale k g) = k ^ 2 * vectorVariance n g.
Proof. rewrite var_scale. ring. Qed.

(** [vectorStd_smul]: σ(k g) = |k| σ(g). *)
Theorem vectorStd_smul n (k : R) (g : W n) : vectorStd n (vscale k g) = Rabs k * vectorStd n g.
Proof. apply sd_scale. Qed.

(** ** Centring *)

(** [eq_mean_of_vectorVariance_eq_zero]: σ²(g) = 0 ⇒ every g_i = μ(g). *)
Theorem eq_mean_of_vectorVariance_eq_zero n (g : W n) :
  vectorVariance n g = 0 -> forall i, (i < n)%nat -> g i = vectorMean n g.
Proof. intros H i Hi. apply (var_eq_0 n g); [lia | exact H | exact Hi]. Qed.

(** [vectorMean_sub_mean]: μ(g − μ(g)) = 0. *)
Theorem vectorMean_sub_mean n (g : W n) : vectorMean n (fun i => g i - vectorMean n g) = 0.
Proof. unfold mean at 1. rewrite sum_centered. unfold Rdiv. ring. Qed.

(** [vectorMean_normalize]: μ(vectorNormalize x ε) = 0, for every ε. *)
Theorem vectorMean_normalize n (x : W n) (eps : R) : vectorMean n (vectorNormalize n x eps) = 0.
Proof. unfold vectorNormalize. rewrite mean_scale, vectorMean_sub_mean. ring. Qed.

(** ** Smoothness along lines *)

(** f : W n → R is C^∞ along every line. *)
Definition line_smooth (n : nat) (f : W n -> R) : Prop :=
  forall (u d : W n) (k : nat) (t : R), ex_derive_n (fun s => f (line u d s)) k t.

Lemma mean_line n u d s : mean n (line u d s) = mean n u + s * mean n d.
Proof. unfold mean, line. rewrite vsum_add, vsum_scal. unfold Rdiv. ring. Qed.

(** [contDiff_vectorMean]: μ is C^∞ (along every line). *)
Theorem contDiff_vectorMean n : line_smooth n (vectorMean n).
Proof.
  intros u d. apply quad_smooth. exists (mean n u), (mean n d), 0. intros s.
  rewrite mean_line. ring.
Qed.

(** σ² along a line is a real quadratic. *)
Lemma var_line_quad n u d : quad_fn (fun s => var n (line u d s)).
Proof.
  set (A := vsum n (fun i => (u i - mean n u) * (u i - mean n u))).
  set (B := vsum n (fun i => 2 * ((u i - mean n u) * (d i - mean n d)))).
  set (C := vsum n (fun i => (d i - mean n d) * (d i - mean n d))).
  exists (A / INR n), (B / INR n), (C / INR n). intros s.
  unfold var, ssd, Rsqr. rewrite (vsum_ext n _ (fun i =>
    ((u i - mean n u) * (u i - mean n u) + s * (2 * ((u i - mean n u) * (d i - mean n d))))
    + (s * s) * ((d i - mean n d) * (d i - mean n d)))).
  - rewrite !vsum_add, !vsum_scal. unfold A, B, C. rewrite vsum_scal. unfold Rdiv. ring.
  - intros i _. rewrite mean_line. unfold line. ring.
Qed.

(** [contDiff_vectorVariance]: σ² is C^∞ (along every line). *)
Theorem contDiff_vectorVariance n : line_smooth n (vectorVariance n).
Proof. intros u d. apply quad_smooth, var_line_quad. Qed.

(** [contDiff_vectorNormalize]: for ε > 0, every coordinate of x ↦ vectorNormalize x ε is
    C^∞ (along every line). *)
Theorem contDiff_vectorNormalize n eps :
  0 < eps -> forall j, (j < n)%nat -> line_smooth n (fun x => vectorNormalize n x eps j).
Proof.
  intros He j _ u d. destruct (var_line_quad n u d) as [a [b [c Hq]]].
  apply (smooth_ext (fun s => (u j - mean n u + s * (d j - mean n d))
    * exp (- / 2 * ln (var n (line u d s) + eps)))).
  - intros s. pose proof (var_nonneg n (line u d s)).
    unfold vectorNormalize, vscale. rewrite <- Rpower_sqrt by lra. unfold Rpower.
    replace (- / 2 * ln (var n (line u d s) + eps)) with (- (/ 2 * ln (var n (line u d s) + eps)))
      by ring.
    rewrite exp_Ropp, mean_line. unfold line. field. apply Rgt_not_eq, exp_pos.
  - apply smooth_mult.
    + apply quad_smooth. exists (u j - mean n u), (d j - mean n d), 0. intros; ring.
    + apply smooth_quad_power; [exists (a + eps), b, c; intros; rewrite Hq; ring|].
      intros s. pose proof (var_nonneg n (line u d s)). lra.
Qed.

(** ** The geometric median: Σ_i ‖g_i − m‖ has a minimiser *)

Lemma abs_le_split a c : Rabs a <= c -> - c <= a <= c.
Proof. unfold Rabs. destruct (Rcase_abs a); lra. Qed.

Lemma lip_small K r e : 0 <= K -> 0 <= r -> 0 < e -> r < e / (K + 1) -> K * r < e.
Proof.
  intros HK Hr He H. assert (E : e / (K + 1) * (K + 1) = e) by (field; lra).
  assert ((K + 1) * r < e) by nra. nra.
Qed.

Lemma lipschitz_continuity_pt (h : R -> R) K :
  0 <= K -> (forall x y, Rabs (h x - h y) <= K * Rabs (x - y)) -> forall x, continuity_pt h x.
Proof.
  intros HK Hh x e He. exists (e / (K + 1)). split; [apply Rdiv_lt_0_compat; lra|].
  intros y [_ Hy]. simpl in *. unfold R_dist in *.
  pose proof (Hh y x). pose proof (lip_small K (Rabs (y - x)) e HK (Rabs_pos _) He Hy). lra.
Qed.

Lemma coord_le_norm n (v : W n) i : (i < n)%nat -> Rabs (v i) <= norm n v.
Proof.
  intros Hi. rewrite <- sqrt_Rsqr_abs. apply sqrt_le_1_alt. unfold Rsqr, norm2, inner.
  apply (vsum_term_le n (fun j => v j * v j) i); [intros; apply Rle_0_sqr | exact Hi].
Qed.

Definition in_box (k : nat) (R0 : R) (v : W k) : Prop := forall i, (i < k)%nat -> Rabs (v i) <= R0.

(** v with its coordinate k set to x. *)
Definition set_last (k : nat) (u : nat -> R) (x : R) : nat -> R :=
  fun i => if Nat.eq_dec i k then x else u i.

Lemma norm_set_last_same k u v x :
  norm (S k) (vsub (set_last k u x) (set_last k v x)) = norm k (vsub u v).
Proof.
  unfold norm, norm2, inner. cbn [vsum]. f_equal. unfold vsub, set_last.
  destruct (Nat.eq_dec k k); [|congruence].
  rewrite (vsum_ext k _ (fun i => (u i - v i) * (u i - v i))); [ring|].
  intros i Hi. destruct (Nat.eq_dec i k); [lia | reflexivity].
Qed.

Lemma norm_set_last_diff k v x x' :
  norm (S k) (vsub (set_last k v x) (set_last k v x')) = Rabs (x - x').
Proof.
  unfold norm, norm2, inner. cbn [vsum]. unfold vsub, set_last.
  destruct (Nat.eq_dec k k); [|congruence].
  rewrite (vsum_ext k _ (fun _ => 0)) by (intros i Hi; destruct (Nat.eq_dec i k); [lia | ring]).
  rewrite vsum_const, Rmult_0_r, Rplus_0_l. apply sqrt_Rsqr_abs.
Qed.

Lemma set_last_self k (v : nat -> R) : set_last k v (v k) = v.
Proof.
  apply functional_extensionality. intros i. unfold set_last.
  destruct (Nat.eq_dec i k); [now subst | reflexivity].
Qed.

(** New fact: a Lipschitz function on W k attains its minimum on the box [−R0, R0]^k. *)
Lemma box_min (k : nat) : forall (f : W k -> R) (Lf R0 : R), 0 <= Lf -> 0 <= R0 ->
  (forall u v, Rabs (f u - f v) <= Lf * norm k (vsub u v)) ->
  exists m, in_box k R0 m /\ forall v, in_box k R0 v -> f m <= f v.
Proof.
  induction k as [|k IH]; intros f Lf R0 HL HR Hf.
  - exists vzero. split; [intros i Hi; lia|]. intros v _.
    pose proof (Hf vzero v) as H. unfold norm, norm2, inner in H. simpl in H.
    rewrite sqrt_0, Rmult_0_r in H. pose proof (Rle_abs (f vzero - f v)). lra.
  - set (fx := fun x u => f (set_last k u x)).
    assert (Hd : forall v x1 x2, Rabs (fx x1 v - fx x2 v) <= Lf * Rabs (x1 - x2)).
    { intros v x1 x2. unfold fx. rewrite <- (norm_set_last_diff k v x1 x2). apply Hf. }
    set (h := fun x => real (Glb_Rbar (fun c => exists v, in_box k R0 v /\ c = fx x v))).
    assert (Hh : forall x, exists y, in_box k R0 y /\ h x = fx x y /\
                                     forall v, in_box k R0 v -> h x <= fx x v).
    { intros x. destruct (IH (fx x) Lf R0 HL HR) as [y [Hy Hmin]].
      { intros u v. unfold fx. rewrite <- (norm_set_last_same k u v x). apply Hf. }
      exists y.
      assert (E : Glb_Rbar (fun c => exists v, in_box k R0 v /\ c = fx x v) = Finite (fx x y)).
      { apply is_glb_Rbar_unique. split.
        - intros c [v [Hv ->]]. simpl. now apply Hmin.
        - intros b Hb. apply Hb. now exists y. }
      unfold h. rewrite E. simpl. auto. }
    assert (Hlip : forall x x', Rabs (h x - h x') <= Lf * Rabs (x - x')).
    { intros x x'. destruct (Hh x) as [y [Hy [Ey My]]]. destruct (Hh x') as [y' [Hy' [Ey' My']]].
      pose proof (My y' Hy'). pose proof (My' y Hy).
      pose proof (abs_le_split _ _ (Hd y' x x')). pose proof (abs_le_split _ _ (Hd y x x')).
      apply Rabs_le. lra. }
    destruct (continuity_ab_min h (- R0) R0) as [xs [Hxs Bxs]]; [lra| |].
    { intros c _. now apply (lipschitz_continuity_pt h Lf). }
    destruct (Hh xs) as [ys [Hys [Eys _]]].
    exists (set_last k ys xs). split.
    + intros i Hi. unfold set_last. destruct (Nat.eq_dec i k); [apply Rabs_le; lra|].
      apply Hys. lia.
    + intros v Hv. rewrite <- (set_last_self k v).
      change (f (set_last k ys xs)) with (fx xs ys). rewrite <- Eys.
      destruct (Hh (v k)) as [_ [_ [_ Mv]]].
      apply Rle_trans with (h (v k)).
      * apply Hxs. apply abs_le_split, Hv. lia.
      * apply Mv. intros i Hi. apply Hv. lia.
Qed.

Lemma sum_distances_lipschitz n K (g : nat -> W n) u v :
  Rabs (vsum K (fun i => norm n (vsub (g i) u)) - vsum K (fun i => norm n (vsub (g i) v)))
  <= INR K * norm n (vsub u v).
Proof.
  rewrite <- vsum_sub, <- vsum_const. eapply Rle_trans; [apply vsum_abs_le|].
  apply vsum_le. intros i _. eapply Rle_trans; [apply norm_reverse|].
  rewrite (norm_ext n _ (vsub v u)) by (intros; unfold vsub; ring).
  unfold norm. rewrite norm2_sub_swap. apply Rle_refl.
Qed.

(** [continuous_sum_distances]: m ↦ Σ_{i<K} ‖g_i − m‖ is continuous. *)
Theorem continuous_sum_distances n K (g : nat -> W n) (m : W n) (e : R) :
  0 < e -> exists delta, 0 < delta /\ forall m', norm n (vsub m' m) < delta ->
    Rabs (vsum K (fun i => norm n (vsub (g i) m')) - vsum K (fun i => norm n (vsub (g i) m))) < e.
Proof.
  intros He. exists (e / (INR K + 1)). split; [apply Rdiv_lt_0_compat; pose proof (pos_INR K); lra|].
  intros m' Hm. eapply Rle_lt_trans; [apply sum_distances_lipschitz|].
  apply lip_small; [apply pos_INR | apply norm_nonneg | exact He | exact Hm].
Qed.

Lemma sum_distances_ge n K (g : nat -> W n) m :
  (0 < K)%nat -> norm n m - norm n (g O) <= vsum K (fun i => norm n (vsub (g i) m)).
Proof.
  intros HK.
  assert (H0 : norm n (vsub (g O) m) <= vsum K (fun i => norm n (vsub (g i) m)))
    by (apply (vsum_term_le K (fun i => norm n (vsub (g i) m))); [intros; apply norm_nonneg | exact HK]).
  pose proof (abs_le_split _ _ (norm_reverse n m (g O))).
  assert (norm n (vsub m (g O)) = norm n (vsub (g O) m)) as E by (unfold norm; now rewrite norm2_sub_swap).
  lra.
Qed.

(** [tendsto_sum_distances_cocompact]: K > 0 ⇒ Σ_{i<K} ‖g_i − m‖ → +∞ as ‖m‖ → ∞. *)
Theorem tendsto_sum_distances_cocompact n K (g : nat -> W n) :
  (0 < K)%nat -> forall B, exists R0, forall m, R0 <= norm n m ->
    B <= vsum K (fun i => norm n (vsub (g i) m)).
Proof.
  intros HK B. exists (B + norm n (g O)). intros m Hm.
  pose proof (sum_distances_ge n K g m HK). lra.
Qed.

(** [exists_isMin_on_finite_sum_norm]: m ↦ Σ_{i<K} ‖g_i − m‖ has a global minimiser. *)
Theorem exists_isMin_on_finite_sum_norm n K (g : nat -> W n) :
  exists m : W n, forall x, vsum K (fun i => norm n (vsub (g i) m)) <= vsum K (fun i => norm n (vsub (g i) x)).
Proof.
  destruct K as [|K]; [exists vzero; intros; simpl; lra|].
  set (f := fun m => vsum (S K) (fun i => norm n (vsub (g i) m))).
  set (R0 := f vzero + norm n (g O)).
  assert (Hf0 : 0 <= f vzero) by (apply vsum_nonneg; intros; apply norm_nonneg).
  destruct (box_min n f (INR (S K)) R0) as [m [Hm Hmin]].
  - apply pos_INR.
  - pose proof (norm_nonneg n (g O)). unfold R0. lra.
  - intros u v. apply sum_distances_lipschitz.
  - exists m. intros x. change (f m <= f x).
    destruct (Rle_lt_dec (norm n x) R0) as [Hle|Hgt].
    + apply Hmin. intros i Hi. eapply Rle_trans; [apply coord_le_norm; exact Hi | exact Hle].
    + assert (Hz : f m <= f vzero).
      { apply Hmin. intros i _. unfold vzero. rewrite Rabs_R0. pose proof (norm_nonneg n (g O)).
        unfold R0. lra. }
      pose proof (sum_distances_ge n (S K) g x (Nat.lt_0_succ K)) as H.
      change (norm n x - norm n (g O) <= f x) in H. change (f m <= f vzero) in Hz.
      change (f m <= f x). unfold R0 in Hgt. lra.
Qed.

(** [geometricMedian]: a minimiser of m ↦ Σ_{i<K} ‖g_i − m‖ (0 when K = 0). *)
Definition geometricMedian (n K : nat) (g : nat -> W n) : W n :=
  match K with
  | O => vzero
  | S _ => proj1_sig (constructive_indefinite_description _ (exists_isMin_on_finite_sum_norm n K g))
  end.

(** [geometricMedian_eq_choose]: for K > 0 the median is the chosen minimiser. *)
Theorem geometricMedian_eq_choose n K (g : nat -> W n) :
  (0 < K)%nat ->
  geometricMedian n K g
  = proj1_sig (constructive_indefinite_description _ (exists_isMin_on_finite_sum_norm n K g)).
Proof. intros HK. destruct K; [lia | reflexivity]. Qed.

(** The geometric median minimises Σ_{i<K} ‖g_i − m‖ (for every K). *)
Lemma geometricMedian_isMin n K (g : nat -> W n) x :
  vsum K (fun i => norm n (vsub (g i) (geometricMedian n K g)))
  <= vsum K (fun i => norm n (vsub (g i) x)).
Proof.
  destruct K as [|K]; [simpl; lra|].
  exact (proj2_sig (constructive_indefinite_description _ (exists_isMin_on_finite_sum_norm n (S K) g)) x).
Qed.
