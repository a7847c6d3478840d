(** * LeanSharp.Optim.Objective — the objectives the convergence theorems share, as records

    A theorem about a smooth or strongly convex loss takes one of these records instead of
    restating the hypothesis block; a witness builds the record once
    ([Examples.Models.bowl_objective]) and passes it.

    Definitions
    - [smooth_objective n]: a loss [loss F] on W n with gradient [grad F]
      ([is_gradient]), [grad F] is [lip F]-Lipschitz ([lipschitz_grad]), 0 < lip F
    - [strongly_convex_objective n]: a smooth objective that is [curv F]-strongly convex,
      0 < curv F ≤ lip F, with a critical point [minimiser F] (∇L(w* ) = 0 on [0, n));
      it coerces to its smooth part

    Main results
    - [curv_le_lip_inv]: η ≤ 1/Lc ⇒ ημ ≤ 1 (the step is short enough for the curvature) *)


From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
Open Scope R_scope.

Record smooth_objective (n : nat) : Type := SmoothObjective {
  loss : W n -> R;
  grad : W n -> W n;
  lip : R;
  loss_gradient : is_gradient n loss grad;
  grad_lipschitz : lipschitz_grad n grad lip;
  lip_pos : 0 < lip }.

Arguments SmoothObjective {n}.
Arguments loss {n}. Arguments grad {n}. Arguments lip {n}.
Arguments loss_gradient {n}. Arguments grad_lipschitz {n}. Arguments lip_pos {n}.

Record strongly_convex_objective (n : nat) : Type := StronglyConvexObjective {
  smooth_part :> smooth_objective n;
  curv : R;
  minimiser : W n;
  loss_strongly_convex : strongly_convex n (loss smooth_part) (grad smooth_part) curv;
  curv_pos : 0 < curv;
  curv_le_lip : curv <= lip smooth_part;
  grad_minimiser : forall i, (i < n)%nat -> grad smooth_part minimiser i = 0 }.

Arguments StronglyConvexObjective {n}.
Arguments smooth_part {n}. Arguments curv {n}. Arguments minimiser {n}.
Arguments loss_strongly_convex {n}. Arguments curv_pos {n}. Arguments curv_le_lip {n}.
Arguments grad_minimiser {n}.

Lemma curv_le_lip_inv {n} (F : strongly_convex_objective n) eta :
  0 < eta <= / lip F -> eta * curv F <= 1.
Proof.
  intros [He0 He1]. pose proof (curv_pos F). pose proof (curv_le_lip F). pose proof (lip_pos F).
  apply Rle_trans with (eta * lip F); [nra|].
  apply (Rmult_le_compat_r (lip F)) in He1; [|lra]. rewrite Rinv_l in He1; lra.
Qed.
