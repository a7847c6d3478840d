(** * LeanSharp.Layers.Transformer.AttentionNonLipschitz — self-attention has no global Lipschitz certificate

    Why [AttentionCertificate] certifies attention only in its query, with keys and values
    fixed: dot-product *self*-attention is not Lipschitz (Kim, Papamakarios, Mnih 2021).
    The smallest instance already fails: two tokens x = (x₀, x₁) ∈ W 2, dimension 1,
    W_Q = W_K = W_V = 1, so that
        out₀(x) = Σ_{l<2} softmax_l(x₀ x₀, x₀ x₁) x_l.

    Main results
    - [sa2_self_attention]: out₀ is row 0 of [Attention.self_attention] with these weights
    - [self_attention_not_lipschitz]: for no K is x ↦ self_attention(x) K-Lipschitz on W 2.
      Proof: with t = 8K + 4, h = 2/t, u = (0, t), v = (h, t): out₀(u) = t/2, while
        out₀(v) − t/2 = (2ah + t(E − a)) / (2(a + E)) ≥ t/4,
      a = e^{h²} ≤ e^{1/4} ≤ 4/3, E = e^{ht} = e² ≥ 4 ≥ 3a; so
      ‖out(u) − out(v)‖ ≥ t/4 > 2K/t = K‖u − v‖. *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Layers.Network Require Import Certificate Softmax.
From LeanSharp.Layers.Transformer Require Import Attention.
Open Scope R_scope.

Definition one11 : nat -> nat -> R := fun _ _ => 1.

Definition sa_map (x : nat -> R) : nat -> R :=
  fun l => self_attention 2 1 1 one11 one11 one11 (fun l' _ => x l') l 0.

Definition sa2 (x : nat -> R) : R :=
  exp (x 0%nat * x 0%nat) / (exp (x 0%nat * x 0%nat) + exp (x 0%nat * x 1%nat)) * x 0%nat
  + exp (x 0%nat * x 1%nat) / (exp (x 0%nat * x 0%nat) + exp (x 0%nat * x 1%nat)) * x 1%nat.

Lemma sa2_self_attention x : sa_map x 0 = sa2 x.
Proof.
  unfold sa_map, self_attention, attention, matmul, scores, softmax, sumexp, inner, one11, sa2.
  simpl. rewrite sqrt_1.
  assert (E0 : (0 + (0 + x 0%nat * 1) * (0 + x 0%nat * 1)) / 1 = x 0%nat * x 0%nat) by field.
  assert (E1 : (0 + (0 + x 0%nat * 1) * (0 + x 1%nat * 1)) / 1 = x 0%nat * x 1%nat) by field.
  rewrite ?E0, ?E1. rewrite ?Rdiv_1, ?Rplus_0_l, ?Rmult_1_r. reflexivity.
Qed.

Lemma exp_le_mono x y : x <= y -> exp x <= exp y.
Proof.
  intros H. destruct (Rle_lt_or_eq_dec x y H) as [Hl|Heq]; [|rewrite Heq; lra].
  apply Rlt_le, exp_increasing, Hl.
Qed.

Lemma norm2_ge_first w : Rabs (w 0%nat) <= norm 2 w.
Proof.
  unfold norm, norm2, inner. simpl. rewrite <- sqrt_Rsqr_abs. apply sqrt_le_1_alt.
  unfold Rsqr. pose proof (Rle_0_sqr (w 1%nat)). unfold Rsqr in *. lra.
Qed.

Lemma exp_quarter_le : exp (1 / 4) <= 4 / 3.
Proof.
  pose proof (exp_ineq1_le (- (1 / 4))) as H. pose proof (exp_pos (1 / 4)).
  assert (E : exp (1 / 4) * exp (- (1 / 4)) = 1) by (rewrite <- exp_plus, Rplus_opp_r; apply exp_0).
  nra.
Qed.

Lemma exp_2_ge : 4 <= exp 2.
Proof.
  replace 2 with (1 + 1) by ring. rewrite exp_plus. pose proof (exp_ineq1_le 1). nra.
Qed.

(** Self-attention is not globally Lipschitz, even for two scalar tokens. *)
Theorem self_attention_not_lipschitz : ~ exists K, lipschitz_map 2 2 sa_map K.
Proof.
  intros [K [HK H]].
  set (t := 8 * K + 4). assert (Ht : 4 <= t) by (unfold t; lra).
  pose proof (Rinv_0_lt_compat t ltac:(lra)) as Hti.
  set (h := 2 * / t).
  set (u := fun l : nat => if (l =? 0)%nat then 0 else t).
  set (v := fun l : nat => if (l =? 0)%nat then h else t).
  specialize (H v u).
  (* ‖v − u‖ = h = 2/t *)
  assert (Hvu : norm 2 (vsub v u) = h).
  { unfold norm, norm2, inner, vsub, u, v. simpl.
    replace (0 + (h - 0) * (h - 0) + (t - t) * (t - t)) with (h * h) by ring.
    apply sqrt_square. unfold h. lra. }
  (* out(u) = t/2 *)
  assert (Hu : sa2 u = t / 2).
  { unfold sa2, u. simpl. rewrite !Rmult_0_l, exp_0. field. }
  (* out(v) ≥ t/2 + t/4 *)
  set (a := exp (h * h)). set (E := exp 2).
  assert (Ha : 1 <= a <= 4 / 3).
  { assert (Hh : 0 <= h * h <= 1 / 4).
    { unfold h. split; [nra|].
      assert (/ t <= / 4) by (apply Rinv_le_contravar; lra). nra. }
    unfold a. split.
    - rewrite <- exp_0. apply exp_le_mono. lra.
    - apply Rle_trans with (exp (1 / 4)); [apply exp_le_mono; lra | apply exp_quarter_le]. }
  assert (HE : 4 <= E) by apply exp_2_ge.
  assert (Hv : sa2 v = (a * h + E * t) / (a + E)).
  { unfold sa2, v. simpl. replace (h * t) with 2 by (unfold h; field; lra). fold a E.
    field. lra. }
  assert (Hgap : t / 4 <= sa2 v - sa2 u).
  { rewrite Hv, Hu.
    replace ((a * h + E * t) / (a + E) - t / 2)
      with ((2 * a * h + t * (E - a)) / (2 * (a + E))) by (field; lra).
    apply Rmult_le_reg_r with (2 * (a + E)); [lra|].
    replace ((2 * a * h + t * (E - a)) / (2 * (a + E)) * (2 * (a + E)))
      with (2 * a * h + t * (E - a)) by (field; lra).
    assert (0 <= a * h) by (unfold h; nra). nra. }
  pose proof (norm2_ge_first (vsub (sa_map v) (sa_map u))) as Hn.
  unfold vsub at 1 in Hn. rewrite !sa2_self_attention in Hn.
  rewrite Rabs_pos_eq in Hn by lra. rewrite Hvu in H. unfold h in H.
  (* t/4 ≤ 2K/t contradicts t² ≥ 4t > 8K *)
  assert (t * t <= 8 * K).
  { apply Rmult_le_reg_r with (/ t); [exact Hti|].
    replace (t * t * / t) with t by (field; lra). nra. }
  unfold t in *. nra.
Qed.
