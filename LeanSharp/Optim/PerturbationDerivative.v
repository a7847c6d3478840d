(** * LeanSharp.Optim.PerturbationDerivative — the SAM perturbation is differentiable where g ≠ 0

    Along a line s ↦ u(s) = g + s·d of gradients (the form of [Smooth.is_gradient]), the
    perturbation ε(u) = ρ u/(‖u‖ + δ) ([SAM.sam_eps]) is differentiable at every t with
    u(t) ≠ 0, for every δ ≥ 0 (Coquelicot's [is_derive], component by component):
        ‖u‖' = ⟨u, d⟩/‖u‖,
        ε'(t) = ρ/(‖u‖ + δ) · (d − ⟨u, d⟩/(‖u‖(‖u‖ + δ)) · u)            ([eps_line_deriv]).
    With δ = 0 the derivative is tangent to the sphere ‖ε‖ = ρ: ⟨u, ε'(t)⟩ = 0; in general
    ⟨u, ε'(t)⟩ = ρδ⟨u, d⟩/(‖u‖ + δ)². At u = 0 and δ = 0 differentiability fails: along the
    line s·d the perturbation is ρ·sign(s)·d/‖d‖, a jump of size 2ρ.

    Main results
    - [norm2_line_derive], [norm_line_derive]: derivatives of ‖u(s)‖² and ‖u(s)‖ (u(t) ≠ 0)
    - [sam_eps_line_derive]: d/ds ε(u(s))_i at t = [eps_line_deriv]_i, when ‖u(t)‖ > 0, δ ≥ 0
    - [zsharp_eps_line_derive]: the same for ZSharp's ε(g, m) with a FIXED mask m along
      g + s·d, when ‖(g + t·d) ⊙ m‖ > 0 (the mask itself is piecewise constant in g)
    - [eps_line_deriv_radial]: ⟨u, ε'⟩ = ρδ⟨u, d⟩/(‖u‖ + δ)², so = 0 when δ = 0
    - [sam_eps_jump_at_zero]: δ = 0, d ≠ 0: ε(s·d) = ρd/‖d‖ for s > 0 and −ρd/‖d‖ for s < 0 *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Filter Require Import Mask.
From LeanSharp.Optim Require Import Smooth SAM.
Open Scope R_scope.

Definition line (g d : nat -> R) (s : R) : nat -> R := fun j => g j + s * d j.

Definition eps_line_deriv (n : nat) (rho delta : R) (g d : W n) (t : R) : W n :=
  fun i => rho / (norm n (line g d t) + delta)
           * (d i - inner n (line g d t) d / (norm n (line g d t) * (norm n (line g d t) + delta)) * line g d t i).

Section Line.

Context {n : nat} (g d : W n).

Lemma norm2_line_derive t : is_derive (fun s => norm2 n (line g d s)) t (2 * inner n (line g d t) d).
Proof.
  unfold norm2, inner, line.
  replace (2 * vsum n (fun i => (g i + t * d i) * d i)) with (vsum n (fun i => 2 * ((g i + t * d i) * d i)))
    by (rewrite <- vsum_scal; apply vsum_ext; intros; ring).
  apply (is_derive_vsum n (fun i s => (g i + s * d i) * (g i + s * d i)) (fun i s => 2 * ((g i + s * d i) * d i))).
  intros i _. auto_derive; [exact I | ring].
Qed.

Lemma norm2_pos_of_norm_pos v : 0 < norm n v -> 0 < norm2 n v.
Proof. intros H. rewrite <- norm_sqr. nra. Qed.

(** ‖u(s)‖' = ⟨u, d⟩/‖u‖ where u(t) ≠ 0. *)
Theorem norm_line_derive t :
  0 < norm n (line g d t) ->
  is_derive (fun s => norm n (line g d s)) t (inner n (line g d t) d / norm n (line g d t)).
Proof.
  intros Hn. unfold norm at 1.
  eapply is_derive_ext; [intros s; reflexivity|].
  replace (inner n (line g d t) d / norm n (line g d t))
    with (2 * inner n (line g d t) d / (2 * sqrt (norm2 n (line g d t)))) by (unfold norm in *; field; lra).
  apply is_derive_sqrt; [apply norm2_line_derive | now apply norm2_pos_of_norm_pos].
Qed.

Lemma norm_line_plus_derive t delta :
  0 < norm n (line g d t) ->
  is_derive (fun s => norm n (line g d s) + delta) t (inner n (line g d t) d / norm n (line g d t) + 0).
Proof.
  intros Hn. apply (is_derive_plus (V := R_NormedModule)); [now apply norm_line_derive|].
  apply (is_derive_const (V := R_NormedModule)).
Qed.

(** The perturbation along the line, component i. *)
Theorem sam_eps_line_derive rho delta t i :
  0 <= delta -> 0 < norm n (line g d t) ->
  is_derive (fun s => sam_eps n rho delta (line g d s) i) t (eps_line_deriv n rho delta g d t i).
Proof.
  intros Hd Hn.
  assert (Hext : forall s, rho * line g d s i / (norm n (line g d s) + delta) = sam_eps n rho delta (line g d s) i)
    by (intros s; unfold sam_eps, vscale, Rdiv; ring).
  apply (is_derive_ext _ _ _ _ Hext).
  replace (eps_line_deriv n rho delta g d t i)
    with ((rho * d i * (norm n (line g d t) + delta)
           - rho * line g d t i * (inner n (line g d t) d / norm n (line g d t) + 0))
          / (norm n (line g d t) + delta) ^ 2)
    by (unfold eps_line_deriv; field; lra).
  apply (is_derive_div (fun s => rho * line g d s i) (fun s => norm n (line g d s) + delta) t (rho * d i)
           (inner n (line g d t) d / norm n (line g d t) + 0)); [| now apply norm_line_plus_derive | lra].
  unfold line. auto_derive; [exact I | ring].
Qed.

(** ⟨u, ε'⟩ = ρδ⟨u, d⟩/(‖u‖ + δ)²: zero when δ = 0 (ε stays on the sphere of radius ρ). *)
Theorem eps_line_deriv_radial rho delta t :
  0 <= delta -> 0 < norm n (line g d t) ->
  inner n (line g d t) (eps_line_deriv n rho delta g d t)
  = rho * delta * inner n (line g d t) d / (norm n (line g d t) + delta) ^ 2.
Proof.
  intros Hd Hn. unfold eps_line_deriv.
  set (u := line g d t) in *. set (N := norm n u) in *. set (a := inner n u d).
  transitivity (rho / (N + delta) * (a - a / (N * (N + delta)) * norm2 n u)).
  { unfold norm2, inner. fold a.
    rewrite (vsum_ext n _ (fun j => rho / (N + delta) * (u j * d j) - rho / (N + delta) * (a / (N * (N + delta))) * (u j * u j)))
      by (intros; ring).
    rewrite vsum_sub, !vsum_scal. unfold a, inner. ring. }
  rewrite <- norm_sqr. fold N. field. lra.
Qed.

End Line.

(** ZSharp's perturbation with a FIXED mask m along g + s·d. *)
Corollary zsharp_eps_line_derive n rho delta (g d m : W n) t i :
  0 <= delta -> 0 < norm n (hadamard (line g d t) m) ->
  is_derive (fun s => zsharp_eps n rho delta (line g d s) m i) t
            (eps_line_deriv n rho delta (hadamard g m) (hadamard d m) t i).
Proof.
  intros Hd Hn.
  assert (Hl : forall s, hadamard (line g d s) m = line (hadamard g m) (hadamard d m) s).
  { intros s. unfold hadamard, line. apply FunctionalExtensionality.functional_extensionality. intros j. ring. }
  assert (Hext : forall s, sam_eps n rho delta (line (hadamard g m) (hadamard d m) s) i = zsharp_eps n rho delta (line g d s) m i)
    by (intros s; unfold zsharp_eps; now rewrite Hl).
  apply (is_derive_ext _ _ _ _ Hext).
  apply sam_eps_line_derive; [exact Hd|]. now rewrite <- Hl.
Qed.

(** At u = 0 with δ = 0 there is no derivative: along s·d the perturbation jumps by 2ρ. *)
Theorem sam_eps_jump_at_zero n rho (d : W n) s i :
  0 < norm n d -> s <> 0 ->
  sam_eps n rho 0 (vscale s d) i = (if Rlt_dec 0 s then 1 else -1) * (rho / norm n d * d i).
Proof.
  intros Hd Hs. unfold sam_eps. rewrite norm_scale, Rplus_0_r. unfold vscale.
  destruct (Rlt_dec 0 s) as [Hp|Hneg].
  - rewrite Rabs_pos_eq by lra. field. split; lra.
  - rewrite Rabs_left by lra. field. split; lra.
Qed.
