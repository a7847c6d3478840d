(** * LeanSharp.Stochastic.UniformDraws — uniform index draws and expectations over histories

    Helpers for [UniformStability]: the uniform law on N indices and facts about
    [StronglyConvexRate.hexpect] (the expectation over histories of draws).

    - [unif N] = 1/N on each of N outcomes; [unif_law]: a law for N ≥ 1
    - [vsum_indicator]: Σ_{k<N} [k = j]·c = c for j < N
    - [hexpect_ext_in]: only histories with entries below K matter
    - [hexpect_diff_le]: |f − g| ≤ c·d pointwise ⇒ |E f − E g| ≤ c·E d
    - [norm_vsub_le]: ‖u − v‖ ≤ ‖u‖ + ‖v‖ *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Theory.Generalization Require Import StabilityGeneralization.
From LeanSharp.Stochastic Require Import StronglyConvexRate.
Open Scope R_scope.

Definition unif (N : nat) : nat -> R := fun _ => / INR N.

Lemma unif_law N : (1 <= N)%nat -> is_law N (unif N).
Proof.
  intros HN. assert (0 < INR N) by (apply lt_0_INR; lia). split.
  - intros. unfold unif. left. apply Rinv_0_lt_compat. lra.
  - unfold unif. rewrite vsum_const. field. lra.
Qed.

(** Expectation of the indicator of one index under any weights: Σ_k p_k [k = j] = p_j. *)
Lemma vsum_indicator N j c : (j < N)%nat -> vsum N (fun k => if Nat.eqb k j then c else 0) = c.
Proof.
  induction N as [|N IH]; intros Hj; [lia|]. simpl.
  destruct (Nat.eqb_spec N j) as [->|Hne].
  - rewrite (vsum_ext j _ (fun _ => 0)), vsum_const; [ring|].
    intros k Hk. destruct (Nat.eqb_spec k j); [lia | reflexivity].
  - rewrite IH by lia. ring.
Qed.

(** Only histories with entries below K are weighed. *)
Lemma hexpect_ext_in K p t f g :
  (forall h, Forall (fun k => (k < K)%nat) h -> f h = g h) -> hexpect K p t f = hexpect K p t g.
Proof.
  revert f g. induction t as [|t IH]; intros f g H; simpl; [apply H; constructor|].
  apply IH. intros h Hh. apply expect_ext. intros k Hk. apply H. now constructor.
Qed.

(** |E f − E g| ≤ c E d when |f − g| ≤ c d pointwise. *)
Lemma hexpect_diff_le K p t f g d c :
  is_law K p -> 0 <= c -> (forall h, Rabs (f h - g h) <= c * d h) ->
  Rabs (hexpect K p t f - hexpect K p t g) <= c * hexpect K p t d.
Proof.
  intros Hl Hc H.
  assert (E : forall a b, hexpect K p t (fun h => a * f h + b * g h) = a * hexpect K p t f + b * hexpect K p t g).
  { intros a b. rewrite hexpect_add.
    rewrite (hexpect_ext K p t (fun h => a * f h) (fun h => a * f h + 0)) by (intros; ring).
    rewrite (hexpect_ext K p t (fun h => b * g h) (fun h => b * g h + 0)) by (intros; ring).
    rewrite !hexpect_affine by exact Hl. ring. }
  replace (hexpect K p t f - hexpect K p t g) with (hexpect K p t (fun h => 1 * f h + (-1) * g h)) by (rewrite E; ring).
  rewrite <- (Rplus_0_r (c * hexpect K p t d)), <- hexpect_affine by exact Hl. apply Rabs_le. split.
  - replace (- (hexpect K p t (fun h => c * d h + 0))) with (hexpect K p t (fun h => (- c) * d h + 0))
      by (rewrite !hexpect_affine by exact Hl; ring).
    apply hexpect_le; [exact Hl|]. intros h _. pose proof (H h). apply abs_le_bounds in H0. lra.
  - apply hexpect_le; [exact Hl|]. intros h _. pose proof (H h). apply abs_le_bounds in H0. lra.
Qed.

Lemma norm_vsub_le n u v : norm n (vsub u v) <= norm n u + norm n v.
Proof.
  rewrite (norm_ext n _ (vadd u (vscale (-1) v))) by (intros; unfold vsub, vadd, vscale; ring).
  eapply Rle_trans; [apply norm_triangle|]. rewrite norm_scale.
  replace (Rabs (-1)) with 1 by (rewrite Rabs_left; lra). lra.
Qed.
