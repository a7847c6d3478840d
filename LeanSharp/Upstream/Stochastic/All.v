(** * LeanSharp.Upstream.Stochastic.All — upstream LeanSharp: oracles, schedules and rates, concentration, infinite width, Robbins–Monro, heavy tails

    Imports every file of the folder:
    - [Assumptions]: upstream LeanSharp/Stochastic/Convergence/Assumptions.lean
    - [Concentration]: upstream LeanSharp/Theory/Concentration.lean
    - [HeavyTail]: upstream LeanSharp/Stochastic/Convergence/HeavyTail.lean
    - [InfiniteLimit]: upstream LeanSharp/Theory/InfiniteLimit.lean
    - [Integrability]: upstream LeanSharp/Stochastic/Foundations/Integrability.lean
    - [Oracles]: upstream LeanSharp/Stochastic/Foundations/Oracles.lean
    - [Rate]: upstream LeanSharp/Stochastic/Rate.lean
    - [RobbinsMonro]: upstream LeanSharp/Stochastic/Foundations/RobbinsMonro.lean
    - [SchedulesNonconvex]: upstream LeanSharp/Stochastic/Foundations/Schedules/Nonconvex.lean
    - [SchedulesSamNonconvex]: upstream LeanSharp/Stochastic/Foundations/Schedules/SamNonconvex.lean
    - [SchedulesStronglyConvex]: upstream LeanSharp/Stochastic/Foundations/Schedules/StronglyConvex.lean *)

From LeanSharp.Upstream.Stochastic Require Export
  Assumptions Concentration HeavyTail InfiniteLimit Integrability Oracles Rate RobbinsMonro SchedulesNonconvex SchedulesSamNonconvex SchedulesStronglyConvex.
