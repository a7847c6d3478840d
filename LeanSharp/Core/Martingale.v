(** * LeanSharp.Core.Martingale — Doob's almost-sure convergence of L¹-bounded (super/sub)martingales

    On a probability space P ([Core.Expectation.prob_space]) with sub-σ-algebras F t:

    Definitions
    - [filtration F]: F t ≤ F (t + 1) for every t
    - [adapted F X]: X t is F t-measurable
    - [supermartingale F X]: adapted, every X t integrable, E[X (t+1) | F t] ≤ X t a.s.
    - [submartingale F X]: the same with E[X (t+1) | F t] ≥ X t a.s.
      (Mathlib asks E[X j | F i] ≥ X i for all i ≤ j; the one-step form asked here follows,
      so the theorems below apply to every Mathlib (sub/super)martingale.)

    Main results
    - [strategy_gain_expectation_nonpos]: for a supermartingale, the buy-low/sell-high strategy
      of [Core.Upcrossing] on [a, b] has E[Σ_{k<N} H_k (X_{k+1} − X_k)] ≤ 0 (H_k is F k-measurable,
      [hold_ind_measurable], and pulls out of E[· | F k])
    - [upcrossing_inequality] (Doob): (b − a)·E[U_N(a, b)] ≤ E[(a − X_N)⁺]
    - [supermartingale_converges]: E|X t| ≤ R for every t ⇒ X t(ω) converges (to a real) for
      almost every ω: the upcrossings of every pair of levels (a countable family) are a.s.
      bounded (Fatou, [ae_liminf_bounded]), liminf |X t| < ∞ a.s. (Fatou again), and a
      sequence with both properties converges ([Core.Upcrossing.converges_of_bounded_upcrossings])
    - [submartingale_converges]: the same for submartingales (−X is a supermartingale) *)

From Coq Require Import Reals Lra Lia Bool.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec Expectation Upcrossing.
Open Scope R_scope.

Lemma nat_above (B : R) : exists U : nat, B <= INR U.
Proof.
  destruct (Rle_dec 0 B) as [H|H].
  - destruct (nfloor_ex B H) as [m Hm]. exists (S m). rewrite S_INR. lra.
  - exists O. simpl. lra.
Qed.

(** A sequence converges when its negation does. *)
Lemma converges_of_opp_converges (u : nat -> R) :
  (exists l : R, is_lim_seq (fun t => - u t) l) -> exists l : R, is_lim_seq u l.
Proof.
  intros [l Hl]. exists (- l).
  apply (is_lim_seq_ext (fun t => -1 * - u t)); [intros; ring|].
  replace (Finite (- l)) with (Rbar_mult (-1) l) by (simpl; f_equal; ring).
  now apply is_lim_seq_scal_l.
Qed.

Lemma Rmax_0_split y : Rmax 0 y = (Rabs y + y) / 2.
Proof. unfold Rmax, Rabs. destruct Rle_dec, Rcase_abs; lra. Qed.

Section Doob.
Context {Omega : Type} (P : prob_space Omega).

Definition filtration (F : nat -> sub_sigma P) : Prop := forall t, sub_le P (F t) (F (S t)).

Definition adapted (F : nat -> sub_sigma P) (X : nat -> Omega -> R) : Prop :=
  forall t, measurable_in P (F t) (X t).

Definition supermartingale (F : nat -> sub_sigma P) (X : nat -> Omega -> R) : Prop :=
  adapted F X /\ (forall t, integrable P (X t))
  /\ (forall t, ae P (fun w => cond P (F t) (X (S t)) w <= X t w)).

Definition submartingale (F : nat -> sub_sigma P) (X : nat -> Omega -> R) : Prop :=
  adapted F X /\ (forall t, integrable P (X t))
  /\ (forall t, ae P (fun w => X t w <= cond P (F t) (X (S t)) w)).

Variables (F : nat -> sub_sigma P) (X : nat -> Omega -> R).
Hypothesis HF : filtration F.

Lemma adapted_le : adapted F X -> forall j t, (j <= t)%nat -> measurable_in P (F t) (X j).
Proof.
  intros HX j t Hjt. induction Hjt as [|t _ IH]; [apply HX|].
  exact (measurable_in_mono P _ _ _ (HF t) IH).
Qed.

Lemma indicator_ge_measurable m f b : measurable_in P m f ->
  measurable_in P m (fun w => if Rle_dec b (f w) then 1 else 0).
Proof.
  intros Hf. apply (measurable_in_ext P m (fun w => if Rle_dec (-1 * f w) (- b) then 1 else 0)).
  - intros w. destruct Rle_dec, Rle_dec; lra.
  - apply measurable_in_indicator_le, measurable_in_scal, Hf.
