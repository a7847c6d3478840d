(** * LeanSharp.Upstream.Dynamics.SamBound — upstream LeanSharp/Theory/Dynamics/SamBound.lean

    Translates upstream's SAM generalization bound from a gap hypothesis (the translation
    of notions is the one of [Upstream.All]):
    - upstream's [samObjective L w ρ] = sSup (L '' ((w + ·) '' closedBall 0 ρ)) (Mathlib's
      real sSup: 0 for an empty or unbounded set) is [samObjective n L w ρ] below, the real
      part of Coquelicot's least upper bound [Lub_Rbar] of the values L(w + ε), ‖ε‖ ≤ ρ
      ([real] sends ±∞ to 0, so the degenerate cases agree with upstream too);
    - [BddAbove S] is ∃ M, ∀ y ∈ S, y ≤ M; ‖w‖²/ρ² is [norm n w ^ 2 / rho ^ 2].
    New facts (general, stated here): [samObjective_ge] (a value of a bounded neighbourhood
    is ≤ its supremum), [samObjective_ge_self] (L(w) ≤ samObjective for ρ ≥ 0) and
    [samObjective_le] (an upper bound of the neighbourhood bounds the supremum, ρ ≥ 0).

    Equal: sam_bound_from_gap.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
Open Scope R_scope.

(** The values L(w + ε) over the closed ρ-ball. *)
Definition samNeighborhood (n : nat) (L : W n -> R) (w : W n) (rho : R) : R -> Prop :=
  fun y => exists eps : W n, norm n eps <= rho /\ y = L (vadd w eps).

(** Upstream's SAM objective sup_{‖ε‖ ≤ ρ} L(w + ε). *)
Definition samObjective (n : nat) (L : W n -> R) (w : W n) (rho : R) : R :=
  real (Lub_Rbar (samNeighborhood n L w rho)).

Definition SamGeneralizationBoundHolds (n : nat) (L_D L_S : W n -> R) (h : R -> R) (rho : R) : Prop :=
  forall w : W n, rho > 0 -> L_D w <= samObjective n L_S w rho + h (norm n w ^ 2 / rho ^ 2).

Lemma lub_real_between (E : R -> Prop) y M :
  E y -> (forall x, E x -> x <= M) -> y <= real (Lub_Rbar E) <= M.
Proof.
  intros Hy HM. destruct (Lub_Rbar_correct E) as [Hub Hl].
  assert (H1 : Rbar_le y (Lub_Rbar E)) by (apply Hub, Hy).
  assert (H2 : Rbar_le (Lub_Rbar E) M) by (apply Hl; intros x Hx; apply HM, Hx).
  destruct (Lub_Rbar E); simpl in *; [lra | contradiction | contradiction].
Qed.

Lemma samObjective_ge n L (w : W n) rho y :
  (exists M, forall x, samNeighborhood n L w rho x -> x <= M) ->
  samNeighborhood n L w rho y -> y <= samObjective n L w rho.
Proof. intros [M HM] Hy. apply (lub_real_between _ y M Hy HM). Qed.

Lemma samObjective_le n L (w : W n) rho M :
  0 <= rho -> (forall x, samNeighborhood n L w rho x -> x <= M) -> samObjective n L w rho <= M.
Proof.
  intros Hr HM. refine (proj2 (lub_real_between _ (L (vadd w vzero)) M _ HM)).
  exists vzero. split; [|reflexivity].
  rewrite (norm_ext n vzero (vscale 0 vzero)) by (intros; unfold vzero, vscale; ring).
  rewrite norm_scale, Rabs_R0. lra.
Qed.

(** L(w) is one of the values: L(w) ≤ samObjective when the values are bounded. *)
Lemma samObjective_ge_self n L (w : W n) rho :
  0 <= rho -> (exists M, forall x, samNeighborhood n L w rho x -> x <= M) ->
  L w <= samObjective n L w rho.
Proof.
  intros Hr Hb. apply samObjective_ge; [exact Hb|]. exists vzero. split.
  - rewrite (norm_ext n vzero (vscale 0 vzero)) by (intros; unfold vzero, vscale; ring).
    rewrite norm_scale, Rabs_R0. lra.
  - f_equal. apply functional_extensionality. intros i. unfold vadd, vzero. ring.
Qed.

(** [sam_bound_from_gap]: a generalization gap L_D ≤ L_S + h(‖w‖²/ρ²) and bounded
    neighbourhood values give L_D ≤ samObjective(L_S) + h(‖w‖²/ρ²). *)
Theorem sam_bound_from_gap n (L_D L_S : W n -> R) (h : R -> R) rho :
  (forall w : W n, rho > 0 -> L_D w <= L_S w + h (norm n w ^ 2 / rho ^ 2)) ->
  (forall w : W n, exists M, forall x, samNeighborhood n L_S w rho x -> x <= M) ->
  SamGeneralizationBoundHolds n L_D L_S h rho.
Proof.
  intros Hgap Hbdd w Hr. pose proof (Hgap w Hr).
  pose proof (samObjective_ge_self n L_S w rho ltac:(lra) (Hbdd w)). lra.
Qed.
