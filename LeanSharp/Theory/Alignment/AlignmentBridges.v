(** * LeanSharp.Theory.Alignment.AlignmentBridges — when is the FILTERED gradient aligned?

    [Theory.Alignment.Alignment] proves geometric convergence for any (c, C)-aligned direction. These
    bridges give conditions under which the filtered direction d ⊙ m inherits alignment from
    d, and d = g + ξ (signal + noise) inherits it from the signal g. Here e = w − w*.

    Definitions
    - [safe_drop n d e m]: the mask drops only components with d_i e_i ≤ 0 (components that
      do not help the descent toward the minimiser)
    - [dropped d m] = d ⊙ (1 − m): the part of d the mask removes

    Main results
    - [filtered_aligned_of_safe_drop]: d (c, C)-aligned, m a 0/1 mask with safe drops ⇒
      d ⊙ m is (c, C)-aligned
    - [filtered_aligned_of_small_drop]: d (c, C)-aligned, ‖d ⊙ (1 − m)‖ ≤ β‖e‖ ⇒
      d ⊙ m is (c − β, C)-aligned
    - [aligned_of_signal_noise]: g (c, C)-aligned, ‖ξ‖ ≤ κ‖e‖ ⇒ g + ξ is (c − κ, C + κ)-aligned
    - [filtered_noisy_step_contracts]: all together: the ZSharp-style step
      w⁺ = w − η (g + ξ) ⊙ m satisfies ‖w⁺ − w*‖² ≤ (1 − 2η(c − κ − β) + η²(C + κ)²)‖w − w*‖²
    - [aligned_prob_of_signal_noise]: for noise ξ_k from a finite law,
          P(g + ξ_k is (c − κ, C + κ)-aligned) ≥ 1 − E‖ξ‖²/(κ²‖e‖²)   (κ > 0, e ≠ 0) *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Theory.Alignment Require Import Alignment.
Open Scope R_scope.

Definition safe_drop (n : nat) (d e m : W n) : Prop :=
  forall i, (i < n)%nat -> m i = 0 -> d i * e i <= 0.

Definition dropped (d m : nat -> R) : nat -> R := fun i => d i * (1 - m i).

Section Bridges.
Context (n : nat) (d w wstar m : W n) (c C : R).
Hypotheses (Hal : aligned n d w wstar c C) (Hm : is_mask n m).

Lemma inner_filtered_split :
  inner n (hadamard d m) (vsub w wstar) = inner n d (vsub w wstar) - inner n (dropped d m) (vsub w wstar).
Proof. rewrite <- inner_sub_l. apply inner_ext. intros i _. unfold hadamard, dropped, vsub. split; ring. Qed.

(** Safe drops keep the alignment constants. *)
Theorem filtered_aligned_of_safe_drop :
  safe_drop n d (vsub w wstar) m -> aligned n (hadamard d m) w wstar c C.
Proof.
  intros Hs. destruct Hal as [H1 H2]. split.
  - eapply Rle_trans; [exact H1|]. unfold inner. apply vsum_le. intros i Hi.
    unfold hadamard. destruct (Hm i Hi) as [E|E]; rewrite E.
    + pose proof (Hs i Hi E). lra.
    + lra.
  - eapply Rle_trans; [apply norm_filtered_le, Hm | exact H2].
Qed.

(** Dropping a part of norm ≤ β‖e‖ costs β in the alignment constant. *)
Theorem filtered_aligned_of_small_drop beta :
  norm n (dropped d m) <= beta * norm n (vsub w wstar) -> aligned n (hadamard d m) w wstar (c - beta) C.
Proof.
  intros Hd. destruct Hal as [H1 H2]. split.
  - rewrite inner_filtered_split. pose proof (inner_le_norm n (dropped d m) (vsub w wstar)).
    pose proof (norm_nonneg n (vsub w wstar)).
    assert (norm n (dropped d m) * norm n (vsub w wstar) <= beta * norm n (vsub w wstar) * norm n (vsub w wstar))
      by (apply Rmult_le_compat_r; lra).
    rewrite <- (norm_sqr n (vsub w wstar)) in *. nra.
  - eapply Rle_trans; [apply norm_filtered_le, Hm | exact H2].
Qed.

End Bridges.

(** Signal plus noise: ‖ξ‖ ≤ κ‖e‖ ⇒ g + ξ is (c − κ, C + κ)-aligned. *)
Theorem aligned_of_signal_noise n (g xi w wstar : W n) c C kappa :
  aligned n g w wstar c C -> norm n xi <= kappa * norm n (vsub w wstar) ->
  aligned n (vadd g xi) w wstar (c - kappa) (C + kappa).
Proof.
  intros [H1 H2] Hx. pose proof (norm_nonneg n (vsub w wstar)). split.
  - rewrite inner_add_l. pose proof (abs_inner_le_norm n xi (vsub w wstar)) as Hc.
    assert (norm n xi * norm n (vsub w wstar) <= kappa * norm n (vsub w wstar) * norm n (vsub w wstar))
      by (apply Rmult_le_compat_r; lra).
    unfold Rabs in Hc.
    rewrite <- (norm_sqr n (vsub w wstar)) in *. destruct (Rcase_abs (inner n xi (vsub w wstar))); nra.
  - eapply Rle_trans; [apply norm_triangle|]. lra.
Qed.

(** Noise, then the mask: the filtered noisy step contracts. *)
Theorem filtered_noisy_step_contracts n (g xi w wstar m : W n) c C kappa beta eta :
  aligned n g w wstar c C -> is_mask n m -> 0 <= eta ->
  norm n xi <= kappa * norm n (vsub w wstar) ->
  norm n (dropped (vadd g xi) m) <= beta * norm n (vsub w wstar) ->
  norm2 n (vsub (vsub w (vscale eta (hadamard (vadd g xi) m))) wstar)
  <= contraction_factor eta (c - kappa - beta) (C + kappa) * norm2 n (vsub w wstar).
Proof.
  intros Hal Hm He Hx Hd. apply aligned_step_contracts; [|exact He].
  apply filtered_aligned_of_small_drop; [|exact Hm | exact Hd].
  now apply aligned_of_signal_noise.
Qed.

(** For noise drawn from a finite law: on the event ‖ξ_k‖ ≤ κ‖e‖ the observed g + ξ_k is
    (c − κ, C + κ)-aligned, and that event has probability ≥ 1 − E‖ξ‖²/(κ‖e‖)². *)
Theorem aligned_prob_of_signal_noise n K p (xi : nat -> W n) (g w wstar : W n) c C kappa :
  is_law K p -> aligned n g w wstar c C -> 0 < kappa -> 0 < norm n (vsub w wstar) ->
  (forall k, norm n (xi k) <= kappa * norm n (vsub w wstar) ->
             aligned n (vadd g (xi k)) w wstar (c - kappa) (C + kappa)) /\
  (1 - expect K p (fun k => norm2 n (xi k)) / (kappa * norm n (vsub w wstar)) ^ 2
   <= expect K p (fun k => if Rle_dec (norm n (xi k)) (kappa * norm n (vsub w wstar)) then 1 else 0)).
Proof.
  intros Hl Hal Hk He. split; [intros k Hx; now apply aligned_of_signal_noise|].
  set (r := kappa * norm n (vsub w wstar)).
  assert (Hr : 0 < r) by (unfold r; apply Rmult_lt_0_compat; lra).
  eapply Rle_trans;
    [|apply (expect_le K p (fun k => 1 + (-1) * indicator_ge (norm2 n (xi k)) (r ^ 2))); [exact Hl|]].
  - rewrite expect_add, expect_scal, expect_const by exact Hl.
    pose proof (markov K p (fun k => norm2 n (xi k)) (r ^ 2) Hl (fun k _ => norm2_nonneg n (xi k))
                  (pow_lt r 2 Hr)) as Hm. unfold prob_ge in Hm. lra.
  - intros k _. unfold indicator_ge. destruct (Rle_dec (r ^ 2) (norm2 n (xi k))); [destruct Rle_dec; lra|].
    destruct Rle_dec as [|Hgt]; [lra|]. exfalso. apply Hgt.
    apply norm_le_of_norm2_le; [lra|]. simpl in *. lra.
Qed.
