(** * LeanSharp.Theory.Dynamics.TrainerBounded — the three trainer loops on diagonal quadratics:
      bounded under clipping (every mask rule), and dropped coordinates move by the exact
      heavy-ball map

    Setting: L(w) = ½Σ a_i w_i² (any G with G(v)_i = a_i v_i), the loops of
    [Theory.Dynamics.Trainer] with constants (η, β, λ, ρ, δ), a mask rule whose masks are 0/1 and a
    preprocessing bounded by c (‖pre g‖ ≤ c for every g: torch's clipping at c,
    [Optim.Clipping.norm_clip_le]). Per coordinate x_i = (w_i, b_i), h_i = a_i + λ,
    D_i = [HeavyBall.hb_disc] η β h_i, Q_i = [HeavyBall.hb_energy] and √Q_i = [hb_norm].

    The mathematics. One iteration moves coordinate i by the heavy-ball map M_i plus a kick
    along (−η, 1):  x_i' = M_i x_i + κ_i·(−η, 1),  κ_i = f_i + a_i ε_i (as written and
    zero_grad: the masked first gradient is in the sum), κ_i = a_i ε_i (closure)
    ([trainer_coord_step]). Since |f_i| ≤ ‖f‖ ≤ ‖pre p‖ ≤ c and |ε_i| ≤ ‖ε‖ ≤ ρ,
    |κ_i| ≤ K_i = c + |a_i|ρ (K_i = |a_i|ρ for the closure) ([trainer_kick_le]), WHATEVER
    the carried sum d holds: clipping cuts the feedback of the carried gradient.

    Main results (every mask rule, every δ ≥ 0; the mask enters only through 0/1)
    - [trainer_coord_ball]: 0 < η, 0 < β < 1, D_i > 0:
        √Q_i(x_T) ≤ √β^T·√Q_i(x_0) + R_i,   R_i = K_i√η/(1 − √β)
    - [trainer_coord_invariant]: the set {√Q_i ≤ R_i} is invariant: every orbit that
      starts in it stays in it (an explicit invariant set of the as-written loop)
    - [trainer_w2_bounded]: w_{T,i}² ≤ (4ηβ/D_i)(√β^T √Q_i(x_0) + R_i)²: every orbit of
      every loop is bounded. For as written this is a bound, not convergence: its radius
      R_i carries the clip level c, which does not shrink near w* (loop (ii)'s radius is
      |a_i|ρ√η/(1 − √β), [ZSharpMomentum.zsharp_momentum_ball])
    - [trainer_dropped_coord]: where the mask drops coordinate i (m_i = 0 at iteration t),
      x_i' = M_i x_i exactly (no ρ term, no carried term) and, as written, the carried
      d_{t,i} = a_i w_{t,i}
    - [trainer_dropped_iter], [trainer_dropped_w2_le]: dropped at every iteration t < T ⇒
      x_{T,i} = M_i^T x_{0,i} and w_{T,i}² ≤ (4ηβ/D_i)·β^T·Q_i(x_{0,i}) — geometric decay
      with no ρ floor (SAM's all-ones mask never drops a coordinate whose gradient is
      nonzero: this is a statement about the mask, [Examples.Dynamics.TrainerWitness]) *)

From Coq Require Import Reals Lra.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import SAM.
From LeanSharp.Theory.Alignment Require Import Alignment.
From LeanSharp.Theory.Dynamics Require Import HeavyBall ZSharpMomentum Trainer.
Open Scope R_scope.

Section DiagQuadratic.
Context {n : nat} (k : trainer_consts) (pre mask G : W n -> W n) (a : nat -> R).
Hypothesis HG : forall v j, (j < n)%nat -> G v j = a j * v j.

Local Notation eta := (tc_lr k).
Local Notation beta := (tc_momentum k).
Local Notation lam := (tc_wd k).

(** The coordinate pair (w_i, b_i) of a state. *)
Definition coord (s : trainer_state n) (i : nat) : R * R := (st_w s i, st_b s i).

Definition trainer_kick (src : grad_source) (s : trainer_state n) (i : nat) : R :=
  match src with closure => 0 | as_written | zero_grad => trainer_filtered pre mask G src s i end
  + a i * trainer_eps k pre mask G src s i.

Theorem trainer_coord_step src s i : (i < n)%nat ->
  coord (trainer_step k pre mask G src s) i
    = padd (hb_step eta beta lam (fun y => a i * y) (coord s i))
           (pscale (trainer_kick src s i) (- eta, 1)).
