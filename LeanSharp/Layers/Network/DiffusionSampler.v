(** * LeanSharp.Layers.Network.DiffusionSampler — pathwise stability of a diffusion model's sampler

    A score-based diffusion model generates samples by discretising the reverse-time SDE of
    the Ornstein–Uhlenbeck forward process. With step h ≥ 0, a score network s_t : W n → W n
    (one per time step, e.g. a certified chain of [Layers]) and Gaussian draws z_t, the
    Euler–Maruyama sampler is
        x_{t+1} = x_t + h (x_t + 2 s_t(x_t)) + √(2h) z_t      ([sampler_step], [sampler]).
    Everything below is PATHWISE: it holds for every realisation of the noise z, so two
    samplers driven by the same draws are compared (synchronous coupling).

    Main results (every s_t K-Lipschitz, [Certificate.lipschitz_map]; q = 1 + h(1 + 2K))
    - [sampler_step_lipschitz]: ‖x⁺ − y⁺‖ ≤ q‖x − y‖ for the same draw
    - [sampler_lipschitz]: ‖x_T − y_T‖ ≤ q^T ‖x_0 − y_0‖ — the generated sample depends
      Lipschitz-continuously on the initial noise, with constant q^T
    - [sampler_score_perturbation]: a second score s'_t with ‖s_t(x) − s'_t(x)‖ ≤ δ
      everywhere (e.g. the network after a training step) gives ‖x_T − x'_T‖ ≤ 2hδ·T·q^T
      from the same x_0 and draws
    Not proved (roadmap diffusion.stability, open): distributional bounds (the law of x_T
    vs the data law in KL / Wasserstein), and what ZSharp training does to K. *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Layers.Network Require Import Certificate.
Open Scope R_scope.

Definition sampler_step (h : R) (s : (nat -> R) -> (nat -> R)) (z x : nat -> R) : nat -> R :=
  fun i => x i + h * (x i + 2 * s x i) + sqrt (2 * h) * z i.

Fixpoint sampler (h : R) (s : nat -> (nat -> R) -> (nat -> R)) (z : nat -> nat -> R)
    (x0 : nat -> R) (T : nat) : nat -> R :=
  match T with
  | O => x0
  | S t => sampler_step h (s t) (z t) (sampler h s z x0 t)
  end.

Section Sampler.
Context (n : nat) (h K : R) (s : nat -> (nat -> R) -> (nat -> R)) (z : nat -> nat -> R).
Hypotheses (Hh : 0 <= h) (Hs : forall t, lipschitz_map n n (s t) K).

Lemma K_nonneg : 0 <= K.
Proof. exact (lipschitz_nonneg n n (s 0%nat) K (Hs 0%nat)). Qed.

(** One step, same draw: ‖x⁺ − y⁺‖ ≤ (1 + h(1 + 2K))‖x − y‖. *)
Theorem sampler_step_lipschitz t (x y : nat -> R) :
  norm n (vsub (sampler_step h (s t) (z t) x) (sampler_step h (s t) (z t) y))
  <= (1 + h * (1 + 2 * K)) * norm n (vsub x y).
Proof.
  rewrite (norm_ext n _ (vadd (vscale (1 + h) (vsub x y)) (vscale (2 * h) (vsub (s t x) (s t y)))))
    by (intros; unfold sampler_step, vadd, vscale, vsub; ring).
  eapply Rle_trans; [apply norm_triangle|]. rewrite !norm_scale, !Rabs_pos_eq by lra.
  destruct (Hs t) as [_ Hl]. pose proof (Hl x y). pose proof K_nonneg.
  assert (2 * h * norm n (vsub (s t x) (s t y)) <= 2 * h * (K * norm n (vsub x y)))
    by (apply Rmult_le_compat_l; lra).
  lra.
Qed.

(** The sampler is q^T-Lipschitz in its starting point, for every realisation of the noise. *)
Theorem sampler_lipschitz (x0 y0 : nat -> R) T :
  norm n (vsub (sampler h s z x0 T) (sampler h s z y0 T)) <= (1 + h * (1 + 2 * K)) ^ T * norm n (vsub x0 y0).
Proof.
  pose proof K_nonneg. induction T as [|T IH]; simpl; [lra|].
  eapply Rle_trans; [apply sampler_step_lipschitz|].
  rewrite Rmult_assoc. apply Rmult_le_compat_l; [nra | exact IH].
Qed.

(** A score perturbed by at most δ moves the sample by at most 2hδ·T·q^T. *)
Theorem sampler_score_perturbation (s' : nat -> (nat -> R) -> (nat -> R)) delta (x0 : nat -> R) T :
  (forall t x, norm n (vsub (s t x) (s' t x)) <= delta) ->
  norm n (vsub (sampler h s z x0 T) (sampler h s' z x0 T))
  <= 2 * h * delta * INR T * (1 + h * (1 + 2 * K)) ^ T.
Proof.
  intros Hd. pose proof K_nonneg. set (q := 1 + h * (1 + 2 * K)).
  assert (Hq : 1 <= q) by (unfold q; nra).
  assert (Hdel : 0 <= delta) by (eapply Rle_trans; [apply norm_nonneg | apply (Hd 0%nat x0)]).
  induction T as [|T IH].
  - simpl. rewrite (norm_ext n _ vzero) by (intros; unfold vsub, vzero; ring).
    unfold norm, norm2, inner, vzero. rewrite (vsum_ext n _ (fun _ => 0)) by (intros; ring).
    rewrite vsum_const, Rmult_0_r, sqrt_0. lra.
  - simpl sampler. set (x := sampler h s z x0 T) in *. set (y := sampler h s' z x0 T) in *.
    rewrite (norm_ext n _ (vadd (vsub (sampler_step h (s T) (z T) x) (sampler_step h (s T) (z T) y))
                                (vscale (2 * h) (vsub (s T y) (s' T y)))))
      by (intros; unfold sampler_step, vadd, vscale, vsub; ring).
    eapply Rle_trans; [apply norm_triangle|]. rewrite norm_scale, Rabs_pos_eq by lra.
    pose proof (sampler_step_lipschitz T x y). fold q in H0. pose proof (Hd T y).
    assert (q ^ T <= q ^ S T) by (simpl; rewrite <- (Rmult_1_l (q ^ T)) at 1;
                                  apply Rmult_le_compat_r; [apply pow_le; lra | exact Hq]).
    assert (1 <= q ^ S T) by (apply pow_R1_Rle; exact Hq).
    assert (q * norm n (vsub x y) <= q * (2 * h * delta * INR T * q ^ T))
      by (apply Rmult_le_compat_l; lra).
    assert (2 * h * norm n (vsub (s T y) (s' T y)) <= 2 * h * delta) by (apply Rmult_le_compat_l; lra).
    assert (0 <= 2 * h * delta) by nra. pose proof (pos_INR T).
    assert (2 * h * delta * INR T * q ^ T * q + 2 * h * delta <= 2 * h * delta * INR (S T) * q ^ S T).
    { rewrite S_INR. simpl pow.
      assert (2 * h * delta * 1 <= 2 * h * delta * (q * q ^ T)) by (apply Rmult_le_compat_l; simpl in *; lra).
      nra. }
    nra.
Qed.

End Sampler.
