(** * LeanSharp.Core.Vec — the parameter space [W n] = R^n

    A vector of [W n] is a function [nat -> R] read on the indices [0, n);
    values outside [0, n) are never looked at by any definition below.

    Definitions
    - [vsum n f]      = Σ_{i<n} f i
    - [vadd], [vsub], [vopp], [vscale c], [vzero]: pointwise operations
    - [inner n u v]   = ⟨u, v⟩ = Σ_{i<n} u_i v_i
    - [norm2 n v]     = ‖v‖² = ⟨v, v⟩,   [norm n v] = ‖v‖ = √‖v‖²

    Main results
    - linearity and monotonicity of [vsum]; [vsum_ext]: only [0, n) matters
    - [vsum_nonneg_eq_0]: a sum of non-negative terms is 0 iff every term is
    - [vsum_split]: Σ_{i<a+b} f = Σ_{i<a} f + Σ_{i<b} f(a + i);  [vsum_shift], [vsum_abs_le],
      [vsum_pos_exists], [vsum_nonneg_exists]: a positive (≥ 0) sum has a positive (≥ 0) term
    - [norm2_nonneg], [norm_sqr]: ‖v‖² = ‖v‖·‖v‖
    - [cauchy_schwarz]: ⟨u, v⟩² ≤ ‖u‖²‖v‖²,  [inner_le_norm]: ⟨u, v⟩ ≤ ‖u‖‖v‖
    - [norm_triangle]: ‖u + v‖ ≤ ‖u‖ + ‖v‖,  [norm_scale]: ‖c v‖ = |c|‖v‖
    - real helpers: [sqrt_scale_sqr]: √(a²x) = |a|√x,  [sqrt_between]: lo² < x < hi² ⇒
      lo < √x < hi (for concrete square roots)

    This file is the one home of vector and real helpers: search here (and [Search] the
    standard library: [lt_0_INR], [Rabs_pos_lt], [Rle_mult_inv_pos], ...) before proving one. *)

From Coq Require Import Reals Lra Lia.
Open Scope R_scope.

Definition W (n : nat) : Type := nat -> R.

Fixpoint vsum (n : nat) (f : nat -> R) : R :=
  match n with O => 0 | S k => vsum k f + f k end.

(** ** Sums over [0, n) *)

Lemma vsum_ext n f g : (forall i, (i < n)%nat -> f i = g i) -> vsum n f = vsum n g.
Proof.
  induction n as [|n IH]; intros H; simpl; [reflexivity|].
  rewrite IH by (intros; apply H; lia). rewrite H by lia. reflexivity.
Qed.

Lemma vsum_add n f g : vsum n (fun i => f i + g i) = vsum n f + vsum n g.
Proof. induction n; simpl; [lra | rewrite IHn; lra]. Qed.

Lemma vsum_scal n c f : vsum n (fun i => c * f i) = c * vsum n f.
Proof. induction n; simpl; [lra | rewrite IHn; lra]. Qed.

Lemma vsum_opp n f : vsum n (fun i => - f i) = - vsum n f.
Proof. induction n; simpl; [lra | rewrite IHn; lra]. Qed.

Lemma vsum_sub n f g : vsum n (fun i => f i - g i) = vsum n f - vsum n g.
Proof. induction n; simpl; [lra | rewrite IHn; lra]. Qed.

Lemma vsum_const n c : vsum n (fun _ => c) = INR n * c.
Proof. induction n; simpl vsum; [simpl; lra | rewrite IHn, S_INR; lra]. Qed.

Lemma vsum_le n f g : (forall i, (i < n)%nat -> f i <= g i) -> vsum n f <= vsum n g.
Proof.
  induction n as [|n IH]; intros H; simpl; [lra|].
  assert (vsum n f <= vsum n g) by (apply IH; intros; apply H; lia).
  assert (f n <= g n) by (apply H; lia). lra.
Qed.

Lemma vsum_nonneg n f : (forall i, (i < n)%nat -> 0 <= f i) -> 0 <= vsum n f.
Proof.
  intros H. rewrite <- (Rmult_0_r (INR n)), <- vsum_const. now apply vsum_le.
Qed.

Lemma vsum_term_le n f k :
  (forall i, (i < n)%nat -> 0 <= f i) -> (k < n)%nat -> f k <= vsum n f.
Proof.
  induction n as [|n IH]; intros H Hk; [lia|]. simpl.
  assert (0 <= vsum n f) by (apply vsum_nonneg; intros; apply H; lia).
  destruct (Nat.eq_dec k n) as [->|Hne]; [lra|].
  assert (f k <= vsum n f) by (apply IH; [intros; apply H|]; lia).
  assert (0 <= f n) by (apply H; lia). lra.
