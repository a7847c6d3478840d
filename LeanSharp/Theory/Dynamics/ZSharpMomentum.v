(** * LeanSharp.Theory.Dynamics.ZSharpMomentum — the closure-use training step: clip, mask, perturb, momentum

    ZSharp's step as its [step(closure)] API runs it (the gradient zeroed before each
    backward: loop (ii) of [Theory.Dynamics.Trainer], [Trainer.trainer_closure_is_momentum_iter]), NOT
    upstream's trainer as written, which carries the gradient across iterations
    ([Theory.Dynamics.Trainer], [Theory.Dynamics.TrainerBounded]). One step from the state (w, b) (weights,
    momentum buffer):
      g = clip_c(∇L(w))  (torch clip_grad_norm_, [Optim.Clipping.clip]),  m = mask(g),
      ε = ρ·(g ⊙ m)/(‖g ⊙ m‖ + δ)  ([Optim.SAM.zsharp_eps]),
      d = ∇L(w + ε) + λw;  b ← βb + d;  w ← w − ηb   (torch SGD, [Theory.Dynamics.HeavyBall]).
    The mask rule, the clip threshold c and δ ≥ 0 enter every result below ONLY through
    ‖ε‖ ≤ ρ ([Optim.Clipping.zsharp_eps_clipped_norm_le]): the statements hold for every
    mask rule (ZSharp's network rule included) and every real c (no sign condition).

    Definitions
    - [zsharp_clipped_eps n rho delta c mask g] = ε = zsharp_eps(clip_c g, mask(clip_c g))
    - [zsharp_clipped_step] = w − η∇L(w + ε(∇L w)) (plain base optimizer);
      [zsharp_clipped_iter] its iterate
    - [zsharp_perturbed_grad] = w ↦ ∇L(w + ε(∇L w));  [zsharp_momentum_iter] = torch's
      SGD(η, β, λ) iterate ([HeavyBall.sgd_momentum_iter]) fed that gradient
    - [hb_polar eta beta h x y] = B(x, y), the polar form of Q = [HeavyBall.hb_energy]
      (B(x, x) = Q(x));  [hb_norm] = √Q

    Main results
    1. Plain base optimizer. [zsharp_clipped_iter_ball]: a strongly convex objective
       ([Optim.Objective.strongly_convex_objective]: L μ-strongly convex, Lc-smooth,
       0 < μ ≤ Lc, ∇L(w* ) = 0), 0 < η ≤ 1/Lc, ρ, δ ≥ 0, any c, any mask rule:
         ‖w_T − w*‖ ≤ (1 − ημ/2)^T ‖w_0 − w*‖ + 2Lcρ/μ.
    2. Momentum and weight decay on L(w) = ½Σ a_i w_i² (any G with G(v)_i = a_i v_i);
       per coordinate x = (w_i, b_i), h = a_i + λ, D = 4ηβh − (β + ηh − 1)² (HeavyBall's
       discriminant), with the heavy-ball map M (Q(Mx) = βQ(x)):
       - [hb_energy_nonneg]: ηβ > 0, D > 0 ⇒ Q ≥ 0;
         [hb_cauchy_schwarz_identity]: Q(x)Q(y) − B(x, y)² = (D/4)(x₁y₂ − x₂y₁)², hence
         [hb_polar_le]: B(x, y) ≤ √Q(x)·√Q(y)
       - [hb_w2_le_norm]: √Q(x) ≤ r ⇒ w² ≤ (4ηβ/D)·r²
       - [hb_norm_triangle]: ηβ > 0, D > 0 ⇒ √Q(x + y) ≤ √Q(x) + √Q(y); with
         [hb_norm_scale] √Q(sx) = |s|√Q(x), √Q is a norm on R²
       - [momentum_perturbed_coord]: the perturbed step is x' = Mx + a_iε_i·(−η, 1),
         and [hb_energy_kick] Q((−η, 1)) = η exactly
       - [hb_norm_perturbed_step]: √Q(x') ≤ √β·√Q(x) + |a_i ε_i|·√η
       - [momentum_perturbed_coord_ball]: for every sequence with ‖ε_t‖ ≤ ρ, 0 < β < 1,
         η > 0, D > 0:  √Q(x_T) ≤ √β^T·√Q(x_0) + |a_i|ρ√η/(1 − √β);
         [momentum_perturbed_w2_le]: w_{T,i}² ≤ (4ηβ/D)·(√β^T √Q(x_0) + |a_i|ρ√η/(1 − √β))²
       - [zsharp_momentum_ball]: the same bounds for the closure-use loop
         ([zsharp_momentum_iter]: clip + any mask + ε + momentum + weight decay): it
         converges geometrically, at rate √β per step, to a ball of radius
         √(4ηβ/D)·|a_i|ρ√η/(1 − √β) = O(ρ|a_i|/(1 − √β)) around 0, the minimiser of
         L + (λ/2)‖w‖².

    Scope: part 2 is for diagonal quadratics (the exact linear heavy-ball dynamics),
    with the perturbation treated as an adversarial bounded input; nothing is claimed for
    momentum on general smooth losses. *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth Objective SAM Clipping.
From LeanSharp.Theory.Alignment Require Import Alignment.
From LeanSharp.Theory.Dynamics Require Import ZSharpBall HeavyBall.
Open Scope R_scope.

(** ** 1. Clipped ZSharp with a plain base optimizer *)

Definition zsharp_clipped_eps (n : nat) (rho delta c : R) (mask : W n -> W n) (g : W n) : W n :=
  zsharp_eps n rho delta (clip n c g) (mask (clip n c g)).

Definition zsharp_clipped_step (n : nat) (eta rho delta c : R) (G : W n -> W n)
    (mask : W n -> W n) (w : W n) : W n :=
  sam_step n eta G w (zsharp_clipped_eps n rho delta c mask (G w)).

Fixpoint zsharp_clipped_iter (n : nat) (eta rho delta c : R) (G : W n -> W n)
    (mask : W n -> W n) (w0 : W n) (T : nat) : W n :=
  match T with
  | O => w0
  | S k => zsharp_clipped_step n eta rho delta c G mask
              (zsharp_clipped_iter n eta rho delta c G mask w0 k)
  end.

Lemma zsharp_clipped_eps_norm_le n rho delta c mask g :
  0 <= rho -> 0 <= delta -> norm n (zsharp_clipped_eps n rho delta c mask g) <= rho.
Proof. apply zsharp_eps_clipped_norm_le. Qed.

Theorem zsharp_clipped_iter_ball {n} (F : strongly_convex_objective n) eta rho delta c mask
    (w0 : W n) T :
  0 < eta <= / lip F -> 0 <= rho -> 0 <= delta ->
  norm n (vsub (zsharp_clipped_iter n eta rho delta c (grad F) mask w0 T) (minimiser F))
    <= (1 - eta * curv F / 2) ^ T * norm n (vsub w0 (minimiser F)) + 2 * lip F * rho / curv F.
Proof.
  intros Heta Hr Hd.
  apply (perturbed_iterates_ball F eta rho Heta Hr
           (zsharp_clipped_iter n eta rho delta c (grad F) mask w0)
           (fun t => zsharp_clipped_eps n rho delta c mask
                       (grad F (zsharp_clipped_iter n eta rho delta c (grad F) mask w0 t)))).
  - intros t. reflexivity.
  - intros t. now apply zsharp_clipped_eps_norm_le.
Qed.

(** ** The trainer: torch SGD(η, β, λ) fed ∇L(w + ε), ε from the clipped gradient *)

Definition zsharp_perturbed_grad (n : nat) (rho delta c : R) (G mask : W n -> W n)
    (v : W n) : W n :=
  G (vadd v (zsharp_clipped_eps n rho delta c mask (G v))).

Definition zsharp_momentum_iter (n : nat) (eta beta lam rho delta c : R)
    (G mask : W n -> W n) (T : nat) (x0 : W n * W n) : W n * W n :=
  sgd_momentum_iter n eta beta lam (zsharp_perturbed_grad n rho delta c G mask) T x0.

(** ** 2a. √Q is a norm on R² when D > 0 *)

Definition hb_polar (eta beta h : R) (x y : R * R) : R :=
  eta * beta * snd x * snd y
  + (beta + eta * h - 1) / 2 * (snd x * fst y + fst x * snd y) + h * fst x * fst y.

Definition hb_norm (eta beta h : R) (x : R * R) : R := sqrt (hb_energy eta beta h x).

Definition padd (x y : R * R) : R * R := (fst x + fst y, snd x + snd y).
Definition pscale (s : R) (x : R * R) : R * R := (s * fst x, s * snd x).

Lemma hb_energy_nonneg eta beta h x :
  0 < eta * beta -> 0 < hb_disc eta beta h -> 0 <= hb_energy eta beta h x.
Proof.
  intros Heb HD. pose proof (pow2_ge_0 (fst x)). rewrite hb_disc_alt in *. unfold hb_energy.
  pose proof (pow2_ge_0 (2 * eta * beta * snd x + (beta + eta * h - 1) * fst x)). nra.
Qed.

Lemma hb_energy_add eta beta h x y :
  hb_energy eta beta h (padd x y)
    = hb_energy eta beta h x + 2 * hb_polar eta beta h x y + hb_energy eta beta h y.
Proof. unfold hb_energy, hb_polar, padd. simpl. field. Qed.

(** The 2-D Cauchy–Schwarz (Lagrange) identity for Q: the constant is D/4. *)
Theorem hb_cauchy_schwarz_identity eta beta h x y :
  hb_energy eta beta h x * hb_energy eta beta h y - hb_polar eta beta h x y ^ 2
    = hb_disc eta beta h / 4 * (fst x * snd y - snd x * fst y) ^ 2.
Proof. rewrite hb_disc_alt. unfold hb_energy, hb_polar. field. Qed.

Lemma hb_polar_le eta beta h x y :
  0 < eta * beta -> 0 < hb_disc eta beta h ->
  hb_polar eta beta h x y <= hb_norm eta beta h x * hb_norm eta beta h y.
Proof.
  intros Heb HD. pose proof (hb_cauchy_schwarz_identity eta beta h x y) as E.
  pose proof (hb_energy_nonneg eta beta h x Heb HD) as Hx.
  pose proof (hb_energy_nonneg eta beta h y Heb HD) as Hy.
  assert (0 <= hb_disc eta beta h / 4 * (fst x * snd y - snd x * fst y) ^ 2)
    by (apply Rmult_le_pos; [lra | apply pow2_ge_0]).
  unfold hb_norm. rewrite <- sqrt_mult by assumption.
  destruct (Rle_lt_dec (hb_polar eta beta h x y) 0) as [Hn|Hp];
    [pose proof (sqrt_pos (hb_energy eta beta h x * hb_energy eta beta h y)); lra|].
  rewrite <- (sqrt_pow2 (hb_polar eta beta h x y)) by lra.
  apply sqrt_le_1_alt. lra.
Qed.

Theorem hb_norm_triangle eta beta h x y :
  0 < eta * beta -> 0 < hb_disc eta beta h ->
  hb_norm eta beta h (padd x y) <= hb_norm eta beta h x + hb_norm eta beta h y.
Proof.
  intros Heb HD. pose proof (hb_polar_le eta beta h x y Heb HD).
  pose proof (hb_energy_nonneg eta beta h x Heb HD) as Hx.
  pose proof (hb_energy_nonneg eta beta h y Heb HD) as Hy.
  unfold hb_norm in *. pose proof (sqrt_pos (hb_energy eta beta h x)).
  pose proof (sqrt_pos (hb_energy eta beta h y)).
  rewrite <- (sqrt_pow2 (_ + _)) by lra. apply sqrt_le_1_alt.
  rewrite hb_energy_add. pose proof (sqrt_sqrt _ Hx). pose proof (sqrt_sqrt _ Hy). nra.
Qed.

Theorem hb_norm_scale eta beta h s x :
  hb_norm eta beta h (pscale s x) = Rabs s * hb_norm eta beta h x.
Proof.
  unfold hb_norm. replace (hb_energy eta beta h (pscale s x)) with (s ^ 2 * hb_energy eta beta h x)
    by (unfold hb_energy, pscale; simpl; ring).
  pose proof (pow2_ge_0 s). destruct (Rle_dec 0 (hb_energy eta beta h x)) as [HQ|HQ].
  - rewrite sqrt_mult, <- Rsqr_pow2, sqrt_Rsqr_abs by lra. reflexivity.
  - rewrite (sqrt_neg_0 (s ^ 2 * _)) by nra. rewrite (sqrt_neg_0 (hb_energy _ _ _ x)) by lra.
    ring.
Qed.

(** A bound r on √Q bounds the weight: w² ≤ (4ηβ/D)·r². *)
Lemma hb_w2_le_norm eta beta h x r : 0 < eta * beta -> 0 < hb_disc eta beta h ->
  hb_norm eta beta h x <= r -> fst x ^ 2 <= 4 * eta * beta / hb_disc eta beta h * r ^ 2.
Proof.
  intros Heb HD Hr.
  eapply Rle_trans; [apply (hb_w2_le_energy eta beta h x Heb HD)|].
  apply Rmult_le_compat_l; [apply Rle_mult_inv_pos; lra|].
  pose proof (hb_energy_nonneg eta beta h x Heb HD) as HQ.
  unfold hb_norm in Hr. rewrite <- (sqrt_sqrt _ HQ).
  pose proof (sqrt_pos (hb_energy eta beta h x)). nra.
Qed.

(** The heavy-ball map M scales √Q by √β. *)
Lemma hb_norm_step eta beta lam a x :
  0 <= beta ->
  hb_norm eta beta (a + lam) (hb_step eta beta lam (fun y => a * y) x)
    = sqrt beta * hb_norm eta beta (a + lam) x.
Proof.
  intros Hb. unfold hb_norm. rewrite hb_energy_step.
  destruct (Rle_dec 0 (hb_energy eta beta (a + lam) x)) as [H|H].
  - rewrite sqrt_mult by lra. reflexivity.
  - rewrite (sqrt_neg_0 (beta * _)) by nra. rewrite (sqrt_neg_0 (hb_energy _ _ _ x)) by lra.
    ring.
Qed.

(** The kick direction of the perturbation, (w, b) = (−η, 1), has Q = η exactly. *)
Lemma hb_energy_kick eta beta h : hb_energy eta beta h (- eta, 1) = eta.
Proof. unfold hb_energy. simpl. ring. Qed.

(** ** 2b. Momentum and weight decay with a bounded perturbation, per coordinate *)

(** One torch step fed the gradient of ½Σ a_i w_i² at w + ε: coordinate i moves by the
    heavy-ball map plus the kick a_i ε_i·(−η, 1). *)
Lemma momentum_perturbed_coord n eta beta lam (a : nat -> R) (G : W n -> W n)
    (e : W n) (x : W n * W n) i :
  (forall v j, (j < n)%nat -> G v j = a j * v j) -> (i < n)%nat ->
  (fst (sgd_momentum_step n eta beta lam (fun v => G (vadd v e)) x) i,
   snd (sgd_momentum_step n eta beta lam (fun v => G (vadd v e)) x) i)
  = padd (hb_step eta beta lam (fun y => a i * y) (fst x i, snd x i))
         (pscale (a i * e i) (- eta, 1)).
Proof.
  intros HG Hi. unfold sgd_momentum_step, hb_step, padd, pscale, vadd, vsub, vscale.
  simpl. rewrite HG by exact Hi. f_equal; ring.
Qed.

Lemma coord_abs_le_norm n (v : W n) i : (i < n)%nat -> Rabs (v i) <= norm n v.
Proof.
  intros Hi. apply Rsqr_incr_0_var; [|apply norm_nonneg].
  rewrite <- Rsqr_abs. unfold Rsqr. rewrite norm_sqr. unfold norm2, inner.
  apply (vsum_term_le n (fun j => v j * v j)); [intros; nra | exact Hi].
Qed.

Theorem hb_norm_perturbed_step eta beta lam a s x :
  0 < eta -> 0 < beta -> 0 < hb_disc eta beta (a + lam) ->
  hb_norm eta beta (a + lam) (padd (hb_step eta beta lam (fun y => a * y) x) (pscale s (- eta, 1)))
    <= sqrt beta * hb_norm eta beta (a + lam) x + Rabs s * sqrt eta.
Proof.
  intros He Hb HD. eapply Rle_trans; [apply hb_norm_triangle; [nra | exact HD]|].
  rewrite hb_norm_step, hb_norm_scale by lra.
  replace (hb_norm eta beta (a + lam) (- eta, 1)) with (sqrt eta)
    by (unfold hb_norm; now rewrite hb_energy_kick).
  lra.
Qed.

Section MomentumBall.
(** The constants are one record k ([HeavyBall.trainer_consts]) in range
    ([trainer_consts_ok]): η, β, λ, ρ, δ below are its fields. *)
Context {n : nat} (k : trainer_consts) (a : nat -> R) (G : W n -> W n).
Hypotheses (Hk : trainer_consts_ok k) (HG : forall v j, (j < n)%nat -> G v j = a j * v j).
Local Notation eta := (tc_lr k). Local Notation beta := (tc_momentum k).
Local Notation lam := (tc_wd k). Local Notation rho := (tc_rho k).
Let He := lr_pos k Hk. Let Hb := momentum_range k Hk. Let Hr := rho_nonneg k Hk.

(** The ball radius in √Q: r = |a_i|ρ√η/(1 − √β). *)
Definition momentum_radius (ai : R) : R := Rabs ai * rho * sqrt eta / (1 - sqrt beta).

Lemma sqrt_beta_range : 0 < sqrt beta < 1.
Proof.
  split; [apply sqrt_lt_R0; lra|]. rewrite <- sqrt_1. apply sqrt_lt_1_alt. lra.
Qed.

Theorem momentum_perturbed_coord_ball (x : nat -> W n * W n) (eps : nat -> W n) i :
  (forall t, x (S t) = sgd_momentum_step n eta beta lam (fun v => G (vadd v (eps t))) (x t)) ->
  (forall t, norm n (eps t) <= rho) -> (i < n)%nat -> 0 < hb_disc eta beta (a i + lam) ->
  forall T, hb_norm eta beta (a i + lam) (fst (x T) i, snd (x T) i)
    <= sqrt beta ^ T * hb_norm eta beta (a i + lam) (fst (x 0%nat) i, snd (x 0%nat) i)
       + momentum_radius (a i).
Proof.
  intros Hstep Heps Hi HD. pose proof sqrt_beta_range. pose proof (sqrt_pos eta).
  apply (linear_recursion_bound (fun t => hb_norm eta beta (a i + lam) (fst (x t) i, snd (x t) i))
           (sqrt beta) (Rabs (a i) * rho * sqrt eta)).
  - lra.
  - unfold momentum_radius. apply Rle_mult_inv_pos; [|lra].
    pose proof (Rabs_pos (a i)). apply Rmult_le_pos; [apply Rmult_le_pos|]; lra.
  - right. unfold momentum_radius. field. lra.
  - intros t. rewrite Hstep, (momentum_perturbed_coord n eta beta lam a G) by assumption.
    eapply Rle_trans; [apply hb_norm_perturbed_step; lra|].
    rewrite Rabs_mult. pose proof (coord_abs_le_norm n (eps t) i Hi). specialize (Heps t).
    pose proof (Rabs_pos (a i)). pose proof (Rabs_pos (eps t i)).
    assert (Rabs (a i) * Rabs (eps t i) <= Rabs (a i) * rho) by (apply Rmult_le_compat_l; lra).
    assert (Rabs (a i) * Rabs (eps t i) * sqrt eta <= Rabs (a i) * rho * sqrt eta)
      by (apply Rmult_le_compat_r; lra).
    lra.
Qed.

(** The weights: w_{T,i}² ≤ (4ηβ/D)(√β^T √Q(x_0) + r)². *)
Theorem momentum_perturbed_w2_le (x : nat -> W n * W n) (eps : nat -> W n) i T :
  (forall t, x (S t) = sgd_momentum_step n eta beta lam (fun v => G (vadd v (eps t))) (x t)) ->
  (forall t, norm n (eps t) <= rho) -> (i < n)%nat -> 0 < hb_disc eta beta (a i + lam) ->
  fst (x T) i ^ 2
    <= 4 * eta * beta / hb_disc eta beta (a i + lam)
       * (sqrt beta ^ T * hb_norm eta beta (a i + lam) (fst (x 0%nat) i, snd (x 0%nat) i)
          + momentum_radius (a i)) ^ 2.
Proof.
  intros Hstep Heps Hi HD.
  apply (hb_w2_le_norm eta beta (a i + lam) (fst (x T) i, snd (x T) i)); [nra | exact HD |].
  exact (momentum_perturbed_coord_ball x eps i Hstep Heps Hi HD T).
Qed.

(** ** The closure-use loop: clip, any mask, ε, momentum, weight decay *)

Theorem zsharp_momentum_ball c mask (x0 : W n * W n) i T :
  (i < n)%nat -> 0 < hb_disc eta beta (a i + lam) ->
  let xT := zsharp_momentum_iter n eta beta lam rho (tc_delta k) c G mask T x0 in
  hb_norm eta beta (a i + lam) (fst xT i, snd xT i)
    <= sqrt beta ^ T * hb_norm eta beta (a i + lam) (fst x0 i, snd x0 i) + momentum_radius (a i)
  /\ fst xT i ^ 2
    <= 4 * eta * beta / hb_disc eta beta (a i + lam)
       * (sqrt beta ^ T * hb_norm eta beta (a i + lam) (fst x0 i, snd x0 i)
          + momentum_radius (a i)) ^ 2.
Proof.
  intros Hi HD xT. pose proof (delta_nonneg k Hk) as Hd.
  set (x := fun t => zsharp_momentum_iter n eta beta lam rho (tc_delta k) c G mask t x0).
  set (eps := fun t => zsharp_clipped_eps n rho (tc_delta k) c mask (G (fst (x t)))).
  assert (Hstep : forall t, x (S t)
            = sgd_momentum_step n eta beta lam (fun v => G (vadd v (eps t))) (x t)).
  { intros t. unfold x, eps, zsharp_momentum_iter. cbn [sgd_momentum_iter].
    unfold sgd_momentum_step, zsharp_perturbed_grad. reflexivity. }
  assert (Heps : forall t, norm n (eps t) <= rho)
    by (intros t; apply zsharp_clipped_eps_norm_le; lra).
  split; [apply (momentum_perturbed_coord_ball x eps i Hstep Heps Hi HD T)
         | apply (momentum_perturbed_w2_le x eps i T Hstep Heps Hi HD)].
Qed.
End MomentumBall.
