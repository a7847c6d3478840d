(** * LeanSharp.Examples.Stochastic.DoobWitness — Doob's theorem fires on a random martingale

    The fair coin (two outcomes of weight 1/2) as a probability space
    ([Core.FiniteSpace.finite_space]); the filtration that knows nothing at time 0 and the
    coin from time 1 on (labellings [coin_filtration]: every outcome in one atom, then each
    outcome its own atom); the process X_0 = 0, X_t = ±1 (the coin's sign) for t ≥ 1
    ([coin_walk]). X is a martingale: E[X_1 | nothing] = ½·1 + ½·(−1) = 0 = X_0, and X is
    known from time 1 on. It is really random (X_1 = 1 on one outcome, −1 on the other) and
    L¹-bounded (E|X_t| ≤ 1).

    Witnesses
    - [coin_filtration_ok], [coin_walk_supermartingale], [coin_walk_submartingale],
      [coin_walk_L1]: the hypotheses of [Core.Martingale]
    - [coin_walk_random]: X_1 takes both values 1 and −1 on outcomes of positive weight
    - [coin_walk_converges]: [Core.Martingale.supermartingale_converges] at this process
    - [coin_walk_upcrossings]: [Core.Martingale.upcrossing_inequality] on [−1/2, 1/2] at N = 2 *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec FiniteProb Expectation FiniteSpace Upcrossing Martingale.
Open Scope R_scope.

Definition coin_p (k : nat) : R := / 2.

Lemma coin_law : is_law 2 coin_p.
Proof. split; [intros; unfold coin_p; lra | unfold coin_p; simpl; lra]. Qed.

Definition coin : prob_space nat := finite_space 2 coin_p coin_law.

Definition coin_filtration (t : nat) : nat -> nat :=
  match t with O => fun _ => O | S _ => fun k => k end.

Definition coin_walk (t : nat) (k : nat) : R :=
  match t with O => 0 | S _ => if Nat.eqb k 0 then 1 else -1 end.

Lemma coin_filtration_ok : filtration coin coin_filtration.
Proof. intros [|t] j k _ _ _ _ E; [reflexivity | exact E]. Qed.

Lemma coin_walk_adapted : adapted coin coin_filtration coin_walk.
Proof. intros [|t] j k _ _ _ _ E; [reflexivity|]. simpl in E. now subst. Qed.

(** E[X_{t+1} | F t] = X_t at every outcome. *)
Lemma coin_walk_cond t k : (k < 2)%nat -> cond coin (coin_filtration t) (coin_walk (S t)) k = coin_walk t k.
Proof.
  intros Hk. destruct t as [|t].
  - cbn. unfold atom_expect, atom_mass, atom_indicator, coin_p. simpl. field.
  - change (atom_expect 2 coin_p (coin_filtration (S t)) (coin_walk (S (S t))) k = coin_walk (S t) k).
    rewrite (atom_expect_measurable 2 coin_p coin_law); [reflexivity | exact Hk | unfold coin_p; lra|].
    intros j i _ _ _ _ E. simpl in E. now subst.
Qed.

Lemma coin_walk_supermartingale : supermartingale coin coin_filtration coin_walk.
Proof.
  split; [exact coin_walk_adapted|]. split; [intros; exact I|].
  intros t k Hk _. rewrite (coin_walk_cond t k Hk). lra.
Qed.

Lemma coin_walk_submartingale : submartingale coin coin_filtration coin_walk.
Proof.
  split; [exact coin_walk_adapted|]. split; [intros; exact I|].
  intros t k Hk _. rewrite (coin_walk_cond t k Hk). lra.
Qed.

Lemma coin_walk_L1 t : expectation coin (fun k => Rabs (coin_walk t k)) <= 1.
Proof.
  change (expect 2 coin_p (fun k => Rabs (coin_walk t k)) <= 1).
  destruct t; unfold expect, coin_p; simpl; rewrite ?Rabs_R0, ?Rabs_R1, ?Rabs_m1; lra.
Qed.

Lemma coin_walk_random : coin_walk 1 0 = 1 /\ coin_walk 1 1 = -1 /\ 0 < coin_p 0 /\ 0 < coin_p 1.
Proof. unfold coin_p. simpl. repeat split; lra. Qed.

Theorem coin_walk_converges : ae coin (fun k => exists l : R, is_lim_seq (fun t => coin_walk t k) l).
Proof.
  exact (supermartingale_converges coin coin_filtration coin_walk coin_filtration_ok 1
           coin_walk_supermartingale coin_walk_L1).
Qed.

Theorem coin_walk_upcrossings :
  (1 / 2 - -1 / 2) * expectation coin (fun k => INR (upcrossings (fun t => coin_walk t k) (-1 / 2) (1 / 2) 2))
  <= expectation coin (fun k => Rmax 0 (-1 / 2 - coin_walk 2 k)).
Proof.
  apply (upcrossing_inequality coin coin_filtration coin_walk coin_filtration_ok); [|lra].
  exact coin_walk_supermartingale.
Qed.