Qed.

(** A bounded m-measurable H times an integrable Y is integrable. *)
Lemma integrable_bounded_mul m H Y : measurable_in P m H -> (forall w, Rabs (H w) <= 1) ->
  integrable P Y -> integrable P (fun w => H w * Y w).
Proof.
  intros HH Hb HY. apply (integrable_dominated P _ (fun w => Rabs (Y w))).
  - apply measurable_mul; [apply (measurable_in_measurable P m), HH | apply integrable_measurable, HY].
  - now apply integrable_abs.
  - apply ae_of_all. intros w. rewrite Rabs_mult. pose proof (Rabs_pos (Y w)). pose proof (Hb w). nra.
Qed.

Section Strategy.
Variables (a b : R).
Local Notation H k := (fun w => hold_ind (fun t => X t w) a b k).

Lemma hold_ind_bounds x k : 0 <= hold_ind x a b k <= 1.
Proof. unfold hold_ind. destruct hold; lra. Qed.

Lemma hold_ind_abs_le x k : Rabs (hold_ind x a b k) <= 1.
Proof. pose proof (hold_ind_bounds x k). rewrite Rabs_pos_eq; lra. Qed.

(** The strategy is predictable: H_k is F k-measurable. *)
Lemma hold_ind_measurable : adapted F X -> forall k, measurable_in P (F k) (H k).
Proof.
  intros HX k. induction k as [|k IH].
  - apply (measurable_in_ext P _ (fun w => if Rle_dec (X O w) a then 1 else 0)).
    + intros w. unfold hold_ind. simpl. destruct Rle_dec; reflexivity.
    + apply measurable_in_indicator_le, HX.
  - set (ge := fun w => if Rle_dec b (X (S k) w) then 1 else 0).
    set (le := fun w => if Rle_dec (X (S k) w) a then 1 else 0).
    apply (measurable_in_ext P _ (fun w => H k w * (1 + -1 * ge w) + (1 + -1 * H k w) * le w)).
    + intros w. unfold hold_ind, ge, le. simpl. destruct (hold _ a b k), Rle_dec, Rle_dec; lra.
    + assert (Hk : measurable_in P (F (S k)) (H k)) by exact (measurable_in_mono P _ _ _ (HF k) IH).
      assert (Hge : measurable_in P (F (S k)) ge) by (apply indicator_ge_measurable, HX).
      assert (Hle : measurable_in P (F (S k)) le) by (apply measurable_in_indicator_le, HX).
      apply measurable_in_plus; apply measurable_in_mul; try assumption;
        apply measurable_in_plus; try apply measurable_in_const; now apply measurable_in_scal.
Qed.

Lemma strategy_term_integrable : supermartingale F X -> forall k,
  integrable P (fun w => hold_ind (fun t => X t w) a b k * (X (S k) w - X k w)).
Proof.
  intros [HX [Hi _]] k. apply (integrable_bounded_mul (F k)).
  - now apply hold_ind_measurable.
  - intros w. apply hold_ind_abs_le.
  - apply integrable_minus; apply Hi.
Qed.

(** A supermartingale gives the strategy a nonpositive expected gain at every step. *)
Lemma strategy_step_nonpos : supermartingale F X -> forall k,
  expectation P (fun w => hold_ind (fun t => X t w) a b k * (X (S k) w - X k w)) <= 0.
Proof.
  intros Hs k. destruct Hs as [HX [Hi Hc]]. pose proof (hold_ind_measurable HX k) as Hm.
  assert (Hb : forall w, Rabs (H k w) <= 1) by (intros; apply hold_ind_abs_le).
  rewrite (expectation_ext P _ (fun w => H k w * X (S k) w - H k w * X k w)) by (intros; ring).
  rewrite expectation_minus by (apply (integrable_bounded_mul (F k)); auto).
  rewrite (expectation_mul_cond P (F k) (H k) (X (S k)) Hm Hb (Hi (S k))).
  enough (expectation P (fun w => H k w * cond P (F k) (X (S k)) w) <= expectation P (fun w => H k w * X k w))
    by lra.
  apply expectation_mono.
  - apply (integrable_bounded_mul (F k)); auto. apply integrable_cond.
  - apply (integrable_bounded_mul (F k)); auto.
  - apply (ae_mono P (fun w => cond P (F k) (X (S k)) w <= X k w)); [|exact (Hc k)].
    intros w Hw. pose proof (hold_ind_bounds (fun t => X t w) k). cbv beta. nra.
Qed.

