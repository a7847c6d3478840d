(** * LeanSharp.Optim.ClipNoise — clipping a noisy signal: what it moves, what it keeps

    A gradient observed as g = u + d (signal u, noise d) and clipped at c
    ([Optim.Clipping.clip], torch's κ = min(1, c/(‖g‖ + 1e-6))). Two facts that hold for any
    noise, and the moment bounds that turn them into expectations under heavy tails.

    Definitions
    - [ppow x p] = x^p for x > 0, 0 for x ≤ 0 ([Rpower] with 0^p = 0)
    - [trunc2 c r] = r·min(c, r), the integrand of a truncated second moment
    - [clip_gain c a] = φ(a) = (a²/2)·min(1, c/(3a/2 + 1e-6)): ≈ a²/2 for small a, ≈ ca/3 for
      large a ([clip_gain_le]: φ(a) ≤ a²/2 and φ(a) ≤ ca/3)

    Main results (c > 0)
    - [clip_residual_le]: ‖u‖ + 1e-6 ≤ c/2 ⇒ ‖clip g − g‖ ≤ 2‖d‖^p/(c/2)^{p−1} (p ≥ 1):
      clipping only moves g when the noise is at least c/2
    - [inner_clip_signal_ge]: ⟨u, clip(u + d)⟩ ≥ φ(‖u‖) − 8‖d‖·min(c, ‖d‖) for every u, d:
      clipping keeps a share of any signal, whatever its size
    - [trunc2_le_ppow]: r·min(c, r) ≤ r^p c^{2−p} for 1 ≤ p ≤ 2, so a p-th moment bounds the
      truncated second one;  [trunc2_mono];  [trunc2_add_le]:
      (x + b)·min(c, x + b) ≤ 4(x·min(c, x) + b·min(c, b)) *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Clipping.
Open Scope R_scope.

(** ** The residual of clipping *)

Definition ppow (x p : R) : R := if Rlt_dec 0 x then Rpower x p else 0.

Lemma ppow_nonneg x p : 0 <= ppow x p.
Proof. unfold ppow, Rpower. destruct Rlt_dec; [left; apply exp_pos | lra]. Qed.

(** 0 < a ≤ x, p ≥ 1 ⇒ x ≤ x^p/a^{p−1}. *)
Lemma le_ppow_ratio x a p : 0 < a <= x -> 1 <= p -> x <= ppow x p / Rpower a (p - 1).
Proof.
  intros Ha Hp. unfold ppow. destruct Rlt_dec as [_|H]; [|lra].
  assert (Hx : Rpower x p = x * Rpower x (p - 1))
    by (rewrite <- (Rpower_1 x) at 2 by lra; rewrite <- Rpower_plus; f_equal; ring).
  pose proof (Rle_Rpower_l a x (p - 1) ltac:(lra) Ha).
  assert (0 < Rpower a (p - 1)) by (unfold Rpower; apply exp_pos).
  rewrite Hx. apply (Rmult_le_reg_r (Rpower a (p - 1))); [lra|].
  unfold Rdiv. rewrite Rmult_assoc, Rinv_l, Rmult_1_r by lra. apply Rmult_le_compat_l; lra.
Qed.

Lemma rpower_pos a p : 0 < Rpower a p.
Proof. unfold Rpower. apply exp_pos. Qed.

(** A signal u well inside the ball (‖u‖ + 10⁻⁶ ≤ c/2) plus any noise g − u: clipping moves
    g by at most 2‖g − u‖^p/(c/2)^{p−1} — clipping fires only when ‖g − u‖ ≥ c/2. *)
Theorem clip_residual_le n c p (g u : W n) :
  0 < c -> 1 <= p -> norm n u + clip_eps <= c / 2 ->
  norm n (vsub (clip n c g) g) <= 2 * ppow (norm n (vsub g u)) p / Rpower (c / 2) (p - 1).
Proof.
  intros Hc Hp Hu. pose proof (rpower_pos (c / 2) (p - 1)).
  assert (H0 : 0 <= 2 * ppow (norm n (vsub g u)) p / Rpower (c / 2) (p - 1))
    by (apply Rle_mult_inv_pos; [pose proof (ppow_nonneg (norm n (vsub g u)) p) |]; lra).
  destruct (Rle_dec (norm n g + clip_eps) c) as [Hin|Hout].
  - rewrite norm_vzero_of; [exact H0|]. intros i Hi. unfold vsub. rewrite (clip_id n c g Hin i Hi). ring.
  - pose proof clip_eps_pos. pose proof (norm_nonneg n u).
    assert (Hgu : norm n g <= norm n u + norm n (vsub g u)).
    { rewrite (norm_ext n g (vadd u (vsub g u))) at 1 by (intros; unfold vadd, vsub; ring).
      apply norm_triangle. }
    assert (Hxi : c / 2 <= norm n (vsub g u)) by lra.
    pose proof (le_ppow_ratio (norm n (vsub g u)) (c / 2) p ltac:(lra) Hp).
    rewrite (norm_ext n _ (vscale (clip_coef n c g - 1) g)) by (intros; unfold clip, vsub, vscale; ring).
    rewrite norm_scale. pose proof (clip_coef_nonneg n c g ltac:(lra)). pose proof (clip_coef_le_1 n c g).
    rewrite Rabs_left1 by lra. pose proof (norm_nonneg n g).
    assert ((- (clip_coef n c g - 1)) * norm n g <= norm n g) by nra.
    unfold Rdiv in *. lra.
Qed.

(** ** How much of the signal survives clipping, for any noise *)

(** The truncated second moment's integrand r·min(c, r). *)
Definition trunc2 (c r : R) : R := r * Rmin c r.

(** The gain φ(a) = (a²/2)·min(1, c/(3a/2 + 10⁻⁶)) of a signal of norm a: ≈ a²/2 for small
    a, ≈ ca/3 for large a. *)
Definition clip_gain (c a : R) : R := a ^ 2 / 2 * Rmin 1 (c / (3 * a / 2 + clip_eps)).

Lemma trunc2_nonneg c r : 0 <= c -> 0 <= r -> 0 <= trunc2 c r.
Proof. intros Hc Hr. unfold trunc2. apply Rmult_le_pos; [exact Hr | now apply Rmin_glb]. Qed.

Lemma clip_gain_nonneg c a : 0 <= c -> 0 <= a -> 0 <= clip_gain c a.
Proof.
  intros Hc Ha. pose proof clip_eps_pos. unfold clip_gain. apply Rmult_le_pos; [nra|].
  apply Rmin_glb; [lra | apply Rle_mult_inv_pos; lra].
Qed.

(** φ(a) ≤ a²/2 and φ(a) ≤ ca/3. *)
Lemma clip_gain_le c a : 0 <= c -> 0 <= a -> clip_gain c a <= a ^ 2 / 2 /\ clip_gain c a <= c * a / 3.
Proof.
  intros Hc Ha. pose proof clip_eps_pos. unfold clip_gain.
  set (q := c / (3 * a / 2 + clip_eps)).
  assert (Hq : q * (3 * a / 2 + clip_eps) = c) by (unfold q; field; lra).
  assert (Hq0 : 0 <= q) by (unfold q; apply Rle_mult_inv_pos; lra).
  clearbody q. pose proof (Rmin_l 1 q). pose proof (Rmin_r 1 q).
  assert (0 <= Rmin 1 q) by (apply Rmin_glb; lra). split; [nra|].
  assert (a ^ 2 / 2 * Rmin 1 q <= a ^ 2 / 2 * q) by (apply Rmult_le_compat_l; nra).
  assert (c * a / 3 = a ^ 2 / 2 * q + q * clip_eps * a / 3)
    by (rewrite <- Hq; field).
  assert (0 <= q * clip_eps * a) by (apply Rmult_le_pos; [apply Rmult_le_pos|]; lra). lra.
Qed.

(** Clipping keeps a share of any signal u, whatever the noise d (c > 0):
    ⟨u, clip_c(u + d)⟩ ≥ φ(‖u‖) − 8·‖d‖·min(c, ‖d‖). If ‖d‖ ≤ ‖u‖/2 the clipped vector keeps
    a factor min(1, c/(3‖u‖/2 + 10⁻⁶)) of ⟨u, u + d⟩ ≥ ‖u‖²/2; otherwise ‖u‖ < 2‖d‖ and the
    loss is at most ‖u‖·min(c, ‖u + d‖) + φ(‖u‖). *)
Theorem inner_clip_signal_ge n c (u d : W n) :
  0 < c -> inner n u (clip n c (vadd u d)) >= clip_gain c (norm n u) - 8 * trunc2 c (norm n d).
Proof.
  intros Hc. set (g := vadd u d). set (a := norm n u). set (r := norm n d).
  set (k := clip_coef n c g).
  pose proof (norm_nonneg n u) as Ha. pose proof (norm_nonneg n d) as Hr. fold a r in Ha, Hr.
  pose proof (clip_coef_nonneg n c g ltac:(lra)) as Hk0. pose proof (clip_coef_le_1 n c g) as Hk1.
  pose proof (clip_coef_mul_norm_le n c g ltac:(lra)) as Hkc. fold k in Hk0, Hk1, Hkc.
  pose proof (clip_gain_le c a ltac:(lra) Ha) as [Hp1 Hp2].
  pose proof (trunc2_nonneg c r ltac:(lra) Hr).
  assert (Hng : norm n g <= a + r) by apply norm_triangle.
  unfold clip. fold k. rewrite inner_scale_r.
  assert (Hug : inner n u g = a ^ 2 + inner n u d).
  { unfold g. rewrite inner_sym, inner_add_l, (inner_sym n d u). fold (norm2 n u).
    rewrite norm2_norm. reflexivity. }
  pose proof (abs_inner_le_norm n u d) as Hud. fold a r in Hud.
  assert (Hb : - (a * r) <= inner n u d)
    by (pose proof (RRle_abs (- inner n u d)) as Hn; rewrite Rabs_Ropp in Hn; lra).
  destruct (Rle_lt_dec r (a / 2)) as [Hsmall|Hbig].
  - (* the good case: the clip coefficient is at least min(1, c/(3a/2 + 10⁻⁶)) *)
    pose proof clip_eps_pos. pose proof (norm_nonneg n g).
    assert (Hkm : Rmin 1 (c / (3 * a / 2 + clip_eps)) <= k).
    { unfold k, clip_coef. apply Rmin_glb; [apply Rmin_l|].
      eapply Rle_trans; [apply Rmin_r|]. unfold Rdiv. apply Rmult_le_compat_l; [lra|].
      apply Rinv_le_contravar; [apply clip_denom_pos | lra]. }
    assert (Hpos : a ^ 2 / 2 <= inner n u g) by nra.
    unfold clip_gain. fold a. apply Rle_ge.
    assert (Rmin 1 (c / (3 * a / 2 + clip_eps)) * (a ^ 2 / 2) <= k * inner n u g)
      by (apply Rmult_le_compat; [apply Rmin_glb; [lra | apply Rle_mult_inv_pos; lra] | nra | exact Hkm | exact Hpos]).
    lra.
  - (* the bad case: ‖u‖ < 2‖d‖, lose at most ‖u‖·min(c, ‖g‖) + φ(‖u‖) *)
    assert (Hcs : - (a * (k * norm n g)) <= k * inner n u g).
    { pose proof (abs_inner_le_norm n u g) as Hug2. fold a in Hug2.
      assert (- (a * norm n g) <= inner n u g)
        by (pose proof (RRle_abs (- inner n u g)) as Hn; rewrite Rabs_Ropp in Hn; lra).
      nra. }
    assert (Hm : k * norm n g <= 3 * Rmin c r).
    { unfold Rmin. destruct Rle_dec; [|]; pose proof (norm_nonneg n g); nra. }
    assert (Hphi : clip_gain c a <= 2 * trunc2 c r).
    { unfold trunc2, Rmin. destruct Rle_dec; nra. }
    assert (a * (k * norm n g) <= 2 * r * (3 * Rmin c r)).
    { apply Rmult_le_compat; [lra | apply Rmult_le_pos; [lra | apply norm_nonneg] | lra | exact Hm]. }
    unfold trunc2 in *. lra.
Qed.

(** For 1 ≤ p ≤ 2: r·min(c, r) ≤ r^p·c^{2−p}, so a p-th moment bounds the truncated second one. *)
Lemma trunc2_le_ppow c r p : 0 < c -> 0 <= r -> 1 <= p <= 2 ->
  trunc2 c r <= ppow r p * Rpower c (2 - p).
Proof.
  intros Hc Hr [Hp1 Hp2]. unfold trunc2, ppow. destruct (Rlt_dec 0 r) as [Hr0|Hr0].
  2: { assert (r = 0) by lra. subst r. rewrite Rmult_0_l. apply Rmult_le_pos; [lra | left; apply rpower_pos]. }
  assert (Hpow : forall x e f, 0 < x -> Rpower x e * Rpower x f = Rpower x (e + f))
    by (intros; now rewrite Rpower_plus).
  pose proof (rpower_pos r (p - 1)). pose proof (rpower_pos c (2 - p)). pose proof (rpower_pos c (p - 1)).
  unfold Rmin. destruct Rle_dec as [Hcr|Hcr].
  - (* c ≤ r: r·c = r·c^{p−1}·c^{2−p} ≤ r·r^{p−1}·c^{2−p} = r^p·c^{2−p} *)
    assert (Hr1 : Rpower r p = r * Rpower r (p - 1)).
    { rewrite <- (Rpower_1 r) at 2 by exact Hr0. rewrite Hpow by exact Hr0. f_equal. ring. }
    assert (Hc1 : Rpower c (p - 1) * Rpower c (2 - p) = c).
    { rewrite Hpow by exact Hc. replace (p - 1 + (2 - p)) with 1 by ring. now apply Rpower_1. }
    assert (Rpower c (p - 1) <= Rpower r (p - 1)) by (apply Rle_Rpower_l; lra).
    rewrite Hr1. replace (r * c) with (r * Rpower c (p - 1) * Rpower c (2 - p))
      by (rewrite Rmult_assoc, Hc1; ring).
    apply Rmult_le_compat_r; [lra|]. apply Rmult_le_compat_l; lra.
  - (* r < c: r² = r^p·r^{2−p} ≤ r^p·c^{2−p} *)
    assert (Hr2 : Rpower r p * Rpower r (2 - p) = r * r).
    { rewrite Hpow by exact Hr0. replace (p + (2 - p)) with (1 + 1) by ring.
      rewrite Rpower_plus, Rpower_1 by exact Hr0. reflexivity. }
    assert (Rpower r (2 - p) <= Rpower c (2 - p)) by (apply Rle_Rpower_l; lra).
    rewrite <- Hr2. apply Rmult_le_compat_l; [left; apply rpower_pos | lra].
Qed.

(** r·min(c, r) is nondecreasing in r ≥ 0, and (x + b)·min(c, x + b) ≤ 4(x·min(c, x) + b·min(c, b)). *)
Lemma trunc2_mono c r s : 0 <= c -> 0 <= r <= s -> trunc2 c r <= trunc2 c s.
Proof. intros Hc Hrs. unfold trunc2, Rmin. destruct Rle_dec, Rle_dec; nra. Qed.

Lemma trunc2_add_le c x b : 0 <= c -> 0 <= x -> 0 <= b ->
  trunc2 c (x + b) <= 4 * (trunc2 c x + trunc2 c b).
Proof.
  intros Hc Hx Hb. pose proof (trunc2_nonneg c x Hc Hx). pose proof (trunc2_nonneg c b Hc Hb).
  assert (Hd : forall y, 0 <= y -> trunc2 c (2 * y) <= 4 * trunc2 c y)
    by (intros y Hy; unfold trunc2, Rmin; destruct Rle_dec, Rle_dec; nra).
  destruct (Rle_lt_dec x b).
  - eapply Rle_trans; [apply (trunc2_mono c (x + b) (2 * b)); lra|]. pose proof (Hd b Hb). lra.
  - eapply Rle_trans; [apply (trunc2_mono c (x + b) (2 * x)); lra|]. pose proof (Hd x Hx). lra.
Qed.
