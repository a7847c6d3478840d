(** * LeanSharp.Upstream.Stochastic.Rate — upstream LeanSharp/Stochastic/Rate.lean

    Translates the O(1/T) rate of stochastic ZSharp and its variant with the alignment
    derived from a deterministic condition. Notions as in [Upstream.All] and
    [Upstream.Stochastic.SchedulesStronglyConvex] (finite law, atom labellings F t for ℱ t,
    [weightSequence]). Defines [AlignmentCondition] (upstream Theory/Alignment.lean):
    μ‖w − w*‖² ≤ ⟨g, w − w*⟩ and ‖g‖ ≤ L‖w − w*‖. Upstream's [gradient L] is a field G; its
    hypothesis g_adv 0 = (fun _ => ∇L(w_0 + ε)) is asked pointwise (∀ k, g_adv 0 k = G(w_0 + ε)).
    New fact: [deterministic_stochastic_alignment] (upstream's
    deterministic_implies_stochastic_alignment on a finite law, a helper here).

    Equal: none.
    Weaker (finite law with partition σ-algebras instead of a probability space):
    - [stochastic_zsharp_rate_O1_T_finite_law] — E‖w_T − w*‖² ≤ (‖w_0 − w*‖² + 1)/T.
    - [stochastic_zsharp_rate_O1_T_of_deterministic_alignment_finite_law] — the same with the
      first-step alignment from the deterministic condition.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap ProcessBasic.
From LeanSharp.Upstream.Stochastic Require Import SchedulesStronglyConvex.
Open Scope R_scope.

Definition AlignmentCondition (n : nat) (w w_star g : W n) (mu L_smooth : R) : Prop :=
  mu * norm2 n (vsub w w_star) <= inner n g (vsub w w_star)
  /\ norm n g <= L_smooth * norm n (vsub w w_star).

(** [stochastic_zsharp_rate_O1_T_finite_law]: the conditional contraction, η_t = 1/(μ(t + 1)),
    μ > 0 and alignment at w_0 ⇒ E‖w_T − w*‖² ≤ (‖w_0 − w*‖² + 1)/T for every T > 0. *)
Theorem stochastic_zsharp_rate_O1_T_finite_law n K p (F : nat -> nat -> nat) (w_star w0 : W n)
  (eta : nat -> R) z mu (g_adv : nat -> nat -> W n) :
  is_law K p ->
  conditional_contraction n K p F w_star w0 eta z mu g_adv ->
  0 < mu -> (forall t, eta t = 1 / (mu * (INR t + 1))) ->
  StochasticAlignmentCondition n K p w0 w_star (g_adv 0%nat) (eta 0%nat) mu z ->
  forall T, (0 < T)%nat ->
  expect K p (fun k => norm2 n (vsub (weightSequence n w0 eta z g_adv T k) w_star))
  <= (norm2 n (vsub w0 w_star) + 1) / INR T.
Proof. exact (zsharp_strongly_convex_rate_finite_law n K p F w_star w0 eta z mu g_adv). Qed.

Lemma deterministic_stochastic_alignment n K p (g : nat -> W n) (gc w w_star : W n) z eta mu Ls :
  is_law K p -> (forall k, g k = gc) ->
  AlignmentCondition n w w_star (filteredGradient n gc z) mu Ls ->
  eta * Ls ^ 2 <= mu -> 0 <= eta ->
  StochasticAlignmentCondition n K p w w_star g eta mu z.
Proof.
  intros Hl Hg [H1 H2] Ht He. unfold StochasticAlignmentCondition.
  set (gf := filteredGradient n gc z) in *.
  rewrite (expect_ext K p _ (fun _ => norm2 n gf)) by (intros k _; now rewrite Hg).
  rewrite expect_const by exact Hl.
  rewrite (inner_ext n _ gf (vsub w w_star) (vsub w w_star)).
  2: { intros i _. split; [|reflexivity]. unfold vexpect.
       rewrite (expect_ext K p _ (fun _ => gf i)) by (intros k _; now rewrite Hg).
       now apply expect_const. }
  pose proof (norm_nonneg n gf). pose proof (norm_nonneg n (vsub w w_star)).
  rewrite !norm2_norm in *. set (d := norm n (vsub w w_star)) in *.
  assert (Hq : norm n gf ^ 2 <= (Ls * d) ^ 2) by (apply pow_incr; lra).
  assert (eta ^ 2 * norm n gf ^ 2 <= eta * (mu * d ^ 2)).
  { apply Rle_trans with (eta ^ 2 * (Ls * d) ^ 2);
      [apply Rmult_le_compat_l; [nra | exact Hq]|].
    replace (eta ^ 2 * (Ls * d) ^ 2) with (eta * ((eta * Ls ^ 2) * d ^ 2)) by ring.
    apply Rmult_le_compat_l; [exact He|]. apply Rmult_le_compat_r; [nra | exact Ht]. }
  nra.
Qed.

(** [stochastic_zsharp_rate_O1_T_of_deterministic_alignment_finite_law]: the same rate when
    g_adv 0 ≡ ∇L(w_0 + ε), the filtered ∇L(w_0 + ε) is (μ, L)-aligned, η_0L² ≤ μ, η_0 ≥ 0. *)
Theorem stochastic_zsharp_rate_O1_T_of_deterministic_alignment_finite_law n K p
  (F : nat -> nat -> nat) (G : W n -> W n) (w_star w0 : W n) (eta : nat -> R) z mu L_smooth
  (g_adv : nat -> nat -> W n) (eps : W n) :
  is_law K p ->
  conditional_contraction n K p F w_star w0 eta z mu g_adv ->
  0 < mu -> (forall t, eta t = 1 / (mu * (INR t + 1))) ->
  (forall k, g_adv 0%nat k = G (vadd w0 eps)) ->
  AlignmentCondition n w0 w_star (filteredGradient n (G (vadd w0 eps)) z) mu L_smooth ->
  eta 0%nat * L_smooth ^ 2 <= mu -> 0 <= eta 0%nat ->
  forall T, (0 < T)%nat ->
  expect K p (fun k => norm2 n (vsub (weightSequence n w0 eta z g_adv T k) w_star))
  <= (norm2 n (vsub w0 w_star) + 1) / INR T.
Proof.
  intros Hl Hc Hmu Hs Hg Ha Ht He.
  apply (stochastic_zsharp_rate_O1_T_finite_law n K p F w_star w0 eta z mu g_adv); try assumption.
  now apply (deterministic_stochastic_alignment n K p _ (G (vadd w0 eps)) w0 w_star z _ mu L_smooth).
Qed.
