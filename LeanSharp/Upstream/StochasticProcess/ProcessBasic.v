(** * LeanSharp.Upstream.StochasticProcess.ProcessBasic — upstream LeanSharp/Stochastic/Convergence/Process/Basic.lean

    Translates the two expectation identities of the stochastic ZSharp process: E⟨f, c⟩ =
    ⟨E f, c⟩ for an integrable f (any measure), and the expansion of the expected squared
    distance after a step, E‖A − ηB‖² = ‖A‖² − 2η⟨E B, A⟩ + η²E‖B‖². Notions as in
    [Upstream.All] and [Upstream.StochasticProcess.SharpnessMap] (any probability space P,
    [vexpectation] the mean vector). Upstream's [StochasticAlignmentCondition] (needed by
    the process files) is [Upstream.Dynamics.Alignment.StochasticAlignmentCondition].

    Equal:
    - [integral_inner_const] — ∫⟨f, c⟩ dμ = ⟨∫ f dμ, c⟩ for f integrable, on any measure
      space ([Core.Integral.measure_space]), as upstream.
    - [stochastic_dist_expansion] — E‖A − ηB‖² = ‖A‖² − 2η⟨E B, A⟩ + η²E‖B‖² for B and ‖B‖²
      integrable, on any probability space.
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Integral Expectation.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap.
Open Scope R_scope.

(** [integral_inner_const]: ∫⟨f, c⟩ dμ = ⟨∫ f dμ, c⟩ for any measure μ and f integrable
    (each coordinate integrable; ∫ f dμ the vector of the coordinates' integrals). *)
Theorem integral_inner_const {Omega : Type} (M : measure_space Omega) n (f : Omega -> W n)
  (c : W n) :
  (forall i, (i < n)%nat -> mu_integrable M (fun o => f o i)) ->
  mu_integral M (fun o => inner n (f o) c) = inner n (fun i => mu_integral M (fun o => f o i)) c.
Proof.
  intros Hf. unfold inner.
  rewrite (mu_integral_vsum M n (fun i o => f o i * c i)).
  - apply vsum_ext. intros i _.
    rewrite (mu_integral_ext M _ (fun o => c i * f o i)) by (intros; ring).
    rewrite mu_integral_scal. ring.
  - intros i Hi. apply (mu_integrable_ext M (fun o => c i * f o i)); [intros; ring|].
    now apply mu_integrable_scal, Hf.
Qed.

Section Basic.
Context {Omega : Type} (P : prob_space Omega).

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
  assert (HE : expectation P (fun o => inner n (B o) A) = inner n (vexpectation P n B) A)
    by exact (integral_inner_const (prob_measure P) n B A HB).
  rewrite (expectation_ext P _ (fun o => (norm2 n A + (-2 * eta) * inner n (B o) A)
                                         + eta ^ 2 * norm2 n (B o))).
  - rewrite expectation_plus, expectation_plus, !expectation_scal, expectation_const,
      HE by auto using integrable_plus, integrable_const, integrable_scal.
    ring.
  - intros o. rewrite norm2_sub, inner_scale_r, norm2_scale, (inner_sym n A (B o)). ring.
Qed.

End Basic.
