(** * LeanSharp.Examples.Stochastic.StochasticWitness — non-vacuity of the stochastic results

    The two-point law: K = 2 outcomes with p = (1/2, 1/2) and noise ξ_0 = +a·e₀, ξ_1 = −a·e₀
    on R^n (n ≥ 1).  It is
    - [two_point_law]: a probability law;  [two_point_unbiased]: E[ξ_i] = 0 for every i;
    - [two_point_variance]: E‖ξ‖² = a² exactly;  [two_point_oracle]: an oracle with σ² = a².

    Witnesses
    - [zsharp_sgd_rate_witness]: stochastic ZSharp (ρ = 1/2, δ = 1, sample-σ significant mask
      at threshold 7/10, η_t = 4/(t + 18)) on the bowl L = ½‖w‖² (μ = Lc = 1) with the
      two-point noise satisfies every hypothesis of
      [LeanSharp.Stochastic.StronglyConvexRate.zsharp_sgd_rate_one_over_t]:
          E‖w_T‖² ≤ max(18‖w_0‖², 16a²)/(T + 18)
    - [sgd_geometric_witness]: plain SGD (D = ∇L) on the bowl with noise a = 0, η = 1/2:
          E‖w_T‖² ≤ (1/4)^T‖w_0‖²
    - [recursion_one_over_t_witness]: the extremal sequence a_{t+1} = (1 − μη_t)a_t + η_t²σ²
    - [recursion_nonconvex_sqrt_witness]: a_t = a_0 2^{−t}, b_t = √T a_t / 2, C = 0
    - [cosine_lr_witness]: η_min = 1/1000, η_max = 1/10; [step_lr_witness], [one_over_t_witness]
    - [recursion_geometric_witness]: a_t = 3·2^{−t};  [recursion_geometric_noise_witness]:
      the extremal sequence a_{t+1} = a_t/2 + 1
    - [markov_witness], [jensen_witness], [noisy_grad_witness]: the two-point law
    - [ht_step_whp_witness]: the heavy-tailed noise on the bowl, η = 1/2, r = 10;
      [clipped_variance_witness]: clipping the two-point noise at τ = 1 *)

From Coq Require Import Reals Lra Lia List.
From LeanSharp.Core Require Import Vec Recursions FiniteProb.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Optim Require Import SAM Smooth.
From LeanSharp.Theory.Alignment Require Import Alignment.
From LeanSharp.Stochastic Require Import Schedules StronglyConvexRate HeavyTails.
From LeanSharp.Examples Require Import Models.
From LeanSharp.Examples.Dynamics Require Import SmoothWitness.
Open Scope R_scope.

(** ** The two-point law *)



(** ** The O(1/T) rate for stochastic ZSharp on the bowl *)

Definition bowl_mask (n : nat) (w : W n) : W n := sig_mask_s n (7 / 10) (bowl_grad n w).

Theorem zsharp_sgd_rate_witness n a (w0 : W n) :
  (0 < n)%nat ->
  forall T, err n 2 two_point_p (two_point_xi n a)
                (zsharp_field n (1 / 2) 1 (bowl_grad n) (bowl_mask n))
                (one_over_t_step 4 18) w0 vzero T
            <= rm_const (1 - 1 * 1 * (1 / 2) / 1) 4 (a * a) 18 (norm2 n (vsub w0 vzero))
               / (INR T + 18).
Proof.
  intros Hn. apply (zsharp_sgd_rate_one_over_t (bowl_strongly_convex n) (bowl_smooth n)).
  - lra.
  - now apply two_point_oracle.
  - lra.
  - lra.
  - intros i Hi. now apply bowl_grad_zero.
  - intros w. unfold bowl_mask. apply sig_mask_s_is_mask.
  - lra.
  - lra.
  - lra.
  - lra.
  - lra.
  - pose proof (pow2_ge_0 a). nra.
Qed.

(** The constant K of the bound is explicit: K = max(18‖w_0‖², 16a²). *)
Lemma zsharp_sgd_rate_witness_const n a (w0 : W n) :
  rm_const (1 - 1 * 1 * (1 / 2) / 1) 4 (a * a) 18 (norm2 n (vsub w0 vzero))
  = Rmax (18 * norm2 n (vsub w0 vzero)) (16 * (a * a)).
Proof.
  unfold rm_const. replace ((1 - 1 * 1 * (1 / 2) / 1) * 4 - 1) with 1 by field.
  f_equal. field.
Qed.

(** ** The deterministic case: geometric convergence of gradient descent on the bowl *)

Theorem sgd_geometric_witness n (w0 : W n) :
  (0 < n)%nat ->
  forall T, err n 2 two_point_p (two_point_xi n 0) (bowl_grad n) (fun _ => / 2) w0 vzero T
            <= contraction_factor (/ 2) 1 1 ^ T * norm2 n (vsub w0 vzero).
