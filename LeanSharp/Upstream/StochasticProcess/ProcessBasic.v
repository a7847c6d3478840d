(** * LeanSharp.Upstream.StochasticProcess.ProcessBasic — upstream LeanSharp/Stochastic/Convergence/Process/Basic.lean

    Translates the two expectation identities of the stochastic ZSharp process: E⟨f, c⟩ =
    ⟨E f, c⟩ for an integrable random vector f, and the expansion of the expected squared
    distance after a step, E‖A − ηB‖² = ‖A‖² − 2η⟨E B, A⟩ + η²E‖B‖². Notions as in
    [Upstream.All] and [Upstream.StochasticProcess.SharpnessMap] (any probability space P,
    [vexpectation] the mean vector). Upstream's [StochasticAlignmentCondition] (needed by
    the process files) is [Upstream.Dynamics.Alignment.StochasticAlignmentCondition].

    Equal:
    - [stochastic_dist_expansion] — E‖A − ηB‖² = ‖A‖² − 2η⟨E B, A⟩ + η²E‖B‖² for B and ‖B‖²
      integrable, on any probability space.
    Weaker:
    - [integral_inner_const] — E⟨f, c⟩ = ⟨E f, c⟩ for f integrable, on any probability space
      (upstream: any measure space; the library's integrals are those of probability spaces).
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Expectation.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap.
Open Scope R_scope.

Section Basic.
Context {Omega : Type} (P : prob_space Omega).

(** [integral_inner_const]: E⟨f, c⟩ = ⟨E f, c⟩. *)
Theorem integral_inner_const n (f : Omega -> W n) (c : W n) :
  vintegrable P n f ->
  expectation P (fun o => inner n (f o) c) = inner n (vexpectation P n f) c.
Proof.
  intros Hf. rewrite (inner_sym n (vexpectation P n f) c), <- expectation_inner_const by exact Hf.
  apply expectation_ext. intros. apply inner_sym.
Qed.

(** [stochastic_dist_expansion]: E‖A − ηB‖² = ‖A‖² − 2η⟨E B, A⟩ + η²E‖B‖². *)
Theorem stochastic_dist_expansion n (A : W n) (B : Omega -> W n) eta :
  vintegrable P n B -> integrable P (fun o => norm2 n (B o)) ->
  expectation P (fun o => norm2 n (vsub A (vscale eta (B o))))
  = norm2 n A - 2 * eta * inner n (vexpectation P n B) A
    + eta ^ 2 * expectation P (fun o => norm2 n (B o)).
Proof.
  intros HB HB2.
  assert (Hi : integrable P (fun o => inner n (B o) A)).
  { apply (integrable_ext P (fun o => inner n A (B o))); [intros; apply inner_sym|].
    now apply integrable_inner_const. }
  rewrite (expectation_ext P _ (fun o => (norm2 n A + (-2 * eta) * inner n (B o) A)
                                         + eta ^ 2 * norm2 n (B o))).
  - rewrite expectation_plus, expectation_plus, !expectation_scal, expectation_const,
      integral_inner_const by auto using integrable_plus, integrable_const, integrable_scal.
    ring.
  - intros o. rewrite norm2_sub, inner_scale_r, norm2_scale, (inner_sym n A (B o)). ring.
Qed.

End Basic.
