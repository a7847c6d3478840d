(** * LeanSharp.Layers.Transformer.AttentionLipschitz — self-attention is Lipschitz on token sequences of bounded rows

    Dot-product self-attention SA(U) = softmax(U W_Q (U W_K)ᵀ/√dk) U W_V ([Attention.self_attention])
    is not globally Lipschitz ([AttentionNonLipschitz]); on sequences whose tokens have norm
    ≤ R it is, in the Frobenius norm ([TokenMatrix]). With A_Q = ‖W_Qᵀ‖_F, A_K = ‖W_Kᵀ‖_F,
    A_V = ‖W_Vᵀ‖_F (the row maps u ↦ uW are Wᵀ-linear, [Linear.linear_lipschitz]):
        ‖SA(U) − SA(U')‖_F ≤ A_V (√L + 2 L R² A_Q A_K/√dk) ‖U − U'‖_F.

    Proof (row l, P = softmax of the scores of U, P' of U'):
        o_l − o'_l = Σ_j P_j (v_j − v'_j) + Σ_j (P_j − P'_j) v'_j,
    the first a convex combination (Jensen, [FiniteProb.expect_sq_le]: ‖·‖² ≤ ‖V − V'‖_F²),
    the second ≤ ‖P − P'‖ ‖V'‖_F (Cauchy–Schwarz), ‖P − P'‖ ≤ ‖s − s'‖ (softmax is 1-Lipschitz)
    and |s_j − s'_j| ≤ c₀(‖U_l − U'_l‖ + ‖U_j − U'_j‖), c₀ = A_Q A_K R/√dk.

    Main results
    - [convex_comb_norm2]: ‖Σ_j P_j w_j‖² ≤ ‖W‖_F² for a probability vector P
    - [weighted_comb_norm2]: ‖Σ_j a_j w_j‖² ≤ ‖a‖² ‖W‖_F²
    - [scores_diff]: |s_{lj} − s'_{lj}| ≤ (‖q_l − q'_l‖‖k_j‖ + ‖q'_l‖‖k_j − k'_j‖)/√dk
    - [self_attention_lipschitz_bounded] (L, dk ≥ 1, R ≥ 0): the bound above *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Layers.Network Require Import Certificate Linear Softmax.
From LeanSharp.Layers.Transformer Require Import Attention TokenMatrix.
Open Scope R_scope.

Definition tr (W : nat -> nat -> R) : nat -> nat -> R := fun c k => W k c.

Lemma matmul_row d W X l c : matmul d X W l c = linear d (tr W) vzero (X l) c.
Proof. unfold matmul, linear, matvec, tr, vzero. rewrite Rplus_0_r. apply vsum_ext. intros; ring. Qed.

Lemma matmul_row_lip d m W X Y l :
  norm m (vsub (matmul d X W l) (matmul d Y W l)) <= frob m d (tr W) * norm d (vsub (X l) (Y l)).
Proof.
  destruct (linear_lipschitz d m (tr W) vzero) as [_ H].
  rewrite (norm_ext m _ (vsub (linear d (tr W) vzero (X l)) (linear d (tr W) vzero (Y l))))
    by (intros; unfold vsub; rewrite !matmul_row; reflexivity).
  apply H.
Qed.

Lemma matmul_row_bound d m W X l : norm m (matmul d X W l) <= frob m d (tr W) * norm d (X l).
Proof.
  pose proof (matmul_row_lip d m W X (fun _ _ => 0) l) as H.
  rewrite (norm_ext m _ (matmul d X W l)) in H
    by (intros i _; unfold vsub, matmul; rewrite (vsum_ext d (fun k => 0 * W k i) (fun _ => 0))
          by (intros; ring); rewrite vsum_const; ring).
  rewrite (norm_ext d _ (X l)) in H by (intros; unfold vsub; ring). exact H.
Qed.

Lemma softmax_law L x : (1 <= L)%nat -> is_law L (softmax L x).
Proof.
  intros HL. split; [intros; left; apply softmax_pos; assumption | apply softmax_sum; lia].
Qed.

(** ‖Σ_j P_j w_j‖² ≤ Σ_j ‖w_j‖² for a probability vector P (Jensen per coordinate). *)
Lemma convex_comb_norm2 L dv (P : nat -> R) (Wm : nat -> nat -> R) :
  is_law L P -> norm2 dv (fun c => vsum L (fun j => P j * Wm j c)) <= frob2 L dv Wm.
Proof.
  intros Hl. unfold norm2 at 1, inner.
  apply Rle_trans with (vsum dv (fun c => vsum L (fun j => P j * (Wm j c * Wm j c)))).
  - apply vsum_le. intros c _. pose proof (expect_sq_le L P (fun j => Wm j c) Hl) as H.
    unfold expect in H. simpl in H. rewrite Rmult_1_r in H.
    eapply Rle_trans; [exact H|]. right. apply vsum_ext. intros; ring.
  - rewrite (vsum_swap dv L (fun c j => P j * (Wm j c * Wm j c))). unfold frob2, norm2, inner.
    apply vsum_le. intros j Hj. rewrite vsum_scal.
    assert (P j <= 1) by (destruct Hl as [Hp Hs]; rewrite <- Hs; apply (vsum_term_le L P j Hp Hj)).
    assert (0 <= P j) by (apply (proj1 Hl j Hj)).
    assert (0 <= vsum dv (fun c => Wm j c * Wm j c)) by (apply vsum_nonneg; intros; apply Rle_0_sqr).
    nra.
Qed.

(** ‖Σ_j a_j w_j‖² ≤ ‖a‖² Σ_j ‖w_j‖² (Cauchy–Schwarz per coordinate). *)
Lemma weighted_comb_norm2 L dv (a : nat -> R) (Wm : nat -> nat -> R) :
  norm2 dv (fun c => vsum L (fun j => a j * Wm j c)) <= norm2 L a * frob2 L dv Wm.
Proof.
  unfold norm2 at 1, inner at 1.
  apply Rle_trans with (vsum dv (fun c => norm2 L a * vsum L (fun j => Wm j c * Wm j c))).
  - apply vsum_le. intros c _. exact (cauchy_schwarz L a (fun j => Wm j c)).
  - rewrite vsum_scal. apply Rmult_le_compat_l; [apply norm2_nonneg|]. right.
    unfold frob2, norm2, inner. rewrite (vsum_swap dv L (fun c j => Wm j c * Wm j c)). reflexivity.
Qed.

Lemma inner_diff n q k q' k' :
  inner n q k - inner n q' k' = inner n (vsub q q') k + inner n q' (vsub k k').
Proof. unfold inner, vsub. rewrite <- vsum_add, <- vsum_sub. apply vsum_ext. intros; ring. Qed.

Lemma scores_diff dk Q K Q' K' l j :
  (1 <= dk)%nat ->
  Rabs (scores dk Q K l j - scores dk Q' K' l j)
  <= (norm dk (vsub (Q l) (Q' l)) * norm dk (K j) + norm dk (Q' l) * norm dk (vsub (K j) (K' j)))
     / sqrt (INR dk).
Proof.
  intros Hdk. assert (Hs : 0 < sqrt (INR dk)) by (apply sqrt_lt_R0, lt_0_INR; lia).
  unfold scores. replace (inner dk (Q l) (K j) / sqrt (INR dk) - inner dk (Q' l) (K' j) / sqrt (INR dk))
    with ((inner dk (Q l) (K j) - inner dk (Q' l) (K' j)) / sqrt (INR dk)) by (field; lra).
  rewrite inner_diff. unfold Rdiv. rewrite Rabs_mult, (Rabs_pos_eq (/ _)) by (left; apply Rinv_0_lt_compat; lra).
  apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat; lra|].
  eapply Rle_trans; [apply Rabs_triang|].
  pose proof (abs_inner_le_norm dk (vsub (Q l) (Q' l)) (K j)).
  pose proof (abs_inner_le_norm dk (Q' l) (vsub (K j) (K' j))). lra.
Qed.

Lemma frob_ext L d A B :
  (forall l c, (l < L)%nat -> (c < d)%nat -> A l c = B l c) -> frob L d A = frob L d B.
Proof.
  intros H. unfold frob, frob2. f_equal. apply vsum_ext. intros l Hl. apply norm2_ext. intros; now apply H.
Qed.

Lemma attention_decomp L dk Q K V Q' K' V' l c :
  attention L dk Q K V l c - attention L dk Q' K' V' l c =
  vsum L (fun j => softmax L (scores dk Q K l) j * (V j c - V' j c)) +
  vsum L (fun j => (softmax L (scores dk Q K l) j - softmax L (scores dk Q' K' l) j) * V' j c).
Proof. unfold attention. rewrite <- vsum_add, <- vsum_sub. apply vsum_ext. intros; ring. Qed.

Section SelfAttention.
Context (L d dk dv : nat) (WQ WK WV : nat -> nat -> R) (R0 : R).
Hypotheses (HL : (1 <= L)%nat) (Hdk : (1 <= dk)%nat) (HR0 : 0 <= R0).

Definition att_const : R :=
  frob dv d (tr WV) * (sqrt (INR L)
    + 2 * INR L * (R0 * R0) * frob dk d (tr WQ) * frob dk d (tr WK) / sqrt (INR dk)).

(** ‖SA(U) − SA(U')‖_F ≤ A_V (√L + 2 L R² A_Q A_K/√dk) ‖U − U'‖_F when all tokens have norm ≤ R. *)
Theorem self_attention_lipschitz_bounded (U U' : nat -> nat -> R) :
  (forall l, (l < L)%nat -> norm d (U l) <= R0) -> (forall l, (l < L)%nat -> norm d (U' l) <= R0) ->
  frob L dv (msub (self_attention L d dk WQ WK WV U) (self_attention L d dk WQ WK WV U'))
  <= att_const * frob L d (msub U U').
Proof.
  intros HU HU'.
  set (AQ := frob dk d (tr WQ)). set (AK := frob dk d (tr WK)). set (AV := frob dv d (tr WV)).
  assert (HAQ : 0 <= AQ) by apply frob_nonneg. assert (HAK : 0 <= AK) by apply frob_nonneg.
  assert (HAV : 0 <= AV) by apply frob_nonneg.
  set (Q := matmul d U WQ). set (K := matmul d U WK). set (V := matmul d U WV).
  set (Q' := matmul d U' WQ). set (K' := matmul d U' WK). set (V' := matmul d U' WV).
  set (P := fun l => softmax L (scores dk Q K l)). set (P' := fun l => softmax L (scores dk Q' K' l)).
  set (T1 := fun l c => vsum L (fun j => P l j * (V j c - V' j c))).
  set (T2 := fun l c => vsum L (fun j => (P l j - P' l j) * V' j c)).
  set (F := frob L d (msub U U')). assert (HF : 0 <= F) by apply frob_nonneg.
  set (sL := sqrt (INR L)). set (sdk := sqrt (INR dk)).
  assert (HsL : sL * sL = INR L) by (apply sqrt_sqrt, pos_INR). assert (0 <= sL) by apply sqrt_pos.
  assert (Hsdk : 0 < sdk) by (apply sqrt_lt_R0, lt_0_INR; lia).
  set (x := fun l => norm d (vsub (U l) (U' l))).
  assert (Hx2 : vsum L (fun l => x l * x l) = F * F).
  { unfold F, frob. rewrite sqrt_sqrt by apply frob2_nonneg. unfold frob2. apply vsum_ext.
    intros; unfold x; apply norm_sqr. }
  set (c0 := AQ * AK * R0 / sdk). assert (Hc0 : 0 <= c0)
    by (unfold c0, Rdiv; repeat apply Rmult_le_pos; try lra; left; apply Rinv_0_lt_compat; lra).
  rewrite (frob_ext L dv _ (fun l => vadd (T1 l) (T2 l)))
    by (intros; unfold msub, vsub, vadd, self_attention; apply attention_decomp).
  eapply Rle_trans; [apply frob_triangle|].
  (* the convex-combination term *)
  assert (H1 : frob L dv T1 <= sL * (AV * F)).
  { apply Rle_trans with (sqrt (vsum L (fun _ => frob2 L dv (msub V V')))).
    - apply frob_le_sqrt. intros l Hl. apply (convex_comb_norm2 L dv (P l) (msub V V')), softmax_law, HL.
    - rewrite vsum_const, sqrt_mult_alt by apply pos_INR. fold sL.
      change (sqrt (frob2 L dv (msub V V'))) with (frob L dv (msub V V')).
      apply Rmult_le_compat_l; [lra|]. apply frob_le_scale; [exact HAV|].
      intros l _. apply matmul_row_lip. }
  (* the score term *)
  assert (HV' : frob2 L dv V' <= (AV * (sL * R0)) * (AV * (sL * R0))).
  { assert (frob L dv V' <= AV * (sL * R0)).
    { eapply Rle_trans; [apply (frob_le_scale L d dv V' U' AV HAV); intros; apply matmul_row_bound|].
      apply Rmult_le_compat_l; [exact HAV | apply frob_bounded_rows; assumption]. }
    unfold frob in H0. rewrite <- (sqrt_sqrt (frob2 L dv V')) by apply frob2_nonneg.
    pose proof (sqrt_pos (frob2 L dv V')). nra. }
  assert (HV2 : frob2 L dv V' <= AV * AV * INR L * (R0 * R0)).
  { replace (AV * AV * INR L * (R0 * R0)) with ((AV * (sL * R0)) * (AV * (sL * R0))) by (rewrite <- HsL; ring).
    exact HV'. }
  assert (Hs : forall l j, (l < L)%nat -> (j < L)%nat ->
            Rabs (scores dk Q K l j - scores dk Q' K' l j) <= c0 * (x l + x j)).
  { intros l j Hl Hj. eapply Rle_trans; [apply scores_diff, Hdk|].
    pose proof (matmul_row_lip d dk WQ U U' l) as E1. pose proof (matmul_row_lip d dk WK U U' j) as E2.
    pose proof (matmul_row_bound d dk WK U j) as E3. pose proof (matmul_row_bound d dk WQ U' l) as E4.
    pose proof (HU j Hj). pose proof (HU' l Hl). fold Q K Q' K' AQ AK in E1, E2, E3, E4.
    pose proof (norm_nonneg dk (vsub (Q l) (Q' l))). pose proof (norm_nonneg dk (K j)).
    pose proof (norm_nonneg dk (Q' l)). pose proof (norm_nonneg dk (vsub (K j) (K' j))).
    pose proof (norm_nonneg d (U j)). pose proof (norm_nonneg d (U' l)).
    assert (Hnum : norm dk (vsub (Q l) (Q' l)) * norm dk (K j) + norm dk (Q' l) * norm dk (vsub (K j) (K' j))
                   <= AQ * x l * (AK * R0) + AQ * R0 * (AK * x j)).
    { unfold x. apply Rplus_le_compat; apply Rmult_le_compat; try lra; try nra. }
    unfold c0. apply (Rmult_le_reg_r sdk); [exact Hsdk|]. unfold Rdiv.
    rewrite Rmult_assoc, Rinv_l by lra.
    replace (AQ * AK * R0 * / sdk * (x l + x j) * sdk) with (AQ * AK * R0 * (x l + x j)) by (field; lra).
    lra. }
  assert (H2 : frob L dv T2 <= 2 * c0 * AV * INR L * R0 * F).
  { apply Rle_trans with (sqrt (vsum L (fun l => 2 * (c0 * c0) * (INR L * (x l * x l) + F * F)
                                                  * (AV * AV * INR L * (R0 * R0))))).
    - apply frob_le_sqrt. intros l Hl.
      eapply Rle_trans; [apply (weighted_comb_norm2 L dv (fun j => P l j - P' l j) V')|].
      apply Rmult_le_compat; [apply norm2_nonneg | apply frob2_nonneg | | exact HV2].
      destruct (softmax_lipschitz L) as [_ Hsm].
      pose proof (Hsm (scores dk Q K l) (scores dk Q' K' l)) as Hp.
      rewrite Rmult_1_l in Hp. pose proof (norm_nonneg L (vsub (P l) (P' l))).
      change (fun j => P l j - P' l j) with (vsub (P l) (P' l)).
      rewrite <- norm_sqr. fold (P l) (P' l) in Hp.
      apply Rle_trans with (norm2 L (vsub (scores dk Q K l) (scores dk Q' K' l))).
      + rewrite <- norm_sqr. apply Rmult_le_compat; lra.
      + unfold norm2 at 1, inner.
        apply Rle_trans with (vsum L (fun j => 2 * (c0 * c0) * (x l * x l + x j * x j))).
        * apply vsum_le. intros j Hj. pose proof (Hs l j Hl Hj) as Hsj. unfold vsub.
          set (y := scores dk Q K l j - scores dk Q' K' l j) in *.
          assert (0 <= x l) by apply norm_nonneg. assert (0 <= x j) by apply norm_nonneg.
          assert (Hy : y * y <= (c0 * (x l + x j)) * (c0 * (x l + x j))).
          { unfold Rabs in Hsj. destruct (Rcase_abs y); nra. }
          assert (0 <= (x l - x j) * (x l - x j)) by apply Rle_0_sqr. nra.
        * right. rewrite vsum_scal, vsum_add, vsum_const, Hx2. ring.
    - replace (vsum L (fun l => 2 * (c0 * c0) * (INR L * (x l * x l) + F * F) * (AV * AV * INR L * (R0 * R0))))
        with ((2 * c0 * AV * INR L * R0 * F) * (2 * c0 * AV * INR L * R0 * F)).
      + pose proof (pos_INR L).
        assert (Hpos : 0 <= 2 * c0 * AV * INR L * R0 * F)
          by (apply Rmult_le_pos; [|exact HF]; apply Rmult_le_pos; [|exact HR0];
              apply Rmult_le_pos; [|lra]; apply Rmult_le_pos; [|exact HAV]; lra).
        rewrite sqrt_square by exact Hpos. lra.
      + rewrite (vsum_ext L _ (fun l => (2 * (c0 * c0) * INR L * (AV * AV * INR L * (R0 * R0))) * (x l * x l)
                                        + 2 * (c0 * c0) * (F * F) * (AV * AV * INR L * (R0 * R0))))
          by (intros; ring).
        rewrite vsum_add, vsum_scal, vsum_const, Hx2. ring. }
  unfold att_const. fold AV AQ AK sL sdk F.
  replace (AV * (sL + 2 * INR L * (R0 * R0) * AQ * AK / sdk) * F)
    with (sL * (AV * F) + 2 * c0 * AV * INR L * R0 * F) by (unfold c0; field; lra).
  lra.
Qed.


End SelfAttention.