Qed.

Lemma vsum_nonneg_eq_0 n f :
  (forall i, (i < n)%nat -> 0 <= f i) -> vsum n f = 0 ->
  forall i, (i < n)%nat -> f i = 0.
Proof.
  intros H Hs i Hi.
  pose proof (vsum_term_le n f i H Hi). pose proof (H i Hi). lra.
Qed.

(** A sum that is positive has a positive term. *)
Lemma vsum_pos_exists n f : 0 < vsum n f -> exists i, (i < n)%nat /\ 0 < f i.
Proof.
  intros Hs. destruct (Classical_Prop.classic (exists i, (i < n)%nat /\ 0 < f i))
    as [|Hno]; [assumption|].
  assert (vsum n f <= 0); [|lra].
  rewrite <- (Rmult_0_r (INR n)), <- vsum_const. apply vsum_le. intros i Hi.
  apply Rnot_lt_le. intros Hp. apply Hno. now exists i.
Qed.

Lemma vsum_neg n f : (0 < n)%nat -> (forall i, (i < n)%nat -> f i < 0) -> vsum n f < 0.
Proof.
  induction n as [|n IH]; intros Hn H; [lia|]. simpl.
  assert (f n < 0) by (apply H; lia).
  destruct n as [|k]; [simpl; lra|].
  assert (vsum (S k) f < 0) by (apply IH; [lia | intros; apply H; lia]). lra.
Qed.

(** A sum of n ≥ 1 terms that is ≥ 0 has a term ≥ 0. *)
Lemma vsum_nonneg_exists n f :
  (0 < n)%nat -> 0 <= vsum n f -> exists i, (i < n)%nat /\ 0 <= f i.
Proof.
  intros Hn Hs. destruct (Classical_Prop.classic (exists i, (i < n)%nat /\ 0 <= f i))
    as [|Hno]; [assumption|].
  assert (vsum n f < 0); [|lra]. apply vsum_neg; [exact Hn|].
  intros i Hi. apply Rnot_le_lt. intros Hp. apply Hno. now exists i.
Qed.

(** Some term of a sum is at most the average. *)
Lemma vsum_le_const_exists T (b : nat -> R) B :
  (0 < T)%nat -> vsum T b <= INR T * B -> exists t, (t < T)%nat /\ b t <= B.
Proof.
  induction T as [|T IH]; intros HT Hs; [lia|].
  destruct (Rle_dec (b T) B) as [Hle|Hgt]; [exists T; split; [lia | exact Hle]|].
  simpl vsum in Hs. rewrite S_INR in Hs.
  destruct T as [|T]; [simpl in Hs; lra|].
  destruct IH as [t [Ht Hb]]; [lia | lra |]. exists t. split; [lia | exact Hb].
Qed.

Lemma vsum_abs_le n f : Rabs (vsum n f) <= vsum n (fun i => Rabs (f i)).
Proof.
  apply Rabs_le. split.
  - rewrite <- vsum_opp. apply vsum_le. intros i _.
    pose proof (Rle_abs (- f i)). rewrite Rabs_Ropp in H. lra.
  - apply vsum_le. intros i _. apply Rle_abs.
Qed.

(** Σ_{i<a+b} = Σ_{i<a} + Σ_{i<b} f(a + i), and peeling off the first term. *)
Lemma vsum_split a b f : vsum (a + b) f = vsum a f + vsum b (fun i => f (a + i)%nat).
Proof.
  induction b as [|b IH]; simpl; [rewrite Nat.add_0_r; ring|].
  rewrite Nat.add_succ_r. simpl. rewrite IH. ring.
Qed.

Lemma vsum_shift N f : vsum (S N) f = f 0%nat + vsum N (fun k => f (S k)).
Proof. induction N as [|N IH]; simpl in *; [ring | rewrite IH; ring]. Qed.

(** ** Pointwise operations *)

Definition vzero : nat -> R := fun _ => 0.
Definition vadd (u v : nat -> R) : nat -> R := fun i => u i + v i.
Definition vsub (u v : nat -> R) : nat -> R := fun i => u i - v i.
Definition vopp (v : nat -> R) : nat -> R := fun i => - v i.
Definition vscale (c : R) (v : nat -> R) : nat -> R := fun i => c * v i.

(** ** Inner product and Euclidean norm *)

