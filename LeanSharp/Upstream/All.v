(** * LeanSharp.Upstream.All — the Lean 4 project bangyen/leansharp, theorem by theorem

    One Coq file per upstream file (folders [Core/], [Structural/], [Robustness/],
    [Dynamics/], [Stochastic/], [StochasticProcess/]; [Witnesses/] fires the results new to
    this library on concrete data); each restates the upstream file's
    public theorems under their upstream names and proves them from the library. Its
    header lists them as Equal (same generality or stronger), Weaker (a restricted form,
    under the name plus a suffix naming the restriction, e.g. [_finite_law]) and Open
    (not restated, with what it needs); roadmap.toml's [lean.*] items carry
    the same lists ([port]) and README's table is generated from them.

    The translation of notions, once for all files:
    - [EuclideanSpace ℝ ι] (ι a finite type) is [W n] = nat → R read on [0, n), n = card ι;
      a statement "for every finite ι" becomes "for every n" (with n ≥ 1 where upstream
      asks [Nonempty ι]); sums over ι are [vsum n], the Euclidean norm is [Vec.norm].
    - Fréchet derivatives and [ContDiff] become the library's derivative along every line
      ([Optim.Smooth.is_gradient], Coquelicot's [is_derive]); a statement that needs the
      full Fréchet derivative is weaker here, and its header says so.
    - A Mathlib probability space (Ω, volume) becomes a [Core.Expectation.prob_space] P on a
      type Ω: 𝔼/∫ is [expectation P] (the Bochner integral of a random vector is
      [vexpectation P n], coordinate-wise), [Integrable] is [integrable P]/[vintegrable P n],
      ∀ᵐ is [ae P], (ℙ A).toReal is [prob P A], a sub-σ-algebra ℱ ≤ m₀ is an element of
      [sub_sigma P] and μ[X | ℱ] is [cond P ℱ X]. Every axiom of [prob_space] is a Mathlib
      lemma about the Lebesgue–Bochner integral (the list is in [Core.Expectation]), so a
      theorem proved for every [prob_space] holds for every Mathlib probability space: it is
      equal (or stronger). Finite laws ([Core.FiniteProb.is_law], [expect]) are one instance
      ([Core.FiniteSpace.finite_space]); a statement proved only for them is [_finite_law].
      A general (not necessarily finite) measure becomes a [Core.Integral.measure_space]; a
      probability space is one through the coercion [prob_measure]. A Mathlib [Filtration] is
      F : nat → sub_sigma P with [Core.Martingale.filtration], [Submartingale]/[Supermartingale]
      are [Core.Martingale]'s one-step versions (implied by Mathlib's), and upstream's uses of
      Mathlib's a.s. martingale convergence are Doob's theorem proved there.
    - Upstream's structures of assumptions ([SmoothObjective], [StronglyConvexObjective])
      are the records of [Optim.Objective]. *)

From LeanSharp.Upstream.Core Require Export All.
From LeanSharp.Upstream.Dynamics Require Export All.
From LeanSharp.Upstream.Robustness Require Export All.
From LeanSharp.Upstream.Stochastic Require Export All.
From LeanSharp.Upstream.StochasticProcess Require Export All.
From LeanSharp.Upstream.Structural Require Export All.
From LeanSharp.Upstream.Witnesses Require Export All.
