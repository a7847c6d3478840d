(** * LeanSharp.Upstream.StochasticProcess.ProcessSamDescent — upstream LeanSharp/Stochastic/Convergence/Process/SamDescent.lean

    Translates the SAM-specific stochastic descent bounds: at the SAM point w + ε(w) an unbiased
    gradient estimator of bounded variance has filtered second moment ≤ σ² + (‖∇L(w)‖ + Lcρ)²,
    so an aligned filtered step decreases E L up to a perturbation error of order Lcρ.
    Notions as in [Upstream.All] and [Upstream.StochasticProcess.ProcessDescent]: any
    probability space P; upstream's [SmoothObjective] is (L, G, Lc) with
    [is_gradient n L G], [lipschitz_grad n G Lc], 0 ≤ Lc; upstream's [samPerturbation L w ρ]
    (= 0 if ∇L(w) = 0, else ρ∇L(w)/‖∇L(w)‖) is [Upstream.Core.Objective.samPerturbation n G w ρ],
    equal to [Optim.SAM.sam_eps n ρ 0 (G w)] ([samPerturbation_sam_eps]: Coq's ρ/0 = 0 gives 0
    when ‖∇L(w)‖ = 0).

    Equal (any probability space, upstream's hypotheses incl. integrability/measurability):
    - [sam_filtered_second_moment_le] — E‖g_f‖² ≤ σ² + (‖∇L(w)‖ + Lcρ)² (‖g‖², ‖g_f‖²
      integrable).
    - [sam_stochastic_descent_step] — the perturbation-aware one-step bound.
    - [sam_stochastic_descent_step_effective] — its ηLc ≤ 1/4 effective form
      E L(w − ηg_f) ≤ L(w) − (η/4)‖∇L(w)‖² + (η²Lc/2)(σ² + 2Lc²ρ²).
    Weaker: none.
    Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Expectation.
From LeanSharp.Optim Require Import Smooth SAM.
From LeanSharp.Upstream.Core Require Import Objective.
From LeanSharp.Upstream.StochasticProcess Require Import SharpnessMap SampleErrors DescentCore
  ProcessDescent.
Open Scope R_scope.

Section SamDescent.
Context {Omega : Type} (P : prob_space Omega).

(** [sam_filtered_second_moment_le]: g unbiased with variance ≤ σ² at w + ε(w), ‖g‖² and
    ‖g_f‖² integrable ⇒ E‖g_f‖² ≤ σ² + (‖∇L(w)‖ + Lcρ)². *)
Theorem sam_filtered_second_moment_le n (L : W n -> R) (G : W n -> W n) Lc
  (g : Omega -> W n) (w : W n) rho z s2 :
  is_gradient n L G -> lipschitz_grad n G Lc -> 0 <= Lc -> 0 <= rho ->
  IsStochasticGradient P n G g (vadd w (samPerturbation n G w rho)) ->
  HasBoundedVariance P n G g (vadd w (samPerturbation n G w rho)) s2 ->
  integrable P (fun o => norm2 n (g o)) ->
  integrable P (fun o => norm2 n (filteredGradient n (g o) z)) ->
  expectation P (fun o => norm2 n (filteredGradient n (g o) z))
  <= s2 + (norm n (G w) + Lc * rho) ^ 2.
Proof.
  intros _ Hlip HLc Hr Hs Hv H2 Hf2. set (we := vadd w (samPerturbation n G w rho)).
  pose proof (zsharp_variance_bound P n G g we z s2 Hs Hv Hf2 H2) as H.
  assert (He : norm n (samPerturbation n G w rho) <= rho)
    by (rewrite samPerturbation_sam_eps; apply sam_eps_norm_le; lra).
  assert (Hd : norm n (vsub (G we) (G w)) <= Lc * rho).
  { eapply Rle_trans; [apply Hlip|].
    rewrite (norm_ext n (vsub we w) (samPerturbation n G w rho))
      by (intros; unfold we, vadd, vsub; ring).
    apply Rmult_le_compat_l; assumption. }
  assert (Ht : norm n (G we) <= norm n (G w) + Lc * rho).
  { rewrite (norm_ext n (G we) (vadd (vsub (G we) (G w)) (G w)))
      by (intros; unfold vadd, vsub; ring).
    pose proof (norm_triangle n (vsub (G we) (G w)) (G w)). lra. }
  pose proof (norm_nonneg n (G we)). rewrite norm2_norm in H.
  assert (norm n (G we) ^ 2 <= (norm n (G w) + Lc * rho) ^ 2) by (apply pow_incr; lra).
  lra.
Qed.

(** The hypotheses the two SAM descent steps share (upstream lists them in each statement):
    (L, G) a gradient pair, G Lc-Lipschitz, Lc, ρ ≥ 0, η > 0, g unbiased at w + ε(w) with
    variance ≤ σ², ‖g‖² integrable, g_f = filteredGradient(g, z) measurable with ‖g_f‖²
    integrable, L(w − ηg_f) integrable, and the base-point alignment ‖∇L(w)‖² ≤ 2⟨∇L(w), E g_f⟩. *)
Section SamStep.
Variables (n : nat) (L : W n -> R) (G : W n -> W n) (Lc : R) (g : Omega -> W n) (w : W n)
  (eta z rho s2 : R).
Local Notation gf := (fun o => filteredGradient n (g o) z).
Local Notation we := (vadd w (samPerturbation n G w rho)).
Hypotheses (Hg : is_gradient n L G) (Hlip : lipschitz_grad n G Lc) (HLc : 0 <= Lc)
  (Hr : 0 <= rho) (He : 0 < eta)
  (Hs : IsStochasticGradient P n G g we) (Hv : HasBoundedVariance P n G g we s2)
  (H2 : integrable P (fun o => norm2 n (g o))) (Hm : vmeasurable P n gf)
  (Hf2 : integrable P (fun o => norm2 n (filteredGradient n (g o) z)))
  (Hf : integrable P (fun o => L (vsub w (vscale eta (filteredGradient n (g o) z)))))
  (Ha : norm2 n (G w) <= 2 * inner n (G w) (vexpectation P n gf)).

(** [sam_stochastic_descent_step]:
    E L(w − ηg_f) ≤ L(w) − (η/2)‖∇L(w)‖² + (η²Lc/2)(σ² + (‖∇L(w)‖ + Lcρ)²). *)
Theorem sam_stochastic_descent_step :
  expectation P (fun o => L (vsub w (vscale eta (filteredGradient n (g o) z))))
  <= L w - eta / 2 * norm2 n (G w) + eta ^ 2 * Lc / 2 * (s2 + (norm n (G w) + Lc * rho) ^ 2).
Proof.
  apply (sam_expected_descent_step P n L G Lc g w eta z rho s2); try assumption.
  - now apply vintegrable_of_integrable_norm2.
  - now apply (sam_filtered_second_moment_le n L G Lc).
Qed.

(** [sam_stochastic_descent_step_effective]: with also ηLc ≤ 1/4,
    E L(w − ηg_f) ≤ L(w) − (η/4)‖∇L(w)‖² + (η²Lc/2)(σ² + 2Lc²ρ²). *)
Theorem sam_stochastic_descent_step_effective :
  eta * Lc <= 1 / 4 ->
  expectation P (fun o => L (vsub w (vscale eta (filteredGradient n (g o) z))))
  <= L w - eta / 4 * norm2 n (G w) + eta ^ 2 * Lc / 2 * (s2 + 2 * Lc ^ 2 * rho ^ 2).
Proof.
  intros HeL. pose proof sam_stochastic_descent_step as H.
  set (a := norm n (G w)) in *. rewrite norm2_norm in *. fold a in H |- *.
  assert (Hsq : (a + Lc * rho) ^ 2 <= 2 * a ^ 2 + 2 * (Lc * rho) ^ 2)
    by (pose proof (pow2_ge_0 (a - Lc * rho)); nra).
  assert (Hc : 0 <= eta ^ 2 * Lc / 2) by (unfold Rdiv; apply Rmult_le_pos; [nra | lra]).
  assert (Hmo : eta ^ 2 * Lc / 2 * (s2 + (a + Lc * rho) ^ 2)
               <= eta ^ 2 * Lc / 2 * (s2 + 2 * a ^ 2 + 2 * (Lc * rho) ^ 2))
    by (apply Rmult_le_compat_l; lra).
  assert (Ha2 : eta ^ 2 * Lc * a ^ 2 <= eta / 4 * a ^ 2).
  { apply Rmult_le_compat_r; [apply pow2_ge_0 | nra]. }
  assert (eta ^ 2 * Lc / 2 * (s2 + 2 * a ^ 2 + 2 * (Lc * rho) ^ 2)
          = eta ^ 2 * Lc * a ^ 2 + eta ^ 2 * Lc / 2 * (s2 + 2 * Lc ^ 2 * rho ^ 2))
    by field.
  lra.
Qed.

End SamStep.

End SamDescent.