Definition inner (n : nat) (u v : W n) : R := vsum n (fun i => u i * v i).
Definition norm2 (n : nat) (v : W n) : R := inner n v v.
Definition norm (n : nat) (v : W n) : R := sqrt (norm2 n v).

Lemma inner_ext n u u' v v' :
  (forall i, (i < n)%nat -> u i = u' i /\ v i = v' i) -> inner n u v = inner n u' v'.
Proof. intros H. apply vsum_ext. intros i Hi. now destruct (H i Hi) as [-> ->]. Qed.

Lemma inner_sym n u v : inner n u v = inner n v u.
Proof. apply vsum_ext. intros. ring. Qed.

Lemma inner_add_l n u v w : inner n (vadd u v) w = inner n u w + inner n v w.
Proof. unfold inner, vadd. rewrite <- vsum_add. apply vsum_ext. intros. ring. Qed.

Lemma inner_sub_l n u v w : inner n (vsub u v) w = inner n u w - inner n v w.
Proof. unfold inner, vsub. rewrite <- vsum_sub. apply vsum_ext. intros. ring. Qed.

Lemma inner_scale_l n c u v : inner n (vscale c u) v = c * inner n u v.
Proof. unfold inner, vscale. rewrite <- vsum_scal. apply vsum_ext. intros. ring. Qed.

Lemma inner_opp_l n u v : inner n (vopp u) v = - inner n u v.
Proof. unfold inner, vopp. rewrite <- vsum_opp. apply vsum_ext. intros. ring. Qed.

Lemma inner_sub_r n x u v : inner n x (vsub u v) = inner n x u - inner n x v.
Proof. rewrite inner_sym, inner_sub_l, !(inner_sym n x). reflexivity. Qed.

Lemma inner_scale_r n c u v : inner n u (vscale c v) = c * inner n u v.
Proof. rewrite inner_sym, inner_scale_l, inner_sym. reflexivity. Qed.

Lemma inner_sub_swap n x u v : inner n x (vsub v u) = - inner n x (vsub u v).
Proof. unfold inner, vsub. rewrite <- vsum_opp. apply vsum_ext. intros. ring. Qed.

Lemma norm2_ext n u v : (forall i, (i < n)%nat -> u i = v i) -> norm2 n u = norm2 n v.
Proof. intros H. apply inner_ext. intros i Hi. now rewrite H. Qed.

Lemma norm_ext n u v : (forall i, (i < n)%nat -> u i = v i) -> norm n u = norm n v.
Proof. intros H. unfold norm. now rewrite (norm2_ext n u v H). Qed.

Lemma norm2_sub_swap n u v : norm2 n (vsub v u) = norm2 n (vsub u v).
Proof. unfold norm2, inner, vsub. apply vsum_ext. intros. ring. Qed.

Lemma norm2_nonneg n v : 0 <= norm2 n v.
Proof. apply vsum_nonneg. intros. apply Rle_0_sqr. Qed.

Lemma norm2_eq_0 n v : norm2 n v = 0 -> forall i, (i < n)%nat -> v i = 0.
Proof.
  intros H i Hi. apply Rsqr_0_uniq.
  exact (vsum_nonneg_eq_0 n (fun i => v i * v i) (fun i _ => Rle_0_sqr (v i)) H i Hi).
Qed.

Lemma norm_nonneg n v : 0 <= norm n v.
Proof. apply sqrt_pos. Qed.

Lemma norm_sqr n v : norm n v * norm n v = norm2 n v.
Proof. apply sqrt_sqrt, norm2_nonneg. Qed.

Lemma norm2_norm n v : norm2 n v = norm n v ^ 2.
Proof. rewrite <- (norm_sqr n v). ring. Qed.

Lemma norm_eq_0 n v : norm2 n v = 0 -> norm n v = 0.
Proof. intros H. unfold norm. rewrite H. apply sqrt_0. Qed.

Lemma norm2_of_norm_0 n v : norm n v = 0 -> norm2 n v = 0.
Proof. intros H. rewrite <- norm_sqr, H. ring. Qed.

Lemma norm2_sub n u v :
  norm2 n (vsub u v) = norm2 n u - 2 * inner n u v + norm2 n v.
Proof.
  unfold norm2, inner, vsub. rewrite <- vsum_scal, <- vsum_sub, <- vsum_add.
  apply vsum_ext. intros. ring.
Qed.

Lemma norm2_add n u v :
  norm2 n (vadd u v) = norm2 n u + 2 * inner n u v + norm2 n v.
