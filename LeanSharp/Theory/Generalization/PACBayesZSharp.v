(** * LeanSharp.Theory.Generalization.PACBayesZSharp — ZSharp's first-order sharpness term versus SAM's

    g = ∇L_S(w), m a 0/1 mask (ZSharp: m = sig_mask n t g, or the actual rule
    [ZSharpDirection.zsharp_mask1]), g_f = g ⊙ m.
    SAM perturbs along ε_SAM = ρ g/‖g‖, ZSharp along ε_f = ρ g_f/‖g_f‖
    ([Optim.SAM.sam_eps], [Optim.SAM.zsharp_eps], with δ = 0; a zero vector gives ε = 0).

    What "first-order" means. L_S(w + ε) − L_S(w) = ⟨g, ε⟩ + O(‖ε‖²); the linear part
    ⟨g, ε⟩ is the first-order sharpness along ε. Over the ball ‖ε‖ ≤ ρ its maximum is
    ρ‖g‖, attained at ε_SAM: this is SAM's first-order sharpness term.

    Main results
    - [first_order_sharpness_le]: ‖ε‖ ≤ ρ ⇒ ⟨g, ε⟩ ≤ ρ‖g‖;  [sam_first_order_sharpness]:
      ⟨g, ε_SAM⟩ = ρ‖g‖ (the maximum is attained)
    - [zsharp_eps_in_ball]: ‖ε_f‖ ≤ ρ (ZSharp's perturbation is admissible)
    - [zsharp_first_order_sharpness]: ⟨g, ε_f⟩ = ρ‖g_f‖  (uses ⟨g, g ⊙ m⟩ = ‖g ⊙ m‖²)
    - [zsharp_first_order_sharpness_le_sam]: ⟨g, ε_f⟩ = ρ‖g_f‖ ≤ ρ‖g‖ = ⟨g, ε_SAM⟩, a
      consequence of the L2 contraction ‖g ⊙ m‖ ≤ ‖g‖ (equivalently of ε_SAM being the
      first-order worst case in the ball)
    - [norm_filtered_lt], [zsharp_first_order_sharpness_lt_sam]: if the mask drops a
      component with g_j ≠ 0 (and ρ > 0) the inequality is strict: ρ‖g_f‖ < ρ‖g‖
    - [zsharp_first_order_delta]: with ZSharp's δ > 0 (1e-12) still ≤ ρ‖g_f‖
    - [zsharp_sharpness_second_order]: for Lc-smooth L_S (Lc-Lipschitz gradient) the
      actual ascent along ε_f is L_S(w + ε_f) − L_S(w) ≤ ρ‖g_f‖ + Lcρ²/2 ≤ ρ‖g‖ + Lcρ²/2
      (first-order term + second-order remainder)
    - [smooth_sharpness_bound]: for Lc-smooth L_S, ρ‖∇L_S(w)‖ + Lcρ²/2 bounds SAM's
      sharpness max_{‖ε‖≤ρ} L_S(w + ε) − L_S(w) (a [PACBayes.sharpness_bound])
    - [pac_bayes_zsharp]: the ZSharp PAC-Bayes bound
        E_Q[L_D] ≤ E_Q[L_S + ρ‖g_f‖] + C(λ),  C(λ) = (KL(Q‖P) + ln E_P[e^{λ(L_D − L_S)}]) / λ,
      is valid, and its sharpness term is ≤ SAM's: E_Q[L_S + ρ‖g_f‖] ≤ E_Q[L_S + ρ‖g‖]
    - [pac_bayes_zsharp_perturbed]: with the perturbed gap (Foret et al.'s form) and an
      Lc-smooth L_S:  E_Q[L_D] ≤ E_Q[L_S + ρ‖g_f‖ + Lcρ²/2] + C_f(λ), C_f the
      complexity of L_D(w) − L_S(w + ε_f(w)).

    What this does NOT say. The validity in [pac_bayes_zsharp] comes from
    [PACBayes.pac_bayes_add_nonneg]: ANY non-negative term may be added to the
    change-of-measure bound, and the bound with no sharpness term at all is tighter
    still. ρ‖g_f‖ is not a bound on SAM's sharpness max_{‖ε‖≤ρ} L_S(w + ε) − L_S(w)
    (when the mask drops a nonzero component, ε_SAM already gives the larger first-order
    ascent ρ‖g‖ > ρ‖g_f‖). So "ZSharp's term ≤ SAM's" compares the ascent along the two
    perturbations; it does not show that ZSharp generalises better. Only the perturbed
    form measures ZSharp's own perturbation, through its own complexity term C_f. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import SAM Smooth.
From LeanSharp.Theory.Generalization Require Import KL PACBayes.
Open Scope R_scope.

(** ⟨u, ρ u/‖u‖ … ⟩: the linear gain along a normalised perturbation. *)
Lemma scaled_norm2 {n} rho (u : W n) : rho / (norm n u + 0) * norm2 n u = rho * norm n u.
Proof.
  rewrite Rplus_0_r, <- norm_sqr. destruct (Req_dec (norm n u) 0) as [H0|H0].
  - rewrite H0. unfold Rdiv. ring.
  - field. exact H0.
Qed.

Theorem first_order_sharpness_le {n} rho (g eps : W n) :
  norm n eps <= rho -> inner n g eps <= rho * norm n g.
Proof.
  intros He. eapply Rle_trans; [apply inner_le_norm|].
  pose proof (norm_nonneg n g). rewrite (Rmult_comm rho). apply Rmult_le_compat_l; lra.
Qed.

Theorem sam_first_order_sharpness {n} rho (g : W n) :
  inner n g (sam_eps n rho 0 g) = rho * norm n g.
Proof.
  unfold sam_eps. rewrite inner_sym, inner_scale_l. apply scaled_norm2.
Qed.

Theorem zsharp_eps_in_ball {n} rho (g m : W n) : 0 <= rho -> norm n (zsharp_eps n rho 0 g m) <= rho.
Proof. intros Hr. apply zsharp_eps_norm_le; lra. Qed.

Theorem zsharp_first_order_sharpness {n} rho (g m : W n) :
  is_mask n m -> inner n g (zsharp_eps n rho 0 g m) = rho * norm n (hadamard g m).
Proof.
  intros Hm. unfold zsharp_eps, sam_eps.
  rewrite inner_sym, inner_scale_l, inner_sym, inner_filtered by exact Hm.
  apply scaled_norm2.
Qed.

(** ZSharp's first-order sharpness term is at most SAM's: ⟨g, ε_f⟩ = ρ‖g ⊙ m‖ ≤ ρ‖g‖ =
    ⟨g, ε_SAM⟩ (the L2 contraction of the mask). *)
Theorem zsharp_first_order_sharpness_le_sam {n} rho (g m : W n) :
  is_mask n m -> 0 <= rho ->
  inner n g (zsharp_eps n rho 0 g m) = rho * norm n (hadamard g m) /\
  rho * norm n (hadamard g m) <= rho * norm n g /\
  rho * norm n g = inner n g (sam_eps n rho 0 g).
Proof.
  intros Hm Hr. split; [apply zsharp_first_order_sharpness, Hm|]. split.
  - apply Rmult_le_compat_l; [exact Hr | apply norm_filtered_le, Hm].
  - symmetry. apply sam_first_order_sharpness.
Qed.

(** Dropping a nonzero component strictly shrinks the norm: ‖g ⊙ m‖² ≤ ‖g‖² − g_j². *)
Lemma norm2_filtered_lt {n} (g m : W n) j :
  is_mask n m -> (j < n)%nat -> m j = 0 -> g j <> 0 -> norm2 n (hadamard g m) < norm2 n g.
Proof.
  intros Hm Hj Hmj Hg.
  assert (H : norm2 n g - norm2 n (hadamard g m)
              = vsum n (fun i => g i * g i * (1 - m i * m i))).
  { unfold norm2, inner, hadamard. rewrite <- vsum_sub. apply vsum_ext. intros i _. ring. }
  assert (Hj' : g j * g j * (1 - m j * m j) <= vsum n (fun i => g i * g i * (1 - m i * m i))).
  { apply (vsum_term_le n (fun i => g i * g i * (1 - m i * m i))); [|exact Hj].
    intros i Hi. destruct (Hm i Hi) as [E|E]; rewrite E; nra. }
  rewrite Hmj in Hj'. assert (0 < g j * g j) by nra. lra.
Qed.

Theorem norm_filtered_lt {n} (g m : W n) j :
  is_mask n m -> (j < n)%nat -> m j = 0 -> g j <> 0 -> norm n (hadamard g m) < norm n g.
Proof.
  intros. unfold norm. apply sqrt_lt_1_alt. split; [apply norm2_nonneg|].
  eapply norm2_filtered_lt; eassumption.
Qed.

(** Strict when the mask really filters: if it drops a component j with g_j ≠ 0 and
    ρ > 0, then ⟨g, ε_f⟩ = ρ‖g ⊙ m‖ < ρ‖g‖ = ⟨g, ε_SAM⟩. *)
Theorem zsharp_first_order_sharpness_lt_sam {n} rho (g m : W n) j :
  is_mask n m -> 0 < rho -> (j < n)%nat -> m j = 0 -> g j <> 0 ->
  inner n g (zsharp_eps n rho 0 g m) < inner n g (sam_eps n rho 0 g).
Proof.
  intros Hm Hr Hj Hmj Hg.
  rewrite zsharp_first_order_sharpness, sam_first_order_sharpness by exact Hm.
  apply Rmult_lt_compat_l; [exact Hr|]. eapply norm_filtered_lt; eassumption.
Qed.

(** With ZSharp's δ > 0 in the normalisation the term only gets smaller. *)
Theorem zsharp_first_order_delta {n} rho delta (g m : W n) :
  is_mask n m -> 0 <= rho -> 0 <= delta ->
  inner n g (zsharp_eps n rho delta g m) <= rho * norm n (hadamard g m).
Proof.
  intros Hm Hr Hd. unfold zsharp_eps, sam_eps.
  rewrite inner_sym, inner_scale_l, inner_sym, inner_filtered, <- norm_sqr by exact Hm.
  set (N := norm n (hadamard g m)). assert (0 <= N) by apply norm_nonneg.
  destruct (Req_dec N 0) as [H0|H0].
  - rewrite H0. unfold Rdiv. rewrite !Rmult_0_r. lra.
  - assert (HN : 0 < N + delta) by lra.
    apply (Rmult_le_reg_r (N + delta)); [exact HN|].
    replace (rho / (N + delta) * (N * N) * (N + delta)) with (rho * N * N) by (field; lra).
    replace (rho * N * (N + delta)) with (rho * N * N + rho * N * delta) by ring.
    assert (0 <= rho * N * delta) by (apply Rmult_le_pos; [apply Rmult_le_pos|]; lra).
    lra.
Qed.

(** Second order: under Lc-smoothness the actual ascent along ε_f is at most the
    first-order term ρ‖g_f‖ plus Lcρ²/2, and hence at most SAM's ρ‖g‖ + Lcρ²/2. *)
Theorem zsharp_sharpness_second_order {n} (LS : W n -> R) G Lc rho (w m : W n) :
  is_gradient n LS G -> lipschitz_grad n G Lc -> 0 <= Lc -> 0 <= rho -> is_mask n m ->
  LS (vadd w (zsharp_eps n rho 0 (G w) m)) - LS w
    <= rho * norm n (hadamard (G w) m) + Lc / 2 * (rho * rho)
  /\ rho * norm n (hadamard (G w) m) + Lc / 2 * (rho * rho)
    <= rho * norm n (G w) + Lc / 2 * (rho * rho).
Proof.
  intros Hg Hl HLc Hr Hm. split.
  - pose proof (descent_lemma Hg Hl w (zsharp_eps n rho 0 (G w) m)) as H.
    rewrite zsharp_first_order_sharpness in H by exact Hm.
    pose proof (zsharp_eps_in_ball rho (G w) m Hr) as Hb.
    pose proof (norm_nonneg n (zsharp_eps n rho 0 (G w) m)).
    rewrite <- norm_sqr in H.
    assert (norm n (zsharp_eps n rho 0 (G w) m) * norm n (zsharp_eps n rho 0 (G w) m)
            <= rho * rho) by nra.
    assert (Lc / 2 * (norm n (zsharp_eps n rho 0 (G w) m) * norm n (zsharp_eps n rho 0 (G w) m))
            <= Lc / 2 * (rho * rho)) by (apply Rmult_le_compat_l; lra).
    lra.
  - pose proof (norm_filtered_le n (G w) m Hm). nra.
Qed.

(** SAM's sharpness under Lc-smoothness: for ‖ε‖ ≤ ρ,
    L_S(w + ε) − L_S(w) ≤ ρ‖∇L_S(w)‖ + Lcρ²/2, i.e. first-order term + remainder is a
    [sharpness_bound] (so it can be used in [PACBayes.pac_bayes_sharpness]). *)
Theorem smooth_sharpness_bound {n} (LS : W n -> R) G Lc rho :
  is_gradient n LS G -> lipschitz_grad n G Lc -> 0 <= Lc -> 0 <= rho ->
  sharpness_bound n LS rho (fun w => rho * norm n (G w) + Lc / 2 * (rho * rho)).
Proof.
  intros Hg Hl HLc Hr w eps He.
  pose proof (descent_lemma Hg Hl w eps) as H.
  pose proof (first_order_sharpness_le rho (G w) eps He).
  pose proof (norm_nonneg n eps). rewrite <- norm_sqr in H.
  assert (norm n eps * norm n eps <= rho * rho) by nra.
  assert (Lc / 2 * (norm n eps * norm n eps) <= Lc / 2 * (rho * rho))
    by (apply Rmult_le_compat_l; lra).
  lra.
Qed.

(** ** PAC-Bayes with the first-order sharpness terms *)

(** The ZSharp PAC-Bayes bound (first-order sharpness term ρ‖∇L_S ⊙ m‖) is valid, and
    its sharpness term is at most SAM's (ρ‖∇L_S‖), for any mask rule M applied to the
    gradient (ZSharp: M = sig_mask n t, or [ZSharpDirection.zsharp_mask1]). Validity is
    [PACBayes.pac_bayes_add_nonneg]: it holds for any non-negative term. *)
Theorem pac_bayes_zsharp {n} K q p (ws : nat -> W n) (LD LS : W n -> R) (G M : W n -> W n)
    rho lam :
  is_law K q -> is_law K p -> abs_cont K q p -> 0 < lam -> 0 <= rho ->
  (forall g, is_mask n (M g)) ->
  expect K q (fun k => LD (ws k))
    <= expect K q (fun k => LS (ws k) + rho * norm n (hadamard (G (ws k)) (M (G (ws k)))))
       + complexity K q p lam (fun k => gen LD LS (ws k))
  /\ expect K q (fun k => LS (ws k) + rho * norm n (hadamard (G (ws k)) (M (G (ws k)))))
    <= expect K q (fun k => LS (ws k) + rho * norm n (G (ws k))).
Proof.
  intros Hq Hp Hac Hl Hr HM. split.
  - apply (pac_bayes_add_nonneg n K q p ws LD LS
             (fun w => rho * norm n (hadamard (G w) (M (G w))))); try assumption.
    intros k _. apply Rmult_le_pos; [exact Hr | apply norm_nonneg].
  - apply expect_le; [exact Hq|]. intros k _.
    pose proof (norm_filtered_le n (G (ws k)) (M (G (ws k))) (HM _)).
    apply Rplus_le_compat_l, Rmult_le_compat_l; assumption.
Qed.

(** Perturbed-gap form for ZSharp: for an Lc-smooth training loss,
    E_Q[L_D] ≤ E_Q[L_S + ρ‖g_f‖ + Lcρ²/2] + complexity of L_D(w) − L_S(w + ε_f(w)). *)
Theorem pac_bayes_zsharp_perturbed {n} K q p (ws : nat -> W n) (LD LS : W n -> R)
    (G M : W n -> W n) Lc rho lam :
  is_law K q -> is_law K p -> abs_cont K q p -> 0 < lam -> 0 <= rho ->
  is_gradient n LS G -> lipschitz_grad n G Lc -> 0 <= Lc -> (forall g, is_mask n (M g)) ->
  let epsf := fun w => zsharp_eps n rho 0 (G w) (M (G w)) in
  expect K q (fun k => LD (ws k))
    <= expect K q (fun k => LS (ws k) + rho * norm n (hadamard (G (ws k)) (M (G (ws k))))
                            + Lc / 2 * (rho * rho))
       + complexity K q p lam (fun k => LD (ws k) - LS (vadd (ws k) (epsf (ws k)))).
Proof.
  intros Hq Hp Hac Hl Hr Hg HLip HLc HM epsf.
  pose proof (pac_bayes_perturbed n K q p ws LD LS epsf lam Hq Hp Hac Hl) as H.
  assert (expect K q (fun k => LS (vadd (ws k) (epsf (ws k))))
          <= expect K q (fun k => LS (ws k) + rho * norm n (hadamard (G (ws k)) (M (G (ws k))))
                                  + Lc / 2 * (rho * rho))); [|lra].
  apply expect_le; [exact Hq|]. intros k _.
  destruct (zsharp_sharpness_second_order LS G Lc rho (ws k) (M (G (ws k)))
              Hg HLip HLc Hr (HM _)) as [H1 _].
  unfold epsf. lra.
Qed.