Proof.
  intros Hn. apply sgd_geometric_deterministic.
  - pose proof (two_point_oracle n 0 Hn) as H. rewrite Rmult_0_l in H. exact H.
  - intros w. apply (curvature_implies_aligned n (bowl_grad n) w vzero 1 1).
    + intros i Hi. now apply bowl_grad_zero.
    + apply (strongly_convex_monotone (bowl_strongly_convex n)).
    + apply bowl_smooth.
  - lra.
  - lra.
Qed.

Lemma contraction_bowl_half : contraction_factor (/ 2) 1 1 = / 4.
Proof. unfold contraction_factor. field. Qed.

(** ** Recursions and schedules *)

Fixpoint rm_seq (mu c s2 t0 a0 : R) (t : nat) : R :=
  match t with
  | O => a0
  | S t' => (1 - mu * one_over_t_step c t0 t') * rm_seq mu c s2 t0 a0 t'
            + one_over_t_step c t0 t' ^ 2 * s2
  end.

Example recursion_one_over_t_witness T :
  rm_seq 1 2 1 2 5 T <= rm_const 1 2 1 2 (rm_seq 1 2 1 2 5 0) / (INR T + 2).
Proof. apply recursion_one_over_t; try lra. intros t. right. reflexivity. Qed.

Example recursion_nonconvex_sqrt_witness T a0 :
  (0 < T)%nat -> 0 <= a0 ->
  exists t, (t < T)%nat /\ sqrt (INR T) * (a0 * (/ 2) ^ t) / 2 <= (a0 * (/ 2) ^ 0 + 0) / sqrt (INR T).
Proof.
  intros HT Ha0. pose proof (sqrt_lt_R0 _ (lt_0_INR _ HT)) as Hs.
  apply (recursion_nonconvex_sqrt (fun t => a0 * (/ 2) ^ t)
           (fun t => sqrt (INR T) * (a0 * (/ 2) ^ t) / 2) 0 T HT).
  - intros t. apply Rmult_le_pos; [exact Ha0 | apply pow_le; lra].
  - intros t. simpl. right. field. lra.
Qed.

Example cosine_lr_witness t :
  / 1000 <= cosine_lr (/ 1000) (/ 10) 100 t <= / 10.
Proof. apply cosine_lr_bounds. lra. Qed.

Example step_lr_witness t : 2 * step_lr (/ 10) (/ 2) 30 t <= 1.
Proof. apply step_lr_mu_le_1; lra. Qed.

Example one_over_t_witness t : 1 * one_over_t_step 2 2 t <= 1.
Proof. apply one_over_t_mu_le_1; lra. Qed.

Example recursion_geometric_witness T : 3 * (/ 2) ^ T <= (/ 2) ^ T * (3 * (/ 2) ^ 0).
Proof.
  apply (recursion_geometric (fun t => 3 * (/ 2) ^ t)); [lra|].
  intros t. cbv beta. rewrite <- tech_pow_Rmult. set (q := (/ 2) ^ t). lra.
Qed.

Fixpoint geo_seq (t : nat) : R := match t with O => 4 | S t' => / 2 * geo_seq t' + 1 end.

Example recursion_geometric_noise_witness T :
  geo_seq T <= (/ 2) ^ T * geo_seq 0 + 1 / (1 - / 2).
Proof. apply recursion_geometric_noise; [lra | lra | intros t; right; reflexivity]. Qed.

Example markov_witness :
  prob_ge 2 two_point_p (fun k => INR k) 1 <= expect 2 two_point_p (fun k => INR k) / 1.
Proof. apply markov; [apply two_point_law | intros; apply pos_INR | lra]. Qed.

Example jensen_witness :
  expect 2 two_point_p (fun k => INR k) ^ 2 <= expect 2 two_point_p (fun k => INR k ^ 2).
Proof. apply expect_sq_le, two_point_law. Qed.

Example noisy_grad_witness n a (g : W n) :
  expect 2 two_point_p (fun k => norm2 n (vadd g (two_point_xi n a k)))
  = norm2 n g + expect 2 two_point_p (fun k => norm2 n (two_point_xi n a k)).
Proof. apply expect_norm2_noisy_grad; [apply two_point_law | apply two_point_unbiased]. Qed.

Example ht_step_whp_witness (w : W 1) N :
  prob_ge N ht_p (fun k => norm 1 (vsub (stoch_step 1 (/ 2) (bowl_grad 1) w (ht_xi 1 k))
                                        (vsub w (vscale (/ 2) (bowl_grad 1 w))))) (/ 2 * 10)
  <= / 10.
Proof. apply ht_step_whp; lia || lra. Qed.

Example clipped_variance_witness n a :
  bounded_variance n 2 two_point_p (fun k => clip n 1 (two_point_xi n a k)) (1 * 1).
Proof. apply clipped_bounded_variance; [apply two_point_law | lra]. Qed.
