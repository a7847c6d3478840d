(** * LeanSharp.Upstream.Stochastic.Integrability — upstream LeanSharp/Stochastic/Foundations/Integrability.lean

    Translates the integrability-by-domination result. Notions as in [Upstream.All]: a finite
    law (K, p), a process w : nat → nat → W n, a field G for upstream's [gradient f], "a.e."
    as "for every outcome of positive weight". On a finite law every function is integrable,
    so upstream's conclusion "Integrable" carries no information; its quantitative content —
    the dominated process has E|X| ≤ E|dominating process| (finite) — is what is proved.
    [ZSharpIntegrabilityAssumptions] is upstream's structure without its (vacuous)
    measurability and integrability fields: the dominating processes and the a.e. bounds.
    Why not on every [Core.Expectation.prob_space]: upstream dominates ‖f(w_t)‖ by ‖f_dom t‖
    with only f_dom t integrable, and concludes by [Integrable.mono], i.e. it uses that
    |f_dom t| is integrable when f_dom t is ([Integrable.norm]); the record has no such
    axiom (nor measurability of |h|), so the general statement is not derivable from it.

    Equal: none.
    Weaker:
    - [zsharp_integrability_of_assumptions_finite_law] — E|f(w_t)| ≤ E|f_dom t| and
      E‖∇f(w_t)‖² ≤ E|g_dom t| for every t, on a finite law (upstream: Integrable, any measure).
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb Expectation.
Open Scope R_scope.

Record ZSharpIntegrabilityAssumptions (n K : nat) (p : nat -> R) (f : W n -> R)
  (G : W n -> W n) (w : nat -> nat -> W n) : Type := {
  f_dom : nat -> nat -> R;
  g_dom : nat -> nat -> R;
  h_f_dom_bound : forall t k, (k < K)%nat -> 0 < p k -> Rabs (f (w t k)) <= Rabs (f_dom t k);
  h_g_dom_bound : forall t k, (k < K)%nat -> 0 < p k ->
    Rabs (norm2 n (G (w t k))) <= Rabs (g_dom t k) }.

(** [zsharp_integrability_of_assumptions_finite_law]: a.e. domination ⇒ E|f(w_t)| ≤ E|f_dom t|
    and E‖∇f(w_t)‖² ≤ E|g_dom t| for every t. *)
Theorem zsharp_integrability_of_assumptions_finite_law n K p f G w
  (h : ZSharpIntegrabilityAssumptions n K p f G w) :
  is_law K p ->
  (forall t, expect K p (fun k => Rabs (f (w t k))) <= expect K p (fun k => Rabs (f_dom _ _ _ _ _ _ h t k)))
  /\ (forall t, expect K p (fun k => norm2 n (G (w t k)))
                <= expect K p (fun k => Rabs (g_dom _ _ _ _ _ _ h t k))).
Proof.
  intros Hl. split; intros t; apply (finite_expect_le_ae K p Hl).
  - intros k Hk Hp. now apply h_f_dom_bound.
  - intros k Hk Hp. eapply Rle_trans; [apply RRle_abs | now apply h_g_dom_bound].
Qed.
