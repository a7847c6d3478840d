(** * LeanSharp.Examples.Layers.DiffusionWitness — the sampler of a Gaussian diffusion model

    Data law N(0, I) on W 2: its score is s(x) = −x at every time, 1-Lipschitz
    ([gauss_score_lipschitz]). Step h = 0.01, so q = 1 + h(1 + 2K) = 1.03. A perturbed score
    s'(x) = −x + δ·e₀ ([shifted_score_close]) models a network off by δ.

    Witnesses (for every realisation z of the Gaussian draws)
    - [gauss_sampler_lipschitz] ([Layers.Network.DiffusionSampler.sampler_lipschitz]):
          ‖x_T − y_T‖ ≤ 1.03^T ‖x_0 − y_0‖
    - [gauss_sampler_perturbation] ([sampler_score_perturbation]):
          ‖x_T − x'_T‖ ≤ 0.02·δ·T·1.03^T
    - [gauss_sampler_moves]: the sampler is not trivial: one step from x_0 = e₀ with z = 0
      gives 0.99·e₀ (the drift x + 2s(x) = −x pulls toward the mode) *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Layers.Network Require Import Certificate DiffusionSampler.
From LeanSharp.Examples Require Import Models.
Open Scope R_scope.

Definition gauss_score : nat -> (nat -> R) -> (nat -> R) := fun _ x => vopp x.
Definition shifted_score (delta : R) : nat -> (nat -> R) -> (nat -> R) :=
  fun _ x => vadd (vopp x) (vscale delta e0).

Lemma gauss_score_lipschitz t : lipschitz_map 2 2 (gauss_score t) 1.
Proof.
  split; [lra|]. intros u v. rewrite Rmult_1_l.
  rewrite (norm_ext 2 _ (vscale (-1) (vsub u v))) by (intros; unfold gauss_score, vsub, vopp, vscale; ring).
  rewrite norm_scale. replace (Rabs (-1)) with 1 by (rewrite Rabs_left; lra). lra.
Qed.

Lemma shifted_score_close delta t x :
  0 <= delta -> norm 2 (vsub (gauss_score t x) (shifted_score delta t x)) <= delta.
Proof.
  intros Hd. rewrite (norm_ext 2 _ (vscale (- delta) e0))
    by (intros; unfold gauss_score, shifted_score, vsub, vadd, vopp, vscale; ring).
  rewrite norm_scale. unfold norm. rewrite norm2_e0, sqrt_1 by lia.
  rewrite Rabs_Ropp, Rabs_pos_eq by lra. lra.
Qed.

Theorem gauss_sampler_lipschitz (z : nat -> nat -> R) x0 y0 T :
  norm 2 (vsub (sampler 0.01 gauss_score z x0 T) (sampler 0.01 gauss_score z y0 T))
  <= 1.03 ^ T * norm 2 (vsub x0 y0).
Proof.
  replace 1.03 with (1 + 0.01 * (1 + 2 * 1)) by lra.
  apply sampler_lipschitz; [lra | exact gauss_score_lipschitz].
Qed.

Theorem gauss_sampler_perturbation (z : nat -> nat -> R) delta x0 T :
  0 <= delta ->
  norm 2 (vsub (sampler 0.01 gauss_score z x0 T) (sampler 0.01 (shifted_score delta) z x0 T))
  <= 0.02 * delta * INR T * 1.03 ^ T.
Proof.
  intros Hd. replace 1.03 with (1 + 0.01 * (1 + 2 * 1)) by lra.
  replace 0.02 with (2 * 0.01) by lra.
  apply sampler_score_perturbation; [lra | exact gauss_score_lipschitz |].
  intros t x. now apply shifted_score_close.
Qed.

Theorem gauss_sampler_moves i :
  sampler 0.01 gauss_score (fun _ _ => 0) e0 1 i = 0.99 * e0 i.
Proof. simpl. unfold sampler_step, gauss_score, vopp. rewrite Rmult_0_r. lra. Qed.
