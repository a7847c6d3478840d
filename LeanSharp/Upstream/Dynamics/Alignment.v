(** * LeanSharp.Upstream.Dynamics.Alignment — upstream LeanSharp/Theory/Alignment.lean

    Translates upstream's alignment conditions and their bridges (the translation of notions
    is the one of [Upstream.All]):
    - [AlignmentCondition w w* g μ L] (μ‖w − w*‖² ≤ ⟨g, w − w*⟩ and ‖g‖ ≤ L‖w − w*‖) is the
      library's [Alignment.aligned n g w w* μ L] (same two inequalities), under upstream's
      name and argument order;
    - [zScoreMask g z] is [ZMask.inlier_mask n z g], [filteredGradient g z] is
      [hadamard g (inlier_mask n z g)] (local notation [filteredGradient n g z]);
    - [gradient L] is any gradient field [G : W n -> W n]: the statements below use no
      property of it, so they hold for every field, in particular for ∇L;
    - [samPerturbation L w ρ] (0 if ∇L(w) = 0, else ρ∇L(w)/‖∇L(w)‖) is
      [Upstream.Core.Objective.samPerturbation n G w ρ] = [SAM.sam_eps n ρ 0 (G w)] (Coq's x/0 = 0
      gives 0 when ‖G w‖ = 0, as upstream);
    - a [SignalNoiseModel]'s observation at ω is g_true + noise ω, for any type Ω and any
      g_true, noise : Ω → W n (its mean-zero and integrability fields are not used);
    - [StochasticAlignmentCondition P n w w* g η μ z] for g : Ω → W n on a probability space
      P ([Core.Expectation.prob_space]): g_f = filteredGradient(g, z) and ‖g_f‖² integrable,
      and 2η⟨E[g_f], w − w*⟩ − η²E‖g_f‖² ≥ ημ‖w − w*‖² (upstream's three conjuncts); the
      files of Upstream/StochasticProcess and Upstream/Stochastic use this definition.

    Equal: inner_hadamard_comm, alignment_filtered_gradient, alignment_condition_of_signal_noise
    (any g_true and noise: no model hypotheses), alignment_of_sam_signal_conditions,
    deterministic_implies_stochastic_alignment (any probability space).
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats Expectation.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Optim Require Import SAM.
From LeanSharp.Theory.Alignment Require Import Alignment.
From LeanSharp.Upstream.Core Require Export Objective.
Open Scope R_scope.

Local Notation filteredGradient n g z := (hadamard g (inlier_mask n z g%function)).

(** Upstream's deterministic alignment condition (argument order of upstream). *)
Definition AlignmentCondition (n : nat) (w wstar g : W n) (mu L : R) : Prop := aligned n g w wstar mu L.


(** Upstream's stochastic alignment condition on a probability space P, g_f = filteredGradient(g, z):
    g_f and ‖g_f‖² integrable, and 2η⟨E g_f, w − w*⟩ − η²E‖g_f‖² ≥ ημ‖w − w*‖². *)
Definition StochasticAlignmentCondition {Omega : Type} (P : prob_space Omega) (n : nat)
    (w wstar : W n) (g : Omega -> W n) (eta mu z : R) : Prop :=
  vintegrable P n (fun o => filteredGradient n (g o) z)
  /\ integrable P (fun o => norm2 n (filteredGradient n (g o) z))
  /\ 2 * eta * inner n (vexpectation P n (fun o => filteredGradient n (g o) z)) (vsub w wstar)
     - eta ^ 2 * expectation P (fun o => norm2 n (filteredGradient n (g o) z))
     >= eta * mu * norm2 n (vsub w wstar).

(** [inner_hadamard_comm]: ⟨a ⊙ b, v⟩ = Σ_i a_i b_i v_i. *)
Lemma inner_hadamard_comm n (a b v : W n) :
  inner n (hadamard a b) v = vsum n (fun i => a i * b i * v i).
Proof. reflexivity. Qed.

(** [alignment_filtered_gradient]: μ‖v‖² ≤ ⟨g, v⟩ and the filter only drops components
    with v_i g_i ≤ 0 ⇒ μ‖v‖² ≤ ⟨g_f, v⟩. *)
Theorem alignment_filtered_gradient n (g v : W n) mu z :
  mu * norm2 n v <= inner n g v ->
  (forall i, (i < n)%nat -> inlier_mask n z g i = 0 -> v i * g i <= 0) ->
  mu * norm2 n v <= inner n (filteredGradient n g z) v.
Proof.
  intros Hal Hs. eapply Rle_trans; [exact Hal|]. apply vsum_le. intros i Hi. unfold hadamard.
  destruct (inlier_mask_is_mask n z g i Hi) as [E|E]; rewrite E.
  - pose proof (Hs i Hi E). nra.
  - lra.
Qed.

(** [alignment_condition_of_signal_noise]: the observation g_true + ξ(ω), aligned before
    filtering, with a safe filter and a norm bound, gives the alignment condition. *)
Theorem alignment_condition_of_signal_noise (Omega : Type) n (w wstar : W n) z mu L_smooth
    (omega : Omega) (g_true : W n) (noise : Omega -> W n) :
  let obs := vadd g_true (noise omega) in
  mu * norm2 n (vsub w wstar) <= inner n obs (vsub w wstar) ->
  norm n (filteredGradient n obs z) <= L_smooth * norm n (vsub w wstar) ->
  (forall i, (i < n)%nat -> inlier_mask n z obs i = 0 -> vsub w wstar i * obs i <= 0) ->
  AlignmentCondition n w wstar (filteredGradient n obs z) mu L_smooth.
Proof.
  intros obs Hal Hn Hs. split; [|exact Hn]. now apply alignment_filtered_gradient.
Qed.

(** [deterministic_implies_stochastic_alignment]: on any probability space, the deterministic
    condition with η L² ≤ μ, η ≥ 0 gives the stochastic one for the constant sample. *)
Theorem deterministic_implies_stochastic_alignment {Omega : Type} (P : prob_space Omega) n
    (G : W n -> W n) (w wstar eps : W n) z mu L_smooth (eta : nat -> R) t :
  AlignmentCondition n w wstar (filteredGradient n (G (vadd w eps)) z) mu L_smooth ->
  eta t * L_smooth ^ 2 <= mu -> 0 <= eta t ->
  StochasticAlignmentCondition P n w wstar (fun _ => G (vadd w eps)) (eta t) mu z.
Proof.
  intros [Hin Hnorm] Ht He. unfold StochasticAlignmentCondition.
  set (gf := filteredGradient n (G (vadd w eps)) z) in *.
  split; [apply vintegrable_const|]. split; [apply integrable_const|].
  rewrite vexpectation_const, expectation_const.
  set (e := vsub w wstar) in *. pose proof (norm_nonneg n gf). pose proof (norm_nonneg n e).
  rewrite <- (norm_sqr n gf). rewrite <- (norm_sqr n e) in Hin |- *.
  assert (Hg2 : norm n gf * norm n gf <= L_smooth ^ 2 * (norm n e * norm n e)) by nra.
  assert (eta t * (norm n gf * norm n gf) <= mu * (norm n e * norm n e)) by nra.
  nra.
Qed.

(** [alignment_of_sam_signal_conditions]: the alignment condition for the filtered
    SAM-perturbed gradient G(w + ε_SAM) from its signal conditions. *)
Theorem alignment_of_sam_signal_conditions (Omega : Type) (omega : Omega) n (G : W n -> W n)
    (w wstar : W n) rho z mu L_smooth :
  let g := G (vadd w (samPerturbation n G w rho)) in
  mu * norm2 n (vsub w wstar) <= inner n g (vsub w wstar) ->
  norm n (filteredGradient n g z) <= L_smooth * norm n (vsub w wstar) ->
  (forall i, (i < n)%nat -> inlier_mask n z g i = 0 -> vsub w wstar i * g i <= 0) ->
  AlignmentCondition n w wstar (filteredGradient n g z) mu L_smooth.
Proof.
  intros g Hal Hn Hs. split; [|exact Hn]. now apply alignment_filtered_gradient.
Qed.
