(** * LeanSharp.Upstream.Core.Objective — upstream LeanSharp/Core/Objective.lean

    Translates upstream's SAM objective sup_{‖ε‖ ≤ ρ} L(w + ε), its perturbation set and
    the first-order SAM perturbation ρ ∇L(w)/‖∇L(w)‖. The translation of notions is the one
    of [Upstream/All.v]; file-specific choices:
    - upstream's [gradient L] enters only through its values, so the SAM perturbation is
      stated for a field G : W n → W n (G = ∇L where L has gradient G): [samPerturbation n
      G w ρ] = 0 if ‖G w‖ = 0, else (ρ/‖G w‖)·G w (it is the library's
      [SAM.sam_eps n ρ 0 (G w)], [samPerturbation_sam_eps]); every theorem holds for
      every G.
    - [samObjective] is [real (Lub_Rbar E)] (Coquelicot) for the image set E = {L(w + ε) :
      ‖ε‖ ≤ ρ}: the supremum when E is non-empty and bounded above, and 0 otherwise —
      exactly Lean's [sSup] on ℝ, which is 0 for an empty or unbounded set.
    - [BddAbove] of the image is ∃ M, ∀ ε, ‖ε‖ ≤ ρ ⇒ L(w + ε) ≤ M.
    - [DifferentiableAt ℝ F w] is differentiability along every line through w
      (Coquelicot [ex_derive] of s ↦ F(w + s d)_j at 0, each component j < n);
      ∇L(w) ≠ 0 is "not every component j < n is 0".

    Equal: norm_samPerturbation_le, sam_objective_ge_self,
      differentiable_at_sam_perturbation (under the line-wise translation above).
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia FunctionalExtensionality.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import SAM.
Open Scope R_scope.

(** perturbationNeighborhood ρ = the closed ball {ε : ‖ε‖ ≤ ρ}. *)
Definition perturbationNeighborhood (n : nat) (rho : R) : W n -> Prop := fun e => norm n e <= rho.

(** samObjective L w ρ = sup {L(w + ε) : ‖ε‖ ≤ ρ} (Lean's sSup conventions). *)
Definition samObjective (n : nat) (L : W n -> R) (w : W n) (rho : R) : R :=
  real (Lub_Rbar (fun y => exists e, perturbationNeighborhood n rho e /\ y = L (vadd w e))).

(** samPerturbation (∇L) w ρ = 0 if ∇L(w) = 0, else ρ ∇L(w)/‖∇L(w)‖. *)
Definition samPerturbation (n : nat) (G : W n -> W n) (w : W n) (rho : R) : W n :=
  if Req_EM_T (norm n (G w)) 0 then vzero else vscale (rho / norm n (G w)) (G w).

Lemma samPerturbation_sam_eps n G w rho : samPerturbation n G w rho = sam_eps n rho 0 (G w).
Proof.
  unfold samPerturbation, sam_eps. rewrite Rplus_0_r. destruct Req_EM_T as [E|E]; [|reflexivity].
  rewrite E. apply functional_extensionality. intros i. unfold vzero, vscale, Rdiv.
  rewrite Rinv_0. ring.
Qed.

Lemma norm_vzero n : norm n vzero = 0.
Proof.
  unfold norm, norm2, inner, vzero. rewrite (vsum_ext _ _ (fun _ => 0)) by (intros; ring).
  rewrite vsum_const, Rmult_0_r. apply sqrt_0.
Qed.

Lemma vadd_vzero (w : nat -> R) : vadd w vzero = w.
Proof. apply functional_extensionality. intros i. unfold vadd, vzero. ring. Qed.

(** A member of a set bounded above is ≤ the real value of its supremum. *)
Lemma lub_real_ge (E : R -> Prop) a M : E a -> (forall y, E y -> y <= M) -> a <= real (Lub_Rbar E).
Proof.
  intros Ha HM. generalize (Lub_Rbar_correct E).
  destruct (Lub_Rbar E) as [l| |]; intros [Hub Hl]; simpl.
  - exact (Hub a Ha).
  - exfalso. exact (Hl (Finite M) HM).
  - exfalso. exact (Hub a Ha).
Qed.

(** A non-empty set with upper bound B has supremum ≤ B. *)
Lemma lub_real_le (E : R -> Prop) a B : E a -> (forall y, E y -> y <= B) -> real (Lub_Rbar E) <= B.
Proof.
  intros Ha HB. generalize (Lub_Rbar_correct E).
  destruct (Lub_Rbar E) as [l| |]; intros [Hub Hl]; simpl.
  - exact (Hl (Finite B) HB).
  - exfalso. exact (Hl (Finite B) HB).
  - exfalso. exact (Hub a Ha).
Qed.

(** [norm_samPerturbation_le]: ρ ≥ 0 ⇒ ‖samPerturbation w ρ‖ ≤ ρ. *)
Theorem norm_samPerturbation_le n (G : W n -> W n) (w : W n) (rho : R) :
  0 <= rho -> norm n (samPerturbation n G w rho) <= rho.
Proof. intros Hr. rewrite samPerturbation_sam_eps. apply sam_eps_norm_le; lra. Qed.

(** [sam_objective_ge_self]: ρ ≥ 0 and the image bounded above ⇒ L(w) ≤ samObjective L w ρ. *)
Theorem sam_objective_ge_self n (L : W n -> R) (w : W n) (rho : R) :
  0 <= rho -> (exists M, forall e, perturbationNeighborhood n rho e -> L (vadd w e) <= M) ->
  L w <= samObjective n L w rho.
Proof.
  intros Hr [M HM]. apply (lub_real_ge _ _ M).
  - exists vzero. split; [unfold perturbationNeighborhood; rewrite norm_vzero; exact Hr|].
    now rewrite vadd_vzero.
  - intros y [e [He ->]]. now apply HM.
Qed.

Lemma ex_derive_vsum n (f : nat -> R -> R) t :
  (forall i, (i < n)%nat -> ex_derive (f i) t) -> ex_derive (fun s => vsum n (fun i => f i s)) t.
Proof.
  induction n as [|n IH]; intros H; simpl; [apply (ex_derive_const (V := R_NormedModule))|].
  apply (ex_derive_plus (V := R_NormedModule)); [apply IH; intros; apply H; lia | apply H; lia].
Qed.

(** [differentiable_at_sam_perturbation]: if ∇L is differentiable at w and ∇L(w) ≠ 0,
    then w ↦ samPerturbation w ρ is differentiable at w. *)
Theorem differentiable_at_sam_perturbation n (G : W n -> W n) (w : W n) (rho : R) :
  (forall (d : W n) j, (j < n)%nat -> ex_derive (fun s => G (fun k => w k + s * d k) j) 0) ->
  ~ (forall j, (j < n)%nat -> G w j = 0) ->
  forall (d : W n) i, (i < n)%nat ->
    ex_derive (fun s => samPerturbation n G (fun k => w k + s * d k) rho i) 0.
Proof.
  intros HG Hnz d i Hi. set (u := fun s => G (fun k => w k + s * d k)).
  assert (E : forall s, rho * / sqrt (vsum n (fun j => u s j * u s j)) * u s i
                        = samPerturbation n G (fun k => w k + s * d k) rho i).
  { intros s. rewrite samPerturbation_sam_eps. unfold sam_eps, vscale, norm, norm2, inner, u.
    rewrite Rplus_0_r. unfold Rdiv. ring. }
  apply (ex_derive_ext _ _ 0 E).
  assert (Hu0 : u 0 = G w).
  { unfold u. f_equal. apply functional_extensionality. intros k. ring. }
  assert (Hq : 0 < vsum n (fun j => u 0 j * u 0 j)).
  { rewrite Hu0. destruct (Rle_lt_or_eq_dec 0 _ (norm2_nonneg n (G w))) as [Hp|Hz]; [exact Hp|].
    exfalso. apply Hnz. now apply norm2_eq_0. }
  assert (Hv : ex_derive (fun s => vsum n (fun j => u s j * u s j)) 0).
  { apply (ex_derive_vsum n (fun j s => u s j * u s j)). intros j Hj.
    apply ex_derive_mult; apply HG; exact Hj. }
  apply ex_derive_mult; [apply ex_derive_mult; [apply ex_derive_const|] | apply HG; exact Hi].
  apply ex_derive_inv.
  - destruct Hv as [dv Hv]. eexists. apply is_derive_sqrt; [exact Hv | exact Hq].
  - apply Rgt_not_eq, sqrt_lt_R0, Hq.
Qed.