Theorem strategy_gain_expectation_nonpos : supermartingale F X -> forall N,
  expectation P (fun w => strategy_gain (fun t => X t w) a b N) <= 0.
Proof.
  intros Hs N. unfold strategy_gain.
  rewrite (expectation_vsum P N (fun k w => hold_ind (fun t => X t w) a b k * (X (S k) w - X k w)))
    by (intros; now apply strategy_term_integrable).
  rewrite <- (Rmult_0_r (INR N)), <- vsum_const. apply vsum_le. intros k _.
  now apply strategy_step_nonpos.
Qed.

Lemma upcrossings_integrable : adapted F X -> forall N,
  integrable P (fun w => INR (upcrossings (fun t => X t w) a b N)).
Proof.
  intros HX N. apply (integrable_ext P (fun w => vsum N (fun k =>
    hold_ind (fun t => X t w) a b k * (1 - hold_ind (fun t => X t w) a b (S k)) * 1))).
  - intros w. rewrite upcrossings_as_sum. apply vsum_ext. intros; ring.
  - apply (integrable_vsum P N (fun k w => _ * 1)). intros k _.
    apply (integrable_bounded_mul (F (S k))); [| | apply integrable_const].
    + apply measurable_in_mul; [exact (measurable_in_mono P _ _ _ (HF k) (hold_ind_measurable HX k))|].
      apply measurable_in_plus; [apply measurable_in_const|].
      apply (measurable_in_ext P _ (fun w => -1 * H (S k) w)); [intros; ring|].
      now apply measurable_in_scal, hold_ind_measurable.
    + intros w. pose proof (hold_ind_bounds (fun t => X t w) k).
      pose proof (hold_ind_bounds (fun t => X t w) (S k)). rewrite Rabs_pos_eq; nra.
Qed.

Lemma neg_part_integrable N : integrable P (X N) -> integrable P (fun w => Rmax 0 (a - X N w)).
Proof.
  intros Hi. apply (integrable_ext P (fun w => / 2 * Rabs (a - X N w) + / 2 * (a - X N w))).
  - intros w. rewrite Rmax_0_split. field.
  - assert (Ha : integrable P (fun w => a - X N w)) by (apply integrable_minus; [apply integrable_const | exact Hi]).
    apply integrable_plus; apply integrable_scal; [apply integrable_abs|]; exact Ha.
Qed.

