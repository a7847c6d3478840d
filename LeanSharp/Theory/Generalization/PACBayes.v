(** * LeanSharp.Theory.Generalization.PACBayes — change-of-measure PAC-Bayes bounds with a sharpness term

    Deterministic (change-of-measure) form of PAC-Bayes on a finite hypothesis set:
    hypotheses w_0, …, w_{K−1} ∈ W n ([ws : nat -> W n]), a prior law P and a posterior
    law Q on {0, …, K−1} with Q ≪ P, a population loss L_D and a training loss L_S.
    gen(w) = L_D(w) − L_S(w) is the generalization gap. Expectations are finite sums
    ([FiniteProb.expect]); KL is [Theory.Generalization.KL.KL].

    Definitions
    - [gen LD LS w] = L_D(w) − L_S(w)
    - [complexity K q p lam F] = (KL(Q‖P) + ln E_P[e^{λ F}]) / λ
    - [sharpness_bound n LS rho sh]: sh(w) ≥ L_S(w + ε) − L_S(w) for every ‖ε‖ ≤ ρ, i.e.
      sh(w) ≥ max_{‖ε‖≤ρ} L_S(w + ε) − L_S(w) (SAM's sharpness, or any upper bound of it)

    Main results
    - [pac_bayes_change_of_measure]: λ > 0 ⇒
          E_Q[gen] ≤ (KL(Q‖P) + ln E_P[e^{λ gen}]) / λ
      (Donsker–Varadhan with f = λ·gen)
    - [sharpness_bound_nonneg]: sharpness is ≥ 0 (take ε = 0)
    - [pac_bayes_add_nonneg]: adding any sh ≥ 0 to the training loss keeps the bound:
          E_Q[L_D] ≤ E_Q[L_S + sh] + (KL(Q‖P) + ln E_P[e^{λ(L_D − L_S)}]) / λ
    - [pac_bayes_sharpness]: the SAM-style bound, L_S^SAM(w) = L_S(w) + sh(w):
          E_Q[L_D] ≤ E_Q[L_S^SAM] + (KL(Q‖P) + ln E_P[e^{λ(L_D − L_S)}]) / λ
    - [pac_bayes_perturbed]: Foret et al.'s form with the perturbed training loss, for
      any perturbation map w ↦ ε(w):
          E_Q[L_D] ≤ E_Q[L_S(w + ε(w))] + (KL + ln E_P[e^{λ(L_D(w) − L_S(w + ε(w)))}]) / λ

    What is and is not proved. The bound is deterministic: it holds for every data set,
    and turning ln E_P[e^{λ gen}] into an O(√(KL/m)) rate needs a concentration
    inequality over the random sample (Hoeffding), which is not formalised here. The
    sharpness term enters as a nonnegative addition: the bound stays valid with it, and
    SAM minimises its right-hand side. *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Theory.Generalization Require Import KL.
Open Scope R_scope.

Definition gen {n : nat} (LD LS : W n -> R) (w : W n) : R := LD w - LS w.

Definition complexity (K : nat) (q p : nat -> R) (lam : R) (F : nat -> R) : R :=
  (KL K q p + ln (expect K p (fun k => exp (lam * F k)))) / lam.

(** Change of measure: E_Q[F] ≤ (KL(Q‖P) + ln E_P[e^{λF}]) / λ for any λ > 0. *)
Theorem change_of_measure K q p (F : nat -> R) lam :
  is_law K q -> is_law K p -> abs_cont K q p -> 0 < lam ->
  expect K q F <= complexity K q p lam F.
Proof.
  intros Hq Hp Hac Hl. unfold complexity.
  pose proof (donsker_varadhan K q p (fun k => lam * F k) Hq Hp Hac) as H.
  rewrite expect_scal in H.
  apply (Rmult_le_reg_l lam); [exact Hl|].
  match goal with |- _ <= lam * (?X / lam) => replace (lam * (X / lam)) with X by (field; lra) end.
  exact H.
Qed.

(** The PAC-Bayes change-of-measure bound on the generalization gap. *)
Theorem pac_bayes_change_of_measure n K q p (ws : nat -> W n) (LD LS : W n -> R) lam :
  is_law K q -> is_law K p -> abs_cont K q p -> 0 < lam ->
  expect K q (fun k => gen LD LS (ws k))
    <= complexity K q p lam (fun k => gen LD LS (ws k)).
Proof. intros; apply change_of_measure; assumption. Qed.

(** ** Sharpness *)

Definition sharpness_bound (n : nat) (LS : W n -> R) (rho : R) (sh : W n -> R) : Prop :=
  forall (w eps : W n), norm n eps <= rho -> LS (vadd w eps) - LS w <= sh w.

Lemma norm_vzero n : norm n vzero = 0.
Proof.
  unfold norm, norm2, inner, vzero.
  rewrite (vsum_ext n _ (fun _ => 0)) by (intros; ring). rewrite vsum_const, Rmult_0_r.
  apply sqrt_0.
Qed.

Lemma vadd_vzero (w : nat -> R) : vadd w vzero = w.
Proof. apply functional_extensionality. intros i. unfold vadd, vzero. ring. Qed.

Lemma sharpness_bound_nonneg n LS rho sh w :
  0 <= rho -> sharpness_bound n LS rho sh -> 0 <= sh w.
Proof.
  intros Hr Hs. specialize (Hs w vzero). rewrite norm_vzero, vadd_vzero in Hs. lra.
Qed.

(** Adding any nonnegative term to the training loss keeps the PAC-Bayes bound valid. *)
Lemma pac_bayes_add_nonneg n K q p (ws : nat -> W n) (LD LS sh : W n -> R) lam :
  is_law K q -> is_law K p -> abs_cont K q p -> 0 < lam ->
  (forall k, (k < K)%nat -> 0 <= sh (ws k)) ->
  expect K q (fun k => LD (ws k))
    <= expect K q (fun k => LS (ws k) + sh (ws k))
       + complexity K q p lam (fun k => gen LD LS (ws k)).
Proof.
  intros Hq Hp Hac Hl Hsh.
  pose proof (pac_bayes_change_of_measure n K q p ws LD LS lam Hq Hp Hac Hl).
  pose proof (expect_nonneg K q (fun k => sh (ws k)) Hq Hsh).
  rewrite expect_add.
  replace (expect K q (fun k => LD (ws k)))
    with (expect K q (fun k => LS (ws k)) + expect K q (fun k => gen LD LS (ws k))).
  - lra.
  - rewrite <- expect_add. apply expect_ext. intros k _. unfold gen. ring.
Qed.

(** SAM-style PAC-Bayes bound: the risk under Q is at most the SAM objective
    L_S^SAM = L_S + sharpness under Q plus the change-of-measure complexity term. *)
Theorem pac_bayes_sharpness n K q p (ws : nat -> W n) (LD LS : W n -> R) rho sh lam :
  is_law K q -> is_law K p -> abs_cont K q p -> 0 < lam -> 0 <= rho ->
  sharpness_bound n LS rho sh ->
  expect K q (fun k => LD (ws k))
    <= expect K q (fun k => LS (ws k) + sh (ws k))
       + complexity K q p lam (fun k => gen LD LS (ws k)).
Proof.
  intros Hq Hp Hac Hl Hr Hs. apply pac_bayes_add_nonneg; auto.
  intros k _. exact (sharpness_bound_nonneg n LS rho sh (ws k) Hr Hs).
Qed.

(** Foret et al.'s form: the perturbed training loss L_S(w + ε(w)), for any
    perturbation map ε (SAM's, or ZSharp's filtered one), bounds the risk up to the
    change-of-measure term of the perturbed gap L_D(w) − L_S(w + ε(w)). *)
Theorem pac_bayes_perturbed n K q p (ws : nat -> W n) (LD LS : W n -> R)
    (eps : W n -> W n) lam :
  is_law K q -> is_law K p -> abs_cont K q p -> 0 < lam ->
  expect K q (fun k => LD (ws k))
    <= expect K q (fun k => LS (vadd (ws k) (eps (ws k))))
       + complexity K q p lam (fun k => LD (ws k) - LS (vadd (ws k) (eps (ws k)))).
Proof.
  intros Hq Hp Hac Hl.
  pose proof (change_of_measure K q p
                (fun k => LD (ws k) - LS (vadd (ws k) (eps (ws k)))) lam Hq Hp Hac Hl) as H.
  replace (expect K q (fun k => LD (ws k)))
    with (expect K q (fun k => LS (vadd (ws k) (eps (ws k))))
          + expect K q (fun k => LD (ws k) - LS (vadd (ws k) (eps (ws k))))).
  - lra.
  - rewrite <- expect_add. apply expect_ext. intros k _. ring.
Qed.
