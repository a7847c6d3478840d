(** * LeanSharp.Theory.Dynamics.SecondOrder — sufficient decrease of the filtered gradient step

    SPEC §2.7 "second-order descent". The Hessian bound ‖∇²L‖ ≤ Lc is stated through
    its first-order consequence, the gradient-Lipschitz hypothesis
    [lipschitz_grad n G Lc] (‖∇L(u) − ∇L(v)‖ ≤ Lc‖u − v‖), which is what the proof
    uses (via the descent lemma [Smooth.descent_lemma_step]); no second derivative is
    formalised.

    With g = ∇L(w), a 0/1 mask m and the filtered gradient g_f = g ⊙ m:
    - [filtered_step_decrease]: L(w − η g_f) ≤ L(w) − η(1 − Lc η/2)‖g_f‖²
    - [filtered_step_nonincreasing]: 0 ≤ η ≤ 2/Lc ⇒ L(w − η g_f) ≤ L(w)
    - [filtered_step_strict_decrease]: 0 < η < 2/Lc, g_f ≠ 0 ⇒ L(w − η g_f) < L(w)
    - [filtered_step_decrease_half]: 0 < η ≤ 1/Lc ⇒ L(w − η g_f) ≤ L(w) − (η/2)‖g_f‖² *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth.
Open Scope R_scope.

Section FilteredStep.
Context {n : nat} {L : W n -> R} {G : W n -> W n} {Lc : R}.
Hypotheses (Hg : is_gradient n L G) (Hl : lipschitz_grad n G Lc).

(** Second-order descent of the filtered step: L(w − η g⊙m) ≤ L(w) − η(1 − Lc η/2)‖g⊙m‖². *)
Theorem filtered_step_decrease eta (w m : W n) :
  is_mask n m ->
  L (vsub w (vscale eta (hadamard (G w) m)))
    <= L w - eta * (1 - Lc * eta / 2) * norm2 n (hadamard (G w) m).
Proof.
  intros Hm. pose proof (descent_lemma_step Hg Hl eta w (hadamard (G w) m)) as H.
  rewrite inner_filtered in H by exact Hm. lra.
Qed.

Corollary filtered_step_nonincreasing eta (w m : W n) :
  0 < Lc -> is_mask n m ->
  0 <= eta <= 2 / Lc -> L (vsub w (vscale eta (hadamard (G w) m))) <= L w.
Proof.
  intros HLc Hm [He0 He1]. pose proof (filtered_step_decrease eta w m Hm).
  pose proof (norm2_nonneg n (hadamard (G w) m)).
  assert (Lc * eta <= 2).
  { apply (Rmult_le_compat_l Lc) in He1; [|lra]. field_simplify in He1; lra. }
  assert (0 <= eta * (1 - Lc * eta / 2)) by (apply Rmult_le_pos; lra). nra.
Qed.

Corollary filtered_step_strict_decrease eta (w m : W n) :
  0 < Lc -> is_mask n m ->
  0 < eta < 2 / Lc -> 0 < norm2 n (hadamard (G w) m) ->
  L (vsub w (vscale eta (hadamard (G w) m))) < L w.
Proof.
  intros HLc Hm [He0 He1] Hpos. pose proof (filtered_step_decrease eta w m Hm).
  assert (Lc * eta < 2).
  { apply (Rmult_lt_compat_l Lc) in He1; [|lra]. field_simplify in He1; lra. }
  assert (0 < eta * (1 - Lc * eta / 2)) by (apply Rmult_lt_0_compat; lra). nra.
Qed.

Corollary filtered_step_decrease_half eta (w m : W n) :
  0 < Lc -> is_mask n m ->
  0 < eta <= 1 / Lc ->
  L (vsub w (vscale eta (hadamard (G w) m))) <= L w - eta / 2 * norm2 n (hadamard (G w) m).
Proof.
  intros HLc Hm [He0 He1]. pose proof (filtered_step_decrease eta w m Hm).
  pose proof (norm2_nonneg n (hadamard (G w) m)).
  assert (Lc * eta <= 1).
  { apply (Rmult_le_compat_l Lc) in He1; [|lra]. field_simplify in He1; lra. }
  assert (eta / 2 <= eta * (1 - Lc * eta / 2)) by nra. nra.
Qed.

End FilteredStep.