Proof.
  intros Hi. unfold coord, trainer_step, trainer_grad, trainer_kick, hb_step, padd, pscale.
  cbn [st_w st_b st_d fst snd].
  destruct src; unfold vadd, vsub, vscale; rewrite HG by exact Hi; f_equal; ring.
Qed.

(** A dropped coordinate moves by the heavy-ball map alone. *)
Theorem trainer_dropped_coord src s i : (i < n)%nat ->
  mask (pre (trainer_first_grad G src s)) i = 0 ->
  coord (trainer_step k pre mask G src s) i = hb_step eta beta lam (fun y => a i * y) (coord s i).
Proof.
  intros Hi Hm. destruct (trainer_dropped_grad k pre mask G src s i Hm) as [Hf [He _]].
  rewrite trainer_coord_step by exact Hi. unfold trainer_kick. rewrite He.
  replace (match src with closure => 0 | _ => trainer_filtered pre mask G src s i end) with 0
    by (destruct src; [rewrite Hf | rewrite Hf | ]; reflexivity).
  unfold padd, pscale. destruct (hb_step _ _ _ _ _). cbn [fst snd]. f_equal; ring.
Qed.

(** As written, a dropped coordinate's carried gradient is the fresh a_i w_i. *)
Theorem as_written_dropped_carried s i : (i < n)%nat ->
  mask (pre (trainer_first_grad G as_written s)) i = 0 ->
  st_d (trainer_step k pre mask G as_written s) i = a i * st_w s i.
Proof.
  intros Hi Hm. destruct (trainer_dropped_grad k pre mask G as_written s i Hm) as [_ [He Hd]].
  cbn [trainer_step st_d]. rewrite Hd, HG by exact Hi. unfold vadd. rewrite He. ring.
Qed.

(** Dropped at every iteration t < T: the coordinate follows the heavy ball exactly. *)
Theorem trainer_dropped_iter src s i T : (i < n)%nat ->
  (forall t, (t < T)%nat -> mask (pre (trainer_first_grad G src (trainer_iter k pre mask G src t s))) i = 0) ->
  coord (trainer_iter k pre mask G src T s) i = hb_iter eta beta lam (fun y => a i * y) T (coord s i).
Proof.
  intros Hi Hm. induction T as [|T IH]; [reflexivity|].
  rewrite trainer_iter_S, trainer_dropped_coord by (auto with arith).
  cbn [hb_iter]. rewrite IH by (intros t Ht; apply Hm; auto with arith). reflexivity.
Qed.

(** ... hence geometric decay to w*_i = 0 with no ρ floor. *)
Theorem trainer_dropped_w2_le src s i T : (i < n)%nat ->
  0 < eta * beta -> 0 < hb_disc eta beta (a i + lam) ->
  (forall t, (t < T)%nat -> mask (pre (trainer_first_grad G src (trainer_iter k pre mask G src t s))) i = 0) ->
  st_w (trainer_iter k pre mask G src T s) i ^ 2
    <= 4 * eta * beta / hb_disc eta beta (a i + lam) * beta ^ T * hb_energy eta beta (a i + lam) (coord s i).
Proof.
  intros Hi Heb HD Hm. change (st_w (trainer_iter k pre mask G src T s) i)
    with (fst (coord (trainer_iter k pre mask G src T s) i)).
  rewrite (trainer_dropped_iter src s i T Hi Hm). now apply hb_iter_w2_le.
Qed.

(** ** Clipping bounds every kick, whatever the carried sum holds *)

Variable c : R.
Hypotheses (Hmask : forall g, is_mask n (mask g)) (Hpre : forall g, norm n (pre g) <= c)
           (Hk : trainer_consts_ok k).
Let Hrho := rho_nonneg k Hk. Let Hdelta := delta_nonneg k Hk.

(** K_i: c + |a_i|ρ (as written, zero_grad), |a_i|ρ (closure). *)
Definition kick_bound (src : grad_source) (ai : R) : R :=
  match src with closure => 0 | as_written | zero_grad => c end + Rabs ai * tc_rho k.

Lemma trainer_kick_le src s i : (i < n)%nat -> Rabs (trainer_kick src s i) <= kick_bound src (a i).
Proof.
  intros Hi. unfold trainer_kick, kick_bound.
  assert (He : Rabs (a i * trainer_eps k pre mask G src s i) <= Rabs (a i) * tc_rho k).
  { rewrite Rabs_mult. apply Rmult_le_compat_l; [apply Rabs_pos|].
    eapply Rle_trans; [apply coord_abs_le_norm, Hi|]. now apply sam_eps_norm_le. }
  destruct src; [| |rewrite Rplus_0_l, Rplus_0_l; exact He];
    (eapply Rle_trans; [apply Rabs_triang|]); apply Rplus_le_compat; try exact He;
    (eapply Rle_trans; [apply coord_abs_le_norm, Hi|]);
    (eapply Rle_trans; [apply norm_filtered_le, Hmask | apply Hpre]).
Qed.

(** R_i = K_i√η/(1 − √β). *)
Definition trainer_radius (src : grad_source) (ai : R) : R :=
  kick_bound src ai * sqrt eta / (1 - sqrt beta).

Let Heta : 0 < eta := lr_pos k Hk.
Let Hbeta : 0 < beta < 1 := momentum_range k Hk.

Lemma kick_bound_nonneg src ai : 0 <= c -> 0 <= kick_bound src ai.
Proof.
  intros Hc. pose proof (Rabs_pos ai). unfold kick_bound.
  destruct src; nra.
Qed.

Lemma trainer_coord_norm_step src s i : (i < n)%nat -> 0 < hb_disc eta beta (a i + lam) ->
  hb_norm eta beta (a i + lam) (coord (trainer_step k pre mask G src s) i)
    <= sqrt beta * hb_norm eta beta (a i + lam) (coord s i) + kick_bound src (a i) * sqrt eta.
Proof.
  intros Hi HD. rewrite trainer_coord_step by exact Hi.
  eapply Rle_trans; [apply hb_norm_perturbed_step; lra|].
  pose proof (trainer_kick_le src s i Hi). pose proof (sqrt_pos eta).
  apply Rplus_le_compat_l, Rmult_le_compat_r; assumption.
Qed.

Theorem trainer_coord_ball src s i T : (i < n)%nat -> 0 <= c -> 0 < hb_disc eta beta (a i + lam) ->
  hb_norm eta beta (a i + lam) (coord (trainer_iter k pre mask G src T s) i)
    <= sqrt beta ^ T * hb_norm eta beta (a i + lam) (coord s i) + trainer_radius src (a i).
Proof.
  intros Hi Hc HD. pose proof (sqrt_beta_range k Hk). pose proof (sqrt_pos eta).
  pose proof (kick_bound_nonneg src (a i) Hc).
  apply (linear_recursion_bound (fun t => hb_norm eta beta (a i + lam) (coord (trainer_iter k pre mask G src t s) i))
           (sqrt beta) (kick_bound src (a i) * sqrt eta)).
  - lra.
  - unfold trainer_radius. apply Rle_mult_inv_pos; [apply Rmult_le_pos|]; lra.
  - right. unfold trainer_radius. field. lra.
  - intros t. rewrite trainer_iter_S. now apply trainer_coord_norm_step.
Qed.

(** The invariant set {√Q_i ≤ R_i}. *)
Theorem trainer_coord_invariant src s i : (i < n)%nat -> 0 < hb_disc eta beta (a i + lam) ->
  hb_norm eta beta (a i + lam) (coord s i) <= trainer_radius src (a i) ->
  forall T, hb_norm eta beta (a i + lam) (coord (trainer_iter k pre mask G src T s) i)
              <= trainer_radius src (a i).
Proof.
  intros Hi HD H0 T. pose proof (sqrt_beta_range k Hk).
  induction T as [|T IH]; [exact H0|]. rewrite trainer_iter_S.
  eapply Rle_trans; [apply trainer_coord_norm_step; assumption|].
  replace (trainer_radius src (a i))
    with (sqrt beta * trainer_radius src (a i) + kick_bound src (a i) * sqrt eta)
    by (unfold trainer_radius; field; lra).
  apply Rplus_le_compat_r, Rmult_le_compat_l; lra.
Qed.

(** Every orbit of every loop is bounded. *)
Theorem trainer_w2_bounded src s i T : (i < n)%nat -> 0 <= c -> 0 < hb_disc eta beta (a i + lam) ->
  st_w (trainer_iter k pre mask G src T s) i ^ 2
    <= 4 * eta * beta / hb_disc eta beta (a i + lam)
       * (sqrt beta ^ T * hb_norm eta beta (a i + lam) (coord s i) + trainer_radius src (a i)) ^ 2.
Proof.
  intros Hi Hc HD.
  apply (hb_w2_le_norm eta beta (a i + lam) (coord (trainer_iter k pre mask G src T s) i)); [nra | exact HD |].
  now apply trainer_coord_ball.
Qed.

End DiagQuadratic.
