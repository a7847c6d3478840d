(** * LeanSharp.Theory.Dynamics.Trainer — ZSharp's trainer loop as its code runs, and its two fixes

    Upstream's trainer (bangyen/zsharp, [src/trainer.py] [_run_train_step], ZSharp branch,
    with [src/optimizer.py]) never calls [zero_grad]: [loss.backward()] adds ∇L(w) to what
    [p.grad] holds, [clip_grad_norm_] clips that sum, [first_step] writes the MASKED
    gradient back into [p.grad] and perturbs w, the second [backward()] adds ∇L(w + ε),
    and torch SGD steps with that sum, which stays in [p.grad] for the next iteration.

    The mathematics. State s_t = (w_t, b_{t−1}, d_{t−1}) (weights, torch's momentum buffer,
    what [p.grad] holds), s_0 = (w_0, 0, 0). With pre = the gradient preprocessing (torch's
    [clip_grad_norm_] at c, [Optim.Clipping.clip]; the identity without clipping), mask =
    the mask rule (ZSharp's network rule [Filter.NetworkMask.zsharp_net_mask]), one
    iteration of the loop with gradient source src is
      p_t = d_{t−1} + ∇L(w_t)   (src = as_written: the carried sum)
      p_t = ∇L(w_t)             (src = zero_grad or closure)
      g_t = pre(p_t),  f_t = g_t ⊙ mask(g_t),  ε_t = ρ f_t/(‖f_t‖ + δ)
      d_t = f_t + ∇L(w_t + ε_t) (as_written, zero_grad: the second backward adds)
      d_t = ∇L(w_t + ε_t)       (closure: the closure zeroes the gradient first)
      b_t = βb_{t−1} + d_t + λw_t,   w_{t+1} = w_t − ηb_t   (torch SGD; b_{−1} = 0 gives
                                                           torch's first buffer d + λw)
    Loop (i) "zero_grad at the top of each iteration" and loop (ii) "the closure use" are
    the two fixes; (ii) is the update every earlier dynamics theorem of the library is
    about ([Theory.Dynamics.ZSharpMomentum.zsharp_momentum_iter]).

    Definitions
    - [grad_source] = [as_written] | [zero_grad] | [closure]
    - the constants ([HeavyBall.trainer_consts] (η, β, λ, ρ, δ), ZSharp's
      [HeavyBall.zsharp_consts] = (0.01, 0.9, 5e-4, 0.05, 1e-12))
    - [trainer_state n] = (w, b, d);  [trainer_start w0] = (w0, 0, 0)
    - [trainer_first_grad] p_t, [trainer_filtered] f_t, [trainer_eps] ε_t,
      [trainer_grad] d_t, [trainer_step], [trainer_iter]

    Main results
    - [trainer_closure_is_momentum_iter]: loop (ii) with pre = clip c is, on (w, b),
      exactly [ZSharpMomentum.zsharp_momentum_iter] (so its theorems are about loop (ii))
    - [as_written_carries]: as written, p_{t+1} = d_t + ∇L(w_{t+1}): the gradient the
      next iteration filters is the previous masked gradient plus two fresh gradients
    - [as_written_kept_coord]: on L = ½Σ a_i w_i², as written, per coordinate
      d_{t,i} = f_{t,i}(1 + a_iρ/(‖f_t‖ + δ)) + a_i w_{t,i}
    - [trainer_dropped_grad]: wherever the mask drops coordinate i (m_i = 0), f_{t,i} = 0,
      ε_{t,i} = 0 and d_{t,i} = ∇L(w_t + ε_t)_i, in every loop: the as-written loop
      carries nothing in a dropped coordinate *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import SAM Clipping.
From LeanSharp.Theory.Dynamics Require Import HeavyBall ZSharpMomentum.
Open Scope R_scope.

Inductive grad_source : Set := as_written | zero_grad | closure.

Record trainer_state (n : nat) : Type := TrainerState { st_w : W n; st_b : W n; st_d : W n }.
Arguments TrainerState {n}.
Arguments st_w {n}.
Arguments st_b {n}.
Arguments st_d {n}.

Definition trainer_start {n : nat} (w0 : W n) : trainer_state n := TrainerState w0 vzero vzero.

Section Loop.
Context {n : nat} (k : trainer_consts) (pre mask G : W n -> W n).

Definition trainer_first_grad (src : grad_source) (s : trainer_state n) : W n :=
  match src with
  | as_written => vadd (st_d s) (G (st_w s))
  | zero_grad | closure => G (st_w s)
  end.

Definition trainer_filtered (src : grad_source) (s : trainer_state n) : W n :=
  let g := pre (trainer_first_grad src s) in hadamard g (mask g).

Definition trainer_eps (src : grad_source) (s : trainer_state n) : W n :=
  sam_eps n (tc_rho k) (tc_delta k) (trainer_filtered src s).

Definition trainer_grad (src : grad_source) (s : trainer_state n) : W n :=
  let g2 := G (vadd (st_w s) (trainer_eps src s)) in
  match src with
  | closure => g2
  | as_written | zero_grad => vadd (trainer_filtered src s) g2
  end.

Definition trainer_step (src : grad_source) (s : trainer_state n) : trainer_state n :=
  let b := vadd (vscale (tc_momentum k) (st_b s))
                (vadd (trainer_grad src s) (vscale (tc_wd k) (st_w s))) in
  TrainerState (vsub (st_w s) (vscale (tc_lr k) b)) b (trainer_grad src s).

Fixpoint trainer_iter (src : grad_source) (T : nat) (s : trainer_state n) : trainer_state n :=
  match T with O => s | S t => trainer_step src (trainer_iter src t s) end.

Lemma trainer_iter_S src T s : trainer_iter src (S T) s = trainer_step src (trainer_iter src T s).
Proof. reflexivity. Qed.

(** As written, the next first gradient is the carried sum plus a fresh gradient. *)
Theorem as_written_carries s :
  trainer_first_grad as_written (trainer_step as_written s)
    = vadd (vadd (trainer_filtered as_written s) (G (vadd (st_w s) (trainer_eps as_written s))))
           (G (st_w (trainer_step as_written s))).
Proof. reflexivity. Qed.

(** A dropped coordinate carries nothing: f_i = 0, ε_i = 0, d_i = ∇L(w + ε)_i. *)
Theorem trainer_dropped_grad src s i :
  mask (pre (trainer_first_grad src s)) i = 0 ->
  trainer_filtered src s i = 0 /\ trainer_eps src s i = 0
  /\ trainer_grad src s i = G (vadd (st_w s) (trainer_eps src s)) i.
Proof.
  intros Hm. assert (Hf : trainer_filtered src s i = 0)
    by (unfold trainer_filtered, hadamard; rewrite Hm; ring).
  assert (He : trainer_eps src s i = 0) by (unfold trainer_eps, sam_eps, vscale; rewrite Hf; ring).
  split; [exact Hf | split; [exact He|]].
  unfold trainer_grad. destruct src; try reflexivity; cbv beta zeta; unfold vadd at 1; rewrite Hf; ring.
Qed.

(** On L = ½Σ a_i w_i², as written: d_i = f_i(1 + a_iρ/(‖f‖ + δ)) + a_i w_i. *)
Theorem as_written_kept_coord (a : nat -> R) s i :
  (forall v j, (j < n)%nat -> G v j = a j * v j) -> (i < n)%nat ->
  let f := trainer_filtered as_written s in
  trainer_grad as_written s i
    = f i * (1 + a i * tc_rho k / (norm n f + tc_delta k)) + a i * st_w s i.
Proof.
  intros HG Hi f. unfold trainer_grad, trainer_eps, sam_eps, vadd, vscale.
  rewrite HG by exact Hi. fold f. unfold vadd, vscale. unfold Rdiv. ring.
Qed.

End Loop.

(** Loop (ii) is the library's momentum model: on (w, b) it is
    [ZSharpMomentum.zsharp_momentum_iter] with the same constants, clip c and mask. *)
Theorem trainer_closure_is_momentum_iter {n : nat} (k : trainer_consts) c (mask G : W n -> W n)
    T (s : trainer_state n) :
  let sT := trainer_iter k (clip n c) mask G closure T s in
  (st_w sT, st_b sT)
    = zsharp_momentum_iter n (tc_lr k) (tc_momentum k) (tc_wd k) (tc_rho k) (tc_delta k) c G
        mask T (st_w s, st_b s).
Proof.
  induction T as [|T IH]; [reflexivity|]. cbv zeta in *.
  unfold zsharp_momentum_iter in *. cbn [sgd_momentum_iter]. rewrite <- IH. reflexivity.
Qed.