Proof.
  unfold norm2, inner, vadd. rewrite <- vsum_scal, <- !vsum_add.
  apply vsum_ext. intros. ring.
Qed.

Lemma norm2_scale n c v : norm2 n (vscale c v) = c * c * norm2 n v.
Proof. unfold norm2, inner, vscale. rewrite <- vsum_scal. apply vsum_ext. intros. ring. Qed.

(** Cauchy–Schwarz, by the discriminant of t ↦ ‖u − t v‖² ≥ 0. *)
Theorem cauchy_schwarz n u v : inner n u v * inner n u v <= norm2 n u * norm2 n v.
Proof.
  pose proof (norm2_nonneg n u) as Hu.
  destruct (Req_dec (norm2 n v) 0) as [Hv|Hv].
  - assert (inner n u v = 0) as ->; [|nra].
    rewrite <- (Rmult_0_r (INR n)), <- vsum_const. apply vsum_ext.
    intros i Hi. rewrite (norm2_eq_0 n v Hv i Hi). ring.
  - pose proof (norm2_nonneg n v) as Hv0.
    set (a := inner n u v). set (b := norm2 n v).
    pose proof (norm2_nonneg n (vsub u (vscale (a / b) v))) as Hd.
    rewrite norm2_sub, norm2_scale, inner_sym, inner_scale_l, inner_sym in Hd.
    fold a b in Hd.
    assert (Hab : norm2 n u - a * a / b = norm2 n u - 2 * (a / b * a) + a / b * (a / b) * b)
      by (field; exact Hv).
    assert (0 <= b * (norm2 n u - a * a / b)) by (apply Rmult_le_pos; [exact Hv0 | rewrite Hab; exact Hd]).
    replace (b * (norm2 n u - a * a / b)) with (norm2 n u * b - a * a) in * by (field; exact Hv).
    lra.
Qed.

Lemma inner_le_norm n u v : inner n u v <= norm n u * norm n v.
Proof.
  pose proof (cauchy_schwarz n u v) as H. pose proof (norm_nonneg n u).
  pose proof (norm_nonneg n v). rewrite <- (norm_sqr n u), <- (norm_sqr n v) in H.
  destruct (Rle_dec (inner n u v) 0); [nra|].
  apply Rsqr_incr_0_var; unfold Rsqr; nra.
Qed.

Lemma abs_inner_le_norm n u v : Rabs (inner n u v) <= norm n u * norm n v.
Proof.
  unfold Rabs. destruct (Rcase_abs _); [|apply inner_le_norm].
  rewrite <- inner_opp_l. pose proof (inner_le_norm n (vopp u) v).
  assert (norm n (vopp u) = norm n u) as <-; [|lra].
  unfold norm, norm2, inner, vopp. f_equal. apply vsum_ext. intros. ring.
Qed.

Lemma norm_le_of_norm2_le n u c : 0 <= c -> norm2 n u <= c * c -> norm n u <= c.
Proof.
  intros Hc H. unfold norm. rewrite <- (sqrt_square c Hc).
  now apply sqrt_le_1_alt.
Qed.

Theorem norm_triangle n u v : norm n (vadd u v) <= norm n u + norm n v.
Proof.
  apply norm_le_of_norm2_le; [pose proof (norm_nonneg n u); pose proof (norm_nonneg n v); lra|].
  rewrite norm2_add, <- (norm_sqr n u), <- (norm_sqr n v).
  pose proof (inner_le_norm n u v). nra.
Qed.

Lemma norm_scale n c v : norm n (vscale c v) = Rabs c * norm n v.
Proof.
  unfold norm. rewrite norm2_scale, sqrt_mult_alt by (apply Rle_0_sqr).
  f_equal. exact (sqrt_Rsqr_abs c).
Qed.

(** ** Square roots *)

Lemma sqrt_scale_sqr a x : 0 <= x -> sqrt (a * a * x) = Rabs a * sqrt x.
Proof.
  intros Hx. rewrite sqrt_mult_alt by apply Rle_0_sqr. f_equal. apply sqrt_Rsqr_abs.
Qed.

(** Bounds on a concrete square root: lo² < x < hi² ⇒ lo < √x < hi. *)
Lemma sqrt_between x lo hi : 0 <= lo -> 0 <= hi -> lo * lo < x < hi * hi -> lo < sqrt x < hi.
Proof.
  intros Hlo Hhi [H1 H2]. rewrite <- (sqrt_square lo Hlo), <- (sqrt_square hi Hhi).
  split; apply sqrt_lt_1_alt; split; nra.
Qed.
