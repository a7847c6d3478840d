(** * LeanSharp.Upstream.Structural.StabilityProperties — upstream LeanSharp/Theory/Structural/StabilityProperties.lean

    Translates upstream's step-size stability bounds for Z-score filtered updates (the
    translation of notions is the one of [Upstream.All]):
    - [filteredGradient g z] = g ⊙ zScoreMask g z is [hadamard g (inlier_mask n z g)]
      (local notation [filteredGradient n g z]);
    - [w − η • v] is [vsub w (vscale η v)], ‖·‖ is [norm n];
    - upstream's [Layer (W ι) (W ι)] is the library's [Chain.Layer] f (parameters in
      W (l_par f), outputs in W (l_out f)); [residualLayer f] has forward
      (w, x) ↦ x + f.forward w x, here [residual_forward f w x] = [vadd x (l_fwd f w x)];
      [LipschitzWith K (fun w' => f.forward w' x)] (K : ℝ≥0) is
      [Certificate.lipschitz_map (l_par f) (l_out f) (fun w' => l_fwd f w' x) K] (which
      includes 0 ≤ K).
    The process hypothesis w (t+1) = w t − η_t • filteredGradient (g t) z is asked on
    [0, n) only.

    Equal: filtered_update_stability, localized_filtered_update_norm_bound,
    localized_filtered_update_norm_bound_of_reference, uniform_filtered_process_stability,
    residual_filtered_stability (no need for l_out f = l_in f).
    Weaker: none.  Open: none. *)

From Coq Require Import Reals Lra Lia.
From LeanSharp.Core Require Import Vec Stats.
From LeanSharp.Filter Require Import Mask ZMask.
From LeanSharp.Layers.Network Require Import Certificate Chain.
Open Scope R_scope.

Local Notation filteredGradient n g z := (hadamard g (inlier_mask n z g%function)).

(** The residual block x ↦ x + f(w, x) of upstream's [Layer.residualLayer]. *)
Definition residual_forward (f : Layer) (w x : nat -> R) : nat -> R := vadd x (l_fwd f w x).

(** ‖(w − η v) − w‖ = |η|‖v‖. *)
Lemma update_norm n (w v : W n) eta : norm n (vsub (vsub w (vscale eta v)) w) = Rabs eta * norm n v.
Proof.
  rewrite (norm_ext n _ (vscale (- eta) v)) by (intros; unfold vsub, vscale; ring).
  now rewrite norm_scale, Rabs_Ropp.
Qed.

(** [filtered_update_stability]: ‖(w − η g_f) − w‖ ≤ ‖(w − η g) − w‖. *)
Theorem filtered_update_stability n (w g : W n) eta z :
  norm n (vsub (vsub w (vscale eta (filteredGradient n g z))) w) <= norm n (vsub (vsub w (vscale eta g)) w).
Proof.
  rewrite !update_norm. apply Rmult_le_compat_l; [apply Rabs_pos|].
  apply norm_filtered_le, inlier_mask_is_mask.
Qed.

(** [localized_filtered_update_norm_bound]: ‖g‖ ≤ R ⇒ ‖(w − η g_f) − w‖ ≤ |η| R. *)
Theorem localized_filtered_update_norm_bound n (w g : W n) eta z R :
  norm n g <= R -> norm n (vsub (vsub w (vscale eta (filteredGradient n g z))) w) <= Rabs eta * R.
Proof.
  intros HR. eapply Rle_trans; [apply filtered_update_stability|].
  rewrite update_norm. apply Rmult_le_compat_l; [apply Rabs_pos | exact HR].
Qed.

(** [localized_filtered_update_norm_bound_of_reference]: ‖g_ref‖ ≤ R_ref, ‖g − g_ref‖ ≤ Δ
    ⇒ ‖(w − η g_f) − w‖ ≤ |η|(R_ref + Δ). *)
Theorem localized_filtered_update_norm_bound_of_reference n (w g g_ref : W n) eta z R_ref Delta :
  norm n g_ref <= R_ref -> norm n (vsub g g_ref) <= Delta ->
  norm n (vsub (vsub w (vscale eta (filteredGradient n g z))) w) <= Rabs eta * (R_ref + Delta).
Proof.
  intros Hr Hl. apply localized_filtered_update_norm_bound.
  pose proof (norm_triangle n (vsub g g_ref) g_ref) as H.
  rewrite (norm_ext n (vadd (vsub g g_ref) g_ref) g) in H by (intros; unfold vadd, vsub; ring).
  lra.
Qed.

(** [uniform_filtered_process_stability]: w_{t+1} = w_t − η_t g_f(t), ‖g_t‖ ≤ R ⇒
    ‖w_T − w_0‖ ≤ Σ_{t<T} |η_t| R. *)
Theorem uniform_filtered_process_stability n (w g : nat -> W n) (eta : nat -> R) z R :
  (forall t i, (i < n)%nat -> w (S t) i = w t i - eta t * filteredGradient n (g t) z i) ->
  (forall t, norm n (g t) <= R) ->
  forall T, norm n (vsub (w T) (w 0%nat)) <= vsum T (fun t => Rabs (eta t) * R).
Proof.
  intros Hstep HR T. induction T as [|t IH]; simpl vsum.
  - rewrite (norm_ext n _ (vscale 0 (w 0%nat))) by (intros; unfold vsub, vscale; ring).
    rewrite norm_scale, Rabs_R0. lra.
  - pose proof (norm_triangle n (vsub (w (S t)) (w t)) (vsub (w t) (w 0%nat))) as H.
    rewrite (norm_ext n (vadd _ _) (vsub (w (S t)) (w 0%nat))) in H
      by (intros; unfold vadd, vsub; ring).
    rewrite (norm_ext n (vsub (w (S t)) (w t))
               (vsub (vsub (w t) (vscale (eta t) (filteredGradient n (g t) z))) (w t))) in H
      by (intros i Hi; unfold vsub, vscale; rewrite Hstep by exact Hi; reflexivity).
    pose proof (localized_filtered_update_norm_bound n (w t) (g t) (eta t) z R (HR t)). lra.
Qed.

(** [residual_filtered_stability]: f K-Lipschitz in its parameters ⇒ the residual output
    moves by at most K|η|‖g‖ under the filtered update w ↦ w − η g_f. *)
Theorem residual_filtered_stability (f : Layer) (w g x : nat -> R) eta z K :
  lipschitz_map (l_par f) (l_out f) (fun w' => l_fwd f w' x) K ->
  norm (l_out f) (vsub (residual_forward f (vsub w (vscale eta (filteredGradient (l_par f) g z))) x)
                       (residual_forward f w x))
  <= K * Rabs eta * norm (l_par f) g.
Proof.
  intros [HK Hlip]. unfold residual_forward.
  rewrite (norm_ext _ _ (vsub (l_fwd f (vsub w (vscale eta (filteredGradient (l_par f) g z))) x) (l_fwd f w x)))
    by (intros; unfold vsub, vadd; ring).
  eapply Rle_trans; [apply (Hlip (vsub w (vscale eta (filteredGradient (l_par f) g z))) w)|].
  rewrite update_norm, Rmult_assoc. apply Rmult_le_compat_l; [exact HK|].
  apply Rmult_le_compat_l; [apply Rabs_pos|]. apply norm_filtered_le, inlier_mask_is_mask.
Qed.
