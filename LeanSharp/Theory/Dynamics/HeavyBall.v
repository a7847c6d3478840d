(** * LeanSharp.Theory.Dynamics.HeavyBall — SGD with momentum and weight decay (torch convention)

    ZSharp's base optimizer is torch.optim.SGD(lr η = 0.01, momentum β = 0.9,
    weight_decay λ = 5e-4). torch's step is d = g + λw; b ← βb + d; w ← w − ηb. With the
    buffer started at b₀ = 0 the first step gives b₁ = d, which is torch's "buf = d".

    Definitions
    - [trainer_consts] (η, β, λ, ρ, δ): the constants of torch's SGD with momentum and of
      the perturbation, one record; [zsharp_consts] = (0.01, 0.9, 5e-4, 0.05, 1e-12), ZSharp's;
      [trainer_consts_ok k]: η > 0, 0 < β < 1, ρ ≥ 0, δ ≥ 0 ([zsharp_consts_ok])
    - [sgd_momentum_step n eta beta lam G (w, b)] = (w − ηb', b'),  b' = βb + (G w + λw);
      [sgd_momentum_iter] its T-th iterate
    - [hb_step eta beta lam g (w, b)]: the same step on R × R for a scalar gradient g;
      [hb_iter] its iterate. On g(w) = a·w, with h = a + λ, the state (b, w) moves by
      the linear map M = [[β, h], [−ηβ, 1 − ηh]], det M = β, tr M = 1 + β − ηh
    - [hb_energy eta beta h (w, b)] = Q = ηβ b² + (β + ηh − 1) b w + h w²  (= −(x ∧ Mx))
    - [hb_disc eta beta h] = D = 4β − (1 + β − ηh)² = 4ηβh − (β + ηh − 1)²: the
      discriminant of M's characteristic polynomial (sign flipped), so D > 0 is the
      complex-eigenvalue regime; D > 0 makes Q positive definite ([hb_w2_le_energy])

    Main results
    - [sgd_momentum_first_buffer]: b₀ = 0 ⇒ b₁ = G w + λw (torch's first step)
    - [wedge_image_det]: any 2×2 M: (Mx) ∧ (M²x) = det M · (x ∧ Mx)
    - [hb_energy_step]: Q(M x) = β Q(x);  [hb_energy_iter]: Q(x_T) = β^T Q(x₀) exactly
    - [hb_disc_range]: β ≥ 0 ⇒ (D > 0 ⟺ (1 − √β)² < ηh < (1 + √β)²)
    - [hb_w2_le_energy]: ηβ > 0, D > 0 ⇒ w² ≤ (4ηβ/D)·Q(w, b)  (completing the square);
      [hb_b2_le_energy]: b² ≤ (4h/D)·Q(w, b)
    - [hb_iter_w2_le]: w_T² ≤ (4ηβ/D)·β^T·Q(x₀): w_T → 0 at rate √β per step;
      [hb_iter_w2_le_start]: b₀ = 0 ⇒ w_T² ≤ (4ηβh/D)·β^T·w₀²
    - [hb_centered_iter_w2_le]: any centre c, L = a(w − c)²/2, h = a + λ ≠ 0: the iterates
      approach w* = a c/(a + λ), not c (weight decay shifts the minimiser):
      (w_T − w* )² ≤ (4ηβ/D)·β^T·Q(w₀ − w*, b₀)
    - [sgd_momentum_coord]: on [quad_diag n a] the vector iterate is, coordinate by
      coordinate, the scalar iterate with h_i = a_i + λ;
      [sgd_momentum_quad_diag_energy]: ‖w_T‖² ≤ β^T Σ_i (4ηβ/D_i)·Q_i(w₀ᵢ, b₀ᵢ);
      [sgd_momentum_quad_diag_rate]: b₀ = 0, D_i ≥ Dmin > 0, h_i ≤ hmax ⇒
        ‖w_T‖² ≤ (4ηβ·hmax/Dmin)·β^T·‖w₀‖²
    - ZSharp's constants η = 0.01, β = 0.9: [hb_disc_zsharp_range]: every
      h ∈ [0.27, 379] has D ≥ 0.00025 > 0; [sgd_momentum_zsharp_rate]: if every
      a_i + 5e-4 ∈ [0.27, 379], ‖w_T‖² ≤ (4·0.01·0.9·379/0.00025)·0.9^T·‖w₀‖²

    Scope: the rates are for (diagonal) quadratics only, the exact linear dynamics of the
    heavy ball; nothing here is claimed for general smooth losses. The constant ≈ 5.5·10⁴
    of the range-wide bound is large because D is small near the edge ηh = (1 − √β)²; at
    a single curvature it is small (h = 1.0005: 4ηβh/D < 1.3, Examples/Dynamics/HeavyBallWitness). *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
Open Scope R_scope.

(** ** The torch step *)

Definition sgd_momentum_step (n : nat) (eta beta lam : R) (G : W n -> W n)
    (x : W n * W n) : W n * W n :=
  let b' := vadd (vscale beta (snd x)) (vadd (G (fst x)) (vscale lam (fst x))) in
  (vsub (fst x) (vscale eta b'), b').

Fixpoint sgd_momentum_iter (n : nat) (eta beta lam : R) (G : W n -> W n)
    (T : nat) (x : W n * W n) : W n * W n :=
  match T with
  | O => x
  | S k => sgd_momentum_step n eta beta lam G (sgd_momentum_iter n eta beta lam G k x)
  end.

(** Started from b₀ = 0, the first buffer is torch's d = G w + λw. *)
Lemma sgd_momentum_first_buffer n eta beta lam G (w : W n) i :
  snd (sgd_momentum_step n eta beta lam G (w, vzero)) i = G w i + lam * w i.
Proof. unfold sgd_momentum_step, vadd, vscale, vzero. simpl. ring. Qed.

(** ** The scalar step and the 2×2 invariant *)

Definition hb_step (eta beta lam : R) (g : R -> R) (x : R * R) : R * R :=
  let b' := beta * snd x + (g (fst x) + lam * fst x) in (fst x - eta * b', b').

Fixpoint hb_iter (eta beta lam : R) (g : R -> R) (T : nat) (x : R * R) : R * R :=
  match T with O => x | S k => hb_step eta beta lam g (hb_iter eta beta lam g k x) end.

Definition hb_energy (eta beta h : R) (x : R * R) : R :=
  eta * beta * snd x ^ 2 + (beta + eta * h - 1) * snd x * fst x + h * fst x ^ 2.

Definition hb_disc (eta beta h : R) : R := 4 * beta - (1 + beta - eta * h) ^ 2.

(** For every 2×2 matrix M: (Mx) ∧ (M(Mx)) = det M · (x ∧ Mx). *)
Lemma wedge_image_det m11 m12 m21 m22 x1 x2 :
  let y1 := m11 * x1 + m12 * x2 in let y2 := m21 * x1 + m22 * x2 in
  y1 * (m21 * y1 + m22 * y2) - y2 * (m11 * y1 + m12 * y2)
    = (m11 * m22 - m12 * m21) * (x1 * y2 - x2 * y1).
Proof. simpl. ring. Qed.

(** Q is minus the wedge x ∧ Mx for x = (b, w), M = [[β, h], [−ηβ, 1 − ηh]]. *)
Lemma hb_energy_wedge eta beta h w b :
  hb_energy eta beta h (w, b)
    = - (b * (- eta * beta * b + (1 - eta * h) * w) - w * (beta * b + h * w)).
Proof. unfold hb_energy. simpl. ring. Qed.

Lemma hb_disc_alt eta beta h :
  hb_disc eta beta h = 4 * eta * beta * h - (beta + eta * h - 1) ^ 2.
Proof. unfold hb_disc. ring. Qed.

Theorem hb_energy_step eta beta lam a x :
  hb_energy eta beta (a + lam) (hb_step eta beta lam (fun y => a * y) x)
    = beta * hb_energy eta beta (a + lam) x.
Proof. unfold hb_energy, hb_step. simpl. ring. Qed.

Theorem hb_energy_iter eta beta lam a T x :
  hb_energy eta beta (a + lam) (hb_iter eta beta lam (fun y => a * y) T x)
    = beta ^ T * hb_energy eta beta (a + lam) x.
Proof.
  induction T as [|T IH]; simpl; [ring|]. rewrite hb_energy_step, IH. ring.
Qed.

(** D > 0 is the eigenvalue condition (1 − √β)² < ηh < (1 + √β)². *)
Theorem hb_disc_range eta beta h :
  0 <= beta ->
  (0 < hb_disc eta beta h <-> (1 - sqrt beta) ^ 2 < eta * h < (1 + sqrt beta) ^ 2).
Proof.
  intros Hb. pose proof (sqrt_pos beta) as Hs. pose proof (sqrt_sqrt beta Hb) as Hss.
  assert (Hf : hb_disc eta beta h
               = (eta * h - (1 - sqrt beta) ^ 2) * ((1 + sqrt beta) ^ 2 - eta * h)).
  { unfold hb_disc. rewrite <- Hss at 1 2 3. ring_simplify. rewrite Hss. ring. }
  rewrite Hf. assert (Hle : (1 - sqrt beta) ^ 2 <= (1 + sqrt beta) ^ 2) by nra.
  split; [intros H | intros [H1 H2]; nra].
  destruct (Rlt_dec (eta * h) ((1 + sqrt beta) ^ 2)); nra.
Qed.

(** Completing the square: 4ηβ·Q = (2ηβ b + (β + ηh − 1) w)² + D w². *)
Theorem hb_w2_le_energy eta beta h x :
  0 < eta * beta -> 0 < hb_disc eta beta h ->
  fst x ^ 2 <= 4 * eta * beta / hb_disc eta beta h * hb_energy eta beta h x.
Proof.
  intros Hab HD. rewrite hb_disc_alt in *. unfold hb_energy.
  set (D := 4 * eta * beta * h - (beta + eta * h - 1) ^ 2) in *.
  assert (Hsq : D * fst x ^ 2 <= 4 * eta * beta * (eta * beta * snd x ^ 2
                 + (beta + eta * h - 1) * snd x * fst x + h * fst x ^ 2)).
  { pose proof (pow2_ge_0 (2 * eta * beta * snd x + (beta + eta * h - 1) * fst x)).
    unfold D. nra. }
  apply (Rmult_le_reg_l D); [exact HD|]. unfold Rdiv.
  replace (D * (4 * eta * beta * / D * (eta * beta * snd x ^ 2
           + (beta + eta * h - 1) * snd x * fst x + h * fst x ^ 2)))
    with (4 * eta * beta * (eta * beta * snd x ^ 2
           + (beta + eta * h - 1) * snd x * fst x + h * fst x ^ 2)) by (field; lra).
  exact Hsq.
Qed.

(** The buffer is controlled too: 4h·Q = (2h w + (β + ηh − 1) b)² + D b². *)
Theorem hb_b2_le_energy eta beta h x :
  0 < hb_disc eta beta h -> snd x ^ 2 <= 4 * h / hb_disc eta beta h * hb_energy eta beta h x.
Proof.
  intros HD. rewrite hb_disc_alt in *. unfold hb_energy.
  set (D := 4 * eta * beta * h - (beta + eta * h - 1) ^ 2) in *.
  pose proof (pow2_ge_0 (2 * h * fst x + (beta + eta * h - 1) * snd x)).
  apply (Rmult_le_reg_l D); [exact HD|]. unfold Rdiv.
  replace (D * (4 * h * / D * (eta * beta * snd x ^ 2
           + (beta + eta * h - 1) * snd x * fst x + h * fst x ^ 2)))
    with (4 * h * (eta * beta * snd x ^ 2
           + (beta + eta * h - 1) * snd x * fst x + h * fst x ^ 2)) by (field; lra).
  unfold D. nra.
Qed.

(** ** Geometric convergence on a scalar quadratic *)

Section ScalarRate.
Context (eta beta lam a : R).
Hypothesis Heb : 0 < eta * beta.
Hypothesis HD : 0 < hb_disc eta beta (a + lam).

Theorem hb_iter_w2_le T x :
  fst (hb_iter eta beta lam (fun y => a * y) T x) ^ 2
    <= 4 * eta * beta / hb_disc eta beta (a + lam) * beta ^ T
       * hb_energy eta beta (a + lam) x.
Proof.
  eapply Rle_trans; [apply (hb_w2_le_energy eta beta (a + lam)); assumption|].
  rewrite hb_energy_iter. right. ring.
Qed.

Corollary hb_iter_w2_le_start T w0 :
  fst (hb_iter eta beta lam (fun y => a * y) T (w0, 0)) ^ 2
    <= 4 * eta * beta * (a + lam) / hb_disc eta beta (a + lam) * beta ^ T * w0 ^ 2.
Proof.
  eapply Rle_trans; [apply hb_iter_w2_le|]. unfold hb_energy. simpl. right. field. lra.
Qed.

(** Centre c: L = a(w − c)²/2, torch gradient a(w − c) + λw = h(w − w* ), w* = ac/h. *)
Lemma hb_step_centered c x :
  a + lam <> 0 ->
  let ws := a * c / (a + lam) in
  hb_step eta beta lam (fun y => a * (y - c)) x
    = (fst (hb_step eta beta lam (fun y => a * y) (fst x - ws, snd x)) + ws,
       snd (hb_step eta beta lam (fun y => a * y) (fst x - ws, snd x))).
Proof.
  intros Hh ws. unfold hb_step, ws. simpl. f_equal; field; exact Hh.
Qed.

Lemma hb_iter_centered c T x :
  a + lam <> 0 ->
  let ws := a * c / (a + lam) in
  hb_iter eta beta lam (fun y => a * (y - c)) T x
    = (fst (hb_iter eta beta lam (fun y => a * y) T (fst x - ws, snd x)) + ws,
       snd (hb_iter eta beta lam (fun y => a * y) T (fst x - ws, snd x))).
Proof.
  intros Hh ws. induction T as [|T IH]; simpl; [destruct x; simpl; f_equal; ring|].
  rewrite IH, hb_step_centered by exact Hh. fold ws. simpl. f_equal; ring.
Qed.

Theorem hb_centered_iter_w2_le c T x :
  a + lam <> 0 ->
  let ws := a * c / (a + lam) in
  (fst (hb_iter eta beta lam (fun y => a * (y - c)) T x) - ws) ^ 2
    <= 4 * eta * beta / hb_disc eta beta (a + lam) * beta ^ T
       * hb_energy eta beta (a + lam) (fst x - ws, snd x).
Proof.
  intros Hh ws. rewrite hb_iter_centered by exact Hh. fold ws. simpl.
  replace (_ + ws - ws) with (fst (hb_iter eta beta lam (fun y => a * y) T (fst x - ws, snd x)))
    by ring.
  apply hb_iter_w2_le.
Qed.
End ScalarRate.

(** ** The vector step on a diagonal quadratic ½ Σ a_i w_i² *)

Lemma sgd_momentum_step_coord n eta beta lam a (x : W n * W n) i :
  (fst (sgd_momentum_step n eta beta lam (quad_diag_grad a) x) i,
   snd (sgd_momentum_step n eta beta lam (quad_diag_grad a) x) i)
  = hb_step eta beta lam (fun y => a i * y) (fst x i, snd x i).
Proof. reflexivity. Qed.

Theorem sgd_momentum_coord n eta beta lam a T (x : W n * W n) i :
  (fst (sgd_momentum_iter n eta beta lam (quad_diag_grad a) T x) i,
   snd (sgd_momentum_iter n eta beta lam (quad_diag_grad a) T x) i)
  = hb_iter eta beta lam (fun y => a i * y) T (fst x i, snd x i).
Proof.
  induction T as [|T IH]; [reflexivity|]. cbn [sgd_momentum_iter hb_iter].
  rewrite <- IH. apply sgd_momentum_step_coord.
Qed.

Theorem sgd_momentum_quad_diag_energy n eta beta lam a T (x : W n * W n) :
  0 < eta * beta -> (forall i, (i < n)%nat -> 0 < hb_disc eta beta (a i + lam)) ->
  norm2 n (fst (sgd_momentum_iter n eta beta lam (quad_diag_grad a) T x))
    <= beta ^ T * vsum n (fun i => 4 * eta * beta / hb_disc eta beta (a i + lam)
                                   * hb_energy eta beta (a i + lam) (fst x i, snd x i)).
Proof.
  intros Heb HD. unfold norm2, inner. rewrite <- vsum_scal. apply vsum_le. intros i Hi.
  pose proof (hb_iter_w2_le eta beta lam (a i) Heb (HD i Hi) T (fst x i, snd x i)) as H.
  rewrite <- sgd_momentum_coord in H. cbn [fst] in H. lra.
Qed.

(** torch's start b₀ = 0, curvatures h_i = a_i + λ ≤ hmax with D_i ≥ Dmin > 0. *)
Theorem sgd_momentum_quad_diag_rate n eta beta lam a hmax Dmin T (w0 : W n) :
  0 < eta -> 0 < beta -> 0 < Dmin ->
  (forall i, (i < n)%nat -> Dmin <= hb_disc eta beta (a i + lam) /\ a i + lam <= hmax) ->
  norm2 n (fst (sgd_momentum_iter n eta beta lam (quad_diag_grad a) T (w0, vzero)))
    <= 4 * eta * beta * hmax / Dmin * beta ^ T * norm2 n w0.
Proof.
  intros He Hb HDm Hi.
  eapply Rle_trans.
  { apply sgd_momentum_quad_diag_energy; [nra|]. intros i Hn. pose proof (Hi i Hn). lra. }
  unfold norm2, inner. rewrite <- (vsum_scal n (4 * eta * beta * hmax / Dmin * beta ^ T)).
  rewrite <- vsum_scal. apply vsum_le. intros i Hn. destruct (Hi i Hn) as [HD Hh].
  cbn [fst snd]. unfold hb_energy, vzero. cbn [fst snd].
  pose proof (pow_le beta T (Rlt_le _ _ Hb)) as HbT.
  set (D := hb_disc eta beta (a i + lam)) in *. set (h := a i + lam) in *.
  assert (Hhpos : 0 < h).
  { pose proof (hb_disc_alt eta beta h) as E. fold D in E.
    pose proof (pow2_ge_0 (beta + eta * h - 1)). assert (0 < eta * beta) by nra. nra. }
  assert (Hq : h / D <= hmax / Dmin).
  { unfold Rdiv. apply Rmult_le_compat; try lra.
    - left. apply Rinv_0_lt_compat. lra.
    - apply Rinv_le_contravar; lra. }
  pose proof (Rle_0_sqr (w0 i)) as Hw. unfold Rsqr in Hw.
  replace (4 * eta * beta / D * (eta * beta * 0 ^ 2 + (beta + eta * h - 1) * 0 * w0 i
           + h * w0 i ^ 2)) with (4 * eta * beta * (w0 i * w0 i) * (h / D)) by (field; lra).
  replace (4 * eta * beta * hmax / Dmin * beta ^ T * (w0 i * w0 i))
    with (4 * eta * beta * (w0 i * w0 i) * (hmax / Dmin) * beta ^ T) by (field; lra).
  assert (0 <= 4 * eta * beta * (w0 i * w0 i)) by (apply Rmult_le_pos; nra).
  assert (4 * eta * beta * (w0 i * w0 i) * (h / D)
          <= 4 * eta * beta * (w0 i * w0 i) * (hmax / Dmin)) by (apply Rmult_le_compat_l; lra).
  nra.
Qed.

(** ** ZSharp's constants: lr 0.01, momentum 0.9, weight decay 5e-4 *)

Theorem hb_disc_zsharp_range h : 0.27 <= h <= 379 -> 0.00025 <= hb_disc 0.01 0.9 h.
Proof.
  intros [H1 H2]. unfold hb_disc.
  assert (0 <= (h - 0.27) * (379 - h)) by (apply Rmult_le_pos; lra). nra.
Qed.

Theorem sgd_momentum_zsharp_rate n a T (w0 : W n) :
  (forall i, (i < n)%nat -> 0.27 <= a i + 5e-4 <= 379) ->
  norm2 n (fst (sgd_momentum_iter n 0.01 0.9 5e-4 (quad_diag_grad a) T (w0, vzero)))
    <= 4 * 0.01 * 0.9 * 379 / 0.00025 * 0.9 ^ T * norm2 n w0.
Proof.
  intros Ha. apply sgd_momentum_quad_diag_rate; try lra.
  intros i Hi. split; [apply hb_disc_zsharp_range|]; apply Ha in Hi; lra.
Qed.

(** ** The constants as one record *)

Record trainer_consts : Type := TrainerConsts {
  tc_lr : R; tc_momentum : R; tc_wd : R; tc_rho : R; tc_delta : R }.

(** ZSharp's trainer: lr 0.01, momentum 0.9, weight decay 5e-4, ρ = 0.05, δ = 1e-12. *)
Definition zsharp_consts : trainer_consts := TrainerConsts 0.01 0.9 5e-4 0.05 1e-12.

(** The range the theorems run the trainer in: η > 0, 0 < β < 1, ρ ≥ 0, δ ≥ 0. *)
Record trainer_consts_ok (k : trainer_consts) : Prop := TrainerConstsOk {
  lr_pos : 0 < tc_lr k;
  momentum_range : 0 < tc_momentum k < 1;
  rho_nonneg : 0 <= tc_rho k;
  delta_nonneg : 0 <= tc_delta k }.

Lemma zsharp_consts_ok : trainer_consts_ok zsharp_consts.
Proof. split; cbn; lra. Qed.
