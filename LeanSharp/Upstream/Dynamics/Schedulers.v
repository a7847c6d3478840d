(** * LeanSharp.Upstream.Dynamics.Schedulers — upstream LeanSharp/Theory/Dynamics/Schedulers.lean

    Translates upstream's cosine decay schedule (the translation of notions is the one of
    [Upstream.All]):
    - [Schedule] = ℕ → ℝ is [nat -> R];
    - [cosineDecaySchedule η_max η_min T t] = η_min + ½(η_max − η_min)(1 + cos(tπ/T)) for
      t < T and η_min for t ≥ T, with t, T naturals (cast by [INR]); below the horizon it
      is the library's [Schedules.cosine_lr η_min η_max T t] ([cosineDecaySchedule_lt]);
    - [Antitone f] is ∀ a b, a ≤ b → f b ≤ f a; [x ∈ Set.Icc 0 π] is 0 ≤ x ≤ π.

    Equal: cosine_argument_in_range, cosine_argument_mono, cosine_decay_zero,
    cosine_decay_schedule_of_ge, cosine_decay_antitone.
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Stochastic Require Import Schedules.
Open Scope R_scope.

Definition Schedule := nat -> R.

Definition cosineDecaySchedule (eta_max eta_min : R) (T : nat) : Schedule := fun t =>
  if lt_dec t T then eta_min + 1 / 2 * (eta_max - eta_min) * (1 + cos (INR t * PI / INR T))
  else eta_min.

Lemma cosineDecaySchedule_lt eta_max eta_min T t :
  (t < T)%nat -> cosineDecaySchedule eta_max eta_min T t = cosine_lr eta_min eta_max (INR T) (INR t).
Proof.
  intros Ht. unfold cosineDecaySchedule, cosine_lr. destruct (lt_dec t T); [|lia].
  replace (INR t * PI / INR T) with (PI * INR t / INR T) by (unfold Rdiv; ring). field.
Qed.

(** [cosine_argument_in_range]: t ≤ T, T ≠ 0 ⇒ tπ/T ∈ [0, π]. *)
Theorem cosine_argument_in_range t T :
  (t <= T)%nat -> T <> 0%nat -> 0 <= INR t * PI / INR T <= PI.
Proof.
  intros Ht HT. replace (INR t * PI / INR T) with (PI * INR t / INR T) by (unfold Rdiv; ring).
  apply cosine_angle_range; [apply lt_0_INR; lia|]. split; [apply pos_INR | apply le_INR, Ht].
Qed.

(** [cosine_argument_mono]: t₁ ≤ t₂, T ≠ 0 ⇒ t₁π/T ≤ t₂π/T. *)
Theorem cosine_argument_mono t1 t2 T :
  (t1 <= t2)%nat -> T <> 0%nat -> INR t1 * PI / INR T <= INR t2 * PI / INR T.
Proof.
  intros Ht HT. pose proof PI_RGT_0. assert (0 < INR T) by (apply lt_0_INR; lia).
  unfold Rdiv. apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat; lra|].
  apply Rmult_le_compat_r; [lra | apply le_INR, Ht].
Qed.

(** [cosine_decay_zero]: 0 < T ⇒ η_0 = η_max. *)
Theorem cosine_decay_zero eta_max eta_min T :
  (0 < T)%nat -> cosineDecaySchedule eta_max eta_min T 0%nat = eta_max.
Proof.
  intros HT. rewrite cosineDecaySchedule_lt by exact HT. apply cosine_lr_start, lt_0_INR, HT.
Qed.

(** [cosine_decay_schedule_of_ge]: T ≤ t ⇒ η_t = η_min. *)
Theorem cosine_decay_schedule_of_ge eta_max eta_min T t :
  (T <= t)%nat -> cosineDecaySchedule eta_max eta_min T t = eta_min.
Proof. intros Ht. unfold cosineDecaySchedule. destruct (lt_dec t T); [lia | reflexivity]. Qed.

(** [cosine_decay_antitone]: η_min ≤ η_max ⇒ t ↦ η_t is non-increasing. *)
Theorem cosine_decay_antitone eta_max eta_min T :
  eta_min <= eta_max ->
  forall t1 t2, (t1 <= t2)%nat ->
  cosineDecaySchedule eta_max eta_min T t2 <= cosineDecaySchedule eta_max eta_min T t1.
Proof.
  intros Hm t1 t2 Ht. destruct (lt_dec t2 T) as [H2|H2].
  - rewrite !cosineDecaySchedule_lt by lia.
    apply cosine_lr_antitone; [exact Hm | apply lt_0_INR; lia | apply pos_INR
      | apply le_INR, Ht | apply le_INR; lia].
  - rewrite (cosine_decay_schedule_of_ge eta_max eta_min T t2) by lia.
    destruct (lt_dec t1 T) as [H1|H1].
    + rewrite cosineDecaySchedule_lt by exact H1. apply cosine_lr_bounds, Hm.
    + rewrite cosine_decay_schedule_of_ge by lia. lra.
Qed.