(** Doob's upcrossing inequality: (b − a)·E[U_N] ≤ E[(a − X_N)⁺]. *)
Theorem upcrossing_inequality : supermartingale F X -> a < b -> forall N,
  (b - a) * expectation P (fun w => INR (upcrossings (fun t => X t w) a b N))
  <= expectation P (fun w => Rmax 0 (a - X N w)).
Proof.
  intros Hs Hab N. pose proof Hs as [HX [Hi _]].
  pose proof (upcrossings_integrable HX N) as HU. pose proof (neg_part_integrable N (Hi N)) as Hn.
  assert (Hg : integrable P (fun w => strategy_gain (fun t => X t w) a b N)).
  { apply (integrable_vsum P N (fun k w => hold_ind (fun t => X t w) a b k * (X (S k) w - X k w))).
    intros; now apply strategy_term_integrable. }
  pose proof (strategy_gain_expectation_nonpos Hs N) as H0.
  assert (expectation P (fun w => (b - a) * INR (upcrossings (fun t => X t w) a b N) - Rmax 0 (a - X N w))
          <= expectation P (fun w => strategy_gain (fun t => X t w) a b N)).
  { apply expectation_le; [apply integrable_minus; [apply integrable_scal|]| |]; auto.
    intros w. apply (upcrossing_pathwise (fun t => X t w) a b N Hab). }
  rewrite expectation_minus, expectation_scal in H by auto using integrable_scal. lra.
Qed.

End Strategy.

(** Doob: an L¹-bounded supermartingale converges almost surely. *)
Theorem supermartingale_converges R0 : supermartingale F X ->
  (forall t, expectation P (fun w => Rabs (X t w)) <= R0) ->
  ae P (fun w => exists l : R, is_lim_seq (fun t => X t w) l).
Proof.
  intros Hs HR. pose proof Hs as [HX [Hi _]].
  set (A := fun j i1 i2 i3 i4 w => qlevel j i1 i2 < qlevel j i3 i4 ->
         exists U, forall N, (upcrossings (fun t => X t w) (qlevel j i1 i2) (qlevel j i3 i4) N <= U)%nat).
  assert (Hup : forall j i1 i2 i3 i4, ae P (A j i1 i2 i3 i4)).
  { intros j i1 i2 i3 i4. set (a := qlevel j i1 i2). set (b := qlevel j i3 i4).
    destruct (Rlt_dec a b) as [Hab|Hab]; [|apply ae_of_all; intros w Hw; unfold A in Hw; fold a b in Hw; lra].
    assert (Hbound : forall N, expectation P (fun w => INR (upcrossings (fun t => X t w) a b N))
                                <= (R0 + Rabs a) / (b - a)).
    { intros N. pose proof (upcrossing_inequality a b Hs Hab N) as Hi1.
      assert (expectation P (fun w => Rmax 0 (a - X N w)) <= R0 + Rabs a).
      { apply Rle_trans with (expectation P (fun w => Rabs (X N w) + Rabs a)).
        - apply expectation_le; [apply neg_part_integrable, Hi | apply integrable_plus;
            [apply integrable_abs, Hi | apply integrable_const]|].
          intros w. pose proof (Rabs_pos (X N w)). pose proof (Rabs_pos a). pose proof (Rle_abs a).
          pose proof (Rle_abs (- X N w)) as Hx. rewrite Rabs_Ropp in Hx.
          unfold Rmax. destruct Rle_dec; lra.
        - rewrite expectation_plus, expectation_const by (auto using integrable_abs, integrable_const).
          pose proof (HR N). lra. }
      apply (Rmult_le_reg_l (b - a)); [lra|]. unfold Rdiv. rewrite <- Rmult_assoc, Rinv_r_simpl_m by lra.
      lra. }
    pose proof (ae_liminf_bounded P (fun N w => INR (upcrossings (fun t => X t w) a b N)) _
                  (upcrossings_integrable a b HX) (fun N w => pos_INR _) Hbound) as Hae.
    refine (ae_mono P _ (A j i1 i2 i3 i4) _ Hae).
    intros w [B HB] _. destruct (nat_above B) as [U HU]. exists U. intros N.
    destruct (HB N) as [k [Hk Hle]]. apply INR_le.
    pose proof (le_INR _ _ (upcrossings_mono (fun t => X t w) a b N k Hk)). cbv beta in Hle.
    fold a b. lra. }
  assert (Hall : ae P (fun w => forall j i1 i2 i3 i4, A j i1 i2 i3 i4 w)).
  { apply ae_forall_nat. intros j. apply ae_forall_nat. intros i1. apply ae_forall_nat. intros i2.
    apply ae_forall_nat. intros i3. apply ae_forall_nat. intros i4. apply Hup. }
  assert (Hlow : ae P (fun w => exists B, forall N, exists k, (N <= k)%nat /\ Rabs (X k w) <= B)).
  { apply (ae_liminf_bounded P (fun t w => Rabs (X t w)) R0); [intros; apply integrable_abs, Hi | | exact HR].
    intros; apply Rabs_pos. }
  apply (ae_mono P _ _ (fun w (H : _ /\ _) => converges_of_bounded_upcrossings _ (proj1 H) (proj2 H))
           (ae_and P _ _ Hall Hlow)).
Qed.

End Doob.

(** An L¹-bounded submartingale converges almost surely (apply Doob to −X). *)
Theorem submartingale_converges {Omega : Type} (P : prob_space Omega) (F : nat -> sub_sigma P)
    (X : nat -> Omega -> R) R0 :
  filtration P F -> submartingale P F X ->
  (forall t, expectation P (fun w => Rabs (X t w)) <= R0) ->
  ae P (fun w => exists l : R, is_lim_seq (fun t => X t w) l).
Proof.
  intros HF [HX [Hi Hc]] HR. set (Y := fun t w => -1 * X t w).
  assert (Hs : supermartingale P F Y).
  { split; [intros t; apply measurable_in_scal, HX|]. split; [intros t; apply integrable_scal, Hi|].
    intros t. refine (ae_mono P _ _ _ (ae_and P _ _ (cond_scal P (F t) (-1) (X (S t))) (Hc t))).
    intros w [H1 H2]. unfold Y. rewrite H1. lra. }
  assert (HRY : forall t, expectation P (fun w => Rabs (Y t w)) <= R0).
  { intros t. rewrite (expectation_ext P _ (fun w => Rabs (X t w))); [apply HR|].
    intros w. unfold Y. rewrite Rabs_mult, Rabs_m1. ring. }
  refine (ae_mono P _ _ _ (supermartingale_converges P F Y HF R0 Hs HRY)).
  intros w [l Hl]. apply converges_of_opp_converges. exists l.
  apply (is_lim_seq_ext (fun t => Y t w)); [intros; unfold Y; ring | exact Hl].
Qed.
