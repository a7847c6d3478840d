(** * LeanSharp.Layers.Network.Linear — the linear (affine) layer x ↦ A x + b and its certificate

    A matrix A ∈ R^{m×n} is [A : nat -> nat -> R], entry A j i (row j < m, column i < n);
    its row j is the vector [A j].

    Definitions
    - [matvec n A x]_j = Σ_{i<n} A_ji x_i = ⟨A_j, x⟩,   [linear n A b x] = A x + b
    - [frob2 m n A] = Σ_{j<m} Σ_{i<n} A_ji²,  [frob m n A] = ‖A‖_F = √frob2
    - [linear_layer n m]: the layer with n·m + m parameters, A_ji = p(j·n + i),
      b_j = p(m·n + j), JVP d ↦ A d

    Main results
    - [linear_lipschitz]: ‖(A u + b) − (A v + b)‖ ≤ ‖A‖_F ‖u − v‖
      (Cauchy–Schwarz row by row: (⟨A_j, u − v⟩)² ≤ ‖A_j‖²‖u − v‖², summed over j)
    - [linear_affine]: the linear layer maps lines to lines
    - [linear_certificate]: StabilityCertificate n m (x ↦ A x + b) ‖A‖_F
    - [linear_jvp]: d/ds (A(u + s d) + b)_j = (A d)_j;
      [linear_layer_jvp_correct] for the packed layer *)

From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From LeanSharp.Core Require Import Vec.
From LeanSharp.Optim Require Import Smooth.
From LeanSharp.Layers.Network Require Import Certificate Chain.
Open Scope R_scope.

Definition matvec (n : nat) (A : nat -> nat -> R) (x : nat -> R) : nat -> R :=
  fun j => vsum n (fun i => A j i * x i).

Definition linear (n : nat) (A : nat -> nat -> R) (b : nat -> R) (x : nat -> R) : nat -> R :=
  fun j => matvec n A x j + b j.

Definition frob2 (m n : nat) (A : nat -> nat -> R) : R := vsum m (fun j => norm2 n (A j)).
Definition frob (m n : nat) (A : nat -> nat -> R) : R := sqrt (frob2 m n A).

Lemma frob2_nonneg m n A : 0 <= frob2 m n A.
Proof. apply vsum_nonneg. intros. apply norm2_nonneg. Qed.

Lemma frob_nonneg m n A : 0 <= frob m n A.
Proof. apply sqrt_pos. Qed.

(** From a bound on squares to a bound on norms. *)
Lemma norm_le_of_norm2_le_scale m n x y c :
  0 <= c -> norm2 m x <= c * c * norm2 n y -> norm m x <= c * norm n y.
Proof.
  intros Hc H. apply norm_le_of_norm2_le.
  - pose proof (norm_nonneg n y). nra.
  - rewrite <- (norm_sqr n y) in H. lra.
Qed.

Lemma linear_sub n A b u v j :
  vsub (linear n A b u) (linear n A b v) j = inner n (A j) (vsub u v).
Proof.
  unfold vsub, linear, matvec, inner.
  transitivity (vsum n (fun i => A j i * u i) - vsum n (fun i => A j i * v i)); [ring|].
  rewrite <- vsum_sub. apply vsum_ext. intros. ring.
Qed.

(** ‖A‖_F-Lipschitz: Σ_j ⟨A_j, u − v⟩² ≤ Σ_j ‖A_j‖²‖u − v‖² = ‖A‖_F²‖u − v‖². *)
Theorem linear_lipschitz n m A b : lipschitz_map n m (linear n A b) (frob m n A).
Proof.
  split; [apply frob_nonneg|]. intros u v.
  apply norm_le_of_norm2_le_scale; [apply frob_nonneg|].
  unfold frob. rewrite sqrt_sqrt by apply frob2_nonneg. unfold frob2.
  rewrite (Rmult_comm (vsum m _)), <- vsum_scal. unfold norm2 at 1, inner at 1. apply vsum_le.
  intros j _. rewrite linear_sub, (Rmult_comm (norm2 n _)). apply cauchy_schwarz.
Qed.

Theorem linear_affine n m A b : affine_map n m (linear n A b).
Proof.
  intros u d s j _. unfold linear, matvec, line.
  assert (H : forall t, vsum n (fun i => A j i * (u i + t * d i))
                        = vsum n (fun i => A j i * u i) + t * vsum n (fun i => A j i * d i)).
  { intros t. rewrite <- vsum_scal, <- vsum_add. apply vsum_ext. intros. ring. }
  rewrite !H. ring.
Qed.

(** Linear certificate: x ↦ A x + b is ‖A‖_F-Lipschitz and (being affine) line-wise C². *)
Theorem linear_certificate n m A b : StabilityCertificate n m (linear n A b) (frob m n A).
Proof. split; [apply linear_lipschitz | apply line_C2_affine, linear_affine]. Qed.

Theorem linear_jvp n m A b : has_jvp n m (linear n A b) (fun _ d => matvec n A d).
Proof.
  intros u d t j _. unfold linear, matvec, line.
  rewrite <- (Rplus_0_r (vsum n (fun i => A j i * d i))).
  apply (is_derive_plus (V := R_NormedModule)); [|apply (is_derive_const (V := R_NormedModule))].
  apply (is_derive_vsum n (fun i s => A j i * (u i + s * d i)) (fun i _ => A j i * d i)).
  intros i _. auto_derive; [exact I|]. ring.
Qed.

(** ** The packed layer: parameters p ∈ W (n·m + m) *)

Definition lin_A (n : nat) (p : nat -> R) : nat -> nat -> R := fun j i => p (j * n + i)%nat.
Definition lin_b (n m : nat) (p : nat -> R) : nat -> R := fun j => p (m * n + j)%nat.

Definition linear_layer (n m : nat) : Layer :=
  {| l_in := n; l_out := m; l_par := m * n + m;
     l_fwd := fun p => linear n (lin_A n p) (lin_b n m p);
     l_jvp := fun p _ d => matvec n (lin_A n p) d |}.

Lemma linear_layer_jvp_correct n m : layer_jvp_correct (linear_layer n m).
Proof. intros p. apply (linear_jvp n m). Qed.

Lemma linear_layer_lipschitz n m p :
  lipschitz_map n m (l_fwd (linear_layer n m) p) (frob m n (lin_A n p)).
Proof. apply linear_lipschitz. Qed.
