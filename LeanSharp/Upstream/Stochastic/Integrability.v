(** * LeanSharp.Upstream.Stochastic.Integrability — upstream LeanSharp/Stochastic/Foundations/Integrability.lean

    Translates the integrability-by-domination result: a process whose objective values
    f(w_t) and squared gradient norms ‖∇f(w_t)‖² are a.e.-strongly measurable and dominated
    a.e. in absolute value by |h| for integrable h has both integrable, at every t. As
    upstream (which omits the probability assumption here), on any measure space: a
    [Core.Integral.measure_space] M (∫ ↦ [mu_integral M], [Integrable] ↦ [mu_integrable M],
    [AEStronglyMeasurable] ↦ [mu_measurable M], ∀ᵐ ↦ [mu_ae M]); a process w : nat → Ω → W n, a
    field G for upstream's [gradient f]. [ZSharpIntegrabilityAssumptions] is upstream's
    structure, field by field. [ZSharpStructuralAssumptions] (upstream's bundle of the
    regularity conditions the Robbins–Monro theorems assume, on a probability space P) is
    translated field by field as well: a smoothness constant L ≥ 0 with [IsSmooth] (upstream's
    quadratic upper bound, [Upstream.Dynamics.QuadraticBowl.IsSmooth]), f bounded below, the
    variance bound of the gradient process at every ω (upstream's auto-bound ω), the
    integrability assumptions above, ‖w_0‖² integrable, every w_t measurable, and the ZSharp
    step of the gradient process a.s.

    Equal:
    - [zsharp_integrability_of_assumptions] — f(w_t) and ‖∇f(w_t)‖² are integrable for every t.
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec Integral Expectation.
From LeanSharp.Upstream.Dynamics Require Import QuadraticBowl.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap.
Open Scope R_scope.

Record ZSharpIntegrabilityAssumptions {Omega : Type} (M : measure_space Omega) (n : nat)
  (f : W n -> R) (G : W n -> W n) (w : nat -> Omega -> W n) : Type := {
  h_f_aemeas : forall t, mu_measurable M (fun o => f (w t o));
  h_g_aemeas : forall t, mu_measurable M (fun o => norm2 n (G (w t o)));
  f_dom : nat -> Omega -> R;
  g_dom : nat -> Omega -> R;
  h_f_dom_int : forall t, mu_integrable M (f_dom t);
  h_g_dom_int : forall t, mu_integrable M (g_dom t);
  h_f_dom_bound : forall t, mu_ae M (fun o => Rabs (f (w t o)) <= Rabs (f_dom t o));
  h_g_dom_bound : forall t, mu_ae M (fun o => Rabs (norm2 n (G (w t o))) <= Rabs (g_dom t o)) }.

(** [zsharp_integrability_of_assumptions]: measurable and a.e. dominated by an integrable
    process ⇒ f(w_t) and ‖∇f(w_t)‖² are integrable for every t. *)
Theorem zsharp_integrability_of_assumptions {Omega : Type} (M : measure_space Omega) n f G w
  (h : ZSharpIntegrabilityAssumptions M n f G w) :
  (forall t, mu_integrable M (fun o => f (w t o)))
  /\ (forall t, mu_integrable M (fun o => norm2 n (G (w t o)))).
Proof.
  split; intros t; eapply mu_integrable_dominated.
  - apply (h_f_aemeas _ _ _ _ _ h).
  - apply mu_integrable_abs, (h_f_dom_int _ _ _ _ _ h t).
  - apply (h_f_dom_bound _ _ _ _ _ h).
  - apply (h_g_aemeas _ _ _ _ _ h).
  - apply mu_integrable_abs, (h_g_dom_int _ _ _ _ _ h t).
  - apply (h_g_dom_bound _ _ _ _ _ h).
Qed.

Record ZSharpStructuralAssumptions {Omega : Type} (P : prob_space Omega) (n : nat)
  (f : W n -> R) (G : W n -> W n) (w : nat -> Omega -> W n) (eta : nat -> R) (z s2 : R) : Type := {
  structural_L_smooth : R;
  structural_L_nonneg : 0 <= structural_L_smooth;
  structural_smooth : IsSmooth n f G structural_L_smooth;
  structural_bdd_below : exists m, forall v, m <= f v;
  structural_var : forall t o, HasBoundedVariance P n G (fun o' => G (w t o')) (w t o) s2;
  structural_integrability : ZSharpIntegrabilityAssumptions P n f G w;
  structural_w0 : integrable P (fun o => norm2 n (w 0%nat o));
  structural_meas : forall t, vmeasurable P n (w t);
  structural_step : forall t, ae P (fun o =>
    w (S t) o = stochasticZSharpStep n (w t o) eta t z (fun o' => G (w t o')) o) }.
