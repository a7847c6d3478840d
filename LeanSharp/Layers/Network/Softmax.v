(** * LeanSharp.Layers.Network.Softmax — softmax: a probability vector, shift invariant, 1-Lipschitz

    Definitions
    - [softmax n x]_i = e^{x_i} / Σ_{j<n} e^{x_j}
    - [softmax_jvp n x d]_i = p_i (d_i − Σ_j p_j d_j) with p = softmax(x): the directional
      derivative (Jacobian (diag p − p pᵀ) applied to d)

    Main results (n ≥ 1, i < n)
    - [softmax_pos], [softmax_le_1], [softmax_lt_1] (n ≥ 2): 0 < softmax_i ≤ 1, < 1 if n ≥ 2
    - [softmax_sum]: Σ_i softmax_i = 1
    - [softmax_shift_invariant]: softmax(x + c·1) = softmax(x)
    - [softmax_has_jvp]: d/ds softmax(u + s d)_i = softmax_jvp(u + s d, d)_i
    - [softmax_jvp_bound]: ‖softmax_jvp x d‖ ≤ ‖d‖
      (Σ p_i²(d_i − m)² ≤ Σ p_i(d_i − m)² = Σ p_i d_i² − m² ≤ Σ d_i², m = Σ p_j d_j)
    - [softmax_lipschitz]: softmax is 1-Lipschitz on W n (mean value theorem along segments,
      [Certificate.lipschitz_of_jvp_bound]).
    - [softmax_line_C2_all]: every component along every line is C²
      (p_i' = p_i(d_i − M), p_i'' = p_i'(d_i − M) − p_i M', M = Σ_j p_j d_j);
      [softmax_certificate]: StabilityCertificate n n softmax 1
    - [softmax_layer]: softmax as a parameter-free [Chain.Layer], with its JVP. *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Layers.Network Require Import Certificate Chain Activation.
Open Scope R_scope.

Definition sumexp (n : nat) (x : nat -> R) : R := vsum n (fun j => exp (x j)).

Definition softmax (n : nat) (x : nat -> R) : nat -> R := fun i => exp (x i) / sumexp n x.

Definition softmax_jvp (n : nat) (x d : nat -> R) : nat -> R :=
  fun i => softmax n x i * (d i - vsum n (fun j => softmax n x j * d j)).

Lemma sumexp_pos n x : (0 < n)%nat -> 0 < sumexp n x.
Proof.
  intros Hn. apply Rlt_le_trans with (exp (x 0%nat)); [apply exp_pos|].
  apply (vsum_term_le n (fun j => exp (x j))); [intros; apply Rlt_le, exp_pos | exact Hn].
Qed.

Theorem softmax_pos n x i : (i < n)%nat -> 0 < softmax n x i.
Proof.
  intros Hi. unfold softmax. apply Rdiv_lt_0_compat; [apply exp_pos | apply sumexp_pos; lia].
Qed.

Theorem softmax_le_1 n x i : (i < n)%nat -> softmax n x i <= 1.
Proof.
  intros Hi. pose proof (sumexp_pos n x ltac:(lia)). unfold softmax.
  apply Rmult_le_reg_r with (sumexp n x); [lra|]. unfold Rdiv.
  rewrite Rmult_assoc, Rinv_l, Rmult_1_r, Rmult_1_l by lra.
  apply (vsum_term_le n (fun j => exp (x j))); [intros; apply Rlt_le, exp_pos | exact Hi].
Qed.

Lemma vsum_two_terms_le n f i k :
  (forall j, (j < n)%nat -> 0 <= f j) -> (i < n)%nat -> (k < n)%nat -> i <> k ->
  f i + f k <= vsum n f.
Proof.
  induction n as [|n IH]; intros H Hi Hk Hik; [lia|]. simpl.
  assert (Hle : forall j, (j < n)%nat -> f j <= vsum n f)
    by (intros j Hj; apply vsum_term_le; [intros; apply H; lia | exact Hj]).
  destruct (Nat.eq_dec k n) as [->|Hkn]; [pose proof (Hle i ltac:(lia)); lra|].
  destruct (Nat.eq_dec i n) as [->|Hin]; [pose proof (Hle k ltac:(lia)); lra|].
  pose proof (IH (fun j Hj => H j ltac:(lia)) ltac:(lia) ltac:(lia) Hik).
  pose proof (H n ltac:(lia)). lra.
Qed.

Theorem softmax_lt_1 n x i : (2 <= n)%nat -> (i < n)%nat -> softmax n x i < 1.
Proof.
  intros Hn Hi. pose proof (sumexp_pos n x ltac:(lia)).
  set (k := if Nat.eq_dec i 0 then 1%nat else 0%nat).
  assert (Hk : (k < n)%nat /\ i <> k) by (unfold k; destruct (Nat.eq_dec i 0); lia).
  pose proof (vsum_two_terms_le n (fun j => exp (x j)) i k
                (fun j _ => Rlt_le _ _ (exp_pos (x j))) Hi (proj1 Hk) (proj2 Hk)).
  pose proof (exp_pos (x k)). unfold softmax.
  apply Rmult_lt_reg_r with (sumexp n x); [lra|]. unfold Rdiv.
  rewrite Rmult_assoc, Rinv_l, Rmult_1_r, Rmult_1_l by lra. unfold sumexp. lra.
Qed.

Theorem softmax_sum n x : (0 < n)%nat -> vsum n (softmax n x) = 1.
Proof.
  intros Hn. pose proof (sumexp_pos n x Hn). unfold softmax.
  rewrite (vsum_ext _ _ (fun i => / sumexp n x * exp (x i))) by (intros; unfold Rdiv; ring).
  rewrite vsum_scal. fold (sumexp n x). field. lra.
Qed.

(** Softmax is invariant to adding the same constant to every logit. *)
Theorem softmax_shift_invariant n c x i :
  softmax n (fun j => x j + c) i = softmax n x i.
Proof.
  unfold softmax, sumexp.
  rewrite (vsum_ext _ _ (fun j => exp c * exp (x j))) by (intros; rewrite exp_plus; ring).
  rewrite vsum_scal, exp_plus. destruct n as [|n].
  - simpl. unfold Rdiv. rewrite Rmult_0_r, !Rinv_0. ring.
  - pose proof (sumexp_pos (S n) x ltac:(lia)). unfold sumexp in *. pose proof (exp_pos c).
    field. lra.
Qed.

(** ** Directional derivative and the Lipschitz constant *)

Theorem softmax_has_jvp n : has_jvp n n (softmax n) (softmax_jvp n).
Proof.
  intros u d t i Hi. pose proof (sumexp_pos n (line u d t) ltac:(lia)) as HZ.
  set (Z := fun s => sumexp n (line u d s)).
  set (Z' := vsum n (fun j => d j * exp (line u d t j))).
  assert (HZd : is_derive Z t Z').
  { unfold Z, Z', sumexp.
    apply (is_derive_vsum n (fun j s => exp (line u d s j)) (fun j s => d j * exp (line u d s j))).
    intros j _. unfold line. auto_derive; [exact I|]. ring. }
  assert (HEd : is_derive (fun s => exp (line u d s i)) t (d i * exp (line u d t i)))
    by (unfold line; auto_derive; [exact I | ring]).
  assert (HZ0 : Z t <> 0) by (unfold Z; lra).
  pose proof (is_derive_div _ _ t _ _ HEd HZd HZ0) as Hq.
  assert (Hm : vsum n (fun j => softmax n (line u d t) j * d j) = Z' / Z t).
  { unfold Z', Z, softmax.
    rewrite (vsum_ext _ _ (fun j => / sumexp n (line u d t) * (d j * exp (line u d t j))))
      by (intros; unfold Rdiv; ring).
    rewrite vsum_scal. unfold Rdiv. ring. }
  unfold softmax_jvp. rewrite Hm. unfold softmax. change (sumexp n (line u d t)) with (Z t).
  replace (exp (line u d t i) / Z t * (d i - Z' / Z t))
    with ((d i * exp (line u d t i) * Z t - exp (line u d t i) * Z') / Z t ^ 2)
    by (field; exact HZ0).
  exact Hq.
Qed.

(** ‖J d‖ ≤ ‖d‖ for the softmax Jacobian J = diag p − p pᵀ. *)
Theorem softmax_jvp_bound n x d : norm n (softmax_jvp n x d) <= 1 * norm n d.
Proof.
  apply norm_le_of_norm2_le; [rewrite Rmult_1_l; apply norm_nonneg|].
  rewrite Rmult_1_l, norm_sqr.
  destruct n as [|n]; [unfold norm2, inner; simpl; lra|].
  set (p := softmax (S n) x). set (m := vsum (S n) (fun j => p j * d j)).
  assert (Hp : forall i, (i < S n)%nat -> 0 <= p i <= 1)
    by (intros i Hi; split; [apply Rlt_le, softmax_pos | apply softmax_le_1]; exact Hi).
  assert (Hs : vsum (S n) p = 1) by (apply softmax_sum; lia).
  unfold norm2, inner, softmax_jvp. fold p m.
  apply Rle_trans with (vsum (S n) (fun i => p i * (d i - m) * (d i - m))).
  { apply vsum_le. intros i Hi. specialize (Hp i Hi). set (y := d i - m).
    assert (Hpp : p i * p i <= p i) by nra. pose proof (Rle_0_sqr y). unfold Rsqr in *.
    apply Rle_trans with (p i * p i * (y * y)); [right; ring|].
    apply Rle_trans with (p i * (y * y)); [apply Rmult_le_compat_r; lra | right; ring]. }
  assert (E : vsum (S n) (fun i => p i * (d i - m) * (d i - m))
              = vsum (S n) (fun i => p i * (d i * d i)) - m * m).
  { rewrite (vsum_ext _ _ (fun i => p i * (d i * d i) - (2 * m * (p i * d i) - m * m * p i)))
      by (intros; ring).
    rewrite vsum_sub, vsum_sub, !vsum_scal, Hs. fold m. ring. }
  rewrite E. pose proof (Rle_0_sqr m). unfold Rsqr in *.
  assert (vsum (S n) (fun i => p i * (d i * d i)) <= vsum (S n) (fun i => d i * d i)); [|lra].
  apply vsum_le. intros i Hi. specialize (Hp i Hi). pose proof (Rle_0_sqr (d i)).
  unfold Rsqr in *. rewrite <- (Rmult_1_l (d i * d i)) at 2.
  apply Rmult_le_compat_r; lra.
Qed.

(** Softmax is 1-Lipschitz: ‖softmax(u) − softmax(v)‖ ≤ ‖u − v‖. *)
Theorem softmax_lipschitz n : lipschitz_map n n (softmax n) 1.
Proof.
  apply (lipschitz_of_jvp_bound n n (softmax n) (softmax_jvp n)); [lra | apply softmax_has_jvp |].
  apply softmax_jvp_bound.
Qed.

(** ** Line-wise C² and the softmax certificate *)

Lemma continuous_vsum n (f : nat -> R -> R) s :
  (forall j, (j < n)%nat -> continuous (f j) s) -> continuous (fun t => vsum n (fun j => f j t)) s.
Proof.
  induction n as [|n IH]; intros H; simpl; [apply continuous_const|].
  apply continuous_Rplus; [apply IH; intros; apply H; lia | apply H; lia].
Qed.

Section SoftmaxLine.
Variables (n : nat) (u d : nat -> R).

Let p (j : nat) (s : R) : R := softmax n (line u d s) j.
Let p1 (j : nat) (s : R) : R := softmax_jvp n (line u d s) d j.
Let M (s : R) : R := vsum n (fun j => p j s * d j).
Let M1 (s : R) : R := vsum n (fun j => p1 j s * d j).

Lemma sm_p_deriv j s : (j < n)%nat -> is_derive (p j) s (p1 j s).
Proof. intros Hj. exact (softmax_has_jvp n u d s j Hj). Qed.

Lemma sm_M_deriv s : is_derive M s (M1 s).
Proof.
  apply (is_derive_inner_line n (fun s => softmax n (line u d s)) (fun s => softmax_jvp n (line u d s) d)).
  intros j Hj. now apply sm_p_deriv.
Qed.

Lemma sm_p1_deriv j s : (j < n)%nat ->
  is_derive (p1 j) s (p1 j s * (d j - M s) + p j s * (0 - M1 s)).
Proof.
  intros Hj. apply (Derive.is_derive_mult (p j) (fun s => d j - M s)); [now apply sm_p_deriv|].
  apply (is_derive_minus (V := R_NormedModule));
    [apply (is_derive_const (V := R_NormedModule)) | apply sm_M_deriv].
Qed.

Lemma sm_M1_continuous s : continuous M1 s.
Proof.
  apply (continuous_vsum n (fun j s => p1 j s * d j)). intros j Hj.
  apply continuous_Rmult; [|apply continuous_const].
  exact (is_derive_continuous _ _ _ (sm_p1_deriv j s Hj)).
Qed.

(** Each softmax component along a line is C²: p_i'' = p_i'(d_i − M) − p_i M'. *)
Lemma softmax_line_C2 i : (i < n)%nat ->
  exists d1 d2 : R -> R,
    forall s, is_derive (p i) s (d1 s) /\ is_derive d1 s (d2 s) /\ continuous d2 s.
Proof.
  intros Hi. exists (p1 i), (fun s => p1 i s * (d i - M s) + p i s * (0 - M1 s)).
  intros s. split; [now apply sm_p_deriv | split; [now apply sm_p1_deriv|]].
  apply continuous_Rplus; apply continuous_Rmult.
  - exact (is_derive_continuous _ _ _ (sm_p1_deriv i s Hi)).
  - apply (is_derive_continuous _ s (0 - M1 s)).
    apply (is_derive_minus (V := R_NormedModule));
      [apply (is_derive_const (V := R_NormedModule)) | apply sm_M_deriv].
  - exact (is_derive_continuous _ _ _ (sm_p_deriv i s Hi)).
  - apply (continuous_minus (V := R_NormedModule)); [apply continuous_const | apply sm_M1_continuous].
Qed.

End SoftmaxLine.

Theorem softmax_line_C2_all n : line_C2 n n (softmax n).
Proof. intros u d j Hj. exact (softmax_line_C2 n u d j Hj). Qed.

(** Softmax certificate: softmax is 1-Lipschitz and line-wise C². *)
Theorem softmax_certificate n : StabilityCertificate n n (softmax n) 1.
Proof. split; [apply softmax_lipschitz | apply softmax_line_C2_all]. Qed.

(** ** Softmax as a parameter-free layer *)

Definition softmax_layer (n : nat) : Layer :=
  {| l_in := n; l_out := n; l_par := 0;
     l_fwd := fun _ => softmax n;
     l_jvp := fun _ => softmax_jvp n |}.

Lemma softmax_layer_jvp_correct n : layer_jvp_correct (softmax_layer n).
Proof. intros p. apply softmax_has_jvp. Qed.
