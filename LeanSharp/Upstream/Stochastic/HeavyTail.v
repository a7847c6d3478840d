(** * LeanSharp.Upstream.Stochastic.HeavyTail — upstream LeanSharp/Stochastic/Convergence/HeavyTail.lean

    Upstream's two theorems conclude ALMOST-SURE convergence of f(w_t) from a
    supermartingale hypothesis (E[f(w_{t+1}) | ℱ_t] ≤ f(w_t), uniformly L¹-bounded) plus a
    polynomial-tail oracle on the increments; the tail oracle is not used by the proof (it
    is Doob's convergence theorem). The tail oracles themselves are translated in
    [Upstream.Stochastic.Oracles] (any probability space), and the library's own heavy-tail results are
    [Stochastic.HeavyTails].

    Equal: none.
    Weaker: none.
    Open:
    - [zsharp_heavy_tail_convergence] — a.s. convergence of f(w_t) for a supermartingale
      objective: needs Doob's L¹-bounded supermartingale convergence theorem (the upcrossing
      inequality), hence countable additivity / monotone convergence, which the library's
      probability spaces ([Core.Expectation.prob_space]: a linear, monotone, normalised
      expectation with conditional expectations) do not assume.
    - [zsharp_heavy_tail_convergence_of_alpha_stable] — the same through
      alpha_stable_is_non_gaussian (done: [Upstream.Stochastic.Oracles]); same missing layer. *)

From LeanSharp.Upstream.Stochastic Require Import Oracles.
