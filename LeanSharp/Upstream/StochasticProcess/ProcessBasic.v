(** * LeanSharp.Upstream.StochasticProcess.ProcessBasic — upstream LeanSharp/Stochastic/Convergence/Process/Basic.lean

    Translates the two expectation identities of the stochastic ZSharp process. Notions as in
    [Upstream.All] and [Upstream.StochasticProcess.SharpnessMap] (finite law (K, p),
    [vexpect] the mean vector). Also defines [StochasticAlignmentCondition] (upstream
    Theory/Alignment.lean, needed here): 2η⟨E g_f, w − w*⟩ − η²E‖g_f‖² ≥ ημ‖w − w*‖² with
    g_f = filteredGradient(g, z) (upstream's two integrability conjuncts are vacuous).

    Equal: none.
    Weaker:
    - [integral_inner_const_finite_law] — E⟨f, c⟩ = ⟨E f, c⟩ for a finite law.
    - [stochastic_dist_expansion_finite_law] — E‖A − ηB‖² = ‖A‖² − 2η⟨E B, A⟩ + η²E‖B‖²
      for a finite law.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec FiniteProb.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap.
Open Scope R_scope.

Definition StochasticAlignmentCondition (n K : nat) (p : nat -> R) (w w_star : W n)
  (g : nat -> W n) (eta mu z : R) : Prop :=
  2 * eta * inner n (vexpect n K p (fun k => filteredGradient n (g k) z)) (vsub w w_star)
  - eta ^ 2 * expect K p (fun k => norm2 n (filteredGradient n (g k) z))
  >= eta * mu * norm2 n (vsub w w_star).

(** [integral_inner_const_finite_law]: E⟨f, c⟩ = ⟨E f, c⟩. *)
Theorem integral_inner_const_finite_law n K p (f : nat -> W n) (c : W n) :
  expect K p (fun k => inner n (f k) c) = inner n (vexpect n K p f) c.
Proof.
  rewrite (inner_sym n (vexpect n K p f) c), <- expect_inner_const.
  apply expect_ext. intros. apply inner_sym.
Qed.

(** [stochastic_dist_expansion_finite_law]: E‖A − ηB‖² = ‖A‖² − 2η⟨E B, A⟩ + η²E‖B‖². *)
Theorem stochastic_dist_expansion_finite_law n K p (A : W n) (B : nat -> W n) eta :
  is_law K p ->
  expect K p (fun k => norm2 n (vsub A (vscale eta (B k))))
  = norm2 n A - 2 * eta * inner n (vexpect n K p B) A
    + eta ^ 2 * expect K p (fun k => norm2 n (B k)).
Proof.
  intros Hl.
  rewrite (expect_ext K p _ (fun k => (norm2 n A + (-2 * eta) * inner n (B k) A)
                                      + eta ^ 2 * norm2 n (B k))).
  - rewrite !expect_add, !expect_scal, expect_const, integral_inner_const_finite_law
      by exact Hl. ring.
  - intros k _. rewrite norm2_sub, inner_scale_r, norm2_scale, (inner_sym n A (B k)). ring.
Qed.
